//! Loading the project's compose model as Docker Compose loads it, file by
//! file: read, interpolate, `include:` the files it names (their services,
//! networks, volumes, secrets and configs join the model), apply `extends:`
//! (from the same file or another), then merge onto the files before it.
//!
//! Every file read is appended to one virtual text, at its own offset, so
//! that each node of the model says which file wrote it and a finding lands
//! in that file. A file that cannot be found is one finding on the entry
//! that names it.

use crate::compose::{self, merge, SYNTAX_ERROR};
use crate::diagnostic::Diagnostic;
use crate::dockerignore;
use crate::span::Span;
use crate::yaml::{self, Entry, Node, ScalarKind, Value};

use super::{directory_of, join, Environment, FileReport, MergedCompose, Project};

/// The sections an included file brings into the model.
const IMPORTED: [&str; 6] = [
    "services", "volumes", "networks", "secrets", "configs", "models",
];

/// Includes and extends followed, at most, one inside another.
const MAX_DEPTH: usize = 16;

/// Reads, interpolates (with the environment, when there is one), applies
/// `include` and `extends`, and merges the chain; YAML errors and
/// interpolation findings go straight to their files.
pub(crate) fn merge_chain(
    project: &Project,
    chain: &[usize],
    reports: &mut [FileReport],
    environment: Option<&Environment>,
) -> Option<MergedCompose> {
    let root_dir = chain.first().map_or(String::new(), |&i| {
        directory_of(project.files[i].path).to_string()
    });
    let mut loader = Loader {
        project,
        reports,
        text: String::new(),
        bases: Vec::new(),
        root_dir,
        incomplete: false,
    };
    let lookup = |name: &str| environment.and_then(|e| e.get(name));
    let lookup: &dyn Fn(&str) -> Option<String> = &lookup;
    let lookup: Lookup = environment.is_some().then_some(lookup);
    let mut merged: Option<Node> = None;
    for &index in chain {
        let Some(mut root) = loader.read(index, lookup) else {
            continue;
        };
        let mut stack = vec![index];
        loader.includes(&mut root, index, lookup, &mut stack);
        loader.extends(&mut root, index, lookup, 0);
        merged = Some(match merged {
            None => root,
            Some(earlier) => merge::merge(earlier, root),
        });
    }
    let read = loader.bases.iter().map(|(_, i)| *i).collect();
    Some(MergedCompose {
        text: loader.text,
        root: merged?,
        bases: loader.bases,
        read,
        incomplete: loader.incomplete,
    })
}

type Lookup<'l> = Option<&'l dyn Fn(&str) -> Option<String>>;

struct Loader<'p, 'a> {
    project: &'p Project<'a>,
    reports: &'p mut [FileReport],
    text: String,
    bases: Vec<(usize, usize)>,
    /// The project directory: the first compose file's.
    root_dir: String,
    /// A file of the model could not be found.
    incomplete: bool,
}

impl Loader<'_, '_> {
    fn find(&self, path: &str) -> Option<usize> {
        let wanted = dockerignore::clean(path);
        self.project
            .files
            .iter()
            .position(|f| dockerignore::clean(f.path) == wanted)
    }

    /// A finding on a node of the model (its span in the virtual text).
    fn error(&mut self, span: Span, message: String) {
        let Some(&(base, index)) = self.bases.iter().rev().find(|(b, _)| *b <= span.start) else {
            return;
        };
        let local = Span::new(span.start - base, span.end.saturating_sub(base));
        let finding = Diagnostic::error(compose::semantics::CONFIG_ERROR, local, message);
        let findings = &mut self.reports[index].findings;
        if !findings
            .iter()
            .any(|f| f.span == finding.span && f.message == finding.message)
        {
            findings.push(finding);
        }
    }

