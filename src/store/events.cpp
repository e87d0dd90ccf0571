#include "store/events.hpp"

#include <boost/json.hpp>

namespace shiftdesk::store {
namespace {

boost::json::value ToJson(const domain::FieldValue& v) {
    struct Visitor {
        boost::json::value operator()(std::monostate) const { return nullptr; }
        boost::json::value operator()(std::int64_t n) const { return n; }
        boost::json::value operator()(bool b) const { return b; }
        boost::json::value operator()(const std::string& s) const { return boost::json::string(s); }
    };
    return std::visit(Visitor{}, v);
}

}  // namespace

Result<std::int64_t> AppendEvent(Conn& c, const domain::Event& e) {
    boost::json::object before, after;
    for (const auto& change : e.changes) {
        if (change.before) before[change.field] = ToJson(*change.before);
        after[change.field] = ToJson(change.after);
    }
    return c.Insert(
        "INSERT INTO events (at, actor_id, action, ticket_id, outcome, rule, message, before_json, after_json, "
        "request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {e.at, e.actor_id ? Value{*e.actor_id} : Value{nullptr}, e.action,
         e.ticket_id ? Value{*e.ticket_id} : Value{nullptr},
         std::string(domain::NameOf(domain::kOutcomeNames, e.outcome)), e.rule, e.message,
         boost::json::serialize(before), boost::json::serialize(after),
         e.request_id ? Value{*e.request_id} : Value{nullptr}});
}

Result<std::vector<EventRow>> ListEvents(Conn& c, const EventQuery& q) {
    std::string sql =
        "SELECT e.id, e.at, e.actor_id, e.action, e.ticket_id, e.outcome, e.rule, e.message, e.before_json, "
        "e.after_json, COALESCE(u.login, ''), e.request_id FROM events e LEFT JOIN users u ON u.id = e.actor_id "
        "WHERE e.id > $1";
    Params params{q.after_id, std::int64_t{q.limit}};
    if (q.ticket) {
        params.emplace_back(*q.ticket);
        sql += " AND e.ticket_id = $" + std::to_string(params.size());
    }
    if (q.request) {
        params.emplace_back(*q.request);
        sql += " AND e.request_id = $" + std::to_string(params.size());
    }
    sql += " ORDER BY e.id LIMIT $2";
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<EventRow> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
        EventRow er;
        er.event.id = r.Int(0);
        er.event.at = r.Int(1);
        er.event.actor_id = r.OptInt(2);
        er.event.action = r.Text(3);
        er.event.ticket_id = r.OptInt(4);
        er.event.outcome = domain::ValueOf(domain::kOutcomeNames, r.Text(5)).value_or(domain::Outcome::kDone);
        er.event.rule = r.Text(6);
        er.event.message = r.Text(7);
        er.before_json = r.Text(8);
        er.after_json = r.Text(9);
        er.actor_login = r.Text(10);
        er.event.request_id = r.OptInt(11);
        out.push_back(std::move(er));
    }
    return out;
}

}  // namespace shiftdesk::store
