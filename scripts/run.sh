#!/usr/bin/env bash
# The main job on the bundled fixtures: install what is missing, build, and
# extract every fixture document to JSON Lines (out/fixtures.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product thidua 2>&1 | tail -1
mkdir -p out
find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.pdf' -o -name '*.docx' -o -name '*.odt' -o -name '*.html' \) \
  ! -path 'fixtures/hostile/*' ! -path 'fixtures/bad/*' | sort > out/fixture-list.txt
xargs -a out/fixture-list.txt .build/release/thidua extract --format json > out/fixtures.jsonl || true
echo "extracted $(wc -l < out/fixtures.jsonl) records from $(wc -l < out/fixture-list.txt) fixtures into out/fixtures.jsonl"
