//! What differs between runtimes: base images, dependency manifests and
//! installs, the build, the command, the health script and what to keep
//! out of the build context. Patterns put these pieces together.

use super::{Choice, FileBuilder, GeneratedFile, Param, ParamKind, Values};

/// The runtime choice with all five runtimes.
pub const RUNTIME: Param = Param {
    key: "runtime",
    label: "Runtime",
    help: "The language the app is written in.",
    kind: ParamKind::Choice {
        options: &[
            Choice::any("node", "Node.js"),
            Choice::any("python", "Python"),
            Choice::any("go", "Go"),
            Choice::any("rust", "Rust"),
            Choice::any("java", "Java"),
        ],
    },
};

/// The runtime choice for patterns that only make sense for interpreted
/// code, where a bind mount of the sources takes effect without a build.
pub const INTERPRETED_RUNTIME: Param = Param {
    key: "runtime",
    label: "Runtime",
    help: "The language the app is written in (sources mounted into the container run as they change).",
    kind: ParamKind::Choice {
        options: &[
            Choice::any("node", "Node.js"),
            Choice::any("python", "Python"),
        ],
    },
};

/// Supported versions, newest first: each is an official image tag that
/// is maintained today.
pub const VERSION: Param = Param {
    key: "version",
    label: "Version",
    help: "The runtime version (the image tag's version part).",
    kind: ParamKind::Choice {
        options: &[
            Choice::when("22", "Node 22 (LTS)", "runtime", "node"),
            Choice::when("24", "Node 24", "runtime", "node"),
            Choice::when("20", "Node 20", "runtime", "node"),
            Choice::when("3.12", "Python 3.12", "runtime", "python"),
            Choice::when("3.13", "Python 3.13", "runtime", "python"),
            Choice::when("3.11", "Python 3.11", "runtime", "python"),
            Choice::when("1.24", "Go 1.24", "runtime", "go"),
            Choice::when("1.23", "Go 1.23", "runtime", "go"),
            Choice::when("1.87", "Rust 1.87", "runtime", "rust"),
            Choice::when("1.83", "Rust 1.83", "runtime", "rust"),
            Choice::when("21", "Java 21 (LTS)", "runtime", "java"),
            Choice::when("17", "Java 17 (LTS)", "runtime", "java"),
        ],
    },
};

/// The Node version, for the patterns that are Node's only.
pub const NODE_VERSION: Param = Param {
    key: "version",
    label: "Node version",
    help: "The Node.js major version of the images.",
    kind: ParamKind::Choice {
        options: &[
            Choice::any("22", "Node 22 (LTS)"),
            Choice::any("24", "Node 24"),
            Choice::any("20", "Node 20"),
        ],
    },
};

/// Node's package managers, for the patterns that are Node's only.
pub const NODE_PACKAGE_MANAGER: Param = Param {
    key: "package_manager",
    label: "Package manager",
    help: "The lockfile the project has.",
    kind: ParamKind::Choice {
        options: &[
            Choice::any("npm", "npm"),
            Choice::any("pnpm", "pnpm"),
            Choice::any("yarn", "Yarn"),
        ],
    },
};

pub const PACKAGE_MANAGER: Param = Param {
    key: "package_manager",
    label: "Package manager",
    help: "How dependencies are declared and installed.",
    kind: ParamKind::Choice {
        options: &[
            Choice::when("npm", "npm", "runtime", "node"),
            Choice::when("pnpm", "pnpm", "runtime", "node"),
            Choice::when("yarn", "Yarn", "runtime", "node"),
            Choice::when("pip", "pip (requirements.txt)", "runtime", "python"),
            Choice::when("uv", "uv", "runtime", "python"),
            Choice::when("poetry", "Poetry", "runtime", "python"),
            Choice::when("go", "Go modules", "runtime", "go"),
            Choice::when("cargo", "Cargo", "runtime", "rust"),
            Choice::when("maven", "Maven", "runtime", "java"),
            Choice::when("gradle", "Gradle", "runtime", "java"),
        ],
    },
};

