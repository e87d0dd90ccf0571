-- The outbox's leases and its last word (R5, R13).
-- claimed_by: the dispatcher instance (one per server start) holding an item's lease while it delivers it; NULL when
-- nobody does. At start a server releases the leases of instances that are no longer running, so work that a crash
-- left claimed is delivered again at once instead of after its lease.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
-- gave_up: 1 when the item failed because its attempts ran out ([mail] / [phone] max_attempts), 0 when it failed
-- because the other side refused it for good.
ALTER TABLE outbox ADD COLUMN gave_up INTEGER NOT NULL DEFAULT 0;
