-- Camunda's busy runtime tables (README "PostgreSQL: Camunda's busy tables", docs/performance.md): every campaign,
-- task and job writes to them, and after a campaign creates thousands of tasks at once PostgreSQL may plan for the
-- small tables of before. Until this migration the platform set this at every start (EngineTableTuning); altering a
-- table takes its owner, which the application's runtime role is not.

-- analyse after 500 rows + 2 % changed, vacuum after 1,000 + 5 % (PostgreSQL's defaults: 50 + 10 % / 50 + 20 %)
alter table act_ru_task set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_identitylink set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_execution set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_variable set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_job set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_authorization set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ru_event_subscr set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
alter table act_ge_bytearray set (autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);

-- The statistics check (EngineTableTuning, every liangze.database.analyze-check): analyses each busy table once more
-- than 500 rows and 10 % of it changed since its last analysis, and returns their names. ANALYZE takes the table's
-- owner: the function runs with the rights of the owner role that created it (security definer), so the runtime
-- role may call it without owning anything. SKIP_LOCKED: with several nodes, whoever comes second skips.
create function lz_analyze_stale_tables() returns setof text
  language plpgsql security definer set search_path from current as $$
declare
  stale text;
begin
  for stale in
    select relname from pg_stat_user_tables
     where schemaname = current_schema()
       and relname in ('act_ru_task', 'act_ru_identitylink', 'act_ru_execution', 'act_ru_variable', 'act_ru_job',
                       'act_ru_authorization', 'act_ru_event_subscr', 'act_ge_bytearray')
       and n_mod_since_analyze > 500 and n_mod_since_analyze > 0.1 * n_live_tup
  loop
    execute format('analyze (skip_locked) %I', stale);
    return next stale;
  end loop;
end;
$$;
