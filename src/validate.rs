//! Every check a design must pass before its templates are worth deploying. Each problem
//! is reported at once, with the JSON path of the field and what would be valid.

use crate::cidr::{self, Cidr};
use crate::config::{Config, GatewayEndpoint, Nat, Service, Waf, CONFIG_VERSION, OWN_ECR_REGISTRY};
use crate::error::FieldError;
use crate::names;
use crate::regions;

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
            format!(
                "is {}; this build of Stackdraft reads config version 1 only",
                config.version
            ),
        );
    }
    let region = regions::find(&config.region);
    if region.is_none() {
        errors.push(
            "region",
            format!(
                "'{}' is not an AWS commercial region code such as ap-northeast-1 or us-east-1",
                config.region
            ),
        );
    }
    check_network(config, region, &mut errors);
    check_domain(config, &mut errors);
    check_edge(config, region, &mut errors);
    check_services(config, &mut errors);
    check_usage(config, &mut errors);
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
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(path, message));
    }
}

fn check_network(config: &Config, region: Option<&regions::Region>, errors: &mut Errors) {
    let network = &config.network;
    check_stack_name(
        "network.name",
        &network.name,
        names::max_network_name_len(),
        errors,
    );

    let vpc = match cidr::parse(&network.cidr) {
        Ok(vpc) => {
            let (low, high) = VPC_PREFIX_RANGE;
            if vpc.prefix < low || vpc.prefix > high {
                errors.push(
                    "network.cidr",
                    format!("is a /{}; a VPC block must be between /{low} (65,536 addresses) and /{high} (16 addresses)", vpc.prefix),
                );
            }
            Some(vpc)
        }
        Err(message) => {
            errors.push("network.cidr", message);
            None
        }
    };

    let count = network.subnets.len();
    if !(MIN_SUBNETS..=MAX_SUBNETS).contains(&count) {
        errors.push(
            "network.subnets",
            format!("has {count} subnets; give {MIN_SUBNETS} to {MAX_SUBNETS}, one per Availability Zone (the internal ALB needs at least two zones)"),
        );
    }
    if let Some(ids) = &network.az_ids {
        check_zone_ids(ids, count, region, errors);
    } else if let Some(region) = region {
        if count > region.az_count() {
            errors.push(
                "network.subnets",
                format!(
                    "has {count} subnets but {} usually offers {} Availability Zones; subnet {} would have no zone",
                    region.code,
                    region.az_count(),
                    region.az_count()
                ),
            );
        }
    }

    let mut parsed: Vec<(usize, Cidr)> = Vec::new();
    for (index, text) in network.subnets.iter().enumerate() {
        let path = format!("network.subnets[{index}]");
        let subnet = match cidr::parse(text) {
            Ok(subnet) => subnet,
            Err(message) => {
                errors.push(path, message);
                continue;
            }
        };
        if subnet.prefix > SMALLEST_SUBNET_PREFIX {
            errors.push(
                &path,
                format!(
                    "is a /{} with {} usable addresses; the internal ALB needs a /{SMALLEST_SUBNET_PREFIX} or larger (AWS keeps 5 addresses per subnet and the ALB needs 8 free)",
                    subnet.prefix,
                    subnet.usable_in_aws()
                ),
            );
        }
        if subnet.prefix < VPC_PREFIX_RANGE.0 {
            errors.push(
                &path,
                format!("is a /{}; AWS subnets are /16 to /28", subnet.prefix),
            );
        }
        if let Some(vpc) = vpc {
            if !vpc.contains(subnet) {
                errors.push(&path, format!("{subnet} is not inside the VPC block {vpc}"));
            }
        }
        for (other_index, other) in &parsed {
            if other.overlaps(subnet) {
                errors.push(
                    &path,
                    format!("{subnet} overlaps network.subnets[{other_index}] ({other}); subnets must not share addresses"),
                );
            }
        }
        parsed.push((index, subnet));
    }

    if let Nat::Manual { azs } = &network.nat {
        if azs.is_empty() {
            errors.push(
                "network.nat.azs",
                "is empty; list at least one AZ index for the NAT gateway's Elastic IPs, or use {\"mode\": \"auto\"}",
            );
        }
        let mut seen = vec![false; count];
        for (position, &az) in azs.iter().enumerate() {
            let path = format!("network.nat.azs[{position}]");
            if az < 0 || az as usize >= count {
                errors.push(
                    &path,
                    format!(
                        "AZ index {az} has no subnet; indices run from 0 to {}",
                        count.saturating_sub(1)
                    ),
                );
            } else if std::mem::replace(&mut seen[az as usize], true) {
                errors.push(&path, format!("AZ index {az} is listed twice"));
            }
        }
    }

    if !LOG_RETENTION_DAYS.contains(&network.flow_log_days) {
        errors.push(
            "network.flow_log_days",
            format!(
                "is {}; CloudWatch Logs keeps logs for one of {} days",
                network.flow_log_days,
                LOG_RETENTION_DAYS.map(|d| d.to_string()).join(", ")
            ),
        );
    }

    let mut listed = [false; GatewayEndpoint::ALL.len()];
    for (position, endpoint) in network.gateway_endpoints.iter().enumerate() {
        if std::mem::replace(&mut listed[*endpoint as usize], true) {
            errors.push(
                format!("network.gateway_endpoints[{position}]"),
                format!("\"{}\" is listed twice", endpoint.service()),
            );
        }
    }
}

