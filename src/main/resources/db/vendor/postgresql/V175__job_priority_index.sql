-- The job executor acquires by priority (job-executor-acquire-by-priority in application.yaml): background work
-- (camunda:jobPriority -10: deliveries, notices, digests, scores, checkpoints, a case's evidence) yields to people's
-- work and the escalation patrol (docs/performance.md "The patrol's own jobs first"). The
-- acquisition then orders by PRIORITY_: this index lets it read the next few jobs in that order instead of sorting
-- every due job (a campaign queues one per unit). CONCURRENTLY: see V23.
create index concurrently if not exists lz_idx_job_priority on act_ru_job (priority_ desc);
