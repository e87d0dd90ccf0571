#include "store/leaves.hpp"

namespace shiftdesk::store {
namespace {

constexpr std::string_view kColumns =
    "id, user_id, first_day, last_day, starts_at, ends_at, kind, state, note, created_by, created_at, updated_at";

domain::Leave LeaveFrom(const Row& r) {
    domain::Leave l;
    l.id = r.Int(0);
    l.user_id = r.Int(1);
    l.first_day = r.Text(2);
    l.last_day = r.Text(3);
    l.starts_at = r.Int(4);
    l.ends_at = r.Int(5);
    l.kind = domain::ValueOf(domain::kLeaveKindNames, r.Text(6)).value_or(domain::LeaveKind::kOther);
    l.state = domain::ValueOf(domain::kLeaveStateNames, r.Text(7)).value_or(domain::LeaveState::kPlanned);
    l.note = r.Text(8);
    l.created_by = r.Int(9);
    l.created_at = r.Int(10);
    l.updated_at = r.Int(11);
    return l;
}

Result<std::vector<domain::Leave>> Leaves(Conn& c, std::string_view sql, const Params& params) {
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<domain::Leave> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(LeaveFrom(r));
    return out;
}

Result<std::optional<domain::Leave>> First(Conn& c, std::string_view sql, const Params& params) {
    auto found = SD_TRY(Leaves(c, sql, params));
    if (found.empty()) return std::optional<domain::Leave>{};
    return std::optional<domain::Leave>{std::move(found.front())};
}

std::string Select(std::string_view rest) {
    return "SELECT " + std::string(kColumns) + " FROM leaves " + std::string(rest);
}

}  // namespace

Result<domain::Leave> InsertLeave(Conn& c, domain::Leave l) {
    l.id = SD_TRY(
        c.Insert("INSERT INTO leaves (user_id, first_day, last_day, starts_at, ends_at, kind, state, note, created_by, "
                 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                 {l.user_id, l.first_day, l.last_day, l.starts_at, l.ends_at, std::string(domain::ToString(l.kind)),
                  std::string(domain::ToString(l.state)), l.note, l.created_by, l.created_at, l.updated_at}));
    return l;
}

Result<std::optional<domain::Leave>> FindLeave(Conn& c, std::int64_t id) {
    static const std::string sql = Select("WHERE id = $1");
    return First(c, sql, {id});
}

Result<void> UpdateLeaveState(Conn& c, const domain::Leave& l) {
    SD_CHECK(c.Execute("UPDATE leaves SET state = $2, updated_at = $3 WHERE id = $1",
                       {l.id, std::string(domain::ToString(l.state)), l.updated_at}));
    return {};
}

Result<std::optional<domain::Leave>> OverlappingLeave(Conn& c, domain::UserId user, Millis starts_at, Millis ends_at) {
    static const std::string sql = Select(
        "WHERE user_id = $1 AND state = 'planned' AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at LIMIT 1");
    return First(c, sql, {user, starts_at, ends_at});
}

Result<std::optional<domain::Leave>> LeaveAt(Conn& c, domain::UserId user, Millis now) {
    return OverlappingLeave(c, user, now, now + 1);
}

Result<std::map<domain::UserId, domain::Leave>> LeavesAt(Conn& c, Millis now) {
    static const std::string sql = Select("WHERE state = 'planned' AND starts_at <= $1 AND ends_at > $1");
    std::map<domain::UserId, domain::Leave> by_user;
    for (auto& l : SD_TRY(Leaves(c, sql, {now}))) by_user.emplace(l.user_id, std::move(l));
    return by_user;
}

Result<std::vector<domain::Leave>> ListLeaves(Conn& c, const LeaveQuery& q) {
    std::string sql = Select("WHERE 1 = 1");
    Params params{std::int64_t{q.limit}};
    if (!q.include_cancelled) sql += " AND state = 'planned'";
    if (q.from) {
        params.emplace_back(*q.from);
        sql += " AND ends_at > $" + std::to_string(params.size());
    }
    if (q.to) {
        params.emplace_back(*q.to);
        sql += " AND starts_at < $" + std::to_string(params.size());
    }
    if (q.user_id) {
        params.emplace_back(*q.user_id);
        sql += " AND user_id = $" + std::to_string(params.size());
    }
    sql += " ORDER BY starts_at, id LIMIT $1";
    return Leaves(c, sql, params);
}

}  // namespace shiftdesk::store
