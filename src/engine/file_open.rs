//! Opening a saved design: the size check before a file is read, and the messages that
//! quote the file's name.

use crate::engine::config::MAX_CONFIG_BYTES;
use crate::engine::message::Message;
use crate::engine::number_format;

/// Why a file of `size` bytes (as the browser reports it) is refused before it is read:
/// the cap of [`Config::from_file_bytes`](crate::engine::config::Config::from_file_bytes),
/// checked first so that a 50 MB file is never read into memory.
pub fn file_size_problem(size: f64) -> Option<Message> {
    (size > MAX_CONFIG_BYTES as f64).then(|| file_too_large(size as u64))
}

/// A file over the cap, its size in megabytes to one decimal (rounded down).
pub fn file_too_large(bytes: u64) -> Message {
    Message::file_too_large(number_format::megabytes(bytes), MAX_CONFIG_BYTES / 1024)
}

/// A file's name as the page quotes it: control characters dropped, at most 60
/// characters; `None` when nothing is left.
pub fn shown_file_name(name: &str) -> Option<String> {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return None;
    }
    Some(if clean.chars().count() > 60 {
        let cut: String = clean.chars().take(59).collect();
        format!("{cut}…")
    } else {
        clean.to_string()
    })
}

/// The alert for a file that could not be opened.
pub fn file_problem(name: &str, problem: Message) -> Message {
    match shown_file_name(name) {
        Some(name) => Message::file_not_opened(name, problem),
        None => Message::unnamed_file_not_opened(problem),
    }
}

/// What the restore notice says after a file replaced the design.
pub fn opened_file_note(name: &str) -> String {
    match shown_file_name(name) {
        Some(name) => format!("You opened \u{201c}{name}\u{201d}."),
        None => "You opened a file.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;

    #[test]
    fn files_are_refused_by_size_before_they_are_read() {
        assert_eq!(file_size_problem(0.0), None);
        assert_eq!(file_size_problem(MAX_CONFIG_BYTES as f64), None);
        assert_eq!(
            file_size_problem(50_000_000.0),
            Some(Message::file_too_large("50.0", 1024))
        );
        assert_eq!(
            file_size_problem(1_234_567.0),
            Some(Message::file_too_large("1.2", 1024))
        );
        assert!(file_size_problem(MAX_CONFIG_BYTES as f64 + 1.0).is_some());
        // The same limit and message as the core's reader.
        let over = vec![b' '; MAX_CONFIG_BYTES + 1];
        assert_eq!(
            Config::from_file_bytes(&over).unwrap_err().message,
            file_too_large(over.len() as u64)
        );
    }

    #[test]
    fn file_messages_quote_the_name_safely() {
        assert_eq!(
            shown_file_name("stackdraft.json").as_deref(),
            Some("stackdraft.json")
        );
        assert_eq!(
            shown_file_name("a\nb\u{7}.json").as_deref(),
            Some("ab.json")
        );
        assert_eq!(shown_file_name("  "), None);
        let long = "x".repeat(500);
        assert_eq!(shown_file_name(&long).unwrap().chars().count(), 60);
        assert_eq!(
            file_problem("big.bin", file_too_large(50_000_000)).to_string(),
            "\u{201c}big.bin\u{201d} could not be opened: the file is 50.0 MB, and a Stackdraft design is at most 1024 KiB; check that it is the right file. You are still seeing your design."
        );
        assert_eq!(
            file_problem("\n", Message::file_not_text()),
            Message::unnamed_file_not_opened(Message::file_not_text())
        );
        assert_eq!(
            opened_file_note("d.json"),
            "You opened \u{201c}d.json\u{201d}."
        );
    }
}
