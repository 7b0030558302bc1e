//! One bad design per validation rule: each is reported at the right path with the code
//! and arguments that say what would be valid, and nothing else is reported. Expected
//! arguments are worked out by hand from the rule (a /28 holds 16 addresses, AWS keeps 5).

use stackdraft::engine::config::{
    Access, Application, CacheMode, CloudFront, Config, Domain, EnvVar, GatewayEndpoint, Nat,
    Permission, SecretVar, Service, OWN_ECR_REGISTRY,
};
use stackdraft::engine::message::{Arg, Code, Message};
use stackdraft::{validate, FieldError};

/// The default design with a custom domain and the initial service on an alias, so that
/// every rule has a field to break.
fn base() -> Config {
    let mut config = Config {
        domain: Some(Domain {
            zone: "example.com".into(),
            certificate_arn: Some(
                "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
                    .into(),
            ),
            hosted_zone_id: None,
        }),
        ..Config::default()
    };
    config.services[0].cloudfront.host = Some("ecs-express-initial".into());
    config
}

fn errors_of(edit: impl FnOnce(&mut Config)) -> Vec<FieldError> {
    let mut config = base();
    edit(&mut config);
    validate(&config)
}

/// The design has exactly one error: `expected`, at `path`.
fn expect_error(edit: impl FnOnce(&mut Config), path: &str, expected: Message) {
    let errors = errors_of(edit);
    assert_eq!(
        errors,
        [FieldError::new(path, expected)],
        "expected one error at {path}"
    );
}

/// The design has exactly one error, at `path`, of this code.
fn expect_code(edit: impl FnOnce(&mut Config), path: &str, code: Code) {
    let errors = errors_of(edit);
    assert_eq!(
        errors.len(),
        1,
        "expected one error at {path}, got {errors:#?}"
    );
    assert_eq!(
        (errors[0].path.as_str(), errors[0].message.code()),
        (path, code)
    );
}

/// Among the design's errors is `expected`, at `path`.
fn expect_some_error(edit: impl FnOnce(&mut Config), path: &str, expected: Message) {
    let errors = errors_of(edit);
    assert!(
        errors.contains(&FieldError::new(path, expected.clone())),
        "expected {expected:?} at {path}, got {errors:#?}"
    );
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_default_design_is_valid() {
    assert_eq!(validate(&Config::default()), vec![]);
    assert_eq!(validate(&base()), vec![]);
}

#[test]
fn cidr_syntax_and_host_bits() {
    expect_error(
        |c| c.network.cidr = "192.168.0.0".into(),
        "network.cidr",
        Message::cidr_no_prefix(),
    );
    expect_error(
        |c| c.network.cidr = "192.168.1.0/18".into(),
        "network.cidr",
        Message::cidr_host_bits("192.168.1.0", "192.168.0.0/18"),
    );
    expect_error(
        |c| c.network.subnets[1] = "192.168.17.0/20".into(),
        "network.subnets[1]",
        Message::cidr_host_bits("192.168.17.0", "192.168.16.0/20"),
    );
    expect_error(
        |c| c.network.subnets[0] = "192.168.0.0 /20".into(),
        "network.subnets[0]",
        Message::cidr_spaces("192.168.0.0/20"),
    );
    expect_error(
        |c| c.network.subnets[0] = "192.168.000.0/20".into(),
        "network.subnets[0]",
        Message::cidr_leading_zero("000", 0),
    );
    expect_error(
        |c| c.network.subnets[2] = "2001:db8::/64".into(),
        "network.subnets[2]",
        Message::cidr_ipv6(),
    );
    expect_error(
        |c| c.network.subnets[2] = "".into(),
        "network.subnets[2]",
        Message::cidr_empty(),
    );
}

#[test]
fn vpc_prefix_is_16_to_28() {
    expect_some_error(
        |c| c.network.cidr = "10.0.0.0/8".into(),
        "network.cidr",
        Message::vpc_prefix_out_of_range(8, 16, "65,536", 28, "16"),
    );
    expect_some_error(
        |c| c.network.cidr = "192.168.0.0/29".into(),
        "network.cidr",
        Message::vpc_prefix_out_of_range(29, 16, "65,536", 28, "16"),
    );
}

#[test]
fn subnets_inside_the_vpc_without_overlap_and_large_enough() {
    expect_error(
        |c| c.network.subnets[2] = "10.0.0.0/20".into(),
        "network.subnets[2]",
        Message::subnet_outside_vpc("10.0.0.0/20", "192.168.0.0/18"),
    );
    expect_error(
        |c| c.network.subnets[2] = "192.168.8.0/21".into(),
        "network.subnets[2]",
        Message::subnet_overlap("192.168.8.0/21", "network.subnets[0]", "192.168.0.0/20"),
    );
    // A /28 holds 16 addresses; AWS keeps 5 of them.
    expect_error(
        |c| c.network.subnets[2] = "192.168.32.0/28".into(),
        "network.subnets[2]",
        Message::subnet_too_small(28, 11, 27),
    );
    assert!(validate(&{
        let mut c = Config::default();
        c.network.subnets[2] = "192.168.32.0/27".into();
        c
    })
    .is_empty());
}

#[test]
fn two_to_six_subnets() {
    expect_some_error(
        |c| c.network.subnets.truncate(1),
        "network.subnets",
        Message::subnet_count(1, 2, 6),
    );
    expect_some_error(
        |c| {
            c.region = "us-east-1".into();
            c.network.cidr = "10.0.0.0/16".into();
            c.network.subnets = (0..7).map(|i| format!("10.0.{}.0/24", i)).collect();
        },
        "network.subnets",
        Message::subnet_count(7, 2, 6),
    );
    expect_error(
        |c| {
            c.network.az_ids = None;
            c.network.subnets.push("192.168.48.0/20".into());
        },
        "network.subnets",
        Message::subnets_exceed_zones(4, "ap-northeast-1", 3, 4),
    );
    // Pinned to zone IDs, a fourth subnet can go to Tokyo's fourth zone.
    assert!(errors_of(|c| {
        c.network.subnets.push("192.168.48.0/20".into());
        c.network.az_ids.as_mut().unwrap().push("apne1-az3".into());
    })
    .is_empty());
}

#[test]
fn zone_ids_are_one_per_subnet_in_the_designs_region() {
    expect_error(
        |c| c.network.az_ids = Some(vec!["apne1-az4".into(), "apne1-az1".into()]),
        "network.az_ids",
        Message::zone_ids_count(2, 3),
    );
    let errors = errors_of(|c| c.network.az_ids.as_mut().unwrap()[1] = "use1-az1".into());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "network.az_ids[1]");
    assert_eq!(errors[0].message.code(), Code::ZoneIdOtherRegion);
    assert_eq!(
        errors[0].message.arg("prefix"),
        Some(&Arg::Text("apne1".into()))
    );
    expect_error(
        |c| c.network.az_ids.as_mut().unwrap()[2] = "apne1-az4".into(),
        "network.az_ids[2]",
        Message::zone_id_twice("apne1-az4"),
    );
    for bad in [
        "apne1",
        "apne1-az",
        "APNE1-AZ1",
        "apne1-azX",
        "-az1",
        "apne1-az123",
    ] {
        expect_error(
            |c| c.network.az_ids.as_mut().unwrap()[0] = bad.into(),
            "network.az_ids[0]",
            Message::zone_id_malformed(bad),
        );
    }
    assert!(errors_of(|c| c.network.az_ids = None).is_empty());
}

