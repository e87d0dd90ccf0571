// Tickets over HTTP, through the real server: the queue, taking, assigning, status, replies, notes, the bin, the
// audit trail — with every refusal of R1, R7, R9, R10 and R11.
#include <gtest/gtest.h>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

class TicketsApi : public ::testing::Test {
 protected:
    static void SetUpTestSuite() { desk_ = new TestDesk(); }
    static void TearDownTestSuite() {
        delete desk_;
        desk_ = nullptr;
    }
    HttpClient http() const { return desk_->client(); }
    static json::array Items(const HttpResponse& res, const char* key) { return res.json().at(key).as_array(); }
    static std::vector<std::int64_t> Ids(const json::array& items) {
        std::vector<std::int64_t> ids;
        for (const auto& i : items) ids.push_back(i.at("id").as_int64());
        return ids;
    }
    static bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }
    // The last event of a ticket's audit trail.
    json::object LastEvent(const json::object& ticket) {
        auto res = http().Get(TicketPath(ticket, "/events"), desk_->lead.token);
        EXPECT_EQ(res.status, 200) << res.body;
        return Items(res, "events").back().as_object();
    }
    // The last event of this action in a ticket's audit trail.
    json::object LastEventNamed(const json::object& ticket, const std::string& action) {
        auto res = http().Get(TicketPath(ticket, "/events"), desk_->lead.token);
        json::object found;
        for (const auto& e : Items(res, "events")) {
            if (e.at("action").as_string() == action) found = e.as_object();
        }
        EXPECT_FALSE(found.empty()) << "no " << action << " event";
        return found;
    }
    static TestDesk* desk_;
};
TestDesk* TicketsApi::desk_ = nullptr;

TEST_F(TicketsApi, ANewTicketWaitsUnownedInTheQueue) {
    auto res = http().Post(
        "/api/v1/tickets", desk_->asha.token,
        {{"subject", "Export to CSV does nothing"},
         {"description", "Clicking Export shows a spinner, then nothing."},
         {"priority", "high"},
         {"channel", "intercom"},
         {"customer",
          {{"name", "Jo Park"}, {"email", "jo@acme.example"}, {"plan", "enterprise"}, {"critical", true}}}});
    ASSERT_EQ(res.status, 201) << res.body;
    const auto t = res.json().as_object();
    EXPECT_EQ(t.at("status").as_string(), "new");
    EXPECT_TRUE(t.at("owner_id").is_null());
    EXPECT_EQ(t.at("priority").as_string(), "high");
    EXPECT_EQ(t.at("channel").as_string(), "intercom");
    EXPECT_EQ(t.at("customer").at("plan").as_string(), "enterprise");
    EXPECT_EQ(t.at("customer").at("critical").as_bool(), true);
    EXPECT_FALSE(t.at("created_at").as_string().empty());

    auto got = http().Get(TicketPath(t), desk_->bruno.token);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json().at("description").as_string(), "Clicking Export shows a spinner, then nothing.");

    auto queue = http().Get("/api/v1/tickets?queue=unassigned", desk_->bruno.token);
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_TRUE(Contains(Ids(Items(queue, "tickets")), Id(t)));
    EXPECT_EQ(Items(queue, "tickets").front().as_object().count("description"), 0u) << "lists show summaries";
}

TEST_F(TicketsApi, DefaultsApplyWhenPriorityChannelAndPlanAreLeftOut) {
    auto res =
        http().Post("/api/v1/tickets", desk_->asha.token,
                    {{"subject", "Call about invoices"}, {"customer", {{"name", "Al"}, {"email", "al@new.example"}}}});
    ASSERT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(res.json().at("priority").as_string(), "normal");
    EXPECT_EQ(res.json().at("channel").as_string(), "web");
    EXPECT_EQ(res.json().at("customer").at("plan").as_string(), "standard");
}

