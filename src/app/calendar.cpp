// Use cases of calendar feeds: a secret per user that a calendar app subscribes with (it cannot send headers), and
// what the feed holds — the user's calls and sessions (R3, R14) and their leave (R4).
#include "app/calendar.hpp"

#include "app/command_support.hpp"
#include "common/crypto.hpp"
#include "store/calls.hpp"
#include "store/leaves.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

constexpr Millis kFeedHistory = 30 * kDay;  // cancelled and past calls stay this long, so apps update their copy

}  // namespace

void Calendar::RotateCalendarToken(const domain::Actor& actor, domain::UserId user, Done<std::string> done) {
    if (actor.id != user) {
        return done(MakeError(ErrorCode::kForbidden, "a calendar feed is personal: only its owner makes its link"));
    }
    Write<std::string>(
        actor,
        [actor](store::Conn& c, Millis now) -> Result<std::string> {
            std::string token = NewSecret("sdc_");
            SD_CHECK(store::SetCalendarToken(c, actor.id, Sha256Hex(token)));
            SD_CHECK(Record(c, actor, now, "calendar.token_created", std::nullopt, rule::Id::kNone, {}));
            return token;
        },
        std::move(done));
}

Result<CalendarData> Calendar::CalendarFeed(domain::UserId user, std::string_view token) {
    const std::string hash = Sha256Hex(token);
    const Millis now = clock_.Now();
    return Read<CalendarData>([&](store::Conn& c) -> Result<CalendarData> {
        const auto owner = SD_TRY(store::UserByCalendarToken(c, hash));
        // One answer for a wrong token and a wrong user: the link is the only secret.
        if (!owner || *owner != user) return MakeError(ErrorCode::kUnauthenticated, "unknown calendar link");
        CalendarData data;
        data.user = *SD_TRY(store::FindUser(c, user));
        store::CallQuery calls;
        calls.owner_id = user;
        calls.from = now - kFeedHistory;
        calls.limit = 2000;
        data.calls = SD_TRY(store::ListCalls(c, calls));
        store::LeaveQuery leaves;
        leaves.user_id = user;
        leaves.from = now - kFeedHistory;
        leaves.include_cancelled = true;
        data.leaves = SD_TRY(store::ListLeaves(c, leaves));
        return data;
    });
}

}  // namespace shiftdesk::app
