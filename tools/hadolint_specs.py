#!/usr/bin/env python3
"""Agreement with hadolint's own rule specs.

Reads every `ruleCatches` / `ruleCatchesNot` / `onBuildRuleCatches` /
`onBuildRuleCatchesNot` case of hadolint's `test/Hadolint/Rule/*Spec.hs` and
`test/Hadolint/PragmaSpec.hs`
(with the configuration each case runs under: label schema, strict labels,
trusted registries), lints each snippet with `dockwright lint` and judges
it the way the specs assert:

    ruleCatches CODE text            CODE fires at least once
    ruleCatchesNot CODE text         CODE does not fire
    onBuildRuleCatches CODE text     every RUN wrapped in ONBUILD: CODE fires exactly once
    onBuildRuleCatchesNot CODE text  every RUN wrapped in ONBUILD: CODE does not fire

A finding counts for CODE when CODE is its code or one of its aliases. As in
hadolint's specs, the rule under test runs even where it is off by default.
With --hadolint BIN the same cases are also given to hadolint's binary, as a
check of this reader (hadolint should agree with its own specs).

    tools/hadolint_specs.py HADOLINT_REPO [--hadolint BIN] [--rule CODE] [--show all|failing|none]

HADOLINT_REPO is a checkout or a bare git directory of hadolint/hadolint.
"""
import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSERTIONS = ("ruleCatches", "ruleCatchesNot", "onBuildRuleCatches", "onBuildRuleCatchesNot")


# ---------------------------------------------------------------- reading the specs

def spec_sources(repo):
    """(name, text) of every rule spec, from a checkout or a git directory."""
    repo = Path(repo)
    folder = repo / "test" / "Hadolint" / "Rule"
    if folder.is_dir():
        return [(p.name, p.read_text()) for p in [*sorted(folder.glob("*Spec.hs")), folder.parent / "PragmaSpec.hs"]]
    names = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "--name-only", "HEAD", "test/Hadolint/Rule/"],
                           capture_output=True, text=True, check=True).stdout.split() + ["test/Hadolint/PragmaSpec.hs"]
    return [(Path(n).name, subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{n}"],
                                          capture_output=True, text=True, check=True).stdout)
            for n in sorted(names) if n.endswith("Spec.hs")]


Token = collections.namedtuple("Token", "kind value line col first")

ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "&": "", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v", "0": "\0"}


def tokenize(src):
    """Haskell tokens enough for the specs: strings (escapes and gaps), names,
    symbols; each with its line, column and whether it starts its line."""
    tokens, i, line, col, line_start = [], 0, 1, 1, True

    def advance(n):
        nonlocal i, line, col
        for ch in src[i:i + n]:
            if ch == "\n":
                line, col = line + 1, 1
            else:
                col += 1
        i += n

    while i < len(src):
        ch = src[i]
        if ch == "\n":
            advance(1)
            line_start = True
            continue
        if ch in " \t\r":
            advance(1)
            continue
        if src.startswith("--", i) and not re.match(r"--[!#$%&*+./<=>?@\\^|~:]", src[i:i + 3]):
            while i < len(src) and src[i] != "\n":
                advance(1)
            continue
        if src.startswith("{-", i):
            end = src.find("-}", i)
            advance((end + 2 if end >= 0 else len(src)) - i)
            continue
        start = (line, col, line_start)
        line_start = False
        if ch == '"':
            value, j = [], i + 1
            while j < len(src) and src[j] != '"':
                if src[j] == "\\":
                    nxt = src[j + 1]
                    if nxt in " \t\n\r":  # string gap: \   whitespace   \
                        j = src.index("\\", j + 1) + 1
                        continue
                    if nxt.isdigit():
                        digits = re.match(r"\d+", src[j + 1:]).group()
                        value.append(chr(int(digits)))
                        j += 1 + len(digits)
                        continue
                    value.append(ESCAPES.get(nxt, nxt))
                    j += 2
                    continue
                value.append(src[j])
                j += 1
            advance(j + 1 - i)
            tokens.append(Token("str", "".join(value), *start))
            continue
        m = re.match(r"\??[A-Za-z_][A-Za-z0-9_'.]*", src[i:])
        if m:
            advance(len(m.group()))
            tokens.append(Token("name", m.group().rstrip("."), *start))
            continue
        m = re.match(r"[!#$%&*+./<=>?@\\^|~:-]+", src[i:])
        if m:
            advance(len(m.group()))
            tokens.append(Token("sym", m.group(), *start))
            continue
        advance(1)
        tokens.append(Token("sym", ch, *start))
    return tokens


