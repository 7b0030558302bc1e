//! Native only: compiles `data/prices.json` into the Rust source of `src/engine/cost/prices.rs`.
//! Prices are decimal strings turned into integer micro-dollars here, so the wasm never
//! parses or formats a float. `tests/cost.rs` fails when the committed file differs from
//! what this makes (`STACKDRAFT_BLESS=1 cargo test --test cost` rewrites it).

use serde_json::{Map, Value};

use super::table::{Confidence, PriceClass, PriceKey, Scope, UNDATED};
use crate::engine::regions::REGIONS;

/// The only table format this build reads.
pub const TABLE_FORMAT: u64 = 1;

/// A source of the table: id, title, date and kind.
type SourceRow = (String, String, String, Confidence);

/// The Rust source for `data/prices.json`'s text, or the first problem, naming where it is.
pub fn price_table_source(json: &str) -> Result<String, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let root = object(&root, "the table")?;
    if root.get("format").and_then(Value::as_u64) != Some(TABLE_FORMAT) {
        return Err(format!("format: must be {TABLE_FORMAT}"));
    }
    let as_of = string(root, "as_of", "the table")?;
    let compiled_on = string(root, "compiled_on", "the table")?;
    if string(root, "currency", "the table")? != "USD" {
        return Err("currency: must be USD".into());
    }
    let sources = source_rows(root)?;

    let mut text = String::new();
    text.push_str(
        "//! Generated from data/prices.json by `stackdraft::engine::cost::generate`: do not edit.\n",
    );
    text.push_str("//! After changing the data: `STACKDRAFT_BLESS=1 cargo test --test cost`.\n\n");
    text.push_str("use super::table::{Confidence, EdgeGroup, Price, PriceClass, PriceKey, RegionTable, Source};\n\n");
    text.push_str(&format!("pub const AS_OF: &str = {};\n", rust_str(&as_of)));
    text.push_str(&format!(
        "pub const COMPILED_ON: &str = {};\n\n",
        rust_str(&compiled_on)
    ));

    text.push_str("pub static SOURCES: &[Source] = &[\n");
    for (id, title, date, kind) in &sources {
        text.push_str(&format!(
            "    Source {{ id: {}, title: {}, date: {}, kind: Confidence::{kind:?} }},\n",
            rust_str(id),
            rust_str(title),
            rust_str(date)
        ));
    }
    text.push_str("];\n\n");
    region_tables(root, &sources, &mut text)?;
    let global = root
        .get("global")
        .and_then(Value::as_object)
        .ok_or("global: an object of prices")?;
    text.push_str(&format!(
        "pub static GLOBAL: &[(PriceKey, Price)] = &[\n{}];\n\n",
        prices_of(&sources, global, Scope::Global, "global", "    ")?
    ));
    edge_groups(root, &sources, &mut text)?;
    Ok(text)
}

/// The table's sources, each id once.
fn source_rows(root: &Map<String, Value>) -> Result<Vec<SourceRow>, String> {
    let mut sources: Vec<SourceRow> = Vec::new();
    for (i, source) in array(root, "sources", "the table")?.iter().enumerate() {
        let at = format!("sources[{i}]");
        let source = object(source, &at)?;
        let id = string(source, "id", &at)?;
        if sources.iter().any(|(other, _, _, _)| other == &id) {
            return Err(format!("{at}.id: {id} is listed twice"));
        }
        let date = date(source, &at)?;
        let kind = confidence(source, "kind", &at)?;
        sources.push((id, string(source, "title", &at)?, date, kind));
    }
    Ok(sources)
}

/// The newest date among the sources `ids`, or "undated".
fn newest_date(sources: &[SourceRow], ids: &[String]) -> String {
    let mut newest = UNDATED.to_string();
    for (id, _, date, _) in sources {
        if ids.contains(id) && date != UNDATED && (newest == UNDATED || *date > newest) {
            newest = date.clone();
        }
    }
    newest
}

