// Every class of bad input gets a clear 4xx naming the field or the problem, and changes nothing.
#include <gtest/gtest.h>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

class BadInputApi : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        desk_ = new TestDesk();
        ticket_ = new json::object(desk_->OwnedTicket(desk_->asha, "Untouched"));
    }
    static void TearDownTestSuite() {
        delete ticket_;
        delete desk_;
    }
    void SetUp() override { before_ = Snapshot(); }
    void TearDown() override { EXPECT_EQ(Snapshot(), before_) << "a refused request changed the database"; }

    // Everything a request could have written.
    static std::vector<std::int64_t> Snapshot() {
        std::vector<std::int64_t> out;
        for (const char* sql : {"SELECT COUNT(*) FROM tickets", "SELECT COUNT(*) FROM events",
                                "SELECT COUNT(*) FROM thread_entries", "SELECT COUNT(*) FROM customers",
                                "SELECT COUNT(*) FROM auth_tokens", "SELECT MAX(updated_at) FROM tickets"}) {
            out.push_back(DbNumber(desk_->db_path(), sql));
        }
        return out;
    }
    HttpResponse Create(const std::string& body) const {
        return desk_->client().PostText("/api/v1/tickets", desk_->asha.token, body);
    }
    static void ExpectInvalid(const HttpResponse& res, const std::string& field) {
        EXPECT_EQ(res.status, 422) << res.body;
        EXPECT_EQ(res.error_code(), "invalid") << res.body;
        EXPECT_EQ(res.field(), field) << res.body;
        EXPECT_FALSE(res.json().at("error").at("message").as_string().empty());
    }

    static TestDesk* desk_;
    static json::object* ticket_;
    std::vector<std::int64_t> before_;
};
TestDesk* BadInputApi::desk_ = nullptr;
json::object* BadInputApi::ticket_ = nullptr;

const std::string kCustomer = R"("customer":{"name":"Jo","email":"jo@acme.example"})";

TEST_F(BadInputApi, MalformedJsonIsA400SayingWhere) {
    auto res = Create("{\n\"subject\": \"x\",\n" + kCustomer + ",\n}");
    EXPECT_EQ(res.status, 400) << res.body;
    EXPECT_EQ(res.error_code(), "malformed");
    EXPECT_NE(res.json().at("error").at("message").as_string().find("line 4"), std::string::npos) << res.body;
    EXPECT_EQ(Create("{\"subject\": ").status, 400);
    EXPECT_EQ(Create("not json at all").status, 400);
    EXPECT_EQ(Create("[\"an\", \"array\"]").status, 400);
    EXPECT_EQ(Create("{\"subject\":\"a\"} {\"subject\":\"b\"}").status, 400);
}

// Two values for one field would otherwise be read as the last one, silently.
TEST_F(BadInputApi, ADuplicateKeyIsA400NamingIt) {
    auto top = Create(R"({"subject":"a","subject":"b",)" + kCustomer + "}");
    EXPECT_EQ(top.status, 400) << top.body;
    EXPECT_EQ(top.error_code(), "malformed");
    EXPECT_EQ(top.field(), "subject") << top.body;
    EXPECT_NE(top.json().at("error").at("message").as_string().find("subject is given twice"), std::string::npos)
        << top.body;
    auto nested =
        Create(R"({"subject":"x","customer":{"name":"Jo","email":"jo@acme.example","email":"eve@evil.example"}})");
    EXPECT_EQ(nested.status, 400) << nested.body;
    EXPECT_EQ(nested.field(), "customer.email") << nested.body;
    auto assign =
        desk_->client().PostText(TicketPath(*ticket_, "/assign"), desk_->lead.token, R"({"owner_id":2,"owner_id":3})");
    EXPECT_EQ(assign.status, 400) << assign.body;
    EXPECT_EQ(assign.field(), "owner_id") << assign.body;
}

TEST_F(BadInputApi, AnIntegerPastTheRangeSaysTheRange) {
    for (const char* n : {"9223372036854775808", "18446744073709551616", "-9223372036854775809", "1e400"}) {
        auto res = desk_->client().PostText(TicketPath(*ticket_, "/assign"), desk_->lead.token,
                                            std::string(R"({"owner_id":)") + n + "}");
        ExpectInvalid(res, "owner_id");
        EXPECT_EQ(res.json().at("error").at("message").as_string(),
                  "owner_id must be an integer from -9223372036854775808 to 9223372036854775807")
            << n;
    }
}

TEST_F(BadInputApi, InvalidUtf8IsRefused) {
    auto res = Create("{\"subject\":\"caf\xC3\x28\"," + kCustomer + "}");
    EXPECT_EQ(res.status, 400) << res.body;
    auto in_note =
        desk_->client().PostText(TicketPath(*ticket_, "/notes"), desk_->asha.token, "{\"body\":\"\xED\xA0\x80\"}");
    EXPECT_EQ(in_note.status, 400) << in_note.body;
}

