// Endpoints of the shift lead's desk: requests and decisions, the queue, customer messages (R6, R7, R9-R12).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> FileRequest(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListRequests(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetRequest(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetRequestEvents(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ApproveRequest(Services& s, Exchange& ex);
boost::asio::awaitable<Response> DenyRequest(Services& s, Exchange& ex);
boost::asio::awaitable<Response> WithdrawRequest(Services& s, Exchange& ex);
boost::asio::awaitable<Response> SetQueue(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AddCustomerMessage(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
