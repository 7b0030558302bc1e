//! Numbers typed as text: what the design keeps while a number field holds text that
//! is not (yet) a whole number, and how those drafts follow their service when the list
//! changes.

use std::collections::BTreeMap;

use crate::engine::error::FieldError;
use crate::engine::field_path::{service_path, FieldPath};
use crate::engine::message::Message;
use crate::engine::validate::is_usage_path;
/// Text typed into number fields that is not (yet) a whole number, by the field's JSON
/// path. The design keeps its last good value; the field keeps the text and shows why it
/// is not used, and the design counts as invalid until the text is fixed (a usage figure:
/// only the estimate is off). A usage figure written as `10M` or `2 TB` is kept as typed
/// too, while the design holds its number.
pub type NumberDrafts = BTreeMap<String, String>;

/// Reads a whole number as a person types it: surrounding spaces are ignored, a sign is
/// allowed, anything else (empty, decimals, letters, `1e3`, huge values) is refused with
/// a reason.
pub fn parse_whole_number(text: &str) -> Result<i64, Message> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Message::number_empty());
    }
    let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if digits.contains(['.', ',']) {
            Message::number_not_whole_separators(trimmed)
        } else {
            Message::number_not_whole(trimmed)
        });
    }
    trimmed
        .parse::<i64>()
        .map_err(|_| Message::number_too_large(trimmed))
}

/// Whether the field at `path` is a usage figure of the cost estimate, and then whether it
/// is an amount of data (GB) rather than a count.
fn usage_field(path: &str) -> Option<bool> {
    is_usage_path(path).then(|| path.contains("_gb_"))
}

/// Reads the text of the number field at `path`: a usage figure as a quantity
/// ([`parse_quantity`]), any other field as a whole number.
pub fn parse_number_for(path: &str, text: &str) -> Result<i64, Message> {
    match usage_field(path) {
        Some(data) => parse_quantity(text, data),
        None => parse_whole_number(text),
    }
}

/// Reads a usage figure as people write one: a whole number with optional thousands
/// separators (`10,000,000`, `10_000_000`, `10 000 000`: groups of three), and a unit: for
/// counts `k`, `M`, `G` (thousands, millions, billions: `10M`, `1.5k`), for data `GB` or
/// `TB` (`500 GB`, `2 TB`; a TB is read as 1,000 GB). The result must be whole.
pub fn parse_quantity(text: &str, data: bool) -> Result<i64, Message> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Message::number_empty());
    }
    let unit_at = trimmed
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let (number, unit) = trimmed.split_at(unit_at);
    let multiplier: i128 = match (data, unit) {
        (_, "") => 1,
        (false, "k" | "K") => 1_000,
        (false, "M") => 1_000_000,
        (false, "G") => 1_000_000_000,
        (true, "GB" | "gb" | "Gb" | "G") => 1,
        (true, "TB" | "tb" | "Tb" | "T") => 1_000,
        _ => return Err(refused(trimmed, data)),
    };
    let number = number.trim_end();
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = ungrouped(whole).ok_or_else(|| refused(trimmed, data))?;
    if whole.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return Err(refused(trimmed, data));
    }
    if whole.len() > 19 {
        return Err(Message::number_too_large(trimmed));
    }
    let scale = 10i128.pow(fraction.len() as u32);
    let parts = (
        whole.parse::<i128>(),
        format!("0{fraction}").parse::<i128>(),
    );
    let (Ok(whole), Ok(fraction)) = parts else {
        return Err(refused(trimmed, data));
    };
    let scaled = (whole * scale + fraction) * multiplier;
    if scaled % scale != 0 {
        return Err(Message::quantity_fraction(trimmed));
    }
    let value = scaled / scale;
    i64::try_from(if negative { -value } else { value })
        .map_err(|_| Message::number_too_large(trimmed))
}

fn refused(text: &str, data: bool) -> Message {
    if data {
        Message::quantity_data(text)
    } else {
        Message::quantity_count(text)
    }
}

/// The digits of `text` without its thousands separators: plain digits, or groups of three
/// after the first (one to three digits) joined by one kind of `,`, `_` or a space.
fn ungrouped(text: &str) -> Option<String> {
    let Some(separator) = text.chars().find(|c| matches!(c, ',' | '_' | ' ')) else {
        return text
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.to_string());
    };
    let mut groups = text.split(separator);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(group);
    }
    Some(out)
}

