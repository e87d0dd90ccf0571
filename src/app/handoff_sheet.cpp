// Use cases of the hand-off sheet (R8): place a ticket on it, change what an entry says, pick an entry up (through
// the lead, R7, R11), close it, and read the sheet. A ticket on the sheet that changes owner is picked up by them.
#include "app/command_support.hpp"
#include "app/handoff.hpp"
#include "app/requests.hpp"
#include "app/validation.hpp"
#include "policy/handoff_policy.hpp"
#include "store/handoff.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::HandoffEntry;
using domain::HandoffState;

constexpr TextLimits kValidation{1, 4000, true};
constexpr TextLimits kNextStep{1, 2000, true};

Result<domain::HandoffReason> Reason(const std::string& text) {
    const auto reason = domain::ValueOf(domain::kHandoffReasonNames, text);
    if (!reason) return Invalid("reason", "reason must be " + domain::Choices(domain::kHandoffReasonNames));
    return *reason;
}

Result<HandoffEntry> LoadEntry(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindHandoffEntry(c, id));
    if (!found) return NotFound("no hand-off entry " + std::to_string(id));
    return std::move(*found);
}

Result<std::string> NameOf(store::Conn& c, std::optional<domain::UserId> id) {
    if (!id) return std::string();
    const auto user = SD_TRY(store::FindUser(c, *id));
    return user ? user->name : "user " + std::to_string(*id);
}

Result<HandoffView> ViewOf(store::Conn& c, HandoffEntry e) {
    HandoffView v;
    auto ticket = SD_TRY(store::FindTicket(c, e.ticket_id));
    if (!ticket) return Internal("hand-off entry " + std::to_string(e.id) + " names no ticket");
    v.ticket = std::move(*ticket);
    v.from_name = SD_TRY(NameOf(c, e.from_user_id));
    v.picked_up_name = SD_TRY(NameOf(c, e.picked_up_by));
    v.entry = std::move(e);
    return v;
}

std::vector<domain::FieldChange> Describe(const HandoffEntry& e) {
    return {{"entry_id", {}, e.id},
            {"reason", {}, std::string(domain::ToString(e.reason))},
            {"state", {}, std::string(domain::ToString(e.state))}};
}

Result<void> Save(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action, HandoffEntry& e,
                  std::vector<domain::FieldChange> changes) {
    e.updated_at = now;
    SD_CHECK(store::UpdateHandoffEntry(c, e));
    return RecordEvent(c, actor.id, now, action, EventAbout{e.ticket_id, std::nullopt}, rule::R8, std::move(changes));
}

bool Edits(const UpdateHandoffCmd& cmd) {
    return cmd.reason || cmd.validation || cmd.next_step || cmd.needed_by_set;
}

}  // namespace

Result<void> PickUpOnReassignment(store::Conn& c, const domain::Actor& actor, Millis now, const domain::Ticket& t) {
    auto live = SD_TRY(store::LiveHandoffEntry(c, t.id));
    if (!live || live->state != HandoffState::kOpen || !t.owner_id || *t.owner_id == live->from_user_id) return {};
    live->state = HandoffState::kPickedUp;
    live->picked_up_by = t.owner_id;
    live->picked_up_at = now;
    return Save(c, actor, now, "handoff.picked_up", *live,
                {{"entry_id", {}, live->id}, {"picked_up_by", {}, *t.owner_id},
                 {"state", std::string("open"), std::string("picked_up")}});
}

void Handoff::PlaceOnSheet(const domain::Actor& actor, PlaceOnSheetCmd cmd, Done<HandoffView> done) {
    auto checked = [&]() -> Result<HandoffEntry> {
        HandoffEntry e;
        e.ticket_id = cmd.ticket_id;
        e.reason = SD_TRY(Reason(cmd.reason));
        e.validation = SD_TRY(CheckText("validation", cmd.validation, kValidation));
        e.next_step = SD_TRY(CheckText("next_step", cmd.next_step, kNextStep));
        e.needed_by = cmd.needed_by;
        return e;
    }();
    if (!checked) return done(checked.error());
    Write<HandoffView>(
        actor,
        [actor, e = std::move(*checked), settings = &options_.policy](store::Conn& c,
                                                                      Millis now) mutable -> Result<HandoffView> {
            const domain::Ticket t = SD_TRY(LoadTicket(c, e.ticket_id));
            const auto d = policy::DecidePlaceOnSheet(actor, t, SD_TRY(store::LiveHandoffEntry(c, t.id)));
            if (!d.allowed()) return Refuse(d, "handoff.placed", t.id);
            if (e.needed_by && *e.needed_by <= now) return Invalid("needed_by", "needed_by must be in the future");
            if (e.needed_by) SD_CHECK(CheckDateWindow("needed_by", *e.needed_by, now, settings->dates));
            e.from_user_id = *t.owner_id;  // a lead places the owner's ticket on the owner's behalf
            e.state = HandoffState::kOpen;
            e.created_at = now;
            e.updated_at = now;
            e = SD_TRY(store::InsertHandoffEntry(c, std::move(e)));
            auto changes = Describe(e);
            changes.push_back({"from_user_id", {}, e.from_user_id});
            SD_CHECK(RecordEvent(c, actor.id, now, "handoff.placed", EventAbout{t.id, std::nullopt}, rule::R8,
                                 std::move(changes)));
            return ViewOf(c, std::move(e));
        },
        std::move(done));
}

