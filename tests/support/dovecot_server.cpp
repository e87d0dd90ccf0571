#include "support/dovecot_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace shiftdesk::test {
namespace {

constexpr const char* kDovecot = "/usr/sbin/dovecot";
constexpr const char* kLda = "/usr/lib/dovecot/dovecot-lda";
constexpr const char* kDoveadm = "/usr/bin/doveadm";

struct Ran {
    int status = -1;     // the exit code, or 128 + the signal
    std::string output;  // stdout and stderr together
};

// Runs `args` (args[0] a path) with `input` on stdin and waits for it.
Ran Run(std::vector<std::string> args, const std::string& input = "") {
    char out_name[] = "/tmp/shiftdesk-dovecot-out-XXXXXX";
    const int out_fd = mkstemp(out_name);
    int in_pipe[2];
    if (out_fd < 0 || pipe(in_pipe) != 0) throw std::runtime_error("cannot run " + args.front());
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_fd, 1);
        dup2(out_fd, 2);
        close(in_pipe[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    // A child that exits before reading everything must not kill the test with SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    for (std::size_t at = 0; at < input.size();) {
        const ssize_t n = write(in_pipe[1], input.data() + at, input.size() - at);
        if (n <= 0) break;
        at += static_cast<std::size_t>(n);
    }
    close(in_pipe[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    Ran ran;
    ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(out_name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ran.output = ss.str();
    close(out_fd);
    unlink(out_name);
    return ran;
}

// A port nobody listens on now (the kernel's pick for port 0). Another process may take it before Dovecot binds
// it; Start tries again with a new one when Dovecot cannot listen.
int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof at;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&at), size) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&at), &size) != 0) {
        throw std::runtime_error("no free port");
    }
    close(fd);
    return ntohs(at.sin_port);
}

bool Listening(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    at.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0;
    close(fd);
    return ok;
}

// Whether a process of group `group` still runs. Not kill(-group, 0): that also counts zombies, which stay when the
// process that inherited the master's children does not reap them.
bool GroupAlive(pid_t group) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        std::ifstream in(entry.path() / "stat");
        std::string stat;
        if (!std::getline(in, stat)) continue;
        // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so read after the last ')'.
        const auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(stat.substr(close + 1));
        char state = 0;
        long parent = 0;
        long pgrp = 0;
        if (fields >> state >> parent >> pgrp && pgrp == group && state != 'Z' && state != 'X') return true;
    }
    return false;
}

}  // namespace

DovecotServer::DovecotServer(bool tls) : tls_(tls) {
    if (access(kDovecot, X_OK) != 0) {
        throw std::runtime_error(std::string(kDovecot) +
                                 " is missing: install dovecot-imapd (scripts/install-deps.sh)");
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "shiftdesk-dovecot-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    // As root, Dovecot reads and writes mail as nobody, who must reach the Maildirs.
    chmod(dir_.c_str(), 0755);
    std::filesystem::create_directories(dir_ + "/run");
    std::filesystem::create_directories(dir_ + "/mail");
    chmod((dir_ + "/mail").c_str(), 0777);
    if (tls_) {
        const Ran made = Run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                              dir_ + "/key.pem", "-out", certificate_path(), "-days", "2", "-subj", "/CN=localhost",
                              "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"});
        if (made.status != 0) throw std::runtime_error("openssl could not make a certificate: " + made.output);
    }
    Start(false);
}

