//! The cost model: what in a design costs money, priced from the table, beside the classic
//! layout of the same services.

use super::money::mul_div;
use super::table::{
    edge_group, lookup, Confidence, EdgeGroup, Missing, Price, PriceClass, PriceKey,
};
use crate::config::{Config, GatewayEndpoint, Nat, Waf};

/// Hours in a month: the AWS Pricing Calculator's convention (8,760 hours a year ÷ 12).
pub const HOURS_PER_MONTH: u64 = 730;

/// Thousandths, the resolution of every quantity.
const MILLI: u64 = 1000;

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
    CrossZone,
    AlbHours,
    AlbCapacity,
    AlbAddresses,
    GatewayEndpoints,
    InterfaceEndpoints,
    FargateVcpu,
    FargateMemory,
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
}

impl LineKind {
    pub fn id(self) -> &'static str {
        match self {
            LineKind::NatHours => "nat_hours",
            LineKind::NatAddresses => "nat_addresses",
            LineKind::NatData => "nat_data",
            LineKind::CrossZone => "cross_zone",
            LineKind::AlbHours => "alb_hours",
            LineKind::AlbCapacity => "alb_capacity",
            LineKind::AlbAddresses => "alb_addresses",
            LineKind::GatewayEndpoints => "gateway_endpoints",
            LineKind::InterfaceEndpoints => "interface_endpoints",
            LineKind::FargateVcpu => "fargate_vcpu",
            LineKind::FargateMemory => "fargate_memory",
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
    let mut this = design_lines(input, Design::This);
    let mut classic = design_lines(input, Design::Classic);
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

struct Lines<'a> {
    input: &'a CostInput,
    lines: Vec<Line>,
}

struct Item {
    kind: LineKind,
    service: Option<usize>,
    what: String,
    quantity: Quantity,
    assumption: Option<Assumption>,
}

impl Item {
    fn new(kind: LineKind, what: impl Into<String>, milli: u64, unit: QtyUnit) -> Item {
        Item {
            kind,
            service: None,
            what: what.into(),
            quantity: Quantity {
                min_milli: milli,
                max_milli: milli,
                unit: unit.0,
                unit_one: unit.1,
            },
            assumption: None,
        }
    }

    fn billing(mut self, text: impl Into<String>, confidence: Confidence) -> Item {
        self.assumption = Some(Assumption {
            text: text.into(),
            confidence: Some(confidence),
        });
        self
    }

    fn usage(mut self, text: impl Into<String>) -> Item {
        self.assumption = Some(Assumption {
            text: text.into(),
            confidence: None,
        });
        self
    }
}

impl Lines<'_> {
    fn priced(&mut self, item: Item, key: PriceKey) {
        let amount = match lookup(&self.input.region, key) {
            Ok(price) => {
                let per = MILLI * key.unit().per();
                LineAmount::Priced {
                    key,
                    price,
                    min_micro_usd: mul_div(item.quantity.min_milli, price.micro_usd, per),
                    max_micro_usd: mul_div(item.quantity.max_milli, price.micro_usd, per),
                }
            }
            Err(missing) => LineAmount::Unpriced {
                reason: match missing {
                    Missing::NoFigure { key, place } => {
                        format!("the price table has no {} for {place}", key.what())
                    }
                    Missing::NoEdgeGroup => format!(
                        "the price table puts {} in no CloudFront edge region group",
                        self.input.region
                    ),
                },
            },
        };
        self.push(item, amount);
    }

    fn unpriced(&mut self, item: Item, reason: String) {
        self.push(item, LineAmount::Unpriced { reason });
    }

    fn not_counted(&mut self, item: Item, reason: &str) {
        self.push(
            item,
            LineAmount::NotCounted {
                reason: reason.into(),
            },
        );
    }

    fn push(&mut self, item: Item, amount: LineAmount) {
        self.lines.push(Line {
            kind: item.kind,
            service: item.service,
            what: item.what,
            quantity: item.quantity,
            amount,
            assumption: item.assumption,
            differs: false,
        });
    }
}

