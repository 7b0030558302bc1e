use std::fmt;

/// One problem with a design: where it is (a JSON path such as `network.subnets[1]`,
/// empty for the whole document) and what would be valid.
#[derive(Debug, Clone, Eq, serde::Serialize)]
pub struct FieldError {
    pub path: String,
    /// The message as someone editing the design's file reads it (the CLI prints it).
    pub message: String,
    /// The message in parts, when it names another field or says what to do in words that
    /// depend on where the design is edited; empty when it is all [`Part::Text`].
    #[serde(skip)]
    pub parts: Vec<Part>,
}

/// Two errors are the same when they say the same about the same place: `parts` only
/// words `message` for the form (the CLI's JSON, for one, has no parts).
impl PartialEq for FieldError {
    fn eq(&self, other: &FieldError) -> bool {
        self.path == other.path && self.message == other.message
    }
}

/// A piece of an error's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// Another field, by JSON path: the file's reader sees the path, the page's reader
    /// what the form calls it.
    Field(String),
    /// What to do, worded for the file and for the form.
    Choice {
        file: &'static str,
        form: &'static str,
    },
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            path: path.into(),
            message: message.into(),
            parts: Vec::new(),
        }
    }

    /// An error whose message names other fields or gives a choice; its `message` is the
    /// file's wording.
    pub fn from_parts(path: impl Into<String>, parts: Vec<Part>) -> FieldError {
        let message = parts
            .iter()
            .map(|part| match part {
                Part::Text(text) | Part::Field(text) => text.as_str(),
                Part::Choice { file, .. } => file,
            })
            .collect();
        FieldError {
            path: path.into(),
            message,
            parts,
        }
    }

    /// The message in the form's words: each field named by `field_words`, each choice
    /// worded for the form.
    pub fn form_message(&self, field_words: impl Fn(&str) -> String) -> String {
        if self.parts.is_empty() {
            return self.message.clone();
        }
        self.parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Field(path) => field_words(path),
                Part::Choice { form, .. } => form.to_string(),
            })
            .collect()
    }
}

/// Text, for building [`Part`] lists.
pub fn text(text: impl Into<String>) -> Part {
    Part::Text(text.into())
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_read_as_the_file_in_the_message_and_as_the_form_on_the_page() {
        let error = FieldError::from_parts(
            "network.subnets[1]",
            vec![
                text("overlaps "),
                Part::Field("network.subnets[0]".into()),
                text("; or "),
                Part::Choice {
                    file: "use {\"mode\": \"auto\"}",
                    form: "choose automatic mode",
                },
            ],
        );
        assert_eq!(
            error.message,
            "overlaps network.subnets[0]; or use {\"mode\": \"auto\"}"
        );
        assert_eq!(
            error.form_message(|p| format!("<{p}>")),
            "overlaps <network.subnets[0]>; or choose automatic mode"
        );
        let plain = FieldError::new("x", "is empty");
        assert_eq!(plain.form_message(|_| unreachable!()), "is empty");
    }
}
