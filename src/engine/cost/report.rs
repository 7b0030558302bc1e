//! The estimate as people read it: `COST.md` (the zip, byte-identical wherever it is made)
//! and the versioned JSON document `stackdraft cost --format json` prints.

use serde::Serialize;

use super::model::{DesignCost, Estimate, Line, LineAmount, HOURS_PER_MONTH};
use super::money::{dollars, quantity, signed_dollars, unit_price};
use super::prices;
use super::table::{source, PriceKey};
use crate::engine::number_format::thousands;

/// The JSON document's format number.
pub const JSON_FORMAT: u32 = 1;

/// What neither design's estimate contains, shown under every estimate.
pub const LEFT_OUT: [&str; 7] = [
    "Free tiers: CloudFront's always-free 1 TB and 10 million requests a month, the AWS Free Tier.",
    "Savings Plans, reserved capacity and any negotiated discount: on-demand list prices only.",
    "CloudFront's flat-rate plans: pay-as-you-go prices only.",
    "Taxes.",
    "Data transfer between regions, and data transfer out to the internet through the NAT (the same in both designs).",
    "What neither design changes: Route 53, certificates, ECR storage, CloudWatch metrics and alarms, the global stack's other resources.",
    "Charges the usage does not measure: data processed by interface endpoints, active connections of the load balancer, spikes within an hour.",
];

/// The sources (AWS's Systems Manager User Guide) of the statement that standard parameters
/// at standard throughput cost nothing, cited where a service reads a parameter.
pub const PARAMETER_STORE_SOURCES: [&str; 2] = ["S49", "S50"];

/// Statements every estimate rests on, besides each line's own note.
pub fn assumptions(estimate: &Estimate) -> Vec<String> {
    let mut list = vec![format!(
        "{HOURS_PER_MONTH} hours a month, the AWS Pricing Calculator's convention; traffic spread evenly over them."
    )];
    list.push(match estimate.edge_group {
        Some(group) => format!(
            "CloudFront is priced at the {} edge region group, the one that holds {}; viewers elsewhere are billed at their own group's prices.",
            group.name, estimate.input.region
        ),
        None => format!(
            "{} is in no CloudFront edge region group of the price table.",
            estimate.input.region
        ),
    });
    list.push("Origin fetches from the load balancer to CloudFront are free (an AWS origin); a VPC origin has no price of its own in any source.".into());
    if estimate.input.parameters {
        list.push(format!(
            "The services read Parameter Store parameters: as standard parameters at the default standard throughput they cost nothing (AWS Systems Manager User Guide, {}); an advanced parameter, or higher throughput, is charged and not counted.",
            PARAMETER_STORE_SOURCES.join(", ")
        ));
    }
    list
}

fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn range_text(min: &str, max: &str) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    }
}

fn quantity_text(line: &Line) -> String {
    let q = &line.quantity;
    let unit = if q.min_milli == 1000 && q.max_milli == 1000 {
        q.unit_one
    } else {
        q.unit
    };
    format!(
        "{} {unit}",
        range_text(&quantity(q.min_milli), &quantity(q.max_milli))
    )
}

/// `$0.05056 per vCPU-hour`; prices for a block of requests keep their block.
fn price_text(line: &Line, key: PriceKey, micro_usd: u64) -> String {
    let per = if key.unit().per() > 1 {
        key.unit().label()
    } else {
        line.quantity.unit_one
    };
    format!("{} per {per}", unit_price(micro_usd))
}

fn cost_text(min: u64, max: u64) -> String {
    range_text(&dollars(min), &dollars(max))
}

fn total_text(cost: &DesignCost) -> String {
    cost_text(cost.min_micro_usd, cost.max_micro_usd)
}

/// The service name a per-service line is about.
fn service_name<'a>(estimate: &'a Estimate, line: &Line) -> Option<&'a str> {
    line.service
        .and_then(|i| estimate.input.services.get(i))
        .map(|s| s.name.as_str())
}

fn usage_sentence(estimate: &Estimate) -> String {
    let usage = estimate.input.usage;
    format!(
        "{} requests, {} GB to viewers, {} GB of NAT egress, {} GB of logs a month.",
        thousands(usage.requests),
        thousands(usage.viewer_gb),
        thousands(usage.nat_egress_gb),
        thousands(usage.logs_gb)
    )
}

