use std::fmt;

use crate::engine::message::Message;

/// One problem with a design: where it is (a JSON path such as `network.subnets[1]`,
/// empty for the whole document) and what would be valid, as a coded [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: Message) -> FieldError {
        FieldError {
            path: path.into(),
            message,
        }
    }
}

impl FieldError {
    /// The problem as one message: the path before the words (`network.cidr: is empty`),
    /// or the words alone for the whole document.
    pub fn to_message(&self) -> Message {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            Message::at_path(self.path.clone(), self.message.clone())
        }
    }
}

/// `{"path", "code", "message"}`: the message's stable code and its English words.
impl serde::Serialize for FieldError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("FieldError", 3)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("code", self.message.code().id())?;
        s.serialize_field("message", &self.message.to_string())?;
        s.end()
    }
}

/// The path, then the message in English: `network.cidr: is empty; …`.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_message())
    }
}
