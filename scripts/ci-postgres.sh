#!/usr/bin/env bash
# Installs and starts PostgreSQL from Debian's packages (Debian 12: PostgreSQL 15) and creates the
# database the server tests use. Idempotent: safe to run again. Exports nothing; prints the URL.
# Use:  DATABASE_URL="$(bash scripts/ci-postgres.sh | tail -1)" npx vitest run server/test
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi
version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | grep -q "^${version} main .* online"; then
  pg_ctlcluster --skip-systemctl-redirect "${version}" main start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname = 'waymark'")" != "1" ]; then
  psql_admin "create role waymark login password 'waymark'"
fi
if [ "$(psql_admin "select 1 from pg_database where datname = 'waymark_test'")" != "1" ]; then
  psql_admin "create database waymark_test owner waymark"
fi

echo "postgres://waymark:waymark@127.0.0.1:5432/waymark_test"
