#!/usr/bin/env bash
# Repeated store trials that `swift test` runs only a few times (kept quick there):
#   fresh-sqlite     N trials: two importers started together on a store file nobody created
#   fresh-postgres   N trials: two importers started together on a fresh database
#   server-stop      N trials: PostgreSQL stopped mid-import (pg_ctl stop -m fast), restarted
#                    a few seconds later; then the same import again must complete
# Each trial checks exit statuses, that every document is stored exactly once, and (for
# server-stop) that no good file was reported failed. Run under a throw-away server:
#
#   swift build --product thidua
#   scripts/with-postgres.sh scripts/trials.sh [TRIALS=10] [fresh-sqlite fresh-postgres server-stop]
set -uo pipefail
cd "$(dirname "$0")/.."
TRIALS="${1:-10}"; [ $# -gt 0 ] && shift
KINDS=(fresh-sqlite fresh-postgres server-stop)
[ $# -gt 0 ] && KINDS=("$@")
THIDUA="${THIDUA_BIN:-$PWD/.build/debug/thidua}"
[ -x "$THIDUA" ] || { echo "trials.sh: build thidua first ($THIDUA)" >&2; exit 2; }
WORK="$(mktemp -d /tmp/thidua-trials.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
PSQL="${THIDUA_TEST_PG_BINDIR:-}/psql"

# COUNT plans, each its own bytes (number, date and title vary).
make_corpus() {
    local dir="$1" count="$2" i
    mkdir -p "$dir"
    for ((i = 0; i < count; i++)); do
        printf '%s\n' "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" \
            "Số: $((i + 1))/KH-SNN" "Bắc Kạn, ngày $((i % 28 + 1)) tháng $((i % 12 + 1)) năm 2023" \
            "KẾ HOẠCH" "Phát động phong trào thi đua “Nông thôn mới” đợt $i" "I. MỤC ĐÍCH, YÊU CẦU" \
            "Đẩy mạnh phong trào thi đua yêu nước, lần thứ $i." "II. NỘI DUNG" \
            "Báo cáo sơ kết trước ngày 20/6/2023." "GIÁM ĐỐC" "Hà Sỹ Huân" > "$dir/$(printf 'kh-%05d.txt' "$i")"
    done
}

# Documents in the store, and distinct digests among them (a duplicate makes them differ).
stored() { "$THIDUA" list --store "$1" --format jsonl 2>/dev/null | wc -l; }
distinct() { "$THIDUA" list --store "$1" --format jsonl 2>/dev/null | grep -o '"sha256":"[0-9a-f]*"' | sort -u | wc -l; }
summary_count() { grep -oE "$2 [0-9]+" "$1" | grep -oE '[0-9]+$' | head -1; }

two_importers() {
    local store="$1" corpus="$2" log="$3"
    "$THIDUA" import "$corpus" --store "$store" --jobs 1 > "$log.1" 2>&1 & local a=$!
    "$THIDUA" import "$corpus" --store "$store" --jobs 1 > "$log.2" 2>&1 & local b=$!
    wait $a; local sa=$?; wait $b; local sb=$?
    local imported=$(( $(summary_count "$log.1" imported) + $(summary_count "$log.2" imported) ))
    if [ $sa -eq 0 ] && [ $sb -eq 0 ] && [ $imported -eq 40 ] && [ "$(stored "$store")" -eq 40 ] \
        && [ "$(distinct "$store")" -eq 40 ]; then
        return 0
    fi
    echo "  exit $sa/$sb, imported $imported, stored $(stored "$store"), distinct $(distinct "$store")"
    sed 's/^/  | /' "$log.1" "$log.2" | grep -v '^  | *$' | tail -6
    return 1
}

fresh_sqlite() {
    local t="$1"
    two_importers "$WORK/fresh-$t.sqlite" "$WORK/corpus40" "$WORK/fresh-sqlite-$t"
}

fresh_postgres() {
    local t="$1" db="thidua_trial_$$_$1"
    "$PSQL" -q "$THIDUA_TEST_POSTGRES_URL" -c "CREATE DATABASE $db" || return 1
    local url="${THIDUA_TEST_POSTGRES_URL%/*}/$db"
    two_importers "$url" "$WORK/corpus40" "$WORK/fresh-pg-$t"; local s=$?
    "$PSQL" -q "$THIDUA_TEST_POSTGRES_URL" -c "DROP DATABASE $db WITH (FORCE)"
    return $s
}

pg_count() { "$PSQL" -qtA "$1" -c "SELECT count(*), count(DISTINCT sha256) FROM document" 2>/dev/null; }

# Stop the server once 30 documents are in, start it again 3 s later; the import may finish
# (it retries for up to a minute) or stop with one line and exit 2; either way no good file
# is failed, and a second run leaves 400 documents, each once.
server_stop() {
    local t="$1" db="thidua_stop_$$_$1" total=400
    "$PSQL" -q "$THIDUA_TEST_POSTGRES_URL" -c "CREATE DATABASE $db" || return 1
    local url="${THIDUA_TEST_POSTGRES_URL%/*}/$db" log="$WORK/stop-$t"
    "$THIDUA" import "$WORK/corpus400" --store "$url" --jobs 2 > "$log.out" 2> "$log.err" & local p=$!
    local n=0 waited=0
    while [ "${n:-0}" -lt 30 ] && [ $waited -lt 1200 ] && kill -0 $p 2>/dev/null; do
        sleep 0.1; waited=$((waited + 1)); n=$(pg_count "$url" | cut -d'|' -f1)
    done
    eval "$THIDUA_TEST_PG_STOP" > /dev/null 2>&1
    sleep 3
    eval "$THIDUA_TEST_PG_START" > /dev/null 2>&1 || { echo "  server did not restart"; return 1; }
    wait $p; local first=$?
    local failed; failed=$(summary_count "$log.out" failed)
    local lines; lines=$(wc -l < "$log.err")
    "$THIDUA" import "$WORK/corpus400" --store "$url" --jobs 2 > "$log.again" 2>&1; local second=$?
    local counts; counts=$(pg_count "$url")
    "$PSQL" -q "$THIDUA_TEST_POSTGRES_URL" -c "DROP DATABASE $db WITH (FORCE)"
    echo "  stopped at $n stored; first run exit $first, failed ${failed:-none}, $lines stderr lines; re-run exit $second; stored|distinct $counts"
    [ "$first" -eq 0 ] || [ "$first" -eq 2 ] || return 1
    [ "${failed:-0}" -eq 0 ] && [ "$lines" -le 1 ] && [ "$second" -eq 0 ] && [ "$counts" = "$total|$total" ]
}

make_corpus "$WORK/corpus40" 40
make_corpus "$WORK/corpus400" 400
overall=0
for kind in "${KINDS[@]}"; do
    case "$kind" in
        fresh-sqlite) run=fresh_sqlite ;;
        fresh-postgres | server-stop)
            [ -n "${THIDUA_TEST_POSTGRES_URL:-}" ] || { echo "$kind: skipped (run under scripts/with-postgres.sh)"; continue; }
            run=${kind//-/_} ;;
        *) echo "trials.sh: unknown trial kind $kind" >&2; exit 2 ;;
    esac
    ok=0
    for ((t = 1; t <= TRIALS; t++)); do
        if $run "$t"; then ok=$((ok + 1)); else
            kept="$(mktemp -d /tmp/thidua-trial-failed.XXXXXX)"
            cp "$WORK"/*-"$t"* "$kept"/ 2>/dev/null
            echo "  $kind trial $t failed (logs in $kept)"
        fi
    done
    echo "$kind: $ok of $TRIALS trials succeeded"
    [ $ok -eq "$TRIALS" ] || overall=1
done
exit $overall
