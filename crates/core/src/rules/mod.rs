//! The rule engine: a registry of rules, each in its own file with its docs,
//! its ids in other tools, its default severity and its check.
//!
//! A rule reports `Finding`s (span and message); the engine gives them the
//! rule's code, aliases and severity, then applies pragmas and settings.

pub mod compose;
pub mod compose_pragmas;
pub mod dockerfile;
pub mod pragmas;
pub mod registry;
pub mod settings;
pub mod shell_scripts;

pub use settings::{LabelType, Settings, SettingsError};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dockerfile::sh::{self, Connector, ShWord, SimpleCommand};
use crate::dockerfile::{Command, Dockerfile, Instruction};
use crate::fix::Fix;
use crate::span::Span;

/// Where a rule's behaviour comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    BuildKit,
    Hadolint,
    /// Docker Compose's own checks (compose-go).
    Compose,
    Dclint,
    /// ShellCheck's checks of the shell scripts (run by hadolint on RUN).
    ShellCheck,
    Dockwright,
}

/// A rule's identity and documentation.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// hadolint's id where hadolint has the rule, else BuildKit's name, else ours.
    pub code: &'static str,
    /// The same rule's ids in the other tools.
    pub aliases: &'static [&'static str],
    /// One line: what the rule wants.
    pub summary: &'static str,
    pub severity: Severity,
    pub origin: Origin,
    /// Off unless enabled in the settings.
    pub off_by_default: bool,
}

impl RuleMeta {
    /// Whether `id` is this rule's code or one of its aliases (any case).
    pub fn is_named(&self, id: &str) -> bool {
        self.code.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }
}

/// What a rule reports: where, and what to say.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Finding {
        Finding {
            span,
            message: message.into(),
            fix: None,
        }
    }

    /// Attaches a quick fix (see `crate::fix`).
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }
}

/// Everything a Dockerfile rule may look at.
pub struct DockerfileContext<'a> {
    pub text: &'a str,
    pub dockerfile: &'a Dockerfile,
    pub settings: &'a Settings,
    /// The build context, when the Dockerfile is linted as part of a project.
    pub build: Option<&'a crate::project::BuildContext>,
    /// The commands of every RUN, read once for all rules.
    pub runs: Vec<RunCommands>,
    /// Indices of `dockerfile.expansions.words`, sorted by span, so that
    /// rules find a word's expansion without a scan each time.
    expansion_index: Vec<usize>,
    /// (lower-cased stage name, index of its FROM), sorted: stage lookups
    /// by name without a scan of every stage.
    stage_names: Vec<(&'a str, usize)>,
    /// Whether each stage ends up in an image (the last one and the stages
    /// it is built `FROM`), worked out once.
    shipped: Vec<bool>,
    /// The stage of each instruction (`None` before the first FROM).
    stage_of: Vec<Option<usize>>,
    /// For each stage, the earlier stage it is built FROM.
    base_stage: Vec<Option<usize>>,
    /// The shell scripts and what ShellCheck is told about them, worked out
    /// on first use (only the shell checks read them).
    shell_runs: std::cell::OnceCell<Vec<shell_scripts::ShellRun<'a>>>,
}

/// For each stage, the earlier stage it is built `FROM` (the last one of
/// that name before it), in one pass.
fn base_stages(dockerfile: &Dockerfile) -> Vec<Option<usize>> {
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(dockerfile.stages.len());
    for (i, stage) in dockerfile.stages.iter().enumerate() {
        out.push(by_name.get(stage.base.to_lowercase().as_str()).copied());
        if let Some(name) = stage.name.as_deref() {
            by_name.insert(name, i);
        }
    }
    out
}

/// Which stages end up in an image: the last one, and every stage another
/// shipped stage builds `FROM`.
fn shipped_stages(dockerfile: &Dockerfile, base: &[Option<usize>]) -> Vec<bool> {
    let mut shipped = vec![false; dockerfile.stages.len()];
    let mut current = dockerfile.stages.len().checked_sub(1);
    while let Some(i) = current {
        if shipped[i] {
            break;
        }
        shipped[i] = true;
        current = base[i];
    }
    shipped
}

/// The shell commands one RUN instruction executes.
pub struct RunCommands {
    /// Index in `Dockerfile::instructions` (of the ONBUILD, for a trigger).
    pub instruction: usize,
    /// An `ONBUILD RUN`: it runs in the images built FROM this one.
    pub onbuild: bool,
    pub commands: Vec<SimpleCommand>,
}

