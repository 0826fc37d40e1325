//! The command line, declared for clap: every subcommand's options with the
//! help text `--help` prints. Parsing errors (an unknown option, a missing
//! value, a mistyped command, with clap's "did you mean") exit with status 2.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dockwright_core::{FileKind, Severity};

use crate::output::Format;

#[derive(Parser)]
#[command(
    name = "dockwright",
    version,
    about = "Lints, fixes and formats Dockerfiles and Docker Compose files, alone or as a project.",
    after_help = "Exit status: 0 no errors, 1 errors found (or files to format), 2 usage or IO error.",
    propagate_version = true,
    // A later option replaces an earlier one, so that a wrapper's defaults
    // (a pre-commit hook's entry) can be overridden by arguments after them.
    args_override_self = true,
    max_term_width = 100
)]
pub struct Cli {
    /// When to colour the output: auto follows the terminal and NO_COLOR.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint Dockerfiles and compose files; a directory is linted as a project.
    #[command(long_about = LINT_ABOUT)]
    Lint(LintArgs),
    /// Apply the safe quick fixes in place (or show them with --dry-run).
    Fix(FixArgs),
    /// Format Dockerfiles and compose files without changing what they build or run.
    #[command(long_about = FMT_ABOUT)]
    Fmt(FmtArgs),
    /// Print the model Docker Compose will run, as `docker compose config` does.
    #[command(long_about = CONFIG_ABOUT)]
    Config(ConfigArgs),
    /// The catalogue of proven setups: list, show, render.
    #[command(subcommand)]
    Pattern(PatternCommand),
    /// List the rules, or print one rule's docs.
    Rules(RulesArgs),
    /// Print how BuildKit reads a Dockerfile.
    Parse(ParseArgs),
    /// Run the language server (LSP 3.17 over standard input and output).
    #[command(long_about = LSP_ABOUT)]
    Lsp(LspArgs),
    /// Print a shell completion script (source it from your shell's startup file).
    Completions(CompletionsArgs),
    /// Install dockwright as a Docker CLI plugin, so that `docker lint …` runs `dockwright lint …`.
    DockerPlugin(DockerPluginArgs),
    /// Docker's plugin metadata call (what `docker` asks a plugin before listing it).
    #[command(name = "docker-cli-plugin-metadata", hide = true)]
    DockerCliPluginMetadata,
}

const LINT_ABOUT: &str = "\
Lint Dockerfiles and compose files; - reads standard input (a Dockerfile, or what --kind says).

A directory is linted as a project: its Dockerfiles, compose files (compose.yaml merged with \
compose.override.yaml, as Docker Compose does) and .dockerignore files, with the checks across \
them. A Dockerfile named alone is checked against the .dockerignore beside it; a compose file \
named alone is interpolated with the .env beside it.

Variables in compose files are interpolated as Docker Compose does when the project has its \
.env (or --env-file names env files, read in order): the shell's variables first, then the \
files'; an unset variable is a warning and becomes blank, a required one is an error. Without \
an env file, variables are left undecided.";

const FMT_ABOUT: &str = "\
Format Dockerfiles and compose files in place, in one style, without changing what they build \
or run.

