// A use case that throws is a bug, never undefined behaviour: the answer is a 500 whose detail is in the log, the
// command is undone alone, and the desk keeps serving. `serve --test-clock` lets a request (X-Test-Throw) make its
// own command throw after it ran; without that flag the header does nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

std::string NewTicketBody(const std::string& subject) {
    return json::serialize(
        json::value{{"subject", subject}, {"customer", {{"name", "Jo"}, {"email", "jo@acme.example"}}}});
}

Headers ThrowingRequest(const std::string& token) {
    return {{"Authorization", "Bearer " + token}, {"X-Test-Throw", "1"}};
}

TEST(InternalErrors, AUseCaseThatThrowsIsALogged500UndoneAloneAndTheDeskServesOn) {
    TestDesk desk({"--test-clock"});
    const auto tickets_before = DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets");

    // Others write at the same time, so the throwing command shares its group commit with theirs.
    std::atomic<bool> stop{false};
    std::atomic<int> others_created{0}, others_failed{0};
    std::thread others([&] {
        const HttpClient http = desk.client();
        for (int i = 0; !stop || i < 20; ++i) {
            auto res = http.PostText("/api/v1/tickets", desk.bruno.token, NewTicketBody("Beside " + std::to_string(i)));
            (res.status == 201 ? others_created : others_failed)++;
        }
    });
    auto res =
        desk.client().Send("POST", "/api/v1/tickets", NewTicketBody("Thrown away"), ThrowingRequest(desk.asha.token));
    stop = true;
    others.join();

    EXPECT_EQ(res.status, 500) << res.body;
    EXPECT_EQ(res.error_code(), "internal");
    EXPECT_EQ(res.body.find("X-Test-Throw"), std::string::npos) << "the detail goes to the log, not to the client";
    EXPECT_NE(desk.server().Log().find("the test asked this command to throw"), std::string::npos)
        << desk.server().Log();
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets WHERE subject = 'Thrown away'"), 0)
        << "the command was undone";
    EXPECT_EQ(others_failed.load(), 0) << "the commands beside it are unaffected";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM tickets"), tickets_before + others_created.load());

    // The writer goes on: the same caller's next command is taken and kept.
    auto next = desk.client().PostText("/api/v1/tickets", desk.asha.token, NewTicketBody("Kept"));
    ASSERT_EQ(next.status, 201) << next.body;
    EXPECT_EQ(desk.client().Get(TicketPath(next.json().as_object()), desk.asha.token).status, 200);
}

TEST(InternalErrors, WithoutTheTestClockTheThrowHeaderDoesNothing) {
    TestDesk desk;
    auto res = desk.client().Send("POST", "/api/v1/tickets", NewTicketBody("Plain"), ThrowingRequest(desk.asha.token));
    EXPECT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(desk.server().Log().find("the test asked this command to throw"), std::string::npos);
}

}  // namespace
}  // namespace shiftdesk::test
