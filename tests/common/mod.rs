//! Shared test helpers: generators of valid designs and paths to the golden files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use stackdraft::engine::cidr::{mask, Cidr};
use stackdraft::engine::config::{
    Access, Application, CacheMode, CloudFront, Config, Domain, Edge, EnvVar, GatewayEndpoint, Nat,
    Network, Permission, PriceClass, Scaling, ScalingMetric, SecretVar, Service, Usage, Waf,
    OWN_ECR_REGISTRY,
};
use stackdraft::engine::regions::{Region, REGIONS};
use stackdraft::engine::validate::{fargate_memory_choices, FARGATE_CPUS, LOG_RETENTION_DAYS};

/// `base` moved to 10.0.0.0/18, its three subnets with it: a new VPC block that replaces
/// the network while the service stacks import its subnets.
pub fn in_a_new_vpc_block(base: &Config) -> Config {
    let mut new = base.clone();
    new.network.cidr = "10.0.0.0/18".into();
    new.network.subnets = vec![
        "10.0.0.0/20".into(),
        "10.0.16.0/20".into(),
        "10.0.32.0/20".into(),
    ];
    new
}

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

// The generators are built of parts, a strategy each (a service's size, scaling,
// container, CloudFront; a design's network, domain, edge, services): a new field joins
// its part or becomes a part of its own, and no tuple nears proptest's limit of 12.

/// A Fargate CPU value and a memory size it takes.
fn fargate_size() -> impl Strategy<Value = (i64, i64)> {
    prop::sample::select(FARGATE_CPUS.to_vec())
        .prop_flat_map(|cpu| (Just(cpu), prop::sample::select(fargate_memory_choices(cpu))))
}

fn scaling() -> impl Strategy<Value = Scaling> {
    let metric_and_target =
        prop::sample::select(ScalingMetric::ALL.to_vec()).prop_flat_map(|metric| {
            let (low, high, _) = metric.target_range();
            (Just(metric), low..=high)
        });
    (1i64..=5, 0i64..=30, metric_and_target).prop_map(|(min, extra, (metric, target))| Scaling {
        min,
        max: min + extra,
        metric,
        target,
    })
}

/// What runs: the image, its port and the health check path.
#[derive(Debug)]
struct Container {
    image: String,
    port: i64,
    health_check_path: String,
}

fn container(index: usize) -> impl Strategy<Value = Container> {
    (
        label(),
        0u8..3,
        1i64..=65535,
        prop::sample::select(vec!["/", "/health", "/api/health/", "/status?"]),
    )
        .prop_map(move |(repo, registry, port, path)| Container {
            image: match registry {
                0 => format!("{OWN_ECR_REGISTRY}/{repo}-app:v{index}"),
                1 => format!("public.ecr.aws/{repo}/{repo}:{index}.0"),
                _ => format!("210987654321.dkr.ecr.us-east-1.amazonaws.com/{repo}:v{index}"),
            },
            port,
            health_check_path: path.trim_end_matches('?').to_string(),
        })
}

