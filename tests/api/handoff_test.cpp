// Leave without loose ends, over HTTP (R4, R5, R8, R13): an engineer with open tickets, a promise and a call goes
// from red to green on every readiness item; the hand-off email reaches a real SMTP server (Debian's aiosmtpd)
// and survives that server being down and the desk restarting; the hand-off sheet refuses other people's tickets,
// is picked up through the lead, and exports CSV and XLSX that Python's csv module and openpyxl read back.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/command.hpp"
#include "support/peer_process.hpp"
#include "support/test_desk.hpp"

namespace shiftdesk::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

constexpr std::int64_t kHourSeconds = 3600;
constexpr std::int64_t kDaySeconds = 24 * kHourSeconds;
constexpr const char* kTeamAddress = "support-team@desk.test";

// A real SMTP server (tests/fakes/smtp_sink.py on aiosmtpd) writing each message it accepts into a Maildir;
// `options` make it slow or mute (--delay-data, --delay-count, --mute).
class MailSink {
 public:
    explicit MailSink(const std::vector<std::string>& options = {}) : peer_(Args(dir_, options)) {}
    std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(peer_.port()); }
    PeerProcess& peer() { return peer_; }
    std::vector<std::string> Messages() const {
        std::vector<std::string> out;
        const fs::path fresh = dir_.path() / "mail" / "new";
        if (!fs::exists(fresh)) return out;
        for (const auto& f : fs::directory_iterator(fresh)) out.push_back(f.path().string());
        std::sort(out.begin(), out.end());
        return out;
    }
    // The mail desk settings as the environment gives them (the contract's variables).
    std::vector<std::string> Env() const {
        std::vector<std::string> env{"SHIFTDESK_SMTP_URL=" + Url(), "SHIFTDESK_MAIL_FROM=desk@desk.test"};
        env.emplace_back("SHIFTDESK_TEAM_ADDRESS=").append(kTeamAddress);
        return env;
    }

 private:
    static std::vector<std::string> Args(const TempDir& dir, const std::vector<std::string>& options) {
        std::vector<std::string> args{kDebianPython, FakePath("smtp_sink.py"), "{port}", dir.File("mail")};
        args.insert(args.end(), options.begin(), options.end());
        return args;
    }

    TempDir dir_;
    PeerProcess peer_;
};

// What Python's email package makes of a received message: the envelope, the headers, both parts decoded.
json::object ReadMail(const std::string& path) {
    static const char* kScript = R"py(
import email, email.policy, json, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
print(json.dumps({
    'rcpt': str(m['X-RcptTo']), 'from': str(m['From']), 'to': str(m['To']), 'subject': str(m['Subject']),
    'auto_submitted': str(m['Auto-Submitted']), 'reply_to': str(m['Reply-To']),
    'bcc': m['Bcc'] is not None,
    'text': m.get_body(('plain',)).get_content(), 'html': m.get_body(('html',)).get_content()}))
)py";
    const auto out = RunPython(kScript, path);
    EXPECT_EQ(out.status, 0) << out.text;
    return out.status == 0 ? json::parse(out.text).as_object() : json::object{};
}

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

const json::object& Item(const json::value& leave, const char* name) {
    return leave.at("readiness").at(name).as_object();
}
std::string ItemState(const json::value& leave, const char* name) { return Str(Item(leave, name).at("state")); }
std::string Blockers(const json::value& leave, const char* name) {
    return json::serialize(Item(leave, name).at("blockers"));
}

// Polls until `done` holds (the outbox works on its own thread) or `patience` passes.
template <class Check>
bool Eventually(Check done, std::chrono::seconds patience = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
}

json::array Notifications(const HttpClient& http, const Person& who, const std::string& kind) {
    json::array out;
    const json::value all = http.Get("/api/v1/notifications", who.token).json();
    for (const auto& n : all.at("notifications").as_array()) {
        if (n.at("kind").as_string() == kind) out.push_back(n);
    }
    return out;
}

std::string LeavePath(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/leaves/" + std::to_string(id) + rest;
}

