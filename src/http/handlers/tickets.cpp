// Ticket endpoints: thin handlers that parse a command, await the desk, and render the answer.
#include "http/handlers/tickets.hpp"

#include <charconv>

#include "app/command_runner.hpp"
#include "app/tickets.hpp"
#include "common/crypto.hpp"
#include "common/text.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/views.hpp"

namespace shiftdesk::http {
namespace json = boost::json;
namespace {

constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 200;

Result<app::CreateTicketCmd> ParseCreate(const Exchange& ex) {
    const auto body = SD_TRY(ParseObject(ex.request.body()));
    Fields f(body);
    app::CreateTicketCmd cmd;
    cmd.subject = SD_TRY(f.String("subject"));
    cmd.description = SD_TRY(f.OptString("description")).value_or("");
    cmd.priority = SD_TRY(f.OptEnum("priority", domain::kPriorityNames)).value_or(domain::Priority::kNormal);
    cmd.channel = SD_TRY(f.OptEnum("channel", domain::kChannelNames)).value_or(domain::Channel::kWeb);
    cmd.parent_id = SD_TRY(f.OptInt("parent_id"));
    Fields customer = SD_TRY(f.Object("customer"));
    cmd.customer.name = SD_TRY(customer.String("name"));
    cmd.customer.email = SD_TRY(customer.String("email"));
    cmd.customer.plan = SD_TRY(customer.OptString("plan"));
    cmd.customer.critical = SD_TRY(customer.OptBool("critical"));
    SD_CHECK(customer.NoOthers());
    SD_CHECK(f.NoOthers());
    cmd.idempotency_key = std::string(ex.request["Idempotency-Key"]);
    cmd.request_hash = Sha256Hex(ex.request.body());
    return cmd;
}

// A page of a list: the query, and the page size the caller asked for (the store is asked for one more row, to
// know whether another page follows).
struct ListRequest {
    store::TicketQuery query;
    int page_size = kDefaultPage;
};

// "me", a user id, or "none" (tickets nobody owns).
Result<void> ParseOwner(const Exchange& ex, const std::string& text, store::TicketQuery& q) {
    if (text == "me") {
        q.owner_id = ex.actor().id;
        return {};
    }
    if (text == "none") {
        q.no_owner = true;
        return {};
    }
    domain::UserId id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        return Invalid("owner", "owner must be 'me', 'none' or a user id");
    }
    q.owner_id = id;
    return {};
}

Result<std::vector<domain::TicketStatus>> ParseStatuses(const std::string& text) {
    std::vector<domain::TicketStatus> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const auto status = domain::ValueOf(domain::kStatusNames, std::string_view(text).substr(start, end - start));
        if (!status) {
            return Invalid("status",
                           "status must be a comma-separated list of " + domain::Choices(domain::kStatusNames));
        }
        out.push_back(*status);
        start = end + 1;
    }
    return out;
}

// Cursors name the order they continue: "q<id>" for the queue, "d<due key>.<id>" for the due-time order, so a
// cursor from one list is refused by another instead of returning the wrong page.
std::string CursorAfter(const store::TicketQuery& q, const domain::Ticket& last) {
    if (q.unowned_only) return "q" + std::to_string(last.id);
    return "d" + std::to_string(store::DueKey(last)) + "." + std::to_string(last.id);
}

Result<store::TicketCursor> ParseCursor(const store::TicketQuery& q, std::string_view text) {
    const auto number = [](std::string_view part, std::int64_t& v) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        return ec == std::errc{} && end == part.data() + part.size();
    };
    store::TicketCursor c;
    const char kind = q.unowned_only ? 'q' : 'd';
    bool ok = !text.empty() && text.front() == kind;
    if (ok) text.remove_prefix(1);
    if (ok && kind == 'q') ok = number(text, c.id);
    if (ok && kind == 'd') {
        const auto dot = text.find('.');
        ok = dot != std::string_view::npos && number(text.substr(0, dot), c.due_key) &&
             number(text.substr(dot + 1), c.id);
    }
    if (!ok) return Invalid("cursor", "cursor does not belong to this list; start again without it");
    return c;
}

