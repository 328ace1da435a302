#!/usr/bin/env bash
# Totem benchmark of a local ringsync cluster: one process per node on loopback (127.0.0.1..N),
# figures beside Corosync 3.1's measured on this machine (../shared/anchors/corosync).
#
#   it-tests/bench/totem-bench.sh tput N SIZE one|all SECS    ordered throughput, per node delivered
#   it-tests/bench/totem-bench.sh lat N SIZE COUNT GAP_US     send -> own agreed delivery, one in flight
#   it-tests/bench/totem-bench.sh failover N TOKEN_MS [REPS]  kill -9 of node N -> survivors' new ring
#   it-tests/bench/totem-bench.sh crypto N SIZE one|all SECS  throughput with crypto off, then aes256-gcm
#   it-tests/bench/totem-bench.sh all                         the matrix below (about 15 minutes)
#
# Builds nothing: run `mvn -B -q -DskipTests package` first. Needs jq.
# tput and lat run `ringsync bench` (see its --help) on every node; each prints one BENCH line.
# failover runs plain `ringsync node`s and times kill -9 to the "A new membership" log line.
# Environment:
#   RINGSYNC_BENCH_CONF  HOCON lines appended to every node's config, e.g.
#                        'transport.idle_strategy = "yield"' (default: none, the shipped defaults)
#   RINGSYNC_JVM_OPTS    extra JVM options, passed on by bin/ringsync
#   COROSYNC_SUMMARY     the Corosync summary.md to set beside ours (default: the anchors' stored
#                        one; report.sh --anchors run passes that of its own run)
#   BENCH_OPTS           extra options of every `ringsync bench`, e.g. '--window-bytes 65536'
#   WARMUP               seconds of sending before each throughput window (default 5: a node's
#                        JIT compiles for its first 10-15 s, and a daemon is measured warm;
#                        3 nodes, 1 KiB, one sender gave 62,000-72,000 msgs/s after 2 s and
#                        91,000-94,000 after 5 s, same machine, same hour)
#   READY_TIMEOUT        seconds each node waits for its ring, and for the END messages (default 60)
#   KEEP                 set to 1 to keep the work directory (configs, logs, BENCH lines)
# Every process started here is killed, and every run directory removed, on exit or Ctrl-C.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
ringsync="$root/bin/ringsync"
anchors=${COROSYNC_SUMMARY:-"$root/../shared/anchors/corosync/results/summary.md"}
work=$(mktemp -d /tmp/ringsync-totem-bench.XXXXXX)
prefix="bench-$$"
warmup=${WARMUP:-5}
runs=0
foreign="-"
pids=()
extra_conf=""     # HOCON lines appended to every node's config of the next clusters (crypto rows)
cs_crypto=off     # which Corosync rows the figures stand beside
last_med="-"      # the median msgs/s of the last tput row

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf /dev/shm/"$prefix"-*
  if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
hz=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# As the Corosync anchor does: before each measurement wait (at most QUIET_TRIES x 2 s, default 15
# x 2 s) for 2 s in which the machine is below QUIET_PCT % of one core busy (default 20); no
# process of ours runs then, so all of it is foreign. Sets $foreign to the last figure.
wait_quiet() {
  local k b0 b1
  for k in $(seq 1 "${QUIET_TRIES:-15}"); do
    b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
    foreign=$(( (b1 - b0) * 100 / (2 * hz) ))
    [ "$foreign" -lt "${QUIET_PCT:-20}" ] && return 0
  done
  echo "totem-bench: the machine stayed busy (${foreign}% of a core besides us); measuring anyway" >&2
}
die() { echo "totem-bench: $*" >&2; exit 1; }
# A row whose delivery check failed: its BENCH lines on stderr, and the work directory is kept.
failed_check() {
  echo "totem-bench: $1: the delivery check failed; BENCH lines:" >&2
  echo "$2" >&2
  KEEP=1
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }
median() { sort -g | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : "-"}'; }

# A fresh cluster of $1 nodes: configs in $dir, cluster $cluster, loopback, a random port.
new_cluster() {
  runs=$((runs + 1))
  cluster="$prefix-$runs"
  dir="$work/$cluster"
  local port=$((20000 + RANDOM % 20000)) i
  "$ringsync" config init --nodes "$1" --base-port "$port" --dir "$dir" --cluster-name "$cluster" \
    --run-dir-parent /dev/shm > /dev/null
  for i in $(seq 1 "$1"); do
    printf '\n%s\n%s\n%s\n' "${RINGSYNC_BENCH_CONF:-}" "$extra_conf" "${2:-}" >> "$dir/node$i.conf"
  done
}

