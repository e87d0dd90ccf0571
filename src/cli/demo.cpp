// `shiftdesk demo`: seeds a sample team and a morning's tickets into an empty database, through the same use
// cases (and rules) as the API, then prints the logins.
#include <iostream>

#include "app/calls.hpp"
#include "app/command_runner.hpp"
#include "app/context.hpp"
#include "app/handoff.hpp"
#include "app/leaves.hpp"
#include "app/people.hpp"
#include "app/requests.hpp"
#include "app/tickets.hpp"
#include "app/training.hpp"
#include "app/wait.hpp"
#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "common/civil_time.hpp"
#include "store/users.hpp"

namespace shiftdesk::cli {
namespace {

constexpr std::string_view kDemoPassword = "shiftdesk-demo";

struct DemoUser {
    const char* login;
    const char* name;
    domain::Role role;
    const char* desk_phone;  // "": none (R13)
};

constexpr DemoUser kTeam[] = {
    {"mubeen", "Mubeen Rahman", domain::Role::kShiftLead, "1000"}, {"asha", "Asha Verma", domain::Role::kEngineer, "1001"},
    {"bruno", "Bruno Costa", domain::Role::kEngineer, "1002"},     {"chen", "Chen Wei", domain::Role::kEngineer, "1003"},
    {"dana", "Dana Okafor", domain::Role::kEngineer, "1004"},      {"sofia", "Sofia Lind", domain::Role::kSuccess, ""},
    {"admin", "Desk Admin", domain::Role::kAdmin, ""},
};

struct DemoTicket {
    const char* subject;
    const char* description;
    domain::Priority priority;
    domain::Channel channel;
    const char* customer;
    const char* email;
    const char* plan;
    bool critical;
    const char* taken_by;  // nullptr: waits in the queue
};

constexpr DemoTicket kTickets[] = {
    {"Export to CSV does nothing", "Clicking Export in Reports shows a spinner and then nothing happens.",
     domain::Priority::kHigh, domain::Channel::kIntercom, "Jo Park", "jo@acme.example", "enterprise", true, "asha"},
    {"SSO login loops back to the sign-in page", "Since this morning our users bounce between Okta and your login.",
     domain::Priority::kUrgent, domain::Channel::kEmail, "Priya Nair", "priya@northwind.example", "enterprise", true,
     "bruno"},
    {"Invoice shows the wrong VAT rate", "Our March invoice charged 19% instead of 7%.", domain::Priority::kNormal,
     domain::Channel::kEmail, "Lars Berg", "lars@fjord.example", "business", false, "asha"},
    {"How do I add a second admin?", "We need a backup admin for the holidays.", domain::Priority::kLow,
     domain::Channel::kWeb, "Mina Sato", "mina@kumo.example", "standard", false, "chen"},
    {"Webhook deliveries delayed by an hour", "Order webhooks arrive about 60 minutes late since Tuesday.",
     domain::Priority::kHigh, domain::Channel::kPhone, "Omar Haddad", "omar@souk.example", "business", false, nullptr},
    {"API returns 429 below our rate limit", "We send 20 requests a minute and get 429s.", domain::Priority::kNormal,
     domain::Channel::kEmail, "Jo Park", "jo@acme.example", "enterprise", true, nullptr},
    {"Dashboard charts are blank in Safari", "Charts render in Chrome but not in Safari 17.", domain::Priority::kNormal,
     domain::Channel::kIntercom, "Eva Novak", "eva@lumen.example", "standard", false, nullptr},
    {"Bulk import stops at row 5,000", "Importing 12,000 contacts stops at 5,000 without an error.",
     domain::Priority::kHigh, domain::Channel::kWeb, "Raj Patel", "raj@orbit.example", "business", false, nullptr},
};

template <class T>
bool Ok(const Result<T>& r, std::string_view what) {
    if (r) return true;
    std::cerr << "error: " << what << ": " << r.error().message << "\n";
    return false;
}

// The features the demo seeds through, over one context: the same use cases, and rules, as the API.
struct DemoDesk {
    DemoDesk(store::Db& db, const Clock& clock) : runner(db, clock) {}
    const Clock& clock() const { return runner.clock(); }
    const policy::Settings& settings() const { return options.policy; }

