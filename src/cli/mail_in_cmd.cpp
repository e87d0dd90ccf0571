// `shiftdesk mail-in`: one RFC 5322 message on stdin into the desk, for an MTA's pipe transport, fetchmail or
// getmail. Exit status as <sysexits.h> and MTAs read it: 0 delivered (stored, or recognised as a duplicate or a
// machine's mail and dropped — stderr says which), 65 not a message (the MTA bounces it), 75 try again later.
#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>

#include "app/mail_in.hpp"
#include "app/wait.hpp"
#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "cli/policy_file.hpp"
#include "integrations/mail_in/mime_parser.hpp"

namespace shiftdesk::cli {
namespace {

constexpr int kDelivered = 0;
constexpr int kNotAMessage = 65;  // EX_DATAERR
constexpr int kTryLater = 75;     // EX_TEMPFAIL

struct MailInFlags {
    std::string db;
    std::string mailbox;
    std::string config;
};

// Reads at most `limit` + 1 bytes: one past the limit is enough to refuse the message.
std::string ReadStdin(std::size_t limit) {
    std::string raw;
    char buffer[1 << 16];
    while (raw.size() <= limit && std::cin.read(buffer, sizeof buffer).gcount() > 0) {
        raw.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    }
    return raw;
}

int Run(const MailInFlags& flags) {
    std::ios::sync_with_stdio(false);
    const std::string raw = ReadStdin(integrations::kMaxInboundMailBytes);
    auto parsed = integrations::ParseMail(raw);
    if (!parsed) {
        std::cerr << "mail-in: refused: " << parsed.error().message << "\n";
        return kNotAMessage;
    }
    const auto config = LoadDeskConfig(flags.config);
    if (!config) return kTryLater;  // a broken config is the operator's to fix; the MTA keeps the message meanwhile
    auto db = OpenDatabase(flags.db);
    if (!db) return kTryLater;
    SystemClock clock;
    const app::DeskOptions options = DeskOptionsFor(*config);
    app::CommandRunner runner(*db, clock);
    app::MailIn mail_in(app::Context{clock, options, runner});
    app::InboundMessage message{raw, std::move(*parsed), flags.mailbox};
    auto result = app::Wait<app::MailInResult>(
        [&](app::Done<app::MailInResult> done) { mail_in.Receive(std::move(message), done); });
    db->Close();
    if (!result) {
        std::cerr << "mail-in: not stored, try again later: " << result.error().message << "\n";
        return kTryLater;
    }
    std::cerr << "mail-in: " << app::ToString(result->outcome) << " (" << domain::ToString(result->kind) << ")";
    if (result->ticket_id) std::cerr << ", ticket " << *result->ticket_id;
    std::cerr << ", message " << result->message_id << "\n";
    return kDelivered;
}

}  // namespace

void AddMailInCommand(CLI::App& app, int& status) {
    auto flags = std::make_shared<MailInFlags>();
    auto* cmd = app.add_subcommand("mail-in", "Take one email on stdin into the desk (exit 0 delivered, 65 not a "
                                              "message, 75 try again later)");
    cmd->add_option("--db", flags->db, "SQLite database file (default: $SHIFTDESK_DB)");
    cmd->add_option("--mailbox", flags->mailbox, "The desk address the message was delivered to");
    cmd->add_option("--policy,--config", flags->config, "The desk's config file (as for serve)");
    cmd->callback([flags, &status] { status = Run(*flags); });
}

}  // namespace shiftdesk::cli
