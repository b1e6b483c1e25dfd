#!/bin/sh
# The tenant Postgres (compose), first start only: the backup service's login role, as the local
# stack makes it (stack's TenantPostgresServer): it reads every tenant database (pg_read_all_data)
# and may create databases for restores. The provisioner grants it CONNECT on each tenant database.
set -eu
: "${BACKUP_DB_PASSWORD:?the password of the backup role}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$BACKUP_DB_PASSWORD" <<'SQL'
CREATE ROLE mooring_backup LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD :'password';
GRANT pg_read_all_data TO mooring_backup;
SQL
