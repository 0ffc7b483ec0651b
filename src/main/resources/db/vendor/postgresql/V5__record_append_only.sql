-- The record manual is append-only: UPDATE, DELETE and TRUNCATE on record_entries are refused by the database
-- itself, whatever the application does. (Only a superuser disabling the trigger can get past it, and the hash
-- chain then shows what was changed.)
create function record_entries_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'record_entries is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger record_entries_no_update_or_delete
  before update or delete on record_entries
  for each row execute function record_entries_append_only();

create trigger record_entries_no_truncate
  before truncate on record_entries
  for each statement execute function record_entries_append_only();
