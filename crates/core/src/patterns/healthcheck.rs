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
