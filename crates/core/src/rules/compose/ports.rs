//! The ports a service publishes on the host, from the short or the long
//! syntax, each with the node it was written in.

use crate::compose::values;
use crate::yaml::{Node, ScalarKind, Value};

pub(super) struct Published<'a> {
    pub node: &'a Node,
    /// As written, for messages.
    pub written: String,
    /// None: all interfaces.
    pub host_ip: Option<String>,
    /// None: Docker picks a free host port.
    pub published: Option<(u32, u32)>,
    pub target: (u32, u32),
    pub protocol: String,
    /// Written with variables: the numbers are stand-ins, only the shape
    /// (which parts are there) is known.
    pub interpolated: bool,
}

/// The service's `ports`, read where they can be (interpolated or invalid
/// entries are left out: the engine reports invalid ones).
pub(super) fn published(service: &Node) -> Vec<Published<'_>> {
    let Some(ports) = service.get("ports") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in ports.items() {
        match &node.value {
            Value::Scalar(scalar) => {
                let interpolated = values::has_variables(&scalar.text);
                let text = if interpolated {
                    stand_in(&scalar.text)
                } else {
                    scalar.text.clone()
                };
                let Ok(spec) = values::parse_port(&text) else {
                    continue;
                };
                out.push(Published {
                    node,
                    written: scalar.text.clone(),
                    host_ip: spec.host_ip,
                    published: spec.published,
                    target: spec.target,
                    protocol: spec.protocol,
                    interpolated,
                });
            }
            Value::Map(_) => {
                let number = |key: &str| -> Option<u32> {
                    let n = node.get(key)?;
                    match n.scalar()?.kind {
                        ScalarKind::Int(i) => u32::try_from(i).ok(),
                        _ => n.as_str()?.parse().ok(),
                    }
                };
                let Some(target) = number("target") else {
                    continue;
                };
                let interpolated = ["published", "target", "host_ip"].iter().any(|k| {
                    node.get(k)
                        .and_then(Node::as_str)
                        .is_some_and(values::has_variables)
                });
                let published = node.get("published").and_then(|p| {
                    let text = p.as_str()?;
                    if values::has_variables(text) {
                        return None;
                    }
                    match text.split_once('-') {
                        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                        None => text.parse().ok().map(|p| (p, p)),
                    }
                });
                let host_ip = node
                    .get("host_ip")
                    .and_then(Node::as_str)
                    .map(str::to_string);
                let protocol = node
                    .get("protocol")
                    .and_then(Node::as_str)
                    .unwrap_or("tcp")
                    .to_string();
                out.push(Published {
                    node,
                    written: match published {
                        Some((a, b)) if a != b => format!("{a}-{b}:{target}"),
                        Some((a, _)) => format!("{a}:{target}"),
                        None => target.to_string(),
                    },
                    host_ip,
                    published,
                    target: (target, target),
                    protocol,
                    interpolated,
                });
            }
            Value::Seq(_) => {}
        }
    }
    out
}

/// Loopback addresses: reachable from this machine only.
pub(super) fn is_loopback(ip: &str) -> bool {
    ip.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

/// A port spec with each `${…}` or `$NAME` replaced by a number, to read
/// its shape: `${HOST_PORT}:80` has a published port and no address.
fn stand_in(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}').map_or(inner.len(), |e| e + 1);
            rest = &inner[end.min(inner.len())..];
        } else if let Some(escaped) = after.strip_prefix('$') {
            out.push('$');
            rest = escaped;
            continue;
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            rest = &after[end..];
        }
        out.push('1');
    }
    out.push_str(rest);
    out
}
