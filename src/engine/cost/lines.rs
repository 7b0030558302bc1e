//! The monthly lines of a design, one builder per kind of resource: the NAT, the load
//! balancer, the endpoints, the tasks, the logs and the edge.

use super::model::{
    Assumption, CostInput, Design, Line, LineAmount, LineKind, NatPlan, Quantity, WafPlan,
    CLASSIC_INTERFACE_ENDPOINTS, HOURS_PER_MONTH,
};
use super::money::{mul_div, quantity, unit_price};
use super::table::{edge_group, lookup, Confidence, Missing, PriceKey};
use crate::engine::render::GLOBAL_REGION;

/// Thousandths, the resolution of every quantity.
const MILLI: u64 = 1000;

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
        self.priced_in(self.input.region.as_str(), item, key);
    }

    /// Priced at `region`'s price (the web ACL's logs live in us-east-1).
    fn priced_in(&mut self, region: &str, item: Item, key: PriceKey) {
        let amount = match lookup(region, key) {
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
                    Missing::NoEdgeGroup => {
                        format!("the price table puts {region} in no CloudFront edge region group")
                    }
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
const GB_MONTHS: QtyUnit = ("GB-months", "GB-month");
const REQUESTS: QtyUnit = ("requests", "request");
const ACL_MONTHS: QtyUnit = ("web ACL-months", "web ACL-month");
const RULE_MONTHS: QtyUnit = ("rule-months", "rule-month");
const SECRET_MONTHS: QtyUnit = ("secret-months", "secret-month");

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

/// The monthly lines of one design, in the order the report shows them.
pub(super) fn design_lines(input: &CostInput, design: Design) -> Vec<Line> {
    let mut out = Lines {
        input,
        lines: Vec::new(),
    };
    out.nat(design);
    out.load_balancer(design);
    out.endpoints(design);
    out.tasks();
    out.secrets();
    out.service_logs();
    out.edge();
    out.edge_and_vpc_logs();
    out.lines
}

impl Lines<'_> {
    /// Egress to the internet: the NAT, its addresses and its data. (A manual NAT that lists
    /// fewer zones than the subnets is not priced as traffic crossing to the listed zones:
    /// AWS documents no such path, and the review warns that those zones may have no egress.)
    fn nat(&mut self, design: Design) {
        let (input, zones, usage) = (self.input, self.input.subnets, self.input.usage);
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
                self.priced(
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
                self.priced(address_item, PriceKey::PublicIpv4Hour);
                self.priced(
                    Item::new(
                        LineKind::NatData,
                        "Data processed by the NAT",
                        milli(usage.nat_egress_gb),
                        GB,
                    ),
                    PriceKey::RegionalNatGatewayGb,
                );
            }
            Design::Classic => {
                self.priced(
                    Item::new(
                        LineKind::NatHours,
                        format!("Zonal NAT gateways: {zones}, one per zone"),
                        hours(zones),
                        GATEWAY_HOURS,
                    ),
                    PriceKey::NatGatewayHour,
                );
                self.priced(
                    Item::new(
                        LineKind::NatAddresses,
                        format!("Elastic IPs of the NAT gateways: {zones}, one per zone"),
                        hours(zones),
                        ADDRESS_HOURS,
                    ),
                    PriceKey::PublicIpv4Hour,
                );
                self.priced(
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
    }

    /// The load balancer Express Mode provisions, shared by the services.
    fn load_balancer(&mut self, design: Design) {
        let (input, zones, usage) = (self.input, self.input.subnets, self.input.usage);
        let shared = "Express Mode puts services on the same subnets behind one load balancer (likely, not certain)";
        self.priced(
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
        self.priced(
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
            self.priced(
                Item::new(
                    LineKind::AlbAddresses,
                    format!("Public IPv4 addresses of the load balancer: {zones}, one per zone"),
                    hours(zones),
                    ADDRESS_HOURS,
                ),
                PriceKey::PublicIpv4Hour,
            );
        }
    }

    /// The gateway endpoints, or the classic design's interface endpoints.
    fn endpoints(&mut self, design: Design) {
        let (input, zones) = (self.input, self.input.subnets);
        if design == Design::Classic && input.classic_interface_endpoints {
            let count = (CLASSIC_INTERFACE_ENDPOINTS.len() as u64).saturating_mul(zones);
            self.priced(
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
            self.priced(
                Item::new(
                    LineKind::GatewayEndpoints,
                    format!("Gateway endpoints ({})", names.join(", ")),
                    hours(count),
                    ENDPOINT_HOURS,
                ),
                PriceKey::GatewayEndpointHour,
            );
        }
    }

    /// Each service's Fargate vCPU and memory, from its fewest to its most tasks.
    fn tasks(&mut self) {
        let input = self.input;
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
            let resources = [
                (
                    LineKind::FargateVcpu,
                    "vCPU",
                    "vCPU",
                    vcpu_milli,
                    VCPU_HOURS,
                    PriceKey::FargateVcpuHour,
                ),
                (
                    LineKind::FargateMemory,
                    "memory",
                    "GB",
                    gb_milli,
                    GB_HOURS,
                    PriceKey::FargateGbHour,
                ),
            ];
            for (kind, resource, unit, per_task_milli, hours_unit, key) in resources {
                let (lo, hi) = range(per_task_milli);
                let mut item = Item::new(
                    kind,
                    format!(
                        "Fargate {resource}, {}: {} {unit} × {tasks}",
                        service.name,
                        quantity(per_task_milli)
                    ),
                    lo,
                    hours_unit,
                );
                item.quantity.max_milli = hi;
                item.service = Some(index);
                self.priced(item, key);
            }
        }
    }

    /// The Secrets Manager secrets the services read: the same services, so the same line, in
    /// both designs. Parameter Store parameters are not here: standard ones cost nothing (the
    /// report's assumptions say so when a service reads one).
    fn secrets(&mut self) {
        let count = self.input.secrets.len() as u64;
        if count == 0 {
            return;
        }
        let key = PriceKey::SecretsManagerApiCalls;
        let calls = match lookup(&self.input.region, key) {
            Ok(price) => format!(
                "at {} per {}",
                unit_price(price.micro_usd),
                key.unit().label()
            ),
            Err(_) => "a call the price table has no price for".into(),
        };
        self.priced(
            Item::new(
                LineKind::SecretsManagerSecrets,
                format!("Secrets Manager secrets: {count}"),
                milli(count),
                SECRET_MONTHS,
            )
            .usage(format!(
                "each secret the services read counts once, however many variables or JSON keys read it; API calls are not counted: ECS reads a task's secrets each time the task starts, {calls}, and the usage does not say how often tasks start"
            )),
            PriceKey::SecretsManagerSecretMonth,
        );
    }

    /// The services' logs in CloudWatch Logs.
    fn service_logs(&mut self) {
        let usage = self.input.usage;
        let logs = milli(usage.logs_gb);
        self.priced(
            Item::new(
                LineKind::LogsIngestion,
                "CloudWatch Logs ingestion (the services' log groups)",
                logs,
                GB,
            ),
            PriceKey::CloudwatchLogsIngestGb,
        );
        self.priced(
            Item::new(
                LineKind::LogsStorage,
                "CloudWatch Logs storage",
                logs,
                GB_MONTHS,
            )
            .usage("one month's logs kept for a month; a longer retention keeps more"),
            PriceKey::CloudwatchLogsStorageGbMonth,
        );
    }

    /// The single entry point: CloudFront and the web ACL in front of it.
    fn edge(&mut self) {
        let (input, usage) = (self.input, self.input.usage);
        let cloudfront = input.services.iter().any(|s| s.cloudfront);
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
                self.unpriced(requests, reason.clone());
                self.unpriced(data, reason);
            } else {
                self.priced(requests, PriceKey::CloudfrontHttpsRequests);
                self.priced(data, PriceKey::CloudfrontDataOutGb);
            }
        }
        let inspected = if cloudfront { usage.requests } else { 0 };
        match input.waf {
            WafPlan::Off => {}
            WafPlan::Managed => {
                self.priced(
                    Item::new(LineKind::WafAcl, "AWS WAF web ACL", MILLI, ACL_MONTHS),
                    PriceKey::WafWebAclMonth,
                );
                self.priced(
                    Item::new(
                        LineKind::WafRules,
                        "AWS WAF rules: 3 AWS managed rule groups + 1 rate-based rule",
                        4 * MILLI,
                        RULE_MONTHS,
                    )
                    .billing("each AWS managed rule group is billed as one rule", Confidence::ThirdParty),
                    PriceKey::WafRuleMonth,
                );
                self.priced(
                    Item::new(LineKind::WafRequests, "Requests inspected by AWS WAF", milli(inspected), REQUESTS),
                    PriceKey::WafRequestsMillion,
                );
            }
            WafPlan::Existing => self.not_counted(
                Item::new(LineKind::WafAcl, "Existing web ACL", MILLI, ACL_MONTHS),
                "an existing web ACL is not ours to price: its owner pays for it, its rules and its requests",
            ),
    }
    }

    /// CloudFront's standard logs and the VPC's flow logs, when the design keeps them.
    fn edge_and_vpc_logs(&mut self) {
        let input = self.input;
        let logs = milli(input.usage.logs_gb);
        let cloudfront = input.services.iter().any(|s| s.cloudfront);
        if input.access_logs && cloudfront {
            self.priced(
                Item::new(
                    LineKind::AccessLogStorage,
                    "CloudFront standard logs stored in S3",
                    logs,
                    GB_MONTHS,
                )
                .usage("estimated at the usage's GB of logs a month, kept a month"),
                PriceKey::S3StandardGbMonth,
            );
            self.unpriced(
                Item::new(
                    LineKind::AccessLogDelivery,
                    "CloudFront standard log delivery",
                    logs,
                    GB,
                ),
                "no published figure in the price table for delivering CloudFront standard logs"
                    .into(),
            );
        }
        if input.access_logs && cloudfront && input.waf == WafPlan::Managed {
            self.priced_in(
                GLOBAL_REGION,
                Item::new(
                    LineKind::WafLogIngestion,
                    "AWS WAF logs delivered to CloudWatch Logs (us-east-1)",
                    logs,
                    GB,
                )
                .usage("estimated at the usage's GB of logs a month"),
                PriceKey::VendedLogsToCloudwatchGb,
            );
            self.priced_in(
                GLOBAL_REGION,
                Item::new(
                    LineKind::WafLogStorage,
                    "AWS WAF log storage in CloudWatch Logs (us-east-1)",
                    logs,
                    GB_MONTHS,
                )
                .usage("kept a month"),
                PriceKey::CloudwatchLogsStorageGbMonth,
            );
        }
        if input.flow_logs {
            self.priced(
                Item::new(
                    LineKind::FlowLogIngestion,
                    "VPC flow logs delivered to CloudWatch Logs",
                    logs,
                    GB,
                )
                .usage("estimated at the usage's GB of logs a month"),
                PriceKey::VendedLogsToCloudwatchGb,
            );
            self.priced(
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
    }
}
