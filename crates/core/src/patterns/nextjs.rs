//! Pattern 1: Multi-stage build for a Next.js app: deps → builder → runner with the
//! standalone output.

use super::runtime::{self, App};
use super::{FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "nextjs",
    title: "Next.js multi-stage build",
    summary: "deps → builder → runner with Next.js's standalone output: a small image that runs `node server.js`.",
    when: "Use it for a Next.js app that runs as a Node server (not a static export). The standalone output copies only the files the server needs, so the image holds neither the full node_modules nor the sources.\n\nThe generated `next.config.mjs` switches the standalone output on; merge the line into yours if you have one.",
    practices: &["multi-stage", "dockerignore", "layer-order", "healthcheck", "non-root"],
    differs: &[
        "`node:22-bookworm-slim` (the version is a parameter) where the tutorial has `node:20-alpine`: Node 20 reaches its end of life in April 2026, and Next.js's native modules (swc, sharp) are built for glibc first; on musl (Alpine) they fall back or need extra packages.",
        "The spaces before each destination: the tutorial's `COPY package*.json./` and `COPY..` are one argument each, which BuildKit refuses.",
        "`COPY package.json package-lock.json ./` (the package manager's own lockfile) where the tutorial has `package*.json`: without a lockfile the build fails instead of resolving fresh versions.",
        "`RUN --mount=type=cache,target=/root/.npm npm ci`: npm's download cache is kept between builds and never enters the image.",
        "A shared `base` stage writes WORKDIR once; `NEXT_TELEMETRY_DISABLED=1` keeps the build from calling home.",
        "`HOSTNAME=0.0.0.0`: Next's standalone server listens on `$HOSTNAME`, which Docker sets to the container's id, so without it the server is unreachable through a published port.",
        "`--chown=node:node` on the copies and `USER 1000:1000`: the tutorial's runner serves as root.",
        "A HEALTHCHECK with its probe (`healthcheck.cjs`, Node's own http client: the slim image has no curl); the tutorial has none.",
        "`next.config.mjs` with `output: \"standalone\"`: `.next/standalone`, which the tutorial copies, only exists with it.",
        "A `.dockerignore`: the tutorial's `COPY . .` sends the host's node_modules, .next and .env into the build.",
    ],
    params: &[
        runtime::NODE_VERSION,
        runtime::NODE_PACKAGE_MANAGER,
        Param {
            key: "port",
            label: "Port",
            help: "The port the server listens on.",
            kind: ParamKind::Port { default: 3000 },
        },
        Param {
            key: "health_path",
            label: "Health endpoint",
            help: "A route that answers 2xx when the app is up (an API route such as /api/health).",
            kind: ParamKind::Text {
                default: "/api/health",
                check: super::checks::http_path,
            },
        },
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let pm = values.get("package_manager");
    let port = values.port("port");
    let (lockfile, install, build) = match pm {
        "pnpm" => (
            "pnpm-lock.yaml",
            "RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile",
            "RUN pnpm run build",
        ),
        "yarn" => (
            "yarn.lock",
            "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile",
            "RUN yarn build",
        ),
        _ => (
            "package-lock.json",
            "RUN --mount=type=cache,target=/root/.npm npm ci",
            "RUN npm run build",
        ),
    };
    let mut f = FileBuilder::new("Dockerfile");
    f.explained(
        "# syntax=docker/dockerfile:1",
        "The current Dockerfile frontend: cache mounts work whatever the Docker version.",
    );
    f.explained(
        format!("FROM node:{}-bookworm-slim AS base", values.get("version")),
        "One base for every stage, so they share its layers.",
    );
    f.line("WORKDIR /app");
    f.explained(
        "ENV NEXT_TELEMETRY_DISABLED=1",
        "No telemetry calls from builds and servers.",
    );
    runtime::corepack(&mut f, pm);
    f.blank();
    f.explained(
        "FROM base AS deps",
        "Stage 1: all dependencies (the build needs the dev ones).",
    );
    f.explained(
        format!("COPY package.json {lockfile} ./"),
        "Only the manifests: the install below is reused until a dependency changes.",
    );
    f.explained(
        install,
        "Exactly the lockfile's versions; downloads stay in a cache, not in the layer.",
    );
    f.blank();
    f.explained(
        "FROM base AS builder",
        "Stage 2: the build, with the sources.",
    );
    f.line("COPY --from=deps /app/node_modules ./node_modules");
    f.explained(
        "COPY . .",
        "The sources after the dependencies; `.dockerignore` keeps .next, node_modules and .env out.",
    );
    f.explained(
        build,
        "With `output: \"standalone\"`, the build writes .next/standalone: server.js and only the node_modules it uses.",
    );
    f.blank();
    f.explained(
        "FROM base AS runner",
        "Stage 3: what ships — no sources, no dev dependencies, no package manager cache.",
    );
    f.explained(
        format!("ENV NODE_ENV=production PORT={port} HOSTNAME=0.0.0.0"),
        "The standalone server reads PORT and HOSTNAME; 0.0.0.0 makes it reachable from outside the container.",
    );
    f.explained(
        "COPY --from=builder --chown=node:node /app/public ./public",
        "Static files the standalone output does not include.",
    );
    f.line("COPY --from=builder --chown=node:node /app/.next/standalone ./");
    f.explained(
        "COPY --from=builder --chown=node:node /app/.next/static ./.next/static",
        "The hashed client bundles, also left out of the standalone folder.",
    );
    f.line("COPY --chown=node:node healthcheck.cjs ./");
    f.explained(
        "USER 1000:1000",
        "The official image's unprivileged `node` user, by number: Kubernetes' runAsNonRoot can only verify a numeric user.",
    );
    f.line(format!("EXPOSE {port}"));
    f.explained(
        "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD [\"node\", \"healthcheck.cjs\"]",
        format!("Healthy once {} answers; no curl needed in the image.", values.get("health_path")),
    );
    f.explained(
        "CMD [\"node\", \"server.js\"]",
        "The standalone server as PID 1 in exec form: it receives SIGTERM and shuts down cleanly.",
    );
    let dockerfile = f.build();

    let mut config = FileBuilder::new("next.config.mjs");
    config.line("/** @type {import('next').NextConfig} */");
    config.line("const nextConfig = {");
    config.explained(
        "  output: \"standalone\",",
        "Makes `next build` write .next/standalone, which the runner stage copies.",
    );
    config.line("};");
    config.blank();
    config.line("export default nextConfig;");

    let app = App {
        runtime: "node",
        version: values.get("version"),
        package_manager: pm,
        port,
        health_path: values.get("health_path"),
        healthcheck: true,
        development: false,
        uid: None,
    };
    let mut ignore = runtime::dockerignore("node");
    ignore
        .notes
        .push((1, "Also keeps .next (the host's build) out.".into()));
    vec![dockerfile, config.build(), ignore, app.health_script()]
}
