//! The shape of the dated price table: what a price is, where it applies and how sure we are
//! of it. The figures themselves live in `data/prices.json` and reach the build as the
//! generated `prices.rs`; lookups go through [`lookup`] so the model can use no other price.

use super::prices;

/// How well a figure is sourced, weakest first (so `min` gives the weaker of two).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Confidence {
    /// Reasoning from other figures or AWS's wording; no source states it.
    Inferred,
    /// A blog post, repository, bill or test fixture that quotes AWS's Price List or pages.
    ThirdParty,
    /// An aws.amazon.com or docs.aws.amazon.com page.
    Official,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::Inferred,
        Confidence::ThirdParty,
        Confidence::Official,
    ];

    /// The label used in `data/prices.json` and shown beside every figure.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Inferred => "inferred",
            Confidence::ThirdParty => "third-party citing AWS",
            Confidence::Official => "official AWS page",
        }
    }

    pub fn from_label(label: &str) -> Option<Confidence> {
        Confidence::ALL.into_iter().find(|c| c.label() == label)
    }
}

/// What one unit of a price is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unit {
    Hour,
    Gb,
    GbMonth,
    Month,
    TenThousandRequests,
    MillionRequests,
}

impl Unit {
    /// How many of the line's quantity one priced unit covers (a price per 10,000 requests
    /// applies to 10,000 requests).
    pub fn per(self) -> u64 {
        match self {
            Unit::TenThousandRequests => 10_000,
            Unit::MillionRequests => 1_000_000,
            Unit::Hour | Unit::Gb | Unit::GbMonth | Unit::Month => 1,
        }
    }

    /// The unit as the tables print it, after "per".
    pub fn label(self) -> &'static str {
        match self {
            Unit::Hour => "hour",
            Unit::Gb => "GB",
            Unit::GbMonth => "GB-month",
            Unit::Month => "month",
            Unit::TenThousandRequests => "10,000 requests",
            Unit::MillionRequests => "million requests",
        }
    }
}

/// Where a price applies: in one region, everywhere, or in one CloudFront edge region group.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    Region,
    Global,
    EdgeGroup,
}

/// Every price the model uses. A price outside this list cannot be in the table, and the
/// model can only reach the table through [`lookup`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceKey {
    NatGatewayHour,
    NatGatewayGb,
    RegionalNatGatewayAzHour,
    RegionalNatGatewayGb,
    AlbHour,
    AlbLcuHour,
    FargateVcpuHour,
    FargateGbHour,
    CrossAzGb,
    CloudwatchLogsIngestGb,
    CloudwatchLogsStorageGbMonth,
    VendedLogsToCloudwatchGb,
    S3StandardGbMonth,
    InterfaceEndpointAzHour,
    PublicIpv4Hour,
    WafWebAclMonth,
    WafRuleMonth,
    WafRequestsMillion,
    GatewayEndpointHour,
    CloudfrontDataOutGb,
    CloudfrontHttpsRequests,
    SecretsManagerSecretMonth,
    SecretsManagerApiCalls,
}

impl PriceKey {
    pub const ALL: [PriceKey; 23] = [
        PriceKey::NatGatewayHour,
        PriceKey::NatGatewayGb,
        PriceKey::RegionalNatGatewayAzHour,
        PriceKey::RegionalNatGatewayGb,
        PriceKey::AlbHour,
        PriceKey::AlbLcuHour,
        PriceKey::FargateVcpuHour,
        PriceKey::FargateGbHour,
        PriceKey::CrossAzGb,
        PriceKey::CloudwatchLogsIngestGb,
        PriceKey::CloudwatchLogsStorageGbMonth,
        PriceKey::VendedLogsToCloudwatchGb,
        PriceKey::S3StandardGbMonth,
        PriceKey::InterfaceEndpointAzHour,
        PriceKey::PublicIpv4Hour,
        PriceKey::WafWebAclMonth,
        PriceKey::WafRuleMonth,
        PriceKey::WafRequestsMillion,
        PriceKey::GatewayEndpointHour,
        PriceKey::CloudfrontDataOutGb,
        PriceKey::CloudfrontHttpsRequests,
        PriceKey::SecretsManagerSecretMonth,
        PriceKey::SecretsManagerApiCalls,
    ];

