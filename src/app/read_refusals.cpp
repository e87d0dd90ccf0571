#include "app/read_refusals.hpp"

namespace shiftdesk::app {

bool ReadRefusalLog::Note(domain::UserId actor, const Error& refusal, Millis now) {
    std::lock_guard lock(mu_);
    Key key{actor, refusal.refusal->action, refusal.rule(), refusal.code};
    auto it = windows_.find(key);
    if (it != windows_.end() && now < it->second.opened_at + window_) {
        Summary& s = it->second.summary;
        if (s.repeats == 0) s.first_at = now;
        ++s.repeats;
        s.last_at = now;
        s.same_ticket = s.same_ticket && refusal.refusal->ticket == s.refusal.refusal->ticket;
        return false;
    }
    if (it == windows_.end() && windows_.size() >= max_kinds_) {
        // Full: count it without remembering its kind rather than grow, or write a line per request.
        if (overflow_ == 0) overflow_first_ = now;
        ++overflow_;
        overflow_last_ = now;
        return false;
    }
    // A new window; the closed one it replaces keeps its repeats for the next TakeClosed.
    if (it != windows_.end() && it->second.summary.repeats > 0) {
        closed_.push_back(it->second.summary);
    }
    Window w;
    w.opened_at = now;
    w.summary.actor = actor;
    w.summary.refusal = refusal;
    windows_[key] = std::move(w);
    return true;
}

std::vector<ReadRefusalLog::Summary> ReadRefusalLog::TakeClosed(Millis now) {
    std::lock_guard lock(mu_);
    std::vector<Summary> out = std::move(closed_);
    closed_.clear();
    for (auto it = windows_.begin(); it != windows_.end();) {
        if (now < it->second.opened_at + window_) {
            ++it;
            continue;
        }
        if (it->second.summary.repeats > 0) out.push_back(std::move(it->second.summary));
        it = windows_.erase(it);
    }
    if (overflow_ > 0) {
        Summary s;
        s.refusal = MakeError(ErrorCode::kForbidden, "more kinds of refused reads than the audit keeps apart");
        s.refusal.refusal = Refusal{rule::Id::kNone, "audit.read_refusals_overflow", std::nullopt, std::nullopt};
        s.repeats = overflow_;
        s.first_at = overflow_first_;
        s.last_at = overflow_last_;
        s.same_ticket = false;
        out.push_back(std::move(s));
        overflow_ = 0;
    }
    return out;
}

std::int64_t ReadRefusalLog::overflow() const {
    std::lock_guard lock(mu_);
    return overflow_;
}

}  // namespace shiftdesk::app
