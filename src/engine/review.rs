//! The design review: what validation lets through but will probably fail at deploy
//! time, cost more than the user may think, or be less safe. Each warning names its
//! field and says what will happen and what to do; warnings never block a download.

use crate::engine::application::{
    check_policy_arn, data_resource, is_broad_policy, looks_secret, policy_name, DataResource,
    DEFAULT_MANAGED_POLICIES_PER_ROLE, MAX_MANAGED_POLICIES_PER_ROLE, REGION_SET_BY_ECS,
    SDK_CREDENTIALS,
};
use crate::engine::config::{Config, Nat, Service, Waf};
use crate::engine::cost::{lookup, money, PriceKey, HOURS_PER_MONTH};
use crate::engine::field_path::{entry_path, service_path};
use crate::engine::message::Message;
use crate::engine::number_format;
use crate::engine::regions;
use crate::engine::validate::FARGATE_CPUS;

/// The default "Fargate On-Demand vCPU resource count" quota of an account, per region
/// (quota code L-3032A538): https://docs.aws.amazon.com/general/latest/gr/ecs-service.html#service-quotas-fargate
/// The deploy kit's preflight reads the account's real value.
pub const DEFAULT_FARGATE_VCPU_QUOTA: i64 = 6;
/// The quota as Service Quotas names it, for the preflight's check of the real value.
pub const FARGATE_QUOTA_SERVICE: &str = "fargate";
pub const FARGATE_VCPU_QUOTA_CODE: &str = "L-3032A538";

/// The CPU units (1024 per vCPU) the services run when every one is at its maximum task
/// count: what the account's Fargate vCPU quota must cover.
pub fn peak_cpu_units(config: &Config) -> i64 {
    config
        .services
        .iter()
        .map(|s| s.cpu.saturating_mul(s.scaling.max.max(0)))
        .fold(0, i64::saturating_add)
}

/// AWS's documentation account ids, which no real resource has.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
pub const DOCUMENTATION_ACCOUNTS: [&str; 3] = ["123456789012", "111122223333", "444455556666"];
/// The certificate id AWS's examples use.
pub const EXAMPLE_CERTIFICATE_ID: &str = "12345678-1234-1234-1234-123456789012";

/// What a warning is about; one kind per rule, so tests and the page can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// A value still holds an example: a documentation account, certificate or zone.
    ExampleValue,
    /// Manual NAT that lists fewer zones than the subnets have.
    NatUnlistedZones,
    /// The tasks at their maximum counts need more vCPUs than a new account may run.
    FargateQuota,
    /// As many subnets as the region usually has zones, placed with `!GetAZs`.
    ZoneCoverage,
    /// A pinned zone ID that AWS does not list for the region.
    UnlistedZone,
    /// A distribution on the default `*.cloudfront.net` certificate.
    DefaultCertificate,
    /// A service that never runs more than one task.
    SingleTask,
    /// Distributions without a web ACL.
    NoWebAcl,
    /// Distributions without access logs.
    NoAccessLogs,
    /// A managed web ACL that blocks request bodies over 8 KB.
    LargeBodiesBlocked,
    /// A distribution that caches responses for every visitor alike.
    SharedCache,
    /// A plain environment variable whose name says it holds a secret.
    VariableLooksSecret,
    /// A variable that overrides what ECS or the AWS SDKs set: credentials, the region.
    VariableOverrides,
    /// A DynamoDB table in another region than the service.
    TableInOtherRegion,
    /// A bucket or table reached without its gateway endpoint: through the NAT, billed.
    DataThroughNat,
    /// A managed policy that grants a whole AWS service or the account.
    BroadPolicy,
    /// More managed policies than a role takes by default.
    PolicyQuota,
    /// A KMS key for secrets on a service with none.
    KmsKeyUnused,
}

