//! Field paths: where a value sits in a design, as errors report it and the form, the
//! number drafts and the notes at fields read it: `network.cidr`, `network.subnets[1]`,
//! `services[0].scaling.max`; "" is the whole design. One grammar, read here only:
//!
//! ```text
//! path  = "" | key step*
//! step  = "." key | "[" digits "]"
//! key   = one or more of a-z, A-Z, 0-9 and _
//! ```

use std::fmt;

/// One step of a path: a member's key or a list entry's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A path as text, read without copying it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPath<'a>(&'a str);

/// The list that holds the services, whose entries own most of the form.
pub const SERVICES: &str = "services";

impl<'a> FieldPath<'a> {
    pub fn new(text: &'a str) -> FieldPath<'a> {
        FieldPath(text)
    }

    pub fn as_str(self) -> &'a str {
        self.0
    }

    /// The steps from the design's root, or `None` when the text is not a path.
    pub fn steps(self) -> Option<Vec<Step<'a>>> {
        let mut steps = Vec::new();
        let mut rest = self.0;
        if rest.is_empty() {
            return Some(steps);
        }
        let key_end = |s: &str| {
            s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(s.len())
        };
        // `split_at_checked` and `split_once` cannot panic: no panic location (a source
        // path) is linked into the page's wasm.
        let (first, after) = rest.split_at_checked(key_end(rest))?;
        if first.is_empty() {
            return None;
        }
        steps.push(Step::Key(first));
        rest = after;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let (key, after) = after.split_at_checked(key_end(after))?;
                if key.is_empty() {
                    return None;
                }
                steps.push(Step::Key(key));
                rest = after;
            } else if let Some(after) = rest.strip_prefix('[') {
                let (digits, after) = after.split_once(']')?;
                steps.push(Step::Index(index(digits)?));
                rest = after;
            } else {
                return None;
            }
        }
        Some(steps)
    }

    /// The path one step up: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → "", "" → "".
    pub fn parent(self) -> FieldPath<'a> {
        let path = self.0;
        if path.ends_with(']') {
            if let Some((list, _)) = path.rsplit_once('[') {
                return FieldPath(list);
            }
        }
        FieldPath(path.rsplit_once('.').map_or("", |(up, _)| up))
    }

    /// For a path inside entry `i` of the list at `list`: `i` and the rest of the path
    /// below the entry ("" for the entry itself). `network.subnets[1]` in
    /// `network.subnets` → `(1, "")`; `services[3].scaling.max` in `services` →
    /// `(3, "scaling.max")`.
    pub fn entry_of(self, list: &str) -> Option<(usize, FieldPath<'a>)> {
        let after = self.0.strip_prefix(list)?.strip_prefix('[')?;
        let (digits, rest) = after.split_once(']')?;
        let index = index(digits)?;
        match rest {
            "" => Some((index, FieldPath(""))),
            rest => rest
                .strip_prefix('.')
                .map(|below| (index, FieldPath(below))),
        }
    }

    /// [`entry_of`](Self::entry_of) the service list.
    pub fn service(self) -> Option<(usize, FieldPath<'a>)> {
        self.entry_of(SERVICES)
    }
}

/// A list index: digits only (no sign, no spaces).
fn index(digits: &str) -> Option<usize> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The path of `below` inside entry `index` of the list at `list`: `("services", 3,
/// "port")` → `services[3].port`; an empty `below` is the entry itself.
pub fn entry_path(list: &str, index: usize, below: &str) -> String {
    if below.is_empty() {
        format!("{list}[{index}]")
    } else {
        format!("{list}[{index}].{below}")
    }
}

/// The path of `below` in service `index` ("" for the service itself).
pub fn service_path(index: usize, below: &str) -> String {
    entry_path(SERVICES, index, below)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_steps() {
        use Step::{Index, Key};
        fn steps(p: &str) -> Option<Vec<Step<'_>>> {
            FieldPath::new(p).steps()
        }
        assert_eq!(steps(""), Some(vec![]));
        assert_eq!(
            steps("network.cidr"),
            Some(vec![Key("network"), Key("cidr")])
        );
        assert_eq!(
            steps("services[0].environment[3].name"),
            Some(vec![
                Key("services"),
                Index(0),
                Key("environment"),
                Index(3),
                Key("name")
            ])
        );
        assert_eq!(
            steps("network.subnets[12]"),
            Some(vec![Key("network"), Key("subnets"), Index(12)])
        );
        for broken in [
            ".a", "a.", "a..b", "a[", "a[]", "a[x]", "a[-1]", "[0]", "a]b", "a b", "a[1]x",
        ] {
            assert_eq!(steps(broken), None, "{broken}");
        }
    }

    #[test]
    fn a_path_climbs_one_step_at_a_time() {
        for (path, parent) in [
            ("network.nat.azs[2]", "network.nat.azs"),
            ("network.nat.azs", "network.nat"),
            ("services[1].memory", "services[1]"),
            ("services[1]", "services"),
            ("version", ""),
            ("", ""),
        ] {
            assert_eq!(FieldPath::new(path).parent().as_str(), parent, "{path}");
        }
    }

    #[test]
    fn list_entries_and_what_lies_below_them() {
        fn entry<'a>(p: &'a str, list: &str) -> Option<(usize, &'a str)> {
            FieldPath::new(p)
                .entry_of(list)
                .map(|(i, below)| (i, below.as_str()))
        }
        assert_eq!(
            entry("services[24].scaling.max", SERVICES),
            Some((24, "scaling.max"))
        );
        assert_eq!(entry("services[3]", SERVICES), Some((3, "")));
        assert_eq!(
            entry("network.subnets[1]", "network.subnets"),
            Some((1, ""))
        );
        assert_eq!(entry("services", SERVICES), None);
        assert_eq!(entry("services[x].name", SERVICES), None);
        assert_eq!(entry("services[1]name", SERVICES), None);
        assert_eq!(entry("servicesx[1]", SERVICES), None);
        assert_eq!(entry("network.subnets[1]", SERVICES), None);
        assert_eq!(entry("", SERVICES), None);
        assert_eq!(service_path(3, "port"), "services[3].port");
        assert_eq!(service_path(0, ""), "services[0]");
        assert_eq!(entry_path("network.subnets", 2, ""), "network.subnets[2]");
        for (index, below) in [(0, ""), (7, "cloudfront.host"), (24, "name")] {
            let path = service_path(index, below);
            assert_eq!(entry(&path, SERVICES), Some((index, below)), "{path}");
        }
    }
}
