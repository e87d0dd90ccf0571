#include <gtest/gtest.h>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

TEST(Smoke, ServerStartsAndAnswersHealth) {
    TestDesk desk;
    auto res = desk.client().Get("/api/v1/health", "");
    EXPECT_EQ(res.status, 200) << res.body;
    auto t = desk.NewTicket(desk.asha);
    EXPECT_EQ(t.at("status").as_string(), "new");
}

}  // namespace
}  // namespace shiftdesk::test
