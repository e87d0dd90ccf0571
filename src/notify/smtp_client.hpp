// Sends one finished message over SMTP (libcurl): smtp:// with STARTTLS when the server offers it (or required),
// or smtps:// (implicit TLS), with RFC 5321's patience for slow replies. Blocking: call it from the outbox's own
// thread, never from an I/O thread. Thread-safe (each call has its own curl handle).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/delivery.hpp"

namespace shiftdesk::notify {

struct SmtpSettings {
    std::string url;  // "smtp://host:port" or "smtps://host:port"; a path, if any, is the EHLO name
    std::string username;  // empty: no AUTH
    std::string password;
    bool require_tls = false;  // smtp:// only: refuse to send unless STARTTLS succeeds
    std::string ca_file;       // a CA bundle to trust instead of the system's (tests use a self-signed one)
    // Name resolution and the TCP connection: a host that does not answer at all is given up on quickly.
    int connect_timeout_seconds = 30;
    // Each reply, the greeting included. RFC 5321 4.5.3.2 lets a server take up to 10 minutes to answer the end of
    // the message (and 5 for the greeting, MAIL and RCPT); giving up sooner, after the server may have taken the
    // message, is how a slow server gets the same message again on every retry.
    int reply_timeout_seconds = 600;
    // The whole attempt, from connecting to the last reply. The outbox leases a message for longer than this, so no
    // second attempt can start while one may still be running.
    int attempt_timeout_seconds = 900;
};

// The longest one SendMail call can take with these settings (the lease of a claimed message must outlast it).
std::chrono::seconds LongestAttempt(const SmtpSettings& settings);

struct SendResult {
    DeliveryOutcome outcome = DeliveryOutcome::kRetry;
    long smtp_code = 0;  // the server's last reply code, 0 when there was none
    std::string detail;  // what went wrong, for the log and the outbox row; never contains the password
};

// REQUIRES: `message` has CRLF line ends (RenderMessage); envelope addresses are bare addr-specs (no <>).
// `stop`, when given, is checked about once a second: raising it ends the attempt as kInterrupted.
SendResult SendMail(const SmtpSettings& settings, std::string_view envelope_from,
                    const std::vector<std::string>& recipients, std::string_view message,
                    const std::atomic<bool>* stop = nullptr);

}  // namespace shiftdesk::notify
