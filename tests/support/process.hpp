// Runs the real shiftdesk binary: one-shot CLI commands, and the server as a child process on a free port.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace shiftdesk::test {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// A child that announces itself with its first line on stdout (a server's "listening on ...", a peer's port).
struct Announced {
    pid_t pid = -1;
    std::string line;  // what it printed before the first newline, or by the deadline; "" if nothing
};
// Starts `args` (args[0] a path) with `env` ("NAME=value") added, stderr appended to `log_path`, and waits up to
// `patience` for its first line.
Announced StartAnnounced(std::vector<std::string> args, const std::vector<std::string>& env,
                         const std::string& log_path, std::chrono::milliseconds patience);

// Runs `shiftdesk args...` with `input` on stdin; waits for it to finish.
CliResult RunCli(const std::vector<std::string>& args, const std::string& input = "",
                 const std::vector<std::string>& extra_env = {});

// `shiftdesk serve --listen 127.0.0.1:0 --db <db>`; learns the port from the line the server prints.
class ServerProcess {
 public:
    // extra_env: "NAME=value" entries added to the server's environment (mail settings, secrets). wrapper: a
    // command line the server's is appended to, which must exec it (e.g. sh -c 'ulimit -n 200; exec "$@"' sh), so
    // the server runs with the wrapper's limits or mounts and keeps its pid.
    ServerProcess(std::string db_path, std::vector<std::string> extra_args = {},
                  std::vector<std::string> extra_env = {}, std::vector<std::string> wrapper = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // SIGTERM and wait: a graceful stop. Returns the exit status.
    int Stop();
    // SIGKILL: a crash, with no chance to flush anything.
    void Kill();
    // Starts again on the same database (after Stop or Kill), on a new free port.
    void Restart();
    // What the server wrote to stderr so far.
    std::string Log() const;

 private:
    void Start();

    std::string db_path_;
    std::vector<std::string> extra_args_;
    std::vector<std::string> extra_env_;
    std::vector<std::string> wrapper_;
    std::string log_path_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace shiftdesk::test
