//! ARG and ENV scoping, and the word expansion BuildKit applies to each
//! instruction.
//!
//! Global ARGs (before the first FROM) are visible only to FROM lines; inside
//! a stage, `ARG name` re-imports a global default, ENV and ARG values apply
//! to the instructions after them, and a stage built `FROM` another stage
//! inherits that stage's ENV. Only the instructions BuildKit expands are
//! expanded: FROM, ARG, ENV, LABEL, COPY/ADD (and their --chown, --chmod,
//! --checksum), EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL and RUN --mount
//! values. RUN/CMD/ENTRYPOINT/HEALTHCHECK/SHELL text and exec-form arguments
//! are left to the shell at run time.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::instructions::{Command, Instruction};
use super::shell::{self, LexOptions};
use super::{Dockerfile, Word};
use crate::span::Span;

/// Platform ARGs BuildKit defines in the global scope. Their values depend
/// on the build; representative values stand in for them here.
pub const PLATFORM_ARGS: [(&str, &str); 8] = [
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
];

/// Build arguments BuildKit accepts without an ARG instruction.
pub const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// One word after expansion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpandedWord {
    /// Index in `Dockerfile::instructions`.
    pub instruction: usize,
    pub span: Span,
    pub value: String,
    /// Variables the word used that were not set.
    pub undefined: Vec<String>,
    /// Variables the word used that were set.
    #[serde(skip)]
    pub used: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Expansions {
    pub words: Vec<ExpandedWord>,
    /// Expansion errors, with BuildKit's wording.
    pub errors: Vec<(Span, String)>,
}

type Env = HashMap<String, String>;

/// What an instruction inside a stage sees: ENV wins over ARG of the same name.
struct StageScope<'a> {
    env: &'a Env,
    args: &'a Env,
}

impl shell::Env for StageScope<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .or_else(|| self.args.get(name))
            .map(String::as_str)
    }
}

fn set(env: &mut Env, name: &str, value: String) {
    env.insert(name.to_string(), value);
}

struct Expander {
    escape: char,
    out: Expansions,
}

impl Expander {
    fn word(&mut self, instruction: usize, word: &Word, env: &dyn shell::Env) -> Option<String> {
        self.text(instruction, &word.value, word.span, env)
    }

    fn text(
        &mut self,
        instruction: usize,
        text: &str,
        span: Span,
        env: &dyn shell::Env,
    ) -> Option<String> {
        let options = LexOptions {
            escape: self.escape,
            ..LexOptions::default()
        };
        match shell::expand(text, env, options) {
            Ok(expansion) => {
                let undefined: BTreeSet<String> = expansion.unmatched;
                self.out.words.push(ExpandedWord {
                    instruction,
                    span,
                    value: expansion.result.clone(),
                    used: expansion.matched.into_iter().collect(),
                    undefined: undefined
                        .into_iter()
                        .filter(|n| !PROXY_ARGS.contains(&n.as_str()))
                        .collect(),
                });
                Some(expansion.result)
            }
            Err(message) => {
                self.out.errors.push((
                    span,
                    format!("failed to process {}: {message}", super::go::quote(text)),
                ));
                None
            }
        }
    }
}

/// Expands every word BuildKit expands, stage by stage.
pub fn expand(dockerfile: &Dockerfile) -> Expansions {
    let mut expander = Expander {
        escape: dockerfile.escape,
        out: Expansions::default(),
    };
    let instructions = &dockerfile.instructions;
    let mut global: Env = PLATFORM_ARGS
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let first_from = dockerfile
        .stages
        .iter()
        .find(|s| !s.implicit)
        .map_or(instructions.len(), |s| s.from);
    for (index, instruction) in instructions.iter().enumerate().take(first_from) {
        if let Command::Arg { args } = &instruction.command {
            for arg in args {
                let value = match &arg.default {
                    Some(default) => expander.word(index, default, &global).unwrap_or_default(),
                    None => String::new(),
                };
                set(&mut global, &arg.name.value, value);
            }
        }
    }
    let mut stage_envs: Vec<(Option<String>, Env, Env)> = Vec::new();
    // The latest stage of each name, for the base lookups.
    let mut stage_by_name: HashMap<String, usize> = HashMap::new();
    for stage in &dockerfile.stages {
        let from = &instructions[stage.from];
        let base = expand_from(&mut expander, stage.from, from, &global);
        // ENV and the declared ARGs are inherited from an earlier stage used
        // as the base (BuildKit copies the base's image config and build args).
        let (mut env, mut args): (Env, Env) = base
            .as_deref()
            .and_then(|b| stage_by_name.get(&b.to_lowercase()))
            .map(|&i| (stage_envs[i].1.clone(), stage_envs[i].2.clone()))
            .unwrap_or_default();
        for &index in &stage.instructions {
            expand_instruction(
                &mut expander,
                index,
                &instructions[index],
                &global,
                &mut env,
                &mut args,
            );
        }
        if let Some(name) = &stage.name {
            stage_by_name.insert(name.clone(), stage_envs.len());
        }
        stage_envs.push((stage.name.clone(), env, args));
    }
    expander.out
}