    /// The key in `data/prices.json`.
    pub fn id(self) -> &'static str {
        match self {
            PriceKey::NatGatewayHour => "nat_gateway_hour",
            PriceKey::NatGatewayGb => "nat_gateway_gb",
            PriceKey::RegionalNatGatewayAzHour => "regional_nat_gateway_az_hour",
            PriceKey::RegionalNatGatewayGb => "regional_nat_gateway_gb",
            PriceKey::AlbHour => "alb_hour",
            PriceKey::AlbLcuHour => "alb_lcu_hour",
            PriceKey::FargateVcpuHour => "fargate_x86_vcpu_hour",
            PriceKey::FargateGbHour => "fargate_x86_gb_hour",
            PriceKey::CrossAzGb => "cross_az_gb_each_direction",
            PriceKey::CloudwatchLogsIngestGb => "cloudwatch_logs_ingest_gb",
            PriceKey::CloudwatchLogsStorageGbMonth => "cloudwatch_logs_storage_gb_month",
            PriceKey::VendedLogsToCloudwatchGb => "vended_logs_to_cwl_first_10tb_gb",
            PriceKey::S3StandardGbMonth => "s3_standard_gb_month",
            PriceKey::InterfaceEndpointAzHour => "interface_endpoint_az_hour",
            PriceKey::PublicIpv4Hour => "public_ipv4_hour",
            PriceKey::WafWebAclMonth => "waf_web_acl_month",
            PriceKey::WafRuleMonth => "waf_rule_month",
            PriceKey::WafRequestsMillion => "waf_requests_million",
            PriceKey::GatewayEndpointHour => "gateway_endpoint_hour",
            PriceKey::CloudfrontDataOutGb => "cloudfront_data_out_first_10tb_gb",
            PriceKey::CloudfrontHttpsRequests => "cloudfront_https_requests_10k",
            PriceKey::SecretsManagerSecretMonth => "secrets_manager_secret_month",
            PriceKey::SecretsManagerApiCalls => "secrets_manager_api_calls_10k",
        }
    }

    pub fn from_id(id: &str) -> Option<PriceKey> {
        PriceKey::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn scope(self) -> Scope {
        match self {
            PriceKey::PublicIpv4Hour
            | PriceKey::WafWebAclMonth
            | PriceKey::WafRuleMonth
            | PriceKey::WafRequestsMillion
            | PriceKey::GatewayEndpointHour
            | PriceKey::SecretsManagerSecretMonth
            | PriceKey::SecretsManagerApiCalls => Scope::Global,
            PriceKey::CloudfrontDataOutGb | PriceKey::CloudfrontHttpsRequests => Scope::EdgeGroup,
            _ => Scope::Region,
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            PriceKey::NatGatewayHour
            | PriceKey::RegionalNatGatewayAzHour
            | PriceKey::AlbHour
            | PriceKey::AlbLcuHour
            | PriceKey::FargateVcpuHour
            | PriceKey::FargateGbHour
            | PriceKey::InterfaceEndpointAzHour
            | PriceKey::PublicIpv4Hour
            | PriceKey::GatewayEndpointHour => Unit::Hour,
            PriceKey::NatGatewayGb
            | PriceKey::RegionalNatGatewayGb
            | PriceKey::CrossAzGb
            | PriceKey::CloudwatchLogsIngestGb
            | PriceKey::VendedLogsToCloudwatchGb
            | PriceKey::CloudfrontDataOutGb => Unit::Gb,
            PriceKey::CloudwatchLogsStorageGbMonth | PriceKey::S3StandardGbMonth => Unit::GbMonth,
            PriceKey::WafWebAclMonth
            | PriceKey::WafRuleMonth
            | PriceKey::SecretsManagerSecretMonth => Unit::Month,
            PriceKey::WafRequestsMillion => Unit::MillionRequests,
            PriceKey::CloudfrontHttpsRequests | PriceKey::SecretsManagerApiCalls => {
                Unit::TenThousandRequests
            }
        }
    }

    /// What the price is for, as the unpriced list names it.
    pub fn what(self) -> &'static str {
        match self {
            PriceKey::NatGatewayHour => "NAT gateway hour (zonal)",
            PriceKey::NatGatewayGb => "NAT gateway data processed (zonal)",
            PriceKey::RegionalNatGatewayAzHour => "Regional NAT Gateway hour per zone",
            PriceKey::RegionalNatGatewayGb => "Regional NAT Gateway data processed",
            PriceKey::AlbHour => "Application Load Balancer hour",
            PriceKey::AlbLcuHour => "Application Load Balancer LCU-hour",
            PriceKey::FargateVcpuHour => "Fargate vCPU-hour (Linux/x86)",
            PriceKey::FargateGbHour => "Fargate GB-hour (Linux/x86)",
            PriceKey::CrossAzGb => "data transfer between zones, per direction",
            PriceKey::CloudwatchLogsIngestGb => "CloudWatch Logs ingestion (standard class)",
            PriceKey::CloudwatchLogsStorageGbMonth => "CloudWatch Logs storage",
            PriceKey::VendedLogsToCloudwatchGb => "vended logs delivered to CloudWatch Logs",
            PriceKey::S3StandardGbMonth => "S3 Standard storage",
            PriceKey::InterfaceEndpointAzHour => "interface endpoint hour per zone",
            PriceKey::PublicIpv4Hour => "public IPv4 address hour",
            PriceKey::WafWebAclMonth => "AWS WAF web ACL month",
            PriceKey::WafRuleMonth => "AWS WAF rule month",
            PriceKey::WafRequestsMillion => "AWS WAF requests",
            PriceKey::GatewayEndpointHour => "gateway endpoint hour",
            PriceKey::CloudfrontDataOutGb => "CloudFront data transfer to viewers (first 10 TB)",
            PriceKey::CloudfrontHttpsRequests => "CloudFront HTTPS requests",
            PriceKey::SecretsManagerSecretMonth => "Secrets Manager secret-month",
            PriceKey::SecretsManagerApiCalls => "Secrets Manager API calls",
        }
    }
}

