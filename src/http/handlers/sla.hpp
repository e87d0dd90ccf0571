// Endpoints of time commitments (R2): promises, the lead's at-risk list, and the notifications the desk sends.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> PromiseUpdate(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AtRisk(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListNotifications(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ReadNotification(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
