#include "domain/mail_routing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace shiftdesk::domain {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// Ticket ids in tags and plus addresses: digits only, no sign, no leading zero, within TicketId.
std::optional<TicketId> TicketNumber(std::string_view digits) {
    if (digits.empty() || digits.size() > 18 || digits.front() == '0') return std::nullopt;
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    TicketId id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return id;
}

bool IsMailerDaemon(const std::optional<MailAddress>& from) {
    if (!from) return false;
    const std::string local = Lower(from->address.substr(0, from->address.find('@')));
    return local == "mailer-daemon" || local == "postmaster";
}

}  // namespace

InboundKind ClassifyInbound(const InboundMail& mail, const std::vector<std::string>& own_addresses) {
    if (mail.delivery_report || (IsMailerDaemon(mail.from) && !mail.auto_submitted.empty())) {
        return InboundKind::kBounce;
    }
    if (mail.from) {
        const std::string from = Lower(mail.from->address);
        for (const auto& own : own_addresses)
            if (!from.empty() && from == Lower(own)) return InboundKind::kOwnMail;
    }
    if (IsMailerDaemon(mail.from)) return InboundKind::kAutoReply;
    if (mail.precedence == "bulk" || mail.precedence == "junk" || mail.precedence == "list" ||
        !mail.list_id.empty()) {
        return InboundKind::kBulk;
    }
    if ((!mail.auto_submitted.empty() && mail.auto_submitted != "no") || mail.x_autoreply ||
        mail.x_auto_response_suppress) {
        return InboundKind::kAutoReply;
    }
    return InboundKind::kPerson;
}

std::optional<TicketId> TicketFromSubjectTag(std::string_view subject) {
    std::optional<TicketId> found;
    for (std::size_t at = subject.find("[#"); at != std::string_view::npos; at = subject.find("[#", at + 2)) {
        const auto close = subject.find(']', at);
        if (close == std::string_view::npos) break;
        if (auto id = TicketNumber(subject.substr(at + 2, close - at - 2))) found = id;
    }
    return found;
}

std::optional<TicketId> TicketFromPlusAddress(const std::vector<MailAddress>& recipients,
                                              std::string_view desk_address) {
    const std::string desk = Lower(desk_address);
    const auto at = desk.find('@');
    if (at == std::string::npos) return std::nullopt;
    const std::string local = desk.substr(0, at), domain = desk.substr(at);
    const std::string prefix = local + "+t";
    for (const auto& recipient : recipients) {
        const std::string address = Lower(recipient.address);
        if (!address.starts_with(prefix) || !address.ends_with(domain)) continue;
        if (address.size() < prefix.size() + domain.size()) continue;
        const std::string_view digits =
            std::string_view(address).substr(prefix.size(), address.size() - prefix.size() - domain.size());
        if (auto id = TicketNumber(digits)) return id;
    }
    return std::nullopt;
}

std::string TaggedSubject(TicketId ticket, std::string_view subject) {
    const std::string tag = "[#" + std::to_string(ticket) + "]";
    if (subject.find(tag) != std::string_view::npos) return std::string(subject);
    return subject.empty() ? tag : tag + " " + std::string(subject);
}

}  // namespace shiftdesk::domain
