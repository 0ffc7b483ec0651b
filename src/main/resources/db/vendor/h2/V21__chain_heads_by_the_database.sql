-- The chain heads move with the entries, by the database itself (as on PostgreSQL, where this matters: there the
-- application's runtime role has no UPDATE on record_chain_heads).
create trigger record_entries_move_head after insert on record_entries
  for each row call 'org.liangze.record.ChainHeadTrigger';
