// Live updates for the web UI (Server-Sent Events): GET /api/v1/stream signs the caller in like any route, then the
// connection turns into a stream that says "changed" whenever anything is committed to the desk, so screens refetch
// what they show instead of polling. One coroutine per open stream; it ends when the client goes or the server stops.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/exchange.hpp"

namespace shiftdesk::http {

// The route's handler: an answer that tells the server to switch the connection to the event stream.
boost::asio::awaitable<Response> OpenEventStream(Services& s, Exchange& ex);
bool IsEventStreamStart(const Response& res);

// Writes the stream's header, then `event: changed` with `data: {"version":N}` when the desk's data version moves
// (checked every half second; a cheap read), and a comment every 15 s so proxies keep the connection open.
boost::asio::awaitable<void> StreamEvents(beast::tcp_stream& stream, Services& services);

}  // namespace shiftdesk::http
