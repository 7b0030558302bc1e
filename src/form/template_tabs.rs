//! The template tabs: each tab's label, and which template the preview shows as the
//! design is edited. (What a template is rendered from is `render::template_inputs`.)
//!
//! The preview follows an edit to the template the edit changed most directly: a
//! service's own for its card, the network's for the network section, the global
//! stack's for the domain and the edge (or, when that did not change, the initial
//! service's, which holds what every distribution shares: the log bucket, the cache
//! policy). It stays when that template did not change and the shown one did, or when
//! nothing changed. A tab the person chose holds while their edits stay in one part of
//! the design: the first edit after the choice fixes the part, and only an edit in
//! another part follows again (typing in one field never pulls the preview away from
//! the tab chosen to watch it). The switch is not announced: the focus stays in the
//! field, the tab panel's label names its template, and words would interrupt typing.

use crate::engine::config::Config;
use crate::engine::render::StackId;

/// The label of a template's tab: the stack name and what kind of stack it is.
pub fn stack_role(id: StackId) -> &'static str {
    match id {
        StackId::Global => "global, us-east-1",
        StackId::Network => "network",
        StackId::Service(0) => "initial service",
        StackId::Service(_) => "service",
    }
}

/// A part of the design, as the page's sections divide it: where an edit was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesignPart {
    /// The network section: the region, the VPC, its subnets, the NAT, the endpoints.
    Network,
    /// The domain and the edge: the web ACL, access logs, the price class.
    Edge,
    /// One service's card.
    Service(usize),
}

/// The part of the design an edit changed (`before` and `after` it, with the values that
/// follow it); `None` when it changed none of them (a usage figure, an accepted warning),
/// more than one (a region change that moved images), or removed a service. A service
/// added or duplicated is the new one's part.
pub fn edited_part(before: &Config, after: &Config) -> Option<DesignPart> {
    let network = before.network != after.network || before.region != after.region;
    let edge = before.edge != after.edge || before.domain != after.domain;
    let service = (0..after.services.len())
        .find(|&i| before.services.get(i) != after.services.get(i))
        .filter(|_| after.services.len() >= before.services.len());
    let removed = after.services.len() < before.services.len();
    match (network, edge, service) {
        (true, false, None) if !removed => Some(DesignPart::Network),
        (false, true, None) if !removed => Some(DesignPart::Edge),
        (false, false, Some(index)) => Some(DesignPart::Service(index)),
        _ => None,
    }
}

/// The template to show after an edit in `part` (`None`: stay on `shown`); `changed`
/// says whether a stack's template text changed (false for a stack the design no
/// longer has).
pub fn follow(
    part: DesignPart,
    shown: Option<StackId>,
    mut changed: impl FnMut(StackId) -> bool,
) -> Option<StackId> {
    let (own, then) = match part {
        DesignPart::Network => (StackId::Network, None),
        DesignPart::Edge => (StackId::Global, Some(StackId::Service(0))),
        DesignPart::Service(index) => (StackId::Service(index), None),
    };
    if changed(own) {
        return (shown != Some(own)).then_some(own);
    }
    if shown.is_some_and(&mut changed) {
        return None;
    }
    then.filter(|&id| changed(id))
}

/// The person's own choice of tab and how long it holds (the module's rule).
#[derive(Debug)]
pub struct TabChoice {
    held: Held,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    No,
    /// Chosen, and no edit since.
    Chosen,
    /// Chosen, and edited in this part since.
    While(DesignPart),
}

impl TabChoice {
    /// No tab chosen yet.
    pub const NONE: TabChoice = TabChoice { held: Held::No };

    /// The person chose a tab.
    pub fn chose(&mut self) {
        self.held = Held::Chosen;
    }

