//! The `dockwright` binary as CI uses it: arguments, output formats, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dockwright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(args)
        .output()
        .expect("runs")
}

/// A fresh directory under the target dir holding the given files.
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

#[test]
fn json_output_has_the_documented_fields_and_exit_1_on_errors() {
    let dir = project("json", &[("Dockerfile", "FROM alpine:3.20\nCOPY é\n")]);
    let out = dockwright(&["lint", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &findings[0];
    assert!(first["file"].as_str().unwrap().ends_with("Dockerfile"));
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(1))
    );
    // The span ends after the one-char argument: columns count chars, end exclusive.
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "build-error");
    assert!(first["aliases"].is_array());
    assert!(first["message"]
        .as_str()
        .unwrap()
        .starts_with("COPY requires at least two arguments"));
}

#[test]
fn clean_files_exit_0_and_text_output_names_file_line_and_column() {
    let dir = project(
        "clean",
        &[
            ("Dockerfile", "FROM alpine:3.20\nCMD [\"true\"]\n"),
            ("notes.txt", "FROB\n"),
        ],
    );
    let out = dockwright(&["lint", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1 file(s) checked: 0 error(s), 0 other finding(s)\n"
    );

    let file = project(
        "broken",
        &[("api.Dockerfile", "FROM alpine:3.20\nFROB x\n")],
    )
    .join("api.Dockerfile");
    let out = dockwright(&["lint", "--format", "concise", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "api.Dockerfile:2:1: error build-error: unknown instruction: FROB (did you mean FROM?)"
        ),
        "{text}"
    );
}

#[test]
fn usage_and_io_errors_exit_2_with_a_message() {
    let out = dockwright(&["lint"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("required arguments were not provided"));

    let out = dockwright(&["lint", "--format", "xml", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'xml' for '--format"));

    let out = dockwright(&["lint", "/no/such/Dockerfile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/Dockerfile"));
}

#[test]
fn parse_dump_prints_buildkits_format() {
    let dir = project(
        "dump",
        &[(
            "Dockerfile",
            "FROM alpine AS base\nONBUILD RUN [\"a\", \"b\"]\nENV a=1 b 2\n",
        )],
    );
    let out = dockwright(&["parse", "--dump", dir.join("Dockerfile").to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(from \"alpine\" \"AS\" \"base\")\n(onbuild (run \"a\" \"b\"))\n(env \"a\" \"1\" \"=\")\n"
    );
    assert_eq!(out.status.code(), Some(1), "ENV a=1 b 2 is a syntax error");
}

fn dockwright_with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading (a usage error): a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_threshold_and_ignore() {
    let text = "FROM alpine\nRUN cd /x\n";
    let out = dockwright_with_stdin(&["lint", "-"], text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings alone pass the default threshold"
    );
    let out = dockwright_with_stdin(&["lint", "--failure-threshold", "warning", "-"], text);
    assert_eq!(out.status.code(), Some(1));
    let out = dockwright_with_stdin(
        &[
            "lint",
            "--ignore",
            "DL3006",
            "--ignore=DL3003",
            // ShellCheck's check of the same `cd`, by its own code.
            "--ignore=SC2164",
            "--failure-threshold=style",
            "-",
        ],
        text,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = dockwright_with_stdin(&["lint", "--failure-threshold", "loud", "-"], text);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sarif_github_and_checkstyle_formats() {
    let text = "FROM alpine\nMAINTAINER me & you\n";
    let out = dockwright_with_stdin(&["lint", "--format", "sarif", "-"], text);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "dockwright");
    let result = &run["results"][1];
    assert_eq!(result["ruleId"], "DL4000");
    assert_eq!(result["level"], "error");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "DL4000");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );

    let out = dockwright_with_stdin(&["lint", "--format", "github", "-"], text);
    let annotations = String::from_utf8_lossy(&out.stdout);
    assert!(annotations.contains("::error file=-,line=2,col=1,endLine=2,endColumn=20,title=DL4000::Maintainer instruction"), "{annotations}");

    let out = dockwright_with_stdin(&["lint", "--format", "checkstyle", "-"], text);
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(xml.starts_with("<?xml"));
    // As hadolint writes it: the bare code.
    assert!(xml.contains("source=\"DL4000\""), "{xml}");
}

#[test]
fn rules_lists_and_documents_rules() {
    let out = dockwright(&["rules"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("DL3008") && listing.contains("UndefinedVar"));
    let out = dockwright(&["rules", "MaintainerDeprecated"]);
    let docs = String::from_utf8_lossy(&out.stdout);
    assert!(docs.starts_with("# DL4000"), "{docs}");
    assert!(docs.contains("## Use instead"));
    assert_eq!(dockwright(&["rules", "DL9999"]).status.code(), Some(2));
}

#[test]
fn config_files_are_found_or_named_and_checked() {
    let dir = project(
        "config",
        &[
            ("Dockerfile", "FROM alpine\nRUN cd /x\n"),
            (
                ".hadolint.yaml",
                "ignored: [DL3006]\nfailure-threshold: warning\n",
            ),
        ],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(["lint", "Dockerfile"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("DL3006"),
        "the discovered .hadolint.yaml ignores DL3006: {text}"
    );
    assert_eq!(out.status.code(), Some(1), "and fails on warnings");

    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "ignored: DL3006\n").unwrap();
    let out = dockwright(&[
        "lint",
        "--config",
        bad.to_str().unwrap(),
        dir.join("Dockerfile").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.yaml:1:10: ignored takes a list"));
}

#[test]
fn a_directory_is_linted_as_a_project_and_findings_land_in_their_file() {
    let dir = project(
        "project",
        &[
            (
                "compose.yaml",
                "services:\n  web:\n    build:\n      context: .\n      target: runtime\n    depends_on: [db]\n  db:\n    image: postgres:16.4\n",
            ),
            ("compose.override.yaml", "services:\n  web:\n    build:\n      target: dev\n"),
            (
                "Dockerfile",
                "FROM node:22-alpine AS runtime\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
            ),
        ],
    );
    let out = dockwright(&["lint", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = file.rsplit(['/', '\\']).next().unwrap().to_string();
            (name, f["code"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        found.contains(&(
            "compose.override.yaml".into(),
            "build-target-not-found".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("Dockerfile".into(), "copy-context-unfiltered".into())),
        "{found:?}"
    );

    // -f picks the files to merge: without the override the target exists.
    let base = dir.join("compose.yaml");
    let out = dockwright(&["lint", "--format", "json", "-f", base.to_str().unwrap()]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!findings
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "build-target-not-found"));
}

#[test]
fn kind_reads_compose_from_standard_input() {
    let out = dockwright_with_stdin(
        &["lint", "--kind", "compose", "--format", "json", "-"],
        "services:\n  web:\n    image: nginx:1.27\n    scale: -1\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["code"], "config-error");
    assert_eq!(findings[0]["line"], 4);
    let bad = dockwright(&["lint", "--kind", "yaml", "-"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn fix_dry_run_prints_a_diff_and_fix_rewrites_only_what_is_safe() {
    let dockerfile =
        "FROM node:22 as Build\nRUN apt update && apt install curl\nCMD node \"$APP\"\n";
    let dir = project(
        "fix",
        &[
            ("Dockerfile", dockerfile),
            (
                "compose.yaml",
                "version: \"3.8\"\n\nservices:\n  web:\n    build: .\n",
            ),
        ],
    );
    let path = dir.to_str().unwrap();

    // lint marks what fix would change, with the edits in JSON.
    let lint = dockwright(&["lint", "--format", "json", path]);
    let findings: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    let casing = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "FromAsCasing")
        .unwrap();
    assert_eq!(casing["fix"]["edits"][0]["text"], "AS");
    assert_eq!(casing["fix"]["edits"][0]["column"], 14);
    let text = dockwright(&["lint", "--format", "concise", path]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("casing do not match [fixable]"));

    let dry = dockwright(&["fix", "--dry-run", path]);
    assert_eq!(dry.status.code(), Some(0));
    let diff = String::from_utf8(dry.stdout).unwrap();
    for line in [
        "-FROM node:22 as Build\n",
        "+FROM node:22 AS build\n",
        "+RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n",
    ] {
        assert!(diff.contains(line), "{diff}");
    }
    assert!(diff.contains("-version: \"3.8\"\n"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        dockerfile,
        "dry run changes nothing"
    );

    let only = dockwright(&[
        "fix",
        "--only",
        "FromAsCasing",
        &format!("{path}/Dockerfile"),
    ]);
    assert_eq!(only.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.join("Dockerfile"))
        .unwrap()
        .starts_with("FROM node:22 AS Build\nRUN apt update"));

    let fix = dockwright(&["fix", path]);
    assert_eq!(fix.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        // A CMD with a variable needs the shell: it keeps its form.
        "FROM node:22 AS build\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\nCMD node \"$APP\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("compose.yaml")).unwrap(),
        "services:\n  web:\n    build: .\n"
    );
    let again = dockwright(&["fix", "--dry-run", path]);
    assert!(again.stdout.is_empty());
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to fix"));
}

#[test]
fn pattern_render_writes_files_that_lint_clean_and_refuses_to_overwrite() {
    let dir = project("pattern", &[]);
    let out_dir = dir.join("shop");
    let out = out_dir.to_str().unwrap();
    let render = dockwright(&[
        "pattern",
        "render",
        "fullstack",
        "--set",
        "runtime=go",
        "--set",
        "database=mysql",
        "--out",
        out,
    ]);
    assert_eq!(
        render.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&render.stderr)
    );
    let compose = std::fs::read_to_string(out_dir.join("compose.yaml")).unwrap();
    assert!(compose.contains("image: mysql:8.4"));
    assert!(out_dir.join("cmd/healthcheck/main.go").is_file());
    let lint = dockwright(&["lint", "--failure-threshold", "style", out]);
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );

    // A second render refuses, names the file, and changes nothing.
    std::fs::write(out_dir.join("compose.yaml"), "# mine\n").unwrap();
    let again = dockwright(&["pattern", "render", "fullstack", "--out", out]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("use --force"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("compose.yaml")).unwrap(),
        "# mine\n"
    );
    let forced = dockwright(&["pattern", "render", "fullstack", "--out", out, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(out_dir.join("compose.yaml"))
        .unwrap()
        .starts_with("name: shop"));

    // Bad parameters say what to do.
    let bad = dockwright(&[
        "pattern",
        "render",
        "fullstack",
        "--set",
        "port=0",
        "--out",
        out,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1 to 65535"));
    let unknown = dockwright(&["pattern", "show", "nope"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("the patterns are nextjs"));

    let list = dockwright(&["pattern", "list"]);
    let listed = String::from_utf8(list.stdout).unwrap();
    assert_eq!(listed.lines().filter(|l| !l.starts_with(' ')).count(), 10);
    let show = dockwright(&["pattern", "show", "nextjs"]);
    let shown = String::from_utf8(show.stdout).unwrap();
    assert!(shown.contains("- package_manager: npm | pnpm | yarn"));
    assert!(shown.contains("output: \"standalone\""));
    assert!(shown.contains("↳ Makes `next build` write .next/standalone"));
}

#[test]
fn profiles_decide_which_services_run_together() {
    let dir = project(
        "profiles",
        &[(
            "compose.yaml",
            "services:\n  a:\n    image: x:1\n    container_name: app\n  b:\n    image: x:1\n    container_name: app\n    profiles: [debug]\n",
        )],
    );
    let file = dir.join("compose.yaml");
    let file = file.to_str().unwrap();
    let quiet = Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(["lint", file])
        .env_remove("COMPOSE_PROFILES")
        .output()
        .unwrap();
    assert_eq!(
        quiet.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&quiet.stdout)
    );
    let flagged = dockwright(&["lint", "--profile", "debug", file]);
    assert_eq!(flagged.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&flagged.stdout).contains("no-duplicate-container-names"));
    let from_env = Command::new(env!("CARGO_BIN_EXE_dockwright"))
        .args(["lint", file])
        .env("COMPOSE_PROFILES", "other,debug")
        .output()
        .unwrap();
    assert_eq!(from_env.status.code(), Some(1));
}

#[test]
fn config_prints_the_resolved_model_and_refuses_what_compose_refuses() {
    let dir = project(
        "config-model",
        &[
            (
                "compose.yaml",
                "services:\n  web:\n    image: \"nginx:${TAG:-1.27}\"\n    ports: [\"8080:80\"]\n    profiles: [web]\n  api:\n    image: api:1\n    env_file: api.env\n",
            ),
            ("api.env", "MODE=prod\n"),
        ],
    );
    let path = dir.to_str().unwrap();
    let out = dockwright(&[
        "config",
        "--format",
        "json",
        "-p",
        "demo",
        "--profile",
        "web",
        path,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["name"], "demo");
    assert_eq!(model["services"]["web"]["image"], "nginx:1.27");
    assert_eq!(model["services"]["web"]["ports"][0]["target"], 80);
    assert_eq!(model["services"]["web"]["ports"][0]["published"], "8080");
    assert_eq!(model["services"]["api"]["environment"]["MODE"], "prod");
    assert_eq!(model["networks"]["default"]["name"], "demo_default");
    // Without the profile, the web service does not run.
    let out = dockwright(&["config", "--format", "json", "-p", "demo", path]);
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(model["services"].get("web").is_none());
    // YAML by default.
    let out = dockwright(&["config", "-p", "demo", path]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("name: demo\nservices:\n"));

    let refused = project(
        "config-refused",
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n    scale: -1\n",
        )],
    );
    let out = dockwright(&["config", refused.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("compose.yaml:4:12: error config-error"));
    let out = dockwright(&["config", "--format", "toml", path]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fmt_checks_shows_writes_and_refuses() {
    let messy = "from alpine:3.20\nrun apk update && \\\n\t\tapk add curl   \n";
    let tidy = "FROM alpine:3.20\nRUN apk update && \\\n    apk add curl\n";
    let dir = project(
        "fmt",
        &[
            ("Dockerfile", messy),
            ("tidy.Dockerfile", tidy),
            ("broken.Dockerfile", "FROM alpine\nRUN echo \"x\nFROM\n"),
            (
                ".editorconfig",
                "root = true\n[tabs.Dockerfile]\nindent_style = tab\n",
            ),
            ("tabs.Dockerfile", messy),
        ],
    );
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();

    let out = dockwright(&[
        "fmt",
        "--check",
        &path("Dockerfile"),
        &path("tidy.Dockerfile"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dockerfile: would be reformatted"));

    let out = dockwright(&["fmt", "--diff", &path("Dockerfile")]);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-run apk update && \\") && diff.contains("+    apk add curl"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(path("Dockerfile")).unwrap(),
        messy,
        "--diff writes nothing"
    );

    let out = dockwright(&["fmt", &path("Dockerfile"), &path("tabs.Dockerfile")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(path("Dockerfile")).unwrap(), tidy);
    assert_eq!(
        std::fs::read_to_string(path("tabs.Dockerfile")).unwrap(),
        tidy.replace("    apk", "\tapk"),
        "the .editorconfig's indent_style"
    );

    let out = dockwright(&["fmt", &path("broken.Dockerfile")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not formatted: line 3"));

    let out = dockwright_with_stdin(&["fmt", "-"], messy);
    assert_eq!(String::from_utf8_lossy(&out.stdout), tidy);

    // The settings file's continuation-indent wins over .editorconfig.
    std::fs::write(dir.join("settings.yaml"), "continuation-indent: 2\n").unwrap();
    std::fs::write(path("tabs.Dockerfile"), messy).unwrap();
    let out = dockwright(&[
        "fmt",
        "--config",
        &path("settings.yaml"),
        &path("tabs.Dockerfile"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(path("tabs.Dockerfile")).unwrap(),
        tidy.replace("    apk", "  apk")
    );
}

#[test]
fn fmt_formats_compose_files_and_leaves_others() {
    let messy = "services:\n    web:\n        image:   nginx:1.27   # pinned\n        ports:\n        - \"80:80\"\n";
    let tidy =
        "services:\n  web:\n    image: nginx:1.27   # pinned\n    ports:\n      - \"80:80\"\n";
    let dir = project(
        "fmt-compose",
        &[
            ("compose.yaml", messy),
            ("broken.compose.yaml", "services:\n  web:\n image: x\n"),
            (".env", "A=1\n"),
        ],
    );
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();

    let out = dockwright(&["fmt", "--check", &path("compose.yaml")]);
    assert_eq!(out.status.code(), Some(1));
    let out = dockwright(&["fmt", &path("compose.yaml")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(path("compose.yaml")).unwrap(), tidy);

    let out = dockwright(&["fmt", &path("broken.compose.yaml")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not formatted: line 3"), "{stderr}");

    let out = dockwright(&["fmt", &path(".env")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only Dockerfiles and compose files"));

    let out = dockwright_with_stdin(&["fmt", "--kind", "compose", "-"], messy);
    assert_eq!(String::from_utf8_lossy(&out.stdout), tidy);
    let out = dockwright_with_stdin(&["fmt", "--kind", "yaml", "-"], messy);
    assert_eq!(out.status.code(), Some(2));

    // dclint's ordering rules, switched on in the settings, put services in order.
    std::fs::write(
        dir.join("settings.yaml"),
        "override:\n  style: [services-alphabetical-order]\n",
    )
    .unwrap();
    let unordered = "services:\n  web:\n    image: nginx:1.27\n  # the database\n  db:\n    image: postgres:17\n";
    let settings = path("settings.yaml");
    let out = dockwright_with_stdin(
        &["fmt", "--config", &settings, "--kind", "compose", "-"],
        unordered,
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "services:\n  # the database\n  db:\n    image: postgres:17\n  web:\n    image: nginx:1.27\n"
    );
}

#[test]
fn bash_completion_completes_commands_and_options() {
    let script = dockwright(&["completions", "bash"]);
    assert_eq!(script.status.code(), Some(0));
    let dir = project("completions", &[]);
    let file = dir.join("dockwright.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    // What bash does on Tab: the words so far, then the completion function.
    let complete = |words: &str, current: usize| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; _dockwright dockwright \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let commands = complete("dockwright li", 1);
    assert!(commands.lines().any(|l| l == "lint"), "{commands}");
    let options = complete("dockwright lint --for", 2);
    assert!(options.lines().any(|l| l == "--format"), "{options}");
    let values = complete("dockwright lint --format ''", 3);
    assert!(values.lines().any(|l| l == "sarif"), "{values}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = dockwright(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("failure-threshold"),
            "{shell}"
        );
    }
}
