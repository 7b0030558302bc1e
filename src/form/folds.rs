//! Sections the person can fold: which ones, which start folded, and how the choice is kept.
//! A phone shows one column, 19,600 px of it with every section open (issue 30 §7): the
//! advanced sections start folded there, and each keeps the state the person left it in.

/// The sections that fold, by element id: advanced parts of the design and outputs not every
/// visit reads. The rest (the network, the services, the preview, the review, the download,
/// the link) always show.
pub const FOLDING: [&str; 6] = [
    "sec-plan",
    "sec-domain",
    "sec-edge",
    "sec-update",
    "sec-cost",
    "sec-deploy",
];

/// Below this viewport width (CSS px) the page is a phone's (the style sheet's drawer
/// breakpoint): the folding sections start folded.
pub const PHONE_WIDTH: f64 = 700.0;

/// Whether `section` starts folded: as the person last left it, else folded on a phone.
pub fn starts_folded(stored: &str, section: &str, width: f64) -> bool {
    remembered(stored, section).unwrap_or(width < PHONE_WIDTH)
}

/// The person's last choice for `section` in the stored text ("sec-cost=1,sec-edge=0").
fn remembered(stored: &str, section: &str) -> Option<bool> {
    stored
        .split(',')
        .find_map(|entry| match entry.split_once('=')? {
            (id, "1") if id == section => Some(true),
            (id, "0") if id == section => Some(false),
            _ => None,
        })
}

/// The stored text with `section`'s choice set to `folded`; entries for sections that no
/// longer fold are dropped.
pub fn remember(stored: &str, section: &str, folded: bool) -> String {
    FOLDING
        .iter()
        .filter_map(|id| {
            let choice = if *id == section {
                Some(folded)
            } else {
                remembered(stored, id)
            };
            choice.map(|f| format!("{id}={}", u8::from(f)))
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advanced_sections_start_folded_on_a_phone_only() {
        assert!(starts_folded("", "sec-cost", 390.0));
        assert!(!starts_folded("", "sec-cost", 1280.0));
        // The breakpoint itself is not a phone's.
        assert!(!starts_folded("", "sec-cost", 700.0));
    }

    #[test]
    fn the_person_s_choice_wins_over_the_default() {
        let stored = remember("", "sec-cost", false);
        assert_eq!(stored, "sec-cost=0");
        assert!(!starts_folded(&stored, "sec-cost", 390.0));
        let stored = remember(&stored, "sec-edge", true);
        assert_eq!(stored, "sec-edge=1,sec-cost=0");
        assert!(starts_folded(&stored, "sec-edge", 1280.0));
        // Unfolding again replaces the choice; others are kept.
        let stored = remember(&stored, "sec-edge", false);
        assert_eq!(stored, "sec-edge=0,sec-cost=0");
    }

    #[test]
    fn unreadable_or_foreign_entries_are_ignored() {
        assert!(starts_folded(
            "sec-cost=yes,,=1,sec-cost",
            "sec-cost",
            390.0
        ));
        assert_eq!(remember("sec-gone=1,junk", "sec-plan", true), "sec-plan=1");
    }
}
