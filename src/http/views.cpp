#include "http/views.hpp"

#include "common/time.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

json::value OptId(const std::optional<std::int64_t>& id) { return id ? json::value(*id) : json::value(nullptr); }
json::string Name(std::string_view s) { return json::string(s); }

json::value ParsedOrEmpty(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value(json::object{}) : v;
}

}  // namespace

json::value TimeJson(Millis t) { return json::string(FormatRfc3339(t)); }
json::value OptTimeJson(const std::optional<Millis>& t) { return t ? TimeJson(*t) : json::value(nullptr); }

json::object UserJson(const domain::User& u) {
    return {{"id", u.id},
            {"login", u.login},
            {"name", u.name},
            {"email", u.email},
            {"role", Name(domain::ToString(u.role))},
            {"active", u.active},
            {"created_at", TimeJson(u.created_at)}};
}

json::object EntryJson(const domain::ThreadEntry& e) {
    json::object author{{"id", OptId(e.author_id)}, {"name", e.author_name}};
    if (!e.author_email.empty()) author["email"] = e.author_email;
    return {{"id", e.id},
            {"ticket_id", e.ticket_id},
            {"kind", Name(domain::ToString(e.kind))},
            // Private notes are staff-only (R10): every view says so, so no client mistakes one for a reply.
            {"visibility", e.kind == domain::EntryKind::kNote ? "private" : "public"},
            {"author", std::move(author)},
            {"body", e.body},
            {"created_at", TimeJson(e.created_at)}};
}

json::object EventJson(const store::EventRow& row) {
    const domain::Event& e = row.event;
    json::object o{{"id", e.id},
                   {"at", TimeJson(e.at)},
                   {"actor", e.actor_id ? json::value(json::object{{"id", *e.actor_id}, {"login", row.actor_login}})
                                        : json::value(nullptr)},
                   {"action", e.action},
                   {"ticket_id", OptId(e.ticket_id)},
                   {"request_id", OptId(e.request_id)},
                   {"outcome", Name(domain::NameOf(domain::kOutcomeNames, e.outcome))},
                   {"rule", e.rule.empty() ? json::value(nullptr) : json::value(json::string(e.rule))},
                   {"before", ParsedOrEmpty(row.before_json)},
                   {"after", ParsedOrEmpty(row.after_json)}};
    if (!e.message.empty()) o["message"] = e.message;
    return o;
}

}  // namespace shiftdesk::http
