//! Pattern 8: A HEALTHCHECK in the image, running a real probe of the app's health
//! endpoint written in the app's own language.

use super::runtime;
use super::Pattern;

pub static PATTERN: Pattern = Pattern {
    id: "healthcheck",
    title: "HEALTHCHECK with a real probe",
    summary: "An image that reports its own health: a small probe of the health endpoint in the app's language, run by HEALTHCHECK, as a non-root user.",
    when: "Use it for any long-running service. `docker ps` shows healthy/unhealthy, orchestrators restart unhealthy containers, and compose's `depends_on: condition: service_healthy` waits for it.\n\nThe probe is a program in the app's language, so the image needs no curl or wget (distroless images have neither).",
    practices: &["healthcheck", "non-root", "multi-stage", "layer-order", "dockerignore"],
    differs: &[
        "`npm ci --omit=dev` where the tutorial has `--only=production`, which npm 7 deprecated and npm 10 warns about.",
        "`node:22-bookworm-slim` (a parameter) where the tutorial has `node:20-alpine` (end of life April 2026).",
        "The probe is part of the pattern (`healthcheck.cjs`, CommonJS so it runs whatever `type` package.json declares); the tutorial's `node healthcheck.js` names a file it never shows.",
        "HEALTHCHECK in exec form without `|| exit 1`: the probe exits 0 or 1 itself, and no shell is started every 30 s.",
        "`--timeout=5s --start-period=20s --retries=3` where the tutorial has 3 s and 40 s: a probe that answers slowly under load is not marked unhealthy, and a failing start shows sooner.",
        "`USER 1000:1000`; the dependencies installed in a stage of their own, with npm's cache mount.",
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
