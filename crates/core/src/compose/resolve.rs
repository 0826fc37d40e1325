//! The model Docker Compose runs, from a loaded compose tree (files merged,
//! `include` and `extends` applied, values interpolated): what
//! `docker compose config` prints. It follows compose-go's normalisation
//! (`loader/normalize.go`: the default network, build defaults, implicit
//! dependencies, project-prefixed resource names), its short-syntax
//! transforms (ports, volumes, secrets, dependencies, environment lists),
//! its types (`types/*.go`: which fields are printed when empty, durations
//! as Go prints them, sizes in bytes, commands split as a shell would) and
//! leaves out services of inactive profiles and resources no service uses.
//!
//! No IO: the host gives the project directory, the home directory, the
//! environment and a reader for `env_file:` entries.

// Go's `filepath.Clean` for `/` paths is the cleaning BuildKit's paths get.
use crate::dockerignore::clean;
use crate::span::Span;
use crate::yaml::{Node, ScalarKind, Value as Yaml};

use super::output::{Out, Value};
use super::values;

/// What the resolution needs beyond the tree.
pub struct Context<'a> {
    pub project_name: &'a str,
    /// Absolute, as the host sees it (`/home/me/app`).
    pub project_dir: &'a str,
    pub home: Option<&'a str>,
    /// A variable's value, for `environment` and `build.args` entries
    /// written without one.
    pub lookup: &'a dyn Fn(&str) -> Option<String>,
    /// The text of an `env_file:` entry, by absolute path.
    pub read_file: &'a dyn Fn(&str) -> Option<String>,
    pub profiles: &'a [String],
}

/// The service keys in the order compose-go's `ServiceConfig` prints them.
const SERVICE_KEYS: &[&str] = &[
    "profiles",
    "annotations",
    "attach",
    "build",
    "develop",
    "blkio_config",
    "cap_add",
    "cap_drop",
    "cgroup_parent",
    "cgroup",
    "cpu_count",
    "cpu_percent",
    "cpu_period",
    "cpu_quota",
    "cpu_rt_period",
    "cpu_rt_runtime",
    "cpus",
    "cpuset",
    "cpu_shares",
    "command",
    "configs",
    "container_name",
    "credential_spec",
    "depends_on",
    "deploy",
    "device_cgroup_rules",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "dockerfile",
    "domainname",
    "entrypoint",
    "provider",
    "environment",
    "expose",
    "external_links",
    "extra_hosts",
    "group_add",
    "gpus",
    "hostname",
    "healthcheck",
    "image",
    "init",
    "ipc",
    "isolation",
    "labels",
    "label_file",
    "links",
    "logging",
    "log_driver",
    "log_opt",
    "mem_limit",
    "mem_reservation",
    "memswap_limit",
    "mem_swappiness",
    "mac_address",
    "models",
    "net",
    "network_mode",
    "networks",
    "oom_kill_disable",
    "oom_score_adj",
    "pid",
    "pids_limit",
    "platform",
    "ports",
    "privileged",
    "pull_policy",
    "read_only",
    "restart",
    "runtime",
    "scale",
    "secrets",
    "security_opt",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "storage_opt",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "use_api_socket",
    "user",
    "userns_mode",
    "uts",
    "volume_driver",
    "volumes",
    "volumes_from",
    "working_dir",
    "pre_start",
    "post_start",
    "pre_stop",
];

/// How a field of a Go struct prints.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    /// `string`, omitted when empty.
    Str,
    /// `bool`, omitted when false.
    Bool,
    /// `*bool`, printed when written.
    BoolPointer,
    /// An integer, omitted when 0.
    Int,
    /// `*int`, printed when written.
    IntPointer,
    /// A float, omitted when 0.
    Float,
    /// Go's `UnitBytes`: bytes, as a string.
    Bytes,
    /// `*Duration`: Go's duration string.
    Duration,
    /// `[]string`.
    Strings,
    /// `StringList`: a string or a list, printed as a list.
    StringList,
    /// `Mapping` / `Labels`: `KEY=value` items or a mapping, printed as a
    /// mapping of strings.
    Mapping,
    /// `ShellCommand`: always printed, `null` when absent.
    Command,
    /// As written.
    Any,
}

fn service_field(key: &str) -> Field {
    match key {
        "cgroup_parent" | "cgroup" | "cpuset" | "container_name" | "dockerfile" | "domainname"
        | "hostname" | "image" | "ipc" | "isolation" | "log_driver" | "mac_address" | "net"
        | "network_mode" | "pid" | "platform" | "pull_policy" | "restart" | "runtime"
        | "stop_signal" | "user" | "userns_mode" | "uts" | "volume_driver" | "working_dir" => {
            Field::Str
        }
        "oom_kill_disable" | "privileged" | "read_only" | "stdin_open" | "tty"
        | "use_api_socket" => Field::Bool,
        "attach" | "init" => Field::BoolPointer,
        "cpu_count" | "cpu_period" | "cpu_quota" | "cpu_rt_period" | "cpu_rt_runtime"
        | "cpu_shares" | "oom_score_adj" | "pids_limit" => Field::Int,
        "scale" => Field::IntPointer,
        "cpus" | "cpu_percent" => Field::Float,
        "mem_limit" | "mem_reservation" | "memswap_limit" | "mem_swappiness" | "shm_size" => {
            Field::Bytes
        }
        "stop_grace_period" => Field::Duration,
        "profiles"
        | "cap_add"
        | "cap_drop"
        | "device_cgroup_rules"
        | "dns_opt"
        | "external_links"
        | "group_add"
        | "links"
        | "security_opt"
        | "volumes_from"
        | "label_file" => Field::Strings,
        "dns" | "dns_search" | "tmpfs" => Field::StringList,
        "annotations" | "sysctls" | "labels" | "storage_opt" | "log_opt" => Field::Mapping,
        "command" | "entrypoint" => Field::Command,
        _ => Field::Any,
    }
}

/// The model as `config --format json` prints it: a service's `x-` keys
/// are left out (Compose's JSON drops them, its YAML keeps them).
pub fn for_json(model: &Out) -> Out {
    let mut model = model.clone();
    if let Value::Map(top) = &mut model.value {
        for (key, services) in top.iter_mut() {
            if key != "services" {
                continue;
            }
            if let Value::Map(services) = &mut services.value {
                for (_, service) in services.iter_mut() {
                    drop_extensions(service);
                }
            }
        }
    }
    model
}

/// Leaves out `x-` keys of typed structures (not of user mappings such as
/// `environment` or `labels`).
fn drop_extensions(out: &mut Out) {
    match &mut out.value {
        Value::Map(fields) => {
            fields.retain(|(k, _)| !k.starts_with("x-"));
            for (k, v) in fields.iter_mut() {
                let user_keys = matches!(
                    k.as_str(),
                    "environment"
                        | "labels"
                        | "annotations"
                        | "sysctls"
                        | "args"
                        | "options"
                        | "driver_opts"
                );
                if !user_keys {
                    drop_extensions(v);
                }
            }
        }
        Value::List(items) => items.iter_mut().for_each(drop_extensions),
        _ => {}
    }
}

