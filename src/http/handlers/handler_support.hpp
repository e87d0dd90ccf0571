// What the thin handlers share: the body as fields, query parameters read strictly, and answering with a result
// or its error (auditing a refusal that a read produced).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>

#include "http/await.hpp"
#include "http/exchange.hpp"
#include "http/json_body.hpp"

namespace shiftdesk::http {

using Awaitable = boost::asio::awaitable<Response>;

// Query parameters by name. The router has already refused names the route does not declare, and repeats.
class Query {
 public:
    explicit Query(const Exchange& ex);
    std::optional<std::string> Get(std::string_view name) const;
    Result<std::optional<std::int64_t>> GetInt(std::string_view name, std::int64_t min, std::int64_t max) const;

 private:
    std::map<std::string, std::string, std::less<>> values_;
};

// Commands without fields: the body must be empty or `{}`; any field is refused as unknown.
Result<void> EmptyBody(const Exchange& ex);

// The error as a response; a refusal found by a read (no transaction of its own) is written to the audit trail.
Awaitable Fail(Services& s, const Exchange& ex, Error error);

// Reads and auto-audits: turns Result<T> into the response made by `view`, or the error.
template <class T, class View>
Awaitable Answer(Services& s, const Exchange& ex, Result<T> result, bhttp::status status, View view) {
    if (!result) co_return co_await Fail(s, ex, result.error());
    co_return JsonResponse(ex.request, status, view(*result));
}

}  // namespace shiftdesk::http