#[test]
fn nat_azs_exist_are_unique_and_present_in_manual_mode() {
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![3] },
        "network.nat.azs[0]",
        Message::nat_az_no_subnet(3, 2),
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![0, 0] },
        "network.nat.azs[1]",
        Message::nat_az_twice(0),
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![] },
        "network.nat.azs",
        Message::nat_azs_empty(),
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![-1] },
        "network.nat.azs[0]",
        Message::nat_az_no_subnet(-1, 2),
    );
    assert!(validate(&{
        let mut c = Config::default();
        c.network.nat = Nat::Auto;
        c
    })
    .is_empty());
}

#[test]
fn gateway_endpoints_are_not_repeated() {
    expect_error(
        |c| c.network.gateway_endpoints = vec![GatewayEndpoint::S3, GatewayEndpoint::S3],
        "network.gateway_endpoints[1]",
        Message::endpoint_twice("s3"),
    );
}

#[test]
fn names_are_stack_names_that_fit_derived_limits_and_are_unique() {
    expect_error(
        |c| c.network.name = "1vpc".into(),
        "network.name",
        Message::stack_name_invalid("1vpc"),
    );
    expect_error(
        |c| c.network.name = "my_vpc".into(),
        "network.name",
        Message::stack_name_invalid("my_vpc"),
    );
    expect_error(
        |c| c.network.name = String::new(),
        "network.name",
        Message::stack_name_empty(),
    );
    expect_error(
        |c| c.services[0].name = "a".repeat(50),
        "services[0].name",
        Message::stack_name_too_long(50, 42),
    );
    // CloudFormation's own limit is 128 characters.
    expect_error(
        |c| c.services[1].name = "b".repeat(130),
        "services[1].name",
        Message::stack_name_invalid("b".repeat(130)),
    );
    expect_error(
        |c| c.services[1].name = c.services[0].name.clone(),
        "services[1].name",
        Message::name_taken_by_service("ecs-express-initial", "services[0]"),
    );
    expect_error(
        |c| c.services[1].name = c.network.name.clone(),
        "services[1].name",
        Message::name_taken_by_network("ecs-express-vpc"),
    );
    // Any valid name of up to 40 characters is accepted, everywhere.
    assert!(validate(&{
        let mut c = Config::default();
        c.network.name = "N".repeat(40);
        c.services[0].name = "I".repeat(40);
        c.services[1].name = "s-".repeat(20);
        c
    })
    .is_empty());
}

#[test]
fn fargate_cpu_and_memory_combinations() {
    // The CPU values and memory ranges of the Fargate task size table.
    expect_error(
        |c| c.services[0].cpu = 300,
        "services[0].cpu",
        Message::cpu_invalid(
            300,
            strings(&["256", "512", "1024", "2048", "4096", "8192", "16384"]),
        ),
    );
    expect_error(
        |c| c.services[0].memory = 1024,
        "services[0].memory",
        Message::memory_not_in_range(1024, 1024, 2, 8, 1, 2048, 8192),
    );
    expect_error(
        |c| {
            c.services[0].cpu = 256;
            c.services[0].memory = 4096
        },
        "services[0].memory",
        Message::memory_not_offered(4096, 256, strings(&["512", "1024", "2048"])),
    );
    expect_error(
        |c| {
            c.services[0].cpu = 8192;
            c.services[0].memory = 18432
        },
        "services[0].memory",
        Message::memory_not_in_range(18432, 8192, 16, 60, 4, 16384, 61440),
    );
    expect_error(
        |c| {
            c.services[0].cpu = 16384;
            c.services[0].memory = 36864
        },
        "services[0].memory",
        Message::memory_not_in_range(36864, 16384, 32, 120, 8, 32768, 122880),
    );
    expect_error(
        |c| {
            c.services[0].cpu = 4096;
            c.services[0].memory = 31744
        },
        "services[0].memory",
        Message::memory_not_in_range(31744, 4096, 8, 30, 1, 8192, 30720),
    );
    for (cpu, memory) in [
        (256, 512),
        (512, 4096),
        (2048, 16384),
        (4096, 30720),
        (8192, 61440),
        (16384, 122880),
    ] {
        let errors = errors_of(|c| {
            c.services[0].cpu = cpu;
            c.services[0].memory = memory
        });
        assert!(errors.is_empty(), "{cpu}/{memory}: {errors:?}");
    }
}

