// One mailbox on an IMAP server, read with libcurl: its UIDVALIDITY, the UIDs after a given one, one message's raw
// bytes (without marking it seen), and marking it seen. Blocking: call it from a poller's own thread, never from an
// I/O thread. Not thread-safe: one object keeps one connection (logged in, mailbox selected) between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "integrations/mail_in/mime_parser.hpp"

namespace shiftdesk::integrations {

struct ImapSettings {
    // "imap://host[:port]/MAILBOX" (STARTTLS when offered, or required) or "imaps://host[:port]/MAILBOX"; no path
    // means INBOX. No credentials in it: they come below, so the URL can be logged.
    std::string url;
    std::string username;
    std::string password;      // never logged, never in an error message
    bool require_tls = false;  // imap:// only: refuse to log in unless STARTTLS succeeds
    std::string ca_file;       // a CA bundle to trust instead of the system's
    // Name resolution, the TCP connection, the greeting and the login.
    int connect_timeout_seconds = 30;
    // Each reply of the server: a server that stops answering is given up on after this long.
    int reply_timeout_seconds = 60;
    // One command, connecting included (a message is fetched in pieces of 64 KiB, each its own command).
    int operation_timeout_seconds = 300;
    // A larger message is not fetched (kTooLarge); its header still can be (FetchHeader), to answer the sender.
    std::size_t max_message_bytes = kMaxInboundMailBytes;
};

// How failures come back (Error::message names the operation and what the server or the connection did, never
// the password):
//   kUnavailable     could not connect, the connection dropped, a deadline passed: the same call may work later;
//                    also TLS that failed (an untrusted certificate, STARTTLS required but not offered)
//   kUnauthenticated the server refused the username or the password: retrying will not help until they change
//   kNotFound        the mailbox does not exist
//   kInvalid         the settings cannot work (field "url": not imap:// or imaps://, control characters)
//   kTooLarge        Fetch only: the message is larger than max_message_bytes
//   kInternal        the server refused a command or answered something this client cannot read
class ImapMailbox {
 public:
    explicit ImapMailbox(ImapSettings settings);
    ~ImapMailbox();
    ImapMailbox(const ImapMailbox&) = delete;
    ImapMailbox& operator=(const ImapMailbox&) = delete;

    // The mailbox's UIDVALIDITY (STATUS): UIDs are only comparable while it stays the same.
    Result<std::uint32_t> UidValidity();

    // The UIDs greater than `last_uid`, ascending: NOOP (so messages that arrived since the last call are seen),
    // UID SEARCH UID * for the highest, then UID SEARCH over windows of 10,000 UIDs up to it, so no answer is too
    // large for libcurl however many messages wait (and n:*, which always matches the highest UID, is not relied on).
    Result<std::vector<std::uint32_t>> UidsAfter(std::uint32_t last_uid);

    // The message's raw bytes as the server holds them (IMAP sends lines with CRLF), fetched with BODY.PEEK[] so
    // its \Seen flag stays as it was; nullopt when no message has this UID (any longer: expunged).
    // kTooLarge, after reading at most one piece, when the server gives its size (RFC822.SIZE) as more than
    // max_message_bytes or sends more than that.
    Result<std::optional<std::string>> Fetch(std::uint32_t uid);

    // The message's header block (BODY.PEEK[HEADER], the blank line after it included); nullopt as for Fetch.
    Result<std::optional<std::string>> FetchHeader(std::uint32_t uid);

    // Sets \Seen on the message (UID STORE +FLAGS.SILENT). A UID that no longer exists is not an error.
    Result<void> MarkSeen(std::uint32_t uid);

    // The URL as configured (safe to log: it holds no credentials).
    const std::string& url() const;

 private:
    struct Connection;
    std::unique_ptr<Connection> connection_;
};

}  // namespace shiftdesk::integrations
