// The desk's feature modules built together over one context: what the server (cli/serve.cpp) wires and hands out,
// one module to each part that serves it. Nothing outside app/ but the wiring should need all of them: a handler
// includes the header of the feature it serves. Thread-safe as its modules are.
#pragma once

#include "app/calendar.hpp"
#include "app/calls.hpp"
#include "app/command_runner.hpp"
#include "app/context.hpp"
#include "app/due_work.hpp"
#include "app/handoff.hpp"
#include "app/leaves.hpp"
#include "app/mail_in.hpp"
#include "app/notifications.hpp"
#include "app/options.hpp"
#include "app/outbox.hpp"
#include "app/people.hpp"
#include "app/refusal_audit.hpp"
#include "app/requests.hpp"
#include "app/sla.hpp"
#include "app/tickets.hpp"
#include "app/training.hpp"

namespace shiftdesk::app {

struct Modules {
    Modules(store::Db& db, const Clock& clock, DeskOptions desk_options = {});
    Modules(const Modules&) = delete;
    Modules& operator=(const Modules&) = delete;

    const Clock& clock() const { return runner.clock(); }
    const policy::Settings& settings() const { return options.policy; }

    const DeskOptions options;
    CommandRunner runner;  // the one transaction runner every module writes through
    RefusalAudit audit;
    People people;
    Tickets tickets;
    Requests requests;
    Sla sla;
    Notifications notifications;
    Calls calls;
    Calendar calendar;
    Training training;
    Leaves leaves;
    Handoff handoff;
    Outbox outbox;
    MailIn mail_in;
    DueWork due_work;
};

}  // namespace shiftdesk::app
