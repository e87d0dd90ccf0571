// Leave over HTTP (R4): planning and cancelling, overlaps and bad days refused, and while a leave lasts its
// engineer is off every queue and cannot be given a ticket — directly, through a request, or by routing.
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDaySeconds = 24 * 3600;

// The desk's clock and calendar in UTC (the default team time zone): today's date, and n days on.
struct Calendar {
    std::int64_t now_unix = 0;
    std::string Day(int n) const { return UtcDay(now_unix, n); }
};

Calendar Advance(const HttpClient& http, std::int64_t seconds) { return {AdvanceClock(http, seconds)}; }

json::object Leave(const std::string& first, const std::string& last, const std::string& kind = "vacation") {
    return {{"first_day", first}, {"last_day", last}, {"kind", kind}, {"note", "back on Monday"}};
}

std::string UserPath(const Person& p) { return "/api/v1/users/" + std::to_string(p.id); }
std::string LeavePath(const HttpResponse& planned, const std::string& suffix = "") {
    return "/api/v1/leaves/" + std::to_string(Id(planned.json())) + suffix;
}

TEST(Leave, AnEngineerPlansTheirOwnLeaveAndALeadPlansAnyones_R4) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);

    auto own = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(7), cal.Day(9)));
    ASSERT_EQ(own.status, 201) << own.body;
    EXPECT_EQ(own.json().at("user_id").as_int64(), desk.asha.id);
    EXPECT_EQ(own.json().at("first_day").as_string(), cal.Day(7));
    EXPECT_EQ(own.json().at("last_day").as_string(), cal.Day(9));
    EXPECT_EQ(own.json().at("starts_at").as_string(), cal.Day(7) + "T00:00:00Z");
    EXPECT_EQ(own.json().at("ends_at").as_string(), cal.Day(10) + "T00:00:00Z") << "the last day is inclusive";
    EXPECT_EQ(own.json().at("state").as_string(), "planned");
    EXPECT_FALSE(own.json().at("active").as_bool());
    EXPECT_EQ(http.Get(LeavePath(own), desk.chen.token).json().at("note").as_string(), "back on Monday");

    auto for_other = json::object(Leave(cal.Day(3), cal.Day(3)));
    for_other["user_id"] = desk.bruno.id;
    auto by_engineer = http.Post("/api/v1/leaves", desk.asha.token, for_other);
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R4");
    auto by_lead = http.Post("/api/v1/leaves", desk.lead.token, for_other);
    ASSERT_EQ(by_lead.status, 201) << by_lead.body;
    EXPECT_EQ(by_lead.json().at("user_id").as_int64(), desk.bruno.id);
    EXPECT_EQ(by_lead.json().at("created_by").as_int64(), desk.lead.id);
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.success.token, Leave(cal.Day(3), cal.Day(3))).status, 403);
    auto for_success = json::object(Leave(cal.Day(3), cal.Day(3)));
    for_success["user_id"] = desk.success.id;
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.lead.token, for_success).rule(), "R4") << "success is on no queue";

    auto team = http.Get("/api/v1/leaves?from=" + cal.Day(0) + "&to=" + cal.Day(30), desk.chen.token);
    ASSERT_EQ(team.status, 200) << team.body;
    const auto listed = team.json().at("leaves").as_array();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].at("user_id").as_int64(), desk.bruno.id) << "in order of start";
    EXPECT_EQ(http.Get("/api/v1/leaves?from=" + cal.Day(4) + "&to=" + cal.Day(6), desk.chen.token)
                  .json()
                  .at("leaves")
                  .as_array()
                  .size(),
              0u);
    EXPECT_EQ(http.Get("/api/v1/leaves?user_id=" + std::to_string(desk.asha.id), desk.lead.token)
                  .json()
                  .at("leaves")
                  .as_array()
                  .size(),
              1u);
    EXPECT_EQ(http.Get("/api/v1/leaves", desk.admin.token).status, 403);
}

