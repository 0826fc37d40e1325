//! The files of the page, and their findings: the workspace is one project,
//! linted with `dockwright_core::project` so that findings across files
//! (build targets, `.dockerignore`, health checks) land in the file they
//! concern. No browser types here: the model is tested natively.

use std::rc::Rc;

use dockwright_core::lint::lint_project;
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{FileKind, LineIndex, Settings, SettingsError, Severity};

use crate::positions::utf16_offsets;

/// What a first-time visitor sees: a Node app with Postgres, its dev
/// override and a .dockerignore, all clean.
/// The page draws this file before its engine arrives (web/editor/boot.js
/// reads the same file), so it lives beside the editor's sources.
pub const EXAMPLE_DOCKERFILE: &str = include_str!("../../../web/examples/example.Dockerfile");

pub const EXAMPLE_COMPOSE: &str = r#"name: shop
services:
  web:
    build:
      context: .
      target: runner
    ports:
      - "127.0.0.1:3000:3000"
    environment:
      DATABASE_URL: postgres://shop:${DB_PASSWORD}@db:5432/shop
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: ${DB_PASSWORD}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop"]
      interval: 5s
      timeout: 3s
      retries: 10
volumes:
  db-data: {}
"#;

pub const EXAMPLE_OVERRIDE: &str = r#"# Development: `docker compose up` reads this file after compose.yaml.
services:
  web:
    environment:
      LOG_LEVEL: debug
    command: ["node", "--watch", "server.js"]
"#;

pub const EXAMPLE_DOCKERIGNORE: &str = ".git\n.env*\nnode_modules\nnpm-debug.log\n";

#[derive(Clone, Debug, PartialEq)]
pub struct WorkFile {
    pub id: u32,
    pub name: String,
    pub text: Rc<str>,
    /// The editor's version of the text (0 when the page set it).
    pub version: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub files: Vec<WorkFile>,
    /// Id of the file shown.
    pub active: u32,
    next_id: u32,
    /// The settings as written (`dockwright.yaml`, hadolint's keys).
    pub settings_text: String,
    /// The last settings that read without error: those in use.
    pub settings: Settings,
    /// What is wrong with `settings_text`, if anything.
    pub settings_errors: Vec<SettingsError>,
    /// Exercises, when the page is used as a training room.
    pub course: Option<crate::course::Course>,
}

/// What the page's rule list sets for one rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleChoice {
    Default,
    Off,
    Severity(Severity),
}

/// A finding placed for the page: line and column for people, UTF-16
/// offsets for the editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: Rc<str>,
    pub message: String,
    pub from16: u32,
    pub to16: u32,
    /// The quick fix, in editor offsets.
    pub fix: Option<QuickFix>,
}

/// A finding's quick fix as the editor applies it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickFix {
    pub title: String,
    /// (from, to, inserted text) in editor offsets, not overlapping.
    pub changes: Vec<(u32, u32, String)>,
}

/// The findings of one file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFindings {
    pub id: u32,
    pub findings: Vec<Finding>,
}

/// The editor language for a file name.
pub fn language(name: &str) -> &'static str {
    match FileKind::guess(base_name(name)) {
        FileKind::Dockerfile if FileKind::from_name(base_name(name)).is_some() => "dockerfile",
        FileKind::Compose => "yaml",
        _ => "plain",
    }
}

fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// What Dockwright makes of a file, in words for the page.
pub fn kind_label(name: &str) -> &'static str {
    match FileKind::from_name(base_name(name)) {
        Some(FileKind::Dockerfile) => "Dockerfile",
        Some(FileKind::Compose) => "Compose file",
        Some(FileKind::DockerIgnore) => ".dockerignore",
        Some(FileKind::Env) => "Env file (variables for compose)",
        None if language(name) == "yaml" => "YAML (not a compose file name)",
        None => "Not linted",
    }
}

const MAX_NAME: usize = 100;

