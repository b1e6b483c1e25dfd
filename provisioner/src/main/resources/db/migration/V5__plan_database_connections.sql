-- How many connections each database role of an account may open (CONNECTION LIMIT of its role).
ALTER TABLE plan ADD COLUMN db_connection_limit INT NOT NULL DEFAULT 10 CHECK (db_connection_limit > 0);

UPDATE plan SET db_connection_limit = 20 WHERE name = 'medium';
