-- The tables the application's runtime database role may only read and append to: after every migration the
-- platform grants the runtime role (POSTGRES_USER) SELECT, INSERT, UPDATE and DELETE on every table of the schema,
-- then takes UPDATE, DELETE, TRUNCATE, TRIGGER and REFERENCES back on the tables named here
-- (org.liangze.platform.DatabaseRoles), and the start-up check refuses a runtime role that could change them.
-- This is the one list of them: a migration that adds an append-only table inserts its name here. A name whose
-- table does not exist (yet) is skipped, so a table may be listed before the migration that creates it.
create table append_only_tables (
  table_name varchar(63)  primary key,
  reason     varchar(500) not null
);

insert into append_only_tables (table_name, reason) values
  ('record_entries', 'the record manual: every entry, chained by its hash'),
  ('record_chain_heads', 'the newest entry of each chain, moved by the database itself on every append'),
  ('evidence_files', 'evidence files, addressed by their content hash'),
  ('evidence_uses', 'which unit attached which evidence file'),
  ('evidence_uploads', 'which unit uploaded which evidence file'),
  ('record_checkpoints', 'signed checkpoints of the chain heads'),
  ('append_only_tables', 'this list: a runtime role that could shorten it would get the rights back'),
  ('flyway_schema_history', 'the migrations applied');
