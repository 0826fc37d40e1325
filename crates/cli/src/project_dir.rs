//! Reading a project directory for `dockwright lint DIR` and `-f FILE`: the
//! texts of the files the engine reads (Dockerfiles, compose files,
//! .dockerignore files) and the list of paths, for the checks that need to
//! know what exists.

use std::path::Path;

use dockwright_core::FileKind;

/// Directories listed as one entry and not descended into: they are large
/// and hold nothing the engine reads.
const OPAQUE: [&str; 6] = [
    ".git",
    "node_modules",
    ".venv",
    "target",
    "vendor",
    "__pycache__",
];
/// Paths listed at most, and depth walked at most.
const MAX_PATHS: usize = 50_000;
const MAX_DEPTH: usize = 8;

pub struct ProjectDir {
    /// `/`-separated paths relative to the root: files, and opaque
    /// directories as themselves.
    pub listing: Vec<String>,
    /// (relative path, text) of the files the engine reads.
    pub files: Vec<(String, String)>,
}

/// The largest YAML file read that has no compose file name.
const MAX_YAML_BYTES: u64 = 1 << 20;

pub fn read(root: &Path, read_text: impl Fn(&Path) -> Option<String>) -> ProjectDir {
    let mut listing = Vec::new();
    let mut files = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            if listing.len() >= MAX_PATHS {
                break;
            }
            let path = entry.path();
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if OPAQUE.contains(&name.as_str()) || depth + 1 >= MAX_DEPTH {
                    listing.push(relative);
                } else {
                    stack.push((path, depth + 1));
                }
                continue;
            }
            listing.push(relative.clone());
            // Other YAML files may be what a compose file includes or
            // extends: read too (not linted unless a compose file names
            // them), when they are of a compose file's size.
            let lower = name.to_ascii_lowercase();
            let yaml = (lower.ends_with(".yaml") || lower.ends_with(".yml"))
                && entry.metadata().is_ok_and(|m| m.len() <= MAX_YAML_BYTES);
            if FileKind::from_name(&name).is_some() || yaml {
                if let Some(text) = read_text(&path) {
                    files.push((relative, text));
                }
            }
        }
    }
    listing.sort();
    files.sort();
    ProjectDir { listing, files }
}
