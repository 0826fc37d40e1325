#!/usr/bin/env python3
"""Agreement of Dockwright's compose rules with dclint on the same files.

Runs ../shared/tools/peers/run-peers.sh (dclint) and `dockwright lint` with
every dclint rule switched on (the cosmetic ones are off by default here),
then compares, per file and rule, the number of findings: a file/rule pair
counts as agreed when both report the same count, "ours only" or "dclint
only" otherwise. dclint reports a line per service key, Dockwright the
offending value, so lines are not compared.

    tools/compose_agreement.py [PATH...]   (default: ../shared/corpus/compose)
"""
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKWRIGHT = ROOT / "target" / "release" / "dockwright"
SHARED = ["no-build-and-image", "no-duplicate-container-names", "no-duplicate-exported-ports",
          "no-quotes-in-volumes", "no-unbound-port-interfaces", "no-version-field",
          "require-project-name-field", "require-quotes-in-ports", "service-container-name-regex",
          "service-dependencies-alphabetical-order", "service-image-require-explicit-tag",
          "service-keys-order", "service-ports-alphabetical-order", "services-alphabetical-order",
          "top-level-properties-order"]


def main() -> None:
    paths = sys.argv[1:] or sorted(str(p) for p in (ROOT.parent / "shared" / "corpus" / "compose").glob("*.yaml"))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dockwright-cli"], cwd=ROOT, check=True)
    peers = subprocess.run([str(ROOT.parent / "shared" / "tools" / "peers" / "run-peers.sh"), *paths],
                           capture_output=True, text=True, env={"PEERS_TOOLS": "dclint", "PATH": "/usr/bin:/bin:/usr/local/bin"})
    theirs = collections.Counter()
    unread = {}
    for line in peers.stdout.splitlines():
        row = json.loads(line)
        if row["rule"] in SHARED:
            theirs[(Path(row["file"]).name, row["rule"])] += 1
        elif row["rule"] in ("unknown-error", "invalid-yaml"):
            unread[Path(row["file"]).name] = row["message"]
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as config:
        config.write("override:\n  style: [" + ", ".join(SHARED) + "]\n")
    ours_run = subprocess.run([str(DOCKWRIGHT), "lint", "--kind", "compose", "--format", "json",
                               "--config", config.name, *paths], capture_output=True, text=True)
    ours = collections.Counter()
    for row in json.loads(ours_run.stdout):
        if row["code"] in SHARED:
            ours[(Path(row["file"]).name, row["code"])] += 1
    per_rule = collections.defaultdict(lambda: [0, 0, 0])  # agreed, ours only, dclint only
    for name, message in sorted(unread.items()):
        print(f"dclint could not read {name} ({message}); left out of the comparison")
    for key in set(ours) | set(theirs):
        if key[0] in unread:
            continue
        a, b = ours[key], theirs[key]
        stats = per_rule[key[1]]
        stats[0] += min(a, b)
        stats[1] += max(0, a - b)
        stats[2] += max(0, b - a)
    total = [sum(s[i] for s in per_rule.values()) for i in range(3)]
    print(f"{len(paths) - len(unread)} compose files compared; findings of the {len(SHARED)} shared rules")
    print(f"{'rule':42} {'agreed':>7} {'ours only':>10} {'dclint only':>12}")
    for rule in sorted(per_rule):
        a, o, t = per_rule[rule]
        print(f"{rule:42} {a:7} {o:10} {t:12}")
    agreed, only_ours, only_theirs = total
    share = agreed / max(1, agreed + only_ours + only_theirs)
    print(f"{'all':42} {agreed:7} {only_ours:10} {only_theirs:12}   agreement {share:.1%}")


if __name__ == "__main__":
    main()
