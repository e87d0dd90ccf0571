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

// Boost.JSON keeps the last of two equal keys; a body that says two things about one field is refused instead,
// naming the key, at any depth.
TEST(ParseObject, ADuplicateKeyIsRefusedNamingIt) {
    auto top = ParseObject(R"({"subject":"a","priority":"low","subject":"b"})");
    ASSERT_FALSE(top);
    EXPECT_EQ(top.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(top.error().field, "subject");
    EXPECT_NE(top.error().message.find("subject is given twice"), std::string::npos) << top.error().message;
    EXPECT_EQ(top.error().message, "malformed JSON at line 1, column 41: subject is given twice");  // just after it

    auto nested =
        ParseObject("{\"subject\":\"a\",\n\"customer\":{\"email\":\"a@x.example\",\"email\":\"b@x.example\"}}");
    ASSERT_FALSE(nested);
    EXPECT_EQ(nested.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(nested.error().field, "customer.email");
    EXPECT_NE(nested.error().message.find("line 2"), std::string::npos) << nested.error().message;

    auto in_list = ParseObject(R"({"items":[{"a":1},{"a":2,"b":{"c":1,"c":2}}]})");
    ASSERT_FALSE(in_list);
    EXPECT_EQ(in_list.error().field, "items[1].b.c");

    // Keys are compared after unescaping: "\u0061" is "a".
    auto escaped = ParseObject(R"({"a":1,"\u0061":2})");
    ASSERT_FALSE(escaped);
    EXPECT_EQ(escaped.error().field, "a");
}

TEST(ParseObject, EqualKeysInDifferentObjectsAreFine) {
    auto body = ParseObject(R"({"a":{"x":1,"y":[{"x":2},{"x":3}]},"b":{"x":4},"x":[1,{"x":5}]})");
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ(body->at("b").at("x").as_int64(), 4);
    EXPECT_EQ(body->at("a").at("y").at(1).at("x").as_int64(), 3);
    EXPECT_EQ(body->at("x").at(1).at("x").as_int64(), 5);
}

// A long key written with escapes reaches the handler in parts; the parts make one key.
TEST(ParseObject, LongEscapedKeysStillCompare) {
    std::string escaped;
    for (int i = 0; i < 3000; ++i) escaped += "\\u006b";  // "k"
    const std::string key(3000, 'k');
    auto fine = ParseObject("{\"" + escaped + "\":\"" + std::string(70000, 'v') + "\",\"" + escaped + "x\":1}");
    ASSERT_TRUE(fine) << fine.error().message;
    EXPECT_EQ(fine->at(key).as_string().size(), 70000u);
    EXPECT_EQ(fine->at(key + "x").as_int64(), 1);
    auto twice = ParseObject("{\"" + escaped + "\":1,\"" + key + "\":2}");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(twice.error().field.starts_with(std::string(200, 'k'))) << "a long key is named by its start";
    EXPECT_LT(twice.error().message.size(), 400u);
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

// Past 2^63 an integer reads as an unsigned or a floating-point number: the message says what range is meant instead
// of "must be an integer, not an integer".
TEST(Fields, AnIntegerPastTheRangeSaysTheRange) {
    auto body = ParseObject(
        R"({"a":9223372036854775808,"b":18446744073709551616,"c":-9223372036854775809,"d":1e400,"e":1.5,"f":9223372036854775807,"g":-9223372036854775808,"h":2.0})");
    ASSERT_TRUE(body);
    Fields f(*body);
    for (const char* name : {"a", "b", "c", "d"}) {
        auto v = f.OptInt(name);
        ASSERT_FALSE(v) << name;
        EXPECT_EQ(v.error().code, ErrorCode::kInvalid);
        EXPECT_EQ(v.error().field, name);
        EXPECT_EQ(v.error().message,
                  std::string(name) + " must be an integer from -9223372036854775808 to 9223372036854775807");
    }
    auto fraction = f.OptInt("e");
    ASSERT_FALSE(fraction);
    EXPECT_EQ(fraction.error().message, "e must be a whole number, not a fraction");
    EXPECT_EQ(**f.OptInt("f"), INT64_MAX);
    EXPECT_EQ(**f.OptInt("g"), INT64_MIN);
    auto point = f.OptInt("h");
    ASSERT_FALSE(point);
    EXPECT_EQ(point.error().message, "h must be written as an integer, without a decimal point or exponent");

    auto nested = ParseObject(R"({"customer":{"n":99999999999999999999}})");
    ASSERT_TRUE(nested);
    Fields outer(*nested);
    auto inner = outer.Object("customer");
    ASSERT_TRUE(inner);
    auto n = inner->Int("n");
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().field, "customer.n");
    EXPECT_EQ(n.error().message.find("not an integer"), std::string::npos) << n.error().message;
}

}  // namespace
}  // namespace shiftdesk::http
