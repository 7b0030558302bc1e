//! The update impact on the page: where each blocker of a prediction shows besides the
//! Update impact section, at the field whose edit caused it.

use crate::engine::config::Config;
use crate::engine::message::Message;
use crate::engine::render::stack_name;
use crate::engine::render::StackId;
use crate::engine::update::diff::{Prediction, ResourceChange, StackChange};

/// The design's structural fields that differ between the baseline and the new design:
/// the edits that make stacks replace resources or change their exports.
pub fn changed_causes(base: &Config, new: &Config) -> Vec<String> {
    let mut causes = Vec::new();
    let mut differ = |path: String, changed: bool| {
        if changed {
            causes.push(path);
        }
    };
    differ("region".into(), base.region != new.region);
    differ("network.name".into(), base.network.name != new.network.name);
    differ("network.cidr".into(), base.network.cidr != new.network.cidr);
    if base.network.subnets.len() == new.network.subnets.len() {
        for (i, (a, b)) in base
            .network
            .subnets
            .iter()
            .zip(&new.network.subnets)
            .enumerate()
        {
            differ(format!("network.subnets[{i}]"), a != b);
        }
    } else {
        differ("network.subnets".into(), true);
    }
    differ("network.ipv6".into(), base.network.ipv6 != new.network.ipv6);
    let zone = |c: &Config| c.domain.as_ref().map(|d| d.zone.clone());
    differ("domain.zone".into(), zone(base) != zone(new));
    differ(
        "edge.access_logs".into(),
        base.edge.access_logs != new.edge.access_logs,
    );
    differ("edge.waf".into(), base.edge.waf != new.edge.waf);
    for (i, service) in new.services.iter().enumerate() {
        let Some(before) = base.services.get(i) else {
            continue;
        };
        differ(format!("services[{i}].name"), before.name != service.name);
        differ(
            format!("services[{i}].cloudfront.enabled"),
            before.cloudfront.enabled != service.cloudfront.enabled,
        );
        differ(
            format!("services[{i}].cloudfront.host"),
            before.cloudfront.host != service.cloudfront.host,
        );
    }
    causes
}

/// Whether an edit at `cause` can change the stack `stack` of the new design: the network
/// and the design-wide fields reach every stack, the initial service's name reaches every
/// service stack (they import its exports), a service's own fields reach its stack.
fn reaches(new: &Config, cause: &str, stack: &str) -> bool {
    match crate::engine::field_path::FieldPath::new(cause).service() {
        Some((0, rest)) if rest.as_str() == "name" => stack != stack_name(new, StackId::Network),
        Some((index, _)) => stack_name(new, StackId::Service(index)) == stack,
        None => true,
    }
}

/// Each blocker of `prediction` at the fields whose edit caused it (the top of the page
/// when none of them did): what the form shows beside those fields.
pub fn blocker_notes(
    base: &Config,
    new: &Config,
    prediction: &Prediction,
) -> Vec<(String, Message)> {
    let causes = changed_causes(base, new);
    let mut notes = Vec::new();
    for blocker in &prediction.blockers {
        let at: Vec<&String> = causes
            .iter()
            .filter(|cause| reaches(new, cause, &blocker.stack))
            .collect();
        if at.is_empty() {
            notes.push((String::new(), blocker.message.clone()));
        }
        for cause in at {
            notes.push((cause.clone(), blocker.message.clone()));
        }
    }
    notes
}

/// One line of the Update impact section: what it is (`blocker`, `stack`, `resource`,
/// `fact`) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactLine {
    pub kind: &'static str,
    /// For a resource: `replace`, `remove` or `add`; otherwise "".
    pub change: &'static str,
    pub text: String,
}

