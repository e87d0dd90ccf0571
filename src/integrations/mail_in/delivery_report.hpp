// The text of a delivery status notification (RFC 3464) read into a DeliveryReport. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/inbound_mail.hpp"

namespace shiftdesk::integrations {

// Reads a message/delivery-status body: a per-message block, then one block per recipient. The report's action,
// status and diagnostic are the first recipient's; every Final-Recipient address is listed (the "rfc822;" type
// prefix removed). Fields it does not find stay empty.
domain::DeliveryReport ParseDeliveryStatus(std::string_view text);

// The Message-ID (without <>) in a block of RFC 5322 headers (text/rfc822-headers), or "" when there is none.
std::string MessageIdFromHeaders(std::string_view headers);

}  // namespace shiftdesk::integrations
