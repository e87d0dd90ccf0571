#include "http/handlers/handoff.hpp"

#include <boost/asio/post.hpp>

#include "app/handoff.hpp"
#include "common/civil_time.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"
#include "integrations/export/handoff_export.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

Result<store::HandoffQuery> SheetQuery(const Query& q) {
    store::HandoffQuery out;
    if (auto state = q.Get("state"); state && *state != "all") {
        const auto s = domain::ValueOf(domain::kHandoffStateNames, *state);
        if (!s) return Invalid("state", "state must be all or " + domain::Choices(domain::kHandoffStateNames));
        out.states = {*s};
    }
    if (auto reason = q.Get("reason")) {
        const auto r = domain::ValueOf(domain::kHandoffReasonNames, *reason);
        if (!r) return Invalid("reason", "reason must be " + domain::Choices(domain::kHandoffReasonNames));
        out.reason = *r;
    }
    out.from_user_id = SD_TRY(q.GetInt("from", 1, INT64_MAX));
    out.picked_up_by = SD_TRY(q.GetInt("picked_up_by", 1, INT64_MAX));
    return out;
}

Result<integrations::LocalDateTime> LocalOf(const TimeZone& zone, Millis t) {
    const std::string text = zone.FormatLocal(t);  // "2026-12-01 09:30"
    integrations::LocalDateTime out;
    if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d", &out.year, &out.month, &out.day, &out.hour, &out.minute) != 5) {
        return Internal("cannot read the local time " + text);
    }
    return out;
}

Result<std::vector<integrations::HandoffRow>> Rows(const std::vector<app::HandoffView>& sheet, const TimeZone& zone) {
    std::vector<integrations::HandoffRow> rows;
    rows.reserve(sheet.size());
    for (const auto& v : sheet) {
        integrations::HandoffRow r;
        r.ticket_id = v.ticket.id;
        r.ticket_subject = v.ticket.subject;
        r.customer = v.ticket.customer.name.empty() ? v.ticket.customer.email
                                                    : v.ticket.customer.name + " <" + v.ticket.customer.email + ">";
        r.from = v.from_name;
        r.reason = std::string(domain::ToString(v.entry.reason));
        r.validation = v.entry.validation;
        r.next_step = v.entry.next_step;
        if (v.entry.needed_by) r.needed_by = SD_TRY(LocalOf(zone, *v.entry.needed_by));
        r.picked_up_by = v.picked_up_name;
        r.state = std::string(domain::ToString(v.entry.state));
        rows.push_back(std::move(r));
    }
    return rows;
}