/// The model as `config` prints it in YAML: an absent `command` or
/// `entrypoint` is left out, and the sections come in compose-go's order
/// (name, services, networks, volumes, secrets, configs, models, `x-`).
pub fn for_yaml(model: &Out) -> Out {
    let mut model = model.clone();
    if let Value::Map(top) = &mut model.value {
        let rank = |k: &str| {
            [
                "name", "services", "networks", "volumes", "secrets", "configs", "models",
            ]
            .iter()
            .position(|s| *s == k)
            .unwrap_or(7)
        };
        crate::sort::sort_by_key(top, |(k, _)| rank(k));
        for (key, services) in top.iter_mut() {
            if key != "services" {
                continue;
            }
            if let Value::Map(services) = &mut services.value {
                for (_, service) in services.iter_mut() {
                    if let Value::Map(fields) = &mut service.value {
                        fields.retain(|(k, v)| {
                            !(matches!(k.as_str(), "command" | "entrypoint")
                                && v.value == Value::Null)
                        });
                    }
                }
            }
        }
        drop_empty_structs(&mut model);
    }
    model
}

/// Structs that YAML's `omitempty` leaves out when they hold nothing
/// (JSON prints them as `{}`).
fn drop_empty_structs(out: &mut Out) {
    match &mut out.value {
        Value::Map(fields) => {
            for (_, v) in fields.iter_mut() {
                drop_empty_structs(v);
            }
            fields.retain(|(k, v)| {
                let empty = match k.as_str() {
                    "ipam" | "placement" | "resources" => v.is_empty(),
                    "exec" => v.get("command").is_some_and(|c| c.value == Value::Null),
                    _ => false,
                };
                !empty
            });
        }
        Value::List(items) => items.iter_mut().for_each(drop_empty_structs),
        _ => {}
    }
}

/// The resolved model of a loaded compose tree.
pub fn resolve(root: &Node, context: &Context) -> Out {
    let services_node = root.get("services");
    let mut services: Vec<(String, Out)> = Vec::new();
    for entry in services_node.map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        if !super::service_runs(&entry.value, context.profiles) {
            continue;
        }
        services.push((name.to_string(), service(&entry.value, context)));
    }
    crate::sort::sort_by(&mut services, |a, b| a.0.cmp(&b.0));
    // Dependencies on services that do not run (inactive profiles) go.
    let running: Vec<String> = services.iter().map(|(n, _)| n.clone()).collect();
    for (_, service) in &mut services {
        prune_dependencies(service, &running);
    }

    let mut top: Vec<(String, Out)> = Vec::new();
    top.push((
        "name".into(),
        Out::str(context.project_name, root.get("name").map(|n| n.span)),
    ));
    let used_networks = used(&services, |s| {
        s.get("networks").map(keys).unwrap_or_default()
    });
    let used_volumes = used(&services, |s| match s.get("volumes").map(|v| &v.value) {
        Some(Value::List(items)) => items
            .iter()
            .filter(|v| v.get("type").and_then(as_str) == Some("volume"))
            .filter_map(|v| v.get("source").and_then(as_str).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    });
    let used_secrets = used(&services, |s| {
        let mut names = sources(s, "secrets");
        if let Some(build) = s.get("build") {
            names.extend(sources(build, "secrets"));
        }
        names
    });
    let used_configs = used(&services, |s| sources(s, "configs"));
    let mut networks = resources(root, "networks", &used_networks, context);
    if used_networks.iter().any(|n| n == "default") && !networks.iter().any(|(k, _)| k == "default")
    {
        networks.push((
            "default".into(),
            resource_defaults("networks", "default", None, None, context),
        ));
        crate::sort::sort_by(&mut networks, |a, b| a.0.cmp(&b.0));
    }
    let sections = [
        (
            "configs",
            resources(root, "configs", &used_configs, context),
        ),
        ("networks", networks),
        (
            "secrets",
            resources(root, "secrets", &used_secrets, context),
        ),
        ("services", services),
        (
            "volumes",
            resources(root, "volumes", &used_volumes, context),
        ),
    ];
    for (name, entries) in sections {
        // `services` is printed even when no service runs.
        if !entries.is_empty() || name == "services" {
            top.push((
                name.into(),
                Out::map(entries, root.get(name).map(|n| n.span)),
            ));
        }
    }
    for entry in root.entries() {
        if let Some(key) = entry.key.as_str().filter(|k| k.starts_with("x-")) {
            top.push((key.to_string(), any(&entry.value)));
        }
    }
    if root.get("models").is_some() {
        top.push(("models".into(), any(root.get("models").unwrap_or(root))));
    }
    crate::sort::sort_by(&mut top, |a, b| a.0.cmp(&b.0));
    Out::map(top, Some(root.span))
}

fn prune_dependencies(service: &mut Out, running: &[String]) {
    let Value::Map(fields) = &mut service.value else {
        return;
    };
    for (key, value) in fields.iter_mut() {
        if key == "depends_on" {
            if let Value::Map(dependencies) = &mut value.value {
                dependencies.retain(|(name, _)| running.contains(name));
            }
        }
    }
    fields.retain(|(key, value)| key != "depends_on" || !value.is_empty());
}

