//! What each template's body is rendered from, and nothing more, as types: the network
//! template reads the network; the global and service templates read [`Shared`] (what
//! every stack may know of the rest of the design) and a service template its service.
//! The page keeps each template's inputs in a memo, so an edit that leaves them equal
//! does not render that template again.

use crate::engine::config::{CacheMode, Config, Domain, Edge, Network, Service, Waf};
use crate::engine::render::{requested_certificates, RequestedCertificate, StackId};

/// What the stacks that serve every distribution (the global stack, the initial stack)
/// read of them: whether there is one, one that caches, one on an alias.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distributions {
    pub any: bool,
    /// The initial stack then creates the short-TTL cache policy.
    pub caching: bool,
    pub alias: bool,
}

impl Distributions {
    pub fn of(services: &[Service]) -> Distributions {
        let on = || services.iter().filter(|s| s.cloudfront.enabled);
        Distributions {
            any: on().next().is_some(),
            caching: on().any(|s| s.cloudfront.cache == CacheMode::Short),
            alias: on().any(|s| s.cloudfront.host.is_some()),
        }
    }

    /// Whether the global stack creates the design's web ACL.
    pub fn creates_web_acl(self, edge: &Edge) -> bool {
        matches!(edge.waf, Waf::Managed { .. }) && self.any
    }

    /// Whether the initial stack creates the access log bucket.
    pub fn logs_access(self, edge: &Edge) -> bool {
        edge.access_logs && self.any
    }
}

/// What the global and service stacks read of the design beyond their own service.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub network_name: String,
    pub initial_name: String,
    pub domain: Option<Domain>,
    pub edge: Edge,
    pub distributions: Distributions,
}

impl Shared {
    pub fn of(config: &Config) -> Shared {
        Shared {
            network_name: config.network.name.clone(),
            initial_name: config
                .services
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            domain: config.domain.clone(),
            edge: config.edge.clone(),
            distributions: Distributions::of(&config.services),
        }
    }

    pub fn creates_web_acl(&self) -> bool {
        self.distributions.creates_web_acl(&self.edge)
    }

    pub fn caching(&self) -> bool {
        self.distributions.caching
    }

    pub fn logs_access(&self) -> bool {
        self.distributions.logs_access(&self.edge)
    }
}

/// One template's inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateInputs {
    Network(Network),
    Global {
        shared: Shared,
        certificates: Vec<RequestedCertificate>,
    },
    Service {
        shared: Shared,
        /// Boxed: a service with its application's settings is far larger than the others.
        service: Box<Service>,
        initial: bool,
    },
}

/// The inputs of template `id`, or `None` when the design has no such stack.
pub fn template_inputs(config: &Config, id: StackId) -> Option<TemplateInputs> {
    Some(match id {
        StackId::Network => TemplateInputs::Network(config.network.clone()),
        StackId::Global => TemplateInputs::Global {
            shared: Shared::of(config),
            certificates: requested_certificates(config),
        },
        StackId::Service(index) => TemplateInputs::Service {
            shared: Shared::of(config),
            service: Box::new(config.services.get(index)?.clone()),
            initial: index == 0,
        },
    })
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::engine::config::test_support::test_domain;
    use crate::engine::config::Config;
    use crate::engine::config::{Domain, Nat};
    use crate::engine::render::{render_body, render_inputs, stack_ids, template_inputs};
    use crate::engine::validate::validate;

    /// The subnets of `vpc` split into `count` blocks of `/prefix`.
    fn split(vpc: &str, prefix: u8, count: usize) -> Vec<String> {
        let blocks = crate::engine::cidr::parse(vpc)
            .unwrap()
            .split(prefix, count);
        blocks.unwrap().iter().map(|b| b.to_string()).collect()
    }

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
        c.region = "us-east-1".into();
        c.network.az_ids = None;
        c.network.name = "core-net".into();
        c.network.cidr = "10.0.0.0/16".into();
        c.network.subnets = split("10.0.0.0/16", 19, 6);
        for n in 3..6 {
            c.services.push(crate::engine::config::Service {
                name: format!("service-{n}"),
                ..crate::engine::config::Service::example(3)
            });
        }
        c.domain = Some(test_domain());
        c.services[2].cloudfront.enabled = true;
        c.services[2].cloudfront.host = Some("api".into());
        c.services[3].cpu = 4096;
        c.services[3].memory = 16384;
        c.services[4].scaling.metric = crate::engine::config::ScalingMetric::RequestCountPerTarget;
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
        c.edge.waf = crate::engine::config::Waf::Managed {
            rate_limit: 500,
            allow_large_bodies: true,
        };
        c.edge.access_logs = true;
        c.network.flow_logs = true;
        c.services[0].cloudfront.host = Some("app".into());
        c.services[1].cloudfront.enabled = true;
        c.services[1].cloudfront.cache = crate::engine::config::CacheMode::Short;
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
                    render_inputs(&inputs),
                    render_body(&config, id),
                    "template {id:?}"
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
        edited.network.subnets = split("10.1.0.0/16", 19, 6);
        assert_ne!(
            template_inputs(config, StackId::Network),
            template_inputs(&edited, StackId::Network)
        );
        assert_eq!(
            template_inputs(config, StackId::Service(1)),
            template_inputs(&edited, StackId::Service(1))
        );

        // The other stacks read whether some distribution is on, caches or has an alias,
        // and the initial stack's name: not which service, nor its other fields.
        let mut edited = config.clone();
        edited.services[3].name = "renamed".into();
        edited.services[3].cloudfront.enabled = true;
        for id in [StackId::Global, StackId::Service(0), StackId::Service(1)] {
            assert_eq!(
                template_inputs(config, id),
                template_inputs(&edited, id),
                "{id:?}"
            );
        }
        let mut edited = config.clone();
        edited.services[0].name = "first".into();
        assert_ne!(
            template_inputs(config, StackId::Service(1)),
            template_inputs(&edited, StackId::Service(1)),
            "a further service imports from the initial stack by its name"
        );
    }
}