impl WarningKind {
    pub const ALL: [WarningKind; 18] = [
        WarningKind::ExampleValue,
        WarningKind::NatUnlistedZones,
        WarningKind::FargateQuota,
        WarningKind::ZoneCoverage,
        WarningKind::UnlistedZone,
        WarningKind::DefaultCertificate,
        WarningKind::SingleTask,
        WarningKind::NoWebAcl,
        WarningKind::NoAccessLogs,
        WarningKind::LargeBodiesBlocked,
        WarningKind::SharedCache,
        WarningKind::VariableLooksSecret,
        WarningKind::VariableOverrides,
        WarningKind::TableInOtherRegion,
        WarningKind::DataThroughNat,
        WarningKind::BroadPolicy,
        WarningKind::PolicyQuota,
        WarningKind::KmsKeyUnused,
    ];

    /// A stable name, for the CLI's JSON and the page's test hooks.
    pub fn code(self) -> &'static str {
        match self {
            WarningKind::ExampleValue => "example-value",
            WarningKind::NatUnlistedZones => "nat-unlisted-zones",
            WarningKind::FargateQuota => "fargate-quota",
            WarningKind::ZoneCoverage => "zone-coverage",
            WarningKind::UnlistedZone => "unlisted-zone",
            WarningKind::DefaultCertificate => "default-certificate",
            WarningKind::SingleTask => "single-task",
            WarningKind::NoWebAcl => "no-web-acl",
            WarningKind::NoAccessLogs => "no-access-logs",
            WarningKind::LargeBodiesBlocked => "large-bodies-blocked",
            WarningKind::SharedCache => "shared-cache",
            WarningKind::VariableLooksSecret => "variable-looks-secret",
            WarningKind::VariableOverrides => "variable-overrides",
            WarningKind::TableInOtherRegion => "table-in-other-region",
            WarningKind::DataThroughNat => "data-through-nat",
            WarningKind::BroadPolicy => "broad-policy",
            WarningKind::PolicyQuota => "policy-quota",
            WarningKind::KmsKeyUnused => "kms-key-unused",
        }
    }

    /// The check of the field's security scanner (checkov) that reports the same thing
    /// in the templates.
    pub fn scanner_check(self) -> Option<&'static str> {
        match self {
            WarningKind::DefaultCertificate => Some("CKV_AWS_174"),
            WarningKind::NoWebAcl => Some("CKV_AWS_68"),
            WarningKind::NoAccessLogs => Some("CKV_AWS_86"),
            _ => None,
        }
    }
}

/// One warning: its kind (the rule that raised it), the field, and a coded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub path: String,
    pub message: Message,
}

#[derive(Default)]
struct Warnings(Vec<Warning>);

impl Warnings {
    fn push(&mut self, kind: WarningKind, path: impl Into<String>, message: Message) {
        self.0.push(Warning {
            kind,
            path: path.into(),
            message,
        });
    }
}

/// Every warning for the design, in the order of its fields. Works on any design that
/// parses, valid or not; a part that does not parse gets no warning (its error says it).
/// The review of a design with its acceptances (`review.accepted`) applied.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settled {
    /// The warnings no acceptance names: what the page counts and `check --strict` fails on.
    pub open: Vec<Warning>,
    /// Each accepted warning, with the user's reason.
    pub accepted: Vec<(Warning, String)>,
    /// The indices in `review.accepted` of acceptances whose warning no longer occurs.
    pub stale: Vec<usize>,
}

/// Splits `warnings` (the design's review) into open and accepted ones: an acceptance names
/// one warning by its message code (as `check --format json` gives it) and its path.
pub fn settle(config: &Config, warnings: Vec<Warning>) -> Settled {
    let accepted = &config.review.accepted;
    let mut settled = Settled::default();
    let mut used = vec![false; accepted.len()];
    for warning in warnings {
        let found = accepted
            .iter()
            .position(|a| a.code == warning.message.code().id() && a.path == warning.path);
        match found {
            Some(index) => {
                used[index] = true;
                settled
                    .accepted
                    .push((warning, accepted[index].reason.clone()));
            }
            None => settled.open.push(warning),
        }
    }
    settled.stale = (0..accepted.len()).filter(|&i| !used[i]).collect();
    settled
}

