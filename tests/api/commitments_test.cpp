// On time, every time, over HTTP (R2, R3, R14): a promise that breaches and escalates to the lead, late and missed
// calls, a short session open to engineers and a long one routed to the lead, and the calendar feed parsed by
// libical. Time moves with the test clock; the team works around the clock so business time is wall-clock time.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <ctime>
#include <fstream>

#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;

constexpr std::int64_t kMin = 60;

class Commitments : public ::testing::Test {
 protected:
    Commitments() {
        std::ofstream(dir_.File("policy.toml"))
            << "[calendar]\n[calendar.hours]\nmon = \"00:00-24:00\"\ntue = \"00:00-24:00\"\nwed = \"00:00-24:00\"\n"
               "thu = \"00:00-24:00\"\nfri = \"00:00-24:00\"\nsat = \"00:00-24:00\"\nsun = \"00:00-24:00\"\n";
        desk_ =
            std::make_unique<TestDesk>(std::vector<std::string>{"--test-clock", "--policy", dir_.File("policy.toml")});
        now_ = Advance(0);
    }
    HttpClient http() const { return desk_->client(); }
    // Moves the clock and runs the due work; returns the new time (unix seconds).
    std::int64_t Advance(std::int64_t seconds) {
        now_ = AdvanceClock(http(), seconds);
        return now_;
    }
    json::array Notifications(const Person& who, const std::string& kind) {
        json::array out;
        const auto all = http().Get("/api/v1/notifications", who.token).json().at("notifications").as_array();
        for (const auto& n : all) {
            if (n.at("kind").as_string() == kind) out.push_back(n);
        }
        return out;
    }
    std::int64_t Events(const std::string& action) {
        return DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM events WHERE action = '" + action + "'");
    }

    TempDir dir_;
    std::unique_ptr<TestDesk> desk_;
    std::int64_t now_ = 0;
};

TEST_F(Commitments, ABrokenPromiseIsAnnouncedToTheOwnerAndEscalatedToTheLead_R2) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Export broken");
    const auto fresh = http().Get(TicketPath(t), desk_->asha.token).json();
    EXPECT_EQ(fresh.at("sla").at("state").as_string(), "ok");
    EXPECT_FALSE(fresh.at("sla").at("first_response_due").is_null()) << "the first response is due from the start";

    const std::string by = Rfc3339(now_ + 120 * kMin);
    auto replied = http().Post(TicketPath(t, "/replies"), desk_->asha.token,
                               {{"body", "Looking into it; next update within two hours."}, {"promise_by", by}});
    ASSERT_EQ(replied.status, 201) << replied.body;
    auto after = http().Get(TicketPath(t), desk_->asha.token).json();
    EXPECT_EQ(after.at("sla").at("promised_update_at").as_string(), by);
    EXPECT_EQ(after.at("sla").at("next_update_due").as_string(), by) << "the promise is earlier than the policy";
    EXPECT_FALSE(after.at("sla").at("first_response_at").is_null());

    Advance(89 * kMin);
    EXPECT_TRUE(Notifications(desk_->asha, "sla.warning").empty()) << "not yet: 31 minutes before";
    Advance(1 * kMin);
    ASSERT_EQ(Notifications(desk_->asha, "sla.warning").size(), 1u) << "30 minutes before the promise";
    EXPECT_EQ(http().Get(TicketPath(t), desk_->asha.token).json().at("sla").at("state").as_string(), "warning");
    EXPECT_TRUE(Notifications(desk_->lead, "sla.breached").empty());

    Advance(30 * kMin);
    const auto breached = http().Get(TicketPath(t), desk_->asha.token).json();
    EXPECT_EQ(breached.at("sla").at("state").as_string(), "breached");
    EXPECT_EQ(breached.at("sla").at("breached_at").as_string(), by);
    ASSERT_EQ(Notifications(desk_->asha, "sla.breached").size(), 1u);
    const auto escalated = Notifications(desk_->lead, "sla.breached");
    ASSERT_EQ(escalated.size(), 1u) << "breaches escalate to the shift lead";
    EXPECT_EQ(escalated[0].at("ticket_id").as_int64(), Id(t));
    EXPECT_EQ(escalated[0].at("rule").as_string(), "R2");
    EXPECT_EQ(Notifications(desk_->lead2, "sla.breached").size(), 1u) << "every lead";
    EXPECT_EQ(Events("sla.breached"), 1);

    auto at_risk = http().Get("/api/v1/sla/at-risk", desk_->lead.token);
    ASSERT_EQ(at_risk.status, 200) << at_risk.body;
    const auto risky = at_risk.json().at("tickets").as_array();
    ASSERT_FALSE(risky.empty());
    EXPECT_EQ(Id(risky[0]), Id(t)) << "breaches first";
    auto by_engineer = http().Get("/api/v1/sla/at-risk", desk_->asha.token);
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R2");

    Advance(60 * kMin);
    EXPECT_EQ(Events("sla.breached"), 1) << "announced once";
    // Keeping the promise late ends the breach.
    ASSERT_EQ(http().Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "Fixed."}}).status, 201);
    EXPECT_EQ(http().Get(TicketPath(t), desk_->asha.token).json().at("sla").at("state").as_string(), "ok");

    const auto note = Notifications(desk_->asha, "sla.breached")[0];
    auto read =
        http().Post("/api/v1/notifications/" + std::to_string(Id(note)) + "/read", desk_->asha.token, json::object{});
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(
        http()
            .Post("/api/v1/notifications/" + std::to_string(Id(note)) + "/read", desk_->bruno.token, json::object{})
            .status,
        404)
        << "notifications are their owner's";
}

