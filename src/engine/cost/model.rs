//! The cost model: what in a design costs money, priced from the table, beside the classic
//! layout of the same services.

use super::table::{edge_group, Confidence, EdgeGroup, Price, PriceClass, PriceKey};
use crate::engine::application::{secret_source, SecretSource};
use crate::engine::config::{Config, GatewayEndpoint, Nat, Waf};

/// Hours in a month: the AWS Pricing Calculator's convention (8,760 hours a year ÷ 12).
pub const HOURS_PER_MONTH: u64 = 730;

/// Interface endpoints the classic design may use instead of gateway endpoints, in every
/// zone: what an Express Mode task needs to pull from ECR and write logs without a NAT.
pub const CLASSIC_INTERFACE_ENDPOINTS: [&str; 4] = ["ecr.api", "ecr.dkr", "logs", "sts"];

/// Everything in a design that costs money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostInput {
    pub region: String,
    /// Private subnets, one per Availability Zone.
    pub subnets: u64,
    pub nat: NatPlan,
    pub gateway_endpoints: Vec<GatewayEndpoint>,
    pub services: Vec<ServiceLoad>,
    /// The Secrets Manager secrets the services read, each once: its ARN without ECS's
    /// `:json-key:version-stage:version-id` suffix, in the order the services first name it.
    pub secrets: Vec<String>,
    /// Some service reads a Parameter Store parameter.
    pub parameters: bool,
    pub waf: WafPlan,
    /// CloudFront standard logs of every distribution, to one S3 bucket.
    pub access_logs: bool,
    /// VPC flow logs to CloudWatch Logs.
    pub flow_logs: bool,
    pub price_class: PriceClass,
    pub usage: Usage,
    /// The classic design's switch: interface endpoints for ECR, logs and STS in every zone
    /// instead of gateway endpoints.
    pub classic_interface_endpoints: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NatPlan {
    /// Elastic IPs in these AZ indices only.
    Manual { zones: Vec<u64> },
    /// AWS expands the gateway to the zones with workloads.
    Auto,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceLoad {
    pub name: String,
    pub cpu_units: u64,
    pub memory_mib: u64,
    pub min_tasks: u64,
    pub max_tasks: u64,
    pub cloudfront: bool,
}

/// The design's web ACL (issue 12's `edge.waf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WafPlan {
    Off,
    /// Ours: AWS's three managed rule groups and one rate-based rule.
    Managed,
    /// Someone else's ACL, attached by ARN.
    Existing,
}

/// A month of traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub requests: u64,
    pub viewer_gb: u64,
    pub nat_egress_gb: u64,
    pub logs_gb: u64,
}

impl Usage {
    /// A small production service (issue 13).
    pub const DEFAULT: Usage = Usage {
        requests: 10_000_000,
        viewer_gb: 100,
        nat_egress_gb: 50,
        logs_gb: 5,
    };
}

impl Default for Usage {
    fn default() -> Self {
        Usage::DEFAULT
    }
}

