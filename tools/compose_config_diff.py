#!/usr/bin/env python3
"""`dockwright config --format json` beside `docker compose config --format
json` (Docker Compose v2.40.3): on the corpus's compose files and their
mutants, the share of files Compose accepts whose models are equal as JSON
data, and the first difference of each other one.

    python3 tools/compose_config_diff.py [FILE...] [--compose BIN] [--mutants N] [--seed S]
                                         [--loader-tests COMPOSE_GO_REPO] [--show]

--loader-tests adds the compose files of compose-go's loader tests (as
tools/compose_loader_tests.py finds them).

Both run in the same temporary project directory with the project name
`oracle` and an empty environment (HOME=/home/user), so paths and names
compare as they are.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compose_oracle import CORPUS, DEFAULT_COMPOSE, ROOT, limit_memory, mutants  # noqa: E402

ENV = {"PATH": os.environ.get("PATH", ""), "HOME": "/home/user"}


def run(command, work):
    try:
        out = subprocess.run(command, cwd=work, env=ENV, capture_output=True, text=True,
                             timeout=30, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if out.returncode != 0:
        return None, out.stderr.strip()[:200]
    try:
        return json.loads(out.stdout), None
    except json.JSONDecodeError as error:
        return None, f"not JSON: {error}"


def first_difference(a, b, path="$"):
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return f"{path}: compose {json.dumps(a)[:80]} / ours {json.dumps(b)[:80]}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b:
                return f"{path}.{key}: compose has {json.dumps(a[key])[:80]}, ours nothing"
            if key not in a:
                return f"{path}.{key}: ours has {json.dumps(b[key])[:80]}, compose nothing"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: compose {len(a)} items / ours {len(b)}: {json.dumps(a)[:80]} / {json.dumps(b)[:80]}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: compose {json.dumps(a)[:80]} / ours {json.dumps(b)[:80]}"


def compare(binary, text, work):
    """(Compose accepts the file, the first difference or None)."""
    (work / "compose.yaml").write_text(text)
    theirs, _ = run([binary, "-p", "oracle", "config", "--format", "json"], work)
    if theirs is None:
        return False, None
    ours, our_why = run([str(ROOT / "target/release/dockwright"), "config", "-p", "oracle",
                         "--format", "json", "."], work)
    if ours is None:
        return True, f"ours refused: {our_why}"
    return True, first_difference(theirs, ours)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--compose", default=DEFAULT_COMPOSE)
    parser.add_argument("--mutants", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loader-tests", type=Path)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or sorted(CORPUS.glob("*.y*ml"))
    extra = []
    if args.loader_tests:
        from compose_loader_tests import cases as loader_cases
        extra = list(loader_cases(args.loader_tests))
    rng = random.Random(args.seed)
    equal = compared = 0
    differences = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        for path in files:
            text = path.read_text()
            cases = [("", text)] + [(f" mutant {i}", m) for i, m in enumerate(mutants(text, args.mutants, rng))]
            for label, case in cases:
                accepted, difference = compare(args.compose, case, work)
                if not accepted:
                    continue
                compared += 1
                if difference is None:
                    equal += 1
                else:
                    differences.append((path.name + label, difference))
        for label, text in extra:
            accepted, difference = compare(args.compose, text, work)
            if accepted:
                compared += 1
                if difference is None:
                    equal += 1
                else:
                    differences.append((label, difference))
    for name, difference in differences if args.show else differences[:20]:
        print(f"-- {name}\n   {difference}")
    share = 100 * equal / compared if compared else 0
    print(f"equal models on {equal}/{compared} files Compose accepts ({share:.1f} %)")


if __name__ == "__main__":
    main()
