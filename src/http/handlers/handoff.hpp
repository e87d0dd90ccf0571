// Endpoints of the hand-off sheet (R8): the live sheet as JSON, CSV or XLSX; placing a ticket on it; changing,
// picking up and closing an entry.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> GetHandoffSheet(Services& s, Exchange& ex);
boost::asio::awaitable<Response> PlaceOnSheet(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetHandoffEntry(Services& s, Exchange& ex);
boost::asio::awaitable<Response> UpdateHandoffEntry(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