TEST(Handoff, AnEngineerGoesFromRedToGreenOnEveryReadinessItem_R4_R5_R8_R13) {
    MailSink sink;
    TestDesk desk({"--test-clock"}, sink.Env());
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);

    auto phone = http.Put("/api/v1/users/" + std::to_string(desk.asha.id) + "/desk-phone", desk.asha.token,
                          {{"extension", "1001"}});
    ASSERT_EQ(phone.status, 200) << phone.body;
    EXPECT_EQ(phone.json().at("desk_phone").as_string(), "1001");

    const auto solved_later = desk.OwnedTicket(desk.asha, "Export button does nothing");
    const auto handed_over = desk.OwnedTicket(desk.asha, "Invoice shows the wrong VAT rate");
    ASSERT_EQ(http.Post(TicketPath(handed_over, "/notes"), desk.asha.token,
                        {{"body", "Customer's admin password hint is TOPSECRET-4242"}})
                  .status,
              201);
    // A promise and a call that fall inside the leave (days 3 to 5).
    const std::int64_t day3 = now - now % kDaySeconds + 3 * kDaySeconds;
    ASSERT_EQ(http.Post(TicketPath(handed_over, "/promise"), desk.asha.token, {{"by", Rfc3339(day3 + 10 * kHourSeconds)}})
                  .status,
              200);
    auto call = http.Post("/api/v1/calls", desk.asha.token,
                          {{"ticket_id", Id(solved_later)},
                           {"starts_at", Rfc3339(day3 + kDaySeconds + 10 * kHourSeconds)},
                           {"minutes", 30}});
    ASSERT_EQ(call.status, 201) << call.body;

    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 3)}, {"last_day", UtcDay(now, 5)}, {"kind", "vacation"},
                              {"note", "Back on Monday"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    const std::int64_t leave_id = Id(planned.json());
    const json::value red = planned.json();
    EXPECT_FALSE(red.at("readiness").at("ready").as_bool());
    EXPECT_EQ(ItemState(red, "bin_cleared"), "missing");
    EXPECT_EQ(Item(red, "bin_cleared").at("blockers").as_array().size(), 2u) << Blockers(red, "bin_cleared");
    EXPECT_NE(Blockers(red, "bin_cleared").find(TicketPath(solved_later)), std::string::npos) << "links the ticket";
    EXPECT_EQ(ItemState(red, "followups_done"), "missing");
    EXPECT_NE(Blockers(red, "followups_done").find("promised"), std::string::npos) << Blockers(red, "followups_done");
    EXPECT_NE(Blockers(red, "followups_done").find("/api/v1/calls/" + std::to_string(Id(call.json()))),
              std::string::npos);
    EXPECT_EQ(ItemState(red, "handoff_sent"), "missing");
    EXPECT_EQ(ItemState(red, "diversion_set"), "missing");
    EXPECT_NE(Blockers(red, "diversion_set").find("1001"), std::string::npos);

    // bin_cleared: one ticket solved, the other on the hand-off sheet (R8).
    ASSERT_EQ(http.Patch(TicketPath(solved_later), desk.asha.token, {{"status", "solved"}}).status, 200);
    auto entry = http.Post("/api/v1/handoff-sheet", desk.asha.token,
                           {{"ticket_id", Id(handed_over)},
                            {"reason", "leave"},
                            {"validation", "Reproduced: the March invoice used 19%; the tax table says 7%."},
                            {"next_step", "Re-run the invoice job with the fixed rate & re-issue"},
                            {"needed_by", Rfc3339(day3 + 9 * kHourSeconds)}});
    ASSERT_EQ(entry.status, 201) << entry.body;
    auto leave = http.Get(LeavePath(leave_id), desk.asha.token).json();
    EXPECT_EQ(ItemState(leave, "bin_cleared"), "done") << Blockers(leave, "bin_cleared");
    EXPECT_EQ(ItemState(leave, "followups_done"), "missing") << "the handed-over promise is covered; the call is not";
    EXPECT_EQ(Item(leave, "followups_done").at("blockers").as_array().size(), 1u) << Blockers(leave, "followups_done");

    // followups_done: the call is moved out of the leave's way.
    ASSERT_EQ(http.Post("/api/v1/calls/" + std::to_string(Id(call.json())) + "/cancel", desk.asha.token,
                        json::object{})
                  .status,
              200);
    leave = http.Get(LeavePath(leave_id), desk.asha.token).json();
    EXPECT_EQ(ItemState(leave, "followups_done"), "done") << Blockers(leave, "followups_done");

    // diversion_set (R13, manual driver): a target, the lead is told, then the engineer confirms.
    auto bad_target = http.Post(LeavePath(leave_id, "/diversion"), desk.asha.token, {{"target", "1002\r\nAction: X"}});
    EXPECT_EQ(bad_target.status, 422);
    EXPECT_EQ(bad_target.field(), "target");
    auto diverted = http.Post(LeavePath(leave_id, "/diversion"), desk.asha.token, {{"target", "1002"}});
    ASSERT_EQ(diverted.status, 200) << diverted.body;
    EXPECT_EQ(ItemState(diverted.json(), "diversion_set"), "missing") << "manual: waits for the confirmation";
    EXPECT_EQ(diverted.json().at("diversion").at("state").as_string(), "planned");
    ASSERT_EQ(Notifications(http, desk.lead, "diversion.set").size(), 1u) << "the lead is told (R13)";
    EXPECT_NE(Str(Notifications(http, desk.lead, "diversion.set")[0].at("message")).find("1002"), std::string::npos);
    EXPECT_EQ(http.Post(LeavePath(leave_id, "/diversion/confirm"), desk.bruno.token, json::object{}).rule(), "R13")
        << "only the person on leave or a lead confirms";
    auto confirmed = http.Post(LeavePath(leave_id, "/diversion/confirm"), desk.asha.token, json::object{});
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(ItemState(confirmed.json(), "diversion_set"), "done");

    // handoff_sent (R5): queued, then green once the SMTP server has accepted it.
    EXPECT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.bruno.token, json::object{}).rule(), "R5");
    auto queued = http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{});
    ASSERT_EQ(queued.status, 202) << queued.body;
    EXPECT_EQ(queued.json().at("handoff_email").at("to").as_string(), kTeamAddress);
    json::value green;
    ASSERT_TRUE(Eventually([&] {
        green = http.Get(LeavePath(leave_id), desk.asha.token).json();
        return ItemState(green, "handoff_sent") == "done";
    })) << json::serialize(green) << "\n"
        << desk.server().Log();
    EXPECT_TRUE(green.at("readiness").at("ready").as_bool()) << json::serialize(green.at("readiness"));
    EXPECT_EQ(green.at("handoff_email").at("state").as_string(), "delivered");

    // What the team received.
    const auto messages = sink.Messages();
    ASSERT_EQ(messages.size(), 1u);
    const auto mail = ReadMail(messages[0]);
    EXPECT_EQ(Str(mail.at("rcpt")), kTeamAddress);
    EXPECT_EQ(Str(mail.at("to")), kTeamAddress);
    EXPECT_NE(Str(mail.at("from")).find("desk@desk.test"), std::string::npos);
    EXPECT_NE(Str(mail.at("subject")).find("Test asha"), std::string::npos) << Str(mail.at("subject"));
    EXPECT_EQ(Str(mail.at("auto_submitted")), "auto-generated");
    EXPECT_EQ(Str(mail.at("reply_to")), "asha@desk.test");
    EXPECT_FALSE(mail.at("bcc").as_bool());
    const std::string text = Str(mail.at("text"));
    for (const std::string expected :
         {std::string("Invoice shows the wrong VAT rate"), std::string("the tax table says 7%"),
          std::string("Re-run the invoice job with the fixed rate & re-issue"), UtcDay(now, 3), UtcDay(now, 5),
          std::string("forwards to 1002"), std::string("Jo Park")}) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in:\n" << text;
    }
    EXPECT_EQ(text.find("Export button does nothing"), std::string::npos) << "a solved ticket is not handed over";
    const std::string html = Str(mail.at("html"));
    EXPECT_NE(html.find("fixed rate &amp; re-issue"), std::string::npos) << html;
    for (const auto& part : {text, html, Str(mail.at("subject"))}) {
        EXPECT_EQ(part.find("TOPSECRET"), std::string::npos) << "a private note leaked into the hand-off email (R10)";
    }

    // The team view shows the leave as ready.
    auto team = http.Get("/api/v1/leaves?from=" + UtcDay(now, 0) + "&to=" + UtcDay(now, 30), desk.lead.token);
    ASSERT_EQ(team.status, 200) << team.body;
    ASSERT_EQ(team.json().at("leaves").as_array().size(), 1u);
    EXPECT_TRUE(team.json().at("leaves").as_array()[0].at("readiness").at("ready").as_bool());
}

