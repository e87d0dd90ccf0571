-- Email: customers write to the desk and hear back (R1, R2). Each thread entry says how it came or went; inbound
-- messages are kept raw and seen once; attachments are stored once by content; mailboxes polled over IMAP keep
-- their place.

-- The channel an entry came in by or went out on. A customer's message came in by its ticket's channel; replies
-- and notes written so far were written in the desk.
ALTER TABLE thread_entries ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
UPDATE thread_entries SET channel = (SELECT channel FROM tickets WHERE tickets.id = thread_entries.ticket_id)
    WHERE kind = 'customer';
-- An email entry's addresses as JSON arrays of {"name", "address"}; '' for other channels.
ALTER TABLE thread_entries ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';
ALTER TABLE thread_entries ADD COLUMN mail_to TEXT NOT NULL DEFAULT '';
ALTER TABLE thread_entries ADD COLUMN mail_cc TEXT NOT NULL DEFAULT '';
-- The email's Message-ID (without <>): a customer's, or the one the desk gave its reply; replies to it thread here.
ALTER TABLE thread_entries ADD COLUMN message_id TEXT;
-- A reply sent by email: queued, sent, bounced or failed; NULL for everything else.
ALTER TABLE thread_entries ADD COLUMN delivery TEXT;
CREATE INDEX thread_entries_by_message_id ON thread_entries (message_id) WHERE message_id IS NOT NULL;

-- Every message that reached the desk, kept raw as it came, and what the desk did with it. The Message-ID (or the
-- SHA-256 of the raw bytes, "sha256:...", when it has none) is seen once: a second delivery changes nothing.
CREATE TABLE inbound_mail (
    id @ID@,
    message_id TEXT NOT NULL UNIQUE,
    mailbox TEXT NOT NULL DEFAULT '',
    sender TEXT NOT NULL DEFAULT '',  -- the From address in lower case: the per-sender rate limit counts by it
    kind TEXT NOT NULL CHECK (kind IN ('person', 'bounce', 'auto_reply', 'bulk', 'own_mail')),
    outcome TEXT NOT NULL,            -- what the desk did: new_ticket, thread, follow_up, dropped, ...
    ticket_id BIGINT REFERENCES tickets (id),
    entry_id BIGINT REFERENCES thread_entries (id),
    raw BLOB NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX inbound_mail_by_sender ON inbound_mail (sender, received_at);

-- Attachment bytes, once per content however often they are sent, and each use of them on a ticket.
CREATE TABLE attachment_blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE attachments (
    id @ID@,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    entry_id BIGINT REFERENCES thread_entries (id),
    sha256 TEXT NOT NULL REFERENCES attachment_blobs (sha256),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content_id TEXT NOT NULL DEFAULT '',    -- for inline images the HTML shows (cid:)
    inline_part INTEGER NOT NULL DEFAULT 0,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_by_entry ON attachments (entry_id);
CREATE INDEX attachments_by_ticket ON attachments (ticket_id);

-- Where the IMAP poller is in each mailbox: a new UIDVALIDITY starts it over.
CREATE TABLE imap_cursors (
    mailbox TEXT PRIMARY KEY,
    uidvalidity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The outbox learns a kind: a reply to a customer ('reply.mail', about a thread entry). SQLite cannot change a
-- CHECK constraint in place, so the table is copied.
CREATE TABLE outbox_next (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('mail', 'reply.mail', 'diversion.apply', 'diversion.remove')),
    subject_id BIGINT NOT NULL,
    recipients TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    claimed_by TEXT,
    gave_up INTEGER NOT NULL DEFAULT 0
);
INSERT INTO outbox_next (id, kind, subject_id, recipients, payload, state, attempts, next_attempt_at, last_error,
                         created_at, delivered_at, claimed_by, gave_up)
    SELECT id, kind, subject_id, recipients, payload, state, attempts, next_attempt_at, last_error, created_at,
           delivered_at, claimed_by, gave_up FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_subject ON outbox (subject_id, kind);