TEST(Leave, OverlapsAndBadDaysAreRefusedAndChangeNothing_R4) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    ASSERT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(10), cal.Day(14))).status, 201);
    const auto leaves = [&] { return DbNumber(desk.db_path(), "SELECT COUNT(*) FROM leaves"); };
    const auto timers = [&] { return DbNumber(desk.db_path(), "SELECT COUNT(*) FROM timers"); };
    const auto before_leaves = leaves();
    const auto before_timers = timers();

    auto overlap = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(14), cal.Day(16)));
    EXPECT_EQ(overlap.status, 409);
    EXPECT_EQ(overlap.rule(), "R4");
    EXPECT_NE(overlap.body.find(cal.Day(10)), std::string::npos) << "names the leave it overlaps: " << overlap.body;
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(8), cal.Day(20))).status, 409)
        << "around it overlaps too";
    auto backwards = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(5), cal.Day(4)));
    EXPECT_EQ(backwards.status, 422);
    EXPECT_EQ(backwards.field(), "last_day");
    auto past = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(-5), cal.Day(-2)));
    EXPECT_EQ(past.status, 409);
    EXPECT_EQ(past.rule(), "R4");
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave("2026-02-30", "2026-03-02")).field(), "first_day");
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(1), "next week")).field(), "last_day");
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(1), cal.Day(1), "holiday")).field(), "kind");
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(1), cal.Day(200))).rule(), "R4")
        << "longer than the policy's 90 days";
    auto stray = json::object(Leave(cal.Day(1), cal.Day(1)));
    stray["reason"] = "x";
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, stray).field(), "reason");
    EXPECT_EQ(leaves(), before_leaves);
    EXPECT_EQ(timers(), before_timers);
    EXPECT_GE(
        DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'leave.planned' AND outcome = 'refused'"),
        3)
        << "refusals are audited";
    // Another person's leave on the same days is no overlap.
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.bruno.token, Leave(cal.Day(10), cal.Day(14))).status, 201);
}

TEST(Leave, WhileOnLeaveNobodyIsGivenATicketAndRoutingPassesThemBy_R4) {
    TempDir dir;
    { std::ofstream(dir.File("policy.toml")) << "[policy]\nrouting = \"round_robin\"\n"; }
    TestDesk desk({"--test-clock", "--policy", dir.File("policy.toml")});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    const auto user = [&](const Person& p) { return http.Get(UserPath(p), desk.lead.token).json().as_object(); };
    auto ticket = desk.NewTicket(desk.lead, "Needs someone");  // routed: then the lead gives it to bruno
    ASSERT_EQ(http.Post(TicketPath(ticket, "/assign"), desk.lead.token, {{"owner_id", desk.bruno.id}}).status, 200);

    auto planned = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(1), cal.Day(2), "sick"));
    ASSERT_EQ(planned.status, 201) << planned.body;
    EXPECT_FALSE(user(desk.asha).at("on_leave").as_bool()) << "not yet";
    Advance(http, kDaySeconds);
    ASSERT_TRUE(user(desk.asha).at("on_leave").as_bool());
    EXPECT_FALSE(user(desk.asha).at("on_queue").as_bool()) << "off every queue while on leave";
    EXPECT_EQ(user(desk.asha).at("leave").at("id").as_int64(), Id(planned.json()));
    EXPECT_TRUE(user(desk.success).at("on_leave").is_null());
    EXPECT_TRUE(http.Get(LeavePath(planned), desk.asha.token).json().at("active").as_bool());
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'leave.started'"), 1);

    // A lead's direct assignment is refused, and the ticket stays where it was.
    auto assign = http.Post(TicketPath(ticket, "/assign"), desk.lead.token, {{"owner_id", desk.asha.id}});
    EXPECT_EQ(assign.status, 409);
    EXPECT_EQ(assign.rule(), "R4");
    EXPECT_NE(assign.body.find(cal.Day(1)), std::string::npos) << assign.body;
    EXPECT_EQ(http.Get(TicketPath(ticket), desk.lead.token).json().at("owner_id").as_int64(), desk.bruno.id);

    // So is a request naming her, when filed and when a lead approves it.
    auto named = http.Post(
        "/api/v1/requests", desk.bruno.token,
        {{"kind", "assignment"}, {"ticket_id", Id(ticket)}, {"owner_id", desk.asha.id}, {"reason", "she knows it"}});
    EXPECT_EQ(named.status, 409);
    EXPECT_EQ(named.rule(), "R4");
    auto open_choice = http.Post("/api/v1/requests", desk.bruno.token,
                                 {{"kind", "assignment"}, {"ticket_id", Id(ticket)}, {"reason", "too much on"}});
    ASSERT_EQ(open_choice.status, 201) << open_choice.body;
    auto approve = http.Post("/api/v1/requests/" + std::to_string(Id(open_choice.json())) + "/approve", desk.lead.token,
                             {{"note", "Asha takes it."}, {"owner_id", desk.asha.id}});
    EXPECT_EQ(approve.status, 409);
    EXPECT_EQ(approve.rule(), "R4");
    EXPECT_EQ(http.Get("/api/v1/requests/" + std::to_string(Id(open_choice.json())), desk.lead.token)
                  .json()
                  .at("state")
                  .as_string(),
              "pending")
        << "nothing half-done";
    EXPECT_EQ(http.Get(TicketPath(ticket), desk.lead.token).json().at("owner_id").as_int64(), desk.bruno.id);

    // Routing passes her by.
    for (int i = 0; i < 6; ++i) {
        auto t = desk.NewTicket(desk.lead, "Routed " + std::to_string(i));
        ASSERT_FALSE(t.at("owner_id").is_null());
        EXPECT_NE(t.at("owner_id").as_int64(), desk.asha.id);
    }

    // The leave ends by itself after its last day; she is back on queue and in the rotation.
    Advance(http, 2 * kDaySeconds);
    EXPECT_FALSE(user(desk.asha).at("on_leave").as_bool());
    EXPECT_TRUE(user(desk.asha).at("on_queue").as_bool());
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'leave.ended'"), 1);
    Advance(http, 5 * kDaySeconds);
    EXPECT_EQ(DbNumber(desk.db_path(),
                       "SELECT COUNT(*) FROM events WHERE action LIKE 'leave.%ed' AND "
                       "action IN ('leave.started', 'leave.ended')"),
              2)
        << "each timer fires once";
    bool routed_to_asha = false;
    for (int i = 0; i < 4; ++i) routed_to_asha |= desk.NewTicket(desk.lead).at("owner_id").as_int64() == desk.asha.id;
    EXPECT_TRUE(routed_to_asha);
    EXPECT_EQ(http.Post(TicketPath(ticket, "/assign"), desk.lead.token, {{"owner_id", desk.asha.id}}).status, 200);
}

