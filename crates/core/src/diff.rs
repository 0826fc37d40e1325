//! Line diffs, for previews of a change before it is made (`dockwright fix
//! --dry-run`, the page's "apply" preview).

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineChange {
    Same,
    Removed,
    Added,
}

/// One line of a diff, without its line break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffLine<'a> {
    pub change: LineChange,
    pub text: &'a str,
}

/// The middle part (after the common start and end are set aside) is
/// compared line by line only up to this many line pairs; beyond it, the
/// middle is shown as removed then added, which is right if not minimal.
const MAX_TABLE: usize = 4_000_000;

/// The lines of `old` and `new` marked same, removed or added: a longest
/// common subsequence of lines.
pub fn lines<'a>(old: &'a str, new: &'a str) -> Vec<DiffLine<'a>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let same = |text| DiffLine {
        change: LineChange::Same,
        text,
    };
    let mut out: Vec<DiffLine> = a[..prefix].iter().map(|t| same(*t)).collect();
    if mid_a.len().saturating_mul(mid_b.len()) <= MAX_TABLE {
        out.extend(common_subsequence(mid_a, mid_b));
    } else {
        out.extend(mid_a.iter().map(|t| DiffLine {
            change: LineChange::Removed,
            text: t,
        }));
        out.extend(mid_b.iter().map(|t| DiffLine {
            change: LineChange::Added,
            text: t,
        }));
    }
    out.extend(a[a.len() - suffix..].iter().map(|t| same(*t)));
    out
}

fn common_subsequence<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<DiffLine<'a>> {
    let width = b.len() + 1;
    // table[i][j]: length of the longest common subsequence of a[i..], b[j..].
    let mut table = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len() + b.len());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine {
                change: LineChange::Same,
                text: a[i],
            });
            i += 1;
            j += 1;
        } else if j < b.len()
            && (i == a.len() || table[i * width + j + 1] >= table[(i + 1) * width + j])
        {
            out.push(DiffLine {
                change: LineChange::Added,
                text: b[j],
            });
            j += 1;
        } else {
            out.push(DiffLine {
                change: LineChange::Removed,
                text: a[i],
            });
            i += 1;
        }
    }
    // Removals read better before the additions that replace them.
    let mut k = 0;
    while k < out.len() {
        let start = k;
        while k < out.len() && out[k].change != LineChange::Same {
            k += 1;
        }
        crate::sort::sort_by_key(&mut out[start..k], |l| l.change == LineChange::Added);
        k += 1;
    }
    out
}

/// A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines
/// around each change); empty when the texts have the same lines.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str, context: usize) -> String {
    let diff = lines(old, new);
    let changed: Vec<usize> = (0..diff.len())
        .filter(|&i| diff[i].change != LineChange::Same)
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    // Hunks: runs of changes closer than twice the context are merged.
    let mut k = 0;
    while k < changed.len() {
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] <= last + 2 * context + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let start = first.saturating_sub(context);
        let end = (last + context + 1).min(diff.len());
        let old_before = diff[..start]
            .iter()
            .filter(|l| l.change != LineChange::Added)
            .count();
        let new_before = diff[..start]
            .iter()
            .filter(|l| l.change != LineChange::Removed)
            .count();
        let old_len = diff[start..end]
            .iter()
            .filter(|l| l.change != LineChange::Added)
            .count();
        let new_len = diff[start..end]
            .iter()
            .filter(|l| l.change != LineChange::Removed)
            .count();
        // A hunk with no line on one side starts at the line before it.
        let old_start = if old_len == 0 {
            old_before
        } else {
            old_before + 1
        };
        let new_start = if new_len == 0 {
            new_before
        } else {
            new_before + 1
        };
        out.push_str(&format!(
            "@@ -{old_start},{old_len} +{new_start},{new_len} @@\n"
        ));
        for line in &diff[start..end] {
            let sign = match line.change {
                LineChange::Same => ' ',
                LineChange::Removed => '-',
                LineChange::Added => '+',
            };
            out.push(sign);
            out.push_str(line.text);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_has_hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
        assert_eq!(
            unified(old, new, "x", "y", 1),
            "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10,1 +10,2 @@\n j\n+k\n"
        );
        assert_eq!(unified(old, old, "x", "y", 3), "");
    }

    #[test]
    fn removed_lines_come_before_their_replacement() {
        let changes: Vec<LineChange> = lines("x\nold\ny\n", "x\nnew\ny\n")
            .iter()
            .map(|l| l.change)
            .collect();
        assert_eq!(
            changes,
            [
                LineChange::Same,
                LineChange::Removed,
                LineChange::Added,
                LineChange::Same
            ]
        );
    }
}
