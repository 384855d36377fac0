#!/bin/sh
# Runs every fuzz target for SECONDS each (default 180), one at a time,
# and prints executions, crashes, time and corpus size per target.
# Stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags;
# no sanitizer (-s none: the code under test is safe Rust, and ASan would
# need a nightly std). Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")"
secs=${1:-180}
shift 2>/dev/null || true
targets=${*:-"decode search_kind doc phone dates money sanitize"}
[ -d corpus/decode ] || python3 seeds.py
mkdir -p logs
for t in $targets; do
    start=$(date +%s)
    RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        > "logs/$t.log" 2>&1
    rc=$?
    end=$(date +%s)
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$')
    crashes=$(ls artifacts/"$t" 2>/dev/null | wc -l)
    corpus=$(ls corpus/"$t" | wc -l)
    echo "$t execs=${execs:-?} crashes=$crashes exit=$rc seconds=$((end - start)) corpus=$corpus"
done