def block(tokens, at, col):
    """Tokens from `at` up to the next one that starts a line at or left of `col`."""
    end = at
    while end < len(tokens) and not (tokens[end].first and tokens[end].col <= col):
        end += 1
    return end


class Unreadable(Exception):
    pass


def evaluate(tokens, env):
    """Value of a spec expression: a string, a list of strings, a name bound
    by `let`, `Text.unlines`, `Text.intercalate`, `Text.concat`, `<>` and `$`."""
    pos = 0

    def atom():
        nonlocal pos
        if pos >= len(tokens):
            raise Unreadable("expression ends early")
        t = tokens[pos]
        pos += 1
        if t.kind == "str":
            return t.value
        if t.value == "(":
            value = expr()
            expect(")")
            return value
        if t.value == "[":
            items = []
            while tokens[pos].value != "]":
                items.append(expr())
                if tokens[pos].value == ",":
                    pos += 1
            pos += 1
            return items
        if t.kind == "name":
            if t.value in ("Text.unlines", "unlines"):
                return "".join(s + "\n" for s in argument())
            if t.value in ("Text.intercalate", "intercalate"):
                sep = argument()
                return sep.join(argument())
            if t.value in ("Text.concat", "mconcat", "concat"):
                return "".join(argument())
            if t.value in env:
                return env[t.value]
        raise Unreadable(f"cannot read `{t.value}` at line {t.line}")

    def argument():
        nonlocal pos
        if pos < len(tokens) and tokens[pos].value == "$":
            pos += 1
            return expr()
        return atom()

    def expect(value):
        nonlocal pos
        if pos >= len(tokens) or tokens[pos].value != value:
            raise Unreadable(f"expected {value}")
        pos += 1

    def expr():
        nonlocal pos
        value = atom()
        while pos < len(tokens) and tokens[pos].value == "<>":
            pos += 1
            value = value + atom()
        return value

    if tokens and tokens[0].value == "$":
        pos = 1
    value = expr()
    if pos != len(tokens):
        raise Unreadable(f"unread tokens from `{tokens[pos].value}` at line {tokens[pos].line}")
    return value


LABEL_TYPES = {"RawText": "text", "Url": "url", "Rfc3339": "rfc3339", "Spdx": "spdx", "GitHash": "hash",
               "SemVer": "semver", "Email": "email"}


def read_config(tokens):
    """hadolint's Configuration record, as the settings file keys both tools read."""
    config = {}
    text = " ".join(t.value if t.kind != "str" else json.dumps(t.value) for t in tokens)
    m = re.search(r"allowedRegistries = \[(.*?)\]", text)
    if m:
        config["trustedRegistries"] = json.loads(f"[{m.group(1)}]")
    m = re.search(r"labelSchema = Map\.fromList \[(.*?)\] [,}]", text)
    if m:
        pairs = re.findall(r'\( ("(?:[^"\\]|\\.)*") , (?:Rule\.)?(\w+) \)', m.group(1))
        config["label-schema"] = {json.loads(k): LABEL_TYPES[v] for k, v in pairs}
    if re.search(r"strictLabels = True", text):
        config["strict-labels"] = True
    return config


