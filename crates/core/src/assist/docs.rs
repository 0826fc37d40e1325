//! What each Dockerfile instruction and flag does, in a sentence or two, for
//! completion details and hover; each links to Docker's reference.

/// (keyword, what it does, anchor in Docker's Dockerfile reference).
pub const INSTRUCTIONS: [(&str, &str); 18] = [
    ("FROM", "Starts a build stage from a base image (or an earlier stage, by its `AS` name). `FROM image AS name` names the stage for `COPY --from` and `--target`."),
    ("RUN", "Runs a command in a new layer on top of the current image. Shell form runs it with the stage's SHELL; exec form (`[\"cmd\", \"arg\"]`) runs it directly."),
    ("CMD", "The default command (or the default arguments of ENTRYPOINT) of a container started from the image. Only the last CMD counts."),
    ("LABEL", "Adds `key=value` metadata to the image (`org.opencontainers.image.*` are the standard keys)."),
    ("EXPOSE", "Documents the ports the container listens on (`80`, `53/udp`). It publishes nothing: `docker run -p` or compose `ports:` do."),
    ("ENV", "Sets environment variables, for the following instructions and in containers run from the image."),
    ("ADD", "Copies files, URLs or Git repositories into the image, and unpacks local tar archives. Prefer COPY unless you need a URL, Git or unpacking."),
    ("COPY", "Copies files from the build context (or another stage with `--from`) into the image."),
    ("ENTRYPOINT", "The executable a container runs; CMD gives it default arguments. Use the exec form so that signals reach your process."),
    ("VOLUME", "Marks a path as a volume: data written there lives outside the container's writable layer."),
    ("USER", "Sets the user (and group) for the following RUN, CMD and ENTRYPOINT, and for the container: run as non-root."),
    ("WORKDIR", "Sets the working directory for the following instructions and the container, creating it if needed. Use absolute paths."),
    ("ARG", "Declares a build argument (`--build-arg NAME=value`), with an optional default. Before the first FROM it is global: redeclare it inside a stage to use it there."),
    ("ONBUILD", "Registers an instruction that runs when another Dockerfile builds FROM this image."),
    ("STOPSIGNAL", "The signal `docker stop` sends to the container's main process (default SIGTERM)."),
    ("HEALTHCHECK", "How Docker tests that the container still works (`HEALTHCHECK CMD curl -f http://localhost/ || exit 1`), or `NONE`. Compose's `depends_on: condition: service_healthy` waits for it."),
    ("SHELL", "The shell used by the shell form of RUN, CMD and ENTRYPOINT (default `[\"/bin/sh\", \"-c\"]`)."),
    ("MAINTAINER", "Deprecated: use `LABEL org.opencontainers.image.authors=…` instead."),
];

/// (instruction, flag, what it does, values it takes).
pub const FLAGS: [(&str, &str, &str, &[&str]); 20] = [
    ("FROM", "platform", "The platform of the base image (`linux/amd64`); `$BUILDPLATFORM` builds on the builder's own platform and cross-compiles.", &["$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64", "linux/arm64"]),
    ("RUN", "mount", "Mounts something for this RUN only: `type=cache` (a cache kept between builds), `bind` (context or another stage), `secret`, `ssh`, `tmpfs`. Nothing mounted ends up in the layer.", &["type=cache,target=", "type=bind,source=,target=", "type=secret,id=", "type=ssh", "type=tmpfs,target="]),
    ("RUN", "network", "The network the command gets: `default`, `none` (no network: reproducible) or `host` (needs the builder's entitlement).", &["default", "none", "host"]),
    ("RUN", "security", "`insecure` runs the command privileged (needs the builder's entitlement); `sandbox` is the default.", &["sandbox", "insecure"]),
    ("COPY", "from", "Copies from an earlier stage (by name or index), an image, or a named build context instead of the build context.", &[]),
    ("COPY", "chown", "Owner of the copied files (`user:group`, names or ids); by default they belong to root.", &[]),
    ("COPY", "chmod", "Permissions of the copied files (`755`, or symbolic `u=rwx,go=rx`).", &[]),
    ("COPY", "link", "Copies into an independent layer: later changes to earlier layers do not invalidate it, and rebases stay cheap.", &[]),
    ("COPY", "parents", "Keeps the source's parent directories under the destination (`COPY --parents ./a/b/c /dst` makes `/dst/a/b/c`).", &[]),
    ("COPY", "exclude", "Leaves out paths matching a pattern (`--exclude=*.md`); can be repeated.", &[]),
    ("ADD", "chown", "Owner of the added files (`user:group`).", &[]),
    ("ADD", "chmod", "Permissions of the added files.", &[]),
    ("ADD", "link", "Adds into an independent layer (see COPY --link).", &[]),
    ("ADD", "checksum", "The expected checksum of a remote file (`sha256:…`): the build fails if it differs.", &[]),
    ("ADD", "keep-git-dir", "Keeps the `.git` directory when adding a Git repository.", &["true", "false"]),
    ("HEALTHCHECK", "interval", "Time between checks (default 30s).", &["30s"]),
    ("HEALTHCHECK", "timeout", "Time a check may take before it counts as failed (default 30s).", &["5s"]),
    ("HEALTHCHECK", "start-period", "Time the container gets to start: failures then do not count (default 0s).", &["30s"]),
    ("HEALTHCHECK", "start-interval", "Time between checks during the start period (default 5s).", &["5s"]),
    ("HEALTHCHECK", "retries", "Consecutive failures before the container is unhealthy (default 3).", &["3"]),
];

