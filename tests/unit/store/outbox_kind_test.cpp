// The outbox's kinds and their one name table: the names are the `kind` column's (its CHECK in 0010_email.sql), and
// every kind reads back as itself.
#include <gtest/gtest.h>

#include "store/outbox.hpp"

namespace shiftdesk::store {
namespace {

TEST(OutboxKind, EachKindHasTheColumnsNameAndReadsBackAsItself) {
    EXPECT_EQ(ToString(OutboxKind::kMail), "mail");
    EXPECT_EQ(ToString(OutboxKind::kReplyMail), "reply.mail");
    EXPECT_EQ(ToString(OutboxKind::kDiversionApply), "diversion.apply");
    EXPECT_EQ(ToString(OutboxKind::kDiversionRemove), "diversion.remove");
    for (const auto& [kind, name] : kOutboxKindNames) {
        EXPECT_EQ(domain::ValueOf(kOutboxKindNames, name), kind) << name;
    }
    EXPECT_FALSE(domain::ValueOf(kOutboxKindNames, "sms")) << "no fifth kind";
}

}  // namespace
}  // namespace shiftdesk::store
