//! The pattern catalogue: proven Docker setups as generators. Each pattern
//! has what it is for, its parameters, and a function that renders its
//! files with a note on the lines worth explaining. Every combination of
//! parameters gives files that lint clean under this engine (the test
//! `patterns.rs` renders them all) and agree with each other (their compose
//! files build the targets their Dockerfiles define).

mod ci_buildx;
mod dev_compose;
mod devcontainer;
mod dockerignore;
mod fullstack;
mod healthcheck;
mod layer_caching;
mod nextjs;
mod overrides;
mod python_app;
pub mod runtime;
pub mod scorecard;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

pub use text::FileBuilder;

/// A pattern of the catalogue.
#[derive(Serialize)]
pub struct Pattern {
    /// Its name on the command line and in links: `nextjs`, `fullstack`, …
    pub id: &'static str,
    pub title: &'static str,
    /// One line: what it gives.
    pub summary: &'static str,
    /// What it is for and when to use it (Markdown paragraphs).
    pub when: &'static str,
    /// The practices it follows (ids of `PRACTICES`).
    pub practices: &'static [&'static str],
    /// Where it deliberately differs from the classic tutorial version of
    /// the same pattern (the catalogue this one grew from), and why: the
    /// tutorial's choices that are outdated or unsafe.
    pub differs: &'static [&'static str],
    pub params: &'static [Param],
    #[serde(skip)]
    pub render: fn(&Values) -> Vec<GeneratedFile>,
}

/// One parameter of a pattern.
#[derive(Serialize)]
pub struct Param {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: ParamKind,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ParamKind {
    /// One of the listed values; the first that applies is the default.
    Choice { options: &'static [Choice] },
    /// A TCP port, 1 to 65535.
    Port { default: u16 },
    /// Free text checked by `check`; `default` must pass it.
    Text {
        default: &'static str,
        #[serde(skip)]
        check: fn(&str) -> Result<(), String>,
    },
}

/// A value of a choice parameter; with `when`, it only applies while
/// another parameter has the given value (pnpm only for Node).
#[derive(Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub when: Option<(&'static str, &'static str)>,
}

impl Choice {
    pub const fn any(value: &'static str, label: &'static str) -> Choice {
        Choice {
            value,
            label,
            when: None,
        }
    }

