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
Flags `pip install pkg` without `==version`. Requirement files (`-r`), constraints, local paths, URLs, VCS specs (`pkg @ git+…`), versions given through variables and `pip install --upgrade pip` are accepted.

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

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("pip", packages)) = installed(command) else {
                continue;
            };
            let upgrading = command.has_flag(&["-U", "--upgrade"]);
            for package in packages {
                let v = package.value.as_str();
                let pinned = v.contains("==")
                    || v.contains('@')
                    || v.contains('/')
                    || v.starts_with('.')
                    || [".whl", ".tar.gz", ".zip"]
                        .iter()
                        .any(|ext| v.ends_with(ext))
                    || package.has_expansion;
                let self_upgrade = upgrading && matches!(v, "pip" | "setuptools" | "wheel");
                if !pinned && !self_upgrade {
                    out.push(Finding::new(
                        package.span,
                        format!("Pin versions in pip: `{0}==<version>` instead of `{0}`, or install from a requirements file", v),
                    ));
                }
            }
        }
    }
}
