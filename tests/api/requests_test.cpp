// The shift lead's desk over HTTP: requests filed, approved (and carried out), denied, withdrawn, expired; the
// lead's notes on every approved ticket; child tickets; off-queue windows; routing — R6, R7, R9, R10, R11, R12,
// each with its allowed and its refused path.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDaySeconds = 24 * 3600;

class RequestsApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() { desk_ = new TestDesk({"--test-clock"}); }
    static void TearDownTestSuite() {
        delete desk_;
        desk_ = nullptr;
    }
    static HttpClient http() { return desk_->client(); }
    static HttpResponse File(const Person& who, json::object body) {
        return http().Post("/api/v1/requests", who.token, body);
    }
    static std::string RequestPath(const HttpResponse& filed, const std::string& suffix = "") {
        return "/api/v1/requests/" + std::to_string(Id(filed.json())) + suffix;
    }
    static json::object Ticket(const json::object& t) {
        return http().Get(TicketPath(t), desk_->lead.token).json().as_object();
    }
    static void AdvanceDays(std::int64_t days) {
        ASSERT_EQ(http().Post("/api/v1/test/clock", "", {{"advance_seconds", days * kDaySeconds}}).status, 200);
    }
    static TestDesk* desk_;
};
TestDesk* RequestsApi::desk_ = nullptr;