/// `--mount` keys, by type (`""`: any type), with what they do.
pub const MOUNT_KEYS: [(&str, &str, &str); 16] = [
    ("", "type", "`bind` (default), `cache`, `tmpfs`, `secret` or `ssh`."),
    ("", "target", "Where the mount appears in the RUN's file system."),
    ("bind", "source", "The path in the source (the context, or the stage of `from`)."),
    ("bind", "from", "The stage, image or context to mount from (default: the build context)."),
    ("bind", "rw", "Writes are allowed (and thrown away after the RUN)."),
    ("cache", "id", "The cache's name (default: the target path): stages sharing an id share the cache."),
    ("cache", "sharing", "`shared` (default), `private` or `locked`: how concurrent builds use the cache."),
    ("cache", "from", "A stage or image whose path seeds the cache."),
    ("cache", "source", "The path in `from` that seeds the cache."),
    ("cache", "mode", "Permissions of a new cache directory (default 0755)."),
    ("cache", "uid", "Owner id of a new cache directory."),
    ("cache", "gid", "Group id of a new cache directory."),
    ("tmpfs", "size", "Size limit of the tmpfs."),
    ("secret", "id", "The secret's id (`docker build --secret id=…`); mounted at /run/secrets/ID unless `target`/`env` say otherwise."),
    ("secret", "env", "Exposes the secret as this environment variable instead of a file."),
    ("secret", "required", "Fail the build when the secret is not given (default false)."),
];

/// BuildKit's automatic platform arguments, set in every stage's scope
/// when declared with `ARG NAME` (and always in FROM lines).
pub const PLATFORM_ARGS: [(&str, &str); 8] = [
    (
        "TARGETPLATFORM",
        "The platform being built for (`linux/amd64`).",
    ),
    ("TARGETOS", "The OS part of TARGETPLATFORM (`linux`)."),
    (
        "TARGETARCH",
        "The architecture part of TARGETPLATFORM (`amd64`, `arm64`).",
    ),
    (
        "TARGETVARIANT",
        "The variant part of TARGETPLATFORM (`v7`), often empty.",
    ),
    (
        "BUILDPLATFORM",
        "The builder's own platform: use it in `FROM --platform=$BUILDPLATFORM` to cross-compile.",
    ),
    ("BUILDOS", "The OS part of BUILDPLATFORM."),
    ("BUILDARCH", "The architecture part of BUILDPLATFORM."),
    ("BUILDVARIANT", "The variant part of BUILDPLATFORM."),
];

/// Docker's reference for an instruction.
pub fn reference_url(keyword: &str) -> String {
    format!(
        "https://docs.docker.com/reference/dockerfile/#{}",
        keyword.to_ascii_lowercase()
    )
}

pub fn instruction(keyword: &str) -> Option<&'static str> {
    INSTRUCTIONS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(keyword))
        .map(|(_, doc)| *doc)
}

pub fn flag(
    keyword: &str,
    name: &str,
) -> Option<&'static (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
)> {
    FLAGS
        .iter()
        .find(|(k, f, _, _)| k.eq_ignore_ascii_case(keyword) && *f == name)
}