    /// One file: read, interpolated, appended to the virtual text; its
    /// root (a mapping) with spans in that text.
    fn read(&mut self, index: usize, lookup: Lookup) -> Option<Node> {
        let source = self.project.files[index].text;
        let document = yaml::parse(source);
        for error in document.errors {
            self.reports[index].findings.push(Diagnostic::error(
                SYNTAX_ERROR,
                error.span,
                error.message,
            ));
        }
        let mut root = document.root?;
        if !root.is_map() {
            if !root.is_null() {
                self.reports[index].findings.push(Diagnostic::error(
                    compose::INVALID_SCHEMA,
                    root.span,
                    "a compose file is a mapping with `services:` at the top level",
                ));
            }
            return None;
        }
        if let Some(lookup) = lookup {
            // Compose interpolates each file before it merges them; the
            // templates it cannot read are checked here, where they are
            // still written.
            let syntax = compose::semantics::interpolation_syntax(source, &root);
            let found = compose::interpolate::interpolate(source, &mut root, lookup);
            self.reports[index]
                .findings
                .extend(syntax.into_iter().chain(found));
        }
        let base = self.text.len();
        self.bases.push((base, index));
        self.text.push_str(source);
        self.text.push('\n');
        shift(&mut root, base);
        Some(root)
    }

    /// `include:` of the file at `index`: each file it names is loaded
    /// (with its own includes and extends) and its resources join `root`.
    fn includes(&mut self, root: &mut Node, index: usize, lookup: Lookup, stack: &mut Vec<usize>) {
        let Some(entries) = root.get("include").map(|n| n.items().to_vec()) else {
            return;
        };
        let dir = directory_of(self.project.files[index].path).to_string();
        for entry in entries {
            let paths: Vec<Node> = match &entry.value {
                Value::Scalar(_) => vec![entry.clone()],
                Value::Map(_) => match entry.get("path") {
                    Some(p) if p.is_seq() => p.items().to_vec(),
                    Some(p) => vec![p.clone()],
                    None => Vec::new(),
                },
                Value::Seq(_) => Vec::new(),
            };
            let project_directory = entry
                .get("project_directory")
                .and_then(Node::as_str)
                .map(|d| join(&dir, d));
            // The included project's variables: the including project's
            // first, then its env files (by default its directory's .env).
            let first = paths.first().and_then(Node::as_str).map(|p| join(&dir, p));
            let env_dir = project_directory
                .clone()
                .or_else(|| first.as_deref().map(|p| directory_of(p).to_string()))
                .unwrap_or_default();
            let env_files: Vec<String> = match entry.get("env_file") {
                Some(f) if f.is_seq() => f
                    .items()
                    .iter()
                    .filter_map(Node::as_str)
                    .map(|p| join(&dir, p))
                    .collect(),
                Some(f) => f.as_str().map(|p| join(&dir, p)).into_iter().collect(),
                None => vec![join(&env_dir, ".env")],
            };
            let dotenvs: Vec<compose::dotenv::DotEnv> = match lookup {
                Some(parent) => env_files
                    .iter()
                    .filter_map(|p| self.find(p))
                    .map(|i| compose::dotenv::parse(self.project.files[i].text, parent))
                    .collect(),
                None => Vec::new(),
            };
            let included_lookup = |name: &str| {
                lookup.and_then(|parent| parent(name)).or_else(|| {
                    dotenvs
                        .iter()
                        .rev()
                        .find_map(|d| d.get(name))
                        .map(str::to_string)
                })
            };
            let included_lookup: &dyn Fn(&str) -> Option<String> = &included_lookup;
            let included_lookup: Lookup = lookup.is_some().then_some(included_lookup);
            let mut imported: Option<Node> = None;
            for (position, path_node) in paths.iter().enumerate() {
                let Some(path) = path_node.as_str().filter(|p| !is_remote(p)) else {
                    continue;
                };
                let resolved = join(&dir, path);
                let Some(included) = self.find(&resolved) else {
                    self.incomplete = true;
                    self.error(path_node.span, format!("included file {path:?} is not in the project (looked for {resolved}): add it, or fix the path"));
                    continue;
                };
                if stack.contains(&included) || stack.len() > MAX_DEPTH {
                    let chain: Vec<&str> =
                        stack.iter().map(|&i| self.project.files[i].path).collect();
                    self.error(
                        path_node.span,
                        format!(
                            "include cycle detected: {} includes {resolved}",
                            chain.join(" includes ")
                        ),
                    );
                    continue;
                }
                let Some(mut other) = self.read(included, included_lookup) else {
                    continue;
                };
                stack.push(included);
                self.includes(&mut other, included, included_lookup, stack);
                stack.pop();
                self.extends(&mut other, included, included_lookup, 0);
                // The first file is the included project's; the others
                // override it. Its relative paths are its directory's.
                let own_dir = project_directory
                    .clone()
                    .unwrap_or_else(|| directory_of(&resolved).to_string());
                if position == 0 {
                    relocate(&mut other, &self.root_dir, &own_dir);
                }
                imported = Some(match imported {
                    None => other,
                    Some(earlier) => merge::merge(earlier, other),
                });
            }
            if let Some(imported) = imported {
                self.import(root, imported);
            }
        }
    }

