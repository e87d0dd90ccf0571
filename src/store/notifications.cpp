#include "store/notifications.hpp"

namespace shiftdesk::store {
namespace {

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }

}  // namespace

Result<void> InsertNotification(Conn& c, const Notification& n) {
    SD_CHECK(
        c.Insert("INSERT INTO notifications (user_id, kind, ticket_id, call_id, rule, message, created_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {n.user_id, n.kind, Opt(n.ticket_id), Opt(n.call_id), n.rule, n.message, n.created_at}));
    return {};
}

Result<std::vector<Notification>> ListNotifications(Conn& c, domain::UserId user, bool unread_only,
                                                    std::optional<std::int64_t> before_id, int limit) {
    std::string sql =
        "SELECT id, user_id, kind, ticket_id, call_id, rule, message, created_at, read_at FROM notifications "
        "WHERE user_id = $1 AND id < $2";
    if (unread_only) sql += " AND read_at IS NULL";
    sql += " ORDER BY id DESC LIMIT $3";
    auto rows = SD_TRY(c.Query(sql, {user, before_id.value_or(INT64_MAX), std::int64_t{limit}}));
    std::vector<Notification> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
        out.push_back(
            {r.Int(0), r.Int(1), r.Text(2), r.OptInt(3), r.OptInt(4), r.Text(5), r.Text(6), r.Int(7), r.OptInt(8)});
    }
    return out;
}

Result<bool> MarkNotificationRead(Conn& c, domain::UserId user, std::int64_t id, Millis now) {
    auto row = SD_TRY(c.QueryOne("SELECT read_at FROM notifications WHERE id = $1 AND user_id = $2", {id, user}));
    if (!row) return false;
    if (row->IsNull(0)) SD_CHECK(c.Execute("UPDATE notifications SET read_at = $2 WHERE id = $1", {id, now}));
    return true;
}

Result<std::vector<domain::UserId>> ActiveLeads(Conn& c) {
    auto rows = SD_TRY(c.Query("SELECT id FROM users WHERE role = 'shift_lead' AND active = 1 ORDER BY id"));
    std::vector<domain::UserId> ids;
    for (const Row& r : rows) ids.push_back(r.Int(0));
    return ids;
}

}  // namespace shiftdesk::store
