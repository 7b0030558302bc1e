//! One bad design per validation rule: each is reported at the right path with a message
//! that says what would be valid, and nothing else is reported.

use stackdraft::engine::config::{
    CacheMode, CloudFront, Config, Domain, GatewayEndpoint, Nat, Service,
};
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

/// The design has exactly one error, at `path`, whose message contains `fragment`.
fn expect_error(edit: impl FnOnce(&mut Config), path: &str, fragment: &str) {
    let errors = errors_of(edit);
    assert_eq!(
        errors.len(),
        1,
        "expected one error at {path}, got {errors:#?}"
    );
    assert_eq!(errors[0].path, path, "{errors:#?}");
    assert!(
        errors[0].message.contains(fragment),
        "message for {path} lacks '{fragment}': {}",
        errors[0].message
    );
}

fn expect_some_error(edit: impl FnOnce(&mut Config), path: &str, fragment: &str) {
    let errors = errors_of(edit);
    assert!(
        errors
            .iter()
            .any(|e| e.path == path && e.message.contains(fragment)),
        "expected an error at {path} containing '{fragment}', got {errors:#?}"
    );
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
        "prefix",
    );
    expect_error(
        |c| c.network.cidr = "192.168.1.0/18".into(),
        "network.cidr",
        "192.168.0.0/18",
    );
    expect_error(
        |c| c.network.subnets[1] = "192.168.17.0/20".into(),
        "network.subnets[1]",
        "192.168.16.0/20",
    );
    expect_error(
        |c| c.network.subnets[0] = "192.168.0.0 /20".into(),
        "network.subnets[0]",
        "spaces",
    );
    expect_error(
        |c| c.network.subnets[0] = "192.168.000.0/20".into(),
        "network.subnets[0]",
        "leading zero",
    );
    expect_error(
        |c| c.network.subnets[2] = "2001:db8::/64".into(),
        "network.subnets[2]",
        "IPv6",
    );
    expect_error(
        |c| c.network.subnets[2] = "".into(),
        "network.subnets[2]",
        "empty",
    );
}

#[test]
fn vpc_prefix_is_16_to_28() {
    expect_some_error(
        |c| c.network.cidr = "10.0.0.0/8".into(),
        "network.cidr",
        "/16",
    );
    expect_some_error(
        |c| c.network.cidr = "192.168.0.0/29".into(),
        "network.cidr",
        "/28",
    );
}

#[test]
fn subnets_inside_the_vpc_without_overlap_and_large_enough() {
    expect_error(
        |c| c.network.subnets[2] = "10.0.0.0/20".into(),
        "network.subnets[2]",
        "not inside the VPC",
    );
    expect_error(
        |c| c.network.subnets[2] = "192.168.8.0/21".into(),
        "network.subnets[2]",
        "overlaps `network.subnets[0]`",
    );
    expect_error(
        |c| c.network.subnets[2] = "192.168.32.0/28".into(),
        "network.subnets[2]",
        "/27",
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
        "2 to 6",
    );
    expect_some_error(
        |c| {
            c.region = "us-east-1".into();
            c.network.cidr = "10.0.0.0/16".into();
            c.network.subnets = (0..7).map(|i| format!("10.0.{}.0/24", i)).collect();
        },
        "network.subnets",
        "2 to 6",
    );
    expect_error(
        |c| {
            c.network.az_ids = None;
            c.network.subnets.push("192.168.48.0/20".into());
        },
        "network.subnets",
        "ap-northeast-1 usually offers 3 Availability Zones",
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
        "lists 2 zone IDs for 3 subnets",
    );
    expect_error(
        |c| c.network.az_ids.as_mut().unwrap()[1] = "use1-az1".into(),
        "network.az_ids[1]",
        "zone IDs in ap-northeast-1 start with apne1-",
    );
    expect_error(
        |c| c.network.az_ids.as_mut().unwrap()[2] = "apne1-az4".into(),
        "network.az_ids[2]",
        "listed twice",
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
            "is not a zone ID such as apne1-az4",
        );
    }
    assert!(errors_of(|c| c.network.az_ids = None).is_empty());
}

#[test]
fn nat_azs_exist_are_unique_and_present_in_manual_mode() {
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![3] },
        "network.nat.azs[0]",
        "0 to 2",
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![0, 0] },
        "network.nat.azs[1]",
        "twice",
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![] },
        "network.nat.azs",
        "at least one",
    );
    expect_error(
        |c| c.network.nat = Nat::Manual { azs: vec![-1] },
        "network.nat.azs[0]",
        "has no subnet",
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
        "twice",
    );
}