    /// The resources of an included model join `root`; one defined in both
    /// is Compose's error, on the including file's definition.
    fn import(&mut self, root: &mut Node, imported: Node) {
        let Value::Map(sections) = imported.value else {
            return;
        };
        for section in sections {
            let Some(name) = section.key.as_str().filter(|k| IMPORTED.contains(k)) else {
                continue;
            };
            let name = name.to_string();
            let Value::Map(resources) = section.value.value else {
                continue;
            };
            let Value::Map(root_entries) = &mut root.value else {
                return;
            };
            let target = match root_entries
                .iter()
                .position(|e| e.key.as_str() == Some(&name))
            {
                Some(i) => i,
                None => {
                    root_entries.push(Entry {
                        key: section.key.clone(),
                        value: Node {
                            span: section.key.span,
                            value: Value::Map(Vec::new()),
                        },
                        merged: true,
                    });
                    root_entries.len() - 1
                }
            };
            let mut conflicts = Vec::new();
            {
                let target = &mut root_entries[target].value;
                if target.is_null() {
                    target.value = Value::Map(Vec::new());
                }
                let Value::Map(existing) = &mut target.value else {
                    continue;
                };
                for resource in resources {
                    let key = resource.key.as_str().map(str::to_string);
                    match existing
                        .iter()
                        .find(|e| e.key.as_str().map(str::to_string) == key)
                    {
                        Some(local) => conflicts.push((local.key.span, key.unwrap_or_default())),
                        None => existing.push(Entry {
                            merged: true,
                            ..resource
                        }),
                    }
                }
            }
            for (span, key) in conflicts {
                self.error(span, format!("{name}.{key} conflicts with imported resource: an included file defines it too; rename one"));
            }
        }
    }

    /// `extends:` of every service of `root` (read from file `index`).
    fn extends(&mut self, root: &mut Node, index: usize, lookup: Lookup, depth: usize) {
        let Some(services) = root.get("services").filter(|s| s.is_map()) else {
            return;
        };
        let names: Vec<String> = services
            .entries()
            .iter()
            .filter(|e| e.value.get("extends").is_some())
            .filter_map(|e| e.key.as_str().map(str::to_string))
            .collect();
        for name in names {
            let mut seen = vec![(index, name.clone())];
            if let Some(extended) = self.extended(root, index, &name, lookup, &mut seen, depth) {
                set_service(root, &name, extended);
            }
        }
    }

