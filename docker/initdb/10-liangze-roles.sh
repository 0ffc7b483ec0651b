#!/bin/bash
# The platform's two database roles (README "Database roles"), created when the PostgreSQL container initialises an
# empty data directory (the image runs /docker-entrypoint-initdb.d/* once, as its superuser POSTGRES_USER):
#   - LIANGZE_OWNER_ROLE owns the database and every table; only the platform's migrations (Flyway) connect as it;
#   - LIANGZE_RUNTIME_ROLE is what the application connects as; the migrations grant it what it needs, and it can
#     only read and append to the record manual.
# Neither is a superuser or may create roles or databases. The superuser is for administration only.
set -euo pipefail

: "${LIANGZE_OWNER_ROLE:?set LIANGZE_OWNER_ROLE}" "${LIANGZE_OWNER_PASSWORD:?set LIANGZE_OWNER_PASSWORD}"
: "${LIANGZE_RUNTIME_ROLE:?set LIANGZE_RUNTIME_ROLE}" "${LIANGZE_RUNTIME_PASSWORD:?set LIANGZE_RUNTIME_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v database="$POSTGRES_DB" \
  -v owner="$LIANGZE_OWNER_ROLE" -v owner_password="$LIANGZE_OWNER_PASSWORD" \
  -v runtime="$LIANGZE_RUNTIME_ROLE" -v runtime_password="$LIANGZE_RUNTIME_PASSWORD" <<'SQL'
create role :"owner" login password :'owner_password' nosuperuser nocreatedb nocreaterole;
create role :"runtime" login password :'runtime_password' nosuperuser nocreatedb nocreaterole;
-- the owner owns the database, and so (PostgreSQL 15) its schema public: the runtime role may not create anything
alter database :"database" owner to :"owner";
revoke all on database :"database" from public;
grant connect, temporary on database :"database" to :"runtime";
revoke create on schema public from public;
SQL