TEST_F(BadInputApi, ABodyOverTheLimitIsA413) {
    const std::string huge = "{\"subject\":\"" + std::string(1100 * 1024, 'x') + "\"," + kCustomer + "}";
    auto res = Create(huge);
    EXPECT_EQ(res.status, 413) << res.body.substr(0, 200);
    EXPECT_EQ(res.error_code(), "too_large");
}

TEST_F(BadInputApi, WrongTypesNameTheField) {
    ExpectInvalid(Create("{\"subject\":5," + kCustomer + "}"), "subject");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo","email":"jo@acme.example","critical":"yes"}})"),
                  "customer.critical");
    ExpectInvalid(Create(R"({"subject":"x","customer":"Jo"})"), "customer");
    ExpectInvalid(Create("{\"subject\":\"x\",\"priority\":1," + kCustomer + "}"), "priority");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/assign"), desk_->lead.token, {{"owner_id", "bruno"}}),
                  "owner_id");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/assign"), desk_->lead.token, {{"owner_id", 1.5}}),
                  "owner_id");
    ExpectInvalid(desk_->client().Patch(TicketPath(*ticket_), desk_->asha.token, {{"status", true}}), "status");
}

TEST_F(BadInputApi, UnknownValuesAndFieldsAreNamed) {
    ExpectInvalid(Create("{\"subject\":\"x\",\"priority\":\"asap\"," + kCustomer + "}"), "priority");
    ExpectInvalid(Create("{\"subject\":\"x\",\"channel\":\"fax\"," + kCustomer + "}"), "channel");
    ExpectInvalid(Create("{\"subject\":\"x\",\"colour\":\"red\"," + kCustomer + "}"), "colour");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo","email":"jo@acme.example","vip":true}})"),
                  "customer.vip");
    ExpectInvalid(desk_->client().Patch(TicketPath(*ticket_), desk_->asha.token, {{"status", "reopened"}}), "status");
    ExpectInvalid(desk_->client().Patch(TicketPath(*ticket_), desk_->asha.token, {{"status", "new"}}), "status");
    ExpectInvalid(desk_->client().Patch(TicketPath(*ticket_), desk_->asha.token, json::object{}), "status");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/take"), desk_->asha.token, {{"force", true}}), "force");
}

TEST_F(BadInputApi, MissingAndEmptyFieldsAreNamed) {
    ExpectInvalid(Create("{" + kCustomer + "}"), "subject");
    ExpectInvalid(Create("{\"subject\":\"   \"," + kCustomer + "}"), "subject");
    ExpectInvalid(Create(R"({"subject":"x"})"), "customer");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo"}})"), "customer.email");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"email":"jo@acme.example"}})"), "customer.name");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/replies"), desk_->asha.token, json::object{}), "body");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/notes"), desk_->asha.token, {{"body", ""}}), "body");
    ExpectInvalid(desk_->client().Post(TicketPath(*ticket_, "/assign"), desk_->lead.token, json::object{}), "owner_id");
}

TEST_F(BadInputApi, ValuesOutOfShapeAreNamed) {
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo","email":"not-an-address"}})"), "customer.email");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo","email":"jo@acme.example\r\nBcc: all@x.example"}})"),
                  "customer.email");
    ExpectInvalid(Create("{\"subject\":\"" + std::string(201, 'x') + "\"," + kCustomer + "}"), "subject");
    ExpectInvalid(Create("{\"subject\":\"two\\nlines\"," + kCustomer + "}"), "subject");
    ExpectInvalid(Create("{\"subject\":\"nul\\u0000byte\"," + kCustomer + "}"), "subject");
    ExpectInvalid(Create(R"({"subject":"x","customer":{"name":"Jo","email":"jo@acme.example","plan":"Gold Plan!"}})"),
                  "customer.plan");
    ExpectInvalid(
        desk_->client().Post(TicketPath(*ticket_, "/notes"), desk_->asha.token, {{"body", std::string(20001, 'n')}}),
        "body");
    const Headers key{{"Authorization", "Bearer " + desk_->asha.token}, {"Idempotency-Key", std::string(201, 'k')}};
    ExpectInvalid(desk_->client().Send("POST", "/api/v1/tickets", "{\"subject\":\"x\"," + kCustomer + "}", key),
                  "Idempotency-Key");
}

