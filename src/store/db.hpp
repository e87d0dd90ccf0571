// The storage interface: a connection runs portable SQL ($1 parameters, ON CONFLICT, Insert returning the new id), and
// a Db serialises write commands (one transaction each, acknowledged once durable) and serves snapshot reads. Db is
// thread-safe; a Conn belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace shiftdesk::store {

// Bytes that are not text (a raw email, an attachment): bound as a BLOB, read back as a std::string of the bytes.
struct Blob {
    std::string bytes;
};
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

// One result row; columns by position, as the SELECT lists them. Reading never throws: a row is read inside a write
// command, where an exception would be a failure of the desk rather than of the data. A column past the end reads as
// NULL; a cell of another type converts as SQLite's CAST does (text "12abc" is 12, "abc" is 0, a real truncates and a
// number past 64 bits is clamped).
class Row {
 public:
    explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
    bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(Cell(i)); }
    std::int64_t Int(std::size_t i) const;  // 0 for NULL
    std::optional<std::int64_t> OptInt(std::size_t i) const;
    bool Bool(std::size_t i) const { return Int(i) != 0; }
    const std::string& Text(std::size_t i) const;  // "" for NULL
    std::size_t size() const { return cells_.size(); }

 private:
    const Value& Cell(std::size_t i) const;

    std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

class Conn {
 public:
    virtual ~Conn() = default;
    // Runs one statement; returns its rows (empty for statements without results).
    virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    // Runs one statement; returns how many rows it changed.
    virtual Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
    // Runs an INSERT into a table whose key is `id`; returns the new row's id. Write the INSERT without RETURNING:
    // each driver fetches the id its own cheapest way.
    virtual Result<std::int64_t> Insert(std::string_view sql, const Params& params) = 0;
    // Runs a script of several statements without parameters (migrations).
    virtual Result<void> ExecScript(std::string_view sql) = 0;

    Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params = {});
};

// A write command: run() executes inside the group's transaction, in a savepoint of its own; it returns true to
// keep its changes or false to undo them. After an undo, after_undo() (when set) runs in the same savepoint and
// transaction — for the line that records why — and returns false if that failed too. done() runs once the
// group's commit is durable, or with the error that stopped the commit (then nothing of the job was kept).
// done() runs on the writer thread: hand work elsewhere.
// A job that throws (from run() or after_undo()) is a bug, never undefined: its savepoint is undone, the exception's
// text is logged, after_undo() is not run for it (the command never finished), and done() gets a kInternal error
// carrying that text, while the rest of the group commits as if the job had not been submitted.
// `announce` says whether kept changes are ones the desk shows: false for bookkeeping (sessions, outbox leases,
// audit lines), so that such a commit neither empties cached pages nor wakes live screens (ChangeVersion()).
struct WriteJob {
    std::function<bool(Conn&)> run;
    std::function<void(Result<void>)> done;
    std::function<bool(Conn&)> after_undo = {};
    bool announce = true;
};

// Whether the storage takes writes, as the last attempt found it. Reads go on either way.
struct StorageHealth {
    bool writable = true;
    ErrorCode fault = ErrorCode::kInternal;  // when not writable: kStorageFull or kUnavailable
    std::string problem;                     // when not writable: what the storage said, e.g. "disk is full"
    std::int64_t since_unix_ms = 0;          // when it stopped taking writes
    std::optional<std::int64_t> free_bytes;  // space left where the database lives, when known
};

class Db {
 public:
    virtual ~Db() = default;
    virtual void Submit(WriteJob job) = 0;
    // Runs fn on a read-only connection inside one snapshot. Blocks the caller for the query only.
    virtual Result<void> Read(const std::function<Result<void>(Conn&)>& fn) = 0;
    // A number that changes whenever anyone — this process or another — commits a change that the desk shows
    // (a job with `announce` that changed rows). Answers cached under one version are valid for as long as the
    // version stays the same; bookkeeping commits (refusals' audit lines, sessions) leave it alone.
    virtual Result<std::uint64_t> ChangeVersion() = 0;
    // Whether writes are being taken, from the outcome of the last ones; cheap, never blocks on the writer.
    virtual StorageHealth Health() = 0;
    // Commits a real write and reports what stopped it: a read-only file, directory or file system, a full disk.
    // For start-up, so that a desk that cannot write says so at once instead of failing every command.
    virtual Result<void> CheckWritable() = 0;
    // "sqlite" or "postgresql": the SQL a migration is written in is adapted to it.
    virtual std::string_view Dialect() const = 0;
    // Finishes every submitted job, then refuses new ones with kBusy.
    virtual void Close() = 0;

    // Submit() and wait: for the CLI and tests, never for request handlers.
    Result<void> WriteAndWait(std::function<Result<void>(Conn&)> fn);
};

struct SqliteOptions {
    bool create = true;   // create the file when absent
    int max_batch = 512;  // commands per group commit
    int busy_timeout_ms = 5000;
    std::int64_t mmap_bytes = std::int64_t{1} << 30;  // read pages through a memory map up to this size
};

// Opens (and creates) a SQLite database in WAL mode with durable commits.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, const SqliteOptions& options = {});

}  // namespace shiftdesk::store
