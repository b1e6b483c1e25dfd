-- A service's database is its own: no other role may connect to it (PostgreSQL grants CONNECT to
-- PUBLIC by default, which would let any tenant role on the same server in). The migrating role keeps
-- its access; where it does not own the database, both statements only warn.
GRANT CONNECT, TEMPORARY ON DATABASE "${flyway:database}" TO CURRENT_USER;
REVOKE CONNECT, TEMPORARY ON DATABASE "${flyway:database}" FROM PUBLIC;