#[test]
fn port_health_check_scaling_and_logs() {
    expect_error(
        |c| c.services[0].port = 0,
        "services[0].port",
        Message::port_out_of_range(0),
    );
    expect_error(
        |c| c.services[0].port = 65536,
        "services[0].port",
        Message::port_out_of_range(65536),
    );
    expect_error(
        |c| c.services[0].health_check_path = "health".into(),
        "services[0].health_check_path",
        Message::health_path_no_slash("health"),
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a b".into(),
        "services[0].health_check_path",
        Message::health_path_bad_character(" "),
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a?b=1".into(),
        "services[0].health_check_path",
        Message::health_path_query(),
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a%zz".into(),
        "services[0].health_check_path",
        Message::health_path_bad_percent(),
    );
    expect_error(
        |c| c.services[0].scaling.min = 0,
        "services[0].scaling.min",
        Message::scaling_min_below_one(0),
    );
    expect_error(
        |c| {
            c.services[0].scaling.min = 5;
            c.services[0].scaling.max = 2
        },
        "services[0].scaling.max",
        Message::scaling_max_below_min(2, 5),
    );
    expect_error(
        |c| c.services[0].scaling.max = 10_000,
        "services[0].scaling.max",
        Message::scaling_max_too_many(10_000, 5000),
    );
    expect_error(
        |c| {
            c.services[0].scaling.metric =
                stackdraft::engine::config::ScalingMetric::RequestCountPerTarget;
            c.services[0].scaling.target = 100_001;
        },
        "services[0].scaling.target",
        Message::scaling_target_requests(100_001, "REQUEST_COUNT_PER_TARGET", 1, 100_000),
    );
    assert!(errors_of(|c| {
        c.services[0].scaling.metric =
            stackdraft::engine::config::ScalingMetric::RequestCountPerTarget;
        c.services[0].scaling.target = 100_000;
    })
    .is_empty());
    // An unknown metric is refused when the design is read, at its path.
    let json = Config::default()
        .to_pretty_json()
        .replacen("\"AVERAGE_CPU\"", "\"CPU\"", 1);
    let error = Config::from_json(&json).unwrap_err();
    assert_eq!(
        error,
        FieldError::new(
            "services[0].scaling.metric",
            Message::unknown_choice(
                "CPU",
                strings(&["AVERAGE_CPU", "AVERAGE_MEMORY", "REQUEST_COUNT_PER_TARGET"])
            )
        )
    );
    expect_error(
        |c| c.services[0].scaling.target = 150,
        "services[0].scaling.target",
        Message::scaling_target_percent(150, "AVERAGE_CPU", 1, 100),
    );
    expect_error(
        |c| c.services[0].scaling.target = 0,
        "services[0].scaling.target",
        Message::scaling_target_percent(0, "AVERAGE_CPU", 1, 100),
    );
    expect_code(
        |c| c.services[0].log_retention_days = 10,
        "services[0].log_retention_days",
        Code::LogRetentionInvalid,
    );
}

#[test]
fn image_references() {
    expect_error(
        |c| c.services[0].image = String::new(),
        "services[0].image",
        Message::image_empty(),
    );
    expect_error(
        |c| c.services[0].image = "my image".into(),
        "services[0].image",
        Message::image_spaces(),
    );
    expect_error(
        |c| c.services[0].image = "MyImage:latest".into(),
        "services[0].image",
        Message::image_bad_repository("MyImage"),
    );
    expect_error(
        |c| c.services[0].image = "nginx:".into(),
        "services[0].image",
        Message::image_bad_tag(""),
    );
    expect_error(
        |c| c.services[0].image = "nginx@sha256:abc".into(),
        "services[0].image",
        Message::image_bad_digest(),
    );
    for image in [
        "nginx",
        "nginx:1.27",
        "public.ecr.aws/nginx/nginx:latest",
        "localhost:5000/app",
        "ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ] {
        assert!(
            errors_of(|c| c.services[0].image = image.into()).is_empty(),
            "{image}"
        );
    }
}

#[test]
fn domain_and_hosts() {
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "Example.com".into(),
        "domain.zone",
        Message::dns_name_label("Example", Message::dns_label_characters()),
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "example.com.".into(),
        "domain.zone",
        Message::dns_name_trailing_dot("example.com"),
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "localhost".into(),
        "domain.zone",
        Message::dns_name_one_label("localhost"),
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "-bad.com".into(),
        "domain.zone",
        Message::dns_name_label("-bad", Message::dns_label_hyphen()),
    );
    expect_error(
        |c| {
            c.domain.as_mut().unwrap().certificate_arn =
                Some("arn:aws:acm:eu-west-1:123456789012:certificate/abc-123".into())
        },
        "domain.certificate_arn",
        Message::certificate_arn_region("eu-west-1"),
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().certificate_arn = Some("not-an-arn".into()),
        "domain.certificate_arn",
        Message::certificate_arn_not_arn(),
    );
    expect_error(
        |c| c.services[0].cloudfront.host = Some("Api".into()),
        "services[0].cloudfront.host",
        Message::host_invalid("Api", Message::dns_label_characters()),
    );
    expect_error(
        |c| c.services[0].cloudfront.host = Some("api.v2".into()),
        "services[0].cloudfront.host",
        Message::host_invalid("api.v2", Message::dns_label_characters()),
    );
    expect_error(
        |c| c.domain = None,
        "services[0].cloudfront.host",
        Message::host_needs_domain(),
    );
    assert!(errors_of(|c| {
        c.domain = None;
        c.services[0].cloudfront = CloudFront {
            enabled: true,
            host: None,
            cache: CacheMode::Off,
        };
    })
    .is_empty());
}