/// The result of typing `text` into the number field at `path`: `Some(value)` to store in
/// the design (and the draft is dropped), or `None` with the text kept as a draft. A usage
/// figure written with separators or a unit keeps its text while it is edited (the design
/// holds the number).
pub fn apply_number_text(drafts: &mut NumberDrafts, path: &str, text: &str) -> Option<i64> {
    match parse_number_for(path, text) {
        Ok(value) => {
            if usage_field(path).is_some() && text.trim() != value.to_string() {
                drafts.insert(path.to_string(), text.to_string());
            } else {
                drafts.remove(path);
            }
            Some(value)
        }
        Err(_) => {
            drafts.insert(path.to_string(), text.to_string());
            None
        }
    }
}

/// One error per number field whose text is not a number it takes.
pub fn draft_errors(drafts: &NumberDrafts) -> Vec<FieldError> {
    drafts
        .iter()
        .filter_map(|(path, text)| {
            parse_number_for(path, text)
                .err()
                .map(|message| FieldError::new(path.clone(), message))
        })
        .collect()
}

/// Whether the field at `path` holds text that is not a number it takes (its design value
/// is then the last good one, and its own errors are not shown).
pub fn unreadable(drafts: &NumberDrafts, path: &str) -> bool {
    drafts
        .get(path)
        .is_some_and(|text| parse_number_for(path, text).is_err())
}

/// Re-keys the drafts of `services[..]` fields after a service list edit, so each draft
/// stays with its service. `old_to_new` maps an old index to its new index, or `None` for
/// a removed service (its drafts are dropped).
pub fn remap_service_drafts(
    drafts: &mut NumberDrafts,
    old_to_new: impl Fn(usize) -> Option<usize>,
) {
    let old = std::mem::take(drafts);
    for (path, text) in old {
        match FieldPath::new(&path).service() {
            Some((index, below)) => {
                if let Some(new) = old_to_new(index) {
                    drafts.insert(service_path(new, below.as_str()), text);
                }
            }
            None => {
                drafts.insert(path, text);
            }
        }
    }
}

/// Re-keys the drafts after service `copy` was inserted as a copy: later services move
/// down one.
pub fn after_duplicate(drafts: &mut NumberDrafts, copy: usize) {
    remap_service_drafts(drafts, |i| Some(if i >= copy { i + 1 } else { i }));
}

