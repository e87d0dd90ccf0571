#include "jobs/mailbox_poller.hpp"

#include <spdlog/spdlog.h>

#include "app/wait.hpp"
#include "integrations/mail_in/imap_poller.hpp"
#include "integrations/mail_in/mime_parser.hpp"

namespace shiftdesk::jobs {

MailboxPoller::MailboxPoller(app::MailIn& mail_in, std::string mailbox, integrations::ImapSettings settings,
                             std::chrono::milliseconds interval)
    : mail_in_(mail_in),
      mailbox_name_(std::move(mailbox)),
      settings_(std::move(settings)),
      interval_(interval),
      thread_([this] { Loop(); }) {}

MailboxPoller::~MailboxPoller() { Stop(); }

void MailboxPoller::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void MailboxPoller::Loop() {
    integrations::ImapMailbox mailbox(settings_);  // one connection, kept between passes
    while (!stopping_) {
        Pass(mailbox);
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, interval_, [this] { return stopping_.load(); });
    }
}

void MailboxPoller::Pass(integrations::ImapMailbox& mailbox) {
    const auto position = mail_in_.Position(mailbox_name_);
    if (!position) {
        spdlog::warn("mailbox {}: its position could not be read: {}", mailbox_name_, position.error().message);
        return;
    }
    const integrations::ImapCursor cursor{static_cast<std::uint32_t>(position->uidvalidity),
                                          static_cast<std::uint32_t>(position->last_uid)};
    const auto deliver = [this](const integrations::FetchedMessage& fetched) -> Result<void> {
        const app::MailboxPosition after{fetched.cursor_after.uidvalidity, fetched.cursor_after.last_uid};
        auto parsed = fetched.too_large ? Result<domain::InboundMail>(MakeError(ErrorCode::kTooLarge, "too large"))
                                        : integrations::ParseMail(fetched.raw);
        if (!parsed) {
            // Nothing the desk can take: passed over for good (the server keeps it, unseen).
            spdlog::warn("mailbox {}: message {} passed over: {}", mailbox_name_, fetched.uid, parsed.error().message);
            auto skipped = app::Wait<bool>([&](app::Done<bool> done) { mail_in_.Skip(mailbox_name_, after, done); });
            if (!skipped) return skipped.error();
            return {};
        }
        app::InboundMessage message{fetched.raw, std::move(*parsed), mailbox_name_, after};
        auto stored = app::Wait<app::MailInResult>(
            [&](app::Done<app::MailInResult> done) { mail_in_.Receive(std::move(message), done); });
        if (!stored) return stored.error();  // try this message again on the next pass
        spdlog::info("mailbox {}: message {}: {}", mailbox_name_, fetched.uid, app::ToString(stored->outcome));
        return {};
    };
    const auto result = integrations::PollMailbox(mailbox, cursor, deliver, &stopping_);
    if (result.stopped_by) {
        spdlog::warn("mailbox {}: {} of {} new messages taken; the rest wait for the next pass: {}", mailbox_name_,
                     result.delivered, result.found, result.stopped_by->message);
    }
}

}  // namespace shiftdesk::jobs
