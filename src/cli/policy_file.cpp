#include "cli/policy_file.hpp"

#include <toml++/toml.h>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "common/civil_time.hpp"
#include "common/text.hpp"
#include "notify/mail_message.hpp"

namespace shiftdesk::cli {
namespace {

std::string Join(std::string_view a, std::string_view b) {
    return a.empty() ? std::string(b) : std::string(a) + "." + std::string(b);
}

// Every key of a table must be known: a misspelt setting is an error, not a silent default.
Result<void> OnlyKnown(const toml::table& t, std::string_view where, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : t) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            return Invalid(Join(where, key.str()), "unknown setting " + Join(where, key.str()));
        }
    }
    return {};
}

Result<void> ReadInt(const toml::table& t, std::string_view where, std::string_view key, int min, int max, int& out) {
    const toml::node* node = t.get(key);
    if (!node) return {};
    const auto v = node->value<std::int64_t>();
    if (!node->is_integer() || !v || *v < min || *v > max) {
        return Invalid(Join(where, key), Join(where, key) + " must be a whole number from " + std::to_string(min) +
                                             " to " + std::to_string(max));
    }
    out = static_cast<int>(*v);
    return {};
}

Result<std::optional<std::string>> ReadString(const toml::table& t, std::string_view where, std::string_view key) {
    const toml::node* node = t.get(key);
    if (!node) return std::optional<std::string>{};
    if (!node->is_string()) return Invalid(Join(where, key), Join(where, key) + " must be a string");
    return std::optional<std::string>{*node->value<std::string>()};
}

// "HH:MM"
std::optional<int> ClockMinutes(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    const auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1; };
    for (std::size_t i : {0u, 1u, 3u, 4u}) {
        if (digit(i) < 0) return std::nullopt;
    }
    const int h = digit(0) * 10 + digit(1);
    const int m = digit(3) * 10 + digit(4);
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

Result<void> ReadPolicy(const toml::table& p, policy::Settings& s) {
    constexpr std::string_view w = "policy";
    SD_CHECK(OnlyKnown(p, w,
                       {"off_queue_max_hours", "old_ticket_days", "routing", "open_ticket_cap", "request_ttl_hours",
                        "leave_max_days"}));  // leave_max_days: also [leave] max_days
    SD_CHECK(ReadInt(p, w, "off_queue_max_hours", 1, 24, s.off_queue_max_hours));
    SD_CHECK(ReadInt(p, w, "old_ticket_days", 1, 3650, s.old_ticket_days));
    SD_CHECK(ReadInt(p, w, "open_ticket_cap", 1, 10000, s.open_ticket_cap));
    SD_CHECK(ReadInt(p, w, "request_ttl_hours", 1, 24 * 365, s.request_ttl_hours));
    SD_CHECK(ReadInt(p, w, "leave_max_days", 1, 366, s.leave_max_days));
    if (auto name = SD_TRY(ReadString(p, w, "routing"))) {
        const auto mode = domain::ValueOf(policy::kRoutingNames, *name);
        if (!mode) return Invalid("policy.routing", "policy.routing must be " + domain::Choices(policy::kRoutingNames));
        s.routing = *mode;
    }
    return {};
}

