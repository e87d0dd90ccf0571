#include "common/time.hpp"

#include <gtest/gtest.h>

namespace shiftdesk {
namespace {

TEST(Rfc3339, FormatsUtcWithAndWithoutMilliseconds) {
    EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatRfc3339(1795424700000), "2026-11-23T09:05:00Z");
    EXPECT_EQ(FormatRfc3339(1795424700250), "2026-11-23T09:05:00.250Z");
}

TEST(Rfc3339, ParsesZuluOffsetsAndFractions) {
    EXPECT_EQ(ParseRfc3339("2026-11-23T09:05:00Z"), 1795424700000);
    EXPECT_EQ(ParseRfc3339("2026-11-23T09:05:00.25Z"), 1795424700250);
    EXPECT_EQ(ParseRfc3339("2026-11-23T10:05:00+01:00"), 1795424700000);
    EXPECT_EQ(ParseRfc3339("2026-11-23T04:35:00-04:30"), 1795424700000);
    EXPECT_EQ(ParseRfc3339("2026-11-23 09:05:00z"), 1795424700000);
}

TEST(Rfc3339, RoundTrips) {
    for (Millis t : {Millis{0}, Millis{951782400000}, Millis{1795424700123}, Millis{4102444799999}}) {
        EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t) << FormatRfc3339(t);
    }
}

TEST(Rfc3339, RefusesWhatIsNotATime) {
    for (const char* bad : {"", "2026-11-23", "2026-11-23T09:05:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                            "2026-11-23T24:00:00Z", "2026-11-23T09:05:00+25:00", "2026-11-23T09:05:00Zjunk",
                            "2026-11-23T09:05:00.Z", "tomorrow", "2026/11/23T09:05:00Z"}) {
        EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace shiftdesk