/// The section's summary: "16 replacements · 1 blocker", or what else changes.
pub fn summary(prediction: &Prediction) -> String {
    if prediction.is_empty() {
        return "No changes: every stack stays as it is.".into();
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (prediction.replacements(), prediction.blockers.len()) {
        (0, 0) => "Changes in place only: nothing is replaced or refused.".into(),
        (r, 0) => count(r, "replacement", "replacements"),
        (0, b) => count(b, "blocker", "blockers"),
        (r, b) => format!(
            "{} · {}",
            count(r, "replacement", "replacements"),
            count(b, "blocker", "blockers")
        ),
    }
}

/// The section's lines: the blockers first, then each stack that changes with what it
/// replaces, removes or adds (changes in place counted on the stack's line), then the facts.
pub fn impact_lines(prediction: &Prediction) -> Vec<ImpactLine> {
    let mut lines: Vec<ImpactLine> = prediction
        .blockers
        .iter()
        .map(|b| ImpactLine {
            kind: "blocker",
            change: "",
            text: format!("Refused: {}: {}", b.stack, b.message),
        })
        .collect();
    for stack in prediction
        .stacks
        .iter()
        .filter(|s| s.change != StackChange::None)
    {
        let in_place = stack
            .resources
            .iter()
            .filter(|r| r.change == ResourceChange::Modify)
            .count();
        lines.push(ImpactLine {
            kind: "stack",
            change: "",
            text: match (stack.change, in_place) {
                (StackChange::Update, 0) => format!("{}: update", stack.stack),
                (StackChange::Update, n) => {
                    format!("{}: update, {n} changed in place", stack.stack)
                }
                (change, _) => format!("{}: {}", stack.stack, change.id()),
            },
        });
        if stack.change != StackChange::Update {
            continue;
        }
        for r in stack
            .resources
            .iter()
            .filter(|r| r.change != ResourceChange::Modify)
        {
            let mut text = format!("{} {}", r.id, r.change.id());
            if let Some(reason) = &r.reason {
                text.push_str(&format!(": {reason}"));
            }
            lines.push(ImpactLine {
                kind: "resource",
                change: r.change.id(),
                text,
            });
        }
    }
    lines.extend(prediction.facts.iter().map(|f| ImpactLine {
        kind: "fact",
        change: "",
        text: f.message.to_string(),
    }));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::message::Code;
    use crate::engine::update::diff::diff_designs;

    /// `base` moved to 10.0.0.0/18, its three subnets with it.
    fn in_a_new_vpc_block(base: &Config) -> Config {
        let mut new = base.clone();
        new.network.cidr = "10.0.0.0/18".into();
        new.network.subnets = vec![
            "10.0.0.0/20".into(),
            "10.0.16.0/20".into(),
            "10.0.32.0/20".into(),
        ];
        new
    }

    #[test]
    fn a_new_vpc_block_shows_its_blocker_at_the_vpc_block_and_the_subnets() {
        let base = Config::default();
        let new = in_a_new_vpc_block(&base);
        let prediction = diff_designs(&base, &new).unwrap();
        let notes = blocker_notes(&base, &new, &prediction);
        let paths: Vec<&str> = notes.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "network.cidr",
                "network.subnets[0]",
                "network.subnets[1]",
                "network.subnets[2]"
            ]
        );
        assert!(notes
            .iter()
            .all(|(_, m)| m.code() == Code::UpdateExportInUse));
    }

    #[test]
    fn a_renamed_service_shows_its_blocker_at_its_name() {
        let base = Config::default();
        let mut new = base.clone();
        new.services[0].name = "web-two".into();
        let prediction = diff_designs(&base, &new).unwrap();
        let notes = blocker_notes(&base, &new, &prediction);
        assert!(!notes.is_empty());
        assert!(
            notes.iter().all(|(p, _)| p == "services[0].name"),
            "{notes:?}"
        );
    }

    #[test]
    fn the_lines_put_blockers_first_then_each_changing_stack() {
        let base = Config::default();
        let new = in_a_new_vpc_block(&base);
        let prediction = diff_designs(&base, &new).unwrap();
        assert_eq!(summary(&prediction), "16 replacements · 1 blocker");
        let lines = impact_lines(&prediction);
        assert_eq!(lines[0].kind, "blocker");
        assert!(lines[0]
            .text
            .starts_with("Refused: ecs-express-vpc: the export"));
        assert_eq!(lines[1].text, "ecs-express-vpc: update");
        let replaced = lines.iter().filter(|l| l.change == "replace").count();
        assert_eq!(replaced, 16);
        assert!(lines
            .iter()
            .any(|l| l.text == "ecs-express-initial: update, 1 changed in place"));
        let mut cpu = base.clone();
        cpu.services[1].cpu = 2048;
        cpu.services[1].memory = 4096;
        let prediction = diff_designs(&base, &cpu).unwrap();
        assert_eq!(
            summary(&prediction),
            "Changes in place only: nothing is replaced or refused."
        );
        assert_eq!(
            impact_lines(&prediction)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>(),
            ["ecs-express-secondary: update, 1 changed in place"]
        );
        assert_eq!(
            summary(&diff_designs(&base, &base).unwrap()),
            "No changes: every stack stays as it is."
        );
    }

    #[test]
    fn no_change_no_note() {
        let base = Config::default();
        let prediction = diff_designs(&base, &base).unwrap();
        assert!(blocker_notes(&base, &base, &prediction).is_empty());
        assert!(changed_causes(&base, &base).is_empty());
    }
}
