//! Shared test helpers: generators of valid designs and paths to the golden files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use stackdraft::config::{
    CloudFront, Config, Domain, GatewayEndpoint, Nat, Network, Scaling, Service,
};
use stackdraft::regions::REGIONS;
use stackdraft::validate::{
    fargate_memory_choices, FARGATE_CPUS, LOG_RETENTION_DAYS, SCALING_METRICS,
};

pub fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

/// Every example design committed under `templates/<name>/stackdraft.json`.
pub fn example_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(templates_dir())
        .expect("templates/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("stackdraft.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

pub fn load_example(dir: &Path) -> Config {
    let text = std::fs::read_to_string(dir.join("stackdraft.json")).expect("readable example");
    Config::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6})?"
}

fn service(index: usize, with_domain: bool) -> impl Strategy<Value = Service> {
    let cpu_and_memory = prop::sample::select(FARGATE_CPUS.to_vec())
        .prop_flat_map(|cpu| (Just(cpu), prop::sample::select(fargate_memory_choices(cpu))));
    let metric_and_target =
        prop::sample::select(SCALING_METRICS.to_vec()).prop_flat_map(|metric| {
            let high: i64 = if metric == "REQUEST_COUNT_PER_TARGET" {
                100_000
            } else {
                100
            };
            (Just(metric.to_string()), 1i64..=high)
        });
    (
        label(),
        cpu_and_memory,
        1i64..=65535,
        prop::sample::select(vec!["/", "/health", "/api/health/", "/status?"]),
        (1i64..=5, 0i64..=30),
        metric_and_target,
        prop::sample::select(LOG_RETENTION_DAYS.to_vec()),
        any::<bool>(),
        prop::option::of(label()),
        label(),
    )
        .prop_map(
            move |(
                name,
                (cpu, memory),
                port,
                path,
                (min, extra),
                (metric, target),
                retention,
                cloudfront,
                host,
                repo,
            )| Service {
                name: format!("svc{index}-{name}"),
                image: format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/{repo}:v{index}"),
                port,
                cpu,
                memory,
                health_check_path: path.trim_end_matches('?').to_string(),
                scaling: Scaling {
                    min,
                    max: min + extra,
                    metric,
                    target,
                },
                log_retention_days: retention,
                cloudfront: CloudFront {
                    enabled: cloudfront,
                    // The index keeps hosts distinct: two services cannot share an alias.
                    host: if with_domain {
                        host.map(|h| format!("{h}-s{index}"))
                    } else {
                        None
                    },
                },
            },
        )
}

/// Designs that pass validation: 2–6 subnets carved from a random VPC, 1–10 services
/// with valid Fargate sizes, domain on or off, both NAT modes.
pub fn valid_design() -> impl Strategy<Value = Config> {
    let region = prop::sample::select(
        REGIONS
            .iter()
            .filter(|r| r.az_count() >= 2)
            .map(|r| r.code)
            .collect::<Vec<_>>(),
    );
    (region, 16u8..=24, any::<u32>(), any::<bool>(), any::<bool>(), any::<bool>(), 1usize..=10, any::<u64>())
        .prop_flat_map(|(region, vpc_prefix, seed, ipv6, with_domain, nat_auto, service_count, picks)| {
            let azs = stackdraft::regions::find(region).map(|r| r.az_count()).unwrap_or(2).min(6);
            let subnet_count = 2 + (picks as usize % (azs - 1));
            let services: Vec<_> = (0..service_count).map(|i| service(i, with_domain)).collect();
            (Just((region, vpc_prefix, seed, ipv6, with_domain, nat_auto, subnet_count, picks)), services)
        })
        .prop_map(|((region, vpc_prefix, seed, ipv6, with_domain, nat_auto, subnet_count, picks), services)| {
            let base = 0x0a00_0000 | (seed & 0x00ff_ffff);
            let vpc = stackdraft::cidr::Cidr { network: base & stackdraft::cidr::mask(vpc_prefix), prefix: vpc_prefix };
            let bits_needed = (subnet_count as f64).log2().ceil() as u8;
            let subnet_prefix = (vpc_prefix + bits_needed + (picks % 3) as u8).min(27);
            let subnets = vpc.split(subnet_prefix, subnet_count).expect("subnets fit by construction");
            let nat = if nat_auto {
                Nat::Auto
            } else {
                let azs: Vec<i64> = (0..subnet_count as i64).filter(|i| picks >> (8 + i) & 1 == 1 || *i == 0).collect();
                Nat::Manual { azs }
            };
            let endpoints = match picks % 4 {
                0 => vec![],
                1 => vec![GatewayEndpoint::S3],
                2 => vec![GatewayEndpoint::Dynamodb],
                _ => vec![GatewayEndpoint::S3, GatewayEndpoint::Dynamodb],
            };
            Config {
                version: 1,
                region: region.to_string(),
                network: Network {
                    name: format!("net-{}", seed % 1000),
                    cidr: vpc.to_string(),
                    subnets: subnets.iter().map(|s| s.to_string()).collect(),
                    ipv6,
                    nat,
                    gateway_endpoints: endpoints,
                },
                domain: with_domain.then(|| Domain {
                    zone: "example.com".into(),
                    certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012".into(),
                }),
                services,
            }
        })
}

/// `count` valid designs from a fixed seed, the same on every run.
pub fn sample_designs(count: usize) -> Vec<Config> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng);
    let strategy = valid_design();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).expect("generates").current())
        .collect()
}
