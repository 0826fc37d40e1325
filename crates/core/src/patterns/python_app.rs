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
    differs: &[
        "`python:3.12-slim-bookworm` (a parameter) where the tutorial has `python:3.11-slim`; stages named `build` and `runtime`.",
        "`RUN --mount=type=cache,target=/root/.cache/pip pip install --user …` where the tutorial has `--no-cache-dir`: the download cache is kept between builds, outside the image, so a changed requirement does not download everything again.",
        "The packages go to `/home/app/.local` of a user `app` (uid 10001) created in the runtime stage, which runs with `USER 10001:10001`; the tutorial copies them to `/root/.local` and runs as root.",
        "`PYTHONUNBUFFERED=1` (logs appear as they are written) and `PYTHONDONTWRITEBYTECODE=1`; `PIP_DISABLE_PIP_VERSION_CHECK=1` in the build.",
        "A HEALTHCHECK with a probe written in Python (`healthcheck.py`, urllib: slim images have no curl); the tutorial has none.",
        "`CMD [\"python\", \"-m\", \"app\"]` (a package) where the tutorial runs `app.py`; the command is the one line to adapt.",
        "A `.dockerignore` (the tutorial's `COPY . .` sends .venv, __pycache__ and .env).",
    ],
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
