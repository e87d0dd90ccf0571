// Use cases by feature, as the includes show it: outside app/ only the server's wiring includes the aggregate of
// every module, each handler includes the features it serves and no others, and no http/ header includes a feature.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace shiftdesk::app {
namespace {

namespace fs = std::filesystem;

const fs::path kSrc = fs::path(SHIFTDESK_SOURCE_DIR) / "src";

// The app/ headers a source file includes, e.g. {"app/tickets.hpp"}.
std::set<std::string> AppIncludes(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    static const std::regex kInclude(R"re(#include "(app/[a-z_]+\.hpp)")re");
    std::set<std::string> found;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kInclude); it != std::sregex_iterator(); ++it) {
        found.insert((*it)[1].str());
    }
    return found;
}

TEST(ModulesBoundary, OutsideAppOnlyTheServersWiringIncludesEveryModule) {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(kSrc)) {
        if (!e.is_regular_file()) continue;
        const std::string rel = fs::relative(e.path(), kSrc).generic_string();
        if (rel.starts_with("app/")) continue;
        if (AppIncludes(e.path()).contains("app/modules.hpp")) found.push_back(rel);
    }
    EXPECT_EQ(found, std::vector<std::string>{"cli/serve.cpp"});
}

TEST(ModulesBoundary, EachHandlerIncludesOnlyTheFeaturesItServes) {
    // Meta answers health (the runner), moves the test clock (the due work) and flushes refused reads (the audit).
    const std::map<std::string, std::set<std::string>> expected = {
        {"calls.cpp", {"app/calendar.hpp", "app/calls.hpp", "app/training.hpp"}},
        {"handler_support.cpp", {"app/refusal_audit.hpp"}},
        {"handoff.cpp", {"app/handoff.hpp"}},
        {"leaves.cpp", {"app/leaves.hpp"}},
        {"meta.cpp", {"app/command_runner.hpp", "app/due_work.hpp", "app/refusal_audit.hpp"}},
        {"people.cpp", {"app/people.hpp", "app/training.hpp"}},
        {"requests.cpp", {"app/requests.hpp", "app/tickets.hpp"}},
        {"sla.cpp", {"app/notifications.hpp", "app/sla.hpp"}},
        {"tickets.cpp", {"app/command_runner.hpp", "app/tickets.hpp"}},
    };
    std::map<std::string, std::set<std::string>> actual;
    for (const auto& e : fs::directory_iterator(kSrc / "http" / "handlers")) {
        if (e.path().extension() == ".cpp") actual[e.path().filename().string()] = AppIncludes(e.path());
    }
    EXPECT_EQ(actual, expected);
}

TEST(ModulesBoundary, NoHttpHeaderIncludesAFeature) {
    for (const auto& e : fs::recursive_directory_iterator(kSrc / "http")) {
        if (e.path().extension() != ".hpp") continue;
        for (const auto& h : AppIncludes(e.path())) {
            EXPECT_EQ(h, "app/done.hpp") << e.path().generic_string() << " includes " << h
                                         << ": a header every handler sees would bring a feature to all of them";
        }
    }
}

}  // namespace
}  // namespace shiftdesk::app
