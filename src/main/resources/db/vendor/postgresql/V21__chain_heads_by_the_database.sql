-- The chain heads move with the entries, by the database itself: a row trigger on record_entries (run with the
-- rights of the owner role that created it) moves the unit's head to every entry appended. The application's
-- runtime role therefore needs no UPDATE on record_chain_heads, which an insider with its password could otherwise
-- use to point a head at a rewritten chain (README "Database roles").
create function record_chain_heads_follow() returns trigger
  language plpgsql security definer set search_path from current as $$
begin
  insert into record_chain_heads (unit_code, last_seq, last_hash) values (new.unit_code, new.seq, new.entry_hash)
  on conflict (unit_code) do update set last_seq = excluded.last_seq, last_hash = excluded.last_hash
    where record_chain_heads.last_seq < excluded.last_seq;
  return null;
end;
$$;

revoke all on function record_chain_heads_follow() from public;

create trigger record_entries_move_head
  after insert on record_entries
  for each row execute function record_chain_heads_follow();
