#include "http/handlers/calls.hpp"

#include "app/calendar.hpp"
#include "app/calls.hpp"
#include "app/training.hpp"
#include "common/link.hpp"
#include "common/time.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"
#include "integrations/calendar_feed.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

Result<app::CallDetails> ParseDetails(Fields& f) {
    app::CallDetails d;
    d.join_url = SD_TRY(f.OptString("join_url"));
    d.topic = SD_TRY(f.OptString("topic"));
    if (const auto list = SD_TRY(f.OptStringList("attendees"))) d.attendees = *list;
    return d;
}

Result<std::optional<int>> OptMinutes(Fields& f) {
    const auto m = SD_TRY(f.OptInt("minutes"));
    if (!m) return std::optional<int>{};
    // Out-of-range values are the use case's to refuse, with its message; keep them out of range.
    return std::optional<int>{*m < 0 ? -1 : (*m > 100000 ? 100000 : static_cast<int>(*m))};
}

json::object CallAnswer(const app::CallOutcome& out) {
    json::object o = CallJson(out.call);
    json::array warnings;
    for (const auto& w : out.warnings) warnings.emplace_back(w);
    o["warnings"] = std::move(warnings);
    return o;
}

Awaitable AnswerCall(const Exchange& ex, Result<domain::Call> call, bhttp::status status) {
    if (!call) co_return ErrorResponse(ex.request, call.error());
    co_return JsonResponse(ex.request, status, CallJson(*call));
}

}  // namespace

Awaitable ScheduleCall(Services& s, Exchange& ex) {
    auto cmd = [&]() -> Result<app::ScheduleCallCmd> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        app::ScheduleCallCmd c;
        c.ticket_id = SD_TRY(f.Int("ticket_id"));
        c.starts_at = SD_TRY(f.Time("starts_at"));
        const auto minutes = SD_TRY(OptMinutes(f));
        if (!minutes) return Invalid("minutes", "minutes is required: how long the call is");
        c.minutes = *minutes;
        c.details = SD_TRY(ParseDetails(f));
        SD_CHECK(f.NoOthers());
        return c;
    }();
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto out = co_await Await<app::CallOutcome>(
        [&](app::Done<app::CallOutcome> done) { s.calls.ScheduleCall(ex.actor(), std::move(*cmd), done); });
    if (!out) co_return ErrorResponse(ex.request, out.error());
    co_return JsonResponse(ex.request, bhttp::status::created, CallAnswer(*out));
}

Awaitable ListCalls(Services& s, Exchange& ex) {
    const Query q(ex);
    auto query = [&]() -> Result<store::CallQuery> {
        store::CallQuery cq;
        if (auto owner = q.Get("owner")) {
            if (*owner == "me") {
                cq.owner_id = ex.actor().id;
            } else {
                cq.owner_id = SD_TRY(q.GetInt("owner", 1, INT64_MAX));
            }
        }
        cq.ticket_id = SD_TRY(q.GetInt("ticket_id", 1, INT64_MAX));
        for (const auto& [name, slot] : {std::pair{"from", &cq.from}, std::pair{"to", &cq.to}}) {
            if (auto text = q.Get(name)) {
                *slot = ParseRfc3339(*text);
                if (!*slot) return Invalid(name, std::string(name) + " must be an RFC 3339 time");
            }
        }
        if (cq.from && cq.to && *cq.to <= *cq.from) return Invalid("to", "to is before from");
        return cq;
    }();
    if (!query) co_return ErrorResponse(ex.request, query.error());
    co_return co_await Answer(s, ex, s.calls.ListCalls(ex.actor(), *query), bhttp::status::ok,
                              [](const std::vector<domain::Call>& calls) {
                                  json::array items;
                                  for (const auto& c : calls) items.push_back(CallJson(c));
                                  return json::object{{"calls", std::move(items)}};
                              });
}

Awaitable GetCall(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "call");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.calls.GetCall(ex.actor(), *id), bhttp::status::ok,
                              [](const domain::Call& c) { return json::value(CallJson(c)); });
}

Awaitable RescheduleCall(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "call");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto cmd = [&]() -> Result<app::RescheduleCallCmd> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        app::RescheduleCallCmd c;
        c.starts_at = SD_TRY(f.OptTime("starts_at"));
        c.minutes = SD_TRY(OptMinutes(f));
        c.details = SD_TRY(ParseDetails(f));
        SD_CHECK(f.NoOthers());
        return c;
    }();
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto out = co_await Await<app::CallOutcome>(
        [&](app::Done<app::CallOutcome> done) { s.calls.RescheduleCall(ex.actor(), *id, std::move(*cmd), done); });
    if (!out) co_return ErrorResponse(ex.request, out.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, CallAnswer(*out));
}

