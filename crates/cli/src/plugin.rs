//! dockwright as a Docker CLI plugin. Docker finds `docker-lint` in its
//! `cli-plugins` folder, asks it `docker-cli-plugin-metadata` before listing
//! it, and runs `docker lint ARGS` as `docker-lint lint ARGS`: the plugin's
//! name comes first, which is the `lint` subcommand here, so the same
//! binary serves as both.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::DockerPluginArgs;
use crate::Failure;

/// The plugin's command name under `docker`.
const PLUGIN: &str = "lint";
/// The plugin's file name (without `.exe`).
pub const PROGRAM: &str = "docker-lint";

/// What Docker's plugin manager reads (schema 0.1.0).
pub fn metadata() -> Result<ExitCode, Failure> {
    let metadata = serde_json::json!({
        "SchemaVersion": "0.1.0",
        "Vendor": "Dockwright",
        "Version": env!("CARGO_PKG_VERSION"),
        "ShortDescription": "Lint Dockerfiles and compose files with dockwright",
    });
    let mut out = std::io::stdout().lock();
    writeln!(out, "{metadata}")?;
    Ok(ExitCode::SUCCESS)
}

/// Where Docker looks for plugins: `$DOCKER_CONFIG/cli-plugins`, else
/// `~/.docker/cli-plugins`.
fn plugin_dir() -> Option<PathBuf> {
    if let Some(config) = std::env::var_os("DOCKER_CONFIG").filter(|c| !c.is_empty()) {
        return Some(PathBuf::from(config).join("cli-plugins"));
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    Some(PathBuf::from(home).join(".docker").join("cli-plugins"))
}

/// Copies this binary into Docker's plugin folder as `docker-lint`.
pub fn install(args: &DockerPluginArgs) -> Result<ExitCode, Failure> {
    let dir = match args.dir.clone().or_else(plugin_dir) {
        Some(dir) => dir,
        None => {
            return Err(Failure::Io(
                "cannot tell where Docker's plugins go (no HOME): name the folder with --dir"
                    .into(),
            ))
        }
    };
    let name = format!("{PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    let target = dir.join(name);
    if target.exists() && !args.force {
        return Err(Failure::Io(format!(
            "not overwriting {} (use --force to replace)",
            target.display()
        )));
    }
    let me = std::env::current_exe()
        .map_err(|e| Failure::Io(format!("cannot find this program's file: {e}")))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::Io(format!("cannot create {}: {e}", dir.display())))?;
    // Copy to a temporary name first: a running plugin may be replaced.
    let partial = dir.join(format!(".docker-{PLUGIN}.partial"));
    std::fs::copy(&me, &partial)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", partial.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o755)).map_err(
            |e| Failure::Io(format!("cannot make {} executable: {e}", partial.display())),
        )?;
    }
    std::fs::rename(&partial, &target)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", target.display())))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "installed {}\n`docker {PLUGIN} PATH…` now runs `dockwright lint PATH…`",
        target.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
