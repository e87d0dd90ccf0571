// A protocol peer for tests (an SMTP server, a PBX's manager interface) run as a child process: it binds a port,
// prints it as its first line on stdout, and serves until stopped. Not thread-safe; one test owns it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace shiftdesk::test {

class PeerProcess {
 public:
    // `args` is the command line; an argument "{port}" becomes "0" on the first start (the peer picks a free port)
    // and the port it printed on a restart, so clients configured with it find the peer again.
    // Throws std::runtime_error when the peer prints no port within 20 s (with what it wrote to stderr).
    explicit PeerProcess(std::vector<std::string> args);
    ~PeerProcess();
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;

    int port() const { return port_; }
    bool running() const { return pid_ > 0; }
    // SIGTERM and wait.
    void Stop();
    // Starts it again on the same port (after Stop).
    void Restart();
    // What the peer wrote to stderr so far.
    std::string Log() const;

 private:
    void Start();

    std::vector<std::string> args_;
    std::string log_path_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// /usr/bin/python3: Debian's interpreter, which sees Debian's python3-* packages (aiosmtpd, openpyxl, icalendar).
inline constexpr const char* kDebianPython = "/usr/bin/python3";

// The absolute path of a file in tests/fakes/.
std::string FakePath(const std::string& name);

}  // namespace shiftdesk::test
