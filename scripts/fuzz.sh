#!/usr/bin/env bash
# libFuzzer targets of thidua (the package in fuzz/, built apart from thidua's own build
# with -sanitize=fuzzer,address into .build-fuzz/).
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-FLAG...]   fuzz one target
#   scripts/fuzz.sh smoke [SECONDS]                      every target SECONDS each (default 10); CI
#   scripts/fuzz.sh replay TARGET FILE...                run inputs once (a crash's reproducer)
#   scripts/fuzz.sh build
#   FUZZ_NO_BUILD=1 scripts/fuzz.sh …                     skip the (incremental) build
#
# TARGET: pdf, office (DOCX/ODT/ZIP), html, text (and legacy encodings), date, number, citation.
# The corpus grows in .build-fuzz/corpus/TARGET, seeded from fixtures/ on every run; a
# crash, hang (-timeout, 20 s) or runaway allocation (-rss_limit_mb, 2048) is written to
# .build-fuzz/artifacts/TARGET/ and the script exits non-zero. Each one found goes into
# fixtures/hostile/ with a test, and gets fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SCRATCH="$ROOT/.build-fuzz"
TARGETS=(pdf office html text date number citation)
export SWIFT_BACKTRACE=enable=no            # let libFuzzer see the trap itself, at once
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1:allocator_may_return_null=1}"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

binary() {
    case "$1" in
        pdf) echo FuzzPDF ;; office) echo FuzzOffice ;; html) echo FuzzHTML ;; text) echo FuzzText ;;
        date) echo FuzzDate ;; number) echo FuzzNumber ;; citation) echo FuzzCitation ;;
        *) echo "fuzz.sh: unknown target '$1' (one of: ${TARGETS[*]})" >&2; exit 2 ;;
    esac
}

max_len() {
    case "$1" in
        pdf | office) echo 131072 ;; html | text) echo 65536 ;; citation) echo 4096 ;; *) echo 512 ;;
    esac
}

build() {
    if [ -n "${FUZZ_NO_BUILD:-}" ]; then return 0; fi   # FUZZ_NO_BUILD=1: use the binaries as built
    echo "fuzz.sh: building the fuzz targets (release, -sanitize=fuzzer,address) into .build-fuzz" >&2
    swift build --package-path fuzz --scratch-path "$SCRATCH" -c release \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 |
        grep -E "error|warning: unre|Compiling|Build complete" | grep -v "^\[.*Compiling" | tail -20
    test -x "$SCRATCH/release/FuzzText" || { echo "fuzz.sh: build failed" >&2; exit 1; }
}

# Whole files for the decoders; for the normalizers, the lines of the text fixtures
# that hold a digit (dates, numbers and citations live there).
seed() {
    local target="$1" dir="$SCRATCH/seeds/$1"
    rm -rf "$dir"; mkdir -p "$dir"
    case "$target" in
        pdf) cp fixtures/pdf/*.pdf fixtures/hostile/*.pdf "$dir"/
             for f in fixtures/seeds/*/doc.pdf; do cp "$f" "$dir/$(basename "$(dirname "$f")")-doc.pdf"; done ;;
        office) cp fixtures/docx/*.docx fixtures/odt/*.odt fixtures/hostile/*.docx "$dir"/
             for f in fixtures/seeds/*/doc.docx fixtures/seeds/*/doc.odt; do
                 cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
        html) cp fixtures/html/*.html "$dir"/
             for f in fixtures/seeds/*/doc.html; do cp "$f" "$dir/$(basename "$(dirname "$f")")-doc.html"; done ;;
        text) cp fixtures/text/*.txt fixtures/markdown/*.md fixtures/hostile/*.txt "$dir"/
             for f in fixtures/seeds/*/*.txt; do cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
        *) python3 - "$dir" fixtures/text/*.txt fixtures/campaign/*.md fixtures/seeds/*/doc.txt <<'PY'
import hashlib, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if any(c.isdigit() for c in line) and len(line) < 400:
            data = line.encode()
            open(f"{out}/{hashlib.sha1(data).hexdigest()[:16]}", "wb").write(data)
PY
        ;;
    esac
}

run() {
    local target="$1" seconds="$2"; shift 2
    local bin; bin="$SCRATCH/release/$(binary "$target")"
    seed "$target"
    mkdir -p "$SCRATCH/corpus/$target" "$SCRATCH/artifacts/$target"
    "$bin" "$SCRATCH/corpus/$target" "$SCRATCH/seeds/$target" \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -artifact_prefix="$SCRATCH/artifacts/$target/" -print_final_stats=1 "$@"
}

# One line per target: executions, edges covered, features, corpus size, time.
summary() {
    local target="$1" log="$2"
    local execs cov ft corp
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -oE '(DONE|pulse|REDUCE|NEW|INITED).*cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo '?')
    ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo '?')
    corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || echo '?')
    echo "$target: $execs executions, cov $cov, ft $ft, corpus $corp"
}

smoke() {
    local seconds="${1:-10}" failed=0 log
    for target in "${TARGETS[@]}"; do
        log="$SCRATCH/logs/smoke-$target.log"; mkdir -p "$SCRATCH/logs"
        if run "$target" "$seconds" > "$log" 2>&1; then
            echo "ok   $(summary "$target" "$log")"
        else
            failed=1
            echo "FAIL $target: $(grep -m1 -E 'ERROR|Fatal error|deadly signal|timeout|out-of-memory' "$log" || tail -1 "$log")"
            echo "     log: $log; reproducer: $(ls -t "$SCRATCH/artifacts/$target" | head -1)"
        fi
    done
    return $failed
}

[ $# -ge 1 ] || usage
case "$1" in
    build) build ;;
    smoke) build; smoke "${2:-10}" ;;
    replay) [ $# -ge 3 ] || usage
        target="$2"; shift 2
        build; "$SCRATCH/release/$(binary "$target")" -runs=1 -rss_limit_mb=2048 -timeout=20 "$@" ;;
    -h | --help) usage ;;
    *) [ $# -ge 2 ] || usage
        target="$1" seconds="$2"; shift 2
        binary "$target" > /dev/null
        build
        mkdir -p "$SCRATCH/logs"; log="$SCRATCH/logs/$target-$(date -u +%Y%m%dT%H%M%S).log"
        set +e
        run "$target" "$seconds" "$@" 2>&1 | tee "$log" | grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)'
        status=${PIPESTATUS[0]}
        set -e
        summary "$target" "$log"
        echo "log: $log"
        exit "$status" ;;
esac
