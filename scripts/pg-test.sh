#!/bin/sh
# PostgreSQL for the test suite. `available`: exit 0 when a server answers on
# 127.0.0.1:5432 (starting the local cluster first when run as root);
# `url`: print the database URL the suite uses (pytest-django creates test_congso).
set -e
HOST=${PGHOST_TEST:-127.0.0.1}
case "$1" in
  available)
    if ! pg_isready -q -h "$HOST" -p 5432 2>/dev/null; then
      if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
        sleep 2
      fi
    fi
    pg_isready -q -h "$HOST" -p 5432 || exit 1
    # The suite's own database (pytest-django creates test_congso from it).
    psql -h "$HOST" -U "${PGUSER_TEST:-postgres}" -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'congso'" | grep -q 1 \
      || createdb -h "$HOST" -U "${PGUSER_TEST:-postgres}" congso ;;
  url) echo "postgres://${PGUSER_TEST:-postgres}@$HOST:5432/congso" ;;
  *) echo "usage: $0 available|url" >&2; exit 2 ;;
esac
