// Endpoints about the desk itself: health, the rulebook, the landing page, and the test clock.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> Health(Services& s, Exchange& ex);
boost::asio::awaitable<Response> Rules(Services& s, Exchange& ex);
boost::asio::awaitable<Response> Index(Services& s, Exchange& ex);
// Only routed when the server runs with --test-clock: moves the desk's time forward.
boost::asio::awaitable<Response> AdvanceTestClock(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
