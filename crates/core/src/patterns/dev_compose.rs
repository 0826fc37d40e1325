//! Pattern 4: Development compose with hot reload: the development stage, sources
//! bind-mounted, dependencies kept in an anonymous volume.

use super::runtime::{self, App};
use super::{FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "dev-compose",
    title: "Development compose with hot reload",
    summary: "`target: development`, the sources bind-mounted, node_modules kept in an anonymous volume, the dev server as the command.",
    when: "Use it while developing a Node app in containers: edits on the host reach the dev server at once, while the dependencies installed in the image (built for Linux) stay in use. The anonymous volume on /app/node_modules is what keeps the bind mount from hiding them.\n\nCompose's `develop: watch` is an alternative that syncs files instead of mounting them.",
    practices: &["multi-stage", "dockerignore", "layer-order", "non-root"],
    differs: &[
        "No `version:` key; a `name:`.",
        "The Dockerfile has the `development` stage the compose file builds (the tutorial's `target: development` needs one it does not show), installing all dependencies, dev ones included.",
        "The dev server's port is published on 127.0.0.1 (the tutorial publishes none, so the dev server cannot be reached).",
        "`environment:` as a map and `command:` in exec form, where the tutorial has a list and a shell string.",
    ],
    params: &[
        runtime::NODE_VERSION,
        runtime::NODE_PACKAGE_MANAGER,
        Param {
            key: "port",
            label: "Port",
            help: "The dev server's port.",
            kind: ParamKind::Port { default: 3000 },
        },
        runtime::HEALTH_PATH,
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let app = App {
        runtime: "node",
        version: values.get("version"),
        package_manager: values.get("package_manager"),
        port: values.port("port"),
        health_path: values.get("health_path"),
        healthcheck: true,
        development: true,
        uid: None,
    };
    let port = app.port;
    let mut f = FileBuilder::new("compose.yaml");
    f.line("name: app-dev");
    f.line("services:");
    f.line("  app:");
    f.explained(
        "    build:\n      context: .\n      target: development",
        "The Dockerfile's development stage: all dependencies, the dev server.",
    );
    f.line("    volumes:");
    f.explained(
        "      - .:/app",
        "The sources from the host, live: the dev server reloads on every save.",
    );
    f.explained(
        "      - /app/node_modules",
        "An anonymous volume over node_modules: the bind mount above would otherwise hide the dependencies installed in the image.",
    );
    f.line("    environment:\n      NODE_ENV: development");
    f.line("    ports:");
    f.explained(
        format!("      - '127.0.0.1:{port}:{port}'"),
        "Only this machine reaches the dev server.",
    );
    f.explained(
        format!("    command: {}", runtime::json(&runtime::node_dev_command(app.package_manager))),
        "The `dev` script of package.json (a watcher such as `next dev`, `vite` or `node --watch`).",
    );
    let mut files = vec![f.build()];
    files.extend(app.files());
    files.push(runtime::dockerignore("node"));
    files
}