TEST_F(Commitments, PromisesAreTheOwnersAndInTheFuture_R2) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Promise me");
    auto past = http().Post(TicketPath(t, "/promise"), desk_->asha.token, {{"by", Rfc3339(now_ - 60)}});
    EXPECT_EQ(past.status, 422);
    EXPECT_EQ(past.field(), "by");
    EXPECT_EQ(http().Post(TicketPath(t, "/promise"), desk_->asha.token, {{"by", "tomorrow"}}).field(), "by");
    auto other = http().Post(TicketPath(t, "/promise"), desk_->bruno.token, {{"by", Rfc3339(now_ + 3600)}});
    EXPECT_EQ(other.status, 403);
    auto ok = http().Post(TicketPath(t, "/promise"), desk_->asha.token, {{"by", Rfc3339(now_ + 3600)}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("sla").at("promised_update_at").as_string(), Rfc3339(now_ + 3600));
    EXPECT_EQ(
        http()
            .Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "x"}, {"promise_by", Rfc3339(now_ - 1)}})
            .field(),
        "promise_by");

    // Waiting on the customer pauses the policy's clocks, never the promise.
    ASSERT_EQ(http().Patch(TicketPath(t), desk_->asha.token, {{"status", "pending"}}).status, 200);
    const auto paused = http().Get(TicketPath(t), desk_->asha.token).json().at("sla");
    EXPECT_FALSE(paused.at("paused_since").is_null());
    EXPECT_TRUE(paused.at("resolution_due").is_null());
    EXPECT_EQ(paused.at("next_update_due").as_string(), Rfc3339(now_ + 3600));
}

TEST_F(Commitments, UnknownPlansAreRefused_R2) {
    auto created =
        http().Post("/api/v1/tickets", desk_->asha.token,
                    {{"subject", "x"}, {"customer", {{"name", "Jo"}, {"email", "jo@x.example"}, {"plan", "gold"}}}});
    EXPECT_EQ(created.status, 422);
    EXPECT_EQ(created.field(), "customer.plan");
}

