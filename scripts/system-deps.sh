#!/bin/sh
# Install the Debian packages Công Sở needs (stack §2). Usage: system-deps.sh run|test
set -e
RUN_PKGS="libpango-1.0-0 libpangoft2-1.0-0 fontconfig gettext tesseract-ocr tesseract-ocr-vie"
TEST_PKGS="$RUN_PKGS libharfbuzz-subset0 chromium softhsm2 poppler-utils libnss3-tools"
case "$1" in
  run) PKGS=$RUN_PKGS ;;
  test) PKGS=$TEST_PKGS ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
# Brokers for the broker tests: only where no server answers already (stack §2).
answers() { timeout 1 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }
START_REDIS=""; START_RABBIT=""
if [ "$1" = test ]; then
  answers 6379 || { PKGS="$PKGS redis-server"; START_REDIS=1; }
  answers 5672 || { PKGS="$PKGS rabbitmq-server"; START_RABBIT=1; }
fi
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
  else
    echo "Missing system packages:$missing"
    echo "Run: sudo apt-get install --no-install-recommends$missing"
    [ -z "$CI" ] || exit 1
  fi
fi
if [ "$(id -u)" = 0 ]; then
  [ -z "$START_REDIS" ] || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  [ -z "$START_RABBIT" ] || { rabbitmq-server -detached >/dev/null 2>&1; sleep 8; }
fi
