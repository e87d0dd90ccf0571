// docs/openapi.yaml describes the API other clients rely on: every route in the route table must be in it, with
// its method and its query parameters, and it must describe no route the server does not have.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

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

}  // namespace
}  // namespace shiftdesk::http
