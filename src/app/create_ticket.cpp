// Use case: open a ticket. It waits unowned in the queue (R1) until someone takes it or a lead assigns it.
#include "app/command_support.hpp"
#include "app/tickets.hpp"
#include "app/validation.hpp"
#include "common/text.hpp"
#include "store/idempotency.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {
namespace {

constexpr TextLimits kDescription{0, 20000, true};
Result<CreateTicketCmd> Checked(CreateTicketCmd cmd, const policy::SlaPolicy& sla) {
    cmd.subject = SD_TRY(CheckText("subject", cmd.subject, kOneLine));
    cmd.description = SD_TRY(CheckText("description", cmd.description, kDescription));
    cmd.customer.name = SD_TRY(CheckText("customer.name", cmd.customer.name, kOneLine));
    cmd.customer.email = SD_TRY(CheckEmail("customer.email", cmd.customer.email));
    if (cmd.customer.plan) {
        cmd.customer.plan = SD_TRY(CheckPlan("customer.plan", *cmd.customer.plan));
        if (!sla.KnowsPlan(*cmd.customer.plan)) {
            std::string known;
            for (const auto& [name, targets] : sla.plans) known += (known.empty() ? "" : ", ") + name;
            return Invalid("customer.plan",
                           "unknown plan \"" + *cmd.customer.plan + "\": the SLA policy knows " + known);
        }
    }
    if (cmd.idempotency_key.size() > 200 || HasControlChars(cmd.idempotency_key)) {
        return Invalid("Idempotency-Key", "Idempotency-Key must be at most 200 printable characters");
    }
    return cmd;
}

// A known customer keeps the plan and critical flag the request does not mention.
domain::Customer Merge(const CustomerInput& in, const std::optional<domain::Customer>& known,
                       const std::string& default_plan) {
    domain::Customer c;
    c.name = in.name;
    c.email = in.email;
    c.plan = in.plan.value_or(known ? known->plan : default_plan);
    c.critical = in.critical.value_or(known ? known->critical : false);
    return c;
}

}  // namespace

void Tickets::CreateTicket(const domain::Actor& actor, CreateTicketCmd raw, Done<CreatedTicket> done) {
    auto cmd = Checked(std::move(raw), options_.policy.sla);
    if (!cmd) return done(cmd.error());
    Write<CreatedTicket>(
        actor,
        [actor, cmd = std::move(*cmd), settings = &options_.policy](store::Conn& c,
                                                                    Millis now) -> Result<CreatedTicket> {
            const auto decision = policy::DecideCreate(actor, cmd.parent_id.has_value());
            if (!decision.allowed()) return Refuse(decision, "ticket.created", cmd.parent_id);

            if (!cmd.idempotency_key.empty()) {
                if (auto earlier = SD_TRY(store::FindCreation(c, actor.id, cmd.idempotency_key))) {
                    if (earlier->request_hash != cmd.request_hash) {
                        Error e = MakeError(ErrorCode::kConflict,
                                            "this Idempotency-Key was already used for a different request");
                        e.field = "Idempotency-Key";
                        return e;
                    }
                    return CreatedTicket{SD_TRY(LoadTicket(c, earlier->resource_id)), true};
                }
            }

            const auto known = SD_TRY(store::FindCustomerByEmail(c, cmd.customer.email));
            domain::Ticket t;
            t.subject = cmd.subject;
            t.description = cmd.description;
            t.status = domain::TicketStatus::kNew;
            t.priority = cmd.priority;
            t.channel = cmd.channel;
            t.customer =
                SD_TRY(store::SaveCustomer(c, Merge(cmd.customer, known, settings->sla.default_plan), known, now));
            t.created_at = now;
            t.updated_at = now;
            policy::StartClocks(t.sla, SD_TRY(SlaContextFor(*settings, t)), now);  // R2: the first response is due
            SyncDue(t);
            t = SD_TRY(store::InsertTicket(c, std::move(t)));

            // What the customer reported opens the thread.
            if (!t.description.empty()) {
                domain::ThreadEntry first;
                first.ticket_id = t.id;
                first.kind = domain::EntryKind::kCustomer;
                first.author_name = t.customer.name;
                first.author_email = t.customer.email;
                first.body = t.description;
                first.created_at = now;
                SD_CHECK(store::InsertEntry(c, std::move(first)));
            }
            SD_CHECK(Record(c, actor, now, "ticket.created", t.id, rule::Id::kNone,
                            {{"subject", {}, t.subject},
                             {"status", {}, std::string(domain::ToString(t.status))},
                             {"priority", {}, std::string(domain::ToString(t.priority))},
                             {"channel", {}, std::string(domain::ToString(t.channel))},
                             {"customer_email", {}, t.customer.email}}));
            if (!cmd.idempotency_key.empty()) {
                SD_CHECK(store::SaveCreation(c, actor.id, cmd.idempotency_key, {cmd.request_hash, t.id}, now));
            }
            t = SD_TRY(RouteNewTicket(c, *settings, std::move(t), now));
            return CreatedTicket{std::move(t), false};
        },
        std::move(done));
}

}  // namespace shiftdesk::app
