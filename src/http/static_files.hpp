// The built web UI (web/dist) served at "/": files by path with their content types, the app's index.html for any
// other page path (the UI routes in the browser), fingerprinted assets cached for a year, everything else
// revalidated by entity tag. Thread-safe (reads the files on each request; the OS caches them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/exchange.hpp"

namespace shiftdesk::http {

// A response for GET/HEAD `path` from `dir`, or nullopt when the path is not the UI's (API paths) so the router
// answers it. A path that climbs out of `dir` or names a missing file with an extension is a 404.
std::optional<Response> ServeStatic(const std::string& dir, const Request& req, std::string_view path);

}  // namespace shiftdesk::http
