//! The create-only property table (`src/engine/update/create_only.rs`) is what
//! `scripts/create-only-table.py` generates from the installed cfn-lint's schemas, it
//! covers every resource type the example designs render, and it says what the schema
//! files say for a few hand-checked types.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use stackdraft::engine::config::Config;
use stackdraft::engine::render::render;
use stackdraft::engine::update::create_only::{create_only, CreateOnly, CREATE_ONLY};

const REGENERATE: &str = "python3 scripts/create-only-table.py src/engine/update/create_only.rs";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

#[test]
fn committed_table_is_what_the_script_generates() {
    let python = python();
    let probe = Command::new(&python)
        .args(["-c", "import cfnlint"])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {python} ({e}); install Python 3 and `pip install cfn-lint`")
        });
    assert!(
        probe.status.success(),
        "{python} cannot import cfnlint; `pip install cfn-lint`:\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );
    let output = Command::new(&python)
        .arg(root().join("scripts/create-only-table.py"))
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e})"));
    assert!(
        output.status.success(),
        "scripts/create-only-table.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = std::fs::read(root().join("src/engine/update/create_only.rs"))
        .expect("src/engine/update/create_only.rs exists");
    assert!(
        output.stdout == committed,
        "src/engine/update/create_only.rs is not what the installed cfn-lint's schemas give; \
         regenerate it with `{REGENERATE}` and review the diff"
    );
}

#[test]
fn table_is_sorted_and_every_row_is_found() {
    for pair in CREATE_ONLY.windows(2) {
        assert!(
            pair[0].resource_type < pair[1].resource_type,
            "{} before {}: the table must be sorted, without repeats",
            pair[0].resource_type,
            pair[1].resource_type
        );
    }
    for row in CREATE_ONLY {
        assert!(std::ptr::eq(create_only(row.resource_type).unwrap(), row));
    }
    assert!(create_only("AWS::EC2::Instance").is_none());
    assert!(create_only("").is_none());
}

/// A resource's `Type:` line: the value alone, a bare `AWS::Service::Resource`.
fn resource_type(line: &str) -> Option<&str> {
    let value = line.trim_start().strip_prefix("Type: ")?.trim_end();
    let rest = value.strip_prefix("AWS::")?;
    let bare = rest.split("::").count() == 2
        && rest
            .split("::")
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    bare.then_some(value)
}

#[test]
fn every_rendered_resource_type_is_in_the_table() {
    let mut designs: Vec<PathBuf> = std::fs::read_dir(root().join("templates"))
        .expect("templates/ exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .path()
                .join("stackdraft.json")
        })
        .filter(|path| path.is_file())
        .collect();
    designs.sort();
    assert!(!designs.is_empty(), "no templates/*/stackdraft.json");
    let mut seen = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for design in &designs {
        let text = std::fs::read_to_string(design).unwrap();
        let config = Config::from_json(&text)
            .unwrap_or_else(|e| panic!("{} does not load: {e:?}", design.display()));
        let templates =
            render(&config).unwrap_or_else(|e| panic!("{} is invalid: {e:?}", design.display()));
        for template in templates {
            for found in template.yaml.lines().filter_map(resource_type) {
                seen.insert(found.to_string());
                if create_only(found).is_none() {
                    missing.insert(format!("{found} ({})", design.display()));
                }
            }
        }
    }
    assert!(
        seen.len() > 10,
        "the scan found only {seen:?}: has the YAML layout changed?"
    );
    assert!(
        missing.is_empty(),
        "resource types rendered but not in the create-only table: {missing:?}; add them to \
         TYPES in scripts/create-only-table.py and run `{REGENERATE}`"
    );
}

fn row(resource_type: &str) -> &'static CreateOnly {
    create_only(resource_type).unwrap_or_else(|| panic!("{resource_type} is not in the table"))
}

fn assert_create_only(resource_type: &str, paths: &[&str]) {
    let row = row(resource_type);
    for path in paths {
        assert!(
            row.properties.contains(path),
            "{resource_type}: {path} should be create-only; the table has {:?}",
            row.properties
        );
    }
}

