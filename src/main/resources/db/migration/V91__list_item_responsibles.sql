-- Every post has its work (issue 15): each item of a unit's tailored list names its 责任人 (a person of the unit
-- who carries it out) and its 责任领导 (the unit's secretary or a team member, 一岗双责), both by login. Null on
-- common lists (they serve every unit of a type) and on items from before this migration.
alter table list_items add column responsible_person varchar(64);
alter table list_items add column responsible_leader varchar(64);
create index list_items_responsible_leader_idx on list_items (responsible_leader);
create index list_items_responsible_person_idx on list_items (responsible_person);