fn expand_from(
    expander: &mut Expander,
    index: usize,
    from: &Instruction,
    global: &Env,
) -> Option<String> {
    let Command::From { image, .. } = &from.command else {
        return None;
    };
    if let Some(platform) = from.flag("platform").and_then(|f| f.value.as_ref()) {
        expander.text(
            index,
            platform,
            from.flag("platform").map_or(from.span, |f| f.span),
            global,
        );
    }
    // An empty result is what BuildKit builds only when no --build-arg is
    // given; that is a lint finding (InvalidDefaultArgInFrom), not an error.
    expander.word(index, image, global)
}

fn expand_instruction(
    expander: &mut Expander,
    index: usize,
    instruction: &Instruction,
    global_defaults: &Env,
    env: &mut Env,
    args: &mut Env,
) {
    // ARG and ENV change the scope; they compute their new values first.
    match &instruction.command {
        Command::Arg { args: defs } => {
            for def in defs {
                let value = match &def.default {
                    Some(default) => {
                        let scope = StageScope { env, args };
                        expander.word(index, default, &scope).unwrap_or_default()
                    }
                    None => global_defaults
                        .get(&def.name.value)
                        .cloned()
                        .unwrap_or_default(),
                };
                set(args, &def.name.value, value);
            }
            return;
        }
        Command::Env { pairs } => {
            let scope = StageScope { env, args };
            let mut assigned = Vec::new();
            for pair in pairs {
                let key = expander
                    .word(index, &pair.key, &scope)
                    .unwrap_or_else(|| pair.key.value.clone());
                let value = expander
                    .word(index, &pair.value, &scope)
                    .unwrap_or_default();
                assigned.push((key, value));
            }
            // All values of one ENV see the environment from before it.
            for (key, value) in assigned {
                set(env, &key, value);
            }
            return;
        }
        _ => {}
    }
    let scope = &StageScope { env, args };
    let words = |expander: &mut Expander, list: &[Word]| {
        for word in list {
            expander.word(index, word, scope);
        }
    };
    let json = instruction.json;
    match &instruction.command {
        Command::Label { pairs } => {
            for pair in pairs {
                expander.word(index, &pair.key, scope);
                expander.word(index, &pair.value, scope);
            }
        }
        Command::Copy { sources, dest } | Command::Add { sources, dest } if !json => {
            let plain: Vec<Word> = sources
                .iter()
                .filter(|s| !s.value.contains("<<"))
                .cloned()
                .chain(std::iter::once(dest.clone()))
                .collect();
            words(expander, &plain);
            for name in ["chown", "chmod", "checksum"] {
                if let Some(flag) = instruction.flag(name) {
                    if let Some(value) = &flag.value {
                        expander.text(index, value, flag.span, scope);
                    }
                }
            }
        }
        Command::Expose { ports } => words(expander, ports),
        Command::Volume { paths } if !json => words(expander, paths),
        Command::User { user } => words(expander, std::slice::from_ref(user)),
        Command::Workdir { path } => words(expander, std::slice::from_ref(path)),
        Command::Stopsignal { signal } => words(expander, std::slice::from_ref(signal)),
        Command::Run { mounts, .. } => {
            for mount in mounts {
                for (key, value) in &mount.fields {
                    if key != "from" && value.contains('$') {
                        expander.text(index, value, mount.span, scope);
                    }
                }
            }
        }
        _ => {}
    }
}