fn used(services: &[(String, Out)], names: impl Fn(&Out) -> Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = services.iter().flat_map(|(_, s)| names(s)).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

fn keys(out: &Out) -> Vec<String> {
    match &out.value {
        Value::Map(entries) => entries.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
}

fn sources(service: &Out, section: &str) -> Vec<String> {
    match service.get(section).map(|s| &s.value) {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|i| i.get("source").and_then(as_str).map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn as_str(out: &Out) -> Option<&str> {
    match &out.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// A scalar's text (numbers and booleans as written).
fn text(node: &Node) -> Option<String> {
    let scalar = node.scalar()?;
    match scalar.kind {
        ScalarKind::Null => None,
        ScalarKind::Bool(b) => Some(b.to_string()),
        _ => Some(scalar.text.clone()),
    }
}

fn span(node: &Node) -> Option<Span> {
    Some(node.span)
}

/// A node as written, typed as YAML types it.
fn any(node: &Node) -> Out {
    let value = match &node.value {
        Yaml::Scalar(scalar) => match scalar.kind {
            ScalarKind::Null => Value::Null,
            ScalarKind::Bool(b) => Value::Bool(b),
            ScalarKind::Int(n) => Value::Int(n),
            ScalarKind::Float(f) => Value::Float(f),
            ScalarKind::Str => Value::Str(scalar.text.clone()),
        },
        Yaml::Seq(items) => Value::List(items.iter().map(any).collect()),
        Yaml::Map(entries) => {
            let mut out: Vec<(String, Out)> = entries
                .iter()
                .filter_map(|e| Some((e.key.as_str()?.to_string(), any(&e.value))))
                .collect();
            crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
            Value::Map(out)
        }
    };
    Out::new(value, span(node))
}

/// A field printed as its Go type prints it; `None` when omitted.
fn field(node: &Node, kind: Field, context: &Context) -> Option<Out> {
    let at = span(node);
    let out = match kind {
        Field::Str => Out::str(text(node)?, at),
        Field::Bool => Out::new(Value::Bool(boolean(node)?), at),
        Field::BoolPointer => return Some(Out::new(Value::Bool(boolean(node)?), at)),
        Field::Int => Out::new(Value::Int(text(node)?.parse().ok()?), at),
        Field::IntPointer => return Some(Out::new(Value::Int(text(node)?.parse().ok()?), at)),
        Field::Float => Out::new(Value::Float(text(node)?.parse().ok()?), at),
        Field::Bytes => Out::str(bytes(node)?, at),
        Field::Duration => return Some(Out::str(duration(node)?, at)),
        Field::Strings | Field::StringList => {
            let items: Vec<Out> = match &node.value {
                Yaml::Seq(items) => items
                    .iter()
                    .filter_map(|i| Some(Out::str(text(i)?, span(i))))
                    .collect(),
                Yaml::Scalar(_) if kind == Field::StringList => {
                    vec![Out::str(text(node).filter(|t| !t.is_empty())?, at)]
                }
                _ => return None,
            };
            Out::new(Value::List(items), at)
        }
        Field::Mapping => mapping(node, |_| Some(String::new()))?,
        Field::Command => return Some(command(node)),
        Field::Any => any(node),
    };
    let _ = context;
    (!out.is_empty()).then_some(out)
}

fn boolean(node: &Node) -> Option<bool> {
    match node.scalar()?.kind {
        ScalarKind::Bool(b) => Some(b),
        _ => match node.scalar()?.text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" => Some(true),
            "false" | "no" | "n" | "off" => Some(false),
            _ => None,
        },
    }
}

/// A size in bytes, as `UnitBytes` prints it.
fn bytes(node: &Node) -> Option<String> {
    let scalar = node.scalar()?;
    let n = match scalar.kind {
        ScalarKind::Int(n) => n as f64,
        _ => values::parse_byte_size(&scalar.text).ok()?,
    };
    Some(format!("{}", n as i64))
}

fn duration(node: &Node) -> Option<String> {
    let seconds = values::parse_duration(&text(node)?).ok()?;
    Some(go_duration((seconds * 1e9).round() as i64))
}

/// Go's `time.Duration.String`.
pub fn go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let sign = if ns < 0 { "-" } else { "" };
    let u = ns.unsigned_abs();
    let fraction = |value: u64, digits: u32| -> String {
        let scale = 10u64.pow(digits);
        let whole = value / scale;
        let rest = value % scale;
        if rest == 0 {
            whole.to_string()
        } else {
            let rest = format!("{rest:0width$}", width = digits as usize);
            format!("{whole}.{}", rest.trim_end_matches('0'))
        }
    };
    if u < 1_000 {
        return format!("{sign}{u}ns");
    }
    if u < 1_000_000 {
        return format!("{sign}{}µs", fraction(u, 3));
    }
    if u < 1_000_000_000 {
        return format!("{sign}{}ms", fraction(u, 6));
    }
    let hours = u / 3_600_000_000_000;
    let minutes = (u / 60_000_000_000) % 60;
    let seconds = u % 60_000_000_000;
    let mut out = sign.to_string();
    if hours > 0 {
        out.push_str(&format!("{hours}h"));
    }
    if hours > 0 || minutes > 0 {
        out.push_str(&format!("{minutes}m"));
    }
    out.push_str(&format!("{}s", fraction(seconds, 9)));
    out
}

/// `KEY=value` items or a mapping, as a mapping of strings; `missing` gives
/// the value of a key written without one (`None`: left out).
fn mapping(node: &Node, missing: impl Fn(&str) -> Option<String>) -> Option<Out> {
    let mut out: Vec<(String, Out)> = Vec::new();
    match &node.value {
        Yaml::Seq(items) => {
            for item in items {
                let Some(entry) = text(item) else { continue };
                match entry.split_once('=') {
                    Some((k, v)) => out.push((k.to_string(), Out::str(v, span(item)))),
                    None => {
                        if let Some(v) = missing(&entry) {
                            out.push((entry.clone(), Out::str(v, span(item))));
                        }
                    }
                }
            }
        }
        Yaml::Map(entries) => {
            for entry in entries {
                let Some(key) = entry.key.as_str() else {
                    continue;
                };
                match text(&entry.value) {
                    Some(v) => out.push((key.to_string(), Out::str(v, span(&entry.value)))),
                    None => {
                        if let Some(v) = missing(key) {
                            out.push((key.to_string(), Out::str(v, span(&entry.key))));
                        }
                    }
                }
            }
        }
        Yaml::Scalar(_) => return None,
    }
    // The last value of a key wins; keys print sorted.
    let mut deduped: Vec<(String, Out)> = Vec::new();
    for (k, v) in out {
        deduped.retain(|(d, _)| *d != k);
        deduped.push((k, v));
    }
    crate::sort::sort_by(&mut deduped, |a, b| a.0.cmp(&b.0));
    Some(Out::map(deduped, span(node)))
}

/// `command` / `entrypoint`: a list, a string split as a shell splits it,
/// or `null`.
fn command(node: &Node) -> Out {
    let at = span(node);
    match &node.value {
        Yaml::Seq(items) => Out::new(
            Value::List(
                items
                    .iter()
                    .filter_map(|i| Some(Out::str(text(i)?, span(i))))
                    .collect(),
            ),
            at,
        ),
        Yaml::Scalar(_) => match text(node) {
            Some(line) => Out::new(
                Value::List(
                    shell_split(&line)
                        .into_iter()
                        .map(|w| Out::str(w, at))
                        .collect(),
                ),
                at,
            ),
            None => Out::null(at),
        },
        Yaml::Map(_) => Out::null(at),
    }
}

/// Words of a command line as go-shellwords splits them: quotes group,
/// backslashes escape, no expansion.
pub fn shell_split(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => word.push(c),
            (_, '\\') => {
                started = true;
                match chars.next() {
                    Some(next) if quote == Some('"') && !matches!(next, '"' | '\\' | '$' | '`') => {
                        word.push('\\');
                        word.push(next);
                    }
                    Some(next) => word.push(next),
                    None => word.push('\\'),
                }
            }
            (_, c) => {
                started = true;
                word.push(c);
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// An absolute path as compose-go resolves a relative one.
fn absolute(path: &str, context: &Context) -> String {
    if let Some(rest) = path.strip_prefix('~') {
        if rest.is_empty() || rest.starts_with('/') {
            if let Some(home) = context.home {
                return clean(&format!("{home}{rest}"));
            }
        }
    }
    // An absolute path is kept as written; a relative one is joined (and
    // so cleaned) as Go's `filepath.Join` does.
    let mut chars = path.chars();
    let drive = matches!((chars.next(), chars.next()), (Some(letter), Some(':')) if letter.is_ascii_alphabetic());
    if path.starts_with('/') || drive {
        return path.to_string();
    }
    clean(&format!("{}/{path}", context.project_dir))
}

fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@") || path.starts_with("github.com/")
}

/// The items of a list, a later one replacing an earlier one with the same
/// key in its place (compose-go's `EnforceUnicity`).
fn unique_items(node: &Node, key: impl Fn(&Node) -> Option<String>) -> Node {
    let mut kept: Vec<(Option<String>, Node)> = Vec::new();
    for item in node.items() {
        let k = key(item);
        match kept
            .iter_mut()
            .find(|(existing, _)| k.is_some() && *existing == k)
        {
            Some(slot) => slot.1 = item.clone(),
            None => kept.push((k, item.clone())),
        }
    }
    Node {
        span: node.span,
        value: Yaml::Seq(kept.into_iter().map(|(_, n)| n).collect()),
    }
}

/// compose-go's `keyValueIndexer`: the part before `=`.
fn key_of(item: &Node) -> Option<String> {
    let t = text(item)?;
    Some(t.split_once('=').map_or(t.clone(), |(k, _)| k.to_string()))
}

fn volume_target(item: &Node) -> Option<String> {
    if item.is_map() {
        return item.get("target").and_then(text);
    }
    let t = text(item)?;
    let parts: Vec<&str> = t.split(':').collect();
    Some(match parts.as_slice() {
        [target] => target.to_string(),
        [_, target, ..] => target.to_string(),
        [] => t.clone(),
    })
}

fn port_key(item: &Node) -> Option<String> {
    if !item.is_map() {
        return text(item);
    }
    let field = |k: &str| item.get(k).and_then(text).unwrap_or_default();
    let protocol = item
        .get("protocol")
        .and_then(text)
        .unwrap_or_else(|| "tcp".into());
    Some(format!(
        "{}:{}:{}/{protocol}",
        field("host_ip"),
        field("published"),
        field("target")
    ))
}

fn mount_key(default_dir: &'static str) -> impl Fn(&Node) -> Option<String> {
    move |item: &Node| {
        if item.is_map() {
            if let Some(target) = item.get("target").and_then(text) {
                return Some(target);
            }
            return Some(format!(
                "{default_dir}/{}",
                item.get("source").and_then(text)?
            ));
        }
        Some(format!("{default_dir}/{}", text(item)?))
    }
}

/// A service's lists with their duplicates merged away.
fn unique_lists(service: &Node) -> Node {
    let mut service = service.clone();
    if let Yaml::Map(entries) = &mut service.value {
        for entry in entries.iter_mut() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if !entry.value.is_seq() {
                continue;
            }
            let value = &entry.value;
            entry.value = match key {
                "volumes" => unique_items(value, volume_target),
                "ports" => unique_items(value, port_key),
                "secrets" => unique_items(value, mount_key("/run/secrets")),
                "configs" => unique_items(value, mount_key("")),
                "cap_add" | "cap_drop" | "dns" | "dns_opt" | "dns_search" | "links"
                | "profiles" | "tmpfs" | "expose" => unique_items(value, key_of),
                _ => continue,
            };
        }
    }
    service
}

fn service(node: &Node, context: &Context) -> Out {
    let unique = unique_lists(node);
    let node = &unique;
    let mut fields: Vec<(String, Out)> = Vec::new();
    let mut depends = dependencies(node);
    for key in SERVICE_KEYS {
        let value = node.get(key);
        let out = match *key {
            "build" => value.and_then(|v| build(v, context)),
            "depends_on" => None,
            "environment" => environment(node, context),
            "networks" => networks(node),
            "ports" => value.map(ports),
            "volumes" => value.map(|v| volumes(v, context)),
            "secrets" => value.map(|v| references(v, Some("/run/secrets/"))),
            "configs" => value.map(|v| references(v, None)),
            "healthcheck" => value.map(healthcheck),
            "deploy" => value.map(deploy),
            "expose" => value.map(|v| {
                Out::new(
                    Value::List(
                        v.items()
                            .iter()
                            .filter_map(|i| Some(Out::str(text(i)?, span(i))))
                            .collect(),
                    ),
                    span(v),
                )
            }),
            "extra_hosts" => value.map(extra_hosts),
            "develop" => value.map(|v| develop(v, context)),
            "devices" => value.map(devices),
            "gpus" => value.map(device_requests),
            "provider" => value.map(provider),
            "command" | "entrypoint" => Some(value.map_or(Out::null(None), command)),
            _ => value.and_then(|v| field(v, service_field(key), context)),
        };
        if *key == "depends_on" {
            if !depends.is_empty() {
                crate::sort::sort_by(&mut depends, |a, b| a.0.cmp(&b.0));
                fields.push((
                    "depends_on".into(),
                    Out::map(
                        std::mem::take(&mut depends),
                        node.get("depends_on").and_then(span),
                    ),
                ));
            }
            continue;
        }
        // Pointers (`*bool`, `*int`, `*Duration`) print whatever they hold.
        let pointer = matches!(
            service_field(key),
            Field::BoolPointer | Field::IntPointer | Field::Duration | Field::Command
        );
        if let Some(out) = out.filter(|o| pointer || !o.is_empty()) {
            fields.push((key.to_string(), out));
        }
    }
    for entry in node.entries() {
        if let Some(key) = entry.key.as_str().filter(|k| k.starts_with("x-")) {
            fields.push((key.to_string(), any(&entry.value)));
        }
    }
    Out::map(fields, span(node))
}

/// `depends_on` in long form, with the dependencies that links, shared
/// namespaces and `volumes_from` imply.
fn dependencies(service: &Node) -> Vec<(String, Out)> {
    let mut out: Vec<(String, Out)> = Vec::new();
    let entry = |condition: &str, restart: bool, required: bool, at: Option<Span>| {
        let mut fields = vec![("condition".to_string(), Out::str(condition, None))];
        if restart {
            fields.push(("restart".into(), Out::new(Value::Bool(true), None)));
        }
        fields.push(("required".into(), Out::new(Value::Bool(required), None)));
        Out::map(fields, at)
    };
    match service.get("depends_on").map(|d| &d.value) {
        Some(Yaml::Seq(items)) => {
            for item in items {
                if let Some(name) = text(item) {
                    out.push((name, entry("service_started", false, true, span(item))));
                }
            }
        }
        Some(Yaml::Map(entries)) => {
            for e in entries {
                let Some(name) = e.key.as_str() else { continue };
                let condition = e
                    .value
                    .get("condition")
                    .and_then(text)
                    .unwrap_or_else(|| "service_started".into());
                let restart = e.value.get("restart").and_then(boolean).unwrap_or(false);
                let required = e.value.get("required").and_then(boolean).unwrap_or(true);
                out.push((
                    name.to_string(),
                    entry(&condition, restart, required, span(&e.key)),
                ));
            }
        }
        _ => {}
    }
    let mut implied = |name: String, restart: bool| {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, entry("service_started", restart, true, None)));
        }
    };
    for link in service.get("links").map(Node::items).unwrap_or_default() {
        if let Some(link) = text(link) {
            let name = match link.split(':').collect::<Vec<_>>().as_slice() {
                [name, _] => name.to_string(),
                _ => link.clone(),
            };
            implied(name, true);
        }
    }
    for namespace in ["network_mode", "ipc", "pid", "uts", "cgroup"] {
        if let Some(shared) = service
            .get(namespace)
            .and_then(text)
            .and_then(|v| v.strip_prefix("service:").map(str::to_string))
        {
            implied(shared, true);
        }
    }
    for from in service
        .get("volumes_from")
        .map(Node::items)
        .unwrap_or_default()
    {
        if let Some(from) = text(from).filter(|f| !f.starts_with("container:")) {
            let name = from.split(':').next().unwrap_or_default().to_string();
            implied(name, false);
        }
    }
    out
}

