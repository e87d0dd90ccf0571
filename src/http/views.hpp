// How the desk's records look in JSON. Pure; thread-safe.
#pragma once

#include <boost/json.hpp>

#include "domain/entities.hpp"
#include "store/events.hpp"

namespace shiftdesk::http {

boost::json::value TimeJson(Millis t);
boost::json::value OptTimeJson(const std::optional<Millis>& t);
boost::json::object UserJson(const domain::User& u);
// Lists leave out the description: the bin and the queue show summaries.
boost::json::object TicketJson(const domain::Ticket& t, bool with_description = true);
boost::json::object EntryJson(const domain::ThreadEntry& e);
boost::json::object EventJson(const store::EventRow& e);

}  // namespace shiftdesk::http
