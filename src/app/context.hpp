// What every feature module works with: the clock, the desk's options and the one transaction runner,
// and the base class that gives a module its Write and Read. A module holds references only: the objects behind
// them outlive it (app::Modules owns them together). Thread-safe as its parts are.
#pragma once

#include <functional>
#include <optional>

#include "app/command_runner.hpp"
#include "app/done.hpp"
#include "app/options.hpp"
#include "common/clock.hpp"
#include "store/db.hpp"

namespace shiftdesk::app {

// The store is reached only through the runner, so that every write is one command.
struct Context {
    const Clock& clock;
    const DeskOptions& options;
    CommandRunner& runner;
};

// A feature module's common part: its use cases write through Write (one transaction per command) and read
// through Read (one snapshot), with the clock and the options at hand.
class Module {
 public:
    explicit Module(const Context& ctx) : clock_(ctx.clock), options_(ctx.options), runner_(ctx.runner) {}

    const Clock& clock() const { return clock_; }
    const policy::Settings& settings() const { return options_.policy; }

 protected:
    template <class T>
    void Write(std::optional<domain::Actor> actor, std::function<Result<T>(store::Conn&, Millis now)> fn, Done<T> done,
               bool announce = true) {
        runner_.Write<T>(std::move(actor), std::move(fn), std::move(done), announce);
    }
    template <class T>
    Result<T> Read(const std::function<Result<T>(store::Conn&)>& fn) {
        return runner_.Read<T>(fn);
    }

    const Clock& clock_;
    const DeskOptions& options_;
    CommandRunner& runner_;
};

}  // namespace shiftdesk::app
