// One pass over an IMAP mailbox: every message after the cursor, in UID order, handed to the desk and marked seen
// only once the desk has it. Pure of storage: the caller commits each message and the cursor after it together.
// Thread-compatible (it uses the ImapMailbox it is given, which is not thread-safe).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "integrations/mail_in/imap_mailbox.hpp"

namespace shiftdesk::integrations {

// Where a mailbox was read up to. UIDs only compare while UIDVALIDITY stays the same; {0, 0} has read nothing.
struct ImapCursor {
    std::uint32_t uidvalidity = 0;
    std::uint32_t last_uid = 0;
    bool operator==(const ImapCursor&) const = default;
};

// One message for the desk, and the cursor to store with it (in the same transaction) when the desk keeps it.
struct FetchedMessage {
    std::uint32_t uid = 0;
    std::string raw;
    ImapCursor cursor_after;
    // Larger than the mailbox's max_message_bytes: `raw` is only its header block, enough to tell the sender; the
    // desk keeps nothing half-stored and answers success to move on.
    bool too_large = false;
};

// The desk's answer: success once it has dealt with the message for good (stored it, or recognised it as a
// duplicate or an auto-reply and dropped it) and committed `cursor_after`; an error when the same message should be
// offered again later (storage busy or down). The poller then stops, so nothing after it is skipped.
using DeliverMail = std::function<Result<void>(const FetchedMessage&)>;

struct PollResult {
    ImapCursor cursor;       // where the next pass starts: after the last message the desk kept
    bool restarted = false;  // the mailbox's UIDVALIDITY was not the cursor's: read again from the first UID
    std::size_t found = 0;   // new messages the server listed
    std::size_t delivered = 0;
    // Why the pass ended before every new message was delivered, or nothing: the desk's error (try later) or the
    // mailbox's (kUnavailable: the server went away; see ImapMailbox for the others).
    std::optional<Error> stopped_by;
    bool desk_asked_to_wait = false;  // stopped_by came from DeliverMail rather than from the server
    bool interrupted = false;         // `stop` was raised: the pass ended between two messages
};

// Reads UIDVALIDITY; when it differs from `cursor`'s, starts from UID 0 again (`restarted`: the desk's Message-ID
// check keeps the messages it already has from being stored twice). Then for each UID after the cursor, in order:
// fetch (without marking seen), deliver, and only after the desk kept it mark it \Seen and move the cursor. Stops
// at the first failure. A failure to mark a kept message seen still moves the cursor past it (the desk has
// committed that cursor), leaving the message unseen on the server. The returned cursor only ever passes messages
// the desk kept or UIDs that no longer exist, so the caller may also store it after the pass.
// `stop`, when given, is read before each message: raising it (to shut down) ends the pass there, the messages
// before it kept and marked seen, the rest left for the next pass.
PollResult PollMailbox(ImapMailbox& mailbox, ImapCursor cursor, const DeliverMail& deliver,
                       const std::atomic<bool>* stop = nullptr);

}  // namespace shiftdesk::integrations
