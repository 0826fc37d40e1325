use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3016",
        aliases: &[],
        summary: "Pin versions in npm install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `npm install pkg` without `@version` (for a scoped `@scope/pkg`, the
`@` after the name). Installing from `package.json` (no package named),
local folders (`/`, `./`, `../`, `~/`), tarballs (`.tar`, `.tar.gz`, `.tgz`),
other specs with a protocol (`file:`, `github:`, `npm:`, URLs) and versions
given through variables are accepted; a git URL (`git://`, `git+ssh://`,
`git+http(s)://`) must name a commit or tag after `#`.

## Why is this bad?
An unpinned package resolves to whatever is newest at build time.

## Example
```dockerfile
RUN npm install -g typescript
```

## Use instead
```dockerfile
RUN npm install -g typescript@5.7.2
```

## References
- hadolint `DL3016`
"#;

/// Whether an npm package spec names its version (or is not from the registry).
fn pinned(v: &str) -> bool {
    const GIT: [&str; 4] = ["git://", "git+ssh://", "git+http://", "git+https://"];
    if GIT.iter().any(|p| v.starts_with(p)) {
        return v.contains('#');
    }
    // `@scope/name` needs a second `@` for its version.
    let name_part = v.strip_prefix('@').unwrap_or(v);
    name_part.contains('@')
        || v.contains(':')
        || ["/", "./", "../", "~/"].iter().any(|p| v.starts_with(p))
        || v == "."
        || [".tar", ".tar.gz", ".tgz"].iter().any(|s| v.ends_with(s))
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("npm", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let v = package.value.as_str();
                if !pinned(v) && !package.has_expansion {
                    let message = if v.starts_with("git") {
                        format!("Pin the git dependency to a commit or tag: `{v}#<ref>`")
                    } else {
                        format!("Pin versions in npm: `{0}@<version>` instead of `{0}`", v)
                    };
                    out.push(Finding::new(package.span, message));
                }
            }
        }
    }
}