fn cloudfront(index: usize, with_domain: bool) -> impl Strategy<Value = CloudFront> {
    (any::<bool>(), prop::option::of(label()), any::<bool>()).prop_map(
        move |(enabled, host, caches)| CloudFront {
            enabled,
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
    )
}

/// Text a user might type that YAML or CloudFormation would read as something else, and
/// references that are real in a service's template (a pseudo parameter, a parameter, a
/// resource's attribute): each must reach the container exactly as typed.
pub const LOOK_ALIKES: [&str; 16] = [
    "production",
    "yes",
    "~",
    "0x1F",
    "a: b",
    "#c",
    "!Ref ContainerPort",
    "${AWS::Region}",
    "pre ${ServiceName} post",
    "${ExpressModeService.Endpoint}",
    "${!Literal}",
    "line one\nline two\n",
    "  padded  ",
    "",
    "日本語",
    "$5 {x}",
];

const SECRET_SOURCES: [&str; 5] = [
    "arn:aws:secretsmanager:us-east-1:210987654321:secret:app/db-Ab12Cd",
    "arn:aws:secretsmanager:us-east-1:210987654321:secret:app/db-Ab12Cd:password::",
    "arn:aws:ssm:us-east-1:210987654321:parameter/app/api-key",
    "/app/sentry-dsn",
    "plain-parameter",
];

const DATA_RESOURCES: [&str; 4] = [
    "arn:aws:s3:::app-uploads-210987654321",
    "arn:aws:s3:::app.logs.archive",
    "arn:aws:dynamodb:us-east-1:210987654321:table/Orders",
    "arn:aws:dynamodb:eu-west-1:210987654321:table/Sessions.v2",
];

const POLICY_ARNS: [&str; 3] = [
    "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
    "arn:aws:iam::210987654321:policy/team/app-extra",
];

/// What the application is given: variables with look-alike values, secrets of every
/// source, a command, distinct buckets and tables, managed policies, maybe a key.
fn application() -> impl Strategy<Value = Application> {
    let text = || prop::sample::select(LOOK_ALIKES.to_vec());
    (
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(prop::sample::select(SECRET_SOURCES.to_vec()), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::sample::subsequence(DATA_RESOURCES.to_vec(), 0..=2),
        any::<u8>(),
        prop::sample::subsequence(POLICY_ARNS.to_vec(), 0..=2),
        any::<bool>(),
    )
        .prop_map(
            |(values, sources, command, resources, accesses, policies, key)| Application {
                environment: values
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| EnvVar {
                        name: format!("APP_VALUE_{i}"),
                        value: Some(value.to_string()),
                    })
                    .collect(),
                secrets: sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, source)| SecretVar {
                        name: format!("APP_SECRET_{i}"),
                        value_from: source.to_string(),
                    })
                    .collect(),
                command: command.into_iter().map(String::from).collect(),
                permissions: resources
                    .into_iter()
                    .enumerate()
                    .map(|(i, resource)| Permission {
                        resource: resource.to_string(),
                        access: if accesses >> i & 1 == 1 {
                            Access::ReadWrite
                        } else {
                            Access::Read
                        },
                    })
                    .collect(),
                policy_arns: policies.into_iter().map(String::from).collect(),
                secrets_kms_key_arn: key.then(|| {
                    "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                        .to_string()
                }),
            },
        )
}

fn service(index: usize, with_domain: bool) -> impl Strategy<Value = Service> {
    (
        label(),
        fargate_size(),
        container(index),
        scaling(),
        prop::sample::select(LOG_RETENTION_DAYS.to_vec()),
        cloudfront(index, with_domain),
        application(),
    )
        .prop_map(
            move |(
                name,
                (cpu, memory),
                container,
                scaling,
                log_retention_days,
                cloudfront,
                app,
            )| {
                Service {
                    name: format!("svc{index}-{name}"),
                    image: container.image,
                    port: container.port,
                    cpu,
                    memory,
                    health_check_path: container.health_check_path,
                    scaling,
                    log_retention_days,
                    cloudfront,
                    app,
                }
            },
        )
}

/// 1–10 services; hosts only with a domain.
fn services(with_domain: bool) -> impl Strategy<Value = Vec<Service>> {
    (1usize..=10).prop_flat_map(move |count| {
        (0..count)
            .map(|i| service(i, with_domain))
            .collect::<Vec<_>>()
    })
}