# Waits until every pid in $run_pids exited, at most $1 seconds; kills the rest.
await_all() {
  local deadline=$(( $(now_ms) + $1 * 1000 )) pid alive
  while :; do
    alive=0
    for pid in "${run_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "totem-bench: processes still running after $1 s, killing them" >&2
      for pid in "${run_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.2
  done
  for pid in "${run_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  run_pids=()
}

# Starts `ringsync bench` on node $1 of the current cluster with the remaining arguments.
start_bench() {
  local i=$1; shift
  # shellcheck disable=SC2086  # BENCH_OPTS is a list of options
  "$ringsync" bench --config "$dir/node$i.conf" "$@" ${BENCH_OPTS:-} > "$dir/bench$i.out" 2> "$dir/node$i.log" &
  pids+=($!); run_pids+=($!)
}

# Corosync's figure for a row of the anchors' summary: $1 table (tput|lat), $2 nodes, $3 size, $4 one|all.
corosync() {
  [ -f "$anchors" ] || { echo "-"; return; }
  awk -F'|' -v kind="$1" -v n="n=$2 transport=knet crypto=$cs_crypto token=default sched_rr=no" -v size="$3" -v who="$4" '
    /^### Throughput/ { t = "tput" } /^### Latency/ { t = "lat" } /^### Failover/ { t = "" }
    t == kind && index($2, n) && $3 + 0 == size {
      if (kind == "lat") { split($5, a, " "); split($6, b, " "); print a[1] " " b[1]; exit }
      if ((who == "one" && $4 ~ /^ *1 \(/) || (who == "all" && $4 ~ /all/)) { split($6, a, " "); split($7, b, " "); print a[1] " " b[1]; exit }
    }' "$anchors"
}

tput_header() {
  printf '| nodes | size B | senders | msgs/s per node (median [min..max]) | MB/s per node | Corosync 3.1 msgs/s | ratio | order | busy before, %% of a core |\n'
  printf '|---|---|---|---|---|---|---|---|---|\n'
}

# tput N SIZE one|all SECS
tput() {
  local n=$1 size=$2 who=$3 secs=$4 senders i lines rates mbs ref ratio ok hashes
  [ "$who" = one ] || [ "$who" = all ] || die "tput: senders must be one or all, got $who"
  senders=1; [ "$who" = all ] && senders=$n
  wait_quiet
  new_cluster "$n"
  run_pids=()
  for i in $(seq 1 "$n"); do
    if [ "$who" = all ] || [ "$i" = 1 ]; then send=--send; else send=--no-send; fi
    start_bench "$i" $send --senders "$senders" --size "$size" --warmup "${warmup}s" --duration "${secs}s" \
      --ready-timeout "${READY_TIMEOUT:-60}s"
  done
  await_all $((secs + warmup + 240))
  lines=$(cat "$dir"/bench*.out 2>/dev/null | grep '^BENCH' || true)
  [ "$(grep -c . <<< "$lines")" = "$n" ] || { echo "tput $n $size $who: only $(grep -c . <<< "$lines") of $n BENCH lines; logs in $dir" >&2; }
  rates=$(while read -r l; do field msgs_per_s "$l"; done <<< "$lines")
  mbs=$(while read -r l; do field mb_per_s "$l"; done <<< "$lines")
  hashes=$(while read -r l; do field order_hash "$l"; done <<< "$lines" | sort -u | grep -c . || true)
  ok=yes
  grep -q 'order_ok=false' <<< "$lines" && ok=NO
  [ "$hashes" = 1 ] || ok="NO ($hashes orders)"
  [ "$(grep -c . <<< "$lines")" = "$n" ] || ok="NO (missing nodes)"
  [ "$ok" = yes ] || failed_check "tput $n $size $who" "$lines"
  read -r ref _ <<< "$(corosync tput "$n" "$size" "$who")"
  local med lo hi mb
  med=$(median <<< "$rates"); lo=$(sort -g <<< "$rates" | sed -n 1p); hi=$(sort -g <<< "$rates" | tail -1)
  mb=$(median <<< "$mbs")
  last_med=$med
  ratio=$(awk -v a="$med" -v b="${ref:--}" 'BEGIN {if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-"}')
  printf '| %s | %s | %s | %s [%s..%s] | %s | %s | %s | %s | %s |\n' "$n" "$size" "$who" "$med" "$lo" "$hi" "$mb" \
    "${ref:--}" "$ratio" "$ok" "$foreign"
  echo "$lines" >> "$work/bench-lines.txt"
}

lat_header() {
  printf '| nodes | size B | samples | p50 us | p99 us | mean us | max us | Corosync 3.1 p50 / p99 us | order | busy before, %% of a core |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|\n'
}

# lat N SIZE COUNT GAP_US
lat() {
  local n=$1 size=$2 count=$3 gap=$4 i line ok ref99 ref50
  wait_quiet
  new_cluster "$n"
  run_pids=()
  start_bench 1 --latency "$count" --gap-us "$gap" --size "$size" --warmup "${warmup}s"
  for i in $(seq 2 "$n"); do
    start_bench "$i" --no-send --size "$size" --warmup 0s --duration 1s --ready-timeout 600s
  done
  await_all $((warmup + count * (gap + 10000) / 1000000 + 240))
  line=$(grep -h '^BENCH' "$dir/bench1.out" || true)
  ok=yes
  # grep reads the files itself: `cat | grep -q` failed now and then under pipefail, grep
  # leaving at the first match and cat then killed by SIGPIPE
  grep -q 'order_ok=true' "$dir"/bench*.out || ok=NO
  grep -q 'order_ok=false' "$dir"/bench*.out && ok=NO
  [ -n "$line" ] || { echo "lat: no BENCH line from node 1; logs in $dir" >&2; ok=NO; }
  [ "$ok" = yes ] || failed_check "lat $n $size" "$(cat "$dir"/bench*.out)"
  read -r ref50 ref99 <<< "$(corosync lat "$n" "$size" one)"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |\n' "$n" "$size" "$(field lat_n "$line")" \
    "$(field p50_us "$line")" "$(field p99_us "$line")" "$(field mean_us "$line")" "$(field max_us "$line")" \
    "${ref50:--}" "${ref99:--}" "$ok" "$foreign"
  cat "$dir"/bench*.out >> "$work/bench-lines.txt"
}

crypto_header() {
  printf '| nodes | size B | senders | crypto off, msgs/s per node | aes256-gcm, msgs/s per node | on / off | Corosync 3.1 crypto on, msgs/s | ratio (both crypto on) |\n'
  printf '|---|---|---|---|---|---|---|---|\n'
}

# crypto N SIZE one|all SECS: the same tput row with cipher none, then with aes256-gcm (a fresh
# authkey from `ringsync keygen`), and the cost of the crypto as the ratio of the two.
crypto() {
  local n=$1 size=$2 who=$3 secs=$4 off on ref ratio
  tput "$n" "$size" "$who" "$secs" > /dev/null
  off=$last_med
  [ -f "$work/authkey" ] || "$ringsync" keygen -o "$work/authkey" > /dev/null
  extra_conf="crypto { cipher = \"aes256-gcm\", authkey = \"$work/authkey\" }"
  tput "$n" "$size" "$who" "$secs" > /dev/null
  on=$last_med
  extra_conf=""
  cs_crypto=on
  read -r ref _ <<< "$(corosync tput "$n" "$size" "$who")"
  cs_crypto=off
  ratio=$(awk -v a="$on" -v b="${ref:--}" 'BEGIN {if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-"}')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$size" "$who" "$off" "$on" \
    "$(awk -v a="$on" -v b="$off" 'BEGIN {if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-"}')" \
    "${ref:--}" "$ratio"
}

# Log time "2026-11-30 06:07:37.117" of a line -> epoch ms.
log_ms() { date -d "$(cut -c1-23 <<< "$1")" +%s%3N; }
memberships() { grep -c 'A new membership' "$1" || true; }

# Polls until every node's cfg status shows one OPERATIONAL ring of $1 members; at most $2 s.
await_ring() {
  local n=$1 deadline=$(( $(now_ms) + $2 * 1000 )) i rings
  while [ "$(now_ms)" -lt "$deadline" ]; do
    rings=$(for i in $(seq 1 "$n"); do
      "$ringsync" cfg status --json --config "$dir/node$i.conf" 2>/dev/null \
        | jq -r --argjson n "$n" '.totem | select(.state == "OPERATIONAL" and (.members | length) == $n) | .ringId'
    done | sort | uniq -c)
    [ "$(awk '{print $1}' <<< "$rings")" = "$n" ] && return 0
    sleep 0.2
  done
  return 1
}

failover_header() {
  printf '| nodes | token ms | effective token + consensus + 100 ms | kill -9 -> new ring (first survivor .. last), s | within bound | Corosync 3.1, s |\n'
  printf '|---|---|---|---|---|---|\n'
}

# failover N TOKEN_MS [REPS]: each rep a fresh cluster; kill -9 of node N.
failover() {
  local n=$1 token=$2 reps=${3:-3} rep i kill_ms before line first last bound times="" within=yes
  for rep in $(seq 1 "$reps"); do
    wait_quiet
    new_cluster "$n" "totem.token = $token"
    run_pids=(); local node_pids=()
    for i in $(seq 1 "$n"); do
      "$ringsync" node --config "$dir/node$i.conf" > "$dir/node$i.log" 2>&1 &
      pids+=($!); run_pids+=($!); node_pids+=($!)
    done
    await_ring "$n" 90 || die "failover: no ring of $n within 90 s; logs in $dir"
    declare -A seen=()
    for i in $(seq 1 $((n - 1))); do seen[$i]=$(memberships "$dir/node$i.log"); done
    kill_ms=$(now_ms)
    { kill -KILL "${node_pids[$((n - 1))]}"; wait "${node_pids[$((n - 1))]}"; } 2> /dev/null || true
    first=""; last=""
    local deadline=$(( kill_ms + 60000 )) done_count=0
    declare -A at=()
    while [ "$done_count" -lt $((n - 1)) ] && [ "$(now_ms)" -lt "$deadline" ]; do
      for i in $(seq 1 $((n - 1))); do
        [ -n "${at[$i]:-}" ] && continue
        if [ "$(memberships "$dir/node$i.log")" -gt "${seen[$i]}" ]; then
          line=$(grep 'A new membership' "$dir/node$i.log" | tail -1)
          at[$i]=$(( $(log_ms "$line") - kill_ms )); done_count=$((done_count + 1))
        fi
      done
      sleep 0.1
    done
    [ "$done_count" = $((n - 1)) ] || die "failover: survivors formed no new ring within 60 s; logs in $dir"
    first=$(printf '%s\n' "${at[@]}" | sort -n | sed -n 1p); last=$(printf '%s\n' "${at[@]}" | sort -n | tail -1)
    # The effective token and consensus the survivors used, from their log line.
    line=$(grep -h 'token timed out' "$dir"/node1.log | tail -1)
    local eff cons
    eff=$(sed -n 's/.*token timed out (\([0-9]*\) ms).*/\1/p' <<< "$line")
    cons=$(sed -n 's/.*waiting \([0-9]*\) ms for consensus.*/\1/p' <<< "$line")
    bound=$(( ${eff:-0} + ${cons:-0} + 100 ))
    [ "$last" -le "$bound" ] || within=no
    times="$times $(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.2f..%.2f", a / 1000, b / 1000}')"
    for i in "${node_pids[@]}"; do kill -TERM "$i" 2>/dev/null || true; done
    await_all 30
  done
  local ref
  ref=$(awk -F'|' -v t="$token" '/^### Failover/ {f = 1} f && $2 ~ /knet_cryptooff/ && $3 + 0 == t {split($7, a, " "); print a[1]; exit}' \
    "$anchors" 2>/dev/null || true)
  printf '| %s | %s | %s + %s + 100 = %s ms | %s | %s | %s |\n' "$n" "$token" "${eff:-?}" "${cons:-?}" "$bound" \
    "${times# }" "$within" "${ref:--}"
}