/// A quantity's unit: plural and singular.
type QtyUnit = (&'static str, &'static str);
const ZONE_HOURS: QtyUnit = ("zone-hours", "zone-hour");
const GATEWAY_HOURS: QtyUnit = ("gateway-hours", "gateway-hour");
const ADDRESS_HOURS: QtyUnit = ("address-hours", "address-hour");
const HOURS: QtyUnit = ("hours", "hour");
const LCU_HOURS: QtyUnit = ("LCU-hours", "LCU-hour");
const ENDPOINT_HOURS: QtyUnit = ("endpoint-hours", "endpoint-hour");
const ENDPOINT_ZONE_HOURS: QtyUnit = ("endpoint-zone-hours", "endpoint-zone-hour");
const VCPU_HOURS: QtyUnit = ("vCPU-hours", "vCPU-hour");
const GB_HOURS: QtyUnit = ("GB-hours", "GB-hour");
const GB: QtyUnit = ("GB", "GB");
const GB_CROSSING: QtyUnit = ("GB (out of one zone + into the other)", "GB");
const GB_MONTHS: QtyUnit = ("GB-months", "GB-month");
const REQUESTS: QtyUnit = ("requests", "request");
const ACL_MONTHS: QtyUnit = ("web ACL-months", "web ACL-month");
const RULE_MONTHS: QtyUnit = ("rule-months", "rule-month");

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `count` whole units in thousandths; saturating, so no usage figure can overflow.
fn milli(count: u64) -> u64 {
    count.saturating_mul(MILLI)
}

/// `count` things running all month, in thousandths of hours.
fn hours(count: u64) -> u64 {
    milli(count.saturating_mul(HOURS_PER_MONTH))
}