TEST(Handoff, TheOutboxOutlastsADownMailServerAndARestartAndSendsOnce_R5) {
    MailSink sink;
    sink.peer().Stop();  // the mail server is down when the email is written
    TestDesk desk({"--test-clock"}, sink.Env());
    HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 2)}, {"last_day", UtcDay(now, 2)}, {"kind", "personal"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    const std::int64_t leave_id = Id(planned.json());
    ASSERT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{}).status, 202);
    const auto attempts = [&] { return DbNumber(desk.db_path(), "SELECT MAX(attempts) FROM outbox"); };
    ASSERT_TRUE(Eventually([&] {
        return attempts() >= 1 &&
               DbNumber(desk.db_path(), "SELECT COUNT(*) FROM outbox WHERE last_error <> '' AND state = 'pending'") == 1;
    })) << desk.server().Log();
    auto waiting = http.Get(LeavePath(leave_id), desk.asha.token).json();
    EXPECT_EQ(ItemState(waiting, "handoff_sent"), "missing");
    EXPECT_NE(Blockers(waiting, "handoff_sent").find("attempts"), std::string::npos) << Blockers(waiting, "handoff_sent");
    auto twice = http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(twice.rule(), "R5");
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM outbox"), 1) << "a refused resend queues nothing";

    // The desk stops; the mail server comes back; the desk starts again and, once the retry is due, sends it.
    ASSERT_EQ(desk.server().Stop(), 0);
    sink.peer().Restart();
    desk.server().Restart();
    http = desk.client();
    AdvanceClock(http, 10 * 60);
    ASSERT_TRUE(Eventually([&] {
        return ItemState(http.Get(LeavePath(leave_id), desk.asha.token).json(), "handoff_sent") == "done";
    })) << desk.server().Log();
    AdvanceClock(http, kDaySeconds);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_EQ(sink.Messages().size(), 1u) << "accepted once, sent once";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM outbox WHERE state = 'delivered'"), 1);
    EXPECT_NE(ReadMail(sink.Messages().at(0)).at("text").as_string().find("Nothing is handed over"),
              std::string::npos);
}

TEST(Handoff, WithoutMailSettingsTheEmailIsRefusedAndNothingIsQueued_R5) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 2)}, {"last_day", UtcDay(now, 2)}, {"kind", "personal"}});
    ASSERT_EQ(planned.status, 201);
    auto refused = http.Post(LeavePath(Id(planned.json()), "/handoff-email"), desk.asha.token, json::object{});
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("SHIFTDESK_TEAM_ADDRESS"), std::string::npos) << refused.body;
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM outbox"), 0);
}

TEST(Handoff, RemindersBeforeTheStartAndTheLeadsAlertedWhenItStartsUnready_R4) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    desk.OwnedTicket(desk.asha, "Still open when the leave starts");
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 3)}, {"last_day", UtcDay(now, 3)}, {"kind", "vacation"}});
    ASSERT_EQ(planned.status, 201);
    EXPECT_TRUE(Notifications(http, desk.asha, "leave.not_ready").empty());
    const std::int64_t start = now - now % kDaySeconds + 3 * kDaySeconds;
    AdvanceClock(http, start - 2 * kDaySeconds - now + 60);  // two days before
    auto reminders = Notifications(http, desk.asha, "leave.not_ready");
    ASSERT_EQ(reminders.size(), 1u);
    EXPECT_NE(Str(reminders[0].at("message")).find("bin_cleared"), std::string::npos) << Str(reminders[0]);
    EXPECT_TRUE(Notifications(http, desk.lead, "leave.started_not_ready").empty());
    AdvanceClock(http, kDaySeconds);  // one day before
    EXPECT_EQ(Notifications(http, desk.asha, "leave.not_ready").size(), 2u);
    AdvanceClock(http, kDaySeconds);  // the start
    for (const Person* lead : {&desk.lead, &desk.lead2}) {
        auto alerts = Notifications(http, *lead, "leave.started_not_ready");
        ASSERT_EQ(alerts.size(), 1u) << lead->login;
        EXPECT_NE(Str(alerts[0].at("message")).find("Test asha"), std::string::npos);
    }
    EXPECT_TRUE(Notifications(http, desk.bruno, "leave.started_not_ready").empty()) << "leads only";
}