/// Today's config fields; the issue-12 options stay off and the usage at its defaults.
pub fn from_config(config: &Config) -> CostInput {
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let (mut secrets, mut parameters) = (Vec::<String>::new(), false);
    for variable in config.services.iter().flat_map(|s| &s.app.secrets) {
        match secret_source(&variable.value_from) {
            Ok(SecretSource::SecretsManager { secret_arn }) => {
                if !secrets.iter().any(|known| known == secret_arn) {
                    secrets.push(secret_arn.to_string());
                }
            }
            Ok(SecretSource::ParameterArn(_) | SecretSource::ParameterName(_)) => parameters = true,
            // Validation names an invalid source; the estimate counts nothing for it.
            Err(_) => {}
        }
    }
    CostInput {
        region: config.region.clone(),
        subnets: config.network.subnets.len() as u64,
        nat: match &config.network.nat {
            Nat::Auto => NatPlan::Auto,
            Nat::Manual { azs } => NatPlan::Manual {
                zones: azs.iter().filter_map(|&z| u64::try_from(z).ok()).collect(),
            },
        },
        gateway_endpoints: config.network.gateway_endpoints.clone(),
        services: config
            .services
            .iter()
            .map(|s| ServiceLoad {
                name: s.name.clone(),
                cpu_units: count(s.cpu),
                memory_mib: count(s.memory),
                min_tasks: count(s.scaling.min),
                max_tasks: count(s.scaling.max),
                cloudfront: s.cloudfront.enabled,
            })
            .collect(),
        secrets,
        parameters,
        waf: match config.edge.waf {
            Waf::Off => WafPlan::Off,
            Waf::Managed { .. } => WafPlan::Managed,
            Waf::Existing { .. } => WafPlan::Existing,
        },
        access_logs: config.edge.access_logs,
        flow_logs: config.network.flow_logs,
        price_class: config.edge.price_class,
        usage: Usage {
            requests: count(config.usage.requests_per_month),
            viewer_gb: count(config.usage.viewer_gb_per_month),
            nat_egress_gb: count(config.usage.nat_egress_gb_per_month),
            logs_gb: count(config.usage.log_gb_per_month),
        },
        classic_interface_endpoints: config.usage.classic_interface_endpoints,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    This,
    Classic,
}

impl Design {
    pub fn id(self) -> &'static str {
        match self {
            Design::This => "this",
            Design::Classic => "classic",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Design::This => "This design",
            Design::Classic => "Classic design",
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Design::This => "private subnets only, a Regional NAT Gateway, an internal load balancer behind CloudFront VPC origins",
            Design::Classic => "public subnets in every zone, a zonal NAT gateway per zone, an internet-facing load balancer behind the same CloudFront",
        }
    }
}

/// What a line is for; lines of the two designs with the same kind (and service) are
/// compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineKind {
    NatHours,
    NatAddresses,
    NatData,
    AlbHours,
    AlbCapacity,
    AlbAddresses,
    GatewayEndpoints,
    InterfaceEndpoints,
    FargateVcpu,
    FargateMemory,
    SecretsManagerSecrets,
    LogsIngestion,
    LogsStorage,
    CloudfrontRequests,
    CloudfrontData,
    WafAcl,
    WafRules,
    WafRequests,
    AccessLogStorage,
    AccessLogDelivery,
    FlowLogIngestion,
    FlowLogStorage,
    WafLogIngestion,
    WafLogStorage,
}

impl LineKind {
    pub fn id(self) -> &'static str {
        match self {
            LineKind::NatHours => "nat_hours",
            LineKind::NatAddresses => "nat_addresses",
            LineKind::NatData => "nat_data",
            LineKind::AlbHours => "alb_hours",
            LineKind::AlbCapacity => "alb_capacity",
            LineKind::AlbAddresses => "alb_addresses",
            LineKind::GatewayEndpoints => "gateway_endpoints",
            LineKind::InterfaceEndpoints => "interface_endpoints",
            LineKind::FargateVcpu => "fargate_vcpu",
            LineKind::FargateMemory => "fargate_memory",
            LineKind::SecretsManagerSecrets => "secrets_manager_secrets",
            LineKind::LogsIngestion => "logs_ingestion",
            LineKind::LogsStorage => "logs_storage",
            LineKind::CloudfrontRequests => "cloudfront_requests",
            LineKind::CloudfrontData => "cloudfront_data",
            LineKind::WafAcl => "waf_acl",
            LineKind::WafRules => "waf_rules",
            LineKind::WafRequests => "waf_requests",
            LineKind::AccessLogStorage => "access_log_storage",
            LineKind::AccessLogDelivery => "access_log_delivery",
            LineKind::FlowLogIngestion => "flow_log_ingestion",
            LineKind::FlowLogStorage => "flow_log_storage",
            LineKind::WafLogIngestion => "waf_log_ingestion",
            LineKind::WafLogStorage => "waf_log_storage",
        }
    }
}

/// A range of a quantity in thousandths of `unit` (equal ends for most lines; Fargate's run
/// from the minimum task count to the maximum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub min_milli: u64,
    pub max_milli: u64,
    /// Plural, as the quantity reads (`vCPU-hours`).
    pub unit: &'static str,
    /// Singular, as a unit price reads (`$0.05056 per vCPU-hour`).
    pub unit_one: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineAmount {
    Priced {
        key: PriceKey,
        price: &'static Price,
        min_micro_usd: u64,
        max_micro_usd: u64,
    },
    /// The table has no figure for it: named, never counted as zero.
    Unpriced { reason: String },
    /// Deliberately not counted, with the reason shown.
    NotCounted { reason: String },
}

