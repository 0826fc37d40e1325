//! How long each Dockerfile rule takes on a 5,000-line file (for finding
//! the slow one; the benchmarks give the figures that count).
use dockwright_core::rules::registry::DOCKERFILE_RULES;
use dockwright_core::rules::{DockerfileContext, Settings};

fn main() {
    let typical = include_str!("../benches/typical.Dockerfile");
    let mut text = String::new();
    let mut i = 0;
    while text.lines().count() < 5000 {
        text.push_str(
            &typical
                .replace("AS build", &format!("AS build{i}"))
                .replace("AS runtime", &format!("AS runtime{i}")),
        );
        i += 1;
    }
    let parsed = dockwright_core::dockerfile::parse(&text);
    let settings = Settings::default();
    let start = std::time::Instant::now();
    let ctx = DockerfileContext::new(&text, &parsed, &settings);
    println!("context {:?}", start.elapsed());
    let mut times = Vec::new();
    for rule in DOCKERFILE_RULES {
        let start = std::time::Instant::now();
        let mut out = Vec::new();
        for _ in 0..5 {
            out.clear();
            (rule.check)(&ctx, &mut out);
        }
        times.push((start.elapsed() / 5, rule.meta.code));
    }
    times.sort();
    times.reverse();
    for (time, code) in times.iter().take(10) {
        println!("{code:32} {time:?}");
    }
}