TEST_F(Commitments, ALateAndAMissedCallAreReportedToTheLead_R3) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Call me");
    const std::string path = "/api/v1/calls";
    auto call = http().Post(path, desk_->asha.token,
                            {{"ticket_id", Id(t)},
                             {"starts_at", Rfc3339(now_ + 30 * kMin)},
                             {"minutes", 30},
                             {"join_url", "https://meet.example/abc"}});
    ASSERT_EQ(call.status, 201) << call.body;
    EXPECT_EQ(call.json().at("owner_id").as_int64(), desk_->asha.id);
    EXPECT_TRUE(call.json().at("warnings").as_array().empty());
    const std::string call_path = path + "/" + std::to_string(Id(call.json()));

    Advance(15 * kMin);
    ASSERT_EQ(Notifications(desk_->asha, "call.reminder").size(), 1u) << "15 minutes before";
    Advance(10 * kMin);
    ASSERT_EQ(Notifications(desk_->asha, "call.reminder").size(), 2u) << "5 minutes before";
    EXPECT_EQ(http().Post(call_path + "/join", desk_->bruno.token, json::object{}).rule(), "R3") << "not his call";
    Advance(8 * kMin);  // 3 minutes after the start: past the 2-minute grace
    auto joined = http().Post(call_path + "/join", desk_->asha.token, json::object{});
    ASSERT_EQ(joined.status, 200) << joined.body;
    EXPECT_EQ(joined.json().at("attendance").as_string(), "late");
    ASSERT_EQ(Notifications(desk_->lead, "call.late").size(), 1u);
    EXPECT_EQ(http().Post(call_path + "/join", desk_->asha.token, json::object{}).json().at("attendance").as_string(),
              "late")
        << "joining again changes nothing";

    auto second = http().Post(path, desk_->asha.token,
                              {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(now_ + 60 * kMin)}, {"minutes", 15}});
    ASSERT_EQ(second.status, 201);
    const std::string second_path = path + "/" + std::to_string(Id(second.json()));
    Advance(76 * kMin);
    auto missed = http().Get(second_path, desk_->asha.token).json();
    EXPECT_EQ(missed.at("attendance").as_string(), "missed");
    ASSERT_EQ(Notifications(desk_->lead, "call.missed").size(), 1u);
    auto late_join = http().Post(second_path + "/join", desk_->asha.token, json::object{});
    EXPECT_EQ(late_join.status, 409);
    EXPECT_EQ(late_join.rule(), "R3");
    EXPECT_EQ(Events("call.missed"), 1);

    auto mine = http().Get("/api/v1/calls?owner=me&from=" + Rfc3339(now_ - 3 * 3600), desk_->asha.token);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json().at("calls").as_array().size(), 2u);
}

TEST_F(Commitments, OnTimeJoinsAndBadCallsAndChanges_R3) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Calls");
    const auto schedule = [&](std::int64_t in_minutes, std::int64_t minutes, const Person& who) {
        return http().Post(
            "/api/v1/calls", who.token,
            {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(now_ + in_minutes * kMin)}, {"minutes", minutes}});
    };
    EXPECT_EQ(schedule(30, 0, desk_->asha).field(), "minutes");
    EXPECT_EQ(schedule(30, -15, desk_->asha).field(), "minutes");
    EXPECT_EQ(schedule(-30, 15, desk_->asha).field(), "starts_at");
    EXPECT_EQ(schedule(30, 15, desk_->bruno).status, 403);
    const auto calls_before = DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM calls");
    EXPECT_EQ(calls_before, 0) << "refused calls change nothing";
    auto unowned = http().Post(
        "/api/v1/calls", desk_->lead.token,
        {{"ticket_id", Id(desk_->NewTicket(desk_->lead))}, {"starts_at", Rfc3339(now_ + 3600)}, {"minutes", 15}});
    EXPECT_EQ(unowned.status, 409);
    EXPECT_EQ(unowned.rule(), "R3");

    auto first = schedule(60, 30, desk_->asha);
    ASSERT_EQ(first.status, 201);
    auto overlapping = schedule(75, 30, desk_->lead);
    ASSERT_EQ(overlapping.status, 201) << "an overlap warns, it does not refuse";
    ASSERT_EQ(overlapping.json().at("warnings").as_array().size(), 1u);

    const std::string path = "/api/v1/calls/" + std::to_string(Id(overlapping.json()));
    auto moved = http().Patch(path, desk_->asha.token, {{"starts_at", Rfc3339(now_ + 120 * kMin)}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json().at("sequence").as_int64(), 1);
    EXPECT_TRUE(moved.json().at("warnings").as_array().empty());
    auto cancelled = http().Post(path + "/cancel", desk_->asha.token, json::object{});
    ASSERT_EQ(cancelled.status, 200);
    EXPECT_EQ(cancelled.json().at("state").as_string(), "cancelled");
    EXPECT_EQ(http().Post(path + "/join", desk_->asha.token, json::object{}).status, 409);

    Advance(61 * kMin);  // one minute after the first call starts: within the grace
    auto on_time =
        http().Post("/api/v1/calls/" + std::to_string(Id(first.json())) + "/join", desk_->asha.token, json::object{});
    EXPECT_EQ(on_time.json().at("attendance").as_string(), "on_time");
    EXPECT_TRUE(Notifications(desk_->lead, "call.late").empty());
    Advance(120 * kMin);
    EXPECT_EQ(Events("call.missed"), 0) << "a joined call and a cancelled one are never missed";
}

