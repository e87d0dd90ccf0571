// The desk's config file (TOML): every default of the rulebook a team may change, and how the desk reaches mail and
// the phone system. Example: docs/policy.example.toml.
#pragma once

#include <optional>
#include <string>

#include "app/login_throttle.hpp"
#include "app/options.hpp"
#include "common/result.hpp"
#include "domain/types.hpp"
#include "integrations/mail_in/imap_mailbox.hpp"
#include "integrations/telephony/asterisk_ami.hpp"
#include "notify/smtp_client.hpp"
#include "policy/settings.hpp"

namespace shiftdesk::cli {

struct MailConfig {
    notify::SmtpSettings smtp;  // smtp.url empty: no mail server
    std::string from;
    std::string from_name = "shiftdesk";
    std::string team_address;
    int max_attempts = 12;  // then the outbox gives up on a message
    std::string support_address;  // where customers write; replies go out from it (mail in)
    int max_inbound_per_sender_per_hour = 30;
    // A mailbox hosted elsewhere, read over IMAP (imap_url empty: none).
    integrations::ImapSettings imap;
    int imap_poll_seconds = 60;
};

struct PhoneConfig {
    domain::PhoneDriverKind driver = domain::PhoneDriverKind::kManual;
    integrations::AmiSettings ami;
    int max_attempts = 12;  // then the outbox gives up on a diversion
};

// How the server meets the network. Flags of `serve` override these.
struct ServerConfig {
    std::optional<int> max_connections;  // absent: derived from the process's file limit
    int idle_timeout_seconds = 60;
    // The address people open the desk at ("https://desk.example.org"): cookie sessions must come to this host and
    // from this origin. Empty: any Host, and an Origin only when it names the Host it was sent to.
    std::string public_url;
};

struct DeskConfig {
    policy::Settings policy;
    MailConfig mail;
    PhoneConfig phone;
    ServerConfig server;
    app::LoginThrottleSettings login;
};

// Reads [policy], [calendar], [sla], [calls], [training], [dates], [mail], [phone], [server] and [login]; keys left
// out keep their defaults; an unknown key or a value out of range is an error naming it (e.g. "calendar.holidays").
Result<DeskConfig> LoadConfig(const std::string& path);

// A desk's public URL (server.public_url, serve --public-url): http(s), a host, an optional port, nothing more.
Result<void> CheckPublicUrl(std::string_view url);

// The environment overrides the file: SHIFTDESK_SMTP_URL, SHIFTDESK_SMTP_USER, SHIFTDESK_SMTP_PASSWORD,
// SHIFTDESK_MAIL_FROM, SHIFTDESK_TEAM_ADDRESS, SHIFTDESK_SUPPORT_ADDRESS, SHIFTDESK_IMAP_URL, SHIFTDESK_IMAP_USER,
// SHIFTDESK_IMAP_PASSWORD, SHIFTDESK_AMI_SECRET. Then checks the mail settings hang together:
// addresses are plain addr-specs, the URL is smtp:// or smtps://.
Result<void> ApplyEnvironment(DeskConfig& config);

// What the use cases read of the config.
app::DeskOptions DeskOptionsFor(const DeskConfig& config);

// Reads --config (when given) and the environment into a DeskConfig; prints the error and returns nullopt on failure.
std::optional<DeskConfig> LoadDeskConfig(const std::string& path);

}  // namespace shiftdesk::cli