TEST_F(TicketsApi, TakingMakesTheTicketOpenAndMineAndItLeavesTheQueueForTheBin_R1) {
    auto t = desk_->NewTicket(desk_->asha, "Take me");
    auto taken = http().Post(TicketPath(t, "/take"), desk_->bruno.token, json::object{});
    ASSERT_EQ(taken.status, 200) << taken.body;
    EXPECT_EQ(taken.json().at("status").as_string(), "open");
    EXPECT_EQ(taken.json().at("owner_id").as_int64(), desk_->bruno.id);

    auto queue = http().Get("/api/v1/tickets?queue=unassigned&limit=200", desk_->bruno.token);
    EXPECT_FALSE(Contains(Ids(Items(queue, "tickets")), Id(t)));
    auto bin = http().Get("/api/v1/tickets?owner=me&status=open", desk_->bruno.token);
    ASSERT_EQ(bin.status, 200) << bin.body;
    EXPECT_TRUE(Contains(Ids(Items(bin, "tickets")), Id(t)));
    auto others_bin = http().Get("/api/v1/tickets?owner=me&status=open", desk_->chen.token);
    EXPECT_FALSE(Contains(Ids(Items(others_bin, "tickets")), Id(t)));

    auto again = http().Post(TicketPath(t, "/take"), desk_->bruno.token, json::object{});
    EXPECT_EQ(again.status, 200) << "taking your own ticket again changes nothing";
    auto event = LastEvent(t);
    EXPECT_EQ(event.at("action").as_string(), "ticket.taken");
    EXPECT_EQ(event.at("outcome").as_string(), "done");
    EXPECT_EQ(event.at("rule").as_string(), "R1");
    EXPECT_EQ(event.at("actor").at("login").as_string(), "bruno");
    EXPECT_TRUE(event.at("before").at("owner_id").is_null());
    EXPECT_EQ(event.at("after").at("owner_id").as_int64(), desk_->bruno.id);
}

TEST_F(TicketsApi, AnEngineerCannotTakeSomeoneElsesTicket_R11) {
    auto t = desk_->OwnedTicket(desk_->asha);
    auto res = http().Post(TicketPath(t, "/take"), desk_->bruno.token, json::object{});
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_EQ(res.rule(), "R11");
    EXPECT_EQ(res.error_code(), "forbidden");
    EXPECT_EQ(http().Get(TicketPath(t), desk_->lead.token).json().at("owner_id").as_int64(), desk_->asha.id);
    auto event = LastEvent(t);
    EXPECT_EQ(event.at("outcome").as_string(), "refused");
    EXPECT_EQ(event.at("rule").as_string(), "R11");
    EXPECT_EQ(event.at("actor").at("login").as_string(), "bruno");
}

TEST_F(TicketsApi, AnEngineerNeverAssignsATicketToSomeoneElse_R7) {
    auto t = desk_->NewTicket(desk_->asha);
    auto res = http().Post(TicketPath(t, "/assign"), desk_->asha.token, {{"owner_id", desk_->bruno.id}});
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_EQ(res.rule(), "R7");
    EXPECT_TRUE(http().Get(TicketPath(t), desk_->lead.token).json().at("owner_id").is_null());

    auto ghost = http().Post(TicketPath(t, "/assign"), desk_->asha.token, {{"owner_id", 987654}});
    EXPECT_EQ(ghost.status, 403) << "the rule speaks before the missing user: " << ghost.body;
    EXPECT_EQ(ghost.rule(), "R7");

    auto self = http().Post(TicketPath(t, "/assign"), desk_->asha.token, {{"owner_id", desk_->asha.id}});
    EXPECT_EQ(self.status, 200) << "assigning an unowned ticket to yourself is taking it";
    EXPECT_EQ(self.json().at("owner_id").as_int64(), desk_->asha.id);
}

