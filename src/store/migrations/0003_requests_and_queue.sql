-- The shift lead's desk: requests that a lead approves or denies, off-queue windows, routing, approvals on tickets.

-- Requests an engineer files for a lead to decide (R6, R7, R9, R11, R12).
CREATE TABLE requests (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('assignment', 'new_ticket', 'off_queue')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'withdrawn', 'expired')),
    requester_id BIGINT NOT NULL REFERENCES users (id),
    ticket_id BIGINT REFERENCES tickets (id),
    owner_id BIGINT REFERENCES users (id),
    reason TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    new_issue INTEGER NOT NULL DEFAULT 0,
    hours INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users (id),
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    result_ticket_id BIGINT REFERENCES tickets (id),
    updated_at BIGINT NOT NULL
);
-- The lead's inbox (pending, oldest first) and the expiry of pending requests.
CREATE INDEX requests_pending ON requests (expires_at) WHERE state = 'pending';
CREATE INDEX requests_by_state ON requests (state, id);
CREATE INDEX requests_by_requester ON requests (requester_id, id);

-- Off queue (R6): while off_queue = 1 and the window has not ended, nothing new is routed to the engineer.
-- off_queue_until NULL with off_queue = 1 means "until a lead ends it".
ALTER TABLE users ADD COLUMN off_queue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN off_queue_until BIGINT;
CREATE INDEX users_off_queue ON users (off_queue_until) WHERE off_queue = 1;

-- Who approved the ticket's creation or its owner (R10), and the lead's note; when it was closed (R9).
ALTER TABLE tickets ADD COLUMN approved_by BIGINT REFERENCES users (id);
ALTER TABLE tickets ADD COLUMN approval_entry_id BIGINT REFERENCES thread_entries (id);
ALTER TABLE tickets ADD COLUMN approval_request_id BIGINT REFERENCES requests (id);
ALTER TABLE tickets ADD COLUMN closed_at BIGINT;
-- A customer wrote on a long-closed ticket nobody owns: it waits for a lead (R9).
ALTER TABLE tickets ADD COLUMN needs_lead INTEGER NOT NULL DEFAULT 0;

-- Small named values the desk keeps between requests, such as where round-robin routing stopped.
CREATE TABLE desk_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- Events about a request (filed, approved, denied, withdrawn, expired) name it, so its history can be shown.
ALTER TABLE events ADD COLUMN request_id BIGINT;
CREATE INDEX events_by_request ON events (request_id, id) WHERE request_id IS NOT NULL;
