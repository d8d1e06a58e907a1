#!/usr/bin/env bash
# The translation catalogues: extract every message (code, templates, TOML content) into
# stackchooser/i18n/translations/messages.pot, merge it into each language's messages.po, and
# compile the .mo files that travel in the wheel. Run after changing any English words,
# translate what is new or fuzzy in the .po files, then run it again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=".venv/bin/pybabel"
dir=stackchooser/i18n/translations
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
"$PYBABEL" extract --no-location --sort-output -F babel.cfg -k N_ \
  --project=stackchooser --copyright-holder="stackchooser" -o "$fresh" .
# Keep the template as it is when only its creation date would change, so that running
# this without changing any words changes no file.
undated() { grep -v '^"POT-Creation-Date: ' "$1"; }
if [ ! -f "$dir/messages.pot" ] || ! cmp -s <(undated "$fresh") <(undated "$dir/messages.pot"); then
  cp "$fresh" "$dir/messages.pot"
fi
for language in nl fr; do
  if [ -f "$dir/$language/LC_MESSAGES/messages.po" ]; then
    "$PYBABEL" update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date \
      -i "$dir/messages.pot" -d "$dir" -l "$language"
  else
    "$PYBABEL" init -i "$dir/messages.pot" -d "$dir" -l "$language"
  fi
done
"$PYBABEL" compile --statistics -d "$dir"