TEST_F(TicketsApi, OnlyAShiftLeadReassigns_R11) {
    auto t = desk_->OwnedTicket(desk_->asha);
    for (const Person* who : {&desk_->asha, &desk_->bruno, &desk_->success, &desk_->admin}) {
        auto res = http().Post(TicketPath(t, "/assign"), who->token, {{"owner_id", desk_->bruno.id}});
        EXPECT_EQ(res.status, 403) << who->login << ": " << res.body;
        EXPECT_EQ(res.rule(), "R11");
    }
    auto unowned = desk_->NewTicket(desk_->asha);
    for (const Person* who : {&desk_->success, &desk_->admin}) {
        auto res = http().Post(TicketPath(unowned, "/assign"), who->token, {{"owner_id", desk_->bruno.id}});
        EXPECT_EQ(res.status, 403) << who->login;
        EXPECT_EQ(res.rule(), "R7");
    }
    auto moved = http().Post(TicketPath(t, "/assign"), desk_->lead.token,
                             {{"owner_id", desk_->bruno.id}, {"note", "Bruno knows exports; Asha is on SSO."}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json().at("owner_id").as_int64(), desk_->bruno.id);
    auto event = LastEventNamed(t, "ticket.assigned");
    EXPECT_EQ(event.at("rule").as_string(), "R11");
    EXPECT_EQ(event.at("before").at("owner_id").as_int64(), desk_->asha.id);

    // The lead's reason is on the ticket as a private note (R10).
    auto thread = http().Get(TicketPath(t, "/thread"), desk_->bruno.token);
    const auto last = Items(thread, "entries").back().as_object();
    EXPECT_EQ(last.at("kind").as_string(), "note");
    EXPECT_EQ(last.at("visibility").as_string(), "private");
    EXPECT_EQ(last.at("author").at("id").as_int64(), desk_->lead.id);
}

TEST_F(TicketsApi, ALeadAssignsOnlyToAnActiveEngineerOrLead_R1) {
    auto t = desk_->NewTicket(desk_->asha);
    auto to_success = http().Post(TicketPath(t, "/assign"), desk_->lead.token, {{"owner_id", desk_->success.id}});
    EXPECT_EQ(to_success.status, 409) << to_success.body;
    EXPECT_EQ(to_success.rule(), "R1");
    auto to_nobody = http().Post(TicketPath(t, "/assign"), desk_->lead.token, {{"owner_id", 987654}});
    EXPECT_EQ(to_nobody.status, 422);
    EXPECT_EQ(to_nobody.field(), "owner_id");
    auto to_lead = http().Post(TicketPath(t, "/assign"), desk_->lead.token, {{"owner_id", desk_->lead2.id}});
    EXPECT_EQ(to_lead.status, 200) << to_lead.body;
    EXPECT_EQ(to_lead.json().at("status").as_string(), "open");

    // Confirming the current owner changes nothing, but the lead's note still lands on the ticket (R10).
    auto confirm = http().Post(TicketPath(t, "/assign"), desk_->lead.token,
                               {{"owner_id", desk_->lead2.id}, {"note", "Lena keeps it."}});
    EXPECT_EQ(confirm.status, 200);
    auto thread = http().Get(TicketPath(t, "/thread?kind=note"), desk_->lead.token);
    EXPECT_EQ(Items(thread, "entries").back().at("body").as_string(), "Lena keeps it.");
    auto noted = LastEvent(t);
    EXPECT_EQ(noted.at("action").as_string(), "ticket.noted") << "the lead's note is in the audit trail too";
    EXPECT_EQ(noted.at("rule").as_string(), "R10");
}

TEST_F(TicketsApi, StatusAndPriorityBelongToTheOwnerAndTheLead_R1) {
    auto t = desk_->OwnedTicket(desk_->asha);
    auto other = http().Patch(TicketPath(t), desk_->bruno.token, {{"status", "solved"}});
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(other.rule(), "R1");
    auto success = http().Patch(TicketPath(t), desk_->success.token, {{"priority", "urgent"}});
    EXPECT_EQ(success.status, 403);

    auto pending = http().Patch(TicketPath(t), desk_->asha.token, {{"status", "pending"}, {"priority", "urgent"}});
    ASSERT_EQ(pending.status, 200) << pending.body;
    EXPECT_EQ(pending.json().at("status").as_string(), "pending");
    EXPECT_EQ(pending.json().at("priority").as_string(), "urgent");
    auto by_lead = http().Patch(TicketPath(t), desk_->lead.token, {{"status", "on_hold"}});
    EXPECT_EQ(by_lead.status, 200);
    EXPECT_EQ(by_lead.json().at("status").as_string(), "on_hold");
}

TEST_F(TicketsApi, AnUnownedTicketIsTakenBeforeItIsWorked_R1) {
    auto t = desk_->NewTicket(desk_->asha);
    auto status = http().Patch(TicketPath(t), desk_->asha.token, {{"status", "pending"}});
    EXPECT_EQ(status.status, 409);
    EXPECT_EQ(status.rule(), "R1");
    auto reply = http().Post(TicketPath(t, "/replies"), desk_->lead.token, {{"body", "On it"}});
    EXPECT_EQ(reply.status, 409);
    EXPECT_EQ(reply.rule(), "R1");
    auto triage = http().Patch(TicketPath(t), desk_->lead.token, {{"priority", "urgent"}});
    EXPECT_EQ(triage.status, 200) << "a lead triages the queue";
    auto spam = http().Patch(TicketPath(t), desk_->lead.token, {{"status", "closed"}});
    EXPECT_EQ(spam.status, 200) << "a lead closes an unowned ticket without working it";
    EXPECT_TRUE(spam.json().at("owner_id").is_null());
}

TEST_F(TicketsApi, AClosedTicketIsFinal_R9) {
    auto t = desk_->OwnedTicket(desk_->asha);
    auto too_early = http().Patch(TicketPath(t), desk_->asha.token, {{"status", "closed"}});
    EXPECT_EQ(too_early.status, 409) << "solve before closing";
    ASSERT_EQ(http().Patch(TicketPath(t), desk_->asha.token, {{"status", "solved"}}).status, 200);
    ASSERT_EQ(http().Patch(TicketPath(t), desk_->asha.token, {{"status", "closed"}}).status, 200);

    auto reopen = http().Patch(TicketPath(t), desk_->asha.token, {{"status", "open"}});
    EXPECT_EQ(reopen.status, 409);
    EXPECT_EQ(reopen.rule(), "R9");
    auto reply = http().Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "One more thing"}});
    EXPECT_EQ(reply.status, 409);
    EXPECT_EQ(reply.rule(), "R9");
    auto assign = http().Post(TicketPath(t, "/assign"), desk_->lead.token, {{"owner_id", desk_->bruno.id}});
    EXPECT_EQ(assign.status, 409);
    EXPECT_EQ(assign.rule(), "R9");
    auto note = http().Post(TicketPath(t, "/notes"), desk_->bruno.token, {{"body", "Customer called again."}});
    EXPECT_EQ(note.status, 201) << "notes are always welcome";
}

