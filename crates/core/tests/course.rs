//! The built-in course: every exercise starts with its goal unmet, the
//! catalogue pattern it links to meets it, and its start files are the
//! source's patterns (read from ../shared/seed when present).

use dockwright_core::course::{check, findings_of, solution_files, COURSE};

fn pairs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect()
}

#[test]
fn every_goal_starts_unmet_and_the_linked_solution_meets_it() {
    for exercise in COURSE {
        let start = check(&exercise.goal, exercise.files);
        assert!(
            !start.is_empty(),
            "{}: a goal with no parts",
            exercise.title
        );
        assert!(
            start.iter().any(|c| !c.met),
            "{}: the start already meets the goal: {start:?}",
            exercise.title
        );
        // Each finding to remove is one the start has (a practice may be
        // one the start follows already: the goal keeps it followed).
        let start_findings = findings_of(exercise.files);
        for code in exercise.goal.gone {
            assert!(
                start_findings.iter().any(|f| f.is_named(code)),
                "{}: the start has no {code} finding to remove",
                exercise.title
            );
        }
        let solution = solution_files(exercise);
        let solved = check(&exercise.goal, &pairs(&solution));
        assert!(
            solved.iter().all(|c| c.met),
            "{}: the solution ({}) misses {:?}",
            exercise.title,
            exercise.solution.pattern,
            solved.iter().filter(|c| !c.met).collect::<Vec<_>>()
        );
        assert!(
            dockwright_core::patterns::find(exercise.solution.pattern).is_some(),
            "{}: links to a pattern of the catalogue",
            exercise.title
        );
    }
}

/// The file of each exercise that comes from the source, in the source's order.
const FROM_SOURCE: [&str; 10] = [
    "Dockerfile",
    "Dockerfile",
    "compose.yaml",
    "compose.yaml",
    ".devcontainer/Dockerfile",
    "compose.override.yaml",
    ".dockerignore",
    "Dockerfile",
    ".github/workflows/docker.yml",
    "Dockerfile",
];

#[test]
fn each_exercise_starts_from_the_sources_pattern() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/docker-patterns.md");
    let Ok(source) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the source catalogue is not at {}", path.display());
        return;
    };
    // The source's code blocks, in order.
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in source.lines() {
        if line.starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => current = Some(Vec::new()),
            }
        } else if let Some(block) = current.as_mut() {
            block.push(line);
        }
    }
    assert_eq!(blocks.len(), COURSE.len(), "one exercise per pattern");
    // Blanks are where the source's formatting went wrong: compare without them.
    let squeeze = |line: &str| line.split_whitespace().collect::<String>();
    for ((exercise, block), file) in COURSE.iter().zip(&blocks).zip(FROM_SOURCE) {
        let (_, text) = exercise
            .files
            .iter()
            .find(|(p, _)| *p == file)
            .unwrap_or_else(|| panic!("{}: no {file}", exercise.title));
        let ours: Vec<String> = text.lines().map(squeeze).collect();
        let theirs: Vec<String> = block.iter().map(|l| squeeze(l)).collect();
        assert_eq!(
            ours, theirs,
            "{}: {file} is not the source's",
            exercise.title
        );
    }
    // The first exercise keeps the spaces the source lost; the others have them back.
    assert!(COURSE[0].files[0].1.contains("COPY package*.json./"));
    assert!(COURSE[9].files[0].1.contains("COPY package*.json ./"));
}

#[test]
fn every_pattern_says_where_it_differs_from_the_tutorial() {
    for pattern in dockwright_core::patterns::CATALOGUE {
        assert!(
            !pattern.differs.is_empty(),
            "{}: says where it differs from the tutorial",
            pattern.id
        );
    }
}
