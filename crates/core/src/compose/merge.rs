//! Merging compose files (`compose.yaml` then `compose.override.yaml`, or
//! `-f a -f b`) as compose-go merges them: mappings merge key by key, a
//! later scalar wins, sequences are appended, except
//!
//! - `command`, `entrypoint` and `healthcheck.test`, which the later file
//!   replaces;
//! - `environment`, `labels`, `annotations`, `sysctls`, `extra_hosts`,
//!   `build.args`, `build.labels` and `deploy.labels`, which merge by name
//!   whether written as a list (`KEY=value`) or a mapping;
//! - `depends_on` and `networks`, which merge by name (a list entry becomes
//!   a mapping entry);
//! - `ports`, `volumes`, `secrets`, `configs` and `expose`, where a later
//!   entry replaces an earlier one for the same target.
//!
//! Every node keeps the span it was written at, so a finding on the merged
//! file points into the file that wrote the value.

use crate::span::Span;
use crate::yaml::{Entry, Node, Scalar, ScalarKind, Value};

/// Merges `over` onto `base` (both file roots).
pub fn merge(base: Node, over: Node) -> Node {
    merge_at(base, over, &mut Vec::new())
}

/// Merges a service onto the service it extends (`extends:`): the same
/// rules as for override files, at a service's level.
pub fn extend_service(base: Node, over: Node) -> Node {
    merge_at(base, over, &mut vec!["services".to_string(), String::new()])
}

fn merge_at(base: Node, over: Node, path: &mut Vec<String>) -> Node {
    if over.is_null() {
        return base;
    }
    let special = special(path);
    match special {
        Special::Replace => return over,
        Special::ByName => return merge_by_name(base, over, false),
        Special::Dependencies => return merge_by_name(base, over, true),
        Special::Unique(key) => return append_unique(base, over, key),
        Special::None => {}
    }
    match (base.value, over.value) {
        (Value::Map(mut entries), Value::Map(later)) => {
            for entry in later {
                let key = entry.key.as_str().map(str::to_string);
                match entries
                    .iter()
                    .position(|e| e.key.as_str().is_some() && e.key.as_str() == key.as_deref())
                {
                    Some(i) => {
                        let earlier = entries.remove(i);
                        path.push(key.unwrap_or_default());
                        let value = merge_at(earlier.value, entry.value, path);
                        path.pop();
                        entries.insert(
                            i,
                            Entry {
                                key: entry.key,
                                value,
                                merged: entry.merged,
                            },
                        );
                    }
                    None => entries.push(entry),
                }
            }
            Node {
                span: over.span,
                value: Value::Map(entries),
            }
        }
        (Value::Seq(mut items), Value::Seq(later)) => {
            items.extend(later);
            Node {
                span: over.span,
                value: Value::Seq(items),
            }
        }
        (_, value) => Node {
            span: over.span,
            value,
        },
    }
}

enum Special {
    None,
    Replace,
    /// `KEY=value` lists and mappings, merged by key.
    ByName,
    /// depends_on and networks: names, or mappings of name → options.
    Dependencies,
    /// Sequences where a later entry replaces an earlier one with the same
    /// identity, computed by the function.
    Unique(fn(&Node) -> Option<String>),
}

fn special(path: &[String]) -> Special {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["services", _, "command" | "entrypoint"] | ["services", _, "healthcheck", "test"] => {
            Special::Replace
        }
        ["services", _, "environment" | "labels" | "annotations" | "sysctls" | "extra_hosts"]
        | ["services", _, "build", "args" | "labels" | "extra_hosts"]
        | ["services", _, "deploy", "labels"]
        | ["networks" | "volumes", _, "labels"] => Special::ByName,
        ["services", _, "depends_on" | "networks"] => Special::Dependencies,
        ["services", _, "ports"] => Special::Unique(port_identity),
        ["services", _, "volumes"] => Special::Unique(volume_target),
        ["services", _, "secrets" | "configs"] => Special::Unique(secret_identity),
        ["services", _, "expose" | "dns" | "dns_search" | "cap_add" | "cap_drop"] => {
            Special::Unique(|n| n.as_str().map(str::to_string))
        }
        _ => Special::None,
    }
}

fn port_identity(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => Some(s.text.clone()),
        Value::Map(_) => {
            let field = |k: &str| {
                node.get(k)
                    .and_then(Node::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            Some(format!(
                "{}:{}:{}/{}",
                field("host_ip"),
                field("published"),
                field("target"),
                node.get("protocol").and_then(Node::as_str).unwrap_or("tcp")
            ))
        }
        Value::Seq(_) => None,
    }
}

fn volume_target(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => {
            let parts: Vec<&str> = s.text.split(':').collect();
            Some(match parts.as_slice() {
                [target] => (*target).to_string(),
                [_, target, ..] => (*target).to_string(),
                [] => String::new(),
            })
        }
        Value::Map(_) => node
            .get("target")
            .and_then(Node::as_str)
            .map(str::to_string),
        Value::Seq(_) => None,
    }
}