/// One price entry as a `Price { … }` expression.
fn price(sources: &[SourceRow], value: &Value, at: &str) -> Result<String, String> {
    let entry = object(value, at)?;
    let micro = micro_usd(&string(entry, "usd", at)?).map_err(|e| format!("{at}.usd: {e}"))?;
    let ids: Vec<String> = array(entry, "sources", at)?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<_>>()
        .ok_or(format!("{at}.sources: a list of source ids"))?;
    if ids.is_empty() {
        return Err(format!("{at}.sources: a price needs at least one source"));
    }
    for id in &ids {
        if !sources.iter().any(|(s, _, _, _)| s == id) {
            return Err(format!("{at}.sources: {id} is not in the source list"));
        }
    }
    let stated = date(entry, at)?;
    let expected = newest_date(sources, &ids);
    if stated != expected {
        return Err(format!(
            "{at}.date: is {stated}; the newest dated source gives {expected}"
        ));
    }
    let conf = confidence(entry, "confidence", at)?;
    Ok(format!(
        "Price {{ micro_usd: {micro}, sources: &[{}], date: {}, confidence: Confidence::{conf:?} }}",
        ids.iter().map(|s| rust_str(s)).collect::<Vec<_>>().join(", "),
        rust_str(&stated),
    ))
}

/// The `(PriceKey, Price)` lines of one price map of `scope`, in the model's key order.
fn prices_of(
    sources: &[SourceRow],
    map: &Map<String, Value>,
    scope: Scope,
    at: &str,
    indent: &str,
) -> Result<String, String> {
    for key in map.keys() {
        match PriceKey::from_id(key) {
            Some(k) if k.scope() == scope => {}
            Some(_) => return Err(format!("{at}.{key}: this price does not belong here")),
            None => return Err(format!("{at}.{key}: not a price the model uses")),
        }
    }
    let mut out = String::new();
    for key in PriceKey::ALL {
        if let Some(value) = map.get(key.id()) {
            let at = format!("{at}.{}", key.id());
            out.push_str(&format!(
                "{indent}(PriceKey::{key:?}, {}),\n",
                price(sources, value, &at)?
            ));
        }
    }
    Ok(out)
}

/// `REGIONS`: each offered region's prices, in Stackdraft's region order.
fn region_tables(
    root: &Map<String, Value>,
    sources: &[SourceRow],
    text: &mut String,
) -> Result<(), String> {
    let regions = root
        .get("regions")
        .and_then(Value::as_object)
        .ok_or("regions: an object of region code to prices")?;
    for code in regions.keys() {
        if crate::engine::regions::find(code).is_none() {
            return Err(format!("regions.{code}: not a region Stackdraft offers"));
        }
    }
    text.push_str("pub static REGIONS: &[RegionTable] = &[\n");
    for region in REGIONS {
        if let Some(prices) = regions.get(region.code) {
            let at = format!("regions.{}", region.code);
            let prices = prices
                .as_object()
                .ok_or(format!("{at}: an object of prices"))?;
            text.push_str(&format!(
                "    RegionTable {{ region: {}, prices: &[\n{}    ] }},\n",
                rust_str(region.code),
                prices_of(sources, prices, Scope::Region, &at, "        ")?
            ));
        }
    }
    text.push_str("];\n\n");
    Ok(())
}

/// `EDGE_GROUPS`: CloudFront's edge region groups, every offered region in exactly one.
fn edge_groups(
    root: &Map<String, Value>,
    sources: &[SourceRow],
    text: &mut String,
) -> Result<(), String> {
    let mut grouped: Vec<&str> = Vec::new();
    text.push_str("pub static EDGE_GROUPS: &[EdgeGroup] = &[\n");
    for (i, group) in array(root, "edge_groups", "the table")?.iter().enumerate() {
        let at = format!("edge_groups[{i}]");
        let group = object(group, &at)?;
        let mut classes = Vec::new();
        for class in array(group, "price_classes", &at)? {
            let class = class
                .as_str()
                .and_then(PriceClass::from_code)
                .ok_or(format!(
                    "{at}.price_classes: PriceClass_All, PriceClass_200 or PriceClass_100"
                ))?;
            classes.push(format!("PriceClass::{}", class.variant()));
        }
        let mut codes = Vec::new();
        for code in array(group, "regions", &at)? {
            let code = code
                .as_str()
                .and_then(crate::engine::regions::find)
                .ok_or(format!(
                    "{at}.regions: {code} is not a region Stackdraft offers"
                ))?
                .code;
            if grouped.contains(&code) {
                return Err(format!("{at}.regions: {code} is in two edge groups"));
            }
            grouped.push(code);
            codes.push(rust_str(code));
        }
        let prices = group
            .get("prices")
            .and_then(Value::as_object)
            .ok_or(format!("{at}.prices: an object of prices"))?;
        text.push_str(&format!(
            "    EdgeGroup {{\n        id: {},\n        name: {},\n        price_classes: &[{}],\n        regions: &[{}],\n        prices: &[\n{}        ],\n    }},\n",
            rust_str(&string(group, "id", &at)?),
            rust_str(&string(group, "name", &at)?),
            classes.join(", "),
            codes.join(", "),
            prices_of(sources, prices, Scope::EdgeGroup, &format!("{at}.prices"), "            ")?
        ));
    }
    text.push_str("];\n");
    if let Some(region) = REGIONS.iter().find(|r| !grouped.contains(&r.code)) {
        return Err(format!(
            "edge_groups: {} is in no edge group (every offered region needs one)",
            region.code
        ));
    }
    Ok(())
}

