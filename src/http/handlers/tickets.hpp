// Ticket endpoints (R1, R7, R9, R10, R11 enforced by the desk behind them).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> CreateTicket(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListTickets(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetTicket(Services& s, Exchange& ex);
boost::asio::awaitable<Response> UpdateTicket(Services& s, Exchange& ex);
boost::asio::awaitable<Response> TakeTicket(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AssignTicket(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AddReply(Services& s, Exchange& ex);
boost::asio::awaitable<Response> AddNote(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetThread(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetEvents(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
