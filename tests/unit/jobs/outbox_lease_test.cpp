// The outbox's lease comes from the drivers' own deadlines: a claimed item stays leased for longer than the longest
// attempt its lane can make, so nothing claims it again while it may still be on its way (R5, R13).
#include <gtest/gtest.h>

#include "integrations/telephony/asterisk_ami.hpp"
#include "jobs/outbox_dispatcher.hpp"

namespace shiftdesk::jobs {
namespace {

using store::OutboxLane;

TEST(OutboxLease, MailIsLeasedForItsAttemptDeadlineAndAMinute_R5) {
    OutboxDrivers drivers;
    drivers.smtp = notify::SmtpSettings{};
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kMail), 16 * kMinute) << "RFC 5321's defaults: a 15-minute attempt";
    EXPECT_GT(OutboxLease(drivers, OutboxLane::kMail), 10 * kMinute) << "longer than the final reply may take";
    drivers.smtp->attempt_timeout_seconds = 3600;
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kMail), 61 * kMinute);
    drivers.smtp.reset();
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kMail), kMinute) << "no server: nothing is sent";
}

TEST(OutboxLease, ThePhoneIsLeasedForEveryDeadlineOfAnAmiSession_R13) {
    OutboxDrivers drivers;
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kPhone), kMinute) << "manual: nothing is sent";
    integrations::AmiSettings ami;
    ami.timeout_ms = 5000;
    drivers.phone = std::make_unique<integrations::AsteriskAmiDriver>(ami);
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kPhone), 11 * 5000 + kMinute);
    EXPECT_EQ(OutboxLease(drivers, OutboxLane::kMail), kMinute) << "each lane has its own";
}

}  // namespace
}  // namespace shiftdesk::jobs
