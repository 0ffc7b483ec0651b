-- Indexes Camunda lacks, each shown necessary by EXPLAIN in the district-scale benchmark (docs/performance.md):
-- ACT_RU_TASK.DUE_DATE_ for the overdue queries and the escalation patrol; ACT_RU_AUTHORIZATION.USER_ID_, without
-- which every authorized task query (Tasklist's list and count) reads the whole authorization table to find the
-- viewer's grants (Camunda indexes the group, and the user only behind TYPE_); the suspended tasks (usually none),
-- which the overdue report subtracts from open_task_units. Until this migration the platform made them at every
-- start (EngineTableTuning), so a database may have them already (if not exists). The partial index of unitCode
-- variables that a unit's overdue page once used only costs every unitCode write now: dropped.
--
-- CONCURRENTLY: in a running district these tables are large, and a plain CREATE INDEX would block every task
-- write while it builds. Flyway runs a migration of only such statements outside a transaction, and with
-- spring.flyway.postgresql.transactional-lock: false its own lock does not hold a transaction open that the build
-- would wait for.
create index concurrently if not exists lz_idx_task_due_date on act_ru_task (due_date_);
create index concurrently if not exists lz_idx_auth_user_id on act_ru_authorization (user_id_);
create index concurrently if not exists lz_idx_task_suspended on act_ru_task (id_) where suspension_state_ <> 1;
drop index concurrently if exists lz_idx_var_unit_code;
