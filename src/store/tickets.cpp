#include "store/tickets.hpp"

#include <limits>

#include "common/text.hpp"
#include "store/address_json.hpp"

namespace shiftdesk::store {
namespace {

using domain::Ticket;

constexpr std::int64_t kNoDue = std::numeric_limits<std::int64_t>::max();

// Shared by every ticket SELECT so that TicketFrom reads the columns in one order.
constexpr std::string_view kTicketColumns =
    "t.id, t.subject, t.status, t.priority, t.channel, t.owner_id, t.parent_id, t.due_at, t.created_at, "
    "t.updated_at, c.id, c.name, c.email, c.plan, c.critical, t.sla_state";
constexpr std::size_t kListColumns = 16;

// The SLA clocks, in the order SlaParams writes them and FindTicket reads them.
constexpr std::string_view kSlaColumns =
    "sla_check_at, first_response_due, first_response_at, update_due, update_warn_at, resolution_due, "
    "resolution_warn_at, promised_at, sla_paused_at, update_left, update_warn_left, resolution_left, "
    "resolution_warn_left, breached_at, sla_reported";

Ticket TicketFrom(const Row& r) {
    Ticket t;
    t.id = r.Int(0);
    t.subject = r.Text(1);
    t.status = domain::ValueOf(domain::kStatusNames, r.Text(2)).value_or(domain::TicketStatus::kNew);
    t.priority = domain::ValueOf(domain::kPriorityNames, r.Text(3)).value_or(domain::Priority::kNormal);
    t.channel = domain::ValueOf(domain::kChannelNames, r.Text(4)).value_or(domain::Channel::kWeb);
    t.owner_id = r.OptInt(5);
    t.parent_id = r.OptInt(6);
    t.due_at = r.OptInt(7);
    t.created_at = r.Int(8);
    t.updated_at = r.Int(9);
    t.customer.id = r.Int(10);
    t.customer.name = r.Text(11);
    t.customer.email = r.Text(12);
    t.customer.plan = r.Text(13);
    t.customer.critical = r.Bool(14);
    t.sla.state = domain::ValueOf(domain::kSlaStateNames, r.Text(15)).value_or(domain::SlaState::kOk);
    return t;
}

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }

void ReadSla(const Row& r, std::size_t at, domain::SlaClocks& s) {
    s.check_at = r.OptInt(at);
    s.first_response_due = r.OptInt(at + 1);
    s.first_response_at = r.OptInt(at + 2);
    s.update_due = r.OptInt(at + 3);
    s.update_warn_at = r.OptInt(at + 4);
    s.resolution_due = r.OptInt(at + 5);
    s.resolution_warn_at = r.OptInt(at + 6);
    s.promised_at = r.OptInt(at + 7);
    s.paused_at = r.OptInt(at + 8);
    s.update_left = r.Int(at + 9);
    s.update_warn_left = r.Int(at + 10);
    s.resolution_left = r.Int(at + 11);
    s.resolution_warn_left = r.Int(at + 12);
    s.breached_at = r.OptInt(at + 13);
    s.reported = static_cast<int>(r.Int(at + 14));
}

// Appends the SLA clocks (kSlaColumns' order) and the SLA state to params.
void SlaParams(Params& p, const domain::SlaClocks& s) {
    for (const auto& v : {s.check_at, s.first_response_due, s.first_response_at, s.update_due, s.update_warn_at,
                          s.resolution_due, s.resolution_warn_at, s.promised_at, s.paused_at}) {
        p.push_back(Opt(v));
    }
    for (Millis v : {s.update_left, s.update_warn_left, s.resolution_left, s.resolution_warn_left}) p.push_back(v);
    p.push_back(Opt(s.breached_at));
    p.push_back(std::int64_t{s.reported});
    p.push_back(std::string(domain::ToString(s.state)));
}

// "$first = $(first+1), ..." over the SLA columns then sla_state.
std::string SlaAssignments(std::size_t first) {
    std::string out;
    std::size_t n = first;
    std::string_view rest = kSlaColumns;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view col = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
        out += ", " + std::string(col) + " = $" + std::to_string(n++);
    }
    out += ", sla_state = $" + std::to_string(n);
    return out;
}

}  // namespace

std::int64_t DueKey(const Ticket& t) { return t.due_at.value_or(kNoDue); }

Result<std::optional<Ticket>> FindTicket(Conn& c, domain::TicketId id) {
    // Lists read the columns of the covering bin index only; one ticket reads them all.
    static const std::string sql = "SELECT " + std::string(kTicketColumns) +
                                   ", t.description, t.closed_at, t.approved_by, t.approval_entry_id, "
                                   "t.approval_request_id, t.needs_lead, COALESCE(a.body, ''), " +
                                   std::string(kSlaColumns) +
                                   " FROM tickets t JOIN customers c ON c.id = t.customer_id "
                                   "LEFT JOIN thread_entries a ON a.id = t.approval_entry_id WHERE t.id = $1";
    auto row = SD_TRY(c.QueryOne(sql, {id}));
    if (!row) return std::optional<Ticket>{};
    Ticket t = TicketFrom(*row);
    constexpr std::size_t k = kListColumns;
    t.description = row->Text(k);
    t.closed_at = row->OptInt(k + 1);
    t.approved_by = row->OptInt(k + 2);
    t.approval_entry_id = row->OptInt(k + 3);
    t.approval_request_id = row->OptInt(k + 4);
    t.needs_lead = row->Bool(k + 5);
    t.approval_note = row->Text(k + 6);
    ReadSla(*row, k + 7, t.sla);
    return std::optional<Ticket>{std::move(t)};
}

