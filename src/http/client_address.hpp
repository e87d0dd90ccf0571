// Who a connection is from, as sign-in throttling counts clients: the peer's IPv4 address, or the /64 network of
// an IPv6 peer (one subscriber usually holds a whole /64, so single IPv6 addresses cost an attacker nothing).
// Behind a reverse proxy this is the proxy's address: forwarded headers are not trusted. Pure; thread-safe.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>

namespace shiftdesk::http {

// "203.0.113.9"; "2001:db8:1:2::/64"; an IPv4-mapped IPv6 peer ("::ffff:203.0.113.9") as its IPv4 address.
std::string ClientAddress(const boost::asio::ip::address& peer);

}  // namespace shiftdesk::http
