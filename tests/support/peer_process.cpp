#include "support/peer_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

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
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("PeerProcess: pipe failed");
    const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out_pipe[1], 1);
        dup2(log_fd, 2);
        close(out_pipe[0]);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(log_fd);
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.find('\n') == std::string::npos) {
        pollfd p{out_pipe[0], POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buf[128];
        const ssize_t n = read(out_pipe[0], buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, static_cast<std::size_t>(n));
    }
    close(out_pipe[0]);
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
