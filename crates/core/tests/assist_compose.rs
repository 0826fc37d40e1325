//! Compose completion, hover, definition, references and rename, as data:
//! a compose file with the cursor written `‸`, and the project's other
//! files.

use dockwright_core::assist::compose::{self as assist, File};

const CURSOR: char = '‸';

const DOCKERFILE: &str = "FROM node:22 AS deps\nFROM deps AS build\nFROM node:22-slim AS runner\n";

fn at(marked: &str) -> (String, usize) {
    let offset = marked.find(CURSOR).expect("a cursor mark");
    (marked.replacen(CURSOR, "", 1), offset)
}

fn labels(marked: &str) -> Vec<String> {
    let (text, offset) = at(marked);
    let files = [File {
        path: "api/Dockerfile.prod",
        text: DOCKERFILE,
    }];
    assist::complete("compose.yaml", &text, offset, &files)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

const COMPLETIONS: &[(&str, &[&str], &[&str])] = &[
    ("‸", &["services", "networks", "volumes", "secrets", "configs", "name"], &[]),
    ("name: app\nse‸", &["services", "secrets"], &["name", "volumes"]),
    ("services:\n  web:\n    ima‸", &["image"], &["build"]),
    ("services:\n  web:\n    image: nginx\n    ‸", &["build", "ports", "healthcheck", "depends_on"], &["image"]),
    ("services:\n  web:\n    healthcheck:\n      ‸", &["test", "interval", "start_period", "retries"], &["image"]),
    ("services:\n  web:\n    build:\n      ‸", &["context", "dockerfile", "target", "args"], &["image"]),
    ("services:\n  web:\n    image: a\n    depends_on:\n      - ‸\n  db:\n    image: b\n  cache:\n    image: c\n", &["db", "cache"], &["web"]),
    ("services:\n  web:\n    image: a\n    depends_on:\n      d‸\n  db:\n    image: b\n", &["db"], &["web"]),
    ("services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: ‸\n  db:\n    image: b\n", &["service_healthy", "service_started", "service_completed_successfully"], &[]),
    ("services:\n  web:\n    network_mode: ‸\n  db:\n    image: b\n", &["host", "none", "service:db"], &["service:web"]),
    ("services:\n  web:\n    image: a\n    networks:\n      - ‸\nnetworks:\n  front:\n  back:\n", &["front", "back"], &[]),
    ("services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n      target: ‸\n", &["deps", "build", "runner"], &[]),
    ("services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n      target: r‸\n", &["runner"], &["deps"]),
    ("services:\n  web:\n    volumes:\n      - type: ‸\n", &["bind", "volume", "tmpfs"], &[]),
    ("services:\n  web:\n    image: a\n    volumes:\n      - d‸\nvolumes:\n  data:\n  cache:\n", &["data:"], &["cache:"]),
    ("services:\n  web:\n    develop:\n      watch:\n        - path: ./src\n          action: s‸\n", &["sync", "sync+restart"], &["rebuild"]),
];

#[test]
fn completions() {
    let mut failures = Vec::new();
    for (marked, present, absent) in COMPLETIONS {
        let got = labels(marked);
        let missing: Vec<&&str> = present
            .iter()
            .filter(|p| !got.iter().any(|g| g == *p))
            .collect();
        let extra: Vec<&&str> = absent
            .iter()
            .filter(|a| got.iter().any(|g| g == *a))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!(
                "{marked:?}: got {got:?}, missing {missing:?}, unwanted {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const COMPOSE: &str = "\
services:
  web:
    image: nginx:1.27
    depends_on:
      db:
        condition: service_healthy
    links:
      - \"cache:redis\"
  db:
    image: postgres:17
    healthcheck:
      test: [\"CMD\", \"pg_isready\"]
  cache:
    image: redis:7
    network_mode: \"service:db\"
";

#[test]
fn hover_gives_the_schema_description() {
    let offset = COMPOSE.find("depends_on").unwrap() + 2;
    let hover = assist::hover(COMPOSE, offset, None).unwrap();
    assert!(
        hover.markdown.starts_with("**depends_on**"),
        "{}",
        hover.markdown
    );
    assert!(hover.markdown.len() > 40, "{}", hover.markdown);
    let condition = assist::hover(COMPOSE, COMPOSE.find("condition").unwrap(), None).unwrap();
    assert!(
        condition.markdown.contains("service_healthy"),
        "{}",
        condition.markdown
    );
    assert_eq!(
        assist::hover(COMPOSE, COMPOSE.find("nginx").unwrap(), None),
        None
    );
}

#[test]
fn definition_references_and_rename_of_services() {
    let db_use = COMPOSE.find("      db:").unwrap() + 6;
    let db_definition = COMPOSE.find("  db:\n    image").unwrap() + 2;
    assert_eq!(
        assist::definition(COMPOSE, db_use).unwrap().start,
        db_definition
    );
    let references = assist::references(COMPOSE, db_definition);
    assert_eq!(references.len(), 3, "{references:?}");
    let edits = assist::rename(COMPOSE, db_use, "postgres").unwrap();
    let mut text = COMPOSE.to_string();
    for edit in edits.iter().rev() {
        text.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    assert!(text.contains("  postgres:\n    image: postgres:17"));
    assert!(text.contains("      postgres:\n        condition"));
    assert!(text.contains("\"service:postgres\""));
    let cache = assist::references(COMPOSE, COMPOSE.find("cache:redis").unwrap() + 1);
    assert_eq!(cache.len(), 2);
    assert!(assist::rename(COMPOSE, db_use, "web")
        .unwrap_err()
        .contains("already named"));
    assert!(assist::rename(COMPOSE, db_use, "no spaces").is_err());
}

#[test]
fn the_outline_lists_services() {
    let outline = assist::outline(COMPOSE);
    assert_eq!(outline[0].name, "services");
    let names: Vec<&str> = outline[0]
        .children
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["web", "db", "cache"]);
}

#[test]
fn every_offset_of_every_corpus_compose_file_is_safe() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/compose");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<String> = entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    files.sort();
    files.push(COMPOSE.to_string());
    for text in files.iter().take(10) {
        let step = (text.len() / 200).max(1);
        for offset in (0..=text.len()).step_by(step) {
            for c in assist::complete("compose.yaml", text, offset, &[]) {
                assert!(c.replace.end <= text.len() && text.is_char_boundary(c.replace.start));
            }
            let _ = assist::hover(text, offset, Some("A=1\n"));
            for span in assist::references(text, offset) {
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}

const RESOURCES: &str = "\
x-common: &common
  restart: always
services:
  api:
    <<: *common
    image: api:1
    networks: [front, back]
    volumes:
      - data:/var/lib/data
      - ./src:/src
      - type: volume
        source: data
        target: /backup
    secrets:
      - db_password
      - source: api_key
        target: key
  worker:
    <<: *common
    image: worker:1
    networks:
      back:
        aliases: [jobs]
    command: make && make install
networks:
  front:
  back:
volumes:
  data:
secrets:
  db_password:
    file: ./db_password.txt
  api_key:
    environment: API_KEY
";

#[test]
fn networks_volumes_secrets_and_anchors_are_names_too() {
    let text = RESOURCES;
    let count = |needle: &str, nth: usize| {
        let at = text.match_indices(needle).nth(nth).unwrap().0 + 1;
        assist::references(text, at).len()
    };
    assert_eq!(count("back", 0), 3, "the network: two uses and its key");
    assert_eq!(
        count("data:/var", 0),
        3,
        "the volume: short and long syntax and its key"
    );
    assert_eq!(count("db_password", 0), 2);
    assert_eq!(count("api_key", 0), 2);
    assert_eq!(count("&common", 0), 3, "the anchor and its two aliases");
    assert!(
        assist::references(text, text.find("./src").unwrap() + 2).is_empty(),
        "a bind path is no name"
    );
    assert!(assist::references(text, text.find("&& make").unwrap() + 1).is_empty());
    let anchor = text.find("*common").unwrap() + 2;
    assert_eq!(
        assist::definition(text, anchor).unwrap().start,
        text.find("&common").unwrap() + 1
    );
    let edits = assist::rename(text, text.find("back]").unwrap(), "internal").unwrap();
    let mut renamed = text.to_string();
    for edit in edits.iter().rev() {
        renamed.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    assert!(
        renamed.contains("[front, internal]")
            && renamed.contains("      internal:\n        aliases")
            && renamed.contains("\n  internal:\nvolumes")
    );
    assert!(assist::rename(text, text.find("back]").unwrap(), "front")
        .unwrap_err()
        .contains("network is already named"));
}

#[test]
fn hover_on_a_variable_shows_its_value_from_the_env_file() {
    let text = "services:\n  db:\n    image: \"postgres:${PG_VERSION:-17}\"\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it in .env}\n      USER: $DB_USER\n";
    let hover = |needle: &str, dotenv: Option<&str>| {
        let at = text.find(needle).unwrap() + 3;
        assist::hover(text, at, dotenv).unwrap().markdown
    };
    let dotenv = "PG_VERSION=16.4\nDB_USER=shop\n";
    assert!(hover("${PG_VERSION", Some(dotenv)).contains("`16.4`, from the project's `.env`"));
    assert!(hover("${PG_VERSION", Some("")).contains("becomes `17` (the default)"));
    assert!(hover("${DB_PASSWORD", Some(dotenv))
        .contains("Docker Compose stops here: `set it in .env`"));
    assert!(hover("$DB_USER", Some(dotenv)).contains("`shop`"));
    assert!(hover("$DB_USER", None).contains("no `.env`"));
}

#[test]
fn build_target_goes_to_the_stage_in_the_dockerfile() {
    let text = "services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n      target: build\n";
    let files = [File {
        path: "api/Dockerfile.prod",
        text: DOCKERFILE,
    }];
    let at = text.find("target: build").unwrap() + 10;
    let (path, span) = assist::target_stage("compose.yaml", text, at, &files).unwrap();
    assert_eq!(path, "api/Dockerfile.prod");
    assert_eq!(&DOCKERFILE[span.start..span.end], "build");
    assert_eq!(assist::target_stage("compose.yaml", text, 3, &files), None);
}

#[test]
fn renames_reach_the_other_files_of_the_project() {
    use dockwright_core::assist::project::{rename, ProjectFile};
    let dockerfile = "FROM node:22 AS deps\nFROM node:22-slim AS runner\nCOPY --from=deps /a /a\n";
    let compose = "services:\n  web:\n    build:\n      context: .\n      target: runner\n    depends_on: [db]\n  db:\n    image: postgres:17\n";
    let overrides = "services:\n  web:\n    build:\n      target: runner\n  db:\n    environment:\n      A: 1\n";
    let other = "services:\n  tool:\n    build:\n      context: ./tools\n      target: runner\n";
    let files = [
        ProjectFile {
            path: "Dockerfile",
            text: dockerfile,
        },
        ProjectFile {
            path: "compose.yaml",
            text: compose,
        },
        ProjectFile {
            path: "compose.override.yaml",
            text: overrides,
        },
        ProjectFile {
            path: "tools/compose.yaml",
            text: other,
        },
    ];
    let apply = |text: &str, edits: &[dockwright_core::assist::Edit]| {
        let mut out = text.to_string();
        for edit in edits.iter().rev() {
            out.replace_range(edit.span.start..edit.span.end, &edit.text);
        }
        out
    };
    // A stage: its Dockerfile and the build.target of the services that build it.
    let at = dockerfile.find("AS runner").unwrap() + 4;
    let edits = rename(&files, "Dockerfile", at, "app").unwrap();
    let changed: Vec<&str> = edits.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        changed,
        ["Dockerfile", "compose.yaml", "compose.override.yaml"],
        "tools/ builds another Dockerfile"
    );
    assert!(apply(compose, &edits[1].1).contains("target: app\n"));
    // A service: the compose files of its folder.
    let at = compose.find("[db]").unwrap() + 1;
    let edits = rename(&files, "compose.yaml", at, "postgres").unwrap();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[1].0, "compose.override.yaml");
    assert!(apply(overrides, &edits[1].1).contains("  postgres:\n    environment"));
    assert!(rename(&files, "compose.yaml", at, "web").is_err());
}