all() {
  echo "ringsync Totem benchmark, $(nproc) cores, conf: ${RINGSYNC_BENCH_CONF:-defaults}, $(date -u +%FT%TZ)"
  echo
  tput_header
  local n size who
  for n in 3 5; do
    for size in 64 1024 16384; do
      for who in one all; do tput "$n" "$size" "$who" 10; done
    done
  done
  echo
  lat_header
  for size in 64 1024 16384; do lat 3 "$size" 2000 2000; done
  echo
  failover_header
  failover 3 1000 3
  echo
  crypto_header
  for size in 64 1024; do crypto 3 "$size" one 10; done
  crypto 3 1024 all 10
}

[ -x "$ringsync" ] || die "$ringsync not found"
[ -f "$root/node/target/ringsync.jar" ] || die "build first: (cd $root && mvn -B -q -DskipTests package)"
command -v jq > /dev/null || die "needs jq"
cmd=${1:-}
shift || true
case "$cmd" in
  tput) [ $# = 4 ] || die "usage: tput N SIZE one|all SECS"; tput_header; tput "$@" ;;
  lat) [ $# = 4 ] || die "usage: lat N SIZE COUNT GAP_US"; lat_header; lat "$@" ;;
  failover) [ $# -ge 2 ] || die "usage: failover N TOKEN_MS [REPS]"; failover_header; failover "$@" ;;
  crypto) [ $# = 4 ] || die "usage: crypto N SIZE one|all SECS"; crypto_header; crypto "$@" ;;
  all) all ;;
  *) die "usage: $0 tput N SIZE one|all SECS | lat N SIZE COUNT GAP_US | failover N TOKEN_MS [REPS] | crypto N SIZE one|all SECS | all" ;;
esac
