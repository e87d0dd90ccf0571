// Audits refusals that reads produce (reads cannot write themselves): the first of its kind in a window is written at
// once, repeats are counted and summarised when the window closes (ReadRefusalLog). Thread-safe.
#pragma once

#include "app/context.hpp"
#include "app/read_refusals.hpp"

namespace shiftdesk::app {

class RefusalAudit : public Module {
 public:
    explicit RefusalAudit(const Context& ctx)
        : Module(ctx), read_refusals_(ctx.options.read_refusal_window, ctx.options.read_refusal_kinds) {}

    // Writes the refusal's audit line now, or counts it as a repeat of its window.
    void AuditRefusal(const domain::Actor& actor, const Error& refusal, Done<bool> done);
    // Writes the summaries of refused reads whose window has closed; returns how many lines. The due work runs it.
    void FlushReadRefusals(Done<int> done);

 private:
    ReadRefusalLog read_refusals_;
};

}  // namespace shiftdesk::app