Result<ListRequest> ParseListQuery(const Exchange& ex) {
    const Query q(ex);
    ListRequest list;
    store::TicketQuery& query = list.query;
    if (auto owner = q.Get("owner")) SD_CHECK(ParseOwner(ex, *owner, query));
    if (auto queue = q.Get("queue")) {
        if (*queue != "unassigned") return Invalid("queue", "queue must be 'unassigned'");
        if (query.owner_id || query.no_owner) {
            return Invalid("queue", "queue=unassigned lists unowned new tickets: leave out owner");
        }
        query.unowned_only = true;
    }
    if (auto status = q.Get("status")) {
        if (query.unowned_only) return Invalid("status", "queue=unassigned lists new tickets: leave out status");
        query.statuses = SD_TRY(ParseStatuses(*status));
    }
    list.page_size = static_cast<int>(SD_TRY(q.GetInt("limit", 1, kMaxPage)).value_or(kDefaultPage));
    query.limit = list.page_size + 1;
    if (auto cursor = q.Get("cursor")) query.after = SD_TRY(ParseCursor(query, *cursor));
    return list;
}

// The command's answer once durable; its refusal was audited inside the command's own transaction.
template <class T, class View>
Awaitable Reply(const Exchange& ex, Result<T> result, bhttp::status status, View view) {
    if (!result) co_return ErrorResponse(ex.request, result.error());
    co_return JsonResponse(ex.request, status, view(*result));
}

JsonText TicketView(const domain::Ticket& t) { return TicketText(t); }
json::value EntryView(const domain::ThreadEntry& e) { return EntryJson(e); }

JsonText RenderPage(const ListRequest& list, const std::vector<domain::Ticket>& rows) {
    const std::size_t shown = std::min(rows.size(), std::size_t(list.page_size));
    JsonText page;
    page.text.reserve(64 + shown * 400);
    page.text += "{\"tickets\":[";
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) page.text += ',';
        AppendTicketJson(page.text, rows[i], false);
    }
    page.text += "],\"next_cursor\":";
    if (rows.size() > shown) {
        AppendJsonString(page.text, CursorAfter(list.query, rows[shown - 1]));
    } else {
        page.text += "null";
    }
    page.text += '}';
    return page;
}

// Whether If-None-Match names this entity tag: a list of tags or "*", compared weakly (W/ ignored).
bool Matches(std::string_view if_none_match, std::string_view etag) {
    const auto opaque = [](std::string_view tag) {
        tag = Trim(tag);
        return tag.starts_with("W/") ? tag.substr(2) : tag;
    };
    while (!if_none_match.empty()) {
        const auto comma = std::min(if_none_match.find(','), if_none_match.size());
        const auto tag = Trim(if_none_match.substr(0, comma));
        if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) return true;
        if_none_match.remove_prefix(std::min(comma + 1, if_none_match.size()));
    }
    return false;
}

// A list as the client already has it (If-None-Match), or its body. The entity tag names the server instance, the
// data version and the page (user and URL), so a tag never matches another page, a later state or another server.
Response ListResponse(const Services& s, const Exchange& ex, std::optional<std::uint64_t> version,
                      const std::string& key, const std::string& body) {
    std::string etag;
    if (version) {
        char page[17];
        std::snprintf(page, sizeof page, "%016zx", std::hash<std::string>{}(key));
        etag = "W/\"" + s.instance + "-" + std::to_string(*version) + "-" + page + "\"";
    }
    if (!etag.empty() && Matches(ex.request[bhttp::field::if_none_match], etag)) {
        Response res{bhttp::status::not_modified, ex.request.version()};
        res.set(bhttp::field::etag, etag);
        res.set(bhttp::field::cache_control, "private, no-cache");
        res.keep_alive(ex.request.keep_alive());
        return res;
    }
    Response res = JsonResponse(ex.request, bhttp::status::ok, JsonText{body});
    if (!etag.empty()) {
        res.set(bhttp::field::etag, etag);
        res.set(bhttp::field::cache_control, "private, no-cache");
    }
    return res;
}

}  // namespace

