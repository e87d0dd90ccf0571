-- The queue (new tickets nobody owns, oldest first) read a page at a time, whatever its length. The index of 0001
-- held only the id, so the planner preferred the bin index, which also matches owner_id IS NULL AND status = 'new',
-- and then sorted every ticket in the queue for each page. This one leads with the same two columns (constant here:
-- the index holds only the queue), so it matches as closely as the bin's does, with or without ANALYZE's
-- statistics, and then gives the queue's order; it carries the list columns like the bin's, so a page is answered
-- from the index alone.
DROP INDEX tickets_queue;
CREATE INDEX tickets_queue ON tickets (
    owner_id, status, id,
    priority, channel, customer_id, parent_id, due_at, created_at, updated_at, subject, sla_state)
    WHERE owner_id IS NULL AND status = 'new';
