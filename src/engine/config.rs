//! The design document (config format v1): what a user edits, keeps in git and shares.

use serde::Serialize;

use crate::engine::error::FieldError;
use crate::engine::message::Message;

/// The only config format version this build reads and writes.
pub const CONFIG_VERSION: u32 = 1;

/// Largest config document accepted, in bytes. A design with the maximum number of
/// services is a few kilobytes; anything near this is not a design.
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub version: u32,
    pub region: String,
    pub network: Network,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<Domain>,
    pub edge: Edge,
    pub services: Vec<Service>,
    pub usage: Usage,
    #[serde(skip_serializing_if = "ReviewSettings::is_empty")]
    pub review: ReviewSettings,
}

/// The review's warnings the user has settled, each accepted with a reason: an accepted
/// warning is listed apart and no longer counted as open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReviewSettings {
    pub accepted: Vec<Acceptance>,
}

impl ReviewSettings {
    pub fn is_empty(&self) -> bool {
        self.accepted.is_empty()
    }
}

/// One accepted warning: the review's stable code and the field path it is raised at
/// (together they name one warning), and why the user accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acceptance {
    pub code: String,
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    pub name: String,
    pub cidr: String,
    pub subnets: Vec<String>,
    /// The Availability Zone ID of each subnet (`apne1-az4`); without it, subnet `i` goes
    /// to `!Select [i, !GetAZs '']`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub az_ids: Option<Vec<String>>,
    pub ipv6: bool,
    pub nat: Nat,
    pub gateway_endpoints: Vec<GatewayEndpoint>,
    pub flow_logs: bool,
    pub flow_log_days: i64,
}

impl Network {
    /// The VPC's block, when its text is a valid CIDR.
    pub fn vpc_block(&self) -> Option<crate::engine::cidr::Cidr> {
        crate::engine::cidr::parse(&self.cidr).ok()
    }

    /// Each subnet's block, `None` where its text is not a valid CIDR.
    pub fn subnet_blocks(&self) -> impl Iterator<Item = Option<crate::engine::cidr::Cidr>> + '_ {
        self.subnets
            .iter()
            .map(|s| crate::engine::cidr::parse(s).ok())
    }
}

/// How the Regional NAT Gateway gets its Elastic IPs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Nat {
    /// AWS expands the gateway to the AZs that have workloads and manages its addresses.
    Auto,
    /// Elastic IPs only in these AZ indices; the gateway serves only these zones (the
    /// review warns when a subnet's zone is missing: `nat-unlisted-zones`).
    Manual { azs: Vec<i64> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GatewayEndpoint {
    S3,
    Dynamodb,
}

impl GatewayEndpoint {
    pub const ALL: [GatewayEndpoint; 2] = [GatewayEndpoint::S3, GatewayEndpoint::Dynamodb];

    /// The service part of `com.amazonaws.<region>.<service>`, and its name in the design.
    pub fn service(self) -> &'static str {
        match self {
            GatewayEndpoint::S3 => "s3",
            GatewayEndpoint::Dynamodb => "dynamodb",
        }
    }

    /// Its resource's logical id in the network stack.
    pub fn logical_id(self) -> &'static str {
        match self {
            GatewayEndpoint::S3 => "S3GatewayEndpoint",
            GatewayEndpoint::Dynamodb => "DynamoDBGatewayEndpoint",
        }
    }

    /// The service it reaches, as people call it.
    pub fn label(self) -> &'static str {
        match self {
            GatewayEndpoint::S3 => "Amazon S3",
            GatewayEndpoint::Dynamodb => "Amazon DynamoDB",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Domain {
    pub zone: String,
    /// An ACM certificate in us-east-1 covering the aliases; optional with a hosted zone,
    /// where the global stack requests a certificate for each alias, validated by DNS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<String>,
    /// A public Route 53 hosted zone of `zone` in the deploying account: the service
    /// stacks then create the aliases' DNS records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<String>,
}

/// The single entry point's settings, shared by every distribution of the design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub waf: Waf,
    pub access_logs: bool,
    pub access_log_days: i64,
    pub price_class: PriceClass,
}

/// A managed web ACL as the default design and the form start it: AWS's rules at the
/// default rate limit, request bodies over 8 KB allowed (Stackdraft cannot know the
/// application's bodies; the review warns where they are blocked). A file that leaves
/// `allow_large_bodies` out still means `false`.
pub const NEW_MANAGED_WAF: Waf = Waf::Managed {
    rate_limit: DEFAULT_RATE_LIMIT,
    allow_large_bodies: true,
};

