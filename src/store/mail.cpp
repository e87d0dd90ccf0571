#include "store/mail.hpp"

#include "common/crypto.hpp"

namespace shiftdesk::store {
namespace {

Value Opt(const std::optional<std::int64_t>& v) { return v ? Value{*v} : Value{nullptr}; }

constexpr std::string_view kAttachmentColumns =
    "id, ticket_id, entry_id, sha256, filename, content_type, content_id, inline_part, size, created_at";

Attachment AttachmentFrom(const Row& r) {
    Attachment a;
    a.id = r.Int(0);
    a.ticket_id = r.Int(1);
    a.entry_id = r.OptInt(2);
    a.sha256 = r.Text(3);
    a.filename = r.Text(4);
    a.content_type = r.Text(5);
    a.content_id = r.Text(6);
    a.inline_part = r.Bool(7);
    a.size = r.Int(8);
    a.created_at = r.Int(9);
    return a;
}

// "$1, $2, ..." for `n` parameters starting at `first`.
std::string Placeholders(std::size_t n, std::size_t first = 1) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? ", $" : "$") + std::to_string(first + i);
    return out;
}

}  // namespace

Result<InboundMailRecord> InsertInboundMail(Conn& c, InboundMailRecord r) {
    r.id = SD_TRY(c.Insert(
        "INSERT INTO inbound_mail (message_id, mailbox, sender, kind, outcome, ticket_id, entry_id, raw, received_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {r.message_id, r.mailbox, r.sender, r.kind, r.outcome, Opt(r.ticket_id), Opt(r.entry_id), Blob{r.raw},
         r.received_at}));
    return r;
}

Result<std::optional<InboundMailRecord>> FindInboundMail(Conn& c, const std::string& message_id) {
    auto row = SD_TRY(c.QueryOne(
        "SELECT id, message_id, mailbox, sender, kind, outcome, ticket_id, entry_id, received_at FROM inbound_mail "
        "WHERE message_id = $1",
        {message_id}));
    if (!row) return std::optional<InboundMailRecord>{};
    InboundMailRecord r;
    r.id = row->Int(0);
    r.message_id = row->Text(1);
    r.mailbox = row->Text(2);
    r.sender = row->Text(3);
    r.kind = row->Text(4);
    r.outcome = row->Text(5);
    r.ticket_id = row->OptInt(6);
    r.entry_id = row->OptInt(7);
    r.received_at = row->Int(8);
    return std::optional<InboundMailRecord>{std::move(r)};
}

Result<std::int64_t> CountInboundFrom(Conn& c, const std::string& sender, Millis since) {
    auto row = SD_TRY(c.QueryOne("SELECT COUNT(*) FROM inbound_mail WHERE sender = $1 AND received_at >= $2",
                                 {sender, since}));
    return row ? row->Int(0) : 0;
}

Result<std::optional<domain::TicketId>> TicketOfMessageIds(Conn& c, const std::vector<std::string>& message_ids) {
    // A long References header is cut to its newest ids: the thread is found by the last few.
    constexpr std::size_t kMaxIds = 50;
    Params params;
    const std::size_t first = message_ids.size() > kMaxIds ? message_ids.size() - kMaxIds : 0;
    for (std::size_t i = first; i < message_ids.size(); ++i) params.emplace_back(message_ids[i]);
    if (params.empty()) return std::optional<domain::TicketId>{};
    auto row = SD_TRY(c.QueryOne("SELECT ticket_id FROM thread_entries WHERE message_id IN (" +
                                     Placeholders(params.size()) + ") ORDER BY id DESC LIMIT 1",
                                 params));
    if (!row) return std::optional<domain::TicketId>{};
    return std::optional<domain::TicketId>{row->Int(0)};
}

Result<std::optional<EntryRef>> EntryOfMessageId(Conn& c, const std::string& message_id) {
    auto row = SD_TRY(c.QueryOne(
        "SELECT id, ticket_id, author_id FROM thread_entries WHERE message_id = $1 ORDER BY id DESC LIMIT 1",
        {message_id}));
    if (!row) return std::optional<EntryRef>{};
    return std::optional<EntryRef>{EntryRef{row->Int(0), row->Int(1), row->OptInt(2)}};
}

Result<void> SetEntryDelivery(Conn& c, std::int64_t entry_id, domain::Delivery delivery) {
    SD_CHECK(c.Execute("UPDATE thread_entries SET delivery = $1 WHERE id = $2",
                     {std::string(domain::ToString(delivery)), entry_id}));
    return {};
}

Result<Attachment> InsertAttachment(Conn& c, Attachment a, const std::string& data) {
    a.sha256 = Sha256Hex(data);
    a.size = static_cast<std::int64_t>(data.size());
    SD_CHECK(c.Execute("INSERT INTO attachment_blobs (sha256, size, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                     {a.sha256, a.size, Blob{data}}));
    a.id = SD_TRY(c.Insert(
        "INSERT INTO attachments (ticket_id, entry_id, sha256, filename, content_type, content_id, inline_part, size, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {a.ticket_id, Opt(a.entry_id), a.sha256, a.filename, a.content_type, a.content_id,
         std::int64_t{a.inline_part ? 1 : 0}, a.size, a.created_at}));
    return a;
}

Result<std::vector<Attachment>> AttachmentsOfTicket(Conn& c, domain::TicketId ticket) {
    auto rows = SD_TRY(c.Query(
        "SELECT " + std::string(kAttachmentColumns) + " FROM attachments WHERE ticket_id = $1 ORDER BY id", {ticket}));
    std::vector<Attachment> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(AttachmentFrom(r));
    return out;
}

Result<std::optional<Attachment>> FindAttachment(Conn& c, std::int64_t id) {
    auto row = SD_TRY(c.QueryOne("SELECT " + std::string(kAttachmentColumns) + " FROM attachments WHERE id = $1", {id}));
    if (!row) return std::optional<Attachment>{};
    return std::optional<Attachment>{AttachmentFrom(*row)};
}

Result<std::string> AttachmentData(Conn& c, const std::string& sha256) {
    auto row = SD_TRY(c.QueryOne("SELECT data FROM attachment_blobs WHERE sha256 = $1", {sha256}));
    if (!row) return NotFound("no attachment with this content");
    return row->Text(0);
}

Result<std::optional<ImapCursor>> FindImapCursor(Conn& c, const std::string& mailbox) {
    auto row = SD_TRY(c.QueryOne("SELECT uidvalidity, last_uid FROM imap_cursors WHERE mailbox = $1", {mailbox}));
    if (!row) return std::optional<ImapCursor>{};
    return std::optional<ImapCursor>{ImapCursor{row->Int(0), row->Int(1)}};
}

Result<void> SaveImapCursor(Conn& c, const std::string& mailbox, ImapCursor cursor, Millis now) {
    SD_CHECK(c.Execute(
        "INSERT INTO imap_cursors (mailbox, uidvalidity, last_uid, updated_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
        "updated_at = excluded.updated_at",
        {mailbox, cursor.uidvalidity, cursor.last_uid, now}));
    return {};
}

}  // namespace shiftdesk::store