/// Zone IDs: one per subnet, each `<prefix>-az<n>` with the region's prefix, no zone
/// twice. Whether the account can use a zone is the deploy kit's preflight's job.
fn check_zone_ids(
    ids: &[String],
    subnets: usize,
    region: Option<&regions::Region>,
    errors: &mut Errors,
) {
    if ids.len() != subnets {
        errors.push(
            "network.az_ids",
            format!(
                "lists {} zone IDs for {subnets} subnets; give one zone ID per subnet, in the subnets' order",
                ids.len()
            ),
        );
    }
    for (index, id) in ids.iter().enumerate() {
        let path = format!("network.az_ids[{index}]");
        let Some((prefix, number)) = id.split_once("-az") else {
            errors.push(
                &path,
                format!(
                    "'{id}' is not a zone ID such as apne1-az4 (a region prefix, -az and a number)"
                ),
            );
            continue;
        };
        let well_formed = !prefix.is_empty()
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && !number.is_empty()
            && number.len() <= 2
            && number.bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            errors.push(
                &path,
                format!(
                    "'{id}' is not a zone ID such as apne1-az4 (a region prefix, -az and a number)"
                ),
            );
            continue;
        }
        if let Some(region) = region {
            if prefix != region.zone_id_prefix {
                errors.push(
                    &path,
                    format!(
                        "'{id}' is a zone of another region; zone IDs in {} start with {}- ({})",
                        region.code,
                        region.zone_id_prefix,
                        region.zone_ids().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
        }
        if ids[..index].contains(id) {
            errors.push(
                &path,
                format!("'{id}' is listed twice; each subnet needs a zone of its own"),
            );
        }
    }
}

fn check_stack_name(path: &str, name: &str, max_len: usize, errors: &mut Errors) {
    if name.is_empty() {
        errors.push(
            path,
            "is empty; a stack name starts with a letter and uses letters, digits and hyphens",
        );
    } else if !names::is_valid_stack_name(name) {
        errors.push(
            path,
            format!("'{name}' is not a valid CloudFormation stack name: start with a letter and use only letters (A–Z), digits and hyphens"),
        );
    } else if name.len() > max_len {
        errors.push(
            path,
            format!("is {} characters; names derived from it would pass AWS limits, so use at most {max_len}", name.len()),
        );
    }
}

fn check_domain(config: &Config, errors: &mut Errors) {
    let Some(domain) = &config.domain else { return };
    if let Err(message) = check_dns_name(&domain.zone) {
        errors.push("domain.zone", message);
    }
    if let Some(arn) = &domain.certificate_arn {
        if let Err(message) = check_certificate_arn(arn) {
            errors.push("domain.certificate_arn", message);
        }
    }
    if let Some(id) = &domain.hosted_zone_id {
        if let Err(message) = check_hosted_zone_id(id) {
            errors.push("domain.hosted_zone_id", message);
        }
    }
}

/// A Route 53 hosted zone ID: `Z` and up to 31 uppercase letters and digits.
pub fn check_hosted_zone_id(id: &str) -> Result<(), String> {
    let ok = id.len() >= 2
        && id.len() <= 32
        && id.starts_with('Z')
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!("'{id}' is not a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ (a Z, then uppercase letters and digits; without /hostedzone/)"))
    }
}

