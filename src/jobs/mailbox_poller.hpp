// Reads the desk's hosted mailbox over IMAP every interval on a thread of its own, until stopped: each new message
// goes through the mail-in use case, which stores it with the mailbox position after it in one transaction; it is
// marked seen only after that. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/mail_in.hpp"
#include "integrations/mail_in/imap_mailbox.hpp"

namespace shiftdesk::jobs {

class MailboxPoller {
 public:
    // `mailbox` names the mailbox in the desk (its address); `settings` say how to reach it.
    MailboxPoller(app::MailIn& mail_in, std::string mailbox, integrations::ImapSettings settings,
                  std::chrono::milliseconds interval);
    ~MailboxPoller();  // stops and joins
    MailboxPoller(const MailboxPoller&) = delete;
    MailboxPoller& operator=(const MailboxPoller&) = delete;

    void Stop();

 private:
    void Loop();
    void Pass(integrations::ImapMailbox& mailbox);

    app::MailIn& mail_in_;
    const std::string mailbox_name_;
    const integrations::ImapSettings settings_;
    const std::chrono::milliseconds interval_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace shiftdesk::jobs