/// The design without the acceptances whose warning no longer occurs.
pub fn without_stale(config: &Config, stale: &[usize]) -> Config {
    let mut config = config.clone();
    let mut index = 0;
    config.review.accepted.retain(|_| {
        index += 1;
        !stale.contains(&(index - 1))
    });
    config
}

pub fn review(config: &Config) -> Vec<Warning> {
    let mut warnings = Warnings::default();
    review_network(config, &mut warnings);
    review_domain(config, &mut warnings);
    review_edge(config, &mut warnings);
    review_services(config, &mut warnings);
    warnings.0
}

fn documentation_account(account: &str) -> Option<&'static str> {
    DOCUMENTATION_ACCOUNTS.into_iter().find(|a| *a == account)
}

/// The account field of an ARN (`arn:aws:acm:us-east-1:ACCOUNT:…`).
fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

/// The account of an ECR registry (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/…`).
fn image_account(image: &str) -> &str {
    image
        .split_once(".dkr.ecr.")
        .map(|(account, _)| account)
        .filter(|account| !account.contains('/'))
        .unwrap_or_default()
}

/// A zone reserved for documentation and tests (RFC 2606, RFC 6761).
fn documentation_zone(zone: &str) -> bool {
    ["example.com", "example.net", "example.org"]
        .iter()
        .any(|z| zone == *z || zone.ends_with(&format!(".{z}")))
        || ["example", "test", "invalid", "localhost"]
            .iter()
            .any(|tld| zone == *tld || zone.ends_with(&format!(".{tld}")))
}

fn review_network(config: &Config, warnings: &mut Warnings) {
    let network = &config.network;
    let subnets = network.subnets.len();
    // In manual mode a Regional NAT Gateway serves only the zones it lists (CloudFormation:
    // "If you specify this parameter, auto-expansion is disabled and you must manually
    // manage AZ coverage"; the CDK: "In manual mode the gateway only serves the listed
    // Availability Zones"):
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html
    // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.RegionalNatGatewayProviderProps.html
    if let Nat::Manual { azs } = &network.nat {
        let unlisted: Vec<String> = (0..subnets as i64)
            .filter(|az| !azs.contains(az))
            .map(|az| az.to_string())
            .collect();
        if !azs.is_empty() && !unlisted.is_empty() {
            let listed: Vec<String> = azs.iter().map(|a| a.to_string()).collect();
            // What following the advice costs, as the estimate reckons a manual NAT: each
            // listed zone is billed its zone-hours and its Elastic IP's address-hours.
            let prices = (
                lookup(&config.region, PriceKey::RegionalNatGatewayAzHour),
                lookup(&config.region, PriceKey::PublicIpv4Hour),
            );
            let message = match prices {
                (Ok(zone), Ok(address)) => {
                    let zones = unlisted.len() as u64;
                    let monthly = zone
                        .micro_usd
                        .saturating_add(address.micro_usd)
                        .saturating_mul(HOURS_PER_MONTH * zones);
                    Message::nat_unlisted_zones_priced(
                        listed,
                        unlisted,
                        zones as i64,
                        money::dollars(monthly),
                        money::unit_price(zone.micro_usd),
                        money::unit_price(address.micro_usd),
                    )
                }
                _ => Message::nat_unlisted_zones(listed, unlisted),
            };
            warnings.push(WarningKind::NatUnlistedZones, "network.nat.azs", message);
        }
    }
    let region = regions::find(&config.region);
    match (&network.az_ids, region) {
        (None, Some(region)) if subnets >= 2 && subnets == region.az_count() => {
            warnings.push(
                WarningKind::ZoneCoverage,
                "network.subnets",
                Message::zone_coverage(subnets, region.code, region.zone_ids().collect()),
            );
        }
        (Some(ids), Some(region)) => {
            let listed: Vec<String> = region.zone_ids().collect();
            for (index, id) in ids.iter().enumerate() {
                let prefixed = id.starts_with(&format!("{}-az", region.zone_id_prefix));
                if prefixed && !listed.contains(id) {
                    warnings.push(
                        WarningKind::UnlistedZone,
                        entry_path("network.az_ids", index, ""),
                        Message::unlisted_zone(id, region.code, listed.clone()),
                    );
                }
            }
        }
        _ => {}
    }
}