pub const PORT: Param = Param {
    key: "port",
    label: "Port",
    help: "The port the app listens on inside the container (also set as PORT).",
    kind: ParamKind::Port { default: 8080 },
};

pub const HEALTH_PATH: Param = Param {
    key: "health_path",
    label: "Health endpoint",
    help: "The HTTP path that answers 2xx when the app is ready.",
    kind: ParamKind::Text {
        default: "/health",
        check: super::checks::http_path,
    },
};

pub const USER_ID: Param = Param {
    key: "uid",
    label: "User id",
    help: "The numeric user the image runs as; empty for the image's usual one (Node's node 1000, distroless's nonroot 65532, else a created user 10001).",
    kind: ParamKind::Text {
        default: "",
        check: super::checks::user_id,
    },
};

/// What a Dockerfile for an app needs to know.
pub struct App<'a> {
    pub runtime: &'a str,
    pub version: &'a str,
    pub package_manager: &'a str,
    pub port: u16,
    pub health_path: &'a str,
    /// Adds a HEALTHCHECK and generates the script it runs.
    pub healthcheck: bool,
    /// Adds a `development` stage with all dependencies and the dev server.
    pub development: bool,
    /// The user id the image runs as; `None` for the runtime's usual one.
    pub uid: Option<u32>,
}

impl<'a> App<'a> {
    pub fn from_values(values: &'a Values) -> App<'a> {
        App {
            runtime: values.get("runtime"),
            version: values.get("version"),
            package_manager: values.get("package_manager"),
            port: values.port("port"),
            health_path: values.get("health_path"),
            healthcheck: true,
            development: false,
            uid: values.get("uid").parse().ok(),
        }
    }

    /// The user id the image runs as.
    pub fn uid(&self) -> u32 {
        self.uid.unwrap_or(match self.runtime {
            "node" => 1000,
            "go" | "rust" => 65532,
            _ => 10001,
        })
    }

    /// Node's image has its `node` user (1000); another id needs a user.
    fn node_user(&self, f: &mut FileBuilder) {
        let uid = self.uid();
        if uid != 1000 {
            f.explained(
                format!("RUN groupadd --gid {uid} app \\\n    && useradd --no-log-init --uid {uid} --gid app --no-create-home app"),
                "A user with the chosen id (the image's own `node` user is 1000).",
            );
        }
    }

    /// The stage compose builds for production.
    pub const RUNTIME_STAGE: &'static str = "runtime";

    /// The user the image runs as.
    pub fn user(&self) -> &'static str {
        match self.runtime {
            "node" => "node",
            "go" | "rust" => "nonroot",
            _ => "app",
        }
    }

    /// The files: Dockerfile, then the health script when there is one.
    pub fn files(&self) -> Vec<GeneratedFile> {
        let mut files = vec![self.dockerfile()];
        if self.healthcheck {
            files.push(self.health_script());
        }
        files
    }

    pub fn dockerfile(&self) -> GeneratedFile {
        let mut f = FileBuilder::new("Dockerfile");
        f.explained(
            "# syntax=docker/dockerfile:1",
            "Builds with the current Dockerfile frontend, which knows `RUN --mount` cache mounts and heredocs whatever the Docker version.",
        );
        match self.runtime {
            "node" => self.node(&mut f),
            "python" => self.python(&mut f),
            "go" => self.go(&mut f),
            "rust" => self.rust(&mut f),
            _ => self.java(&mut f),
        }
        f.build()
    }

    fn expose_and_health(&self, f: &mut FileBuilder, health: &str) {
        f.explained(
            format!("EXPOSE {}", self.port),
            "Documents the port; compose publishes it (`ports:`).",
        );
        if self.healthcheck {
            f.explained(
                format!("HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD {health}"),
                format!("Docker marks the container healthy once `{}` answers; compose's `condition: service_healthy` waits for it. Exec form: no shell needed in the image.", self.health_path),
            );
        }
    }

