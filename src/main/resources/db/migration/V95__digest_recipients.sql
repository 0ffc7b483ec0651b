-- A patrol's digest recipients are written once, when the patrol claims its lines (sent_at null until their digest
-- is sent), so each page of digests reads the next recipients by the primary key instead of joining every line of
-- the patrol with the memberships again (issue 18: the digests were nine tenths of the first district-size patrol).
-- Runs unchanged on H2 and PostgreSQL.
alter table escalation_digests alter column sent_at drop not null;
