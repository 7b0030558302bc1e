//! The prediction as a person reads it (blockers first, then each stack with its
//! replacements first) and as format 1 of `stackdraft diff --format json`.

use serde_json::{json, Value};

use super::diff::{Prediction, ResourceChange, StackChange};
use crate::engine::message::Message;

/// The JSON document's format number; a change that breaks a reader raises it.
pub const DIFF_FORMAT: u32 = 1;

/// Format 1: every stack of either design (a stack with no change has no `resources`),
/// each changing resource, then the blockers and the facts; `reason` and `message` in
/// English, each beside its stable `code`.
pub fn json(prediction: &Prediction) -> String {
    let stacks: Vec<Value> = prediction
        .stacks
        .iter()
        .map(|stack| {
            let mut entry = json!({
                "stack": stack.stack,
                "region": stack.region,
                "change": stack.change.id(),
            });
            if stack.change != StackChange::None {
                entry["resources"] = stack
                    .resources
                    .iter()
                    .map(|r| {
                        let mut resource = json!({
                            "id": r.id,
                            "type": r.resource_type,
                            "change": r.change.id(),
                        });
                        if !r.properties.is_empty() {
                            resource["properties"] = json!(r.properties);
                        }
                        if let Some(reason) = &r.reason {
                            resource["reason"] = json!(reason.to_string());
                            resource["code"] = json!(reason.code().id());
                        }
                        resource
                    })
                    .collect();
            }
            entry
        })
        .collect();
    let notes = |list: &[super::diff::Blocker]| -> Vec<Value> {
        list.iter()
            .map(|b| {
                json!({
                    "stack": b.stack,
                    "kind": b.message.code().id(),
                    "code": b.message.code().id(),
                    "message": b.message.to_string(),
                })
            })
            .collect()
    };
    let document = json!({
        "format": DIFF_FORMAT,
        "replacements": prediction.replacements(),
        "stacks": stacks,
        "blockers": notes(&prediction.blockers),
        "facts": notes(&prediction.facts),
        "note": Message::update_drift().to_string(),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}

/// The prediction as text: what will be refused, then each stack's changes.
pub fn text(prediction: &Prediction) -> String {
    let mut out = String::new();
    if prediction.is_empty() {
        out.push_str("No changes: every stack stays as it is.\n");
    }
    if !prediction.blockers.is_empty() {
        out.push_str("Refused as it stands:\n");
        for blocker in &prediction.blockers {
            out.push_str(&format!(
                "  {} ({}): {}\n",
                blocker.stack,
                blocker.message.code().id(),
                blocker.message
            ));
        }
    }
    for stack in &prediction.stacks {
        let replacements = stack
            .resources
            .iter()
            .filter(|r| r.change == ResourceChange::Replace)
            .count();
        out.push_str(&format!(
            "{} ({}): {}{}\n",
            stack.stack,
            stack.region,
            stack.change.id(),
            match (stack.change, replacements) {
                (StackChange::Update, 1) => ", 1 replacement".to_string(),
                (StackChange::Update, n) if n > 1 => format!(", {n} replacements"),
                _ => String::new(),
            }
        ));
        if matches!(stack.change, StackChange::Update) {
            for r in &stack.resources {
                let mut line = format!("  {:<8} {} ({})", r.change.id(), r.id, r.resource_type);
                if !r.properties.is_empty() {
                    line.push_str(&format!(": {}", r.properties.join(", ")));
                }
                if let Some(reason) = &r.reason {
                    line.push_str(&format!("\n           {reason}"));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    if !prediction.facts.is_empty() {
        out.push_str("Also:\n");
        for fact in &prediction.facts {
            out.push_str(&format!("  {}: {}\n", fact.stack, fact.message));
        }
    }
    out.push_str(&format!("Note: {}\n", Message::update_drift()));
    out
}
