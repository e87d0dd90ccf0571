#include "cli/policy_file.hpp"

#include <toml++/toml.h>

#include "common/civil_time.hpp"

namespace shiftdesk::cli {
namespace {

Result<void> ReadInt(const toml::table& t, std::string_view key, int min, int max, int& out) {
    const toml::node* node = t.get(key);
    if (!node) return {};
    const auto v = node->value<std::int64_t>();
    if (!v || *v < min || *v > max) {
        return Invalid("policy." + std::string(key), "policy." + std::string(key) + " must be a whole number from " +
                                                         std::to_string(min) + " to " + std::to_string(max));
    }
    out = static_cast<int>(*v);
    return {};
}

}  // namespace

Result<policy::Settings> LoadPolicy(const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        return MakeError(ErrorCode::kMalformed, path + ": " + std::string(e.description()) + " at line " +
                                                    std::to_string(e.source().begin.line));
    }
    policy::Settings s;
    for (const auto& [key, value] : doc) {
        if (key.str() != "policy")
            return Invalid(std::string(key.str()), path + ": unknown section " + std::string(key.str()));
    }
    const toml::table* p = doc["policy"].as_table();
    if (!p) return s;
    for (const auto& [key, value] : *p) {
        static constexpr std::string_view kKnown[] = {"off_queue_max_hours", "old_ticket_days",   "routing",
                                                      "open_ticket_cap",     "request_ttl_hours", "time_zone",
                                                      "leave_max_days"};
        if (std::find(std::begin(kKnown), std::end(kKnown), key.str()) == std::end(kKnown)) {
            return Invalid("policy." + std::string(key.str()), path + ": unknown key policy." + std::string(key.str()));
        }
    }
    SD_CHECK(ReadInt(*p, "off_queue_max_hours", 1, 24, s.off_queue_max_hours));
    SD_CHECK(ReadInt(*p, "old_ticket_days", 1, 3650, s.old_ticket_days));
    SD_CHECK(ReadInt(*p, "open_ticket_cap", 1, 10000, s.open_ticket_cap));
    SD_CHECK(ReadInt(*p, "request_ttl_hours", 1, 24 * 365, s.request_ttl_hours));
    SD_CHECK(ReadInt(*p, "leave_max_days", 1, 366, s.leave_max_days));
    if (const toml::node* zone = p->get("time_zone")) {
        const auto name = zone->value<std::string>();
        if (!name)
            return Invalid("policy.time_zone",
                           "policy.time_zone must be an IANA time zone name, e.g. \"Europe/Paris\"");
        SD_CHECK(TimeZone::Find(*name, "policy.time_zone"));
        s.time_zone = *name;
    }
    if (const toml::node* routing = p->get("routing")) {
        const auto name = routing->value<std::string>();
        const auto mode = name ? domain::ValueOf(policy::kRoutingNames, *name) : std::nullopt;
        if (!mode) return Invalid("policy.routing", "policy.routing must be " + domain::Choices(policy::kRoutingNames));
        s.routing = *mode;
    }
    return s;
}

}  // namespace shiftdesk::cli