TEST_F(TicketsApi, ATicketTiedToAnotherNeedsAnApprovedRequest_R9) {
    auto parent = desk_->OwnedTicket(desk_->asha);
    auto res = http().Post("/api/v1/tickets", desk_->asha.token,
                           {{"subject", "Second issue"},
                            {"parent_id", Id(parent)},
                            {"customer", {{"name", "Jo"}, {"email", "jo@acme.example"}}}});
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_EQ(res.rule(), "R9");
}

TEST_F(TicketsApi, RepliesAreForTheOwnerAndNotesForAllStaff_R10) {
    auto t = desk_->OwnedTicket(desk_->asha);
    auto reply = http().Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "We found the cause."}});
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.json().at("kind").as_string(), "reply");
    EXPECT_EQ(reply.json().at("visibility").as_string(), "public");
    auto lead_reply = http().Post(TicketPath(t, "/replies"), desk_->lead.token, {{"body", "Lead here."}});
    EXPECT_EQ(lead_reply.status, 201);

    auto other = http().Post(TicketPath(t, "/replies"), desk_->bruno.token, {{"body", "Hi from Bruno"}});
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(other.rule(), "R1");
    auto success_reply = http().Post(TicketPath(t, "/replies"), desk_->success.token, {{"body", "Hi"}});
    EXPECT_EQ(success_reply.status, 403);

    for (const Person* who : {&desk_->asha, &desk_->bruno, &desk_->success, &desk_->lead}) {
        auto note = http().Post(TicketPath(t, "/notes"), who->token, {{"body", "Internal: " + who->login}});
        EXPECT_EQ(note.status, 201) << who->login << ": " << note.body;
        EXPECT_EQ(note.json().at("visibility").as_string(), "private");
    }
    auto admin_note = http().Post(TicketPath(t, "/notes"), desk_->admin.token, {{"body", "x"}});
    EXPECT_EQ(admin_note.status, 403);

    auto thread = http().Get(TicketPath(t, "/thread"), desk_->asha.token);
    ASSERT_EQ(thread.status, 200);
    std::vector<std::string> kinds;
    for (const auto& e : Items(thread, "entries")) kinds.push_back(std::string(e.at("kind").as_string()));
    EXPECT_EQ(kinds, (std::vector<std::string>{"customer", "reply", "reply", "note", "note", "note", "note"}));
    auto notes_only = http().Get(TicketPath(t, "/thread?kind=note"), desk_->asha.token);
    EXPECT_EQ(Items(notes_only, "entries").size(), 4u);
    auto replies_only = http().Get(TicketPath(t, "/thread?kind=reply"), desk_->asha.token);
    for (const auto& e : Items(replies_only, "entries")) EXPECT_EQ(e.at("visibility").as_string(), "public");
}

