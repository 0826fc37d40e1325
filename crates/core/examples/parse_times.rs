//! How long each layer of the Dockerfile reader takes on a 5,000-line file
//! (for finding the slow one; the benchmarks give the figures that count).
use dockwright_core::dockerfile::{self, instructions, parser, scope};

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
    let runs = 20;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(parser::parse(&text));
    }
    println!("lines     {:?}", start.elapsed() / runs);
    let syntax = parser::parse(&text);
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let mut errors = Vec::new();
        std::hint::black_box(instructions::build(&syntax.nodes, &mut errors));
    }
    println!("commands  {:?}", start.elapsed() / runs);
    let parsed = dockerfile::parse(&text);
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(scope::expand(&parsed));
    }
    println!("expansion {:?}", start.elapsed() / runs);
}