TEST(Handoff, TheSheetTakesOnlyYourOwnTicketsAndIsPickedUpThroughTheLead_R8_R7_R11) {
    TestDesk desk({"--test-clock"});
    const HttpClient http = desk.client();
    const auto ashas = desk.OwnedTicket(desk.asha, "=HYPERLINK(\"http://evil.example\",\"click\")");
    const auto brunos = desk.OwnedTicket(desk.bruno, "Bruno's, with a \"quote\", and a comma");
    const auto place = [&](const Person& who, const json::object& ticket, const char* reason = "needs_attention") {
        return http.Post("/api/v1/handoff-sheet", who.token,
                         {{"ticket_id", Id(ticket)},
                          {"reason", reason},
                          {"validation", "-checked the logs\nline two"},
                          {"next_step", "@call the customer"}});
    };

    auto others = place(desk.asha, brunos);
    EXPECT_EQ(others.status, 403);
    EXPECT_EQ(others.rule(), "R8");
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM handoff_entries"), 0) << "a refusal writes nothing";
    EXPECT_EQ(place(desk.asha, ashas, "because").field(), "reason");
    auto mine = place(desk.asha, ashas);
    ASSERT_EQ(mine.status, 201) << mine.body;
    EXPECT_EQ(mine.json().at("from_user_id").as_int64(), desk.asha.id);
    EXPECT_EQ(mine.json().at("state").as_string(), "open");
    auto again = place(desk.asha, ashas);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.rule(), "R8");
    auto by_lead = place(desk.lead, brunos, "shift_end");
    ASSERT_EQ(by_lead.status, 201) << "a lead places anyone's ticket: " << by_lead.body;
    EXPECT_EQ(by_lead.json().at("from_user_id").as_int64(), desk.bruno.id);

    // Picking up: an engineer asks the lead (R7, R11); the lead's approval moves the ticket and the entry.
    const std::string entry = "/api/v1/handoff-sheet/" + std::to_string(Id(mine.json()));
    EXPECT_EQ(http.Patch(entry, desk.chen.token, {{"picked_up_by", desk.bruno.id}}).rule(), "R7");
    auto asked = http.Patch(entry, desk.chen.token, {{"picked_up_by", desk.chen.id}});
    ASSERT_EQ(asked.status, 200) << asked.body;
    EXPECT_EQ(asked.json().at("state").as_string(), "open") << "not until the lead decides";
    const std::int64_t request = asked.json().at("request").at("id").as_int64();
    auto approved = http.Post("/api/v1/requests/" + std::to_string(request) + "/approve", desk.lead.token,
                              {{"note", "Chen takes the hyperlink ticket while Asha is away."}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto picked = http.Get(entry, desk.asha.token).json();
    EXPECT_EQ(picked.at("state").as_string(), "picked_up");
    EXPECT_EQ(picked.at("picked_up_by").as_int64(), desk.chen.id);
    EXPECT_EQ(http.Get(TicketPath(ashas), desk.chen.token).json().at("owner_id").as_int64(), desk.chen.id);
    // A lead picks up directly: the ticket changes owner at once.
    const std::string brunos_entry = "/api/v1/handoff-sheet/" + std::to_string(Id(by_lead.json()));
    auto direct = http.Patch(brunos_entry, desk.lead.token, {{"picked_up_by", desk.asha.id}});
    ASSERT_EQ(direct.status, 200) << direct.body;
    EXPECT_EQ(direct.json().at("state").as_string(), "picked_up");
    EXPECT_EQ(http.Get(TicketPath(brunos), desk.asha.token).json().at("owner_id").as_int64(), desk.asha.id);
    EXPECT_EQ(http.Patch(brunos_entry, desk.chen.token, {{"state", "done"}}).rule(), "R8");
    auto done = http.Patch(brunos_entry, desk.asha.token, {{"state", "done"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json().at("state").as_string(), "done");

    // The live view, filtered.
    EXPECT_EQ(http.Get("/api/v1/handoff-sheet?state=picked_up", desk.success.token)
                  .json()
                  .at("entries")
                  .as_array()
                  .size(),
              1u);
    EXPECT_EQ(http.Get("/api/v1/handoff-sheet?state=lost", desk.asha.token).field(), "state");
    EXPECT_EQ(http.Get("/api/v1/handoff-sheet", desk.admin.token).status, 403);

    // CSV (RFC 4180) as Python's csv module reads it: formula-looking cells are defused with a leading '.
    auto csv = http.Get("/api/v1/handoff-sheet?state=all&format=csv", desk.asha.token);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u) << csv.header("content-type");
    EXPECT_NE(csv.header("content-disposition").find(".csv\""), std::string::npos);
    TempDir files;
    std::ofstream(files.File("sheet.csv"), std::ios::binary) << csv.body;
    const auto rows = RunPython(R"py(
import csv, json, sys
print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))))
)py",
                                files.File("sheet.csv"));
    ASSERT_EQ(rows.status, 0) << rows.text;
    const auto table = json::parse(rows.text).as_array();
    ASSERT_EQ(table.size(), 3u) << rows.text;
    EXPECT_EQ(table[0].as_array()[0].as_string(), "Ticket");
    EXPECT_NE(rows.text.find("'=HYPERLINK"), std::string::npos) << rows.text;
    EXPECT_NE(rows.text.find("'-checked the logs\\nline two"), std::string::npos) << rows.text;
    EXPECT_NE(rows.text.find("Bruno's, with a \\\"quote\\\", and a comma"), std::string::npos) << rows.text;

    // XLSX as openpyxl reads it.
    auto xlsx = http.Get("/api/v1/handoff-sheet?format=xlsx", desk.lead.token);
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    std::ofstream(files.File("sheet.xlsx"), std::ios::binary) << xlsx.body;
    const auto cells = RunPython(R"py(
import json, openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Hand-off']
print(json.dumps([[c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat() for c in row]
                  for row in ws.iter_rows()] + [[ws['B2'].data_type]]))
)py",
                                 files.File("sheet.xlsx"));
    ASSERT_EQ(cells.status, 0) << cells.text;
    const auto sheet = json::parse(cells.text).as_array();
    ASSERT_EQ(sheet.size(), 4u) << "header, two entries, and the type probe: " << cells.text;
    EXPECT_EQ(sheet[1].as_array()[0].as_int64(), Id(ashas)) << "the ticket id is a number";
    EXPECT_EQ(sheet[3].as_array()[0].as_string(), "s") << "a formula-looking subject stays text";
}

