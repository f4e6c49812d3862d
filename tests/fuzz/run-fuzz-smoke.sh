#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time, two at a time (CI has 2 cores).
#   tests/fuzz/run-fuzz-smoke.sh BUILD_DIR [SECONDS]      (SECONDS defaults to 20)
# BUILD_DIR is a build configured with -DRTMPDOCTOR_FUZZ=ON (see tests/fuzz/README.md). Each
# target starts from a temporary copy of its seed corpus, so the committed corpus never grows.
# Prints one line per target; exits non-zero when a target crashed, leaked, timed out, ran out
# of memory or is missing. Reproducers are kept in BUILD_DIR/fuzz-artifacts.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BUILD_DIR [SECONDS]" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd) || exit 2
seconds=${2:-20}
case "$seconds" in '' | *[!0-9]*) echo "SECONDS must be a whole number" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/rtmpdoctor-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The largest input each target is given: enough for its biggest meaningful seed (a whole
# S0+S1+S2, a cut-down saved session), small enough to keep every execution fast.
max_len_of() {
    case "$1" in
        fuzz_handshake) echo 4096 ;;
        fuzz_chunkstream | fuzz_sessionfile) echo 8192 ;;
        fuzz_ingesturl) echo 1024 ;;
        *) echo 2048 ;;
    esac
}

run_one() {
    local target=$1
    local exe="$build_dir/tests/fuzz/$target"
    local log="$work/$target.log"
    local corpus="$work/$target.corpus"
    mkdir -p "$corpus"
    if [ -d "$here/corpus/$target" ]; then
        cp "$here/corpus/$target/." "$corpus/" -r
    fi
    local seeds
    seeds=$(find "$corpus" -type f | wc -l)
    local dict=()
    if [ -f "$here/$target.dict" ]; then
        dict=(-dict="$here/$target.dict")
    fi
    # A fixed seed (RTMPDOCTOR_FUZZ_SEED, 1 by default) makes every run try the same inputs in the
    # same order, so the test command stays reproducible; a new crash comes from a code change, and
    # exploring further is the job of the long runs (bench/fuzz).
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$exe" -seed="${RTMPDOCTOR_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_of "$target")" \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict[@]}" "$corpus" >"$log" 2>&1
    local status=$?
    local execs
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    local result=ok
    if [ $status -ne 0 ]; then
        if grep -q "ERROR: libFuzzer: timeout" "$log"; then result=TIMEOUT
        elif grep -q "ERROR: libFuzzer: out-of-memory" "$log"; then result=OUT-OF-MEMORY
        elif grep -q "LeakSanitizer" "$log"; then result=LEAK
        else result=CRASH; fi
        cp "$log" "$artifacts/$target.log"
    fi
    local corpus_after
    corpus_after=$(find "$corpus" -type f | wc -l)
    printf '%-18s %-13s %10s execs in %ss, corpus %s -> %s%s\n' "$target" "$result" "${execs:-?}" "$seconds" \
        "$seeds" "$corpus_after" "$([ "$result" = ok ] || echo ", log and reproducer in $artifacts")" \
        >"$work/$target.result"
    [ "$result" = ok ]
}

targets=()
for source in "$here"/fuzz_*.cpp; do
    targets+=("$(basename "$source" .cpp)")
done

failed=0
running=0
for target in "${targets[@]}"; do
    if [ ! -x "$build_dir/tests/fuzz/$target" ]; then
        printf '%-18s %-13s not built in %s\n' "$target" MISSING "$build_dir" >"$work/$target.result"
        failed=1
        continue
    fi
    run_one "$target" &
    running=$((running + 1))
    if [ $running -ge 2 ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while [ $running -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done

for target in "${targets[@]}"; do
    [ -f "$work/$target.result" ] && cat "$work/$target.result"
done
if [ $failed -ne 0 ]; then
    echo "fuzz smoke test FAILED" >&2
    exit 1
fi
echo "fuzz smoke test passed: ${#targets[@]} targets, ${seconds}s each"
