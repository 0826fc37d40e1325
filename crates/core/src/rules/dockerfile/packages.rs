//! What package-manager commands install, for the pinning and hygiene rules.

use crate::dockerfile::sh::{ShWord, SimpleCommand};
use crate::dockerfile::{Command, Instruction, MountType};
use crate::rules::{DockerfileContext, Finding, RunCommands};

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
            "-b",
            "--build",
            "--python",
            "--root-user-action",
        ],
        "npm" => &[
            "--loglevel",
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
        // pipx installs applications from PyPI with pip's requirement syntax.
        p if p == "pip" || p.starts_with("pip3") || p == "pip2" || p == "pipx" => "pip",
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
    subcommand_word(command, manager, skip).map(|(word, rest)| (word.value.as_str(), rest))
}

/// The subcommand's word itself (where a quick fix inserts an option), and
/// the words after it.
pub fn subcommand_word<'c>(
    command: &'c SimpleCommand,
    manager: &str,
    skip: usize,
) -> Option<(&'c ShWord, Vec<&'c ShWord>)> {
    let args = &command.args()[skip.min(command.args().len())..];
    let mut iter = args.iter().enumerate();
    while let Some((i, word)) = iter.next() {
        if word.value.starts_with('-') {
            if takes_value(manager, &word.value) {
                iter.next();
            }
            continue;
        }
        return Some((word, args[i + 1..].iter().collect()));
    }
    None
}

/// A quick fix adding `option` right after an install command's
/// subcommand (`apt-get install` → `apt-get install -y`). None for the exec
/// form, whose words are JSON strings.
pub fn option_fix(
    ctx: &DockerfileContext,
    run: &RunCommands,
    command: &SimpleCommand,
    option: &str,
) -> Option<crate::fix::Fix> {
    if matches!(
        ctx.instruction(run).command,
        Command::Run { json: true, .. }
    ) {
        return None;
    }
    let (manager, skip) = manager(command)?;
    let (word, _) = subcommand_word(command, manager, skip)?;
    Some(crate::fix::Fix::new(
        format!("Add `{option}`"),
        vec![crate::fix::Edit::insert(
            word.span.end,
            format!(" {option}"),
        )],
    ))
}

/// A quick fix appending ` && command` to a shell-form RUN, after its last
/// command. None when that would not run last: a heredoc, a trailing
/// operator or continuation, or a comment at the end of the line.
pub fn append_fix(
    ctx: &DockerfileContext,
    run: &RunCommands,
    command: &str,
) -> Option<crate::fix::Fix> {
    let instruction = ctx.instruction(run);
    let Command::Run {
        args, json: false, ..
    } = &instruction.command
    else {
        return None;
    };
    if !ctx.dockerfile.nodes[instruction.node].heredocs.is_empty() {
        return None;
    }
    let arg = args.first()?;
    let raw = ctx.text.get(arg.span.start..arg.span.end)?;
    let trimmed = raw.trim_end();
    let last_line = trimmed.rsplit('\n').next().unwrap_or(trimmed);
    let escape = ctx.dockerfile.escape;
    if trimmed.is_empty()
        || trimmed.ends_with(['&', '|', ';', '\\', escape])
        || last_line.contains(" #")
        || last_line.contains("\t#")
    {
        return None;
    }
    Some(crate::fix::Fix::new(
        format!("Add `{command}` at the end"),
        vec![crate::fix::Edit::insert(
            arg.span.start + trimmed.len(),
            format!(" && {command}"),
        )],
    ))
}

