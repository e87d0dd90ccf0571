// Where an inbound email belongs, decided from the message alone: whether a person wrote it (loop protection),
// and which ticket it names (subject tag, plus address). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/inbound_mail.hpp"
#include "domain/types.hpp"

namespace shiftdesk::domain {

// What kind of message it is. Only kPerson may open a ticket or join a thread; a kBounce is matched to the reply
// it reports on; the rest are kept (raw, for the audit) and change nothing else.
enum class InboundKind {
    kPerson,     // a customer wrote it
    kBounce,     // a delivery status notification (RFC 3464) or a mailer daemon's report
    kAutoReply,  // Auto-Submitted other than "no", X-Autoreply/X-Autorespond, X-Auto-Response-Suppress
    kBulk,       // Precedence bulk, junk or list, or a mailing list (List-Id)
    kOwnMail,    // sent from one of the desk's own addresses: answering it would loop
};
inline constexpr NameTable<InboundKind, 5> kInboundKindNames{{
    {InboundKind::kPerson, "person"},
    {InboundKind::kBounce, "bounce"},
    {InboundKind::kAutoReply, "auto_reply"},
    {InboundKind::kBulk, "bulk"},
    {InboundKind::kOwnMail, "own_mail"},
}};
inline std::string_view ToString(InboundKind v) { return NameOf(kInboundKindNames, v); }

// Classifies `mail`. `own_addresses` are the desk's addresses (its mailboxes and its From), compared without case.
// A bounce wins over the other marks (a DSN is also auto-submitted), own mail over bulk and auto-replies.
InboundKind ClassifyInbound(const InboundMail& mail, const std::vector<std::string>& own_addresses);

// The ticket a subject names with the desk's tag "[#123]" (the last tag when there are several: a forward of a
// forward keeps the newest last), or nullopt.
std::optional<TicketId> TicketFromSubjectTag(std::string_view subject);

// The ticket a recipient's plus address names: "support+t123@desk.example" for the desk address
// "support@desk.example" (local part and domain compared without case), or nullopt.
std::optional<TicketId> TicketFromPlusAddress(const std::vector<MailAddress>& recipients,
                                              std::string_view desk_address);

// "[#123] subject": the tag a reply's subject carries, added once (a subject that already has it is kept).
std::string TaggedSubject(TicketId ticket, std::string_view subject);

}  // namespace shiftdesk::domain
