#!/usr/bin/env bash
# The benchmark report: ringsync's whole benchmark and the reference engines' figures on the
# same machine, in one table of ratios ours / theirs (issue "chaos suite and benchmark report").
#
#   it-tests/bench/report.sh [--anchors stored|run] [--out FILE]
#
#   --anchors stored  (default) Corosync's and JGroups' figures from their last runs on this
#                     machine, kept in ../shared/anchors/*/results (their dates are printed);
#   --anchors run     runs them first, in this same run: Corosync 3.1 (root; installs the Debian
#                     package if missing; about 45 minutes) and JGroups 5.5 over UDP + SEQUENCER
#                     (one repetition per point; about 15 minutes); then ours, so that every
#                     ratio compares figures of one session on one machine;
#   --out FILE        also writes the report to FILE (markdown).
#
# Ours (about 20 minutes): it-tests/bench/totem-bench.sh all (throughput 3 and 5 nodes x 64 B,
# 1 KiB, 16 KiB x one and all senders; latency; failover at token 1000 ms; crypto on and off)
# and it-tests/bench/idle-footprint.sh 3 30 30 (idle CPU and RSS per node).
# Builds nothing: run `mvn -B -q -DskipTests package` first. Needs jq. Run nothing else meanwhile:
# two benchmarks at once on 2 cores measure each other.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
anchors=$(cd "$root/.." && pwd)/shared/anchors
bench="$root/it-tests/bench"
mode=stored
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --anchors) mode=${2:-}; shift 2 ;;
    --out) out=${2:-}; shift 2 ;;
    *) echo "report: unknown argument '$1'; usage: $0 [--anchors stored|run] [--out FILE]" >&2; exit 2 ;;
  esac
done
[ "$mode" = stored ] || [ "$mode" = run ] || { echo "report: --anchors takes stored or run, got '$mode'" >&2; exit 2; }
[ -f "$root/node/target/ringsync.jar" ] || { echo "report: build first: (cd $root && mvn -B -q -DskipTests package)" >&2; exit 1; }
command -v jq > /dev/null || { echo "report: needs jq" >&2; exit 1; }
work=$(mktemp -d /tmp/ringsync-report.XXXXXX)
trap 'rm -rf "$work"' EXIT

run_corosync() {
  [ "$(id -u)" = 0 ] || { echo "report: running Corosync needs root (network namespaces); using its stored figures" >&2; return; }
  if ! command -v corosync > /dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q corosync libcpg-dev libquorum-dev \
      libcmap-dev gcc > /dev/null || { echo "report: could not install Corosync; using its stored figures" >&2; return; }
  fi
  local results="$anchors/corosync/results" table lines
  declare -A before
  for table in tput lat failover rss_idle; do
    before[$table]=$( [ -f "$results/$table.tsv" ] && wc -l < "$results/$table.tsv" || echo 0)
  done
  if REPS=1 "$anchors/corosync/run_all.sh" main && REPS=1 "$anchors/corosync/run_all.sh" crypto \
      && REPS=1 "$anchors/corosync/run_all.sh" failover; then
    # This session's rows alone (each table's header, then the rows appended by this run),
    # summarized apart: totem-bench sets them beside ours.
    mkdir -p "$work/corosync/results"
    cp "$anchors/corosync/summarize.sh" "$work/corosync/"
    for table in tput lat failover rss_idle; do
      [ -f "$results/$table.tsv" ] || continue
      lines=${before[$table]}
      { head -1 "$results/$table.tsv"; tail -n +"$((lines > 0 ? lines + 1 : 2))" "$results/$table.tsv"; } \
        > "$work/corosync/results/$table.tsv"
    done
    "$work/corosync/summarize.sh" > /dev/null && export COROSYNC_SUMMARY="$work/corosync/results/summary.md"
  else
    echo "report: Corosync's run failed; stored figures kept" >&2
  fi
  "$anchors/corosync/summarize.sh" > /dev/null   # the stored summary: every run's rows, this one's too
  "$anchors/corosync/cluster.sh" down > /dev/null 2>&1 || true
}

