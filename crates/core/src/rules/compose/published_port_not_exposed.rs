use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::yaml::Node;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "published-port-not-exposed",
        aliases: &[],
        summary: "Published container ports are ones the image EXPOSEs",
        severity: Severity::Info,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When the project's files are linted together, compares a built service's `ports` with
the `EXPOSE` instructions of the stage it builds (and the stages that stage builds
FROM). When the Dockerfile exposes ports but not the one published, the port is
flagged. A Dockerfile without EXPOSE, or one whose EXPOSE uses a variable, is not
judged.

## Why is this bad?
EXPOSE documents the port the program listens on; publishing another one usually means
one of the two is out of date, and the published port leads nowhere ("connection reset
by peer").

## Example
```yaml
services:
  web:
    build: .          # the Dockerfile says EXPOSE 3000
    ports:
      - "127.0.0.1:8080:80"
```

## Use instead
```yaml
services:
  web:
    build: .
    ports:
      - "127.0.0.1:8080:3000"
```

## References
- Dockerfile reference, EXPOSE: https://docs.docker.com/reference/dockerfile/#expose
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let Some(project) = ctx.project else { return };
    for (service, entry) in ctx.services() {
        let Some(dockerfile) = project.build_of(service).and_then(|b| b.dockerfile) else {
            continue;
        };
        let target = entry
            .value
            .get("build")
            .and_then(|b| b.get("target"))
            .and_then(Node::as_str);
        let facts = crate::project::image_facts(dockerfile, target);
        let Some(exposed) = facts.exposed.filter(|e| !e.is_empty()) else {
            continue;
        };
        for port in super::ports::published(&entry.value)
            .into_iter()
            .filter(|p| !p.interpolated)
        {
            let (low, high) = port.target;
            let covered = exposed.iter().any(|&(a, b)| a <= low && high <= b);
            if !covered {
                let list: Vec<String> = exposed
                    .iter()
                    .map(|&(a, b)| {
                        if a == b {
                            a.to_string()
                        } else {
                            format!("{a}-{b}")
                        }
                    })
                    .collect();
                out.push(Finding::new(
                    port.node.span,
                    format!("service \"{service}\" publishes container port {low} but its Dockerfile EXPOSEs {}: is one of them out of date?", list.join(", ")),
                ));
            }
        }
    }
}
