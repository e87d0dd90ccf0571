// How the desk's records look in JSON. Pure; thread-safe.
#pragma once

#include <boost/json.hpp>

#include "domain/entities.hpp"
#include "store/events.hpp"

namespace shiftdesk::http {

boost::json::value TimeJson(Millis t);
boost::json::value OptTimeJson(const std::optional<Millis>& t);
boost::json::object UserJson(const domain::User& u);
// Tickets render through json_text.hpp: they fill the hottest responses.
boost::json::object EntryJson(const domain::ThreadEntry& e);
boost::json::object EventJson(const store::EventRow& e);

}  // namespace shiftdesk::http
