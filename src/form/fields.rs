//! The form's fields, each defined once: its JSON path, its label (the same on the form
//! and in error sentences), its help, how to read and write it, and when the form shows
//! it. Service fields are a function of the service's index: their paths lie below
//! `services[i]`, and their accessors take the index.
//!
//! A static table indexed by [`Field`] rather than a trait object per field: the wasm
//! carries one copy of the form's code per kind of control, not per field.

use crate::engine::config::{Config, Domain, Service, Waf};
use crate::engine::field_path::{entry_path, service_path, FieldPath};
use crate::engine::validate::MAX_SERVICES;
use crate::form::edits;

/// Every field (or group) the form shows, design-wide and per service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Region,
    NetworkName,
    NetworkCidr,
    Ipv6,
    Subnets,
    Nat,
    NatAzs,
    GatewayEndpoints,
    ZoneIds,
    FlowLogs,
    FlowLogDays,
    Domain,
    DomainZone,
    CertificateArn,
    HostedZoneId,
    Waf,
    RateLimit,
    AllowLargeBodies,
    WebAclArn,
    AccessLogs,
    AccessLogDays,
    PriceClass,
    Services,
    Requests,
    ViewerGb,
    NatEgressGb,
    LogGb,
    ClassicEndpoints,
    ServiceName,
    ServiceImage,
    ServicePort,
    ServiceCpu,
    ServiceMemory,
    HealthCheckPath,
    ScalingMin,
    ScalingMax,
    ScalingMetric,
    ScalingTarget,
    LogRetention,
    CloudFront,
    CloudFrontHost,
    CloudFrontCache,
    SecretsKmsKeyArn,
}

/// How a field reads and writes the design; `usize` is the service's index (ignored by
/// design-wide fields). A getter returns `None` while the part it belongs to is gone.
#[derive(Clone, Copy)]
pub enum Access {
    /// A group of other fields: nothing to read or write.
    Group,
    Text(
        fn(&Config, usize) -> Option<String>,
        fn(&mut Config, usize, String),
    ),
    Number(
        fn(&Config, usize) -> Option<i64>,
        fn(&mut Config, usize, i64),
    ),
    Check(fn(&Config, usize) -> bool, fn(&mut Config, usize, bool)),
}

/// One field's facts.
pub struct Spec {
    /// The JSON path (below `services[i].` for service fields).
    pub path: &'static str,
    /// What the form and the error sentences call it.
    pub label: &'static str,
    /// The sentence beside a checkbox (a checkbox's label says what it does).
    pub check: Option<&'static str>,
    pub help: Option<&'static str>,
    pub access: Access,
    /// Whether the form shows the field for this design (service fields: for any service).
    pub shown: fn(&Config) -> bool,
}

fn always(_: &Config) -> bool {
    true
}

fn service<T>(c: &Config, i: usize, f: impl FnOnce(&Service) -> T) -> Option<T> {
    c.services.get(i).map(f)
}

fn service_mut(c: &mut Config, i: usize, f: impl FnOnce(&mut Service)) {
    if let Some(s) = c.services.get_mut(i) {
        f(s)
    }
}

fn domain_mut(c: &mut Config, f: impl FnOnce(&mut Domain)) {
    if let Some(d) = &mut c.domain {
        f(d)
    }
}

const fn spec(path: &'static str, label: &'static str, access: Access) -> Spec {
    Spec {
        path,
        label,
        check: None,
        help: None,
        access,
        shown: always,
    }
}

const fn group(path: &'static str, label: &'static str) -> Spec {
    spec(path, label, Access::Group)
}

impl Spec {
    const fn help(self, help: &'static str) -> Spec {
        Spec {
            help: Some(help),
            ..self
        }
    }

    const fn check(self, text: &'static str) -> Spec {
        Spec {
            check: Some(text),
            ..self
        }
    }

    const fn shown(self, shown: fn(&Config) -> bool) -> Spec {
        Spec { shown, ..self }
    }
}