#[test]
fn names_are_stack_names_that_fit_derived_limits_and_are_unique() {
    expect_error(
        |c| c.network.name = "1vpc".into(),
        "network.name",
        "start with a letter",
    );
    expect_error(
        |c| c.network.name = "my_vpc".into(),
        "network.name",
        "letters (A–Z), digits and hyphens",
    );
    expect_error(|c| c.network.name = String::new(), "network.name", "empty");
    expect_error(
        |c| c.services[0].name = "a".repeat(50),
        "services[0].name",
        "at most 42",
    );
    expect_error(
        |c| c.services[1].name = "b".repeat(130),
        "services[1].name",
        "not a valid CloudFormation stack name",
    );
    expect_error(
        |c| c.services[1].name = c.services[0].name.clone(),
        "services[1].name",
        "already used by `services[0]`",
    );
    expect_error(
        |c| c.services[1].name = c.network.name.clone(),
        "services[1].name",
        "already used by the `network.name`",
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
    expect_error(
        |c| c.services[0].cpu = 300,
        "services[0].cpu",
        "256, 512, 1024",
    );
    expect_error(
        |c| c.services[0].memory = 1024,
        "services[0].memory",
        "2 to 8 GB",
    );
    expect_error(
        |c| {
            c.services[0].cpu = 256;
            c.services[0].memory = 4096
        },
        "services[0].memory",
        "512, 1024 or 2048",
    );
    expect_error(
        |c| {
            c.services[0].cpu = 8192;
            c.services[0].memory = 18432
        },
        "services[0].memory",
        "in 4 GB steps",
    );
    expect_error(
        |c| {
            c.services[0].cpu = 16384;
            c.services[0].memory = 36864
        },
        "services[0].memory",
        "in 8 GB steps",
    );
    expect_error(
        |c| {
            c.services[0].cpu = 4096;
            c.services[0].memory = 31744
        },
        "services[0].memory",
        "8 to 30 GB",
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
    expect_error(|c| c.services[0].port = 0, "services[0].port", "1 to 65535");
    expect_error(
        |c| c.services[0].port = 65536,
        "services[0].port",
        "1 to 65535",
    );
    expect_error(
        |c| c.services[0].health_check_path = "health".into(),
        "services[0].health_check_path",
        "start with /",
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a b".into(),
        "services[0].health_check_path",
        "' '",
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a?b=1".into(),
        "services[0].health_check_path",
        "query",
    );
    expect_error(
        |c| c.services[0].health_check_path = "/a%zz".into(),
        "services[0].health_check_path",
        "two hex digits",
    );
    expect_error(
        |c| c.services[0].scaling.min = 0,
        "services[0].scaling.min",
        "at least 1",
    );
    expect_error(
        |c| {
            c.services[0].scaling.min = 5;
            c.services[0].scaling.max = 2
        },
        "services[0].scaling.max",
        "at least min",
    );
    expect_error(
        |c| c.services[0].scaling.max = 10_000,
        "services[0].scaling.max",
        "5000",
    );
    expect_error(
        |c| {
            c.services[0].scaling.metric =
                stackdraft::engine::config::ScalingMetric::RequestCountPerTarget;
            c.services[0].scaling.target = 100_001;
        },
        "services[0].scaling.target",
        "for REQUEST_COUNT_PER_TARGET the target is requests per task per minute, 1 to 100,000",
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
    assert_eq!(error.path, "services[0].scaling.metric");
    assert!(
        error
            .message
            .contains("`AVERAGE_CPU` or `AVERAGE_MEMORY` or `REQUEST_COUNT_PER_TARGET`"),
        "{error}"
    );
    expect_error(
        |c| c.services[0].scaling.target = 150,
        "services[0].scaling.target",
        "1 to 100",
    );
    expect_error(
        |c| c.services[0].scaling.target = 0,
        "services[0].scaling.target",
        "1 to 100",
    );
    expect_error(
        |c| c.services[0].log_retention_days = 10,
        "services[0].log_retention_days",
        "14, 30",
    );
}

#[test]
fn image_references() {
    expect_error(
        |c| c.services[0].image = String::new(),
        "services[0].image",
        "empty",
    );
    expect_error(
        |c| c.services[0].image = "my image".into(),
        "services[0].image",
        "spaces",
    );
    expect_error(
        |c| c.services[0].image = "MyImage:latest".into(),
        "services[0].image",
        "lowercase",
    );
    expect_error(
        |c| c.services[0].image = "nginx:".into(),
        "services[0].image",
        "tag",
    );
    expect_error(
        |c| c.services[0].image = "nginx@sha256:abc".into(),
        "services[0].image",
        "digest",
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
        "lowercase",
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "example.com.".into(),
        "domain.zone",
        "ends with a dot",
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "localhost".into(),
        "domain.zone",
        "two labels",
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().zone = "-bad.com".into(),
        "domain.zone",
        "hyphen",
    );
    expect_error(
        |c| {
            c.domain.as_mut().unwrap().certificate_arn =
                Some("arn:aws:acm:eu-west-1:123456789012:certificate/abc-123".into())
        },
        "domain.certificate_arn",
        "CloudFront only accepts ACM certificates from us-east-1",
    );
    expect_error(
        |c| c.domain.as_mut().unwrap().certificate_arn = Some("not-an-arn".into()),
        "domain.certificate_arn",
        "ACM certificate ARN",
    );
    expect_error(
        |c| c.services[0].cloudfront.host = Some("Api".into()),
        "services[0].cloudfront.host",
        "lowercase",
    );
    expect_error(
        |c| c.services[0].cloudfront.host = Some("api.v2".into()),
        "services[0].cloudfront.host",
        "lowercase letters",
    );
    expect_error(
        |c| c.domain = None,
        "services[0].cloudfront.host",
        "needs a `domain` with its `domain.zone`",
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
        "already used by the global stack",
    );
}

#[test]
fn cloudfront_hosts_are_unique() {
    expect_error(
        |c| c.services[1].cloudfront.host = c.services[0].cloudfront.host.clone(),
        "services[1].cloudfront.host",
        "already the host of `services[0]`",
    );
}

#[test]
fn region_and_version() {
    expect_error(
        |c| c.region = "mars-north-1".into(),
        "region",
        "not an AWS commercial region",
    );
    expect_error(|c| c.version = 2, "version", "reads config version 1");
}

#[test]
fn services_present_and_within_the_alb_limit() {
    expect_error(
        |c| c.services.clear(),
        "services",
        "at least the initial service",
    );
    let errors = errors_of(|c| {
        c.services = (0..1000)
            .map(|i| Service {
                name: format!("svc-{i}"),
                ..Service::example(2)
            })
            .collect();
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("at most 25"));
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
    assert!(error.message.contains("unknown field `colour`"), "{error}");

    let wrong_type = default_json.replacen("\"port\": 3000", "\"port\": \"3000\"", 1);
    let error = Config::from_json(&wrong_type).unwrap_err();
    assert_eq!(error.path, "services[0].port");
    assert!(error.message.contains("whole number"), "{error}");

    let newer = default_json.replacen("\"version\": 1", "\"version\": 2", 1);
    let error = Config::from_json(&newer).unwrap_err();
    assert_eq!(error.path, "version");
    assert!(error.message.contains("version 1"), "{error}");

    assert!(Config::from_json("[1,2]")
        .unwrap_err()
        .message
        .contains("JSON object"));
    assert!(Config::from_json("{")
        .unwrap_err()
        .message
        .contains("not valid JSON"));
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(Config::from_json(&deep).is_err());
    let huge = " ".repeat(stackdraft::engine::config::MAX_CONFIG_BYTES + 1);
    assert!(Config::from_json(&huge)
        .unwrap_err()
        .message
        .contains("at most"));

    let bad_nat = default_json.replacen("\"mode\": \"manual\"", "\"mode\": \"sometimes\"", 1);
    let error = Config::from_json(&bad_nat).unwrap_err();
    assert_eq!(error.path, "network.nat.mode");
    assert!(error.message.contains("sometimes"), "{error}");
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
    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["services"][1]
        .as_object_mut()
        .unwrap()
        .remove("scaling");
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.message.as_str()),
        ("services[1]", "missing field `scaling`")
    );

    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["services"][0]["port"] = serde_json::Value::Null;
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.path, "services[0].port");
    assert!(
        error.message.contains("null, expected a whole number"),
        "{error}"
    );

    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["network"]["subnets"][2] = serde_json::json!(5);
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.path, "network.subnets[2]");
    assert!(
        error.message.contains("number 5, expected a string"),
        "{error}"
    );

    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["network"]["gateway_endpoints"][1] = serde_json::json!("sqs");
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.path, "network.gateway_endpoints[1]");
    assert!(
        error
            .message
            .contains("unknown variant `sqs`, expected `s3` or `dynamodb`"),
        "{error}"
    );

    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["network"]["nat"] = serde_json::json!({"mode": "auto", "azs": [0]});
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.path, "network.nat.azs");
    assert!(error.message.contains("unknown field `azs`"), "{error}");

    let mut value: serde_json::Value =
        serde_json::from_str(&Config::default().to_pretty_json()).unwrap();
    value["services"][0]["cpu"] = serde_json::json!(1024.5);
    let error = Config::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.path, "services[0].cpu");
    assert!(error.message.contains("1024.5"), "{error}");
}