/// Why `name` cannot be the name of a file beside `others`, or `Ok`.
pub fn name_problem<'a>(
    name: &str,
    mut others: impl Iterator<Item = &'a str>,
) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("A file needs a name.".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("Names are at most {MAX_NAME} characters."));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/');
    if !name.chars().all(allowed) {
        return Err("Use letters, digits and . - _ / in file names.".into());
    }
    if name.starts_with('/')
        || name.ends_with('/')
        || name.contains("//")
        || name.split('/').any(|p| p == "." || p == "..")
    {
        return Err("Write the path from the project folder, such as api/Dockerfile.".into());
    }
    if others.any(|other| other == name) {
        return Err(format!("There is already a file called {name}."));
    }
    Ok(())
}

impl Workspace {
    /// The files as the side panels take them: (id, name, text).
    pub fn panel_files(&self) -> Vec<(u32, String, String)> {
        self.files
            .iter()
            .map(|f| (f.id, f.name.clone(), f.text.to_string()))
            .collect()
    }

    pub fn example() -> Workspace {
        Workspace::from_files(vec![
            ("Dockerfile".into(), EXAMPLE_DOCKERFILE.into()),
            ("compose.yaml".into(), EXAMPLE_COMPOSE.into()),
            ("compose.override.yaml".into(), EXAMPLE_OVERRIDE.into()),
            (".dockerignore".into(), EXAMPLE_DOCKERIGNORE.into()),
        ])
        .expect("the example has files")
    }

    /// A workspace of the given (name, text) files, the first one shown;
    /// `None` when there is no file.
    pub fn from_files(files: Vec<(String, String)>) -> Option<Workspace> {
        if files.is_empty() {
            return None;
        }
        let files: Vec<WorkFile> = files
            .into_iter()
            .enumerate()
            .map(|(i, (name, text))| WorkFile {
                id: i as u32 + 1,
                name,
                text: Rc::from(text),
                version: 0,
            })
            .collect();
        Some(Workspace {
            active: files[0].id,
            next_id: files.len() as u32 + 1,
            files,
            settings_text: String::new(),
            settings: Settings::default(),
            settings_errors: Vec::new(),
            course: None,
        })
    }

    pub fn file(&self, id: u32) -> Option<&WorkFile> {
        self.files.iter().find(|f| f.id == id)
    }

    pub fn active_file(&self) -> &WorkFile {
        self.file(self.active).unwrap_or(&self.files[0])
    }

    /// Why `name` cannot be a file name here (`except`: the file being
    /// renamed), or `Ok`.
    pub fn check_name(&self, name: &str, except: Option<u32>) -> Result<(), String> {
        let others = self
            .files
            .iter()
            .filter(|f| Some(f.id) != except)
            .map(|f| f.name.as_str());
        name_problem(name, others)
    }

    /// A workspace from files of unknown origin (a shared link): names the
    /// page would refuse become `file-N`.
    pub fn from_untrusted(files: Vec<(String, String)>) -> Option<Workspace> {
        let mut accepted: Vec<(String, String)> = Vec::with_capacity(files.len());
        for (index, (name, text)) in files.into_iter().enumerate() {
            let name = name.trim().to_string();
            let ok = name_problem(&name, accepted.iter().map(|(n, _)| n.as_str())).is_ok();
            let name = if ok {
                name
            } else {
                format!("file-{}", index + 1)
            };
            accepted.push((name, text));
        }
        Workspace::from_files(accepted)
    }

    /// Adds an empty file and shows it.
    pub fn add(&mut self, name: &str) -> Result<u32, String> {
        self.check_name(name, None)?;
        let id = self.next_id;
        self.next_id += 1;
        self.files.push(WorkFile {
            id,
            name: name.trim().to_string(),
            text: Rc::from(""),
            version: 0,
        });
        self.active = id;
        Ok(id)
    }

