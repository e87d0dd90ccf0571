// Calendar feeds (RFC 5545): a secret feed token per user, and what the feed shows. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/entities.hpp"

namespace shiftdesk::app {

// What a user's calendar feed shows: their calls and sessions (R3, R14) and their leave (R4).
struct CalendarData {
    domain::User user;
    std::vector<domain::Call> calls;
    std::vector<domain::Leave> leaves;
};

// The use cases of calendar feeds.
class Calendar : public Module {
 public:
    explicit Calendar(const Context& ctx) : Module(ctx) {}

    // Calendar feeds (RFC 5545): a new secret feed token for the user (the old one stops working), and the feed.
    void RotateCalendarToken(const domain::Actor& actor, domain::UserId user, Done<std::string> done);
    Result<CalendarData> CalendarFeed(domain::UserId user, std::string_view token);
};

}  // namespace shiftdesk::app