    /// The service `name` of `root` with what it extends merged under it;
    /// `None` when it extends nothing that can be found.
    fn extended(
        &mut self,
        root: &Node,
        index: usize,
        name: &str,
        lookup: Lookup,
        seen: &mut Vec<(usize, String)>,
        depth: usize,
    ) -> Option<Node> {
        let service = root.get("services")?.get(name)?.clone();
        let Some(extends) = service.get("extends") else {
            return Some(service);
        };
        let (reference, file) = match &extends.value {
            Value::Scalar(_) => (extends, None),
            _ => (extends.get("service")?, extends.get("file")),
        };
        let reference_name = reference.as_str()?.to_string();
        if depth > MAX_DEPTH {
            return None;
        }
        let mut base = match file.and_then(|f| f.as_str().map(|p| (f, p))) {
            Some((file_node, path)) if !is_remote(path) => {
                let dir = directory_of(self.project.files[index].path).to_string();
                let resolved = join(&dir, path);
                let Some(other_index) = self.find(&resolved) else {
                    self.incomplete = true;
                    self.error(file_node.span, format!("service {name:?} extends a file that is not in the project: {path:?} (looked for {resolved}): add it, or fix the path"));
                    return None;
                };
                let other = self.read(other_index, lookup)?;
                if other
                    .get("services")
                    .and_then(|s| s.get(&reference_name))
                    .is_none()
                {
                    self.error(reference.span, format!("cannot extend service {name:?}: service {reference_name:?} not found in {path}"));
                    return None;
                }
                if seen.contains(&(other_index, reference_name.clone())) {
                    self.error(
                        reference.span,
                        format!("service {name:?} extends a chain that leads back to itself"),
                    );
                    return None;
                }
                seen.push((other_index, reference_name.clone()));
                let mut base = self.extended(
                    &other,
                    other_index,
                    &reference_name,
                    lookup,
                    seen,
                    depth + 1,
                )?;
                // Its relative paths are its file's: seen from the file
                // that extends it.
                relocate_service(&mut base, &dir, &dir_of_file(&resolved));
                base
            }
            Some(_) => return None,
            None => {
                // A missing service in the same file is the semantic
                // checks' finding.
                root.get("services")?.get(&reference_name)?;
                if seen.contains(&(index, reference_name.clone())) {
                    self.error(
                        reference.span,
                        format!("service {name:?} extends a chain that leads back to itself"),
                    );
                    return None;
                }
                seen.push((index, reference_name.clone()));
                self.extended(root, index, &reference_name, lookup, seen, depth + 1)?
            }
        };
        mark_merged(&mut base);
        Some(merge::extend_service(base, service))
    }
}

fn dir_of_file(path: &str) -> String {
    directory_of(path).to_string()
}

fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@")
}

/// Entries brought from another definition are not written in the
/// mapping they end up in (as with a `<<` merge key): layout rules leave
/// them alone.
fn mark_merged(service: &mut Node) {
    if let Value::Map(entries) = &mut service.value {
        for entry in entries {
            entry.merged = true;
        }
    }
}

fn set_service(root: &mut Node, name: &str, service: Node) {
    let Value::Map(entries) = &mut root.value else {
        return;
    };
    let Some(services) = entries
        .iter_mut()
        .find(|e| e.key.as_str() == Some("services"))
    else {
        return;
    };
    let Value::Map(services) = &mut services.value.value else {
        return;
    };
    if let Some(entry) = services.iter_mut().find(|e| e.key.as_str() == Some(name)) {
        entry.value = service;
    }
}

/// The relative paths of an included model's services, written from its
/// directory `from`, made relative to the project directory.
fn relocate(root: &mut Node, project_dir: &str, from: &str) {
    if dockerignore::clean(project_dir) == dockerignore::clean(from) {
        return;
    }
    let Value::Map(entries) = &mut root.value else {
        return;
    };
    for entry in entries
        .iter_mut()
        .filter(|e| e.key.as_str() == Some("services"))
    {
        if let Value::Map(services) = &mut entry.value.value {
            for service in services {
                relocate_service(&mut service.value, project_dir, from);
            }
        }
    }
}

