//! The design review: every warning, with a design that triggers it at its field and a
//! design that does not; warnings never make a design invalid.

mod common;

use stackdraft::engine::config::{
    Access, CacheMode, Config, Domain, EnvVar, GatewayEndpoint, Nat, Permission, SecretVar, Waf,
};
use stackdraft::engine::message::Message;
use stackdraft::engine::review::{review, Warning, WarningKind};
use stackdraft::validate;

fn warnings_of(edit: impl FnOnce(&mut Config)) -> Vec<Warning> {
    let mut config = Config::default();
    edit(&mut config);
    assert!(
        validate(&config).is_empty(),
        "the design under review must be valid: {:?}",
        validate(&config)
    );
    review(&config)
}

fn of_kind(warnings: &[Warning], kind: WarningKind) -> Vec<&Warning> {
    warnings.iter().filter(|w| w.kind == kind).collect()
}

/// The edit gives exactly one warning of `kind`: `expected`, at `path`.
fn expect(kind: WarningKind, edit: impl FnOnce(&mut Config), path: &str, expected: Message) {
    let warnings = warnings_of(edit);
    let found = of_kind(&warnings, kind);
    assert_eq!(found.len(), 1, "{kind:?}: {warnings:#?}");
    assert_eq!(found[0].path, path, "{kind:?}");
    assert_eq!(found[0].message, expected, "{kind:?} at {path}");
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The zone IDs AWS lists for Tokyo.
const TOKYO_ZONES: [&str; 4] = ["apne1-az1", "apne1-az2", "apne1-az3", "apne1-az4"];

fn absent(kind: WarningKind, edit: impl FnOnce(&mut Config)) {
    let warnings = warnings_of(edit);
    assert!(
        of_kind(&warnings, kind).is_empty(),
        "{kind:?}: {warnings:#?}"
    );
}

fn own_domain() -> Domain {
    Domain {
        zone: "shop.stackdraft-test.net".into(),
        certificate_arn: Some(
            "arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d"
                .into(),
        ),
        hosted_zone_id: None,
    }
}

#[test]
fn the_default_design_draws_only_the_warning_the_user_alone_can_remove() {
    let kinds: Vec<WarningKind> = review(&Config::default()).iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [WarningKind::DefaultCertificate],
        "no domain of the user's yet; every other advice is taken"
    );
}

#[test]
fn the_field_reports_design_draws_its_trade_offs() {
    let field_report = common::load_example(&common::templates_dir().join("field-report"));
    let kinds: Vec<WarningKind> = review(&field_report).iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [
            WarningKind::NatUnlistedZones,
            WarningKind::NoWebAcl,
            WarningKind::NoAccessLogs,
            WarningKind::DefaultCertificate,
        ],
        "one NAT zone, and CloudFront without a domain, a web ACL or logs"
    );
}

#[test]
fn example_values() {
    expect(
        WarningKind::ExampleValue,
        |c| c.services[1].image = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1".into(),
        "services[1].image",
        Message::example_image_account("123456789012"),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.domain = Some(Domain {
                zone: "example.com".into(),
                ..own_domain()
            })
        },
        "domain.zone",
        Message::example_zone("example.com"),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.domain = Some(Domain {
                zone: "apps.example.org".into(),
                ..own_domain()
            })
        },
        "domain.zone",
        Message::example_zone("apps.example.org"),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.domain = Some(Domain {
                certificate_arn: Some("arn:aws:acm:us-east-1:111122223333:certificate/abc".into()),
                ..own_domain()
            })
        },
        "domain.certificate_arn",
        Message::example_certificate_account("111122223333"),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.domain = Some(Domain {
                certificate_arn: Some(
                    "arn:aws:acm:us-east-1:210987654321:certificate/12345678-1234-1234-1234-123456789012"
                        .into(),
                ),
                ..own_domain()
            })
        },
        "domain.certificate_arn",
        Message::example_certificate_id(),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.edge.waf = Waf::Existing {
                web_acl_arn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/a/1".into(),
            }
        },
        "edge.waf.web_acl_arn",
        Message::example_web_acl_account("123456789012"),
    );
    absent(WarningKind::ExampleValue, |c| {
        c.domain = Some(own_domain());
        c.services[1].image = "public.ecr.aws/nginx/nginx:1.27".into();
    });
    // The default design deploys in any account: nothing in it is an example.
    absent(WarningKind::ExampleValue, |_| {});
}