void Handoff::UpdateHandoffEntry(const domain::Actor& actor, std::int64_t id, UpdateHandoffCmd cmd,
                                 Done<HandoffUpdate> done) {
    if (!Edits(cmd) && !cmd.picked_up_by && !cmd.state) {
        return done(Invalid("state", "give what changes: reason, validation, next_step, needed_by, picked_up_by or "
                                     "state"));
    }
    if (cmd.state && *cmd.state != "done") {
        return done(Invalid("state", "state becomes done here; an entry is picked up by naming picked_up_by"));
    }
    if (cmd.validation) {
        auto v = CheckText("validation", *cmd.validation, kValidation);
        if (!v) return done(v.error());
        cmd.validation = std::move(*v);
    }
    if (cmd.next_step) {
        auto v = CheckText("next_step", *cmd.next_step, kNextStep);
        if (!v) return done(v.error());
        cmd.next_step = std::move(*v);
    }
    Write<HandoffUpdate>(
        actor,
        [actor, id, cmd, settings = &options_.policy](store::Conn& c, Millis now) -> Result<HandoffUpdate> {
            HandoffEntry e = SD_TRY(LoadEntry(c, id));
            HandoffUpdate out;
            if (Edits(cmd)) {
                const auto d = policy::DecideEditEntry(actor, e);
                if (!d.allowed()) return Refuse(d, "handoff.updated", e.ticket_id);
                if (cmd.reason) e.reason = SD_TRY(Reason(*cmd.reason));
                if (cmd.validation) e.validation = *cmd.validation;
                if (cmd.next_step) e.next_step = *cmd.next_step;
                if (cmd.needed_by_set) {
                    if (cmd.needed_by && *cmd.needed_by <= now) {
                        return Invalid("needed_by", "needed_by must be in the future");
                    }
                    if (cmd.needed_by) SD_CHECK(CheckDateWindow("needed_by", *cmd.needed_by, now, settings->dates));
                    e.needed_by = cmd.needed_by;
                }
                SD_CHECK(Save(c, actor, now, "handoff.updated", e, Describe(e)));
            }
            if (cmd.picked_up_by) {
                const auto pick = policy::DecidePickUp(actor, e, *cmd.picked_up_by);
                if (!pick.decision.allowed()) return Refuse(pick.decision, "handoff.picked_up", e.ticket_id);
                if (!SD_TRY(store::FindUser(c, *cmd.picked_up_by))) {
                    return Invalid("picked_up_by", "no user " + std::to_string(*cmd.picked_up_by));
                }
                if (*cmd.picked_up_by == e.from_user_id) {
                    return Invalid("picked_up_by", "the entry's own engineer cannot pick it up: name a colleague");
                }
                if (pick.route == policy::PickUpRoute::kLeadAssigns) {
                    // The new owner picks the entry up through the reassignment itself (PickUpOnReassignment).
                    SD_CHECK(AssignInCommand(c, actor, now, e.ticket_id, *cmd.picked_up_by,
                                             "Picked up from the hand-off sheet (entry " + std::to_string(e.id) +
                                                 "). Next step: " + e.next_step,
                                             std::nullopt));
                } else {
                    FileRequestCmd ask;
                    ask.kind = domain::RequestKind::kAssignment;
                    ask.ticket_id = e.ticket_id;
                    ask.owner_id = actor.id;
                    ask.reason = "Picking up hand-off entry " + std::to_string(e.id) + ": " + e.next_step;
                    out.request = SD_TRY(FileRequestInCommand(c, *settings, actor, ask, now));
                }
                e = SD_TRY(LoadEntry(c, id));
            }
            if (cmd.state) {
                const auto d = policy::DecideFinishEntry(actor, e);
                if (!d.allowed()) return Refuse(d, "handoff.done", e.ticket_id);
                if (d.changes()) {
                    const std::string before(domain::ToString(e.state));
                    e.state = HandoffState::kDone;
                    SD_CHECK(Save(c, actor, now, "handoff.done", e,
                                  {{"entry_id", {}, e.id}, {"state", before, std::string("done")}}));
                }
            }
            out.view = SD_TRY(ViewOf(c, std::move(e)));
            return out;
        },
        std::move(done));
}

Result<HandoffView> Handoff::GetHandoffEntry(const domain::Actor& actor, std::int64_t id) {
    const auto d = policy::DecideViewSheet(actor);
    if (!d.allowed()) return Refuse(d, "handoff.viewed", std::nullopt);
    return Read<HandoffView>([&](store::Conn& c) -> Result<HandoffView> {
        auto e = SD_TRY(LoadEntry(c, id));
        return ViewOf(c, std::move(e));
    });
}

Result<std::vector<HandoffView>> Handoff::HandoffSheet(const domain::Actor& actor, const store::HandoffQuery& query) {
    const auto d = policy::DecideViewSheet(actor);
    if (!d.allowed()) return Refuse(d, "handoff.viewed", std::nullopt);
    return Read<std::vector<HandoffView>>([&](store::Conn& c) -> Result<std::vector<HandoffView>> {
        std::vector<HandoffView> out;
        for (auto& e : SD_TRY(store::ListHandoffEntries(c, query))) out.push_back(SD_TRY(ViewOf(c, std::move(e))));
        return out;
    });
}

}  // namespace shiftdesk::app
