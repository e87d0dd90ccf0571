// Desk phone call diversion (R13) through the phone system: a driver sets "forward this extension to that target"
// at a leave's start and clears it at its end. Drivers are idempotent (the outbox may apply twice). Blocking:
// called from the outbox's own thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/delivery.hpp"

namespace shiftdesk::integrations {

struct DiversionOrder {
    std::string extension;  // the engineer's desk phone, e.g. "1001"
    std::string target;     // a colleague's extension or the team line, e.g. "1000" or "+4930123456"
};

struct DriverResult {
    DeliveryOutcome outcome = DeliveryOutcome::kRetry;
    std::string detail;  // for the lead and the log; never contains a secret
};

class PhoneDriver {
 public:
    virtual ~PhoneDriver() = default;
    virtual std::string_view name() const = 0;
    // Sets the diversion and confirms it took.
    virtual DriverResult Apply(const DiversionOrder& order) = 0;
    // Clears it; clearing what is not set is done, not an error.
    virtual DriverResult Remove(const DiversionOrder& order) = 0;
    // The longest one Apply or Remove can take, every deadline of it run out: the outbox leases an order for longer.
    virtual std::chrono::milliseconds LongestCall() const = 0;
};

}  // namespace shiftdesk::integrations
