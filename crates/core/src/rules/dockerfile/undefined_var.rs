use crate::diagnostic::Severity;
use crate::dockerfile::instructions::suggestion;
use crate::dockerfile::scope::PLATFORM_ARGS;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "UndefinedVar",
        aliases: &[],
        summary: "Variables should be defined before their use",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags variables that an instruction BuildKit expands (COPY, ADD, ENV, LABEL,
WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, ARG defaults, RUN --mount values)
uses before any `ARG` or `ENV` of the stage defines them. A near miss gets a
suggestion. Shell-form `RUN`, `CMD` and `ENTRYPOINT` are left alone: the
shell expands those when the container runs.

## Why is this bad?
An undefined variable expands to an empty string without an error:
`COPY app-${VERSION}.jar /app/` copies `app-.jar`. A global ARG (before
`FROM`) is not visible in a stage until the stage declares `ARG VERSION`.

BuildKit also knows the variables the base image sets. Without pulling the
image, Dockwright treats the variables official images commonly set (`PATH`,
`HOME`, `JAVA_HOME`, `NODE_VERSION`, `PYTHON_VERSION`, `GOPATH`, …) as
defined, and knows exactly what earlier stages of the same file define.

## Example
```dockerfile
ARG VERSION=1.2.3
FROM eclipse-temurin:21-jre
COPY app-${VERSION}.jar /app/app.jar
```

## Use instead
```dockerfile
ARG VERSION=1.2.3
FROM eclipse-temurin:21-jre
ARG VERSION
COPY app-${VERSION}.jar /app/app.jar
```

## References
- BuildKit check `UndefinedVar`
"#;

/// Variables that popular official base images set in their config; BuildKit
/// would see them in the pulled image's environment.
const BASE_IMAGE_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "HOSTNAME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "TZ",
    "TERM",
    "USER",
    "SHELL",
    "PWD",
    "GOPATH",
    "GOROOT",
    "GOLANG_VERSION",
    "GOTOOLCHAIN",
    "JAVA_HOME",
    "JAVA_VERSION",
    "JDK_VERSION",
    "JRE_VERSION",
    "MAVEN_HOME",
    "MAVEN_CONFIG",
    "GRADLE_HOME",
    "GRADLE_VERSION",
    "NODE_VERSION",
    "YARN_VERSION",
    "NPM_CONFIG_PREFIX",
    "PYTHON_VERSION",
    "PYTHON_SHA256",
    "PYTHON_PIP_VERSION",
    "PYTHON_SETUPTOOLS_VERSION",
    "PYTHON_GET_PIP_URL",
    "PYTHON_GET_PIP_SHA256",
    "GPG_KEY",
    "PHP_VERSION",
    "PHP_INI_DIR",
    "PHPIZE_DEPS",
    "PHP_CFLAGS",
    "PHP_CPPFLAGS",
    "PHP_LDFLAGS",
    "PHP_URL",
    "PHP_ASC_URL",
    "PHP_SHA256",
    "RUBY_VERSION",
    "RUBY_MAJOR",
    "RUBY_DOWNLOAD_SHA256",
    "GEM_HOME",
    "BUNDLE_APP_CONFIG",
    "BUNDLE_SILENCE_ROOT_WARNING",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "RUST_VERSION",
    "NGINX_VERSION",
    "NJS_VERSION",
    "NJS_RELEASE",
    "PKG_RELEASE",
    "DOTNET_VERSION",
    "ASPNET_VERSION",
    "ASPNETCORE_HTTP_PORTS",
    "DOTNET_RUNNING_IN_CONTAINER",
    "APP_UID",
    "HTTPD_PREFIX",
    "HTTPD_VERSION",
    "TOMCAT_VERSION",
    "CATALINA_HOME",
    "PG_VERSION",
    "PG_MAJOR",
    "PGDATA",
    "MYSQL_VERSION",
    "MYSQL_MAJOR",
    "REDIS_VERSION",
    "ERLANG_VERSION",
    "ELIXIR_VERSION",
    "DENO_VERSION",
    "BUN_INSTALL",
    "SSL_CERT_FILE",
    "DEBIAN_FRONTEND",
    "CONDA_DIR",
    "VIRTUAL_ENV",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let mut defined: Vec<&str> = Vec::new();
    for instruction in &ctx.dockerfile.instructions {
        match &instruction.command {
            Command::Arg { args } => defined.extend(args.iter().map(|a| a.name.value.as_str())),
            Command::Env { pairs } => defined.extend(pairs.iter().map(|p| p.key.value.as_str())),
            _ => {}
        }
    }
    crate::sort::sort(&mut defined);
    defined.dedup();
    let first_from = ctx.dockerfile.first_from();
    for word in &ctx.dockerfile.expansions.words {
        let instruction = &ctx.dockerfile.instructions[word.instruction];
        // FROM is UndefinedArgInFrom's; global ARG defaults see only globals.
        let global_arg =
            word.instruction < first_from && matches!(instruction.command, Command::Arg { .. });
        if matches!(instruction.command, Command::From { .. }) || global_arg {
            continue;
        }
        for name in &word.undefined {
            let known = BASE_IMAGE_ENV.contains(&name.as_str())
                || PLATFORM_ARGS.iter().any(|(p, _)| p == name)
                || name.starts_with("BUILDKIT_")
                || name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || "@*#?-$!".contains(c));
            if known {
                continue;
            }
            let hint =
                suggestion(name, &defined, true).replace("(did you mean ", "(did you mean $");
            out.push(Finding::new(
                word.span,
                format!("Usage of undefined variable '${name}'{hint}"),
            ));
        }
    }
}
