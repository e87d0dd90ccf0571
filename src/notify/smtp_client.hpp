// Sends one finished message over SMTP (libcurl): smtp:// with STARTTLS when the server offers it (or required),
// or smtps:// (implicit TLS). Blocking: call it from the outbox's own thread, never from an I/O thread.
// Thread-safe (each call has its own curl handle).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shiftdesk::notify {

struct SmtpSettings {
    std::string url;  // "smtp://host:port" or "smtps://host:port"; a path, if any, is the EHLO name
    std::string username;  // empty: no AUTH
    std::string password;
    bool require_tls = false;  // smtp:// only: refuse to send unless STARTTLS succeeds
    std::string ca_file;       // a CA bundle to trust instead of the system's (tests use a self-signed one)
    int timeout_seconds = 30;
};

enum class SendOutcome {
    kAccepted,   // the server answered 250 to the message: it is the server's now
    kRetry,      // could not connect, timed out, 4xx: try again later
    kPermanent,  // 5xx, or a setting that cannot work (bad URL): trying again will not help
};

struct SendResult {
    SendOutcome outcome = SendOutcome::kRetry;
    long smtp_code = 0;  // the server's last reply code, 0 when there was none
    std::string detail;  // what went wrong, for the log and the outbox row; never contains the password
};

// REQUIRES: `message` has CRLF line ends (RenderMessage); envelope addresses are bare addr-specs (no <>).
SendResult SendMail(const SmtpSettings& settings, std::string_view envelope_from,
                    const std::vector<std::string>& recipients, std::string_view message);

}  // namespace shiftdesk::notify
