-- Planned leave (R4): whole days in the team's time zone. starts_at / ends_at are the instants those days begin
-- and end, fixed when the leave is planned, so "who is away now" is one index range, whatever the zone.
CREATE TABLE leaves (
    id @ID@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vacation', 'sick', 'personal', 'training', 'other')),
    state TEXT NOT NULL CHECK (state IN ('planned', 'cancelled')),
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
-- A person's leave in time order: overlaps, "on leave now", their own list.
CREATE INDEX leaves_by_user ON leaves (user_id, starts_at) WHERE state = 'planned';
-- The team view of a period.
CREATE INDEX leaves_by_start ON leaves (starts_at);

-- Things that fall due at a time (a leave's start and end, a ticket's next SLA warning, ...): each row fires once
-- and is deleted in the transaction that records what it did, so the table holds only what is still to come and a
-- run costs what is due, not what exists.
CREATE TABLE timers (
    id @ID@,
    due_at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL
);
CREATE INDEX timers_due ON timers (due_at, id);
CREATE INDEX timers_by_subject ON timers (subject_id, kind);