TEST_F(RequestsApi, AnEngineerAsksALeadToAssignAndTheApprovalCarriesItOutWithTheLeadsNote_R7_R10) {
    auto t = desk_->NewTicket(desk_->asha, "Needs Bruno");
    auto filed = File(desk_->asha, {{"kind", "assignment"},
                                    {"ticket_id", Id(t)},
                                    {"owner_id", desk_->bruno.id},
                                    {"reason", "Bruno wrote the webhook code"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    EXPECT_EQ(filed.json().at("state").as_string(), "pending");
    EXPECT_EQ(filed.json().at("requester").at("login").as_string(), "asha");

    auto by_engineer = http().Post(RequestPath(filed, "/approve"), desk_->chen.token, {{"note", "fine by me"}});
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R7");
    EXPECT_TRUE(Ticket(t).at("owner_id").is_null());

    auto approved =
        http().Post(RequestPath(filed, "/approve"), desk_->lead.token, {{"note", "Yes: Bruno knows that code."}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().at("state").as_string(), "approved");
    EXPECT_EQ(approved.json().at("note").as_string(), "Yes: Bruno knows that code.");
    const auto after = Ticket(t);
    EXPECT_EQ(after.at("owner_id").as_int64(), desk_->bruno.id);
    EXPECT_EQ(after.at("status").as_string(), "open");
    EXPECT_EQ(after.at("approved_by").as_int64(), desk_->lead.id);
    EXPECT_EQ(after.at("approval_request_id").as_int64(), Id(filed.json()));
    EXPECT_EQ(after.at("approval_note").at("body").as_string(), "Yes: Bruno knows that code.");
    auto notes = http().Get(TicketPath(t, "/thread?kind=note"), desk_->bruno.token).json().at("entries").as_array();
    ASSERT_FALSE(notes.empty());
    EXPECT_EQ(notes.back().at("author").at("id").as_int64(), desk_->lead.id);
    EXPECT_EQ(notes.back().at("visibility").as_string(), "private");

    auto history = http().Get(RequestPath(filed, "/events"), desk_->asha.token).json().at("events").as_array();
    std::vector<std::string> actions;
    for (const auto& e : history) actions.push_back(std::string(e.at("action").as_string()));
    ASSERT_GE(actions.size(), 3u) << "filed, the engineer's refused approval, the lead's approval";
    EXPECT_EQ(actions.front(), "request.filed");
    EXPECT_EQ(actions.back(), "request.approved");
}

TEST_F(RequestsApi, ReassignmentGoesThroughTheLeadWhoNamesTheOwner_R11) {
    auto t = desk_->OwnedTicket(desk_->asha, "Take it off me");
    auto filed = File(desk_->asha, {{"kind", "assignment"}, {"ticket_id", Id(t)}, {"reason", "I am out tomorrow"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    auto by_owner = http().Post(RequestPath(filed, "/approve"), desk_->asha.token, {{"note", "ok"}});
    EXPECT_EQ(by_owner.status, 403);
    EXPECT_EQ(by_owner.rule(), "R11");
    auto nobody = http().Post(RequestPath(filed, "/approve"), desk_->lead.token, {{"note", "ok"}});
    EXPECT_EQ(nobody.status, 422);
    EXPECT_EQ(nobody.field(), "owner_id");
    auto to_success = http().Post(RequestPath(filed, "/approve"), desk_->lead.token,
                                  {{"note", "ok"}, {"owner_id", desk_->success.id}});
    EXPECT_EQ(to_success.status, 409);
    EXPECT_EQ(to_success.rule(), "R1");
    EXPECT_EQ(http().Get(RequestPath(filed), desk_->lead.token).json().at("state").as_string(), "pending")
        << "a refused approval changes nothing";
    EXPECT_EQ(Ticket(t).at("owner_id").as_int64(), desk_->asha.id);

    auto approved = http().Post(RequestPath(filed, "/approve"), desk_->lead.token,
                                {{"note", "Chen takes it over."}, {"owner_id", desk_->chen.id}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(Ticket(t).at("owner_id").as_int64(), desk_->chen.id);
    auto twice = http().Post(RequestPath(filed, "/approve"), desk_->lead2.token, {{"note", "again"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(twice.rule(), "R11");
}

TEST_F(RequestsApi, ADeniedRequestChangesNothingButItsStateAndNeedsANote) {
    auto t = desk_->OwnedTicket(desk_->bruno, "Deny me");
    auto filed = File(desk_->bruno,
                      {{"kind", "assignment"}, {"ticket_id", Id(t)}, {"owner_id", desk_->asha.id}, {"reason", "x"}});
    ASSERT_EQ(filed.status, 201);
    auto no_note = http().Post(RequestPath(filed, "/deny"), desk_->lead.token, json::object{});
    EXPECT_EQ(no_note.status, 422);
    EXPECT_EQ(no_note.field(), "note");
    auto denied = http().Post(RequestPath(filed, "/deny"), desk_->lead.token, {{"note", "Keep it, you are close."}});
    ASSERT_EQ(denied.status, 200) << denied.body;
    EXPECT_EQ(denied.json().at("state").as_string(), "denied");
    EXPECT_EQ(Ticket(t).at("owner_id").as_int64(), desk_->bruno.id);
    EXPECT_EQ(http().Post(RequestPath(filed, "/approve"), desk_->lead.token, {{"note", "changed my mind"}}).status,
              409);
}

TEST_F(RequestsApi, OnlyTheRequesterWithdrawsAndAWithdrawnRequestCannotBeApproved) {
    auto filed = File(desk_->chen, {{"kind", "off_queue"}, {"hours", 2}, {"reason", "backlog"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    auto by_other = http().Post(RequestPath(filed, "/withdraw"), desk_->asha.token, json::object{});
    EXPECT_EQ(by_other.status, 403);
    EXPECT_EQ(by_other.rule(), "R6");
    auto withdrawn = http().Post(RequestPath(filed, "/withdraw"), desk_->chen.token, json::object{});
    ASSERT_EQ(withdrawn.status, 200);
    EXPECT_EQ(withdrawn.json().at("state").as_string(), "withdrawn");
    auto approve = http().Post(RequestPath(filed, "/approve"), desk_->lead.token, {{"note", "too late"}});
    EXPECT_EQ(approve.status, 409);
    EXPECT_EQ(approve.rule(), "R6");
}

TEST_F(RequestsApi, AChildTicketForANewIssueBelongsToItsCreator_R9_R12) {
    auto parent = desk_->OwnedTicket(desk_->bruno, "Export broken");
    auto direct = http().Post("/api/v1/tickets", desk_->asha.token,
                              {{"subject", "PDF too"},
                               {"parent_id", Id(parent)},
                               {"customer", {{"name", "Jo"}, {"email", "jo@acme.example"}}}});
    EXPECT_EQ(direct.status, 403);
    EXPECT_EQ(direct.rule(), "R9");

    auto filed = File(desk_->asha, {{"kind", "new_ticket"},
                                    {"ticket_id", Id(parent)},
                                    {"reason", "multiple_issues"},
                                    {"subject", "PDF export also broken"},
                                    {"description", "Found while testing CSV."},
                                    {"new_issue", true}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    auto by_engineer = http().Post(RequestPath(filed, "/approve"), desk_->bruno.token, {{"note", "sure"}});
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R9");
    auto approved = http().Post(RequestPath(filed, "/approve"), desk_->lead.token, {{"note", "Separate ticket."}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    const auto child_id = approved.json().at("result_ticket_id").as_int64();
    auto child = http().Get("/api/v1/tickets/" + std::to_string(child_id), desk_->asha.token).json().as_object();
    EXPECT_EQ(child.at("parent_id").as_int64(), Id(parent));
    EXPECT_EQ(child.at("owner_id").as_int64(), desk_->asha.id) << "the creator, not the parent's owner (R12)";
    EXPECT_EQ(child.at("status").as_string(), "open");
    EXPECT_EQ(child.at("subject").as_string(), "PDF export also broken");
    EXPECT_EQ(child.at("customer").at("email").as_string(), "jo@acme.example");
    EXPECT_EQ(child.at("approved_by").as_int64(), desk_->lead.id);
    EXPECT_EQ(child.at("approval_note").at("body").as_string(), "Separate ticket.");
    // The note is on every ticket the approval touches (R10).
    auto parent_notes =
        http().Get(TicketPath(parent, "/thread?kind=note"), desk_->lead.token).json().at("entries").as_array();
    EXPECT_EQ(parent_notes.back().at("body").as_string(), "Separate ticket.");
    EXPECT_EQ(Ticket(parent).at("owner_id").as_int64(), desk_->bruno.id);

    // The same issue continued follows the parent's owner; a lead may name someone else.
    auto same = File(desk_->asha, {{"kind", "new_ticket"},
                                   {"ticket_id", Id(parent)},
                                   {"reason", "multiple_issues"},
                                   {"subject", "CSV, part two"},
                                   {"new_issue", false}});
    auto same_ok = http().Post(RequestPath(same, "/approve"), desk_->lead.token, {{"note", "ok"}});
    ASSERT_EQ(same_ok.status, 200) << same_ok.body;
    EXPECT_EQ(http()
                  .Get("/api/v1/tickets/" + std::to_string(same_ok.json().at("result_ticket_id").as_int64()),
                       desk_->lead.token)
                  .json()
                  .at("owner_id")
                  .as_int64(),
              desk_->bruno.id);
}

TEST_F(RequestsApi, RequestsAboutClosedTicketsAreRefused_R9) {
    auto t = desk_->OwnedTicket(desk_->asha, "Done and dusted");
    ASSERT_EQ(http().Patch(TicketPath(t), desk_->asha.token, {{"status", "solved"}}).status, 200);
    ASSERT_EQ(http().Patch(TicketPath(t), desk_->asha.token, {{"status", "closed"}}).status, 200);
    auto assign = File(desk_->asha,
                       {{"kind", "assignment"}, {"ticket_id", Id(t)}, {"owner_id", desk_->bruno.id}, {"reason", "x"}});
    EXPECT_EQ(assign.status, 409);
    EXPECT_EQ(assign.rule(), "R9");
    auto multiple = File(desk_->asha, {{"kind", "new_ticket"},
                                       {"ticket_id", Id(t)},
                                       {"reason", "multiple_issues"},
                                       {"subject", "More"}});
    EXPECT_EQ(multiple.status, 409);
    EXPECT_EQ(multiple.rule(), "R9");
    auto followup = File(desk_->asha, {{"kind", "new_ticket"},
                                       {"ticket_id", Id(t)},
                                       {"reason", "old_ticket_followup"},
                                       {"subject", "New question"}});
    EXPECT_EQ(followup.status, 201) << followup.body;
}

TEST_F(RequestsApi, BadRequestsAreNamedAndChangeNothing) {
    const auto before = DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM requests");
    auto t = desk_->OwnedTicket(desk_->asha);
    EXPECT_EQ(File(desk_->asha, {{"kind", "holiday"}}).field(), "kind");
    EXPECT_EQ(File(desk_->asha, json::object{}).field(), "kind");
    EXPECT_EQ(File(desk_->asha, {{"kind", "assignment"}, {"ticket_id", Id(t)}}).field(), "reason");
    EXPECT_EQ(File(desk_->asha, {{"kind", "assignment"}, {"reason", "x"}}).field(), "ticket_id");
    EXPECT_EQ(File(desk_->asha, {{"kind", "off_queue"}, {"hours", 2}, {"reason", "x"}, {"ticket_id", 1}}).field(),
              "ticket_id");
    EXPECT_EQ(File(desk_->asha, {{"kind", "new_ticket"}, {"ticket_id", Id(t)}, {"reason", "because"}, {"subject", "s"}})
                  .field(),
              "reason");
    auto too_long = File(desk_->asha, {{"kind", "off_queue"}, {"hours", 5}, {"reason", "backlog"}});
    EXPECT_EQ(too_long.status, 422);
    EXPECT_EQ(too_long.rule(), "R6");
    EXPECT_EQ(too_long.field(), "hours");
    auto to_admin = File(desk_->asha, {{"kind", "assignment"},
                                       {"ticket_id", Id(t)},
                                       {"owner_id", desk_->admin.id},
                                       {"reason", "x"}});
    EXPECT_EQ(to_admin.status, 409);
    EXPECT_EQ(to_admin.rule(), "R1");
    EXPECT_EQ(File(desk_->success, {{"kind", "off_queue"}, {"hours", 1}, {"reason", "x"}}).rule(), "R6");
    EXPECT_EQ(http().Get("/api/v1/requests/99999", desk_->lead.token).status, 404);
    EXPECT_EQ(http().Post("/api/v1/requests/99999/approve", desk_->lead.token, {{"note", "x"}}).status, 404);
    EXPECT_EQ(http().Get("/api/v1/requests?state=open", desk_->lead.token).field(), "state");
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM requests"), before);
}

TEST_F(RequestsApi, TheLeadsInboxShowsPendingRequestsOldestFirstWithContext) {
    auto t = desk_->OwnedTicket(desk_->chen, "Inbox ticket");
    auto first = File(desk_->chen, {{"kind", "assignment"},
                                    {"ticket_id", Id(t)},
                                    {"owner_id", desk_->asha.id},
                                    {"reason", "asha knows"}});
    auto second = File(desk_->bruno, {{"kind", "off_queue"}, {"hours", 1}, {"reason", "catch up"}});
    ASSERT_EQ(first.status, 201);
    ASSERT_EQ(second.status, 201);
    auto inbox = http().Get("/api/v1/requests?state=pending&limit=200", desk_->lead.token);
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    const auto items = inbox.json().at("requests").as_array();
    std::vector<std::int64_t> ids;
    for (const auto& r : items) {
        ids.push_back(r.at("id").as_int64());
        EXPECT_EQ(r.at("state").as_string(), "pending");
        EXPECT_TRUE(r.at("requester").as_object().contains("open_tickets"));
    }
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << "oldest first";
    const auto mine = std::find(ids.begin(), ids.end(), Id(first.json()));
    ASSERT_NE(mine, ids.end());
    const auto& item = items[static_cast<std::size_t>(mine - ids.begin())];
    EXPECT_EQ(item.at("ticket").at("subject").as_string(), "Inbox ticket");
    EXPECT_GE(item.at("requester").at("open_tickets").as_int64(), 1);

    auto engineers_view = http().Get("/api/v1/requests?state=pending&limit=200", desk_->chen.token);
    const auto theirs = engineers_view.json().at("requests").as_array();
    for (const auto& r : theirs) {
        EXPECT_EQ(r.at("requester").at("login").as_string(), "chen") << "engineers see their own";
    }
    EXPECT_EQ(http().Get(RequestPath(second), desk_->chen.token).status, 403);
    EXPECT_EQ(http().Post(RequestPath(second, "/withdraw"), desk_->bruno.token, json::object{}).status, 200);
    EXPECT_EQ(http().Post(RequestPath(first, "/withdraw"), desk_->chen.token, json::object{}).status, 200);
}

TEST_F(RequestsApi, TwoLeadsApprovingAtOnceExactlyOneWins) {
    auto t = desk_->OwnedTicket(desk_->asha, "Contested");
    auto filed = File(desk_->asha,
                      {{"kind", "assignment"}, {"ticket_id", Id(t)}, {"owner_id", desk_->bruno.id}, {"reason", "x"}});
    ASSERT_EQ(filed.status, 201);
    std::atomic<int> ok{0}, conflict{0};
    std::vector<std::thread> leads;
    for (const Person* lead : {&desk_->lead, &desk_->lead2, &desk_->lead, &desk_->lead2}) {
        leads.emplace_back([&, lead] {
            auto res = http().Post(RequestPath(filed, "/approve"), lead->token, {{"note", "mine"}});
            if (res.status == 200) ++ok;
            if (res.status == 409) ++conflict;
        });
    }
    for (auto& th : leads) th.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), 3);
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM events WHERE action = 'ticket.assigned' AND outcome = "
                                         "'done' AND ticket_id = " + std::to_string(Id(t))),
              1);
}

TEST_F(RequestsApi, ALeadActingDirectlyLeavesTheSameNote_R10_R11) {
    auto t = desk_->OwnedTicket(desk_->asha, "Direct move");
    auto moved = http().Post(TicketPath(t, "/assign"), desk_->lead.token, {{"owner_id", desk_->chen.id}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    const auto after = Ticket(t);
    EXPECT_EQ(after.at("approved_by").as_int64(), desk_->lead.id);
    EXPECT_TRUE(after.at("approval_request_id").is_null());
    EXPECT_FALSE(after.at("approval_note").at("body").as_string().empty()) << "a note even when none was given";
}

TEST(OffQueue, AnApprovedWindowKeepsRoutingAwayAndEndsByItself_R6) {
    TempDir dir;
    {
        std::ofstream(dir.File("policy.toml")) << "[policy]\nrouting = \"round_robin\"\noff_queue_max_hours = 4\n";
    }
    TestDesk desk({"--test-clock", "--policy", dir.File("policy.toml")});
    const HttpClient http = desk.client();
    const auto user = [&](const Person& p) {
        return http.Get("/api/v1/users/" + std::to_string(p.id), desk.lead.token).json().as_object();
    };
    EXPECT_TRUE(user(desk.asha).at("on_queue").as_bool());
    auto filed = http.Post("/api/v1/requests", desk.asha.token,
                           {{"kind", "off_queue"}, {"hours", 2}, {"reason", "backlog"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    EXPECT_TRUE(user(desk.asha).at("on_queue").as_bool()) << "not before a lead approves";
    auto approved = http.Post("/api/v1/requests/" + std::to_string(Id(filed.json())) + "/approve", desk.lead.token,
                              {{"note", "Clear your backlog."}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_FALSE(user(desk.asha).at("on_queue").as_bool());
    EXPECT_FALSE(user(desk.asha).at("off_queue_until").is_null());

    // Routing never gives asha a ticket while she is off queue.
    for (int i = 0; i < 6; ++i) {
        auto t = desk.NewTicket(desk.lead, "Routed " + std::to_string(i));
        ASSERT_FALSE(t.at("owner_id").is_null()) << "round robin routes every new ticket";
        EXPECT_NE(t.at("owner_id").as_int64(), desk.asha.id);
    }
    ASSERT_EQ(http.Post("/api/v1/test/clock", "", {{"advance_seconds", 2 * 3600}}).status, 200);
    EXPECT_TRUE(user(desk.asha).at("on_queue").as_bool()) << "the window ended by itself";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'user.off_queue_ended'"), 1);
    bool asha_routed = false;
    for (int i = 0; i < 4; ++i) asha_routed |= desk.NewTicket(desk.lead).at("owner_id").as_int64() == desk.asha.id;
    EXPECT_TRUE(asha_routed) << "back on queue, back in the rotation";
}

TEST(OffQueue, OnlyALeadPutsSomeoneOffQueueOrBackOn_R6) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const std::string path = "/api/v1/users/" + std::to_string(desk.bruno.id) + "/queue";
    auto by_engineer = http.Post(path, desk.asha.token, {{"on_queue", false}});
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R6");
    auto off = http.Post(path, desk.lead.token, {{"on_queue", false}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_FALSE(off.json().at("on_queue").as_bool());
    EXPECT_TRUE(off.json().at("off_queue_until").is_null()) << "until the lead ends it";
    auto past = http.Post(path, desk.lead.token, {{"on_queue", false}, {"until", "2020-01-01T00:00:00Z"}});
    EXPECT_EQ(past.status, 422);
    EXPECT_EQ(past.field(), "until");
    EXPECT_EQ(http.Post(path, desk.lead.token, {{"on_queue", false}, {"until", "tomorrow"}}).field(), "until");
    auto back = http.Post(path, desk.lead.token, {{"on_queue", true}});
    ASSERT_EQ(back.status, 200);
    EXPECT_TRUE(back.json().at("on_queue").as_bool());
    EXPECT_EQ(http.Post("/api/v1/users/" + std::to_string(desk.success.id) + "/queue", desk.lead.token,
                        {{"on_queue", false}})
                  .status,
              409);
}

TEST(Requests, AnUndecidedRequestExpires) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    auto filed =
        http.Post("/api/v1/requests", desk.asha.token, {{"kind", "off_queue"}, {"hours", 1}, {"reason", "x"}});
    ASSERT_EQ(filed.status, 201);
    auto moved = http.Post("/api/v1/test/clock", "", {{"advance_seconds", 73 * 3600}});
    EXPECT_EQ(moved.json().at("requests_expired").as_int64(), 1);
    const std::string path = "/api/v1/requests/" + std::to_string(Id(filed.json()));
    EXPECT_EQ(http.Get(path, desk.asha.token).json().at("state").as_string(), "expired");
    auto late = http.Post(path + "/approve", desk.lead.token, {{"note", "sorry"}});
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(late.rule(), "R6");
}

TEST(Routing, SkipsEngineersAtTheirCapAndLeavesTheTicketQueuedWhenNobodyIsFree) {
    TempDir dir;
    {
        std::ofstream(dir.File("policy.toml")) << "[policy]\nrouting = \"least_loaded\"\nopen_ticket_cap = 1\n";
    }
    TestDesk desk({"--policy", dir.File("policy.toml")});
    std::set<std::int64_t> owners;
    for (int i = 0; i < 3; ++i) {
        auto t = desk.NewTicket(desk.lead, "Load " + std::to_string(i));
        ASSERT_FALSE(t.at("owner_id").is_null());
        owners.insert(t.at("owner_id").as_int64());
    }
    EXPECT_EQ(owners, (std::set<std::int64_t>{desk.asha.id, desk.bruno.id, desk.chen.id}))
        << "least loaded spreads the tickets; leads and success are not routed to";
    auto queued = desk.NewTicket(desk.lead, "Nobody free");
    EXPECT_TRUE(queued.at("owner_id").is_null()) << "everyone is at the cap of 1";
    EXPECT_EQ(queued.at("status").as_string(), "new");
    auto events = desk.client().Get(TicketPath(queued, "/events"), desk.lead.token).json().at("events").as_array();
    EXPECT_EQ(events.back().at("action").as_string(), "ticket.routed");
    EXPECT_NE(events.back().at("after").at("reason").as_string().find("cap"), std::string::npos);
}

TEST(Routing, ABadPolicyFileStopsTheServerWithAClearError) {
    TempDir dir;
    {
        std::ofstream(dir.File("bad.toml")) << "[policy]\nrouting = \"random\"\n";
        std::ofstream(dir.File("unknown.toml")) << "[policy]\nroutng = \"manual\"\n";
    }
    auto bad = RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--policy", dir.File("bad.toml")});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("policy.routing"), std::string::npos) << bad.err;
    auto unknown =
        RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--policy", dir.File("unknown.toml")});
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_NE(unknown.err.find("routng"), std::string::npos) << unknown.err;

    // The calendar and SLA sections are read as strictly (R2): days, hours and plans that do not exist.
    const std::pair<std::string, std::string> bad_calendars[] = {
        {"[calendar]\nholidays = [\"2026-02-30\"]\n", "calendar.holidays"},
        {"[calendar]\ntime_zone = \"Europe/Atlantis\"\n", "calendar.time_zone"},
        {"[calendar.hours]\nmon = \"09:00-25:00\"\n", "calendar.hours.mon"},
        {"[calendar.hours]\nmon = \"closed\"\ntue = \"closed\"\nwed = \"closed\"\nthu = \"closed\"\nfri = "
         "\"closed\"\n",
         "calendar.hours"},
        {"[sla]\ndefault_plan = \"gold\"\n", "sla.default_plan"},
        {"[sla.plans.gold]\nlow = [60, 120]\n", "sla.plans.gold"},
        {"[calls]\njoin_opens_minutes = -1\n", "calls.join_opens_minutes"},
        {"[dates]\nmax_days_ahead = 0\n", "dates.max_days_ahead"},
        {"[dates]\nmax_days_back = 5000\n", "dates.max_days_back"},
        {"[dates]\nmax_days_forward = 30\n", "dates.max_days_forward"},
    };
    for (const auto& [text, field] : bad_calendars) {
        { std::ofstream(dir.File("calendar.toml")) << text; }
        auto refused = RunCli(
            {"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--policy", dir.File("calendar.toml")});
        EXPECT_NE(refused.exit_code, 0) << text;
        EXPECT_NE(refused.err.find(field), std::string::npos) << text << " -> " << refused.err;
    }
}

TEST(OldTickets, ACustomerMessageReopensARecentTicketButNotAnOldOne_R9) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const auto close = [&](const json::object& t, const Person& owner) {
        ASSERT_EQ(http.Patch(TicketPath(t), owner.token, {{"status", "solved"}}).status, 200);
        ASSERT_EQ(http.Patch(TicketPath(t), owner.token, {{"status", "closed"}}).status, 200);
    };
    auto recent = desk.OwnedTicket(desk.asha, "Recent");
    auto old = desk.OwnedTicket(desk.bruno, "Old");
    auto orphan = desk.NewTicket(desk.asha, "Spam nobody worked");
    close(old, desk.bruno);
    ASSERT_EQ(http.Patch(TicketPath(orphan), desk.lead.token, {{"status", "closed"}}).status, 200);
    ASSERT_EQ(http.Post("/api/v1/test/clock", "", {{"advance_seconds", 31 * kDaySeconds}}).status, 200);
    close(recent, desk.asha);

    auto again = http.Post(TicketPath(recent, "/messages"), desk.asha.token, {{"body", "It broke again."}});
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.json().at("ticket").at("status").as_string(), "open") << "closed days ago: reopened";
    EXPECT_EQ(again.json().at("entry").at("kind").as_string(), "customer");

    auto followup = http.Post(TicketPath(old, "/messages"), desk.success.token, {{"body", "New question on SSO."}});
    ASSERT_EQ(followup.status, 201) << followup.body;
    EXPECT_EQ(followup.json().at("ticket").at("status").as_string(), "closed") << "closed a month ago: not reopened";
    ASSERT_FALSE(followup.json().at("followup_request_id").is_null());
    auto request = http.Get("/api/v1/requests/" + std::to_string(followup.json().at("followup_request_id").as_int64()),
                            desk.lead.token);
    EXPECT_EQ(request.json().at("kind").as_string(), "new_ticket");
    EXPECT_EQ(request.json().at("reason").as_string(), "old_ticket_followup");
    EXPECT_EQ(request.json().at("requester").at("id").as_int64(), desk.bruno.id);
    EXPECT_GE(request.json().at("parent_closed_days").as_int64(), 31);

    auto flagged = http.Post(TicketPath(orphan, "/messages"), desk.asha.token, {{"body", "Hello?"}});
    ASSERT_EQ(flagged.status, 201) << flagged.body;
    EXPECT_TRUE(flagged.json().at("followup_request_id").is_null());
    EXPECT_TRUE(flagged.json().at("ticket").at("needs_lead").as_bool()) << "no engineer involved: flagged for a lead";
    EXPECT_EQ(http.Post(TicketPath(orphan, "/messages"), desk.admin.token, {{"body", "x"}}).status, 403);
}

}  // namespace
}  // namespace shiftdesk::test

namespace shiftdesk::test {
namespace {

TEST(TeamBoard, ALeadSeesEveryonesLoadAndWhoIsAwayInOneRead) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const auto t = desk.OwnedTicket(desk.asha, "On Asha's desk");
    desk.OwnedTicket(desk.asha, "Also on Asha's desk");
    ASSERT_EQ(http.Post("/api/v1/users/" + std::to_string(desk.bruno.id) + "/queue", desk.lead.token,
                        {{"on_queue", false}})
                  .status,
              200);
    auto board = http.Get("/api/v1/team", desk.lead.token);
    ASSERT_EQ(board.status, 200) << board.body;
    const json::value body = board.json();
    bool saw_asha = false;
    bool saw_bruno = false;
    for (const auto& m : body.at("team").as_array()) {
        EXPECT_NE(m.at("role").as_string(), "success") << "only people who work tickets";
        if (m.at("id").as_int64() == desk.asha.id) {
            saw_asha = true;
            EXPECT_EQ(m.at("open_tickets").as_int64(), 2);
            EXPECT_EQ(m.at("breached").as_int64(), 0);
            EXPECT_TRUE(m.at("on_queue").as_bool());
        }
        if (m.at("id").as_int64() == desk.bruno.id) {
            saw_bruno = true;
            EXPECT_FALSE(m.at("on_queue").as_bool());
        }
    }
    EXPECT_TRUE(saw_asha && saw_bruno) << board.body;
    EXPECT_EQ(http.Get("/api/v1/team", desk.asha.token).status, 403) << "the whole team is the lead's view";

    // The requests about one ticket: what the ticket screen shows as waiting for the lead.
    const auto other = desk.OwnedTicket(desk.asha, "Another one");
    for (const auto* ticket : {&t, &other}) {
        ASSERT_EQ(http.Post("/api/v1/requests", desk.asha.token,
                            {{"kind", "assignment"}, {"ticket_id", Id(*ticket)}, {"owner_id", desk.bruno.id},
                             {"reason", "Bruno knows this customer"}})
                      .status,
                  201);
    }
    auto about = http.Get("/api/v1/requests?ticket_id=" + std::to_string(Id(t)), desk.asha.token);
    ASSERT_EQ(about.status, 200) << about.body;
    ASSERT_EQ(about.json().at("requests").as_array().size(), 1u);
    EXPECT_EQ(about.json().at("requests").as_array()[0].at("ticket").at("id").as_int64(), Id(t));
    EXPECT_EQ(http.Get("/api/v1/requests?ticket_id=x", desk.asha.token).field(), "ticket_id");
}

}  // namespace
}  // namespace shiftdesk::test
