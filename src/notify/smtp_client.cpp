// Sends one message over SMTP with libcurl's easy interface and sorts the outcome into accepted / retry / permanent.
// Thread-safe: each call owns its curl handle; libcurl's global setup runs once.
#include "notify/smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>

#include "common/text.hpp"
#include "notify/mail_message.hpp"

namespace shiftdesk::notify {
namespace {

// curl_global_init is not thread-safe and must precede any other call; the outbox may run several senders.
void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyFree {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

SendResult Refuse(std::string detail) { return {DeliveryOutcome::kPermanent, 0, std::move(detail)}; }

// libcurl counts the greeting, EHLO, STARTTLS and AUTH as part of connecting, so CURLOPT_CONNECTTIMEOUT cannot give
// a short limit to the TCP connection alone without also cutting RFC 5321's five minutes for the greeting. The
// progress callback (about once a second, also while connecting and while waiting for a reply) does it instead,
// answers the caller's stop, and holds the attempt's deadline where CURLOPT_TIMEOUT does not: libcurl waits for
// the reply to QUIT while it closes the connection, even after a timeout.
struct Watch {
    CURL* curl = nullptr;
    const std::atomic<bool>* stop = nullptr;
    std::chrono::steady_clock::time_point connect_by;
    std::chrono::steady_clock::time_point attempt_by;
    bool connect_timed_out = false;
    bool attempt_timed_out = false;
    bool stopped = false;
};

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* watch = static_cast<Watch*>(user);
    if (watch->stop && watch->stop->load()) {
        watch->stopped = true;
        return 1;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= watch->attempt_by) {
        watch->attempt_timed_out = true;
        return 1;
    }
    curl_off_t connected_after = 0;  // microseconds from the start to the TCP connection; 0 until then
    curl_easy_getinfo(watch->curl, CURLINFO_CONNECT_TIME_T, &connected_after);
    if (connected_after == 0 && now >= watch->connect_by) {
        watch->connect_timed_out = true;
        return 1;
    }
    return 0;
}

// The password should never reach curl's messages, but a URL with credentials in it, or a server echoing what it
// was sent, could put it there; the detail ends up in logs and the outbox table.
std::string WithoutSecret(std::string text, const std::string& secret) {
    if (secret.empty()) return text;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "***");
        at += 3;
    }
    return text;
}

DeliveryOutcome Classify(CURLcode rc, long code) {
    if (rc == CURLE_OK) {
        if (code >= 200 && code < 300) return DeliveryOutcome::kDelivered;
        return code >= 500 ? DeliveryOutcome::kPermanent : DeliveryOutcome::kRetry;
    }
    switch (rc) {
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_NOT_BUILT_IN:
        case CURLE_BAD_FUNCTION_ARGUMENT:
            return DeliveryOutcome::kPermanent;
        default:
            break;
    }
    // A refused command (RCPT TO, MAIL FROM, DATA, AUTH) surfaces as a send/receive/login error; the server's
    // reply code says whether it was temporary. Without one (connect refused, timeout, TLS failure) it may be.
    if (code >= 500 && code < 600) return DeliveryOutcome::kPermanent;
    return DeliveryOutcome::kRetry;
}

long Positive(int value, long fallback) { return value > 0 ? value : fallback; }

}  // namespace

std::chrono::seconds LongestAttempt(const SmtpSettings& settings) {
    return std::chrono::seconds(Positive(settings.attempt_timeout_seconds, SmtpSettings{}.attempt_timeout_seconds));
}

SendResult SendMail(const SmtpSettings& settings, std::string_view envelope_from,
                    const std::vector<std::string>& recipients, std::string_view message,
                    const std::atomic<bool>* stop) {
    const std::string scheme = ToLowerAscii(std::string_view(settings.url).substr(0, 8));
    if (!scheme.starts_with("smtp://") && !scheme.starts_with("smtps://")) {
        return Refuse("the SMTP URL must start with smtp:// or smtps://");
    }
    if (HasControlChars(settings.url)) return Refuse("the SMTP URL has control characters");
    // Checked here, not left to the server: a CR or LF in an envelope address would be a command of its own.
    if (!IsMailAddress(envelope_from)) return Refuse("the envelope sender is not a mail address");
    if (recipients.empty()) return Refuse("no recipients");
    for (const auto& r : recipients) {
        if (!IsMailAddress(r)) return Refuse("a recipient is not a mail address");
    }

    GlobalInit();
    std::unique_ptr<CURL, EasyFree> curl(curl_easy_init());
    if (!curl) return {DeliveryOutcome::kRetry, 0, "curl_easy_init failed"};
    std::unique_ptr<curl_slist, ListFree> rcpt;
    for (const auto& r : recipients) {
        curl_slist* appended = curl_slist_append(rcpt.get(), ("<" + r + ">").c_str());
        if (!appended) return {DeliveryOutcome::kRetry, 0, "out of memory"};
        if (!rcpt) rcpt.reset(appended);
    }

    const SmtpSettings defaults;
    const long attempt = LongestAttempt(settings).count();
    const long reply = Positive(settings.reply_timeout_seconds, defaults.reply_timeout_seconds);
    const long connect = Positive(settings.connect_timeout_seconds, defaults.connect_timeout_seconds);
    const std::string from = "<" + std::string(envelope_from) + ">";
    Upload upload{message, 0};
    char error[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
    // Only mail: a URL from the settings must not make the desk speak another protocol.
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(settings.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
    if (!settings.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    // Three limits (RFC 5321 4.5.3.2): each reply, the whole attempt, and (in OnProgress) the TCP connection.
    // The connection phase as libcurl counts it (through AUTH) is held only by the attempt's deadline.
    curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, reply);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, attempt);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, attempt);
    const auto started = std::chrono::steady_clock::now();
    Watch watch{c, stop, started + std::chrono::seconds(connect), started + std::chrono::seconds(attempt)};
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &watch);
    // Closed inside curl_easy_perform, where OnProgress still runs, rather than later in curl_easy_cleanup, which
    // would wait for QUIT's reply behind the one the server still owes (for as long as a reply may take).
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    // No SIGALRM-based DNS timeouts: they are not safe with threads.
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);

    const CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);

    SendResult result;
    result.outcome = Classify(rc, code);
    result.smtp_code = code;
    if (rc == CURLE_ABORTED_BY_CALLBACK && watch.stopped) result.outcome = DeliveryOutcome::kInterrupted;
    if (result.outcome == DeliveryOutcome::kDelivered) return result;
    std::string detail;
    if (watch.connect_timed_out) {
        detail = "no connection within " + std::to_string(connect) + " s";
    } else if (watch.stopped) {
        detail = "stopped before the server answered";
    } else if (watch.attempt_timed_out) {
        detail = "no answer within the attempt's " + std::to_string(attempt) + " s";
    } else {
        detail = curl_easy_strerror(rc);
        if (error[0] != '\0') detail += std::string(": ") + error;
        if (rc == CURLE_OPERATION_TIMEDOUT) {
            detail +=
                " (a reply may take " + std::to_string(reply) + " s, an attempt " + std::to_string(attempt) + " s)";
        }
    }
    if (code != 0) detail += " (SMTP " + std::to_string(code) + ")";
    result.detail = WithoutSecret(std::move(detail), settings.password);
    return result;
}

}  // namespace shiftdesk::notify