// R4 says both halves: while on leave nobody gives them a ticket, and they take none. Every way a ticket or a
// session could reach someone on leave is refused with 409 R4 and changes nothing but the audit trail.
TEST(Leave, WhileOnLeaveTheyTakeNoTicketAndNothingReachesThem_R4) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    const auto queued = desk.NewTicket(desk.lead, "Waiting in the queue");
    const auto brunos = desk.OwnedTicket(desk.bruno, "Bruno's");
    ASSERT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(0), cal.Day(1), "sick")).status, 201);
    ASSERT_EQ(http.Post("/api/v1/leaves", desk.lead2.token, Leave(cal.Day(0), cal.Day(0))).status, 201);
    Advance(http, 0);
    const auto owner_of = [&](const json::object& t) {
        return http.Get(TicketPath(t), desk.lead.token).json().at("owner_id");
    };
    const auto refused_takes = [&] {
        return DbNumber(desk.db_path(),
                        "SELECT COUNT(*) FROM events WHERE action = 'ticket.taken' AND outcome = "
                        "'refused' AND rule = 'R4'");
    };

    // Taking from the queue: an engineer on leave, and a lead on leave.
    auto take = http.Post(TicketPath(queued, "/take"), desk.asha.token, json::object{});
    EXPECT_EQ(take.status, 409) << take.body;
    EXPECT_EQ(take.rule(), "R4");
    EXPECT_TRUE(owner_of(queued).is_null()) << "the ticket stays in the queue";
    EXPECT_EQ(refused_takes(), 1) << "audited like every refusal";
    auto self_assign = http.Post(TicketPath(queued, "/assign"), desk.asha.token, {{"owner_id", desk.asha.id}});
    EXPECT_EQ(self_assign.status, 409);
    EXPECT_EQ(self_assign.rule(), "R4");
    auto lead_take = http.Post(TicketPath(queued, "/take"), desk.lead2.token, json::object{});
    EXPECT_EQ(lead_take.status, 409);
    EXPECT_EQ(lead_take.rule(), "R4");
    auto lead_takes_over = http.Post(TicketPath(brunos, "/take"), desk.lead2.token, json::object{});
    EXPECT_EQ(lead_takes_over.status, 409);
    EXPECT_EQ(lead_takes_over.rule(), "R4");
    EXPECT_EQ(owner_of(brunos).as_int64(), desk.bruno.id);
    EXPECT_EQ(refused_takes(), 3);

    // The hand-off sheet: a lead's pick-up for her, and her own pick-up (a request naming her).
    auto placed = http.Post("/api/v1/handoff-sheet", desk.bruno.token,
                            {{"ticket_id", Id(brunos)},
                             {"reason", "needs_attention"},
                             {"validation", "Reproduced."},
                             {"next_step", "Call the customer"}});
    ASSERT_EQ(placed.status, 201) << placed.body;
    const std::string entry = "/api/v1/handoff-sheet/" + std::to_string(Id(placed.json()));
    auto for_her = http.Patch(entry, desk.lead.token, {{"picked_up_by", desk.asha.id}});
    EXPECT_EQ(for_her.status, 409) << for_her.body;
    EXPECT_EQ(for_her.rule(), "R4");
    auto by_her = http.Patch(entry, desk.asha.token, {{"picked_up_by", desk.asha.id}});
    EXPECT_EQ(by_her.status, 409) << by_her.body;
    EXPECT_EQ(by_her.rule(), "R4");
    EXPECT_EQ(http.Get(entry, desk.lead.token).json().at("state").as_string(), "open");
    EXPECT_EQ(owner_of(brunos).as_int64(), desk.bruno.id);

    // A training session: not given to her while she is away, even for a time after her leave.
    const auto file = [&](const char* kind, int minutes) {
        auto filed = http.Post("/api/v1/training-requests", desk.success.token,
                               {{"customer", {{"name", "Acme"}}},
                                {"kind", kind},
                                {"minutes", minutes},
                                {"topic", "Webhooks"},
                                {"requested_by", "Jo"}});
        EXPECT_EQ(filed.status, 201) << filed.body;
        return "/api/v1/training-requests/" + std::to_string(Id(filed.json())) + "/accept";
    };
    const std::string after_leave = Rfc3339(cal.now_unix + 3 * kDaySeconds);
    auto given =
        http.Post(file("training", 60), desk.lead.token, {{"starts_at", after_leave}, {"owner_id", desk.asha.id}});
    EXPECT_EQ(given.status, 409) << given.body;
    EXPECT_EQ(given.rule(), "R4");
    const std::string open_session = file("technical_session", 30);
    auto taken = http.Post(open_session, desk.asha.token, {{"starts_at", after_leave}});
    EXPECT_EQ(taken.status, 409) << taken.body;
    EXPECT_EQ(taken.rule(), "R4") << "her leave, not a queue, is what stands in the way";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM calls"), 0);

    // Back from leave, she takes tickets and sessions again.
    Advance(http, 2 * kDaySeconds);
    EXPECT_EQ(http.Post(TicketPath(queued, "/take"), desk.asha.token, json::object{}).status, 200);
    EXPECT_EQ(http.Post(open_session, desk.asha.token, {{"starts_at", after_leave}}).status, 200);
}

