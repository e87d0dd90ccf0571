#include "store/calls.hpp"

#include <boost/json.hpp>

namespace shiftdesk::store {
namespace {

namespace json = boost::json;

constexpr std::string_view kCallColumns =
    "id, ticket_id, owner_id, starts_at, minutes, join_url, attendees, topic, state, attendance, joined_at, sequence, "
    "training_request_id, created_by, created_at, updated_at";

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }

std::string AttendeesText(const std::vector<std::string>& people) {
    json::array a;
    for (const auto& p : people) a.emplace_back(p);
    return json::serialize(a);
}

std::vector<std::string> AttendeesFrom(const std::string& text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& p : v.as_array()) {
        if (p.is_string()) out.emplace_back(p.as_string());
    }
    return out;
}

domain::Call CallFrom(const Row& r) {
    domain::Call c;
    c.id = r.Int(0);
    c.ticket_id = r.OptInt(1);
    c.owner_id = r.Int(2);
    c.starts_at = r.Int(3);
    c.minutes = static_cast<int>(r.Int(4));
    c.join_url = r.Text(5);
    c.attendees = AttendeesFrom(r.Text(6));
    c.topic = r.Text(7);
    c.state = domain::ValueOf(domain::kCallStateNames, r.Text(8)).value_or(domain::CallState::kScheduled);
    if (!r.IsNull(9)) c.attendance = domain::ValueOf(domain::kAttendanceNames, r.Text(9));
    c.joined_at = r.OptInt(10);
    c.sequence = static_cast<int>(r.Int(11));
    c.training_request_id = r.OptInt(12);
    c.created_by = r.Int(13);
    c.created_at = r.Int(14);
    c.updated_at = r.Int(15);
    return c;
}

Result<std::vector<domain::Call>> Calls(Conn& c, std::string_view sql, const Params& params) {
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<domain::Call> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(CallFrom(r));
    return out;
}

constexpr std::string_view kTrainingColumns =
    "id, customer_name, customer_email, plan, critical, kind, minutes, topic, requested_by, route, state, filed_by, "
    "owner_id, call_id, decided_by, decision_note, created_at, updated_at";

domain::TrainingRequest TrainingFrom(const Row& r) {
    domain::TrainingRequest t;
    t.id = r.Int(0);
    t.customer_name = r.Text(1);
    t.customer_email = r.Text(2);
    t.plan = r.Text(3);
    t.critical = r.Bool(4);
    t.kind = domain::ValueOf(domain::kTrainingKindNames, r.Text(5)).value_or(domain::TrainingKind::kTraining);
    t.minutes = static_cast<int>(r.Int(6));
    t.topic = r.Text(7);
    t.requested_by = r.Text(8);
    t.route = domain::ValueOf(domain::kTrainingRouteNames, r.Text(9)).value_or(domain::TrainingRoute::kShiftLead);
    t.state = domain::ValueOf(domain::kTrainingStateNames, r.Text(10)).value_or(domain::TrainingState::kWaiting);
    t.filed_by = r.Int(11);
    t.owner_id = r.OptInt(12);
    t.call_id = r.OptInt(13);
    t.decided_by = r.OptInt(14);
    t.decision_note = r.Text(15);
    t.created_at = r.Int(16);
    t.updated_at = r.Int(17);
    return t;
}

}  // namespace

Result<domain::Call> InsertCall(Conn& c, domain::Call call) {
    call.id = SD_TRY(c.Insert(
        "INSERT INTO calls (ticket_id, owner_id, starts_at, minutes, join_url, attendees, topic, state, sequence, "
        "training_request_id, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {Opt(call.ticket_id), call.owner_id, call.starts_at, std::int64_t{call.minutes}, call.join_url,
         AttendeesText(call.attendees), call.topic, std::string(domain::ToString(call.state)),
         std::int64_t{call.sequence}, Opt(call.training_request_id), call.created_by, call.created_at,
         call.updated_at}));
    return call;
}

Result<std::optional<domain::Call>> FindCall(Conn& c, std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kCallColumns) + " FROM calls WHERE id = $1";
    auto found = SD_TRY(Calls(c, sql, {id}));
    if (found.empty()) return std::optional<domain::Call>{};
    return std::optional<domain::Call>{std::move(found.front())};
}

