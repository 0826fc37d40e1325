//! Pattern 10: Layer caching: dependency manifests copied and installed before the
//! sources, in a multi-stage build.

use super::runtime;
use super::Pattern;

pub static PATTERN: Pattern = Pattern {
    id: "layer-caching",
    title: "Layer caching: dependencies before sources",
    summary: "Copy the dependency manifests and install them before copying the sources, so a code change does not reinstall everything.",
    when: "Use it in every Dockerfile that installs dependencies. Docker reuses a layer while the instruction and the files it copies are unchanged: with the manifests copied first, editing a source file rebuilds from `COPY . .` on, in seconds instead of minutes.\n\nCache mounts (`RUN --mount=type=cache`) keep package downloads between builds without putting them in the image.",
    practices: &["layer-order", "multi-stage", "dockerignore", "non-root"],
    differs: &[
        "`npm ci --omit=dev` where the tutorial has the deprecated `--only=production`.",
        "The dependencies are installed in a stage of their own and copied into the runtime stage, with npm's cache mount; the tutorial installs in the final stage.",
        "`COPY package.json package-lock.json ./` (the lockfile named) where the tutorial has `package*.json`.",
        "`USER 1000:1000` and a HEALTHCHECK, which the tutorial's image lacks; `node:22-bookworm-slim` where it has `node:20-alpine`.",
    ],
    params: &[
        runtime::RUNTIME,
        runtime::VERSION,
        runtime::PACKAGE_MANAGER,
        runtime::PORT,
        runtime::HEALTH_PATH,
        runtime::USER_ID,
    ],
    render: runtime::app_files,
};
