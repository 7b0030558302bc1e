//! Opening a saved design: the size check before a file is read, and the messages that
//! quote the file's name.

use crate::engine::config::MAX_CONFIG_BYTES;
/// Why a file of `size` bytes (as the browser reports it) is refused before it is read:
/// the cap of [`Config::from_file_bytes`], checked first so that a 50 MB file is never
/// read into memory.
pub fn file_size_problem(size: f64) -> Option<String> {
    if size <= MAX_CONFIG_BYTES as f64 {
        return None;
    }
    let bytes = size as u64;
    Some(format!(
        "it is {}.{} MB, and a Stackdraft design is at most {} KiB — is it the right file?",
        bytes / 1_000_000,
        bytes % 1_000_000 / 100_000,
        MAX_CONFIG_BYTES / 1024
    ))
}

/// A file's name as the page quotes it: control characters dropped, at most 60
/// characters.
pub fn shown_file_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return "The file".into();
    }
    if clean.chars().count() > 60 {
        let cut: String = clean.chars().take(59).collect();
        format!("\u{201c}{cut}…\u{201d}")
    } else {
        format!("\u{201c}{clean}\u{201d}")
    }
}

/// The alert for a file that could not be opened.
pub fn file_problem(name: &str, problem: &str) -> String {
    let stop = if problem.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    format!(
        "{} could not be opened: {problem}{stop} You are still seeing your design.",
        shown_file_name(name)
    )
}

/// What the restore notice says after a file replaced the design.
pub fn opened_file_note(name: &str) -> String {
    format!("You opened {}.", shown_file_name(name))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;

    #[test]
    fn files_are_refused_by_size_before_they_are_read() {
        assert_eq!(file_size_problem(0.0), None);
        assert_eq!(file_size_problem(MAX_CONFIG_BYTES as f64), None);
        let problem = file_size_problem(50_000_000.0).unwrap();
        assert!(problem.contains("50.0 MB"), "{problem}");
        assert!(problem.contains("1024 KiB"), "{problem}");
        assert!(file_size_problem(MAX_CONFIG_BYTES as f64 + 1.0).is_some());
        // The same limit as the core's reader.
        let over = vec![b' '; MAX_CONFIG_BYTES + 1];
        assert!(Config::from_file_bytes(&over).is_err());
    }

    #[test]
    fn file_messages_quote_the_name_safely() {
        assert_eq!(
            shown_file_name("stackdraft.json"),
            "\u{201c}stackdraft.json\u{201d}"
        );
        assert_eq!(shown_file_name("a\nb\u{7}.json"), "\u{201c}ab.json\u{201d}");
        assert_eq!(shown_file_name("  "), "The file");
        let long = "x".repeat(500);
        assert_eq!(shown_file_name(&long).chars().count(), 62);
        assert_eq!(
            file_problem("big.bin", "it is 50.0 MB — is it the right file?"),
            "\u{201c}big.bin\u{201d} could not be opened: it is 50.0 MB — is it the right file? You are still seeing your design."
        );
        assert!(file_problem("x.png", "not text")
            .ends_with("not text. You are still seeing your design."));
        assert_eq!(
            opened_file_note("d.json"),
            "You opened \u{201c}d.json\u{201d}."
        );
    }
}
