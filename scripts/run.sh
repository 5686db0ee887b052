#!/usr/bin/env bash
# The main job on the bundled fixtures: install what is missing (apt), build,
# import every fixture document into ./thidua.sqlite, and show the summary and
# a few rows of the store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product thidua 2>&1 | grep -E "error:|complete" | tail -3 || true
bin=.build/release/thidua
# fixtures/hostile and the broken PDFs are bad input on purpose: they are reported, one line each.
set +e
# The fixture documents (not their expected records, READMEs or house rules).
mapfile -t docs < <(find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.pdf' -o -name '*.docx' \
  -o -name '*.odt' -o -name '*.html' \) ! -name 'README.md' ! -name 'GUIDE.md' ! -name '*.expect.json' | sort)
"$bin" import "${docs[@]}" --store thidua.sqlite --report thidua-import.jsonl
status=$?
set -e
echo
"$bin" list --store thidua.sqlite --limit 12
echo
# head closes the pipe after 12 lines: the SIGPIPE that stops thidua there is not a failure.
"$bin" deadlines --store thidua.sqlite --from 2023-01-01 --to 2023-12-31 | head -12 || true
echo
echo "store: thidua.sqlite; per-file report: thidua-import.jsonl (import exit status $status: 1 = some files failed, as the hostile fixtures do)"
