#!/usr/bin/env python3
"""Does Dockwright reject exactly the Dockerfiles BuildKit rejects?

Mutates the real Dockerfiles of ../shared/corpus with a fixed seed, then asks
tally (which embeds BuildKit's parser and instruction builder; installed by
../shared/tools/peers/setup.sh) and `dockwright lint` about each mutant.
BuildKit's parse-time failures are compared with Dockwright's syntax and
build errors of the same layers; errors BuildKit raises only while building
(variable expansion, RUN --mount values, COPY --from with variables,
instructions before FROM) are left out of the comparison, since tally does
not run that layer.

    tools/parse_agreement.py [COUNT] [SEED]     (defaults: 400 mutants, seed 7)
"""
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dockerfiles"
TALLY = Path("/tmp/peers/venv/bin/tally")
DOCKWRIGHT = ROOT / "target" / "release" / "dockwright"
TOKENS = ["\\\n", "\\", "<<EOF\n", "\nEOF\n", "${", "}", "\"", "'", "[", "]", "\", \"", "\r\n", "# escape=`\n",
          "--mount=type=cache,target=/x ", "--from=", "--chown", "--", "ONBUILD ", "FROM ", " AS ", "COPY ",
          "HEALTHCHECK --interval=1s ", "ENV a", "ARG ", "=", "\n", " ", "[1]", "CMD", "--link=x ", "FROB "]
DISPATCH_ONLY = ("failed to process", "no build stage", "variable expansion is not supported",
                 "'from' doesn't support", "unsupported mount type", "unexpected key", "invalid field",
                 "secret mount", "invalid secret mount", "both source and id", "invalid cache sharing",
                 "invalid value", "not allowed for", "unsupported sharing")


def mutate(rng, text):
    data = list(text)
    for _ in range(1 + rng.randrange(4)):
        at = rng.randrange(len(data) + 1)
        op = rng.randrange(3)
        if op == 0:
            data[at:at] = list(rng.choice(TOKENS))
        elif op == 1 and data:
            del data[at:at + 1 + rng.randrange(8)]
        else:
            data[at:at] = list(rng.choice(TOKENS) + rng.choice(TOKENS))
    return "".join(data)


def tally_verdict(path):
    out = subprocess.run([str(TALLY), "lint", "--format", "json", str(path)], capture_output=True, text=True)
    # Two shapes: "failed to lint F: [dockerfile parse error on line N: ]MSG" and "F:N: MSG".
    match = re.search(r"^Error: (?:failed to lint [^:]*: (?:dockerfile parse error on line \d+: )?|[^:]*:\d+: )(.*)$",
                      out.stderr, re.M)
    return match.group(1).strip() if match else None


def our_verdict(path):
    out = subprocess.run([str(DOCKWRIGHT), "lint", "--format", "json", str(path)], capture_output=True, text=True)
    errors = [f["message"] for f in json.loads(out.stdout)
              if f["code"] in ("syntax-error", "build-error") and not f["message"].startswith(DISPATCH_ONLY)]
    return errors


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    if not TALLY.exists() or not CORPUS.is_dir():
        sys.exit("needs ../shared/corpus and tally (../shared/tools/peers/setup.sh /tmp/peers)")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dockwright-cli"], cwd=ROOT, check=True)
    rng = random.Random(seed)
    seeds = sorted(CORPUS.glob("*.Dockerfile"))
    both_ok = both_fail = same_message = 0
    disagreements = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            text = mutate(rng, seeds[rng.randrange(len(seeds))].read_text(errors="replace"))
            path = Path(tmp) / f"m{i}.Dockerfile"
            path.write_text(text)
            theirs, ours = tally_verdict(path), our_verdict(path)
            if theirs is None and not ours:
                both_ok += 1
            elif theirs is not None and ours:
                both_fail += 1
                if any(theirs.startswith(o) or o.startswith(theirs) for o in ours):
                    same_message += 1
                elif "-v" in sys.argv:
                    print(f"message differs: BuildKit {theirs!r}; Dockwright {ours[:2]!r}")
            else:
                disagreements.append((i, theirs, ours[:2], text))
    agree = both_ok + both_fail
    print(f"{count} mutants (seed {seed}): verdicts agree on {agree} ({100 * agree / count:.1f}%): "
          f"{both_ok} accepted by both, {both_fail} rejected by both, of which {same_message} with BuildKit's message")
    for i, theirs, ours, text in disagreements[:20]:
        print(f"--- mutant {i}: BuildKit: {theirs!r}; Dockwright: {ours!r}")
        print(text[:600])


if __name__ == "__main__":
    main()
