#!/usr/bin/env python3
"""Agreement of Dockwright's Dockerfile rules with hadolint and BuildKit's checks.

Runs ../shared/tools/peers/run-peers.sh (hadolint, and tally for BuildKit's
checks) and `dockwright lint` over the same files, then compares findings by
(file, line, rule) for every rule Dockwright shares with a peer (a rule's
code or alias equal to hadolint's id or BuildKit's name); hadolint's rules are
not compared on the files hadolint cannot parse (its DL1000). Prints, per shared
rule, the findings both report, only Dockwright reports and only the peer
reports, with examples of each disagreement.

    tools/rule_agreement.py [PATH...]   (default: the real Dockerfiles and the peers' fixtures)
"""
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_PATHS = [SHARED / "corpus" / "dockerfiles", SHARED / "tools" / "peers" / "fixtures"]


def peer_findings(paths):
    out = subprocess.run([str(SHARED / "tools/peers/run-peers.sh"), *map(str, paths)], capture_output=True, text=True,
                         env={"PEERS_TOOLS": "hadolint,tally", "PATH": "/usr/bin:/bin:/usr/local/bin"})
    found = collections.defaultdict(set)
    for line in out.stdout.splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        rule = row["rule"]
        if row["tool"] == "tally":
            if not rule.startswith("buildkit/"):
                continue
            rule = rule.split("/", 1)[1]
        elif rule == "DL1000":
            # hadolint could not parse the file: it has no verdict on it.
            UNPARSED_BY_HADOLINT.add(Path(row["file"]).name)
            continue
        elif not rule.startswith("DL"):
            continue
        found[rule].add((Path(row["file"]).name, row["line"]))
    return found


def our_findings(paths):
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dockwright-cli"], cwd=ROOT, check=True)
    files = [p for path in paths for p in (sorted(Path(path).iterdir()) if Path(path).is_dir() else [Path(path)])
             if "dockerfile" in p.name.lower()]
    out = subprocess.run([str(ROOT / "target/release/dockwright"), "lint", "--format", "json", *map(str, files)],
                         capture_output=True, text=True)
    found = collections.defaultdict(set)
    for finding in json.loads(out.stdout):
        name = Path(finding["file"]).name
        for rule in [finding["code"], *finding["aliases"]]:
            # hadolint's rules are not compared on files hadolint cannot parse.
            if rule.startswith("DL") and name in UNPARSED_BY_HADOLINT:
                continue
            found[rule].add((name, finding["line"]))
    return found


def by_instruction(found, paths):
    """Peers report once per instruction at its first line, Dockwright at the
    offending word: compare instructions, not lines."""
    files = {p.name: p for path in paths for p in (Path(path).iterdir() if Path(path).is_dir() else [Path(path)])}
    ranges = {}
    for name, path in files.items():
        out = subprocess.run([str(ROOT / "target/release/dockwright"), "parse", "--lines", str(path)],
                             capture_output=True, text=True)
        ranges[name] = [tuple(map(int, line.split())) for line in out.stdout.splitlines()]
    def start(file, line):
        return next((s for s, e in ranges.get(file, []) if s <= line <= e), line)
    return collections.defaultdict(set, {rule: {(f, start(f, l)) for f, l in items} for rule, items in found.items()})


def main():
    paths = [Path(p) for p in sys.argv[1:]] or DEFAULT_PATHS
    theirs, ours = peer_findings(paths), our_findings(paths)
    theirs, ours = by_instruction(theirs, paths), by_instruction(ours, paths)
    shared = sorted(rule for rule in theirs if rule in ours or rule in RULES)
    total_both = total_ours = total_theirs = 0
    for rule in shared:
        both = ours[rule] & theirs[rule]
        only_ours, only_theirs = ours[rule] - theirs[rule], theirs[rule] - ours[rule]
        total_both += len(both)
        total_ours += len(only_ours)
        total_theirs += len(only_theirs)
        print(f"{rule:34} both {len(both):4}  only dockwright {len(only_ours):3}  only peer {len(only_theirs):3}")
        for label, items in (("  only dockwright:", only_ours), ("  only peer:", only_theirs)):
            for file, line in sorted(items)[:LIMIT]:
                print(f"{label} {file}:{line}")
    agreed = total_both / max(1, total_both + total_ours + total_theirs)
    print(f"hadolint could not parse {len(UNPARSED_BY_HADOLINT)} files; its rules are not compared on them")
    print(f"shared rules {len(shared)}: {total_both} findings agreed, {total_ours} only ours, "
          f"{total_theirs} only the peers' ({100 * agreed:.1f}% agreement)")


# Rules Dockwright implements, by every id it answers to; filled from the CLI.
RULES = set()
# Files hadolint rejects with a parse error (DL1000).
UNPARSED_BY_HADOLINT = set()
LIMIT = 30
if __name__ == "__main__":
    listing = subprocess.run(["cargo", "run", "-q", "-p", "dockwright-cli", "--", "rules", "--ids"], cwd=ROOT,
                             capture_output=True, text=True)
    RULES.update(listing.stdout.split())
    main()
