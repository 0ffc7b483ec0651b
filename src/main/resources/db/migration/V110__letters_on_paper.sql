-- Letters on paper (issue 17 part 4): the record entry that recorded the unit secretary's signature (its place in
-- the unit's chain, printed with a QR code on the letter's PDF), and the scanned signed letter uploaded back as
-- evidence: the evidence file and the record entry that cites it.
alter table letters add column signing_entry_seq bigint;
alter table letters add column paper_copy_hash varchar(128);
alter table letters add column paper_copy_name varchar(200);
alter table letters add column paper_copy_entry_seq bigint;
alter table letters add column paper_copy_uploaded_by varchar(64);
alter table letters add column paper_copy_uploaded_at timestamp with time zone;

-- the record manual's new kind of entry: a scanned signed letter (责任书签字件)
alter table record_entries drop constraint record_entries_kind_valid;
alter table record_entries add constraint record_entries_kind_valid
  check (kind in ('TASK_COMPLETED', 'MEETING', 'STUDY', 'TALK', 'INSPECTION', 'OTHER', 'LETTER_SCAN'));