fn build(node: &Node, context: &Context) -> Option<Out> {
    let at = span(node);
    if let Some(path) = text(node) {
        let context_path = if is_remote(&path) {
            path
        } else {
            absolute(&path, context)
        };
        return Some(Out::map(
            vec![
                ("context".into(), Out::str(context_path, at)),
                ("dockerfile".into(), Out::str("Dockerfile", None)),
            ],
            at,
        ));
    }
    if !node.is_map() {
        return None;
    }
    let mut fields: Vec<(String, Out)> = Vec::new();
    let written = node.get("context").and_then(text);
    let context_path = match written.as_deref() {
        Some(p) if is_remote(p) => p.to_string(),
        Some(p) => absolute(p, context),
        None => absolute(".", context),
    };
    fields.push((
        "context".into(),
        Out::str(context_path, node.get("context").and_then(span)),
    ));
    match node.get("dockerfile").and_then(text) {
        Some(d) => fields.push((
            "dockerfile".into(),
            Out::str(d, node.get("dockerfile").and_then(span)),
        )),
        None if node.get("dockerfile_inline").is_none() => {
            fields.push(("dockerfile".into(), Out::str("Dockerfile", None)));
        }
        None => {}
    }
    for (key, kind) in [
        ("dockerfile_inline", Field::Str),
        ("entitlements", Field::Strings),
        ("args", Field::Any),
        ("provenance", Field::Str),
        ("sbom", Field::Str),
        ("ssh", Field::Any),
        ("labels", Field::Mapping),
        ("cache_from", Field::StringList),
        ("cache_to", Field::StringList),
        ("no_cache", Field::Bool),
        ("no_cache_filter", Field::StringList),
        ("additional_contexts", Field::Mapping),
        ("pull", Field::Bool),
        ("extra_hosts", Field::Any),
        ("isolation", Field::Str),
        ("network", Field::Str),
        ("target", Field::Str),
        ("secrets", Field::Any),
        ("shm_size", Field::Bytes),
        ("tags", Field::StringList),
        ("ulimits", Field::Any),
        ("platforms", Field::StringList),
        ("privileged", Field::Bool),
    ] {
        let Some(value) = node.get(key) else { continue };
        let out = match key {
            "args" => mapping(value, |k| (context.lookup)(k)),
            "additional_contexts" => mapping(value, |_| None).map(|mut m| {
                if let Value::Map(entries) = &mut m.value {
                    for (_, v) in entries.iter_mut() {
                        if let Value::Str(path) = &v.value {
                            let named = path.contains("://")
                                || ["docker-image:", "service:", "target:"]
                                    .iter()
                                    .any(|p| path.starts_with(p));
                            if !named {
                                v.value = Value::Str(absolute(path, context));
                            }
                        }
                    }
                }
                m
            }),
            "secrets" => Some(references(value, None)),
            "extra_hosts" => Some(extra_hosts(value)),
            _ => field(value, kind, context),
        };
        if let Some(out) = out.filter(|o| !o.is_empty()) {
            fields.push((key.to_string(), out));
        }
    }
    Some(Out::map(fields, at))
}