jgroups_results="$anchors/jgroups/results/tput.jsonl"
jgroups_from=1   # the first line of $jgroups_results the report reads: all of them, or this run's

run_jgroups() {
  local lines
  lines=$( [ -f "$jgroups_results" ] && wc -l < "$jgroups_results" || echo 0)
  if (cd "$anchors/jgroups" && mvn -q -B package && python3 run.py tput --stacks udp --ns 3,5 --sizes 64,1024,16384 \
      --senders one,all --reps 1 --duration 10); then
    jgroups_from=$((lines + 1))
  else
    echo "report: JGroups' run failed; stored figures kept" >&2
  fi
}

# JGroups UDP + SEQUENCER msgs/s per member for n=$1 size=$2 senders=$3: the median over its stored
# runs, or over this session's with --anchors run.
jgroups() {
  [ -f "$jgroups_results" ] || { echo "-"; return; }
  tail -n +"$jgroups_from" "$jgroups_results" | jq -r --argjson n "$1" --argjson s "$2" --arg w "$3" \
    'select(.kind == "tput" and .stack == "udp" and .n == $n and .size == $s and .senders == $w and .ok) | .msgs_per_s_mean' \
    | sort -g | awk '{v[NR] = $1} END {print NR ? int(v[int((NR + 1) / 2)]) : "-"}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-"}'; }

if [ "$mode" = run ]; then
  run_corosync
  run_jgroups
fi

{
  echo "# ringsync benchmark report"
  echo
  echo "$(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores" \
    "($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "Linux $(uname -r), $(java -version 2>&1 | head -1)"
  echo "Reference figures: $mode; Corosync's" \
    "$([ -n "${COROSYNC_SUMMARY:-}" ] && echo "from this run (one repetition)" \
      || echo "from $(date -u -r "$anchors/corosync/results/summary.md" +%F 2>/dev/null || echo never) (medians of the stored runs)")," \
    "JGroups' $([ "$jgroups_from" -gt 1 ] && echo "from this run (one repetition)" \
      || echo "from $(date -u -r "$jgroups_results" +%F 2>/dev/null || echo never) (medians of the stored runs)")."
  echo
} > "$work/report.md"

"$bench/totem-bench.sh" all > "$work/ours.md"
"$bench/idle-footprint.sh" 3 30 30 > "$work/idle.txt" 2>&1 || echo "report: idle-footprint failed" >&2

{
  echo "## Throughput: ordered delivery, msgs/s per node"
  echo
  echo "| nodes | size B | senders | ringsync | Corosync 3.1 | ringsync / Corosync | JGroups UDP+SEQUENCER | ringsync / JGroups |"
  echo "|---|---|---|---|---|---|---|---|"
  # totem-bench's throughput rows: | n | size | who | med [lo..hi] | MB/s | Corosync | ratio | order | busy |
  awk -F'|' 'NF == 11 && $2 ~ /^ *[0-9]+ *$/ && $4 ~ /one|all/ {
      gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); split($5, m, " "); gsub(/ /, "", $7); print $2, $3, $4, m[1], $7
    }' "$work/ours.md" | while read -r n size who ours cs; do
      jg=$(jgroups "$n" "$size" "$who")
      echo "| $n | $size | $who | $ours | $cs | $(ratio "$ours" "$cs") | $jg | $(ratio "$ours" "$jg") |"
    done
  echo
  echo "## ringsync's benchmark in full (it-tests/bench/totem-bench.sh all)"
  echo
  cat "$work/ours.md"
  echo
  echo "## Idle footprint (it-tests/bench/idle-footprint.sh 3 30 30)"
  echo
  echo '```'
  cat "$work/idle.txt"
  echo '```'
} >> "$work/report.md"

cat "$work/report.md"
[ -z "$out" ] || cp "$work/report.md" "$out"
