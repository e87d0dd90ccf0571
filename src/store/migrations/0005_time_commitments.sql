-- On time, every time (R2, R3, R14): a ticket's SLA clocks, customer calls, training requests, notifications to the
-- people concerned, and calendar feed tokens.

-- R2: the clocks of a ticket (see domain::SlaClocks). sla_check_at is when its state can next change: the due work
-- reads the partial index on it, so a second with nothing due costs one index probe, whatever the number of tickets.
ALTER TABLE tickets ADD COLUMN sla_state TEXT NOT NULL DEFAULT 'ok' CHECK (sla_state IN ('ok', 'warning', 'breached'));
ALTER TABLE tickets ADD COLUMN sla_check_at BIGINT;
ALTER TABLE tickets ADD COLUMN first_response_due BIGINT;
ALTER TABLE tickets ADD COLUMN first_response_at BIGINT;
ALTER TABLE tickets ADD COLUMN update_due BIGINT;
ALTER TABLE tickets ADD COLUMN update_warn_at BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_due BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_warn_at BIGINT;
ALTER TABLE tickets ADD COLUMN promised_at BIGINT;
ALTER TABLE tickets ADD COLUMN sla_paused_at BIGINT;
ALTER TABLE tickets ADD COLUMN update_left BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN update_warn_left BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolution_left BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolution_warn_left BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN breached_at BIGINT;
ALTER TABLE tickets ADD COLUMN sla_reported INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_sla_check ON tickets (sla_check_at) WHERE sla_check_at IS NOT NULL;
-- The lead's at-risk list: warnings and breaches, worst first.
CREATE INDEX tickets_at_risk ON tickets (sla_state, breached_at, due_at) WHERE sla_state <> 'ok';
-- The bin carries the SLA state too, still answered from the index alone.
DROP INDEX tickets_bin;
CREATE INDEX tickets_bin ON tickets (
    owner_id, status, (COALESCE(due_at, 9223372036854775807)), id,
    priority, channel, customer_id, parent_id, due_at, created_at, updated_at, subject, sla_state);

-- R3: customer calls, against a ticket and owned by its owner; an accepted training session (R14) is a call too,
-- with the training request in place of a ticket.
CREATE TABLE calls (
    id @ID@,
    ticket_id BIGINT REFERENCES tickets (id),
    owner_id BIGINT NOT NULL REFERENCES users (id),
    starts_at BIGINT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    join_url TEXT NOT NULL DEFAULT '',
    attendees TEXT NOT NULL DEFAULT '[]',
    topic TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('scheduled', 'cancelled')),
    attendance TEXT CHECK (attendance IN ('on_time', 'late', 'missed')),
    joined_at BIGINT,
    sequence INTEGER NOT NULL DEFAULT 0,
    training_request_id BIGINT,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ticket_id IS NOT NULL OR training_request_id IS NOT NULL)
);
CREATE INDEX calls_by_owner ON calls (owner_id, starts_at);
CREATE INDEX calls_by_ticket ON calls (ticket_id, starts_at);

-- R14: training and technical sessions asked for by a customer or the success team.
CREATE TABLE training_requests (
    id @ID@,
    customer_name TEXT NOT NULL,
    customer_email TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL,
    critical INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('technical_session', 'training')),
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    topic TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    route TEXT NOT NULL CHECK (route IN ('open', 'shift_lead')),
    state TEXT NOT NULL CHECK (state IN ('waiting', 'accepted', 'declined')),
    filed_by BIGINT NOT NULL REFERENCES users (id),
    owner_id BIGINT REFERENCES users (id),
    call_id BIGINT REFERENCES calls (id),
    decided_by BIGINT REFERENCES users (id),
    decision_note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX training_requests_waiting ON training_requests (route, id) WHERE state = 'waiting';

-- What the desk tells a person: SLA warnings and breaches, call reminders, late and missed calls, ...
CREATE TABLE notifications (
    id @ID@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    ticket_id BIGINT REFERENCES tickets (id),
    call_id BIGINT,
    rule TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);

-- A calendar app cannot send headers: its feed URL carries a secret; only the secret's SHA-256 is kept.
ALTER TABLE users ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX users_calendar_token ON users (calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;