    const app::DeskOptions options{};
    app::CommandRunner runner;
    const app::Context context{runner.clock(), options, runner};
    app::People people{context};
    app::Tickets tickets{context};
    app::Requests requests{context};
    app::Calls calls{context};
    app::Training training{context};
    app::Leaves leaves{context};
    app::Handoff handoff{context};
};

bool Seed(DemoDesk& desk, std::map<std::string, domain::Actor>& people) {
    for (const auto& u : kTeam) {
        app::AddUserCmd cmd{u.login, u.name, std::string(u.login) + "@desk.example", u.role,
                            std::string(kDemoPassword), u.desk_phone};
        auto user = app::Wait<domain::User>([&](app::Done<domain::User> done) { desk.people.AddUser(cmd, done); });
        if (!Ok(user, u.login)) return false;
        people[u.login] = domain::Actor{user->id, user->role, user->login, user->name};
    }
    const domain::Actor& lead = people["mubeen"];
    for (const auto& t : kTickets) {
        app::CreateTicketCmd cmd;
        cmd.subject = t.subject;
        cmd.description = t.description;
        cmd.priority = t.priority;
        cmd.channel = t.channel;
        cmd.customer = {t.customer, t.email, std::string(t.plan), t.critical};
        auto created = app::Wait<app::CreatedTicket>(
            [&](app::Done<app::CreatedTicket> done) { desk.tickets.CreateTicket(people["dana"], cmd, done); });
        if (!Ok(created, t.subject)) return false;
        if (!t.taken_by) continue;
        const domain::Actor& engineer = people[t.taken_by];
        const auto id = created->ticket.id;
        if (!Ok(app::Wait<domain::Ticket>([&](auto done) { desk.tickets.TakeTicket(engineer, id, done); }), "take"))
            return false;
        const std::string reply = "Hi " + std::string(t.customer) +
                                  ", thanks for reporting this. I am on it and will "
                                  "update you within the hour.";
        // R2: the reply promises the next update, as it says.
        const Millis within_the_hour = desk.clock().Now() + kHour;
        if (!Ok(app::Wait<domain::ThreadEntry>(
                    [&](auto done) { desk.tickets.AddReply(engineer, id, reply, within_the_hour, done); }),
                "reply")) {
            return false;
        }
        const std::string note = "Reproduced on staging; collecting logs before escalating.";
        if (!Ok(app::Wait<domain::ThreadEntry>([&](auto done) { desk.tickets.AddNote(engineer, id, note, done); }),
                "note")) {
            return false;
        }
    }
    // The lead moves one ticket and says why in a private note (R11, R10).
    auto moved = app::Wait<domain::Ticket>([&](auto done) {
        desk.tickets.AssignTicket(lead, 3, people["dana"].id,
                                  "Dana knows the billing code best; Asha has the SSO fire.", done);
    });
    if (!Ok(moved, "reassign")) return false;
    // Two requests wait in the lead's inbox: a new issue found in a ticket (R9, R12) and off-queue time (R6).
    app::FileRequestCmd child;
    child.kind = domain::RequestKind::kNewTicket;
    child.ticket_id = 2;
    child.reason = "multiple_issues";
    child.subject = "SCIM provisioning also fails for Northwind";
    child.description = "Found while debugging the SSO loop: new users are not provisioned either.";
    if (!Ok(app::Wait<domain::Request>([&](auto done) { desk.requests.FileRequest(people["bruno"], child, done); }),
            "request")) {
        return false;
    }
    app::FileRequestCmd off;
    off.kind = domain::RequestKind::kOffQueue;
    off.hours = 2;
    off.reason = "Three escalations to write up before the weekly review.";
    if (!Ok(app::Wait<domain::Request>([&](auto done) { desk.requests.FileRequest(people["chen"], off, done); }),
            "request")) {
        return false;
    }
    // A call tomorrow on the SSO ticket (R3), and two sessions the success team asked for (R14): a short one open to
    // any engineer on queue, a training that waits for the lead.
    app::ScheduleCallCmd call;
    call.ticket_id = 2;
    call.starts_at = desk.clock().Now() + kDay;
    call.minutes = 30;
    call.details.join_url = "https://meet.example/northwind-sso";
    if (!Ok(app::Wait<app::CallOutcome>([&](auto done) { desk.calls.ScheduleCall(people["bruno"], call, done); }),
            "call")) {
        return false;
    }
    for (const auto& [kind, minutes, topic] : {std::tuple{"technical_session", 30, "Webhook retry settings"},
                                               std::tuple{"training", 90, "Admin onboarding for the new team"}}) {
        app::FileTrainingCmd training{"Acme", "jo@acme.example", "enterprise", true, kind, minutes, topic, "Jo Park"};
        if (!Ok(app::Wait<domain::TrainingRequest>(
                    [&](auto done) { desk.training.FileTraining(people["sofia"], training, done); }),
                "training request")) {
            return false;
        }
    }
    // Dana is away next week (R4): the team sees it, and nothing is routed to her then.
    const auto zone = TimeZone::Find(desk.settings().calendar.time_zone);
    if (!zone) return false;
    const CivilDay today = zone->DayOf(desk.clock().Now());
    app::PlanLeaveCmd leave{std::nullopt, FormatIsoDate(today + 7), FormatIsoDate(today + 11), "vacation",
                            "Family visit. Bruno covers the Fjord VAT invoice."};
    const auto planned =
        app::Wait<app::LeaveView>([&](auto done) { desk.leaves.PlanLeave(people["dana"], leave, done); });
    if (!Ok(planned, "leave")) return false;
    // Half-way ready (R4): the billing ticket is on the hand-off sheet (R8) and her phone goes to Bruno (R13); the
    // hand-off email (R5) is still to be sent.
    app::PlaceOnSheetCmd handoff{3, "leave", "Reproduced: the March invoice used the 19% rate; the tax table is right.",
                                 "Check which rate the invoice job cached, then re-issue the invoice.", std::nullopt};
    if (!Ok(app::Wait<app::HandoffView>([&](auto done) { desk.handoff.PlaceOnSheet(people["dana"], handoff, done); }),
            "hand-off entry")) {
        return false;
    }
    return Ok(app::Wait<app::LeaveView>(
                  [&](auto done) { desk.leaves.SetDiversion(people["dana"], planned->leave.id, "1002", done); }),
              "diversion");
}

}  // namespace

void AddDemoCommand(CLI::App& app, int& status) {
    auto db_flag = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("demo", "Seed a demo team and tickets into an empty database; print the logins");
    cmd->add_option("--db", *db_flag, "SQLite database file (default: $SHIFTDESK_DB)");
    cmd->callback([db_flag, &status] {
        auto db = OpenDatabase(*db_flag);
        if (!db) {
            status = 1;
            return;
        }
        std::int64_t users = 0;
        (void)db->Read([&](store::Conn& c) -> Result<void> {
            users = SD_TRY(store::CountUsers(c));
            return {};
        });
        SystemClock clock;
        DemoDesk desk(*db, clock);
        std::map<std::string, domain::Actor> people;
        bool demo_team = true;
        if (users == 0) {
            if (!Seed(desk, people)) status = 1;
        } else {
            std::optional<domain::User> lead;
            (void)db->Read([&](store::Conn& c) -> Result<void> {
                lead = SD_TRY(store::FindUserByLogin(c, kTeam[0].login));
                return {};
            });
            demo_team = lead.has_value();
            std::cout << "the database already has people; no demo data added\n";
        }
        db->Close();
        if (status != 0 || !demo_team) return;
        std::cout << "demo team (password for everyone: " << kDemoPassword << ")\n";
        for (const auto& u : kTeam) {
            const std::string_view role = domain::ToString(u.role);
            std::cout << "  " << u.login << std::string(9 - std::string_view(u.login).size(), ' ') << role
                      << std::string(12 - role.size(), ' ') << u.name << "\n";
        }
    });
}

}  // namespace shiftdesk::cli
