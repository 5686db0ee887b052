#!/usr/bin/env bash
# The whole test suite: install what is missing (apt), build, then run swift test
# with a throw-away PostgreSQL server on 127.0.0.1 (scripts/with-postgres.sh), so
# the store suite runs against SQLite and PostgreSQL alike.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
swift build --build-tests 2>&1 | grep -E "error:|complete" | tail -5 || true
scripts/with-postgres.sh swift test --skip-build 2>&1
# The libFuzzer smoke (every target 10 s) is opt-in: building the instrumented targets takes
# about ten minutes on a small machine. THIDUA_FUZZ_SMOKE=1 ./scripts/test.sh runs it too.
if [ "${THIDUA_FUZZ_SMOKE:-}" = 1 ]; then
    scripts/fuzz.sh smoke 10
fi
