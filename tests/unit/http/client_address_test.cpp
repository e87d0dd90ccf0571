// The client address sign-in throttling counts: IPv4 as it is, IPv6 by its /64, IPv4-mapped IPv6 as IPv4.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace shiftdesk::http {
namespace {

std::string Of(const char* text) { return ClientAddress(boost::asio::ip::make_address(text)); }

TEST(ClientAddress, IPv4IsCountedAsItIs) { EXPECT_EQ(Of("203.0.113.9"), "203.0.113.9"); }

TEST(ClientAddress, IPv6IsCountedByItsSlash64) {
    EXPECT_EQ(Of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
    EXPECT_EQ(Of("2001:db8:1:2::1"), Of("2001:db8:1:2:ffff::9")) << "one subscriber's /64 is one client";
    EXPECT_NE(Of("2001:db8:1:2::1"), Of("2001:db8:1:3::1"));
    EXPECT_EQ(Of("::1"), "::/64");
}

TEST(ClientAddress, AnIPv4MappedPeerIsItsIPv4Address) { EXPECT_EQ(Of("::ffff:203.0.113.9"), "203.0.113.9"); }

}  // namespace
}  // namespace shiftdesk::http
