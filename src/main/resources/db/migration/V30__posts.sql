-- A person holds one or more posts (职务): a unit and a role, or a district role without a unit. Each person's
-- former single role and unit become their first post. A person missing from a full organisation import has left:
-- the row stays for history (names in record manuals), without posts and without a login.

create table posts (
  user_id   varchar(64) not null references people (user_id),
  unit_code varchar(32) references units (code),
  role      varchar(32) not null,
  constraint posts_role_valid check (role in ('STAFF', 'SECRETARY', 'INSPECTOR', 'TEAM_MEMBER',
                                              'DISCIPLINE_COMMISSION', 'DISTRICT_COMMITTEE', 'PROCESS_DESIGNER',
                                              'ORGANISATION_ADMIN')),
  -- unit roles belong to a unit, district roles to none
  constraint posts_unit_matches_role check (
    (role in ('STAFF', 'SECRETARY', 'INSPECTOR', 'TEAM_MEMBER') and unit_code is not null)
    or (role not in ('STAFF', 'SECRETARY', 'INSPECTOR', 'TEAM_MEMBER') and unit_code is null)),
  constraint posts_unique unique nulls not distinct (user_id, unit_code, role)
);

create index posts_unit_idx on posts (unit_code);

insert into posts (user_id, unit_code, role) select user_id, unit_code, role from people;

alter table people add column mobile varchar(32);
alter table people add column left_at timestamp with time zone;

alter table people drop constraint people_unit_matches_role;
alter table people drop constraint people_role_valid;
alter table people drop column unit_code;
alter table people drop column role;
