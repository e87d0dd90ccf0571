-- The core of the desk: people and their credentials, customers, tickets, threads and the audit trail.
-- Portable SQL: @ID@ becomes the dialect's auto-increment primary key; times are UTC milliseconds.

CREATE TABLE users (
    id @ID@,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('engineer', 'shift_lead', 'admin', 'success')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

-- Session cookies and API tokens alike: only the SHA-256 of the secret is kept.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    csrf_token TEXT,
    label TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX auth_tokens_by_user ON auth_tokens (user_id);

CREATE TABLE customers (
    id @ID@,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    plan TEXT NOT NULL,
    critical INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE tickets (
    id @ID@,
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'intercom', 'phone', 'web')),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    owner_id BIGINT REFERENCES users (id),
    parent_id BIGINT REFERENCES tickets (id),
    due_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- R1: a ticket that is being worked always has an owner.
    CHECK (status IN ('new', 'closed') OR owner_id IS NOT NULL)
);
-- An engineer's bin: their tickets in a status, what is due first on top (no due time sorts last).
CREATE INDEX tickets_bin ON tickets (owner_id, status, (COALESCE(due_at, 9223372036854775807)), id);
-- The queue: unowned new tickets, oldest first.
CREATE INDEX tickets_queue ON tickets (id) WHERE owner_id IS NULL AND status = 'new';
CREATE INDEX tickets_by_customer ON tickets (customer_id);

CREATE TABLE thread_entries (
    id @ID@,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    kind TEXT NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
    author_id BIGINT REFERENCES users (id),
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX thread_entries_by_ticket ON thread_entries (ticket_id, id);

-- The audit trail: every change and every refusal.
CREATE TABLE events (
    id @ID@,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    ticket_id BIGINT,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
    rule TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL DEFAULT '{}',
    after_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_ticket ON events (ticket_id, id);

-- A retried POST with the same Idempotency-Key gets what the first one created instead of a second one.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users (id),
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