impl<'a> DockerfileContext<'a> {
    pub fn new(text: &'a str, dockerfile: &'a Dockerfile, settings: &'a Settings) -> Self {
        // RUNs, and RUNs triggered by ONBUILD, which hadolint checks alike.
        let runs = dockerfile
            .instructions
            .iter()
            .enumerate()
            .filter_map(|(index, instruction)| {
                let (run, onbuild) = match &instruction.command {
                    Command::Run { .. } => (instruction, false),
                    Command::Onbuild {
                        trigger: Some(trigger),
                    } if matches!(trigger.command, Command::Run { .. }) => (&**trigger, true),
                    _ => return None,
                };
                Some(RunCommands {
                    instruction: index,
                    onbuild,
                    commands: run_commands(text, dockerfile, run),
                })
            })
            .collect();
        let base_stage = base_stages(dockerfile);
        DockerfileContext {
            text,
            dockerfile,
            settings,
            build: None,
            runs,
            expansion_index: {
                let words = &dockerfile.expansions.words;
                let mut index: Vec<usize> = (0..words.len()).collect();
                crate::sort::sort_by_key(&mut index, |&i| (words[i].span.start, words[i].span.end));
                index
            },
            stage_names: {
                let mut names: Vec<(&str, usize)> = dockerfile
                    .stages
                    .iter()
                    .filter_map(|s| Some((s.name.as_deref()?, s.from)))
                    .collect();
                crate::sort::sort(&mut names);
                names
            },
            shipped: shipped_stages(dockerfile, &base_stage),
            shell_runs: std::cell::OnceCell::new(),
            base_stage,
            stage_of: {
                let mut stage_of = vec![None; dockerfile.instructions.len()];
                for (i, stage) in dockerfile.stages.iter().enumerate() {
                    for &index in std::iter::once(&stage.from).chain(&stage.instructions) {
                        if let Some(slot) = stage_of.get_mut(index) {
                            *slot = Some(i);
                        }
                    }
                }
                stage_of
            },
        }
    }

    /// Whether instruction `index` belongs to a stage that ends up in an
    /// image.
    pub fn in_shipped_stage(&self, index: usize) -> bool {
        self.stage_of
            .get(index)
            .copied()
            .flatten()
            .is_some_and(|stage| self.shipped[stage])
    }

    /// Every instruction with its index, then every ONBUILD trigger (with
    /// the index of its ONBUILD): the rules that hadolint also applies to
    /// triggers read this.
    pub fn instructions_and_triggers(&self) -> impl Iterator<Item = (usize, &'a Instruction)> {
        let all = &self.dockerfile.instructions;
        all.iter()
            .enumerate()
            .chain(
                all.iter()
                    .enumerate()
                    .filter_map(|(i, ins)| match &ins.command {
                        Command::Onbuild { trigger: Some(t) } => Some((i, &**t)),
                        _ => None,
                    }),
            )
    }

    /// The earlier stage that stage `stage` is built `FROM`, if any.
    pub fn base_stage(&self, stage: usize) -> Option<usize> {
        self.base_stage.get(stage).copied().flatten()
    }

    /// The stage instruction `index` belongs to (`None` for a global ARG).
    pub fn stage_index(&self, index: usize) -> Option<usize> {
        self.stage_of.get(index).copied().flatten()
    }

    /// Whether an ARG or ENV named `name` is in scope at instruction
    /// `index`: declared earlier in its stage, or in the stages it is built
    /// `FROM` (global ARGs count only once declared in the stage, as in
    /// BuildKit).
    pub fn declared_before(&self, index: usize, name: &str) -> bool {
        let stages = &self.dockerfile.stages;
        let mut current = self.stage_of.get(index).copied().flatten();
        let mut limit = index;
        while let Some(stage_index) = current {
            let stage = &stages[stage_index];
            let declares = stage
                .instructions
                .iter()
                .take_while(|&&i| i < limit)
                .any(|&i| match &self.dockerfile.instructions[i].command {
                    Command::Arg { args } => args.iter().any(|a| a.name.value == name),
                    Command::Env { pairs } => pairs.iter().any(|p| p.key.value == name),
                    _ => false,
                });
            // In a snippet without FROM, the ARGs above it count.
            let global = stage.implicit
                && self.dockerfile.instructions[..index.min(self.dockerfile.instructions.len())]
                    .iter()
                    .any(|i| matches!(&i.command, Command::Arg { args } if args.iter().any(|a| a.name.value == name)));
            if declares || global {
                return true;
            }
            current = self.base_stage(stage_index);
            limit = usize::MAX;
        }
        false
    }

