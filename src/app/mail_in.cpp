// Use case: a message from the mail channel. Kept raw and seen once; a person's message opens a ticket or joins the
// one it answers (R1, R2, R9); a bounce marks the reply it reports on; anything a machine sent changes nothing else.
#include "app/mail_in.hpp"

#include "app/command_support.hpp"
#include "app/customer_message_effects.hpp"
#include "app/validation.hpp"
#include "common/crypto.hpp"
#include "common/text.hpp"
#include "policy/request_policy.hpp"
#include "store/mail.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {
namespace {

using domain::InboundKind;

constexpr std::string_view kNoSubject = "(no subject)";

// The desk's own addresses: mail from them is the desk's own, and answering it would loop.
std::vector<std::string> OwnAddresses(const DeskOptions& o) {
    std::vector<std::string> own;
    for (const auto* a : {&o.mail_in.support_address, &o.mail.from, &o.mail.team_address})
        if (!a->empty()) own.push_back(*a);
    return own;
}

// Mail text as the thread keeps it: line ends as LF, no control characters but tab and line feed, within the body
// limit (the whole message stays in the raw copy).
std::string ThreadText(const std::string& text, std::size_t max_chars) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') out += '\n';
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            out += ' ';
        } else if (c == 0x7F) {
            out += ' ';
        } else {
            out += static_cast<char>(c);
        }
    }
    out = std::string(Trim(out));
    if (Utf8Length(out) <= max_chars) return out;
    return CutUtf8(out, max_chars - 40) + "\n\n[cut here: the whole message is kept]";
}

std::string OneLine(const std::string& text) {
    std::string out = ThreadText(text, kOneLine.max_chars);
    for (auto& c : out)
        if (c == '\n' || c == '\t') c = ' ';
    return out;
}

domain::ThreadEntry EntryOf(const domain::InboundMail& mail, const std::string& sender) {
    domain::ThreadEntry e;
    e.kind = domain::EntryKind::kCustomer;
    e.channel = domain::Channel::kEmail;
    e.author_name = mail.from && !mail.from->name.empty() ? OneLine(mail.from->name) : sender;
    e.author_email = sender;
    e.body = ThreadText(mail.text, kBody.max_chars);
    if (e.body.empty()) e.body = mail.attachments.empty() ? "(empty message)" : "(attachments only)";
    e.mail_from = mail.from;
    e.mail_to = mail.to;
    e.mail_cc = mail.cc;
    e.message_id = mail.message_id;
    return e;
}

// Whether the ticket knows `sender`: its customer, or an address on an email of its thread.
Result<bool> KnownSender(store::Conn& c, const domain::Ticket& t, const std::string& sender) {
    if (sender.empty()) return false;
    if (ToLowerAscii(t.customer.email) == sender) return true;
    for (const auto& e : SD_TRY(store::ListThread(c, t.id))) {
        std::vector<domain::MailAddress> seen = e.mail_to;
        seen.insert(seen.end(), e.mail_cc.begin(), e.mail_cc.end());
        if (e.mail_from) seen.push_back(*e.mail_from);
        for (const auto& a : seen)
            if (ToLowerAscii(a.address) == sender) return true;
    }
    return false;
}

// The ticket a person's message answers, if any (see MailIn::Receive).
Result<std::optional<domain::TicketId>> AnsweredTicket(store::Conn& c, const domain::InboundMail& mail,
                                                       const std::string& sender, const MailInOptions& options) {
    std::vector<std::string> ids = mail.references;
    ids.insert(ids.end(), mail.in_reply_to.begin(), mail.in_reply_to.end());
    if (auto by_id = SD_TRY(store::TicketOfMessageIds(c, ids))) return by_id;

    std::vector<domain::MailAddress> recipients = mail.to;
    recipients.insert(recipients.end(), mail.cc.begin(), mail.cc.end());
    std::optional<domain::TicketId> named = domain::TicketFromSubjectTag(mail.subject);
    if (!named && !options.support_address.empty()) {
        named = domain::TicketFromPlusAddress(recipients, options.support_address);
    }
    if (!named) return std::optional<domain::TicketId>{};
    const auto ticket = SD_TRY(store::FindTicket(c, *named));
    if (!ticket || !SD_TRY(KnownSender(c, *ticket, sender))) return std::optional<domain::TicketId>{};
    return named;
}

Result<void> KeepAttachments(store::Conn& c, const domain::InboundMail& mail, domain::TicketId ticket,
                             std::int64_t entry, Millis now) {
    for (const auto& a : mail.attachments) {
        store::Attachment row;
        row.ticket_id = ticket;
        row.entry_id = entry;
        row.filename = OneLine(a.filename);
        row.content_type = a.content_type;
        row.content_id = a.content_id;
        row.inline_part = a.inline_part;
        row.created_at = now;
        SD_CHECK(store::InsertAttachment(c, std::move(row), a.data));
    }
    return {};
}