Awaitable CreateTicket(Services& s, Exchange& ex) {
    auto cmd = ParseCreate(ex);
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto created = co_await Await<app::CreatedTicket>(
        [&](app::Done<app::CreatedTicket> done) { s.tickets.CreateTicket(ex.actor(), std::move(*cmd), done); });
    if (!created) co_return ErrorResponse(ex.request, created.error());
    // A replay of an Idempotency-Key answers 200 with the ticket the first request created.
    co_return JsonResponse(ex.request, created->replayed ? bhttp::status::ok : bhttp::status::created,
                           TicketText(created->ticket));
}

// Bins and queues are polled far more often than tickets change: a page rendered under the database's current data
// version is served again (or answered 304) until anything is committed.
Awaitable ListTickets(Services& s, Exchange& ex) {
    auto list = ParseListQuery(ex);
    if (!list) co_return ErrorResponse(ex.request, list.error());
    std::optional<std::uint64_t> version;
    if (auto v = s.runner.ChangeVersion()) version = *v;
    const std::string key = std::to_string(ex.actor().id) + " " + std::string(ex.request.target());
    // "Cache-Control: no-cache" asks for a page read from the database (it still refreshes the cache).
    const bool fresh = ex.request[bhttp::field::cache_control].find("no-cache") != std::string_view::npos;
    if (s.cache && version && !fresh) {
        if (auto body = s.cache->Find(key, *version)) co_return ListResponse(s, ex, version, key, *body);
    }
    auto rows = s.tickets.ListTickets(ex.actor(), list->query);
    if (!rows) co_return co_await Fail(s, ex, rows.error());
    auto body = std::make_shared<const std::string>(RenderPage(*list, *rows).text);
    if (s.cache && version) s.cache->Store(key, *version, body);
    co_return ListResponse(s, ex, version, key, *body);
}

Awaitable GetTicket(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    co_return co_await Answer(s, ex, s.tickets.GetTicket(ex.actor(), *id), bhttp::status::ok, TicketView);
}

Awaitable UpdateTicket(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto cmd = [&]() -> Result<app::UpdateTicketCmd> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        app::UpdateTicketCmd c;
        c.status = SD_TRY(f.OptEnum("status", domain::kStatusNames));
        c.priority = SD_TRY(f.OptEnum("priority", domain::kPriorityNames));
        SD_CHECK(f.NoOthers());
        if (c.status == domain::TicketStatus::kNew) return Invalid("status", "a ticket cannot go back to new");
        return c;
    }();
    if (!cmd) co_return ErrorResponse(ex.request, cmd.error());
    auto updated = co_await Await<domain::Ticket>(
        [&](app::Done<domain::Ticket> done) { s.tickets.UpdateTicket(ex.actor(), *id, *cmd, done); });
    co_return co_await Reply(ex, std::move(updated), bhttp::status::ok, TicketView);
}

Awaitable TakeTicket(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    auto no_fields = EmptyBody(ex);
    if (!no_fields) co_return ErrorResponse(ex.request, no_fields.error());
    auto taken = co_await Await<domain::Ticket>(
        [&](app::Done<domain::Ticket> done) { s.tickets.TakeTicket(ex.actor(), *id, done); });
    co_return co_await Reply(ex, std::move(taken), bhttp::status::ok, TicketView);
}

