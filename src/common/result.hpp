// Expected failures as values: Error and Result<T> cross every layer; only http/ turns them into status codes.
// Plain value types; thread-compatible.
#pragma once

#include <boost/system/result.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/rule_id.hpp"

namespace shiftdesk {

// The one small list of failure kinds. http/error_mapping.cpp maps each to one HTTP status.
enum class ErrorCode {
    kMalformed,         // the request could not be parsed (400)
    kUnauthenticated,   // no valid credentials (401)
    kForbidden,         // a rule or a role forbids it (403)
    kNotFound,          // no such thing (404)
    kMethodNotAllowed,  // the path exists, the method does not (405)
    kConflict,          // the state forbids it now (409)
    kTooLarge,          // the body is over the limit (413)
    kInvalid,           // a field is missing or wrong (422)
    kThrottled,         // too many failed attempts: wait retry_after_seconds (429)
    kBusy,              // storage is busy or shutting down; retry (503)
    kStorageFull,       // the disk is full: nothing was saved (507)
    kUnavailable,       // storage cannot be written now (an I/O error, a read-only file); retry later (503)
    kInternal,          // a bug or an unexpected failure (500)
};

// A command the rulebook (or a role) refused: the rule that says so, and what the audit trail records of it.
struct Refusal {
    rule::Id rule = rule::Id::kNone;  // kNone: refused by role or state, no rule of the rulebook named
    // The audit action the refused command would have recorded ("ticket.assigned"); empty: answered, not audited.
    std::string action;
    std::optional<std::int64_t> ticket;   // what the refused command was about
    std::optional<std::int64_t> request;  // a request to a lead it was about (or filed)

    bool audited() const { return !action.empty(); }
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::string field;  // the offending field of a kInvalid error, e.g. "customer.email"
    // When to try again, in seconds: a kThrottled error's Retry-After.
    std::optional<std::int64_t> retry_after_seconds;
    // Set when the rulebook refused the command. When it is audited, its line is written to the audit trail (after
    // the command's own changes are undone), in one place: app/refusal_audit and the command runner.
    std::optional<Refusal> refusal;

    // The rule that refused, kNone when none did.
    rule::Id rule() const { return refusal ? refusal->rule : rule::Id::kNone; }
    bool audited() const { return refusal && refusal->audited(); }
};

inline Error MakeError(ErrorCode code, std::string message) {
    Error e;
    e.code = code;
    e.message = std::move(message);
    return e;
}
inline Error Invalid(std::string field, std::string message) {
    Error e = MakeError(ErrorCode::kInvalid, std::move(message));
    e.field = std::move(field);
    return e;
}
inline Error NotFound(std::string message) { return MakeError(ErrorCode::kNotFound, std::move(message)); }
inline Error Internal(std::string message) { return MakeError(ErrorCode::kInternal, std::move(message)); }

// Failures of the storage itself rather than of the command: nothing to audit, the same command may work later.
inline bool IsStorageFailure(ErrorCode code) {
    return code == ErrorCode::kBusy || code == ErrorCode::kStorageFull || code == ErrorCode::kUnavailable ||
           code == ErrorCode::kInternal;
}

struct ErrorException : std::runtime_error {
    explicit ErrorException(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
    Error error;
};

// Lets Result<T>::value() throw on an error (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const Error& e, const boost::source_location&) {
    throw ErrorException(e);
}

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace shiftdesk

// Propagates the error of a Result-returning expression; evaluates to its value otherwise.
// (A GNU statement expression, as in the Linux kernel and Folly; g++ and clang both have it.)
#define SD_TRY(expr)                                        \
    __extension__({                                         \
        auto sd_try_result_ = (expr);                       \
        if (!sd_try_result_) return sd_try_result_.error(); \
        std::move(*sd_try_result_);                         \
    })
// For Result<void> expressions.
#define SD_CHECK(expr)                                          \
    do {                                                        \
        auto sd_check_result_ = (expr);                         \
        if (!sd_check_result_) return sd_check_result_.error(); \
    } while (0)