/// 2–6 subnets (no more than the region's zones) carved from a random VPC, pinned or
/// not, both NAT modes, any gateway endpoints, flow logs on or off.
fn network(region: &'static Region) -> impl Strategy<Value = Network> {
    let zone_ids: Vec<String> = region.zone_ids().collect();
    let azs = region.az_count().min(6);
    (16u8..=24, any::<u32>(), 2..=azs, any::<u64>()).prop_map(
        move |(vpc_prefix, seed, subnet_count, picks)| {
            let base = 0x0a00_0000 | (seed & 0x00ff_ffff);
            let vpc = Cidr {
                network: base & mask(vpc_prefix),
                prefix: vpc_prefix,
            };
            let bits_needed = (subnet_count as f64).log2().ceil() as u8;
            let subnet_prefix = (vpc_prefix + bits_needed + (picks % 3) as u8).min(27);
            let subnets = vpc
                .split(subnet_prefix, subnet_count)
                .expect("subnets fit by construction");
            let nat = if picks >> 2 & 1 == 1 {
                Nat::Auto
            } else {
                let azs: Vec<i64> = (0..subnet_count as i64)
                    .filter(|i| picks >> (8 + i) & 1 == 1 || *i == 0)
                    .collect();
                Nat::Manual { azs }
            };
            let gateway_endpoints = match picks >> 3 & 3 {
                0 => vec![],
                1 => vec![GatewayEndpoint::S3],
                2 => vec![GatewayEndpoint::Dynamodb],
                _ => vec![GatewayEndpoint::S3, GatewayEndpoint::Dynamodb],
            };
            Network {
                name: format!("net-{}", seed % 1000),
                cidr: vpc.to_string(),
                subnets: subnets.iter().map(|s| s.to_string()).collect(),
                az_ids: (picks >> 5 & 1 == 1 && zone_ids.len() >= subnet_count)
                    .then(|| zone_ids[..subnet_count].to_vec()),
                ipv6: picks >> 6 & 1 == 1,
                nat,
                gateway_endpoints,
                flow_logs: picks >> 7 & 1 == 1,
                flow_log_days: LOG_RETENTION_DAYS
                    [(picks >> 24) as usize % LOG_RETENTION_DAYS.len()],
            }
        },
    )
}

const CERTIFICATE_ARN: &str =
    "arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d";
const HOSTED_ZONE_ID: &str = "Z0123456789ABCDEFGHIJ";

/// A domain with a certificate, a hosted zone or both.
fn domain() -> impl Strategy<Value = Domain> {
    (0u8..3).prop_map(|pick| {
        let (certificate_arn, hosted_zone_id) = match pick {
            0 => (Some(CERTIFICATE_ARN), None),
            1 => (None, Some(HOSTED_ZONE_ID)),
            _ => (Some(CERTIFICATE_ARN), Some(HOSTED_ZONE_ID)),
        };
        Domain {
            zone: "stackdraft-test.net".into(),
            certificate_arn: certificate_arn.map(String::from),
            hosted_zone_id: hosted_zone_id.map(String::from),
        }
    })
}

fn waf() -> impl Strategy<Value = Waf> {
    prop_oneof![
        2 => Just(Waf::Off),
        1 => (100i64..65_636, any::<bool>()).prop_map(|(rate_limit, allow_large_bodies)| Waf::Managed {
            rate_limit,
            allow_large_bodies,
        }),
        1 => Just(Waf::Existing {
            web_acl_arn: "arn:aws:wafv2:us-east-1:210987654321:global/webacl/shared-acl/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d".into(),
        }),
    ]
}

/// The edge: access logs only where CloudFront delivers them.
fn edge(region: &'static Region) -> impl Strategy<Value = Edge> {
    (waf(), any::<bool>(), 1i64..=1024, 0usize..3).prop_map(
        move |(waf, access_logs, access_log_days, price_class)| Edge {
            waf,
            access_logs: region.standard_logs && access_logs,
            access_log_days,
            price_class: PriceClass::ALL[price_class],
        },
    )
}

/// Designs that pass validation, built of the parts above, in any region with two zones.
pub fn valid_design() -> impl Strategy<Value = Config> {
    let regions: Vec<&str> = REGIONS
        .iter()
        .filter(|r| r.az_count() >= 2)
        .map(|r| r.code)
        .collect();
    (prop::sample::select(regions), any::<bool>())
        .prop_flat_map(|(code, with_domain)| {
            let region = stackdraft::engine::regions::find(code).expect("generated from REGIONS");
            (
                Just(region.code),
                network(region),
                domain().prop_map(move |domain| with_domain.then_some(domain)),
                edge(region),
                services(with_domain),
            )
        })
        .prop_map(|(region, network, domain, edge, services)| Config {
            version: 1,
            region: region.to_string(),
            network,
            domain,
            edge,
            services,
            usage: Usage::default(),
            review: Default::default(),
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
