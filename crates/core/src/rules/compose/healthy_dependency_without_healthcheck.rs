use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::yaml::Node;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "healthy-dependency-without-healthcheck",
        aliases: &[],
        summary: "`condition: service_healthy` waits for a service that has a healthcheck",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `depends_on: {db: {condition: service_healthy}}` when `db` has no `healthcheck`
(or disables it). A service built with `build:` may get its health check from its
Dockerfile's `HEALTHCHECK` (in the stage built or a stage it builds FROM): when the
project's files are linted together that Dockerfile is read; a compose file linted alone
gives such a service the benefit of the doubt.

## Why is this bad?
Docker Compose waits for a health status that never comes: `docker compose up` fails
with "dependency failed to start: container … has no healthcheck configured".

## Example
```yaml
services:
  api:
    image: acme/api:1.4
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
```

## Use instead
```yaml
services:
  api:
    image: acme/api:1.4
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 5s
      retries: 10
```

## References
- Compose file reference, depends_on: https://docs.docker.com/reference/compose-file/services/#depends_on
- Compose startup order: https://docs.docker.com/compose/how-tos/startup-order/
"#;

/// A health check command that suits well-known images.
fn suggestion(image: &str) -> &'static str {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name.split([':', '@']).next().unwrap_or(name);
    match name {
        "postgres" | "postgis" => " (for Postgres: test: [\"CMD-SHELL\", \"pg_isready -U postgres\"])",
        "mysql" => " (for MySQL: test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\"])",
        "mariadb" => " (for MariaDB: test: [\"CMD\", \"healthcheck.sh\", \"--connect\", \"--innodb_initialized\"])",
        "redis" | "valkey" => " (for Redis: test: [\"CMD\", \"redis-cli\", \"ping\"])",
        "mongo" => " (for MongoDB: test: [\"CMD\", \"mongosh\", \"--quiet\", \"--eval\", \"db.adminCommand('ping')\"])",
        "rabbitmq" => " (for RabbitMQ: test: [\"CMD\", \"rabbitmq-diagnostics\", \"-q\", \"ping\"])",
        _ => "",
    }
}

fn has_healthcheck(service: &Node) -> bool {
    let Some(healthcheck) = service.get("healthcheck") else {
        return false;
    };
    let disabled = healthcheck
        .get("disable")
        .is_some_and(|d| d.as_str() == Some("true"));
    let none = healthcheck
        .get("test")
        .and_then(|t| t.items().first())
        .is_some_and(|first| first.as_str() == Some("NONE"));
    !disabled && !none
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let services: Vec<(&str, &Node)> = ctx.services().map(|(n, e)| (n, &e.value)).collect();
    for (name, service) in &services {
        let Some(depends_on) = service.get("depends_on") else {
            continue;
        };
        for dependency in depends_on.entries() {
            let condition = dependency.value.get("condition").and_then(Node::as_str);
            if condition != Some("service_healthy") {
                continue;
            }
            let Some(other) = dependency.key.as_str() else {
                continue;
            };
            let Some((_, target)) = services.iter().find(|(n, _)| *n == other) else {
                continue;
            };
            if has_healthcheck(target) {
                continue;
            }
            // A built image may declare HEALTHCHECK in its Dockerfile.
            if target.get("build").is_some() {
                let built = ctx
                    .project
                    .and_then(|p| p.build_of(other))
                    .and_then(|b| b.dockerfile);
                let Some(dockerfile) = built else { continue };
                let stage = target
                    .get("build")
                    .and_then(|b| b.get("target"))
                    .and_then(Node::as_str);
                let facts = crate::project::image_facts(dockerfile, stage);
                if facts.healthcheck && !facts.healthcheck_disabled {
                    continue;
                }
            }
            let image = target
                .get("image")
                .and_then(Node::as_str)
                .unwrap_or_default();
            out.push(Finding::new(
                dependency.value.get("condition").map_or(dependency.key.span, |c| c.span),
                format!(
                    "service \"{name}\" waits for \"{other}\" to be healthy, but \"{other}\" has no healthcheck: add one{} or wait for service_started",
                    suggestion(image)
                ),
            ));
        }
    }
}