fn secret_identity(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => Some(s.text.clone()),
        Value::Map(_) => node
            .get("target")
            .or_else(|| node.get("source"))
            .and_then(Node::as_str)
            .map(str::to_string),
        Value::Seq(_) => None,
    }
}

fn append_unique(base: Node, over: Node, identity: fn(&Node) -> Option<String>) -> Node {
    let (Value::Seq(mut items), Value::Seq(later)) = (base.value, over.value.clone()) else {
        return over;
    };
    for item in later {
        let id = identity(&item);
        if id.is_some() {
            items.retain(|earlier| identity(earlier) != id);
        }
        items.push(item);
    }
    Node {
        span: over.span,
        value: Value::Seq(items),
    }
}

/// A string scalar made by a merge (not written in a file).
pub(crate) fn scalar(text: &str, span: Span) -> Node {
    Node {
        span,
        value: Value::Scalar(Scalar {
            text: text.to_string(),
            plain: false,
            kind: ScalarKind::Str,
        }),
    }
}

/// A list or mapping as mapping entries: `KEY=value` items (or, for
/// dependencies, names) become entries written at the item.
fn as_entries(node: Node, dependencies: bool) -> Option<Vec<Entry>> {
    match node.value {
        Value::Map(entries) => Some(entries),
        Value::Seq(items) => Some(
            items
                .into_iter()
                .filter_map(|item| {
                    let text = item.as_str()?.to_string();
                    let span = item.span;
                    let (key, value) = if dependencies {
                        let condition = Node {
                            span,
                            value: Value::Map(vec![Entry {
                                key: scalar("condition", span),
                                value: scalar("service_started", span),
                                merged: true,
                            }]),
                        };
                        (scalar(&text, span), condition)
                    } else {
                        match text.split_once('=') {
                            Some((k, v)) => (scalar(k, span), scalar(v, span)),
                            None => (
                                scalar(&text, span),
                                Node {
                                    span,
                                    value: Value::Scalar(Scalar {
                                        text: String::new(),
                                        plain: true,
                                        kind: ScalarKind::Null,
                                    }),
                                },
                            ),
                        }
                    };
                    Some(Entry {
                        key,
                        value,
                        merged: false,
                    })
                })
                .collect(),
        ),
        Value::Scalar(_) => None,
    }
}

fn merge_by_name(base: Node, over: Node, dependencies: bool) -> Node {
    // Same form on both sides: keep it (lists append, mappings merge).
    match (&base.value, &over.value) {
        (Value::Seq(_), Value::Seq(_)) => {
            return append_unique(base, over, |n| {
                n.as_str()
                    .map(|s| s.split('=').next().unwrap_or(s).to_string())
            })
        }
        (Value::Map(_), Value::Map(_)) => {}
        (Value::Seq(_) | Value::Map(_), Value::Seq(_) | Value::Map(_)) => {}
        _ => return over,
    }
    let span = over.span;
    let (Some(mut entries), Some(later)) = (
        as_entries(base, dependencies),
        as_entries(over, dependencies),
    ) else {
        return Node {
            span,
            value: Value::Map(Vec::new()),
        };
    };
    for entry in later {
        match entries
            .iter()
            .position(|e| e.key.as_str() == entry.key.as_str())
        {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
    }
    Node {
        span,
        value: Value::Map(entries),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn merged(a: &str, b: &str) -> Node {
        merge(yaml::parse(a).root.unwrap(), yaml::parse(b).root.unwrap())
    }

    #[test]
    fn overrides_merge_as_compose_go() {
        let m = merged(
            "services:\n  web:\n    image: a:1\n    command: [x, y]\n    ports: [\"80:80\"]\n    environment: [A=1, B=2]\n    depends_on: [db]\n",
            "services:\n  web:\n    image: a:2\n    command: [z]\n    ports: [\"80:80\", \"443:443\"]\n    environment:\n      B: 3\n    depends_on:\n      cache:\n        condition: service_healthy\n",
        );
        let web = m.get("services").unwrap().get("web").unwrap();
        assert_eq!(web.get("image").unwrap().as_str(), Some("a:2"));
        assert_eq!(web.get("command").unwrap().items().len(), 1);
        assert_eq!(web.get("ports").unwrap().items().len(), 2);
        let env = web.get("environment").unwrap();
        assert_eq!(env.get("A").unwrap().as_str(), Some("1"));
        assert_eq!(env.get("B").unwrap().as_str(), Some("3"));
        let deps = web.get("depends_on").unwrap();
        assert!(deps.get("db").is_some() && deps.get("cache").is_some());
    }
}
