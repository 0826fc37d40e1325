#!/usr/bin/env bash
# Wall time of dockwright and its peers linting the same files in the same
# run, as ratios to dockwright's time: Dockerfiles against hadolint and tally
# (BuildKit's checks), compose files against dclint.
# Needs ../shared/tools/peers/setup.sh /tmp/peers.
#   tools/throughput.sh                  both corpora
#   tools/throughput.sh dockerfiles|compose
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
cargo build --release -q -p dockwright-cli
now() { date +%s.%N; }
# Mean wall time of 10 runs of dockwright lint over the given paths.
ours() { local t0 t1; t0=$(now); for _ in 1 2 3 4 5 6 7 8 9 10; do ./target/release/dockwright lint "$@" > /dev/null || true; done; t1=$(now); echo "($t1 - $t0) / 10" | bc -l; }
peer() { local tool=$1; shift; PEERS_TOOLS=$tool PEERS_TIMING=1 ../shared/tools/peers/run-peers.sh "$@" 2>&1 >/dev/null | awk -v t="$tool:" '$2 == t { print $3 }'; }
ratio() { printf '%-10s %.3f s  (%.0fx dockwright)\n' "$1" "$2" "$(echo "$2 / $3" | bc -l)"; }
if [ "$which" = all ] || [ "$which" = dockerfiles ]; then
  files=(../shared/corpus/dockerfiles/*.Dockerfile)
  mine=$(ours "${files[@]}")
  echo "== ${#files[@]} Dockerfiles"
  printf 'dockwright %.3f s (mean of 10 runs)\n' "$mine"
  ratio hadolint "$(peer hadolint "${files[@]}")" "$mine"
  ratio tally "$(peer tally "${files[@]}")" "$mine"
fi
if [ "$which" = all ] || [ "$which" = compose ]; then
  files=(../shared/corpus/compose/*.yaml)
  mine=$(ours --kind compose "${files[@]}")
  echo "== ${#files[@]} compose files"
  printf 'dockwright %.3f s (mean of 10 runs)\n' "$mine"
  ratio dclint "$(peer dclint "${files[@]}")" "$mine"
fi
