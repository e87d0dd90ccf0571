#include "jobs/outbox_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "app/wait.hpp"

namespace shiftdesk::jobs {
namespace {

// One claim takes this many; a backlog drains over several polls.
constexpr int kBatch = 20;

app::DeliveryReport FromSmtp(const notify::SendResult& r) {
    switch (r.outcome) {
        case notify::SendOutcome::kAccepted:
            return {app::DeliveryOutcome::kDelivered, {}};
        case notify::SendOutcome::kRetry:
            return {app::DeliveryOutcome::kRetry, r.detail};
        case notify::SendOutcome::kPermanent:
            return {app::DeliveryOutcome::kPermanent, r.detail};
    }
    return {app::DeliveryOutcome::kRetry, r.detail};
}

app::DeliveryReport FromDriver(const integrations::DriverResult& r) {
    switch (r.outcome) {
        case integrations::DriverOutcome::kDone:
            return {app::DeliveryOutcome::kDelivered, {}};
        case integrations::DriverOutcome::kRetry:
            return {app::DeliveryOutcome::kRetry, r.detail};
        case integrations::DriverOutcome::kPermanent:
            return {app::DeliveryOutcome::kPermanent, r.detail};
    }
    return {app::DeliveryOutcome::kRetry, r.detail};
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

}  // namespace

OutboxDispatcher::OutboxDispatcher(app::Desk& desk, OutboxDrivers drivers, std::chrono::milliseconds poll)
    : desk_(desk), drivers_(std::move(drivers)), poll_(poll), thread_([this] { Loop(); }) {}

OutboxDispatcher::~OutboxDispatcher() { Stop(); }

void OutboxDispatcher::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxDispatcher::Loop() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, poll_, [this] { return stopping_; })) {
        lock.unlock();
        RunOnce();
        lock.lock();
    }
}

void OutboxDispatcher::RunOnce() {
    // A read on the index of pending items: nothing due costs no write.
    const auto next = desk_.NextOutboxAttempt();
    if (!next) {
        spdlog::warn("outbox: {}", next.error().message);
        return;
    }
    if (!*next || **next > desk_.clock().Now()) return;
    auto claimed = app::Wait<std::vector<store::OutboxItem>>(
        [this](app::Done<std::vector<store::OutboxItem>> d) { desk_.ClaimOutbox(kBatch, std::move(d)); });
    if (!claimed) {
        spdlog::warn("outbox: cannot claim work: {}", claimed.error().message);
        return;
    }
    for (const auto& item : *claimed) {
        auto report = Deliver(item);
        if (report.outcome == app::DeliveryOutcome::kDelivered) {
            spdlog::info("outbox: {} {} delivered (attempt {})", item.kind, item.id, item.attempts);
        } else {
            spdlog::warn("outbox: {} {} attempt {} {}: {}", item.kind, item.id, item.attempts,
                         report.outcome == app::DeliveryOutcome::kRetry ? "will be retried" : "failed for good",
                         report.detail);
        }
        auto recorded = app::Wait<bool>([&](app::Done<bool> d) { desk_.RecordDelivery(item.id, report, std::move(d)); });
        if (!recorded) spdlog::warn("outbox: cannot record {} {}: {}", item.kind, item.id, recorded.error().message);
    }
}

app::DeliveryReport OutboxDispatcher::Deliver(const store::OutboxItem& item) {
    if (item.kind == "mail") {
        if (!drivers_.smtp) return {app::DeliveryOutcome::kRetry, "no SMTP server is configured (SHIFTDESK_SMTP_URL)"};
        return FromSmtp(notify::SendMail(*drivers_.smtp, drivers_.envelope_from, item.recipients, item.payload));
    }
    const auto order = OrderOf(item.payload);
    if (!order) return {app::DeliveryOutcome::kPermanent, "the queued diversion is unreadable"};
    if (!drivers_.phone) {
        return {app::DeliveryOutcome::kPermanent, "no phone system driver is configured: set the diversion by hand"};
    }
    if (item.kind == "diversion.apply") return FromDriver(drivers_.phone->Apply(*order));
    if (item.kind == "diversion.remove") return FromDriver(drivers_.phone->Remove(*order));
    return {app::DeliveryOutcome::kPermanent, "unknown outbox item kind " + item.kind};
}

}  // namespace shiftdesk::jobs
