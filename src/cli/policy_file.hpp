// The desk's config file (TOML): every default of the rulebook a team may change, and how the desk reaches mail and
// the phone system. Example: docs/policy.example.toml.
#pragma once

#include <string>

#include "app/login_throttle.hpp"
#include "common/result.hpp"
#include "domain/types.hpp"
#include "integrations/telephony/asterisk_ami.hpp"
#include "notify/smtp_client.hpp"
#include "policy/settings.hpp"

namespace shiftdesk::cli {

struct MailConfig {
    notify::SmtpSettings smtp;  // smtp.url empty: no mail server
    std::string from;
    std::string from_name = "shiftdesk";
    std::string team_address;
};

struct PhoneConfig {
    domain::PhoneDriverKind driver = domain::PhoneDriverKind::kManual;
    integrations::AmiSettings ami;
};

struct DeskConfig {
    policy::Settings policy;
    MailConfig mail;
    PhoneConfig phone;
    app::LoginThrottleSettings login;
};

// Reads [policy], [calendar], [sla], [calls], [training], [mail], [phone] and [login]; keys left out keep their
// defaults; an unknown key or a value out of range is an error naming it (e.g. "calendar.holidays").
Result<DeskConfig> LoadConfig(const std::string& path);

// The environment overrides the file: SHIFTDESK_SMTP_URL, SHIFTDESK_SMTP_USER, SHIFTDESK_SMTP_PASSWORD,
// SHIFTDESK_MAIL_FROM, SHIFTDESK_TEAM_ADDRESS, SHIFTDESK_AMI_SECRET. Then checks the mail settings hang together:
// addresses are plain addr-specs, the URL is smtp:// or smtps://.
Result<void> ApplyEnvironment(DeskConfig& config);

}  // namespace shiftdesk::cli
