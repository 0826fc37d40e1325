//! Pattern 7: A `.dockerignore` for the stack in use.

use super::runtime;
use super::{GeneratedFile, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "dockerignore",
    title: ".dockerignore for your stack",
    summary: "Keeps version control, secrets, host-built dependencies and build output out of the build context.",
    when: "Use it in every project with a Dockerfile. Without it, `COPY . .` sends everything to the builder: .git history, `.env` files with secrets, the host's node_modules or target folder. That is slow, busts the cache on every change and can leak secrets into layers.",
    practices: &["dockerignore"],
    differs: &[
        "`.env` and `.env.*` where the tutorial leaves out only `.env.local`: its `.env` (the usual place for secrets) is sent into the build.",
        "`secrets`, `*.pem`, `*.key` left out too; the Dockerfiles and compose files themselves, so that editing them does not invalidate `COPY . .`.",
        "`*.log` (covers the tutorial's `npm-debug.log` and the others), the runtime's caches and build output.",
        "Not left out by default, where the tutorial leaves them out: `*.md`, `tests/`, `docs/` (a build stage may run the tests, an app may read its Markdown) and `.DS_Store` (harmless). Add them for a project that never needs them.",
    ],
    params: &[runtime::RUNTIME],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    vec![runtime::dockerignore(values.get("runtime"))]
}