Result<Ticket> InsertTicket(Conn& c, Ticket t) {
    static const std::string sql = [] {
        std::string cols =
            "subject, description, status, priority, channel, customer_id, owner_id, parent_id, due_at, "
            "created_at, updated_at, approved_by, approval_request_id, " +
            std::string(kSlaColumns) + ", sla_state";
        std::string values;
        for (int i = 1; i <= 13 + 16; ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
        return "INSERT INTO tickets (" + cols + ") VALUES (" + values + ")";
    }();
    Params p{t.subject,
             t.description,
             std::string(domain::ToString(t.status)),
             std::string(domain::ToString(t.priority)),
             std::string(domain::ToString(t.channel)),
             t.customer.id,
             Opt(t.owner_id),
             Opt(t.parent_id),
             Opt(t.due_at),
             t.created_at,
             t.updated_at,
             Opt(t.approved_by),
             Opt(t.approval_request_id)};
    SlaParams(p, t.sla);
    t.id = SD_TRY(c.Insert(sql, p));
    return t;
}

Result<void> UpdateTicket(Conn& c, const Ticket& t) {
    static const std::string sql =
        "UPDATE tickets SET status = $2, priority = $3, owner_id = $4, due_at = $5, updated_at = $6, closed_at = $7, "
        "approved_by = $8, approval_entry_id = $9, approval_request_id = $10, needs_lead = $11" +
        SlaAssignments(12) + " WHERE id = $1";
    Params p{t.id,
             std::string(domain::ToString(t.status)),
             std::string(domain::ToString(t.priority)),
             Opt(t.owner_id),
             Opt(t.due_at),
             t.updated_at,
             Opt(t.closed_at),
             Opt(t.approved_by),
             Opt(t.approval_entry_id),
             Opt(t.approval_request_id),
             std::int64_t{t.needs_lead ? 1 : 0}};
    SlaParams(p, t.sla);
    const auto n = SD_TRY(c.Execute(sql, p));
    if (n != 1) return NotFound("no ticket " + std::to_string(t.id));
    return {};
}

Result<std::vector<domain::TicketId>> TicketsDueForSla(Conn& c, Millis now, int limit) {
    auto rows = SD_TRY(c.Query(
        "SELECT id FROM tickets WHERE sla_check_at IS NOT NULL AND sla_check_at <= $1 ORDER BY sla_check_at LIMIT $2",
        {now, std::int64_t{limit}}));
    std::vector<domain::TicketId> ids;
    ids.reserve(rows.size());
    for (const Row& r : rows) ids.push_back(r.Int(0));
    return ids;
}

Result<std::vector<domain::TicketId>> TicketsAtRisk(Conn& c, int limit) {
    // Breaches first, the oldest breach first; then warnings, what is due first on top.
    auto rows = SD_TRY(
        c.Query("SELECT id FROM tickets WHERE sla_state <> 'ok' "
                "ORDER BY CASE sla_state WHEN 'breached' THEN 0 ELSE 1 END, COALESCE(breached_at, due_at), id LIMIT $1",
                {std::int64_t{limit}}));
    std::vector<domain::TicketId> ids;
    ids.reserve(rows.size());
    for (const Row& r : rows) ids.push_back(r.Int(0));
    return ids;
}

Result<std::optional<domain::Customer>> FindCustomerByEmail(Conn& c, std::string_view email) {
    auto row = SD_TRY(
        c.QueryOne("SELECT id, name, email, plan, critical FROM customers WHERE email = $1", {ToLowerAscii(email)}));
    if (!row) return std::optional<domain::Customer>{};
    return std::optional<domain::Customer>{
        domain::Customer{row->Int(0), row->Text(1), row->Text(2), row->Text(3), row->Bool(4)}};
}

Result<domain::Customer> SaveCustomer(Conn& c, domain::Customer customer, const std::optional<domain::Customer>& known,
                                      Millis now) {
    customer.email = ToLowerAscii(customer.email);
    if (!known) {
        customer.id = SD_TRY(
            c.Insert("INSERT INTO customers (name, email, plan, critical, created_at, updated_at) VALUES ($1, $2, $3, "
                     "$4, $5, $5)",
                     {customer.name, customer.email, customer.plan, std::int64_t{customer.critical ? 1 : 0}, now}));
        return customer;
    }
    customer.id = known->id;
    if (customer.name != known->name || customer.plan != known->plan || customer.critical != known->critical) {
        SD_CHECK(c.Execute("UPDATE customers SET name = $2, plan = $3, critical = $4, updated_at = $5 WHERE id = $1",
                           {customer.id, customer.name, customer.plan, std::int64_t{customer.critical ? 1 : 0}, now}));
    }
    return customer;
}

SqlStatement ListTicketsStatement(const TicketQuery& q) {
    // The queue is read from tickets_queue (migration 0009), in order, a page at a time. Left to itself, SQLite's
    // planner often takes tickets_bin instead, which matches owner_id IS NULL AND status = 'new' too, and then sorts
    // the whole queue for every page: ANALYZE's statistics (without STAT4, which Debian's SQLite lacks) give every
    // owner_id the same share of rows, so the queue looks no longer than one engineer's bin. INDEXED BY settles it,
    // and a statement the index could not serve fails to prepare rather than quietly scanning. The clause is
    // SQLite's; PostgreSQL, which keeps each column's share of NULLs, would need no hint.
    std::string sql = "SELECT " + std::string(kTicketColumns) + " FROM tickets t" +
                      (q.unowned_only ? " INDEXED BY tickets_queue" : "") +
                      " JOIN customers c ON c.id = t.customer_id WHERE 1 = 1";
    Params params;
    const auto param = [&](Value v) {
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    };
    if (q.unowned_only) sql += " AND t.owner_id IS NULL AND t.status = 'new'";
    if (q.owner_id) sql += " AND t.owner_id = " + param(*q.owner_id);
    if (q.no_owner) sql += " AND t.owner_id IS NULL";
    if (!q.statuses.empty()) {
        sql += " AND t.status IN (";
        for (std::size_t i = 0; i < q.statuses.size(); ++i) {
            sql += (i ? ", " : "") + param(std::string(domain::ToString(q.statuses[i])));
        }
        sql += ")";
    }
    if (q.unowned_only) {
        // A page costs its rows, not the length of the queue.
        if (q.after) sql += " AND t.id > " + param(q.after->id);
        sql += " ORDER BY t.id";
    } else {
        // The expression matches the tickets_bin index, so the bin is read in order, never sorted.
        const std::string due = "COALESCE(t.due_at, 9223372036854775807)";
        if (q.after) {
            sql += " AND (" + due + ", t.id) > (" + param(q.after->due_key) + ", " + param(q.after->id) + ")";
        }
        sql += " ORDER BY " + due + ", t.id";
    }
    sql += " LIMIT " + param(std::int64_t{q.limit});
    return SqlStatement{std::move(sql), std::move(params)};
}

Result<std::vector<Ticket>> ListTickets(Conn& c, const TicketQuery& q) {
    const SqlStatement statement = ListTicketsStatement(q);
    auto rows = SD_TRY(c.Query(statement.sql, statement.params));
    std::vector<Ticket> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(TicketFrom(r));
    return out;
}

Result<domain::ThreadEntry> InsertEntry(Conn& c, domain::ThreadEntry e) {
    e.id = SD_TRY(c.Insert(
        "INSERT INTO thread_entries (ticket_id, kind, author_id, author_name, author_email, body, created_at, channel, "
        "mail_from, mail_to, mail_cc, message_id, delivery) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13)",
        {e.ticket_id, std::string(domain::ToString(e.kind)), Opt(e.author_id), e.author_name, e.author_email, e.body,
         e.created_at, std::string(domain::ToString(e.channel)),
         e.mail_from ? AddressesJson({*e.mail_from}) : std::string(), AddressesJson(e.mail_to),
         AddressesJson(e.mail_cc), e.message_id.empty() ? Value(nullptr) : Value(e.message_id),
         e.delivery ? Value(std::string(domain::ToString(*e.delivery))) : Value(nullptr)}));
    return e;
}

Result<std::vector<domain::ThreadEntry>> ListThread(Conn& c, domain::TicketId id) {
    auto rows = SD_TRY(c.Query(
        "SELECT id, ticket_id, kind, author_id, author_name, author_email, body, created_at, channel, mail_from, "
        "mail_to, mail_cc, message_id, delivery FROM thread_entries WHERE ticket_id = $1 ORDER BY id",
        {id}));
    std::vector<domain::ThreadEntry> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
        domain::ThreadEntry e;
        e.id = r.Int(0);
        e.ticket_id = r.Int(1);
        e.kind = domain::ValueOf(domain::kEntryKindNames, r.Text(2)).value_or(domain::EntryKind::kNote);
        e.author_id = r.OptInt(3);
        e.author_name = r.Text(4);
        e.author_email = r.Text(5);
        e.body = r.Text(6);
        e.created_at = r.Int(7);
        e.channel = domain::ValueOf(domain::kChannelNames, r.Text(8)).value_or(domain::Channel::kWeb);
        if (auto from = AddressesFromJson(r.Text(9)); !from.empty()) e.mail_from = from.front();
        e.mail_to = AddressesFromJson(r.Text(10));
        e.mail_cc = AddressesFromJson(r.Text(11));
        e.message_id = r.Text(12);
        e.delivery = domain::ValueOf(domain::kDeliveryNames, r.Text(13));
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace shiftdesk::store