/// An AWS WAF web ACL for CloudFront: `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`.
pub fn check_web_acl_arn(arn: &str) -> Result<(), String> {
    const EXAMPLE: &str = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/NAME/ID";
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" || parts[1] != "aws" || parts[2] != "wafv2" {
        return Err(format!(
            "is not an AWS WAF web ACL ARN; it looks like {EXAMPLE}"
        ));
    }
    if parts[3] != "us-east-1" {
        return Err(format!(
            "is in {}; CloudFront takes web ACLs of scope CLOUDFRONT, which live in us-east-1",
            if parts[3].is_empty() {
                "no region"
            } else {
                parts[3]
            }
        ));
    }
    if parts[4].len() != 12 || !parts[4].bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "has account '{}'; an account id is 12 digits",
            parts[4]
        ));
    }
    let Some(rest) = parts[5].strip_prefix("global/webacl/") else {
        return Err(format!(
            "is not a web ACL of scope CLOUDFRONT: the resource must start with global/webacl/, as in {EXAMPLE}"
        ));
    };
    let valid = rest.split_once('/').is_some_and(|(name, id)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
    });
    if !valid {
        return Err(format!(
            "must end in global/webacl/<name>/<id>, as in {EXAMPLE}"
        ));
    }
    Ok(())
}

fn check_edge(config: &Config, region: Option<&regions::Region>, errors: &mut Errors) {
    let edge = &config.edge;
    match &edge.waf {
        Waf::Off => {}
        Waf::Managed { rate_limit, .. } => {
            let (low, high) = RATE_LIMIT_RANGE;
            if !(low..=high).contains(rate_limit) {
                errors.push(
                    "edge.waf.rate_limit",
                    format!("is {rate_limit}; AWS WAF takes a rate limit of {low} to {high} requests per 5 minutes per client IP"),
                );
            }
        }
        Waf::Existing { web_acl_arn } => {
            if let Err(message) = check_web_acl_arn(web_acl_arn) {
                errors.push("edge.waf.web_acl_arn", message);
            }
        }
    }
    if edge.access_logs {
        if let Some(region) = region.filter(|r| !r.standard_logs) {
            errors.push(
                "edge.access_logs",
                format!(
                    "cannot be on in {}: CloudFront does not deliver standard logs to buckets in that region (an opt-in region); deploy in another region or leave access logs off",
                    region.code
                ),
            );
        }
    }
    let (low, high) = ACCESS_LOG_DAYS_RANGE;
    if !(low..=high).contains(&edge.access_log_days) {
        errors.push(
            "edge.access_log_days",
            format!(
                "is {}; keep access logs {low} to {high} days",
                edge.access_log_days
            ),
        );
    }
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
                format!("is {value}; give a whole number from 0 to {MAX_USAGE}"),
            );
        }
    }
}

pub fn check_dns_name(zone: &str) -> Result<(), String> {
    if zone.is_empty() {
        return Err("is empty; write a DNS zone such as example.com".into());
    }
    if zone.ends_with('.') {
        return Err(format!(
            "ends with a dot; write {}",
            zone.trim_end_matches('.')
        ));
    }
    if zone.len() > 253 {
        return Err(format!(
            "is {} characters; a DNS name is at most 253",
            zone.len()
        ));
    }
    let labels: Vec<&str> = zone.split('.').collect();
    if labels.len() < 2 {
        return Err(format!(
            "'{zone}' needs at least two labels, such as example.com"
        ));
    }
    for label in labels {
        check_dns_label(label).map_err(|m| format!("label '{label}' {m}"))?;
    }
    Ok(())
}

