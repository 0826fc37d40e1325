#!/usr/bin/env python3
"""Docker Compose's reading of `.env` files, written as the expected files
of the dotenv tests (crates/core/tests/fixtures/dotenv/NAME.expected): the
variables it defines, `KEY=value` sorted as `config --environment` prints
them (with `\\n` for a line break), then `warn NAME` per variable reported
unset, or `error MESSAGE` when Compose refuses the file.

    python3 tools/dotenv_oracle.py DIR [--compose BIN] [--check]

The host environment holds HOST=h and nothing else of interest.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compose_oracle import DEFAULT_COMPOSE, limit_memory  # noqa: E402

HIDDEN = {"PATH", "PWD", "HOME", "HOST", "COMPOSE_PROJECT_NAME"}


def environment(binary, dotenv, work):
    (work / "compose.yaml").write_text("services:\n  s:\n    image: alpine\n")
    shutil.copy(dotenv, work / ".env")
    env = {"PATH": os.environ["PATH"], "HOST": "h"}
    out = subprocess.run([binary, "-p", "oracle", "config", "--environment"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=30, preexec_fn=limit_memory)
    lines = []
    if out.returncode == 0:
        # A value over several lines continues on lines without `=`.
        entries = []
        for line in out.stdout.split("\n")[:-1]:
            if re.match(r"^[^=\s]+=", line) or not entries:
                entries.append(line)
            else:
                entries[-1] += "\\n" + line
        lines += [e for e in entries if e.split("=")[0] not in HIDDEN]
    # Compose reads the file more than once: each warning once.
    unset = re.findall(r'The \\"([^\\]+)\\" variable is not set', out.stderr)
    lines += [f"warn {n}" for n in dict.fromkeys(unset)]
    if out.returncode != 0:
        message = " ".join(l for l in out.stderr.splitlines() if "level=warning" not in l).strip()
        lines.append("error " + message.replace(str(work) + "/", ""))
    return "".join(l + "\n" for l in lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--compose", default=DEFAULT_COMPOSE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for dotenv in sorted(Path(args.dir).glob("*.env")):
            text = environment(args.compose, dotenv, Path(tmp))
            expected = dotenv.with_suffix(".expected")
            if not args.check:
                expected.write_text(text)
            elif not expected.exists() or expected.read_text() != text:
                differ += 1
                print(f"{dotenv.name}: Compose says\n{text}")
    if args.check:
        print(f"{differ} file(s) differ from Compose")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
