#!/usr/bin/env python3
"""Dockwright's verdicts beside Docker Compose's on compose-go's own loader tests.

compose-go's loader tests hold their compose files inline, as Go raw strings
(`load(t, `...`)`, `loadYAML(`...`)`), and as files under loader/testdata.
This reads every such string that is a YAML mapping with a compose
top-level key, runs `docker-compose -p oracle config` on it alone in an
empty directory (Docker Compose v2.40.3 embeds compose-go, so it decides
what the tests must reject and accept) and `dockwright lint` on the same
text, and counts the verdicts that agree. Files rejected for a reason
outside the file (a file it reads that is not there, an unset variable the
test sets) are counted apart, as tools/compose_oracle.py does.

    tools/compose_loader_tests.py COMPOSE_GO_REPO [--compose BIN] [--show]

COMPOSE_GO_REPO is a checkout of compose-spec/compose-go.
"""
import argparse
import collections
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compose_oracle import DEFAULT_COMPOSE, disagreement, judge, print_disagreements  # noqa: E402

TOP_LEVEL = re.compile(r"^(services|volumes|networks|secrets|configs|include|name|version|models)\s*:", re.M)
RAW_STRING = re.compile(r"`([^`]*)`", re.S)


def cases(repo):
    """(label, text) for every compose file the loader tests hold."""
    loader = repo / "loader"
    for path in sorted(loader.rglob("*_test.go")):
        source = path.read_text()
        for match in RAW_STRING.finditer(source):
            text = match.group(1)
            if "\n" in text and TOP_LEVEL.search(text):
                line = source.count("\n", 0, match.start()) + 1
                yield f"{path.relative_to(repo)}:{line}", text
    for path in sorted((loader / "testdata").rglob("*.y*ml")):
        text = path.read_text()
        # Files that include, extend or read other files need their directory.
        if not re.search(r"^\s*(include|extends|env_file|file)\s*:", text, re.M):
            yield str(path.relative_to(repo)), text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--compose", default=DEFAULT_COMPOSE)
    parser.add_argument("--show", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    counts = collections.Counter()
    disagreements = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, text in cases(args.repo):
            verdict = judge(args.compose, text, work)
            if verdict is None:
                counts["rejected for a reason outside the file"] += 1
                continue
            rejected, why, ours = verdict
            key = ("must reject" if rejected else "must accept")
            counts[key] += 1
            if rejected == bool(ours):
                counts[key + ", agree"] += 1
            else:
                disagreements.append(disagreement(label, why, ours))
    for key in ("must reject", "must accept"):
        print(f"{counts[key + ', agree']:5}/{counts[key]:<5} agree where Compose {key[5:]}s")
    print(f"{counts['rejected for a reason outside the file']:5}       rejected for a reason outside the file")
    total = counts["must reject"] + counts["must accept"]
    agreed = counts["must reject, agree"] + counts["must accept, agree"]
    if total:
        print(f"verdicts agree on {agreed}/{total} ({100 * agreed / total:.1f} %)")
    print_disagreements(disagreements, args.show)


if __name__ == "__main__":
    main()