Awaitable CancelCall(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "call");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    if (auto empty = EmptyBody(ex); !empty) co_return ErrorResponse(ex.request, empty.error());
    auto call =
        co_await Await<domain::Call>([&](app::Done<domain::Call> done) { s.calls.CancelCall(ex.actor(), *id, done); });
    co_return co_await AnswerCall(ex, std::move(call), bhttp::status::ok);
}

Awaitable JoinCall(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "call");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    if (auto empty = EmptyBody(ex); !empty) co_return ErrorResponse(ex.request, empty.error());
    auto call =
        co_await Await<domain::Call>([&](app::Done<domain::Call> done) { s.calls.JoinCall(ex.actor(), *id, done); });
    co_return co_await AnswerCall(ex, std::move(call), bhttp::status::ok);
}

Awaitable FileTraining(Services& s, Exchange& ex) {
    auto cmd = [&]() -> Result<app::FileTrainingCmd> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        app::FileTrainingCmd c;
        Fields customer = SD_TRY(f.Object("customer"));
        c.customer_name = SD_TRY(customer.String("name"));
        c.customer_email = SD_TRY(customer.OptString("email")).value_or("");
        c.plan = SD_TRY(customer.OptString("plan"));
        c.critical = SD_TRY(customer.OptBool("critical")).value_or(false);
        SD_CHECK(customer.NoOthers());
        c.kind = SD_TRY(f.String("kind"));
        const auto minutes = SD_TRY(f.Int("minutes"));
        c.minutes = minutes < 0 ? -1 : (minutes > 100000 ? 100000 : static_cast<int>(minutes));
        c.topic = SD_TRY(f.String("topic"));
        c.requested_by = SD_TRY(f.String("requested_by"));
        SD_CHECK(f.NoOthers());
        return c;
    }();
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto filed = co_await Await<domain::TrainingRequest>(
        [&](app::Done<domain::TrainingRequest> done) { s.training.FileTraining(ex.actor(), std::move(*cmd), done); });
    if (!filed) co_return ErrorResponse(ex.request, filed.error());
    co_return JsonResponse(ex.request, bhttp::status::created, TrainingJson(*filed));
}

Awaitable ListTraining(Services& s, Exchange& ex) {
    const Query q(ex);
    auto query = [&]() -> Result<store::TrainingQuery> {
        store::TrainingQuery tq;
        if (auto state = q.Get("state")) {
            tq.state = domain::ValueOf(domain::kTrainingStateNames, *state);
            if (!tq.state) return Invalid("state", "state must be " + domain::Choices(domain::kTrainingStateNames));
        }
        if (auto route = q.Get("route")) {
            tq.route = domain::ValueOf(domain::kTrainingRouteNames, *route);
            if (!tq.route) return Invalid("route", "route must be " + domain::Choices(domain::kTrainingRouteNames));
        }
        return tq;
    }();
    if (!query) co_return ErrorResponse(ex.request, query.error());
    auto list = s.training.ListTraining(ex.actor(), *query);
    if (!list) co_return co_await Fail(s, ex, list.error());
    json::array items;
    for (const auto& t : *list) items.push_back(TrainingJson(t));
    json::object out{{"training_requests", std::move(items)}};
    // A lead decides with the team's load in view (R14).
    if (app::Training::SeesTeamLoad(ex.actor())) {
        auto team = s.training.TeamLoadNow(ex.actor());
        if (!team) co_return co_await Fail(s, ex, team.error());
        json::array members;
        for (const auto& m : *team) members.push_back(TeamMemberJson(m, s.clock.Now()));
        out["team"] = std::move(members);
    }
    co_return JsonResponse(ex.request, bhttp::status::ok, out);
}

Awaitable GetTraining(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "training request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.training.GetTraining(ex.actor(), *id), bhttp::status::ok,
                              [](const domain::TrainingRequest& t) { return json::value(TrainingJson(t)); });
}