    /// Adds a file holding `text` under `name`, or `name-2`, `name-3`… when
    /// the name is taken, and shows it.
    pub fn add_with_text(&mut self, name: &str, text: &str) -> u32 {
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.check_name(&candidate, None).is_err() && n < 1000 {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        let id = self.add(&candidate).unwrap_or(self.active);
        self.set_text(id, text.to_string(), 0);
        id
    }

    pub fn rename(&mut self, id: u32, name: &str) -> Result<(), String> {
        self.check_name(name, Some(id))?;
        if let Some(file) = self.files.iter_mut().find(|f| f.id == id) {
            file.name = name.trim().to_string();
        }
        Ok(())
    }

    /// Removes a file (never the last one); the neighbour is shown.
    pub fn remove(&mut self, id: u32) {
        if self.files.len() <= 1 {
            return;
        }
        let Some(index) = self.files.iter().position(|f| f.id == id) else {
            return;
        };
        self.files.remove(index);
        if self.active == id {
            self.active = self.files[index.min(self.files.len() - 1)].id;
        }
    }

    pub fn set_text(&mut self, id: u32, text: impl Into<Rc<str>>, version: u32) {
        if let Some(file) = self.files.iter_mut().find(|f| f.id == id) {
            file.text = text.into();
            file.version = version;
        }
    }

    /// Writes files by name: a file of that name gets the text, others are
    /// added; the first one written is shown.
    pub fn apply_files(&mut self, files: Vec<(String, String)>) {
        let mut first = None;
        for (name, text) in files {
            let existing = self.files.iter().find(|f| f.name == name).map(|f| f.id);
            let id = match existing {
                Some(id) => {
                    self.set_text(id, text, 0);
                    id
                }
                None => self.add_with_text(&name, &text),
            };
            first.get_or_insert(id);
        }
        if let Some(id) = first {
            self.active = id;
        }
    }

    /// Replaces the files (keeping settings and course), showing the first.
    pub fn replace_files(&mut self, files: Vec<(String, String)>) {
        if let Some(mut fresh) = Workspace::from_untrusted(files) {
            fresh.next_id += self.next_id;
            for file in &mut fresh.files {
                file.id += self.next_id;
            }
            fresh.active += self.next_id;
            self.files = fresh.files;
            self.active = fresh.active;
            self.next_id = fresh.next_id;
        }
    }

    /// The active compose profiles: the findings compare only services
    /// that run together. A choice of this page, kept beside the settings.
    pub fn set_profiles(&mut self, profiles: Vec<String>) {
        self.settings.profiles = profiles;
    }

    /// New settings text; in use when it reads, else the last good ones stay.
    pub fn set_settings(&mut self, text: String) {
        match Settings::from_yaml(&text) {
            Ok(settings) => {
                let profiles = std::mem::take(&mut self.settings.profiles);
                self.settings = settings;
                self.settings.profiles = profiles;
                self.settings_errors.clear();
            }
            Err(errors) => self.settings_errors = errors,
        }
        self.settings_text = text;
    }

    /// What the settings say of the rule with this code.
    pub fn rule_choice(&self, code: &str, aliases: &[&str]) -> RuleChoice {
        let named = |id: &str| {
            id.eq_ignore_ascii_case(code) || aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        };
        if self.settings.is_ignored(named) {
            RuleChoice::Off
        } else if let Some(severity) = self.settings.severity_override(named) {
            RuleChoice::Severity(severity)
        } else {
            RuleChoice::Default
        }
    }

    /// Sets how the formatter indents a Dockerfile's continuation lines
    /// (`None`: as `.editorconfig` says, else 4 spaces); the settings text
    /// is written anew.
    pub fn set_continuation_indent(&mut self, indent: Option<String>) {
        let mut settings = self.settings.clone();
        settings.continuation_indent = indent;
        self.settings_text = settings.to_yaml();
        self.settings = settings;
        self.settings_errors.clear();
    }

    /// Sets one rule from the rule list; the settings text is written anew.
    pub fn set_rule(&mut self, code: &str, aliases: &[&str], choice: RuleChoice) {
        let named = |id: &String| {
            id.eq_ignore_ascii_case(code) || aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        };
        let mut settings = self.settings.clone();
        settings.ignored.retain(|id| !named(id));
        settings.overrides.retain(|(id, _)| !named(id));
        match choice {
            RuleChoice::Default => {}
            RuleChoice::Off => settings.ignored.push(code.to_string()),
            RuleChoice::Severity(severity) => settings.overrides.push((code.to_string(), severity)),
        }
        self.settings_text = settings.to_yaml();
        self.settings = settings;
        self.settings_errors.clear();
    }

    /// Every file's findings, the workspace linted as one project.
    pub fn lint(&self) -> Vec<FileFindings> {
        lint_files(&self.files, &self.settings, self.course.is_some())
    }
}

/// Every file's findings, the files linted as one project. A single file
/// is linted on its own, as the CLI lints a file named alone: a lone
/// Dockerfile says nothing of a build context. `whole_project` says the
/// files are all the project has (an exercise's), so that what the build
/// context lacks is reported, as the CLI reports it for a directory. The
/// page's engine worker and the page itself (when no worker runs) both call
/// this.
pub fn lint_files(
    files: &[WorkFile],
    settings: &Settings,
    whole_project: bool,
) -> Vec<FileFindings> {
    if let (false, [file]) = (whole_project, files) {
        let kind = FileKind::from_name(base_name(&file.name));
        let diagnostics = kind.map_or_else(Vec::new, |kind| {
            dockwright_core::lint_with(kind, &file.text, settings)
        });
        return vec![FileFindings {
            id: file.id,
            findings: place(&file.text, diagnostics),
        }];
    }
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|f| ProjectFile {
            path: &f.name,
            text: &f.text,
        })
        .collect();
    // The page knows only its files, not the rest of a real project: no
    // listing, so missing contexts are not reported, unless the files are
    // the whole project. The page has no host environment: a workspace
    // `.env` is all the variables interpolation knows.
    let listing: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    let project = Project {
        files: &project_files,
        listing: whole_project.then_some(listing.as_slice()),
        ..Project::default()
    };
    let reports = lint_project(&project, settings);
    files
        .iter()
        .zip(reports)
        .map(|(file, report)| FileFindings {
            id: file.id,
            findings: place(&file.text, report.findings),
        })
        .collect()
}

