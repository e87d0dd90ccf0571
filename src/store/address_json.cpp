#include "store/address_json.hpp"

#include <boost/json.hpp>

namespace shiftdesk::store {

std::string AddressesJson(const std::vector<domain::MailAddress>& addresses) {
    if (addresses.empty()) return {};
    boost::json::array out;
    for (const auto& a : addresses) out.push_back(boost::json::object{{"name", a.name}, {"address", a.address}});
    return boost::json::serialize(out);
}

std::vector<domain::MailAddress> AddressesFromJson(std::string_view json) {
    std::vector<domain::MailAddress> out;
    if (json.empty()) return out;
    boost::system::error_code ec;
    const auto value = boost::json::parse(json, ec);
    if (ec || !value.is_array()) return out;
    for (const auto& item : value.as_array()) {
        const auto* o = item.if_object();
        if (!o) continue;
        const auto text = [&](const char* key) {
            const auto* v = o->if_contains(key);
            return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        out.push_back({text("name"), text("address")});
    }
    return out;
}

}  // namespace shiftdesk::store