Awaitable AcceptTraining(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "training request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto cmd = [&]() -> Result<app::AcceptTrainingCmd> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        app::AcceptTrainingCmd c;
        c.owner_id = SD_TRY(f.OptInt("owner_id"));
        c.starts_at = SD_TRY(f.Time("starts_at"));
        c.join_url = SD_TRY(f.OptString("join_url")).value_or("");
        c.note = SD_TRY(f.OptString("note")).value_or("");
        SD_CHECK(f.NoOthers());
        return c;
    }();
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto out = co_await Await<app::TrainingOutcome>([&](app::Done<app::TrainingOutcome> done) {
        s.training.AcceptTraining(ex.actor(), *id, std::move(*cmd), done);
    });
    if (!out) co_return ErrorResponse(ex.request, out.error());
    json::object o = TrainingJson(out->request);
    o["call"] = out->call ? json::value(CallJson(*out->call)) : json::value(nullptr);
    json::array warnings;
    for (const auto& w : out->warnings) warnings.emplace_back(w);
    o["warnings"] = std::move(warnings);
    co_return JsonResponse(ex.request, bhttp::status::ok, o);
}

Awaitable DeclineTraining(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "training request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto note = [&]() -> Result<std::string> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        std::string n = SD_TRY(f.String("note"));
        SD_CHECK(f.NoOthers());
        return n;
    }();
    if (!note) co_return ErrorResponse(ex.request, note.error());
    auto out = co_await Await<domain::TrainingRequest>([&](app::Done<domain::TrainingRequest> done) {
        s.training.DeclineTraining(ex.actor(), *id, std::move(*note), done);
    });
    if (!out) co_return ErrorResponse(ex.request, out.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, TrainingJson(*out));
}

Awaitable CreateCalendarLink(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "user");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    if (auto empty = EmptyBody(ex); !empty) co_return ErrorResponse(ex.request, empty.error());
    auto token = co_await Await<std::string>(
        [&](app::Done<std::string> done) { s.calendar.RotateCalendarToken(ex.actor(), *id, done); });
    if (!token) co_return ErrorResponse(ex.request, token.error());
    const std::string path = "/api/v1/users/" + std::to_string(*id) + "/calendar.ics?token=" + *token;
    co_return JsonResponse(ex.request, bhttp::status::created, json::object{{"token", *token}, {"path", path}});
}

Awaitable CalendarFeed(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "user");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    const auto token = Query(ex).Get("token");
    if (!token) {
        co_return ErrorResponse(ex.request,
                                MakeError(ErrorCode::kUnauthenticated, "the feed link carries its token: ?token=..."));
    }
    auto data = s.calendar.CalendarFeed(*id, *token);
    if (!data) co_return ErrorResponse(ex.request, data.error());
    std::vector<integrations::TimedEvent> timed;
    for (const auto& c : data->calls) {
        integrations::TimedEvent e;
        e.uid = "call-" + std::to_string(c.id) + "@shiftdesk";
        e.starts_at = c.starts_at;
        e.ends_at = c.EndsAt();
        e.summary = c.topic.empty() ? "Customer call" : c.topic;
        if (c.ticket_id) e.description = "Ticket #" + std::to_string(*c.ticket_id);
        // A link stored before links were checked reaches no calendar unless it is one the desk accepts now.
        if (IsSafeLink(c.join_url)) {
            e.location = c.join_url;
            e.url = c.join_url;
        }
        e.sequence = c.sequence;
        e.cancelled = c.state == domain::CallState::kCancelled;
        e.alarm_minutes_before = s.settings.call_reminder_minutes;
        timed.push_back(std::move(e));
    }
    std::vector<integrations::AllDayEvent> days;
    for (const auto& l : data->leaves) {
        const auto first = ParseIsoDate(l.first_day);
        const auto last = ParseIsoDate(l.last_day);
        if (!first || !last) continue;  // a day the desk cannot read is no day a calendar can show
        integrations::AllDayEvent e;
        e.uid = "leave-" + std::to_string(l.id) + "@shiftdesk";
        e.first_day = *first;
        e.last_day = *last;
        e.summary = data->user.name + ": " + std::string(domain::ToString(l.kind)) + " (leave)";
        e.cancelled = l.state == domain::LeaveState::kCancelled;
        e.sequence = e.cancelled ? 1 : 0;  // a leave changes once at most: when it is cancelled
        days.push_back(std::move(e));
    }
    Response res{bhttp::status::ok, ex.request.version()};
    res.keep_alive(ex.request.keep_alive());
    res.set(bhttp::field::content_type, "text/calendar; charset=utf-8");
    res.set(bhttp::field::cache_control, "private, no-store");
    res.body() = integrations::RenderCalendar("shiftdesk: " + data->user.name, timed, days, s.clock.Now());
    res.prepare_payload();
    co_return res;
}

}  // namespace shiftdesk::http
