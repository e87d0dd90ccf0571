-- Leave without loose ends (R4, R5, R8, R13): desk phones, the hand-off sheet, the outbox that sends mail and
-- drives the phone system, and each leave's hand-off email and call diversion.

-- The engineer's desk phone extension (R13); NULL for someone without one (then diversion does not apply).
ALTER TABLE users ADD COLUMN desk_phone TEXT;

-- The shared hand-off sheet (R8). A ticket is on the sheet at most once until its entry is done.
CREATE TABLE handoff_entries (
    id @ID@,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    from_user_id BIGINT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL CHECK (reason IN ('leave', 'needs_attention', 'shift_end')),
    validation TEXT NOT NULL,
    next_step TEXT NOT NULL,
    needed_by BIGINT,
    picked_up_by BIGINT REFERENCES users (id),
    picked_up_at BIGINT,
    state TEXT NOT NULL CHECK (state IN ('open', 'picked_up', 'done')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((state = 'open') = (picked_up_by IS NULL) OR state = 'done')
);
CREATE UNIQUE INDEX handoff_one_live_entry_per_ticket ON handoff_entries (ticket_id) WHERE state <> 'done';
CREATE INDEX handoff_by_state ON handoff_entries (state, id);
CREATE INDEX handoff_by_from ON handoff_entries (from_user_id, state);

-- Side effects outside the database (mail, the phone system) as rows written in the command's transaction; a
-- dispatcher delivers them with retries. Rows stay after delivery: the sent mail is the kept copy.
CREATE TABLE outbox (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('mail', 'diversion.apply', 'diversion.remove')),
    subject_id BIGINT NOT NULL,   -- mail: the leave it hands off; diversion: the diversion
    recipients TEXT NOT NULL DEFAULT '',  -- mail: the envelope recipients, one per line
    payload TEXT NOT NULL DEFAULT '',     -- mail: the whole RFC 5322 message
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_subject ON outbox (subject_id, kind);

-- A leave's call diversion (R13): where the desk phone goes while its engineer is away, and how far it got.
CREATE TABLE diversions (
    id @ID@,
    leave_id BIGINT NOT NULL UNIQUE REFERENCES leaves (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    extension TEXT NOT NULL,
    target TEXT NOT NULL,
    driver TEXT NOT NULL CHECK (driver IN ('manual', 'asterisk_ami')),
    state TEXT NOT NULL CHECK (state IN ('planned', 'confirmed', 'active', 'removed', 'failed', 'cancelled')),
    confirmed_at BIGINT,
    applied_at BIGINT,
    removed_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
