#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace shiftdesk::test {
namespace {

std::vector<char*> Argv(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

std::string ReadAll(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

}  // namespace

CliResult RunCli(const std::vector<std::string>& args, const std::string& input,
                 const std::vector<std::string>& extra_env) {
    std::vector<std::string> full{SHIFTDESK_BINARY};
    full.insert(full.end(), args.begin(), args.end());
    std::string out_file = "/tmp/shiftdesk-cli-XXXXXX";
    std::string err_file = "/tmp/shiftdesk-cli-XXXXXX";
    const int out_fd = mkstemp(out_file.data());
    const int err_fd = mkstemp(err_file.data());
    int in_pipe[2];
    if (out_fd < 0 || err_fd < 0 || pipe(in_pipe) != 0) throw std::runtime_error("RunCli: cannot set up");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        close(in_pipe[1]);
        for (const auto& e : extra_env) putenv(const_cast<char*>(e.c_str()));
        auto argv = Argv(full);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    if (!input.empty()) (void)!write(in_pipe[1], input.data(), input.size());
    close(in_pipe[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    lseek(out_fd, 0, SEEK_SET);
    lseek(err_fd, 0, SEEK_SET);
    r.out = ReadAll(out_fd);
    r.err = ReadAll(err_fd);
    close(out_fd);
    close(err_fd);
    unlink(out_file.c_str());
    unlink(err_file.c_str());
    return r;
}

Announced StartAnnounced(std::vector<std::string> args, const std::vector<std::string>& env,
                         const std::string& log_path, std::chrono::milliseconds patience) {
    std::vector<std::string> child_env = env;  // putenv keeps the pointers: they must outlive the exec
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("StartAnnounced: pipe failed");
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    Announced out;
    out.pid = fork();
    if (out.pid == 0) {
        dup2(out_pipe[1], 1);
        dup2(log_fd, 2);
        close(out_pipe[0]);
        for (auto& e : child_env) putenv(e.data());
        auto argv = Argv(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(log_fd);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (out.line.find('\n') == std::string::npos) {
        pollfd p{out_pipe[0], POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buf[256];
        const ssize_t n = read(out_pipe[0], buf, sizeof buf);
        if (n <= 0) break;
        out.line.append(buf, static_cast<std::size_t>(n));
    }
    close(out_pipe[0]);
    out.line = out.line.substr(0, out.line.find('\n'));
    return out;
}

ServerProcess::ServerProcess(std::string db_path, std::vector<std::string> extra_args,
                             std::vector<std::string> extra_env, std::vector<std::string> wrapper)
    : db_path_(std::move(db_path)),
      extra_args_(std::move(extra_args)),
      extra_env_(std::move(extra_env)),
      wrapper_(std::move(wrapper)),
      log_path_(db_path_ + ".server.log") {
    Start();
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) Kill();
}

void ServerProcess::Start() {
    std::vector<std::string> args{SHIFTDESK_BINARY,  "serve",     "--listen", "127.0.0.1:0", "--db", db_path_,
                                  "--no-access-log", "--threads", "2"};
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    args.insert(args.begin(), wrapper_.begin(), wrapper_.end());
    // Wait for "shiftdesk listening on http://127.0.0.1:PORT".
    auto started = StartAnnounced(std::move(args), extra_env_, log_path_, std::chrono::seconds(30));
    pid_ = started.pid;
    const std::string& line = started.line;
    const auto colon = line.rfind(':');
    if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
        Kill();
        throw std::runtime_error("the server did not start: " + line + "\n" + Log());
    }
    port_ = std::stoi(line.substr(colon + 1));
}

int ServerProcess::Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void ServerProcess::Restart() {
    if (pid_ > 0) Stop();
    Start();
}

std::string ServerProcess::Log() const {
    std::ifstream in(log_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace shiftdesk::test
