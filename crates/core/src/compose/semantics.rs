//! What `docker compose config` checks beyond the schema: interpolation
//! syntax, references between services, networks, volumes, secrets and
//! configs, dependency cycles, and the syntaxes inside strings (ports,
//! durations, byte sizes, restart policies, numbers). Each finding is a
//! `config-error`: Docker Compose refuses the file.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::yaml::{Node, ScalarKind, Value};

use super::values;

/// A file `docker compose config` rejects, beyond the schema.
pub const CONFIG_ERROR: &str = "config-error";

struct Checker<'a> {
    text: &'a str,
    out: Vec<Diagnostic>,
    incomplete: bool,
    /// The service being checked does not run with the active profiles.
    inactive: bool,
}

/// Checks the file's semantics; the root is a mapping that passed through
/// the schema (violations there do not stop these checks).
pub fn check(text: &str, root: &Node) -> Vec<Diagnostic> {
    let mut out = interpolation_syntax(text, root);
    out.extend(check_interpolated(text, root, &super::Checks::default()));
    out
}

/// The templates of every string value that Docker Compose cannot read.
pub fn interpolation_syntax(text: &str, root: &Node) -> Vec<Diagnostic> {
    let mut checker = Checker {
        text,
        out: Vec::new(),
        incomplete: false,
        inactive: false,
    };
    checker.interpolation(root, &mut String::new());
    checker.out
}

/// The checks that follow interpolation (on a root whose values are
/// interpolated, or left with their variables undecided).
pub fn check_interpolated(text: &str, root: &Node, checks: &super::Checks) -> Vec<Diagnostic> {
    let mut checker = Checker {
        text,
        out: Vec::new(),
        incomplete: checks.incomplete,
        inactive: false,
    };
    checker.project_name(root);
    let services = root.get("services");
    let declared = |section: &str| -> Declared {
        let names: Vec<&str> = root
            .get(section)
            .map(|s| s.entries().iter().filter_map(|e| e.key.as_str()).collect())
            .unwrap_or_default();
        Declared {
            set: names.iter().copied().collect(),
            names,
        }
    };
    let names = declared("services");
    let networks = declared("networks");
    let volumes = declared("volumes");
    let secrets = declared("secrets");
    let configs = declared("configs");
    for entry in services.map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        let service = &entry.value;
        let context = Context {
            name,
            services: &names,
            networks: &networks,
            volumes: &volumes,
            secrets: &secrets,
            configs: &configs,
        };
        checker.inactive = !super::service_runs(service, checks.profiles);
        checker.service(&context, service);
        checker.inactive = false;
    }
    if let Some(services) = services {
        checker.cycles(services);
    }
    checker.out
}

struct Context<'a> {
    name: &'a str,
    services: &'a Declared<'a>,
    networks: &'a Declared<'a>,
    volumes: &'a Declared<'a>,
    secrets: &'a Declared<'a>,
    configs: &'a Declared<'a>,
}

/// The names a top-level section declares: in order (for "did you mean"
/// hints) and as a set, so that checking every reference of thousands of
/// services stays linear.
struct Declared<'a> {
    names: Vec<&'a str>,
    set: std::collections::HashSet<&'a str>,
}

impl<'a> Declared<'a> {
    fn contains(&self, name: &&str) -> bool {
        self.set.contains(name)
    }
}

