-- Signed checkpoints are append-only, like the record manual itself.
create trigger record_checkpoints_no_update before update on record_checkpoints
  for each row call 'org.liangze.record.AppendOnlyTrigger';
create trigger record_checkpoints_no_delete before delete on record_checkpoints
  for each row call 'org.liangze.record.AppendOnlyTrigger';
create trigger record_checkpoint_heads_no_update before update on record_checkpoint_heads
  for each row call 'org.liangze.record.AppendOnlyTrigger';
create trigger record_checkpoint_heads_no_delete before delete on record_checkpoint_heads
  for each row call 'org.liangze.record.AppendOnlyTrigger';
