-- Let the retention pruner find old rows without scanning the tables.
CREATE INDEX mooring_outbox_published_at ON mooring_outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX mooring_processed_event_processed_at ON mooring_processed_event (processed_at);
