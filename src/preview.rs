//! What each template's preview is rendered from, and its tab's label.

use crate::config::{Config, Network, Service};
use crate::render::StackId;
/// The part of the design the body of template `id` is rendered from: everything else
/// is set to fixed placeholder values, so an edit that does not touch this template
/// leaves its inputs equal and its preview is not rendered again. `render_body` of the
/// result equals `render_body` of the whole design (a test checks it). `None` when the
/// design has no such stack.
pub fn template_inputs(config: &Config, id: StackId) -> Option<Config> {
    let count = config.services.len();
    // What every stack may read of the other services: whether they have a distribution,
    // an alias and a cache (the initial stack's cache policy and log bucket, the global
    // stack's web ACL and certificate follow them).
    let placeholder = |service: &Service| Service {
        name: String::new(),
        cloudfront: service.cloudfront.clone(),
        ..Service::example(1)
    };
    let base = Config {
        version: config.version,
        region: String::new(),
        network: Network {
            name: config.network.name.clone(),
            ..Config::default().network
        },
        domain: config.domain.clone(),
        edge: config.edge.clone(),
        services: config.services.iter().map(placeholder).collect(),
        usage: crate::config::Usage::default(),
    };
    match id {
        StackId::Global => Some(base),
        StackId::Network => Some(Config {
            network: config.network.clone(),
            domain: None,
            edge: crate::config::Edge::default(),
            ..base
        }),
        StackId::Service(index) if index < count => {
            let mut inputs = base;
            inputs.services[index] = config.services[index].clone();
            inputs.services[0].name = config.services[0].name.clone();
            Some(inputs)
        }
        StackId::Service(_) => None,
    }
}

/// The label of a template's tab: the stack name and what kind of stack it is.
pub fn stack_role(id: StackId) -> &'static str {
    match id {
        StackId::Global => "global, us-east-1",
        StackId::Network => "network",
        StackId::Service(0) => "initial service",
        StackId::Service(_) => "service",
    }
}
#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::config::{Domain, Nat};
    use crate::edits::test_support::test_domain;
    use crate::edits::{add_service, apply_subnets, auto_split, set_region};
    use crate::render::{render_body, stack_ids};
    use crate::validate::validate;

    fn variants() -> Vec<Config> {
        let mut configs = vec![Config::default()];
        let mut c = Config::default();
        c.domain = None;
        c.services[0].cloudfront.host = None;
        c.network.ipv6 = false;
        c.network.nat = Nat::Auto;
        c.network.gateway_endpoints.clear();
        configs.push(c);
        let mut c = Config::default();
        set_region(&mut c, "us-east-1".into());
        c.network.name = "core-net".into();
        c.network.cidr = "10.0.0.0/16".into();
        apply_subnets(&mut c, auto_split("10.0.0.0/16", 19, 6).unwrap());
        for _ in 0..3 {
            add_service(&mut c);
        }
        c.domain = Some(test_domain());
        c.services[2].cloudfront.enabled = true;
        c.services[2].cloudfront.host = Some("api".into());
        c.services[3].cpu = 4096;
        c.services[3].memory = 16384;
        c.services[4].scaling.metric = crate::config::ScalingMetric::RequestCountPerTarget;
        c.services[4].scaling.target = 500;
        configs.push(c);
        // Everything the edge can have: a managed web ACL and a requested certificate (so a
        // global stack), DNS records, access and flow logs, a caching secondary service.
        let mut c = Config::default();
        c.domain = Some(Domain {
            zone: "example.com".into(),
            certificate_arn: None,
            hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
        });
        c.edge.waf = crate::config::Waf::Managed {
            rate_limit: 500,
            allow_large_bodies: true,
        };
        c.edge.access_logs = true;
        c.network.flow_logs = true;
        c.services[0].cloudfront.host = Some("app".into());
        c.services[1].cloudfront.enabled = true;
        c.services[1].cloudfront.cache = crate::config::CacheMode::Short;
        configs.push(c);
        for config in &configs {
            assert!(validate(config).is_empty(), "{:?}", validate(config));
        }
        configs
    }

    #[test]
    fn each_template_renders_the_same_from_its_inputs() {
        for config in variants() {
            for id in stack_ids(&config) {
                let inputs = template_inputs(&config, id).unwrap();
                assert_eq!(
                    render_body(&inputs, id),
                    render_body(&config, id),
                    "template {id:?}: template_inputs must keep every part of the design \
                     render reads for it"
                );
            }
            assert_eq!(
                template_inputs(&config, StackId::Service(config.services.len())),
                None
            );
        }
    }

    #[test]
    fn an_edit_changes_only_the_inputs_of_templates_that_read_it() {
        let config = &variants()[2];
        let mut edited = config.clone();
        edited.services[3].memory = 20480;
        assert_eq!(
            template_inputs(config, StackId::Network),
            template_inputs(&edited, StackId::Network)
        );
        for other in [0, 1, 2, 4] {
            assert_eq!(
                template_inputs(config, StackId::Service(other)),
                template_inputs(&edited, StackId::Service(other)),
                "service {other}"
            );
        }
        assert_ne!(
            template_inputs(config, StackId::Service(3)),
            template_inputs(&edited, StackId::Service(3))
        );

        let mut edited = config.clone();
        edited.network.cidr = "10.1.0.0/16".into();
        edited.network.subnets = auto_split("10.1.0.0/16", 19, 6).unwrap();
        assert_ne!(
            template_inputs(config, StackId::Network),
            template_inputs(&edited, StackId::Network)
        );
        assert_eq!(
            template_inputs(config, StackId::Service(1)),
            template_inputs(&edited, StackId::Service(1))
        );
    }

    #[test]
    fn stack_roles() {
        assert_eq!(stack_role(StackId::Network), "network");
        assert_eq!(stack_role(StackId::Service(0)), "initial service");
        assert_eq!(stack_role(StackId::Service(4)), "service");
    }
}
