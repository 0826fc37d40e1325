//! BuildKit's instruction builder: typed instructions and stages on top of
//! the line parser's nodes, with the checks BuildKit makes at this layer
//! (argument counts, flags, mounts, stage names, HEALTHCHECK options).

use serde::Serialize;

use super::ast::{Keyword, Node, Word};
use super::go;
use crate::span::Span;

/// A `--name[=value]` flag of an instruction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub name: String,
    /// `None` when written without `=`.
    pub value: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    pub key: Word,
    pub value: Word,
    /// Written as `KEY value` rather than `KEY=value`.
    pub legacy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArgDef {
    pub name: Word,
    pub default: Option<Word>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MountType {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
}

/// One `RUN --mount=…` option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mount {
    pub kind: MountType,
    /// `key=value` fields as written (keys lower-cased).
    pub fields: Vec<(String, String)>,
    pub span: Span,
}

impl Mount {
    pub fn field(&self, names: &[&str]) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Healthcheck {
    /// `None` for `HEALTHCHECK NONE`.
    pub command: Option<Vec<Word>>,
    pub json: bool,
    pub interval_ns: Option<i128>,
    pub timeout_ns: Option<i128>,
    pub start_period_ns: Option<i128>,
    pub start_interval_ns: Option<i128>,
    pub retries: Option<i64>,
}

/// What an instruction means, per instruction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Command {
    From {
        image: Word,
        as_keyword: Option<Word>,
        stage_name: Option<Word>,
    },
    Run {
        args: Vec<Word>,
        json: bool,
        mounts: Vec<Mount>,
    },
    Cmd {
        args: Vec<Word>,
        json: bool,
    },
    Entrypoint {
        args: Vec<Word>,
        json: bool,
    },
    Shell {
        args: Vec<Word>,
    },
    Copy {
        sources: Vec<Word>,
        dest: Word,
    },
    Add {
        sources: Vec<Word>,
        dest: Word,
    },
    Env {
        pairs: Vec<KeyValue>,
    },
    Label {
        pairs: Vec<KeyValue>,
    },
    Arg {
        args: Vec<ArgDef>,
    },
    Expose {
        ports: Vec<Word>,
    },
    Volume {
        paths: Vec<Word>,
    },
    User {
        user: Word,
    },
    Workdir {
        path: Word,
    },
    Stopsignal {
        signal: Word,
    },
    Maintainer {
        name: Word,
    },
    Healthcheck(Healthcheck),
    Onbuild {
        trigger: Option<Box<Instruction>>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instruction {
    /// Index of the node in `Dockerfile::nodes` (of the ONBUILD for triggers).
    pub node: usize,
    pub keyword: Keyword,
    pub span: Span,
    pub flags: Vec<Flag>,
    /// Exec (JSON array) form.
    pub json: bool,
    pub command: Command,
}

impl Instruction {
    /// The last value of a flag, as BuildKit keeps it (`Some("")` for `--x=`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name == name)
    }

    /// What the instruction reads from another stage or image, as written:
    /// `COPY/ADD --from=…` and `RUN --mount=…,from=…`, with where it is said.
    pub fn from_references(&self) -> Vec<(&str, Span)> {
        let mut out = Vec::new();
        if let (Command::Copy { .. } | Command::Add { .. }, Some(flag)) =
            (&self.command, self.flag("from"))
        {
            if let Some(v) = flag.value.as_deref() {
                out.push((v, flag.span));
            }
        }
        if let Command::Run { mounts, .. } = &self.command {
            for mount in mounts {
                if let Some(v) = mount.field(&["from"]) {
                    out.push((v, mount.span));
                }
            }
        }
        out
    }

    /// A boolean flag's value: `--link`, `--link=true` → true.
    pub fn flag_is_true(&self, name: &str) -> bool {
        self.flag(name).is_some_and(|f| {
            f.value
                .as_deref()
                .is_none_or(|v| v.eq_ignore_ascii_case("true"))
        })
    }
}

/// A build stage: its FROM and the instructions up to the next FROM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// Index of the FROM in `Dockerfile::instructions`.
    pub from: usize,
    /// Lower-cased `AS` name.
    pub name: Option<String>,
    pub base: String,
    /// Indices in `Dockerfile::instructions`, FROM excluded.
    pub instructions: Vec<usize>,
    /// Instructions written before any FROM (a pasted snippet). BuildKit
    /// rejects them ("no build stage in current context"); they are kept
    /// together as a stage so that the rules still read them. `from` is then
    /// the first of them, which is also the first of `instructions`.
    pub implicit: bool,
}

