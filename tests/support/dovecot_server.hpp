// A throwaway Dovecot IMAP server for tests: its own directory, loopback only, no TLS, on a free port; any user
// name logs in with one password, each user its own Maildir. Messages arrive through dovecot-lda, flags and
// UIDVALIDITY are read and changed with doveadm (beside the IMAP connection under test, so they check it
// independently). Runs as root (mail stored as nobody) or as any other user (everything as that user). A failed
// login is answered at once, but Dovecot's auth penalty delays each further one from 127.0.0.1 by seconds.
// Not thread-safe; one test or one suite owns it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace shiftdesk::test {

class DovecotServer {
 public:
    static constexpr const char* kUser = "support@desk.test";
    static constexpr const char* kPassword = "Imap-Pa55word-7c1e";

    // Starts it. With `tls`, it also offers STARTTLS on port() and implicit TLS on tls_port(), with a self-signed
    // certificate for 127.0.0.1 (certificate_path()). Throws std::runtime_error (with Dovecot's log) when it does not
    // listen within 10 s.
    explicit DovecotServer(bool tls = false);
    ~DovecotServer();
    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    int port() const { return port_; }
    int tls_port() const { return tls_port_; }
    std::string certificate_path() const { return dir_ + "/cert.pem"; }
    // "imap://127.0.0.1:PORT/INBOX".
    std::string Url(const std::string& mailbox = "INBOX") const;
    // "imaps://127.0.0.1:TLS_PORT/INBOX".
    std::string TlsUrl(const std::string& mailbox = "INBOX") const;

    // Delivers one message into `user`'s INBOX with dovecot-lda (works while the server is stopped too).
    // Throws std::runtime_error when dovecot-lda fails.
    void Deliver(const std::string& raw, const std::string& user = kUser) const;
    // The message's flags as doveadm reads them from the mailbox ("\Seen", "" when none); throws when there is no
    // such message.
    std::string Flags(std::uint32_t uid, const std::string& user = kUser) const;
    // Gives `user`'s INBOX a new UIDVALIDITY, as a restored or re-created mailbox would have.
    void SetUidValidity(std::uint32_t uidvalidity, const std::string& user = kUser) const;

    // Removes message `uid` from `user`'s INBOX at once (doveadm expunge), as another mail client may.
    void Expunge(std::uint32_t uid, const std::string& user = kUser) const;
    // Makes the next message delivered to `user`'s INBOX get UID `uid` (or higher): a mailbox with gaps in its UIDs.
    void SetNextUid(std::uint32_t uid, const std::string& user = kUser) const;

    // SIGTERM to the master and wait: the port is closed when this returns.
    void Stop();
    // Starts again on the same port, with the same mail (after Stop).
    void Restart();
    bool running() const { return pid_ > 0; }
    // Dovecot's log so far.
    std::string Log() const;

 private:
    void Start(bool same_port);
    void WriteConfig() const;
    std::string Listeners() const;
    std::string Conf() const { return dir_ + "/dovecot.conf"; }

    std::string dir_;
    bool tls_ = false;
    pid_t pid_ = -1;
    int port_ = 0;
    int tls_port_ = 0;
};

}  // namespace shiftdesk::test