/// A note on how the quantity was reached; with a confidence when it is a claim about how
/// AWS bills, not just a usage assumption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    pub text: String,
    pub confidence: Option<Confidence>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    /// Index into [`CostInput::services`] for per-service lines.
    pub service: Option<usize>,
    pub what: String,
    pub quantity: Quantity,
    pub amount: LineAmount,
    pub assumption: Option<Assumption>,
    /// The other design has no such line, or it costs something else.
    pub differs: bool,
}

impl Line {
    /// The weaker of the price's confidence and the billing assumption's.
    pub fn confidence(&self) -> Option<Confidence> {
        let price = match &self.amount {
            LineAmount::Priced { price, .. } => price.confidence,
            _ => return None,
        };
        Some(match self.assumption.as_ref().and_then(|a| a.confidence) {
            Some(assumed) => price.min(assumed),
            None => price,
        })
    }

    pub fn cost(&self) -> Option<(u64, u64)> {
        match &self.amount {
            LineAmount::Priced {
                min_micro_usd,
                max_micro_usd,
                ..
            } => Some((*min_micro_usd, *max_micro_usd)),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignCost {
    pub design: Design,
    pub lines: Vec<Line>,
    /// Sum of the priced lines at the minimum task counts; unpriced lines are not in it.
    pub min_micro_usd: u64,
    pub max_micro_usd: u64,
}

impl DesignCost {
    pub fn unpriced(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .filter(|l| matches!(l.amount, LineAmount::Unpriced { .. }))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub input: CostInput,
    /// The CloudFront edge region group whose prices apply (the one holding the region).
    pub edge_group: Option<&'static EdgeGroup>,
    pub this: DesignCost,
    pub classic: DesignCost,
}

impl Estimate {
    /// Classic minus this design, at the minimum and at the maximum task counts.
    pub fn difference(&self) -> (i64, i64) {
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        (
            signed(self.classic.min_micro_usd) - signed(self.this.min_micro_usd),
            signed(self.classic.max_micro_usd) - signed(self.this.max_micro_usd),
        )
    }

    pub fn designs(&self) -> [&DesignCost; 2] {
        [&self.this, &self.classic]
    }
}

/// Both designs' monthly lines and totals.
pub fn estimate(input: &CostInput) -> Estimate {
    let mut this = super::lines::design_lines(input, Design::This);
    let mut classic = super::lines::design_lines(input, Design::Classic);
    mark_differences(&mut this, &classic);
    mark_differences(&mut classic, &this);
    Estimate {
        input: input.clone(),
        edge_group: edge_group(&input.region),
        this: total(Design::This, this),
        classic: total(Design::Classic, classic),
    }
}

fn total(design: Design, lines: Vec<Line>) -> DesignCost {
    let (mut min, mut max) = (0u64, 0u64);
    for (lo, hi) in lines.iter().filter_map(Line::cost) {
        min = min.saturating_add(lo);
        max = max.saturating_add(hi);
    }
    DesignCost {
        design,
        lines,
        min_micro_usd: min,
        max_micro_usd: max,
    }
}

fn mark_differences(lines: &mut [Line], other: &[Line]) {
    for line in lines.iter_mut() {
        let twin = other
            .iter()
            .find(|o| o.kind == line.kind && o.service == line.service);
        line.differs = match twin {
            None => true,
            Some(twin) => match (&line.amount, &twin.amount) {
                (LineAmount::Priced { .. }, LineAmount::Priced { .. }) => {
                    line.cost() != twin.cost()
                }
                // Neither has a cost to compare: they differ when what they count does.
                (LineAmount::Unpriced { .. }, LineAmount::Unpriced { .. })
                | (LineAmount::NotCounted { .. }, LineAmount::NotCounted { .. }) => {
                    line.quantity != twin.quantity
                }
                _ => true,
            },
        };
    }
}
