use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "require-project-name-field",
        aliases: &[],
        summary: "The file names its project with a top-level `name`",
        severity: Severity::Info,
        origin: Origin::Dclint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a compose file without a top-level `name`. Off by default (most files rely on the
directory name, and an override file must not repeat it): switch it on with
`# dclint enable require-project-name-field` or a severity in the settings.

## Why is this bad?
Without `name`, the project (and its containers, networks and volumes) is named after
the directory: a clone in another directory starts a second, separate stack.

## Example
```yaml
services:
  web:
    image: nginx:1.27
```

## Use instead
```yaml
name: shop
services:
  web:
    image: nginx:1.27
```

## References
- dclint `require-project-name-field`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    if ctx.root.get("name").is_none() {
        let at = ctx
            .root
            .entries()
            .first()
            .map_or(ctx.root.span, |e| e.key.span);
        out.push(Finding::new(
            at,
            "The \"name\" field should be specified at the root of the Docker Compose file.",
        ));
    }
}