TEST_F(Commitments, AShortSessionIsOpenToEngineersAndALongOneGoesToTheLead_R14) {
    const json::object customer{{"name", "Acme"}, {"plan", "enterprise"}, {"critical", true}};
    auto short_one = http().Post("/api/v1/training-requests", desk_->success.token,
                                 {{"customer", customer},
                                  {"kind", "technical_session"},
                                  {"minutes", 30},
                                  {"topic", "Webhook retries"},
                                  {"requested_by", "Jo Park"}});
    ASSERT_EQ(short_one.status, 201) << short_one.body;
    EXPECT_EQ(short_one.json().at("route").as_string(), "open");
    auto long_one = http().Post("/api/v1/training-requests", desk_->success.token,
                                {{"customer", customer},
                                 {"kind", "training"},
                                 {"minutes", 90},
                                 {"topic", "Admin onboarding"},
                                 {"requested_by", "Jo Park"}});
    ASSERT_EQ(long_one.status, 201);
    EXPECT_EQ(long_one.json().at("route").as_string(), "shift_lead");
    auto longer_session = http().Post("/api/v1/training-requests", desk_->asha.token,
                                      {{"customer", customer},
                                       {"kind", "technical_session"},
                                       {"minutes", 45},
                                       {"topic", "SSO deep dive"},
                                       {"requested_by", "Priya"}});
    EXPECT_EQ(longer_session.json().at("route").as_string(), "shift_lead") << "over 30 minutes";
    EXPECT_FALSE(Notifications(desk_->lead, "training.waiting").empty());

    const auto accept = [&](const HttpResponse& r, const Person& who, json::object body) {
        return http().Post("/api/v1/training-requests/" + std::to_string(Id(r.json())) + "/accept", who.token, body);
    };
    const std::string when = Rfc3339(now_ + 24 * 3600);
    auto by_engineer = accept(long_one, desk_->asha, {{"starts_at", when}});
    EXPECT_EQ(by_engineer.status, 403);
    EXPECT_EQ(by_engineer.rule(), "R14");

    auto taken = accept(short_one, desk_->asha, {{"starts_at", when}});
    ASSERT_EQ(taken.status, 200) << taken.body;
    EXPECT_EQ(taken.json().at("state").as_string(), "accepted");
    EXPECT_EQ(taken.json().at("call").at("owner_id").as_int64(), desk_->asha.id) << "the session became a call";
    EXPECT_EQ(accept(short_one, desk_->bruno, {{"starts_at", when}}).status, 409) << "taken already";

    auto lead_view = http().Get("/api/v1/training-requests?state=waiting", desk_->lead.token);
    ASSERT_EQ(lead_view.status, 200) << lead_view.body;
    EXPECT_EQ(lead_view.json().at("training_requests").as_array().size(), 2u);
    const auto team = lead_view.json().at("team").as_array();
    ASSERT_FALSE(team.empty()) << "the lead decides with the team's load in view";
    EXPECT_TRUE(team[0].as_object().contains("open_tickets"));
    EXPECT_FALSE(http().Get("/api/v1/training-requests", desk_->asha.token).json().as_object().contains("team"));

    auto given = accept(long_one, desk_->lead, {{"starts_at", when}, {"owner_id", desk_->bruno.id}});
    ASSERT_EQ(given.status, 200) << given.body;
    EXPECT_EQ(given.json().at("owner_id").as_int64(), desk_->bruno.id);
    EXPECT_EQ(given.json().at("call").at("minutes").as_int64(), 90);
    auto no_note = http().Post("/api/v1/training-requests/" + std::to_string(Id(longer_session.json())) + "/decline",
                               desk_->lead.token, json::object{});
    EXPECT_EQ(no_note.status, 422);
    auto declined = http().Post("/api/v1/training-requests/" + std::to_string(Id(longer_session.json())) + "/decline",
                                desk_->lead.token, {{"note", "Covered by next week's webinar."}});
    ASSERT_EQ(declined.status, 200);
    EXPECT_EQ(declined.json().at("state").as_string(), "declined");

    auto bad_plan = http().Post("/api/v1/training-requests", desk_->success.token,
                                {{"customer", {{"name", "X"}, {"plan", "gold"}, {"critical", false}}},
                                 {"kind", "training"},
                                 {"minutes", 60},
                                 {"topic", "t"},
                                 {"requested_by", "x"}});
    EXPECT_EQ(bad_plan.field(), "customer.plan");
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM training_requests"), 3);
}