impl<'a> std::ops::Deref for Declared<'a> {
    type Target = [&'a str];

    fn deref(&self) -> &[&'a str] {
        &self.names
    }
}

fn string(node: &Node) -> Option<&str> {
    node.scalar()
        .filter(|s| s.kind == ScalarKind::Str)
        .map(|s| s.text.as_str())
}

/// A scalar's text unless interpolation decides it.
fn literal(node: &Node) -> Option<&str> {
    let scalar = node.scalar()?;
    if scalar.kind == ScalarKind::Null || values::has_variables(&scalar.text) {
        return None;
    }
    Some(scalar.text.as_str())
}

/// The span of bytes `start..end` of a scalar's value, when the value is
/// written as is (plain, or quoted without escapes); else the scalar.
pub(crate) fn inner_span(text: &str, node: &Node, start: usize, end: usize) -> Span {
    let Some(scalar) = node.scalar() else {
        return node.span;
    };
    let written = text.get(node.span.start..node.span.end).unwrap_or_default();
    let offset = if written == scalar.text {
        0
    } else if written.len() == scalar.text.len() + 2
        && written.get(1..written.len() - 1) == Some(scalar.text.as_str())
    {
        1
    } else {
        return node.span;
    };
    Span::new(
        node.span.start + offset + start,
        node.span.start + offset + end,
    )
}

impl Checker<'_> {
    fn warning(&mut self, span: Span, message: String) {
        if self.out.iter().any(|d| d.span == span) {
            return;
        }
        let mut diagnostic = Diagnostic::error(CONFIG_ERROR, span, message);
        diagnostic.severity = crate::diagnostic::Severity::Warning;
        self.out.push(diagnostic);
    }

    /// A reference to something not defined: not reported when the model
    /// is incomplete (an included file could not be read), where it would
    /// only repeat that finding; a warning in a service that does not run.
    fn undefined(&mut self, span: Span, message: String) {
        if self.incomplete {
            return;
        }
        if self.inactive {
            self.warning(span, format!("{message} (the service is in no active profile: Docker Compose refuses this once its profile is active)"));
        } else {
            self.error(span, message);
        }
    }

    fn error(&mut self, span: Span, message: String) {
        // A value merged into several services (`<<: *defaults`) is
        // reported once, where it is written.
        if self.out.iter().any(|d| d.span == span) {
            return;
        }
        self.out
            .push(Diagnostic::error(CONFIG_ERROR, span, message));
    }

    fn inner_span(&self, node: &Node, start: usize, end: usize) -> Span {
        inner_span(self.text, node, start, end)
    }

    fn interpolation(&mut self, node: &Node, path: &mut String) {
        match &node.value {
            Value::Scalar(scalar) => {
                if scalar.kind != ScalarKind::Str || !scalar.text.contains('$') {
                    return;
                }
                for (start, end, message) in values::interpolation_errors(&scalar.text) {
                    let span = self.inner_span(node, start, end);
                    self.error(span, format!("{message} in {path}"));
                }
            }
            Value::Seq(items) => {
                for (index, item) in items.iter().enumerate() {
                    let length = path.len();
                    path.push_str(&format!("[{index}]"));
                    self.interpolation(item, path);
                    path.truncate(length);
                }
            }
            Value::Map(entries) => {
                for entry in entries.iter().filter(|e| !e.merged) {
                    let length = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(entry.key.as_str().unwrap_or_default());
                    self.interpolation(&entry.value, path);
                    path.truncate(length);
                }
            }
        }
    }

    fn project_name(&mut self, root: &Node) {
        let Some(node) = root.get("name") else {
            return;
        };
        let Some(name) = literal(node) else {
            return;
        };
        // Docker Compose normalises a name from the file (lower case, only
        // `[a-z0-9_-]`, no leading `_`/`-`); only a name with nothing left
        // is refused.
        let normalized = values::normalize_project_name(name);
        if normalized.is_empty() && !name.is_empty() {
            self.error(node.span, format!("project name {name:?} must not be empty once normalised: use lowercase letters, digits, `-` and `_`, starting with a letter or digit"));
        } else if normalized != name {
            self.warning(node.span, format!("project name {name:?} is used as {normalized:?} (Docker Compose keeps only lowercase letters, digits, `-` and `_`): write it that way"));
        }
    }

