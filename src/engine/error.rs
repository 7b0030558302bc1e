use std::fmt;

/// One problem with a design: where it is (a JSON path such as `network.subnets[1]`,
/// empty for the whole document) and what would be valid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Another field a message names, written between backticks: the CLI shows the message
/// as it is (`` `network.subnets[0]` ``), the page shows the field's label in its place
/// (`notes::with_labels`). Messages name other fields only this way, so no reader has
/// to recognise a path, or any wording, inside the prose.
pub struct FieldRef<'a>(pub &'a str);

/// What opens and closes a [`FieldRef`] in a message.
pub const REF_MARK: char = '`';

impl fmt::Display for FieldRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{REF_MARK}{}{REF_MARK}", self.0)
    }
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
