use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3046",
        aliases: &[],
        summary: "useradd with a high UID needs -l",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `useradd -u <uid>` with a UID above 99999 and without `-l`/`--no-log-init`.

## Why is this bad?
useradd records the user in the sparse files `/var/log/lastlog` and `faillog`; with a large UID they grow to gigabytes in the layer.

## Example
```dockerfile
RUN useradd -u 123456 app
```

## Use instead
```dockerfile
RUN useradd -l -u 123456 app
```

## References
- hadolint `DL3046`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() != Some("useradd") || command.has_flag(&["-l", "--no-log-init"]) {
                continue;
            }
            let args = command.args();
            let uid = args
                .iter()
                .enumerate()
                .find_map(|(i, w)| match w.value.as_str() {
                    "-u" | "--uid" => args.get(i + 1).map(|v| v.value.as_str()),
                    v => v
                        .strip_prefix("--uid=")
                        .or_else(|| v.strip_prefix("-u").filter(|r| !r.is_empty())),
                });
            if uid
                .and_then(|u| u.parse::<u64>().ok())
                .is_some_and(|u| u > 99_999)
            {
                out.push(Finding::new(
                    command.span,
                    "useradd without flag -l and high UID will result in excessively large Image.",
                ));
            }
        }
    }
}
