//! Pattern 3: Full-stack compose: the app, a database with a real readiness check
//! that the app waits for, a cache, named volumes.

use super::runtime::{self, App};
use super::{Choice, FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "fullstack",
    title: "Full-stack compose: app + database + cache",
    summary: "The app built from its Dockerfile, Postgres or MySQL with a readiness healthcheck the app waits for, Redis, and a named volume for the data.",
    when: "Use it to run an app with its backing services on one machine: development, demos, small deployments. `depends_on` with `condition: service_healthy` starts the app only once the database accepts connections (not merely once its container started), which removes the classic \"connection refused\" on first boot.\n\nPasswords come from the environment or a `.env` file beside compose.yaml (see `.env.example`), never from the file itself.",
    practices: &["healthcheck", "multi-stage", "dockerignore", "layer-order", "non-root"],
    differs: &[
        "No `version:` key (Compose ignores it and warns); a `name:` gives the same container, network and volume names in any folder.",
        "The database password comes from `.env` (`${POSTGRES_PASSWORD:?…}`, with `.env.example` to copy) where the tutorial writes `pass` into the file and into `DATABASE_URL`.",
        "Redis publishes no port: the tutorial's `6379:6379` opens a Redis without a password on every interface of the host; the app reaches it as `cache:6379` on the project's network.",
        "The app's port is published on 127.0.0.1 only (a parameter away from public); the tutorial publishes it on every interface.",
        "Redis has a healthcheck too, and the app waits for both (`condition: service_healthy`); restart policies keep the stack up.",
        "Current images (`postgres:17-alpine`, `redis:7.4-alpine`) where the tutorial has `postgres:16` and `redis:7-alpine`; the app's Dockerfile is part of the pattern (the tutorial's `build: .` points to one it does not show).",
    ],
    params: &[
        Param {
            key: "project",
            label: "Project name",
            help: "The compose project name (prefix of containers, networks and volumes).",
            kind: ParamKind::Text {
                default: "shop",
                check: super::checks::project_name,
            },
        },
        runtime::RUNTIME,
        runtime::VERSION,
        runtime::PACKAGE_MANAGER,
        runtime::PORT,
        runtime::HEALTH_PATH,
        runtime::USER_ID,
        Param {
            key: "database",
            label: "Database",
            help: "The database service, if any.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("postgres", "PostgreSQL 17"),
                    Choice::any("mysql", "MySQL 8.4"),
                    Choice::any("none", "None"),
                ],
            },
        },
        Param {
            key: "cache",
            label: "Cache",
            help: "A Redis cache, if any.",
            kind: ParamKind::Choice {
                options: &[Choice::any("redis", "Redis 7"), Choice::any("none", "None")],
            },
        },
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let app = App::from_values(values);
    let database = values.get("database");
    let cache = values.get("cache") == "redis";
    let port = app.port;
    let mut f = FileBuilder::new("compose.yaml");
    f.explained(
        format!("name: {}", super::yaml_string(values.get("project"))),
        "A fixed project name: the same container, network and volume names whatever the folder is called. No `version:` key: Compose ignores it.",
    );
    f.line("services:");
    f.line("  app:");
    f.explained(
        "    build:\n      context: .\n      target: runtime",
        "Builds the Dockerfile's production stage.",
    );
    if database != "none" || cache {
        f.explained(
            "    depends_on:",
            "Waits for the services to be healthy, not just started.",
        );
        if cache {
            f.line("      cache:\n        condition: service_healthy");
        }
        if database != "none" {
            f.line("      db:\n        condition: service_healthy");
        }
    }
    f.line("    environment:");
    f.line(format!("      PORT: \"{port}\""));
    match database {
        "postgres" => {
            f.explained(
                "      DATABASE_HOST: db\n      DATABASE_NAME: app\n      DATABASE_USER: app\n      DATABASE_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}",
                "Services reach each other by service name on the project's network. `${VAR:?message}` stops `docker compose up` with the message when the password is not set.",
            );
        }
        "mysql" => {
            f.explained(
                "      DATABASE_HOST: db\n      DATABASE_NAME: app\n      DATABASE_USER: app\n      DATABASE_PASSWORD: ${MYSQL_PASSWORD:?set MYSQL_PASSWORD in .env}",
                "Services reach each other by service name on the project's network. `${VAR:?message}` stops `docker compose up` with the message when the password is not set.",
            );
        }
        _ => {}
    }
    if cache {
        f.line("      REDIS_URL: redis://cache:6379/0");
    }
    f.line("    ports:");
    f.explained(
        format!("      - '127.0.0.1:{port}:{port}'"),
        "Published on the loopback interface only: reachable from this machine, not from the network. Quoted, so no YAML reader takes it for a number.",
    );
    f.explained(
        "    restart: unless-stopped",
        "Comes back after a crash or a reboot, unless stopped by hand.",
    );
    if cache {
        f.line("  cache:");
        f.explained(
            "    image: redis:7.4-alpine",
            "A pinned minor version: updates are a decision, not a surprise.",
        );
        f.explained(
            "    restart: unless-stopped\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n      interval: 5s\n      timeout: 3s\n      retries: 10",
            "Not published: only the app talks to the cache, over the project network.",
        );
    }
    match database {
        "postgres" => {
            f.line("  db:");
            f.line("    image: postgres:17-alpine");
            f.explained(
                "    volumes:\n      - db-data:/var/lib/postgresql/data",
                "A named volume: the data survives `docker compose down` and image updates.",
            );
            f.line("    environment:\n      POSTGRES_DB: app\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}");
            f.line("    restart: unless-stopped");
            f.explained(
                "    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U app -d app\"]\n      interval: 5s\n      timeout: 3s\n      retries: 10\n      start_period: 10s",
                "`pg_isready` answers once Postgres accepts connections; the app's `condition: service_healthy` waits for it. The port is not published.",
            );
        }
        "mysql" => {
            f.line("  db:");
            f.line("    image: mysql:8.4");
            f.explained(
                "    volumes:\n      - db-data:/var/lib/mysql",
                "A named volume: the data survives `docker compose down` and image updates.",
            );
            f.line("    environment:\n      MYSQL_DATABASE: app\n      MYSQL_USER: app\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD:?set MYSQL_PASSWORD in .env}\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD in .env}");
            f.line("    restart: unless-stopped");
            f.explained(
                "    healthcheck:\n      test: [\"CMD-SHELL\", \"mysqladmin ping -h 127.0.0.1 -u app --password=\\\"$$MYSQL_PASSWORD\\\" --silent\"]\n      interval: 5s\n      timeout: 3s\n      retries: 20\n      start_period: 30s",
                "Healthy once MySQL answers on TCP; `$$` leaves `$MYSQL_PASSWORD` for the container's shell instead of compose. The port is not published.",
            );
        }
        _ => {}
    }
    if database != "none" {
        f.line("volumes:\n  db-data:");
    }
    let mut files = vec![f.build()];
    files.extend(app.files());
    files.push(runtime::dockerignore(app.runtime));
    if database != "none" {
        let mut env = FileBuilder::new(".env.example");
        env.explained(
            "# Copy to .env (which .dockerignore and .gitignore should keep out) and set real values.",
            "Compose reads `.env` beside compose.yaml for the `${…}` variables.",
        );
        if database == "postgres" {
            env.line("POSTGRES_PASSWORD=");
        } else {
            env.line("MYSQL_PASSWORD=\nMYSQL_ROOT_PASSWORD=");
        }
        files.push(env.build());
    }
    files
}
