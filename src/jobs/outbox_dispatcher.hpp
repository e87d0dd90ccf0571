// Delivers the outbox (DESIGN: side effects outside the database) on a thread of its own: the hand-off email over
// SMTP (R5), call diversions through the phone system (R13). Claims due items, does the I/O outside any
// transaction, and reports each outcome back to the desk, which retries with backoff. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "app/desk.hpp"
#include "integrations/telephony/phone_driver.hpp"
#include "notify/smtp_client.hpp"

namespace shiftdesk::jobs {

struct OutboxDrivers {
    std::optional<notify::SmtpSettings> smtp;  // absent: mail waits (and is retried) until a server is configured
    std::string envelope_from;                 // the desk's address, for MAIL FROM
    std::unique_ptr<integrations::PhoneDriver> phone;  // absent with the manual driver
};

class OutboxDispatcher {
 public:
    OutboxDispatcher(app::Desk& desk, OutboxDrivers drivers,
                     std::chrono::milliseconds poll = std::chrono::milliseconds(250));
    ~OutboxDispatcher();  // stops and joins
    OutboxDispatcher(const OutboxDispatcher&) = delete;
    OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

    void Stop();

 private:
    void Loop();
    void RunOnce();
    app::DeliveryReport Deliver(const store::OutboxItem& item);

    app::Desk& desk_;
    OutboxDrivers drivers_;
    const std::chrono::milliseconds poll_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace shiftdesk::jobs