    pub const fn when(
        value: &'static str,
        label: &'static str,
        key: &'static str,
        is: &'static str,
    ) -> Choice {
        Choice {
            value,
            label,
            when: Some((key, is)),
        }
    }
}

/// Parameter values by key, complete and checked (see `Pattern::resolve`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, String>);

impl Values {
    /// The value of `key`; patterns only ask for their own keys, which
    /// `resolve` always fills.
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    pub fn port(&self, key: &str) -> u16 {
        self.get(key).parse().unwrap_or(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A parameter value that cannot be used, with what to do instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParamError {
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// A file a pattern produces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GeneratedFile {
    /// `/`-separated, relative to the project root.
    pub path: String,
    pub text: String,
    /// (1-based line, why the line is written so).
    pub notes: Vec<(usize, String)>,
}

impl Pattern {
    /// The choices of `param` that apply given the other values.
    pub fn options<'p>(&self, param: &'p Param, values: &Values) -> Vec<&'p Choice> {
        match &param.kind {
            ParamKind::Choice { options } => options
                .iter()
                .filter(|c| c.when.is_none_or(|(key, is)| values.get(key) == is))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Complete values from the given ones: unknown keys and bad values are
    /// errors; missing ones take their default, and a choice that no longer
    /// applies (pnpm after switching to Python) falls back to the default.
    /// Parameters are resolved in order, so a choice may depend on an
    /// earlier one.
    pub fn resolve(&self, given: &[(&str, &str)]) -> Result<Values, ParamError> {
        for (key, _) in given {
            if !self.params.iter().any(|p| p.key == *key) {
                let known: Vec<&str> = self.params.iter().map(|p| p.key).collect();
                return Err(ParamError {
                    key: key.to_string(),
                    message: format!(
                        "`{}` has no parameter `{key}`; it has {}",
                        self.id,
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                });
            }
        }
        let mut values = Values::default();
        for param in self.params {
            let given_value = given
                .iter()
                .rev()
                .find(|(k, _)| *k == param.key)
                .map(|(_, v)| v.trim());
            let value = match &param.kind {
                ParamKind::Choice { .. } => {
                    let options = self.options(param, &values);
                    match given_value {
                        Some(v) if options.iter().any(|c| c.value == v) => v.to_string(),
                        Some(v) if !v.is_empty() => {
                            let all: Vec<&str> = options.iter().map(|c| c.value).collect();
                            return Err(ParamError {
                                key: param.key.into(),
                                message: format!("`{v}` is not one of {} here", all.join(", ")),
                            });
                        }
                        _ => options.first().map_or("", |c| c.value).to_string(),
                    }
                }
                ParamKind::Port { default } => match given_value {
                    Some(v) if !v.is_empty() => match v.parse::<u16>() {
                        Ok(port) if port > 0 => port.to_string(),
                        _ => {
                            return Err(ParamError {
                                key: param.key.into(),
                                message: format!(
                                    "`{v}` is not a port: use a number from 1 to 65535"
                                ),
                            })
                        }
                    },
                    _ => default.to_string(),
                },
                ParamKind::Text { default, check } => match given_value {
                    Some(v) if !v.is_empty() => {
                        check(v).map_err(|message| ParamError {
                            key: param.key.into(),
                            message,
                        })?;
                        v.to_string()
                    }
                    _ => default.to_string(),
                },
            };
            values.0.insert(param.key.to_string(), value);
        }
        Ok(values)
    }

    /// The pattern's files for `given` values.
    pub fn render_with(&self, given: &[(&str, &str)]) -> Result<Vec<GeneratedFile>, ParamError> {
        Ok((self.render)(&self.resolve(given)?))
    }

    /// Every combination of choice values (ports and text at their
    /// defaults), for tests and previews of the whole matrix.
    pub fn combinations(&self) -> Vec<Values> {
        let mut partial: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
        for param in self.params {
            let mut next = Vec::new();
            for given in &partial {
                let values = self.resolve(given).expect("defaults are valid");
                let options = self.options(param, &values);
                if options.is_empty() {
                    next.push(given.clone());
                }
                for choice in options {
                    let mut more = given.clone();
                    more.push((param.key, choice.value));
                    next.push(more);
                }
            }
            partial = next;
        }
        partial
            .iter()
            .map(|given| self.resolve(given).expect("combinations are valid"))
            .collect()
    }
}

/// A practice the scorecard looks for, and the pattern that shows it.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Practice {
    pub id: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub pattern: &'static str,
}

pub static PRACTICES: &[Practice] = &[
    Practice {
        id: "multi-stage",
        title: "Multi-stage build",
        why: "Build tools and sources stay in a build stage; the image that ships holds only what runs.",
        pattern: "layer-caching",
    },
    Practice {
        id: "dockerignore",
        title: ".dockerignore",
        why: "Keeps .git, secrets and local dependencies out of the build context: faster builds, no leaks.",
        pattern: "dockerignore",
    },
    Practice {
        id: "layer-order",
        title: "Dependencies before sources",
        why: "Copying the dependency manifests and installing before copying the sources lets a code change reuse the dependency layer.",
        pattern: "layer-caching",
    },
    Practice {
        id: "healthcheck",
        title: "Health check",
        why: "A HEALTHCHECK (or a compose healthcheck) lets Docker and dependants know the app is ready, not just started.",
        pattern: "healthcheck",
    },
    Practice {
        id: "non-root",
        title: "Non-root user",
        why: "A process running as root in the container is root on the host if it breaks out.",
        pattern: "healthcheck",
    },
];

/// The catalogue, in the order it is shown.
pub static CATALOGUE: &[&Pattern] = &[
    &nextjs::PATTERN,
    &python_app::PATTERN,
    &fullstack::PATTERN,
    &dev_compose::PATTERN,
    &devcontainer::PATTERN,
    &overrides::PATTERN,
    &dockerignore::PATTERN,
    &healthcheck::PATTERN,
    &ci_buildx::PATTERN,
    &layer_caching::PATTERN,
];

/// The pattern called `id`.
pub fn find(id: &str) -> Option<&'static Pattern> {
    CATALOGUE.iter().copied().find(|p| p.id == id)
}

/// A YAML scalar for a value that must stay a string: written plain when a
/// YAML reader takes it for one, else double-quoted (`"9"`, `"true"`).
pub fn yaml_string(value: &str) -> String {
    if matches!(crate::yaml::resolve(value), crate::yaml::ScalarKind::Str) {
        value.to_string()
    } else {
        format!("\"{value}\"")
    }
}

/// Text checks shared by patterns' parameters.
pub mod checks {
    /// An HTTP path: `/health`, `/api/healthz`.
    pub fn http_path(value: &str) -> Result<(), String> {
        let ok = value.starts_with('/')
            && value.len() <= 200
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-_.~".contains(c));
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{value}` is not a plain path: start with / and use letters, digits, - _ . ~"
            ))
        }
    }

    /// A user id for the image: empty (the runtime's usual one) or a number
    /// from 1000 to 65533 (below are system accounts, 65534 is nobody).
    pub fn user_id(value: &str) -> Result<(), String> {
        if value.is_empty()
            || value
                .parse::<u32>()
                .is_ok_and(|n| (1000..=65533).contains(&n))
        {
            Ok(())
        } else {
            Err(format!(
                "`{value}` is not a user id for a non-root user: use a number from 1000 to 65533, or leave it empty"
            ))
        }
    }

    /// A Linux user name as `useradd` takes it.
    pub fn user_name(value: &str) -> Result<(), String> {
        let mut chars = value.chars();
        let ok = value.len() <= 32
            && chars
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            && value != "root";
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{value}` is not a user name for a non-root user: lowercase letters, digits, - and _, starting with a letter"
            ))
        }
    }

    /// An image repository name: `acme/shop`, `shop-web`.
    pub fn image_name(value: &str) -> Result<(), String> {
        let ok = !value.is_empty()
            && value.len() <= 128
            && value.split('/').all(|part| {
                !part.is_empty()
                    && part.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            });
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{value}` is not an image name: lowercase letters, digits, . _ - and / between parts"
            ))
        }
    }

    /// A compose project or service name.
    pub fn project_name(value: &str) -> Result<(), String> {
        let ok = !value.is_empty()
            && value.len() <= 63
            && value.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{value}` is not a project name: lowercase letters, digits, - and _, starting with a letter or digit"
            ))
        }
    }
}
