use super::packages::{cache_mounted, installed, manager, subcommand};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3032",
        aliases: &[],
        summary: "Clean yum's cache after installing",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
        docs: r#"## What it does
Flags a RUN that installs with `yum` without `yum clean all` in the same RUN, in stages that end up in an image; a RUN that keeps the cache in a `--mount=type=cache` is accepted.

## Why is this bad?
yum leaves its metadata and package cache behind, and the layer ships it.

## Example
```dockerfile
RUN yum install -y httpd
```

## Use instead
```dockerfile
RUN yum install -y httpd && yum clean all
```

## References
- hadolint `DL3032`
"#,
    },
    check,
};

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let shipped = super::shipped_stages(ctx);
    for run in &ctx.runs {
        let instruction = ctx.instruction(run);
        let in_shipped = ctx
            .dockerfile
            .stages
            .iter()
            .enumerate()
            .any(|(i, s)| shipped[i] && s.instructions.contains(&run.instruction));
        if !in_shipped
            || ["/var/cache/yum"]
                .iter()
                .any(|p| cache_mounted(instruction, p))
        {
            continue;
        }
        let ours =
            |c: &&crate::dockerfile::sh::SimpleCommand| manager(c).is_some_and(|(m, _)| m == "yum");
        let cleans = run.commands.iter().filter(ours).any(|c| {
            manager(c)
                .and_then(|(m, skip)| subcommand(c, m, skip))
                .is_some_and(|(sub, _)| sub == "clean")
        });
        if cleans {
            continue;
        }
        for command in run.commands.iter().filter(ours) {
            if installed(command).is_some() {
                out.push(Finding::new(
                    command.span,
                    "`yum clean all` missing after yum command.",
                ));
            }
        }
    }
}
