#include "http/handlers/requests.hpp"

#include "app/requests.hpp"
#include "app/tickets.hpp"
#include "common/time.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

constexpr int kMaxPage = 200;

Result<app::FileRequestCmd> ParseFiling(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::FileRequestCmd cmd;
    const auto kind = SD_TRY(f.OptEnum("kind", domain::kRequestKindNames));
    if (!kind) return Invalid("kind", "kind is required: " + domain::Choices(domain::kRequestKindNames));
    cmd.kind = *kind;
    // Each kind reads its own fields; a field another kind uses is refused as unknown here.
    switch (cmd.kind) {
        case domain::RequestKind::kAssignment:
            cmd.ticket_id = SD_TRY(f.OptInt("ticket_id"));
            cmd.owner_id = SD_TRY(f.OptInt("owner_id"));
            cmd.reason = SD_TRY(f.String("reason"));
            break;
        case domain::RequestKind::kNewTicket:
            cmd.ticket_id = SD_TRY(f.OptInt("ticket_id"));
            cmd.reason = SD_TRY(f.String("reason"));
            cmd.subject = SD_TRY(f.String("subject"));
            cmd.description = SD_TRY(f.OptString("description")).value_or("");
            cmd.new_issue = SD_TRY(f.OptBool("new_issue")).value_or(true);
            break;
        case domain::RequestKind::kOffQueue: {
            const auto hours = SD_TRY(f.Int("hours"));
            cmd.hours = hours > 1000 || hours < -1000 ? 1001 : static_cast<int>(hours);
            cmd.reason = SD_TRY(f.String("reason"));
            break;
        }
    }
    SD_CHECK(f.NoOthers());
    return cmd;
}

Result<app::DecisionCmd> ParseDecision(const Exchange& ex, bool with_owner) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::DecisionCmd cmd;
    cmd.note = SD_TRY(f.String("note"));
    if (with_owner) cmd.owner_id = SD_TRY(f.OptInt("owner_id"));
    SD_CHECK(f.NoOthers());
    return cmd;
}

// The request as the desk now knows it, after a command changed it.
Awaitable AnswerRequest(Services& s, const Exchange& ex, Result<domain::Request> result, bhttp::status status) {
    if (!result) co_return ErrorResponse(ex.request, result.error());
    co_return co_await Answer(s, ex, s.requests.GetRequest(ex.actor(), result->id), status,
                              [&](const app::RequestView& v) { return json::value(RequestJson(v, s.clock.Now())); });
}

}  // namespace

Awaitable FileRequest(Services& s, Exchange& ex) {
    auto cmd = ParseFiling(ex);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto filed = co_await Await<domain::Request>(
        [&](app::Done<domain::Request> done) { s.requests.FileRequest(ex.actor(), std::move(*cmd), done); });
    co_return co_await AnswerRequest(s, ex, std::move(filed), bhttp::status::created);
}

Awaitable ListRequests(Services& s, Exchange& ex) {
    const Query q(ex);
    auto query = [&]() -> Result<store::RequestQuery> {
        store::RequestQuery rq;
        if (auto state = q.Get("state")) {
            rq.state = domain::ValueOf(domain::kRequestStateNames, *state);
            if (!rq.state) return Invalid("state", "state must be " + domain::Choices(domain::kRequestStateNames));
        }
        rq.ticket_id = SD_TRY(q.GetInt("ticket_id", 1, INT64_MAX));
        rq.after_id = SD_TRY(q.GetInt("after", 0, INT64_MAX)).value_or(0);
        rq.limit = static_cast<int>(SD_TRY(q.GetInt("limit", 1, kMaxPage)).value_or(50)) + 1;
        return rq;
    }();
    if (!query) co_return ErrorResponse(ex.request, query.error());
    const std::size_t page_size = static_cast<std::size_t>(query->limit - 1);
    co_return co_await Answer(s, ex, s.requests.ListRequests(ex.actor(), *query), bhttp::status::ok,
                              [&](const std::vector<app::RequestView>& rows) {
                                  const Millis now = s.clock.Now();
                                  const std::size_t shown = std::min(rows.size(), page_size);
                                  json::array items;
                                  for (std::size_t i = 0; i < shown; ++i) items.push_back(RequestJson(rows[i], now));
                                  json::value next = nullptr;
                                  if (rows.size() > shown) next = rows[shown - 1].request.id;
                                  return json::object{{"requests", std::move(items)}, {"next_after", next}};
                              });
}

