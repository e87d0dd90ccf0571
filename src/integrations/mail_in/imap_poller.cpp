// PollMailbox: the order of fetch, deliver, mark seen and cursor that makes a crash or an outage lose nothing.
#include "integrations/mail_in/imap_poller.hpp"

namespace shiftdesk::integrations {

PollResult PollMailbox(ImapMailbox& mailbox, ImapCursor cursor, const DeliverMail& deliver,
                       const std::atomic<bool>* stop) {
    PollResult result;
    result.cursor = cursor;
    auto validity = mailbox.UidValidity();
    if (!validity) {
        result.stopped_by = validity.error();
        return result;
    }
    if (*validity != cursor.uidvalidity) {
        // A first pass ({0, 0}) is not a restart: there was nothing to forget.
        result.restarted = cursor.uidvalidity != 0;
        result.cursor = {*validity, 0};
    }
    auto uids = mailbox.UidsAfter(result.cursor.last_uid);
    if (!uids) {
        result.stopped_by = uids.error();
        return result;
    }
    result.found = uids->size();
    for (const std::uint32_t uid : *uids) {
        if (stop && stop->load()) {
            result.interrupted = true;
            return result;
        }
        auto raw = mailbox.Fetch(uid);
        bool too_large = false;
        if (!raw && raw.error().code == ErrorCode::kTooLarge) {
            too_large = true;
            raw = mailbox.FetchHeader(uid);
        }
        if (!raw) {
            result.stopped_by = raw.error();
            return result;
        }
        if (!*raw) {
            // Expunged between the search and the fetch: nothing to deliver, nothing to wait for.
            result.cursor.last_uid = uid;
            continue;
        }
        FetchedMessage message{uid, std::move(**raw), {result.cursor.uidvalidity, uid}, too_large};
        if (auto kept = deliver(message); !kept) {
            result.stopped_by = kept.error();
            result.desk_asked_to_wait = true;
            return result;
        }
        result.cursor = message.cursor_after;
        ++result.delivered;
        if (auto seen = mailbox.MarkSeen(uid); !seen) {
            result.stopped_by = seen.error();
            return result;
        }
    }
    return result;
}

}  // namespace shiftdesk::integrations