#[test]
fn a_service_cannot_take_the_global_stacks_name() {
    expect_error(
        |c| c.services[1].name = "ecs-express-vpc-ap-northeast-1-global".into(),
        "services[1].name",
        Message::name_taken_by_global_stack("ecs-express-vpc-ap-northeast-1-global"),
    );
}

#[test]
fn cloudfront_hosts_are_unique() {
    expect_error(
        |c| c.services[1].cloudfront.host = c.services[0].cloudfront.host.clone(),
        "services[1].cloudfront.host",
        Message::host_taken("ecs-express-initial", "services[0]"),
    );
}

#[test]
fn region_and_version() {
    expect_error(
        |c| c.region = "mars-north-1".into(),
        "region",
        Message::region_unknown("mars-north-1"),
    );
    expect_error(
        |c| c.version = 2,
        "version",
        Message::version_unsupported("2"),
    );
}

#[test]
fn services_present_and_within_the_alb_limit() {
    expect_error(
        |c| c.services.clear(),
        "services",
        Message::services_empty(),
    );
    let errors = errors_of(|c| {
        c.services = (0..1000)
            .map(|i| Service {
                name: format!("svc-{i}"),
                ..Service::example(2)
            })
            .collect();
    });
    assert_eq!(
        errors,
        [FieldError::new(
            "services",
            Message::services_too_many(1000, 25)
        )]
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let errors = errors_of(|c| {
        c.network.cidr = "bad".into();
        c.services[0].port = 0;
        c.services[1].memory = 1;
        c.region = "nowhere".into();
    });
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    for path in [
        "network.cidr",
        "services[0].port",
        "services[1].memory",
        "region",
    ] {
        assert!(paths.contains(&path), "{paths:?}");
    }
}

#[test]
fn reading_json_names_the_field() {
    let default_json = Config::default().to_pretty_json();
    let with_unknown = default_json.replacen("\"ipv6\": true", "\"ipv6\": true, \"colour\": 1", 1);
    let error = Config::from_json(&with_unknown).unwrap_err();
    assert_eq!(error.path, "network.colour");
    assert_eq!(error.message.code(), Code::UnknownField);
    assert_eq!(error.message.arg("key"), Some(&Arg::Text("colour".into())));

    let wrong_type = default_json.replacen("\"port\": 3000", "\"port\": \"3000\"", 1);
    let error = Config::from_json(&wrong_type).unwrap_err();
    assert_eq!(
        error,
        FieldError::new(
            "services[0].port",
            Message::wrong_type(
                Message::json_string("\"3000\""),
                Message::expect_whole_number()
            )
        )
    );

    let newer = default_json.replacen("\"version\": 1", "\"version\": 2", 1);
    let error = Config::from_json(&newer).unwrap_err();
    assert_eq!(
        error,
        FieldError::new("version", Message::version_unsupported("2"))
    );

    assert_eq!(
        Config::from_json("[1,2]").unwrap_err(),
        FieldError::new("", Message::not_an_object())
    );
    assert_eq!(
        Config::from_json("{").unwrap_err().message.code(),
        Code::NotJson
    );
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(Config::from_json(&deep).is_err());
    let max = stackdraft::engine::config::MAX_CONFIG_BYTES;
    let huge = " ".repeat(max + 1);
    assert_eq!(
        Config::from_json(&huge).unwrap_err(),
        FieldError::new("", Message::config_too_large(max + 1, 1024))
    );

    let bad_nat = default_json.replacen("\"mode\": \"manual\"", "\"mode\": \"sometimes\"", 1);
    let error = Config::from_json(&bad_nat).unwrap_err();
    assert_eq!(
        error,
        FieldError::new(
            "network.nat.mode",
            Message::unknown_choice("sometimes", strings(&["auto", "manual"]))
        )
    );
}

#[test]
fn null_and_absent_mean_the_same() {
    let mut with_nulls: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    with_nulls["domain"] = serde_json::Value::Null;
    with_nulls["services"][0]["cloudfront"]["host"] = serde_json::Value::Null;
    let mut absent = with_nulls.clone();
    absent.as_object_mut().unwrap().remove("domain");
    absent["services"][0]["cloudfront"]
        .as_object_mut()
        .unwrap()
        .remove("host");
    let a = Config::from_json(&with_nulls.to_string()).unwrap();
    let b = Config::from_json(&absent.to_string()).unwrap();
    assert_eq!(a, b);
    assert!(a.domain.is_none() && a.services[0].cloudfront.host.is_none());
}

#[test]
fn reading_reports_missing_fields_nulls_and_wrong_types_at_their_paths() {
    let read = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value =
            serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
        edit(&mut value);
        Config::from_json(&value.to_string()).unwrap_err()
    };
    assert_eq!(
        read(&|v| {
            v["services"][1].as_object_mut().unwrap().remove("scaling");
        }),
        FieldError::new("services[1]", Message::missing_field("scaling"))
    );
    assert_eq!(
        read(&|v| v["services"][0]["port"] = serde_json::Value::Null),
        FieldError::new(
            "services[0].port",
            Message::wrong_type(Message::json_null(), Message::expect_whole_number())
        )
    );
    assert_eq!(
        read(&|v| v["network"]["subnets"][2] = serde_json::json!(5)),
        FieldError::new(
            "network.subnets[2]",
            Message::wrong_type(Message::json_number("5"), Message::expect_string())
        )
    );
    assert_eq!(
        read(&|v| v["network"]["gateway_endpoints"][1] = serde_json::json!("sqs")),
        FieldError::new(
            "network.gateway_endpoints[1]",
            Message::unknown_choice("sqs", strings(&["s3", "dynamodb"]))
        )
    );
    assert_eq!(
        read(&|v| v["network"]["nat"] = serde_json::json!({"mode": "auto", "azs": [0]})),
        FieldError::new(
            "network.nat.azs",
            Message::unknown_field("azs", strings(&["mode"]))
        )
    );
    assert_eq!(
        read(&|v| v["services"][0]["cpu"] = serde_json::json!(1024.5)),
        FieldError::new(
            "services[0].cpu",
            Message::wrong_type(
                Message::json_number("1024.5"),
                Message::expect_whole_number()
            )
        )
    );
}

