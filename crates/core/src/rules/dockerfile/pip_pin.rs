use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3013",
        aliases: &[],
        summary: "Pin versions in pip install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `pip install pkg` (and `pipx install pkg`) without a version: any of
PEP 440's operators counts (`==`, `===`, `~=`, `>=`, `<=`, `>`, `<`, `!=`).
Requirement files (`-r`), constraint files (`-c`), the local project (`.`),
wheels and sdists (`.whl`, `.tar.gz`, `.zip`), paths and URLs, versions
given through variables and `pip install --upgrade pip` are accepted. A VCS
spec (`git+https://…`) must name a ref with `@`.

## Differences from hadolint
hadolint takes any `@` in a VCS spec as a pinned ref, so
`git+ssh://git@host/repo.git` passes; here only an `@` after the repository
path counts.

## Why is this bad?
Unpinned packages change between builds; a new release can break the image without any change to the Dockerfile.

## Example
```dockerfile
RUN pip install --no-cache-dir flask
```

## Use instead
```dockerfile
RUN pip install --no-cache-dir flask==3.1.0
```

## References
- hadolint `DL3013`
"#;

/// pip's VCS schemes (`git+https`, `hg+ssh`, …; pip's "VCS support").
const VCS: [&str; 4] = ["git", "hg", "svn", "bzr"];

/// Whether a requirement names its version (or is not from an index).
fn pinned(v: &str) -> bool {
    const OPERATORS: [&str; 6] = ["==", ">=", "<=", "~=", "!=", "<"];
    let scheme = v.split("://").next().unwrap_or_default();
    let vcs = v.contains("://")
        && VCS
            .iter()
            .any(|s| scheme == *s || scheme.starts_with(&format!("{s}+")));
    if vcs {
        // `git+https://host/org/repo.git@v1.0#egg=x`: a ref after the path.
        let last = v.rsplit('/').next().unwrap_or_default();
        return last.split('#').next().unwrap_or_default().contains('@');
    }
    OPERATORS.iter().any(|o| v.contains(o))
        || v.contains('>')
        || v.contains('/')
        || v.starts_with('.')
        || [".whl", ".tar.gz", ".zip"]
            .iter()
            .any(|ext| v.ends_with(ext))
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("pip", packages)) = installed(command) else {
                continue;
            };
            // Versions come from a requirements or constraints file, or the
            // local project's own metadata.
            let from_file = command.has_flag(&["-r", "--requirement", "-c", "--constraint"])
                || packages.iter().any(|p| p.value == ".");
            if from_file {
                continue;
            }
            let upgrading = command.has_flag(&["-U", "--upgrade"]);
            for package in packages {
                let v = package.value.as_str();
                let self_upgrade = upgrading && matches!(v, "pip" | "setuptools" | "wheel");
                if !pinned(v) && !package.has_expansion && !self_upgrade {
                    let message = if v.contains("://") {
                        let url = v.split('#').next().unwrap_or(v);
                        format!("Pin the VCS requirement to a tag or commit: `{url}@<ref>`")
                    } else {
                        format!("Pin versions in pip: `{0}==<version>` instead of `{0}`, or install from a requirements file", v)
                    };
                    out.push(Finding::new(package.span, message));
                }
            }
        }
    }
}