    fn node(&self, f: &mut FileBuilder) {
        let image = format!("node:{}-bookworm-slim", self.version);
        let (manifests, install_prod, install_all) = node_install(self.package_manager);
        f.explained(
            format!("FROM {image} AS base"),
            "The slim Debian variant: glibc (native modules work) without compilers and docs.",
        );
        f.line("WORKDIR /app");
        corepack(f, self.package_manager);
        f.blank();
        f.explained(
            "FROM base AS deps",
            "Production dependencies only, in their own stage.",
        );
        f.explained(
            format!("COPY {manifests} ./"),
            "Only the manifests first: this layer and the install below are reused until a dependency changes.",
        );
        f.explained(install_prod, "Installs exactly the lockfile's versions, without devDependencies; the cache mount keeps downloads out of the image.");
        if self.development {
            f.blank();
            f.explained(
                "FROM base AS development",
                "The stage compose builds for development (`target: development`): all dependencies, sources mounted at run time.",
            );
            f.line("ENV NODE_ENV=development");
            f.line(format!("COPY {manifests} ./"));
            f.line(install_all);
            f.line("COPY . .");
            self.node_user(f);
            f.line(format!("USER {0}:{0}", self.uid()));
            f.line(format!("EXPOSE {}", self.port));
            f.explained(
                format!("CMD {}", json(&node_dev_command(self.package_manager))),
                "The dev server with reload; compose may override it with `command:`.",
            );
        }
        f.blank();
        f.explained(
            format!("FROM base AS {}", Self::RUNTIME_STAGE),
            "The image that ships: the same base, production dependencies and the sources.",
        );
        f.explained(
            format!("ENV NODE_ENV=production PORT={}", self.port),
            "Libraries skip development code paths; the app reads PORT.",
        );
        f.line("COPY --from=deps /app/node_modules ./node_modules");
        f.explained(
            "COPY . .",
            "The sources, after the dependencies: a code change rebuilds from here on only. `.dockerignore` keeps node_modules, .git and .env out.",
        );
        self.node_user(f);
        f.explained(
            format!("USER {0}:{0}", self.uid()),
            "An unprivileged user, by number: Kubernetes' runAsNonRoot can only verify a numeric user.",
        );
        self.expose_and_health(f, r#"["node", "healthcheck.cjs"]"#);
        f.explained(
            r#"CMD ["node", "server.js"]"#,
            "Node runs as PID 1 in exec form and receives SIGTERM directly (no npm wrapper swallowing it).",
        );
    }

    fn python(&self, f: &mut FileBuilder) {
        let image = format!("python:{}-slim-bookworm", self.version);
        match self.package_manager {
            "pip" => {
                f.explained(
                    format!("FROM {image} AS build"),
                    "The build stage: installs dependencies into the user's site directory.",
                );
                f.line("WORKDIR /app");
                f.line("ENV PIP_DISABLE_PIP_VERSION_CHECK=1");
                f.explained("COPY requirements.txt ./", "Only the requirements first, so the install layer is reused until they change.");
                f.explained(
                    "RUN --mount=type=cache,target=/root/.cache/pip pip install --user -r requirements.txt",
                    "`--user` puts everything under /root/.local, one folder to copy into the runtime stage; pip's download cache is a cache mount, kept between builds and out of the image.",
                );
            }
            "uv" => {
                f.explained(
                    "FROM ghcr.io/astral-sh/uv:0.8.4 AS uv",
                    "uv's own image, pinned, as a stage: its binary is copied below rather than installed.",
                );
                f.blank();
                f.explained(
                    format!("FROM {image} AS build"),
                    "The build stage: resolves into a virtual environment in /app/.venv.",
                );
                f.line("COPY --from=uv /uv /usr/local/bin/uv");
                f.line("WORKDIR /app");
                f.explained(
                    "ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy",
                    "Byte-compiles at build time (faster start) and copies files out of the cache mount instead of linking to it.",
                );
                f.explained("COPY pyproject.toml uv.lock ./", "Only the project files first: the dependency layer is reused until they change.");
                f.explained(
                    "RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev --no-install-project",
                    "Installs exactly the lockfile, without dev dependencies and without the project itself (its sources come later).",
                );
            }
            _ => {
                f.explained(
                    format!("FROM {image} AS build"),
                    "The build stage: Poetry and the virtual environment stay here.",
                );
                f.line("WORKDIR /app");
                f.explained(
                    "ENV POETRY_VIRTUALENVS_IN_PROJECT=1 POETRY_NO_INTERACTION=1",
                    "The environment goes to /app/.venv, one folder to copy into the runtime stage.",
                );
                f.explained(
                    "RUN --mount=type=cache,target=/root/.cache/pip pip install poetry==2.1.3",
                    "Poetry pinned: the same build tomorrow.",
                );
                f.explained("COPY pyproject.toml poetry.lock ./", "Only the project files first: the dependency layer is reused until they change.");
                f.explained(
                    "RUN poetry install --only main --no-root --no-cache",
                    "Main dependencies only, not the project itself, no cache in the layer.",
                );
            }
        }
        f.blank();
        f.explained(
            format!("FROM {image} AS {}", Self::RUNTIME_STAGE),
            "The image that ships: the same Python, no build tools.",
        );
        let path = if self.package_manager == "pip" {
            "/home/app/.local/bin"
        } else {
            "/app/.venv/bin"
        };
        f.explained(
            format!("ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT={} PATH={path}:$PATH", self.port),
            "No .pyc files at run time, logs unbuffered (they reach `docker logs` at once), the installed scripts on PATH.",
        );
        f.explained(
            format!("RUN groupadd --gid {0} app \\\n    && useradd --no-log-init --create-home --uid {0} --gid app app", self.uid()),
            "An unprivileged user and group with fixed ids; `--no-log-init` avoids a huge sparse lastlog file for high uids.",
        );
        f.line("WORKDIR /app");
        if self.package_manager == "pip" {
            f.line("COPY --from=build --chown=app:app /root/.local /home/app/.local");
        } else {
            f.line("COPY --from=build --chown=app:app /app/.venv /app/.venv");
        }
        f.explained(
            "COPY --chown=app:app . .",
            "The sources last: a code change rebuilds this layer only.",
        );
        f.line(format!("USER {0}:{0}", self.uid()));
        self.expose_and_health(f, r#"["python", "healthcheck.py"]"#);
        f.explained(
            r#"CMD ["python", "-m", "app"]"#,
            "Runs the package `app` (its `__main__.py` starts the server on PORT); exec form, so Python gets SIGTERM.",
        );
    }

    fn go(&self, f: &mut FileBuilder) {
        f.explained(
            format!("FROM golang:{}-bookworm AS build", self.version),
            "The build stage has the Go toolchain; none of it ships.",
        );
        f.line("WORKDIR /src");
        f.explained(
            "COPY go.mod go.sum ./",
            "Only the module files first: the download layer is reused until a dependency changes.",
        );
        f.line("RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download");
        f.explained("COPY . .", "Then the sources.");
        f.explained(
            "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\\n    CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/server . && \\\n    CGO_ENABLED=0 go build -trimpath -o /out/healthcheck ./cmd/healthcheck",
            "Static binaries (no C library needed at run time), the build cache kept between builds; the health probe is a tiny Go program of its own.",
        );
        f.blank();
        f.explained(
            format!(
                "FROM gcr.io/distroless/static-debian12:nonroot AS {}",
                Self::RUNTIME_STAGE
            ),
            "Distroless: no shell, no package manager, just CA certificates and a non-root user.",
        );
        f.line(format!("ENV PORT={}", self.port));
        f.line("COPY --from=build /out/server /out/healthcheck /app/");
        f.explained(
            format!("USER {0}:{0}", self.uid()),
            "An unprivileged user by number (distroless's `nonroot` is 65532; any other id runs without an entry in /etc/passwd), so that Kubernetes can verify it.",
        );
        self.expose_and_health(f, r#"["/app/healthcheck"]"#);
        f.line(r#"ENTRYPOINT ["/app/server"]"#);
    }

    fn rust(&self, f: &mut FileBuilder) {
        f.explained(
            format!("FROM rust:{}-slim-bookworm AS build", self.version),
            "The build stage has the toolchain and a C linker; none of it ships.",
        );
        f.line("WORKDIR /src");
        f.explained(
            "COPY . .",
            "The sources. Rust's dependency reuse comes from the cache mounts below rather than from layer order: the registry and the compiled dependencies in target/ survive a source change.",
        );
        f.explained(
            "RUN --mount=type=cache,target=/src/target \\\n    --mount=type=cache,target=/usr/local/cargo/git/db \\\n    --mount=type=cache,target=/usr/local/cargo/registry \\\n    cargo build --release --locked && \\\n    mkdir /out && cp target/release/app target/release/healthcheck /out/",
            "target/ is a cache mount kept between builds, so the binaries are copied out in the same step. The package is named `app`; `src/bin/healthcheck.rs` is the probe.",
        );
        f.blank();
        f.explained(
            format!(
                "FROM gcr.io/distroless/cc-debian12:nonroot AS {}",
                Self::RUNTIME_STAGE
            ),
            "Distroless with the C runtime Rust binaries link to; no shell, a non-root user.",
        );
        f.line(format!("ENV PORT={}", self.port));
        f.line("COPY --from=build /out/app /out/healthcheck /app/");
        f.line(format!("USER {0}:{0}", self.uid()));
        self.expose_and_health(f, r#"["/app/healthcheck"]"#);
        f.line(r#"ENTRYPOINT ["/app/app"]"#);
    }

    fn java(&self, f: &mut FileBuilder) {
        if self.package_manager == "gradle" {
            f.explained(
                format!("FROM gradle:8.14-jdk{} AS build", self.version),
                "Gradle and a JDK for the build; none of it ships.",
            );
            f.line("WORKDIR /src");
            f.explained(
                "COPY settings.gradle* build.gradle* ./",
                "Only the build scripts first (Groovy or Kotlin).",
            );
            f.explained(
                "RUN --mount=type=cache,target=/home/gradle/.gradle gradle --no-daemon dependencies",
                "Resolves the dependencies into Gradle's cache, reused between builds.",
            );
            f.line("COPY src ./src");
            f.line("COPY healthcheck ./healthcheck");
            f.explained(
                "RUN --mount=type=cache,target=/home/gradle/.gradle \\\n    gradle --no-daemon build -x test && \\\n    mkdir /out && find build/libs -name '*.jar' ! -name '*-plain.jar' -exec cp {} /out/app.jar \\; && \\\n    javac -d /out healthcheck/HealthCheck.java",
                "Builds the runnable jar (tests run in CI, not in the image build) and compiles the health probe.",
            );
        } else {
            f.explained(
                format!("FROM maven:3.9-eclipse-temurin-{} AS build", self.version),
                "Maven and a JDK for the build; none of it ships.",
            );
            f.line("WORKDIR /src");
            f.explained("COPY pom.xml ./", "Only the POM first.");
            f.explained(
                "RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline",
                "Resolves the dependencies into Maven's cache, reused between builds.",
            );
            f.line("COPY src ./src");
            f.line("COPY healthcheck ./healthcheck");
            f.explained(
                "RUN --mount=type=cache,target=/root/.m2 \\\n    mvn -B -q package -DskipTests && \\\n    mkdir /out && cp target/*.jar /out/app.jar && \\\n    javac -d /out healthcheck/HealthCheck.java",
                "Builds the runnable jar (tests run in CI, not in the image build) and compiles the health probe.",
            );
        }
        f.blank();
        f.explained(
            format!(
                "FROM eclipse-temurin:{}-jre AS {}",
                self.version,
                Self::RUNTIME_STAGE
            ),
            "A JRE only: smaller than the JDK, no compiler in production.",
        );
        f.explained(
            format!("RUN groupadd --non-unique --gid {0} app \\\n    && useradd --no-log-init --non-unique --uid {0} --gid app --no-create-home app", self.uid()),
            "An unprivileged user; `--non-unique` because the Ubuntu base already has a user 1000.",
        );
        f.line("WORKDIR /app");
        f.line(format!("ENV PORT={}", self.port));
        f.line("COPY --from=build /out/app.jar /out/HealthCheck.class ./");
        f.line(format!("USER {0}:{0}", self.uid()));
        self.expose_and_health(f, r#"["java", "-cp", "/app", "HealthCheck"]"#);
        f.explained(
            r#"ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]"#,
            "The heap follows the container's memory limit instead of the host's.",
        );
    }

    /// The probe the HEALTHCHECK runs: a small program in the app's own
    /// language, so that the image needs no curl or wget.
    pub fn health_script(&self) -> GeneratedFile {
        let port = self.port;
        let path = self.health_path;
        match self.runtime {
            "node" => script(
                "healthcheck.cjs",
                &format!(
                    r#"// Exits 0 when the app answers {path} with 2xx or 3xx, else 1.
// CommonJS (.cjs), so it runs whatever "type" package.json declares.
const http = require("node:http");

const request = http.get(
  {{ host: "127.0.0.1", port: process.env.PORT || {port}, path: "{path}", timeout: 2000 }},
  (response) => process.exit(response.statusCode < 400 ? 0 : 1),
);
request.on("timeout", () => request.destroy(new Error("timeout")));
request.on("error", () => process.exit(1));
"#
                ),
            ),
            "python" => script(
                "healthcheck.py",
                &format!(
                    r#""""Exits 0 when the app answers {path} with 2xx or 3xx, else 1."""
import os
import sys
import urllib.request

url = f"http://127.0.0.1:{{os.environ.get('PORT', '{port}')}}{path}"
try:
    with urllib.request.urlopen(url, timeout=2) as response:
        sys.exit(0 if response.status < 400 else 1)
except Exception:
    sys.exit(1)
"#
                ),
            ),
            "go" => script(
                "cmd/healthcheck/main.go",
                &format!(
                    r#"// Command healthcheck exits 0 when the app answers {path} with 2xx or
// 3xx, else 1. The image's HEALTHCHECK runs it; distroless has no curl.
package main

import (
	"net/http"
	"os"
	"time"
)

func main() {{
	port := os.Getenv("PORT")
	if port == "" {{
		port = "{port}"
	}}
	client := http.Client{{Timeout: 2 * time.Second}}
	response, err := client.Get("http://127.0.0.1:" + port + "{path}")
	if err != nil || response.StatusCode >= 400 {{
		os.Exit(1)
	}}
}}
"#
                ),
            ),
            "rust" => script(
                "src/bin/healthcheck.rs",
                &format!(
                    r#"//! Exits 0 when the app answers {path} with 2xx or 3xx, else 1.
//! Plain std, no dependencies: the image's HEALTHCHECK runs it.
use std::io::{{Read, Write}};
use std::net::TcpStream;
use std::time::Duration;

fn main() {{
    let port = std::env::var("PORT").unwrap_or_else(|_| "{port}".into());
    let healthy = (|| -> std::io::Result<bool> {{
        let mut stream = TcpStream::connect(("127.0.0.1", port.parse().unwrap_or({port})))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(b"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head)?;
        Ok(head[9] == b'2' || head[9] == b'3')
    }})()
    .unwrap_or(false);
    std::process::exit(if healthy {{ 0 }} else {{ 1 }});
}}
"#
                ),
            ),
            _ => script(
                "healthcheck/HealthCheck.java",
                &format!(
                    r#"import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Exits 0 when the app answers {path} with 2xx or 3xx, else 1. */
public class HealthCheck {{
    public static void main(String[] args) {{
        String port = System.getenv().getOrDefault("PORT", "{port}");
        try {{
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "{path}"))
                .timeout(Duration.ofSeconds(2))
                .build();
            int status = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
            System.exit(status < 400 ? 0 : 1);
        }} catch (Exception e) {{
            System.exit(1);
        }}
    }}
}}
"#
                ),
            ),
        }
    }
}

/// Corepack for pnpm and Yarn; pnpm's store goes under PNPM_HOME, where
/// the cache mounts point.
pub fn corepack(f: &mut FileBuilder, package_manager: &str) {
    if package_manager == "pnpm" {
        f.explained(
            "ENV PNPM_HOME=/pnpm",
            "pnpm keeps its store in $PNPM_HOME/store, the folder the cache mounts below keep between builds.",
        );
    }
    if package_manager != "npm" {
        f.explained(
            format!("RUN corepack enable {package_manager}"),
            "Corepack (shipped with Node) provides the package manager at the version package.json names, so no global install is needed.",
        );
    }
}

fn script(path: &str, text: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.to_string(),
        text: text.to_string(),
        notes: vec![(
            1,
            "The health probe the HEALTHCHECK runs, in the app's own language: no curl or wget needed in the image.".into(),
        )],
    }
}

/// (manifests to copy, production install, full install) for a Node
/// package manager.
fn node_install(package_manager: &str) -> (&'static str, &'static str, &'static str) {
    match package_manager {
        "pnpm" => (
            "package.json pnpm-lock.yaml",
            "RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --prod --frozen-lockfile",
            "RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile",
        ),
        "yarn" => (
            "package.json yarn.lock",
            "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --production --frozen-lockfile",
            "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile",
        ),
        _ => (
            "package.json package-lock.json",
            "RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev",
            "RUN --mount=type=cache,target=/root/.npm npm ci",
        ),
    }
}

/// The dev-server command for a Node package manager (the `dev` script).
pub fn node_dev_command(package_manager: &str) -> Vec<&'static str> {
    match package_manager {
        "pnpm" => vec!["pnpm", "run", "dev"],
        "yarn" => vec!["yarn", "dev"],
        _ => vec!["npm", "run", "dev"],
    }
}

/// A JSON array of strings (the words here never need escaping).
pub fn json(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// An app's Dockerfile, its `.dockerignore` and its health probe, from the
/// runtime parameters (the healthcheck and layer-caching patterns).
pub fn app_files(values: &Values) -> Vec<GeneratedFile> {
    let app = App::from_values(values);
    let mut files = app.files();
    files.insert(1, dockerignore(app.runtime));
    files
}

/// `.dockerignore` for a runtime: what never belongs in a build context.
pub fn dockerignore(runtime: &str) -> GeneratedFile {
    let mut f = FileBuilder::new(".dockerignore");
    f.explained(
        "# Version control and editor folders",
        "Everything listed here stays out of the build context: smaller uploads to the builder, no cache busting by unrelated files, no secrets in layers.",
    );
    f.line(".git\n.github\n.vscode\n.idea\n.devcontainer");
    f.blank();
    f.explained(
        "# Secrets and local settings",
        "A `.env` copied by `COPY . .` ends up in a layer anyone with the image can read.",
    );
    f.line(".env\n.env.*\nsecrets\n*.pem\n*.key");
    f.blank();
    f.explained(
        "# Docker files themselves",
        "Editing the Dockerfile or compose file should not invalidate the `COPY . .` layer.",
    );
    f.line("Dockerfile*\n.dockerignore\ncompose*.yaml\ncompose*.yml\ndocker-compose*.yaml\ndocker-compose*.yml");
    f.blank();
    f.line("# Logs and test output\n*.log\ncoverage");
    f.blank();
    match runtime {
        "node" => {
            f.explained(
                "# Dependencies and builds made on the host",
                "The image installs its own node_modules for its platform; the host's would overwrite them.",
            );
            f.line("node_modules\n.npm\n.pnpm-store\n.yarn/cache\n.next\ndist\nbuild");
        }
        "python" => {
            f.explained(
                "# Environments and caches made on the host",
                "The image builds its own environment; host bytecode and virtualenvs do not belong in it.",
            );
            f.line(".venv\nvenv\n__pycache__\n*.py[cod]\n.pytest_cache\n.mypy_cache\n.ruff_cache\ndist\nbuild\n*.egg-info");
        }
        "go" => {
            f.explained(
                "# Binaries built on the host",
                "The image compiles its own.",
            );
            f.line("bin\n*.test\ncoverage.out");
        }
        "rust" => {
            f.explained(
                "# Build output on the host",
                "target/ is often gigabytes; the image builds its own.",
            );
            f.line("target");
        }
        "java" => {
            f.explained(
                "# Build output on the host",
                "The image builds its own jar.",
            );
            f.line("target\nbuild\n.gradle\n*.class");
        }
        // No runtime known: the general entries above only.
        _ => {}
    }
    f.build()
}