Awaitable GetRequest(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.requests.GetRequest(ex.actor(), *id), bhttp::status::ok,
                              [&](const app::RequestView& v) { return json::value(RequestJson(v, s.clock.Now())); });
}

Awaitable GetRequestEvents(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.requests.GetRequestEvents(ex.actor(), *id), bhttp::status::ok,
                              [](const std::vector<store::EventRow>& rows) {
                                  json::array items;
                                  for (const auto& r : rows) items.push_back(EventJson(r));
                                  return json::object{{"events", std::move(items)}};
                              });
}

namespace {

enum class Verdict { kApprove, kDeny };

Awaitable Decide(Services& s, Exchange& ex, Verdict verdict) {
    auto id = IdParam(ex, 0, "request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto cmd = ParseDecision(ex, verdict == Verdict::kApprove);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto decided = co_await Await<domain::Request>([&](app::Done<domain::Request> done) {
        if (verdict == Verdict::kApprove) {
            s.requests.ApproveRequest(ex.actor(), *id, *cmd, done);
        } else {
            s.requests.DenyRequest(ex.actor(), *id, *cmd, done);
        }
    });
    co_return co_await AnswerRequest(s, ex, std::move(decided), bhttp::status::ok);
}

}  // namespace

Awaitable ApproveRequest(Services& s, Exchange& ex) { co_return co_await Decide(s, ex, Verdict::kApprove); }
Awaitable DenyRequest(Services& s, Exchange& ex) { co_return co_await Decide(s, ex, Verdict::kDeny); }

Awaitable WithdrawRequest(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "request");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto withdrawn = co_await Await<domain::Request>(
        [&](app::Done<domain::Request> done) { s.requests.WithdrawRequest(ex.actor(), *id, done); });
    co_return co_await AnswerRequest(s, ex, std::move(withdrawn), bhttp::status::ok);
}

Awaitable SetQueue(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "user");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    bool on_queue = true;
    std::optional<Millis> until;
    auto parsed = [&]() -> Result<void> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        const auto on = SD_TRY(f.OptBool("on_queue"));
        if (!on) return Invalid("on_queue", "on_queue is required: true or false");
        on_queue = *on;
        if (auto text = SD_TRY(f.OptString("until"))) {
            until = ParseRfc3339(*text);
            if (!until) return Invalid("until", "until must be an RFC 3339 time, e.g. 2026-11-23T17:00:00Z");
        }
        return f.NoOthers();
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    auto user = co_await Await<domain::User>(
        [&](app::Done<domain::User> done) { s.requests.SetQueue(ex.actor(), *id, on_queue, until, done); });
    if (!user) co_return ErrorResponse(ex.request, user.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, UserJson(*user, s.clock.Now()));
}

Awaitable AddCustomerMessage(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    std::string text;
    auto parsed = [&]() -> Result<void> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        text = SD_TRY(f.String("body"));
        return f.NoOthers();
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    auto out = co_await Await<app::CustomerMessageOutcome>([&](app::Done<app::CustomerMessageOutcome> done) {
        s.tickets.AddCustomerMessage(ex.actor(), *id, text, done);
    });
    if (!out) co_return ErrorResponse(ex.request, out.error());
    std::string body = "{\"entry\":" + json::serialize(EntryJson(out->entry)) + ",\"ticket\":";
    AppendTicketJson(body, out->ticket, true);
    body += ",\"followup_request_id\":";
    if (out->followup) {
        AppendJsonInt(body, out->followup->id);
    } else {
        body += "null";
    }
    body += '}';
    co_return JsonResponse(ex.request, bhttp::status::created, JsonText{std::move(body)});
}

}  // namespace shiftdesk::http
