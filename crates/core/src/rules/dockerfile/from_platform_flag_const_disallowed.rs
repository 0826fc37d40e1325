use crate::diagnostic::Severity;
use crate::dockerfile::{go, Command};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "FromPlatformFlagConstDisallowed",
        aliases: &["DL3029"],
        summary: "FROM --platform should not be a constant",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM --platform=linux/amd64` and other constant platforms, unless the
stage name mentions the platform's OS or architecture (`AS build-amd64`),
which marks a deliberately platform-specific stage.

## Why is this bad?
A constant platform pins the stage to one architecture, so the Dockerfile
cannot build multi-platform images and builds slowly under emulation on
other machines. `$BUILDPLATFORM` or no flag at all is almost always meant.

hadolint's DL3029 flags every `--platform`, variables included; this rule
follows BuildKit and accepts `--platform=$BUILDPLATFORM`, the recommended
cross-compilation pattern.

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.23 AS build
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
```

## References
- BuildKit check `FromPlatformFlagConstDisallowed`; hadolint `DL3029` (broader)
"#;

const OSES: [&str; 6] = ["linux", "windows", "darwin", "freebsd", "wasip1", "js"];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (instruction, _) in super::froms(ctx) {
        let Some(flag) = instruction.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or_default();
        if value.contains('$') || value.is_empty() {
            continue;
        }
        let parts: Vec<&str> = value.split('/').collect();
        let (os, arch) = match parts[..] {
            [single] if OSES.contains(&single) => (single, ""),
            [single] => ("linux", single),
            [os, arch, ..] => (os, arch),
            _ => continue,
        };
        let stage = match &instruction.command {
            Command::From {
                stage_name: Some(name),
                ..
            } => name.value.to_lowercase(),
            _ => String::new(),
        };
        if (!os.is_empty() && stage.contains(os)) || (!arch.is_empty() && stage.contains(arch)) {
            continue;
        }
        out.push(Finding::new(
            flag.span,
            format!(
                "FROM --platform flag should not use constant value {}",
                go::quote(value)
            ),
        ));
    }
}
