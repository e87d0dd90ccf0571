#include "store/requests.hpp"

namespace shiftdesk::store {
namespace {

constexpr std::string_view kColumns =
    "id, kind, state, requester_id, ticket_id, owner_id, reason, subject, description, new_issue, hours, created_at, "
    "expires_at, decided_by, decided_at, decision_note, result_ticket_id, updated_at";

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }
std::string Name(domain::RequestKind k) { return std::string(domain::ToString(k)); }
std::string Name(domain::RequestState s) { return std::string(domain::ToString(s)); }

domain::Request RequestFrom(const Row& r) {
    domain::Request q;
    q.id = r.Int(0);
    q.kind = domain::ValueOf(domain::kRequestKindNames, r.Text(1)).value_or(domain::RequestKind::kAssignment);
    q.state = domain::ValueOf(domain::kRequestStateNames, r.Text(2)).value_or(domain::RequestState::kPending);
    q.requester_id = r.Int(3);
    q.ticket_id = r.OptInt(4);
    q.owner_id = r.OptInt(5);
    q.reason = r.Text(6);
    q.subject = r.Text(7);
    q.description = r.Text(8);
    q.new_issue = r.Bool(9);
    q.hours = static_cast<int>(r.Int(10));
    q.created_at = r.Int(11);
    q.expires_at = r.Int(12);
    q.decided_by = r.OptInt(13);
    q.decided_at = r.OptInt(14);
    q.decision_note = r.Text(15);
    q.result_ticket_id = r.OptInt(16);
    q.updated_at = r.Int(17);
    return q;
}

Result<std::vector<domain::Request>> Requests(Conn& c, const std::string& sql, const Params& params) {
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<domain::Request> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(RequestFrom(r));
    return out;
}

}  // namespace

Result<domain::Request> InsertRequest(Conn& c, domain::Request r) {
    r.id = SD_TRY(c.Insert(
        "INSERT INTO requests (kind, state, requester_id, ticket_id, owner_id, reason, subject, description, "
        "new_issue, hours, created_at, expires_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {Name(r.kind), Name(r.state), r.requester_id, Opt(r.ticket_id), Opt(r.owner_id), r.reason, r.subject,
         r.description, std::int64_t{r.new_issue ? 1 : 0}, std::int64_t{r.hours}, r.created_at, r.expires_at,
         r.updated_at}));
    return r;
}

Result<std::optional<domain::Request>> FindRequest(Conn& c, std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM requests WHERE id = $1";
    auto row = SD_TRY(c.QueryOne(sql, {id}));
    if (!row) return std::optional<domain::Request>{};
    return std::optional<domain::Request>{RequestFrom(*row)};
}

Result<void> DecideRequest(Conn& c, const domain::Request& r) {
    const auto n = SD_TRY(c.Execute(
        "UPDATE requests SET state = $2, decided_by = $3, decided_at = $4, decision_note = $5, "
        "result_ticket_id = $6, updated_at = $7, owner_id = $8 WHERE id = $1 AND state = 'pending'",
        {r.id, Name(r.state), Opt(r.decided_by), Opt(r.decided_at), r.decision_note, Opt(r.result_ticket_id),
         r.updated_at, Opt(r.owner_id)}));
    if (n != 1) return MakeError(ErrorCode::kConflict, "this request was decided meanwhile");
    return {};
}

Result<bool> HasPendingRequest(Conn& c, domain::UserId requester, domain::RequestKind kind,
                               std::optional<domain::TicketId> ticket) {
    auto row = SD_TRY(c.QueryOne(
        "SELECT COUNT(*) FROM requests WHERE requester_id = $1 AND kind = $2 AND state = 'pending' "
        "AND COALESCE(ticket_id, 0) = $3",
        {requester, Name(kind), ticket.value_or(0)}));
    return row->Int(0) > 0;
}

Result<std::vector<domain::Request>> ListRequests(Conn& c, const RequestQuery& q) {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM requests WHERE id > $1";
    Params params{q.after_id, std::int64_t{q.limit}};
    if (q.state) {
        params.emplace_back(Name(*q.state));
        sql += " AND state = $" + std::to_string(params.size());
    }
    if (q.requester_id) {
        params.emplace_back(*q.requester_id);
        sql += " AND requester_id = $" + std::to_string(params.size());
    }
    if (q.ticket_id) {
        params.emplace_back(*q.ticket_id);
        sql += " AND ticket_id = $" + std::to_string(params.size());
    }
    sql += " ORDER BY id LIMIT $2";
    return Requests(c, sql, params);
}

Result<std::vector<domain::Request>> ExpiredPendingRequests(Conn& c, Millis now, int limit) {
    static const std::string sql = "SELECT " + std::string(kColumns) +
                                   " FROM requests WHERE state = 'pending' AND expires_at <= $1 "
                                   "ORDER BY expires_at LIMIT $2";
    return Requests(c, sql, {now, std::int64_t{limit}});
}

Result<std::map<domain::UserId, SlaCounts>> OpenSlaCounts(Conn& c, const std::vector<domain::UserId>& users) {
    std::map<domain::UserId, SlaCounts> counts;
    for (auto id : users) {
        auto row = SD_TRY(c.QueryOne("SELECT COALESCE(SUM(sla_state = 'warning'), 0), "
                                     "COALESCE(SUM(sla_state = 'breached'), 0) FROM tickets WHERE owner_id = $1 "
                                     "AND status IN ('open', 'pending', 'on_hold') AND sla_state <> 'ok'",
                                     {id}));
        counts[id] = {row->Int(0), row->Int(1)};
    }
    return counts;
}

Result<std::map<domain::UserId, std::int64_t>> OpenTicketCounts(Conn& c, const std::vector<domain::UserId>& users) {
    std::map<domain::UserId, std::int64_t> counts;
    for (auto id : users) {
        // One index range per user (tickets_bin): cheaper than a GROUP BY over everyone's tickets.
        auto row = SD_TRY(c.QueryOne(
            "SELECT COUNT(*) FROM tickets WHERE owner_id = $1 AND status IN ('open', 'pending', 'on_hold')", {id}));
        counts[id] = row->Int(0);
    }
    return counts;
}

Result<std::vector<domain::UserId>> EngineersOnQueue(Conn& c, Millis now) {
    auto rows = SD_TRY(c.Query(
        "SELECT id FROM users WHERE role = 'engineer' AND active = 1 "
        "AND NOT (off_queue = 1 AND (off_queue_until IS NULL OR off_queue_until > $1)) "
        "AND NOT EXISTS (SELECT 1 FROM leaves WHERE leaves.user_id = users.id AND state = 'planned' "
        "AND starts_at <= $1 AND ends_at > $1) ORDER BY id",
        {now}));
    std::vector<domain::UserId> ids;
    for (const Row& r : rows) ids.push_back(r.Int(0));
    return ids;
}

Result<std::optional<std::int64_t>> ReadDeskState(Conn& c, std::string_view name) {
    auto row = SD_TRY(c.QueryOne("SELECT value FROM desk_state WHERE name = $1", {std::string(name)}));
    if (!row) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{row->Int(0)};
}

Result<void> WriteDeskState(Conn& c, std::string_view name, std::int64_t value) {
    SD_CHECK(c.Execute("INSERT INTO desk_state (name, value) VALUES ($1, $2) "
                       "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                       {std::string(name), value}));
    return {};
}

}  // namespace shiftdesk::store
