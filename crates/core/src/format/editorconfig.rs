//! What an `.editorconfig` says about indentation for a file name: the
//! sections whose glob matches the name, the last setting winning, as
//! EditorConfig reads them. Finding the files (the nearest first, up to
//! one that says `root = true`) is the host's part.

/// One `.editorconfig`'s settings for a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Indentation {
    /// `root = true`: files further up are not read.
    pub root: bool,
    /// `indent_style`: `space` or `tab`, lower-cased.
    pub style: Option<String>,
    /// `indent_size`.
    pub size: Option<usize>,
}

impl Indentation {
    /// Reads one `.editorconfig`'s text for the file `name`.
    pub fn read(text: &str, name: &str) -> Indentation {
        let mut found = Indentation::default();
        let mut applies = false;
        let mut in_preamble = true;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                in_preamble = false;
                applies = glob_matches(section, name);
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let (key, value) = (
                key.trim().to_ascii_lowercase(),
                value.trim().to_ascii_lowercase(),
            );
            if in_preamble && key == "root" {
                found.root = value == "true";
            } else if applies && key == "indent_style" {
                found.style = Some(value);
            } else if applies && key == "indent_size" {
                found.size = value.parse().ok();
            }
        }
        found
    }

    /// The settings of several files, the nearest first: a nearer file's
    /// value wins, and a `root = true` file ends the list.
    pub fn nearest_first<'a>(texts: impl IntoIterator<Item = &'a str>, name: &str) -> Indentation {
        let mut merged = Indentation::default();
        for text in texts {
            let found = Indentation::read(text, name);
            merged.style = merged.style.or(found.style);
            merged.size = merged.size.or(found.size);
            if found.root {
                merged.root = true;
                break;
            }
        }
        merged
    }

    /// One indentation step, if the settings name one: a tab, or
    /// `indent_size` spaces (4 when only `indent_style = space` is set).
    pub fn step(&self) -> Option<String> {
        match (self.style.as_deref(), self.size) {
            (Some("tab"), _) => Some("\t".into()),
            (_, Some(size)) => Some(" ".repeat(size.clamp(1, 16))),
            (Some("space"), None) => Some("    ".into()),
            _ => None,
        }
    }
}

/// Brace choices expanded at most this many times: `{a,b}{c,d}…` grows
/// as a product.
const MAX_EXPANSIONS: usize = 256;

/// EditorConfig's globs on a file name: `*`, `?`, `{a,b}`; a pattern with
/// a `/` matches the path's end (the name is all that is compared).
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern = pattern.rsplit('/').next().unwrap_or(pattern);
    let mut budget = MAX_EXPANSIONS;
    expand_and_match(pattern, name, &mut budget)
}

fn expand_and_match(pattern: &str, name: &str, budget: &mut usize) -> bool {
    if let (Some(open), Some(close)) = (pattern.find('{'), pattern.find('}')) {
        if open < close {
            let (before, after) = (&pattern[..open], &pattern[close + 1..]);
            return pattern[open + 1..close].split(',').any(|choice| {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                expand_and_match(&format!("{before}{choice}{after}"), name, budget)
            });
        }
    }
    wildcard(pattern.as_bytes(), name.as_bytes())
}

/// `*` and `?` matching, case-insensitive, in time linear in the product of
/// the lengths (one backtrack point: the last `*`).
fn wildcard(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(b'?') => {
                p += 1;
                n += 1;
            }
            Some(c) if c.eq_ignore_ascii_case(&name[n]) => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    p = star_p + 1;
                    n = star_n + 1;
                    star = Some((star_p, star_n + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_globs() {
        let text = "root = true\n[*]\nindent_size = 2\n[{Dockerfile,*.Dockerfile}]\nindent_style = tab\n[*.md]\nindent_size = 8\n";
        let tab = Indentation {
            root: true,
            style: Some("tab".into()),
            size: Some(2),
        };
        assert_eq!(Indentation::read(text, "Dockerfile"), tab);
        assert_eq!(Indentation::read(text, "api.Dockerfile"), tab);
        assert_eq!(Indentation::read(text, "README.md").size, Some(8));
        assert_eq!(tab.step().as_deref(), Some("\t"));
        assert!(glob_matches("Dockerfile*", "Dockerfile.dev"));
        assert!(glob_matches("*.Docker?ile", "api.Dockerfile"));
        assert!(!glob_matches("*.yaml", "Dockerfile"));
        assert!(!glob_matches("a*b*c", "aXbY"));
    }

    #[test]
    fn the_nearest_file_wins_and_root_stops() {
        let near = "[*]\nindent_size = 2\n";
        let root = "root = true\n[*]\nindent_style = tab\nindent_size = 8\n";
        let beyond = "[*]\nindent_style = space\n";
        let found = Indentation::nearest_first([near, root, beyond], "Dockerfile");
        assert_eq!(found.size, Some(2));
        assert_eq!(found.style.as_deref(), Some("tab"));
        assert_eq!(Indentation::default().step(), None);
    }

    #[test]
    fn hostile_globs_stay_fast() {
        let stars = "*a".repeat(200);
        assert!(!glob_matches(&stars, &"a".repeat(150)));
        let braces = "{a,b}".repeat(40);
        assert!(!glob_matches(&braces, "c"));
    }
}