// A desk whose phone system is an AMI-speaking peer (tests/fakes/fake_ami.py): Asterisk is not packaged for Debian
// 12, so the peer plays its Manager Interface over a real TCP connection and journals every action it receives.
class AmiDesk {
 public:
    explicit AmiDesk(std::vector<std::string> peer_options = {}, const std::string& secret = "s3cret",
                     std::vector<std::string> env = {}) {
        std::vector<std::string> args{kDebianPython, FakePath("fake_ami.py"), "{port}", dir_.File("ami.journal")};
        args.insert(args.end(), peer_options.begin(), peer_options.end());
        ami_ = std::make_unique<PeerProcess>(args);
        std::ofstream(dir_.File("desk.toml")) << "[phone]\ndriver = \"asterisk_ami\"\nami_host = \"127.0.0.1\"\n"
                                              << "ami_port = " << ami_->port() << "\nami_username = \"shiftdesk\"\n"
                                              << "ami_timeout_ms = 2000\n";
        // The secret comes from the environment, as a deployment would keep it out of the file.
        env.push_back("SHIFTDESK_AMI_SECRET=" + secret);
        desk_ = std::make_unique<TestDesk>(std::vector<std::string>{"--test-clock", "--config", dir_.File("desk.toml")},
                                           std::move(env));
    }
    TestDesk& desk() { return *desk_; }
    std::string Journal() const {
        std::ifstream in(dir_.File("ami.journal"));
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // Plans Asha's leave for tomorrow with her desk phone 1001 diverted to 1002; returns the leave.
    json::value PlanDivertedLeave(std::int64_t now) {
        const HttpClient http = desk_->client();
        const Person& asha = desk_->asha;
        EXPECT_EQ(http.Put("/api/v1/users/" + std::to_string(asha.id) + "/desk-phone", asha.token,
                           {{"extension", "1001"}})
                      .status,
                  200);
        auto planned = http.Post("/api/v1/leaves", asha.token,
                                 {{"first_day", UtcDay(now, 1)}, {"last_day", UtcDay(now, 1)}, {"kind", "sick"}});
        EXPECT_EQ(planned.status, 201) << planned.body;
        auto set = http.Post(LeavePath(Id(planned.json()), "/diversion"), asha.token, {{"target", "1002"}});
        EXPECT_EQ(set.status, 200) << set.body;
        return set.json();
    }
    std::string DiversionState(std::int64_t leave_id) {
        return Str(desk_->client().Get(LeavePath(leave_id), desk_->lead.token).json().at("diversion").at("state"));
    }

 private:
    TempDir dir_;
    std::unique_ptr<PeerProcess> ami_;
    std::unique_ptr<TestDesk> desk_;
};

std::int64_t ApplyAttempts(TestDesk& desk) {
    return DbNumber(desk.db_path(), "SELECT COALESCE(MAX(attempts), 0) FROM outbox WHERE kind = 'diversion.apply'");
}

TEST(Handoff, TheAmiDriverDivertsAtTheStartAndClearsAtTheEnd_R13) {
    AmiDesk pbx;
    TestDesk& desk = pbx.desk();
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    const auto set = pbx.PlanDivertedLeave(now);
    const std::int64_t leave_id = Id(set);
    EXPECT_EQ(ItemState(set, "diversion_set"), "done") << "the desk applies it itself at the start";
    EXPECT_EQ(set.at("diversion").at("driver").as_string(), "asterisk_ami");
    EXPECT_EQ(pbx.Journal(), "") << "nothing reaches the phone system before the leave starts";
    EXPECT_EQ(http.Post(LeavePath(leave_id, "/diversion/confirm"), desk.asha.token, json::object{}).status, 409)
        << "nothing to confirm with a driver";

    const std::int64_t start = now - now % kDaySeconds + kDaySeconds;
    AdvanceClock(http, start - now + 1);
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "active"; }))
        << pbx.Journal() << desk.server().Log();
    const std::string applied = pbx.Journal();
    EXPECT_NE(applied.find(R"("action": "DBPut")"), std::string::npos) << applied;
    EXPECT_NE(applied.find(R"("family": "CF", "key": "1001", "val": "1002")"), std::string::npos) << applied;
    EXPECT_NE(applied.find(R"("action": "DBGet")"), std::string::npos) << "read back: " << applied;
    EXPECT_EQ(applied.find("DBDel"), std::string::npos);

    AdvanceClock(http, kDaySeconds);
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "removed"; }))
        << pbx.Journal() << desk.server().Log();
    EXPECT_NE(pbx.Journal().find(R"("action": "DBDel")"), std::string::npos) << pbx.Journal();
}

