-- Signed checkpoints are append-only, like the record manual itself: UPDATE, DELETE and TRUNCATE are refused. (An
-- owner or superuser disabling the triggers can get past them; the SM2 signatures and the receipts the commission
-- keeps outside the system then show it.)
create function record_checkpoints_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger record_checkpoints_no_update_or_delete
  before update or delete on record_checkpoints
  for each row execute function record_checkpoints_append_only();
create trigger record_checkpoints_no_truncate
  before truncate on record_checkpoints
  for each statement execute function record_checkpoints_append_only();
create trigger record_checkpoint_heads_no_update_or_delete
  before update or delete on record_checkpoint_heads
  for each row execute function record_checkpoints_append_only();
create trigger record_checkpoint_heads_no_truncate
  before truncate on record_checkpoint_heads
  for each statement execute function record_checkpoints_append_only();