/// Builds typed instructions from nodes; errors are `(span, message)`.
pub fn build(nodes: &[Node], errors: &mut Vec<(Span, String)>) -> (Vec<Instruction>, Vec<Stage>) {
    let mut instructions = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        let Some(instruction) = build_one(index, node, errors, 0) else {
            continue;
        };
        let position = instructions.len();
        match (&instruction.command, stages.last_mut()) {
            (
                Command::From {
                    image, stage_name, ..
                },
                _,
            ) => stages.push(Stage {
                from: position,
                name: stage_name.as_ref().map(|n| n.value.to_lowercase()),
                base: image.value.clone(),
                instructions: Vec::new(),
                implicit: false,
            }),
            // A global ("meta") ARG, also after a snippet's loose lines.
            (Command::Arg { .. }, None) => {}
            (Command::Arg { .. }, Some(stage)) if stage.implicit => {}
            (_, Some(stage)) => {
                if stage.implicit {
                    errors.push((node.span, "no build stage in current context".into()));
                }
                stage.instructions.push(position)
            }
            (_, None) => {
                errors.push((node.span, "no build stage in current context".into()));
                stages.push(Stage {
                    from: position,
                    name: None,
                    base: String::new(),
                    instructions: vec![position],
                    implicit: true,
                });
            }
        }
        instructions.push(instruction);
    }
    (instructions, stages)
}

#[derive(Clone, Copy, PartialEq)]
enum FlagKind {
    Bool,
    String,
    Strings,
}

fn flag_specs(keyword: Keyword) -> &'static [(&'static str, FlagKind)] {
    use FlagKind::*;
    match keyword {
        Keyword::From => &[("platform", String)],
        Keyword::Run => &[
            ("mount", Strings),
            ("network", String),
            ("security", String),
            ("device", Strings),
        ],
        Keyword::Copy => &[
            ("chown", String),
            ("from", String),
            ("chmod", String),
            ("link", Bool),
            ("parents", Bool),
            ("exclude", Strings),
        ],
        Keyword::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        Keyword::Healthcheck => &[
            ("interval", String),
            ("timeout", String),
            ("start-period", String),
            ("start-interval", String),
            ("retries", String),
        ],
        _ => &[],
    }
}

/// BuildKit's `BFlags.Parse` for one instruction.
fn parse_flags(node: &Node, keyword: Keyword, errors: &mut Vec<(Span, String)>) -> Vec<Flag> {
    let specs = flag_specs(keyword);
    let mut flags: Vec<Flag> = Vec::new();
    for word in &node.flags {
        let body = word.value.strip_prefix("--").unwrap_or(&word.value);
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let Some(&(_, kind)) = specs.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = specs.iter().map(|(n, _)| *n).collect();
            let message = format!("unknown flag: --{name}{}", suggestion(name, &names, true));
            errors.push((word.span, message));
            continue;
        };
        if kind != FlagKind::Strings && flags.iter().any(|f| f.name == name) {
            errors.push((word.span, format!("duplicate flag specified: --{name}")));
            continue;
        }
        match (kind, value.as_deref()) {
            (FlagKind::Bool, Some("")) | (FlagKind::String | FlagKind::Strings, None) => {
                errors.push((word.span, format!("missing a value on flag: --{name}")));
            }
            (FlagKind::Bool, Some(v))
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") =>
            {
                errors.push((
                    word.span,
                    format!("expecting boolean value for flag --{name}, not: {v}"),
                ));
            }
            _ => {}
        }
        flags.push(Flag {
            name: name.to_string(),
            value,
            span: word.span,
        });
    }
    flags
}