// A sick day planned the morning it starts: the leave is under way before its start timer fires, and setting the
// diversion then must queue exactly one order for the phone system, not one for the set and one for the start.
TEST(Handoff, ADiversionSetOnALeaveUnderWayQueuesOneApplyOrder_R13) {
    // The phone system fails the first write, so the order is still pending when the start is recorded.
    AmiDesk pbx({"--fail-put", "1"});
    TestDesk& desk = pbx.desk();
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    ASSERT_EQ(http.Put("/api/v1/users/" + std::to_string(desk.asha.id) + "/desk-phone", desk.asha.token,
                       {{"extension", "1001"}})
                  .status,
              200);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now)}, {"last_day", UtcDay(now, 1)}, {"kind", "sick"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    const std::int64_t leave_id = Id(planned.json());
    auto set = http.Post(LeavePath(leave_id, "/diversion"), desk.asha.token, {{"target", "1002"}});
    ASSERT_EQ(set.status, 200) << set.body;
    AdvanceClock(http, 1);  // the due work runs: the leave's start is recorded
    ASSERT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'leave.started'"), 1);
    // Wait for the failure to be reported (the lease let go), not just claimed: a clock moved between the claim
    // and the report would put the retry after the moved time.
    ASSERT_TRUE(Eventually([&] {
        return DbNumber(desk.db_path(),
                        "SELECT COUNT(*) FROM outbox WHERE kind = 'diversion.apply' AND attempts >= 1 "
                        "AND last_error <> '' AND claimed_by IS NULL") == 1;
    })) << desk.server().Log();
    AdvanceClock(http, 6 * 60);  // past the retry's backoff
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "active"; })) << desk.server().Log();
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM outbox WHERE kind = 'diversion.apply'"), 1)
        << "one order for the phone system";
}

TEST(Handoff, APbxThatFailsIsRetriedAndTheLeadsAreToldWhileItKeepsFailing_R13) {
    AmiDesk pbx({"--fail-put", "3"});
    TestDesk& desk = pbx.desk();
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    const std::int64_t leave_id = Id(pbx.PlanDivertedLeave(now));
    AdvanceClock(http, now - now % kDaySeconds + kDaySeconds - now + 1);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        // Reported back (the lease let go), not just claimed.
        const std::string reported =
            "SELECT COUNT(*) FROM outbox WHERE kind = 'diversion.apply' AND last_error <> '' "
            "AND claimed_by IS NULL";
        ASSERT_TRUE(Eventually([&] {
            return ApplyAttempts(desk) == attempt && DbNumber(desk.db_path(), reported) == 1;
        })) << "attempt " << attempt << "\n" << desk.server().Log();
        EXPECT_EQ(pbx.DiversionState(leave_id), "planned");
        EXPECT_EQ(Notifications(http, desk.lead, "diversion.delayed").size(), attempt < 3 ? 0u : 1u)
            << "the leads hear after the third failure, once";
        AdvanceClock(http, 3 * 60);  // past the backoff
    }
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "active"; })) << desk.server().Log();
    EXPECT_EQ(ApplyAttempts(desk), 4);
    EXPECT_NE(Str(Notifications(http, desk.lead, "diversion.delayed")[0].at("message")).find("1001"),
              std::string::npos);
}

TEST(Handoff, APbxThatRefusesFailsTheDiversionAndAlertsTheLeads_R13) {
    AmiDesk pbx({}, "not-the-secret");
    TestDesk& desk = pbx.desk();
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    const std::int64_t leave_id = Id(pbx.PlanDivertedLeave(now));
    AdvanceClock(http, now - now % kDaySeconds + kDaySeconds - now + 1);
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "failed"; })) << desk.server().Log();
    EXPECT_EQ(ApplyAttempts(desk), 1) << "a refusal is not retried";
    EXPECT_EQ(pbx.Journal().find("DBPut"), std::string::npos) << "nothing was written past the refused login";
    for (const Person* lead : {&desk.lead, &desk.lead2}) {
        ASSERT_EQ(Notifications(http, *lead, "diversion.failed").size(), 1u) << lead->login;
    }
    const auto leave = http.Get(LeavePath(leave_id), desk.asha.token).json();
    EXPECT_EQ(ItemState(leave, "diversion_set"), "missing");
    EXPECT_EQ(Blockers(leave, "diversion_set").find("not-the-secret"), std::string::npos) << "no secret in sight";
    EXPECT_EQ(desk.server().Log().find("not-the-secret"), std::string::npos) << "no secret in the log";
}

std::int64_t MailNumber(TestDesk& desk, const std::string& column) {
    return DbNumber(desk.db_path(), "SELECT " + column + " FROM outbox WHERE kind = 'mail' ORDER BY id DESC LIMIT 1");
}