pub fn check_dns_label(label: &str) -> Result<(), String> {
    if label.is_empty() {
        return Err("is empty (two dots in a row?)".into());
    }
    if label.len() > 63 {
        return Err(format!(
            "is {} characters; a DNS label is at most 63",
            label.len()
        ));
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("may use only lowercase letters a–z, digits and hyphens".into());
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("must not start or end with a hyphen".into());
    }
    Ok(())
}

pub fn check_certificate_arn(arn: &str) -> Result<(), String> {
    const EXAMPLE: &str = "arn:aws:acm:us-east-1:123456789012:certificate/<id>";
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" || parts[1] != "aws" || parts[2] != "acm" {
        return Err(format!(
            "is not an ACM certificate ARN; it looks like {EXAMPLE}"
        ));
    }
    if parts[3] != "us-east-1" {
        return Err(format!(
            "is in {}; CloudFront only accepts ACM certificates from us-east-1, so request or import the certificate there",
            if parts[3].is_empty() { "no region" } else { parts[3] }
        ));
    }
    if parts[4].len() != 12 || !parts[4].bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "has account '{}'; an account id is 12 digits",
            parts[4]
        ));
    }
    let id = parts[5].strip_prefix("certificate/").unwrap_or("");
    if id.is_empty() || id.len() > 128 || !id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return Err(format!(
            "must end in certificate/<id> with a hexadecimal id, as in {EXAMPLE}"
        ));
    }
    Ok(())
}

fn check_services(config: &Config, errors: &mut Errors) {
    if config.services.is_empty() {
        errors.push(
            "services",
            "is empty; describe at least the initial service",
        );
    }
    if config.services.len() > MAX_SERVICES {
        errors.push(
            "services",
            format!(
                "has {} services; one Express Mode ALB serves at most {MAX_SERVICES}, so split the design",
                config.services.len()
            ),
        );
        // Checking a thousand services would bury this one message under the same errors.
        return;
    }
    // At most MAX_SERVICES names and hosts: a scan of the earlier ones is enough.
    let global_stack = names::global_stack_name(&config.network.name, &config.region);
    let first_use = |name: &str, before: usize| {
        if name == config.network.name {
            return Some("network.name".to_string());
        }
        if name == global_stack {
            return Some("the global stack (named after network.name and the region)".to_string());
        }
        config.services[..before]
            .iter()
            .position(|s| s.name == name)
            .map(|other| format!("services[{other}].name"))
    };
    for (index, service) in config.services.iter().enumerate() {
        let path = format!("services[{index}]");
        if let Some(other) = first_use(&service.name, index) {
            errors.push(
                format!("{path}.name"),
                format!(
                    "'{}' is already used by {other}; every stack name must be unique",
                    service.name
                ),
            );
        }
        check_service(&path, service, index == 0, config, errors);
    }
    for (index, service) in config.services.iter().enumerate() {
        let Some(host) = service.cloudfront.host.as_deref() else {
            continue;
        };
        let first_host = config.services[..index]
            .iter()
            .position(|s| s.cloudfront.host.as_deref() == Some(host));
        if let Some(other) = first_host {
            errors.push(
                format!("services[{index}].cloudfront.host"),
                format!("'{host}' is already the host of services[{other}]; two CloudFront distributions cannot share an alias"),
            );
        }
    }
}

