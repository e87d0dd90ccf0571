#include "http/client_address.hpp"

namespace shiftdesk::http {

std::string ClientAddress(const boost::asio::ip::address& peer) {
    if (peer.is_v4()) return peer.to_v4().to_string();
    const auto v6 = peer.to_v6();
    if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace shiftdesk::http