TEST_F(Commitments, OneTrainingRequestIsReadOnlyByThoseItConcerns_R14) {
    auto filed = http().Post("/api/v1/training-requests", desk_->asha.token,
                             {{"customer", {{"name", "Acme"}}},
                              {"kind", "training"},
                              {"minutes", 90},
                              {"topic", "Admin onboarding"},
                              {"requested_by", "Jo Park"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string path = "/api/v1/training-requests/" + std::to_string(Id(filed.json()));

    auto by_filer = http().Get(path, desk_->asha.token);
    ASSERT_EQ(by_filer.status, 200) << by_filer.body;
    EXPECT_EQ(by_filer.json().at("route").as_string(), "shift_lead");
    EXPECT_EQ(http().Get(path, desk_->lead.token).status, 200) << "a lead reads any";
    EXPECT_EQ(http().Get(path, desk_->bruno.token).status, 404) << "routed to the lead, not filed by bruno";
    EXPECT_EQ(http().Get(path, desk_->admin.token).status, 404);
    EXPECT_EQ(http().Get(path + "?x=1", desk_->lead.token).status, 422);
}

TEST_F(Commitments, TheCalendarFeedParsesWithLibical) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Feed, with; punctuation");
    ASSERT_EQ(http()
                  .Post("/api/v1/calls", desk_->asha.token,
                        {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(now_ + 3600)}, {"minutes", 30}})
                  .status,
              201);
    const std::string user = "/api/v1/users/" + std::to_string(desk_->asha.id);
    EXPECT_EQ(http().Post(user + "/calendar-link", desk_->bruno.token, json::object{}).status, 403);
    auto link = http().Post(user + "/calendar-link", desk_->asha.token, json::object{});
    ASSERT_EQ(link.status, 201) << link.body;
    const std::string feed_path(link.json().at("path").as_string());

    auto feed = http().Get(feed_path, "");
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
    icalcomponent* cal = icalparser_parse_string(feed.body.c_str());
    ASSERT_NE(cal, nullptr);
    EXPECT_EQ(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
    icalcomponent* event = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(icalcomponent_count_components(event, ICAL_VALARM_COMPONENT), 2) << "reminders at 15 and 5 minutes";
    EXPECT_NE(std::string(icalcomponent_get_summary(event)).find("Feed, with; punctuation"), std::string::npos);
    icalcomponent_free(cal);

    EXPECT_EQ(http().Get(user + "/calendar.ics?token=wrong", "").status, 401);
    const std::string other = "/api/v1/users/" + std::to_string(desk_->bruno.id) +
                              "/calendar.ics?token=" + feed_path.substr(feed_path.find("token=") + 6);
    EXPECT_EQ(http().Get(other, "").status, 401) << "a token opens its own user's feed only";
    ASSERT_EQ(http().Post(user + "/calendar-link", desk_->asha.token, json::object{}).status, 201);
    EXPECT_EQ(http().Get(feed_path, "").status, 401) << "a new link retires the old one";
}

// R3 records whether the owner was there on time: joining opens [calls] join_opens_minutes (15) before the start,
// and an earlier join is refused saying when it opens, on the team's wall clock.
TEST_F(Commitments, JoiningOpensFifteenMinutesBeforeTheCall_R3) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Call in three months");
    const std::int64_t starts = now_ + 90 * 24 * 3600;
    auto call = http().Post("/api/v1/calls", desk_->asha.token,
                            {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(starts)}, {"minutes", 30}});
    ASSERT_EQ(call.status, 201) << call.body;
    const std::string join = "/api/v1/calls/" + std::to_string(Id(call.json())) + "/join";

    auto early = http().Post(join, desk_->asha.token, json::object{});
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.rule(), "R3");
    // The team's zone is UTC here: "YYYY-MM-DD HH:MM UTC", 15 minutes before the start.
    const std::string opens = Rfc3339(starts - 15 * kMin);
    const std::string wall = opens.substr(0, 10) + " " + opens.substr(11, 5) + " UTC";
    EXPECT_NE(early.body.find(wall), std::string::npos) << "says when joining opens: " << early.body;
    EXPECT_TRUE(http()
                    .Get("/api/v1/calls/" + std::to_string(Id(call.json())), desk_->asha.token)
                    .json()
                    .at("attendance")
                    .is_null())
        << "nothing recorded";
    EXPECT_EQ(DbNumber(desk_->db_path(),
                       "SELECT COUNT(*) FROM events WHERE action = 'call.joined' AND outcome = 'refused' AND "
                       "rule = 'R3'"),
              1)
        << "audited like every refusal";

    Advance(starts - 16 * kMin - now_);
    EXPECT_EQ(http().Post(join, desk_->asha.token, json::object{}).status, 409) << "16 minutes before";
    Advance(1 * kMin);
    auto on_time = http().Post(join, desk_->asha.token, json::object{});
    ASSERT_EQ(on_time.status, 200) << "15 minutes before: " << on_time.body;
    EXPECT_EQ(on_time.json().at("attendance").as_string(), "on_time");
}