#[test]
fn images_in_this_accounts_ecr_take_only_the_two_pseudo_parameters() {
    let own = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com";
    assert!(errors_of(|c| c.services[0].image = format!("{own}/team/app:1.2")).is_empty());
    assert!(errors_of(|c| c.services[0].image = format!("{own}/app")).is_empty());
    expect_error(
        |c| c.services[0].image = format!("{own}/app@sha256:{}", "a".repeat(64)),
        "services[0].image",
        Message::own_ecr_digest(),
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/${{Repo}}:1"),
        "services[0].image",
        Message::own_ecr_substitution(),
    );
    expect_error(
        |c| c.services[0].image = "${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/app:1".into(),
        "services[0].image",
        Message::image_substitution(OWN_ECR_REGISTRY),
    );
    expect_error(
        |c| c.services[0].image = "${AWS::Partition}/app:1".into(),
        "services[0].image",
        Message::image_substitution(OWN_ECR_REGISTRY),
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/App:1"),
        "services[0].image",
        Message::image_bad_repository("App"),
    );
    expect_error(
        |c| c.services[0].image = format!("{own}:1"),
        "services[0].image",
        Message::own_ecr_no_repository(OWN_ECR_REGISTRY),
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/a:1"),
        "services[0].image",
        Message::own_ecr_repository_length("a", 2, 256),
    );
}

#[test]
fn the_edge_settings() {
    use stackdraft::engine::config::Waf;
    for rate_limit in [9, 2_000_000_001, -1] {
        expect_error(
            |c| {
                c.edge.waf = Waf::Managed {
                    rate_limit,
                    allow_large_bodies: false,
                }
            },
            "edge.waf.rate_limit",
            Message::rate_limit_out_of_range(rate_limit, 10, 2_000_000_000),
        );
    }
    for (arn, expected) in [
        ("not-an-arn", Message::web_acl_arn_not_arn()),
        (
            "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/a/1",
            Message::web_acl_arn_region("eu-west-1"),
        ),
        (
            "arn:aws:wafv2::111122223333:global/webacl/a/1",
            Message::web_acl_arn_no_region(),
        ),
        (
            "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1",
            Message::web_acl_arn_not_cloudfront(),
        ),
        (
            "arn:aws:wafv2:us-east-1:1111:global/webacl/a/1",
            Message::arn_account("1111"),
        ),
        (
            "arn:aws:wafv2:us-east-1:111122223333:global/webacl/a",
            Message::web_acl_arn_name_and_id(),
        ),
    ] {
        expect_error(
            |c| {
                c.edge.waf = Waf::Existing {
                    web_acl_arn: arn.into(),
                }
            },
            "edge.waf.web_acl_arn",
            expected,
        );
    }
    assert!(errors_of(|c| c.edge.waf = Waf::Existing {
        web_acl_arn: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/shared/0a1b-2c3d".into()
    })
    .is_empty());
    expect_error(
        |c| {
            c.region = "eu-south-1".into();
            c.network.az_ids = None;
            c.edge.access_logs = true;
        },
        "edge.access_logs",
        Message::access_logs_region("eu-south-1"),
    );
    assert!(errors_of(|c| c.edge.access_logs = true).is_empty());
    for days in [0, 3651] {
        expect_error(
            |c| c.edge.access_log_days = days,
            "edge.access_log_days",
            Message::access_log_days_out_of_range(days, 1, 3650),
        );
    }
    expect_code(
        |c| c.network.flow_log_days = 10,
        "network.flow_log_days",
        Code::LogRetentionInvalid,
    );
}

#[test]
fn hosted_zones_and_certificates() {
    for id in ["z123", "/hostedzone/Z123", "Z", "Z12-3"] {
        expect_error(
            |c| c.domain.as_mut().unwrap().hosted_zone_id = Some(id.into()),
            "domain.hosted_zone_id",
            Message::hosted_zone_id_invalid(id),
        );
    }
    expect_error(
        |c| c.domain.as_mut().unwrap().certificate_arn = None,
        "services[0].cloudfront.host",
        Message::host_needs_certificate(),
    );
    assert!(errors_of(|c| {
        let domain = c.domain.as_mut().unwrap();
        domain.certificate_arn = None;
        domain.hosted_zone_id = Some("Z0123456789ABCDEFGHIJ".into());
    })
    .is_empty());
}

