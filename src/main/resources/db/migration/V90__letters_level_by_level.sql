-- Letters level by level (issue 15): a letter is issued by the level directly above the unit, which countersigns
-- it after the unit's secretary has signed. issuer_unit_code is that unit (a town for its villages, a department
-- for its sections), null for the district committee (units directly under the district, and every letter issued
-- before this migration, when the district committee issued them all).
alter table letters add column issuer_unit_code varchar(32) references units (code);
alter table letters add column countersigner_id varchar(64);
alter table letters add column countersignature varchar(100);
alter table letters add column countersigned_at timestamp with time zone;
