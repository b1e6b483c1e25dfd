-- The provisioning resource or host a monitor was made for ('resource:<id>', 'host:<id>'): one
-- monitor each, deleted with it.
ALTER TABLE monitor ADD COLUMN provisioned_for TEXT UNIQUE;
