#!/bin/sh
# Install the Debian packages Công Sở needs (stack §2). Usage: system-deps.sh run|test
set -e
RUN_PKGS="libpango-1.0-0 libpangoft2-1.0-0 fontconfig gettext"
TEST_PKGS="$RUN_PKGS libharfbuzz-subset0 chromium softhsm2 poppler-utils tesseract-ocr tesseract-ocr-vie ghostscript"
case "$1" in
  run) PKGS=$RUN_PKGS ;;
  test) PKGS=$TEST_PKGS ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
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
