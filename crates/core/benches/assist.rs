//! Editor help speed: completion and hover on the example files, beside a
//! lint of the same text in the same run (the ratio holds on noisy
//! machines; the goal is an answer within 5 ms, well under a keystroke's
//! frame).
//!
//! `cargo bench -p dockwright-core --bench assist`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dockwright_core::assist::{compose, dockerfile};
use dockwright_core::{lint, FileKind};

/// A realistic 50-line Dockerfile: two stages, cache mounts, a heredoc.
const TYPICAL: &str = include_str!("typical.Dockerfile");

const COMPOSE: &str = "name: shop
services:
  web:
    build:
      context: .
      target: runner
    ports:
      - \"127.0.0.1:3000:3000\"
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.4
    healthcheck:
      test: [\"CMD-SHELL\", \"pg_isready -U shop\"]
      interval: 5s
volumes:
  db-data: {}
";

fn bench(c: &mut Criterion) {
    let typed = format!("{TYPICAL}COPY --from=");
    let end = typed.len();
    let mut group = c.benchmark_group("assist/dockerfile");
    group.bench_function("lint (baseline)", |b| {
        b.iter(|| lint(FileKind::Dockerfile, black_box(&typed)))
    });
    group.bench_function("complete a stage after --from=", |b| {
        b.iter(|| dockerfile::complete(black_box(&typed), end))
    });
    let at = TYPICAL.find("WORKDIR").unwrap_or(0) + 2;
    group.bench_function("hover an instruction", |b| {
        b.iter(|| dockerfile::hover(black_box(TYPICAL), at))
    });
    group.finish();

    let files = [compose::File {
        path: "Dockerfile",
        text: TYPICAL,
    }];
    let target = COMPOSE.find("target: ").unwrap() + "target: ".len();
    let key = COMPOSE.find("    ports").unwrap() + 6;
    let mut group = c.benchmark_group("assist/compose");
    group.bench_function("lint (baseline)", |b| {
        b.iter(|| lint(FileKind::Compose, black_box(COMPOSE)))
    });
    group.bench_function("complete a key", |b| {
        b.iter(|| compose::complete("compose.yaml", black_box(COMPOSE), key, &files))
    });
    group.bench_function("complete build.target from the Dockerfile", |b| {
        b.iter(|| compose::complete("compose.yaml", black_box(COMPOSE), target, &files))
    });
    group.bench_function("hover a key", |b| {
        b.iter(|| compose::hover(black_box(COMPOSE), key, None))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
