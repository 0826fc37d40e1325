//! What package-manager commands install, for the pinning and hygiene rules.

use crate::dockerfile::sh::{ShWord, SimpleCommand};
use crate::dockerfile::{Command, Instruction, MountType};

/// Options of each manager that take a value in the next word.
fn takes_value(manager: &str, option: &str) -> bool {
    let options: &[&str] = match manager {
        "apt-get" | "apt" => &[
            "-o",
            "--option",
            "-c",
            "--config-file",
            "-t",
            "--target-release",
            "--default-release",
        ],
        "apk" => &[
            "-t",
            "--virtual",
            "-X",
            "--repository",
            "-p",
            "--root",
            "--arch",
            "--keys-dir",
            "--cache-dir",
        ],
        "pip" => &[
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "-e",
            "--editable",
            "-t",
            "--target",
            "--prefix",
            "--root",
            "-i",
            "--index-url",
            "--extra-index-url",
            "-f",
            "--find-links",
            "--trusted-host",
            "--platform",
            "--python-version",
            "--implementation",
            "--abi",
            "--src",
            "--cache-dir",
            "--log",
            "--proxy",
            "--retries",
            "--timeout",
            "--exists-action",
            "--cert",
            "--client-cert",
            "--upgrade-strategy",
            "--progress-bar",
            "--report",
            "--only-binary",
            "--no-binary",
        ],
        "npm" => &[
            "--prefix",
            "--registry",
            "--cache",
            "-w",
            "--workspace",
            "--tag",
            "--omit",
            "--include",
        ],
        "gem" => &[
            "-v",
            "--version",
            "-i",
            "--install-dir",
            "-n",
            "--bindir",
            "--source",
            "-s",
            "-P",
            "--trust-policy",
        ],
        "yum" | "dnf" | "microdnf" => &[
            "-c",
            "--config",
            "--installroot",
            "--releasever",
            "--enablerepo",
            "--disablerepo",
            "--setopt",
            "-x",
            "--exclude",
        ],
        "zypper" => &["-r", "--repo", "--from", "-t", "--type"],
        _ => &[],
    };
    options.contains(&option)
}

/// The manager a command runs, normalised: `pip3`, `python -m pip` → `pip`.
pub fn manager(command: &SimpleCommand) -> Option<(&'static str, usize)> {
    let program = command.program()?;
    let normalised = match program {
        "apt-get" => "apt-get",
        "apt" => "apt",
        "apk" => "apk",
        "yum" => "yum",
        "dnf" => "dnf",
        // microdnf takes dnf's install syntax, so the dnf rules apply to it.
        "microdnf" => "dnf",
        "zypper" => "zypper",
        "npm" => "npm",
        "yarn" => "yarn",
        "gem" => "gem",
        "go" => "go",
        p if p == "pip" || p.starts_with("pip3") || p == "pip2" => "pip",
        p if p.starts_with("python") => {
            // `python -m pip …`: the manager's words start after `-m pip`.
            let args = command.args();
            let at = args.iter().position(|w| w.value == "-m")?;
            if args
                .get(at + 1)
                .is_some_and(|w| w.value == "pip" || w.value == "pip3")
            {
                return Some(("pip", at + 2));
            }
            return None;
        }
        _ => return None,
    };
    Some((normalised, 0))
}

/// The subcommand (first non-option word) and the words after it.
pub fn subcommand<'c>(
    command: &'c SimpleCommand,
    manager: &str,
    skip: usize,
) -> Option<(&'c str, Vec<&'c ShWord>)> {
    let args = &command.args()[skip.min(command.args().len())..];
    let mut iter = args.iter().enumerate();
    while let Some((i, word)) = iter.next() {
        if word.value.starts_with('-') {
            if takes_value(manager, &word.value) {
                iter.next();
            }
            continue;
        }
        return Some((word.value.as_str(), args[i + 1..].iter().collect()));
    }
    None
}

/// Operands of an install: package names and specs, options and their values removed.
pub fn operands<'c>(manager: &str, words: &[&'c ShWord]) -> Vec<&'c ShWord> {
    let mut out = Vec::new();
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if word.value.starts_with('-') {
            if takes_value(manager, &word.value) {
                iter.next();
            }
            continue;
        }
        out.push(*word);
    }
    out
}

/// The packages an install command names, if it is one: `apt-get install`,
/// `apk add`, `yum/dnf/zypper install`, `pip install`, `npm install`, `gem install`.
pub fn installed<'c>(command: &'c SimpleCommand) -> Option<(&'static str, Vec<&'c ShWord>)> {
    let (manager, skip) = manager(command)?;
    let (sub, rest) = subcommand(command, manager, skip)?;
    let installs = match manager {
        "apt-get" | "apt" | "yum" | "dnf" | "microdnf" | "pip" | "gem" => sub == "install",
        "zypper" => sub == "install" || sub == "in",
        "apk" => sub == "add",
        "npm" => matches!(sub, "install" | "i" | "add"),
        _ => false,
    };
    installs.then(|| (manager, operands(manager, &rest)))
}

/// Whether the RUN keeps `path` (or a parent of it) in a cache mount, so
/// files written there never reach the image layer.
pub fn cache_mounted(instruction: &Instruction, path: &str) -> bool {
    let Command::Run { mounts, .. } = &instruction.command else {
        return false;
    };
    mounts.iter().any(|m| {
        m.kind == MountType::Cache
            && m.field(&["target", "dst", "destination"])
                .is_some_and(|t| path.starts_with(t.trim_end_matches('/')))
    })
}
