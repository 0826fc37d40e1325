#!/usr/bin/env python3
"""Shell checks inside RUN: Dockwright's SC findings beside hadolint's ShellCheck ones.

hadolint runs ShellCheck on the script of every shell-form RUN and reports its
findings under ShellCheck's codes (SC2086, …) at the RUN's first line. This
runs hadolint (through ../shared/tools/peers/run-peers.sh) and `dockwright
lint` over the same Dockerfiles and compares the SC findings by (file, first
line of the instruction, code). It prints:

- the ranking: every SC code hadolint reports, how often, its share of all its
  SC findings and the running total, and how many codes cover 90 % of them
  (which checks to write first);
- per code: findings both report, only Dockwright, only hadolint, with recall
  and precision against hadolint for the codes Dockwright implements, and
  examples of each disagreement.

Files hadolint cannot parse (its DL1000) are left out for both.

    tools/sc_agreement.py [--limit N] [PATH...]
        (default: the real Dockerfiles and the peers' fixtures; peers installed
         by ../shared/tools/peers/setup.sh, PEERS_PREFIX as run-peers.sh reads it)
"""
import argparse
import collections
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_PATHS = [SHARED / "corpus" / "dockerfiles", SHARED / "tools" / "peers" / "fixtures"]


def dockerfiles(paths):
    files = []
    for path in map(Path, paths):
        listed = sorted(path.iterdir()) if path.is_dir() else [path]
        files += [p for p in listed if p.is_file() and "dockerfile" in p.name.lower()]
    return files


def hadolint_findings(files):
    """SC findings by code: {(file name, line)}; and the files hadolint cannot parse."""
    env = {**os.environ, "PEERS_TOOLS": "hadolint"}
    out = subprocess.run([str(SHARED / "tools/peers/run-peers.sh"), *map(str, files)],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0 and not out.stdout:
        raise SystemExit(f"run-peers.sh failed (is hadolint installed? ../shared/tools/peers/setup.sh):\n{out.stderr}")
    found, unparsed = collections.defaultdict(set), set()
    for line in out.stdout.splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        if row["tool"] != "hadolint":
            continue
        if row["rule"] == "DL1000":
            unparsed.add(Path(row["file"]).name)
        elif row["rule"].startswith("SC"):
            found[row["rule"]].add((Path(row["file"]).name, row["line"]))
    return found, unparsed


def our_findings(files):
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dockwright-cli"], cwd=ROOT, check=True)
    out = subprocess.run([str(ROOT / "target/release/dockwright"), "lint", "--format", "json", *map(str, files)],
                         capture_output=True, text=True)
    found = collections.defaultdict(set)
    for finding in json.loads(out.stdout):
        for code in {finding["code"], *finding["aliases"]}:
            if code.startswith("SC"):
                found[code].add((Path(finding["file"]).name, finding["line"]))
    return found


def instruction_starts(files):
    """Per file, the (first, last) line of each instruction: hadolint reports at
    the first line, Dockwright at the offending word."""
    ranges = {}
    for path in files:
        out = subprocess.run([str(ROOT / "target/release/dockwright"), "parse", "--lines", str(path)],
                             capture_output=True, text=True)
        ranges[path.name] = [tuple(map(int, line.split())) for line in out.stdout.splitlines()]
    return ranges


def by_instruction(found, ranges, leave_out):
    def start(file, line):
        return next((s for s, e in ranges.get(file, []) if s <= line <= e), line)
    return collections.defaultdict(set, {
        code: {(f, start(f, l)) for f, l in items if f not in leave_out} for code, items in found.items()
    })


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=5, help="examples shown per disagreement (default 5)")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args()
    files = dockerfiles(args.paths)
    theirs, unparsed = hadolint_findings(files)
    ours = our_findings(files)
    ranges = instruction_starts(files)
    theirs, ours = by_instruction(theirs, ranges, unparsed), by_instruction(ours, ranges, unparsed)

    total = sum(len(v) for v in theirs.values())
    print(f"{len(files)} Dockerfiles; hadolint could not parse {len(unparsed)} (left out); "
          f"hadolint's ShellCheck findings: {total}")
    print("\n== ranking (hadolint's SC codes by how often they fire)")
    running, covering = 0, None
    for rank, (code, items) in enumerate(sorted(theirs.items(), key=lambda kv: (-len(kv[1]), kv[0])), 1):
        running += len(items)
        share = 100 * running / max(1, total)
        if covering is None and share >= 90:
            covering = rank
        print(f"{rank:3}. {code:7} {len(items):5}  {100 * len(items) / max(1, total):5.1f} %  running {share:5.1f} %")
    print(f"the first {covering} codes cover 90 % of hadolint's SC findings")

    implemented = sorted(ours)
    print(f"\n== agreement on the {len(implemented)} SC codes Dockwright reports")
    both_total = only_ours_total = only_theirs_total = 0
    for code in implemented:
        both = ours[code] & theirs[code]
        only_ours, only_theirs = ours[code] - theirs[code], theirs[code] - ours[code]
        both_total += len(both)
        only_ours_total += len(only_ours)
        only_theirs_total += len(only_theirs)
        recall = len(both) / max(1, len(theirs[code]))
        precision = len(both) / max(1, len(ours[code]))
        print(f"{code:7} both {len(both):4}  only dockwright {len(only_ours):4}  only hadolint {len(only_theirs):4}  "
              f"recall {100 * recall:5.1f} %  precision {100 * precision:5.1f} %")
        for label, items in (("  only dockwright:", only_ours), ("  only hadolint:", only_theirs)):
            for file, line in sorted(items)[:args.limit]:
                print(f"{label} {file}:{line}")
    if implemented:
        recall = both_total / max(1, both_total + only_theirs_total)
        precision = both_total / max(1, both_total + only_ours_total)
        print(f"all implemented codes: recall {100 * recall:.1f} %, precision {100 * precision:.1f} %")


if __name__ == "__main__":
    main()