/// The warning says what following it costs, as the estimate reckons a manual NAT: each more
/// zone 730 zone-hours and 730 hours of its Elastic IP. Tokyo's prices (data/prices.json:
/// `regional_nat_gateway_az_hour` $0.062, `public_ipv4_hour` $0.005): one more zone
/// 730 × $0.067 = $48.91, two $97.82. In a region the price table lacks, the words without it.
#[test]
fn manual_nat_with_fewer_zones_than_subnets() {
    expect(
        WarningKind::NatUnlistedZones,
        |c| c.network.nat = Nat::Manual { azs: vec![0, 2] },
        "network.nat.azs",
        Message::nat_unlisted_zones_priced(
            strings(&["0", "2"]),
            strings(&["1"]),
            1,
            "$48.91",
            "$0.062",
            "$0.005",
        ),
    );
    expect(
        WarningKind::NatUnlistedZones,
        |c| c.network.nat = Nat::Manual { azs: vec![1] },
        "network.nat.azs",
        Message::nat_unlisted_zones_priced(
            strings(&["1"]),
            strings(&["0", "2"]),
            2,
            "$97.82",
            "$0.062",
            "$0.005",
        ),
    );
    // sa-east-1 is offered but not in the price table.
    expect(
        WarningKind::NatUnlistedZones,
        |c| {
            c.region = "sa-east-1".into();
            c.network.az_ids = None;
            c.network.nat = Nat::Manual { azs: vec![1] };
        },
        "network.nat.azs",
        Message::nat_unlisted_zones(strings(&["1"]), strings(&["0", "2"])),
    );
    absent(WarningKind::NatUnlistedZones, |_| {});
    absent(WarningKind::NatUnlistedZones, |c| c.network.nat = Nat::Auto);
}

#[test]
fn the_fargate_vcpu_quota() {
    // 1 vCPU × 3 + 1 vCPU × 3 = 6: exactly the default quota.
    absent(WarningKind::FargateQuota, |_| {});
    expect(
        WarningKind::FargateQuota,
        |c| c.services[1].scaling.max = 20,
        "services",
        Message::fargate_quota("23", 6),
    );
    expect(
        WarningKind::FargateQuota,
        |c| {
            c.services[0].cpu = 256;
            c.services[0].memory = 512;
            c.services[0].scaling.max = 5;
            c.services[1].scaling.max = 5;
        },
        "services",
        Message::fargate_quota("6.25", 6),
    );
}

#[test]
fn zone_coverage_with_get_azs() {
    expect(
        WarningKind::ZoneCoverage,
        |c| c.network.az_ids = None,
        "network.subnets",
        Message::zone_coverage(3, "ap-northeast-1", strings(&TOKYO_ZONES)),
    );
    absent(WarningKind::ZoneCoverage, |_| {});
    absent(WarningKind::ZoneCoverage, |c| {
        c.network.az_ids = None;
        stackdraft::form::edits::remove_subnet(c, 2);
    });
}

#[test]
fn zone_ids_aws_does_not_list() {
    expect(
        WarningKind::UnlistedZone,
        |c| c.network.az_ids.as_mut().unwrap()[2] = "apne1-az7".into(),
        "network.az_ids[2]",
        Message::unlisted_zone("apne1-az7", "ap-northeast-1", strings(&TOKYO_ZONES)),
    );
    absent(WarningKind::UnlistedZone, |_| {});
}

#[test]
fn the_default_cloudfront_certificate() {
    expect(
        WarningKind::DefaultCertificate,
        |_| {},
        "services[0].cloudfront.host",
        Message::default_certificate(),
    );
    absent(WarningKind::DefaultCertificate, |c| {
        c.domain = Some(own_domain());
        c.services[0].cloudfront.host = Some("www".into());
    });
    absent(WarningKind::DefaultCertificate, |c| {
        c.services[0].cloudfront.enabled = false
    });
}

#[test]
fn single_task_services() {
    expect(
        WarningKind::SingleTask,
        |c| c.services[1].scaling.max = 1,
        "services[1].scaling.max",
        Message::single_task(),
    );
    absent(WarningKind::SingleTask, |_| {});
}

#[test]
fn the_entry_point_without_a_web_acl_or_logs() {
    expect(
        WarningKind::NoWebAcl,
        |c| c.edge.waf = Waf::Off,
        "edge.waf",
        Message::no_web_acl(),
    );
    absent(WarningKind::NoWebAcl, |_| {});
    expect(
        WarningKind::NoAccessLogs,
        |c| c.edge.access_logs = false,
        "edge.access_logs",
        Message::no_access_logs(),
    );
    absent(WarningKind::NoAccessLogs, |_| {});
    // No distribution, no entry point to protect.
    let warnings = warnings_of(|c| {
        c.edge.waf = Waf::Off;
        c.edge.access_logs = false;
        c.services[0].cloudfront.enabled = false;
    });
    assert!(of_kind(&warnings, WarningKind::NoWebAcl).is_empty());
    assert!(of_kind(&warnings, WarningKind::NoAccessLogs).is_empty());
}