    fn service(&mut self, ctx: &Context, service: &Node) {
        let name = ctx.name;
        self.references(ctx, service);
        if let Some(ports) = service.get("ports") {
            for port in ports.items() {
                self.port(name, port);
            }
        }
        // `docker compose config` lets these through; the Docker Engine
        // refuses them when the container is created: warnings.
        if let Some(expose) = service.get("expose") {
            for item in expose.items() {
                if let Some(spec) = literal(item) {
                    if let Err(message) = values::parse_expose(spec) {
                        self.warning(item.span, format!("service {name:?}: {message} (Docker refuses it when the container is created)"));
                    }
                }
            }
        }
        if let Some(restart) = service.get("restart") {
            if let Some(policy) = literal(restart) {
                if let Err(message) = values::check_restart(policy) {
                    self.warning(restart.span, format!("service {name:?}: {message} (Docker refuses it when the container is created)"));
                }
            }
        }
        let durations: [&[&str]; 9] = [
            &["healthcheck", "interval"],
            &["healthcheck", "timeout"],
            &["healthcheck", "start_period"],
            &["healthcheck", "start_interval"],
            &["stop_grace_period"],
            &["deploy", "restart_policy", "delay"],
            &["deploy", "restart_policy", "window"],
            &["deploy", "update_config", "delay"],
            &["deploy", "rollback_config", "delay"],
        ];
        for path in durations {
            if let Some((node, value)) = at_path(service, path).and_then(|n| Some((n, literal(n)?)))
            {
                if node.scalar().is_some_and(|s| s.kind == ScalarKind::Str) {
                    if let Err(message) = values::parse_duration(value) {
                        self.error(
                            node.span,
                            format!("services.{name}.{}: {message}", path.join(".")),
                        );
                    }
                }
            }
        }
        let sizes: [&[&str]; 6] = [
            &["mem_limit"],
            &["mem_reservation"],
            &["shm_size"],
            &["build", "shm_size"],
            &["deploy", "resources", "limits", "memory"],
            &["deploy", "resources", "reservations", "memory"],
        ];
        for path in sizes {
            if let Some(node) = at_path(service, path) {
                if let Some(value) = string(node).filter(|v| !values::has_variables(v)) {
                    if let Err(message) = values::parse_byte_size(value) {
                        self.error(
                            node.span,
                            format!("services.{name}.{}: {message}", path.join(".")),
                        );
                    }
                }
            }
        }
        if let Some(node) = service.get("memswap_limit") {
            if let Some(value) = string(node).filter(|v| !values::has_variables(v) && *v != "-1") {
                if let Err(message) = values::parse_byte_size(value) {
                    self.error(
                        node.span,
                        format!("services.{name}.memswap_limit: {message}"),
                    );
                }
            }
        }
        let integers: [&[&str]; 8] = [
            &["scale"],
            &["deploy", "replicas"],
            &["healthcheck", "retries"],
            &["pids_limit"],
            &["deploy", "restart_policy", "max_attempts"],
            &["deploy", "update_config", "parallelism"],
            &["deploy", "resources", "limits", "pids"],
            &["mem_swappiness"],
        ];
        for path in integers {
            if let Some(node) = at_path(service, path) {
                if let Some(value) = string(node).filter(|v| !values::has_variables(v)) {
                    if value.trim().parse::<i64>().is_err() {
                        self.error(
                            node.span,
                            format!(
                                "services.{name}.{} must be a whole number, not {value:?}",
                                path.join(".")
                            ),
                        );
                    }
                }
            }
        }
        let numbers: [&[&str]; 3] = [
            &["cpus"],
            &["deploy", "resources", "limits", "cpus"],
            &["deploy", "resources", "reservations", "cpus"],
        ];
        for path in numbers {
            if let Some(node) = at_path(service, path) {
                if let Some(value) = string(node).filter(|v| !values::has_variables(v)) {
                    if value.trim().parse::<f64>().is_err() {
                        self.error(
                            node.span,
                            format!(
                                "services.{name}.{} must be a number, not {value:?}",
                                path.join(".")
                            ),
                        );
                    }
                }
            }
        }
        self.healthcheck_test(name, service);
        self.container_name_with_replicas(name, service);
        if let (Some(mode), Some(networks)) =
            (service.entry("network_mode"), service.entry("networks"))
        {
            let _ = mode;
            self.error(
                networks.key.span,
                format!("service {name:?} declares mutually exclusive `network_mode` and `networks`: keep one"),
            );
        }
    }