/// `environment`, with the `env_file:` entries under it.
fn environment(service: &Node, context: &Context) -> Option<Out> {
    let mut values: Vec<(String, Out)> = Vec::new();
    let files: Vec<(String, Option<Span>)> = match service.get("env_file") {
        Some(node) => match &node.value {
            Yaml::Scalar(_) => text(node).map(|p| (p, span(node))).into_iter().collect(),
            Yaml::Seq(items) => items
                .iter()
                .filter_map(|i| {
                    let path = text(i).or_else(|| i.get("path").and_then(text))?;
                    Some((path, span(i)))
                })
                .collect(),
            Yaml::Map(_) => Vec::new(),
        },
        None => Vec::new(),
    };
    for (path, at) in files {
        let Some(content) = (context.read_file)(&absolute(&path, context)) else {
            continue;
        };
        let lookup = |name: &str| (context.lookup)(name);
        for entry in super::dotenv::parse(&content, &lookup).entries {
            values.retain(|(k, _)| *k != entry.name);
            values.push((entry.name, Out::str(entry.value, at)));
        }
    }
    if let Some(node) = service.get("environment") {
        let mut written: Vec<(String, Out)> = Vec::new();
        let missing = |name: &str, at: Option<Span>| match (context.lookup)(name) {
            Some(v) => Out::str(v, at),
            None => Out::null(at),
        };
        match &node.value {
            Yaml::Seq(items) => {
                for item in items {
                    let Some(entry) = text(item) else { continue };
                    match entry.split_once('=') {
                        Some((k, v)) => written.push((k.to_string(), Out::str(v, span(item)))),
                        None => written.push((entry.clone(), missing(&entry, span(item)))),
                    }
                }
            }
            Yaml::Map(entries) => {
                for e in entries {
                    let Some(key) = e.key.as_str() else { continue };
                    let value = match text(&e.value) {
                        Some(v) => Out::str(v, span(&e.value)),
                        None => missing(key, span(&e.key)),
                    };
                    written.push((key.to_string(), value));
                }
            }
            Yaml::Scalar(_) => {}
        }
        for (k, v) in written {
            values.retain(|(d, _)| *d != k);
            values.push((k, v));
        }
    }
    crate::sort::sort_by(&mut values, |a, b| a.0.cmp(&b.0));
    (!values.is_empty()).then(|| Out::map(values, service.get("environment").and_then(span)))
}

