#include "app/modules.hpp"

namespace shiftdesk::app {

Modules::Modules(store::Db& db, const Clock& clock, DeskOptions desk_options)
    : options(std::move(desk_options)),
      runner(db, clock, options.test_hooks),
      audit(Context{clock, options, runner}),
      people(Context{clock, options, runner}),
      tickets(Context{clock, options, runner}),
      requests(Context{clock, options, runner}),
      sla(Context{clock, options, runner}),
      notifications(Context{clock, options, runner}),
      calls(Context{clock, options, runner}),
      calendar(Context{clock, options, runner}),
      training(Context{clock, options, runner}),
      leaves(Context{clock, options, runner}),
      handoff(Context{clock, options, runner}),
      outbox(Context{clock, options, runner}),
      mail_in(Context{clock, options, runner}),
      due_work(Context{clock, options, runner}) {}

}  // namespace shiftdesk::app
