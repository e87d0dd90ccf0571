// The desk's settings that the use cases read: the team's policy, mail addresses, delivery limits, sign-in
// throttling. Plain values, fixed once the desk starts; thread-compatible.
#pragma once

#include <cstddef>
#include <string>

#include "app/login_throttle.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "domain/types.hpp"
#include "policy/settings.hpp"

namespace shiftdesk::app {

// Who the desk's mail comes from and goes to (R5). Sending itself is the outbox dispatcher's (jobs/).
struct MailOptions {
    std::string from;  // the desk's own address, e.g. "desk@support.example"
    std::string from_name = "shiftdesk";
    std::string team_address;  // the whole support team, e.g. "support-team@support.example"
};

// Mail that customers send to the desk (R1, R2): where it arrives and how much of it one sender may send.
struct MailInOptions {
    // The address customers write to, e.g. "support@desk.example"; replies go out from it, and its plus addresses
    // ("support+t42@...") name a ticket.
    std::string support_address;
    // Messages one sender may open or add in an hour; past it they are kept but change nothing (a mail storm, a
    // loop with another robot).
    int max_per_sender_per_hour = 30;
};

struct DeskOptions {
    Millis session_lifetime = 12 * kHour;  // one long shift; then sign in again
    PasswordCost password_cost;
    policy::Settings policy;
    MailOptions mail;
    MailInOptions mail_in;
    // How desk phones are diverted (R13): the engineer does it and confirms, or the desk does it through the PBX.
    domain::PhoneDriverKind phone_driver = domain::PhoneDriverKind::kManual;
    // After this many failed attempts at a delivery the leads (for the phone) or the sender (for mail) are told.
    int outbox_alert_after = 3;
    // Refusals found by reads: the first of a kind (actor, action, rule) in this window is written at once, the
    // repeats are counted and summarised in one line when the window closes.
    Millis read_refusal_window = kMinute;
    std::size_t read_refusal_kinds = 10000;  // kinds remembered at once; beyond, repeats are counted together
    // After this many the desk gives up: the item fails and they are told ([mail] and [phone] max_attempts). With
    // the backoff (30 s doubling to 30 min) 12 attempts span about three hours.
    int mail_max_attempts = 12;
    int phone_max_attempts = 12;
    LoginThrottleSettings login;  // how failed sign-ins slow the next attempt ([login] in the config)
    // Test hooks (serve --test-clock only): a request can make its own command throw
    // (CommandRunner::ThrowInNextCommandOf).
    bool test_hooks = false;
};

}  // namespace shiftdesk::app
