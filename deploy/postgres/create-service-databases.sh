#!/bin/sh
# The services' Postgres (compose), first start only (docker-entrypoint-initdb.d): one database per
# service, each owned by a login role of the same name. The names are the databases the services
# use by default (platform's Service enum); DeployFilesTest checks that they agree.
set -eu
: "${SERVICES_DB_PASSWORD:?the password of the services' roles}"
for database in provisioner backups monitoring; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$database" -v password="$SERVICES_DB_PASSWORD" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
done
