// The one place where an Error becomes an HTTP status and the error body
// {"error":{"code","message","rule"?,"field"?}}.
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

#include "common/log_limiter.hpp"
#include "http/exchange.hpp"

namespace shiftdesk::http {
namespace {

struct Mapping {
    bhttp::status status;
    std::string_view code;
};

Mapping MapCode(ErrorCode c) {
    switch (c) {
        case ErrorCode::kMalformed:
            return {bhttp::status::bad_request, "malformed"};
        case ErrorCode::kUnauthenticated:
            return {bhttp::status::unauthorized, "unauthenticated"};
        case ErrorCode::kForbidden:
            return {bhttp::status::forbidden, "forbidden"};
        case ErrorCode::kNotFound:
            return {bhttp::status::not_found, "not_found"};
        case ErrorCode::kMethodNotAllowed:
            return {bhttp::status::method_not_allowed, "method_not_allowed"};
        case ErrorCode::kConflict:
            return {bhttp::status::conflict, "conflict"};
        case ErrorCode::kTooLarge:
            return {bhttp::status::payload_too_large, "too_large"};
        case ErrorCode::kInvalid:
            return {bhttp::status::unprocessable_entity, "invalid"};
        case ErrorCode::kThrottled:
            return {bhttp::status::too_many_requests, "throttled"};
        case ErrorCode::kBusy:
            return {bhttp::status::service_unavailable, "busy"};
        case ErrorCode::kStorageFull:
            return {bhttp::status::insufficient_storage, "storage_full"};
        case ErrorCode::kUnavailable:
            return {bhttp::status::service_unavailable, "unavailable"};
        case ErrorCode::kInternal:
            break;
    }
    return {bhttp::status::internal_server_error, "internal"};
}

// What the client reads about a failure of the server's own: a plain sentence; the details go to the log.
std::string PublicMessage(const Error& error) {
    switch (error.code) {
        case ErrorCode::kInternal:
            return "internal error; the server log has the details";
        case ErrorCode::kStorageFull:
            return "the desk's storage is full, so nothing was saved; reads still work. Try again once space is freed";
        case ErrorCode::kUnavailable:
            return "the desk cannot write to its storage right now, so nothing was saved; reads still work. Try again "
                   "later";
        default:
            return error.message;
    }
}

// A 500 is a bug or an unforeseen failure: its detail must reach the log, though never a line per request in a flood.
void LogInternal(const Request& req, const Error& error) {
    static LogLimiter limiter(10'000, 20);
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
    const auto held_back = limiter.Allow(now);
    if (!held_back) return;
    const auto target = req.target();
    spdlog::error("{} {}: internal error: {}{}", std::string(req.method_string()),
                  std::string(target.substr(0, target.find('?'))), error.message,
                  *held_back > 0 ? " (" + std::to_string(*held_back) + " more not logged)" : std::string());
}

}  // namespace

Response JsonResponse(const Request& req, bhttp::status status, const boost::json::value& body) {
    return JsonResponse(req, status, JsonText{boost::json::serialize(body)});
}

Response JsonResponse(const Request& req, bhttp::status status, JsonText body) {
    Response res{status, req.version()};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body.text);
    res.prepare_payload();
    return res;
}

Response ErrorResponse(const Request& req, const Error& error) {
    const Mapping m = MapCode(error.code);
    if (error.code == ErrorCode::kInternal) LogInternal(req, error);
    const std::string message = PublicMessage(error);
    boost::json::object e{{"code", m.code}, {"message", message}};
    if (const auto rule = rule::Code(error.rule()); !rule.empty()) e["rule"] = rule;
    if (!error.field.empty()) e["field"] = error.field;
    Response res = JsonResponse(req, m.status, boost::json::object{{"error", std::move(e)}});
    if (m.status == bhttp::status::unauthorized) res.set(bhttp::field::www_authenticate, "Bearer realm=\"shiftdesk\"");
    if (error.retry_after_seconds) res.set(bhttp::field::retry_after, std::to_string(*error.retry_after_seconds));
    // Busy storage frees up in moments; a storage fault (an I/O error, a read-only file) takes an operator.
    if (error.code == ErrorCode::kBusy) res.set(bhttp::field::retry_after, "1");
    if (error.code == ErrorCode::kUnavailable) res.set(bhttp::field::retry_after, "30");
    return res;
}

Result<std::int64_t> IdParam(const Exchange& ex, std::size_t i, std::string_view what) {
    const std::string& text = ex.path_params.at(i);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        return NotFound("no " + std::string(what) + " '" + text + "'");
    }
    return id;
}

}  // namespace shiftdesk::http