Response FileResponse(const Exchange& ex, std::string_view type, const std::string& filename, std::string body) {
    Response res{bhttp::status::ok, ex.request.version()};
    res.keep_alive(ex.request.keep_alive());
    res.set(bhttp::field::content_type, type);
    res.set(bhttp::field::content_disposition, "attachment; filename=\"" + filename + "\"");
    res.set(bhttp::field::cache_control, "private, no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

// The sheet as a file: CSV (RFC 4180) or XLSX, times in the team's zone.
Result<Response> Export(Services& s, const Exchange& ex, const std::vector<app::HandoffView>& sheet,
                        const std::string& format) {
    const TimeZone zone = SD_TRY(TimeZone::Find(s.settings.calendar.time_zone, "calendar.time_zone"));
    const auto rows = SD_TRY(Rows(sheet, zone));
    const std::string day = FormatIsoDate(zone.DayOf(s.clock.Now()));
    if (format == "csv") {
        return FileResponse(ex, "text/csv; charset=utf-8; header=present", "handoff-" + day + ".csv",
                            integrations::RenderHandoffCsv(rows));
    }
    auto xlsx = SD_TRY(integrations::RenderHandoffXlsx(rows));
    return FileResponse(ex, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "handoff-" + day + ".xlsx", std::move(xlsx));
}

Result<app::PlaceOnSheetCmd> ParsePlace(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::PlaceOnSheetCmd cmd;
    cmd.ticket_id = SD_TRY(f.Int("ticket_id"));
    cmd.reason = SD_TRY(f.String("reason"));
    cmd.validation = SD_TRY(f.String("validation"));
    cmd.next_step = SD_TRY(f.String("next_step"));
    cmd.needed_by = SD_TRY(f.OptTime("needed_by"));
    SD_CHECK(f.NoOthers());
    return cmd;
}

Result<app::UpdateHandoffCmd> ParseUpdate(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::UpdateHandoffCmd cmd;
    cmd.reason = SD_TRY(f.OptString("reason"));
    cmd.validation = SD_TRY(f.OptString("validation"));
    cmd.next_step = SD_TRY(f.OptString("next_step"));
    cmd.needed_by_set = body.contains("needed_by");  // null clears it
    cmd.needed_by = SD_TRY(f.OptTime("needed_by"));
    cmd.picked_up_by = SD_TRY(f.OptInt("picked_up_by"));
    cmd.state = SD_TRY(f.OptString("state"));
    SD_CHECK(f.NoOthers());
    return cmd;
}

}  // namespace

Awaitable GetHandoffSheet(Services& s, Exchange& ex) {
    const Query q(ex);
    const auto format = q.Get("format").value_or("json");
    if (format != "json" && format != "csv" && format != "xlsx") {
        co_return co_await Fail(s, ex, Invalid("format", "format must be json, csv or xlsx"));
    }
    auto query = SheetQuery(q);
    if (!query) co_return co_await Fail(s, ex, query.error());
    auto sheet = s.handoff.HandoffSheet(ex.actor(), *query);
    if (!sheet) co_return co_await Fail(s, ex, sheet.error());
    if (format != "json") {
        // Writing a workbook goes through a temporary file: off the I/O threads.
        auto file = co_await Await<Response>([&](app::Done<Response> done) {
            boost::asio::post(s.cpu, [&s, &ex, &sheet, &format, done] { done(Export(s, ex, *sheet, format)); });
        });
        if (!file) co_return co_await Fail(s, ex, file.error());
        co_return std::move(*file);
    }
    json::array items;
    for (const auto& v : *sheet) items.push_back(HandoffJson(v));
    co_return JsonResponse(ex.request, bhttp::status::ok, json::object{{"entries", std::move(items)}});
}

Awaitable PlaceOnSheet(Services& s, Exchange& ex) {
    auto cmd = ParsePlace(ex);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto placed = co_await Await<app::HandoffView>(
        [&](app::Done<app::HandoffView> done) { s.handoff.PlaceOnSheet(ex.actor(), std::move(*cmd), done); });
    if (!placed) co_return ErrorResponse(ex.request, placed.error());
    co_return JsonResponse(ex.request, bhttp::status::created, HandoffJson(*placed));
}

Awaitable GetHandoffEntry(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "hand-off entry");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.handoff.GetHandoffEntry(ex.actor(), *id), bhttp::status::ok,
                              [](const app::HandoffView& v) { return json::value(HandoffJson(v)); });
}

Awaitable UpdateHandoffEntry(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "hand-off entry");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto cmd = ParseUpdate(ex);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto updated = co_await Await<app::HandoffUpdate>([&](app::Done<app::HandoffUpdate> done) {
        s.handoff.UpdateHandoffEntry(ex.actor(), *id, std::move(*cmd), done);
    });
    if (!updated) co_return ErrorResponse(ex.request, updated.error());
    json::object out = HandoffJson(updated->view);
    // An engineer picking an entry up has asked a lead for the ticket (R7, R11): the request they filed.
    if (updated->request) out["request"] = json::object{{"id", updated->request->id}, {"state", "pending"}};
    co_return JsonResponse(ex.request, bhttp::status::ok, out);
}

}  // namespace shiftdesk::http
