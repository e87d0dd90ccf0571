// Request bodies: malformed JSON says where; fields are typed and named; unknown fields are refused.
#include "http/json_body.hpp"

#include <gtest/gtest.h>

#include "domain/types.hpp"

namespace shiftdesk::http {
namespace {

TEST(ParseObject, EmptyBodyIsTheEmptyObject) {
    auto r = ParseObject("  \n");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
}

TEST(ParseObject, MalformedJsonSaysWhere) {
    auto r = ParseObject("{\n  \"subject\": \"x\",\n  }");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_NE(r.error().message.find("line 3"), std::string::npos) << r.error().message;
}

TEST(ParseObject, RefusesInvalidUtf8AndNonObjects) {
    auto bad_utf8 = ParseObject("{\"subject\":\"\xC3\x28\"}");
    ASSERT_FALSE(bad_utf8);
    EXPECT_EQ(bad_utf8.error().code, ErrorCode::kMalformed);
    auto array = ParseObject("[1,2]");
    ASSERT_FALSE(array);
    EXPECT_NE(array.error().message.find("an array"), std::string::npos);
    EXPECT_FALSE(ParseObject("{\"a\":1} trailing"));
    EXPECT_FALSE(ParseObject(std::string(100, '[') + std::string(100, ']')));
}

TEST(Fields, ReadsTypedFieldsAndNamesTheWrongOne) {
    auto body = ParseObject(R"({"subject":"x","count":3,"flag":true,"customer":{"email":42}})");
    ASSERT_TRUE(body);
    Fields f(*body);
    EXPECT_EQ(*f.String("subject"), "x");
    EXPECT_EQ(**f.OptInt("count"), 3);
    EXPECT_EQ(**f.OptBool("flag"), true);
    auto customer = f.Object("customer");
    ASSERT_TRUE(customer);
    auto email = customer->String("email");
    ASSERT_FALSE(email);
    EXPECT_EQ(email.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(email.error().field, "customer.email");
    EXPECT_NE(email.error().message.find("an integer"), std::string::npos);
}

TEST(Fields, MissingRequiredAndNullAreNotGiven) {
    auto body = ParseObject(R"({"subject":null})");
    ASSERT_TRUE(body);
    Fields f(*body);
    auto subject = f.String("subject");
    ASSERT_FALSE(subject);
    EXPECT_EQ(subject.error().field, "subject");
    EXPECT_FALSE(*f.OptString("description"));
}

TEST(Fields, RefusesUnknownFieldsAndEnumValues) {
    auto body = ParseObject(R"({"priority":"whenever","colour":"red"})");
    ASSERT_TRUE(body);
    Fields f(*body);
    auto p = f.OptEnum("priority", domain::kPriorityNames);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "priority");
    EXPECT_NE(p.error().message.find("low, normal, high or urgent"), std::string::npos) << p.error().message;
    auto others = f.NoOthers();
    ASSERT_FALSE(others);
    EXPECT_EQ(others.error().field, "colour");
}

TEST(Fields, IntegersOutOfRangeAreRefused) {
    auto body = ParseObject(R"({"owner_id":18446744073709551615,"other":1.5})");
    ASSERT_TRUE(body);
    Fields f(*body);
    EXPECT_FALSE(f.OptInt("owner_id"));
    EXPECT_FALSE(f.OptInt("other"));
}

}  // namespace
}  // namespace shiftdesk::http
