-- Each signed checkpoint's leaves (the chain heads it covers) are as append-only for the runtime role as the
-- checkpoints themselves (V40/V41; the list is V20's).
insert into append_only_tables (table_name, reason)
select 'record_checkpoint_heads', 'the chain heads each signed checkpoint covers (its Merkle leaves)'
 where not exists (select 1 from append_only_tables where table_name = 'record_checkpoint_heads');
