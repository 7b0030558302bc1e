//! Random designs never panic: they either fail validation with field errors or render
//! YAML that parses; random JSON never panics the reader.

mod common;

use proptest::prelude::*;
use stackdraft::engine::config::{
    Access, Application, CacheMode, CloudFront, Config, Domain, Edge, EnvVar, Nat, Network,
    Permission, PriceClass, Scaling, SecretVar, Service, Usage, Waf,
};
use stackdraft::engine::update::diff::{diff_designs, DiffError};
use stackdraft::{render, validate};

fn messy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,20}",
        "[a-z0-9.:/ -]{0,24}",
        Just("yes".to_string()),
        Just("10.0.0.0/16".to_string()),
        Just("192.168.0.0/20".to_string()),
        Just("010.0.0.0/16".to_string()),
        Just("2001:db8::/56".to_string()),
        Just("ecs-express".to_string()),
    ]
}

fn any_number() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        -5i64..70_000,
        Just(256),
        Just(1024),
        Just(2048),
        Just(4096)
    ]
}

// Built of parts, a strategy each, so a new field joins its part (or becomes a part)
// and no tuple nears proptest's limit of 12.

fn any_scaling() -> impl Strategy<Value = Scaling> {
    (
        any_number(),
        any_number(),
        prop::sample::select(stackdraft::engine::config::ScalingMetric::ALL.to_vec()),
        any_number(),
    )
        .prop_map(|(min, max, metric, target)| Scaling {
            min,
            max,
            metric,
            target,
        })
}

fn any_cloudfront() -> impl Strategy<Value = CloudFront> {
    (any::<bool>(), prop::option::of(messy_text()), any::<bool>()).prop_map(
        |(enabled, host, caches)| CloudFront {
            enabled,
            host,
            cache: if caches {
                CacheMode::Short
            } else {
                CacheMode::Off
            },
        },
    )
}

/// Any text in every list of the application's settings, valid or not.
fn any_application() -> impl Strategy<Value = Application> {
    (
        prop::collection::vec((messy_text(), prop::option::of(messy_text())), 0..4),
        prop::collection::vec((messy_text(), messy_text()), 0..3),
        prop::collection::vec(messy_text(), 0..3),
        prop::collection::vec((messy_text(), any::<bool>()), 0..3),
        prop::collection::vec(messy_text(), 0..3),
        prop::option::of(messy_text()),
    )
        .prop_map(
            |(environment, secrets, command, permissions, policy_arns, key)| Application {
                environment: environment
                    .into_iter()
                    .map(|(name, value)| EnvVar { name, value })
                    .collect(),
                secrets: secrets
                    .into_iter()
                    .map(|(name, value_from)| SecretVar { name, value_from })
                    .collect(),
                command,
                permissions: permissions
                    .into_iter()
                    .map(|(resource, write)| Permission {
                        resource,
                        access: if write {
                            Access::ReadWrite
                        } else {
                            Access::Read
                        },
                    })
                    .collect(),
                policy_arns,
                secrets_kms_key_arn: key,
            },
        )
}

fn any_service() -> impl Strategy<Value = Service> {
    (
        (messy_text(), messy_text()),
        (any_number(), any_number(), any_number()),
        messy_text(),
        any_scaling(),
        any_number(),
        any_cloudfront(),
        any_application(),
    )
        .prop_map(
            |((name, image), (port, cpu, memory), path, scaling, retention, cloudfront, app)| {
                Service {
                    name,
                    image,
                    port,
                    cpu,
                    memory,
                    health_check_path: path,
                    scaling,
                    log_retention_days: retention,
                    cloudfront,
                    app,
                }
            },
        )
}

fn any_waf() -> impl Strategy<Value = Waf> {
    prop_oneof![
        Just(Waf::Off),
        (any_number(), any::<bool>()).prop_map(|(rate_limit, allow_large_bodies)| {
            Waf::Managed {
                rate_limit,
                allow_large_bodies,
            }
        }),
        messy_text().prop_map(|web_acl_arn| Waf::Existing { web_acl_arn }),
    ]
}

fn any_edge() -> impl Strategy<Value = Edge> {
    (any_waf(), any::<bool>(), any_number(), 0usize..3).prop_map(
        |(waf, access_logs, access_log_days, price)| Edge {
            waf,
            access_logs,
            access_log_days,
            price_class: PriceClass::ALL[price],
        },
    )
}

fn any_network() -> impl Strategy<Value = Network> {
    (
        (messy_text(), messy_text()),
        prop::collection::vec(messy_text(), 0..8),
        prop::option::of(prop::collection::vec(messy_text(), 0..7)),
        any::<bool>(),
        prop::option::of(prop::collection::vec(
            any::<i64>().prop_map(|i| i % 8),
            0..4,
        )),
        (any::<bool>(), any_number()),
    )
        .prop_map(
            |((name, cidr), subnets, az_ids, ipv6, nat, (flow_logs, flow_log_days))| Network {
                name,
                cidr,
                subnets,
                az_ids,
                ipv6,
                nat: nat.map_or(Nat::Auto, |azs| Nat::Manual { azs }),
                gateway_endpoints: vec![],
                flow_logs,
                flow_log_days,
            },
        )
}