fn check_service(
    path: &str,
    service: &Service,
    initial: bool,
    config: &Config,
    errors: &mut Errors,
) {
    check_stack_name(
        &format!("{path}.name"),
        &service.name,
        names::max_service_name_len(initial),
        errors,
    );
    if let Err(message) = check_image(&service.image) {
        errors.push(format!("{path}.image"), message);
    }
    if !(1..=65535).contains(&service.port) {
        errors.push(
            format!("{path}.port"),
            format!("is {}; a container port is 1 to 65535", service.port),
        );
    }
    if !FARGATE_CPUS.contains(&service.cpu) {
        errors.push(
            format!("{path}.cpu"),
            format!(
                "is {}; Fargate CPU units are 256, 512, 1024, 2048, 4096, 8192 or 16384",
                service.cpu
            ),
        );
    } else {
        let choices = fargate_memory_choices(service.cpu);
        if !choices.contains(&service.memory) {
            errors.push(
                format!("{path}.memory"),
                format!(
                    "is {} MiB; with {} CPU units Fargate takes {}",
                    service.memory,
                    service.cpu,
                    describe_memory_choices(&choices)
                ),
            );
        }
    }
    if let Err(message) = check_health_check_path(&service.health_check_path) {
        errors.push(format!("{path}.health_check_path"), message);
    }
    let scaling = &service.scaling;
    if scaling.min < 1 {
        errors.push(
            format!("{path}.scaling.min"),
            format!("is {}; run at least 1 task", scaling.min),
        );
    }
    if scaling.max > MAX_TASKS {
        errors.push(
            format!("{path}.scaling.max"),
            format!(
                "is {}; ECS runs at most {MAX_TASKS} tasks per service",
                scaling.max
            ),
        );
    }
    if scaling.max < scaling.min {
        errors.push(
            format!("{path}.scaling.max"),
            format!(
                "is {} but min is {}; max must be at least min",
                scaling.max, scaling.min
            ),
        );
    }
    let (low, high, what) = scaling.metric.target_range();
    if !(low..=high).contains(&scaling.target) {
        errors.push(
            format!("{path}.scaling.target"),
            format!(
                "is {}; for {} the target is {what}",
                scaling.target,
                scaling.metric.code()
            ),
        );
    }
    if !LOG_RETENTION_DAYS.contains(&service.log_retention_days) {
        errors.push(
            format!("{path}.log_retention_days"),
            format!(
                "is {}; CloudWatch Logs keeps logs for one of {} days",
                service.log_retention_days,
                LOG_RETENTION_DAYS.map(|d| d.to_string()).join(", ")
            ),
        );
    }
    if let Some(host) = &service.cloudfront.host {
        let host_path = format!("{path}.cloudfront.host");
        if let Err(message) = check_dns_label(host) {
            errors.push(&host_path, format!("'{host}' {message}"));
        }
        match &config.domain {
            None => errors.push(
                &host_path,
                "needs a domain: set domain.zone and domain.certificate_arn, or remove the host to use the CloudFront domain name",
            ),
            Some(domain) => {
                let alias = format!("{host}.{}", domain.zone);
                if alias.len() > 253 {
                    errors.push(&host_path, format!("makes the alias {alias} longer than 253 characters"));
                }
                if domain.certificate_arn.is_none() && domain.hosted_zone_id.is_none() {
                    errors.push(
                        &host_path,
                        "needs a certificate: set domain.certificate_arn, or domain.hosted_zone_id so that Stackdraft requests one validated by DNS",
                    );
                }
            }
        }
    }
}

fn describe_memory_choices(choices: &[i64]) -> String {
    let gb: Vec<String> = choices
        .iter()
        .map(|m| {
            if m % 1024 == 0 {
                format!("{}", m / 1024)
            } else {
                format!("{m} MiB")
            }
        })
        .collect();
    if choices.first() == Some(&512) {
        return "512, 1024 or 2048 MiB".into();
    }
    let step = choices
        .get(1)
        .zip(choices.first())
        .map(|(b, a)| (b - a) / 1024)
        .unwrap_or(1);
    format!(
        "{} to {} GB in {} GB steps ({} to {} MiB)",
        gb.first().cloned().unwrap_or_default(),
        gb.last().cloned().unwrap_or_default(),
        step,
        choices.first().unwrap_or(&0),
        choices.last().unwrap_or(&0)
    )
}

pub fn check_health_check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("'{path}' must start with /, e.g. /health"));
    }
    if path.len() > MAX_HEALTH_CHECK_PATH {
        return Err(format!(
            "is {} characters; at most {MAX_HEALTH_CHECK_PATH}",
            path.len()
        ));
    }
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return Err("has a % that is not followed by two hex digits".into());
            }
            i += 3;
            continue;
        }
        if b == b'?' || b == b'#' {
            return Err("is a path only: remove the query (?) or fragment (#)".into());
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            let shown = path[i..].chars().next().unwrap_or('?');
            return Err(format!(
                "contains '{shown}', which a URL path cannot hold unescaped; use %-encoding"
            ));
        }
        i += 1;
    }
    Ok(())
}