/// Re-keys the drafts after service `removed` was removed: its drafts go, later services
/// move up one.
pub fn after_remove(drafts: &mut NumberDrafts, removed: usize) {
    remap_service_drafts(drafts, |i| match i {
        i if i == removed => None,
        i if i > removed => Some(i - 1),
        i => Some(i),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 30 §5: usage figures as people write them, each value worked out by hand.
    #[test]
    fn usage_figures_take_separators_and_units() {
        let count = |t: &str| parse_quantity(t, false);
        let data = |t: &str| parse_quantity(t, true);
        assert_eq!(count("10M"), Ok(10_000_000));
        assert_eq!(count("1.5k"), Ok(1_500));
        assert_eq!(count("2G"), Ok(2_000_000_000));
        assert_eq!(count(" 10,000,000 "), Ok(10_000_000));
        assert_eq!(count("10_000"), Ok(10_000));
        assert_eq!(count("1 000 000"), Ok(1_000_000));
        assert_eq!(count("2.5M"), Ok(2_500_000));
        assert_eq!(count("-5"), Ok(-5));
        assert_eq!(data("500 GB"), Ok(500));
        assert_eq!(data("500GB"), Ok(500));
        assert_eq!(data("2 TB"), Ok(2_000));
        assert_eq!(data("1.5 tb"), Ok(1_500));
        assert_eq!(data("1,024"), Ok(1_024));
        assert_eq!(count("1.2345k"), Err(Message::quantity_fraction("1.2345k")));
        assert_eq!(count("1,5"), Err(Message::quantity_count("1,5")));
        assert_eq!(count("10m"), Err(Message::quantity_count("10m")));
        assert_eq!(count("1e3"), Err(Message::quantity_count("1e3")));
        assert_eq!(count("10 GB"), Err(Message::quantity_count("10 GB")));
        assert_eq!(data("10M"), Err(Message::quantity_data("10M")));
        assert_eq!(count("1,00,000"), Err(Message::quantity_count("1,00,000")));
        assert_eq!(count(""), Err(Message::number_empty()));
        assert_eq!(
            count("9223372036854775807k"),
            Err(Message::number_too_large("9223372036854775807k"))
        );
        // Other number fields stay whole numbers.
        assert_eq!(
            parse_number_for("services[0].port", "3k"),
            Err(Message::number_not_whole("3k"))
        );
        assert_eq!(
            parse_number_for("usage.viewer_gb_per_month", "3 TB"),
            Ok(3_000)
        );
    }

    /// A usage figure with a unit keeps its text in the field while the design holds the
    /// number; plain digits leave no draft, and neither is an error.
    #[test]
    fn a_usage_figure_keeps_its_text() {
        let mut drafts = NumberDrafts::new();
        let path = "usage.requests_per_month";
        assert_eq!(
            apply_number_text(&mut drafts, path, "10M"),
            Some(10_000_000)
        );
        assert_eq!(drafts.get(path).map(String::as_str), Some("10M"));
        assert!(draft_errors(&drafts).is_empty());
        assert!(!unreadable(&drafts, path));
        assert_eq!(apply_number_text(&mut drafts, path, "7"), Some(7));
        assert!(drafts.is_empty());
        assert_eq!(apply_number_text(&mut drafts, path, "10 apples"), None);
        assert!(unreadable(&drafts, path));
    }
    use crate::engine::message::Code;

    #[test]
    fn whole_numbers_are_read_and_everything_else_refused() {
        for (text, value) in [("3000", 3000), (" 42 ", 42), ("-1", -1), ("+7", 7)] {
            assert_eq!(parse_whole_number(text), Ok(value), "{text}");
        }
        let code = |text: &str| parse_whole_number(text).unwrap_err().code();
        assert_eq!(code(""), Code::NumberEmpty);
        assert_eq!(code("   "), Code::NumberEmpty);
        assert_eq!(
            parse_whole_number("1.5"),
            Err(Message::number_not_whole_separators("1.5"))
        );
        assert_eq!(code("1,000"), Code::NumberNotWholeSeparators);
        assert_eq!(
            parse_whole_number(" abc "),
            Err(Message::number_not_whole("abc"))
        );
        assert_eq!(code("1e3"), Code::NumberNotWhole);
        assert_eq!(code("-"), Code::NumberNotWhole);
        assert_eq!(code("--1"), Code::NumberNotWhole);
        assert_eq!(code("99999999999999999999"), Code::NumberTooLarge);
    }

    #[test]
    fn number_text_is_kept_as_a_draft_until_it_parses() {
        let mut drafts = NumberDrafts::new();
        assert_eq!(apply_number_text(&mut drafts, "services[0].port", ""), None);
        assert_eq!(drafts["services[0].port"], "");
        let errors = draft_errors(&drafts);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "services[0].port");
        assert_eq!(errors[0].message, Message::number_empty());
        assert_eq!(
            apply_number_text(&mut drafts, "services[0].port", "8080"),
            Some(8080)
        );
        assert!(drafts.is_empty());
        assert!(draft_errors(&drafts).is_empty());
    }

    #[test]
    fn drafts_follow_a_duplicate_and_a_removal() {
        let mut drafts = NumberDrafts::new();
        drafts.insert("services[0].port".into(), "a".into());
        drafts.insert("services[1].port".into(), "b".into());
        after_duplicate(&mut drafts, 1);
        assert_eq!(
            drafts.get("services[0].port").map(String::as_str),
            Some("a")
        );
        assert_eq!(
            drafts.get("services[1].port"),
            None,
            "the copy starts clean"
        );
        assert_eq!(
            drafts.get("services[2].port").map(String::as_str),
            Some("b")
        );
        after_remove(&mut drafts, 0);
        assert_eq!(drafts.get("services[0].port"), None);
        assert_eq!(
            drafts.get("services[1].port").map(String::as_str),
            Some("b")
        );
        assert_eq!(drafts.len(), 1);
    }

    #[test]
    fn drafts_follow_their_service_when_the_list_changes() {
        let mut drafts = NumberDrafts::new();
        drafts.insert("services[0].port".into(), "x".into());
        drafts.insert("services[1].port".into(), "y".into());
        drafts.insert("services[2].scaling.max".into(), "z".into());
        drafts.insert("split.prefix".into(), "q".into());
        // Remove service 1.
        remap_service_drafts(&mut drafts, |i| match i {
            1 => None,
            i if i > 1 => Some(i - 1),
            i => Some(i),
        });
        assert_eq!(
            drafts.get("services[0].port").map(String::as_str),
            Some("x")
        );
        assert_eq!(drafts.get("services[1].port"), None);
        assert_eq!(
            drafts.get("services[1].scaling.max").map(String::as_str),
            Some("z")
        );
        assert_eq!(drafts.get("split.prefix").map(String::as_str), Some("q"));
        assert_eq!(drafts.len(), 3);
    }
}