Result<MailInResult> OpenTicket(store::Conn& c, const policy::Settings& settings, const domain::InboundMail& mail,
                                const std::string& sender, Millis now) {
    MailInResult out;
    const auto known = SD_TRY(store::FindCustomerByEmail(c, sender));
    domain::Customer customer;
    customer.email = sender;
    customer.name = known ? known->name
                          : (mail.from && !OneLine(mail.from->name).empty() ? OneLine(mail.from->name) : sender);
    customer.plan = known ? known->plan : settings.sla.default_plan;
    customer.critical = known && known->critical;

    domain::Ticket t;
    t.subject = OneLine(mail.subject);
    if (t.subject.empty()) t.subject = std::string(kNoSubject);
    t.description = ThreadText(mail.text, kBody.max_chars);
    t.status = domain::TicketStatus::kNew;
    t.channel = domain::Channel::kEmail;
    t.customer = SD_TRY(store::SaveCustomer(c, customer, known, now));
    t.created_at = now;
    t.updated_at = now;
    policy::StartClocks(t.sla, SD_TRY(SlaContextFor(settings, t)), now);  // R2: the first response is due
    SyncDue(t);
    t = SD_TRY(store::InsertTicket(c, std::move(t)));

    domain::ThreadEntry e = EntryOf(mail, sender);
    e.ticket_id = t.id;
    e.created_at = now;
    e = SD_TRY(store::InsertEntry(c, std::move(e)));
    SD_CHECK(KeepAttachments(c, mail, t.id, e.id, now));
    SD_CHECK(RecordEvent(c, std::nullopt, now, "ticket.created", EventAbout{t.id, std::nullopt}, rule::Id::kNone,
                         {{"subject", {}, t.subject},
                          {"status", {}, std::string(domain::ToString(t.status))},
                          {"priority", {}, std::string(domain::ToString(t.priority))},
                          {"channel", {}, std::string(domain::ToString(t.channel))},
                          {"customer_email", {}, t.customer.email}}));
    t = SD_TRY(RouteNewTicket(c, settings, std::move(t), now));
    out.outcome = MailInOutcome::kNewTicket;
    out.ticket_id = t.id;
    out.entry_id = e.id;
    return out;
}

Result<MailInResult> JoinThread(store::Conn& c, const policy::Settings& settings, const domain::InboundMail& mail,
                                const std::string& sender, domain::TicketId id, Millis now) {
    MailInResult out;
    domain::Ticket t = SD_TRY(LoadTicket(c, id));
    const bool long_closed = policy::IsLongClosed(t, now, settings);
    domain::ThreadEntry e = EntryOf(mail, sender);
    e.ticket_id = t.id;
    e.created_at = now;
    e = SD_TRY(store::InsertEntry(c, std::move(e)));
    SD_CHECK(KeepAttachments(c, mail, t.id, e.id, now));
    SD_CHECK(RecordEvent(c, std::nullopt, now, "ticket.customer_message", EventAbout{t.id, std::nullopt}, rule::R9,
                         {{"entry_id", {}, e.id}, {"channel", {}, std::string("email")}}));
    const auto applied = SD_TRY(ApplyCustomerMessage(c, std::nullopt, now, settings, std::move(t), e));
    // The owner hears at once that the customer wrote: the ticket's clock runs again (R2).
    if (applied.ticket.owner_id && !long_closed) {
        SD_CHECK(Notify(c, {*applied.ticket.owner_id}, "ticket.customer_replied", applied.ticket.id, std::nullopt,
                        rule::R2, applied.ticket.customer.name + " wrote on #" + std::to_string(applied.ticket.id) +
                                      " " + applied.ticket.subject,
                        now));
    }
    out.outcome = long_closed ? MailInOutcome::kFollowUp : MailInOutcome::kThread;
    out.ticket_id = applied.ticket.id;
    out.entry_id = e.id;
    return out;
}

