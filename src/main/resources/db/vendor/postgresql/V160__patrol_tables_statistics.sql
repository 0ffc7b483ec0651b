-- The escalation patrol's own tables in the statistics check (EngineTableTuning, V24's lz_analyze_stale_tables). A
-- district's first patrol writes a level, a step, a reminder and a few digest lines for every due task within a
-- minute (53,553 tasks at 1,000 units); planned for the tables as they were before it, a unit's page compared each
-- of its tasks with every level row so far and each page of digests read every line of the run (docs/performance.md,
-- "The patrol's statistics"). The queries now read those rows by key whatever the statistics say; fresh statistics
-- keep the rest of the patrol's SQL (the units to patrol, the claims) planned for the tables as they are.
create or replace function lz_analyze_stale_tables() returns setof text
  language plpgsql security definer set search_path from current as $$
declare
  stale text;
begin
  for stale in
    select relname from pg_stat_user_tables
     where schemaname = current_schema()
       and relname in ('act_ru_task', 'act_ru_identitylink', 'act_ru_execution', 'act_ru_variable', 'act_ru_job',
                       'act_ru_authorization', 'act_ru_event_subscr', 'act_ge_bytearray',
                       'open_task_units', 'task_escalations', 'task_reminders', 'escalation_steps',
                       'escalation_digest_items', 'escalation_digests', 'summons_request_tasks')
       and n_mod_since_analyze > 500 and n_mod_since_analyze > 0.1 * n_live_tup
  loop
    execute format('analyze (skip_locked) %I', stale);
    return next stale;
  end loop;
end;
$$;