// RFC 5321 4.5.3.2.6: the reply to the end of the message may take ten minutes. A server that stores the message
// and answers after 35 s (longer than the desk used to wait) gets it once; and while the mail lane waits for it,
// the phone lane diverts a desk phone as its leave starts.
TEST(Handoff, ASlowMailServersLateReplyIsAwaitedSoTheTeamGetsOneCopyAndThePhoneDoesNotWait_R5_R13) {
    MailSink sink({"--delay-data", "35"});
    AmiDesk pbx({}, "s3cret", sink.Env());
    TestDesk& desk = pbx.desk();
    const HttpClient http = desk.client();
    std::int64_t now = AdvanceClock(http, 0);
    now = AdvanceClock(http, kDaySeconds - now % kDaySeconds - 60);  // a minute before midnight
    const std::int64_t leave_id = Id(pbx.PlanDivertedLeave(now));    // tomorrow, with desk phone 1001
    ASSERT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{}).status, 202);
    ASSERT_TRUE(Eventually([&] { return sink.Messages().size() == 1; })) << sink.peer().Log() << desk.server().Log();
    // The claim's lease outlasts the longest attempt (15 min by default), so no second claim can send it again.
    EXPECT_GE(MailNumber(desk, "next_attempt_at"), (now + 15 * 60) * 1000);

    // The leave starts while the mail server is still thinking: the diversion does not queue behind the mail.
    AdvanceClock(http, 61);
    ASSERT_TRUE(Eventually([&] { return pbx.DiversionState(leave_id) == "active"; }, std::chrono::seconds(15)))
        << pbx.Journal() << desk.server().Log();
    EXPECT_EQ(MailNumber(desk, "state = 'pending'"), 1) << "the mail was still on its way";

    ASSERT_TRUE(Eventually([&] { return MailNumber(desk, "state = 'delivered'") == 1; }, std::chrono::seconds(60)))
        << desk.server().Log();
    EXPECT_EQ(MailNumber(desk, "attempts"), 1);
    EXPECT_EQ(ItemState(http.Get(LeavePath(leave_id), desk.asha.token).json(), "handoff_sent"), "done");
    AdvanceClock(http, kDaySeconds);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_EQ(sink.Messages().size(), 1u) << "one copy, not one per timeout";
    EXPECT_TRUE(Notifications(http, desk.asha, "handoff.mail_delayed").empty()) << "it was never late";
}

// A server that accepts the connection and never says a word: each attempt ends at the configured deadline, and
// after max_attempts the desk gives up, tells the engineer once and shows it in the readiness checklist.
TEST(Handoff, AMailServerThatNeverAnswersIsGivenUpAfterMaxAttemptsAndTheEngineerToldOnce_R5_R4) {
    MailSink sink({"--mute"});
    TempDir dir;
    std::ofstream(dir.File("desk.toml")) << "[mail]\nconnect_timeout_seconds = 1\nreply_timeout_seconds = 1\n"
                                            "attempt_timeout_seconds = 2\nmax_attempts = 3\n";
    TestDesk desk({"--test-clock", "--config", dir.File("desk.toml")}, sink.Env());
    const HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 3)}, {"last_day", UtcDay(now, 3)}, {"kind", "vacation"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    const std::int64_t leave_id = Id(planned.json());
    ASSERT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{}).status, 202);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        // Reported back (the lease let go), not just claimed.
        ASSERT_TRUE(Eventually([&] {
            return MailNumber(desk, "attempts") == attempt && MailNumber(desk, "claimed_by IS NULL") == 1;
        })) << "attempt " << attempt << "\n" << desk.server().Log();
        EXPECT_EQ(MailNumber(desk, "state = 'failed'"), attempt == 3 ? 1 : 0);
        AdvanceClock(http, 31 * 60);  // past the longest backoff
    }
    AdvanceClock(http, kDaySeconds);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_EQ(MailNumber(desk, "attempts"), 3) << "no attempt after the last one";
    EXPECT_TRUE(sink.Messages().empty());

    const auto told = Notifications(http, desk.asha, "handoff.mail_failed");
    ASSERT_EQ(told.size(), 1u) << "told once that the desk gave up";
    EXPECT_NE(Str(told[0].at("message")).find("3 attempts"), std::string::npos) << Str(told[0]);
    EXPECT_TRUE(Notifications(http, desk.asha, "handoff.mail_delayed").empty()) << "the last word is the give-up";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'leave.handoff_failed'"), 1);
    const auto leave = http.Get(LeavePath(leave_id), desk.asha.token).json();
    EXPECT_EQ(leave.at("handoff_email").at("state").as_string(), "failed");
    EXPECT_EQ(ItemState(leave, "handoff_sent"), "missing");
    EXPECT_NE(Blockers(leave, "handoff_sent").find("gave up on the hand-off email after 3 attempts"), std::string::npos)
        << Blockers(leave, "handoff_sent");
    EXPECT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{}).status, 202)
        << "and it may be sent again";
}

