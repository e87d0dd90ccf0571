#include "http/handlers/leaves.hpp"

#include "app/leaves.hpp"
#include "common/civil_time.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

Result<app::PlanLeaveCmd> ParsePlan(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::PlanLeaveCmd cmd;
    cmd.user_id = SD_TRY(f.OptInt("user_id"));
    cmd.first_day = SD_TRY(f.String("first_day"));
    cmd.last_day = SD_TRY(f.String("last_day"));
    cmd.kind = SD_TRY(f.String("kind"));
    cmd.note = SD_TRY(f.OptString("note")).value_or("");
    SD_CHECK(f.NoOthers());
    return cmd;
}

// A day of the query (YYYY-MM-DD) as the instant it begins in the team's zone; `next` for the day after.
Result<std::optional<Millis>> DayParam(const Query& q, std::string_view name, const TimeZone& zone, bool next) {
    const auto text = q.Get(name);
    if (!text) return std::optional<Millis>{};
    const auto day = ParseIsoDate(*text);
    if (!day) return Invalid(std::string(name), std::string(name) + " must be a calendar date, YYYY-MM-DD");
    return std::optional<Millis>{zone.StartOf(next ? *day + 1 : *day)};
}

Awaitable AnswerLeave(Services& s, const Exchange& ex, Result<app::LeaveView> result, bhttp::status status) {
    if (!result) co_return ErrorResponse(ex.request, result.error());
    co_return JsonResponse(ex.request, status, LeaveViewJson(*result, s.clock.Now()));
}

}  // namespace

Awaitable PlanLeave(Services& s, Exchange& ex) {
    auto cmd = ParsePlan(ex);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto planned = co_await Await<app::LeaveView>(
        [&](app::Done<app::LeaveView> done) { s.leaves.PlanLeave(ex.actor(), std::move(*cmd), done); });
    co_return co_await AnswerLeave(s, ex, std::move(planned), bhttp::status::created);
}

Awaitable ListLeaves(Services& s, Exchange& ex) {
    const Query q(ex);
    auto query = [&]() -> Result<store::LeaveQuery> {
        const TimeZone zone = SD_TRY(TimeZone::Find(s.settings.calendar.time_zone, "calendar.time_zone"));
        store::LeaveQuery lq;
        // Without `from`, what has not ended yet: the team's current and coming leave.
        lq.from = SD_TRY(DayParam(q, "from", zone, false)).value_or(s.clock.Now());
        lq.to = SD_TRY(DayParam(q, "to", zone, true));
        if (lq.to && *lq.to <= *lq.from) return Invalid("to", "to is before from");
        lq.user_id = SD_TRY(q.GetInt("user_id", 1, INT64_MAX));
        if (auto state = q.Get("state")) {
            if (*state != "all" && *state != "planned") return Invalid("state", "state must be planned or all");
            lq.include_cancelled = *state == "all";
        }
        return lq;
    }();
    if (!query) co_return ErrorResponse(ex.request, query.error());
    co_return co_await Answer(s, ex, s.leaves.ListLeaves(ex.actor(), *query), bhttp::status::ok,
                              [now = s.clock.Now()](const std::vector<app::LeaveView>& leaves) {
                                  json::array items;
                                  for (const auto& l : leaves) items.push_back(LeaveViewJson(l, now));
                                  return json::object{{"leaves", std::move(items)}};
                              });
}

Awaitable GetLeave(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "leave");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(
        s, ex, s.leaves.GetLeave(ex.actor(), *id), bhttp::status::ok,
        [now = s.clock.Now()](const app::LeaveView& l) { return json::value(LeaveViewJson(l, now)); });
}

Awaitable CancelLeave(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "leave");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto cancelled = co_await Await<app::LeaveView>(
        [&](app::Done<app::LeaveView> done) { s.leaves.CancelLeave(ex.actor(), *id, done); });
    co_return co_await AnswerLeave(s, ex, std::move(cancelled), bhttp::status::ok);
}

Awaitable SendHandoffEmail(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "leave");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto queued = co_await Await<app::LeaveView>(
        [&](app::Done<app::LeaveView> done) { s.leaves.SendHandoffEmail(ex.actor(), *id, done); });
    // Accepted, not done: the mail server has not taken it yet; readiness turns green when it has (R5).
    co_return co_await AnswerLeave(s, ex, std::move(queued), bhttp::status::accepted);
}

Awaitable SetDiversion(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "leave");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto target = [&]() -> Result<std::string> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        auto t = SD_TRY(f.String("target"));
        SD_CHECK(f.NoOthers());
        return t;
    }();
    if (!target) co_return ErrorResponse(ex.request, target.error());
    auto set = co_await Await<app::LeaveView>(
        [&](app::Done<app::LeaveView> done) { s.leaves.SetDiversion(ex.actor(), *id, std::move(*target), done); });
    co_return co_await AnswerLeave(s, ex, std::move(set), bhttp::status::ok);
}

Awaitable ConfirmDiversion(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "leave");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto confirmed = co_await Await<app::LeaveView>(
        [&](app::Done<app::LeaveView> done) { s.leaves.ConfirmDiversion(ex.actor(), *id, done); });
    co_return co_await AnswerLeave(s, ex, std::move(confirmed), bhttp::status::ok);
}

}  // namespace shiftdesk::http
