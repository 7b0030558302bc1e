//! Random designs never panic: they either fail validation with field errors or render
//! YAML that parses; random JSON never panics the reader.

mod common;

use proptest::prelude::*;
use stackdraft::config::{CloudFront, Config, Domain, Nat, Network, Scaling, Service};
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

fn any_service() -> impl Strategy<Value = Service> {
    (
        messy_text(),
        messy_text(),
        any_number(),
        any_number(),
        any_number(),
        messy_text(),
        (any_number(), any_number(), messy_text(), any_number()),
        any_number(),
        any::<bool>(),
        prop::option::of(messy_text()),
    )
        .prop_map(
            |(
                name,
                image,
                port,
                cpu,
                memory,
                path,
                (min, max, metric, target),
                retention,
                enabled,
                host,
            )| Service {
                name,
                image,
                port,
                cpu,
                memory,
                health_check_path: path,
                scaling: Scaling {
                    min,
                    max,
                    metric,
                    target,
                },
                log_retention_days: retention,
                cloudfront: CloudFront { enabled, host },
            },
        )
}

fn any_config() -> impl Strategy<Value = Config> {
    (
        messy_text(),
        messy_text(),
        messy_text(),
        prop::collection::vec(messy_text(), 0..8),
        any::<bool>(),
        prop::option::of(prop::collection::vec(
            any::<i64>().prop_map(|i| i % 8),
            0..4,
        )),
        prop::option::of((messy_text(), messy_text())),
        prop::collection::vec(any_service(), 0..4),
    )
        .prop_map(
            |(region, name, cidr, subnets, ipv6, nat, domain, services)| Config {
                version: 1,
                region,
                network: Network {
                    name,
                    cidr,
                    subnets,
                    ipv6,
                    nat: nat.map_or(Nat::Auto, |azs| Nat::Manual { azs }),
                    gateway_endpoints: vec![],
                },
                domain: domain.map(|(zone, certificate_arn)| Domain {
                    zone,
                    certificate_arn,
                }),
                services,
            },
        )
}

/// A valid design with one field replaced by something random.
fn mutated_design() -> impl Strategy<Value = Config> {
    (
        common::valid_design(),
        0usize..10,
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
                _ => service.scaling.max = number,
            }
            config
        })
}

fn check(config: &Config) -> Result<(), TestCaseError> {
    let errors = validate(config);
    match render(config) {
        Err(render_errors) => {
            prop_assert!(!errors.is_empty());
            prop_assert_eq!(render_errors, errors);
        }
        Ok(templates) => {
            prop_assert!(errors.is_empty());
            for template in templates {
                let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&template.yaml);
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
