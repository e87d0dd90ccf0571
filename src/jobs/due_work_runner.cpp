#include "jobs/due_work_runner.hpp"

#include <spdlog/spdlog.h>

#include "app/wait.hpp"

namespace shiftdesk::jobs {

DueWorkRunner::DueWorkRunner(app::DueWork& due_work, app::RefusalAudit& audit, std::chrono::milliseconds interval)
    : due_work_(due_work), audit_(audit), interval_(interval), thread_([this] { Loop(); }) {}

DueWorkRunner::~DueWorkRunner() { Stop(); }

void DueWorkRunner::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void DueWorkRunner::Loop() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        auto done = app::Wait<app::DueWorkReport>(
            [this](app::Done<app::DueWorkReport> d) { due_work_.RunDueWork(std::move(d)); });
        if (!done) {
            spdlog::warn("due work: {}", done.error().message);
        } else if (done->requests_expired + done->off_queue_ended > 0) {
            spdlog::info("due work: {} request(s) expired, {} off-queue window(s) ended", done->requests_expired,
                         done->off_queue_ended);
        }
        auto flushed = app::Wait<int>([this](app::Done<int> d) { audit_.FlushReadRefusals(std::move(d)); });
        if (!flushed) spdlog::warn("audit of refused reads: {}", flushed.error().message);
        lock.lock();
    }
}

}  // namespace shiftdesk::jobs