/// A service's build context, written from directory `from`, made relative
/// to the project directory (what the checks of the build read).
fn relocate_service(service: &mut Node, project_dir: &str, from: &str) {
    if dockerignore::clean(project_dir) == dockerignore::clean(from) {
        return;
    }
    let prefix = relative_path(project_dir, from);
    let Value::Map(entries) = &mut service.value else {
        return;
    };
    // A relative path seen from the project directory, still written as a
    // path (`./…`) so that a short volume spec stays a bind mount.
    let moved = |path: &str| {
        let joined = join(&prefix, path);
        if joined.starts_with("../") || joined.starts_with('/') {
            joined
        } else {
            format!("./{joined}")
        }
    };
    for entry in entries.iter_mut() {
        match entry.key.as_str() {
            Some("volumes") => {
                if let Value::Seq(items) = &mut entry.value.value {
                    for item in items.iter_mut() {
                        relocate_volume(item, &moved);
                    }
                }
            }
            Some("env_file") => match &mut entry.value.value {
                Value::Scalar(s) if s.kind == ScalarKind::Str => s.text = moved(&s.text),
                Value::Seq(items) => {
                    for item in items.iter_mut() {
                        let target = match &mut item.value {
                            Value::Scalar(s) => Some(s),
                            Value::Map(fields) => fields
                                .iter_mut()
                                .find(|f| f.key.as_str() == Some("path"))
                                .and_then(|f| match &mut f.value.value {
                                    Value::Scalar(s) => Some(s),
                                    _ => None,
                                }),
                            Value::Seq(_) => None,
                        };
                        if let Some(s) = target.filter(|s| s.kind == ScalarKind::Str) {
                            s.text = moved(&s.text);
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    let Some(build) = entries.iter_mut().find(|e| e.key.as_str() == Some("build")) else {
        return;
    };
    let context = match &mut build.value.value {
        Value::Scalar(scalar) => Some(scalar),
        Value::Map(fields) => fields
            .iter_mut()
            .find(|e| e.key.as_str() == Some("context"))
            .and_then(|e| match &mut e.value.value {
                Value::Scalar(s) => Some(s),
                _ => None,
            }),
        Value::Seq(_) => None,
    };
    match context {
        Some(scalar) if scalar.kind == ScalarKind::Str && !is_remote(&scalar.text) => {
            scalar.text = join(&prefix, &scalar.text);
        }
        Some(_) => {}
        None => {
            // No context: the directory of the file is the context.
            if let Value::Map(fields) = &mut build.value.value {
                let span = build.key.span;
                fields.push(Entry {
                    key: merge::scalar("context", span),
                    value: merge::scalar(&prefix, span),
                    merged: true,
                });
            }
        }
    }
}

/// A service volume's host path (short syntax `./src:/app`, or a bind's
/// `source`), moved as `moved` says.
fn relocate_volume(item: &mut Node, moved: &dyn Fn(&str) -> String) {
    match &mut item.value {
        Value::Scalar(s) if s.kind == ScalarKind::Str => {
            let relative = s.text.starts_with("./") || s.text.starts_with("../") || s.text == ".";
            if let (true, Some((source, rest))) = (relative, s.text.split_once(':')) {
                s.text = format!("{}:{rest}", moved(source));
            }
        }
        Value::Map(fields) => {
            let bind = fields
                .iter()
                .any(|f| f.key.as_str() == Some("type") && f.value.as_str() == Some("bind"));
            if !bind {
                return;
            }
            if let Some(source) = fields.iter_mut().find(|f| f.key.as_str() == Some("source")) {
                if let Value::Scalar(s) = &mut source.value.value {
                    if s.kind == ScalarKind::Str
                        && !s.text.starts_with('/')
                        && !s.text.starts_with('~')
                    {
                        s.text = moved(&s.text);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The path of directory `to` seen from directory `from` (both
/// project-relative).
fn relative_path(from: &str, to: &str) -> String {
    let from = dockerignore::clean(from);
    let to = dockerignore::clean(to);
    let parts = |p: &str| -> Vec<String> {
        p.split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .map(str::to_string)
            .collect()
    };
    let (from, to) = (parts(&from), parts(&to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = vec!["..".to_string(); from.len() - common];
    out.extend(to[common..].iter().cloned());
    if out.is_empty() {
        ".".to_string()
    } else {
        out.join("/")
    }
}

fn shift(node: &mut Node, by: usize) {
    node.span = Span::new(node.span.start + by, node.span.end + by);
    match &mut node.value {
        Value::Scalar(_) => {}
        Value::Seq(items) => items.iter_mut().for_each(|i| shift(i, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|e| {
            shift(&mut e.key, by);
            shift(&mut e.value, by);
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::relative_path;

    #[test]
    fn relative_paths_between_directories() {
        assert_eq!(relative_path("", "sub"), "sub");
        assert_eq!(relative_path("app", "lib/db"), "../lib/db");
        assert_eq!(relative_path("app", "app"), ".");
    }
}
