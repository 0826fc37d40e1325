#!/usr/bin/env python3
"""Checks every combination of the pattern catalogue with hadolint, tally
(BuildKit's checks) and dclint, as the catalogue promises.

    python3 tools/pattern_peers.py [PEERS_PREFIX]

Renders the matrix with `dockwright pattern matrix`, keeps one copy of each
distinct Dockerfile and compose file, runs ../shared/tools/peers/run-peers.sh
on them and prints every finding with a combination that produced it. Exits 1
when a peer reports anything but the accepted rules listed below.
"""
import collections
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "tools" / "peers" / "run-peers.sh"
# Rules the catalogue does not follow, each with the reason: tally's layout
# preferences, and one finding that needs the compose file to judge.
ACCEPTED = {
    "tally/newline-between-instructions": "layout: blank lines between instructions",
    "tally/newline-per-chained-call": "layout: one chained command or flag per line",
    "tally/prefer-run-heredoc": "layout: heredoc instead of && chains",
    "tally/no-unreachable-stages": "the development stage is built by compose's `target: development`, which tally does not read",
}


def main():
    prefix = sys.argv[1] if len(sys.argv) > 1 else "/tmp/peers"
    if not PEERS.exists():
        print(f"skipped: {PEERS} is absent")
        return 0
    work = pathlib.Path(tempfile.mkdtemp(prefix="dockwright-patterns-"))
    matrix = work / "matrix"
    subprocess.run(
        ["cargo", "run", "-q", "-p", "dockwright-cli", "--", "pattern", "matrix", "--out", str(matrix)],
        cwd=ROOT, check=True,
    )
    unique = work / "unique"
    origin = {}
    for path in sorted(matrix.rglob("*")):
        if not path.is_file():
            continue
        name = path.name.lower()
        is_docker = name == "dockerfile"
        is_compose = name.startswith("compose") and name.endswith((".yaml", ".yml"))
        if not (is_docker or is_compose):
            continue
        # An override file is checked together with nothing: dclint reads
        # files one by one, as here.
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        target = unique / digest / path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
            params = (path.parent / ".parameters")
            while not params.exists() and params.parent != matrix:
                params = params.parent.parent / ".parameters"
            combo = path.relative_to(matrix).parts[0]
            if params.exists():
                combo += " " + " ".join(params.read_text().split())
            origin[str(target)] = combo
    counts = collections.Counter(p.name for p in unique.rglob("*") if p.is_file())
    print(f"{len(list(matrix.iterdir()))} patterns, distinct files: {dict(counts)}")
    env = dict(os.environ, PEERS_TOOLS="hadolint,tally,dclint", PEERS_PREFIX=prefix)
    result = subprocess.run(["bash", str(PEERS), str(unique)], env=env, capture_output=True, text=True)
    sys.stderr.write("".join(l + "\n" for l in result.stderr.splitlines() if l.startswith("# skip")))
    findings = [json.loads(l) for l in result.stdout.splitlines() if l.startswith("{")]
    by_rule = collections.defaultdict(list)
    for f in findings:
        by_rule[(f["tool"], f["rule"])].append(f)
    bad = 0
    for (tool, rule), items in sorted(by_rule.items()):
        accepted = ACCEPTED.get(rule)
        if not accepted:
            bad += len(items)
        first = items[0]
        print(f"{tool} {rule}: {len(items)}{' (accepted: ' + accepted + ')' if accepted else ''}")
        print(f"  e.g. {origin.get(first['file'], first['file'])} line {first['line']}: {first['message']}")
    print(f"{len(findings)} findings, {bad} not accepted")
    shutil.rmtree(work)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