Result<void> ReadCalendar(const toml::table& t, domain::BusinessCalendar& cal) {
    constexpr std::string_view w = "calendar";
    SD_CHECK(OnlyKnown(t, w, {"time_zone", "hours", "holidays"}));
    if (auto zone = SD_TRY(ReadString(t, w, "time_zone"))) {
        SD_CHECK(TimeZone::Find(*zone, "calendar.time_zone"));
        cal.time_zone = *zone;
    }
    if (const toml::node* node = t.get("hours")) {
        const toml::table* hours = node->as_table();
        if (!hours) return Invalid("calendar.hours", "calendar.hours is a table: mon = \"09:00-17:00\", ...");
        static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        SD_CHECK(OnlyKnown(*hours, "calendar.hours", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}));
        for (std::size_t i = 0; i < 7; ++i) {
            const std::string field = Join("calendar.hours", kDays[i]);
            const auto text = SD_TRY(ReadString(*hours, "calendar.hours", kDays[i]));
            if (!text) continue;
            if (text->empty() || *text == "closed") {
                cal.week[i] = {};
                continue;
            }
            const auto dash = text->find('-');
            const auto open = dash == std::string::npos ? std::nullopt : ClockMinutes(text->substr(0, dash));
            const auto close = dash == std::string::npos ? std::nullopt : ClockMinutes(text->substr(dash + 1));
            if (!open || !close || *close <= *open) {
                return Invalid(field, field + " must be \"HH:MM-HH:MM\" with the end after the start, or \"closed\"");
            }
            cal.week[i] = {*open, *close};
        }
    }
    if (std::none_of(cal.week.begin(), cal.week.end(), [](const auto& h) { return h.Works(); })) {
        return Invalid("calendar.hours", "calendar.hours has no working day: business time would never pass");
    }
    if (const toml::node* node = t.get("holidays")) {
        const toml::array* days = node->as_array();
        if (!days) return Invalid("calendar.holidays", "calendar.holidays is a list of dates: [\"2026-12-25\"]");
        cal.holidays.clear();
        for (const auto& d : *days) {
            const auto text = d.value<std::string>();
            const auto day = text && d.is_string() ? ParseIsoDate(*text) : std::nullopt;
            if (!day) {
                return Invalid("calendar.holidays", "calendar.holidays holds a day that does not exist: " +
                                                        (text ? "\"" + *text + "\"" : std::string("a non-date")) +
                                                        " (use YYYY-MM-DD)");
            }
            cal.holidays.push_back(*day);
        }
        std::sort(cal.holidays.begin(), cal.holidays.end());
        cal.holidays.erase(std::unique(cal.holidays.begin(), cal.holidays.end()), cal.holidays.end());
    }
    return {};
}

Result<void> ReadSla(const toml::table& t, policy::SlaPolicy& sla) {
    constexpr std::string_view w = "sla";
    SD_CHECK(OnlyKnown(t, w, {"default_plan", "critical_percent", "warn_percent", "promise_warning_minutes", "plans"}));
    SD_CHECK(ReadInt(t, w, "critical_percent", 1, 100, sla.critical_percent));
    SD_CHECK(ReadInt(t, w, "warn_percent", 1, 99, sla.warn_percent));
    SD_CHECK(ReadInt(t, w, "promise_warning_minutes", 0, 24 * 60, sla.promise_warning_minutes));
    if (const toml::node* node = t.get("plans")) {
        const toml::table* plans = node->as_table();
        if (!plans) return Invalid("sla.plans", "sla.plans is a table of plans");
        sla.plans.clear();
        for (const auto& [name, value] : *plans) {
            const std::string where = Join("sla.plans", name.str());
            const toml::table* plan = value.as_table();
            if (!plan) return Invalid(where, where + " is a table: low = [first response, next update, resolution]");
            SD_CHECK(OnlyKnown(*plan, where, {"low", "normal", "high", "urgent"}));
            std::array<policy::SlaTarget, 4> targets;
            for (const auto& [priority, level] : domain::kPriorityNames) {
                const std::string field = Join(where, level);
                const toml::array* row = plan->get_as<toml::array>(level);
                if (!row || row->size() != 3 || !std::all_of(row->begin(), row->end(), [](const toml::node& n) {
                        return n.is_integer() && *n.value<std::int64_t>() >= 0 &&
                               *n.value<std::int64_t>() <= 365 * 24 * 60;
                    })) {
                    return Invalid(field, field +
                                              " must be three business-minute targets: [first response, next "
                                              "update, resolution] (0 for none)");
                }
                const auto at = [&](std::size_t i) { return static_cast<int>(*(*row)[i].value<std::int64_t>()); };
                targets[static_cast<std::size_t>(priority)] = {at(0), at(1), at(2)};
            }
            sla.plans[std::string(name.str())] = targets;
        }
    }
    if (auto plan = SD_TRY(ReadString(t, w, "default_plan"))) sla.default_plan = *plan;
    if (!sla.KnowsPlan(sla.default_plan)) {
        return Invalid("sla.default_plan", "sla.default_plan \"" + sla.default_plan + "\" is not one of sla.plans");
    }
    return {};
}

