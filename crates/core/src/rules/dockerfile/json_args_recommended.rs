use crate::diagnostic::Severity;
use crate::dockerfile::{Command, Keyword};
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3025",
        aliases: &["JSONArgsRecommended"],
        summary: "Use the JSON (exec) form for CMD and ENTRYPOINT",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `CMD` and `ENTRYPOINT` written in shell form, except in a stage that
sets its own `SHELL` or is built `FROM` a stage that does (as BuildKit).

## Differences from hadolint
hadolint's DL3025 also flags a shell-form `HEALTHCHECK CMD`. The rule is about
signals reaching the main process (PID 1); a health check is a short command
Docker runs beside it and waits for, so its shell form is harmless and is
not reported.

Quick fix: rewrites a command of plain words (no quotes, variables, globs, redirections or operators) as a JSON array: `CMD npm start` → `CMD ["npm", "start"]`. A command that needs the shell keeps its form.

## Why is this bad?
Shell form runs the command as a child of `/bin/sh -c`. The shell becomes
PID 1 and does not forward signals, so `docker stop` waits for its timeout
and then kills the process without a clean shutdown.

Like BuildKit (and unlike hadolint), the rule stays quiet in a stage that
changed its shell with `SHELL`: there, shell form is a deliberate choice.

## Example
```dockerfile
CMD node server.js
```

## Use instead
```dockerfile
CMD ["node", "server.js"]
```

## References
- hadolint `DL3025`; BuildKit check `JSONArgsRecommended`
"#;

fn instruction_args_text<'a>(
    ctx: &DockerfileContext<'a>,
    instruction: &crate::dockerfile::Instruction,
) -> &'a str {
    match &instruction.command {
        Command::Cmd { args, .. } | Command::Entrypoint { args, .. } => args
            .first()
            .map_or("", |a| &ctx.text[a.span.start..a.span.end]),
        _ => "",
    }
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // Per stage: whether it set a SHELL (a stage built FROM it inherits it).
    let mut stage_shell: Vec<bool> = Vec::new();
    for (stage_index, stage) in ctx.dockerfile.stages.iter().enumerate() {
        let mut shell_changed = ctx
            .base_stage(stage_index)
            .is_some_and(|parent| stage_shell[parent]);
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            let (name, json) = match &instruction.command {
                Command::Shell { .. } => {
                    shell_changed = true;
                    continue;
                }
                Command::Cmd { json, args } | Command::Entrypoint { json, args }
                    if !args.is_empty() =>
                {
                    (
                        if instruction.keyword == Keyword::Cmd {
                            "CMD"
                        } else {
                            "ENTRYPOINT"
                        },
                        *json,
                    )
                }
                _ => continue,
            };
            if json || shell_changed {
                continue;
            }
            let text = instruction_args_text(ctx, instruction);
            let message = if text.trim_start().starts_with('[') {
                // BuildKit's message alone would puzzle someone who believes
                // they wrote exec form.
                format!(
                    "{name} looks like exec form but is not a valid JSON array of strings (JSON needs double quotes, commas and a closing bracket), so it runs as shell form: JSON arguments recommended for {name} to prevent unintended behavior related to OS signals"
                )
            } else {
                format!("JSON arguments recommended for {name} to prevent unintended behavior related to OS signals")
            };
            let finding = Finding::new(instruction.span, message);
            out.push(match exec_form_fix(ctx, instruction, name) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
        }
        stage_shell.push(shell_changed);
    }
}

/// Shell form → exec form, only for a command of plain words: no quotes,
/// variables, globs, redirections or operators, whose meaning the shell
/// would change. `CMD npm start` → `CMD ["npm", "start"]`.
fn exec_form_fix(
    ctx: &DockerfileContext,
    instruction: &crate::dockerfile::Instruction,
    name: &str,
) -> Option<Fix> {
    let (Command::Cmd { args, .. } | Command::Entrypoint { args, .. }) = &instruction.command
    else {
        return None;
    };
    let span = args.first()?.span;
    let text = ctx.text.get(span.start..span.end)?;
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c);
    let words: Vec<&str> = text.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
    let simple = !words.is_empty()
        && words.iter().all(|w| w.chars().all(plain))
        && text.chars().all(|c| plain(c) || c == ' ' || c == '\t');
    if !simple {
        return None;
    }
    let json = words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Some(Fix::new(
        format!("Write {name} in exec form"),
        vec![Edit::replace(span, format!("[{json}]"))],
    ))
}
