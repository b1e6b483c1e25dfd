-- Hosts, plans and accounts through their whole life: drains, placement constraints, suspension,
-- soft deletion with a grace period, and purge.

-- A draining host is cordoned and gives its accounts away one at a time.
ALTER TABLE host ADD COLUMN draining BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE account
    -- where the account may be placed: {"datacenter": ..., "labels": {...}}, both optional
    ADD COLUMN placement            JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN suspended_reason     TEXT,
    -- the state a restore returns to
    ADD COLUMN deleted_from         TEXT,
    ADD COLUMN deleted_at           TIMESTAMPTZ,
    ADD COLUMN purge_after          TIMESTAMPTZ,
    ADD CONSTRAINT account_state_known
        CHECK (state IN ('REQUESTED', 'READY', 'SUSPENDED', 'FAILED', 'DELETED', 'PURGED')),
    ADD CONSTRAINT account_deleted_has_purge_after
        CHECK (state <> 'DELETED' OR (purge_after IS NOT NULL AND deleted_from IS NOT NULL)),
    ADD CONSTRAINT account_purged_has_no_host
        CHECK (state <> 'PURGED' OR host_id IS NULL);

-- a purged account's name is free again
ALTER TABLE account DROP CONSTRAINT account_name_key;
CREATE UNIQUE INDEX account_live_name ON account (name) WHERE state <> 'PURGED';

CREATE INDEX account_purge_due ON account (purge_after) WHERE state = 'DELETED';
CREATE INDEX account_plan ON account (plan);
CREATE INDEX host_datacenter ON host (datacenter);