impl Default for Edge {
    fn default() -> Edge {
        Edge {
            waf: Waf::Off,
            access_logs: false,
            access_log_days: DEFAULT_ACCESS_LOG_DAYS,
            price_class: PriceClass::All,
        }
    }
}

/// The web ACL in front of every distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Waf {
    Off,
    /// A web ACL in the global stack with AWS's managed rule groups and a rate limit.
    Managed {
        rate_limit: i64,
        allow_large_bodies: bool,
    },
    /// A web ACL the user already has (scope CLOUDFRONT, in us-east-1).
    Existing {
        web_acl_arn: String,
    },
}

/// Days the VPC's flow logs are kept, unless the design says otherwise.
pub const DEFAULT_FLOW_LOG_DAYS: i64 = 14;
/// Days CloudFront's access logs are kept, unless the design says otherwise.
pub const DEFAULT_ACCESS_LOG_DAYS: i64 = 90;

/// Requests per five minutes per client IP for a managed web ACL's rate-based rule.
pub const DEFAULT_RATE_LIMIT: i64 = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PriceClass {
    #[serde(rename = "PriceClass_All")]
    All,
    #[serde(rename = "PriceClass_200")]
    P200,
    #[serde(rename = "PriceClass_100")]
    P100,
}

impl PriceClass {
    pub const ALL: [PriceClass; 3] = [PriceClass::All, PriceClass::P200, PriceClass::P100];

    /// The value CloudFront's `PriceClass` property takes.
    pub fn code(self) -> &'static str {
        match self {
            PriceClass::All => "PriceClass_All",
            PriceClass::P200 => "PriceClass_200",
            PriceClass::P100 => "PriceClass_100",
        }
    }

    pub fn from_code(code: &str) -> Option<PriceClass> {
        PriceClass::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The variant's name in Rust, for the generated price table.
    pub fn variant(self) -> &'static str {
        match self {
            PriceClass::All => "All",
            PriceClass::P200 => "P200",
            PriceClass::P100 => "P100",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub name: String,
    pub image: String,
    pub port: i64,
    pub cpu: i64,
    pub memory: i64,
    pub health_check_path: String,
    pub scaling: Scaling,
    pub log_retention_days: i64,
    pub cloudfront: CloudFront,
    /// What the application itself needs: its configuration, secrets, command and
    /// permissions. Every part is optional in the design (absent means none), so designs
    /// from before it mean what they meant.
    #[serde(flatten)]
    pub app: Application,
}

/// What a service's application needs beyond its image: each list empty unless given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Plain environment variables, in the order given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment: Vec<EnvVar>,
    /// Variables whose values ECS fetches from Secrets Manager or Parameter Store when a
    /// task starts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretVar>,
    /// Replaces the image's `CMD`; empty keeps it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    /// S3 buckets and DynamoDB tables the task role may use.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// IAM managed policies attached to the task role, for everything else.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy_arns: Vec<String>,
    /// A customer managed KMS key that encrypts the service's secrets: the execution role
    /// may decrypt with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrets_kms_key_arn: Option<String>,
}

impl Application {
    pub fn is_empty(&self) -> bool {
        *self == Application::default()
    }
}

/// A plain environment variable. Its value is `None` where a share link left it out: the
/// design then asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvVar {
    pub name: String,
    pub value: Option<String>,
}

/// An environment variable whose value comes from a secret or a parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretVar {
    pub name: String,
    /// A Secrets Manager secret ARN (with ECS's optional `:json-key:version-stage:version-id`
    /// suffix), an SSM parameter ARN, or a parameter name in the design's account and region.
    pub value_from: String,
}

/// Access to one bucket or table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permission {
    /// `arn:aws:s3:::bucket` or `arn:aws:dynamodb:<region>:<account>:table/<name>`.
    pub resource: String,
    pub access: Access,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Access {
    #[serde(rename = "read")]
    Read,
    #[serde(rename = "read-write")]
    ReadWrite,
}

impl Access {
    pub const ALL: [Access; 2] = [Access::Read, Access::ReadWrite];

    pub fn code(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::ReadWrite => "read-write",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scaling {
    pub min: i64,
    pub max: i64,
    pub metric: ScalingMetric,
    pub target: i64,
}

/// What Express Mode scales a service on, with the targets it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ScalingMetric {
    #[serde(rename = "AVERAGE_CPU")]
    AverageCpu,
    #[serde(rename = "AVERAGE_MEMORY")]
    AverageMemory,
    #[serde(rename = "REQUEST_COUNT_PER_TARGET")]
    RequestCountPerTarget,
}

impl ScalingMetric {
    pub const ALL: [ScalingMetric; 3] = [
        ScalingMetric::AverageCpu,
        ScalingMetric::AverageMemory,
        ScalingMetric::RequestCountPerTarget,
    ];

