//! CloudFormation templates as data: mappings, lists and short-form intrinsic functions
//! built as `serde_yaml` values, so user text is only ever a scalar.

use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};

/// A string scalar.
pub fn s(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

pub fn int(number: i64) -> Value {
    Value::Number(number.into())
}

pub fn list(items: impl IntoIterator<Item = Value>) -> Value {
    Value::Sequence(items.into_iter().collect())
}

/// A mapping that keeps its keys in the order given.
pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
    let mut mapping = Mapping::new();
    for (key, value) in entries {
        mapping.insert(Value::String(key.into()), value);
    }
    Value::Mapping(mapping)
}

/// Builds a mapping entry by entry, skipping the ones that do not apply.
#[derive(Default)]
pub struct Obj(Mapping);

impl Obj {
    pub fn new() -> Obj {
        Obj(Mapping::new())
    }

    pub fn with(mut self, key: &str, value: Value) -> Obj {
        self.0.insert(Value::String(key.into()), value);
        self
    }

    pub fn with_if(self, condition: bool, key: &str, value: impl FnOnce() -> Value) -> Obj {
        if condition {
            self.with(key, value())
        } else {
            self
        }
    }

    pub fn insert(&mut self, key: &str, value: Value) {
        self.0.insert(Value::String(key.into()), value);
    }

    pub fn build(self) -> Value {
        Value::Mapping(self.0)
    }
}

fn tagged(tag: &str, value: Value) -> Value {
    Value::Tagged(Box::new(TaggedValue {
        tag: Tag::new(tag),
        value,
    }))
}

pub fn ref_(name: &str) -> Value {
    tagged("Ref", s(name))
}

pub fn sub(template: &str) -> Value {
    tagged("Sub", s(template))
}

pub fn get_att(resource: &str, attribute: &str) -> Value {
    tagged("GetAtt", s(format!("{resource}.{attribute}")))
}

pub fn select(index: usize, from: Value) -> Value {
    tagged("Select", list([int(index as i64), from]))
}

pub fn get_azs() -> Value {
    tagged("GetAZs", s(""))
}

pub fn cidr(block: Value, count: usize, host_bits: u8) -> Value {
    tagged(
        "Cidr",
        list([block, int(count as i64), int(host_bits as i64)]),
    )
}

pub fn split(delimiter: &str, source: Value) -> Value {
    tagged("Split", list([s(delimiter), source]))
}

pub fn join(delimiter: &str, items: Vec<Value>) -> Value {
    tagged("Join", list([s(delimiter), list(items)]))
}

pub fn equals(a: Value, b: Value) -> Value {
    tagged("Equals", list([a, b]))
}

/// `Fn::ImportValue` of an export name built with `!Sub`. YAML allows one tag per node,
/// so `!ImportValue !Sub` cannot be written; the long form of the outer function can.
pub fn import_sub(export_template: &str) -> Value {
    map([("Fn::ImportValue", sub(export_template))])
}

pub fn tags(entries: &[(&str, Value)]) -> Value {
    list(
        entries
            .iter()
            .map(|(key, value)| map([("Key", s(*key)), ("Value", value.clone())])),
    )
}