/// One figure of the table: integer micro-dollars per [`PriceKey::unit`], with where it
/// comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Price {
    pub micro_usd: u64,
    /// Ids of [`prices::SOURCES`].
    pub sources: &'static [&'static str],
    /// The date the newest dated source gives (`2026-09-21`, `2026-07`, `undated`).
    pub date: &'static str,
    pub confidence: Confidence,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or [`UNDATED`].
    pub date: &'static str,
    pub kind: Confidence,
}

/// The date of a source that states none.
pub const UNDATED: &str = "undated";

/// CloudFront's price classes: the design's own closed set.
pub use crate::engine::config::PriceClass;

/// A CloudFront edge region group of the pricing page, the design regions it holds and its
/// prices.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct EdgeGroup {
    pub id: &'static str,
    pub name: &'static str,
    pub price_classes: &'static [PriceClass],
    pub regions: &'static [&'static str],
    pub prices: &'static [(PriceKey, Price)],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RegionTable {
    pub region: &'static str,
    pub prices: &'static [(PriceKey, Price)],
}

/// Why a price is not in the table.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Missing {
    /// The table has no figure for this key in this region (or edge group).
    NoFigure { key: PriceKey, place: &'static str },
    /// The region is in no edge region group of the table.
    NoEdgeGroup,
}

fn find(prices: &'static [(PriceKey, Price)], key: PriceKey) -> Option<&'static Price> {
    prices.iter().find(|(k, _)| *k == key).map(|(_, p)| p)
}

/// The edge region group that holds `region`.
pub fn edge_group(region: &str) -> Option<&'static EdgeGroup> {
    prices::EDGE_GROUPS
        .iter()
        .find(|g| g.regions.contains(&region))
}

/// The one way to a price: the figure for `key` that applies to a design in `region`.
pub fn lookup(region: &str, key: PriceKey) -> Result<&'static Price, Missing> {
    match key.scope() {
        Scope::Global => find(prices::GLOBAL, key).ok_or(Missing::NoFigure {
            key,
            place: "any region",
        }),
        Scope::EdgeGroup => {
            let group = edge_group(region).ok_or(Missing::NoEdgeGroup)?;
            find(group.prices, key).ok_or(Missing::NoFigure {
                key,
                place: group.name,
            })
        }
        Scope::Region => {
            let table = prices::REGIONS.iter().find(|t| t.region == region);
            match table {
                Some(table) => find(table.prices, key).ok_or(Missing::NoFigure {
                    key,
                    place: table.region,
                }),
                None => Err(Missing::NoFigure {
                    key,
                    place: crate::engine::regions::find(region).map_or("this region", |r| r.code),
                }),
            }
        }
    }
}

/// The source with this id.
pub fn source(id: &str) -> Option<&'static Source> {
    prices::SOURCES.iter().find(|s| s.id == id)
}
