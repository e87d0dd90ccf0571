#include "store/handoff.hpp"

namespace shiftdesk::store {
namespace {

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }

constexpr std::string_view kEntryColumns =
    "id, ticket_id, from_user_id, reason, validation, next_step, needed_by, picked_up_by, picked_up_at, state, "
    "created_at, updated_at";

domain::HandoffEntry EntryFrom(const Row& r) {
    domain::HandoffEntry e;
    e.id = r.Int(0);
    e.ticket_id = r.Int(1);
    e.from_user_id = r.Int(2);
    e.reason = domain::ValueOf(domain::kHandoffReasonNames, r.Text(3)).value_or(domain::HandoffReason::kNeedsAttention);
    e.validation = r.Text(4);
    e.next_step = r.Text(5);
    e.needed_by = r.OptInt(6);
    e.picked_up_by = r.OptInt(7);
    e.picked_up_at = r.OptInt(8);
    e.state = domain::ValueOf(domain::kHandoffStateNames, r.Text(9)).value_or(domain::HandoffState::kOpen);
    e.created_at = r.Int(10);
    e.updated_at = r.Int(11);
    return e;
}

Result<std::vector<domain::HandoffEntry>> Entries(Conn& c, std::string_view sql, const Params& params) {
    auto rows = SD_TRY(c.Query(sql, params));
    std::vector<domain::HandoffEntry> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(EntryFrom(r));
    return out;
}

Result<std::optional<domain::HandoffEntry>> FirstEntry(Conn& c, std::string_view sql, const Params& params) {
    auto found = SD_TRY(Entries(c, sql, params));
    if (found.empty()) return std::optional<domain::HandoffEntry>{};
    return std::optional<domain::HandoffEntry>{std::move(found.front())};
}

std::string SelectEntries(std::string_view rest) {
    return "SELECT " + std::string(kEntryColumns) + " FROM handoff_entries " + std::string(rest);
}

constexpr std::string_view kDiversionColumns =
    "id, leave_id, user_id, extension, target, driver, state, confirmed_at, applied_at, removed_at, last_error, "
    "created_at, updated_at";

domain::Diversion DiversionFrom(const Row& r) {
    domain::Diversion d;
    d.id = r.Int(0);
    d.leave_id = r.Int(1);
    d.user_id = r.Int(2);
    d.extension = r.Text(3);
    d.target = r.Text(4);
    d.driver = domain::ValueOf(domain::kPhoneDriverNames, r.Text(5)).value_or(domain::PhoneDriverKind::kManual);
    d.state = domain::ValueOf(domain::kDiversionStateNames, r.Text(6)).value_or(domain::DiversionState::kPlanned);
    d.confirmed_at = r.OptInt(7);
    d.applied_at = r.OptInt(8);
    d.removed_at = r.OptInt(9);
    d.last_error = r.Text(10);
    d.created_at = r.Int(11);
    d.updated_at = r.Int(12);
    return d;
}

Result<std::optional<domain::Diversion>> FirstDiversion(Conn& c, std::string_view sql, const Params& params) {
    auto row = SD_TRY(c.QueryOne(sql, params));
    if (!row) return std::optional<domain::Diversion>{};
    return std::optional<domain::Diversion>{DiversionFrom(*row)};
}

std::string SelectDiversions(std::string_view rest) {
    return "SELECT " + std::string(kDiversionColumns) + " FROM diversions " + std::string(rest);
}

}  // namespace

Result<domain::HandoffEntry> InsertHandoffEntry(Conn& c, domain::HandoffEntry e) {
    e.id = SD_TRY(c.Insert(
        "INSERT INTO handoff_entries (ticket_id, from_user_id, reason, validation, next_step, needed_by, picked_up_by, "
        "picked_up_at, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {e.ticket_id, e.from_user_id, std::string(domain::ToString(e.reason)), e.validation, e.next_step,
         Opt(e.needed_by), Opt(e.picked_up_by), Opt(e.picked_up_at), std::string(domain::ToString(e.state)),
         e.created_at, e.updated_at}));
    return e;
}

