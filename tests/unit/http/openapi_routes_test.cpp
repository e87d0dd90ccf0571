// docs/openapi.yaml describes the API other clients rely on: every route in the route table must be in it, with
// its method, its query parameters and the statuses the server can answer it with, and it must describe no route the
// server does not have.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "http/exchange.hpp"
#include "http/router.hpp"

namespace shiftdesk::http {
namespace {

// path -> methods, read from the `paths:` section (two-space path keys, four-space method keys).
std::map<std::string, std::set<std::string>> DocumentedRoutes(const std::string& yaml) {
    std::map<std::string, std::set<std::string>> routes;
    std::istringstream in(yaml);
    std::string line, path;
    bool in_paths = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.starts_with("paths:");
        if (!in_paths) continue;
        if (line.starts_with("  /") && line.back() == ':') {
            path = line.substr(2, line.size() - 3);
            routes[path];
        } else if (line.starts_with("    ") && !line.starts_with("     ") && !path.empty()) {
            const std::string key = line.substr(4, line.find(':') - 4);
            for (const char* m : {"get", "post", "patch", "put", "delete"}) {
                if (key == m) routes[path].insert(key);
            }
        }
    }
    return routes;
}

// "path method" -> the statuses its `responses:` list, read like DocumentedRoutes (six-space `responses:`, eight-space
// status keys).
std::map<std::string, std::set<int>> DocumentedStatuses(const std::string& yaml) {
    std::map<std::string, std::set<int>> statuses;
    std::istringstream in(yaml);
    std::string line, path, operation;
    bool in_paths = false, in_responses = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.starts_with("paths:");
        if (!in_paths || line.find_first_not_of(' ') == std::string::npos) continue;
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == 2) {
            path = line.substr(2, line.size() - 3);
            operation.clear();
        } else if (indent == 4) {
            operation = path + " " + line.substr(4, line.find(':') - 4);
            in_responses = false;
        } else if (indent == 6) {
            in_responses = line == "      responses:";
        } else if (indent == 8 && in_responses && !operation.empty() && line.size() >= 14 && line[8] == '"' &&
                   line[12] == '"') {
            statuses[operation].insert(std::stoi(line.substr(9, 3)));
        }
    }
    return statuses;
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

TEST(OpenApi, DocumentsExactlyTheRoutesTheServerHas) {
    std::ifstream file(std::string(SHIFTDESK_SOURCE_DIR) + "/docs/openapi.yaml");
    ASSERT_TRUE(file) << "docs/openapi.yaml is missing";
    std::stringstream text;
    text << file.rdbuf();
    auto documented = DocumentedRoutes(text.str());
    ASSERT_FALSE(documented.empty());

    std::map<std::string, std::set<std::string>> served;
    for (const Route& r : ApiRoutes(true)) served[std::string(r.pattern)].insert(Lower(bhttp::to_string(r.method)));
    for (const auto& [path, methods] : served) {
        ASSERT_TRUE(documented.contains(path)) << path << " is served but not in docs/openapi.yaml";
        EXPECT_EQ(documented[path], methods) << "methods of " << path;
    }
    for (const auto& [path, methods] : documented) {
        EXPECT_TRUE(served.contains(path)) << path << " is documented but not served";
    }
}

TEST(OpenApi, NamesEveryQueryParameterARouteReads) {
    std::ifstream file(std::string(SHIFTDESK_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream text;
    text << file.rdbuf();
    for (const Route& r : ApiRoutes(true)) {
        for (auto name : r.query) {
            EXPECT_NE(text.str().find("name: " + std::string(name)), std::string::npos)
                << "query parameter " << name << " of " << r.pattern;
        }
    }
}

// What the server can answer to any request for a route, whatever the endpoint does: the statuses decided before a
// handler runs (server.cpp, router.cpp, auth.cpp) and the one after it (a throw). A status the server answers must be
// in the spec on every operation that can get it.
TEST(OpenApi, ListsEveryStatusTheServerAnswersOnEveryOperation) {
    std::ifstream file(std::string(SHIFTDESK_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream text;
    text << file.rdbuf();
    auto documented = DocumentedStatuses(text.str());
    ASSERT_FALSE(documented.empty());
    for (const Route& r : ApiRoutes(true)) {
        const std::string operation = std::string(r.pattern) + " " + Lower(bhttp::to_string(r.method));
        std::set<int> expected = {
            400,  // a malformed request target or malformed HTTP; a body that is not JSON
            405,  // another method on the same path
            413,  // a body over the limit, on any request
            422,  // a query parameter the route does not declare
            431,  // headers over the limit
            500,  // anything thrown
            503,  // over the connection cap (server.cpp), or storage busy
        };
        // Any change may meet a full disk.
        if (r.method != bhttp::verb::get) expected.insert(507);
        if (r.access == Access::kSignedIn) {
            expected.insert(401);
            // A cookie session must come to the desk's public host (any request) and send the CSRF token and a
            // same-origin Origin with anything that changes state.
            expected.insert(403);
        }
        if (std::string_view(r.pattern).find('{') != std::string_view::npos) expected.insert(404);  // a wrong id
        const auto& listed = documented[operation];
        for (int status : expected) {
            EXPECT_TRUE(listed.contains(status)) << operation << " does not list " << status << " in docs/openapi.yaml";
        }
    }
}

// Every status an Error can become, and the one the server writes itself (431), is documented somewhere.
TEST(OpenApi, ListsEveryStatusAnErrorCanBecome) {
    std::ifstream file(std::string(SHIFTDESK_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream text;
    text << file.rdbuf();
    std::set<int> anywhere;
    for (const auto& [operation, statuses] : DocumentedStatuses(text.str()))
        anywhere.insert(statuses.begin(), statuses.end());
    std::set<int> answered = {431};
    const Request req{bhttp::verb::get, "/", 11};
    // kInternal ends the list of codes (common/result.hpp); keep it last there.
    for (int code = 0; code <= static_cast<int>(ErrorCode::kInternal); ++code) {
        answered.insert(ErrorResponse(req, MakeError(static_cast<ErrorCode>(code), "x")).result_int());
    }
    for (int status : answered) EXPECT_TRUE(anywhere.contains(status)) << status << " is in no operation";
}

}  // namespace
}  // namespace shiftdesk::http