/// One line of a design's table as people read it, in COST.md and on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line's kind, as the JSON document names it (`nat_hours`).
    pub kind: &'static str,
    /// The line differs from the other design's.
    pub differs: bool,
    pub what: String,
    /// The number of the line's assumption note, from 1.
    pub note: Option<usize>,
    /// `quantity × unit price`, or why there is no price.
    pub reckoning: String,
    pub monthly: String,
    pub date: &'static str,
    pub confidence: &'static str,
}

/// A design's rows, and the assumption notes they point to.
pub fn rows(cost: &DesignCost) -> (Vec<Row>, Vec<String>) {
    let mut notes = Vec::new();
    let rows = cost
        .lines
        .iter()
        .map(|line| {
            let note = line.assumption.as_ref().map(|assumption| {
                notes.push(assumption.text.clone());
                notes.len()
            });
            let (reckoning, monthly, date, confidence) = match &line.amount {
                LineAmount::Priced {
                    key,
                    price,
                    min_micro_usd,
                    max_micro_usd,
                } => (
                    format!(
                        "{} × {}",
                        quantity_text(line),
                        price_text(line, *key, price.micro_usd)
                    ),
                    cost_text(*min_micro_usd, *max_micro_usd),
                    price.date,
                    line.confidence().map_or("", |c| c.label()),
                ),
                LineAmount::Unpriced { reason } => (
                    format!("{} × no price: {reason}", quantity_text(line)),
                    "not priced".to_string(),
                    "",
                    "",
                ),
                LineAmount::NotCounted { reason } => {
                    (reason.clone(), "not counted".to_string(), "", "")
                }
            };
            Row {
                kind: line.kind.id(),
                differs: line.differs,
                what: line.what.clone(),
                note,
                reckoning,
                monthly,
                date,
                confidence,
            }
        })
        .collect();
    (rows, notes)
}

/// A design's total, `$188.63–$368.57`.
pub fn total(cost: &DesignCost) -> String {
    total_text(cost)
}

/// The difference classic − this at the minimum and maximum task counts.
pub fn difference(estimate: &Estimate) -> (String, String) {
    let (min, max) = estimate.difference();
    (
        signed_dollars(i128::from(min)),
        signed_dollars(i128::from(max)),
    )
}

/// The usage the estimate assumes, in a sentence.
pub fn usage_text(estimate: &Estimate) -> String {
    usage_sentence(estimate)
}

/// `COST.md`: both designs line by line, the totals and the difference, what could not be
/// priced and what is left out.
/// The heading of the totals' last column: what the classic design costs more (less when
/// negative) than this one.
pub const DIFFERENCE_HEADING: &str = "Classic minus this design";

/// A line's price source as a phrase: "price of 2025-06, AWS price list", or "undated
/// price, third party".
pub fn price_source(date: &str, confidence: &str) -> String {
    match date {
        "" => String::new(),
        crate::engine::cost::table::UNDATED => format!("undated price, {confidence}"),
        date => format!("price of {date}, {confidence}"),
    }
}