/// The service's networks as a mapping; `default` when it names none.
fn networks(service: &Node) -> Option<Out> {
    if service.get("network_mode").is_some() || service.get("provider").is_some() {
        return None;
    }
    let node = service.get("networks");
    let mut out: Vec<(String, Out)> = Vec::new();
    match node.map(|n| &n.value) {
        Some(Yaml::Seq(items)) => {
            for item in items {
                if let Some(name) = text(item) {
                    out.push((name, Out::null(span(item))));
                }
            }
        }
        Some(Yaml::Map(entries)) => {
            for e in entries {
                let Some(name) = e.key.as_str() else { continue };
                let value = if e.value.is_null() {
                    Out::null(span(&e.key))
                } else {
                    any(&e.value)
                };
                out.push((name.to_string(), value));
            }
        }
        _ => {}
    }
    if out.is_empty() {
        out.push(("default".into(), Out::null(None)));
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    Some(Out::map(out, node.and_then(span)))
}

fn ports(node: &Node) -> Out {
    let mut out = Vec::new();
    for item in node.items() {
        let at = span(item);
        if item.is_map() {
            let mut fields = vec![(
                "mode".to_string(),
                Out::str(
                    item.get("mode")
                        .and_then(text)
                        .unwrap_or_else(|| "ingress".into()),
                    item.get("mode").and_then(span),
                ),
            )];
            if let Some(ip) = item.get("host_ip").and_then(text) {
                fields.push((
                    "host_ip".into(),
                    Out::str(ip, item.get("host_ip").and_then(span)),
                ));
            }
            if let Some(target) = item
                .get("target")
                .and_then(text)
                .and_then(|t| t.parse::<i64>().ok())
            {
                fields.push((
                    "target".into(),
                    Out::new(Value::Int(target), item.get("target").and_then(span)),
                ));
            }
            if let Some(published) = item.get("published").and_then(text) {
                fields.push((
                    "published".into(),
                    Out::str(published, item.get("published").and_then(span)),
                ));
            }
            fields.push((
                "protocol".into(),
                Out::str(
                    item.get("protocol")
                        .and_then(text)
                        .unwrap_or_else(|| "tcp".into()),
                    item.get("protocol").and_then(span),
                ),
            ));
            for key in ["app_protocol", "name"] {
                if let Some(v) = item.get(key).and_then(text) {
                    fields.push((key.into(), Out::str(v, item.get(key).and_then(span))));
                }
            }
            out.push(Out::map(fields, at));
            continue;
        }
        let Some(spec) = text(item) else { continue };
        let Ok(port) = values::parse_port(&spec) else {
            continue;
        };
        let count = port.target.1 - port.target.0;
        for i in 0..=count {
            let mut fields = vec![("mode".to_string(), Out::str("ingress", None))];
            if let Some(ip) = &port.host_ip {
                fields.push(("host_ip".into(), Out::str(ip.clone(), at)));
            }
            fields.push((
                "target".into(),
                Out::new(Value::Int((port.target.0 + i) as i64), at),
            ));
            if let Some((low, high)) = port.published {
                let published = if count == 0 && high > low {
                    format!("{low}-{high}")
                } else {
                    (low + i).to_string()
                };
                fields.push(("published".into(), Out::str(published, at)));
            }
            fields.push(("protocol".into(), Out::str(port.protocol.clone(), at)));
            out.push(Out::map(fields, at));
        }
    }
    Out::new(Value::List(out), span(node))
}

fn volumes(node: &Node, context: &Context) -> Out {
    let mut out = Vec::new();
    for item in node.items() {
        let at = span(item);
        if item.is_map() {
            let kind = item
                .get("type")
                .and_then(text)
                .unwrap_or_else(|| "volume".into());
            let mut fields = vec![(
                "type".to_string(),
                Out::str(kind.clone(), item.get("type").and_then(span)),
            )];
            if let Some(source) = item.get("source").and_then(text) {
                let source = if kind == "bind" {
                    absolute(&source, context)
                } else {
                    source
                };
                fields.push((
                    "source".into(),
                    Out::str(source, item.get("source").and_then(span)),
                ));
            }
            if let Some(target) = item.get("target").and_then(text) {
                fields.push((
                    "target".into(),
                    Out::str(clean(&target), item.get("target").and_then(span)),
                ));
            }
            if item.get("read_only").and_then(boolean) == Some(true) {
                fields.push((
                    "read_only".into(),
                    Out::new(Value::Bool(true), item.get("read_only").and_then(span)),
                ));
            }
            if let Some(consistency) = item.get("consistency").and_then(text) {
                fields.push((
                    "consistency".into(),
                    Out::str(consistency, item.get("consistency").and_then(span)),
                ));
            }
            for key in ["bind", "volume", "tmpfs", "image"] {
                if let Some(v) = item.get(key).filter(|v| v.is_map()) {
                    let mut value = any(v);
                    if let Value::Map(sub) = &mut value.value {
                        if key == "tmpfs" {
                            for (k, field) in sub.iter_mut() {
                                if k == "size" {
                                    if let Some(b) = v.get("size").and_then(bytes) {
                                        *field = Out::new(
                                            Value::Int(b.parse().unwrap_or(0)),
                                            field.span,
                                        );
                                    }
                                }
                            }
                        }
                        sub.retain(|(_, f)| !f.is_empty());
                    }
                    fields.push((key.into(), value));
                }
            }
            out.push(Out::map(fields, at));
            continue;
        }
        let Some(spec) = text(item) else { continue };
        out.push(short_volume(&spec, at, context));
    }
    Out::new(Value::List(out), span(node))
}

/// `SOURCE:TARGET[:MODE]` as compose-go's `ParseVolume` reads it: `:`
/// inside `${…}` and after a Windows drive letter does not split; a
/// source that is a path makes a bind mount.
fn short_volume(spec: &str, at: Option<Span>, context: &Context) -> Out {
    let mut source = String::new();
    let mut target = String::new();
    let mut read_only = false;
    let mut nocopy = false;
    let mut bind_options: Vec<(String, Out)> = Vec::new();
    let chars: Vec<char> = spec.chars().collect();
    if chars.len() <= 2 {
        return Out::map(
            vec![
                ("type".into(), Out::str("volume", at)),
                ("target".into(), Out::str(spec, at)),
            ],
            at,
        );
    }
    let mut buffer = String::new();
    let mut nesting = 0usize;
    let end = '\u{0}';
    for (i, c) in chars
        .iter()
        .copied()
        .chain(std::iter::once(end))
        .enumerate()
    {
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            nesting += 1;
            buffer.push(c);
            continue;
        }
        if c == '}' && nesting > 0 {
            nesting -= 1;
            buffer.push(c);
            continue;
        }
        let drive =
            c == ':' && buffer.chars().count() == 1 && buffer.chars().all(char::is_alphabetic);
        if drive {
            buffer.push(c);
        } else if (c == ':' || c == end) && nesting == 0 {
            if buffer.is_empty() {
                break;
            }
            if source.is_empty() && c == end {
                target = std::mem::take(&mut buffer);
            } else if source.is_empty() {
                source = std::mem::take(&mut buffer);
            } else if target.is_empty() {
                target = std::mem::take(&mut buffer);
            } else {
                for option in buffer.split(',') {
                    match option {
                        "ro" => read_only = true,
                        "rw" => read_only = false,
                        "nocopy" => nocopy = true,
                        "z" | "Z" => bind_options.push(("selinux".into(), Out::str(option, at))),
                        "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" => {
                            bind_options.push(("propagation".into(), Out::str(option, at)));
                        }
                        _ => {}
                    }
                }
                buffer.clear();
            }
        } else {
            buffer.push(c);
        }
    }
    let is_path = {
        let mut chars = source.chars();
        match (chars.next(), chars.next()) {
            (Some('.' | '/' | '~'), _) => true,
            _ if source.starts_with("\\\\") => true,
            (Some(first), Some(':')) => first.is_alphabetic(),
            _ => false,
        }
    };
    let kind = if is_path { "bind" } else { "volume" };
    let mut fields = vec![("type".to_string(), Out::str(kind, at))];
    if !source.is_empty() {
        let source = if is_path {
            absolute(&source, context)
        } else {
            source
        };
        fields.push(("source".into(), Out::str(source, at)));
    }
    fields.push(("target".into(), Out::str(clean(&target), at)));
    if read_only {
        fields.push(("read_only".into(), Out::new(Value::Bool(true), at)));
    }
    if is_path {
        bind_options.push(("create_host_path".into(), Out::new(Value::Bool(true), None)));
        fields.push(("bind".into(), Out::map(bind_options, None)));
    } else {
        if !bind_options.is_empty() {
            fields.push(("bind".into(), Out::map(bind_options, None)));
        }
        let volume = if nocopy {
            vec![("nocopy".to_string(), Out::new(Value::Bool(true), at))]
        } else {
            Vec::new()
        };
        fields.push(("volume".into(), Out::map(volume, None)));
    }
    Out::map(fields, at)
}

/// A service's `secrets` / `configs`: short names to `{source}`, secrets
/// mounted under `/run/secrets/` by default.
fn references(node: &Node, default_dir: Option<&str>) -> Out {
    let mut out = Vec::new();
    for item in node.items() {
        let at = span(item);
        let mut fields: Vec<(String, Out)> = Vec::new();
        let source = if item.is_map() {
            item.get("source").and_then(text)
        } else {
            text(item)
        };
        let Some(source) = source else { continue };
        fields.push(("source".into(), Out::str(source.clone(), at)));
        let target = if item.is_map() {
            item.get("target").and_then(text)
        } else {
            None
        };
        match (target, default_dir) {
            (Some(t), _) => fields.push((
                "target".into(),
                Out::str(t, item.get("target").and_then(span)),
            )),
            (None, Some(dir)) => {
                fields.push(("target".into(), Out::str(format!("{dir}{source}"), None)))
            }
            (None, None) => {}
        }
        if item.is_map() {
            for key in ["uid", "gid"] {
                if let Some(v) = item.get(key).and_then(text) {
                    fields.push((key.into(), Out::str(v, item.get(key).and_then(span))));
                }
            }
            if let Some(mode) = item.get("mode") {
                // Go's `FileMode` prints in octal.
                let bits = match mode.scalar().map(|s| s.kind) {
                    Some(ScalarKind::Int(n)) => Some(n),
                    _ => text(mode)
                        .and_then(|t| i64::from_str_radix(t.trim_start_matches("0o"), 8).ok()),
                };
                if let Some(bits) = bits {
                    fields.push(("mode".into(), Out::str(format!("0{bits:o}"), span(mode))));
                }
            }
        }
        out.push(Out::map(fields, at));
    }
    Out::new(Value::List(out), span(node))
}