fn review_domain(config: &Config, warnings: &mut Warnings) {
    let Some(domain) = &config.domain else { return };
    if documentation_zone(&domain.zone) {
        warnings.push(
            WarningKind::ExampleValue,
            "domain.zone",
            Message::example_zone(&domain.zone),
        );
    }
    if let Some(arn) = &domain.certificate_arn {
        if let Some(account) = documentation_account(arn_account(arn)) {
            warnings.push(
                WarningKind::ExampleValue,
                "domain.certificate_arn",
                Message::example_certificate_account(account),
            );
        } else if arn.ends_with(EXAMPLE_CERTIFICATE_ID) {
            warnings.push(
                WarningKind::ExampleValue,
                "domain.certificate_arn",
                Message::example_certificate_id(),
            );
        }
    }
}

fn review_edge(config: &Config, warnings: &mut Warnings) {
    let distributions = config.services.iter().any(|s| s.cloudfront.enabled);
    if !distributions {
        return;
    }
    let edge = &config.edge;
    match &edge.waf {
        Waf::Off => warnings.push(WarningKind::NoWebAcl, "edge.waf", Message::no_web_acl()),
        Waf::Managed {
            allow_large_bodies: false,
            ..
        } => warnings.push(
            WarningKind::LargeBodiesBlocked,
            "edge.waf.allow_large_bodies",
            Message::large_bodies_blocked(),
        ),
        Waf::Existing { web_acl_arn } => {
            if let Some(account) = documentation_account(arn_account(web_acl_arn)) {
                warnings.push(
                    WarningKind::ExampleValue,
                    "edge.waf.web_acl_arn",
                    Message::example_web_acl_account(account),
                );
            }
        }
        Waf::Managed { .. } => {}
    }
    if !edge.access_logs {
        warnings.push(
            WarningKind::NoAccessLogs,
            "edge.access_logs",
            Message::no_access_logs(),
        );
    }
}