    fn port(&mut self, service: &str, port: &Node) {
        match &port.value {
            Value::Scalar(_) => {
                let Some(spec) = literal(port) else { return };
                if let Err(message) = values::parse_port(spec) {
                    self.error(port.span, format!("service {service:?}: {message}"));
                }
            }
            Value::Map(_) => {
                if let Some(target) = port.get("target") {
                    if let Some(value) = string(target).filter(|v| !values::has_variables(v)) {
                        if value.parse::<u16>().is_err() {
                            self.error(target.span, format!("service {service:?}: invalid container port {value:?}: ports are numbers from 0 to 65535"));
                        }
                    }
                }
                if let Some(published) = port.get("published") {
                    if let Some(value) = literal(published) {
                        let valid = value.split_once('-').map_or_else(
                            || value.parse::<u16>().is_ok(),
                            |(a, b)| a.parse::<u16>().is_ok() && b.parse::<u16>().is_ok(),
                        );
                        if !valid {
                            self.error(
                                published.span,
                                format!("service {service:?}: invalid published port {value:?}"),
                            );
                        }
                    }
                }
                if let Some(ip) = port.get("host_ip") {
                    if let Some(value) = literal(ip) {
                        if !values::is_ip(value) {
                            self.error(
                                ip.span,
                                format!("service {service:?}: invalid host_ip {value:?}"),
                            );
                        }
                    }
                }
                if let Some(protocol) = port.get("protocol") {
                    if let Some(value) = literal(protocol) {
                        if !matches!(value, "tcp" | "udp" | "sctp") {
                            self.error(protocol.span, format!("service {service:?}: invalid protocol {value:?}: use tcp, udp or sctp"));
                        }
                    }
                }
            }
            Value::Seq(_) => {}
        }
    }

    fn healthcheck_test(&mut self, service: &str, node: &Node) {
        let Some(test) = node.get("healthcheck").and_then(|h| h.get("test")) else {
            return;
        };
        let Some(first) = test.items().first() else {
            return;
        };
        if let Some(kind) = literal(first) {
            if !matches!(kind, "CMD" | "CMD-SHELL" | "NONE") {
                self.error(
                    first.span,
                    format!("service {service:?}: a healthcheck test list starts with \"CMD\", \"CMD-SHELL\" or \"NONE\", not {kind:?}"),
                );
            }
        }
    }

    fn container_name_with_replicas(&mut self, service: &str, node: &Node) {
        let Some(container_name) = node.entry("container_name") else {
            return;
        };
        let count = |n: Option<&Node>| -> Option<i64> {
            match n?.scalar()?.kind {
                ScalarKind::Int(i) => Some(i),
                ScalarKind::Str => n?.as_str()?.trim().parse().ok(),
                _ => None,
            }
        };
        let replicas = count(node.get("scale"))
            .or_else(|| count(node.get("deploy").and_then(|d| d.get("replicas"))));
        if let Some(replicas) = replicas.filter(|&r| r > 1) {
            self.error(
                container_name.key.span,
                format!("service {service:?}: can't set container_name with {replicas} replicas, as container names must be unique: remove container_name or run one replica"),
            );
        }
    }

