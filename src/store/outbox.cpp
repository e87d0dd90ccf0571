#include "store/outbox.hpp"

#include "domain/enum_names.hpp"

namespace shiftdesk::store {
namespace {

constexpr domain::NameTable<OutboxState, 4> kStateNames{{
    {OutboxState::kPending, "pending"},
    {OutboxState::kDelivered, "delivered"},
    {OutboxState::kFailed, "failed"},
    {OutboxState::kCancelled, "cancelled"},
}};

std::string JoinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = std::min(text.find('\n', at), text.size());
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

constexpr std::string_view kColumns =
    "id, kind, subject_id, recipients, payload, state, attempts, next_attempt_at, last_error, created_at, "
    "delivered_at, claimed_by, gave_up";

OutboxItem ItemFrom(const Row& r) {
    OutboxItem o;
    o.id = r.Int(0);
    // The column's CHECK admits only the four names; a reply (the one kind no lane delivers yet) stands for any other.
    o.kind = domain::ValueOf(kOutboxKindNames, r.Text(1)).value_or(OutboxKind::kReplyMail);
    o.subject_id = r.Int(2);
    o.recipients = SplitLines(r.Text(3));
    o.payload = r.Text(4);
    o.state = domain::ValueOf(kStateNames, r.Text(5)).value_or(OutboxState::kFailed);
    o.attempts = static_cast<int>(r.Int(6));
    o.next_attempt_at = r.Int(7);
    o.last_error = r.Text(8);
    o.created_at = r.Int(9);
    o.delivered_at = r.OptInt(10);
    o.claimed_by = r.Text(11);
    o.gave_up = r.Int(12) != 0;
    return o;
}

std::string Select(std::string_view rest) {
    return "SELECT " + std::string(kColumns) + " FROM outbox " + std::string(rest);
}

Result<std::optional<OutboxItem>> First(Conn& c, std::string_view sql, const Params& params) {
    auto row = SD_TRY(c.QueryOne(sql, params));
    if (!row) return std::optional<OutboxItem>{};
    return std::optional<OutboxItem>{ItemFrom(*row)};
}

}  // namespace

std::string_view ToString(OutboxState s) { return domain::NameOf(kStateNames, s); }

Result<OutboxItem> InsertOutbox(Conn& c, OutboxItem o) {
    o.id =
        SD_TRY(c.Insert("INSERT INTO outbox (kind, subject_id, recipients, payload, state, attempts, "
                        "next_attempt_at, last_error, created_at, delivered_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                        {std::string(ToString(o.kind)), o.subject_id, JoinLines(o.recipients), o.payload,
                         std::string(ToString(o.state)), std::int64_t{o.attempts}, o.next_attempt_at, o.last_error,
                         o.created_at, o.delivered_at ? Value{*o.delivered_at} : Value{nullptr}}));
    return o;
}

Result<std::optional<OutboxItem>> FindOutbox(Conn& c, std::int64_t id) {
    static const std::string sql = Select("WHERE id = $1");
    return First(c, sql, {id});
}

Result<void> UpdateOutbox(Conn& c, const OutboxItem& o) {
    SD_CHECK(
        c.Execute("UPDATE outbox SET state = $2, attempts = $3, next_attempt_at = $4, last_error = $5, "
                  "delivered_at = $6, claimed_by = $7, gave_up = $8 WHERE id = $1",
                  {o.id, std::string(ToString(o.state)), std::int64_t{o.attempts}, o.next_attempt_at, o.last_error,
                   o.delivered_at ? Value{*o.delivered_at} : Value{nullptr},
                   o.claimed_by.empty() ? Value{nullptr} : Value{o.claimed_by}, std::int64_t{o.gave_up ? 1 : 0}}));
    return {};
}

namespace {

// Mail is one kind; everything else goes to the phone system.
std::string_view LaneFilter(OutboxLane lane) { return lane == OutboxLane::kMail ? "kind = 'mail'" : "kind <> 'mail'"; }

std::vector<OutboxItem> ItemsFrom(const std::vector<Row>& rows) {
    std::vector<OutboxItem> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(ItemFrom(r));
    return out;
}

}  // namespace

Result<std::vector<OutboxItem>> DueOutbox(Conn& c, OutboxLane lane, Millis now, int limit) {
    static const std::string sql[] = {
        Select("WHERE state = 'pending' AND next_attempt_at <= $1 AND " + std::string(LaneFilter(OutboxLane::kMail)) +
               " ORDER BY next_attempt_at, id LIMIT $2"),
        Select("WHERE state = 'pending' AND next_attempt_at <= $1 AND " + std::string(LaneFilter(OutboxLane::kPhone)) +
               " ORDER BY next_attempt_at, id LIMIT $2"),
    };
    return ItemsFrom(SD_TRY(c.Query(sql[lane == OutboxLane::kMail ? 0 : 1], {now, std::int64_t{limit}})));
}

Result<std::vector<OutboxItem>> LeasedByOthers(Conn& c, std::string_view instance) {
    static const std::string sql =
        Select("WHERE state = 'pending' AND claimed_by IS NOT NULL AND claimed_by <> $1 ORDER BY id");
    return ItemsFrom(SD_TRY(c.Query(sql, {std::string(instance)})));
}

Result<std::optional<OutboxItem>> LatestOutbox(Conn& c, OutboxKind kind, std::int64_t subject_id) {
    static const std::string sql = Select("WHERE subject_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1");
    return First(c, sql, {subject_id, std::string(ToString(kind))});
}

Result<std::int64_t> CancelPendingOutbox(Conn& c, OutboxKind kind, std::int64_t subject_id) {
    return c.Execute("UPDATE outbox SET state = 'cancelled' WHERE subject_id = $1 AND kind = $2 AND state = 'pending'",
                     {subject_id, std::string(ToString(kind))});
}

Result<std::optional<Millis>> NextOutboxAttempt(Conn& c, OutboxLane lane) {
    static const std::string sql[] = {
        "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' AND " +
            std::string(LaneFilter(OutboxLane::kMail)),
        "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' AND " +
            std::string(LaneFilter(OutboxLane::kPhone)),
    };
    auto row = SD_TRY(c.QueryOne(sql[lane == OutboxLane::kMail ? 0 : 1]));
    if (!row || row->IsNull(0)) return std::optional<Millis>{};
    return std::optional<Millis>{row->Int(0)};
}

}  // namespace shiftdesk::store
