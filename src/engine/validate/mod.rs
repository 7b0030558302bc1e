//! Every check a design must pass before its templates are worth deploying. Each problem
//! is reported at once, with the JSON path of the field and what would be valid.

mod application;
mod edge;
mod image;
mod network;
mod services;

use crate::engine::cidr::{self, Cidr};
use crate::engine::config::{
    Config, GatewayEndpoint, Nat, ScalingMetric, Service, Waf, CONFIG_VERSION,
};

use crate::engine::derived_names;
use crate::engine::error::FieldError;
use crate::engine::message::Message;
use crate::engine::regions;
pub use application::MAX_TEMPLATE_BODY;
pub use edge::{
    check_certificate_arn, check_dns_label, check_dns_name, check_hosted_zone_id, check_web_acl_arn,
};
use edge::{check_domain, check_edge};
pub use image::check_image;
use network::check_network;
pub use services::check_health_check_path;
use services::check_services;

pub const MIN_SUBNETS: usize = 2;
pub const MAX_SUBNETS: usize = 6;
/// Express Mode puts services with the same subnets on one ALB, which takes 25 at most.
pub const MAX_SERVICES: usize = 25;
/// The internal ALB needs a /27 or larger subnet with at least 8 free addresses.
pub const SMALLEST_SUBNET_PREFIX: u8 = 27;
pub const VPC_PREFIX_RANGE: (u8, u8) = (16, 28);
/// ECS runs at most 5,000 tasks per service.
pub const MAX_TASKS: i64 = 5000;
pub const LOG_RETENTION_DAYS: [i64; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];
pub const FARGATE_CPUS: [i64; 7] = [256, 512, 1024, 2048, 4096, 8192, 16384];
/// A DNS name is at most 253 characters, a label of it at most 63 (RFC 1035).
pub const MAX_DNS_NAME: usize = 253;
pub const MAX_DNS_LABEL: usize = 63;
/// ACM takes a first domain name of at most 64 characters: the alias of a certificate the
/// global stack requests. https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
pub const MAX_CERTIFICATE_FIRST_NAME: usize = 64;
/// ALB health check paths are at most 1024 characters.
pub const MAX_HEALTH_CHECK_PATH: usize = 1024;

/// The memory sizes (MiB) Fargate accepts with this many CPU units; empty for an
/// unsupported CPU value.
pub fn fargate_memory_choices(cpu: i64) -> Vec<i64> {
    let gb = |from: i64, to: i64, step: i64| {
        (from..=to)
            .step_by(step as usize)
            .map(|g| g * 1024)
            .collect()
    };
    match cpu {
        256 => vec![512, 1024, 2048],
        512 => gb(1, 4, 1),
        1024 => gb(2, 8, 1),
        2048 => gb(4, 16, 1),
        4096 => gb(8, 30, 1),
        8192 => gb(16, 60, 4),
        16384 => gb(32, 120, 8),
        _ => Vec::new(),
    }
}

pub fn validate(config: &Config) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if config.version != CONFIG_VERSION {
        errors.push(
            "version",
            Message::version_unsupported(config.version.to_string()),
        );
    }
    let region = regions::find(&config.region);
    if region.is_none() {
        errors.push("region", Message::region_unknown(&config.region));
    }
    check_network(config, region, &mut errors);
    check_domain(config, &mut errors);
    check_edge(config, region, &mut errors);
    check_services(config, &mut errors);
    check_acceptances(config, &mut errors);
    if errors.0.is_empty() {
        application::check_template_sizes(config, &mut errors);
    }
    errors.0
}

/// The largest monthly usage figure accepted: far above any design, small enough that
/// the cost model's integer arithmetic cannot overflow.
pub const MAX_USAGE: i64 = 1_000_000_000_000;
/// What AWS WAF accepts as a rate-based rule's limit (requests per 5 minutes).
pub const RATE_LIMIT_RANGE: (i64, i64) = (10, 2_000_000_000);
/// Days an S3 lifecycle rule may keep the access logs.
pub const ACCESS_LOG_DAYS_RANGE: (i64, i64) = (1, 3650);

#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    pub(super) fn push(&mut self, path: impl Into<String>, message: Message) {
        self.0.push(FieldError::new(path, message));
    }
}

fn check_stack_name(path: &str, name: &str, max_len: usize, errors: &mut Errors) {
    if name.is_empty() {
        errors.push(path, Message::stack_name_empty());
    } else if !derived_names::is_valid_stack_name(name) {
        errors.push(path, Message::stack_name_invalid(name));
    } else if name.len() > max_len {
        errors.push(path, Message::stack_name_too_long(name.len(), max_len));
    }
}

/// A log retention that CloudWatch Logs does not offer.
fn log_retention_invalid(days: i64) -> Message {
    Message::log_retention_invalid(days, LOG_RETENTION_DAYS.map(|d| d.to_string()).to_vec())
}

/// Each acceptance names a warning of the review by its message code, says why, and is given once.
/// One whose warning no longer occurs is not an error: the review reports it (`settle`).
fn check_acceptances(config: &Config, errors: &mut Errors) {
    let accepted = &config.review.accepted;
    for (index, acceptance) in accepted.iter().enumerate() {
        let at = format!("review.accepted[{index}]");
        if crate::engine::message::Code::from_id(&acceptance.code).is_none() {
            errors.push(
                format!("{at}.code"),
                Message::acceptance_unknown_code(acceptance.code.as_str()),
            );
        }
        if acceptance.reason.trim().is_empty() {
            errors.push(format!("{at}.reason"), Message::acceptance_no_reason());
        }
        if accepted[..index]
            .iter()
            .any(|a| a.code == acceptance.code && a.path == acceptance.path)
        {
            errors.push(
                at,
                Message::acceptance_twice(acceptance.code.as_str(), acceptance.path.as_str()),
            );
        }
    }
}

/// The usage figures' problems. They are not the design's errors: the figures feed only the
/// cost estimate, which they turn off (the page's panel, COST.md, `stackdraft cost`); the
/// templates and the zip never depend on them.
pub fn usage_errors(config: &Config) -> Vec<FieldError> {
    let mut errors = Errors::default();
    check_usage(config, &mut errors);
    errors.0
}

/// Whether `path` is a usage figure's: its problems turn off only the estimate.
pub fn is_usage_path(path: &str) -> bool {
    path.starts_with("usage.")
}

fn check_usage(config: &Config, errors: &mut Errors) {
    let usage = &config.usage;
    for (field, value) in [
        ("requests_per_month", usage.requests_per_month),
        ("viewer_gb_per_month", usage.viewer_gb_per_month),
        ("nat_egress_gb_per_month", usage.nat_egress_gb_per_month),
        ("log_gb_per_month", usage.log_gb_per_month),
    ] {
        if !(0..=MAX_USAGE).contains(&value) {
            errors.push(
                format!("usage.{field}"),
                Message::usage_out_of_range(value, MAX_USAGE),
            );
        }
    }
}
