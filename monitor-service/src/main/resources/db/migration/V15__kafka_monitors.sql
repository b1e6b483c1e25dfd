-- Kafka clusters are monitored too (cluster metadata from their bootstrap servers).
ALTER TABLE monitor DROP CONSTRAINT monitor_kind_check;
ALTER TABLE monitor ADD CONSTRAINT monitor_kind_check
    CHECK (kind IN ('http', 'tcp', 'heartbeat', 'tls', 'postgres', 'redis', 'dns', 'kafka'));
