// The one transaction runner of the use cases: a write is one command on the store's writer — its changes and events
// commit together or not at all, and a refusal writes only its audit line — and a read is one snapshot. A use case
// that throws is undone alone and answered with kInternal (the store's writer catches it). Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "app/done.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::app {

class CommandRunner {
 public:
    // test_hooks: ThrowInNextCommandOf works (serve --test-clock only).
    CommandRunner(store::Db& db, const Clock& clock, bool test_hooks = false);

    const Clock& clock() const { return clock_; }

    // Runs a write use case as one transaction: fn's changes and events commit together, or, when fn fails,
    // none of them do and only the refusal's audit line (if the error carries one) is written. `announce`: false
    // for bookkeeping that no screen shows (store::WriteJob). done() runs on the writer thread once durable.
    template <class T>
    void Write(std::optional<domain::Actor> actor, std::function<Result<T>(store::Conn&, Millis now)> fn, Done<T> done,
               bool announce = true);

    // Runs a read use case on a snapshot, on the caller's thread.
    template <class T>
    Result<T> Read(const std::function<Result<T>(store::Conn&)>& fn);

    // Changes whenever a change the desk shows is committed (by this server or another process); bookkeeping —
    // refusals' audit lines, sessions, outbox leases — leaves it alone. Cached pages and live screens key on it.
    Result<std::uint64_t> ChangeVersion() { return db_.ChangeVersion(); }
    // Whether the storage takes writes (a full disk, a read-only file), for the health check.
    store::StorageHealth StorageHealth() { return db_.Health(); }

    // Test hook, a no-op unless test_hooks: the next command that `actor` asks for throws after its use case ran,
    // as a bug would, so tests can see it become a 500 with nothing of it kept.
    void ThrowInNextCommandOf(domain::UserId actor);

 private:
    // Throws when the test hook was armed for this command's actor (and disarms it).
    void ThrowIfArmed(const std::optional<domain::Actor>& actor);

    store::Db& db_;
    const Clock& clock_;
    const bool test_hooks_;
    std::atomic<domain::UserId> throw_for_actor_{0};  // ThrowInNextCommandOf: 0 when not armed
};

// After a failed use case was undone: writes the refusal's audit line when the error carries one. Returns false
// when the failure was the database's own (nothing to record) or the line could not be written.
bool RecordRefusal(store::Conn& c, const std::optional<domain::Actor>& actor, Millis now, const Error& error);

template <class T>
void CommandRunner::Write(std::optional<domain::Actor> actor, std::function<Result<T>(store::Conn&, Millis now)> fn,
                          Done<T> done, bool announce) {
    struct Outcome {
        Millis now = 0;
        std::optional<Result<T>> result;
    };
    auto outcome = std::make_shared<Outcome>();
    db_.Submit(store::WriteJob{
        [this, actor, fn = std::move(fn), outcome](store::Conn& c) {
            outcome->now = clock_.Now();
            outcome->result.emplace(fn(c, outcome->now));
            if (test_hooks_) ThrowIfArmed(actor);
            return outcome->result->has_value();  // a failed use case is undone by the writer
        },
        // A use case that threw was undone by the writer, which hands its text on as a kInternal commit error.
        [outcome, done = std::move(done)](Result<void> commit) {
            if (!commit) return done(commit.error());
            if (!outcome->result) return done(Internal("the command did not run"));
            done(std::move(*outcome->result));
        },
        [actor, outcome](store::Conn& c) {
            return outcome->result && RecordRefusal(c, actor, outcome->now, outcome->result->error());
        },
        announce,
    });
}

template <class T>
Result<T> CommandRunner::Read(const std::function<Result<T>(store::Conn&)>& fn) {
    std::optional<Result<T>> out;
    SD_CHECK(db_.Read([&](store::Conn& c) -> Result<void> {
        out.emplace(fn(c));
        return {};
    }));
    return std::move(*out);
}

}  // namespace shiftdesk::app
