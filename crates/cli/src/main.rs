//! `dockwright`: the command line (declared for clap in `args`), one module
//! per subcommand, and the output formats; the engine is `dockwright-core`.

mod args;
mod config;
mod fix;
mod fmt;
mod inspect;
mod lint;
mod lsp;
mod output;
mod pattern;
mod plugin;
mod project_dir;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use dockwright_core::Settings;

use args::{Cli, ColorWhen, Command};

fn main() -> ExitCode {
    let cli = match parse_arguments() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version end here too, with status 0.
            let _ = error.print();
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The command line; run as Docker's `docker-lint` plugin, help and errors
/// name `docker` as the program, as the user typed it.
fn parse_arguments() -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    let program = std::env::args_os()
        .next()
        .map(PathBuf::from)
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()));
    if program.as_deref() == Some(plugin::PROGRAM) {
        command = command.bin_name("docker");
    }
    let matches = command.try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Lint(args) => lint::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Config(args) => config::run(&args),
        Command::Pattern(command) => pattern::run(&command),
        Command::Rules(args) => inspect::rules(&args),
        Command::Parse(args) => inspect::parse(&args),
        Command::Lsp(_) => lsp::run(),
        Command::Completions(args) => {
            // Into memory first: clap_complete panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "dockwright", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::DockerPlugin(args) => plugin::install(&args),
        Command::DockerCliPluginMetadata => plugin::metadata(),
    }
}

pub(crate) enum Failure {
    Usage(String),
    Io(String),
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Io(error.to_string())
        }
    }
}

/// Names a config file gets, in the order they are looked for in the
/// current directory; then hadolint's user-wide locations.
const CONFIG_NAMES: [&str; 5] = [
    ".dockwright.yaml",
    "dockwright.yaml",
    ".hadolint.yaml",
    ".hadolint.yml",
    "hadolint.yaml",
];

fn find_config() -> Option<PathBuf> {
    let local = CONFIG_NAMES.iter().map(PathBuf::from);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let user = [
        xdg.map(|x| x.join("hadolint.yaml")),
        home.as_ref().map(|h| h.join(".hadolint/hadolint.yaml")),
        home.as_ref().map(|h| h.join(".hadolint.yaml")),
    ];
    local
        .chain(user.into_iter().flatten())
        .find(|p| p.is_file())
}

pub(crate) fn load_settings(explicit: Option<&Path>) -> Result<Settings, Failure> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(find_config) else {
        return Ok(Settings::default());
    };
    let text = read_text(&path)?;
    Settings::from_yaml(&text).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message))
            .collect();
        Failure::Io(format!("invalid config file\n{}", lines.join("\n")))
    })
}

pub(crate) fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::stdin(), &mut bytes)
        .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Active compose profiles, as `docker compose` takes them: `--profile`,
/// else `COMPOSE_PROFILES`.
fn active_profiles(given: &[String]) -> Vec<String> {
    if !given.is_empty() {
        return given.to_vec();
    }
    std::env::var("COMPOSE_PROFILES")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))?;
    // BuildKit reads bytes; invalid UTF-8 is shown as U+FFFD rather than refused.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
