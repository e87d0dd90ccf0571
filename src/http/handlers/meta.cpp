#include "http/handlers/meta.hpp"

#include "app/command_runner.hpp"
#include "app/due_work.hpp"
#include "app/refusal_audit.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"
#include "policy/rules.hpp"

namespace shiftdesk::http {
namespace json = boost::json;

// For load balancers and monitoring: the desk answers, and whether its storage takes writes. A desk that cannot
// write still serves every read, so it answers 200 with "degraded" rather than taking itself out of service.
Awaitable Health(Services& s, Exchange& ex) {
    const store::StorageHealth h = s.runner.StorageHealth();
    json::object storage{{"writable", h.writable}};
    if (!h.writable) {
        storage["problem"] = h.fault == ErrorCode::kStorageFull ? "full" : "unavailable";
        storage["detail"] = h.problem;
        storage["since"] = TimeJson(h.since_unix_ms);
    }
    if (h.free_bytes) storage["free_bytes"] = *h.free_bytes;
    co_return JsonResponse(ex.request, bhttp::status::ok,
                           json::object{{"status", h.writable ? "ok" : "degraded"},
                                        {"time", TimeJson(s.clock.Now())},
                                        {"storage", std::move(storage)}});
}

Awaitable Rules(Services&, Exchange& ex) {
    json::array rules;
    for (const auto& r : rule::All()) {
        rules.push_back(json::object{{"id", r.code}, {"title", r.title}, {"sentence", r.sentence}});
    }
    co_return JsonResponse(ex.request, bhttp::status::ok, json::object{{"rules", std::move(rules)}});
}

Awaitable Index(Services&, Exchange& ex) {
    Response res{bhttp::status::ok, ex.request.version()};
    res.set(bhttp::field::content_type, "text/html; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-cache");
    res.keep_alive(ex.request.keep_alive());
    res.body() =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>shiftdesk</title></head>"
        "<body><h1>shiftdesk</h1><p>The desk is running. Its API is at <a href=\"/api/v1/health\">/api/v1</a>; "
        "sign in with <code>POST /api/v1/session</code>. The rulebook: <a href=\"/api/v1/rules\">/api/v1/rules</a>."
        "</p></body></html>";
    res.prepare_payload();
    co_return res;
}

Awaitable AdvanceTestClock(Services& s, Exchange& ex) {
    auto parsed = [&]() -> Result<std::int64_t> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        const auto seconds = SD_TRY(f.Int("advance_seconds"));
        SD_CHECK(f.NoOthers());
        constexpr std::int64_t kTenYears = 10LL * 366 * 24 * 3600;
        if (seconds < 0 || seconds > kTenYears) {
            return Invalid("advance_seconds", "advance_seconds must be from 0 to " + std::to_string(kTenYears));
        }
        return seconds;
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    s.test_clock->Advance(*parsed * kSecond);
    // What fell due in the skipped time is done before answering, so a test sees its effect at once.
    auto due =
        co_await Await<app::DueWorkReport>([&](app::Done<app::DueWorkReport> done) { s.due_work.RunDueWork(done); });
    if (!due) co_return ErrorResponse(ex.request, due.error());
    auto flushed = co_await Await<int>([&](app::Done<int> done) { s.audit.FlushReadRefusals(done); });
    if (!flushed) co_return ErrorResponse(ex.request, flushed.error());
    co_return JsonResponse(ex.request, bhttp::status::ok,
                           json::object{{"now", TimeJson(s.test_clock->Now())},
                                        {"requests_expired", due->requests_expired},
                                        {"off_queue_ended", due->off_queue_ended},
                                        {"timers_fired", due->timers_fired},
                                        {"sla_announced", due->sla_announced}});
}

}  // namespace shiftdesk::http