    fn references(&mut self, ctx: &Context, service: &Node) {
        let name = ctx.name;
        // depends_on: a list of names, or a mapping of name → conditions.
        if let Some(depends_on) = service.get("depends_on") {
            let mut targets: Vec<(&Node, bool)> =
                depends_on.items().iter().map(|i| (i, true)).collect();
            for entry in depends_on.entries() {
                let required = entry.value.get("required").is_none_or(|r| {
                    !matches!(r.scalar().map(|s| s.kind), Some(ScalarKind::Bool(false)))
                });
                targets.push((&entry.key, required));
            }
            for (target, required) in targets {
                let Some(other) = literal(target) else {
                    continue;
                };
                if required && !ctx.services.contains(&other) {
                    self.undefined(
                        target.span,
                        format!(
                            "service {name:?} depends on undefined service {other:?}{}",
                            hint(other, ctx.services)
                        ),
                    );
                }
            }
        }
        if let Some(links) = service.get("links") {
            for link in links.items() {
                let Some(value) = literal(link) else { continue };
                let other = value.split(':').next().unwrap_or(value);
                if !ctx.services.contains(&other) {
                    self.undefined(
                        link.span,
                        format!(
                            "service {name:?} links to undefined service {other:?}{}",
                            hint(other, ctx.services)
                        ),
                    );
                }
            }
        }
        if let Some(extends) = service.get("extends") {
            let (target, from_file) = match &extends.value {
                Value::Scalar(_) => (Some(extends), false),
                _ => (extends.get("service"), extends.get("file").is_some()),
            };
            if let Some(target) = target.filter(|_| !from_file) {
                if let Some(other) = literal(target) {
                    if !ctx.services.contains(&other) {
                        self.undefined(
                            target.span,
                            format!(
                                "service {name:?} extends undefined service {other:?}{}",
                                hint(other, ctx.services)
                            ),
                        );
                    } else if other == name {
                        self.error(target.span, format!("service {name:?} extends itself"));
                    }
                }
            }
        }
        if let Some(mode) = service.get("network_mode") {
            if let Some(other) = literal(mode).and_then(|m| m.strip_prefix("service:")) {
                if !ctx.services.contains(&other) {
                    self.undefined(
                        mode.span,
                        format!(
                            "service {name:?} uses the network of undefined service {other:?}{}",
                            hint(other, ctx.services)
                        ),
                    );
                }
            }
        }
        if let Some(volumes_from) = service.get("volumes_from") {
            for item in volumes_from.items() {
                let Some(value) = literal(item) else { continue };
                if value.starts_with("container:") {
                    continue;
                }
                let other = value.strip_prefix("service:").unwrap_or(value);
                let other = other.split(':').next().unwrap_or(other);
                if !ctx.services.contains(&other) {
                    self.undefined(
                        item.span,
                        format!(
                            "service {name:?} takes volumes from undefined service {other:?}{}",
                            hint(other, ctx.services)
                        ),
                    );
                }
            }
        }
        if let Some(networks) = service.get("networks") {
            let used: Vec<&Node> = networks
                .items()
                .iter()
                .chain(networks.entries().iter().map(|e| &e.key))
                .collect();
            for network in used {
                let Some(other) = literal(network) else {
                    continue;
                };
                if other != "default" && !ctx.networks.contains(&other) {
                    self.undefined(network.span, format!("service {name:?} refers to undefined network {other:?}: declare it under the top-level `networks:`{}", hint(other, ctx.networks)));
                }
            }
        }
        if let Some(volumes) = service.get("volumes") {
            for volume in volumes.items() {
                let (source, node) = match &volume.value {
                    Value::Scalar(_) => {
                        let Some(value) = literal(volume) else {
                            continue;
                        };
                        let source = value.split(':').next().unwrap_or(value);
                        if !value.contains(':') {
                            continue; // an anonymous volume
                        }
                        (source, volume)
                    }
                    Value::Map(_) => {
                        let kind = volume.get("type").and_then(literal);
                        if kind != Some("volume") {
                            continue;
                        }
                        let Some(source) = volume.get("source") else {
                            continue;
                        };
                        let Some(value) = literal(source) else {
                            continue;
                        };
                        (value, source)
                    }
                    Value::Seq(_) => continue,
                };
                let is_path = source.starts_with(['.', '/', '~', '$'])
                    || source.contains('/')
                    || source.contains('\\')
                    || source.is_empty();
                // A Windows drive path such as C: reads as a one-letter name.
                let is_drive = source.len() == 1 && source.bytes().all(|b| b.is_ascii_alphabetic());
                if !is_path && !is_drive && !ctx.volumes.contains(&source) {
                    self.undefined(node.span, format!("service {name:?} refers to undefined volume {source:?}: declare it under the top-level `volumes:`{}", hint(source, ctx.volumes)));
                }
            }
        }
        for (section, declared) in [("secrets", ctx.secrets), ("configs", ctx.configs)] {
            let Some(list) = service.get(section) else {
                continue;
            };
            for item in list.items() {
                let node = match &item.value {
                    Value::Map(_) => item.get("source"),
                    _ => Some(item),
                };
                let Some(node) = node else { continue };
                let Some(other) = literal(node) else { continue };
                if !declared.contains(&other) {
                    let singular = &section[..section.len() - 1];
                    self.undefined(node.span, format!("service {name:?} refers to undefined {singular} {other:?}: declare it under the top-level `{section}:`{}", hint(other, declared)));
                }
            }
        }
    }

