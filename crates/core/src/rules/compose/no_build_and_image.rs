use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-build-and-image",
        aliases: &[],
        summary: "A service builds or pulls its image, not both (without pull_policy)",
        severity: Severity::Info,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a service with both `build` and `image` and no `pull_policy`, as dclint does with
its default `checkPullPolicy`.

An error in dclint; information here: Compose does accept both (it builds, then tags the
result with `image`), so the question is only whether pulling or building wins.

## Why is this bad?
With both keys and no `pull_policy`, `docker compose up` pulls `image` when the registry
has it and builds only when it does not: the running code may not be the code in the
directory.

## Example
```yaml
services:
  api:
    build: .
    image: ghcr.io/acme/api:1.4
```

## Use instead
```yaml
services:
  api:
    build: .
    image: ghcr.io/acme/api:1.4
    pull_policy: build
```

## References
- dclint `no-build-and-image`
- Compose file reference, pull_policy: https://docs.docker.com/reference/compose-file/services/#pull_policy
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let node = &entry.value;
        if let (Some(build), Some(_), None) = (
            node.entry("build"),
            node.get("image"),
            node.get("pull_policy"),
        ) {
            out.push(Finding::new(
                build.key.span,
                format!("Service \"{service}\" is using both \"build\" and \"image\". Use either \"build\" or \"image\", or say which wins with pull_policy."),
            ));
        }
    }
}
