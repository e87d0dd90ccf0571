// Delivers the outbox (DESIGN: side effects outside the database) on two lanes of its own, a thread each, so a slow
// mail server never holds up the phone system: the hand-off email over SMTP (R5), call diversions through the phone
// system (R13). Claims one due item at a time under a lease that outlasts the longest attempt, does the I/O outside
// any transaction, and reports each outcome back to the desk, which retries with backoff up to a bound. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/outbox.hpp"
#include "integrations/telephony/phone_driver.hpp"
#include "notify/smtp_client.hpp"

namespace shiftdesk::jobs {

struct OutboxDrivers {
    std::optional<notify::SmtpSettings> smtp;  // absent: mail waits (and is retried) until a server is configured
    std::string envelope_from;                 // the desk's address, for MAIL FROM
    std::unique_ptr<integrations::PhoneDriver> phone;  // absent with the manual driver
};

// How long a claimed item stays leased: the longest attempt its lane's driver can make, plus time to record the
// outcome. Pure.
Millis OutboxLease(const OutboxDrivers& drivers, store::OutboxLane lane);

class OutboxDispatcher {
 public:
    // First releases what dispatchers that are no longer running had claimed (a crash mid-delivery: sent again at
    // once rather than after its lease), then starts both lanes.
    OutboxDispatcher(app::Outbox& outbox, OutboxDrivers drivers,
                     std::chrono::milliseconds poll = std::chrono::milliseconds(250));
    ~OutboxDispatcher();  // stops and joins
    OutboxDispatcher(const OutboxDispatcher&) = delete;
    OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

    // Interrupts a mail attempt that is waiting for its server (its lease stays, so the next start sends it again)
    // and joins both lanes.
    void Stop();

    // This start's name in `outbox.claimed_by`: host, process id and a random part.
    const std::string& instance() const { return instance_; }

 private:
    void Loop(store::OutboxLane lane);
    void RunOnce(store::OutboxLane lane);
    // nullopt: interrupted by Stop, nothing to record.
    std::optional<app::DeliveryReport> Deliver(const store::OutboxItem& item);

    app::Outbox& outbox_;
    OutboxDrivers drivers_;
    const std::chrono::milliseconds poll_;
    const std::string instance_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::atomic<bool> interrupt_{false};  // read by a running SMTP attempt
    std::thread mail_;
    std::thread phone_;
};

}  // namespace shiftdesk::jobs
