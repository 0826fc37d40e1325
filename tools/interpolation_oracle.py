#!/usr/bin/env python3
"""Docker Compose's interpolation of each template in a cases file, printed
as the cases file of the interpolation tests (crates/core/tests/fixtures/
compose/interpolation.cases): `template => value`, then `warn NAME` for each
variable Compose reports unset and `error MESSAGE` when it refuses.

    python3 tools/interpolation_oracle.py TEMPLATES|CASES [--compose BIN] [--check CASES]

Each template is interpolated with A=a, EMPTY= (set but empty) and nothing
else set. With --check, the cases file is compared with what Compose says
instead of printed (exit 1 on a difference).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compose_oracle import DEFAULT_COMPOSE, limit_memory  # noqa: E402

ENV = {"A": "a", "EMPTY": ""}


def interpolate(binary, template, work):
    quoted = "'" + template.replace("'", "''") + "'"
    (work / "compose.yaml").write_text(f"x-case: {quoted}\nservices:\n  s:\n    image: alpine\n")
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    env.update(ENV)
    out = subprocess.run([binary, "-p", "oracle", "config", "--format", "json"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=30, preexec_fn=limit_memory)
    # `config` prints a `$` of a value as `$$` so that the output reads back.
    value = json.loads(out.stdout)["x-case"].replace("$$", "$") if out.returncode == 0 else ""
    lines = [f"{template} => {value}"]
    for name in re.findall(r'The \\"([^\\]+)\\" variable is not set', out.stderr):
        lines.append(f"  warn {name}")
    if out.returncode != 0:
        message = " ".join(l for l in out.stderr.splitlines() if "level=warning" not in l).strip()
        lines.append(f"  error {message}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("templates")
    parser.add_argument("--compose", default=DEFAULT_COMPOSE)
    parser.add_argument("--check")
    args = parser.parse_args()
    # A template per line, or a cases file (its templates are left of ` => `).
    templates = [l.split(" => ")[0] for l in Path(args.templates).read_text().split("\n")
                 if l and not l.startswith("  ")]
    with tempfile.TemporaryDirectory() as tmp:
        result = [line for t in templates for line in interpolate(args.compose, t, Path(tmp))]
    text = "\n".join(result) + "\n"
    if args.check:
        expected = Path(args.check).read_text()
        if expected != text:
            sys.stdout.writelines(l + "\n" for l in text.split("\n") if l not in expected.split("\n"))
            sys.exit(1)
        print(f"{len(templates)} templates: Compose agrees")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
