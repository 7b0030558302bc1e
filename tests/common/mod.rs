//! Shared test helpers: generators of valid designs and paths to the golden files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use stackdraft::engine::config::{
    CacheMode, CloudFront, Config, Domain, Edge, GatewayEndpoint, Nat, Network, PriceClass,
    Scaling, ScalingMetric, Service, Usage, Waf, OWN_ECR_REGISTRY,
};
use stackdraft::engine::regions::REGIONS;
use stackdraft::engine::validate::{fargate_memory_choices, FARGATE_CPUS, LOG_RETENTION_DAYS};

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
        prop::sample::select(ScalingMetric::ALL.to_vec()).prop_flat_map(|metric| {
            let (low, high, _) = metric.target_range();
            (Just(metric), low..=high)
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
        (label(), 0u8..3, any::<bool>()),
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
                (repo, registry, caches),
            )| Service {
                name: format!("svc{index}-{name}"),
                image: match registry {
                    0 => format!("{OWN_ECR_REGISTRY}/{repo}-app:v{index}"),
                    1 => format!("public.ecr.aws/{repo}/{repo}:{index}.0"),
                    _ => format!("210987654321.dkr.ecr.us-east-1.amazonaws.com/{repo}:v{index}"),
                },
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
                    cache: if caches {
                        CacheMode::Short
                    } else {
                        CacheMode::Off
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
            let azs = stackdraft::engine::regions::find(region).map(|r| r.az_count()).unwrap_or(2).min(6);
            let subnet_count = 2 + (picks as usize % (azs - 1));
            let services: Vec<_> = (0..service_count).map(|i| service(i, with_domain)).collect();
            (Just((region, vpc_prefix, seed, ipv6, with_domain, nat_auto, subnet_count, picks)), services, any::<u64>())
        })
        .prop_map(|((region, vpc_prefix, seed, ipv6, with_domain, nat_auto, subnet_count, picks), services, more)| {
            let base = 0x0a00_0000 | (seed & 0x00ff_ffff);
            let vpc = stackdraft::engine::cidr::Cidr { network: base & stackdraft::engine::cidr::mask(vpc_prefix), prefix: vpc_prefix };
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
            let region_info = stackdraft::engine::regions::find(region).expect("generated from REGIONS");
            let zone_ids: Vec<String> = region_info.zone_ids().collect();
            // Bits of `more` pick the new fields: zone IDs, flow logs, the edge, the domain.
            let az_ids = (more & 1 == 1 && zone_ids.len() >= subnet_count)
                .then(|| zone_ids[..subnet_count].to_vec());
            let waf = match more >> 1 & 3 {
                0 | 1 => Waf::Off,
                2 => Waf::Managed { rate_limit: 100 + (more >> 8 & 0xffff) as i64, allow_large_bodies: more >> 3 & 1 == 1 },
                _ => Waf::Existing { web_acl_arn: "arn:aws:wafv2:us-east-1:210987654321:global/webacl/shared-acl/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".into() },
            };
            let domain = with_domain.then(|| {
                let (certificate_arn, hosted_zone_id) = match more >> 4 & 3 {
                    0 => (Some("arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".to_string()), None),
                    1 => (None, Some("Z0123456789ABCDEFGHIJ".to_string())),
                    _ => (Some("arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".to_string()), Some("Z0123456789ABCDEFGHIJ".to_string())),
                };
                Domain { zone: "stackdraft-test.net".into(), certificate_arn, hosted_zone_id }
            });
            Config {
                version: 1,
                region: region.to_string(),
                network: Network {
                    name: format!("net-{}", seed % 1000),
                    cidr: vpc.to_string(),
                    subnets: subnets.iter().map(|s| s.to_string()).collect(),
                    az_ids,
                    ipv6,
                    nat,
                    gateway_endpoints: endpoints,
                    flow_logs: more >> 6 & 1 == 1,
                    flow_log_days: LOG_RETENTION_DAYS[(more >> 24) as usize % LOG_RETENTION_DAYS.len()],
                },
                domain,
                edge: Edge {
                    waf,
                    access_logs: region_info.standard_logs && more >> 7 & 1 == 1,
                    access_log_days: 1 + (more >> 32 & 0x3ff) as i64,
                    price_class: PriceClass::ALL[(more >> 42) as usize % 3],
                },
                services,
                usage: Usage::default(),
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
