-- A copy's upload keeps its stored parts when the copy stops (a crash, a shutdown, a network fault): the next copy
-- of the same source version (source_etag) in the same part size takes the upload over and copies only the missing
-- parts. owner: the run writing it; an upload whose owner no longer runs may be taken over.
-- bucket: set for uploads outside the destination's bucket (a restore into the tenant storage, destination
-- '@tenant-storage'), which the stale-upload sweep aborts too.
ALTER TABLE open_upload ADD COLUMN bucket TEXT;
ALTER TABLE open_upload ADD COLUMN source_etag TEXT;
ALTER TABLE open_upload ADD COLUMN part_size BIGINT;
ALTER TABLE open_upload ADD COLUMN owner TEXT;
CREATE INDEX open_upload_key ON open_upload (destination, object_key);
