// Session and people endpoints: log in and out, who am I, the team.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

boost::asio::awaitable<Response> Login(Services& s, Exchange& ex);
boost::asio::awaitable<Response> Logout(Services& s, Exchange& ex);
boost::asio::awaitable<Response> Me(Services& s, Exchange& ex);
boost::asio::awaitable<Response> ListUsers(Services& s, Exchange& ex);
boost::asio::awaitable<Response> GetUser(Services& s, Exchange& ex);
boost::asio::awaitable<Response> SetDeskPhone(Services& s, Exchange& ex);
boost::asio::awaitable<Response> TeamBoard(Services& s, Exchange& ex);

}  // namespace shiftdesk::http