// Every date the API takes falls in the policy's window ([dates]: by default at most 730 days ahead); anything else
// is a 422 naming the field, with the latest date the desk takes, and changes nothing.
TEST_F(Commitments, DatesBeyondThePolicysWindowAreRefusedNamingTheField) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Far future");
    const std::string too_far = Rfc3339(now_ + 731 * 24 * 3600);
    const std::string end_of_time = "9999-12-31T00:00:00Z";
    const std::string latest = Rfc3339(now_ + 730 * 24 * 3600);
    const auto refused = [&](const HttpResponse& r, const std::string& field) {
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.field(), field) << r.body;
        EXPECT_NE(r.body.find(latest.substr(0, 10)), std::string::npos) << "says the window: " << r.body;
    };
    const auto count = [&](const char* table) {
        return DbNumber(desk_->db_path(), std::string("SELECT COUNT(*) FROM ") + table);
    };
    const auto entries_before = count("thread_entries");

    // Promises (R2).
    refused(http().Post(TicketPath(t, "/replies"), desk_->asha.token, {{"body", "Soon."}, {"promise_by", end_of_time}}),
            "promise_by");
    refused(http().Post(TicketPath(t, "/promise"), desk_->asha.token, {{"by", too_far}}), "by");
    EXPECT_TRUE(http().Get(TicketPath(t), desk_->asha.token).json().at("sla").at("promised_update_at").is_null());
    EXPECT_EQ(count("thread_entries"), entries_before);
    EXPECT_EQ(http().Post(TicketPath(t, "/promise"), desk_->asha.token, {{"by", latest}}).status, 200)
        << "the last moment of the window";

    // Calls (R3), scheduled and moved.
    refused(http().Post("/api/v1/calls", desk_->asha.token,
                        {{"ticket_id", Id(t)}, {"starts_at", end_of_time}, {"minutes", 30}}),
            "starts_at");
    EXPECT_EQ(count("calls"), 0);
    auto call = http().Post("/api/v1/calls", desk_->asha.token,
                            {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(now_ + 3600)}, {"minutes", 30}});
    ASSERT_EQ(call.status, 201);
    refused(
        http().Patch("/api/v1/calls/" + std::to_string(Id(call.json())), desk_->asha.token, {{"starts_at", too_far}}),
        "starts_at");
    EXPECT_EQ(http()
                  .Get("/api/v1/calls/" + std::to_string(Id(call.json())), desk_->asha.token)
                  .json()
                  .at("sequence")
                  .as_int64(),
              0);

    // Training accepted (R14).
    auto session = http().Post("/api/v1/training-requests", desk_->success.token,
                               {{"customer", {{"name", "Acme"}}},
                                {"kind", "technical_session"},
                                {"minutes", 30},
                                {"topic", "Webhooks"},
                                {"requested_by", "Jo"}});
    ASSERT_EQ(session.status, 201);
    refused(http().Post("/api/v1/training-requests/" + std::to_string(Id(session.json())) + "/accept",
                        desk_->asha.token, {{"starts_at", too_far}}),
            "starts_at");
    EXPECT_EQ(count("calls"), 1);

    // The hand-off sheet's needed-by (R8), placed and changed.
    const json::object entry{{"ticket_id", Id(t)},
                             {"reason", "needs_attention"},
                             {"validation", "Reproduced."},
                             {"next_step", "Call the customer"},
                             {"needed_by", end_of_time}};
    refused(http().Post("/api/v1/handoff-sheet", desk_->asha.token, entry), "needed_by");
    EXPECT_EQ(count("handoff_entries"), 0);
    json::object fine = entry;
    fine["needed_by"] = Rfc3339(now_ + 3600);
    auto placed = http().Post("/api/v1/handoff-sheet", desk_->asha.token, fine);
    ASSERT_EQ(placed.status, 201) << placed.body;
    refused(http().Patch("/api/v1/handoff-sheet/" + std::to_string(Id(placed.json())), desk_->asha.token,
                         {{"needed_by", too_far}}),
            "needed_by");

    // An off-queue window (R6).
    refused(http().Post("/api/v1/users/" + std::to_string(desk_->bruno.id) + "/queue", desk_->lead.token,
                        {{"on_queue", false}, {"until", end_of_time}}),
            "until");
    EXPECT_TRUE(http()
                    .Get("/api/v1/users/" + std::to_string(desk_->bruno.id), desk_->lead.token)
                    .json()
                    .at("on_queue")
                    .as_bool());
}

