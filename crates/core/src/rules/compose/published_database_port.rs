use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::yaml::Node;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "published-database-port",
        aliases: &[],
        summary: "Database ports are not published on every interface",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a published port of a database or cache (by image: postgres, mysql, mariadb,
mongo, redis, valkey, memcached, elasticsearch, opensearch, cassandra, couchdb,
influxdb, neo4j, clickhouse, mssql; or by its standard container port: 5432, 3306,
27017, 6379, 11211, 9200, 9042, 5984, 8086, 7687, 8123, 1433) unless it is bound to a
loopback address (`127.0.0.1:5432:5432`).

## Why is this bad?
Other services reach the database over the compose network by its service name; `ports`
only adds a door from outside. Without an address it opens on every interface of the
host, past the host's firewall rules, usually with a development password.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    ports:
      - "5432:5432"
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    ports:
      - "127.0.0.1:5432:5432"
```

## References
- Docker, packet filtering and firewalls: https://docs.docker.com/engine/network/packet-filtering-firewalls/
- dclint `no-unbound-port-interfaces` (the same concern for every port, as information)
"#;

const DATABASES: [&str; 16] = [
    "postgres",
    "postgis",
    "mysql",
    "mariadb",
    "mongo",
    "redis",
    "valkey",
    "memcached",
    "elasticsearch",
    "opensearch",
    "cassandra",
    "couchdb",
    "influxdb",
    "neo4j",
    "clickhouse-server",
    "mssql",
];
const DATABASE_PORTS: [u32; 12] = [
    5432, 3306, 27017, 6379, 11211, 9200, 9042, 5984, 8086, 7687, 8123, 1433,
];

fn database_image(service: &Node) -> Option<&str> {
    let image = service.get("image")?.as_str()?;
    let repository = image.split(['@']).next().unwrap_or(image);
    let last = repository.rsplit('/').next().unwrap_or(repository);
    let name = last.split(':').next().unwrap_or(last);
    DATABASES
        .iter()
        .any(|db| {
            name == *db
                || name.starts_with(&format!("{db}-"))
                || (name == "server" && image.contains("mssql"))
        })
        .then_some(name)
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let image = database_image(&entry.value);
        for port in super::ports::published(&entry.value) {
            let is_database = image.is_some() || DATABASE_PORTS.contains(&port.target.0);
            let local = port
                .host_ip
                .as_deref()
                .is_some_and(super::ports::is_loopback);
            if is_database && !local {
                out.push(Finding::new(
                    port.node.span,
                    format!("service \"{service}\" publishes database port {} on every interface: services reach it over the compose network without `ports`; if the host needs it, bind it to 127.0.0.1", port.target.0),
                ));
            }
        }
    }
}