/// Issue 30 §5: a usage figure out of range is the estimate's problem, not the design's:
/// `validate` passes (the templates and the zip do not depend on it), `usage_errors` names it,
/// and the zip's COST.md says there is no estimate and why.
#[test]
fn usage_figures_out_of_range_turn_off_only_the_estimate() {
    use stackdraft::engine::validate::usage_errors;
    let max = stackdraft::engine::validate::MAX_USAGE;
    let mut config = Config::default();
    config.usage.requests_per_month = -1;
    config.usage.log_gb_per_month = max + 1;
    assert!(validate(&config).is_empty());
    let problems: Vec<(String, Message)> = usage_errors(&config)
        .into_iter()
        .map(|e| (e.path, e.message))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "usage.requests_per_month".to_string(),
                Message::usage_out_of_range(-1, max)
            ),
            (
                "usage.log_gb_per_month".to_string(),
                Message::usage_out_of_range(max + 1, max)
            ),
        ]
    );
    let files =
        stackdraft::engine::bundle::bundle_files(&config, None).expect("the design renders");
    let cost = files.iter().find(|f| f.path == "COST.md").unwrap();
    let cost = String::from_utf8_lossy(&cost.bytes);
    assert!(cost.starts_with("# What it costs\n\nNo estimate while a usage figure has an error: usage.requests_per_month: is -1;"), "{cost}");
    assert!(files.iter().any(|f| f.path == "deploy.sh"));
    config.usage = Default::default();
    assert!(usage_errors(&config).is_empty());
}

#[test]
fn fields_added_since_the_first_designs_are_optional_and_read_at_their_paths() {
    // A stackdraft.json saved before these fields existed opens to the values it held.
    let old = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/links/v2-default.json"),
    )
    .unwrap();
    let config = Config::from_json(&old).unwrap();
    assert_eq!(config.network.az_ids, None);
    assert!(!config.network.flow_logs);
    assert_eq!(config.network.flow_log_days, 14);
    assert_eq!(config.edge, stackdraft::engine::config::Edge::default());
    assert_eq!(config.usage, stackdraft::engine::config::Usage::default());
    assert_eq!(config.services[0].cloudfront.cache, CacheMode::Off);
    assert_eq!(config.domain.as_ref().unwrap().zone, "example.com");
    assert_eq!(config.services[1].scaling.max, 20);

    let read = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value =
            serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
        edit(&mut value);
        Config::from_value(value)
    };
    let error = |edit: &dyn Fn(&mut serde_json::Value)| read(edit).unwrap_err();
    assert_eq!(
        error(&|v| v["edge"]["waf"] = serde_json::json!({"mode": "strict"})),
        FieldError::new(
            "edge.waf.mode",
            Message::unknown_choice("strict", strings(&["off", "managed", "existing"]))
        )
    );
    assert_eq!(
        error(&|v| v["edge"]["waf"] = serde_json::json!({"mode": "existing"})),
        FieldError::new("edge.waf", Message::missing_field("web_acl_arn"))
    );
    let e = error(&|v| v["edge"]["price_class"] = serde_json::json!("PriceClass_300"));
    assert_eq!(
        (e.path.as_str(), e.message.code()),
        ("edge.price_class", Code::UnknownChoice)
    );
    let e = error(&|v| v["services"][0]["cloudfront"]["cache"] = serde_json::json!("long"));
    assert_eq!(e.path, "services[0].cloudfront.cache");
    let e = error(&|v| v["usage"]["requests"] = serde_json::json!(5));
    assert_eq!(
        (e.path.as_str(), e.message.code()),
        ("usage.requests", Code::UnknownField)
    );
    let e = error(&|v| v["network"]["az_ids"] = serde_json::json!("apne1-az1"));
    assert_eq!(e.path, "network.az_ids");
    let e = error(&|v| v["network"]["flow_logs"] = serde_json::json!("yes"));
    assert_eq!(e.path, "network.flow_logs");
    // Absent or null: today's defaults.
    let config = read(&|v| {
        v.as_object_mut().unwrap().remove("edge");
        v["usage"] = serde_json::Value::Null;
        v["network"].as_object_mut().unwrap().remove("az_ids");
    })
    .unwrap();
    assert_eq!(config.edge, stackdraft::engine::config::Edge::default());
    assert_eq!(config.usage, stackdraft::engine::config::Usage::default());
    assert_eq!(config.network.az_ids, None);
    let config = read(&|v| v["edge"] = serde_json::json!({"waf": {"mode": "managed"}})).unwrap();
    assert_eq!(
        config.edge.waf,
        stackdraft::engine::config::Waf::Managed {
            rate_limit: stackdraft::engine::config::DEFAULT_RATE_LIMIT,
            allow_large_bodies: false
        }
    );
}