/// Operands of an install: package names and specs, options and their values removed.
pub fn operands<'c>(manager: &str, words: &[&'c ShWord]) -> Vec<&'c ShWord> {
    let mut out = Vec::new();
    let mut iter = words.iter().peekable();
    while let Some(word) = iter.next() {
        // gem passes what follows `--` to the gems' build scripts.
        if manager == "gem" && word.value == "--" {
            break;
        }
        if word.value.starts_with('-') {
            let boolean_value = iter
                .peek()
                .is_some_and(|next| matches!(next.value.as_str(), "true" | "false"));
            if takes_value(manager, &word.value) || boolean_value {
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
pub fn installed(command: &SimpleCommand) -> Option<(&'static str, Vec<&ShWord>)> {
    let (manager, skip) = manager(command)?;
    let (sub, rest) = subcommand(command, manager, skip)?;
    let installs = match manager {
        "apt-get" | "apt" | "yum" | "dnf" | "microdnf" | "pip" => sub == "install",
        "gem" => sub == "install" || sub == "i",
        "zypper" => sub == "install" || sub == "in",
        "apk" => sub == "add",
        "npm" => matches!(sub, "install" | "i" | "add"),
        _ => false,
    };
    installs.then(|| (manager, operands(manager, &rest)))
}

/// Whether the RUN has a cache mount whose target satisfies `matches`.
pub fn cache_mount_target(instruction: &Instruction, matches: impl Fn(&str) -> bool) -> bool {
    let Command::Run { mounts, .. } = &instruction.command else {
        return false;
    };
    mounts.iter().any(|m| {
        m.kind == MountType::Cache
            && m.field(&["target", "dst", "destination"])
                .is_some_and(&matches)
    })
}

/// The shared check of the "non-interactive switch" rules (DL3030, DL3038,
/// DL3034): a command of `manager` that changes packages without one of `flags`.
pub fn report_interactive(
    ctx: &DockerfileContext,
    manager_name: &str,
    flags: &[&str],
    message: &str,
    out: &mut Vec<Finding>,
) {
    for command in ctx.runs.iter().flat_map(|r| &r.commands) {
        let Some((manager, skip)) = manager(command).filter(|(m, _)| *m == manager_name) else {
            continue;
        };
        let Some((sub, _)) = subcommand(command, manager, skip) else {
            continue;
        };
        let changes = matches!(
            sub,
            "install"
                | "in"
                | "remove"
                | "rm"
                | "update"
                | "up"
                | "upgrade"
                | "groupinstall"
                | "reinstall"
                | "dist-upgrade"
                | "dup"
                | "patch"
        );
        if changes && !command.has_flag(flags) {
            out.push(Finding::new(command.span, message));
        }
    }
}

/// What a "clean the cache" rule knows of its package manager.
pub struct CacheCleanup {
    /// The programs, each needing its own clean (`microdnf clean all` for
    /// microdnf, as hadolint counts them).
    pub programs: &'static [&'static str],
    /// Subcommands that download packages into the cache.
    pub installs: &'static [&'static str],
    /// Subcommands that empty it (`clean`, zypper's `cc`).
    pub cleans: &'static [&'static str],
    /// Where the cache lives: an `rm -rf` of one of them, or a cache or
    /// tmpfs mount whose target contains one, keeps it out of the layer.
    pub cache_paths: &'static [&'static str],
}

/// Whether the RUN mounts a cache or tmpfs at a target containing `fragment`
/// (hadolint's test: `/var/cache/dnf` matches `/root/var/cache/dnf` too).
pub fn cache_or_tmpfs_mounted(instruction: &Instruction, fragment: &str) -> bool {
    let Command::Run { mounts, .. } = &instruction.command else {
        return false;
    };
    mounts.iter().any(|m| {
        matches!(m.kind, MountType::Cache | MountType::Tmpfs)
            && m.field(&["target", "dst", "destination"])
                .is_some_and(|t| t.contains(fragment))
    })
}

/// The first word of a command that is not an option (a subcommand).
fn first_operand(command: &SimpleCommand) -> Option<&str> {
    command
        .args()
        .iter()
        .find(|w| !w.value.starts_with('-'))
        .map(|w| w.value.as_str())
}

/// Whether `command` is `rm` with an operand in (or equal to) one of `paths`.
pub fn removes_any(command: &SimpleCommand, paths: &[&str]) -> bool {
    command.program() == Some("rm")
        && command.operands().any(|w| {
            let target = w.value.trim_end_matches(['*', '/']);
            paths
                .iter()
                .any(|p| target == *p || target.starts_with(&format!("{p}/")))
        })
}

