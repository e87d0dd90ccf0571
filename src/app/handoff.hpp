// The hand-off sheet (R8): placing tickets on it, changing and picking up entries, reading it. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"
#include "store/handoff.hpp"

namespace shiftdesk::app {

// A line of the hand-off sheet (R8) with what a reader needs beside it: the ticket, and who is who.
struct HandoffView {
    domain::HandoffEntry entry;
    domain::Ticket ticket;
    std::string from_name;
    std::string picked_up_name;  // empty while nobody has
};

struct PlaceOnSheetCmd {
    domain::TicketId ticket_id = 0;
    std::string reason;
    std::string validation;
    std::string next_step;
    std::optional<Millis> needed_by;
};

// PATCH /handoff-sheet/{id}: absent fields stay as they are; needed_by_set with no needed_by clears it.
struct UpdateHandoffCmd {
    std::optional<std::string> reason;
    std::optional<std::string> validation;
    std::optional<std::string> next_step;
    bool needed_by_set = false;
    std::optional<Millis> needed_by;
    std::optional<domain::UserId> picked_up_by;
    std::optional<std::string> state;  // "done" closes the entry
};

struct HandoffUpdate {
    HandoffView view;
    std::optional<domain::Request> request;  // an engineer picking an entry up asks a lead for the ticket (R7, R11)
};

// The use cases of the hand-off sheet.
class Handoff : public Module {
 public:
    explicit Handoff(const Context& ctx) : Module(ctx) {}

    void PlaceOnSheet(const domain::Actor& actor, PlaceOnSheetCmd cmd, Done<HandoffView> done);
    void UpdateHandoffEntry(const domain::Actor& actor, std::int64_t id, UpdateHandoffCmd cmd,
                            Done<HandoffUpdate> done);
    Result<HandoffView> GetHandoffEntry(const domain::Actor& actor, std::int64_t id);
    Result<std::vector<HandoffView>> HandoffSheet(const domain::Actor& actor, const store::HandoffQuery& query);
};

}  // namespace shiftdesk::app