/// The table, in [`Field`]'s order (a test checks it).
static SPECS: [Spec; Field::ALL.len()] = [
    spec("region", "Region", Access::Text(|c, _| Some(c.region.clone()), |c, _, v| {
        edits::set_region(c, v);
    }))
    .help("Where the stacks deploy. The zone names below are the ones a new account usually gets there."),
    spec("network.name", "VPC name", Access::Text(|c, _| Some(c.network.name.clone()), |c, _, v| c.network.name = v))
        .help("Names the network stack; the service stacks import its outputs by this name."),
    spec("network.cidr", "VPC CIDR block", Access::Text(|c, _| Some(c.network.cidr.clone()), |c, _, v| c.network.cidr = v))
        .help("An IPv4 block from /16 (65,536 addresses) to /28, e.g. 10.0.0.0/16."),
    spec("network.ipv6", "IPv6", Access::Check(|c, _| c.network.ipv6, |c, _, on| c.network.ipv6 = on))
        .check("Give the VPC and subnets IPv6 too")
        .help("Amazon assigns the IPv6 blocks; IPv6 egress goes out through an egress-only internet gateway."),
    group("network.subnets", "The subnet list"),
    group("network.nat", "NAT gateway"),
    group("network.nat.azs", "NAT gateway AZs")
        .shown(|c| matches!(c.network.nat, crate::engine::config::Nat::Manual { .. })),
    group("network.gateway_endpoints", "Gateway endpoints"),
    spec("network.az_ids", "Zone IDs", Access::Check(|c, _| c.network.az_ids.is_some(), |c, _, on| edits::set_zone_ids_pinned(c, on)))
        .check("Pin the subnets to zone IDs")
        .help("Recommended: !GetAZs lists only the zones where the account's default VPC has a subnet, so a design that uses every zone can fail in some accounts. ./deploy.sh preflight checks that your account has the zones."),
    spec("network.flow_logs", "VPC flow logs", Access::Check(|c, _| c.network.flow_logs, |c, _, on| c.network.flow_logs = on))
        .check("Record the VPC's flow logs in CloudWatch Logs")
        .help("Every accepted and rejected connection in the VPC, for investigating incidents. The network stack then creates a role for the flow logs service, so it needs CAPABILITY_IAM (deploy.sh passes it)."),
    spec("network.flow_log_days", "Flow log retention", Access::Text(|c, _| Some(c.network.flow_log_days.to_string()), |c, _, v| {
        if let Ok(days) = v.parse() {
            c.network.flow_log_days = days;
        }
    }))
    .shown(|c| c.network.flow_logs),
    group("domain", "Custom domain").check("Use a custom domain"),
    spec("domain.zone", "DNS zone", Access::Text(|c, _| c.domain.as_ref().map(|d| d.zone.clone()), |c, _, v| domain_mut(c, |d| d.zone = v)))
        .help("The domain your hosts live under, e.g. example.com.")
        .shown(|c| c.domain.is_some()),
    spec("domain.certificate_arn", "ACM certificate ARN", Access::Text(
        |c, _| c.domain.as_ref().map(|d| d.certificate_arn.clone().unwrap_or_default()),
        |c, _, v| domain_mut(c, |d| d.certificate_arn = edits::optional_text(&v)),
    ))
    .help("CloudFront only takes certificates from us-east-1; the certificate must cover your hosts (e.g. *.example.com). Leave it empty with a hosted zone, and Stackdraft requests a certificate for each host, validated by DNS.")
    .shown(|c| c.domain.is_some()),
    spec("domain.hosted_zone_id", "Route 53 hosted zone ID", Access::Text(
        |c, _| c.domain.as_ref().map(|d| d.hosted_zone_id.clone().unwrap_or_default()),
        |c, _, v| domain_mut(c, |d| d.hosted_zone_id = edits::optional_text(&v)),
    ))
    .help("Optional: a public hosted zone of this domain in the deploying account (Z…). The service stacks then create each host's DNS records.")
    .shown(|c| c.domain.is_some()),
    spec("edge.waf", "Web ACL", Access::Text(|c, _| Some(edits::waf_mode(&c.edge.waf).to_string()), |c, _, v| edits::set_waf_mode(c, &v)))
        .help("In front of every distribution. The managed one uses AWS's Common, Known Bad Inputs and IP Reputation rule groups and blocks clients over the rate limit."),
    spec("edge.waf.rate_limit", "Rate limit", Access::Number(
        |c, _| match c.edge.waf {
            Waf::Managed { rate_limit, .. } => Some(rate_limit),
            _ => None,
        },
        |c, _, v| {
            if let Waf::Managed { rate_limit, .. } = &mut c.edge.waf {
                *rate_limit = v;
            }
        },
    ))
    .help("Requests per 5 minutes from one client IP before it is blocked.")
    .shown(|c| matches!(c.edge.waf, Waf::Managed { .. })),
    spec("edge.waf.allow_large_bodies", "Large request bodies", Access::Check(
        |c, _| matches!(c.edge.waf, Waf::Managed { allow_large_bodies: true, .. }),
        |c, _, on| {
            if let Waf::Managed { allow_large_bodies, .. } = &mut c.edge.waf {
                *allow_large_bodies = on;
            }
        },
    ))
    .check("Allow request bodies over 8 KB")
    .help("The Common rule set blocks them (SizeRestrictions_BODY); turn this on for uploads or large posts, and that one rule only counts.")
    .shown(|c| matches!(c.edge.waf, Waf::Managed { .. })),
    spec("edge.waf.web_acl_arn", "Web ACL ARN", Access::Text(
        |c, _| match &c.edge.waf {
            Waf::Existing { web_acl_arn } => Some(web_acl_arn.clone()),
            _ => None,
        },
        |c, _, v| {
            if let Waf::Existing { web_acl_arn } = &mut c.edge.waf {
                *web_acl_arn = v;
            }
        },
    ))
    .help("A web ACL of scope CLOUDFRONT, in us-east-1, e.g. arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-web-acl/a1b2c3d4-5678-90ab-cdef-111122223333.")
    .shown(|c| matches!(c.edge.waf, Waf::Existing { .. })),
    spec("edge.access_logs", "Access logs", Access::Check(|c, _| c.edge.access_logs, |c, _, on| c.edge.access_logs = on))
        .check("Keep CloudFront's access logs")
        .help("Standard logs of every distribution, in one private bucket the initial stack creates (a prefix per service). ./deploy.sh teardown empties it, after asking."),
    spec("edge.access_log_days", "Access log retention", Access::Number(|c, _| Some(c.edge.access_log_days), |c, _, v| c.edge.access_log_days = v))
        .help("In days.")
        .shown(|c| c.edge.access_logs),
    spec("edge.price_class", "Price class", Access::Text(|c, _| Some(c.edge.price_class.code().to_string()), |c, _, v| {
        if let Some(class) = crate::engine::config::PriceClass::from_code(&v) {
            c.edge.price_class = class;
        }
    }))
    .help("Which edge locations serve your visitors; fewer locations cost less per GB and may be slower far away."),
    group("services", "The service list"),
    spec("usage.requests_per_month", "Requests a month", Access::Number(|c, _| Some(c.usage.requests_per_month), |c, _, v| c.usage.requests_per_month = v)),
    spec("usage.viewer_gb_per_month", "GB to viewers a month", Access::Number(|c, _| Some(c.usage.viewer_gb_per_month), |c, _, v| c.usage.viewer_gb_per_month = v)),
    spec("usage.nat_egress_gb_per_month", "GB of NAT egress a month", Access::Number(|c, _| Some(c.usage.nat_egress_gb_per_month), |c, _, v| c.usage.nat_egress_gb_per_month = v)),
    spec("usage.log_gb_per_month", "GB of logs a month", Access::Number(|c, _| Some(c.usage.log_gb_per_month), |c, _, v| c.usage.log_gb_per_month = v)),
    spec("usage.classic_interface_endpoints", "Classic design's interface endpoints", Access::Check(|c, _| c.usage.classic_interface_endpoints, |c, _, on| c.usage.classic_interface_endpoints = on))
        .check("Give the classic design interface endpoints (ECR, logs, STS) in every zone")
        .help("What a classic design pays to keep image pulls and logs off its NAT; this design uses free gateway endpoints and its NAT instead."),
    // Service fields: paths below services[i].
    spec("name", "Name", Access::Text(|c, i| service(c, i, |s| s.name.clone()), |c, i, v| service_mut(c, i, |s| s.name = v)))
        .help("The stack name; the ECS service is <name>-service."),
    spec("image", "Container image", Access::Text(|c, i| service(c, i, |s| s.image.clone()), |c, i, v| service_mut(c, i, |s| s.image = v)))
        .help("An image reference, e.g. public.ecr.aws/nginx/nginx:latest, or ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0 for the deploying account's own ECR in the stack's region (the kit's test-app/push-image.sh pushes the test app there)."),
    spec("port", "Container port", Access::Number(|c, i| service(c, i, |s| s.port), |c, i, v| service_mut(c, i, |s| s.port = v)))
        .help("The port your container listens on."),
    spec("cpu", "CPU", Access::Text(|c, i| service(c, i, |s| s.cpu.to_string()), |c, i, v| {
        if let Ok(cpu) = v.parse() {
            service_mut(c, i, |s| edits::set_cpu(s, cpu));
        }
    }))
    .help("Fargate CPU units; the memory choices follow."),
    spec("memory", "Memory", Access::Text(|c, i| service(c, i, |s| s.memory.to_string()), |c, i, v| {
        if let Ok(memory) = v.parse() {
            service_mut(c, i, |s| s.memory = memory);
        }
    })),
    spec("health_check_path", "Health check path", Access::Text(|c, i| service(c, i, |s| s.health_check_path.clone()), |c, i, v| service_mut(c, i, |s| s.health_check_path = v)))
        .help("The load balancer checks this path; it must answer 200."),
    spec("scaling.min", "Minimum tasks", Access::Number(|c, i| service(c, i, |s| s.scaling.min), |c, i, v| service_mut(c, i, |s| s.scaling.min = v))),
    spec("scaling.max", "Maximum tasks", Access::Number(|c, i| service(c, i, |s| s.scaling.max), |c, i, v| service_mut(c, i, |s| s.scaling.max = v))),
    spec("scaling.metric", "Scaling metric", Access::Text(|c, i| service(c, i, |s| s.scaling.metric.code().to_string()), |c, i, v| {
        if let Some(metric) = crate::engine::config::ScalingMetric::ALL.into_iter().find(|m| m.code() == v) {
            service_mut(c, i, |s| s.scaling.metric = metric);
        }
    })),
    spec("scaling.target", "Scaling target", Access::Number(|c, i| service(c, i, |s| s.scaling.target), |c, i, v| service_mut(c, i, |s| s.scaling.target = v))),
    spec("log_retention_days", "Log retention", Access::Text(|c, i| service(c, i, |s| s.log_retention_days.to_string()), |c, i, v| {
        if let Ok(days) = v.parse() {
            service_mut(c, i, |s| s.log_retention_days = days);
        }
    }))
    .help("How long CloudWatch Logs keeps the container logs."),
    spec("cloudfront.enabled", "CloudFront", Access::Check(|c, i| service(c, i, |s| s.cloudfront.enabled).unwrap_or(false), |c, i, on| service_mut(c, i, |s| edits::set_cloudfront(s, on))))
        .check("Serve this service through CloudFront")
        .help("A distribution whose VPC origin is the internal ALB; the service stays private."),
    spec("cloudfront.host", "CloudFront host", Access::Text(|c, i| service(c, i, |s| s.cloudfront.host.clone().unwrap_or_default()), |c, i, v| service_mut(c, i, |s| edits::set_cloudfront_host(s, &v))))
        .help("Optional: one DNS label, e.g. app for app.example.com; needs the custom domain. Leave empty to use the distribution's cloudfront.net name."),
    spec("cloudfront.cache", "CloudFront caching", Access::Text(|c, i| service(c, i, |s| s.cloudfront.cache.code().to_string()), |c, i, v| {
        if let Some(mode) = crate::engine::config::CacheMode::ALL.into_iter().find(|m| m.code() == v) {
            service_mut(c, i, |s| s.cloudfront.cache = mode);
        }
    }))
    .help("Off: every request reaches the service with its cookies and headers, nothing is cached. Short: GET responses are kept up to 2 minutes and shared by every visitor, and the service sees no cookies or viewer headers: only for content that is the same for everyone."),
    spec("secrets_kms_key_arn", "KMS key of the secrets", Access::Text(
        |c, i| service(c, i, |s| s.app.secrets_kms_key_arn.clone().unwrap_or_default()),
        |c, i, v| service_mut(c, i, |s| s.app.secrets_kms_key_arn = edits::optional_text(&v)),
    ))
    .help("Optional: a customer managed KMS key (arn:aws:kms:REGION:ACCOUNT:key/ID) that encrypts this service's secrets; its execution role may then decrypt with it. Not needed for AWS managed keys."),
];

