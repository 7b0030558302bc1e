//! Numbers typed as text: what the design keeps while a number field holds text that
//! is not (yet) a whole number, and how those drafts follow their service when the list
//! changes.

use std::collections::BTreeMap;

use crate::engine::error::FieldError;
use crate::engine::field_path::{service_path, FieldPath};
use crate::engine::message::Message;
/// Text typed into number fields that is not (yet) a whole number, by the field's JSON
/// path. The design keeps its last good value; the field keeps the text and shows why it
/// is not used, and the design counts as invalid until the text is fixed.
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

/// The result of typing `text` into the number field at `path`: `Some(value)` to store in
/// the design (and the draft is dropped), or `None` with the text kept as a draft.
pub fn apply_number_text(drafts: &mut NumberDrafts, path: &str, text: &str) -> Option<i64> {
    match parse_whole_number(text) {
        Ok(value) => {
            drafts.remove(path);
            Some(value)
        }
        Err(_) => {
            drafts.insert(path.to_string(), text.to_string());
            None
        }
    }
}

/// One error per number field whose text is not a whole number.
pub fn draft_errors(drafts: &NumberDrafts) -> Vec<FieldError> {
    drafts
        .iter()
        .filter_map(|(path, text)| {
            parse_whole_number(text)
                .err()
                .map(|message| FieldError::new(path.clone(), message))
        })
        .collect()
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
