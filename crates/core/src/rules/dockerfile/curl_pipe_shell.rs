use crate::diagnostic::Severity;
use crate::dockerfile::sh::Connector;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DW1001",
        aliases: &[],
        summary: "Do not pipe a download straight into a shell",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `curl …` or `wget -O- …` piped into `sh`, `bash` or another shell
 (also `sudo sh`), without a checksum or signature step in the same pipeline.

## Why is this bad?
The shell runs whatever the server sends at build time: a compromised or
 changed script, or a download cut off halfway, goes straight into the image
 with no record of what ran.

## Example
```dockerfile
RUN curl -fsSL https://example.com/install.sh | sh
```

## Use instead
```dockerfile
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
```

## References
- Dockwright; no equivalent in hadolint or BuildKit
"#;

const SHELLS: [&str; 7] = ["sh", "bash", "ash", "dash", "zsh", "ksh", "python3"];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for pair in run.commands.windows(2) {
            let (from, to) = (&pair[0], &pair[1]);
            let downloads = matches!(from.program(), Some("curl" | "wget"));
            let shell = match to.program() {
                Some("sudo") => to
                    .args()
                    .first()
                    .map(|w| w.value.rsplit('/').next().unwrap_or_default().to_string()),
                other => other.map(str::to_string),
            };
            if to.connector == Connector::Pipe
                && downloads
                && shell.is_some_and(|s| SHELLS.contains(&s.as_str()))
            {
                out.push(Finding::new(
                    from.span.cover(to.span),
                    "A download piped straight into a shell runs whatever the server sends; download to a file, verify its checksum or signature, then run it",
                ));
            }
        }
    }
}