#[test]
fn images_in_this_accounts_ecr_take_only_the_two_pseudo_parameters() {
    let own = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com";
    assert!(errors_of(|c| c.services[0].image = format!("{own}/team/app:1.2")).is_empty());
    assert!(errors_of(|c| c.services[0].image = format!("{own}/app")).is_empty());
    expect_error(
        |c| c.services[0].image = format!("{own}/app@sha256:{}", "a".repeat(64)),
        "services[0].image",
        "written with a tag",
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/${{Repo}}:1"),
        "services[0].image",
        "only ${AWS::AccountId} and ${AWS::Region}",
    );
    expect_error(
        |c| c.services[0].image = "${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/app:1".into(),
        "services[0].image",
        "cannot fill in",
    );
    expect_error(
        |c| c.services[0].image = "${AWS::Partition}/app:1".into(),
        "services[0].image",
        "cannot fill in",
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/App:1"),
        "services[0].image",
        "repository part 'App'",
    );
    expect_error(
        |c| c.services[0].image = format!("{own}:1"),
        "services[0].image",
        "needs /<repository>:<tag>",
    );
    expect_error(
        |c| c.services[0].image = format!("{own}/a:1"),
        "services[0].image",
        "2 to 256 characters",
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
            "10 to 2000000000",
        );
    }
    for (arn, fragment) in [
        ("not-an-arn", "not an AWS WAF web ACL ARN"),
        (
            "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/a/1",
            "live in us-east-1",
        ),
        (
            "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1",
            "must start with global/webacl/",
        ),
        (
            "arn:aws:wafv2:us-east-1:1111:global/webacl/a/1",
            "12 digits",
        ),
        (
            "arn:aws:wafv2:us-east-1:111122223333:global/webacl/a",
            "<name>/<id>",
        ),
    ] {
        expect_error(
            |c| {
                c.edge.waf = Waf::Existing {
                    web_acl_arn: arn.into(),
                }
            },
            "edge.waf.web_acl_arn",
            fragment,
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
        "does not deliver standard logs",
    );
    assert!(errors_of(|c| c.edge.access_logs = true).is_empty());
    for days in [0, 3651] {
        expect_error(
            |c| c.edge.access_log_days = days,
            "edge.access_log_days",
            "1 to 3650",
        );
    }
    expect_error(
        |c| c.network.flow_log_days = 10,
        "network.flow_log_days",
        "one of 1, 3, 5",
    );
}