TEST_F(BadInputApi, WrongIdsAreA404) {
    for (const char* path : {"/api/v1/tickets/999999", "/api/v1/tickets/abc", "/api/v1/tickets/-1", "/api/v1/tickets/0",
                             "/api/v1/tickets/1.5", "/api/v1/tickets/99999999999999999999",
                             "/api/v1/tickets/999999/thread", "/api/v1/tickets/999999/events", "/api/v1/users/0"}) {
        auto res = desk_->client().Get(path, desk_->lead.token);
        EXPECT_EQ(res.status, 404) << path << ": " << res.body;
        EXPECT_EQ(res.error_code(), "not_found") << path;
    }
    EXPECT_EQ(desk_->client().Post("/api/v1/tickets/999999/take", desk_->asha.token, json::object{}).status, 404);
    EXPECT_EQ(desk_->client().Post("/api/v1/tickets/999999/notes", desk_->asha.token, {{"body", "x"}}).status, 404);
    EXPECT_EQ(desk_->client().Patch("/api/v1/tickets/999999", desk_->asha.token, {{"priority", "low"}}).status, 404);
}

TEST_F(BadInputApi, UnknownEndpointsAre404AndWrongMethods405) {
    auto missing = desk_->client().Get("/api/v1/nothing-here", desk_->lead.token);
    EXPECT_EQ(missing.status, 404);
    auto wrong =
        desk_->client().Send("PUT", TicketPath(*ticket_), "{}", {{"Authorization", "Bearer " + desk_->lead.token}});
    EXPECT_EQ(wrong.status, 405) << wrong.body;
    EXPECT_EQ(wrong.error_code(), "method_not_allowed");
    EXPECT_NE(wrong.header("allow").find("PATCH"), std::string::npos) << wrong.header("allow");
    EXPECT_NE(wrong.header("allow").find("HEAD"), std::string::npos) << wrong.header("allow");
}

TEST_F(BadInputApi, QueryParametersAreCheckedToo) {
    for (const char* q : {"?owner=1%20OR%201=1", "?owner=everyone", "?status=bogus", "?status=open,", "?limit=0",
                          "?limit=201", "?limit=ten", "?cursor=garbage", "?queue=all", "?queue=unassigned&owner=me",
                          "?sort=due", "?owner=me&owner=1", "?queue=unassigned&status=open"}) {
        auto res = desk_->client().Get(std::string("/api/v1/tickets") + q, desk_->asha.token);
        EXPECT_EQ(res.status, 422) << q << ": " << res.body;
        EXPECT_FALSE(res.field().empty()) << q;
    }
    EXPECT_EQ(desk_->client().Get(TicketPath(*ticket_, "/thread?kind=secret"), desk_->asha.token).status, 422);
    auto stray = desk_->client().Get(TicketPath(*ticket_, "?verbose=1"), desk_->asha.token);
    EXPECT_EQ(stray.status, 422) << "every endpoint refuses parameters it does not read";
    EXPECT_EQ(stray.field(), "verbose");
    EXPECT_EQ(desk_->client().Get("/api/v1/me?x=1", desk_->asha.token).status, 422);
    // A cursor from one list is refused by another rather than returning the wrong page.
    EXPECT_EQ(desk_->client().Get("/api/v1/tickets?owner=me&cursor=q1", desk_->asha.token).status, 422);
    EXPECT_EQ(desk_->client().Get("/api/v1/tickets?queue=unassigned&cursor=d5.1", desk_->asha.token).status, 422);
    EXPECT_EQ(desk_->client().Get(TicketPath(*ticket_, "/events?after=-1"), desk_->asha.token).status, 422);
}

TEST_F(BadInputApi, SqlInTextIsJustText) {
    // This one writes (a ticket), so it checks its own effect and resets the snapshot.
    const std::string evil = "Robert'); DROP TABLE tickets; --";
    auto res =
        desk_->client().Post("/api/v1/tickets", desk_->asha.token,
                             {{"subject", evil}, {"customer", {{"name", evil}, {"email", "bobby@tables.example"}}}});
    ASSERT_EQ(res.status, 201) << res.body;
    auto back = desk_->client().Get(TicketPath(res.json().as_object()), desk_->asha.token);
    EXPECT_EQ(back.json().at("subject").as_string(), evil);
    EXPECT_EQ(back.json().at("customer").at("name").as_string(), evil);
    before_ = Snapshot();
}

TEST_F(BadInputApi, MalformedHttpIsA400AndTheServerCarriesOn) {
    auto res = desk_->client().Raw("NOT AN HTTP REQUEST\r\n\r\n");
    EXPECT_EQ(res.status, 400) << res.body;
    auto headers =
        desk_->client().Raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n");
    EXPECT_EQ(headers.status, 431) << headers.body;
    EXPECT_EQ(desk_->client().Get("/api/v1/health", "").status, 200);
}

}  // namespace
}  // namespace shiftdesk::test
