// `shiftdesk user add` and `shiftdesk token create`.
#include <iostream>

#include "app/people.hpp"
#include "app/wait.hpp"
#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "common/time.hpp"

namespace shiftdesk::cli {
namespace {

std::string ReadPassword() {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int Report(const Error& e) {
    std::cerr << "error: " << e.message;
    if (!e.field.empty()) std::cerr << " (" << e.field << ")";
    std::cerr << "\n";
    return 1;
}

}  // namespace

void AddUserCommands(CLI::App& app, int& status) {
    auto* user = app.add_subcommand("user", "Manage people");
    user->require_subcommand(1);
    auto cmd = std::make_shared<app::AddUserCmd>();
    auto db_flag = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto* add = user->add_subcommand("add", "Add a user; the password is read from stdin");
    add->add_option("--db", *db_flag, "SQLite database file (default: $SHIFTDESK_DB)");
    add->add_option("--login", cmd->login, "Login name")->required();
    add->add_option("--name", cmd->name, "Full name")->required();
    add->add_option("--email", cmd->email, "E-mail address")->required();
    add->add_option("--role", *role, "engineer, shift_lead, admin or success")->required();
    add->add_option("--desk-phone", cmd->desk_phone, "Desk phone extension, for call diversion during leave (R13)");
    add->callback([cmd, db_flag, role, &status] {
        const auto parsed_role = domain::ValueOf(domain::kRoleNames, *role);
        if (!parsed_role) {
            status = Report(Invalid("role", "--role must be " + domain::Choices(domain::kRoleNames)));
            return;
        }
        cmd->role = *parsed_role;
        cmd->password = ReadPassword();
        auto db = OpenDatabase(*db_flag);
        if (!db) {
            status = 1;
            return;
        }
        SystemClock clock;
        const app::DeskOptions options;
        app::CommandRunner runner(*db, clock);
        app::People people(app::Context{clock, options, runner});
        auto created = app::Wait<domain::User>([&](app::Done<domain::User> done) { people.AddUser(*cmd, done); });
        db->Close();
        if (!created) {
            status = Report(created.error());
            return;
        }
        std::cout << "added " << created->login << " (" << domain::ToString(created->role) << "), id " << created->id
                  << "\n";
    });
}

void AddTokenCommands(CLI::App& app, int& status) {
    auto* token = app.add_subcommand("token", "Manage API tokens");
    token->require_subcommand(1);
    struct Flags {
        std::string db, login, label = "cli";
        int ttl_days = 0;
    };
    auto flags = std::make_shared<Flags>();
    auto* create = token->add_subcommand("create", "Create a bearer API token and print it (shown once)");
    create->add_option("--db", flags->db, "SQLite database file (default: $SHIFTDESK_DB)");
    create->add_option("--login", flags->login, "Whose token")->required();
    create->add_option("--label", flags->label, "What the token is for");
    create->add_option("--ttl-days", flags->ttl_days, "Expire after this many days (default: never)");
    create->callback([flags, &status] {
        auto db = OpenDatabase(flags->db);
        if (!db) {
            status = 1;
            return;
        }
        SystemClock clock;
        const app::DeskOptions options;
        app::CommandRunner runner(*db, clock);
        app::People people(app::Context{clock, options, runner});
        std::optional<Millis> lifetime;
        if (flags->ttl_days > 0) lifetime = flags->ttl_days * kDay;
        auto created = app::Wait<app::ApiToken>(
            [&](app::Done<app::ApiToken> done) { people.CreateApiToken(flags->login, flags->label, lifetime, done); });
        db->Close();
        if (!created) {
            status = Report(created.error());
            return;
        }
        std::cout << created->token << "\n";
    });
}

}  // namespace shiftdesk::cli