// A list of whole numbers from min to max, kept largest first without repeats ("[15, 5]": reminders before a time).
Result<void> ReadIntList(const toml::table& t, std::string_view where, std::string_view key, int min, int max,
                         std::string_view example, std::vector<int>& out) {
    const toml::node* node = t.get(key);
    if (!node) return {};
    const toml::array* list = node->as_array();
    std::vector<int> values;
    if (list) {
        for (const auto& m : *list) {
            const auto v = m.value<std::int64_t>();
            if (!m.is_integer() || !v || *v < min || *v > max) {
                list = nullptr;
                break;
            }
            values.push_back(static_cast<int>(*v));
        }
    }
    if (!list) {
        return Invalid(Join(where, key), Join(where, key) + " is a list of whole numbers from " + std::to_string(min) +
                                             " to " + std::to_string(max) + ": " + std::string(example));
    }
    std::sort(values.rbegin(), values.rend());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    out = std::move(values);
    return {};
}

Result<void> ReadCalls(const toml::table& t, policy::Settings& s) {
    SD_CHECK(OnlyKnown(t, "calls", {"reminder_minutes", "join_opens_minutes", "grace_minutes"}));
    SD_CHECK(ReadInt(t, "calls", "join_opens_minutes", 0, 24 * 60, s.call_join_opens_minutes));
    SD_CHECK(ReadInt(t, "calls", "grace_minutes", 0, 60, s.call_grace_minutes));
    return ReadIntList(t, "calls", "reminder_minutes", 1, 7 * 24 * 60, "[15, 5]", s.call_reminder_minutes);
}

Result<void> ReadLeave(const toml::table& t, policy::Settings& s, bool max_days_in_policy) {
    SD_CHECK(OnlyKnown(t, "leave", {"max_days", "reminder_days"}));
    if (max_days_in_policy && t.contains("max_days")) {
        return Invalid("leave.max_days", "leave.max_days and policy.leave_max_days say the same thing: keep one");
    }
    SD_CHECK(ReadInt(t, "leave", "max_days", 1, 366, s.leave_max_days));
    return ReadIntList(t, "leave", "reminder_days", 1, 60, "[2, 1]", s.leave_reminder_days);
}

Result<void> ReadMail(const toml::table& t, MailConfig& m) {
    constexpr std::string_view w = "mail";
    if (t.contains("timeout_seconds")) {
        return Invalid("mail.timeout_seconds",
                       "mail.timeout_seconds is replaced by connect_timeout_seconds, reply_timeout_seconds (RFC 5321: "
                       "600, the reply to the end of a message may take ten minutes) and attempt_timeout_seconds");
    }
    SD_CHECK(OnlyKnown(
        t, w,
        {"smtp_url", "username", "password", "require_tls", "ca_file", "connect_timeout_seconds",
         "reply_timeout_seconds", "attempt_timeout_seconds", "max_attempts", "from", "from_name", "team_address",
         "support_address", "max_inbound_per_sender_per_hour", "imap_url", "imap_username", "imap_password",
         "imap_poll_seconds"}));
    if (auto v = SD_TRY(ReadString(t, w, "smtp_url"))) m.smtp.url = *v;
    if (auto v = SD_TRY(ReadString(t, w, "username"))) m.smtp.username = *v;
    if (auto v = SD_TRY(ReadString(t, w, "password"))) m.smtp.password = *v;
    if (auto v = SD_TRY(ReadString(t, w, "ca_file"))) m.smtp.ca_file = *v;
    if (auto v = SD_TRY(ReadString(t, w, "from"))) m.from = *v;
    if (auto v = SD_TRY(ReadString(t, w, "from_name"))) m.from_name = *v;
    if (auto v = SD_TRY(ReadString(t, w, "team_address"))) m.team_address = *v;
    if (auto v = SD_TRY(ReadString(t, w, "support_address"))) m.support_address = *v;
    SD_CHECK(ReadInt(t, w, "max_inbound_per_sender_per_hour", 1, 100000, m.max_inbound_per_sender_per_hour));
    if (auto v = SD_TRY(ReadString(t, w, "imap_url"))) m.imap.url = *v;
    if (auto v = SD_TRY(ReadString(t, w, "imap_username"))) m.imap.username = *v;
    if (auto v = SD_TRY(ReadString(t, w, "imap_password"))) m.imap.password = *v;
    SD_CHECK(ReadInt(t, w, "imap_poll_seconds", 1, 3600, m.imap_poll_seconds));
    SD_CHECK(ReadInt(t, w, "connect_timeout_seconds", 1, 300, m.smtp.connect_timeout_seconds));
    SD_CHECK(ReadInt(t, w, "reply_timeout_seconds", 1, 3600, m.smtp.reply_timeout_seconds));
    SD_CHECK(ReadInt(t, w, "attempt_timeout_seconds", 1, 4 * 3600, m.smtp.attempt_timeout_seconds));
    SD_CHECK(ReadInt(t, w, "max_attempts", 1, 1000, m.max_attempts));
    // An attempt that cannot wait for a whole reply cuts the slowest one short: the bug of a second copy per retry.
    if (m.smtp.attempt_timeout_seconds < m.smtp.reply_timeout_seconds) {
        const std::string at_least = std::to_string(m.smtp.reply_timeout_seconds);
        return Invalid("mail.attempt_timeout_seconds", "mail.attempt_timeout_seconds must be at least "
                                                       "mail.reply_timeout_seconds (" +
                                                           at_least + "): an attempt must be able to wait for a reply");
    }
    if (const toml::node* node = t.get("require_tls")) {
        if (!node->is_boolean()) return Invalid("mail.require_tls", "mail.require_tls must be true or false");
        m.smtp.require_tls = *node->value<bool>();
    }
    return {};
}