fn design_lines(input: &CostInput, design: Design) -> Vec<Line> {
    let mut out = Lines {
        input,
        lines: Vec::new(),
    };
    let zones = input.subnets;
    let usage = input.usage;
    let cloudfront = input.services.iter().any(|s| s.cloudfront);

    // Egress to the internet.
    match design {
        Design::This => {
            let (nat_zones, hours_note, address_item) = match &input.nat {
                NatPlan::Manual { zones: pinned } => {
                    let n = pinned.len() as u64;
                    let indices = pinned
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        n,
                        format!("AWS bills a Regional NAT Gateway for each zone it is configured in; manual mode configures the pinned zones only (AZ index {indices}), so {} (inferred: no AWS text covers manual mode; check RegionalNatGateway-Hours on the first bill)", plural(n, "zone is billed", "zones are billed")),
                        Item::new(LineKind::NatAddresses, format!("Elastic IPs of the NAT: {n}, one per pinned zone"), hours(n), ADDRESS_HOURS),
                    )
                }
                NatPlan::Auto => (
                    zones,
                    format!("AWS bills a Regional NAT Gateway for each zone it is configured in; automatic mode expands into the zones that have workloads, and Express Mode puts the load balancer and tasks in every subnet, so probably all {zones} zones"),
                    Item::new(LineKind::NatAddresses, format!("Public IPv4 addresses of the NAT: {zones}, one per zone"), hours(zones), ADDRESS_HOURS)
                        .billing("automatic mode's addresses are managed by AWS; assumed one per zone, billed like any public IPv4 address", Confidence::Inferred),
                ),
            };
            out.priced(
                Item::new(
                    LineKind::NatHours,
                    format!(
                        "Regional NAT Gateway, {}",
                        plural(nat_zones, "zone", "zones")
                    ),
                    hours(nat_zones),
                    ZONE_HOURS,
                )
                .billing(hours_note, Confidence::Inferred),
                PriceKey::RegionalNatGatewayAzHour,
            );
            out.priced(address_item, PriceKey::PublicIpv4Hour);
            out.priced(
                Item::new(
                    LineKind::NatData,
                    "Data processed by the NAT",
                    milli(usage.nat_egress_gb),
                    GB,
                ),
                PriceKey::RegionalNatGatewayGb,
            );
            if let NatPlan::Manual { zones: pinned } = &input.nat {
                let pinned = pinned.len() as u64;
                if zones > pinned && zones > 0 {
                    let others = zones - pinned;
                    out.priced(
                        Item::new(
                            LineKind::CrossZone,
                            format!("Traffic from the other {} to the NAT", plural(others, "zone", "zones")),
                            mul_div(milli(usage.nat_egress_gb), 2 * others, zones),
                            GB_CROSSING,
                        )
                        .billing(format!("NAT egress spread evenly over the {zones} zones: {others} of {zones} of it crosses zones, and each GB that crosses is billed leaving one zone and entering the other"), Confidence::Inferred),
                        PriceKey::CrossAzGb,
                    );
                }
            }
        }
        Design::Classic => {
            out.priced(
                Item::new(
                    LineKind::NatHours,
                    format!("Zonal NAT gateways: {zones}, one per zone"),
                    hours(zones),
                    GATEWAY_HOURS,
                ),
                PriceKey::NatGatewayHour,
            );
            out.priced(
                Item::new(
                    LineKind::NatAddresses,
                    format!("Elastic IPs of the NAT gateways: {zones}, one per zone"),
                    hours(zones),
                    ADDRESS_HOURS,
                ),
                PriceKey::PublicIpv4Hour,
            );
            out.priced(
                Item::new(
                    LineKind::NatData,
                    "Data processed by the NAT gateways",
                    milli(usage.nat_egress_gb),
                    GB,
                ),
                PriceKey::NatGatewayGb,
            );
        }
    }

    // The load balancer Express Mode provisions, shared by the services.
    let shared = "Express Mode puts services on the same subnets behind one load balancer (likely, not certain)";
    out.priced(
        Item::new(
            LineKind::AlbHours,
            match design {
                Design::This => "Internal Application Load Balancer",
                Design::Classic => "Internet-facing Application Load Balancer",
            },
            hours(1),
            HOURS,
        )
        .billing(shared, Confidence::Inferred),
        PriceKey::AlbHour,
    );
    let services = input.services.len() as u64;
    let extra_rules = services.saturating_sub(10);
    let by_connections = mul_div(usage.requests, MILLI, 90_000);
    let by_bytes = milli(usage.viewer_gb);
    let by_rules = mul_div(usage.requests, extra_rules, 3_600);
    out.priced(
        Item::new(
            LineKind::AlbCapacity,
            "Load balancer capacity units",
            by_connections.max(by_bytes).max(by_rules),
            LCU_HOURS,
        )
        .billing(
            "LCU-hours = the largest of: requests ÷ 90,000 (a new connection per request, 25 a second per LCU), GB to viewers (1 GB an hour per LCU), requests × listener rules beyond the 10 free ÷ 3,600,000 (1,000 evaluations a second per LCU; one rule per service); traffic spread evenly over the month, active connections not counted",
            Confidence::Inferred,
        ),
        PriceKey::AlbLcuHour,
    );
    if design == Design::Classic {
        out.priced(
            Item::new(
                LineKind::AlbAddresses,
                format!("Public IPv4 addresses of the load balancer: {zones}, one per zone"),
                hours(zones),
                ADDRESS_HOURS,
            ),
            PriceKey::PublicIpv4Hour,
        );
    }

    // Endpoints.
    if design == Design::Classic && input.classic_interface_endpoints {
        let count = (CLASSIC_INTERFACE_ENDPOINTS.len() as u64).saturating_mul(zones);
        out.priced(
            Item::new(
                LineKind::InterfaceEndpoints,
                format!(
                    "Interface endpoints {} in every zone ({} × {zones})",
                    CLASSIC_INTERFACE_ENDPOINTS.join(", "),
                    CLASSIC_INTERFACE_ENDPOINTS.len()
                ),
                hours(count),
                ENDPOINT_ZONE_HOURS,
            )
            .usage("data processed through the endpoints is not counted: its volume is not in the usage"),
            PriceKey::InterfaceEndpointAzHour,
        );
    } else if !input.gateway_endpoints.is_empty() {
        let names: Vec<&str> = input
            .gateway_endpoints
            .iter()
            .map(|e| e.service())
            .collect();
        let count = names.len() as u64;
        out.priced(
            Item::new(
                LineKind::GatewayEndpoints,
                format!("Gateway endpoints ({})", names.join(", ")),
                hours(count),
                ENDPOINT_HOURS,
            ),
            PriceKey::GatewayEndpointHour,
        );
    }

    // Tasks.
    for (index, service) in input.services.iter().enumerate() {
        let tasks = format!("{}–{} tasks", service.min_tasks, service.max_tasks);
        let vcpu_milli = mul_div(service.cpu_units, MILLI, 1024);
        let gb_milli = mul_div(service.memory_mib, MILLI, 1024);
        let range = |per_task_milli: u64| {
            let per_task_month = per_task_milli.saturating_mul(HOURS_PER_MONTH);
            (
                service.min_tasks.saturating_mul(per_task_month),
                service.max_tasks.saturating_mul(per_task_month),
            )
        };
        let (lo, hi) = range(vcpu_milli);
        let mut vcpu = Item::new(
            LineKind::FargateVcpu,
            format!(
                "Fargate vCPU, {}: {} vCPU × {tasks}",
                service.name,
                super::money::quantity(vcpu_milli)
            ),
            lo,
            VCPU_HOURS,
        );
        vcpu.quantity.max_milli = hi;
        vcpu.service = Some(index);
        out.priced(vcpu, PriceKey::FargateVcpuHour);
        let (lo, hi) = range(gb_milli);
        let mut memory = Item::new(
            LineKind::FargateMemory,
            format!(
                "Fargate memory, {}: {} GB × {tasks}",
                service.name,
                super::money::quantity(gb_milli)
            ),
            lo,
            GB_HOURS,
        );
        memory.quantity.max_milli = hi;
        memory.service = Some(index);
        out.priced(memory, PriceKey::FargateGbHour);
    }

    // Logs of the services.
    let logs = milli(usage.logs_gb);
    out.priced(
        Item::new(
            LineKind::LogsIngestion,
            "CloudWatch Logs ingestion (the services' log groups)",
            logs,
            GB,
        ),
        PriceKey::CloudwatchLogsIngestGb,
    );
    out.priced(
        Item::new(
            LineKind::LogsStorage,
            "CloudWatch Logs storage",
            logs,
            GB_MONTHS,
        )
        .usage("one month's logs kept for a month; a longer retention keeps more"),
        PriceKey::CloudwatchLogsStorageGbMonth,
    );

    // The single entry point.
    if cloudfront {
        let group = edge_group(&input.region);
        let served = group.map(|g| g.price_classes.contains(&input.price_class));
        let group_name = group.map_or("no", |g| g.name);
        let requests = Item::new(
            LineKind::CloudfrontRequests,
            format!("CloudFront HTTPS requests ({group_name} prices)"),
            milli(usage.requests),
            REQUESTS,
        );
        let mut data = Item::new(
            LineKind::CloudfrontData,
            format!("CloudFront data to viewers ({group_name} prices)"),
            milli(usage.viewer_gb),
            GB,
        );
        if usage.viewer_gb > 10_240 {
            data = data.usage("priced at the first-10-TB rate: the GB beyond 10 TB cost less");
        }
        if served == Some(false) {
            let reason = format!(
                "{} does not serve from the {group_name} edge group that holds {}; which edges serve these viewers, at which group's price, is not known",
                input.price_class.code(),
                input.region
            );
            out.unpriced(requests, reason.clone());
            out.unpriced(data, reason);
        } else {
            out.priced(requests, PriceKey::CloudfrontHttpsRequests);
            out.priced(data, PriceKey::CloudfrontDataOutGb);
        }
    }
    let inspected = if cloudfront { usage.requests } else { 0 };
    match input.waf {
        WafPlan::Off => {}
        WafPlan::Managed => {
            out.priced(
                Item::new(LineKind::WafAcl, "AWS WAF web ACL", MILLI, ACL_MONTHS),
                PriceKey::WafWebAclMonth,
            );
            out.priced(
                Item::new(
                    LineKind::WafRules,
                    "AWS WAF rules: 3 AWS managed rule groups + 1 rate-based rule",
                    4 * MILLI,
                    RULE_MONTHS,
                )
                .billing("each AWS managed rule group is billed as one rule", Confidence::ThirdParty),
                PriceKey::WafRuleMonth,
            );
            out.priced(
                Item::new(LineKind::WafRequests, "Requests inspected by AWS WAF", milli(inspected), REQUESTS),
                PriceKey::WafRequestsMillion,
            );
        }
        WafPlan::Existing => out.not_counted(
            Item::new(LineKind::WafAcl, "Existing web ACL", MILLI, ACL_MONTHS),
            "an existing web ACL is not ours to price: its owner pays for it, its rules and its requests",
        ),
    }
    if input.access_logs && cloudfront {
        out.priced(
            Item::new(
                LineKind::AccessLogStorage,
                "CloudFront standard logs stored in S3",
                logs,
                GB_MONTHS,
            )
            .usage("estimated at the usage's GB of logs a month, kept a month"),
            PriceKey::S3StandardGbMonth,
        );
        out.unpriced(
            Item::new(
                LineKind::AccessLogDelivery,
                "CloudFront standard log delivery",
                logs,
                GB,
            ),
            "no published figure in the price table for delivering CloudFront standard logs".into(),
        );
    }
    if input.flow_logs {
        out.priced(
            Item::new(
                LineKind::FlowLogIngestion,
                "VPC flow logs delivered to CloudWatch Logs",
                logs,
                GB,
            )
            .usage("estimated at the usage's GB of logs a month"),
            PriceKey::VendedLogsToCloudwatchGb,
        );
        out.priced(
            Item::new(
                LineKind::FlowLogStorage,
                "Flow log storage in CloudWatch Logs",
                logs,
                GB_MONTHS,
            )
            .usage("kept a month"),
            PriceKey::CloudwatchLogsStorageGbMonth,
        );
    }
    out.lines
}
