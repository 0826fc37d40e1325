//! The shell scripts a Dockerfile runs, with what ShellCheck is told about
//! them when hadolint runs it: the shell dialect (the stage's SHELL, or a
//! heredoc's `#!` line) and the variables hadolint declares before each
//! script (`export NAME=1` for every ARG and ENV of the stage so far, and
//! the proxy variables Docker passes). The shell checks
//! (`rules/dockerfile/shell_*.rs`) read these; they are worked out once per lint.

use crate::dockerfile::script::Script;
use crate::dockerfile::{Command, Instruction};
use crate::rules::DockerfileContext;

/// Which shell runs a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `sh`, `dash`, `ash`: POSIX.
    Sh,
    /// `bash`, `ksh`, `zsh`: arrays, `[[ ]]`, `source`, `local` args as assignments.
    Bash,
}

/// One instruction's scripts.
pub struct ShellRun<'a> {
    /// Index in `Dockerfile::instructions` (of the ONBUILD, for a trigger).
    pub instruction: usize,
    pub dialect: Dialect,
    /// Variables set before the script runs (spaceless, as hadolint sets them).
    pub exported: Vec<&'a str>,
    /// The shell-form command, then the heredoc scripts the shell runs.
    pub scripts: Vec<(Script, Dialect)>,
}

/// The dialect of a SHELL instruction, or `None` for a shell that is not
/// POSIX (PowerShell, cmd): nothing is checked then.
fn dialect_of_shell(args: &[crate::dockerfile::Word]) -> Option<Dialect> {
    let program = args.first()?.value.as_str();
    let name = program.rsplit(['/', '\\']).next().unwrap_or(program);
    let name = name
        .strip_suffix(".exe")
        .unwrap_or(name)
        .to_ascii_lowercase();
    match name.as_str() {
        "sh" | "dash" | "ash" | "busybox" => Some(Dialect::Sh),
        "bash" | "ksh" | "mksh" | "zsh" => Some(Dialect::Bash),
        _ => None,
    }
}

/// A heredoc's own shell from its `#!` line: `Some(None)` for a program
/// that is not a shell (the body is not a shell script), `None` without one.
fn dialect_of_shebang(body: &str) -> Option<Option<Dialect>> {
    let first = body.lines().next()?.strip_prefix("#!")?;
    let mut words = first.split_whitespace();
    let mut program = words.next().unwrap_or_default();
    if program.ends_with("/env") {
        program = words.find(|w| !w.starts_with('-')).unwrap_or_default();
    }
    let name = program.rsplit('/').next().unwrap_or(program);
    Some(match name {
        "sh" | "dash" | "ash" => Some(Dialect::Sh),
        "bash" | "ksh" => Some(Dialect::Bash),
        _ => None,
    })
}

const SHELL_PROGRAMS: [&str; 6] = ["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// The scripts of one instruction that runs a shell: its shell-form command
/// and the heredoc bodies the shell runs.
fn scripts_of(
    ctx: &DockerfileContext,
    instruction: &Instruction,
    dialect: Dialect,
) -> Vec<(Script, Dialect)> {
    let (args, json) = match &instruction.command {
        Command::Run { args, json, .. }
        | Command::Cmd { args, json }
        | Command::Entrypoint { args, json } => (args.as_slice(), *json),
        Command::Healthcheck(health) => match &health.command {
            Some(command) => (command.as_slice(), health.json),
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let Some(command_text) = args.first().filter(|_| !json) else {
        return Vec::new();
    };
    let command = Script::of_command(ctx.text, command_text.span, ctx.dockerfile.escape);
    // Heredoc bodies are scripts when the command runs a shell (or is only
    // the heredoc): `RUN python3 <<EOF` feeds Python.
    let mut names = Vec::new();
    for item in &command.parsed.list.items {
        for pipeline in std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p)) {
            for command in &pipeline.commands {
                if let crate::shell::Command::Simple(simple) = command {
                    if !simple.words.is_empty() {
                        names.push(simple.name().unwrap_or_default());
                    }
                }
            }
        }
    }
    let runs_script = names.iter().all(|n| {
        let base = n.rsplit('/').next().unwrap_or(n);
        SHELL_PROGRAMS.contains(&base)
    });
    let mut scripts = vec![(command, dialect)];
    if matches!(instruction.command, Command::Run { .. }) && runs_script {
        let node = &ctx.dockerfile.nodes[instruction.node];
        for heredoc in &node.heredocs {
            let own = match dialect_of_shebang(&heredoc.content) {
                Some(Some(own)) => own,
                Some(None) => continue,
                None => dialect,
            };
            scripts.push((
                Script::of_heredoc(&heredoc.content, heredoc.span.start),
                own,
            ));
        }
    }
    scripts
}

/// Every instruction's scripts, in order, ONBUILD triggers included.
pub fn shell_runs<'a>(ctx: &DockerfileContext<'a>) -> Vec<ShellRun<'a>> {
    let dockerfile = ctx.dockerfile;
    let mut runs = Vec::new();
    // Per stage: its shell (inherited by the stages built FROM it) and the
    // ARG/ENV names it declared (likewise), as hadolint carries them.
    let mut stage_shell: Vec<Option<Dialect>> = Vec::new();
    let mut stage_names: Vec<Vec<&'a str>> = Vec::new();
    for (stage_index, stage) in dockerfile.stages.iter().enumerate() {
        let base = ctx.base_stage(stage_index);
        let mut shell = base.map_or(Some(Dialect::Sh), |b| stage_shell[b]);
        let mut exported: Vec<&'a str> = base.map_or_else(Vec::new, |b| stage_names[b].clone());
        let mut onbuild: Vec<&'a str> = Vec::new();
        for &index in &stage.instructions {
            let instruction = &dockerfile.instructions[index];
            match &instruction.command {
                Command::Shell { args } => shell = dialect_of_shell(args),
                Command::Arg { args } => {
                    exported.extend(args.iter().map(|a| a.name.value.as_str()))
                }
                Command::Env { pairs } => {
                    exported.extend(pairs.iter().map(|p| p.key.value.as_str()))
                }
                // The triggers run together in the child's build: an
                // `ONBUILD ARG` or `ONBUILD ENV` sets its variable for the
                // `ONBUILD RUN`s after it.
                Command::Onbuild {
                    trigger: Some(trigger),
                } => match &trigger.command {
                    Command::Arg { args } => {
                        onbuild.extend(args.iter().map(|a| a.name.value.as_str()))
                    }
                    Command::Env { pairs } => {
                        onbuild.extend(pairs.iter().map(|p| p.key.value.as_str()))
                    }
                    _ => {}
                },
                _ => {}
            }
            let Some(dialect) = shell else {
                continue;
            };
            let target = match &instruction.command {
                Command::Onbuild {
                    trigger: Some(trigger),
                } => &**trigger,
                _ => instruction,
            };
            let scripts = scripts_of(ctx, target, dialect);
            if scripts.is_empty() {
                continue;
            }
            // Docker passes the proxy variables to every RUN; hadolint
            // declares them too.
            let mut names: Vec<&'a str> = crate::dockerfile::scope::PROXY_ARGS.to_vec();
            names.extend(exported.iter().copied());
            if matches!(instruction.command, Command::Onbuild { .. }) {
                names.extend(onbuild.iter().copied());
            }
            runs.push(ShellRun {
                instruction: index,
                dialect,
                exported: names,
                scripts,
            });
        }
        stage_shell.push(shell);
        stage_names.push(exported);
    }
    runs
}