TEST(Leave, TheirOwnOrALeadCancelsALeaveThatHasNotEnded_R4) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(3), cal.Day(4)));
    ASSERT_EQ(planned.status, 201);
    auto by_other = http.Post(LeavePath(planned, "/cancel"), desk.bruno.token, json::object{});
    EXPECT_EQ(by_other.status, 403);
    EXPECT_EQ(by_other.rule(), "R4");
    auto cancelled = http.Post(LeavePath(planned, "/cancel"), desk.asha.token, json::object{});
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json().at("state").as_string(), "cancelled");
    EXPECT_EQ(http.Post(LeavePath(planned, "/cancel"), desk.asha.token, json::object{}).status, 200) << "idempotent";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM timers"), 0)
        << "a cancelled leave has nothing left to fire";
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(3), cal.Day(4))).status, 201)
        << "the days are free again";
    EXPECT_EQ(http.Get("/api/v1/leaves?state=all", desk.lead.token).json().at("leaves").as_array().size(), 2u);

    auto short_leave = http.Post("/api/v1/leaves", desk.lead.token, Leave(cal.Day(0), cal.Day(0)));
    ASSERT_EQ(short_leave.status, 201) << short_leave.body;
    Advance(http, 2 * kDaySeconds);
    auto over = http.Post(LeavePath(short_leave, "/cancel"), desk.lead.token, json::object{});
    EXPECT_EQ(over.status, 409);
    EXPECT_EQ(over.rule(), "R4");
    EXPECT_EQ(http.Post("/api/v1/leaves/999/cancel", desk.lead.token, json::object{}).status, 404);
}