fn healthcheck(node: &Node) -> Out {
    let mut fields: Vec<(String, Out)> = Vec::new();
    if let Some(test) = node.get("test") {
        let value = match &test.value {
            Yaml::Scalar(_) => Out::new(
                Value::List(vec![
                    Out::str("CMD-SHELL", None),
                    Out::str(text(test).unwrap_or_default(), span(test)),
                ]),
                span(test),
            ),
            _ => command(test),
        };
        fields.push(("test".into(), value));
    }
    for key in ["timeout", "interval"] {
        if let Some(d) = node.get(key).and_then(duration) {
            fields.push((key.into(), Out::str(d, node.get(key).and_then(span))));
        }
    }
    if let Some(retries) = node
        .get("retries")
        .and_then(text)
        .and_then(|r| r.parse::<i64>().ok())
    {
        fields.push((
            "retries".into(),
            Out::new(Value::Int(retries), node.get("retries").and_then(span)),
        ));
    }
    for key in ["start_period", "start_interval"] {
        if let Some(d) = node.get(key).and_then(duration) {
            fields.push((key.into(), Out::str(d, node.get(key).and_then(span))));
        }
    }
    if node.get("disable").and_then(boolean) == Some(true) {
        fields.push((
            "disable".into(),
            Out::new(Value::Bool(true), node.get("disable").and_then(span)),
        ));
    }
    Out::map(fields, span(node))
}

fn deploy(node: &Node) -> Out {
    let mut fields: Vec<(String, Out)> = Vec::new();
    for key in [
        "mode",
        "replicas",
        "labels",
        "update_config",
        "rollback_config",
    ] {
        if let Some(v) = node.get(key) {
            let out = match key {
                "mode" => field(v, Field::Str, &NO_CONTEXT),
                "replicas" => text(v)
                    .and_then(|t| t.parse().ok())
                    .map(|n| Out::new(Value::Int(n), span(v))),
                "labels" => mapping(v, |_| Some(String::new())),
                _ => Some(durations_in(v)),
            };
            if let Some(out) = out {
                fields.push((key.into(), out));
            }
        }
    }
    let mut resources: Vec<(String, Out)> = Vec::new();
    if let Some(r) = node.get("resources") {
        for key in ["limits", "reservations"] {
            let Some(limit) = r.get(key) else { continue };
            let mut l: Vec<(String, Out)> = Vec::new();
            if let Some(cpus) = limit
                .get("cpus")
                .and_then(text)
                .and_then(|c| c.parse::<f64>().ok())
            {
                l.push((
                    "cpus".into(),
                    Out::new(Value::Float(cpus), limit.get("cpus").and_then(span)),
                ));
            }
            if let Some(memory) = limit.get("memory").and_then(bytes) {
                l.push((
                    "memory".into(),
                    Out::str(memory, limit.get("memory").and_then(span)),
                ));
            }
            for k in ["pids", "devices", "generic_resources"] {
                if let Some(v) = limit.get(k) {
                    let value = if k == "devices" {
                        device_requests(v)
                    } else {
                        any(v)
                    };
                    l.push((k.into(), value));
                }
            }
            resources.push((key.into(), Out::map(l, span(limit))));
        }
    }
    fields.push((
        "resources".into(),
        Out::map(resources, node.get("resources").and_then(span)),
    ));
    if let Some(policy) = node.get("restart_policy") {
        fields.push(("restart_policy".into(), durations_in(policy)));
    }
    let placement = node
        .get("placement")
        .map_or(Out::map(Vec::new(), None), any);
    fields.push(("placement".into(), placement));
    if let Some(mode) = node.get("endpoint_mode").and_then(text) {
        fields.push((
            "endpoint_mode".into(),
            Out::str(mode, node.get("endpoint_mode").and_then(span)),
        ));
    }
    Out::map(fields, span(node))
}

const NO_CONTEXT: Context<'static> = Context {
    project_name: "",
    project_dir: "",
    home: None,
    lookup: &|_| None,
    read_file: &|_| None,
    profiles: &[],
};

/// A mapping whose `delay`, `window` and `monitor` are Go durations.
fn durations_in(node: &Node) -> Out {
    let mut out = any(node);
    if let Value::Map(entries) = &mut out.value {
        for (key, value) in entries.iter_mut() {
            if matches!(key.as_str(), "delay" | "window" | "monitor") {
                if let Some(d) = node.get(key).and_then(duration) {
                    *value = Out::str(d, value.span);
                }
            }
        }
    }
    out
}

/// `extra_hosts` as `HOST=IP` items.
fn extra_hosts(node: &Node) -> Out {
    let mut out = Vec::new();
    match &node.value {
        Yaml::Seq(items) => {
            for item in items {
                if let Some(entry) = text(item) {
                    let (host, ips) = match entry.split_once('=') {
                        Some((h, i)) => (h.to_string(), i.to_string()),
                        None => match entry.split_once(':') {
                            Some((h, i)) => (h.to_string(), i.to_string()),
                            None => (entry.clone(), String::new()),
                        },
                    };
                    for ip in ips.split(',') {
                        out.push(Out::str(format!("{host}={ip}"), span(item)));
                    }
                }
            }
        }
        Yaml::Map(entries) => {
            let mut sorted: Vec<&crate::yaml::Entry> = entries.iter().collect();
            crate::sort::sort_by_key(&mut sorted, |e| {
                e.key.as_str().unwrap_or_default().to_string()
            });
            for e in sorted {
                let host = e.key.as_str().unwrap_or_default();
                let ips: Vec<String> = match &e.value.value {
                    Yaml::Seq(items) => items.iter().filter_map(text).collect(),
                    _ => text(&e.value).into_iter().collect(),
                };
                for ip in ips.iter().flat_map(|i| i.split(',')) {
                    out.push(Out::str(format!("{host}={ip}"), span(&e.value)));
                }
            }
        }
        Yaml::Scalar(_) => {}
    }
    Out::new(Value::List(out), span(node))
}

