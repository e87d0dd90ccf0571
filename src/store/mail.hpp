// Inbound email as the database keeps it: each message once (raw), attachments once per content, the IMAP poller's
// place in each mailbox, and the ticket a message's threading ids lead to. Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/types.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

struct InboundMailRecord {
    std::int64_t id = 0;
    std::string message_id;  // the Message-ID, or "sha256:<hex>" of the raw bytes when it has none
    std::string mailbox;
    std::string sender;      // the From address, lower case
    std::string kind;        // domain::InboundKind's name
    std::string outcome;     // what the desk did with it: new_ticket, thread, follow_up, dropped, ...
    std::optional<domain::TicketId> ticket_id;
    std::optional<std::int64_t> entry_id;
    std::string raw;
    Millis received_at = 0;
};

// Fails with kConflict when a message with this message_id is already kept.
Result<InboundMailRecord> InsertInboundMail(Conn& c, InboundMailRecord record);
// The kept message with this id, without its raw bytes; nullopt when there is none.
Result<std::optional<InboundMailRecord>> FindInboundMail(Conn& c, const std::string& message_id);
// How many messages from `sender` arrived at or after `since` (the per-sender rate limit).
Result<std::int64_t> CountInboundFrom(Conn& c, const std::string& sender, Millis since);

// The ticket of the newest thread entry whose Message-ID is one of `message_ids` (a reply's In-Reply-To and
// References: the desk's own replies and the customer's earlier messages), or nullopt.
Result<std::optional<domain::TicketId>> TicketOfMessageIds(Conn& c, const std::vector<std::string>& message_ids);
// The thread entry with this Message-ID (a reply a delivery report is about), as {entry id, ticket id}.
struct EntryRef {
    std::int64_t entry_id = 0;
    domain::TicketId ticket_id = 0;
    std::optional<std::int64_t> author_id;
};
Result<std::optional<EntryRef>> EntryOfMessageId(Conn& c, const std::string& message_id);
Result<void> SetEntryDelivery(Conn& c, std::int64_t entry_id, domain::Delivery delivery);

struct Attachment {
    std::int64_t id = 0;
    domain::TicketId ticket_id = 0;
    std::optional<std::int64_t> entry_id;
    std::string sha256;  // hex
    std::string filename;
    std::string content_type;
    std::string content_id;
    bool inline_part = false;
    std::int64_t size = 0;
    Millis created_at = 0;
};

// Keeps `data` under its SHA-256 (once, however often it is added) and records its use on a ticket; fills in
// sha256, size and id.
Result<Attachment> InsertAttachment(Conn& c, Attachment attachment, const std::string& data);
Result<std::vector<Attachment>> AttachmentsOfTicket(Conn& c, domain::TicketId ticket);
Result<std::optional<Attachment>> FindAttachment(Conn& c, std::int64_t id);
Result<std::string> AttachmentData(Conn& c, const std::string& sha256);

struct ImapCursor {
    std::int64_t uidvalidity = 0;
    std::int64_t last_uid = 0;
};
Result<std::optional<ImapCursor>> FindImapCursor(Conn& c, const std::string& mailbox);
Result<void> SaveImapCursor(Conn& c, const std::string& mailbox, ImapCursor cursor, Millis now);

}  // namespace shiftdesk::store
