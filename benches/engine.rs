//! Engine speed: validate + render every template, share-link encode + decode, and the
//! preview's line diff.
//! Figures only: issue 15 retired issue 5's engine budgets (100 µs a render); the budget
//! is the page's edit-to-paint latency, measured by perf/bench.mjs.
//! `cargo bench --bench engine` measures; `cargo bench --bench engine -- --quick` is CI's
//! short run (figures printed, not asserted).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use stackdraft::engine::config::Service;
use stackdraft::engine::link;
use stackdraft::form::line_diff::line_marks;
use stackdraft::{render, Config};

fn ten_services() -> Config {
    let mut config = Config::default();
    while config.services.len() < 10 {
        let index = config.services.len();
        config.services.push(Service {
            name: format!("service-{index}"),
            image: format!("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service-{index}:1.0"),
            ..Service::example(10)
        });
    }
    config
}

fn engine(c: &mut Criterion) {
    let default = Config::default();
    let ten = ten_services();
    c.bench_function("validate+render default design", |b| {
        b.iter(|| render(black_box(&default)).expect("valid"))
    });
    c.bench_function("validate+render 10 services", |b| {
        b.iter(|| render(black_box(&ten)).expect("valid"))
    });
    c.bench_function("link encode+decode default design", |b| {
        b.iter(|| link::decode(&link::encode(black_box(&default))).expect("round trip"))
    });
    c.bench_function("link encode+decode 10 services", |b| {
        b.iter(|| link::decode(&link::encode(black_box(&ten))).expect("round trip"))
    });
    // The preview's marks after an edit: a 2,000-line template, 20 lines changed far apart.
    let old: String = (0..2000).map(|i| format!("  Line{i}: {i}\n")).collect();
    let new: String = (0..2000)
        .map(|i| match i % 100 {
            50 => format!("  Line{i}: changed\n"),
            _ => format!("  Line{i}: {i}\n"),
        })
        .collect();
    c.bench_function("line marks 2,000 lines, 20 changed", |b| {
        b.iter(|| line_marks(black_box(&old), black_box(&new)))
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