Result<std::optional<domain::HandoffEntry>> FindHandoffEntry(Conn& c, std::int64_t id) {
    static const std::string sql = SelectEntries("WHERE id = $1");
    return FirstEntry(c, sql, {id});
}

Result<void> UpdateHandoffEntry(Conn& c, const domain::HandoffEntry& e) {
    SD_CHECK(c.Execute("UPDATE handoff_entries SET reason = $2, validation = $3, next_step = $4, needed_by = $5, "
                       "picked_up_by = $6, picked_up_at = $7, state = $8, updated_at = $9 WHERE id = $1",
                       {e.id, std::string(domain::ToString(e.reason)), e.validation, e.next_step, Opt(e.needed_by),
                        Opt(e.picked_up_by), Opt(e.picked_up_at), std::string(domain::ToString(e.state)),
                        e.updated_at}));
    return {};
}

Result<std::optional<domain::HandoffEntry>> LiveHandoffEntry(Conn& c, domain::TicketId ticket) {
    static const std::string sql = SelectEntries("WHERE ticket_id = $1 AND state <> 'done'");
    return FirstEntry(c, sql, {ticket});
}

Result<std::vector<domain::HandoffEntry>> ListHandoffEntries(Conn& c, const HandoffQuery& q) {
    std::string sql = SelectEntries("WHERE 1 = 1");
    Params params{std::int64_t{q.limit}};
    const auto bind = [&](Value v) {
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    };
    if (!q.states.empty()) {
        sql += " AND state IN (";
        for (std::size_t i = 0; i < q.states.size(); ++i) {
            sql += (i ? ", " : "") + bind(std::string(domain::ToString(q.states[i])));
        }
        sql += ")";
    }
    if (q.from_user_id) sql += " AND from_user_id = " + bind(*q.from_user_id);
    if (q.picked_up_by) sql += " AND picked_up_by = " + bind(*q.picked_up_by);
    if (q.reason) sql += " AND reason = " + bind(std::string(domain::ToString(*q.reason)));
    sql += " ORDER BY CASE state WHEN 'open' THEN 0 WHEN 'picked_up' THEN 1 ELSE 2 END, "
           "COALESCE(needed_by, 9223372036854775807), id LIMIT $1";
    return Entries(c, sql, params);
}

Result<domain::Diversion> InsertDiversion(Conn& c, domain::Diversion d) {
    d.id = SD_TRY(c.Insert(
        "INSERT INTO diversions (leave_id, user_id, extension, target, driver, state, confirmed_at, applied_at, "
        "removed_at, last_error, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {d.leave_id, d.user_id, d.extension, d.target, std::string(domain::ToString(d.driver)),
         std::string(domain::ToString(d.state)), Opt(d.confirmed_at), Opt(d.applied_at), Opt(d.removed_at),
         d.last_error, d.created_at, d.updated_at}));
    return d;
}

Result<void> UpdateDiversion(Conn& c, const domain::Diversion& d) {
    SD_CHECK(c.Execute("UPDATE diversions SET extension = $2, target = $3, driver = $4, state = $5, confirmed_at = $6, "
                       "applied_at = $7, removed_at = $8, last_error = $9, updated_at = $10 WHERE id = $1",
                       {d.id, d.extension, d.target, std::string(domain::ToString(d.driver)),
                        std::string(domain::ToString(d.state)), Opt(d.confirmed_at), Opt(d.applied_at),
                        Opt(d.removed_at), d.last_error, d.updated_at}));
    return {};
}

Result<std::optional<domain::Diversion>> FindDiversion(Conn& c, std::int64_t id) {
    static const std::string sql = SelectDiversions("WHERE id = $1");
    return FirstDiversion(c, sql, {id});
}

Result<std::optional<domain::Diversion>> DiversionOfLeave(Conn& c, std::int64_t leave_id) {
    static const std::string sql = SelectDiversions("WHERE leave_id = $1");
    return FirstDiversion(c, sql, {leave_id});
}

}  // namespace shiftdesk::store
