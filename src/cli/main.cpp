// shiftdesk: the support desk's one binary — server, migrations, people, tokens, demo data, benchmark seeding.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "common/crypto.hpp"

int main(int argc, char** argv) {
    // Logs go to stderr; stdout carries only what a command prints for scripts (tokens, the bound address).
    spdlog::set_default_logger(spdlog::stderr_color_mt("shiftdesk"));
    if (!shiftdesk::InitCrypto()) {
        std::cerr << "error: libsodium failed to start\n";
        return 1;
    }
    CLI::App app{"shiftdesk: a support desk that runs the team by its rulebook"};
    app.require_subcommand(1);
    int status = 0;
    shiftdesk::cli::AddServeCommand(app, status);
    shiftdesk::cli::AddMigrateCommand(app, status);
    shiftdesk::cli::AddUserCommands(app, status);
    shiftdesk::cli::AddTokenCommands(app, status);
    shiftdesk::cli::AddDemoCommand(app, status);
    shiftdesk::cli::AddBenchCommands(app, status);
    shiftdesk::cli::AddMailInCommand(app, status);
    CLI11_PARSE(app, argc, argv);
    return status;
}
