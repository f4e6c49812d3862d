#!/usr/bin/env bash
# Time from exec to the wizard's first mapped window, and the app's memory once
# idle on its first page. Run by hand (needs Xvfb and xdotool):
#   bench/startup/measure-startup.sh build/app/bin/rtmp-doctor [runs]
set -euo pipefail
app="${1:?path to rtmp-doctor}"
runs="${2:-5}"
for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done

exec 3< <(Xvfb -displayfd 1 -screen 0 1280x800x24 2>/dev/null)
xvfb_pid=$!
read -r display <&3
export DISPLAY=":$display"
trap 'kill $xvfb_pid 2>/dev/null' EXIT
# Other sessions on the machine start X servers too: measure only once this one answers.
for _ in $(seq 100); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.05
done
xdotool getdisplaygeometry >/dev/null 2>&1 || { echo "Xvfb on $DISPLAY does not answer" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

starts=()
rss=()
pss=()
for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$app" >/dev/null 2>"${TMPDIR:-/tmp}/measure-startup.$$.err" &
    pid=$!
    # Poll tightly (a few ms per look) until the wizard window is mapped.
    until xdotool search --onlyvisible --pid "$pid" --name "RTMP Doctor" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { echo "the app exited early:" >&2; cat "${TMPDIR:-/tmp}/measure-startup.$$.err" >&2; exit 1; }
    done
    t1=$(date +%s%N)
    starts+=($(( (t1 - t0) / 1000000 )))
    sleep 2 # idle on the first page
    rss+=($(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$pid/status"))
    pss+=($(awk '/^Pss:/ {print int($2/1024)}' "/proc/$pid/smaps_rollup"))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo "runs: $runs"
echo "exec to first window (ms): ${starts[*]}  median $(printf '%s\n' "${starts[@]}" | median)"
echo "idle resident memory RSS (MB): ${rss[*]}  median $(printf '%s\n' "${rss[@]}" | median)"
echo "idle proportional memory PSS (MB): ${pss[*]}  median $(printf '%s\n' "${pss[@]}" | median)"