/// What the service's application is given: secrets in plain sight, variables that take
/// over what ECS and the SDKs set, data reached the expensive way, broad policies.
fn review_application(config: &Config, path: &str, service: &Service, warnings: &mut Warnings) {
    let app = &service.app;
    let variables = app
        .environment
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                format!("{path}.environment[{i}].name"),
                v.name.as_str(),
                true,
            )
        })
        .chain(
            app.secrets
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}.secrets[{i}].name"), v.name.as_str(), false)),
        );
    for (at, name, plain) in variables {
        if SDK_CREDENTIALS.contains(&name) {
            warnings.push(
                WarningKind::VariableOverrides,
                at,
                Message::variable_overrides_credentials(name),
            );
        } else if REGION_SET_BY_ECS.contains(&name) {
            warnings.push(
                WarningKind::VariableOverrides,
                at,
                Message::variable_overrides_region(name),
            );
        } else if plain && looks_secret(name) {
            warnings.push(
                WarningKind::VariableLooksSecret,
                at,
                Message::variable_looks_secret(name),
            );
        }
    }
    for (i, permission) in app.permissions.iter().enumerate() {
        let Ok(resource) = data_resource(&permission.resource) else {
            continue;
        };
        let at = format!("{path}.permissions[{i}].resource");
        // A gateway endpoint serves its own region's service only:
        // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
        if let DataResource::Table { region, name } = resource {
            if region != config.region {
                warnings.push(
                    WarningKind::TableInOtherRegion,
                    &at,
                    Message::table_in_other_region(name, region, &config.region),
                );
                continue;
            }
        }
        let endpoint = resource.endpoint();
        if !config.network.gateway_endpoints.contains(&endpoint) {
            let gb = config.usage.nat_egress_gb_per_month;
            let message = match lookup(&config.region, PriceKey::RegionalNatGatewayGb) {
                Ok(price) => Message::data_through_nat(
                    endpoint.service(),
                    money::unit_price(price.micro_usd),
                    gb,
                    money::dollars(price.micro_usd.saturating_mul(gb.max(0) as u64)),
                ),
                Err(_) => Message::data_through_nat_unpriced(endpoint.service()),
            };
            warnings.push(WarningKind::DataThroughNat, at, message);
        }
    }
    for (i, arn) in app.policy_arns.iter().enumerate() {
        if check_policy_arn(arn).is_ok() && is_broad_policy(arn) {
            warnings.push(
                WarningKind::BroadPolicy,
                format!("{path}.policy_arns[{i}]"),
                Message::broad_policy(policy_name(arn)),
            );
        }
    }
    let policies = app.policy_arns.len();
    if policies > DEFAULT_MANAGED_POLICIES_PER_ROLE && policies <= MAX_MANAGED_POLICIES_PER_ROLE {
        warnings.push(
            WarningKind::PolicyQuota,
            format!("{path}.policy_arns"),
            Message::policy_arns_over_quota(
                policies,
                DEFAULT_MANAGED_POLICIES_PER_ROLE,
                MAX_MANAGED_POLICIES_PER_ROLE,
            ),
        );
    }
    if app.secrets_kms_key_arn.is_some() && app.secrets.is_empty() {
        warnings.push(
            WarningKind::KmsKeyUnused,
            format!("{path}.secrets_kms_key_arn"),
            Message::kms_key_unused(),
        );
    }
    let documentation = app
        .secrets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("{path}.secrets[{i}].value_from"),
                s.value_from.as_str(),
            )
        })
        .chain(app.permissions.iter().enumerate().map(|(i, p)| {
            (
                format!("{path}.permissions[{i}].resource"),
                p.resource.as_str(),
            )
        }))
        .chain(
            app.policy_arns
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("{path}.policy_arns[{i}]"), p.as_str())),
        )
        .chain(
            app.secrets_kms_key_arn
                .iter()
                .map(|k| (format!("{path}.secrets_kms_key_arn"), k.as_str())),
        );
    for (at, arn) in documentation {
        if let Some(account) = documentation_account(arn_account(arn)) {
            warnings.push(
                WarningKind::ExampleValue,
                at,
                Message::example_arn_account(account),
            );
        }
    }
}

fn review_services(config: &Config, warnings: &mut Warnings) {
    for (index, service) in config.services.iter().enumerate() {
        let path = service_path(index, "");
        if let Some(account) = documentation_account(image_account(&service.image)) {
            warnings.push(
                WarningKind::ExampleValue,
                format!("{path}.image"),
                Message::example_image_account(account),
            );
        }
        review_application(config, &path, service, warnings);
        if service.scaling.max == 1 {
            warnings.push(
                WarningKind::SingleTask,
                format!("{path}.scaling.max"),
                Message::single_task(),
            );
        }
        if service.cloudfront.enabled {
            if service.alias(config.domain.as_ref()).is_none() {
                warnings.push(
                    WarningKind::DefaultCertificate,
                    format!("{path}.cloudfront.host"),
                    Message::default_certificate(),
                );
            }
            if service.cloudfront.cache == crate::engine::config::CacheMode::Short {
                warnings.push(
                    WarningKind::SharedCache,
                    format!("{path}.cloudfront.cache"),
                    Message::shared_cache(),
                );
            }
        }
    }
    // With an unknown CPU value the design is invalid, and its error says so.
    let sizes_known = config
        .services
        .iter()
        .all(|s| FARGATE_CPUS.contains(&s.cpu));
    let peak_units = peak_cpu_units(config);
    if sizes_known && peak_units > DEFAULT_FARGATE_VCPU_QUOTA * 1024 {
        warnings.push(
            WarningKind::FargateQuota,
            "services",
            Message::fargate_quota(number_format::vcpus(peak_units), DEFAULT_FARGATE_VCPU_QUOTA),
        );
    }
}
