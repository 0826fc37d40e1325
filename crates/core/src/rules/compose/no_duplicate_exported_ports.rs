use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-duplicate-exported-ports",
        aliases: &[],
        summary: "No two services publish the same host port",
        severity: Severity::Error,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a published host port (or a port of a published range) that an earlier port entry
of the file already publishes, for the same protocol on an overlapping interface.

Unlike dclint, the host address is taken into account: `127.0.0.1:80:80` and
`127.0.0.2:80:80` do not collide, while any address collides with all interfaces
(`80:80`). Ports Docker picks itself (`- "80"`) never collide, and the same
entry written twice in one service is not a clash either: Docker Compose keeps
one of them (dclint reports it).

Only services that run together are compared: a service with `profiles:`
runs only when one of its profiles is active (`dockwright lint --profile` or
`COMPOSE_PROFILES`, as with `docker compose`; none by default), so a service
in a profile that is not active shares it with nobody.

## Why is this bad?
Only one container can listen on a host address and port: the second one fails to start
with "port is already allocated".

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
  admin:
    image: acme/admin:2.0
    ports: ["8000-8090:3000-3090"]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
  admin:
    image: acme/admin:2.0
    ports: ["9000-9090:3000-3090"]
```

## References
- dclint `no-duplicate-exported-ports`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let mut taken = Taken::default();
    for (service, entry) in ctx.services().filter(|(_, e)| super::runs(ctx, &e.value)) {
        let mut written: Vec<String> = Vec::new();
        for port in super::ports::published(&entry.value)
            .into_iter()
            .filter(|p| !p.interpolated)
        {
            // Docker Compose keeps one of two identical entries of a
            // service: they publish the port once.
            if written.contains(&port.written) {
                continue;
            }
            written.push(port.written.clone());
            let Some((low, high)) = port.published else {
                continue;
            };
            let group = (port.protocol.clone(), port.host_ip.clone());
            if let Some(other) = taken.first_clash(&group, low, high) {
                out.push(Finding::new(
                    port.node.span,
                    format!("Service \"{service}\" is exporting port \"{}\" which is already used by service \"{other}\".", port.written),
                ));
            } else {
                taken.insert(group, low, high, service);
            }
        }
    }
}

/// The host ports published so far, by protocol and host address (None:
/// all interfaces). Ports in one group never overlap (a second one would
/// have clashed), so each group is a map of disjoint ranges by their low
/// end and a clash is found without comparing every earlier port.
#[derive(Default)]
struct Taken<'a> {
    groups: HashMap<Group, BTreeMap<u32, Range<'a>>>,
    count: usize,
}

use std::collections::{BTreeMap, HashMap};

/// Protocol and host address (None: all interfaces).
type Group = (String, Option<String>);

/// A published range by its low end: (high end, order published, service).
type Range<'a> = (u32, usize, &'a str);

impl<'a> Taken<'a> {
    fn insert(&mut self, group: Group, low: u32, high: u32, service: &'a str) {
        self.groups
            .entry(group)
            .or_default()
            .insert(low, (high, self.count, service));
        self.count += 1;
    }

    /// The service of the earliest published range that clashes with
    /// `low..=high`: same protocol, overlapping ports, and the same
    /// address or either on all interfaces.
    fn first_clash(&self, (protocol, ip): &Group, low: u32, high: u32) -> Option<&'a str> {
        self.groups
            .iter()
            .filter(|((p, other_ip), _)| {
                p == protocol && (ip.is_none() || other_ip.is_none() || other_ip == ip)
            })
            .flat_map(|(_, ranges)| {
                ranges
                    .range(..=high)
                    .rev()
                    .take_while(move |(_, (h, _, _))| *h >= low)
            })
            .min_by_key(|(_, (_, order, _))| *order)
            .map(|(_, (_, _, service))| *service)
    }
}
