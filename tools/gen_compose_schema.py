#!/usr/bin/env python3
"""Generates crates/core/src/compose/schema_table.rs from the compose-spec
JSON schema, so that the schema is enforced in Rust without a JSON-schema
crate in the page.

    tools/gen_compose_schema.py [path/to/compose-spec.json]

Default input: ../shared/corpus/compose-spec/compose-spec.json. The table
records the schema's FNV-1a hash; a test fails when the schema and the table
disagree. Only the JSON-schema keywords the compose spec uses are supported;
an unknown keyword or regular expression stops the generator, so that a new
schema is never half-enforced.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "compose-spec" / "compose-spec.json"
DOCS_OUT = ROOT / "crates" / "core" / "src" / "compose" / "schema_docs.rs"
OUT = ROOT / "crates" / "core" / "src" / "compose" / "schema_table.rs"

# The spec's regular expressions, each implemented by hand in schema.rs.
PATTERNS = {
    "^x-": "Extension",
    "^[a-zA-Z0-9._-]+$": "Name",
    "^.+$": "NonEmptyLine",
    ".+": "AnyChar",
    "^[a-z]+$": "LowerWord",
    "[a-zA-Z0-9][a-zA-Z0-9_.-]+": "ContainerName",
    "always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+": "PullPolicy",
}
TYPES = {"null": "NULL", "boolean": "BOOLEAN", "integer": "INTEGER", "number": "NUMBER",
         "string": "STRING", "array": "ARRAY", "object": "OBJECT"}
IGNORED = {"description", "$schema", "$id", "title", "default", "$comment"}
HANDLED = {"type", "$ref", "properties", "patternProperties", "additionalProperties", "items",
           "oneOf", "uniqueItems", "required", "enum", "minimum", "maximum", "pattern",
           "deprecated", "definitions"}


def fnv1a64(data: bytes) -> int:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def rust_str(s: str) -> str:
    return json.dumps(s)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    raw = source.read_bytes()
    spec = json.loads(raw)
    nodes: list = []  # rendered Rust expressions, by index
    definitions = {name: None for name in spec.get("definitions", {})}

    descriptions: dict = {}  # index -> the schema's description

    def add(schema) -> int:
        index = len(nodes)
        nodes.append(None)
        if isinstance(schema, dict) and isinstance(schema.get("description"), str):
            descriptions[index] = " ".join(schema["description"].split())
        nodes[index] = render(schema)
        return index

    def render(schema) -> str:
        if schema is True or schema == {}:
            return "ANY"
        unknown = set(schema) - HANDLED - IGNORED
        if unknown:
            raise SystemExit(f"unsupported schema keywords: {sorted(unknown)}")
        fields = []
        kinds = schema.get("type")
        if kinds is not None:
            kinds = [kinds] if isinstance(kinds, str) else kinds
            fields.append("types: " + " | ".join(TYPES[k] for k in kinds))
            # ["boolean", "string"] is the spec's way of saying "a boolean,
            # or a string that interpolation turns into one".
            if kinds[0] == "boolean" and "string" in kinds:
                fields.append("boolean_string: true")
        if "$ref" in schema:
            name = schema["$ref"].removeprefix("#/definitions/")
            if name not in definitions:
                raise SystemExit(f"unknown $ref {schema['$ref']}")
            fields.append(f"reference: Some(DEF_{name.upper()})")
        if "properties" in schema:
            props = ", ".join(f"({rust_str(k)}, {add(v)})" for k, v in schema["properties"].items())
            fields.append(f"properties: &[{props}]")
        if "patternProperties" in schema:
            pats = []
            for pattern, sub in schema["patternProperties"].items():
                if pattern not in PATTERNS:
                    raise SystemExit(f"unknown pattern {pattern!r}: implement it in schema.rs")
                pats.append(f"(Pattern::{PATTERNS[pattern]}, {add(sub)})")
            fields.append(f"pattern_properties: &[{', '.join(pats)}]")
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            if extra is False:
                fields.append("additional: Additional::Denied")
            elif extra is not True:
                fields.append(f"additional: Additional::Schema({add(extra)})")
        if "items" in schema:
            fields.append(f"items: Some({add(schema['items'])})")
        if "oneOf" in schema:
            fields.append(f"one_of: &[{', '.join(str(add(s)) for s in schema['oneOf'])}]")
        if schema.get("uniqueItems"):
            fields.append("unique_items: true")
        if "required" in schema:
            fields.append(f"required: &[{', '.join(rust_str(r) for r in schema['required'])}]")
        if "enum" in schema:
            if not all(isinstance(v, str) for v in schema["enum"]):
                raise SystemExit("only string enums are supported")
            fields.append(f"enumeration: &[{', '.join(rust_str(v) for v in schema['enum'])}]")
        if "minimum" in schema:
            fields.append(f"minimum: Some({float(schema['minimum'])!r})")
        if "maximum" in schema:
            fields.append(f"maximum: Some({float(schema['maximum'])!r})")
        if "pattern" in schema:
            if schema["pattern"] not in PATTERNS:
                raise SystemExit(f"unknown pattern {schema['pattern']!r}: implement it in schema.rs")
            fields.append(f"pattern: Some(Pattern::{PATTERNS[schema['pattern']]})")
        if schema.get("deprecated"):
            fields.append("deprecated: true")
        if not fields:
            return "ANY"
        return "Schema { " + ", ".join(fields) + ", ..ANY }"

    root = add({k: v for k, v in spec.items() if k != "definitions"})
    for name, schema in spec.get("definitions", {}).items():
        definitions[name] = add(schema)

    lines = [
        "// Generated by tools/gen_compose_schema.py from the compose-spec JSON schema.",
        "// Do not edit: change the generator or the schema, then run it again.",
        "",
        "use super::schema::{Additional, Pattern, Schema, ANY, ARRAY, BOOLEAN, INTEGER, NULL, NUMBER, OBJECT, STRING};",
        "",
        f"/// FNV-1a 64 of the schema file the table was generated from.",
        f"pub const SOURCE_HASH: u64 = {fnv1a64(raw):#018x};",
        f"pub const ROOT: usize = {root};",
    ]
    for name, index in definitions.items():
        lines.append(f"const DEF_{name.upper()}: usize = {index};")
    lines.append("")
    lines.append(f"pub static SCHEMAS: [Schema; {len(nodes)}] = [")
    for index, node in enumerate(nodes):
        lines.append(f"    /* {index} */ {node},")
    lines.append("];")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {len(nodes)} schemas from {source}")
    docs = [
        "// Generated by tools/gen_compose_schema.py from the compose-spec JSON schema.",
        "// Do not edit: change the generator or the schema, then run it again.",
        "",
        "/// The schema's descriptions, by index in `SCHEMAS` (sorted): what hover",
        "/// and completion say of a key.",
        f"pub static DESCRIPTIONS: [(usize, &str); {len(descriptions)}] = [",
    ]
    for index in sorted(descriptions):
        docs.append(f"    ({index}, {rust_str(descriptions[index])}),")
    docs.append("];")
    DOCS_OUT.write_text("\n".join(docs) + "\n")
    print(f"{DOCS_OUT.relative_to(ROOT)}: {len(descriptions)} descriptions")


if __name__ == "__main__":
    main()