/// Accepts the references Docker and ECS accept: `[registry[:port]/]name[:tag][@digest]`,
/// and an image in the deploying account's own ECR written with CloudFormation's pseudo
/// parameters (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0`), which the
/// template fills in at deploy time. No other `${...}` is accepted: the image reaches the
/// template as a parameter, where it would be text, not a substitution.
pub fn check_image(image: &str) -> Result<(), String> {
    const HINT: &str = "an image reference such as public.ecr.aws/nginx/nginx:latest or ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0";
    if let Some(rest) = image.strip_prefix(OWN_ECR_REGISTRY) {
        let Some(rest) = rest.strip_prefix('/') else {
            return Err(format!(
                "needs /<repository>:<tag> after {OWN_ECR_REGISTRY}"
            ));
        };
        if rest.contains('@') {
            return Err("uses a digest; an image in this account's ECR is written with a tag (…/app:1.0), which the template takes as its ContainerTag parameter".into());
        }
        if rest.contains('$') {
            return Err("has a ${...} after the registry; only ${AWS::AccountId} and ${AWS::Region} in the registry are filled in".into());
        }
        // ECR's repository names: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
        let repository = rest
            .rsplit_once(':')
            .map_or(rest, |(repository, _)| repository);
        if !(2..=256).contains(&repository.len()) {
            return Err(format!(
                "has repository '{repository}'; an ECR repository name is 2 to 256 characters"
            ));
        }
        // The rest is checked as an image in a plain registry.
        return check_image(&format!("registry.invalid/{rest}"))
            .map_err(|message| message.replace("registry.invalid/", ""));
    }
    if image.contains("${") {
        return Err(format!(
            "has a ${{...}} that Stackdraft cannot fill in; the only one accepted is the registry {OWN_ECR_REGISTRY} (this account's ECR in the stack's region)"
        ));
    }
    if image.is_empty() {
        return Err(format!("is empty; give {HINT}"));
    }
    if image.len() > 255 {
        return Err(format!(
            "is {} characters; an image reference is at most 255",
            image.len()
        ));
    }
    if image.contains(char::is_whitespace) {
        return Err("contains spaces; an image reference has none".into());
    }
    let (rest, digest) = match image.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (image, None),
    };
    if let Some(digest) = digest {
        let ok = digest.strip_prefix("sha256:").is_some_and(|hex| {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        if !ok {
            return Err(
                "has a digest that is not sha256: followed by 64 lowercase hex digits".into(),
            );
        }
    }
    // A tag is what follows the last colon, unless that colon is a registry port.
    let (name, tag) = match rest.rfind(':') {
        Some(at) if !rest[at..].contains('/') => (&rest[..at], Some(&rest[at + 1..])),
        _ => (rest, None),
    };
    if let Some(tag) = tag {
        let valid = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
        if !valid {
            return Err(format!("has tag '{tag}'; a tag is up to 128 letters, digits, _, . and -, not starting with . or -"));
        }
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        let is_registry = first.contains('.') || first.contains(':') || first == "localhost";
        if is_registry {
            let (host, port) = first.split_once(':').unwrap_or((first, ""));
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            let port_ok = port.is_empty() && !first.contains(':')
                || (!port.is_empty() && port.parse::<u16>().is_ok());
            if !host_ok || !port_ok {
                return Err(format!("has registry '{first}', which is not a host name with an optional port; give {HINT}"));
            }
            components.remove(0);
        }
    }
    for component in components {
        let valid = !component.is_empty()
            && component
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
            && component
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
            && component
                .bytes()
                .last()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if !valid {
            return Err(format!(
                "has repository part '{component}'; repository names use lowercase letters, digits and . _ - between them; give {HINT}"
            ));
        }
    }
    Ok(())
}