fn develop(node: &Node, context: &Context) -> Out {
    let mut out = any(node);
    if let Value::Map(entries) = &mut out.value {
        for (key, value) in entries.iter_mut() {
            if key != "watch" {
                continue;
            }
            if let Value::List(rules) = &mut value.value {
                for rule in rules.iter_mut() {
                    if let Value::Map(fields) = &mut rule.value {
                        for (k, v) in fields.iter_mut() {
                            if k == "path" {
                                if let Value::Str(p) = &v.value {
                                    v.value = Value::Str(absolute(p, context));
                                }
                            }
                        }
                        if !fields.iter().any(|(k, _)| k == "exec") {
                            fields.push((
                                "exec".into(),
                                Out::map(vec![("command".into(), Out::null(None))], None),
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}

/// `devices`: `SOURCE[:TARGET[:PERMISSIONS]]` items as mappings.
fn devices(node: &Node) -> Out {
    let items = node
        .items()
        .iter()
        .map(|item| {
            let Some(spec) = text(item) else {
                return any(item);
            };
            let parts: Vec<&str> = spec.split(':').collect();
            let (source, target, permissions) = match parts.as_slice() {
                [source] => (*source, *source, None),
                [source, target] => (*source, *target, None),
                [source, target, permissions, ..] => (*source, *target, Some(*permissions)),
                [] => (spec.as_str(), spec.as_str(), None),
            };
            let mut fields = vec![
                ("source".to_string(), Out::str(source, span(item))),
                ("target".to_string(), Out::str(target, span(item))),
            ];
            if let Some(p) = permissions {
                fields.push(("permissions".into(), Out::str(p, span(item))));
            }
            Out::map(fields, span(item))
        })
        .collect();
    Out::new(Value::List(items), span(node))
}

/// GPU and device reservations: `count: all` is -1; `gpus: all` one
/// request for every GPU.
fn device_requests(node: &Node) -> Out {
    if text(node).is_some_and(|t| t == "all") {
        let all = Out::map(
            vec![("count".into(), Out::new(Value::Int(-1), span(node)))],
            span(node),
        );
        return Out::new(Value::List(vec![all]), span(node));
    }
    let mut out = any(node);
    if let Value::List(items) = &mut out.value {
        for item in items.iter_mut() {
            if let Value::Map(fields) = &mut item.value {
                for (k, v) in fields.iter_mut() {
                    if k == "count" {
                        let count = match &v.value {
                            Value::Str(t) if t.eq_ignore_ascii_case("all") => Some(-1),
                            Value::Str(t) => t.parse().ok(),
                            Value::Int(n) => Some(*n),
                            _ => None,
                        };
                        if let Some(count) = count {
                            v.value = Value::Int(count);
                        }
                    }
                }
                fields.retain(|(k, v)| k != "count" || !v.is_empty());
            }
        }
    }
    out
}

/// `provider`: each option's values as a list of strings.
fn provider(node: &Node) -> Out {
    let mut out = any(node);
    if let (Value::Map(fields), Some(options)) = (&mut out.value, node.get("options")) {
        for (k, v) in fields.iter_mut() {
            if k != "options" {
                continue;
            }
            let mut lists: Vec<(String, Out)> = options
                .entries()
                .iter()
                .filter_map(|e| {
                    let values: Vec<Out> = match &e.value.value {
                        Yaml::Seq(items) => items
                            .iter()
                            .filter_map(|i| Some(Out::str(text(i)?, span(i))))
                            .collect(),
                        _ => text(&e.value)
                            .map(|t| Out::str(t, span(&e.value)))
                            .into_iter()
                            .collect(),
                    };
                    Some((
                        e.key.as_str()?.to_string(),
                        Out::new(Value::List(values), span(&e.value)),
                    ))
                })
                .collect();
            crate::sort::sort_by(&mut lists, |a, b| a.0.cmp(&b.0));
            *v = Out::map(lists, v.span);
        }
    }
    out
}

/// The top-level resources of `section` that a service uses.
fn resources(root: &Node, section: &str, used: &[String], context: &Context) -> Vec<(String, Out)> {
    let mut out: Vec<(String, Out)> = Vec::new();
    for entry in root.get(section).map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        if !used.iter().any(|u| u == name) {
            continue;
        }
        out.push((
            name.to_string(),
            resource_defaults(
                section,
                name,
                Some(&entry.value),
                Some(entry.key.span),
                context,
            ),
        ));
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

fn resource_defaults(
    section: &str,
    name: &str,
    node: Option<&Node>,
    key_span: Option<Span>,
    context: &Context,
) -> Out {
    let node = node.filter(|n| n.is_map());
    let get = |k: &str| node.and_then(|n| n.get(k));
    let external = get("external").is_some_and(|e| boolean(e).unwrap_or(e.is_map()));
    let given_name = get("name")
        .and_then(text)
        .or_else(|| get("external").and_then(|e| e.get("name")).and_then(text));
    let resolved_name = given_name.unwrap_or_else(|| {
        if external {
            name.to_string()
        } else {
            format!("{}_{name}", context.project_name)
        }
    });
    let mut fields = vec![(
        "name".to_string(),
        Out::str(resolved_name, get("name").and_then(span).or(key_span)),
    )];
    let keys: &[(&str, Field)] = match section {
        "networks" => &[("driver", Field::Str), ("driver_opts", Field::Mapping)],
        "volumes" => &[("driver", Field::Str), ("driver_opts", Field::Mapping)],
        _ => &[
            ("file", Field::Str),
            ("environment", Field::Str),
            ("content", Field::Str),
        ],
    };
    for (key, kind) in keys {
        if let Some(v) = get(key) {
            let out = if *key == "file" {
                text(v).map(|f| Out::str(absolute(&f, context), span(v)))
            } else {
                field(v, *kind, context)
            };
            if let Some(out) = out {
                fields.push((key.to_string(), out));
            }
        }
    }
    if section == "networks" {
        let ipam = get("ipam").map_or(Out::map(Vec::new(), None), any);
        fields.push(("ipam".into(), ipam));
    }
    if external {
        fields.push((
            "external".into(),
            Out::new(Value::Bool(true), get("external").and_then(span)),
        ));
    }
    let extra: &[(&str, Field)] = match section {
        "networks" => &[
            ("internal", Field::Bool),
            ("attachable", Field::Bool),
            ("labels", Field::Mapping),
            ("enable_ipv4", Field::BoolPointer),
            ("enable_ipv6", Field::BoolPointer),
        ],
        "volumes" => &[("labels", Field::Mapping)],
        _ => &[
            ("labels", Field::Mapping),
            ("driver", Field::Str),
            ("driver_opts", Field::Mapping),
            ("template_driver", Field::Str),
        ],
    };
    for (key, kind) in extra {
        if let Some(out) = get(key).and_then(|v| field(v, *kind, context)) {
            fields.push((key.to_string(), out));
        }
    }
    for entry in node.map(Node::entries).unwrap_or_default() {
        if let Some(key) = entry.key.as_str().filter(|k| k.starts_with("x-")) {
            fields.push((key.to_string(), any(&entry.value)));
        }
    }
    Out::map(fields, node.map(|n| n.span).or(key_span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_go_prints_them() {
        for (ns, text) in [
            (0, "0s"),
            (90_000_000_000, "1m30s"),
            (60_000_000_000, "1m0s"),
            (3_600_000_000_000, "1h0m0s"),
            (1_500_000_000, "1.5s"),
            (500_000_000, "500ms"),
            (1_500, "1.5µs"),
        ] {
            assert_eq!(go_duration(ns), text);
        }
    }

    #[test]
    fn commands_split_as_a_shell_would() {
        assert_eq!(
            shell_split(r#"npm run "start dev" --x='y z' a\ b"#),
            ["npm", "run", "start dev", "--x=y z", "a b"]
        );
        assert_eq!(shell_split("  "), Vec::<String>::new());
        assert_eq!(shell_split("''"), [""]);
    }

    #[test]
    fn paths_clean_as_go_cleans_them() {
        assert_eq!(clean("/a/b/../c/./d/"), "/a/c/d");
        assert_eq!(clean("/../x"), "/x");
    }
}
