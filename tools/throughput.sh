#!/usr/bin/env bash
# Wall time of dockwright, hadolint and tally (BuildKit's checks) linting the
# same Dockerfiles in the same run, as ratios to dockwright's time.
# Needs ../shared/tools/peers/setup.sh /tmp/peers.   tools/throughput.sh [PATH...]
set -euo pipefail
cd "$(dirname "$0")/.."
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(../shared/corpus/dockerfiles ../shared/tools/peers/fixtures)
cargo build --release -q -p dockwright-cli
now() { date +%s.%N; }
t0=$(now); for _ in 1 2 3 4 5 6 7 8 9 10; do ./target/release/dockwright lint "${paths[@]}" > /dev/null || true; done; t1=$(now)
ours=$(echo "($t1 - $t0) / 10" | bc -l)
peer() { PEERS_TOOLS=$1 PEERS_TIMING=1 ../shared/tools/peers/run-peers.sh "${paths[@]}" 2>&1 >/dev/null | awk -v t="$1:" '$2 == t { print $3 }'; }
hadolint=$(peer hadolint); tally=$(peer tally)
printf 'dockwright %.3f s (mean of 10 runs)\nhadolint   %.3f s  (%.0fx dockwright)\ntally      %.3f s  (%.0fx dockwright)\n' \
  "$ours" "$hadolint" "$(echo "$hadolint / $ours" | bc -l)" "$tally" "$(echo "$tally / $ours" | bc -l)"