Result<void> ReadPhone(const toml::table& t, PhoneConfig& p) {
    constexpr std::string_view w = "phone";
    SD_CHECK(OnlyKnown(t, w,
                       {"driver", "ami_host", "ami_port", "ami_username", "ami_secret", "ami_family", "ami_timeout_ms",
                        "max_attempts"}));
    if (auto name = SD_TRY(ReadString(t, w, "driver"))) {
        const auto driver = domain::ValueOf(domain::kPhoneDriverNames, *name);
        if (!driver) return Invalid("phone.driver", "phone.driver must be " + domain::Choices(domain::kPhoneDriverNames));
        p.driver = *driver;
    }
    if (auto v = SD_TRY(ReadString(t, w, "ami_host"))) p.ami.host = *v;
    if (auto v = SD_TRY(ReadString(t, w, "ami_username"))) p.ami.username = *v;
    if (auto v = SD_TRY(ReadString(t, w, "ami_secret"))) p.ami.secret = *v;
    if (auto v = SD_TRY(ReadString(t, w, "ami_family"))) p.ami.family = *v;
    SD_CHECK(ReadInt(t, w, "ami_port", 1, 65535, p.ami.port));
    SD_CHECK(ReadInt(t, w, "ami_timeout_ms", 50, 60000, p.ami.timeout_ms));
    SD_CHECK(ReadInt(t, w, "max_attempts", 1, 1000, p.max_attempts));
    if (p.driver == domain::PhoneDriverKind::kAsteriskAmi && p.ami.username.empty()) {
        return Invalid("phone.ami_username", "phone.driver asterisk_ami needs phone.ami_username (and ami_secret)");
    }
    return {};
}

Result<void> ReadServer(const toml::table& t, ServerConfig& server) {
    constexpr std::string_view w = "server";
    SD_CHECK(OnlyKnown(t, w, {"max_connections", "idle_timeout_seconds", "public_url"}));
    if (t.contains("max_connections")) {
        int n = 0;
        SD_CHECK(ReadInt(t, w, "max_connections", 16, 1'000'000, n));
        server.max_connections = n;
    }
    SD_CHECK(ReadInt(t, w, "idle_timeout_seconds", 5, 3600, server.idle_timeout_seconds));
    if (auto v = SD_TRY(ReadString(t, w, "public_url"))) {
        SD_CHECK(CheckPublicUrl(*v));
        server.public_url = *v;
    }
    return {};
}