TEST_F(TicketsApi, SuccessCanReadAndNoteButNotOpenTickets) {
    auto t = desk_->NewTicket(desk_->asha);
    EXPECT_EQ(http().Get(TicketPath(t), desk_->success.token).status, 200);
    auto create = http().Post("/api/v1/tickets", desk_->success.token,
                              {{"subject", "x"}, {"customer", {{"name", "A"}, {"email", "a@b.example"}}}});
    EXPECT_EQ(create.status, 403);
}

TEST_F(TicketsApi, AnAdminHasNoTicketPowersAndTheRefusalIsAudited) {
    auto t = desk_->NewTicket(desk_->asha);
    auto res = http().Get(TicketPath(t), desk_->admin.token);
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(http().Get("/api/v1/tickets?queue=unassigned", desk_->admin.token).status, 403);
    auto event = LastEvent(t);
    EXPECT_EQ(event.at("action").as_string(), "ticket.viewed");
    EXPECT_EQ(event.at("outcome").as_string(), "refused");
    EXPECT_EQ(event.at("actor").at("login").as_string(), "root");
}

TEST_F(TicketsApi, TheBinPagesWithACursorAndFiltersByStatus) {
    const Person& chen = desk_->chen;
    std::vector<std::int64_t> mine;
    for (int i = 0; i < 5; ++i) mine.push_back(Id(desk_->OwnedTicket(chen, "Bin " + std::to_string(i))));
    auto pending = desk_->OwnedTicket(chen, "Waiting on customer");
    ASSERT_EQ(http().Patch(TicketPath(pending), chen.token, {{"status", "pending"}}).status, 200);

    std::vector<std::int64_t> seen;
    std::string target = "/api/v1/tickets?owner=me&status=open&limit=2";
    for (int page = 0; page < 10; ++page) {
        auto res = http().Get(target, chen.token);
        ASSERT_EQ(res.status, 200) << res.body;
        for (auto id : Ids(Items(res, "tickets"))) seen.push_back(id);
        const auto body = res.json();
        const auto& next = body.at("next_cursor");
        if (next.is_null()) break;
        target = "/api/v1/tickets?owner=me&status=open&limit=2&cursor=" + std::string(next.as_string());
    }
    EXPECT_EQ(seen, mine) << "without due times the bin keeps the order the tickets came in";

    auto both =
        http().Get("/api/v1/tickets?owner=" + std::to_string(chen.id) + "&status=open,pending", desk_->lead.token);
    EXPECT_EQ(Items(both, "tickets").size(), 6u);
    auto waiting = http().Get("/api/v1/tickets?owner=me&status=pending", chen.token);
    EXPECT_EQ(Ids(Items(waiting, "tickets")), std::vector<std::int64_t>{Id(pending)});

    auto exact = http().Get("/api/v1/tickets?owner=me&status=open&limit=5", chen.token);
    EXPECT_EQ(Items(exact, "tickets").size(), 5u);
    EXPECT_TRUE(exact.json().at("next_cursor").is_null()) << "a full last page says there is no more";
}

