-- Every post has its work (issue 15): a common list serves every unit of a type, so each unit names its own 责任人
-- (a person of the unit) and 责任领导 (its secretary or a team member) for each common item, by login. A unit
-- without a row for an item has the defaults (the secretary for 主体责任 items, the 纪检委员 for 监督责任 items);
-- a row is written when the unit's secretary changes them on the list page.
create table common_item_responsibles (
  unit_code varchar(32) not null,
  list_item_id bigint not null references list_items (id),
  responsible_person varchar(64) not null,
  responsible_leader varchar(64) not null,
  assigned_by varchar(64) not null,
  assigned_at timestamp with time zone not null,
  primary key (unit_code, list_item_id)
);
create index common_item_responsibles_person_idx on common_item_responsibles (responsible_person);