fn any_domain() -> impl Strategy<Value = Option<Domain>> {
    prop::option::of(
        (
            messy_text(),
            prop::option::of(messy_text()),
            prop::option::of(messy_text()),
        )
            .prop_map(|(zone, certificate_arn, hosted_zone_id)| Domain {
                zone,
                certificate_arn,
                hosted_zone_id,
            }),
    )
}

fn any_usage() -> impl Strategy<Value = Usage> {
    (any_number(), any_number(), any_number(), any_number()).prop_map(|(a, b, c, d)| Usage {
        requests_per_month: a,
        viewer_gb_per_month: b,
        nat_egress_gb_per_month: c,
        log_gb_per_month: d,
        classic_interface_endpoints: a % 2 == 0,
    })
}

fn any_config() -> impl Strategy<Value = Config> {
    (
        messy_text(),
        any_network(),
        any_domain(),
        any_edge(),
        prop::collection::vec(any_service(), 0..4),
        any_usage(),
    )
        .prop_map(|(region, network, domain, edge, services, usage)| Config {
            version: 1,
            region,
            network,
            domain,
            edge,
            services,
            usage,
            review: Default::default(),
        })
}

/// A valid design with one field replaced by something random.
fn mutated_design() -> impl Strategy<Value = Config> {
    (
        common::valid_design(),
        0usize..13,
        messy_text(),
        any_number(),
    )
        .prop_map(|(mut config, field, text, number)| {
            let service = &mut config.services[0];
            match field {
                0 => config.network.cidr = text,
                1 => config.network.subnets[0] = text,
                2 => config.network.name = text,
                3 => service.name = text,
                4 => service.image = text,
                5 => service.health_check_path = text,
                6 => service.cpu = number,
                7 => service.memory = number,
                8 => service.cloudfront.host = Some(text),
                9 => config.network.az_ids = Some(vec![text]),
                10 => config.edge.waf = Waf::Existing { web_acl_arn: text },
                11 => {
                    if let Some(domain) = &mut config.domain {
                        domain.hosted_zone_id = Some(text);
                    }
                }
                _ => service.scaling.max = number,
            }
            config
        })
}

fn check(config: &Config) -> Result<(), TestCaseError> {
    let _ = stackdraft::engine::review::review(config);
    let errors = validate(config);
    match render(config) {
        Err(render_errors) => {
            prop_assert!(!errors.is_empty());
            prop_assert_eq!(render_errors, errors);
        }
        Ok(templates) => {
            prop_assert!(errors.is_empty());
            for template in templates {
                let parsed: Result<yaml_serde::Value, _> = yaml_serde::from_str(&template.yaml);
                prop_assert!(parsed.is_ok(), "{} does not parse", template.file_name);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_designs_validate_or_render(config in any_config()) {
        check(&config)?;
    }

    #[test]
    fn mutated_designs_validate_or_render(config in mutated_design()) {
        check(&config)?;
    }

    /// The update prediction: nothing for a design against itself; between two valid
    /// designs a prediction that reports, and an invalid one refused, never a panic.
    #[test]
    fn a_design_against_itself_predicts_no_change(config in common::valid_design()) {
        let prediction = diff_designs(&config, &config).unwrap();
        prop_assert!(prediction.is_empty(), "{:#?}", prediction);
        prop_assert!(prediction.facts.is_empty());
    }

    #[test]
    fn two_valid_designs_are_compared(base in common::valid_design(), new in common::valid_design()) {
        let prediction = diff_designs(&base, &new).unwrap();
        let _ = stackdraft::engine::update::report::json(&prediction);
        let _ = stackdraft::engine::update::report::text(&prediction);
    }

    #[test]
    fn an_invalid_design_is_refused_not_compared(base in common::valid_design(), new in mutated_design()) {
        match diff_designs(&base, &new) {
            Ok(_) => prop_assert!(validate(&new).is_empty()),
            Err(error) => prop_assert_eq!(error, DiffError::InvalidNew(validate(&new))),
        }
    }

    #[test]
    fn generated_valid_designs_render(config in common::valid_design()) {
        let errors = validate(&config);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        check(&config)?;
    }

    #[test]
    fn random_json_never_panics(text in ".{0,200}") {
        let _ = Config::from_json(&text);
    }

    #[test]
    fn mangled_config_json_never_panics(cut in 0usize..1500, insert in ".{0,5}") {
        let json = Config::default().to_pretty_json();
        let cut = cut.min(json.len());
        let cut = (0..=cut).rev().find(|&i| json.is_char_boundary(i)).unwrap_or(0);
        let mangled = format!("{}{}{}", &json[..cut], insert, &json[cut..]);
        if let Ok(config) = Config::from_json(&mangled) {
            check(&config)?;
        }
    }
}