    /// [`follow`], unless a tab the person chose holds.
    pub fn edited(
        &mut self,
        part: DesignPart,
        shown: Option<StackId>,
        changed: impl FnMut(StackId) -> bool,
    ) -> Option<StackId> {
        match self.held {
            Held::Chosen => self.held = Held::While(part),
            Held::While(held) if held == part => {}
            _ => {
                self.held = Held::No;
                return follow(part, shown, changed);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Waf;
    use crate::engine::render::{render_stack, stack_ids};
    use DesignPart::*;
    use StackId::{Global, Network as Vpc, Service as Stack};

    #[test]
    fn stack_roles() {
        assert_eq!(stack_role(StackId::Network), "network");
        assert_eq!(stack_role(StackId::Service(0)), "initial service");
        assert_eq!(stack_role(StackId::Service(4)), "service");
    }

    fn part_of(edit: impl FnOnce(&mut Config)) -> Option<DesignPart> {
        let before = Config::default();
        let mut after = before.clone();
        edit(&mut after);
        edited_part(&before, &after)
    }

    #[test]
    fn an_edit_belongs_to_the_section_it_was_made_in() {
        assert_eq!(part_of(|c| c.services[1].port = 8081), Some(Service(1)));
        assert_eq!(
            part_of(|c| c.services[0].name = "shop".into()),
            Some(Service(0))
        );
        assert_eq!(
            part_of(|c| c.network.subnets[2] = "192.168.48.0/20".into()),
            Some(Network)
        );
        assert_eq!(part_of(|c| c.network.ipv6 = !c.network.ipv6), Some(Network));
        assert_eq!(part_of(|c| c.region = "eu-west-1".into()), Some(Network));
        assert_eq!(part_of(|c| c.edge.access_logs = false), Some(Edge));
        assert_eq!(
            part_of(|c| c.domain = None),
            None,
            "the default design has no domain"
        );
        assert_eq!(
            part_of(|c| c.domain = Some(crate::engine::config::test_support::test_domain())),
            Some(Edge)
        );
        // A service added or duplicated: the new one (the third).
        assert_eq!(
            part_of(|c| c.services.push(c.services[1].clone())),
            Some(Service(2))
        );
        assert_eq!(
            part_of(|c| c.services.insert(1, c.services[0].clone())),
            Some(Service(1))
        );
        // A region change that moved an image into the new region's registry: two parts.
        let mut moved = Config::default();
        moved.services[0].image = "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1".into();
        let mut after = moved.clone();
        after.region = "eu-west-1".into();
        crate::form::follow::follow(&moved, &mut after);
        assert!(after.services[0].image.contains(".eu-west-1."));
        assert_eq!(edited_part(&moved, &after), None);
        // Nothing a template reads, a service removed, two parts at once: none.
        assert_eq!(part_of(|c| c.usage.requests_per_month = 5), None);
        assert_eq!(part_of(|_| {}), None);
        assert_eq!(part_of(|c| c.services.truncate(1)), None);
        assert_eq!(
            part_of(|c| {
                c.network.ipv6 = !c.network.ipv6;
                c.services[0].port = 8081;
            }),
            None
        );
    }

    /// `follow` with the given templates changed.
    fn follows(part: DesignPart, shown: StackId, changed: &[StackId]) -> Option<StackId> {
        follow(part, Some(shown), |id| changed.contains(&id))
    }

    #[test]
    fn the_preview_goes_to_the_template_the_edit_changed_most_directly() {
        // A service's port while the VPC is shown: the service's template.
        assert_eq!(follows(Service(1), Vpc, &[Stack(1)]), Some(Stack(1)));
        // Already shown: stay.
        assert_eq!(follows(Service(1), Stack(1), &[Stack(1)]), None);
        // Its own template first, even when the shown one changed too.
        assert_eq!(
            follows(Service(0), Vpc, &[Global, Stack(0)]),
            Some(Stack(0))
        );
        assert_eq!(
            follows(Network, Stack(1), &[Vpc, Stack(0), Stack(1)]),
            Some(Vpc)
        );
        // Its own did not change: stay on a shown one that did, or on any when none did.
        assert_eq!(follows(Network, Stack(1), &[Stack(0), Stack(1)]), None);
        assert_eq!(follows(Network, Global, &[]), None);
        assert_eq!(follows(Service(2), Global, &[]), None);
    }

    #[test]
    fn the_edge_goes_to_the_global_stack_then_to_the_initial_service() {
        assert_eq!(follows(Edge, Vpc, &[Global]), Some(Global));
        assert_eq!(
            follows(Edge, Stack(1), &[Global, Stack(0), Stack(1)]),
            Some(Global)
        );
        // Only the distributions changed: the initial service's template, unless the
        // shown one changed.
        assert_eq!(follows(Edge, Vpc, &[Stack(0)]), Some(Stack(0)));
        assert_eq!(follows(Edge, Stack(1), &[Stack(0), Stack(1)]), None);
        assert_eq!(follows(Edge, Vpc, &[Stack(1)]), None);
    }

    /// The rule over the default design's real templates: which ones an edit changes is
    /// told by rendering them (the expectations: the port is the service template's
    /// parameter default; a subnet's block is the network's; the rate limit is the web
    /// ACL's rule, in the global stack; the price class is each distribution's, and only
    /// the initial service has one).
    #[test]
    fn the_default_design_edited() {
        let followed = |shown: StackId, edit: &dyn Fn(&mut Config)| {
            let before = Config::default();
            let mut after = before.clone();
            edit(&mut after);
            let part = edited_part(&before, &after).expect("an edit in one part");
            follow(part, Some(shown), |id| {
                stack_ids(&after).contains(&id)
                    && (!stack_ids(&before).contains(&id)
                        || render_stack(&before, id) != render_stack(&after, id))
            })
        };
        assert_eq!(
            followed(Vpc, &|c| c.services[1].port = 8081),
            Some(Stack(1))
        );
        assert_eq!(
            followed(Stack(1), &|c| c.network.subnets[2] =
                "192.168.48.0/20".into()),
            Some(Vpc)
        );
        let rate = |c: &mut Config| {
            if let Waf::Managed { rate_limit, .. } = &mut c.edge.waf {
                *rate_limit = 3000;
            }
        };
        assert_eq!(followed(Vpc, &rate), Some(Global));
        assert_eq!(
            followed(Vpc, &|c| c.edge.price_class =
                crate::engine::config::PriceClass::P100),
            Some(Stack(0))
        );
        // A distribution turned on: the service's own template.
        assert_eq!(
            followed(Global, &|c| c.services[1].cloudfront.enabled = true),
            Some(Stack(1))
        );
        // A usage figure renders nothing.
        assert_eq!(
            edited_part(&Config::default(), &{
                let mut c = Config::default();
                c.usage.viewer_gb_per_month = 1;
                c
            }),
            None
        );
    }

    #[test]
    fn a_chosen_tab_holds_while_the_edits_stay_in_one_part() {
        let mut choice = TabChoice::NONE;
        let port = |choice: &mut TabChoice, shown| {
            choice.edited(Service(1), Some(shown), |id| id == Stack(1))
        };
        let subnet =
            |choice: &mut TabChoice, shown| choice.edited(Network, Some(shown), |id| id == Vpc);
        // Nothing chosen: every edit follows.
        assert_eq!(port(&mut choice, Vpc), Some(Stack(1)));
        assert_eq!(subnet(&mut choice, Stack(1)), Some(Vpc));
        // The VPC chosen, then a port typed digit by digit: the VPC stays.
        choice.chose();
        assert_eq!(port(&mut choice, Vpc), None);
        assert_eq!(port(&mut choice, Vpc), None);
        assert_eq!(port(&mut choice, Vpc), None);
        // An edit in another part follows again, and the choice is spent.
        assert_eq!(subnet(&mut choice, Global), Some(Vpc));
        assert_eq!(port(&mut choice, Vpc), Some(Stack(1)));
        // A choice right before an edit of its own part holds that part.
        choice.chose();
        assert_eq!(subnet(&mut choice, Global), None);
        assert_eq!(port(&mut choice, Global), Some(Stack(1)));
    }
}