    /// Whether a stage called `lower` (lower-cased) starts before
    /// instruction `index`.
    pub fn stage_named_before(&self, lower: &str, index: usize) -> bool {
        let first = self.stage_names.partition_point(|(name, _)| *name < lower);
        self.stage_names
            .get(first)
            .is_some_and(|(name, from)| *name == lower && *from < index)
    }

    /// The expansion of the word written at `span`, if BuildKit expands it.
    pub fn expansion(&self, span: Span) -> Option<&'a crate::dockerfile::scope::ExpandedWord> {
        let words = &self.dockerfile.expansions.words;
        let key = (span.start, span.end);
        let at = self
            .expansion_index
            .partition_point(|&i| (words[i].span.start, words[i].span.end) < key);
        self.expansion_index
            .get(at)
            .map(|&i| &words[i])
            .filter(|w| w.span == span)
    }

    /// Every shell script the Dockerfile runs, with its dialect and the
    /// variables set before it.
    pub fn shell_runs(&self) -> &[shell_scripts::ShellRun<'a>] {
        self.shell_runs
            .get_or_init(|| shell_scripts::shell_runs(self))
    }

    /// The commands of the RUN at instruction `index` (runs are in order).
    pub fn run_of(&self, index: usize) -> Option<&RunCommands> {
        self.runs
            .binary_search_by_key(&index, |r| r.instruction)
            .ok()
            .map(|i| &self.runs[i])
    }

    /// The RUN instruction itself (the trigger, for `ONBUILD RUN`).
    pub fn instruction(&self, run: &RunCommands) -> &'a Instruction {
        let instruction = &self.dockerfile.instructions[run.instruction];
        match &instruction.command {
            Command::Onbuild {
                trigger: Some(trigger),
            } => trigger,
            _ => instruction,
        }
    }
}

const SHELLS: [&str; 6] = ["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// Shell form: the command text; a heredoc script run by the shell (no
/// command, or a shell as the command, and no foreign `#!` line); exec form:
/// one command made of the array.
fn run_commands(
    text: &str,
    dockerfile: &Dockerfile,
    instruction: &Instruction,
) -> Vec<SimpleCommand> {
    let Command::Run { args, json, .. } = &instruction.command else {
        return Vec::new();
    };
    if *json {
        let words: Vec<ShWord> = args
            .iter()
            .map(|a| ShWord {
                value: a.value.clone(),
                span: a.span,
                has_expansion: false,
            })
            .collect();
        let Some(first) = words.first() else {
            return Vec::new();
        };
        let span = first.span.cover(words[words.len() - 1].span);
        return vec![SimpleCommand {
            assignments: Vec::new(),
            words,
            connector: Connector::Sequence,
            in_subshell: false,
            span,
        }];
    }
    let Some(command_text) = args.first() else {
        return Vec::new();
    };
    let mut commands = sh::parse(text, command_text.span, dockerfile.escape);
    let node = &dockerfile.nodes[instruction.node];
    let runs_script = commands.is_empty()
        || commands
            .iter()
            .all(|c| c.program().is_some_and(|p| SHELLS.contains(&p)));
    for heredoc in &node.heredocs {
        let foreign = heredoc.content.starts_with("#!")
            && !SHELLS.iter().any(|s| {
                heredoc
                    .content
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .ends_with(s)
            });
        if runs_script && !foreign {
            let body = crate::span::Span::new(
                heredoc.span.start,
                heredoc.span.start + heredoc.content.len(),
            );
            commands.extend(sh::parse(text, body, '\\'));
        }
    }
    commands
}

pub struct DockerfileRule {
    pub meta: RuleMeta,
    pub check: fn(&DockerfileContext, &mut Vec<Finding>),
}

impl DockerfileRule {
    /// Whether `id` names this rule (its code or an alias), as pragmas and
    /// settings may use either.
    pub fn is_named(&self, id: &str) -> bool {
        self.meta.code.eq_ignore_ascii_case(id)
            || self.meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }

    /// BuildKit's name for the rule, if BuildKit has it.
    pub fn buildkit_name(&self) -> Option<&'static str> {
        if self.meta.origin == Origin::BuildKit && !self.meta.code.starts_with("DL") {
            return Some(self.meta.code);
        }
        self.meta.aliases.iter().copied().find(|a| {
            a.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !a.starts_with("DL")
        })
    }
}

/// Runs every enabled Dockerfile rule, then applies the file's pragmas and
/// the settings (settings win over pragmas for severities).
pub fn check_dockerfile(
    text: &str,
    dockerfile: &Dockerfile,
    settings: &Settings,
) -> Vec<Diagnostic> {
    check_dockerfile_in(text, dockerfile, settings, None)
}