TEST(Leave, DaysCountInTheTeamsTimeZone_R4) {
    TempDir dir;
    {
        std::ofstream(dir.File("policy.toml")) << "[calendar]\ntime_zone = \"Asia/Kolkata\"\n";
        std::ofstream(dir.File("bad.toml")) << "[calendar]\ntime_zone = \"Mars/Olympus_Mons\"\n";
    }
    TestDesk desk({"--test-clock", "--policy", dir.File("policy.toml")});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(300), cal.Day(300)));
    ASSERT_EQ(planned.status, 201) << planned.body;
    EXPECT_EQ(planned.json().at("starts_at").as_string(), cal.Day(299) + "T18:30:00Z") << "midnight in India, UTC+5:30";
    EXPECT_EQ(planned.json().at("ends_at").as_string(), cal.Day(300) + "T18:30:00Z");

    auto bad = RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--policy", dir.File("bad.toml")});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("calendar.time_zone"), std::string::npos) << bad.err;
}

// A leave on 9999-12-31 once ended "0000-01-01" and broke every calendar that subscribed to the feed. Days are
// taken within the policy's window around today ([dates], by default 366 days back and 730 ahead).
TEST(Leave, DaysOutsideThePolicysWindowAreRefusedNamingTheField) {
    TempDir dir;
    { std::ofstream(dir.File("policy.toml")) << "[dates]\nmax_days_back = 5\nmax_days_ahead = 30\n"; }
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const Calendar cal = Advance(http, 0);
    const auto leaves = [&] { return DbNumber(desk.db_path(), "SELECT COUNT(*) FROM leaves"); };

    auto end_of_time = http.Post("/api/v1/leaves", desk.asha.token, Leave("9999-12-31", "9999-12-31"));
    EXPECT_EQ(end_of_time.status, 422) << end_of_time.body;
    EXPECT_EQ(end_of_time.field(), "first_day");
    EXPECT_NE(end_of_time.body.find(cal.Day(730)), std::string::npos) << "says the latest day: " << end_of_time.body;
    auto last_too_far = http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(700), cal.Day(731)));
    EXPECT_EQ(last_too_far.status, 422);
    EXPECT_EQ(last_too_far.field(), "last_day");
    auto ancient = http.Post("/api/v1/leaves", desk.asha.token, Leave("0001-01-01", cal.Day(0)));
    EXPECT_EQ(ancient.status, 422);
    EXPECT_EQ(ancient.field(), "first_day");
    EXPECT_EQ(leaves(), 0) << "refused days change nothing";
    EXPECT_EQ(http.Post("/api/v1/leaves", desk.asha.token, Leave(cal.Day(730), cal.Day(730))).status, 201)
        << "the last day of the window";

    // The window is the team's to set.
    TestDesk narrow({"--test-clock", "--policy", dir.File("policy.toml")});
    const HttpClient nhttp = narrow.client();
    const Calendar ncal = Advance(nhttp, 0);
    auto beyond = nhttp.Post("/api/v1/leaves", narrow.asha.token, Leave(ncal.Day(31), ncal.Day(31)));
    EXPECT_EQ(beyond.status, 422);
    EXPECT_EQ(beyond.field(), "first_day");
    EXPECT_NE(beyond.body.find(ncal.Day(30)), std::string::npos) << beyond.body;
    auto sick_long_ago = nhttp.Post("/api/v1/leaves", narrow.asha.token, Leave(ncal.Day(-6), ncal.Day(0), "sick"));
    EXPECT_EQ(sick_long_ago.field(), "first_day");
    EXPECT_EQ(nhttp.Post("/api/v1/leaves", narrow.asha.token, Leave(ncal.Day(-5), ncal.Day(0), "sick")).status, 201);
    EXPECT_EQ(nhttp.Post("/api/v1/leaves", narrow.asha.token, Leave(ncal.Day(30), ncal.Day(30))).status, 201);
}

}  // namespace
}  // namespace shiftdesk::test