#[test]
fn hosted_zones_and_certificates() {
    for id in ["z123", "/hostedzone/Z123", "Z", "Z12-3"] {
        expect_error(
            |c| c.domain.as_mut().unwrap().hosted_zone_id = Some(id.into()),
            "domain.hosted_zone_id",
            "not a Route 53 hosted zone ID",
        );
    }
    expect_error(
        |c| c.domain.as_mut().unwrap().certificate_arn = None,
        "services[0].cloudfront.host",
        "needs a certificate",
    );
    assert!(errors_of(|c| {
        let domain = c.domain.as_mut().unwrap();
        domain.certificate_arn = None;
        domain.hosted_zone_id = Some("Z0123456789ABCDEFGHIJ".into());
    })
    .is_empty());
}

#[test]
fn usage_figures_are_whole_numbers_in_range() {
    expect_error(
        |c| c.usage.requests_per_month = -1,
        "usage.requests_per_month",
        "from 0 to",
    );
    expect_error(
        |c| c.usage.log_gb_per_month = stackdraft::engine::validate::MAX_USAGE + 1,
        "usage.log_gb_per_month",
        "from 0 to",
    );
    assert!(errors_of(|c| c.usage.viewer_gb_per_month = 0).is_empty());
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
    let e = error(&|v| v["edge"]["waf"] = serde_json::json!({"mode": "strict"}));
    assert_eq!(e.path, "edge.waf.mode");
    assert!(
        e.message.contains("`off` or `managed` or `existing`"),
        "{e}"
    );
    let e = error(&|v| v["edge"]["waf"] = serde_json::json!({"mode": "existing"}));
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("edge.waf", "missing field `web_acl_arn`")
    );
    let e = error(&|v| v["edge"]["price_class"] = serde_json::json!("PriceClass_300"));
    assert_eq!(e.path, "edge.price_class");
    let e = error(&|v| v["services"][0]["cloudfront"]["cache"] = serde_json::json!("long"));
    assert_eq!(e.path, "services[0].cloudfront.cache");
    let e = error(&|v| v["usage"]["requests"] = serde_json::json!(5));
    assert_eq!(e.path, "usage.requests");
    assert!(e.message.contains("unknown field"), "{e}");
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
