#include "http/handlers/handler_support.hpp"

#include <charconv>

namespace shiftdesk::http {

Query::Query(const Exchange& ex) {
    for (const auto& [k, v] : ex.query) {
        if (!values_.emplace(k, v).second) duplicates_.push_back(k);
    }
}

std::optional<std::string> Query::Get(std::string_view name) {
    seen_.emplace(name);
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

Result<std::optional<std::int64_t>> Query::GetInt(std::string_view name, std::int64_t min, std::int64_t max) {
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

Result<void> Query::NoOthers() const {
    if (!duplicates_.empty()) return Invalid(duplicates_.front(), "query parameter " + duplicates_.front() + " is given twice");
    for (const auto& [k, v] : values_) {
        if (!seen_.contains(k)) return Invalid(k, "unknown query parameter " + k);
    }
    return {};
}

Awaitable Fail(Services& s, const Exchange& ex, Error error) {
    if (!error.audit_action.empty()) {
        const Error refusal = error;
        (void)co_await Await<bool>([&](app::Done<bool> done) { s.desk.AuditRefusal(ex.actor(), refusal, done); });
    }
    co_return ErrorResponse(ex.request, error);
}

}  // namespace shiftdesk::http
