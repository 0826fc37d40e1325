//! Parse and lint speed. Each group has a baseline measured on the same
//! input in the same run (a plain pass over the text's lines and words), so
//! figures can be read as ratios, which hold on noisy machines.
//!
//! `./dev bench` (or `cargo bench -p dockwright-core`).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dockwright_core::{dockerfile, lint, yaml, FileKind};

/// A realistic 50-line Dockerfile: two stages, cache mounts, a heredoc.
const TYPICAL: &str = include_str!("typical.Dockerfile");

/// The cheapest pass that still touches every byte: the baseline.
fn baseline(text: &str) -> usize {
    text.lines()
        .map(|line| line.split_whitespace().count())
        .sum()
}

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfiles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped the corpus benchmark: {} is absent", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect()
}

/// About 5,000 lines: the typical file's stages repeated under new names.
fn large() -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.lines().count() < 5_000 {
        text.push_str(
            &TYPICAL
                .replace("AS build", &format!("AS build{i}"))
                .replace("AS runtime", &format!("AS runtime{i}")),
        );
        i += 1;
    }
    text
}

/// A Dockerfile of about `bytes` bytes: the typical file's stages repeated
/// under new names.
fn dockerfile_of(bytes: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(
            &TYPICAL
                .replace("AS build", &format!("AS build{i}"))
                .replace("AS runtime", &format!("AS runtime{i}"))
                .replace("--from=build", &format!("--from=build{i}")),
        );
        i += 1;
    }
    text
}

/// A compose file of about `bytes` bytes: services that each depend on the
/// one before, publish a port of their own, mount a named volume, join a
/// network and carry a health check (what makes references, cycles and
/// port clashes cost something).
fn compose_of(bytes: usize) -> String {
    let mut services = String::from("services:\n");
    let mut volumes = String::from("volumes:\n");
    let mut i = 0;
    while services.len() + volumes.len() < bytes {
        let depends = if i == 0 {
            String::new()
        } else {
            format!(
                "    depends_on:\n      svc{}:\n        condition: service_healthy\n",
                i - 1
            )
        };
        services.push_str(&format!(
            "  svc{i}:\n    image: registry.example.com/app{i}:1.{i}\n{depends}    ports:\n      - \"127.0.0.1:{}:8080\"\n    environment:\n      LOG_LEVEL: info\n      SERVICE_INDEX: \"{i}\"\n    volumes:\n      - data{i}:/var/lib/app\n    networks: [back]\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]\n      interval: 10s\n",
            1024 + i % 60000
        ));
        volumes.push_str(&format!("  data{i}: {{}}\n"));
        i += 1;
    }
    format!("{services}networks:\n  back: {{}}\n{volumes}")
}

/// The cost of linting files of growing size: each group measures 250 KB,
/// 500 KB and 1 MB, so the curve reads as ratios (linear: 1 MB costs about
/// twice 500 KB). A rule that compares every service or stage with every
/// other shows here first.
fn scaling(c: &mut Criterion) {
    for (name, kind, make) in [
        (
            "scaling-dockerfile",
            FileKind::Dockerfile,
            dockerfile_of as fn(usize) -> String,
        ),
        ("scaling-compose", FileKind::Compose, compose_of),
    ] {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for kb in [250, 500, 1000] {
            let text = make(kb * 1000);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("lint-{kb}KB"), |b| {
                b.iter(|| lint(kind, black_box(&text)))
            });
        }
        group.finish();
    }
}

fn bench(c: &mut Criterion) {
    assert_eq!(TYPICAL.lines().count(), 50, "the typical file has 50 lines");
    let files = corpus();
    if !files.is_empty() {
        let bytes: usize = files.iter().map(String::len).sum();
        let mut group = c.benchmark_group("corpus");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("baseline", |b| {
            b.iter(|| files.iter().map(|f| baseline(black_box(f))).sum::<usize>())
        });
        group.bench_function("parse", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| dockerfile::parse(black_box(f)).nodes.len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }

    let large = large();
    for (name, text) in [
        ("typical-50-lines", TYPICAL),
        ("large-5000-lines", large.as_str()),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("baseline", |b| b.iter(|| baseline(black_box(text))));
        group.bench_function("parse", |b| b.iter(|| dockerfile::parse(black_box(text))));
        group.bench_function("lint", |b| {
            b.iter(|| lint(FileKind::Dockerfile, black_box(text)))
        });
        group.finish();
    }

    // Compose: the fixture that exercises schema, semantics and rules, and
    // the real compose files, each against the same baseline.
    let compose = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose/clean.yaml"),
    )
    .unwrap();
    let mut group = c.benchmark_group("compose-typical");
    group.throughput(Throughput::Bytes(compose.len() as u64));
    group.bench_function("baseline", |b| b.iter(|| baseline(black_box(&compose))));
    group.bench_function("yaml", |b| b.iter(|| yaml::parse(black_box(&compose))));
    group.bench_function("lint", |b| {
        b.iter(|| lint(FileKind::Compose, black_box(&compose)))
    });
    group.finish();
    let files = compose_corpus();
    if !files.is_empty() {
        let bytes: usize = files.iter().map(String::len).sum();
        let mut group = c.benchmark_group("compose-corpus");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("baseline", |b| {
            b.iter(|| files.iter().map(|f| baseline(black_box(f))).sum::<usize>())
        });
        group.bench_function("lint", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| lint(FileKind::Compose, black_box(f)).len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

fn compose_corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/compose");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped the compose corpus benchmark: {} is absent",
            dir.display()
        );
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect()
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
