#include "jobs/outbox_dispatcher.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "app/wait.hpp"
#include "common/crypto.hpp"

namespace shiftdesk::jobs {
namespace {

using store::OutboxLane;

// One item per claim: items of a batch would be delivered one after another, so the last one's lease would have to
// cover every attempt before it. A claim is one small write; the outbox carries a few items a day.
constexpr int kClaim = 1;
// Beyond the longest attempt: recording its outcome, which waits for a commit.
constexpr Millis kLeaseMargin = kMinute;

// An attempt the stop interrupted is not reported: it goes again at the next start.
std::optional<app::DeliveryReport> FromSmtp(const notify::SendResult& r) {
    if (r.outcome == DeliveryOutcome::kInterrupted) return std::nullopt;
    return app::DeliveryReport{r.outcome, r.outcome == DeliveryOutcome::kDelivered ? std::string() : r.detail};
}

app::DeliveryReport FromDriver(const integrations::DriverResult& r) {
    return {r.outcome, r.outcome == DeliveryOutcome::kDelivered ? std::string() : r.detail};
}

std::optional<integrations::DiversionOrder> OrderOf(const std::string& payload) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(payload, ec);
    if (ec || !v.is_object()) return std::nullopt;
    const auto& o = v.as_object();
    const auto* ext = o.if_contains("extension");
    const auto* target = o.if_contains("target");
    if (!ext || !target || !ext->is_string() || !target->is_string()) return std::nullopt;
    return integrations::DiversionOrder{std::string(ext->as_string()), std::string(target->as_string())};
}

std::string NewInstance() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + NewSecret("").substr(0, 8);
}

}  // namespace

Millis OutboxLease(const OutboxDrivers& drivers, OutboxLane lane) {
    Millis longest = 0;
    if (lane == OutboxLane::kMail && drivers.smtp) {
        longest = std::chrono::duration_cast<std::chrono::milliseconds>(notify::LongestAttempt(*drivers.smtp)).count();
    }
    if (lane == OutboxLane::kPhone && drivers.phone) longest = drivers.phone->LongestCall().count();
    return longest + kLeaseMargin;
}

OutboxDispatcher::OutboxDispatcher(app::Outbox& outbox, OutboxDrivers drivers, std::chrono::milliseconds poll)
    : outbox_(outbox), drivers_(std::move(drivers)), poll_(poll), instance_(NewInstance()) {
    // On SQLite one server process owns the database, so every lease but this start's belongs to a process that
    // has stopped (a crash, a kill, or a stop that interrupted a delivery).
    const auto released =
        app::Wait<int>([this](app::Done<int> d) { outbox_.ReleaseOutboxLeases(instance_, std::move(d)); });
    if (!released) {
        spdlog::warn("outbox: cannot release the leases of earlier runs (they run out by themselves): {}",
                     released.error().message);
    } else if (*released > 0) {
        spdlog::warn(
            "outbox: {} deliveries were on their way when the desk last stopped; sending them again (a "
            "server may have received one already)",
            *released);
    }
    mail_ = std::thread([this] { Loop(OutboxLane::kMail); });
    phone_ = std::thread([this] { Loop(OutboxLane::kPhone); });
}

OutboxDispatcher::~OutboxDispatcher() { Stop(); }

void OutboxDispatcher::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    interrupt_ = true;
    cv_.notify_all();
    if (mail_.joinable()) mail_.join();
    if (phone_.joinable()) phone_.join();
}

void OutboxDispatcher::Loop(OutboxLane lane) {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, poll_, [this] { return stopping_; })) {
        lock.unlock();
        RunOnce(lane);
        lock.lock();
    }
}

void OutboxDispatcher::RunOnce(OutboxLane lane) {
    // A read on the index of pending items: nothing due costs no write.
    const auto next = outbox_.NextOutboxAttempt(lane);
    if (!next) {
        spdlog::warn("outbox: {}", next.error().message);
        return;
    }
    if (!*next || **next > outbox_.clock().Now()) return;
    const Millis lease = OutboxLease(drivers_, lane);
    auto claimed = app::Wait<std::vector<store::OutboxItem>>([&](app::Done<std::vector<store::OutboxItem>> d) {
        outbox_.ClaimOutbox(lane, instance_, lease, kClaim, std::move(d));
    });
    if (!claimed) {
        spdlog::warn("outbox: cannot claim work: {}", claimed.error().message);
        return;
    }
    for (const auto& item : *claimed) {
        const auto delivered = Deliver(item);
        if (!delivered) {
            spdlog::warn("outbox: {} {} attempt {} interrupted by the stop; it is sent again at the next start",
                         store::ToString(item.kind), item.id, item.attempts);
            continue;
        }
        const app::DeliveryReport& report = *delivered;
        if (report.outcome == DeliveryOutcome::kDelivered) {
            spdlog::info("outbox: {} {} delivered (attempt {})", store::ToString(item.kind), item.id, item.attempts);
        } else {
            spdlog::warn("outbox: {} {} attempt {} {}: {}", store::ToString(item.kind), item.id, item.attempts,
                         report.outcome == DeliveryOutcome::kRetry ? "failed for now" : "failed for good",
                         report.detail);
        }
        auto recorded =
            app::Wait<bool>([&](app::Done<bool> d) { outbox_.RecordDelivery(item.id, report, std::move(d)); });
        if (!recorded)
            spdlog::warn("outbox: cannot record {} {}: {}", store::ToString(item.kind), item.id,
                         recorded.error().message);
    }
}

std::optional<app::DeliveryReport> OutboxDispatcher::Deliver(const store::OutboxItem& item) {
    if (item.kind == store::OutboxKind::kMail) {
        if (!drivers_.smtp) {
            return app::DeliveryReport{DeliveryOutcome::kRetry, "no SMTP server is configured (SHIFTDESK_SMTP_URL)"};
        }
        return FromSmtp(
            notify::SendMail(*drivers_.smtp, drivers_.envelope_from, item.recipients, item.payload, &interrupt_));
    }
    const auto order = OrderOf(item.payload);
    if (!order) return app::DeliveryReport{DeliveryOutcome::kPermanent, "the queued diversion is unreadable"};
    if (!drivers_.phone) {
        return app::DeliveryReport{DeliveryOutcome::kPermanent,
                                   "no phone system driver is configured: set the diversion by hand"};
    }
    if (item.kind == store::OutboxKind::kDiversionApply) return FromDriver(drivers_.phone->Apply(*order));
    if (item.kind == store::OutboxKind::kDiversionRemove) return FromDriver(drivers_.phone->Remove(*order));
    return app::DeliveryReport{DeliveryOutcome::kPermanent,
                               "unknown outbox item kind " + std::string(store::ToString(item.kind))};
}

}  // namespace shiftdesk::jobs