def spec_cases(name, src):
    """Every assertion of one spec file: (name, line, assertion, code, text, config)."""
    tokens = tokenize(src)
    scopes = []  # (col, kind, key, value): `let` bindings and configs, closed by layout
    cases, problems = [], []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.first:
            while scopes and t.col < scopes[-1][0]:
                scopes.pop()
        if t.value == "let" and i + 2 < len(tokens):
            # One binding or a block of them, each `name = expr`, laid out at
            # the column of the first; `in` ends the block.
            j = i + 1
            column = tokens[j].col
            while j + 1 < len(tokens) and tokens[j + 1].value == "=" and tokens[j].col == column:
                target = tokens[j]
                end = block(tokens, j + 2, column)
                body = tokens[j + 2:end]
                stop = next((k for k, b in enumerate(body) if b.value == "in"), len(body))
                body = body[:stop]
                if target.value == "?config":
                    scopes.append((t.col, "config", None, read_config(body)))
                else:
                    try:
                        env = {k: v for _, kind, k, v in scopes if kind == "let"}
                        scopes.append((t.col, "let", target.value, evaluate(body, env)))
                    except Unreadable as e:
                        problems.append(f"{name}:{target.line}: {e}")
                j = j + 2 + stop
                if stop < len(tokens[j - stop:end]) and j < len(tokens) and tokens[j].value == "in":
                    break
            i = max(j, i + 1)
            continue
        env = {k: v for _, kind, k, v in scopes if kind == "let"}
        code_token = tokens[i + 1] if i + 1 < len(tokens) else None
        code = None
        if code_token is not None:
            code = code_token.value if code_token.kind == "str" else env.get(code_token.value)
        if t.kind == "name" and t.value in ASSERTIONS and isinstance(code, str):
            # After `do` the assertion opens a layout block at its own column.
            opens_block = i > 0 and tokens[i - 1].value == "do"
            end = block(tokens, i + 2, t.col if opens_block else line_col(tokens, i))
            config = {}
            for _, kind, _, value in scopes:
                if kind == "config":
                    config = value
            try:
                cases.append((name, t.line, t.value, code, evaluate(tokens[i + 2:end], env), config))
            except Unreadable as e:
                problems.append(f"{name}:{t.line}: {e}")
            i = end
            continue
        i += 1
    return cases, problems


def line_col(tokens, i):
    """Column of the first token on token i's line."""
    j = i
    while j > 0 and not tokens[j].first:
        j -= 1
    return tokens[j].col


# ---------------------------------------------------------------- running the cases

def on_build(text):
    """hadolint's `onBuild` variant: every RUN instruction becomes ONBUILD RUN."""
    out, continuing = [], False
    for line in text.split("\n"):
        if not continuing and re.match(r"\s*RUN\b", line, re.IGNORECASE):
            line = re.sub(r"^(\s*)", r"\1ONBUILD ", line, count=1)
        stripped = line.rstrip()
        continuing = stripped.endswith("\\") and not stripped.lstrip().startswith("#")
        out.append(line)
    return "\n".join(out)


def case_text(case):
    _, _, assertion, _, text, _ = case
    text = text + "\n"  # hadolint's helpers parse the text with a newline added
    return on_build(text) if assertion.startswith("onBuild") else text


def settings_yaml(config, code, hadolint):
    """The case's configuration, with the rule under test switched on."""
    lines = []
    if "trustedRegistries" in config:
        lines.append("trustedRegistries: " + json.dumps(config["trustedRegistries"]))
    if "label-schema" in config:
        lines.append("label-schema:")
        lines += [f"  {json.dumps(k)}: {v}" for k, v in config["label-schema"].items()]
    if config.get("strict-labels"):
        lines.append("strict-labels: true")
    # Off-by-default rules (DL3057 in both tools) run in hadolint's specs.
    lines.append("override:")
    lines.append(f"  warning: [{code}]")
    return "\n".join(lines) + "\n"