/// The shared check of the "clean the cache" rules (DL3032, DL3040,
/// DL3036): an install of one of the manager's programs, in a shipped stage
/// or an ONBUILD trigger, with no clean by the same program (or `rm` of the
/// cache) after it in the same RUN and no cache or tmpfs mount over the cache.
pub fn report_uncleaned(
    ctx: &DockerfileContext,
    manager: &CacheCleanup,
    message: &str,
    out: &mut Vec<Finding>,
) {
    for run in ctx.runs.iter().filter(|r| in_shipped_stage(ctx, r)) {
        let instruction = ctx.instruction(run);
        if manager
            .cache_paths
            .iter()
            .any(|p| cache_or_tmpfs_mounted(instruction, p))
        {
            continue;
        }
        for (at, command) in run.commands.iter().enumerate() {
            let Some(program) = command.program().filter(|p| manager.programs.contains(p)) else {
                continue;
            };
            if !first_operand(command).is_some_and(|s| manager.installs.contains(&s)) {
                continue;
            }
            let cleaned_later = run.commands[at + 1..].iter().any(|c| {
                (c.program() == Some(program)
                    && first_operand(c).is_some_and(|s| manager.cleans.contains(&s)))
                    || removes_any(c, manager.cache_paths)
            });
            if cleaned_later {
                continue;
            }
            let clean = if manager.cleans[0] == "clean" && program != "zypper" {
                format!("{program} clean all")
            } else {
                format!("{program} clean")
            };
            let finding = Finding::new(command.span, message);
            out.push(match append_fix(ctx, run, &clean) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
        }
    }
}

/// The shared check of the pinning rules: every installed package of
/// `manager_name` that `is_pinned` rejects (variables and local files always
/// count as pinned), with `separator` shown between name and version.
pub fn report_unpinned(
    ctx: &DockerfileContext,
    manager_name: &str,
    separator: &str,
    is_pinned: impl Fn(&SimpleCommand, &str) -> bool,
    out: &mut Vec<Finding>,
) {
    for command in ctx.runs.iter().flat_map(|r| &r.commands) {
        let Some((manager, packages)) = installed(command) else {
            continue;
        };
        if manager != manager_name {
            continue;
        }
        for package in packages {
            let v = package.value.as_str();
            let local = v.contains('/')
                || [".rpm", ".deb", ".apk", ".gem"]
                    .iter()
                    .any(|ext| v.ends_with(ext));
            if !package.has_expansion && !local && !is_pinned(command, v) {
                out.push(Finding::new(
                    package.span,
                    format!("Pin versions in {manager_name}: `{v}{separator}<version>` instead of `{v}`"),
                ));
            }
        }
    }
}

/// `name-1.2.3` style versions (yum, dnf): a dash followed by a digit.
pub fn has_version_suffix(package: &str) -> bool {
    package
        .match_indices('-')
        .any(|(i, _)| package[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a RUN belongs to a stage that ends up in an image. An ONBUILD
/// trigger always counts: it runs in the images built from this one.
pub fn in_shipped_stage(ctx: &DockerfileContext, run: &RunCommands) -> bool {
    run.onbuild || ctx.in_shipped_stage(run.instruction)
}

/// The names of the variables a shell word refers to (`$a`, `${b:-x}`).
pub fn variables(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = word;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let braced = rest.strip_prefix('{');
        let body = braced.unwrap_or(rest);
        let end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        if end > 0 {
            out.push(&body[..end]);
        }
        rest = body;
    }
    out
}

/// The shared check of DL3033 (yum) and DL3041 (dnf, microdnf): packages
/// need `name-version` (a variable counts when an ARG or ENV in scope sets
/// it), modules `name:stream`; `.rpm` files and paths are pinned.
pub fn report_unpinned_rpm(ctx: &DockerfileContext, manager_name: &str, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some((manager, skip)) = manager(command).filter(|(m, _)| *m == manager_name) else {
                continue;
            };
            let Some((sub, rest)) = subcommand(command, manager, skip) else {
                continue;
            };
            let words = operands(manager, &rest);
            let (module, names) = match sub {
                "install" => (false, &words[..]),
                "module" if words.first().is_some_and(|w| w.value == "install") => {
                    (true, &words[1..])
                }
                _ => continue,
            };
            for package in names {
                let v = package.value.as_str();
                let in_scope = package.has_expansion
                    && variables(v)
                        .iter()
                        .all(|name| ctx.declared_before(run.instruction, name));
                let pinned = if module {
                    v.contains(':')
                } else {
                    has_version_suffix(v) || v.contains('/') || v.ends_with(".rpm")
                };
                if !pinned && !in_scope {
                    let unset: Vec<&str> = variables(v)
                        .into_iter()
                        .filter(|name| !ctx.declared_before(run.instruction, name))
                        .collect();
                    let message = if let Some(name) = unset.first() {
                        format!("Pin versions in {manager_name}: `${name}` in `{v}` is set by no ARG or ENV of this stage, so the version is empty")
                    } else if module {
                        format!("Pin versions in {manager_name}: `{v}:<stream>` instead of `{v}`")
                    } else {
                        format!("Pin versions in {manager_name}: `{v}-<version>` instead of `{v}`")
                    };
                    out.push(Finding::new(package.span, message));
                }
            }
        }
    }
}
