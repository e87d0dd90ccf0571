#include "http/handlers/sla.hpp"

#include "app/notifications.hpp"
#include "app/sla.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json_text.hpp"
#include "http/views.hpp"

namespace shiftdesk::http {
namespace json = boost::json;

Awaitable PromiseUpdate(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto by = [&]() -> Result<Millis> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        const Millis at = SD_TRY(f.Time("by"));
        SD_CHECK(f.NoOthers());
        return at;
    }();
    if (!by) co_return ErrorResponse(ex.request, by.error());
    auto promised = co_await Await<domain::Ticket>(
        [&](app::Done<domain::Ticket> done) { s.sla.Promise(ex.actor(), *id, *by, done); });
    if (!promised) co_return ErrorResponse(ex.request, promised.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, TicketText(*promised));
}

Awaitable AtRisk(Services& s, Exchange& ex) {
    const Query q(ex);
    auto limit = q.GetInt("limit", 1, 500);
    if (!limit) co_return ErrorResponse(ex.request, limit.error());
    co_return co_await Answer(s, ex, s.sla.AtRisk(ex.actor(), static_cast<int>(limit->value_or(100))),
                              bhttp::status::ok, [](const std::vector<domain::Ticket>& tickets) {
                                  JsonText out;
                                  out.text = "{\"tickets\":[";
                                  for (std::size_t i = 0; i < tickets.size(); ++i) {
                                      if (i) out.text += ',';
                                      AppendTicketJson(out.text, tickets[i], true);
                                  }
                                  out.text += "]}";
                                  return out;
                              });
}

Awaitable ListNotifications(Services& s, Exchange& ex) {
    const Query q(ex);
    auto query = [&]() -> Result<std::tuple<bool, std::optional<std::int64_t>, int>> {
        bool unread = false;
        if (auto text = q.Get("unread")) {
            if (*text != "true" && *text != "false") return Invalid("unread", "unread must be true or false");
            unread = *text == "true";
        }
        const auto before = SD_TRY(q.GetInt("before", 1, INT64_MAX));
        const auto limit = SD_TRY(q.GetInt("limit", 1, 200)).value_or(50);
        return std::tuple{unread, before, static_cast<int>(limit)};
    }();
    if (!query) co_return ErrorResponse(ex.request, query.error());
    const auto [unread, before, limit] = *query;
    co_return co_await Answer(s, ex, s.notifications.ListNotifications(ex.actor(), unread, before, limit),
                              bhttp::status::ok, [](const std::vector<store::Notification>& list) {
                                  json::array items;
                                  for (const auto& n : list) items.push_back(NotificationJson(n));
                                  return json::object{{"notifications", std::move(items)}};
                              });
}

Awaitable ReadNotification(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "notification");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto read =
        co_await Await<bool>([&](app::Done<bool> done) { s.notifications.ReadNotification(ex.actor(), *id, done); });
    if (!read) co_return ErrorResponse(ex.request, read.error());
    co_return JsonResponse(ex.request, bhttp::status::ok, json::object{{"id", *id}, {"read", true}});
}

}  // namespace shiftdesk::http
