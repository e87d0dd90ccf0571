// Endpoints of leave (R4): plan, cancel, one leave, the team's leave over a period — each with its readiness — and
// what makes a leave ready: the hand-off email (R5) and the call diversion (R13).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> PlanLeave(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListLeaves(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetLeave(Services& s, Exchange& ex);
boost::asio::awaitable<Response> CancelLeave(Services& s, Exchange& ex);
boost::asio::awaitable<Response> SendHandoffEmail(Services& s, Exchange& ex);
boost::asio::awaitable<Response> SetDiversion(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ConfirmDiversion(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