/// BuildKit's "(did you mean …?)" suffix: the closest option within edit distance 2.
pub fn suggestion(value: &str, options: &[&str], case_sensitive: bool) -> String {
    let fold = |s: &str| {
        if case_sensitive {
            s.to_string()
        } else {
            s.to_lowercase()
        }
    };
    let wanted = fold(value);
    if value.is_empty() {
        return String::new();
    }
    let mut best: Option<(usize, &str)> = None;
    let wanted_len = wanted.chars().count();
    for option in options {
        let candidate = fold(option);
        if candidate == wanted {
            return String::new();
        }
        // The distance is at least the difference in length: skip the
        // table when that alone rules the option out.
        if wanted_len.abs_diff(candidate.chars().count()) >= best.map_or(3, |(d, _)| d) {
            continue;
        }
        let distance = levenshtein(&wanted, &candidate);
        if distance < best.map_or(3, |(d, _)| d) {
            best = Some((distance, option));
        }
    }
    let Some((_, option)) = best else {
        return String::new();
    };
    let shown = if case_sensitive || value == value.to_uppercase() {
        option.to_string()
    } else if value == value.to_lowercase() {
        option.to_lowercase()
    } else {
        option.to_string()
    };
    format!(" (did you mean {shown}?)")
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

fn build_one(
    index: usize,
    node: &Node,
    errors: &mut Vec<(Span, String)>,
    depth: usize,
) -> Option<Instruction> {
    let Some(keyword) = node.kind else {
        let names: Vec<&str> = Keyword::ALL.iter().map(|k| k.as_str()).collect();
        let message = if node.keyword.value.is_empty() {
            "unknown instruction: the line holds only a line continuation".to_string()
        } else {
            format!(
                "unknown instruction: {}{}",
                node.keyword.value,
                suggestion(&node.keyword.value, &names, false)
            )
        };
        errors.push((node.keyword.span, message));
        return None;
    };
    if node.has_syntax_error {
        return None;
    }
    let name = keyword.as_str();
    let args = &node.args;
    let validates_flags = !(keyword == Keyword::Stopsignal
        || (keyword == Keyword::Healthcheck
            && args
                .first()
                .is_some_and(|a| a.value.eq_ignore_ascii_case("none"))));
    let flags = if validates_flags {
        parse_flags(node, keyword, errors)
    } else {
        Vec::new()
    };
    // Mount and RUN option errors are collected apart and merged below, so
    // that `fail` can hold the main error list.
    let mut option_errors = Vec::new();
    let mut fail = |span: Span, message: String| {
        errors.push((span, message));
        None::<Instruction>
    };
    let exactly_one = |fail: &mut dyn FnMut(Span, String) -> Option<Instruction>| -> Option<Word> {
        if args.len() == 1 {
            Some(args[0].clone())
        } else {
            fail(node.span, format!("{name} requires exactly one argument"));
            None
        }
    };
    let command = match keyword {
        Keyword::From => {
            let (as_keyword, stage_name) = match args.len() {
                1 => (None, None),
                3 if args[1].value.eq_ignore_ascii_case("as") => {
                    let lowered = args[2].value.to_lowercase();
                    if !is_valid_stage_name(&lowered) {
                        return fail(
                            args[2].span,
                            format!(
                                "invalid name for build stage: {}, name can't start with a number or contain symbols",
                                go::quote(&args[2].value)
                            ),
                        );
                    }
                    (Some(args[1].clone()), Some(args[2].clone()))
                }
                _ => {
                    return fail(
                        node.span,
                        "FROM requires either one or three arguments".into(),
                    )
                }
            };
            Command::From {
                image: args[0].clone(),
                as_keyword,
                stage_name,
            }
        }
        Keyword::Run => {
            let mounts = node
                .flags
                .iter()
                .zip(&flags)
                .filter(|(_, f)| f.name == "mount")
                .filter_map(|(_, f)| parse_mount(f, &mut option_errors))
                .collect();
            for flag in &flags {
                check_run_option(flag, &mut option_errors);
            }
            Command::Run {
                args: args.clone(),
                json: node.json,
                mounts,
            }
        }
        Keyword::Cmd => Command::Cmd {
            args: args.clone(),
            json: node.json,
        },
        Keyword::Entrypoint => Command::Entrypoint {
            args: args.clone(),
            json: node.json,
        },
        Keyword::Shell => {
            if args.is_empty() {
                return fail(node.span, "SHELL requires at least one argument".into());
            }
            if !node.json {
                return fail(
                    node.span,
                    "SHELL requires the arguments to be in JSON form".into(),
                );
            }
            Command::Shell { args: args.clone() }
        }
        Keyword::Copy | Keyword::Add => {
            let Some((dest, sources)) = args.split_last().filter(|_| args.len() >= 2) else {
                return fail(
                    node.span,
                    format!(
                        "{name} requires at least two arguments, but only one was provided. Destination could not be determined"
                    ),
                );
            };
            if !node.json
                && super::parser::parse_heredoc_marker(&dest.value)
                    .ok()
                    .flatten()
                    .is_some()
            {
                return fail(
                    dest.span,
                    format!("{name} cannot accept a heredoc as a destination"),
                );
            }
            if let Some(from) = flags.iter().rev().find(|f| f.name == "from") {
                if from.value.as_deref().is_some_and(|v| v.contains('$')) {
                    return fail(
                        from.span,
                        "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround".into(),
                    );
                }
            }
            let (sources, dest) = (sources.to_vec(), dest.clone());
            if keyword == Keyword::Copy {
                Command::Copy { sources, dest }
            } else {
                Command::Add { sources, dest }
            }
        }
        Keyword::Env | Keyword::Label => {
            if args.is_empty() {
                return fail(node.span, format!("{name} requires at least one argument"));
            }
            let mut pairs = Vec::new();
            for triple in args.chunks(3) {
                let [key, value, separator] = triple else {
                    continue;
                };
                if key.value.is_empty() {
                    return fail(
                        key.span.cover(separator.span),
                        format!("{name} names can not be blank"),
                    );
                }
                pairs.push(KeyValue {
                    key: key.clone(),
                    value: value.clone(),
                    legacy: separator.value.is_empty(),
                });
            }
            if keyword == Keyword::Env {
                Command::Env { pairs }
            } else {
                Command::Label { pairs }
            }
        }
        Keyword::Arg => {
            if args.is_empty() {
                return fail(node.span, "ARG requires at least one argument".into());
            }
            let mut defs = Vec::new();
            for (i, arg) in args.iter().enumerate() {
                let equals = node.arg_equals.get(i).copied().flatten();
                match (arg.value.split_once('='), equals) {
                    (Some(("", _)), _) => {
                        return fail(arg.span, "ARG names can not be blank".into())
                    }
                    (Some((key, value)), Some(eq)) => defs.push(ArgDef {
                        name: Word {
                            value: key.to_string(),
                            span: Span::new(arg.span.start, eq.start),
                        },
                        default: Some(Word {
                            value: value.to_string(),
                            span: Span::new(eq.end, arg.span.end),
                        }),
                    }),
                    _ => defs.push(ArgDef {
                        name: arg.clone(),
                        default: None,
                    }),
                }
            }
            Command::Arg { args: defs }
        }
        Keyword::Expose => {
            if args.is_empty() {
                return fail(node.span, "EXPOSE requires at least one argument".into());
            }
            Command::Expose {
                ports: args.clone(),
            }
        }
        Keyword::Volume => {
            if args.is_empty() {
                return fail(node.span, "VOLUME requires at least one argument".into());
            }
            if let Some(empty) = args.iter().find(|a| a.value.trim().is_empty()) {
                return fail(
                    empty.span,
                    "VOLUME specified can not be an empty string".into(),
                );
            }
            Command::Volume {
                paths: args.clone(),
            }
        }
        Keyword::User => Command::User {
            user: exactly_one(&mut fail)?,
        },
        Keyword::Workdir => Command::Workdir {
            path: exactly_one(&mut fail)?,
        },
        Keyword::Stopsignal => Command::Stopsignal {
            signal: exactly_one(&mut fail)?,
        },
        Keyword::Maintainer => Command::Maintainer {
            name: exactly_one(&mut fail)?,
        },
        Keyword::Healthcheck => Command::Healthcheck(build_healthcheck(node, &flags, &mut fail)?),
        Keyword::Onbuild => {
            let Some(trigger) = &node.trigger else {
                return fail(node.span, "ONBUILD requires at least one argument".into());
            };
            match trigger.kind {
                Some(Keyword::Onbuild) => {
                    return fail(
                        trigger.keyword.span,
                        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into(),
                    )
                }
                Some(k @ (Keyword::Maintainer | Keyword::From)) => {
                    return fail(
                        trigger.keyword.span,
                        format!("{} isn't allowed as an ONBUILD trigger", k.as_str()),
                    )
                }
                _ => {}
            }
            let trigger = if depth < 4 {
                build_one(index, trigger, &mut option_errors, depth + 1)
            } else {
                None
            };
            Command::Onbuild {
                trigger: trigger.map(Box::new),
            }
        }
    };
    errors.extend(option_errors);
    Some(Instruction {
        node: index,
        keyword,
        span: node.span,
        flags,
        json: node.json,
        command,
    })
}

fn is_valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn check_run_option(flag: &Flag, errors: &mut Vec<(Span, String)>) {
    let value = flag.value.as_deref().unwrap_or_default();
    match flag.name.as_str() {
        "network" if !matches!(value, "default" | "none" | "host") => {
            errors.push((
                flag.span,
                format!("invalid network mode {}", go::quote(value)),
            ));
        }
        "security" if !matches!(value, "sandbox" | "insecure") => {
            errors.push((
                flag.span,
                format!("security {} is not valid", go::quote(value)),
            ));
        }
        _ => {}
    }
}

/// `--mount=type=cache,target=/root/.cache,…` (BuildKit's `parseMount` and
/// `validateMount`). Values holding `$` are checked after expansion by
/// BuildKit, so only their syntax is checked here.
fn parse_mount(flag: &Flag, errors: &mut Vec<(Span, String)>) -> Option<Mount> {
    let text = flag.value.as_deref()?;
    let mut mount = Mount {
        kind: MountType::Bind,
        fields: Vec::new(),
        span: flag.span,
    };
    let mut fail = |message: String| {
        errors.push((flag.span, message));
        None
    };
    for field in split_csv(text) {
        let Some((key, value)) = field.split_once('=') else {
            match field.to_lowercase().as_str() {
                "readonly" | "ro" | "readwrite" | "rw" => {}
                "required" if matches!(mount.kind, MountType::Secret | MountType::Ssh) => {}
                "required" => {
                    return fail(format!(
                        "unexpected key 'required' for mount type '{}'",
                        mount_type_name(mount.kind)
                    ))
                }
                _ => return fail(format!("invalid field '{field}' must be a key=value pair")),
            }
            mount.fields.push((field.to_lowercase(), String::new()));
            continue;
        };
        let key = key.to_lowercase();
        let deferred = value.contains('$');
        if key == "from" && deferred {
            return fail(
                "'from' doesn't support variable expansion, define alias stage instead".into(),
            );
        }
        if !deferred {
            match key.as_str() {
                "type" => match value.to_lowercase().as_str() {
                    "bind" => mount.kind = MountType::Bind,
                    "cache" => mount.kind = MountType::Cache,
                    "tmpfs" => mount.kind = MountType::Tmpfs,
                    "secret" => mount.kind = MountType::Secret,
                    "ssh" => mount.kind = MountType::Ssh,
                    _ => {
                        let types = ["bind", "cache", "tmpfs", "secret", "ssh"];
                        return fail(format!(
                            "unsupported mount type {}{}",
                            go::quote(value),
                            suggestion(value, &types, true)
                        ));
                    }
                },
                "from" | "source" | "src" | "target" | "dst" | "destination" | "id" | "env" => {}
                "readonly" | "ro" | "readwrite" | "rw" | "required" => {
                    if key == "required"
                        && !matches!(mount.kind, MountType::Secret | MountType::Ssh)
                    {
                        return fail(format!(
                            "unexpected key 'required' for mount type '{}'",
                            mount_type_name(mount.kind)
                        ));
                    }
                    if !is_go_bool(value) {
                        return fail(format!("invalid value for {key}: {value}"));
                    }
                }
                "size" if mount.kind != MountType::Tmpfs => {
                    return fail(format!(
                        "unexpected key 'size' for mount type '{}'",
                        mount_type_name(mount.kind)
                    ));
                }
                "size" => {}
                "sharing"
                    if !matches!(
                        value.to_lowercase().as_str(),
                        "shared" | "private" | "locked"
                    ) =>
                {
                    let modes = ["shared", "private", "locked"];
                    return fail(format!(
                        "unsupported sharing value {}{}",
                        go::quote(value),
                        suggestion(value, &modes, true)
                    ));
                }
                "sharing" => {}
                "mode" if u32::from_str_radix(value, 8).is_err() => {
                    return fail(format!("invalid value {value} for mode"))
                }
                "uid" | "gid" if value.parse::<u32>().is_err() => {
                    return fail(format!("invalid value {value} for {key}"))
                }
                "mode" | "uid" | "gid" => {}
                _ => {
                    let keys = [
                        "type",
                        "from",
                        "source",
                        "target",
                        "readonly",
                        "id",
                        "sharing",
                        "required",
                        "mode",
                        "uid",
                        "gid",
                        "src",
                        "dst",
                        "ro",
                        "rw",
                        "readwrite",
                    ];
                    return fail(format!(
                        "unexpected key '{key}' in '{field}'{}",
                        suggestion(&key, &keys, true)
                    ));
                }
            }
        }
        mount.fields.push((key, value.to_string()));
    }
    let kind = mount_type_name(mount.kind);
    let has = |names: &[&str]| mount.field(names).is_some_and(|v| !v.is_empty());
    if !matches!(
        mount.kind,
        MountType::Secret | MountType::Ssh | MountType::Cache
    ) {
        for key in ["mode", "uid", "gid"] {
            if has(&[key]) {
                return fail(format!(
                    "{key} not allowed for {} type mounts",
                    go::quote(kind)
                ));
            }
        }
    }
    if mount.kind == MountType::Secret {
        if has(&["from"]) {
            return fail("secret mount should not have a from".into());
        }
        if has(&["sharing"]) {
            return fail("secret mount should not define sharing".into());
        }
        if !has(&["source", "src", "target", "dst", "destination", "id"]) {
            return fail("invalid secret mount. one of source, target required".into());
        }
        if has(&["source", "src"]) && has(&["id"]) {
            return fail("both source and id can't be set".into());
        }
    }
    if has(&["sharing"]) && mount.kind != MountType::Cache {
        return fail(format!("invalid cache sharing set for {kind} mount"));
    }
    Some(mount)
}

fn mount_type_name(kind: MountType) -> &'static str {
    match kind {
        MountType::Bind => "bind",
        MountType::Cache => "cache",
        MountType::Tmpfs => "tmpfs",
        MountType::Secret => "secret",
        MountType::Ssh => "ssh",
    }
}

