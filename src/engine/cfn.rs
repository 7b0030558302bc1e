//! CloudFormation templates as data: mappings, lists and short-form intrinsic functions
//! serialized by `yaml_serde`, so user text is only ever a scalar. Nodes borrow the
//! design's strings and our constants; serialization streams them to the emitter.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// One node of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    List(Vec<Node<'a>>),
    /// Entries in the order given.
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
    /// A short-form intrinsic function, by its YAML tag, with a scalar argument: `!Ref VPC`.
    Fn(&'static str, Cow<'a, str>),
    /// A short-form intrinsic function with a list of arguments: `!Select [0, !GetAZs '']`.
    FnList(&'static str, Vec<Node<'a>>),
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Str(text) => serializer.serialize_str(text),
            Node::Int(number) => serializer.serialize_i64(*number),
            Node::Bool(value) => serializer.serialize_bool(*value),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key.as_ref(), value)?;
                }
                map.end()
            }
            // yaml_serde writes an enum's newtype variant as a tagged value: `!Ref VPC`.
            Node::Fn(tag, argument) => {
                serializer.serialize_newtype_variant("Fn", 0, tag, argument.as_ref())
            }
            Node::FnList(tag, arguments) => {
                serializer.serialize_newtype_variant("Fn", 0, tag, arguments.as_slice())
            }
        }
    }
}

impl Node<'_> {
    /// The node as CloudFormation's JSON form reads it: a short-form function `!Sub x` as
    /// `{"Fn::Sub": x}`, `!Ref x` as `{"Ref": x}`. What the update prediction compares.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Str(text) => Value::String(text.to_string()),
            Node::Int(number) => Value::from(*number),
            Node::Bool(value) => Value::Bool(*value),
            Node::List(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Node::Map(entries) => {
                // Inserted one by one: collecting sorts first, and each sort routine
                // weighs kilobytes in the page.
                let mut object = serde_json::Map::new();
                for (key, value) in entries {
                    object.insert(key.to_string(), value.to_json());
                }
                Value::Object(object)
            }
            Node::Fn(tag, argument) => {
                let mut object = serde_json::Map::new();
                object.insert(function_name(tag), Value::String(argument.to_string()));
                Value::Object(object)
            }
            Node::FnList(tag, arguments) => {
                let mut object = serde_json::Map::new();
                object.insert(
                    function_name(tag),
                    Value::Array(arguments.iter().map(Node::to_json).collect()),
                );
                Value::Object(object)
            }
        }
    }
}

/// `!Ref` → `Ref`, `!Sub` → `Fn::Sub`: the long form of a short-form tag.
fn function_name(tag: &str) -> String {
    match tag.trim_start_matches('!') {
        "Ref" => "Ref".into(),
        name => format!("Fn::{name}"),
    }
}

/// A string scalar.
pub fn s<'a>(text: impl Into<Cow<'a, str>>) -> Node<'a> {
    Node::Str(text.into())
}

pub fn int<'a>(number: i64) -> Node<'a> {
    Node::Int(number)
}

pub fn list<'a>(items: impl IntoIterator<Item = Node<'a>>) -> Node<'a> {
    Node::List(items.into_iter().collect())
}

/// A mapping that keeps its keys in the order given.
pub fn map<'a, const N: usize>(entries: [(&'a str, Node<'a>); N]) -> Node<'a> {
    Node::Map(
        entries
            .into_iter()
            .map(|(key, value)| (Cow::Borrowed(key), value))
            .collect(),
    )
}

/// Builds a mapping entry by entry, skipping the ones that do not apply.
#[derive(Default)]
pub struct Obj<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'a> Obj<'a> {
    pub fn new() -> Obj<'a> {
        Obj(Vec::new())
    }

    pub fn with(mut self, key: &'a str, value: Node<'a>) -> Obj<'a> {
        self.insert(key, value);
        self
    }

    pub fn with_if(
        self,
        condition: bool,
        key: &'a str,
        value: impl FnOnce() -> Node<'a>,
    ) -> Obj<'a> {
        if condition {
            self.with(key, value())
        } else {
            self
        }
    }

    pub fn with_some(self, key: &'a str, value: Option<Node<'a>>) -> Obj<'a> {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// Adds an entry. A key given twice is a bug in a template builder (YAML parsers
    /// would silently keep one of the two), so it is refused loudly.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Node<'a>) {
        let key = key.into();
        assert!(
            self.0.iter().all(|(existing, _)| *existing != key),
            "template builder bug: the key {key} is set twice"
        );
        self.0.push((key, value));
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|(existing, _)| existing == key)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn build(self) -> Node<'a> {
        Node::Map(self.0)
    }
}

pub fn ref_<'a>(name: impl Into<Cow<'a, str>>) -> Node<'a> {
    Node::Fn("!Ref", name.into())
}

pub fn sub<'a>(template: impl Into<Cow<'a, str>>) -> Node<'a> {
    Node::Fn("!Sub", template.into())
}