/// `"0.004445"` → 4445: at most six decimals, no sign, no exponent.
pub fn micro_usd(text: &str) -> Result<u64, String> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && !digits(fraction)) || fraction.len() > 6 {
        return Err(format!(
            "\"{text}\" is not a price in dollars with at most six decimals"
        ));
    }
    let whole: u64 = whole
        .parse()
        .map_err(|_| format!("\"{text}\" is too large"))?;
    let mut micro: u64 = 0;
    for b in fraction.bytes().chain(std::iter::repeat(b'0')).take(6) {
        micro = micro * 10 + u64::from(b - b'0');
    }
    whole
        .checked_mul(1_000_000)
        .and_then(|w| w.checked_add(micro))
        .ok_or(format!("\"{text}\" is too large"))
}

fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, String> {
    value.as_object().ok_or(format!("{at}: must be an object"))
}

fn string(map: &Map<String, Value>, field: &str, at: &str) -> Result<String, String> {
    map.get(field)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or(format!("{at}.{field}: a string is required"))
}

fn array<'a>(map: &'a Map<String, Value>, field: &str, at: &str) -> Result<&'a Vec<Value>, String> {
    map.get(field)
        .and_then(Value::as_array)
        .ok_or(format!("{at}.{field}: a list is required"))
}

fn confidence(map: &Map<String, Value>, field: &str, at: &str) -> Result<Confidence, String> {
    let label = string(map, field, at)?;
    Confidence::from_label(&label).ok_or(format!(
        "{at}.{field}: \"{label}\" is not one of: official AWS page, third-party citing AWS, inferred"
    ))
}

/// `undated`, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(map: &Map<String, Value>, at: &str) -> Result<String, String> {
    let date = string(map, "date", at)?;
    let shaped = date == UNDATED
        || date.split('-').enumerate().all(|(i, part)| {
            let len = if i == 0 { 4 } else { 2 };
            i < 3 && part.len() == len && part.bytes().all(|b| b.is_ascii_digit())
        });
    if shaped {
        Ok(date)
    } else {
        Err(format!(
            "{at}.date: \"{date}\" is not undated, YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    }
}

/// A Rust string literal (Debug quoting escapes quotes, backslashes and control characters).
fn rust_str(text: &str) -> String {
    format!("{text:?}")
}

/// The coverage table of `data/PRICES.md`: for each regional price, the figure in each
/// region of the table, or `—` where none was found.
pub fn coverage_markdown(json: &str) -> Result<String, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let regions = root["regions"]
        .as_object()
        .ok_or("regions: an object of region code to prices")?;
    let codes: Vec<&str> = REGIONS
        .iter()
        .map(|r| r.code)
        .filter(|c| regions.contains_key(*c))
        .collect();
    let mut md = format!("| price | {} |\n|---|", codes.join(" | "));
    md.push_str(&"---|".repeat(codes.len()));
    md.push('\n');
    for key in PriceKey::ALL
        .into_iter()
        .filter(|k| k.scope() == Scope::Region)
    {
        md.push_str(&format!("| {} |", key.id()));
        for code in &codes {
            let usd = regions[*code][key.id()]["usd"].as_str().unwrap_or("—");
            md.push_str(&format!(" {usd} |"));
        }
        md.push('\n');
    }
    Ok(md)
}

#[cfg(test)]
mod tests {
    use super::micro_usd;

    #[test]
    fn prices_are_read_as_exact_micro_dollars() {
        let good = [
            ("0.004445", 4_445),
            ("0.0243", 24_300),
            ("5", 5_000_000),
            ("0.6", 600_000),
            ("0", 0),
        ];
        for (text, value) in good {
            assert_eq!(micro_usd(text), Ok(value), "{text}");
        }
        for bad in [
            "",
            ".5",
            "5.",
            "0.0000001",
            "-1",
            "1e-3",
            "0,5",
            " 1",
            "18446744073709551615",
        ] {
            assert!(micro_usd(bad).is_err(), "{bad:?}");
        }
    }
}