Result<void> UpdateCall(Conn& c, const domain::Call& call) {
    SD_CHECK(c.Execute(
        "UPDATE calls SET owner_id = $2, starts_at = $3, minutes = $4, join_url = $5, attendees = $6, topic = $7, "
        "state = $8, attendance = $9, joined_at = $10, sequence = $11, updated_at = $12 WHERE id = $1",
        {call.id, call.owner_id, call.starts_at, std::int64_t{call.minutes}, call.join_url,
         AttendeesText(call.attendees), call.topic, std::string(domain::ToString(call.state)),
         call.attendance ? Value{std::string(domain::ToString(*call.attendance))} : Value{nullptr}, Opt(call.joined_at),
         std::int64_t{call.sequence}, call.updated_at}));
    return {};
}

Result<std::vector<domain::Call>> OverlappingCalls(Conn& c, domain::UserId owner, Millis from, Millis to,
                                                   std::int64_t except) {
    // A call is at most a day long (the use case checks), so the index range on starts_at is bounded.
    static const std::string sql = "SELECT " + std::string(kCallColumns) +
                                   " FROM calls WHERE owner_id = $1 AND state = 'scheduled' AND id <> $4 "
                                   "AND starts_at < $3 AND starts_at > $2 - 86400000 "
                                   "AND starts_at + minutes * 60000 > $2 ORDER BY starts_at";
    return Calls(c, sql, {owner, from, to, except});
}

Result<std::vector<domain::Call>> ListCalls(Conn& c, const CallQuery& q) {
    std::string sql = "SELECT " + std::string(kCallColumns) + " FROM calls WHERE 1 = 1";
    Params params{std::int64_t{q.limit}};
    const auto param = [&](Value v) {
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    };
    if (q.owner_id) sql += " AND owner_id = " + param(*q.owner_id);
    if (q.ticket_id) sql += " AND ticket_id = " + param(*q.ticket_id);
    if (q.from) sql += " AND starts_at + minutes * 60000 > " + param(*q.from);
    if (q.to) sql += " AND starts_at < " + param(*q.to);
    if (!q.include_cancelled) sql += " AND state = 'scheduled'";
    sql += " ORDER BY starts_at, id LIMIT $1";
    return Calls(c, sql, params);
}

Result<domain::TrainingRequest> InsertTraining(Conn& c, domain::TrainingRequest t) {
    t.id = SD_TRY(
        c.Insert("INSERT INTO training_requests (customer_name, customer_email, plan, critical, kind, minutes, topic, "
                 "requested_by, route, state, filed_by, created_at, updated_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                 {t.customer_name, t.customer_email, t.plan, std::int64_t{t.critical ? 1 : 0},
                  std::string(domain::ToString(t.kind)), std::int64_t{t.minutes}, t.topic, t.requested_by,
                  std::string(domain::ToString(t.route)), std::string(domain::ToString(t.state)), t.filed_by,
                  t.created_at, t.updated_at}));
    return t;
}

Result<std::optional<domain::TrainingRequest>> FindTraining(Conn& c, std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kTrainingColumns) + " FROM training_requests WHERE id = $1";
    auto row = SD_TRY(c.QueryOne(sql, {id}));
    if (!row) return std::optional<domain::TrainingRequest>{};
    return std::optional<domain::TrainingRequest>{TrainingFrom(*row)};
}

Result<bool> DecideTraining(Conn& c, const domain::TrainingRequest& t) {
    const auto n = SD_TRY(c.Execute(
        "UPDATE training_requests SET state = $2, owner_id = $3, call_id = $4, decided_by = $5, decision_note = $6, "
        "updated_at = $7 WHERE id = $1 AND state = 'waiting'",
        {t.id, std::string(domain::ToString(t.state)), Opt(t.owner_id), Opt(t.call_id), Opt(t.decided_by),
         t.decision_note, t.updated_at}));
    return n == 1;
}

Result<std::vector<domain::TrainingRequest>> ListTraining(Conn& c, const TrainingQuery& q) {
    std::string sql = "SELECT " + std::string(kTrainingColumns) + " FROM training_requests WHERE 1 = 1";
    Params params{std::int64_t{q.limit}};
    const auto param = [&](Value v) {
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    };
    if (q.state) sql += " AND state = " + param(std::string(domain::ToString(*q.state)));
    if (q.route) sql += " AND route = " + param(std::string(domain::ToString(*q.route)));
    if (q.filed_by) {
        const std::string me = param(*q.filed_by);
        sql += " AND (filed_by = " + me + " OR owner_id = " + me + (q.open_too ? " OR route = 'open')" : ")");
    }
    sql += " ORDER BY id LIMIT $1";
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<domain::TrainingRequest> out;
    for (const Row& r : rows) out.push_back(TrainingFrom(r));
    return out;
}

}  // namespace shiftdesk::store
