#!/usr/bin/env python3
"""Agreement with BuildKit's own check tests.

Reads every `checkLinterWarnings(...)` case of BuildKit's
`frontend/dockerfile/dockerfile_check_test.go` (the Dockerfile, the
`.dockerignore` when there is one, and the warnings BuildKit must report:
`UnmarshalWarnings` where given, since that is what `docker build --check`
prints, else `Warnings`), lints the files with `dockwright lint` and compares,
for every BuildKit check Dockwright has:

    warning   an expected (check, line) that Dockwright reports too
    silence   no finding of a BuildKit check that BuildKit does not expect
              (counted per case and check)
    whole case  every warning found and every silence kept

A finding counts at the first line of its instruction, as BuildKit reports.
Cases that need more than the files are listed and left out: build arguments
or check settings passed on the command line (`FrontendAttrs`), and
BaseImagePlatformMismatch (the image's platforms come from a registry).

    tools/buildkit_checks.py BUILDKIT_REPO [--show all|failing|none]

BUILDKIT_REPO is a checkout or a bare git directory of moby/buildkit.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "frontend/dockerfile/dockerfile_check_test.go"


def test_source(repo):
    repo = Path(repo)
    if (repo / TEST).is_file():
        return (repo / TEST).read_text()
    return subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{TEST}"],
                          capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------- a small Go reader

TOKEN = re.compile(r"""
    (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<num>\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<op>:=|[{}()\[\],:=&+*])
  | (?P<comment>//[^\n]*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def tokenize(src):
    out = []
    for m in TOKEN.finditer(src):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        value = m.group()
        if kind == "raw":
            out.append(("str", value[1:-1]))
        elif kind == "str":
            out.append(("str", json.loads(value)))
        else:
            out.append((kind, value))
    return out


class Unknown(Exception):
    pass


def go_printf(fmt, args):
    out, i, args = [], 0, list(args)
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            verb = fmt[i + 1]
            if verb == "%":
                out.append("%")
            else:
                if not args:
                    raise Unknown("missing Printf argument")
                value = args.pop(0)
                out.append(json.dumps(value) if verb == "q" else str(value))
            i += 2
            continue
        out.append(fmt[i])
        i += 1
    return "".join(out)


class Reader:
    def __init__(self, tokens):
        self.t = tokens
        self.i = 0
        self.env = {}

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else ("eof", "")

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise Unknown(f"expected {value}, found {tok[1]}")
        self.i += 1
        return tok

    def expr(self):
        value = self.unary()
        while self.peek()[1] == "+":
            self.take()
            value = value + self.unary()
        return value

    def unary(self):
        kind, value = self.peek()
        if value == "&":
            self.take()
            return self.unary()
        if kind == "str":
            self.take()
            return value
        if kind == "num":
            self.take()
            return int(value)
        if value == "[":  # []byte(x), []expectedLintWarning{...}
            self.take("[")
            self.take("]")
            type_name = self.take()[1]
            if self.peek()[1] == "(":
                self.take("(")
                inner = self.expr()
                self.take(")")
                return inner
            return self.composite(type_name)
        if value == "map":  # map[string]string{...}
            self.take()
            while self.peek()[1] != "{":
                self.take()
            return self.composite("map")
        if kind == "name":
            self.take()
            if value in ("true", "false"):
                return value == "true"
            if value == "nil":
                return None
            if self.peek()[1] == "(":
                args = self.call_args()
                if value == "integration.UnixOrWindows":
                    return args[0]
                if value == "fmt.Appendf":
                    return go_printf(args[1], args[2:])
                if value == "fmt.Sprintf":
                    return go_printf(args[0], args[1:])
                if value == "regexp.MustCompile":
                    return ("regexp", args[0])
                raise Unknown(f"call of {value}")
            if self.peek()[1] == "{":
                return self.composite(value)
            if value in self.env:
                return self.env[value]
            raise Unknown(f"unknown name {value}")
        raise Unknown(f"unexpected {value}")

    def call_args(self):
        self.take("(")
        args = []
        while self.peek()[1] != ")":
            args.append(self.expr())
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return args

    def composite(self, type_name):
        """`T{K: v, ...}` as a dict, `[]T{{...}, ...}` / `{"a": b}` as list or dict."""
        self.take("{")
        items, fields = [], {}
        while self.peek()[1] != "}":
            if self.peek()[1] == "{":
                items.append(self.composite(type_name))
            else:
                key_or_value = self.expr()
                if self.peek()[1] == ":":
                    self.take(":")
                    fields[key_or_value if isinstance(key_or_value, str) else str(key_or_value)] = self.expr()
                else:
                    items.append(key_or_value)
            if self.peek()[1] == ",":
                self.take()
        self.take("}")
        return fields if fields else items


def cases(src):
    tokens = tokenize(src)
    reader = Reader(tokens)
    out, skipped = [], []
    function = None
    while reader.i < len(tokens):
        kind, value = reader.peek()
        if value == "func" and reader.peek(1)[0] == "name":
            function = reader.peek(1)[1]
            reader.env = {}
            reader.i += 2
            continue
        if kind == "name" and reader.peek(1)[1] == ":=" and reader.peek(2)[1] == "func" \
                and reader.peek(3)[1] == "(":
            # A helper that builds an expected warning from its arguments:
            # kept as (parameters, the tokens of the struct it returns).
            j = reader.i + 4
            params = []
            while tokens[j][1] != ")":
                if tokens[j][0] == "name" and tokens[j + 1][0] == "name":
                    params.append(tokens[j][1])
                j += 1
            body = j
            while tokens[body][1] != "return":
                body += 1
            depth, end = 0, body + 2
            while True:
                if tokens[end][1] == "{":
                    depth += 1
                elif tokens[end][1] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            reader.env[value] = ("func", params, tokens[body + 2:end + 1])
            reader.i = end + 1
            continue
        if kind == "name" and reader.peek(1)[1] in (":=", "="):
            start = reader.i
            reader.i += 2
            try:
                reader.env[value] = reader.expr()
            except (Unknown, IndexError):
                reader.env.pop(value, None)
                reader.i = start + 2
            continue
        if value == "checkLinterWarnings":
            reader.take()
            reader.take("(")
            reader.take()  # t
            reader.take(",")
            reader.take()  # sb
            reader.take(",")
            reader.take("&")
            reader.take("lintTestParams")
            start = reader.i
            try:
                params = struct_literal(reader)
            except (Unknown, IndexError) as e:
                skipped.append((function, str(e)))
                reader.i = start + 1
                continue
            out.append((function, params))
            continue
        reader.i += 1
    return out, skipped


def struct_literal(reader):
    """`{Field: expr, ...}` with bare field names."""
    reader.take("{")
    fields = {}
    while reader.peek()[1] != "}":
        name = reader.take()[1]
        reader.take(":")
        if name in ("Warnings", "UnmarshalWarnings"):
            fields[name] = warning_list(reader)
        else:
            fields[name] = reader.expr()
        if reader.peek()[1] == ",":
            reader.take()
    reader.take("}")
    return fields


def warning_list(reader):
    reader.take("[")
    reader.take("]")
    reader.take("expectedLintWarning")
    reader.take("{")
    warnings = []
    while reader.peek()[1] != "}":
        if reader.peek()[0] == "name":  # a helper call: makeLintWarning("CMD", 5)
            helper = reader.env.get(reader.take()[1])
            if not (isinstance(helper, tuple) and helper[0] == "func"):
                raise Unknown("unknown helper")
            args = reader.call_args()
            inner = Reader(helper[2])
            inner.env = {**reader.env, **dict(zip(helper[1], args))}
            warnings.append(warning_fields(inner))
            if reader.peek()[1] == ",":
                reader.take()
            continue
        warnings.append(warning_fields(reader))
        if reader.peek()[1] == ",":
            reader.take()
    reader.take("}")
    return warnings


def warning_fields(reader):
    """`{RuleName: …, Line: …}` as a dict."""
    reader.take("{")
    fields = {}
    while reader.peek()[1] != "}":
        name = reader.take()[1]
        reader.take(":")
        fields[name] = reader.expr()
        if reader.peek()[1] == ",":
            reader.take()
    reader.take("}")
    return fields


# ---------------------------------------------------------------- comparing

def buildkit_names():
    """BuildKit's check names, and for each of our codes the BuildKit name it answers to."""
    rules = json.loads(subprocess.run([str(ROOT / "target/release/dockwright"), "rules", "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    names = {}
    for rule in rules:
        ids = [rule["code"], *rule.get("aliases", [])]
        bk = [i for i in ids if re.fullmatch(r"[A-Z][A-Za-z]+", i) and not i.startswith("DL")]
        if bk:
            names[rule["code"]] = bk[0]
    return names


def instruction_starts(path):
    out = subprocess.run([str(ROOT / "target/release/dockwright"), "parse", "--lines", str(path)],
                         capture_output=True, text=True)
    return [tuple(map(int, line.split())) for line in out.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo")
    parser.add_argument("--show", default="failing", choices=["all", "failing", "none"])
    args = parser.parse_args()

    found_cases, unread = cases(test_source(args.repo))
    for function, why in unread:
        if function == "testBaseImagePlatformMismatch":
            continue  # built from a registry's image list; left out below anyway
        print(f"unread case in {function}: {why}", file=sys.stderr)
    names = buildkit_names()
    ours_checks = set(names.values())
    totals = {"warning": [0, 0], "silence": [0, 0], "whole case": [0, 0]}
    left_out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (function, params) in enumerate(found_cases):
            label = f"{function} #{n}"
            dockerfile = params.get("Dockerfile")
            if not isinstance(dockerfile, str):
                left_out.append((label, "Dockerfile not read"))
                continue
            if params.get("FrontendAttrs"):
                left_out.append((label, "needs build arguments: " + ", ".join(params["FrontendAttrs"])))
                continue
            expected = params.get("UnmarshalWarnings") or params.get("Warnings") or []
            if any(w.get("RuleName") == "InvalidBaseImagePlatform" for w in expected) \
                    or function == "testBaseImagePlatformMismatch":
                left_out.append((label, "needs the base image's platforms from a registry"))
                continue
            folder = Path(tmp) / f"case{n}"
            folder.mkdir()
            (folder / "Dockerfile").write_text(dockerfile)
            target = folder / "Dockerfile"
            if isinstance(params.get("DockerIgnore"), str):
                (folder / ".dockerignore").write_text(params["DockerIgnore"])
                target = folder
            out = subprocess.run([str(ROOT / "target/release/dockwright"), "lint", "--format", "json", str(target)],
                                 capture_output=True, text=True)
            starts = instruction_starts(folder / "Dockerfile")

            def start_of(line):
                return next((s for s, e in starts if s <= line <= e), line)

            ours = set()
            for finding in json.loads(out.stdout or "[]"):
                if Path(finding["file"]).name != "Dockerfile":
                    continue
                check = names.get(finding["code"])
                if check:
                    ours.add((check, start_of(finding["line"])))
            # `docker build --check` (the unmarshal path) asserts names and
            # details, not lines: where UnmarshalWarnings are given, compare
            # the checks reported; else the (check, instruction) pairs.
            by_line = not params.get("UnmarshalWarnings")
            if not by_line:
                ours = {(c, 0) for c, _ in ours}
            wanted = {(w["RuleName"], start_of(w["Line"]) if by_line else 0)
                      for w in expected if w.get("RuleName") in ours_checks}
            not_ours = [w["RuleName"] for w in expected if w.get("RuleName") not in ours_checks]
            missing = wanted - ours
            extra = ours - wanted
            totals["warning"][0] += len(wanted) - len(missing)
            totals["warning"][1] += len(wanted)
            # A silence: each check of ours that BuildKit does not expect here.
            silent_checks = ours_checks - {c for c, _ in wanted}
            broken = {c for c, _ in extra}
            totals["silence"][0] += len(silent_checks - broken)
            totals["silence"][1] += len(silent_checks)
            totals["whole case"][0] += not (missing or extra)
            totals["whole case"][1] += 1
            if args.show == "all" or (args.show == "failing" and (missing or extra or not_ours)):
                print(f"-- {label}: expected {sorted(wanted)}")
                if missing:
                    print(f"   missing: {sorted(missing)}")
                if extra:
                    print(f"   extra:   {sorted(extra)}")
                if not_ours:
                    print(f"   checks we lack: {not_ours}")
                if missing or extra:
                    print("   " + dockerfile.strip().replace("\n", "\n   "))
    print(f"== {len(found_cases)} cases read, {len(left_out)} left out"
          + (f", {len(unread)} not read (testBaseImagePlatformMismatch)" if unread else ""))
    for label, why in left_out:
        print(f"   left out {label}: {why}")
    for kind, (good, total) in totals.items():
        print(f"== {kind}s: {good}/{total}" + (f" ({100 * good / total:.1f} %)" if total else ""))


if __name__ == "__main__":
    main()
