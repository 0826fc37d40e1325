//! Pattern 7: A `.dockerignore` for the stack in use.

use super::runtime;
use super::{GeneratedFile, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "dockerignore",
    title: ".dockerignore for your stack",
    summary: "Keeps version control, secrets, host-built dependencies and build output out of the build context.",
    when: "Use it in every project with a Dockerfile. Without it, `COPY . .` sends everything to the builder: .git history, `.env` files with secrets, the host's node_modules or target folder. That is slow, busts the cache on every change and can leak secrets into layers.",
    practices: &["dockerignore"],
    params: &[runtime::RUNTIME],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    vec![runtime::dockerignore(values.get("runtime"))]
}