    /// depends_on cycles, reported once each at the edge that closes them.
    fn cycles(&mut self, services: &Node) {
        let names: Vec<&str> = services
            .entries()
            .iter()
            .filter_map(|e| e.key.as_str())
            .collect();
        let position: std::collections::HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(at, &name)| (name, at))
            .collect();
        let edges: Vec<Vec<(usize, Span)>> = services
            .entries()
            .iter()
            .map(|entry| {
                let Some(depends_on) = entry.value.get("depends_on") else {
                    return Vec::new();
                };
                depends_on
                    .items()
                    .iter()
                    .chain(depends_on.entries().iter().map(|e| &e.key))
                    .filter_map(|n| {
                        let target = *position.get(literal(n)?)?;
                        Some((target, n.span))
                    })
                    .collect()
            })
            .collect();
        // Iterative depth-first search: 0 unvisited, 1 on the path, 2 done.
        let mut state = vec![0u8; names.len()];
        for start in 0..names.len() {
            if state[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&(target, span)) = edges[node].get(*next) {
                    *next += 1;
                    match state[target] {
                        0 => {
                            state[target] = 1;
                            stack.push((target, 0));
                        }
                        1 => {
                            let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                            let mut cycle: Vec<&str> =
                                stack[from..].iter().map(|&(n, _)| names[n]).collect();
                            cycle.push(names[target]);
                            self.error(
                                span,
                                format!("dependency cycle detected: {}", cycle.join(" -> ")),
                            );
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }
}

fn hint(name: &str, options: &[&str]) -> String {
    crate::dockerfile::instructions::suggestion(name, options, true)
}

fn at_path<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    path.iter().try_fold(node, |n, key| n.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let root = crate::yaml::parse(text).root.unwrap();
        check(text, &root)
            .into_iter()
            .map(|d| format!("{}-{} {}", d.span.start, d.span.end, d.message))
            .collect()
    }

    #[test]
    fn cycles_are_found_once() {
        let found = errors("services:\n  a:\n    depends_on: [b]\n  b:\n    depends_on: [c]\n  c:\n    depends_on: [a]\n  d:\n    depends_on: [a]\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("a -> b -> c -> a"), "{found:?}");
    }

    #[test]
    fn interpolation_errors_point_inside_the_value() {
        let text = "services:\n  web:\n    image: \"nginx:${TAG\"\n";
        let found = errors(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let start = text.find("${TAG").unwrap();
        assert!(
            found[0].starts_with(&format!("{start}-{}", start + 5)),
            "{found:?}"
        );
    }
}
