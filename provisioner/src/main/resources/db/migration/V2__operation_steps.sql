-- Operations report their steps, and may carry a one-time result (e.g. generated credentials),
-- stored encrypted and wiped once it has been shown.
ALTER TABLE operation
    ADD COLUMN steps            JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN result_encrypted BYTEA,
    ADD COLUMN attempts         INT   NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at  TIMESTAMPTZ;

CREATE INDEX operation_pending ON operation (next_attempt_at) WHERE state = 'RUNNING';
CREATE INDEX operation_target ON operation (target_id);