impl Field {
    pub const ALL: [Field; 43] = [
        Field::Region,
        Field::NetworkName,
        Field::NetworkCidr,
        Field::Ipv6,
        Field::Subnets,
        Field::Nat,
        Field::NatAzs,
        Field::GatewayEndpoints,
        Field::ZoneIds,
        Field::FlowLogs,
        Field::FlowLogDays,
        Field::Domain,
        Field::DomainZone,
        Field::CertificateArn,
        Field::HostedZoneId,
        Field::Waf,
        Field::RateLimit,
        Field::AllowLargeBodies,
        Field::WebAclArn,
        Field::AccessLogs,
        Field::AccessLogDays,
        Field::PriceClass,
        Field::Services,
        Field::Requests,
        Field::ViewerGb,
        Field::NatEgressGb,
        Field::LogGb,
        Field::ClassicEndpoints,
        Field::ServiceName,
        Field::ServiceImage,
        Field::ServicePort,
        Field::ServiceCpu,
        Field::ServiceMemory,
        Field::HealthCheckPath,
        Field::ScalingMin,
        Field::ScalingMax,
        Field::ScalingMetric,
        Field::ScalingTarget,
        Field::LogRetention,
        Field::CloudFront,
        Field::CloudFrontHost,
        Field::CloudFrontCache,
        Field::SecretsKmsKeyArn,
    ];

