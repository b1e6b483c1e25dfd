-- Multipart uploads a writer opened and has not yet completed or aborted. Cleanup aborts them by id: listing a
-- bucket's uploads is slow on large buckets and unreliable on some S3-compatible servers. A row outliving its
-- writer (the instance died) is aborted by the stale-upload sweep.
CREATE TABLE open_upload (
    destination TEXT        NOT NULL,
    object_key  TEXT        NOT NULL,
    upload_id   TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (destination, object_key, upload_id)
);
CREATE INDEX open_upload_started ON open_upload (started_at);
