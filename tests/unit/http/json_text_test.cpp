// The hand-written JSON of the hot paths must be JSON that any parser reads back to the same values.
#include "http/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace shiftdesk::http {
namespace {

TEST(JsonText, StringsAreEscapedAndReadBackExactly) {
    const std::string tricky = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' +
                               " bell \x07 del \x7f Grüße 你好 👋 </script>";
    std::string out;
    AppendJsonString(out, tricky);
    const auto parsed = boost::json::parse(out);
    EXPECT_EQ(parsed.as_string(), tricky);
    EXPECT_EQ(out.find('\n'), std::string::npos);
    EXPECT_NE(out.find("\\u0000"), std::string::npos);
}

TEST(JsonText, ATicketReadsBackFieldForField) {
    domain::Ticket t;
    t.id = 42;
    t.subject = "Export \"CSV\" fails";
    t.description = "line 1\nline 2";
    t.status = domain::TicketStatus::kOnHold;
    t.priority = domain::Priority::kUrgent;
    t.channel = domain::Channel::kIntercom;
    t.customer = {7, "Jo \\ Park", "jo@acme.example", "enterprise", true};
    t.owner_id = 3;
    t.due_at = 1795424700250;
    t.created_at = 1795424700000;
    t.updated_at = 1795424760000;
    const auto v = boost::json::parse(TicketText(t).text).as_object();
    EXPECT_EQ(v.at("id").as_int64(), 42);
    EXPECT_EQ(v.at("subject").as_string(), t.subject);
    EXPECT_EQ(v.at("description").as_string(), t.description);
    EXPECT_EQ(v.at("status").as_string(), "on_hold");
    EXPECT_EQ(v.at("priority").as_string(), "urgent");
    EXPECT_EQ(v.at("channel").as_string(), "intercom");
    EXPECT_EQ(v.at("customer").at("name").as_string(), "Jo \\ Park");
    EXPECT_EQ(v.at("customer").at("critical").as_bool(), true);
    EXPECT_EQ(v.at("owner_id").as_int64(), 3);
    EXPECT_TRUE(v.at("parent_id").is_null());
    EXPECT_EQ(v.at("due_at").as_string(), "2026-11-23T09:05:00.250Z");
    EXPECT_EQ(v.at("created_at").as_string(), "2026-11-23T09:05:00Z");

    std::string summary;
    AppendTicketJson(summary, t, false);
    EXPECT_FALSE(boost::json::parse(summary).as_object().contains("description"));
}

}  // namespace
}  // namespace shiftdesk::http
