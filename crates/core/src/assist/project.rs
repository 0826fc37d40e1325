//! Rename across the project's files: a stage renamed in its Dockerfile is
//! renamed in the `build.target` of every service that builds it; a
//! service (network, volume, secret, config) renamed in a compose file is
//! renamed in the other compose files of its folder (`compose.yaml` and its
//! overrides merge by name).

use super::{compose, dockerfile, Edit};
use crate::FileKind;

/// A file of the project, by its path from the project's root.
pub struct ProjectFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// The edits of a rename, by file (the renamed file first), or why it
/// cannot be done.
pub fn rename(
    files: &[ProjectFile],
    path: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(String, Vec<Edit>)>, String> {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .ok_or("The file is not in the project.")?;
    let kind = |p: &str| FileKind::from_name(p.rsplit('/').next().unwrap_or(p));
    let mut out = Vec::new();
    match kind(path) {
        Some(FileKind::Dockerfile) => {
            let stage = dockerfile::stage_at(file.text, offset);
            out.push((
                path.to_string(),
                dockerfile::rename(file.text, offset, new_name)?,
            ));
            if let Some(stage) = stage {
                for other in files
                    .iter()
                    .filter(|f| kind(f.path) == Some(FileKind::Compose))
                {
                    let edits: Vec<Edit> =
                        compose::targets_of(other.path, other.text, path, &stage)
                            .into_iter()
                            .map(|span| Edit {
                                span,
                                text: new_name.to_string(),
                            })
                            .collect();
                    if !edits.is_empty() {
                        out.push((other.path.to_string(), edits));
                    }
                }
            }
        }
        Some(FileKind::Compose) => {
            let named = compose::name_at(file.text, offset);
            out.push((
                path.to_string(),
                compose::rename(file.text, offset, new_name)?,
            ));
            if let Some((section, name)) = named {
                let folder = |p: &str| p.rsplit_once('/').map_or("", |(f, _)| f).to_string();
                for other in files.iter().filter(|f| {
                    f.path != path
                        && kind(f.path) == Some(FileKind::Compose)
                        && folder(f.path) == folder(path)
                }) {
                    let edits = compose::rename_named(other.text, section, &name, new_name);
                    if !edits.is_empty() {
                        out.push((other.path.to_string(), edits));
                    }
                }
            }
        }
        _ => return Err("Nothing to rename in this file.".into()),
    }
    Ok(out)
}
