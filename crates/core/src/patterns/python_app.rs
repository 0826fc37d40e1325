//! Pattern 2: Multi-stage build for a Python app: dependencies installed in a build
//! stage, a slim runtime without build tools.

use super::runtime::{self, App};
use super::{Choice, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "python-app",
    title: "Python multi-stage build",
    summary: "Dependencies installed in a build stage (pip --user, uv or Poetry), copied into a slim runtime that runs as a non-root user.",
    when: "Use it for a Python service. The build stage may hold compilers and caches; the runtime stage gets only the installed packages and the sources, runs unprivileged and reports its health.\n\nThe app is the package `app` (run with `python -m app`), listening on PORT.",
    practices: &["multi-stage", "dockerignore", "layer-order", "healthcheck", "non-root"],
    params: &[
        Param {
            key: "version",
            label: "Python version",
            help: "The Python version of the images.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("3.12", "Python 3.12"),
                    Choice::any("3.13", "Python 3.13"),
                    Choice::any("3.11", "Python 3.11"),
                ],
            },
        },
        Param {
            key: "package_manager",
            label: "Package manager",
            help: "How dependencies are declared.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("pip", "pip (requirements.txt)"),
                    Choice::any("uv", "uv"),
                    Choice::any("poetry", "Poetry"),
                ],
            },
        },
        Param {
            key: "port",
            label: "Port",
            help: "The port the app listens on.",
            kind: ParamKind::Port { default: 8000 },
        },
        runtime::HEALTH_PATH,
        runtime::USER_ID,
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let app = App {
        runtime: "python",
        version: values.get("version"),
        package_manager: values.get("package_manager"),
        port: values.port("port"),
        health_path: values.get("health_path"),
        healthcheck: true,
        development: false,
        uid: values.get("uid").parse().ok(),
    };
    let mut files = app.files();
    files.insert(1, runtime::dockerignore("python"));
    files
}
