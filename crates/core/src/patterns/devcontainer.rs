//! Pattern 5: A dev container: a Dockerfile on a Dev Containers base image with
//! extra tools and a non-root user, and its devcontainer.json.

use super::runtime;
use super::{Choice, FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "devcontainer",
    title: "Dev container",
    summary: "A .devcontainer folder: a Dockerfile on the Dev Containers base image for the runtime, a pinned linter, the non-root user, and devcontainer.json.",
    when: "Use it so that everyone (and Codespaces) develops in the same environment: VS Code and other Dev Containers tools build the image, open the project inside it and run as the image's non-root user.\n\nTools that are Dev Container features (Docker, the GitHub CLI) go in devcontainer.json's `features`; project tools are pinned in the Dockerfile.",
    practices: &["non-root"],
    differs: &[
        "`mcr.microsoft.com/devcontainers/typescript-node:1-22-bookworm` (image version 1, Node 22) where the tutorial has `:20`.",
        "No apt install: the devcontainers images already hold git and curl; when packages are needed the pattern's notes say `--no-install-recommends`, which the tutorial leaves out.",
        "Global npm packages pinned (`eslint@…`) with npm's cache mount, where the tutorial installs whatever `typescript tsx` are current the day it builds.",
        "`devcontainer.json` beside the Dockerfile (editors need it) with `remoteUser`; no `WORKDIR /workspace`: dev containers mount the project at `/workspaces/NAME` themselves.",
    ],
    params: &[
        runtime::RUNTIME,
        runtime::VERSION,
        Param {
            key: "docker",
            label: "Docker inside",
            help: "Adds the Docker CLI, talking to the host's Docker (docker-outside-of-docker).",
            kind: ParamKind::Choice {
                options: &[Choice::any("no", "No"), Choice::any("yes", "Yes")],
            },
        },
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let runtime = values.get("runtime");
    let version = values.get("version");
    let (image, user, name) = match runtime {
        "node" => (
            format!("mcr.microsoft.com/devcontainers/typescript-node:1-{version}-bookworm"),
            "node",
            "Node.js",
        ),
        "python" => (
            format!("mcr.microsoft.com/devcontainers/python:1-{version}-bookworm"),
            "vscode",
            "Python",
        ),
        "go" => (
            format!("mcr.microsoft.com/devcontainers/go:1-{version}-bookworm"),
            "vscode",
            "Go",
        ),
        "rust" => (
            "mcr.microsoft.com/devcontainers/rust:1-1-bookworm".to_string(),
            "vscode",
            "Rust",
        ),
        _ => (
            format!("mcr.microsoft.com/devcontainers/java:1-{version}-bookworm"),
            "vscode",
            "Java",
        ),
    };
    let mut f = FileBuilder::new(".devcontainer/Dockerfile");
    f.explained(
        format!("FROM {image}"),
        "The Dev Containers image for the runtime: git, a shell, common tools and a non-root user already set up. The `1-` prefix follows the image's major version.",
    );
    match runtime {
        "node" => {
            f.explained(
                "RUN --mount=type=cache,target=/root/.npm npm install -g eslint@9.17.0",
                "Project tools pinned to a version, so every developer gets the same one; npm's cache stays in a cache mount, out of the layer.",
            );
        }
        "python" => {
            f.explained(
                "RUN --mount=type=cache,target=/root/.cache/pip pip install ruff==0.8.4",
                "Project tools pinned to a version, so every developer gets the same one.",
            );
        }
        "go" => {
            f.explained(
                "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go install honnef.co/go/tools/cmd/staticcheck@2024.1.1",
                "Project tools pinned to a version, so every developer gets the same one.",
            );
        }
        "rust" => {
            f.explained(
                "RUN rustup component add clippy rustfmt",
                "The linter and formatter for the toolchain in the image.",
            );
        }
        _ => {}
    }
    f.explained(
        "USER 1000:1000",
        format!("Develop as the image's non-root user (`{user}`, uid 1000), by number: files created in the mounted workspace belong to you, not to root."),
    );
    let mut json = FileBuilder::new(".devcontainer/devcontainer.json");
    json.line("{");
    json.line(format!("  \"name\": \"{name}\","));
    json.explained(
        "  \"build\": {\n    \"dockerfile\": \"Dockerfile\"\n  },",
        "Built from the Dockerfile beside this file.",
    );
    if values.get("docker") == "yes" {
        json.explained(
            "  \"features\": {\n    \"ghcr.io/devcontainers/features/docker-outside-of-docker:1\": {}\n  },",
            "The Docker CLI in the container, talking to the host's engine through its socket.",
        );
    }
    json.explained(
        format!("  \"remoteUser\": \"{user}\""),
        "Tools connect as the non-root user.",
    );
    json.line("}");
    vec![f.build(), json.build()]
}