// kill -9 while the mail server holds the message and has not answered yet: at the next start the desk releases
// the dead process's lease and sends at once (not after the lease), so the team gets at most one duplicate.
TEST(Handoff, ADeskKilledMidDeliverySendsAgainAtRestartNotAfterTheLease_R5) {
    MailSink sink({"--delay-data", "30", "--delay-count", "1"});
    TestDesk desk({"--test-clock"}, sink.Env());
    HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 2)}, {"last_day", UtcDay(now, 2)}, {"kind", "personal"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    const std::int64_t leave_id = Id(planned.json());
    ASSERT_EQ(http.Post(LeavePath(leave_id, "/handoff-email"), desk.asha.token, json::object{}).status, 202);
    ASSERT_TRUE(Eventually([&] { return sink.Messages().size() == 1; })) << sink.peer().Log() << desk.server().Log();
    EXPECT_EQ(MailNumber(desk, "claimed_by IS NOT NULL"), 1) << "in flight, leased to this process";

    desk.server().Kill();
    desk.server().Restart();  // the desk's clock has not moved past the lease
    http = desk.client();
    ASSERT_TRUE(Eventually([&] { return MailNumber(desk, "state = 'delivered'") == 1; })) << desk.server().Log();
    EXPECT_EQ(MailNumber(desk, "attempts"), 2);
    EXPECT_EQ(sink.Messages().size(), 2u) << "the copy in flight at the crash, and one more: never a third";
    EXPECT_EQ(DbNumber(desk.db_path(), "SELECT COUNT(*) FROM events WHERE action = 'outbox.released'"), 1);
    EXPECT_EQ(ItemState(http.Get(LeavePath(leave_id), desk.asha.token).json(), "handoff_sent"), "done");
    EXPECT_TRUE(Notifications(http, desk.asha, "handoff.mail_delayed").empty());
}

// A stop (SIGTERM) does not wait out a mail server that takes its time: the attempt is interrupted, and the next
// start sends the message again at once.
TEST(Handoff, AStopDoesNotWaitForASlowMailServerAndTheNextStartSendsIt_R5) {
    MailSink sink({"--delay-data", "30", "--delay-count", "1"});
    TestDesk desk({"--test-clock"}, sink.Env());
    HttpClient http = desk.client();
    const std::int64_t now = AdvanceClock(http, 0);
    auto planned = http.Post("/api/v1/leaves", desk.asha.token,
                             {{"first_day", UtcDay(now, 2)}, {"last_day", UtcDay(now, 2)}, {"kind", "personal"}});
    ASSERT_EQ(planned.status, 201) << planned.body;
    ASSERT_EQ(http.Post(LeavePath(Id(planned.json()), "/handoff-email"), desk.asha.token, json::object{}).status, 202);
    ASSERT_TRUE(Eventually([&] { return sink.Messages().size() == 1; })) << sink.peer().Log() << desk.server().Log();

    const auto stopping = std::chrono::steady_clock::now();
    EXPECT_EQ(desk.server().Stop(), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::seconds(5)) << desk.server().Log();
    EXPECT_EQ(MailNumber(desk, "state = 'pending'"), 1) << "an interrupted attempt records no outcome";
    desk.server().Restart();
    http = desk.client();
    ASSERT_TRUE(Eventually([&] { return MailNumber(desk, "state = 'delivered'") == 1; })) << desk.server().Log();
    EXPECT_EQ(sink.Messages().size(), 2u);
}

TEST(Handoff, BadMailAndPhoneSettingsStopTheServerNamingThem) {
    TempDir dir;
    const std::pair<std::string, std::string> bad_files[] = {
        {"[mail]\nrequire_tls = \"yes\"\n", "mail.require_tls"},
        {"[mail]\nsmtp_url = \"http://mail.example\"\n", "mail.smtp_url"},
        {"[mail]\nteam_adress = \"team@desk.test\"\n", "mail.team_adress"},
        {"[phone]\ndriver = \"cisco\"\n", "phone.driver"},
        {"[phone]\ndriver = \"asterisk_ami\"\n", "phone.ami_username"},
        {"[phone]\nami_port = 70000\n", "phone.ami_port"},
        {"[phone]\ndriver = \"asterisk_ami\"\nami_username = \"desk\"\n", "phone.ami_secret"},
        {"[policy]\nleave_max_days = 30\n[leave]\nmax_days = 20\n", "leave.max_days"},
        {"[leave]\nreminder_days = [0]\n", "leave.reminder_days"},
        {"[mail]\ntimeout_seconds = 30\n", "mail.timeout_seconds"},
        {"[mail]\nreply_timeout_seconds = 0\n", "mail.reply_timeout_seconds"},
        {"[mail]\nconnect_timeout_seconds = 3601\n", "mail.connect_timeout_seconds"},
        {"[mail]\nattempt_timeout_seconds = 60\n", "mail.attempt_timeout_seconds"},
        {"[mail]\nmax_attempts = 0\n", "mail.max_attempts"},
        {"[phone]\nmax_attempts = -1\n", "phone.max_attempts"},
    };
    for (const auto& [text, field] : bad_files) {
        { std::ofstream(dir.File("desk.toml")) << text; }
        auto refused =
            RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0", "--config", dir.File("desk.toml")});
        EXPECT_NE(refused.exit_code, 0) << text;
        EXPECT_NE(refused.err.find(field), std::string::npos) << text << " -> " << refused.err;
    }
    // The environment is checked as strictly as the file: no header injection through the team's address.
    const std::pair<std::string, std::string> bad_env[] = {
        {"SHIFTDESK_TEAM_ADDRESS=team@desk.test\r\nBcc: evil@example.org", "mail.team_address"},
        {"SHIFTDESK_MAIL_FROM=Desk <desk@desk.test>", "mail.from"},
        {"SHIFTDESK_SMTP_URL=ftp://mail.example", "mail.smtp_url"},
    };
    for (const auto& [env, field] : bad_env) {
        auto refused = RunCli({"serve", "--db", dir.File("d.db"), "--listen", "127.0.0.1:0"}, "", {env});
        EXPECT_NE(refused.exit_code, 0) << env;
        EXPECT_NE(refused.err.find(field), std::string::npos) << env << " -> " << refused.err;
    }
}

}  // namespace
}  // namespace shiftdesk::test
