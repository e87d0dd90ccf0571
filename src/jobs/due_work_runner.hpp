// Runs the desk's due work (expiring undecided requests, ending off-queue windows) once a second on a thread of
// its own, until stopped. Each run is one write command; a run with nothing due writes nothing. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/due_work.hpp"
#include "app/refusal_audit.hpp"

namespace shiftdesk::jobs {

class DueWorkRunner {
 public:
    DueWorkRunner(app::DueWork& due_work, app::RefusalAudit& audit,
                  std::chrono::milliseconds interval = std::chrono::seconds(1));
    ~DueWorkRunner();  // stops and joins
    DueWorkRunner(const DueWorkRunner&) = delete;
    DueWorkRunner& operator=(const DueWorkRunner&) = delete;

    void Stop();

 private:
    void Loop();

    app::DueWork& due_work_;
    app::RefusalAudit& audit_;
    const std::chrono::milliseconds interval_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace shiftdesk::jobs