    /// The value of `AutoScalingMetric`, and of `scaling.metric` in the design.
    pub fn code(self) -> &'static str {
        match self {
            ScalingMetric::AverageCpu => "AVERAGE_CPU",
            ScalingMetric::AverageMemory => "AVERAGE_MEMORY",
            ScalingMetric::RequestCountPerTarget => "REQUEST_COUNT_PER_TARGET",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ScalingMetric::AverageCpu => "Average CPU use (%)",
            ScalingMetric::AverageMemory => "Average memory use (%)",
            ScalingMetric::RequestCountPerTarget => "Requests per task per minute",
        }
    }

    /// The targets Express Mode accepts for the metric, and how to say them.
    pub fn target_range(self) -> (i64, i64, &'static str) {
        match self {
            ScalingMetric::AverageCpu | ScalingMetric::AverageMemory => {
                (1, 100, "a percentage from 1 to 100")
            }
            ScalingMetric::RequestCountPerTarget => {
                (1, 100_000, "requests per task per minute, 1 to 100,000")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudFront {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub cache: CacheMode,
}

/// What a distribution caches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CacheMode {
    /// Nothing is cached; every request reaches the service with its cookies and headers.
    Off,
    /// GET and HEAD responses for up to two minutes, keyed on the query string; origin
    /// requests carry no cookies and no viewer headers.
    Short,
}

impl CacheMode {
    pub const ALL: [CacheMode; 2] = [CacheMode::Off, CacheMode::Short];

    pub fn code(self) -> &'static str {
        match self {
            CacheMode::Off => "off",
            CacheMode::Short => "short",
        }
    }
}

/// What the design is expected to serve in a month, for the cost estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Usage {
    pub requests_per_month: i64,
    pub viewer_gb_per_month: i64,
    pub nat_egress_gb_per_month: i64,
    pub log_gb_per_month: i64,
    /// The estimate's classic design uses interface endpoints (ECR, logs, STS) in every
    /// zone instead of gateway endpoints.
    pub classic_interface_endpoints: bool,
}

impl Default for Usage {
    /// A small production service.
    fn default() -> Usage {
        Usage {
            requests_per_month: 10_000_000,
            viewer_gb_per_month: 100,
            nat_egress_gb_per_month: 50,
            log_gb_per_month: 5,
            classic_interface_endpoints: false,
        }
    }
}

/// The registry of the deploying account's own ECR in the stack's region, written with
/// CloudFormation's pseudo parameters: an image there deploys in any account.
pub const OWN_ECR_REGISTRY: &str = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com";

/// Where a service's image comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSource<'a> {
    /// `OWN_ECR_REGISTRY/<repository>:<tag>`: the template takes the repository and tag.
    OwnEcr { repository: &'a str, tag: &'a str },
    /// Any other reference, used as written.
    Reference(&'a str),
}

impl Service {
    pub fn image_source(&self) -> ImageSource<'_> {
        let own = self
            .image
            .strip_prefix(OWN_ECR_REGISTRY)
            .and_then(|rest| rest.strip_prefix('/'));
        match own {
            Some(rest) if !rest.contains('@') => {
                let (repository, tag) = match rest.rsplit_once(':') {
                    Some((repository, tag)) => (repository, tag),
                    None => (rest, "latest"),
                };
                ImageSource::OwnEcr { repository, tag }
            }
            _ => ImageSource::Reference(&self.image),
        }
    }

    /// The alias `<host>.<zone>` its distribution answers on, when it has one.
    pub fn alias(&self, domain: Option<&Domain>) -> Option<String> {
        match (&self.cloudfront.host, domain) {
            (Some(host), Some(domain)) => Some(format!("{host}.{}", domain.zone)),
            _ => None,
        }
    }
}

/// The zone IDs the default design pins its three subnets to: Tokyo's zones that every
/// account can use (`apne1-az3` is constrained).
const DEFAULT_AZ_IDS: [&str; 3] = ["apne1-az4", "apne1-az1", "apne1-az2"];

