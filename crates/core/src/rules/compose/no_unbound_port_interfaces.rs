use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-unbound-port-interfaces",
        aliases: &[],
        summary: "Published ports name the interface they listen on",
        severity: Severity::Info,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a published port without a host address (`8080:80` rather than
`127.0.0.1:8080:80`, or a long-syntax port without `host_ip`).

An error in dclint; information here, since publishing to every interface is often the
intent (a web server). `published-database-port` is the stronger check for the ports
that should never be public.

## Why is this bad?
Without an address Docker listens on every interface of the host and adds firewall rules
that bypass tools such as ufw: a port meant for the developer's browser is open to the
network.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
```

## References
- dclint `no-unbound-port-interfaces`
- Docker, packet filtering and firewalls: https://docs.docker.com/engine/network/packet-filtering-firewalls/
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        for port in super::ports::published(&entry.value) {
            if port.host_ip.is_none() {
                out.push(Finding::new(
                    port.node.span,
                    format!("Service \"{service}\" is exporting port \"{}\" without specifying the interface to listen on.", port.written),
                ));
            }
        }
    }
}