/// What the page accepts, CloudFormation accepts: every edge ARN the validators let through
/// satisfies the AllowedPattern its template parameter carries, so a design that validates
/// is never refused at deploy time by its own parameter's constraint.
#[test]
fn accepted_arns_satisfy_the_templates_allowed_patterns() {
    use stackdraft::engine::render::{CERTIFICATE_ARN_PATTERN, WEB_ACL_ARN_PATTERN};
    use stackdraft::engine::validate::{check_certificate_arn, check_web_acl_arn};
    let certificate = regex::Regex::new(CERTIFICATE_ARN_PATTERN).unwrap();
    let web_acl = regex::Regex::new(WEB_ACL_ARN_PATTERN).unwrap();
    let account = "arn:aws:acm:us-east-1:123456789012";
    let certificates = [
        (
            format!("{account}:certificate/12345678-1234-1234-1234-123456789012"),
            true,
        ),
        (format!("{account}:certificate/abc-123"), true),
        // ACM writes lowercase ids; the template's pattern refuses uppercase.
        (
            format!("{account}:certificate/ABCDEF12-1234-1234-1234-123456789012"),
            false,
        ),
        (format!("{account}:certificate/"), false),
        (format!("{account}:certificate/xyz"), false),
        (
            "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123".to_string(),
            false,
        ),
        (
            "arn:aws:acm:us-east-1:12345:certificate/abc-123".to_string(),
            false,
        ),
    ];
    for (arn, valid) in &certificates {
        assert_eq!(
            check_certificate_arn(arn).is_ok(),
            *valid,
            "validator: {arn}"
        );
        assert_eq!(certificate.is_match(arn), *valid, "pattern: {arn}");
    }
    let web_acls = [
        ("arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", false),
        ("arn:aws:wafv2:us-east-1:111122223333:global/webacl/my_acl/a1b2c3d4-5678-90ab-cdef-111111111111", true),
        ("arn:aws:wafv2:us-east-1:111122223333:regional/webacl/my-acl/a1b2c3d4", false),
        ("arn:aws:wafv2:eu-west-1:111122223333:global/webacl/my-acl/a1b2c3d4", false),
    ];
    for (arn, valid) in web_acls {
        assert_eq!(check_web_acl_arn(arn).is_ok(), valid, "validator: {arn}");
        if valid {
            assert!(web_acl.is_match(arn), "pattern: {arn}");
        }
    }
}

/// A message that shows an example ARN shows one its own check accepts.
#[test]
fn the_arns_messages_give_as_examples_pass_their_own_checks() {
    use stackdraft::engine::message::{english, Code};
    use stackdraft::engine::validate::{check_certificate_arn, check_web_acl_arn};
    let mut seen = 0;
    for code in Code::ALL {
        let words = english().text(*code).unwrap();
        for word in words.split_whitespace() {
            let arn = word.trim_end_matches([',', '.', ')', ';']);
            if arn.starts_with("arn:aws:wafv2:") {
                assert_eq!(check_web_acl_arn(arn), Ok(()), "{}: {arn}", code.id());
                seen += 1;
            } else if arn.starts_with("arn:aws:acm:") {
                assert_eq!(check_certificate_arn(arn), Ok(()), "{}: {arn}", code.id());
                seen += 1;
            }
        }
    }
    assert!(seen >= 6, "{seen} example ARNs");
    // And an id that is not hexadecimal says so.
    expect_error(
        |c| {
            c.edge.waf = stackdraft::engine::config::Waf::Existing {
                web_acl_arn: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-acl/ID".into(),
            }
        },
        "edge.waf.web_acl_arn",
        Message::web_acl_arn_id_not_hex("ID"),
    );
}

// ---- what a service's application is given ----

fn variable(name: &str, value: &str) -> EnvVar {
    EnvVar {
        name: name.into(),
        value: Some(value.into()),
    }
}

fn secret(name: &str, value_from: &str) -> SecretVar {
    SecretVar {
        name: name.into(),
        value_from: value_from.into(),
    }
}

fn permission(resource: &str, access: Access) -> Permission {
    Permission {
        resource: resource.into(),
        access,
    }
}

const SECRET_ARN: &str = "arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:shop/db-Xy12Ab";

#[test]
fn a_service_with_every_kind_of_application_setting_is_valid() {
    let errors = errors_of(|c| {
        c.services[1].app = Application {
            environment: vec![
                variable("NODE_ENV", "production"),
                variable("_X", "${AWS::Region}"),
            ],
            secrets: vec![
                secret("DB_PASSWORD", &format!("{SECRET_ARN}:password::")),
                secret(
                    "API_KEY",
                    "arn:aws:ssm:ap-northeast-1:210987654321:parameter/shop/api-key",
                ),
                secret("SENTRY_DSN", "/shop/sentry-dsn"),
            ],
            command: vec!["node".into(), "server.js".into()],
            permissions: vec![
                permission("arn:aws:s3:::shop-uploads", Access::ReadWrite),
                permission(
                    "arn:aws:dynamodb:ap-northeast-1:210987654321:table/Orders",
                    Access::Read,
                ),
            ],
            policy_arns: vec!["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess".into()],
            secrets_kms_key_arn: Some(
                "arn:aws:kms:ap-northeast-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                    .into(),
            ),
        };
    });
    assert_eq!(errors, []);
}

#[test]
fn variable_names_are_names_once_and_not_ecss() {
    expect_error(
        |c| c.services[1].app.environment = vec![variable("1ST", "x")],
        "services[1].environment[0].name",
        Message::variable_name_invalid("1ST"),
    );
    expect_error(
        |c| c.services[1].app.environment = vec![variable("A-B", "x")],
        "services[1].environment[0].name",
        Message::variable_name_invalid("A-B"),
    );
    // Across the plain variables and the secrets: the second one is the error.
    expect_error(
        |c| {
            c.services[1].app.environment = vec![variable("TOKEN_URL", "x")];
            c.services[1].app.secrets = vec![secret("TOKEN_URL", "/a")];
        },
        "services[1].secrets[0].name",
        Message::variable_name_taken("TOKEN_URL", "services[1].environment[0]"),
    );
    // ECS's own, from https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-environment-variables.html
    for name in [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "ECS_CONTAINER_METADATA_URI",
        "ECS_CONTAINER_METADATA_URI_V4",
        "ECS_AGENT_URI",
        "AWS_EXECUTION_ENV",
    ] {
        expect_error(
            |c| c.services[0].app.secrets = vec![secret(name, "/a")],
            "services[0].secrets[0].name",
            Message::variable_set_by_ecs(name),
        );
    }
    expect_error(
        |c| {
            c.services[1].app.environment = vec![EnvVar {
                name: "NODE_ENV".into(),
                value: None,
            }]
        },
        "services[1].environment[0].value",
        Message::variable_value_missing("NODE_ENV"),
    );
}

