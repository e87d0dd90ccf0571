// Sends one message over SMTP with libcurl's easy interface and sorts the outcome into accepted / retry / permanent.
// Thread-safe: each call owns its curl handle; libcurl's global setup runs once.
#include "notify/smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
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

SendResult Refuse(std::string detail) { return {SendOutcome::kPermanent, 0, std::move(detail)}; }

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

SendOutcome Classify(CURLcode rc, long code) {
    if (rc == CURLE_OK) {
        if (code >= 200 && code < 300) return SendOutcome::kAccepted;
        return code >= 500 ? SendOutcome::kPermanent : SendOutcome::kRetry;
    }
    switch (rc) {
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_NOT_BUILT_IN:
        case CURLE_BAD_FUNCTION_ARGUMENT:
            return SendOutcome::kPermanent;
        default:
            break;
    }
    // A refused command (RCPT TO, MAIL FROM, DATA, AUTH) surfaces as a send/receive/login error; the server's
    // reply code says whether it was temporary. Without one (connect refused, timeout, TLS failure) it may be.
    if (code >= 500 && code < 600) return SendOutcome::kPermanent;
    return SendOutcome::kRetry;
}

}  // namespace

SendResult SendMail(const SmtpSettings& settings, std::string_view envelope_from,
                    const std::vector<std::string>& recipients, std::string_view message) {
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
    if (!curl) return {SendOutcome::kRetry, 0, "curl_easy_init failed"};
    std::unique_ptr<curl_slist, ListFree> rcpt;
    for (const auto& r : recipients) {
        curl_slist* appended = curl_slist_append(rcpt.get(), ("<" + r + ">").c_str());
        if (!appended) return {SendOutcome::kRetry, 0, "out of memory"};
        if (!rcpt) rcpt.reset(appended);
    }

    const long timeout = settings.timeout_seconds > 0 ? settings.timeout_seconds : 30;
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
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(timeout, 30L));
    // No SIGALRM-based DNS timeouts: they are not safe with threads.
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);

    const CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);

    SendResult result;
    result.outcome = Classify(rc, code);
    result.smtp_code = code;
    if (result.outcome != SendOutcome::kAccepted) {
        std::string detail = curl_easy_strerror(rc);
        if (error[0] != '\0') detail += std::string(": ") + error;
        if (code != 0) detail += " (SMTP " + std::to_string(code) + ")";
        result.detail = WithoutSecret(std::move(detail), settings.password);
    }
    return result;
}

}  // namespace shiftdesk::notify