pub fn markdown(estimate: &Estimate) -> String {
    let mut md = String::new();
    md.push_str(&format!(
        "# What it costs: monthly estimate in {}\n\n",
        cell(&estimate.input.region)
    ));
    md.push_str(&format!(
        "On-demand list prices in USD from Stackdraft's price table (figures as of {}, compiled {}). Usage: {}\n\n",
        prices::AS_OF,
        prices::COMPILED_ON,
        usage_sentence(estimate)
    ));

    md.push_str(
        &format!("## Totals\n\n| | This design | Classic design | {DIFFERENCE_HEADING} |\n|---|---:|---:|---:|\n"),
    );
    let (diff_min, diff_max) = estimate.difference();
    md.push_str(&format!(
        "| At the minimum task counts | {} | {} | {} |\n",
        dollars(estimate.this.min_micro_usd),
        dollars(estimate.classic.min_micro_usd),
        signed_dollars(i128::from(diff_min))
    ));
    md.push_str(&format!(
        "| At the maximum task counts | {} | {} | {} |\n\n",
        dollars(estimate.this.max_micro_usd),
        dollars(estimate.classic.max_micro_usd),
        signed_dollars(i128::from(diff_max))
    ));
    let unpriced: usize = estimate
        .designs()
        .iter()
        .map(|d| d.unpriced().count())
        .sum();
    if unpriced > 0 {
        md.push_str(&format!(
            "The totals leave out {} that could not be priced (listed below).\n\n",
            if unpriced == 1 {
                "1 line".to_string()
            } else {
                format!("{unpriced} lines")
            }
        ));
    }

    for cost in estimate.designs() {
        md.push_str(&format!(
            "## {}: {}\n\n",
            cost.design.title(),
            cost.design.summary()
        ));
        md.push_str("≠ marks a line that differs from the other design.\n\n");
        md.push_str("| | What | Quantity × unit price | Monthly | Price date | Confidence |\n|---|---|---|---:|---|---|\n");
        let (rows, notes) = rows(cost);
        for row in rows {
            let mut what = cell(&row.what);
            if let Some(note) = row.note {
                what.push_str(&format!(" [{note}]"));
            }
            let mark = if row.differs { "≠" } else { "" };
            // An empty cell is one space wide, as Markdown tables are usually written.
            let padded = |text: &str| {
                if text.is_empty() {
                    " ".to_string()
                } else {
                    format!(" {text} ")
                }
            };
            md.push_str(&format!(
                "| {mark} | {what} | {} | {} |{}|{}|\n",
                cell(&row.reckoning),
                row.monthly,
                padded(row.date),
                padded(row.confidence)
            ));
        }
        md.push_str(&format!(
            "| | **Total** | | **{}** | | |\n\n",
            total_text(cost)
        ));
        for (i, note) in notes.iter().enumerate() {
            md.push_str(&format!("{}. {}\n", i + 1, note));
        }
        if !notes.is_empty() {
            md.push('\n');
        }
    }

    md.push_str("## Could not be priced\n\n");
    if unpriced == 0 {
        md.push_str("Every line is priced.\n\n");
    } else {
        for cost in estimate.designs() {
            for line in cost.unpriced() {
                if let LineAmount::Unpriced { reason } = &line.amount {
                    md.push_str(&format!(
                        "- {}: {}: {}.\n",
                        cost.design.title(),
                        cell(&line.what),
                        cell(reason)
                    ));
                }
            }
        }
        md.push('\n');
    }

    md.push_str("## Assumptions\n\n");
    for item in assumptions(estimate) {
        md.push_str(&format!("- {item}\n"));
    }
    md.push_str("\n## Left out\n\n");
    for item in LEFT_OUT {
        md.push_str(&format!("- {item}\n"));
    }

    md.push_str("\n## Sources of the prices used\n\n");
    for id in sources_used(estimate) {
        if let Some(source) = source(id) {
            md.push_str(&format!(
                "- {}: {} ({}; {})\n",
                source.id,
                source.title,
                source.date,
                source.kind.label()
            ));
        }
    }
    md
}

/// Source ids of the priced lines (and of the Parameter Store statement, when the
/// assumptions make it), in the table's order.
fn sources_used(estimate: &Estimate) -> Vec<&'static str> {
    prices::SOURCES
        .iter()
        .map(|s| s.id)
        .filter(|id| {
            (estimate.input.parameters && PARAMETER_STORE_SOURCES.contains(id))
                || estimate.designs().iter().any(|d| {
                    d.lines.iter().any(|l| match &l.amount {
                        LineAmount::Priced { price, .. } => price.sources.contains(id),
                        _ => false,
                    })
                })
        })
        .collect()
}

#[derive(Serialize)]
struct Document<'a> {
    format: u32,
    region: &'a str,
    hours_per_month: u64,
    price_table: PriceTable,
    edge_group: Option<EdgeGroupDoc>,
    usage: UsageDoc,
    price_class: &'static str,
    classic_interface_endpoints: bool,
    designs: Vec<DesignDoc<'a>>,
    difference: Money,
    unpriced: Vec<UnpricedDoc<'a>>,
    assumptions: Vec<String>,
    left_out: [&'static str; 7],
}

#[derive(Serialize)]
struct PriceTable {
    currency: &'static str,
    as_of: &'static str,
    compiled_on: &'static str,
}

#[derive(Serialize)]
struct EdgeGroupDoc {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct UsageDoc {
    requests_per_month: u64,
    gb_to_viewers: u64,
    gb_nat_egress: u64,
    gb_logs: u64,
}

#[derive(Serialize)]
struct Money {
    min_micro_usd: i64,
    max_micro_usd: i64,
    min: String,
    max: String,
}

#[derive(Serialize)]
struct DesignDoc<'a> {
    design: &'static str,
    title: &'static str,
    summary: &'static str,
    lines: Vec<LineDoc<'a>>,
    total: Money,
}

#[derive(Serialize)]
struct LineDoc<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'a str>,
    what: &'a str,
    quantity: QuantityDoc,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<PriceDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    differs: bool,
}

#[derive(Serialize)]
struct QuantityDoc {
    min_milli: u64,
    max_milli: u64,
    unit: &'static str,
    text: String,
}