#[test]
fn a_managed_web_acl_that_blocks_large_bodies() {
    expect(
        WarningKind::LargeBodiesBlocked,
        |c| {
            c.edge.waf = Waf::Managed {
                rate_limit: 2000,
                allow_large_bodies: false,
            }
        },
        "edge.waf.allow_large_bodies",
        Message::large_bodies_blocked(),
    );
    absent(WarningKind::LargeBodiesBlocked, |c| {
        c.edge.waf = Waf::Managed {
            rate_limit: 2000,
            allow_large_bodies: true,
        }
    });
}

#[test]
fn caching_shared_by_every_visitor() {
    expect(
        WarningKind::SharedCache,
        |c| c.services[0].cloudfront.cache = CacheMode::Short,
        "services[0].cloudfront.cache",
        Message::shared_cache(),
    );
    absent(WarningKind::SharedCache, |_| {});
}

#[test]
fn every_kind_has_a_test_design_and_a_stable_code() {
    let mut codes: Vec<&str> = WarningKind::ALL.iter().map(|k| k.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), WarningKind::ALL.len());
}

#[test]
fn review_never_panics_and_never_invalidates() {
    for config in common::sample_designs(40) {
        let _ = review(&config);
        assert!(validate(&config).is_empty());
    }
}

// ---- what a service's application is given ----

fn env(name: &str) -> EnvVar {
    EnvVar {
        name: name.into(),
        value: Some("x".into()),
    }
}

fn bucket(resource: &str) -> Permission {
    Permission {
        resource: resource.into(),
        access: Access::Read,
    }
}

#[test]
fn secrets_in_plain_variables_and_variables_that_override_aws() {
    expect(
        WarningKind::VariableLooksSecret,
        |c| c.services[1].app.environment = vec![env("NODE_ENV"), env("db_password")],
        "services[1].environment[1].name",
        Message::variable_looks_secret("db_password"),
    );
    // The same name fetched from a secret is where it belongs.
    absent(WarningKind::VariableLooksSecret, |c| {
        c.services[1].app.secrets = vec![SecretVar {
            name: "DB_PASSWORD".into(),
            value_from: "/app/db-password".into(),
        }]
    });
    expect(
        WarningKind::VariableOverrides,
        |c| c.services[0].app.environment = vec![env("AWS_ACCESS_KEY_ID")],
        "services[0].environment[0].name",
        Message::variable_overrides_credentials("AWS_ACCESS_KEY_ID"),
    );
    expect(
        WarningKind::VariableOverrides,
        |c| c.services[0].app.environment = vec![env("AWS_REGION")],
        "services[0].environment[0].name",
        Message::variable_overrides_region("AWS_REGION"),
    );
}

#[test]
fn data_the_expensive_way_and_in_another_region() {
    // The default design has both gateway endpoints: nothing goes through the NAT.
    absent(WarningKind::DataThroughNat, |c| {
        c.services[1].app.permissions = vec![bucket("arn:aws:s3:::shop-uploads")]
    });
    // Without the S3 endpoint: Tokyo's Regional NAT Gateway data price, $0.062 per GB
    // (data/prices.json), and the usage's 50 GB of NAT traffic: 50 × $0.062 = $3.10.
    expect(
        WarningKind::DataThroughNat,
        |c| {
            c.network.gateway_endpoints = vec![GatewayEndpoint::Dynamodb];
            c.services[1].app.permissions = vec![bucket("arn:aws:s3:::shop-uploads")];
        },
        "services[1].permissions[0].resource",
        Message::data_through_nat("s3", "$0.062", 50, "$3.10"),
    );
    expect(
        WarningKind::TableInOtherRegion,
        |c| {
            c.services[1].app.permissions = vec![bucket(
                "arn:aws:dynamodb:us-east-1:210987654321:table/Orders",
            )]
        },
        "services[1].permissions[0].resource",
        Message::table_in_other_region("Orders", "us-east-1", "ap-northeast-1"),
    );
}