    pub fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }

    /// Whether the field belongs to a service card.
    pub fn per_service(self) -> bool {
        self as usize >= Field::ServiceName as usize
    }

    /// The field of service `index` (design-wide fields ignore the index).
    pub fn at(self, index: usize) -> FieldAt {
        FieldAt { field: self, index }
    }

    /// A design-wide field.
    pub fn here(self) -> FieldAt {
        self.at(0)
    }
}

/// A field of one service (or a design-wide field): what a form control is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldAt {
    pub field: Field,
    pub index: usize,
}

impl FieldAt {
    pub fn spec(self) -> &'static Spec {
        self.field.spec()
    }

    /// The full JSON path: `services[1].port`, `network.cidr`.
    pub fn path(self) -> String {
        let path = self.spec().path;
        if self.field.per_service() {
            service_path(self.index, path)
        } else {
            path.to_string()
        }
    }
}

/// Every JSON path the form has a field or group for, for this design: the table's
/// fields it shows (a service's fields after its card's own path, for the services the
/// form shows), and one per subnet (and its zone ID while they are pinned).
pub fn shown_paths(config: &Config) -> Vec<String> {
    let mut paths: Vec<String> = Field::ALL
        .into_iter()
        .filter(|f| !f.per_service() && (f.spec().shown)(config))
        .map(|f| f.here().path())
        .collect();
    for i in 0..config.services.len().min(MAX_SERVICES) {
        paths.push(service_path(i, ""));
        paths.extend(
            Field::ALL
                .into_iter()
                .filter(|f| f.per_service())
                .map(|f| f.at(i).path()),
        );
        crate::form::lists::shown_paths(config, i, &mut paths);
    }
    for i in 0..config.network.subnets.len() {
        paths.push(entry_path("network.subnets", i, ""));
        if config.network.az_ids.is_some() {
            paths.push(entry_path("network.az_ids", i, ""));
        }
    }
    paths
}