/// The files, their findings and the link, as Markdown for a bug report.
pub fn markdown(workspace: &Workspace, findings: &[FileFindings], link: Option<&str>) -> String {
    let count = |severity: Severity| {
        findings
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    let mut out = format!(
        "## Dockwright: {} errors, {} warnings\n",
        count(Severity::Error),
        count(Severity::Warning)
    );
    for (file, found) in workspace.files.iter().zip(findings) {
        let fence = fence_for(&file.text);
        let info = match language(&file.name) {
            "plain" => "",
            other => other,
        };
        out.push_str(&format!(
            "\n### {}\n\n{fence}{info}\n{}",
            file.name, file.text
        ));
        if !file.text.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{fence}\n"));
        if !found.findings.is_empty() {
            out.push('\n');
        }
        for f in &found.findings {
            out.push_str(&format!(
                "- **{}** `{}` line {}, column {}: {}\n",
                f.severity.as_str(),
                f.code,
                f.line,
                f.column,
                f.message
            ));
        }
    }
    if !workspace.settings_text.trim().is_empty() {
        out.push_str(&format!(
            "\n### Settings (dockwright.yaml)\n\n```yaml\n{}```\n",
            workspace.settings_text
        ));
    }
    if let Some(link) = link {
        out.push_str(&format!("\n[Open these files in Dockwright]({link})\n"));
    }
    out
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat(longest.max(2) + 1)
}

fn place(text: &str, diagnostics: Vec<dockwright_core::Diagnostic>) -> Vec<Finding> {
    // Spans first, then the few fix edits, converted in one pass.
    let mut offsets: Vec<usize> = diagnostics
        .iter()
        .flat_map(|d| [d.span.start, d.span.end])
        .collect();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        offsets.extend(fix.edits.iter().flat_map(|e| [e.span.start, e.span.end]));
    }
    let utf16 = utf16_offsets(text, &offsets);
    let mut next_edit = 2 * diagnostics.len();
    let index = LineIndex::new(text);
    diagnostics
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let at = index.line_col(d.span.start);
            let fix = d.fix.map(|fix| QuickFix {
                title: fix.title,
                changes: fix
                    .edits
                    .into_iter()
                    .map(|e| {
                        let change = (utf16[next_edit], utf16[next_edit + 1], e.text);
                        next_edit += 2;
                        change
                    })
                    .collect(),
            });
            Finding {
                line: at.line,
                column: at.column,
                severity: d.severity,
                code: d.code.into(),
                message: d.message,
                from16: utf16[2 * i],
                to16: utf16[2 * i + 1],
                fix,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_clean() {
        let workspace = Workspace::example();
        for (file, findings) in workspace.files.iter().zip(workspace.lint()) {
            assert!(
                findings.findings.is_empty(),
                "{}: {:?}",
                file.name,
                findings.findings
            );
        }
    }

    #[test]
    fn names_are_checked() {
        let mut workspace = Workspace::example();
        assert!(workspace.check_name("", None).is_err());
        assert!(workspace.check_name("compose.yaml", None).is_err());
        assert!(workspace.check_name("a b", None).is_err());
        assert!(workspace.check_name("../x", None).is_err());
        assert!(workspace.check_name("api/Dockerfile", None).is_ok());
        let id = workspace.add("Dockerfile.dev").unwrap();
        assert_eq!(workspace.active, id);
        assert!(workspace.rename(id, "compose.yaml").is_err());
        workspace.rename(id, "Dockerfile.prod").unwrap();
        workspace.remove(id);
        assert_eq!(workspace.files.len(), 4);
    }

    #[test]
    fn settings_switch_rules_and_bad_settings_keep_the_last_good_ones() {
        let mut workspace = Workspace::example();
        let id = workspace.files[0].id;
        workspace.set_text(id, "FROM alpine:3.20\nMAINTAINER me\n", 1);
        let codes = |w: &Workspace| -> Vec<String> {
            w.lint()[0]
                .findings
                .iter()
                .map(|f| f.code.to_string())
                .collect()
        };
        assert_eq!(codes(&workspace), ["DL4000"]);
        workspace.set_rule("DL4000", &["MaintainerDeprecated"], RuleChoice::Off);
        assert_eq!(workspace.settings_text, "ignored: [DL4000]\n");
        assert!(codes(&workspace).is_empty());
        workspace.set_settings("ignored: [DL4000\n".into());
        assert!(!workspace.settings_errors.is_empty());
        assert!(
            codes(&workspace).is_empty(),
            "the last good settings stay in use"
        );
        workspace.set_settings("override:\n  info: [MaintainerDeprecated]\n".into());
        assert_eq!(
            workspace.rule_choice("DL4000", &["MaintainerDeprecated"]),
            RuleChoice::Severity(Severity::Info)
        );
        assert_eq!(workspace.lint()[0].findings[0].severity, Severity::Info);
    }

    #[test]
    fn markdown_fences_survive_backticks() {
        let mut workspace = Workspace::example();
        let id = workspace.files[0].id;
        workspace.set_text(id, "FROM alpine:3.20\nRUN echo ```\nFROB x", 1);
        let text = markdown(&workspace, &workspace.lint(), Some("https://x/#v1=abc"));
        assert!(text.contains("````dockerfile\nFROM alpine:3.20"), "{text}");
        assert!(
            text.contains("- **error** `syntax-error`")
                || text.contains("- **error** `build-error`"),
            "{text}"
        );
        assert!(text.ends_with("[Open these files in Dockwright](https://x/#v1=abc)\n"));
    }

    #[test]
    fn untrusted_names_are_replaced() {
        let workspace = Workspace::from_untrusted(vec![
            (
                "\"><img src=x onerror=alert(1)>".into(),
                "<script>alert(1)</script>".into(),
            ),
            ("Dockerfile".into(), "FROM alpine:3.20\r\n\tRUN x\n".into()),
            ("Dockerfile".into(), "é😀".into()),
        ])
        .unwrap();
        let names: Vec<&str> = workspace.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["file-1", "Dockerfile", "file-3"]);
        assert_eq!(&*workspace.files[1].text, "FROM alpine:3.20\r\n\tRUN x\n");
    }

    #[test]
    fn cross_file_findings_land_in_their_file() {
        let mut workspace = Workspace::example();
        let compose = workspace.files[1].id;
        let text = EXAMPLE_COMPOSE.replace("target: runner", "target: runtime");
        workspace.set_text(compose, text, 1);
        let findings = workspace.lint();
        assert!(findings[1]
            .findings
            .iter()
            .any(|f| &*f.code == "build-target-not-found"));
        assert!(findings[0].findings.is_empty());
    }

    #[test]
    fn languages_follow_names() {
        assert_eq!(language("Dockerfile.dev"), "dockerfile");
        assert_eq!(language("api/Dockerfile"), "dockerfile");
        assert_eq!(language("compose.override.yaml"), "yaml");
        assert_eq!(language(".dockerignore"), "plain");
        assert_eq!(language("notes.txt"), "plain");
    }
}
