//! Pattern 6: `compose.override.yaml` for development: compose.yaml stays the
//! production description, the override adds debugging settings.

use super::runtime::{self, App};
use super::{Choice, FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "override",
    title: "compose.override.yaml for development",
    summary: "compose.yaml describes production; compose.override.yaml, merged automatically by `docker compose up`, adds debug settings, a log level and bind mounts.",
    when: "Use it when the same compose file serves production and development. `docker compose up` merges compose.override.yaml over compose.yaml; production runs `docker compose -f compose.yaml up` and never sees the development settings.\n\nMerging rules: single values are replaced, `environment` is merged by key, `volumes` by target path.",
    practices: &["healthcheck", "multi-stage", "dockerignore", "layer-order", "non-root"],
    differs: &[
        "Named `compose.override.yaml` (Compose's current name; `docker-compose.override.yml` is still read) with no `version:` key.",
        "The override mounts the sources and sets development variables over the production service, which builds a stage the Dockerfile has (`runtime`); the tutorial's `target: development` names a stage it does not show.",
        "`LOG_LEVEL: debug` where the tutorial also sets `DEBUG=*`, which turns on every library's debug output (noisy, and some log secrets).",
        "`restart: \"no\"` in development, so a crashing dev server stops instead of looping.",
    ],
    params: &[
        runtime::INTERPRETED_RUNTIME,
        runtime::VERSION,
        runtime::PACKAGE_MANAGER,
        runtime::PORT,
        runtime::HEALTH_PATH,
        runtime::USER_ID,
        Param {
            key: "log_level",
            label: "Log level in development",
            help: "LOG_LEVEL set by the override.",
            kind: ParamKind::Choice {
                options: &[Choice::any("debug", "debug"), Choice::any("info", "info")],
            },
        },
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let app = App::from_values(values);
    let port = app.port;
    let mut base = FileBuilder::new("compose.yaml");
    base.line("name: app");
    base.line("services:");
    base.line("  app:");
    base.explained(
        "    build:\n      context: .\n      target: runtime",
        "Production: the image as it ships.",
    );
    base.line("    environment:\n      LOG_LEVEL: info");
    base.line(format!("    ports:\n      - '127.0.0.1:{port}:{port}'"));
    base.line("    restart: unless-stopped");

    let mut over = FileBuilder::new("compose.override.yaml");
    over.explained(
        "# Merged over compose.yaml by `docker compose up`; production uses `-f compose.yaml` alone.",
        "Only what differs in development is written here.",
    );
    over.explained(
        "name: app",
        "The same project name as compose.yaml: the file reads as part of that project on its own too.",
    );
    over.line("services:");
    over.line("  app:");
    over.line("    volumes:");
    over.explained(
        "      - .:/app",
        "The sources from the host replace the copy in the image: edits take effect on restart (or at once with a reloading server).",
    );
    if app.runtime == "node" {
        over.explained(
            "      - /app/node_modules",
            "Keeps the image's node_modules visible under the bind mount.",
        );
    }
    over.line("    environment:");
    over.explained(
        format!("      LOG_LEVEL: {}", values.get("log_level")),
        "Merged by key: replaces LOG_LEVEL from compose.yaml, keeps the rest.",
    );
    if app.runtime == "node" {
        over.line("      NODE_ENV: development");
    } else {
        over.explained(
            "      PYTHONDEVMODE: \"1\"",
            "Python's development mode: extra runtime checks and warnings shown.",
        );
    }
    over.explained(
        "    restart: \"no\"",
        "A crash in development should stay visible, not restart in a loop.",
    );
    let mut files = vec![base.build(), over.build()];
    files.extend(app.files());
    files.push(runtime::dockerignore(app.runtime));
    files
}