DovecotServer::~DovecotServer() {
    Stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string DovecotServer::Url(const std::string& mailbox) const {
    return "imap://127.0.0.1:" + std::to_string(port_) + "/" + mailbox;
}

std::string DovecotServer::TlsUrl(const std::string& mailbox) const {
    return "imaps://127.0.0.1:" + std::to_string(tls_port_) + "/" + mailbox;
}

std::string DovecotServer::Listeners() const {
    std::string text = "  inet_listener imap {\n    port = " + std::to_string(port_) + "\n  }\n";
    // Without TLS the imaps listener is switched off (port 0), as Dovecot would otherwise open 993.
    text += "  inet_listener imaps {\n    port = " + std::to_string(tls_ ? tls_port_ : 0) + "\n    ssl = yes\n  }\n";
    return text;
}

void DovecotServer::WriteConfig() const {
    std::ofstream conf(Conf());
    conf << "protocols = imap\n"
         << "listen = 127.0.0.1\n"
         << "base_dir = " << dir_ << "/run\n"
         << "state_dir = " << dir_ << "/run\n"
         << "log_path = " << dir_ << "/dovecot.log\n"
         << (tls_ ? "ssl = yes\nssl_cert = <" + certificate_path() + "\nssl_key = <" + dir_ + "/key.pem\n"
                  : std::string("ssl = no\n"))
         << "disable_plaintext_auth = no\n"
         // A refused login answers at once rather than after Dovecot's 2 s (which grows with repeated failures).
         << "auth_failure_delay = 0\n"
         << "mail_location = maildir:" << dir_ << "/mail/%u\n"
         << "passdb {\n  driver = static\n  args = password=" << kPassword << "\n}\n";
    if (geteuid() == 0) {
        conf << "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=" << dir_ << "/mail/%u\n}\n"
             << "service imap-login {\n"
             << Listeners() << "}\n";
    } else {
        // Without root nothing can change user or chroot: every process runs as the test's user.
        const passwd* user = getpwuid(geteuid());
        const group* grp = getgrgid(getegid());
        const std::string user_name = user ? user->pw_name : std::to_string(geteuid());
        const std::string group_name = grp ? grp->gr_name : std::to_string(getegid());
        conf << "default_internal_user = " << user_name << "\n"
             << "default_internal_group = " << group_name << "\n"
             << "default_login_user = " << user_name << "\n"
             << "first_valid_uid = 1\n"
             << "userdb {\n  driver = static\n  args = uid=" << geteuid() << " gid=" << getegid() << " home=" << dir_
             << "/mail/%u\n}\n"
             << "service imap-login {\n  chroot =\n"
             << Listeners() << "}\n"
             << "service anvil {\n  chroot =\n}\n";
    }
}

void DovecotServer::Start(bool same_port) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!same_port) {
            port_ = FreePort();
            if (tls_) {
                do {
                    tls_port_ = FreePort();
                } while (tls_port_ == port_);
            }
        }
        WriteConfig();
        const std::string log = dir_ + "/master.out";
        pid_ = fork();
        if (pid_ == 0) {
            // Its own process group, which its children join: Stop ends them all, open connections included.
            setpgid(0, 0);
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            // -F: in the foreground, so the test owns the master's pid and can wait for it.
            execl(kDovecot, kDovecot, "-F", "-c", Conf().c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (Listening(port_) && (!tls_ || Listening(tls_port_))) return;
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;  // it could not start (the port taken in the meantime): try another port
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (pid_ > 0) break;
    }
    const std::string log = Log();
    Stop();
    throw std::runtime_error("Dovecot did not start:\n" + log);
}

void DovecotServer::Stop() {
    if (pid_ <= 0) return;
    // The whole group: the master alone would leave imap processes serving their connections for a while.
    kill(-pid_, SIGTERM);
    // A master stopped while it is still starting its services can take seconds to exit; nothing here needs a clean
    // shutdown (Maildir and Dovecot's indexes survive a kill), so it gets half a second.
    const auto patience = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    while (waitpid(pid_, nullptr, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= patience) {
            kill(-pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (GroupAlive(pid_) && std::chrono::steady_clock::now() < deadline) {
        kill(-pid_, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
}

void DovecotServer::Restart() {
    Stop();
    Start(true);
}

void DovecotServer::Deliver(const std::string& raw, const std::string& user) const {
    const Ran ran = Run({kLda, "-c", Conf(), "-d", user, "-f", "customer@example.test"}, raw);
    if (ran.status != 0) {
        throw std::runtime_error("dovecot-lda failed (" + std::to_string(ran.status) + "): " + ran.output + Log());
    }
}

std::string DovecotServer::Flags(std::uint32_t uid, const std::string& user) const {
    const Ran ran =
        Run({kDoveadm, "-c", Conf(), "fetch", "-u", user, "flags", "mailbox", "INBOX", "uid", std::to_string(uid)});
    const std::string prefix = "flags: ";
    const auto at = ran.output.find(prefix);
    if (ran.status != 0 || at == std::string::npos) {
        throw std::runtime_error("doveadm fetch found no message UID " + std::to_string(uid) + ": " + ran.output);
    }
    std::string flags = ran.output.substr(at + prefix.size());
    flags = flags.substr(0, flags.find('\n'));
    while (!flags.empty() && flags.back() == ' ') flags.pop_back();
    return flags;
}

void DovecotServer::SetUidValidity(std::uint32_t uidvalidity, const std::string& user) const {
    const Ran ran = Run({kDoveadm, "-c", Conf(), "mailbox", "update", "-u", user, "--uid-validity",
                         std::to_string(uidvalidity), "INBOX"});
    if (ran.status != 0) throw std::runtime_error("doveadm mailbox update failed: " + ran.output);
}

void DovecotServer::Expunge(std::uint32_t uid, const std::string& user) const {
    const Ran ran =
        Run({kDoveadm, "-c", Conf(), "expunge", "-u", user, "mailbox", "INBOX", "uid", std::to_string(uid)});
    if (ran.status != 0) throw std::runtime_error("doveadm expunge failed: " + ran.output);
}

void DovecotServer::SetNextUid(std::uint32_t uid, const std::string& user) const {
    const Ran ran =
        Run({kDoveadm, "-c", Conf(), "mailbox", "update", "-u", user, "--min-next-uid", std::to_string(uid), "INBOX"});
    if (ran.status != 0) throw std::runtime_error("doveadm mailbox update failed: " + ran.output);
}

std::string DovecotServer::Log() const {
    std::string all;
    for (const char* name : {"/master.out", "/dovecot.log"}) {
        std::ifstream in(dir_ + name);
        std::stringstream ss;
        ss << in.rdbuf();
        all += ss.str();
    }
    return all;
}

}  // namespace shiftdesk::test