impl Default for Config {
    /// The field report's network and services, deployable in any account as they are
    /// (images in the deploying account's ECR, no custom domain, subnets pinned to zone
    /// IDs, at most six vCPUs at full scale: a new account's Fargate quota), with what the
    /// review advises that needs nothing from the user: the NAT gateway in every subnet's
    /// zone (in manual mode it serves only the zones it lists), the managed web ACL (large
    /// bodies allowed: the default cannot know the application's) and access logs. The
    /// field report's own choices are the example `templates/field-report/`.
    fn default() -> Self {
        Config {
            version: CONFIG_VERSION,
            region: "ap-northeast-1".into(),
            network: Network {
                name: "ecs-express-vpc".into(),
                cidr: "192.168.0.0/18".into(),
                subnets: vec![
                    "192.168.0.0/20".into(),
                    "192.168.16.0/20".into(),
                    "192.168.32.0/20".into(),
                ],
                az_ids: Some(DEFAULT_AZ_IDS.iter().map(|id| id.to_string()).collect()),
                ipv6: true,
                nat: Nat::Manual { azs: vec![0, 1, 2] },
                gateway_endpoints: GatewayEndpoint::ALL.to_vec(),
                flow_logs: false,
                flow_log_days: DEFAULT_FLOW_LOG_DAYS,
            },
            domain: None,
            edge: Edge {
                waf: NEW_MANAGED_WAF,
                access_logs: true,
                ..Edge::default()
            },
            services: vec![
                Service {
                    name: "ecs-express-initial".into(),
                    cloudfront: CloudFront {
                        enabled: true,
                        host: None,
                        cache: CacheMode::Off,
                    },
                    ..Service::example(3)
                },
                Service {
                    name: "ecs-express-secondary".into(),
                    health_check_path: "/".into(),
                    ..Service::example(3)
                },
            ],
            usage: Usage::default(),
            review: ReviewSettings::default(),
        }
    }
}

impl Service {
    /// The field report's container settings: its test image (pushed to the deploying
    /// account's ECR by the kit's `push-image.sh`), 1 vCPU / 2 GB on port 3000, scaling
    /// from one task on average CPU 60%, no CloudFront.
    pub fn example(max_tasks: i64) -> Service {
        Service {
            name: "ecs-express-service".into(),
            image: format!("{OWN_ECR_REGISTRY}/ecs-express-test:latest"),
            port: 3000,
            cpu: 1024,
            memory: 2048,
            health_check_path: "/api/health/".into(),
            scaling: Scaling {
                min: 1,
                max: max_tasks,
                metric: ScalingMetric::AverageCpu,
                target: 60,
            },
            log_retention_days: 14,
            cloudfront: CloudFront {
                enabled: false,
                host: None,
                cache: CacheMode::Off,
            },
            app: Application::default(),
        }
    }
}

impl Config {
    /// Reads a config document. Errors name the JSON path of the offending value.
    pub fn from_json(text: &str) -> Result<Config, FieldError> {
        if text.len() > MAX_CONFIG_BYTES {
            return Err(FieldError::new(
                "",
                Message::config_too_large(text.len(), MAX_CONFIG_BYTES / 1024),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| FieldError::new("", Message::not_json(e.to_string())))?;
        Config::from_value(value)
    }

    /// Reads a `stackdraft.json` file's bytes: the size cap first (a 50 MB file is refused
    /// without being parsed), then UTF-8 (a byte-order mark is allowed), then the JSON.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Config, FieldError> {
        if bytes.len() > MAX_CONFIG_BYTES {
            return Err(FieldError::new(
                "",
                crate::engine::file_open::file_too_large(bytes.len() as u64),
            ));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes)
            .map_err(|_| FieldError::new("", Message::file_not_text()))?;
        Config::from_json(text)
    }

    /// Reads a config from parsed JSON, checking the version first so that a file from a
    /// newer Stackdraft says so instead of failing on a field this build does not know.
    pub fn from_value(value: serde_json::Value) -> Result<Config, FieldError> {
        let object = value
            .as_object()
            .ok_or_else(|| FieldError::new("", Message::not_an_object()))?;
        match object.get("version") {
            None => return Err(FieldError::new("version", Message::version_missing())),
            Some(v) if v.as_u64() == Some(CONFIG_VERSION as u64) => {}
            Some(v) => {
                return Err(FieldError::new(
                    "version",
                    Message::version_unsupported(v.to_string()),
                ))
            }
        }
        crate::engine::read::config(&value)
    }

    /// The canonical, human-friendly form written to `stackdraft.json`.
    pub fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a config always serializes");
        text.push('\n');
        text
    }

    /// The compact form carried by share links.
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).expect("a config always serializes")
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::Domain;

    /// A domain with a certificate, for tests of hosts.
    pub fn test_domain() -> Domain {
        Domain {
            zone: "example.com".into(),
            certificate_arn: Some(
                "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
                    .into(),
            ),
            hosted_zone_id: None,
        }
    }
}
