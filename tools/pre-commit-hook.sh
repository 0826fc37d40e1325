#!/bin/sh
# pre-commit's entry for the hooks in .pre-commit-hooks.yaml: builds
# dockwright once in the clone pre-commit keeps of this repository, then runs
# it with the hook's arguments and the staged files.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/dockwright"
if [ ! -x "$bin" ]; then
  echo "dockwright: building the command-line tool (first run only)…" >&2
  # LTO and one codegen unit serve the wasm build's size; here they only cost time.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo build --release --locked --quiet -p dockwright-cli --manifest-path "$root/Cargo.toml" >&2
fi
exec "$bin" "$@"
