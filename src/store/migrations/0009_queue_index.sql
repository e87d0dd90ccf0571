-- The queue (new tickets nobody owns, oldest first) read a page at a time, whatever its length. The index of 0001
-- held only the id, and the planner preferred the bin's index, which matches owner_id IS NULL AND status = 'new' too,
-- and then sorted every ticket in the queue for each page. This one leads with the same two columns (constant here:
-- it holds only the queue) and then gives the queue's order, so a page is a range of it; it carries the list columns
-- like the bin's, so the page is answered from the index alone. The queue's query names it (INDEXED BY in
-- store/tickets.cpp), since SQLite's statistics still make the bin's index look cheaper for a long queue.
DROP INDEX tickets_queue;
CREATE INDEX tickets_queue ON tickets (
    owner_id, status, id,
    priority, channel, customer_id, parent_id, due_at, created_at, updated_at, subject, sla_state)
    WHERE owner_id IS NULL AND status = 'new';
