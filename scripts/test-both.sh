#!/usr/bin/env bash
# The suite on SQLite and on PostgreSQL at the same time (the test half of
# `make test`): each run is mostly one core's work (Python, the browser), so on a
# machine with two cores the pair takes about as long as the slower one alone.
# Each run's output goes to its own log, printed when both have ended; the
# status is non-zero when either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
logs=$(mktemp -d /tmp/ccaward-tests.XXXXXX)
started=$(date +%s)
echo "The suite on SQLite and on PostgreSQL, at the same time (logs in $logs)"
# shellcheck disable=SC2086
$bin/pytest ${PYTEST_ARGS:-} >"$logs/sqlite.log" 2>&1 &
sqlite=$!
# shellcheck disable=SC2086
bash scripts/with-postgres.sh $bin/pytest ${PYTEST_ARGS:-} >"$logs/postgres.log" 2>&1 &
postgres=$!
wait $sqlite
sqlite_status=$?
echo "SQLite ended (status $sqlite_status) after $(($(date +%s) - started)) s"
wait $postgres
postgres_status=$?
echo "PostgreSQL ended (status $postgres_status) after $(($(date +%s) - started)) s"
for name in sqlite postgres; do
  echo
  echo "===== $name ====="
  cat "$logs/$name.log"
done
if [ $sqlite_status -ne 0 ] || [ $postgres_status -ne 0 ]; then
  echo "FAILED: SQLite status $sqlite_status, PostgreSQL status $postgres_status" >&2
  exit 1
fi
