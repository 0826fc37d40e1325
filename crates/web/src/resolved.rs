//! The model Docker Compose will run for the workspace (`docker compose
//! config`), worked out for the Resolved panel: in the engine's panel
//! worker (`panel_worker.rs`, through [`resolve_in_worker`]), or on the
//! page when no worker runs. It crosses from the worker as one string
//! (`codec`).

use dockwright_core::compose::{output, resolve};
use dockwright_core::lint::{config, ConfigHost};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{FileKind, Settings, Severity};
use wasm_bindgen::prelude::*;

use crate::codec::{Reader, Writer};
use crate::panel_worker::{answer, get};
use crate::positions::utf16_offsets;

/// What the Resolved panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Every profile a compose file of the workspace names, sorted.
    pub profiles: Vec<String>,
    /// The model's lines and the variables found unset, or why there is no
    /// model.
    pub model: Result<(Vec<Line>, Vec<String>), String>,
}

/// Works out the panel's contents for the files `(id, name, text)`.
pub fn resolved(files: &[(u32, String, String)], profiles: &[String], format: Format) -> Resolved {
    Resolved {
        profiles: profiles_in(files),
        model: model(files, profiles, format),
    }
}

/// The project directory the page's paths are resolved in.
const PROJECT_DIR: &str = "/project";

/// Lines drawn at most, so that a huge model does not redraw thousands of
/// rows on every keystroke while the panel is open.
const MAX_LINES: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Yaml,
    Json,
}

/// Every profile a compose file of the workspace names, sorted.
fn profiles_in(files: &[(u32, String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, name, text) in files {
        let base = name.rsplit('/').next().unwrap_or(name);
        if FileKind::from_name(base) != Some(FileKind::Compose) {
            continue;
        }
        let document = dockwright_core::yaml::parse(text);
        let services = document.root.as_ref().and_then(|r| r.get("services"));
        for entry in services.map(|s| s.entries()).unwrap_or_default() {
            for profile in entry
                .value
                .get("profiles")
                .map(|p| p.items())
                .unwrap_or_default()
            {
                if let Some(p) = profile.as_str() {
                    out.push(p.to_string());
                }
            }
        }
    }
    dockwright_core::sort::sort(&mut out);
    out.dedup();
    out
}

/// A printed line and where its value was written: (file id, from, to in
/// editor offsets, file name, line number).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub source: Option<(u32, u32, u32, String, usize)>,
}

