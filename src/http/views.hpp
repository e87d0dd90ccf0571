// How the desk's records look in JSON. Pure; thread-safe.
#pragma once

#include <boost/json.hpp>

#include "domain/entities.hpp"
#include "store/events.hpp"
#include "store/notifications.hpp"

namespace shiftdesk::app {
struct HandoffView;
struct LeaveView;
struct RequestView;
struct TeamLoad;
}  // namespace shiftdesk::app

namespace shiftdesk::http {

boost::json::value TimeJson(Millis t);
boost::json::value OptTimeJson(const std::optional<Millis>& t);
// now decides on_queue: an off-queue window that has run out is over, whether or not its end was recorded yet.
boost::json::object UserJson(const domain::User& u, Millis now);
boost::json::object NotificationJson(const store::Notification& n);
boost::json::object CallJson(const domain::Call& c);
boost::json::object TrainingJson(const domain::TrainingRequest& t);
// A planned leave; `active` says whether it covers now (R4).
boost::json::object LeaveJson(const domain::Leave& l, Millis now);
// A leave with its readiness checklist (R4), diversion (R13) and hand-off email (R5).
boost::json::object LeaveViewJson(const app::LeaveView& v, Millis now);
boost::json::object DiversionJson(const domain::Diversion& d);
// A line of the hand-off sheet (R8), with its ticket's subject and customer and who is who.
boost::json::object HandoffJson(const app::HandoffView& v);
// A member of the team with their load: the board's row, and what a lead weighs a session with (R14).
boost::json::object TeamMemberJson(const app::TeamLoad& m, Millis now);
// A request to a lead with what the lead decides with (ticket, requester and their load, the parent's age).
boost::json::object RequestJson(const app::RequestView& v, Millis now);
// Tickets render through json_text.hpp: they fill the hottest responses.
boost::json::object EntryJson(const domain::ThreadEntry& e);
boost::json::object EventJson(const store::EventRow& e);

}  // namespace shiftdesk::http
