// The log limiter: a burst per interval, and the count of what was held back reported with the next line.
#include "common/log_limiter.hpp"

#include <gtest/gtest.h>

namespace shiftdesk {
namespace {

TEST(LogLimiter, LetsABurstThroughPerIntervalAndCountsTheRest) {
    LogLimiter limiter(10'000, 2);
    EXPECT_EQ(limiter.Allow(0), 0);
    EXPECT_EQ(limiter.Allow(1), 0);
    for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.Allow(2 + i).has_value());
    EXPECT_FALSE(limiter.Allow(9'999).has_value());
    EXPECT_EQ(limiter.Allow(10'000), 1001) << "the next line says how many were not written";
    EXPECT_EQ(limiter.Allow(10'001), 0);
}

}  // namespace
}  // namespace shiftdesk
