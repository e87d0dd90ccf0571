#include "http/handlers/handler_support.hpp"

#include <charconv>

#include "app/refusal_audit.hpp"

namespace shiftdesk::http {

Query::Query(const Exchange& ex) : values_(ex.query.begin(), ex.query.end()) {}

std::optional<std::string> Query::Get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

Result<std::optional<std::int64_t>> Query::GetInt(std::string_view name, std::int64_t min, std::int64_t max) const {
    auto text = Get(name);
    if (!text) return std::optional<std::int64_t>{};
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc{} || end != text->data() + text->size() || v < min || v > max) {
        return Invalid(std::string(name), std::string(name) + " must be an integer from " + std::to_string(min) +
                                              " to " + std::to_string(max));
    }
    return std::optional<std::int64_t>{v};
}

Awaitable Fail(Services& s, const Exchange& ex, Error error) {
    if (error.audited()) {
        const Error refusal = error;
        (void)co_await Await<bool>([&](app::Done<bool> done) { s.audit.AuditRefusal(ex.actor(), refusal, done); });
    }
    co_return ErrorResponse(ex.request, error);
}

Result<void> EmptyBody(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    return Fields(body).NoOthers();
}

}  // namespace shiftdesk::http
