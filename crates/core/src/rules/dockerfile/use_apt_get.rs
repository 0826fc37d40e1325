use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3027",
        aliases: &[],
        summary: "Use apt-get or apt-cache, not apt",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags commands run with `apt`.

Quick fix: writes `apt-get` for `apt` when apt-get has the same subcommand (install, update, upgrade, remove, purge, autoremove, clean, dist-upgrade); not for `apt search`, `apt list` or `apt full-upgrade`.

## Why is this bad?
`apt` is meant for people at a terminal: its output and behaviour may change between releases and it warns that it has no stable CLI.

## Example
```dockerfile
RUN apt install -y curl
```

## Use instead
```dockerfile
RUN apt-get install -y --no-install-recommends curl
```

## References
- hadolint `DL3027`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() == Some("apt") {
                let finding = Finding::new(
                    command.words[0].span,
                    "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
                );
                out.push(match apt_get_fix(ctx, run, command) {
                    Some(fix) => finding.with_fix(fix),
                    None => finding,
                });
            }
        }
    }
}

/// `apt` → `apt-get` where apt-get has the same subcommand (`apt search`,
/// `apt list` and `apt full-upgrade` have no apt-get twin, so no fix).
fn apt_get_fix(
    ctx: &DockerfileContext,
    run: &crate::rules::RunCommands,
    command: &crate::dockerfile::sh::SimpleCommand,
) -> Option<Fix> {
    let word = &command.words[0];
    let json = matches!(
        ctx.instruction(run).command,
        crate::dockerfile::Command::Run { json: true, .. }
    );
    let (sub, _) = super::packages::subcommand(command, "apt", 0)?;
    let same_in_apt_get = matches!(
        sub,
        "install"
            | "update"
            | "upgrade"
            | "remove"
            | "purge"
            | "autoremove"
            | "clean"
            | "dist-upgrade"
    );
    (word.value == "apt"
        && &ctx.text[word.span.start..word.span.end] == "apt"
        && !json
        && same_in_apt_get)
        .then(|| Fix::new("Use `apt-get`", vec![Edit::replace(word.span, "apt-get")]))
}