/// The field at a full JSON path, with its service's index.
pub fn find(path: &str) -> Option<FieldAt> {
    match FieldPath::new(path).service() {
        Some((index, below)) => Field::ALL
            .into_iter()
            .find(|f| f.per_service() && f.spec().path == below.as_str())
            .map(|f| f.at(index)),
        None => Field::ALL
            .into_iter()
            .find(|f| !f.per_service() && f.spec().path == path)
            .map(Field::here),
    }
}

/// A label inside a sentence after "Service 2 ": its first letter lowered unless the first
/// word is a name or an acronym ("Container port" → "container port", "CPU", "CloudFront host").
/// ASCII only, as labels are: Unicode case tables would weigh some KB in the wasm.
pub fn lowered(label: &str) -> String {
    let first_word = label.split(' ').next().unwrap_or("");
    // A product's name keeps its capital ("Route 53 hosted zone ID").
    if label.starts_with("Route 53") {
        return label.to_string();
    }
    let mut bytes = first_word.bytes();
    match bytes.next() {
        Some(first) if first.is_ascii_uppercase() && bytes.all(|b| b.is_ascii_lowercase()) => {
            format!("{}{}", first.to_ascii_lowercase() as char, &label[1..])
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_field_order_and_paths_are_distinct() {
        assert_eq!(SPECS.len(), Field::ALL.len());
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
        let mut paths: Vec<String> = Field::ALL.into_iter().map(|f| f.at(3).path()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), Field::ALL.len());
        for f in Field::ALL {
            assert_eq!(
                find(&f.at(2).path()),
                Some(f.at(if f.per_service() { 2 } else { 0 }))
            );
            let spec = f.spec();
            assert!(!spec.label.is_empty());
            assert!(
                matches!(spec.access, Access::Check(..)) == spec.check.is_some()
                    || matches!(spec.access, Access::Group),
                "{f:?}: a checkbox has a sentence beside it, and only a checkbox"
            );
        }
        assert_eq!(find("services[1].nonsense"), None);
        assert_eq!(find("network.subnets[0]"), None);
    }

    #[test]
    fn accessors_read_what_they_write() {
        let mut config = Config::default();
        for f in Field::ALL {
            if !(f.spec().shown)(&config) {
                continue;
            }
            match f.spec().access {
                Access::Number(get, set) => {
                    if get(&config, 1).is_some() {
                        set(&mut config, 1, 7);
                        assert_eq!(get(&config, 1), Some(7), "{f:?}");
                    }
                }
                Access::Check(get, set) => {
                    let before = get(&config, 1);
                    set(&mut config, 1, !before);
                    assert_eq!(get(&config, 1), !before, "{f:?}");
                    set(&mut config, 1, before);
                }
                Access::Text(get, _) => {
                    let _ = get(&config, 9);
                }
                Access::Group => {}
            }
        }
        let Access::Text(_, set) = Field::ServiceImage.spec().access else {
            panic!()
        };
        set(&mut config, 1, "x".into());
        assert_eq!(config.services[1].image, "x");
        set(&mut config, 9, "y".into());
    }

    #[test]
    fn labels_read_inside_sentences() {
        assert_eq!(lowered("Container port"), "container port");
        assert_eq!(lowered("CPU"), "CPU");
        assert_eq!(lowered("CloudFront host"), "CloudFront host");
        assert_eq!(lowered("Name"), "name");
        assert_eq!(
            lowered("Route 53 hosted zone ID"),
            "Route 53 hosted zone ID"
        );
        assert_eq!(lowered("Subnet 1"), "subnet 1");
        assert_eq!(lowered("the VPC"), "the VPC");
        assert_eq!(lowered(""), "");
    }
}