// Sign-in throttling. Times are whole seconds, minutes or days in the file and milliseconds inside.
Result<void> ReadLogin(const toml::table& t, app::LoginThrottleSettings& l) {
    constexpr std::string_view w = "login";
    SD_CHECK(OnlyKnown(t, w,
                       {"free_failures", "first_delay_seconds", "login_max_delay_seconds", "address_max_delay_seconds",
                        "notify_after", "forget_after_minutes", "trusted_days", "max_tracked"}));
    const auto read = [&](std::string_view key, int min, int max, Millis unit, Millis& out) -> Result<void> {
        int value = static_cast<int>(out / unit);
        SD_CHECK(ReadInt(t, w, key, min, max, value));
        out = value * unit;
        return {};
    };
    SD_CHECK(ReadInt(t, w, "free_failures", 1, 100, l.free_failures));
    SD_CHECK(read("first_delay_seconds", 1, 3600, kSecond, l.first_delay));
    SD_CHECK(read("login_max_delay_seconds", 1, 3600, kSecond, l.login_max_delay));
    SD_CHECK(read("address_max_delay_seconds", 1, 24 * 3600, kSecond, l.address_max_delay));
    SD_CHECK(ReadInt(t, w, "notify_after", 1, 1000, l.notify_after));
    SD_CHECK(read("forget_after_minutes", 1, 7 * 24 * 60, kMinute, l.forget_after));
    SD_CHECK(read("trusted_days", 0, 365, kDay, l.trust_for));
    SD_CHECK(ReadInt(t, w, "max_tracked", 100, 1'000'000, l.max_tracked));
    for (const auto& [key, cap] : {std::pair<std::string_view, Millis>{"login_max_delay_seconds", l.login_max_delay},
                                   {"address_max_delay_seconds", l.address_max_delay}}) {
        if (cap < l.first_delay) {
            return Invalid(Join(w, key), Join(w, key) + " must be at least login.first_delay_seconds");
        }
    }
    return {};
}

}  // namespace

Result<void> CheckPublicUrl(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    const bool ok = parsed && (parsed->scheme() == "https" || parsed->scheme() == "http") && parsed->has_authority() &&
                    !parsed->host().empty() && !parsed->has_userinfo() && !parsed->has_query() &&
                    !parsed->has_fragment() && (parsed->path().empty() || parsed->path() == "/");
    if (!ok) {
        return Invalid("server.public_url",
                       "server.public_url must be the desk's origin, like \"https://desk.example.org\" or "
                       "\"http://10.0.0.5:8080\" (no path, query or login)");
    }
    return {};
}

Result<DeskConfig> LoadConfig(const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        return MakeError(ErrorCode::kMalformed, path + ": " + std::string(e.description()) + " at line " +
                                                    std::to_string(e.source().begin.line));
    }
    DeskConfig config;
    policy::Settings& s = config.policy;
    auto read = [&]() -> Result<void> {
        SD_CHECK(OnlyKnown(doc, "",
                           {"policy", "calendar", "sla", "calls", "training", "leave", "dates", "mail", "phone",
                            "server", "login"}));
        const auto section = [&](std::string_view name) -> Result<const toml::table*> {
            const toml::node* node = doc.get(name);
            if (!node) return static_cast<const toml::table*>(nullptr);
            if (!node->is_table()) return Invalid(std::string(name), std::string(name) + " must be a [section]");
            return node->as_table();
        };
        if (const auto* p = SD_TRY(section("policy"))) SD_CHECK(ReadPolicy(*p, s));
        if (const auto* c = SD_TRY(section("calendar"))) SD_CHECK(ReadCalendar(*c, s.calendar));
        if (const auto* t = SD_TRY(section("sla"))) SD_CHECK(ReadSla(*t, s.sla));
        if (const auto* t = SD_TRY(section("calls"))) SD_CHECK(ReadCalls(*t, s));
        if (const auto* t = SD_TRY(section("training"))) {
            SD_CHECK(OnlyKnown(*t, "training", {"open_max_minutes"}));
            SD_CHECK(ReadInt(*t, "training", "open_max_minutes", 1, 24 * 60, s.training_open_max_minutes));
        }
        if (const auto* t = SD_TRY(section("leave"))) {
            const auto* p = SD_TRY(section("policy"));
            SD_CHECK(ReadLeave(*t, s, p && p->contains("leave_max_days")));
        }
        if (const auto* t = SD_TRY(section("dates"))) {
            SD_CHECK(OnlyKnown(*t, "dates", {"max_days_back", "max_days_ahead"}));
            SD_CHECK(ReadInt(*t, "dates", "max_days_back", 0, 3650, s.dates.max_days_back));
            SD_CHECK(ReadInt(*t, "dates", "max_days_ahead", 1, 3650, s.dates.max_days_ahead));
        }
        if (const auto* t = SD_TRY(section("mail"))) SD_CHECK(ReadMail(*t, config.mail));
        if (const auto* t = SD_TRY(section("phone"))) SD_CHECK(ReadPhone(*t, config.phone));
        if (const auto* t = SD_TRY(section("server"))) SD_CHECK(ReadServer(*t, config.server));
        if (const auto* t = SD_TRY(section("login"))) SD_CHECK(ReadLogin(*t, config.login));
        return {};
    }();
    if (!read) {
        Error e = read.error();
        e.message = path + ": " + e.message;
        return e;
    }
    return config;
}