TEST_F(TicketsApi, OwnerNoneListsTicketsNobodyOwnsInAnyStatus) {
    auto spam = desk_->NewTicket(desk_->asha, "Spam");
    ASSERT_EQ(http().Patch(TicketPath(spam), desk_->lead.token, {{"status", "closed"}}).status, 200);
    auto res = http().Get("/api/v1/tickets?owner=none&status=closed&limit=200", desk_->lead.token);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_TRUE(Contains(Ids(Items(res, "tickets")), Id(spam)));
    for (const auto& t : Items(res, "tickets")) EXPECT_TRUE(t.at("owner_id").is_null());
}

TEST_F(TicketsApi, RepeatedListsAreServedFreshAfterEveryChangeAndRevalidateWithETags) {
    const Person& asha = desk_->asha;
    const std::string bin = "/api/v1/tickets?owner=me&status=open&limit=200";
    auto first = http().Get(bin, asha.token);
    ASSERT_EQ(first.status, 200);
    const std::string etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    const Headers auth{{"Authorization", "Bearer " + asha.token}, {"If-None-Match", etag}};
    auto unchanged = http().Send("GET", bin, "", auth);
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());

    // A change through the API shows at once, and the old ETag no longer matches.
    auto t = desk_->OwnedTicket(asha, "Fresh in the bin");
    auto after_take = http().Get(bin, asha.token);
    EXPECT_TRUE(Contains(Ids(Items(after_take, "tickets")), Id(t)));
    EXPECT_EQ(http().Send("GET", bin, "", auth).status, 200);

    // So does a change committed by another process on the same database file.
    DbExec(desk_->db_path(), "UPDATE tickets SET subject = 'Renamed elsewhere' WHERE id = " + std::to_string(Id(t)));
    auto after_outside = http().Get(bin, asha.token);
    bool renamed = false;
    for (const auto& row : Items(after_outside, "tickets")) {
        if (row.at("id").as_int64() == Id(t)) renamed = row.at("subject").as_string() == "Renamed elsewhere";
    }
    EXPECT_TRUE(renamed) << after_outside.body;

    // Pages are per user: someone else's bin is never served from asha's.
    auto others = http().Get(bin, desk_->bruno.token);
    EXPECT_FALSE(Contains(Ids(Items(others, "tickets")), Id(t)));

    // A tag names one page: it never answers 304 for another page or another user.
    const std::string tag = after_outside.header("etag");
    EXPECT_EQ(http().Send("GET", bin, "", {{"Authorization", "Bearer " + asha.token}, {"If-None-Match", tag}}).status,
              304);
    EXPECT_EQ(http().Send("GET", "/api/v1/tickets?queue=unassigned", "",
                          {{"Authorization", "Bearer " + asha.token}, {"If-None-Match", tag}})
                  .status,
              200);
    EXPECT_EQ(http().Send("GET", bin, "", {{"Authorization", "Bearer " + desk_->bruno.token}, {"If-None-Match", tag}})
                  .status,
              200);
    // Lists of tags and "*" are understood.
    EXPECT_EQ(http().Send("GET", bin, "",
                          {{"Authorization", "Bearer " + asha.token}, {"If-None-Match", "W/\"other\", " + tag}})
                  .status,
              304);
    EXPECT_EQ(http().Send("GET", bin, "", {{"Authorization", "Bearer " + asha.token}, {"If-None-Match", "*"}}).status,
              304);
}

