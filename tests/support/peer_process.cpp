#include "support/peer_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/process.hpp"

namespace shiftdesk::test {

PeerProcess::PeerProcess(std::vector<std::string> args) : args_(std::move(args)) {
    char name[] = "/tmp/shiftdesk-peer-XXXXXX";
    const int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    log_path_ = name;
    Start();
}

PeerProcess::~PeerProcess() {
    Stop();
    unlink(log_path_.c_str());
}

void PeerProcess::Start() {
    std::vector<std::string> args = args_;
    for (auto& a : args) {
        if (a == "{port}") a = std::to_string(port_);
    }
    auto started = StartAnnounced(std::move(args), {}, log_path_, std::chrono::seconds(20));
    pid_ = started.pid;
    const std::string& line = started.line;
    const int port = std::atoi(line.c_str());
    if (port <= 0) {
        Stop();
        throw std::runtime_error("the test peer " + args_.front() + " printed no port: '" + line + "'\n" + Log());
    }
    port_ = port;
}

void PeerProcess::Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void PeerProcess::Restart() {
    Stop();
    Start();
}

std::string PeerProcess::Log() const {
    std::ifstream in(log_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string FakePath(const std::string& name) { return std::string(SHIFTDESK_TEST_FAKES_DIR) + "/" + name; }

}  // namespace shiftdesk::test
