#!/usr/bin/env bash
# Idle footprint of a local ringsync cluster, measured from outside the processes:
#   - time from process start to every link of every node being UP (from the nodes' own log lines),
#   - CPU per node while idle, from /proc/<pid>/stat (utime+stime) over a window,
#   - resident memory per node (VmRSS, VmHWM) and thread count, from /proc/<pid>/status,
#   - time from SIGTERM to exit, and whether each node removed its run directory,
# and prints Corosync's idle RSS measured on this machine (shared/anchors) beside ours.
#
# Usage: it-tests/bench/idle-footprint.sh [NODES=3] [IDLE_SECONDS=30] [WARMUP_SECONDS=60]
# The idle window starts WARMUP_SECONDS after all links are up, once start-up work (JIT
# compilation above all) has settled; a WARMUP_SECONDS of 0 shows it included.
# Needs: a built node/target/ringsync.jar (mvn -q -DskipTests package), jq.
# RINGSYNC_BENCH_CONF: HOCON lines appended to every node's config (as totem-bench.sh takes them),
# e.g. 'transport.term_length = 1MiB' to compare a setting's footprint; default none.
set -euo pipefail

nodes=${1:-3}
idle_seconds=${2:-30}
warmup_seconds=${3:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
ringsync="$root/bin/ringsync"
work=$(mktemp -d /tmp/ringsync-footprint.XXXXXX)
cluster="footprint-$$"
base_port=$((20000 + RANDOM % 20000))
hz=$(getconf CLK_TCK)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work" /dev/shm/"$cluster"-node*
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

"$ringsync" config init --nodes "$nodes" --base-port "$base_port" --dir "$work" \
  --cluster-name "$cluster" --run-dir-parent /dev/shm > /dev/null
if [ -n "${RINGSYNC_BENCH_CONF:-}" ]; then
  for i in $(seq 1 "$nodes"); do printf '\n%s\n' "$RINGSYNC_BENCH_CONF" >> "$work/node$i.conf"; done
fi

start_ms=$(now_ms)
for i in $(seq 1 "$nodes"); do
  "$ringsync" node --config "$work/node$i.conf" > "$work/node$i.log" 2>&1 &
  pids+=($!)
done

# Every node logs one "is UP" line per peer link when it comes up; wait for all of them.
expected_up=$((nodes - 1))
deadline=$(( $(now_ms) + 120000 ))
up_ms=""
while [ "$(now_ms)" -lt "$deadline" ]; do
  all=1
  for i in $(seq 1 "$nodes"); do
    count=$(grep -c " is UP" "$work/node$i.log" || true)
    [ "$count" -ge "$expected_up" ] || all=0
  done
  if [ "$all" = 1 ]; then up_ms=$(( $(now_ms) - start_ms )); break; fi
  sleep 0.05
done
[ -n "$up_ms" ] || { echo "links did not all come up within 120 s; logs in $work" >&2; trap - EXIT; exit 1; }

sleep "$warmup_seconds"
declare -A t0
for i in $(seq 1 "$nodes"); do t0[$i]=$(cpu_ticks "${pids[$((i-1))]}"); done
w0=$(now_ms)
sleep "$idle_seconds"
w1=$(now_ms)

printf '\nringsync idle footprint: %d nodes on one machine (%d cores), idle window %d s from %d s after all links were up\n' \
  "$nodes" "$(nproc)" "$idle_seconds" "$warmup_seconds"
printf 'time from process start to all links up: %d ms\n\n' "$up_ms"
printf '%-6s %8s %14s %12s %12s %8s\n' node pid "cpu % of core" "VmRSS MiB" "VmHWM MiB" threads
for i in $(seq 1 "$nodes"); do
  pid=${pids[$((i-1))]}
  ticks=$(( $(cpu_ticks "$pid") - t0[$i] ))
  cpu=$(awk -v t="$ticks" -v hz="$hz" -v ms=$((w1 - w0)) 'BEGIN {printf "%.2f", 100 * t / hz / (ms / 1000)}')
  rss=$(awk -v k="$(status_kb "$pid" VmRSS)" 'BEGIN {printf "%.1f", k / 1024}')
  hwm=$(awk -v k="$(status_kb "$pid" VmHWM)" 'BEGIN {printf "%.1f", k / 1024}')
  printf '%-6s %8s %14s %12s %12s %8s\n' "node$i" "$pid" "$cpu" "$rss" "$hwm" "$(status_kb "$pid" Threads)"
done

anchor="$root/../shared/anchors/corosync/results/rss_idle.tsv"
if [ -f "$anchor" ]; then
  awk -F'\t' -v n="n=$nodes transport=knet crypto=off" 'index($1, n) == 1 {s += $4; c++} END {
    if (c) printf "\nCorosync 3.1 (knet, same machine, shared/anchors): idle VmRSS %.1f MiB per node (mean of %d)\n", s / c / 1024, c }' "$anchor"
fi

printf '\nshutdown (SIGTERM):\n'
for i in $(seq 1 "$nodes"); do
  pid=${pids[$((i-1))]}
  t=$(now_ms); kill -TERM "$pid"; code=0; wait "$pid" || code=$?
  left="removed"; [ -e "/dev/shm/$cluster-node$i" ] && left="LEFT BEHIND"
  printf 'node%d: exit %d after %d ms, run dir %s\n' "$i" "$code" $(( $(now_ms) - t )) "$left"
done
pids=()