// A delivery report on a reply the desk sent: the reply is marked bounced and its author told (R2: the update
// did not reach the customer).
Result<MailInResult> MarkBounced(store::Conn& c, const domain::InboundMail& mail, Millis now) {
    MailInResult out;
    out.outcome = MailInOutcome::kBounce;
    if (!mail.delivery_report || mail.delivery_report->original_message_id.empty()) return out;
    const auto& report = *mail.delivery_report;
    if (report.action != "failed") return out;  // "delayed" and "delivered" change nothing yet
    const auto reply = SD_TRY(store::EntryOfMessageId(c, report.original_message_id));
    if (!reply) return out;
    out.ticket_id = reply->ticket_id;
    SD_CHECK(store::SetEntryDelivery(c, reply->entry_id, domain::Delivery::kBounced));
    std::string to;
    for (const auto& r : report.recipients) to += (to.empty() ? "" : ", ") + r;
    SD_CHECK(RecordEvent(c, std::nullopt, now, "reply.bounced", EventAbout{reply->ticket_id, std::nullopt}, rule::R2,
                         {{"entry_id", {}, reply->entry_id},
                          {"delivery", std::string("sent"), std::string("bounced")},
                          {"recipients", {}, to},
                          {"status", {}, report.status}}));
    if (reply->author_id) {
        SD_CHECK(Notify(c, {*reply->author_id}, "reply.bounced", reply->ticket_id, std::nullopt, rule::R2,
                        "Your reply on #" + std::to_string(reply->ticket_id) + " did not reach " +
                            (to.empty() ? std::string("the customer") : to) +
                            (report.status.empty() ? "" : " (" + report.status + ")"),
                        now));
    }
    return out;
}

Result<void> SavePosition(store::Conn& c, const InboundMessage& message, Millis now) {
    if (!message.position) return {};
    return store::SaveImapCursor(c, message.mailbox, {message.position->uidvalidity, message.position->last_uid},
                                 now);
}

}  // namespace

void MailIn::Receive(InboundMessage message, Done<MailInResult> done) {
    Write<MailInResult>(
        std::nullopt,
        [message = std::move(message), options = &options_](store::Conn& c, Millis now) -> Result<MailInResult> {
            const auto& mail = message.mail;
            const std::string key =
                mail.message_id.empty() ? "sha256:" + Sha256Hex(message.raw) : mail.message_id;
            MailInResult out;
            out.message_id = key;
            if (const auto seen = SD_TRY(store::FindInboundMail(c, key))) {
                out.outcome = MailInOutcome::kDuplicate;
                out.ticket_id = seen->ticket_id;
                out.entry_id = seen->entry_id;
                SD_CHECK(SavePosition(c, message, now));
                return out;
            }
            out.kind = domain::ClassifyInbound(mail, OwnAddresses(*options));
            const std::string sender = mail.from ? ToLowerAscii(mail.from->address) : std::string();
            const bool answerable = CheckEmail("from", sender).has_value();

            MailInResult done_with = out;
            if (out.kind == InboundKind::kBounce) {
                done_with = SD_TRY(MarkBounced(c, mail, now));
            } else if (out.kind != InboundKind::kPerson || !answerable) {
                done_with.outcome = MailInOutcome::kDropped;  // nobody to answer, or a machine: a reply would loop
            } else if (SD_TRY(store::CountInboundFrom(c, sender, now - kHour)) >=
                       options->mail_in.max_per_sender_per_hour) {
                done_with.outcome = MailInOutcome::kRateLimited;
            } else if (const auto ticket = SD_TRY(AnsweredTicket(c, mail, sender, options->mail_in))) {
                done_with = SD_TRY(JoinThread(c, options->policy, mail, sender, *ticket, now));
            } else {
                done_with = SD_TRY(OpenTicket(c, options->policy, mail, sender, now));
            }
            done_with.kind = out.kind;
            done_with.message_id = key;

            store::InboundMailRecord record;
            record.message_id = key;
            record.mailbox = message.mailbox;
            record.sender = sender;
            record.kind = std::string(domain::ToString(out.kind));
            record.outcome = std::string(ToString(done_with.outcome));
            record.ticket_id = done_with.ticket_id;
            record.entry_id = done_with.entry_id;
            record.raw = message.raw;
            record.received_at = now;
            SD_CHECK(store::InsertInboundMail(c, std::move(record)));
            SD_CHECK(SavePosition(c, message, now));
            return done_with;
        },
        std::move(done));
}

Result<MailboxPosition> MailIn::Position(const std::string& mailbox) {
    return Read<MailboxPosition>([&](store::Conn& c) -> Result<MailboxPosition> {
        const auto cursor = SD_TRY(store::FindImapCursor(c, mailbox));
        return cursor ? MailboxPosition{cursor->uidvalidity, cursor->last_uid} : MailboxPosition{};
    });
}

void MailIn::Skip(const std::string& mailbox, MailboxPosition position, Done<bool> done) {
    Write<bool>(
        std::nullopt,
        [mailbox, position](store::Conn& c, Millis now) -> Result<bool> {
            SD_CHECK(store::SaveImapCursor(c, mailbox, {position.uidvalidity, position.last_uid}, now));
            return true;
        },
        std::move(done), false);
}

}  // namespace shiftdesk::app
