// Email addresses as the database keeps them: a JSON array of {"name", "address"} objects ("" for none).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/mail_address.hpp"

namespace shiftdesk::store {

std::string AddressesJson(const std::vector<domain::MailAddress>& addresses);
// What AddressesJson wrote; an empty list for "" or anything that is not such an array.
std::vector<domain::MailAddress> AddressesFromJson(std::string_view json);

}  // namespace shiftdesk::store
