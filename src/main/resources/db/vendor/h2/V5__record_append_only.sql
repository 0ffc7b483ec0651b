-- The record manual is append-only: UPDATE and DELETE on record_entries are refused by the database itself.
create trigger record_entries_no_update before update on record_entries
  for each row call 'org.liangze.record.AppendOnlyTrigger';
create trigger record_entries_no_delete before delete on record_entries
  for each row call 'org.liangze.record.AppendOnlyTrigger';
