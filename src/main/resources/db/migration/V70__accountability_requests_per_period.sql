-- The escalation ladder's accountability requests (escalation's table, V6): one per unit, cause and period, so a
-- unit late again in a later period gets a request of its own. The cause names the period in words; the period
-- column ("2026Q4", "2026H1", "2026") is what the key holds. Requests from before have no period ('').
-- Runs unchanged on H2 and PostgreSQL.

alter table accountability_requests add column period varchar(16) default '' not null;
alter table accountability_requests drop constraint accountability_requests_unique;
alter table accountability_requests add constraint accountability_requests_unique unique (unit_code, cause, period);