Dockerfiles: keywords upper-cased, one space between keyword, flags and arguments, continuation \
lines indented by the settings file's continuation-indent (else the .editorconfig's, else 4 \
spaces), exec form as [\"a\", \"b\"], one blank line before each stage, no trailing spaces; \
heredoc bodies and quoted strings are never touched. Compose files: two spaces a level, \
sequences indented under their key, one space after - and :; scalars, quotes, comments, \
anchors and key order are kept. A file with a syntax error is left unchanged, with the reason \
(exit 1).";

const CONFIG_ABOUT: &str = "\
Print the model Docker Compose will run for the project in DIR (default: here), as `docker \
compose config` prints it: the compose files merged, include and extends applied, variables \
interpolated (the shell's, then .env or each --env-file), short syntax expanded, services of \
inactive profiles left out. When Docker Compose would refuse the files, prints why and exits 1.";

const LSP_ABOUT: &str = "\
Run the language server (LSP 3.17 over standard input and output): diagnostics as documents \
change, quick fixes and ignore actions, formatting, completion, hover, go to definition, \
references, rename and the outline, for Dockerfiles and compose files; settings from the \
workspace root's dockwright.yaml or .hadolint.yaml.";

#[derive(Args)]
pub struct LintArgs {
    /// Files or directories to lint; - for standard input.
    #[arg(value_name = "PATH", required_unless_present = "compose_files")]
    pub paths: Vec<PathBuf>,
    /// Output format (text is for people; concise is one line per finding).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The lowest severity that makes the exit status 1 (default: error, or the settings file's).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub failure_threshold: Option<Threshold>,
    /// Leave out a rule, by code or alias (repeatable).
    #[arg(long, value_name = "CODE")]
    pub ignore: Vec<String>,
    /// The settings file (else .dockwright.yaml, dockwright.yaml or .hadolint.yaml here, then hadolint's user config).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What standard input and the named files are (else guessed from their names).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Compose files to merge, in order, as `docker compose -f` (their directory is linted as a project).
    #[arg(short = 'f', long = "file", value_name = "COMPOSE_FILE")]
    pub compose_files: Vec<PathBuf>,
    /// Activate a compose profile (else COMPOSE_PROFILES).
    #[arg(long, value_name = "NAME")]
    pub profile: Vec<String>,
    /// Env files interpolation reads, in order (else the project's .env).
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
}

#[derive(Args)]
pub struct FixArgs {
    /// Files or directories (a directory: its Dockerfiles and compose files).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing; print the changes as a unified diff.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep only the fixes of this rule, by code or alias (repeatable).
    #[arg(long, value_name = "CODE")]
    pub only: Vec<String>,
    /// The settings file (found as for lint when not given).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What the named files are (else guessed from their names).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
}

#[derive(Args)]
pub struct FmtArgs {
    /// Dockerfiles and compose files; - formats standard input to standard output.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Change nothing; list the files that would change and exit 1 if any.
    #[arg(long)]
    pub check: bool,
    /// Change nothing; print the changes as a unified diff (exit 1 if any).
    #[arg(long)]
    pub diff: bool,
    /// The settings file (its continuation-indent; found as for lint when not given).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What standard input is (default: a Dockerfile).
    #[arg(long, value_enum, default_value_t = Kind::Dockerfile)]
    pub kind: Kind,
}

#[derive(Args)]
pub struct ConfigArgs {
    /// The project's directory (default: the first -f file's, else here).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ConfigFormat::Yaml)]
    pub format: ConfigFormat,
    /// Compose files to merge, in order.
    #[arg(short = 'f', long = "file", value_name = "COMPOSE_FILE")]
    pub compose_files: Vec<PathBuf>,
    /// Env files to read, in order (else the project's .env).
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Activate a profile (else COMPOSE_PROFILES).
    #[arg(long, value_name = "NAME")]
    pub profile: Vec<String>,
    /// The project name (else COMPOSE_PROJECT_NAME, the file's name:, the directory's name).
    #[arg(short = 'p', long, value_name = "NAME")]
    pub project_name: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ConfigFormat {
    Yaml,
    Json,
}

#[derive(Subcommand)]
pub enum PatternCommand {
    /// Print the catalogue.
    List,
    /// Print a pattern's purpose, parameters and files with their line notes.
    Show {
        /// The pattern (see `dockwright pattern list`).
        name: String,
    },
    /// Write a pattern's files under a directory.
    Render {
        /// The pattern (see `dockwright pattern list`).
        name: String,
        /// Set a parameter (repeatable; `pattern show NAME` lists them).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Where to write the files.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Write every combination of every pattern under DIR/PATTERN/N/, to check them with other tools.
    Matrix {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct RulesArgs {
    /// A rule's code or alias: print its docs.
    #[arg(conflicts_with_all = ["ids", "json"])]
    pub code: Option<String>,
    /// Print every code and alias, one per line.
    #[arg(long, conflicts_with = "json")]
    pub ids: bool,
    /// Print every rule with its docs as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ParseArgs {
    /// BuildKit's AST dump (the default).
    #[arg(long, conflicts_with_all = ["reading", "lines", "shell"])]
    pub dump: bool,
    /// All BuildKit reads of each instruction, as JSON lines.
    #[arg(long, conflicts_with_all = ["lines", "shell"])]
    pub reading: bool,
    /// Each instruction's first and last line.
    #[arg(long, conflicts_with = "shell")]
    pub lines: bool,
    /// Each shell script the shell checks read, as JSON lines.
    #[arg(long)]
    pub shell: bool,
    /// The Dockerfile.
    pub file: PathBuf,
}

#[derive(Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted for editors that pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args)]
pub struct DockerPluginArgs {
    /// Where Docker looks for plugins (default: ~/.docker/cli-plugins, or $DOCKER_CONFIG/cli-plugins).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Replace a plugin already there.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Dockerfile,
    Compose,
}

impl From<Kind> for FileKind {
    fn from(kind: Kind) -> FileKind {
        match kind {
            Kind::Dockerfile => FileKind::Dockerfile,
            Kind::Compose => FileKind::Compose,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    None,
}

impl Threshold {
    /// The lowest severity that fails, `None` for "never fail".
    pub fn severity(self) -> Option<Severity> {
        match self {
            Threshold::Error => Some(Severity::Error),
            Threshold::Warning => Some(Severity::Warning),
            Threshold::Info => Some(Severity::Info),
            Threshold::Style => Some(Severity::Style),
            Threshold::None => None,
        }
    }
}
