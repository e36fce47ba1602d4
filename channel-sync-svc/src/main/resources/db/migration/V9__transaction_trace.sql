-- The W3C traceparent of the upload that brought the transaction: its apply, hours later on any replica, continues
-- that trace (null for transactions received before, or outside a trace).
ALTER TABLE pos_transaction ADD COLUMN trace_parent VARCHAR(55) NULL;