/// The Dockerfile rules, with the build context when it is known.
pub fn check_dockerfile_in(
    text: &str,
    dockerfile: &Dockerfile,
    settings: &Settings,
    build: Option<&crate::project::BuildContext>,
) -> Vec<Diagnostic> {
    let mut context = DockerfileContext::new(text, dockerfile, settings);
    context.build = build;
    let pragmas = pragmas::Pragmas::read(dockerfile, !settings.disable_ignore_pragma);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for rule in registry::DOCKERFILE_RULES {
        let named = |id: &str| rule.is_named(id);
        // A rule that is off by default is switched on by giving it a
        // severity in the settings (as in hadolint), by BuildKit's
        // `# check=experimental=` directive, or, for DL3026, by naming
        // trusted registries.
        let switched_on = !rule.meta.off_by_default
            || settings.severity_override(named).is_some()
            || pragmas.enables(rule)
            || (rule.meta.code == "DL3026" && !settings.trusted_registries.is_empty());
        if !switched_on || settings.is_ignored(named) {
            continue;
        }
        findings.clear();
        (rule.check)(&context, &mut findings);
        for finding in findings.drain(..) {
            let span = finding.span.clamp_to(text);
            if pragmas.suppresses(rule, span.start) {
                continue;
            }
            out.push(Diagnostic {
                span,
                code: rule.meta.code,
                aliases: rule.meta.aliases,
                severity: settings
                    .severity_override(named)
                    .unwrap_or_else(|| pragmas.severity(rule)),
                message: finding.message,
                fix: finding.fix.filter(|f| f.is_valid_for(text)),
            });
        }
    }
    out
}

/// Everything a compose rule may look at.
pub struct ComposeContext<'a> {
    pub text: &'a str,
    /// The file's root mapping.
    pub root: &'a crate::yaml::Node,
    pub settings: &'a Settings,
    /// The rest of the project (Dockerfiles, listing), when linted as one.
    pub project: Option<&'a crate::project::ProjectView<'a>>,
}

impl<'a> ComposeContext<'a> {
    /// Whether two offsets lie in text written by the same file (merged
    /// override files are one text): layout rules compare only those.
    pub fn same_file(&self, a: usize, b: usize) -> bool {
        let Some(project) = self.project else {
            return true;
        };
        let file = |at: usize| project.file_starts.iter().rposition(|&s| s <= at);
        file(a) == file(b)
    }

    /// The services, by name, in file order.
    pub fn services(&self) -> impl Iterator<Item = (&'a str, &'a crate::yaml::Entry)> + 'a {
        let root: &'a crate::yaml::Node = self.root;
        root.get("services")
            .map(crate::yaml::Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|entry| Some((entry.key.as_str()?, entry)))
    }
}

pub struct ComposeRule {
    pub meta: RuleMeta,
    pub check: fn(&ComposeContext, &mut Vec<Finding>),
}

/// Runs the compose rules on a file whose YAML was read into `root`.
pub fn check_compose(text: &str, root: &crate::yaml::Node, settings: &Settings) -> Vec<Diagnostic> {
    check_compose_in(text, root, settings, None)
}

/// The compose rules, with the rest of the project when it is known.
pub fn check_compose_in<'a>(
    text: &'a str,
    root: &'a crate::yaml::Node,
    settings: &'a Settings,
    project: Option<&'a crate::project::ProjectView<'a>>,
) -> Vec<Diagnostic> {
    let context = ComposeContext {
        text,
        root,
        settings,
        project,
    };
    let pragmas = compose_pragmas::ComposePragmas::read(text, !settings.disable_ignore_pragma);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let mut reported = std::collections::HashSet::new();
    for rule in registry::COMPOSE_RULES {
        let named = |id: &str| rule.meta.is_named(id);
        let switched_on = !rule.meta.off_by_default
            || settings.severity_override(named).is_some()
            || pragmas.enables(&rule.meta);
        if !switched_on || settings.is_ignored(named) {
            continue;
        }
        findings.clear();
        reported.clear();
        (rule.check)(&context, &mut findings);
        for finding in findings.drain(..) {
            let span = finding.span.clamp_to(text);
            if pragmas.suppresses(&rule.meta, span.start) {
                continue;
            }
            // A value merged into several services (`<<: *defaults`) is
            // reported once, where it is written.
            if !reported.insert(span) {
                continue;
            }
            out.push(Diagnostic {
                span,
                code: rule.meta.code,
                aliases: rule.meta.aliases,
                severity: settings
                    .severity_override(named)
                    .unwrap_or(rule.meta.severity),
                message: finding.message,
                fix: finding.fix.filter(|f| f.is_valid_for(text)),
            });
        }
    }
    out
}