fn assert_updatable(resource_type: &str, paths: &[&str]) {
    let row = row(resource_type);
    for path in paths {
        assert!(
            !row.properties.contains(path),
            "{resource_type}: {path} should be updatable; the table has {:?}",
            row.properties
        );
    }
}

// Each fact below was read in the schema file named above it, under cfn-lint 1.51.0's
// cfnlint/data/schemas/ (providers/us_east_1.py maps the type to the file's hash).
#[test]
fn hand_checked_facts() {
    // resources/f08626e9e82df64f.json: createOnlyProperties CidrBlock, Ipv4IpamPoolId,
    // Ipv4NetmaskLength; tagging.tagUpdatable true.
    assert_create_only("AWS::EC2::VPC", &["CidrBlock", "Ipv4IpamPoolId"]);
    assert_updatable("AWS::EC2::VPC", &["EnableDnsHostnames", "EnableDnsSupport"]);
    assert!(!row("AWS::EC2::VPC").tags_create_only);

    // resources/a60b8dc0c7f50396.json: VpcId, AvailabilityZone, AvailabilityZoneId,
    // CidrBlock, OutpostArn, Ipv6Native, … are create-only; Ipv6CidrBlock and
    // MapPublicIpOnLaunch are not.
    assert_create_only(
        "AWS::EC2::Subnet",
        &["CidrBlock", "AvailabilityZone", "VpcId", "Ipv6Native"],
    );
    assert_updatable(
        "AWS::EC2::Subnet",
        &["Ipv6CidrBlock", "MapPublicIpOnLaunch"],
    );

    // resources/c3ae46bc3e8e188e.json: ServiceName, Cluster, InfrastructureRoleArn and
    // Tags create-only; tagging.tagUpdatable false.
    assert_create_only(
        "AWS::ECS::ExpressGatewayService",
        &["ServiceName", "Cluster", "InfrastructureRoleArn", "Tags"],
    );
    assert_updatable(
        "AWS::ECS::ExpressGatewayService",
        &["ExecutionRoleArn", "PrimaryContainer/Image"],
    );
    assert!(row("AWS::ECS::ExpressGatewayService").tags_create_only);

    // resources/c0ece63f58ef831f.json: LogGroupName only.
    assert_create_only("AWS::Logs::LogGroup", &["LogGroupName"]);
    assert_updatable("AWS::Logs::LogGroup", &["RetentionInDays"]);

    // resources/7fefd2b7982c788c.json: Path and RoleName.
    assert_create_only("AWS::IAM::Role", &["RoleName", "Path"]);
    assert_updatable("AWS::IAM::Role", &["AssumeRolePolicyDocument", "Policies"]);

    // resources/48d4aec56c00d69f.json: BucketName, BucketNamePrefix, BucketNamespace.
    assert_create_only("AWS::S3::Bucket", &["BucketName"]);

    // resources/27eb9031e644a7fd.json: Name and Scope.
    assert_create_only("AWS::WAFv2::WebACL", &["Name", "Scope"]);
    assert_updatable("AWS::WAFv2::WebACL", &["Rules", "DefaultAction"]);

    // resources/1ece9f120d9da74a.json: nested pointers such as
    // /properties/DnsOptions/PrivateDnsPreference, kept as `DnsOptions/...`.
    assert_create_only(
        "AWS::EC2::VPCEndpoint",
        &["ServiceName", "VpcId", "DnsOptions/PrivateDnsPreference"],
    );

    // resources/3827d9c7956ab9d0.json: no createOnlyProperties; tagUpdatable true.
    let distribution = row("AWS::CloudFront::Distribution");
    assert!(distribution.properties.is_empty() && !distribution.tags_create_only);

    // resources/c01e9eccec2e3b83.json: HostedZoneName, Name, HostedZoneId; no Tags
    // property and no tagging block.
    assert_create_only("AWS::Route53::RecordSet", &["Name", "HostedZoneId"]);
    assert!(!row("AWS::Route53::RecordSet").tags_create_only);
}