/// The model printed with the variables it found unset, or why there is
/// no model.
fn model(
    files: &[(u32, String, String)],
    profiles: &[String],
    format: Format,
) -> Result<(Vec<Line>, Vec<String>), String> {
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(_, name, text)| ProjectFile { path: name, text })
        .collect();
    let project = Project {
        files: &project_files,
        ..Project::default()
    };
    let settings = Settings {
        profiles: profiles.to_vec(),
        ..Settings::default()
    };
    let host = ConfigHost {
        project_name: None,
        project_dir: PROJECT_DIR,
        home: None,
    };
    let result = config(&project, &settings, &host);
    let Some(model) = result.model.as_ref() else {
        let errors: usize = result
            .reports
            .iter()
            .map(|r| {
                r.findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count()
            })
            .sum();
        return Err(if errors == 0 {
            "No compose file: add compose.yaml to see the model Docker Compose runs.".into()
        } else {
            format!("Docker Compose would refuse these files ({errors} error(s)): fix the errors in Findings first.")
        });
    };
    let printed = match format {
        Format::Yaml => output::to_yaml(&resolve::for_yaml(model)),
        Format::Json => output::to_json(&resolve::for_json(model)),
    };
    // Compose's "variable is not set" warnings name the variable first.
    let mut unset: Vec<String> = result
        .reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| {
            f.message
                .ends_with("variable is not set. Defaulting to a blank string.")
        })
        .filter_map(|f| f.message.split('"').nth(1).map(str::to_string))
        .collect();
    dockwright_core::sort::sort(&mut unset);
    unset.dedup();
    let mut lines: Vec<Line> = Vec::new();
    for (text, span) in printed
        .text
        .lines()
        .zip(printed.lines.iter())
        .take(MAX_LINES)
    {
        let source = span.and_then(|span| {
            let (path, local) = result.locate(span)?;
            let (id, name, file_text) = files.iter().find(|(_, n, _)| n == path)?;
            let offsets = utf16_offsets(file_text, &[local.start, local.end]);
            let line = file_text[..local.start.min(file_text.len())]
                .matches('\n')
                .count()
                + 1;
            Some((*id, offsets[0], offsets[1], name.clone(), line))
        });
        lines.push(Line {
            text: text.to_string(),
            source,
        });
    }
    Ok((lines, unset))
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }

    fn named(name: &str) -> Format {
        if name == "json" {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// [`Resolved`] as one string (`codec`).
pub fn encode(resolved: &Resolved) -> String {
    let mut out = Writer::default();
    out.num(resolved.profiles.len());
    for profile in &resolved.profiles {
        out.text(profile);
    }
    match &resolved.model {
        Err(why) => {
            out.num(0);
            out.text(why);
        }
        Ok((lines, unset)) => {
            out.num(1);
            out.num(lines.len());
            for line in lines {
                out.text(&line.text);
                match &line.source {
                    None => out.num(0),
                    Some((id, from, to, name, number)) => {
                        out.num(1);
                        out.num(*id as usize);
                        out.num(*from as usize);
                        out.num(*to as usize);
                        out.text(name);
                        out.num(*number);
                    }
                }
            }
            out.num(unset.len());
            for name in unset {
                out.text(name);
            }
        }
    }
    out.finish()
}

/// Reads what [`encode`] wrote; `None` if the text is not such.
pub fn decode(text: &str) -> Option<Resolved> {
    let mut r = Reader::new(text);
    let count = r.count()?;
    let mut profiles = Vec::with_capacity(count);
    for _ in 0..count {
        profiles.push(r.text()?.to_string());
    }
    let model = match r.num()? {
        0 => Err(r.text()?.to_string()),
        1 => {
            let count = r.count()?;
            let mut lines = Vec::with_capacity(count);
            for _ in 0..count {
                let text = r.text()?.to_string();
                let source = match r.num()? {
                    0 => None,
                    1 => Some((
                        r.u32()?,
                        r.u32()?,
                        r.u32()?,
                        r.text()?.to_string(),
                        r.num()?,
                    )),
                    _ => return None,
                };
                lines.push(Line { text, source });
            }
            let count = r.count()?;
            let mut unset = Vec::with_capacity(count);
            for _ in 0..count {
                unset.push(r.text()?.to_string());
            }
            Ok((lines, unset))
        }
        _ => return None,
    };
    r.finished().then_some(Resolved { profiles, model })
}

/// The panel worker's entry for `{kind: "resolved", generation, format,
/// profiles, files: [{id, name, text}]}` (texts as UTF-8 bytes): answers
/// `{generation, answer}`, the contents encoded as UTF-8 bytes; without
/// `answer` when the request could not be read.
#[wasm_bindgen]
pub fn resolve_in_worker(request: &JsValue) -> JsValue {
    let profiles: Vec<String> = js_sys::Array::from(&get(request, "profiles"))
        .iter()
        .filter_map(|p| p.as_string())
        .collect();
    let format = Format::named(&get(request, "format").as_string().unwrap_or_default());
    answer(request, |files| encode(&resolved(files, &profiles, format))).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn example() -> Vec<(u32, String, String)> {
        Workspace::example().panel_files()
    }

    #[test]
    fn the_example_resolves_and_crosses_unchanged() {
        for format in [Format::Yaml, Format::Json] {
            let contents = resolved(&example(), &[], format);
            let (lines, _) = contents.model.as_ref().expect("the example has a model");
            assert!(
                lines.iter().any(|l| l.source.is_some()),
                "lines point at their source"
            );
            assert_eq!(decode(&encode(&contents)), Some(contents));
        }
        let refused = resolved(
            &[(1, "compose.yaml".into(), "services: [".into())],
            &[],
            Format::Yaml,
        );
        assert!(refused.model.is_err());
        assert_eq!(decode(&encode(&refused)), Some(refused));
    }

    #[test]
    fn damaged_answers_are_refused() {
        crate::codec::assert_refuses_damage(
            &encode(&resolved(&example(), &[], Format::Yaml)),
            decode,
        );
    }
}
