// The subcommands of `shiftdesk`; each registers itself on the CLI11 app and stores its exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace shiftdesk::cli {

void AddServeCommand(CLI::App& app, int& status);
void AddMigrateCommand(CLI::App& app, int& status);
void AddUserCommands(CLI::App& app, int& status);
void AddTokenCommands(CLI::App& app, int& status);
void AddDemoCommand(CLI::App& app, int& status);
void AddBenchCommands(CLI::App& app, int& status);
void AddMailInCommand(CLI::App& app, int& status);

}  // namespace shiftdesk::cli