/// Text a user typed, as CloudFormation will pass it on: the one way user text enters a
/// template. A scalar already reaches the container as written (the emitter quotes what
/// YAML would read otherwise, so `!Ref x`, `yes` or `a: b` stay strings), and
/// CloudFormation resolves no `${…}` in a plain string; but cfn-lint reads a `${X}` that
/// names a real reference (`${AWS::Region}`, a parameter) as a forgotten `Fn::Sub` (E1029),
/// and an `!Sub` with only `${!X}` escapes as a needless one (W1020). So text with a `$`
/// before a `{` is written as `!Join ['$', <the text split at every '$'>]`: no part holds
/// a `${`, and the join is the text.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html
pub fn literal<'a>(text: impl Into<Cow<'a, str>>) -> Node<'a> {
    let text = text.into();
    if !text.contains("${") {
        return Node::Str(text);
    }
    let parts = text.split('$').map(|part| s(part.to_string())).collect();
    Node::FnList("!Join", vec![s("$"), Node::List(parts)])
}

/// `!GetAtt Resource.Attribute`.
pub fn get_att<'a>(attribute: impl Into<Cow<'a, str>>) -> Node<'a> {
    Node::Fn("!GetAtt", attribute.into())
}

pub fn get_azs<'a>() -> Node<'a> {
    Node::Fn("!GetAZs", Cow::Borrowed(""))
}

fn tagged<'a, const N: usize>(tag: &'static str, arguments: [Node<'a>; N]) -> Node<'a> {
    Node::FnList(tag, arguments.into())
}

pub fn select(index: usize, from: Node<'_>) -> Node<'_> {
    tagged("!Select", [int(index as i64), from])
}

pub fn cidr(block: Node<'_>, count: usize, host_bits: u8) -> Node<'_> {
    tagged("!Cidr", [block, int(count as i64), int(host_bits as i64)])
}

pub fn split<'a>(delimiter: &'a str, source: Node<'a>) -> Node<'a> {
    tagged("!Split", [s(delimiter), source])
}

pub fn join<'a>(delimiter: &'a str, items: Vec<Node<'a>>) -> Node<'a> {
    tagged("!Join", [s(delimiter), Node::List(items)])
}

/// `!Join` of a list-valued expression, such as a `!GetAtt` of a list attribute.
pub fn join_list<'a>(delimiter: &'a str, items: Node<'a>) -> Node<'a> {
    tagged("!Join", [s(delimiter), items])
}

pub fn equals<'a>(a: Node<'a>, b: Node<'a>) -> Node<'a> {
    tagged("!Equals", [a, b])
}

/// `Fn::ImportValue` of an export name built with `!Sub`. YAML allows one tag per node,
/// so `!ImportValue !Sub` cannot be written; the long form of the outer function can.
pub fn import_sub<'a>(export_template: impl Into<Cow<'a, str>>) -> Node<'a> {
    map([("Fn::ImportValue", sub(export_template))])
}

pub fn if_<'a>(condition: &'a str, then: Node<'a>, otherwise: Node<'a>) -> Node<'a> {
    tagged("!If", [s(condition), then, otherwise])
}

/// `AWS::NoValue`: the property is left out.
pub fn no_value<'a>() -> Node<'a> {
    ref_("AWS::NoValue")
}

pub fn tags<'a, const N: usize>(entries: [(&'a str, Node<'a>); N]) -> Node<'a> {
    list(
        entries
            .into_iter()
            .map(|(key, value)| map([("Key", s(key)), ("Value", value)])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What CloudFormation makes of a literal's YAML: the string, or the `!Join` of its parts.
    fn as_deployed(node: &Node) -> String {
        let yaml = yaml_serde::to_string(&map([("Value", node.clone())])).unwrap();
        let mut quoted = String::new();
        crate::engine::yaml11::push_quoting_yaml11_ambiguous(&mut quoted, &yaml);
        let value: yaml_serde::Value = yaml_serde::from_str(&quoted).unwrap();
        match &value["Value"] {
            yaml_serde::Value::String(text) => text.clone(),
            yaml_serde::Value::Tagged(tagged) if tagged.tag == "!Join" => {
                let args = tagged.value.as_sequence().unwrap();
                assert_eq!(args[0].as_str(), Some("$"));
                let parts: Vec<&str> = args[1]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect();
                assert!(parts.iter().all(|p| !p.contains("${")), "{yaml}");
                parts.join("$")
            }
            other => panic!("{other:?} from {yaml}"),
        }
    }

    #[test]
    fn user_text_is_deployed_as_typed() {
        // YAML look-alikes, CloudFormation look-alikes naming real references (a pseudo
        // parameter, a template's parameter, a resource), escapes, and several lines.
        for text in [
            "yes",
            "~",
            "0x1F",
            "a: b",
            "#c",
            "!Ref ContainerPort",
            "${AWS::Region}",
            "pre ${ContainerPort} post",
            "${ExpressModeService.Endpoint}",
            "${!Literal}",
            "$${x}",
            "$",
            "a$b",
            "${",
            "}${",
            "line one\nline two\n",
            "  padded  ",
            "tab\there",
            "quote ' and \" both",
            "",
            "日本語",
        ] {
            let node = literal(text);
            assert_eq!(as_deployed(&node), text, "{node:?}");
            assert_eq!(
                matches!(node, Node::FnList("!Join", _)),
                text.contains("${"),
                "{text}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "set twice")]
    fn a_mapping_refuses_a_key_given_twice() {
        let _ = Obj::new().with("Type", s("a")).with("Type", s("b"));
    }
}
