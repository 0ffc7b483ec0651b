-- The name a unit gave the file it uploaded. Files are stored once by content, under the name of their first upload;
-- another unit uploading the same content sees its own name, not the name another unit gave it (null for uploads of
-- before: they show the stored name).
alter table evidence_uploads add column original_name varchar(200);
