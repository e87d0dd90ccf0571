#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/url/parse.hpp>

#include "app/command_runner.hpp"
#include "http/static_files.hpp"

namespace shiftdesk::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        out.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::string>* params) {
    if (pattern.size() != path.size()) return false;
    std::vector<std::string> captured;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i].starts_with('{')) {
            captured.push_back(path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    if (params) *params = std::move(captured);
    return true;
}

}  // namespace

Router::Router(std::vector<Route> routes) {
    for (auto& r : routes) routes_.push_back(Compiled{r, Split(r.pattern)});
}

boost::asio::awaitable<Response> Router::Dispatch(Services& services, const Request& req,
                                                  const std::string& client_address) const {
    auto url = boost::urls::parse_origin_form(req.target());
    if (!url) co_return ErrorResponse(req, MakeError(ErrorCode::kMalformed, "the request target is not a valid path"));

    if (auto file = ServeStatic(services.options.static_dir, req, url->path())) co_return std::move(*file);

    std::vector<std::string> segments;
    for (auto seg : url->segments()) segments.emplace_back(seg);
    if (segments.empty()) segments.emplace_back();  // "/" is one empty segment, like the "/" pattern

    Exchange ex(req);
    ex.client_address = client_address;
    const Compiled* found = nullptr;
    std::string allowed;
    for (const auto& c : routes_) {
        std::vector<std::string> params;
        if (!Matches(c.segments, segments, &params)) continue;
        if (c.route.method == req.method() ||
            (req.method() == bhttp::verb::head && c.route.method == bhttp::verb::get)) {
            found = &c;
            ex.path_params = std::move(params);
            break;
        }
        allowed += (allowed.empty() ? "" : ", ") + std::string(bhttp::to_string(c.route.method));
        if (c.route.method == bhttp::verb::get) allowed += ", HEAD";
    }
    if (!found) {
        if (allowed.empty()) co_return ErrorResponse(req, NotFound("no such endpoint: " + std::string(url->path())));
        Response res =
            ErrorResponse(req, MakeError(ErrorCode::kMethodNotAllowed, "method not allowed; use " + allowed));
        res.set(bhttp::field::allow, allowed);
        co_return res;
    }
    for (auto param : url->params()) {
        const std::string key = param.key;
        const auto& known = found->route.query;
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            co_return ErrorResponse(req, Invalid(key, "unknown query parameter " + key));
        }
        for (const auto& [k, v] : ex.query) {
            if (k == key) co_return ErrorResponse(req, Invalid(key, "query parameter " + key + " is given twice"));
        }
        ex.query.emplace_back(key, param.value);
    }

    if (found->route.access == Access::kSignedIn) {
        if (auto signed_in = SignIn(services, ex); !signed_in) co_return ErrorResponse(req, signed_in.error());
        // Test hook (serve --test-clock only): the caller's next command throws, to prove a bug becomes a 500.
        if (services.test_clock && req.find("X-Test-Throw") != req.end()) {
            services.runner.ThrowInNextCommandOf(ex.actor().id);
        }
    }
    try {
        co_return co_await found->route.handler(services, ex);
    } catch (const std::exception& e) {
        spdlog::error("{} {}: unhandled exception: {}", std::string(req.method_string()), std::string(url->path()),
                      e.what());
    }
    co_return ErrorResponse(req, Internal("unhandled exception"));
}

}  // namespace shiftdesk::http
