// An email address with its display name, as a message carries it. Pure value type; thread-compatible.
#pragma once

#include <string>

namespace shiftdesk::domain {

struct MailAddress {
    std::string name;     // display name, decoded to UTF-8; may be empty
    std::string address;  // addr-spec as written (local parts are case-sensitive); may be empty when unparseable

    bool operator==(const MailAddress&) const = default;
};

}  // namespace shiftdesk::domain