#[test]
fn broad_policies_unused_keys_and_example_accounts() {
    expect(
        WarningKind::BroadPolicy,
        |c| {
            c.services[1].app.policy_arns =
                vec!["arn:aws:iam::aws:policy/AmazonS3FullAccess".into()]
        },
        "services[1].policy_arns[0]",
        Message::broad_policy("AmazonS3FullAccess"),
    );
    absent(WarningKind::BroadPolicy, |c| {
        c.services[1].app.policy_arns =
            vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".into()]
    });
    expect(
        WarningKind::PolicyQuota,
        |c| {
            c.services[1].app.policy_arns = (0..11)
                .map(|i| format!("arn:aws:iam::210987654321:policy/p{i}"))
                .collect()
        },
        "services[1].policy_arns",
        Message::policy_arns_over_quota(11, 10, 20),
    );
    expect(
        WarningKind::KmsKeyUnused,
        |c| {
            c.services[1].app.secrets_kms_key_arn = Some(
                "arn:aws:kms:ap-northeast-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                    .into(),
            )
        },
        "services[1].secrets_kms_key_arn",
        Message::kms_key_unused(),
    );
    expect(
        WarningKind::ExampleValue,
        |c| {
            c.services[1].app.secrets = vec![SecretVar {
                name: "DB".into(),
                value_from: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-Xy12Ab"
                    .into(),
            }]
        },
        "services[1].secrets[0].value_from",
        Message::example_arn_account("123456789012"),
    );
}

/// Issue 30: a warning accepted with a reason, in the design. The default design draws one
/// warning, `default-certificate` at `services[0].cloudfront.host` (review.rs: a
/// distribution with no alias); accepting it leaves none open.
mod accepted {
    use stackdraft::engine::config::{Acceptance, Config};
    use stackdraft::engine::message::Code;
    use stackdraft::engine::review::{review, settle, without_stale};
    use stackdraft::validate;

    fn acceptance(code: &str, path: &str, reason: &str) -> Acceptance {
        Acceptance {
            code: code.into(),
            path: path.into(),
            reason: reason.into(),
        }
    }

    fn default_accepting(list: Vec<Acceptance>) -> Config {
        let mut config = Config::default();
        config.review.accepted = list;
        config
    }

    #[test]
    fn an_accepted_warning_is_apart_with_its_reason_and_not_open() {
        let config = default_accepting(vec![acceptance(
            "default-certificate",
            "services[0].cloudfront.host",
            "an internal tool: the *.cloudfront.net name is fine",
        )]);
        assert!(validate(&config).is_empty());
        let settled = settle(&config, review(&config));
        assert!(settled.open.is_empty(), "{:?}", settled.open);
        assert_eq!(settled.accepted.len(), 1);
        assert_eq!(settled.accepted[0].0.path, "services[0].cloudfront.host");
        assert_eq!(
            settled.accepted[0].1,
            "an internal tool: the *.cloudfront.net name is fine"
        );
        assert!(settled.stale.is_empty());
    }

    #[test]
    fn an_acceptance_names_one_warning_by_code_and_path() {
        // The same code at another path, and another code at the same path: neither accepts it.
        let config = default_accepting(vec![
            acceptance("default-certificate", "services[1].cloudfront.host", "r"),
            acceptance("no-access-logs", "services[0].cloudfront.host", "r"),
        ]);
        let settled = settle(&config, review(&config));
        assert_eq!(settled.open.len(), 1);
        assert!(settled.accepted.is_empty());
        assert_eq!(settled.stale, [0, 1]);
        assert!(without_stale(&config, &settled.stale)
            .review
            .accepted
            .is_empty());
    }

    #[test]
    fn an_acceptance_needs_a_known_code_a_reason_and_to_be_given_once() {
        let config = default_accepting(vec![
            acceptance("default-certificate", "services[0].cloudfront.host", "  "),
            acceptance("no-such-warning", "edge.access_logs", "r"),
            acceptance(
                "default-certificate",
                "services[0].cloudfront.host",
                "again",
            ),
        ]);
        let errors: Vec<(String, Code)> = validate(&config)
            .into_iter()
            .map(|e| (e.path, e.message.code()))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    "review.accepted[0].reason".to_string(),
                    Code::AcceptanceNoReason
                ),
                (
                    "review.accepted[1].code".to_string(),
                    Code::AcceptanceUnknownCode
                ),
                ("review.accepted[2]".to_string(), Code::AcceptanceTwice),
            ]
        );
    }

    #[test]
    fn acceptances_are_read_and_written_with_the_design_and_unknown_keys_refused() {
        let config = default_accepting(vec![acceptance(
            "default-certificate",
            "services[0].cloudfront.host",
            "an internal tool",
        )]);
        let json = config.to_pretty_json();
        assert!(json.contains("\"accepted\""));
        assert_eq!(Config::from_json(&json).unwrap(), config);
        // Absent when there are none: the default design's file is unchanged.
        assert!(!Config::default().to_pretty_json().contains("\"review\""));
        let extra = json.replace("\"reason\":", "\"because\": \"x\", \"reason\":");
        let error = Config::from_json(&extra).unwrap_err();
        assert_eq!(error.path, "review.accepted[0].because", "{error:?}");
        let link = stackdraft::engine::link::encode(&config);
        assert_eq!(stackdraft::engine::link::decode(&link).unwrap(), config);
    }
}
