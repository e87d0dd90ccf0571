#include "store/timers.hpp"

namespace shiftdesk::store {

Result<void> ScheduleTimer(Conn& c, std::string_view kind, std::int64_t subject_id, Millis due_at) {
    SD_CHECK(c.Insert("INSERT INTO timers (due_at, kind, subject_id) VALUES ($1, $2, $3)",
                      {due_at, std::string(kind), subject_id}));
    return {};
}

Result<void> CancelTimers(Conn& c, std::int64_t subject_id, const std::vector<std::string>& kinds) {
    for (const auto& kind : kinds) {
        SD_CHECK(c.Execute("DELETE FROM timers WHERE subject_id = $1 AND kind = $2",
                           {subject_id, kind}));
    }
    return {};
}

Result<std::vector<Timer>> DueTimers(Conn& c, Millis now, int limit) {
    auto rows =
        SD_TRY(c.Query("SELECT id, due_at, kind, subject_id FROM timers WHERE due_at <= $1 "
                       "ORDER BY due_at, id LIMIT $2",
                       {now, std::int64_t{limit}}));
    std::vector<Timer> due;
    due.reserve(rows.size());
    for (const Row& r : rows) due.push_back({r.Int(0), r.Int(1), r.Text(2), r.Int(3)});
    return due;
}

Result<void> DeleteTimer(Conn& c, std::int64_t id) {
    SD_CHECK(c.Execute("DELETE FROM timers WHERE id = $1", {id}));
    return {};
}

}  // namespace shiftdesk::store