TEST_F(TicketsApi, TheQueueListsOldestFirst) {
    auto a = desk_->NewTicket(desk_->asha, "Queue first");
    auto b = desk_->NewTicket(desk_->asha, "Queue second");
    auto res = http().Get("/api/v1/tickets?queue=unassigned&limit=200", desk_->asha.token);
    const auto ids = Ids(Items(res, "tickets"));
    const auto pa = std::find(ids.begin(), ids.end(), Id(a));
    const auto pb = std::find(ids.begin(), ids.end(), Id(b));
    ASSERT_NE(pa, ids.end());
    ASSERT_NE(pb, ids.end());
    EXPECT_LT(pa, pb);
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST_F(TicketsApi, AnIdempotencyKeyMakesARetrySafe) {
    const std::string body = R"({"subject":"Retried","customer":{"name":"Kim","email":"kim@retry.example"}})";
    const Headers h{{"Authorization", "Bearer " + desk_->asha.token}, {"Idempotency-Key", "create-42"}};
    auto first = http().Send("POST", "/api/v1/tickets", body, h);
    auto second = http().Send("POST", "/api/v1/tickets", body, h);
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(Id(first.json()), Id(second.json()));
    auto different = http().Send("POST", "/api/v1/tickets",
                                 R"({"subject":"Other","customer":{"name":"Kim","email":"kim@retry.example"}})", h);
    EXPECT_EQ(different.status, 409);
    EXPECT_EQ(different.field(), "Idempotency-Key");
    const Headers other_user{{"Authorization", "Bearer " + desk_->bruno.token}, {"Idempotency-Key", "create-42"}};
    EXPECT_EQ(http().Send("POST", "/api/v1/tickets", body, other_user).status, 201) << "keys are per user";
}

TEST_F(TicketsApi, TheAuditTrailRecordsEveryChangeAndRefusalAndPages) {
    auto t = desk_->NewTicket(desk_->asha, "Audited");
    http().Post(TicketPath(t, "/take"), desk_->asha.token, json::object{});
    http().Post(TicketPath(t, "/assign"), desk_->bruno.token, {{"owner_id", desk_->bruno.id}});
    http().Patch(TicketPath(t), desk_->asha.token, {{"priority", "high"}});
    http().Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "Update"}});
    http().Post(TicketPath(t, "/notes"), desk_->asha.token, {{"body", "Note"}});
    auto res = http().Get(TicketPath(t, "/events"), desk_->asha.token);
    ASSERT_EQ(res.status, 200);
    std::vector<std::string> lines;
    for (const auto& e : Items(res, "events")) {
        lines.push_back(std::string(e.at("action").as_string()) + ":" + std::string(e.at("outcome").as_string()));
    }
    EXPECT_EQ(lines,
              (std::vector<std::string>{"ticket.created:done", "ticket.taken:done", "ticket.assigned:refused",
                                        "ticket.priority_changed:done", "ticket.replied:done", "ticket.noted:done"}));
    auto page = http().Get(TicketPath(t, "/events?limit=2"), desk_->asha.token);
    ASSERT_EQ(Items(page, "events").size(), 2u);
    const auto after = page.json().at("next_after").as_int64();
    auto rest = http().Get(TicketPath(t, "/events?after=" + std::to_string(after)), desk_->asha.token);
    EXPECT_EQ(Items(rest, "events").size(), 4u);
}

TEST_F(TicketsApi, TheTeamIsListedWithoutSecrets) {
    auto res = http().Get("/api/v1/users", desk_->success.token);
    ASSERT_EQ(res.status, 200);
    const auto users = Items(res, "users");
    EXPECT_EQ(users.size(), 7u);
    for (const auto& u : users) {
        EXPECT_EQ(u.as_object().count("password_hash"), 0u);
        EXPECT_TRUE(u.as_object().contains("role"));
    }
    EXPECT_EQ(res.body.find("argon2"), std::string::npos);
    auto one = http().Get("/api/v1/users/" + std::to_string(desk_->lead.id), desk_->asha.token);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json().at("role").as_string(), "shift_lead");
    EXPECT_EQ(http().Get("/api/v1/users/424242", desk_->asha.token).status, 404);
}

}  // namespace
}  // namespace shiftdesk::test
