//! Engine speed: validate + render every template, and share-link encode + decode.
//! Figures only: issue 15 retired issue 5's engine budgets (100 µs a render); the budget
//! is the page's edit-to-paint latency, measured by perf/bench.mjs.
//! `cargo bench --bench engine` measures; `cargo bench --bench engine -- --quick` is CI's
//! short run (figures printed, not asserted).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use stackdraft::engine::config::Service;
use stackdraft::engine::link;
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
}

criterion_group!(benches, engine);
criterion_main!(benches);
