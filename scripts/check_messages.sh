#!/bin/sh
# Fail when the Vietnamese catalogue has untranslated or fuzzy entries (conventions §9).
set -e
status=0
for po in locale/vi/LC_MESSAGES/*.po; do
  [ -f "$po" ] || continue
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid "' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid "' || true)
  # msgattrib prints the header entry (msgid "") when anything is selected.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "$po: $untranslated untranslated, $fuzzy fuzzy — run make messages and translate them:"
    msgattrib --untranslated --no-obsolete "$po" | grep '^msgid "' | sed 1d | head -20
    status=1
  fi
done
exit $status
