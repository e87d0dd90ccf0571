// Endpoints of calls (R3), training requests (R14) and calendar feeds (RFC 5545).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> ScheduleCall(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListCalls(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetCall(Services& s, Exchange& ex);
boost::asio::awaitable<Response> RescheduleCall(Services& s, Exchange& ex);
boost::asio::awaitable<Response> CancelCall(Services& s, Exchange& ex);
boost::asio::awaitable<Response> JoinCall(Services& s, Exchange& ex);

boost::asio::awaitable<Response> FileTraining(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListTraining(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetTraining(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AcceptTraining(Services& s, Exchange& ex);
boost::asio::awaitable<Response> DeclineTraining(Services& s, Exchange& ex);

boost::asio::awaitable<Response> CreateCalendarLink(Services& s, Exchange& ex);
boost::asio::awaitable<Response> CalendarFeed(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
