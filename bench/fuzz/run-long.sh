#!/usr/bin/env bash
# The long fuzz runs recorded in bench/fuzz/README.md: each target, one after the other, at
# nice 10 (so a shared machine keeps a core), up to RUNS executions or SECONDS of wall time,
# whichever comes first, from a copy of its seed corpus kept in BUILD_DIR/fuzz-long/<target>.
#   bench/fuzz/run-long.sh BUILD_DIR [RUNS] [SECONDS] [TARGET...]
# Appends one tab-separated line per target to BUILD_DIR/fuzz-long/results.tsv:
#   target  result  execs  wall_s  execs_per_s  peak_rss_mb  corpus_files  seeds
set -u
build_dir=$(cd "$1" && pwd) || exit 2
runs=${2:-10000000}
seconds=${3:-900}
shift $(( $# < 3 ? $# : 3 ))
here=$(cd "$(dirname "$0")" && pwd)
fuzz_dir="$here/../../tests/fuzz"
out="$build_dir/fuzz-long"
mkdir -p "$out" "$build_dir/fuzz-artifacts"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_amf0 fuzz_chunkstream fuzz_rtmpt fuzz_handshake fuzz_ingesturl fuzz_errortext fuzz_sessionfile)
fi

max_len_of() { # same values as tests/fuzz/run-fuzz-smoke.sh
    case "$1" in
        fuzz_handshake) echo 4096 ;;
        fuzz_chunkstream | fuzz_sessionfile) echo 8192 ;;
        fuzz_ingesturl) echo 1024 ;;
        *) echo 2048 ;;
    esac
}

for target in "${targets[@]}"; do
    corpus="$out/$target"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    cp -r "$fuzz_dir/corpus/$target/." "$corpus/"
    seeds=$(find "$corpus" -type f | wc -l)
    dict=()
    [ -f "$fuzz_dir/$target.dict" ] && dict=(-dict="$fuzz_dir/$target.dict")
    log="$out/$target.log"
    start=$(date +%s.%N)
    # Cheaper bookkeeping for millions of runs (shorter allocation stacks, a smaller quarantine, no
    # fill of new blocks); every check stays on. Replay a reproducer with default options.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:malloc_context_size=4:quarantine_size_mb=32:max_malloc_fill_size=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        nice -n 10 "$build_dir/tests/fuzz/$target" -runs="$runs" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len_of "$target")" -print_final_stats=1 \
        -artifact_prefix="$build_dir/fuzz-artifacts/$target-" "${dict[@]}" "$corpus" >"$log" 2>&1
    status=$?
    end=$(date +%s.%N)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    wall=$(echo "$end - $start" | bc)
    rate=$(echo "${execs:-0} / $wall" | bc)
    files=$(find "$corpus" -type f | wc -l)
    result=ok
    [ $status -ne 0 ] && result="FAILED($status)"
    printf '%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\n' "$target" "$result" "${execs:-?}" "$wall" "$rate" "${rss:-?}" \
        "$files" "$seeds" | tee -a "$out/results.tsv"
done
