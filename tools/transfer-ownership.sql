-- Hands the platform's database and everything in its schema to the owner role: the step that turns an installation
-- of one database role (before the two roles, README "Database roles") into one whose application role owns nothing.
-- Run as a superuser, connected to the platform's database, with the application stopped:
--   psql -v ON_ERROR_STOP=1 -d liangze -v owner=liangze_owner -f tools/transfer-ownership.sql
-- Unlike REASSIGN OWNED it also works when the old owner is the bootstrap superuser (the postgres image's
-- POSTGRES_USER, which docker/compose.yaml used to give the application). Tables take their indexes and the
-- sequences of their identity columns with them; the schema public (PostgreSQL 15) belongs to the database's owner.
select set_config('liangze.new_owner', :'owner', false);

do $$
declare
  object record;
  new_owner text := current_setting('liangze.new_owner');
begin
  for object in
    select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
       -- a sequence of a serial or identity column goes with its table
       and not (c.relkind = 'S' and exists (select 1 from pg_depend d
                                             where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                               and d.deptype in ('a', 'i')))
  loop
    execute format('alter %s %I owner to %I',
      case object.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
                          when 'f' then 'foreign table' else 'table' end,
      object.relname, new_owner);
  end loop;
  for object in
    select p.oid::regprocedure as routine from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = current_schema()
  loop
    execute format('alter routine %s owner to %I', object.routine, new_owner);
  end loop;
  execute format('alter database %I owner to %I', current_database(), new_owner);
end
$$;