#[test]
fn secrets_come_from_a_whole_secret_arn_or_a_parameter() {
    let at = "services[1].secrets[0].value_from";
    let with = |value_from: &str| {
        let value_from = value_from.to_string();
        move |c: &mut Config| c.services[1].app.secrets = vec![secret("S", &value_from)]
    };
    expect_error(
        with("arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:shop/db"),
        at,
        Message::secret_arn_no_suffix("shop/db"),
    );
    expect_error(
        with(&format!("{SECRET_ARN}:password")),
        at,
        Message::secret_arn_suffix(1),
    );
    expect_error(
        with("arn:aws:secretsmanager:ap-northeast-1:21098765:secret:db-Xy12Ab"),
        at,
        Message::arn_account("21098765"),
    );
    expect_error(
        with("arn:aws:sqs:ap-northeast-1:210987654321:q"),
        at,
        Message::secret_source_invalid(),
    );
    expect_error(
        with("/shop/"),
        at,
        Message::parameter_name_invalid("/shop/"),
    );
    expect_error(with(""), at, Message::parameter_name_invalid(""));
    expect_error(
        |c| c.services[1].app.secrets_kms_key_arn = Some("alias/shop".into()),
        "services[1].secrets_kms_key_arn",
        Message::kms_key_arn_invalid(),
    );
}

#[test]
fn permissions_name_a_bucket_or_a_table_once() {
    let at = "services[1].permissions[0].resource";
    let with = |resource: &str| {
        let resource = resource.to_string();
        move |c: &mut Config| {
            c.services[1].app.permissions = vec![permission(&resource, Access::Read)]
        }
    };
    expect_error(
        with("arn:aws:s3:::Shop"),
        at,
        Message::bucket_name_invalid("Shop"),
    );
    expect_error(
        with("arn:aws:s3:::shop/*"),
        at,
        Message::bucket_arn_objects("shop"),
    );
    expect_error(
        with("arn:aws:dynamodb:ap-northeast-1:210987654321:table/Orders/index/ByDay"),
        at,
        Message::table_arn_part("Orders"),
    );
    expect_error(
        with("arn:aws:dynamodb:tokyo:210987654321:table/Orders"),
        at,
        Message::arn_region_invalid("tokyo"),
    );
    expect_error(
        with("shop-uploads"),
        at,
        Message::permission_resource_invalid(),
    );
    expect_error(
        |c| {
            c.services[1].app.permissions = vec![
                permission("arn:aws:s3:::shop-uploads", Access::Read),
                permission("arn:aws:s3:::shop-uploads", Access::ReadWrite),
            ]
        },
        "services[1].permissions[1].resource",
        Message::permission_taken("services[1].permissions[0]"),
    );
}

#[test]
fn policies_are_managed_policy_arns_once_and_twenty_at_most() {
    expect_error(
        |c| c.services[1].app.policy_arns = vec!["AmazonSQSReadOnlyAccess".into()],
        "services[1].policy_arns[0]",
        Message::policy_arn_invalid(),
    );
    expect_error(
        |c| {
            c.services[1].app.policy_arns = vec![
                "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess".into(),
                "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess".into(),
            ]
        },
        "services[1].policy_arns[1]",
        Message::policy_arn_taken("services[1].policy_arns[0]"),
    );
    // IAM: 20 managed policies on a role at most (10 by default).
    expect_error(
        |c| {
            c.services[1].app.policy_arns = (0..21)
                .map(|i| format!("arn:aws:iam::210987654321:policy/p{i}"))
                .collect()
        },
        "services[1].policy_arns",
        Message::policy_arns_too_many(21, 20),
    );
}

#[test]
fn a_role_policy_fits_iams_10240_characters() {
    // n read buckets make two statements, each listing the n buckets' ARNs:
    // {"Version":"2012-10-17","Statement":[S1,S2]} is 37 + S1 + 1 + S2 + 2 characters;
    // S1 = {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":[…]} is 57 + 2 plus
    // the quoted ARNs and their commas, S2 with "s3:GetObject" 56 + 2 plus them. A bucket
    // name of 63 characters makes "arn:aws:s3:::" + 63 = 76, quoted 78 (80 with "/*"), so
    // the document is 37 + (59 + 79n - 1) + 1 + (58 + 81n - 1) + 2 = 155 + 160n characters:
    // 63 buckets take 10,235 (fits IAM's 10,240), 64 take 10,395 (do not).
    let buckets = |n: usize| {
        move |c: &mut Config| {
            c.services[1].app.permissions = (0..n)
                .map(|i| permission(&format!("arn:aws:s3:::{:a<61}{i:02}", "b"), Access::Read))
                .collect()
        }
    };
    assert_eq!(errors_of(buckets(63)), []);
    expect_error(
        buckets(64),
        "services[1].permissions",
        Message::task_policy_too_large(10_395, 10_240),
    );
}

#[test]
fn a_template_fits_what_aws_cloudformation_deploy_sends() {
    // 60 variables of 1,000 characters: far over 51,200 bytes once written.
    let errors = errors_of(|c| {
        c.services[1].app.environment = (0..60)
            .map(|i| variable(&format!("V{i}"), &"x".repeat(1000)))
            .collect()
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "services[1]");
    assert_eq!(errors[0].message.code(), Code::TemplateTooLarge);
    // 30 of them fit: a service template of about 5 KB plus 30,000 characters of values.
    assert_eq!(
        errors_of(|c| {
            c.services[1].app.environment = (0..30)
                .map(|i| variable(&format!("V{i}"), &"x".repeat(1000)))
                .collect()
        }),
        []
    );
}
