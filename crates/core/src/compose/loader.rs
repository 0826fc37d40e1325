//! What compose-go's loader refuses after the schema and the references:
//! mapping keys that are not strings, services that have nothing to run,
//! conflicting volume, secret and config definitions, negative replica
//! counts, GPU reservations that name both a count and devices (or a count
//! that is not a number), bind mounts without a source, watch rules
//! without a target, short volume specs with an empty part and environment
//! names with a trailing space. Each is a `config-error` worded as
//! `docker compose config` words it.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::yaml::{Node, ScalarKind, Value};

use super::semantics::CONFIG_ERROR;

/// The loader's checks on a file's (or a merged) root mapping.
pub fn check(root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut error = |span: Span, message: String| {
        if !out.iter().any(|d: &Diagnostic| d.span == span) {
            out.push(Diagnostic::error(CONFIG_ERROR, span, message));
        }
    };
    non_string_keys(root, &mut String::new(), &mut error);
    for entry in root.get("services").map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        service(name, &entry.key, &entry.value, &mut error);
    }
    for entry in root.get("volumes").map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        volume(name, &entry.value, &mut error);
    }
    for (section, sources) in [
        ("secrets", "file|environment"),
        ("configs", "file|environment|content"),
    ] {
        for entry in root.get(section).map(Node::entries).unwrap_or_default() {
            let Some(name) = entry.key.as_str() else {
                continue;
            };
            let definition = &entry.value;
            if !definition.is_map() {
                continue;
            }
            let has = |key: &str| definition.get(key).is_some();
            let given = sources.split('|').filter(|k| has(k)).count();
            if given > 1 {
                error(
                    entry.key.span,
                    format!("{section}.{name}: {sources} attributes are mutually exclusive"),
                );
            } else if given == 0 && !has("external") && (section == "secrets" || !has("driver")) {
                // A config's custom driver may bring the content its own
                // way; the project check refuses a secret without a source
                // whatever its driver.
                error(
                    entry.key.span,
                    format!("{section}.{name}: one of {sources} must be set"),
                );
            }
        }
    }
    for section in ["volumes", "networks", "secrets", "configs"] {
        for entry in root.get(section).map(Node::entries).unwrap_or_default() {
            let Some(name) = entry.key.as_str() else {
                continue;
            };
            external_name(section, name, &entry.value, &mut error);
        }
    }
    out
}

fn is_true(node: &Node) -> bool {
    match node.scalar().map(|s| s.kind) {
        Some(ScalarKind::Bool(b)) => b,
        // `external: {name: x}` (the old form) is external too.
        _ => node.is_map(),
    }
}

/// go-yaml hands compose-go a key that is a number, a boolean or null as
/// such, and compose-go refuses every mapping key that is not a string.
fn non_string_keys(node: &Node, path: &mut String, error: &mut impl FnMut(Span, String)) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                let key = entry.key.scalar();
                let text = key.map(|s| s.text.as_str()).unwrap_or_default();
                if key.is_some_and(|s| s.kind != ScalarKind::Str) {
                    let place = if path.is_empty() {
                        "at top level".to_string()
                    } else {
                        format!("in {path}")
                    };
                    let shown = if text.is_empty() { "<nil>" } else { text };
                    error(entry.key.span, format!("non-string key {place}: {shown}"));
                    continue;
                }
                let length = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(text);
                non_string_keys(&entry.value, path, error);
                path.truncate(length);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let length = path.len();
                path.push_str(&format!("[{i}]"));
                non_string_keys(item, path, error);
                path.truncate(length);
            }
        }
        Value::Scalar(_) => {}
    }
}