def run_tool(tool, cases, work):
    """{case index: list of codes (with aliases) found}, one tool run per config."""
    groups = collections.defaultdict(list)
    for index, case in enumerate(cases):
        key = json.dumps([case[5], case[3]], sort_keys=True)
        groups[key].append(index)
    found = {}
    for g, (key, indices) in enumerate(groups.items()):
        config, code = json.loads(key)
        folder = work / tool[0] / f"g{g}"
        folder.mkdir(parents=True)
        config_file = folder / "settings.yaml"
        config_file.write_text(settings_yaml(config, code, tool[0] == "hadolint"))
        files = []
        for index in indices:
            path = folder / f"case{index}.Dockerfile"
            path.write_text(case_text(cases[index]))
            files.append(path)
        if tool[0] == "dockwright":
            cmd = [tool[1], "lint", "--format", "json", "--config", str(config_file), *map(str, files)]
        else:
            cmd = [tool[1], "--no-fail", "-f", "json", "--config", str(config_file), *map(str, files)]
        out = subprocess.run(cmd, capture_output=True, text=True)
        try:
            rows = json.loads(out.stdout)
        except json.JSONDecodeError:
            sys.exit(f"{tool[0]} printed no JSON for {folder}: {out.stderr[:500]}")
        by_file = collections.defaultdict(list)
        for row in rows:
            codes = [row["code"], *row.get("aliases", [])]
            by_file[Path(row["file"]).name].append(codes)
        for index, path in zip(indices, files):
            found[index] = by_file.get(path.name, [])
    return found


def judge(case, findings):
    _, _, assertion, code, _, _ = case
    hits = sum(1 for codes in findings if any(c.lower() == code.lower() for c in codes))
    if assertion == "ruleCatches":
        return hits >= 1
    if assertion == "onBuildRuleCatches":
        return hits == 1
    return hits == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo")
    parser.add_argument("--hadolint", help="hadolint binary, to run the same cases through it")
    parser.add_argument("--rule", help="only the cases of this code")
    parser.add_argument("--show", default="failing", choices=["all", "failing", "none"])
    parser.add_argument("--dockwright", default=str(ROOT / "target/release/dockwright"))
    args = parser.parse_args()

    cases, problems = [], []
    for name, src in spec_sources(args.repo):
        c, p = spec_cases(name, src)
        cases += c
        problems += p
    if args.rule:
        cases = [c for c in cases if c[3].lower() == args.rule.lower()]
    for p in problems:
        print("unread:", p, file=sys.stderr)

    tools = [("dockwright", args.dockwright)] + ([("hadolint", args.hadolint)] if args.hadolint else [])
    with tempfile.TemporaryDirectory() as tmp:
        results = {tool[0]: run_tool(tool, cases, Path(tmp)) for tool in tools}

    for tool, _ in tools:
        per_rule = collections.defaultdict(lambda: [0, 0])
        per_config = collections.defaultdict(lambda: [0, 0])
        failing = []
        for index, case in enumerate(cases):
            ok = judge(case, results[tool][index])
            per_rule[case[3]][0 if ok else 1] += 1
            per_config["default" if not case[5] else "per-case"][0 if ok else 1] += 1
            if not ok:
                failing.append(index)
        total = len(cases)
        agreed = total - len(failing)
        print(f"== {tool}: {agreed}/{total} spec cases agree ({100 * agreed / total:.1f} %)")
        for key, (good, bad) in sorted(per_config.items()):
            print(f"   {key} config: {good}/{good + bad}")
        if args.show == "none":
            continue
        if args.show == "all":
            for rule, (good, bad) in sorted(per_rule.items()):
                print(f"   {rule}: {good}/{good + bad}")
        for index in failing:
            name, line, assertion, code, text, config = cases[index]
            codes = sorted({c[0] for c in results[tool][index]})
            snippet = case_text(cases[index]).rstrip("\n").replace("\n", "\n        ")
            print(f"-- {name}:{line} {assertion} {code} {json.dumps(config) if config else ''}\n"
                  f"   found: {' '.join(codes) or '-'}\n        {snippet}")


if __name__ == "__main__":
    main()
