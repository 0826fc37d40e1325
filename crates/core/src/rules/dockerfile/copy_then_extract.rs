use crate::diagnostic::Severity;
use crate::dockerfile::sh::SimpleCommand;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3010",
        aliases: &[],
        summary: "Use ADD to extract a local tar archive",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `COPY` of a local tar archive (`.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`, `.tar.xz`,
and the other compressions ADD unpacks) when a later RUN of the same stage extracts it
with `tar -x` (or `tar x…`, `--extract`) or a decompressor (`gunzip`, `bunzip2`, `unxz`,
`zcat`, …).

Unlike hadolint, `.zip` files are not reported: `ADD` does not unpack zip archives, so
`COPY` + `unzip` is the right way for them.

## Why is this bad?
The copied archive stays in its layer even if the RUN deletes it: the image carries the
archive and its contents. `ADD` unpacks a local tar archive in one step, without that
extra layer.

## Example
```dockerfile
FROM alpine:3.20
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Use instead
```dockerfile
FROM alpine:3.20
ADD app.tar.gz /opt/
```

## References
- hadolint `DL3010`
- Dockerfile reference, ADD: https://docs.docker.com/reference/dockerfile/#add
"#;

/// Extensions of the archives `ADD` unpacks (tar, plain or compressed).
const ARCHIVES: [&str; 15] = [
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tb2",
    ".tar.xz",
    ".txz",
    ".tar.lz",
    ".tlz",
    ".tar.lzma",
    ".tar.z",
    ".taz",
    ".tar.zst",
];

const DECOMPRESSORS: [&str; 8] = [
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "uncompress",
    "zcat",
    "gzcat",
    "unzstd",
];

fn basename(path: &str) -> &str {
    let path = path.trim_matches(|c| c == '"' || c == '\'');
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn is_archive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ARCHIVES
        .iter()
        .any(|ext| lower.ends_with(ext) && lower.len() > ext.len())
}

fn extracts(command: &SimpleCommand) -> bool {
    match command.program() {
        Some("tar") => {
            command.has_flag(&["-x", "--extract", "--get"])
                // Old-style bundled options: `tar xzf file`.
                || command.args().first().is_some_and(|w| {
                    !w.value.starts_with('-')
                        && w.value.contains('x')
                        && w.value.bytes().all(|b| b.is_ascii_alphabetic())
                })
        }
        Some(program) => DECOMPRESSORS.contains(&program),
        None => false,
    }
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        // (COPY instruction index, archive name in the image, source as written)
        let mut copied: Vec<(usize, String, &str)> = Vec::new();
        let mut reported: Vec<usize> = Vec::new();
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            match &instruction.command {
                Command::Copy { sources, dest } if instruction.flag("from").is_none() => {
                    let target = basename(&dest.value);
                    if is_archive(target) {
                        let source = sources.first().map_or("", |s| s.value.as_str());
                        copied.push((index, target.to_string(), source));
                    } else {
                        for source in sources {
                            let name = basename(&source.value);
                            if is_archive(name) {
                                copied.push((index, name.to_string(), &source.value));
                            }
                        }
                    }
                }
                Command::Run { .. } => {
                    let Some(run) = ctx.run_of(index) else {
                        continue;
                    };
                    for command in run.commands.iter().filter(|c| extracts(c)) {
                        for (copy, name, source) in &copied {
                            let named = command.operands().any(|w| basename(&w.value) == name);
                            if named && !reported.contains(copy) {
                                reported.push(*copy);
                                out.push(Finding::new(
                                    ctx.dockerfile.instructions[*copy].span,
                                    format!("Use `ADD` for extracting archives into an image: `ADD {source} <dir>` unpacks it without keeping the archive in a layer"),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