fn is_go_bool(value: &str) -> bool {
    matches!(
        value,
        "1" | "t" | "T" | "TRUE" | "true" | "True" | "0" | "f" | "F" | "FALSE" | "false" | "False"
    )
}

/// One CSV record (Go's encoding/csv): commas separate, `"…"` quotes.
fn split_csv(text: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    fields.push(current);
    fields
}

fn build_healthcheck(
    node: &Node,
    flags: &[Flag],
    fail: &mut dyn FnMut(Span, String) -> Option<Instruction>,
) -> Option<Healthcheck> {
    let Some(kind) = node.args.first() else {
        fail(
            node.span,
            "HEALTHCHECK requires at least one argument".into(),
        );
        return None;
    };
    let mut check = Healthcheck {
        command: None,
        json: node.json,
        interval_ns: None,
        timeout_ns: None,
        start_period_ns: None,
        start_interval_ns: None,
        retries: None,
    };
    let rest = &node.args[1..];
    match kind.value.to_uppercase().as_str() {
        "NONE" => {
            if !rest.is_empty() {
                fail(node.span, "HEALTHCHECK NONE takes no arguments".into());
                return None;
            }
            return Some(check);
        }
        "CMD" => {
            if rest.is_empty() {
                fail(node.span, "Missing command after HEALTHCHECK CMD".into());
                return None;
            }
            check.command = Some(rest.to_vec());
        }
        other => {
            fail(
                kind.span,
                format!("Unknown type {} in HEALTHCHECK (try CMD)", go::quote(other)),
            );
            return None;
        }
    }
    for flag in flags {
        let value = flag.value.as_deref().unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        let slot = match flag.name.as_str() {
            "interval" => &mut check.interval_ns,
            "timeout" => &mut check.timeout_ns,
            "start-period" => &mut check.start_period_ns,
            "start-interval" => &mut check.start_interval_ns,
            _ => {
                match value.parse::<i32>() {
                    Ok(n) if n < 0 => {
                        fail(flag.span, format!("--retries cannot be negative ({n})"));
                    }
                    Ok(n) => check.retries = Some(n.into()),
                    Err(_) => {
                        let reason = if value
                            .trim_start_matches(['-', '+'])
                            .bytes()
                            .all(|b| b.is_ascii_digit())
                            && value.len() > 1
                        {
                            "value out of range"
                        } else {
                            "invalid syntax"
                        };
                        fail(
                            flag.span,
                            format!("strconv.ParseInt: parsing {}: {reason}", go::quote(value)),
                        );
                    }
                }
                continue;
            }
        };
        match parse_go_duration(value) {
            Ok(0) => *slot = Some(0),
            Ok(ns) if ns < 1_000_000 => {
                fail(
                    flag.span,
                    format!("Interval {} cannot be less than 1ms", go::quote(&flag.name)),
                );
            }
            Ok(ns) => *slot = Some(ns),
            Err(message) => {
                fail(flag.span, message);
            }
        }
    }
    Some(check)
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub fn parse_go_duration(text: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", go::quote(text));
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(invalid());
        }
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "" => {
                return Err(format!(
                    "time: missing unit in duration {}",
                    go::quote(text)
                ))
            }
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go::quote(unit),
                    go::quote(text)
                ))
            }
        };
        total += number.parse::<f64>().map_err(|_| invalid())? * scale;
    }
    if total > i64::MAX as f64 {
        return Err(invalid());
    }
    Ok(if negative {
        -(total as i128)
    } else {
        total as i128
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1m30s"), Ok(90_000_000_000));
        assert_eq!(parse_go_duration("0"), Ok(0));
        assert_eq!(parse_go_duration("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(
            parse_go_duration("abc"),
            Err("time: invalid duration \"abc\"".into())
        );
        assert_eq!(
            parse_go_duration("10"),
            Err("time: missing unit in duration \"10\"".into())
        );
        assert_eq!(
            parse_go_duration("1x"),
            Err("time: unknown unit \"x\" in duration \"1x\"".into())
        );
    }

    #[test]
    fn suggestions_match_case() {
        assert_eq!(
            suggestion("FOO", &["FROM", "RUN"], false),
            " (did you mean FROM?)"
        );
        assert_eq!(
            suggestion("frob", &["FROM", "RUN"], false),
            " (did you mean from?)"
        );
        assert_eq!(suggestion("zzzzzz", &["FROM"], false), "");
    }
}
