#!/usr/bin/env bash
# The whole test suite: install what is missing, then swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
swift build --build-tests 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | tail -3
swift test --skip-build 2>&1
