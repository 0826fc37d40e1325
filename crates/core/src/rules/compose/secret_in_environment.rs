use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "secret-in-environment",
        aliases: &[],
        summary: "No literal passwords, tokens or keys in environment values",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags an `environment` (or build `args`) entry whose name says it holds a secret
(`PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`,
`CREDENTIALS`) when its value is written in the file, and any value that is a URL with
a password in it (`postgres://app:s3cret@db/app`). Values taken from variables
(`${DB_PASSWORD}`) are fine, and so are the `*_FILE` variables official images read a
secret's path from (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`) and names that
hold a path, a length, an expiry, an id or a user name (`*_PATH`, `*_ID`, `*_USER`, …).

## Why is this bad?
The compose file is committed, shared and pasted into issues; every reader gets the
password. It also ends up in `docker inspect` output.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: s3cret
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
secrets:
  db_password:
    file: ./db_password.txt
```

## References
- Compose, secrets: https://docs.docker.com/compose/how-tos/use-secrets/
- hadolint's Dockerfile twin: BuildKit `SecretsUsedInArgOrEnv`
"#;

const SECRET_WORDS: [&str; 8] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIALS",
];
const PATH_SUFFIXES: [&str; 8] = [
    "_FILE",
    "_PATH",
    "_DIR",
    "_LENGTH",
    "_EXPIRY",
    "_ID",
    "_USER",
    "_USERNAME",
];

fn names_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    SECRET_WORDS.iter().any(|w| upper.contains(w))
        && !PATH_SUFFIXES.iter().any(|s| upper.ends_with(s))
}

/// `scheme://user:password@host`, with a literal password.
fn url_with_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let Some((userinfo, _)) = authority.rsplit_once('@') else {
        return false;
    };
    userinfo
        .split_once(':')
        .is_some_and(|(_, password)| !password.is_empty() && !password.contains('$'))
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let sources = [
            entry.value.get("environment"),
            entry.value.get("build").and_then(|b| b.get("args")),
        ];
        for node in sources.into_iter().flatten() {
            // (name, value, span of the value)
            let mut pairs: Vec<(&str, &str, Span)> = Vec::new();
            for e in node.entries() {
                if let (Some(name), Some(value)) = (e.key.as_str(), e.value.as_str()) {
                    pairs.push((name, value, e.value.span));
                }
            }
            for item in node.items() {
                if let Some((name, value)) = item.as_str().and_then(|s| s.split_once('=')) {
                    pairs.push((name, value, item.span));
                }
            }
            for (name, value, span) in pairs {
                if value.is_empty() || crate::compose::values::has_variables(value) {
                    continue;
                }
                if names_secret(name) {
                    out.push(Finding::new(span, format!("service \"{service}\" sets {name} to a literal value: take it from a variable (${{{name}}}) or a secret (a {name}_FILE path under /run/secrets)")));
                } else if url_with_password(value) {
                    out.push(Finding::new(span, format!("service \"{service}\": {name} holds a URL with a password in it: build it from variables or read it from a secret")));
                }
            }
        }
    }
}