Awaitable AssignTicket(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    std::int64_t owner = 0;
    std::string note;
    auto parsed = [&]() -> Result<void> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        owner = SD_TRY(f.Int("owner_id"));
        note = SD_TRY(f.OptString("note")).value_or("");
        return f.NoOthers();
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    auto assigned = co_await Await<domain::Ticket>(
        [&](app::Done<domain::Ticket> done) { s.tickets.AssignTicket(ex.actor(), *id, owner, note, done); });
    co_return co_await Reply(ex, std::move(assigned), bhttp::status::ok, TicketView);
}

namespace {

// Replies and notes take the same body; only the desk's use case differs.
Awaitable PostEntry(Services& s, Exchange& ex, bool is_note) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    std::string text;
    std::optional<Millis> promise_by;
    auto parsed = [&]() -> Result<void> {
        const auto body = SD_TRY(ParseObject(ex.request.body()));
        Fields f(body);
        text = SD_TRY(f.String("body"));
        if (!is_note) promise_by = SD_TRY(f.OptTime("promise_by"));  // R2: "next update by"
        return f.NoOthers();
    }();
    if (!parsed) co_return ErrorResponse(ex.request, parsed.error());
    auto entry = co_await Await<domain::ThreadEntry>([&](app::Done<domain::ThreadEntry> done) {
        if (is_note) {
            s.tickets.AddNote(ex.actor(), *id, text, done);
        } else {
            s.tickets.AddReply(ex.actor(), *id, text, promise_by, done);
        }
    });
    co_return co_await Reply(ex, std::move(entry), bhttp::status::created, EntryView);
}

}  // namespace

Awaitable AddReply(Services& s, Exchange& ex) { co_return co_await PostEntry(s, ex, false); }
Awaitable AddNote(Services& s, Exchange& ex) { co_return co_await PostEntry(s, ex, true); }

Awaitable GetThread(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    const auto kind = Query(ex).Get("kind");
    std::optional<domain::EntryKind> only;
    if (kind) {
        only = domain::ValueOf(domain::kEntryKindNames, *kind);
        if (!only) {
            co_return ErrorResponse(ex.request,
                                    Invalid("kind", "kind must be " + domain::Choices(domain::kEntryKindNames)));
        }
    }
    co_return co_await Answer(s, ex, s.tickets.GetThread(ex.actor(), *id), bhttp::status::ok,
                              [&](const std::vector<domain::ThreadEntry>& entries) {
                                  json::array items;
                                  for (const auto& e : entries) {
                                      if (!only || e.kind == *only) items.push_back(EntryJson(e));
                                  }
                                  return json::object{{"entries", std::move(items)}};
                              });
}

Awaitable GetEvents(Services& s, Exchange& ex) {
    auto id = IdParam(ex, 0, "ticket");
    if (!id) co_return ErrorResponse(ex.request, id.error());
    const Query q(ex);
    auto params = [&]() -> Result<std::pair<std::int64_t, int>> {
        const auto after = SD_TRY(q.GetInt("after", 0, INT64_MAX)).value_or(0);
        const auto limit = SD_TRY(q.GetInt("limit", 1, kMaxPage)).value_or(kMaxPage);
        return std::pair{after, static_cast<int>(limit)};
    }();
    if (!params) co_return ErrorResponse(ex.request, params.error());
    const auto [after, page_size] = *params;
    // One row more than the page tells whether another page follows.
    co_return co_await Answer(s, ex, s.tickets.GetEvents(ex.actor(), *id, after, page_size + 1), bhttp::status::ok,
                              [&](const std::vector<store::EventRow>& rows) {
                                  const std::size_t shown = std::min(rows.size(), std::size_t(page_size));
                                  json::array items;
                                  for (std::size_t i = 0; i < shown; ++i) items.push_back(EventJson(rows[i]));
                                  json::value next = nullptr;
                                  if (rows.size() > shown) next = rows[shown - 1].event.id;
                                  return json::object{{"events", std::move(items)}, {"next_after", next}};
                              });
}

}  // namespace shiftdesk::http
