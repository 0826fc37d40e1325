use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3020",
        aliases: &[],
        summary: "Use COPY instead of ADD for files and folders",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ADD` of local files or folders that are not archives. URLs, git sources, tar archives (which ADD extracts) and heredocs are left alone.

Quick fix: writes `COPY` when every source is local and no flag is ADD's own (`--checksum`, `--keep-git-dir`, `--unpack`).

## Why is this bad?
ADD has surprising powers (URL downloads, archive extraction); for plain files COPY says what happens and nothing more.

## Example
```dockerfile
ADD ./src /app/src
```

## Use instead
```dockerfile
COPY ./src /app/src
```

## References
- hadolint `DL3020`
"#;

const ARCHIVES: [&str; 13] = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz",
    ".bz2", ".xz", ".zst",
];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let Command::Add { sources, .. } = &instruction.command else {
            continue;
        };
        let first = out.len();
        for source in sources {
            let v = super::expanded_at(ctx, source.span)
                .unwrap_or(&source.value)
                .to_lowercase();
            let remote = v.contains("://") || v.starts_with("git@");
            let archive = ARCHIVES.iter().any(|ext| v.ends_with(ext));
            let heredoc = source.value.starts_with("<<");
            if !remote && !archive && !heredoc && !source.value.contains('$') {
                out.push(Finding::new(
                    source.span,
                    "Use COPY instead of ADD for files and folders",
                ));
            }
        }
        // When every source is local and no flag is ADD's own, the keyword
        // can change; the fix hangs on the first finding.
        let all_local = out.len() - first == sources.len();
        let copy_flags = instruction
            .flags
            .iter()
            .all(|f| matches!(f.name.as_str(), "chown" | "chmod" | "link" | "exclude"));
        let keyword = &ctx.dockerfile.nodes[instruction.node].keyword;
        if all_local && copy_flags && keyword.value.eq_ignore_ascii_case("add") {
            let copy = if keyword.value == "add" {
                "copy"
            } else {
                "COPY"
            };
            let fix = Fix::new("Use COPY", vec![Edit::replace(keyword.span, copy)]);
            if let Some(finding) = out.get_mut(first) {
                finding.fix = Some(fix);
            }
        }
    }
}
