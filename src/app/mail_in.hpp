// Mail in (R1, R2, R9): a customer's email becomes a ticket in the queue or a message on the ticket it answers;
// bounces mark the reply they report on; auto-replies, bulk mail and the desk's own mail change nothing. Every
// message is kept raw and seen once. The same use case serves `shiftdesk mail-in`, the IMAP poller and
// POST /api/v1/mail/inbound. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/inbound_mail.hpp"
#include "domain/mail_routing.hpp"

namespace shiftdesk::app {

// Where the IMAP poller has read a mailbox up to (store::ImapCursor's values).
struct MailboxPosition {
    std::int64_t uidvalidity = 0;
    std::int64_t last_uid = 0;
};

struct InboundMessage {
    std::string raw;            // the message as it came, kept
    domain::InboundMail mail;   // its parse
    std::string mailbox;        // the mailbox it came to, "" when not known
    // From the IMAP poller: the mailbox's position after this message, stored in the same transaction, so a
    // message is never both kept and read again, nor skipped.
    std::optional<MailboxPosition> position;
};

// What the desk did with a message.
enum class MailInOutcome {
    kNewTicket,    // a new ticket in the queue, the sender its customer
    kThread,       // a customer message on the ticket it answers
    kFollowUp,     // it answers a ticket closed too long ago: a follow-up request or a flag for a lead (R9)
    kDuplicate,    // the same Message-ID came before: nothing changed
    kDropped,      // an auto-reply, bulk mail or the desk's own: kept, nothing else
    kBounce,       // a delivery report: the reply it names is marked bounced and its author told
    kRateLimited,  // its sender sent too many this hour: kept, nothing else
};
inline constexpr domain::NameTable<MailInOutcome, 7> kMailInOutcomeNames{{
    {MailInOutcome::kNewTicket, "new_ticket"},
    {MailInOutcome::kThread, "thread"},
    {MailInOutcome::kFollowUp, "follow_up"},
    {MailInOutcome::kDuplicate, "duplicate"},
    {MailInOutcome::kDropped, "dropped"},
    {MailInOutcome::kBounce, "bounce"},
    {MailInOutcome::kRateLimited, "rate_limited"},
}};
inline std::string_view ToString(MailInOutcome v) { return domain::NameOf(kMailInOutcomeNames, v); }

struct MailInResult {
    MailInOutcome outcome = MailInOutcome::kDropped;
    domain::InboundKind kind = domain::InboundKind::kPerson;
    std::optional<domain::TicketId> ticket_id;
    std::optional<std::int64_t> entry_id;
    std::string message_id;  // the key it is kept under: its Message-ID, or "sha256:<hex>" of the raw bytes
};

class MailIn : public Module {
 public:
    explicit MailIn(const Context& ctx) : Module(ctx) {}

    // One transaction: the message is kept with what it did, or nothing is. A reply finds its ticket by a desk or
    // customer Message-ID in In-Reply-To/References, else by the subject's [#id] or a plus address — those two only
    // for a sender the ticket knows (its customer, or an address on its thread), so a guessed number opens no one
    // else's ticket.
    void Receive(InboundMessage message, Done<MailInResult> done);

    // The IMAP poller's position in `mailbox`, {0, 0} before its first message.
    Result<MailboxPosition> Position(const std::string& mailbox);
    // Moves the position past a message the desk cannot take (not a message, or too large), keeping nothing else.
    void Skip(const std::string& mailbox, MailboxPosition position, Done<bool> done);
};

}  // namespace shiftdesk::app
