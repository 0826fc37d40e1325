use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DW1002",
        aliases: &[],
        summary: "npm --only=production is deprecated; use --omit=dev",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `npm ci`/`npm install` with `--only=production`, `--only=prod` or `--production`.

Quick fix: writes `--omit=dev`.

## Why is this bad?
npm 7 deprecated these flags and npm 9 ignores `--only`: dev dependencies get installed into the production image without a word.

## Example
```dockerfile
RUN npm ci --only=production
```

## Use instead
```dockerfile
RUN npm ci --omit=dev
```

## References
- Dockwright
- https://docs.npmjs.com/cli/commands/npm-ci#omit
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() != Some("npm") {
                continue;
            }
            let is_install = command
                .operands()
                .next()
                .is_some_and(|w| matches!(w.value.as_str(), "ci" | "install" | "i"));
            if !is_install {
                continue;
            }
            for word in command.args() {
                let v = word.value.as_str();
                if matches!(
                    v,
                    "--only=production" | "--only=prod" | "--production" | "--production=true"
                ) {
                    let finding = Finding::new(
                        word.span,
                        format!("`{v}` is deprecated and ignored by current npm; use `--omit=dev`"),
                    );
                    // In exec form the word is inside a JSON string, where
                    // the plain replacement is just as right.
                    let written = &ctx.text[word.span.start..word.span.end] == v;
                    out.push(if written {
                        finding.with_fix(Fix::new(
                            "Use `--omit=dev`",
                            vec![Edit::replace(word.span, "--omit=dev")],
                        ))
                    } else {
                        finding
                    });
                }
            }
        }
    }
}