fn service(name: &str, key: &Node, service: &Node, error: &mut impl FnMut(Span, String)) {
    if !service.is_map() {
        return;
    }
    // A service in a profile runs only when its profile is active, and only
    // active services are checked for something to run; `extends` may bring
    // the image.
    let has = |k: &str| service.get(k).is_some_and(|v| !v.is_null());
    // A `provider` service is run by a plugin, not from an image.
    let runs_something = ["image", "build", "extends", "profiles", "provider"]
        .iter()
        .any(|k| has(k));
    if !runs_something {
        error(
            key.span,
            format!("service {name:?} has neither an image nor a build context specified"),
        );
    }
    for (path, node) in [
        ("scale", service.get("scale")),
        (
            "deploy.replicas",
            service.get("deploy").and_then(|d| d.get("replicas")),
        ),
    ] {
        if let Some(node) = node {
            if matches!(node.scalar().map(|s| s.kind), Some(ScalarKind::Int(n)) if n < 0) {
                error(
                    node.span,
                    format!("services.{name}.{path}: must be greater than or equal to 0"),
                );
            }
        }
    }
    let devices = service
        .get("deploy")
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.get("reservations"))
        .and_then(|r| r.get("devices"));
    let gpus = service.get("gpus").map(Node::items).unwrap_or_default();
    for device in devices
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .chain(gpus)
    {
        if let Some(count) = device.get("count").and_then(Node::scalar) {
            let text = count.text.as_str();
            let number = matches!(count.kind, ScalarKind::Int(_)) || text.parse::<i64>().is_ok();
            if !number && !text.eq_ignore_ascii_case("all") && !text.contains('$') {
                error(
                    device.get("count").map_or(device.span, |c| c.span),
                    format!("services.{name}: device count: invalid value {text:?}, the only value allowed is 'all' or a number"),
                );
            }
        }
        if device.get("count").is_some() && device.get("device_ids").is_some() {
            error(
                device.span,
                format!("services.{name}.deploy.resources.reservations.devices.[]: \"count\" and \"device_ids\" attributes are exclusive"),
            );
        }
    }
    let watch = service.get("develop").and_then(|d| d.get("watch"));
    for rule in watch.map(Node::items).unwrap_or_default() {
        let action = rule
            .get("action")
            .and_then(Node::as_str)
            .unwrap_or_default();
        let target = rule
            .get("target")
            .and_then(Node::as_str)
            .unwrap_or_default();
        if rule.is_map() && action != "rebuild" && target.is_empty() {
            error(
                rule.span,
                format!(
                    "services.{name}.develop.watch: target is required for non-rebuild actions"
                ),
            );
        }
    }
    // compose-go's unicity index needs each long-syntax entry's target.
    for (section, what) in [("volumes", "service volume"), ("ports", "service ports")] {
        for (i, item) in service
            .get(section)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if item.is_map() && item.get("target").is_none() {
                let missing = if section == "ports" {
                    "a target port"
                } else {
                    "a mount target"
                };
                error(
                    item.span,
                    format!("{what} services.{name}.{section}.[{i}] is missing {missing}: add `target:`"),
                );
            }
        }
    }
    for volume in service.get("volumes").map(Node::items).unwrap_or_default() {
        if volume.is_map() {
            let bind = volume.get("type").and_then(Node::as_str) == Some("bind");
            if bind && volume.get("source").is_none() {
                error(
                    volume.span,
                    "invalid mount config for type \"bind\": field Source must not be empty: add `source:` (the host path)".to_string(),
                );
            }
            continue;
        }
        let Some(spec) = volume.scalar().map(|s| s.text.as_str()) else {
            continue;
        };
        if spec.starts_with(':') || spec.ends_with(':') {
            error(
                volume.span,
                format!("invalid spec: {spec}: empty section between colons"),
            );
        }
    }
    let environment = service.get("environment");
    let names: Vec<(&str, Span)> = match environment.map(|e| &e.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| {
                let text = i.as_str()?;
                Some((text.split('=').next().unwrap_or(text), i.span))
            })
            .collect(),
        Some(Value::Map(entries)) => entries
            .iter()
            .filter_map(|e| Some((e.key.as_str()?, e.key.span)))
            .collect(),
        _ => Vec::new(),
    };
    for (variable, span) in names {
        if variable.ends_with(' ') || variable.ends_with('\t') {
            error(
                span,
                format!("'services[{name}].environment' environment variable {variable} is declared with a trailing space"),
            );
        }
    }
}

/// The old `external: {name: x}` form beside a `name:` that differs.
fn external_name(
    section: &str,
    name: &str,
    definition: &Node,
    error: &mut impl FnMut(Span, String),
) {
    let Some(external) = definition.get("external") else {
        return;
    };
    let (Some(named), Some(external_named)) = (definition.get("name"), external.get("name")) else {
        return;
    };
    if named.scalar().map(|s| &s.text) != external_named.scalar().map(|s| &s.text) {
        error(
            external.span,
            format!("{section}.{name}: name and external.name conflict; only use name"),
        );
    }
}

fn volume(name: &str, volume: &Node, error: &mut impl FnMut(Span, String)) {
    let Some(external) = volume.get("external") else {
        return;
    };
    if !is_true(external) {
        return;
    }
    for key in ["driver", "driver_opts", "labels"] {
        if let Some(entry) = volume.entry(key) {
            error(
                entry.key.span,
                format!(
                    "volumes.{name}: conflicting parameters \"external\" and \"{key}\" specified"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn errors(text: &str) -> Vec<String> {
        let document = crate::yaml::parse(text);
        super::check(document.root.as_ref().unwrap())
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn profiled_and_extending_services_need_no_image() {
        let text = "services:\n  a:\n    command: x\n  b:\n    profiles: [dev]\n  c:\n    extends: {service: d}\n  d:\n    image: x\n";
        assert_eq!(
            errors(text),
            ["service \"a\" has neither an image nor a build context specified"]
        );
    }

    #[test]
    fn non_string_keys_are_named_with_their_path() {
        assert_eq!(
            errors("1: x\nservices:\n  a:\n    image: x\n    labels:\n      true: y\n"),
            [
                "non-string key at top level: 1",
                "non-string key in services.a.labels: true"
            ]
        );
    }
}
