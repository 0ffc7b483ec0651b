-- The job executor acquires by priority: see the PostgreSQL version of this migration.
create index if not exists LZ_IDX_JOB_PRIORITY on ACT_RU_JOB (PRIORITY_ desc);