#[derive(Serialize)]
struct PriceDoc {
    key: &'static str,
    micro_usd: u64,
    per: &'static str,
    text: String,
    date: &'static str,
    confidence: &'static str,
    sources: &'static [&'static str],
}

#[derive(Serialize)]
struct UnpricedDoc<'a> {
    design: &'static str,
    kind: &'static str,
    what: &'a str,
    reason: &'a str,
}

fn money(min: u64, max: u64) -> Money {
    let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    Money {
        min_micro_usd: signed(min),
        max_micro_usd: signed(max),
        min: dollars(min),
        max: dollars(max),
    }
}

fn line_doc<'a>(estimate: &'a Estimate, line: &'a Line) -> LineDoc<'a> {
    let (status, price, cost, reason) = match &line.amount {
        LineAmount::Priced {
            key,
            price,
            min_micro_usd,
            max_micro_usd,
        } => (
            "priced",
            Some(PriceDoc {
                key: key.id(),
                micro_usd: price.micro_usd,
                per: key.unit().label(),
                text: price_text(line, *key, price.micro_usd),
                date: price.date,
                confidence: price.confidence.label(),
                sources: price.sources,
            }),
            Some(money(*min_micro_usd, *max_micro_usd)),
            None,
        ),
        LineAmount::Unpriced { reason } => ("unpriced", None, None, Some(reason.as_str())),
        LineAmount::NotCounted { reason } => ("not_counted", None, None, Some(reason.as_str())),
    };
    LineDoc {
        kind: line.kind.id(),
        service: service_name(estimate, line),
        what: &line.what,
        quantity: QuantityDoc {
            min_milli: line.quantity.min_milli,
            max_milli: line.quantity.max_milli,
            unit: line.quantity.unit,
            text: quantity_text(line),
        },
        status,
        price,
        cost,
        reason,
        confidence: line.confidence().map(|c| c.label()),
        note: line.assumption.as_ref().map(|a| a.text.as_str()),
        differs: line.differs,
    }
}

/// The JSON document, pretty-printed with a final newline.
pub fn json(estimate: &Estimate) -> String {
    let usage = estimate.input.usage;
    let (diff_min, diff_max) = estimate.difference();
    let design_doc = |cost: &'_ DesignCost| DesignDoc {
        design: cost.design.id(),
        title: cost.design.title(),
        summary: cost.design.summary(),
        lines: Vec::new(),
        total: money(cost.min_micro_usd, cost.max_micro_usd),
    };
    let mut designs = Vec::new();
    for cost in estimate.designs() {
        let mut doc = design_doc(cost);
        doc.lines = cost.lines.iter().map(|l| line_doc(estimate, l)).collect();
        designs.push(doc);
    }
    let mut unpriced = Vec::new();
    for cost in estimate.designs() {
        for line in cost.unpriced() {
            if let LineAmount::Unpriced { reason } = &line.amount {
                unpriced.push(UnpricedDoc {
                    design: cost.design.id(),
                    kind: line.kind.id(),
                    what: &line.what,
                    reason,
                });
            }
        }
    }
    let document = Document {
        format: JSON_FORMAT,
        region: &estimate.input.region,
        hours_per_month: HOURS_PER_MONTH,
        price_table: PriceTable {
            currency: "USD",
            as_of: prices::AS_OF,
            compiled_on: prices::COMPILED_ON,
        },
        edge_group: estimate.edge_group.map(|g| EdgeGroupDoc {
            id: g.id,
            name: g.name,
        }),
        usage: UsageDoc {
            requests_per_month: usage.requests,
            gb_to_viewers: usage.viewer_gb,
            gb_nat_egress: usage.nat_egress_gb,
            gb_logs: usage.logs_gb,
        },
        price_class: estimate.input.price_class.code(),
        classic_interface_endpoints: estimate.input.classic_interface_endpoints,
        designs,
        difference: Money {
            min_micro_usd: diff_min,
            max_micro_usd: diff_max,
            min: signed_dollars(i128::from(diff_min)),
            max: signed_dollars(i128::from(diff_max)),
        },
        unpriced,
        assumptions: assumptions(estimate),
        left_out: LEFT_OUT,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the cost document serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_source_reads_as_words() {
        assert_eq!(price_source("", "AWS"), "");
        assert_eq!(
            price_source("undated", "third party"),
            "undated price, third party"
        );
        assert_eq!(
            price_source("2025-06", "AWS price list"),
            "price of 2025-06, AWS price list"
        );
    }
}