// A join link reaches browsers and calendar apps: only https, http, tel, sip and sips are taken, wherever one comes
// in, and a link stored before that rule is never passed on as a link.
TEST_F(Commitments, OnlyMeetingAndDialLinksAreTakenAndNoOtherReachesTheFeed) {
    const auto t = desk_->OwnedTicket(desk_->asha, "Links");
    const auto schedule = [&](const std::string& url) {
        return http().Post(
            "/api/v1/calls", desk_->asha.token,
            {{"ticket_id", Id(t)}, {"starts_at", Rfc3339(now_ + 3600)}, {"minutes", 30}, {"join_url", url}});
    };
    for (const char* bad : {"javascript:alert(7)", "JAVASCRIPT:alert(7)", "data:text/html,<script>alert(7)</script>",
                            "meet.example.org/abc", "https://meet.example.org/a b"}) {
        auto r = schedule(bad);
        EXPECT_EQ(r.status, 422) << bad << ": " << r.body;
        EXPECT_EQ(r.field(), "join_url") << bad;
    }
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM calls"), 0);
    auto good = schedule("https://meet.example.org/abc");
    ASSERT_EQ(good.status, 201) << good.body;
    for (const char* ok : {"tel:+33123456789", "sip:desk@pbx.example.org"}) {
        EXPECT_EQ(schedule(ok).status, 201) << ok;
    }
    const std::string call_path = "/api/v1/calls/" + std::to_string(Id(good.json()));
    auto moved = http().Patch(call_path, desk_->asha.token, {{"join_url", "javascript:alert(7)"}});
    EXPECT_EQ(moved.status, 422);
    EXPECT_EQ(moved.field(), "join_url");

    auto session = http().Post("/api/v1/training-requests", desk_->success.token,
                               {{"customer", {{"name", "Acme"}}},
                                {"kind", "technical_session"},
                                {"minutes", 30},
                                {"topic", "Webhooks"},
                                {"requested_by", "Jo"}});
    ASSERT_EQ(session.status, 201);
    auto accepted =
        http().Post("/api/v1/training-requests/" + std::to_string(Id(session.json())) + "/accept", desk_->asha.token,
                    {{"starts_at", Rfc3339(now_ + 7200)}, {"join_url", "javascript:alert(7)"}});
    EXPECT_EQ(accepted.status, 422) << accepted.body;
    EXPECT_EQ(accepted.field(), "join_url");
    EXPECT_EQ(DbNumber(desk_->db_path(), "SELECT COUNT(*) FROM calls"), 3);

    // A value stored before links were checked stays out of the feed.
    DbExec(desk_->db_path(),
           "UPDATE calls SET join_url = 'javascript:alert(7)' WHERE id = " + std::to_string(Id(good.json())));
    const std::string user = "/api/v1/users/" + std::to_string(desk_->asha.id);
    auto link = http().Post(user + "/calendar-link", desk_->asha.token, json::object{});
    ASSERT_EQ(link.status, 201);
    auto feed = http().Get(std::string(link.json().at("path").as_string()), "");
    ASSERT_EQ(feed.status, 200);
    EXPECT_EQ(feed.body.find("javascript"), std::string::npos) << feed.body;
    EXPECT_NE(feed.body.find("LOCATION:tel:+33123456789"), std::string::npos) << "the good ones stay: " << feed.body;
    icalcomponent* cal = icalparser_parse_string(feed.body.c_str());
    ASSERT_NE(cal, nullptr);
    EXPECT_EQ(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3) << "the call itself is still there";
    icalcomponent_free(cal);
}

}  // namespace
}  // namespace shiftdesk::test
