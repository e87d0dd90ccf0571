// What the rulebook answers to a command: allowed, allowed-but-nothing-to-do, or refused naming a rule.
// A refusal is a value, not an error; app/ turns it into an Error and http/ into 403/409. Pure; thread-compatible.
#pragma once

#include <string>

#include "common/result.hpp"
#include "policy/rules.hpp"

namespace shiftdesk::policy {

struct Decision {
    enum class Kind { kAllow, kNoChange, kRefuse };
    Kind kind = Kind::kAllow;
    rule::Id rule = rule::Id::kNone;         // the rule that refused (or, for an allow, that permitted it)
    // kForbidden (who you are), kConflict (the state it is in) or kInvalid (a value past the rule's bound)
    ErrorCode code = ErrorCode::kForbidden;
    std::string message;

    static Decision Allow(rule::Id by = rule::Id::kNone) { return {Kind::kAllow, by, ErrorCode::kForbidden, {}}; }
    static Decision NoChange() { return {Kind::kNoChange, rule::Id::kNone, ErrorCode::kForbidden, {}}; }
    static Decision Forbid(rule::Id r, std::string why) {
        return {Kind::kRefuse, r, ErrorCode::kForbidden, std::move(why)};
    }
    static Decision Conflict(rule::Id r, std::string why) {
        return {Kind::kRefuse, r, ErrorCode::kConflict, std::move(why)};
    }
    static Decision Invalid(rule::Id r, std::string why) {
        return {Kind::kRefuse, r, ErrorCode::kInvalid, std::move(why)};
    }

    bool allowed() const { return kind != Kind::kRefuse; }
    bool changes() const { return kind == Kind::kAllow; }
};

}  // namespace shiftdesk::policy
