-- Which units uploaded which evidence file. Files are stored once by content hash, so the same file uploaded by two
-- units is one row of evidence_files but two rows here; a unit may attach (and so read) only a file it uploaded.
create table evidence_uploads (
  content_hash      varchar(128) not null references evidence_files (content_hash),
  unit_code         varchar(32)  not null references units (code),
  first_uploaded_at timestamp with time zone not null,
  constraint evidence_uploads_pk primary key (content_hash, unit_code)
);

-- Files attached before uploads were tied to units count as uploaded by the units that attached them.
insert into evidence_uploads (content_hash, unit_code, first_uploaded_at)
select content_hash, unit_code, first_used_at from evidence_uses;
