use crate::diagnostic::Severity;
use crate::dockerfile::{go, Command};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SecretsUsedInArgOrEnv",
        aliases: &["DL3064"],
        summary: "Do not pass secrets through ARG or ENV",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ARG` and `ENV` names that say they hold a secret: an underscore-separated
part is `password`, `passwd`, `pword`, `secret`, `token`, `key`, `apikey`,
`auth`, `credential` or `credentials` — unless a part is `public`, `file` or
`version` (`GPG_KEY_FILE`, `PUBLIC_KEY` are fine). `ONBUILD ARG` and
`ONBUILD ENV` triggers are checked too.

## Why is this bad?
ARG and ENV values persist in the image metadata and history: anyone who can
pull the image can read them.

## Example
```dockerfile
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```

## References
- hadolint `DL3064`
- BuildKit check `SecretsUsedInArgOrEnv`
- https://docs.docker.com/build/building/secrets/
"#;

const DENY: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
const ALLOW: [&str; 3] = ["public", "file", "version"];

/// BuildKit's `(?i)(?:_|^)(?:word)(?:_|$)`: some underscore-separated part of
/// the name is one of the words.
fn has_part(key: &str, words: &[&str]) -> bool {
    key.split('_')
        .any(|piece| words.iter().any(|w| piece.eq_ignore_ascii_case(w)))
}

pub fn is_secret_name(key: &str) -> bool {
    has_part(key, &DENY) && !has_part(key, &ALLOW)
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // ONBUILD ARG/ENV put the secret into every image built from this one.
    for (_, instruction) in ctx.instructions_and_triggers() {
        let (name, keys): (&str, Vec<&crate::dockerfile::Word>) = match &instruction.command {
            Command::Arg { args } => ("ARG", args.iter().map(|a| &a.name).collect()),
            Command::Env { pairs } => ("ENV", pairs.iter().map(|p| &p.key).collect()),
            _ => continue,
        };
        for key in keys {
            if is_secret_name(&key.value) {
                out.push(Finding::new(
                    key.span,
                    format!(
                        "Do not use ARG or ENV instructions for sensitive data ({name} {})",
                        go::quote(&key.value)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

    #[test]
    fn names_follow_buildkits_patterns() {
        for secret in [
            "API_PASSWORD",
            "github_token",
            "SECRET",
            "aws_secret_access_key",
            "AUTH",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for fine in [
            "GPG_KEY_FILE",
            "PUBLIC_KEY",
            "NODE_VERSION",
            "TOKENIZER",
            "MONKEY",
            "KEY_VERSION",
        ] {
            assert!(!is_secret_name(fine), "{fine}");
        }
    }
}
