// Read use cases for tickets: one ticket, lists (bin, queue), the thread and the audit trail.
// The rulebook decides who may look (an admin has no ticket powers); a refusal comes back with its audit line.
#include "app/command_support.hpp"
#include "app/tickets.hpp"
#include "store/events.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {
namespace {

Result<void> MayView(const domain::Actor& actor, std::optional<domain::TicketId> id) {
    const policy::TicketCommand view = policy::cmd::View{};
    const auto d = policy::Decide(policy::TicketFacts{}, view, actor);
    if (!d.allowed()) return Refuse(d, policy::ActionOf(view), id);
    return {};
}

}  // namespace

Result<domain::Ticket> Tickets::GetTicket(const domain::Actor& actor, domain::TicketId id) {
    SD_CHECK(MayView(actor, id));
    return Read<domain::Ticket>([&](store::Conn& c) { return LoadTicket(c, id); });
}

Result<std::vector<domain::Ticket>> Tickets::ListTickets(const domain::Actor& actor, const store::TicketQuery& query) {
    SD_CHECK(MayView(actor, std::nullopt));
    return Read<std::vector<domain::Ticket>>([&](store::Conn& c) { return store::ListTickets(c, query); });
}

Result<std::vector<domain::ThreadEntry>> Tickets::GetThread(const domain::Actor& actor, domain::TicketId id) {
    SD_CHECK(MayView(actor, id));
    return Read<std::vector<domain::ThreadEntry>>([&](store::Conn& c) -> Result<std::vector<domain::ThreadEntry>> {
        SD_CHECK(LoadTicket(c, id));
        return store::ListThread(c, id);
    });
}

Result<std::vector<store::EventRow>> Tickets::GetEvents(const domain::Actor& actor, domain::TicketId id,
                                                        std::int64_t after_id, int limit) {
    SD_CHECK(MayView(actor, id));
    return Read<std::vector<store::EventRow>>([&](store::Conn& c) -> Result<std::vector<store::EventRow>> {
        SD_CHECK(LoadTicket(c, id));
        return store::ListEvents(c, store::EventQuery{id, std::nullopt, after_id, limit});
    });
}

}  // namespace shiftdesk::app