Result<void> ApplyEnvironment(DeskConfig& config) {
    const auto env = [](const char* name, std::string& out) {
        if (const char* v = std::getenv(name); v && *v) out = v;
    };
    MailConfig& m = config.mail;
    env("SHIFTDESK_SMTP_URL", m.smtp.url);
    env("SHIFTDESK_SMTP_USER", m.smtp.username);
    env("SHIFTDESK_SMTP_PASSWORD", m.smtp.password);
    env("SHIFTDESK_MAIL_FROM", m.from);
    env("SHIFTDESK_TEAM_ADDRESS", m.team_address);
    env("SHIFTDESK_SUPPORT_ADDRESS", m.support_address);
    env("SHIFTDESK_IMAP_URL", m.imap.url);
    env("SHIFTDESK_IMAP_USER", m.imap.username);
    env("SHIFTDESK_IMAP_PASSWORD", m.imap.password);
    env("SHIFTDESK_AMI_SECRET", config.phone.ami.secret);
    const std::string scheme = ToLowerAscii(m.smtp.url.substr(0, m.smtp.url.find("://") + 3));
    if (!m.smtp.url.empty() && scheme != "smtp://" && scheme != "smtps://") {
        return Invalid("mail.smtp_url", "mail.smtp_url (SHIFTDESK_SMTP_URL) must start with smtp:// or smtps://");
    }
    if (!m.from.empty() && !notify::IsMailAddress(m.from)) {
        return Invalid("mail.from", "mail.from (SHIFTDESK_MAIL_FROM) must be a plain address like desk@example.org");
    }
    if (config.phone.driver == domain::PhoneDriverKind::kAsteriskAmi && config.phone.ami.secret.empty()) {
        return Invalid("phone.ami_secret", "phone.driver asterisk_ami needs phone.ami_secret (or SHIFTDESK_AMI_SECRET)");
    }
    if (!m.team_address.empty() && !notify::IsMailAddress(m.team_address)) {
        return Invalid("mail.team_address",
                       "mail.team_address (SHIFTDESK_TEAM_ADDRESS) must be a plain address like team@example.org");
    }
    const std::string imap_scheme = ToLowerAscii(m.imap.url.substr(0, m.imap.url.find("://") + 3));
    if (!m.imap.url.empty() && imap_scheme != "imap://" && imap_scheme != "imaps://") {
        return Invalid("mail.imap_url", "mail.imap_url (SHIFTDESK_IMAP_URL) must start with imap:// or imaps://");
    }
    if (!m.support_address.empty() && !notify::IsMailAddress(m.support_address)) {
        return Invalid("mail.support_address", "mail.support_address (SHIFTDESK_SUPPORT_ADDRESS) must be a plain "
                                               "address like support@example.org");
    }
    return {};
}

std::optional<DeskConfig> LoadDeskConfig(const std::string& path) {
    DeskConfig config;
    if (!path.empty()) {
        auto loaded = LoadConfig(path);
        if (!loaded) {
            std::cerr << "error: " << loaded.error().message << "\n";
            return std::nullopt;
        }
        config = std::move(*loaded);
    }
    if (auto env = ApplyEnvironment(config); !env) {
        std::cerr << "error: " << env.error().message << "\n";
        return std::nullopt;
    }
    return config;
}

app::DeskOptions DeskOptionsFor(const DeskConfig& config) {
    app::DeskOptions options;
    options.policy = config.policy;
    options.mail = {config.mail.from, config.mail.from_name, config.mail.team_address};
    options.mail_in.support_address = config.mail.support_address;
    options.mail_in.max_per_sender_per_hour = config.mail.max_inbound_per_sender_per_hour;
    options.phone_driver = config.phone.driver;
    options.mail_max_attempts = config.mail.max_attempts;
    options.phone_max_attempts = config.phone.max_attempts;
    options.login = config.login;
    return options;
}

}  // namespace shiftdesk::cli
