//! What an update will do (issue 29): pairs of designs written for each case, the
//! expected outcome written from the resource schemas (cfn-lint's bundled copies) and
//! CloudFormation's documented behaviour, not from the program's output.

#![allow(clippy::field_reassign_with_default)]

mod common;

use common::in_a_new_vpc_block;

use stackdraft::engine::config::{Config, Domain};
use stackdraft::engine::message::Code;
use stackdraft::engine::update::diff::{
    diff_designs, BlockerKind, Prediction, ResourceChange, StackChange, StackDiff,
};
use stackdraft::engine::update::report::{json, text};

fn stack<'p>(prediction: &'p Prediction, name: &str) -> &'p StackDiff {
    prediction
        .stacks
        .iter()
        .find(|s| s.stack == name)
        .unwrap_or_else(|| panic!("no stack {name} in {prediction:#?}"))
}

/// (logical id, change) of a stack's changing resources, sorted by id.
fn changes(stack: &StackDiff) -> Vec<(&str, ResourceChange)> {
    let mut list: Vec<(&str, ResourceChange)> = stack
        .resources
        .iter()
        .map(|r| (r.id.as_str(), r.change))
        .collect();
    list.sort();
    list
}

fn examples() -> Vec<(String, Config)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut list = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path().join("stackdraft.json");
        if let Ok(text) = std::fs::read_to_string(&path) {
            list.push((
                path.display().to_string(),
                Config::from_json(&text).unwrap(),
            ));
        }
    }
    assert!(list.len() >= 5, "the examples are found");
    list
}

#[test]
fn a_design_against_itself_changes_nothing() {
    for (name, config) in examples() {
        let prediction = diff_designs(&config, &config).unwrap();
        assert!(prediction.is_empty(), "{name}: {prediction:#?}");
        assert!(prediction.facts.is_empty(), "{name}");
        assert!(prediction
            .stacks
            .iter()
            .all(|s| s.change == StackChange::None && s.resources.is_empty()));
        assert!(text(&prediction).starts_with("No changes"));
    }
}

/// More CPU and memory for the second service: its Express service is modified in place
/// (`Cpu` and `Memory` are not in the schema's `createOnlyProperties`: `ServiceName`,
/// `Cluster`, `InfrastructureRoleArn`, `Tags`), and nothing else changes.
#[test]
fn more_cpu_modifies_one_service_in_place() {
    let base = Config::default();
    let mut new = base.clone();
    new.services[1].cpu = 2048;
    new.services[1].memory = 4096;
    let prediction = diff_designs(&base, &new).unwrap();
    let secondary = stack(&prediction, &base.services[1].name);
    assert_eq!(secondary.change, StackChange::Update);
    assert_eq!(
        changes(secondary),
        vec![("ExpressModeService", ResourceChange::Modify)]
    );
    assert_eq!(secondary.resources[0].properties, ["Cpu", "Memory"]);
    assert_eq!(secondary.resources[0].reason, None);
    for other in [&base.network.name, &base.services[0].name] {
        assert_eq!(stack(&prediction, other).change, StackChange::None);
    }
    assert!(prediction.blockers.is_empty());
    assert_eq!(prediction.replacements(), 0);
}

/// A new VPC block: `CidrBlock` is create-only for `AWS::EC2::VPC` and `AWS::EC2::Subnet`,
/// so the VPC and every subnet are replaced; everything whose create-only `VpcId`,
/// `SubnetId` or `RouteTableId` names a replaced resource is replaced with it. The
/// `PrivateSubnets` export changes while both service stacks import it: CloudFormation
/// refuses ("Export … cannot be updated as it is in use by …").
#[test]
fn a_new_vpc_block_replaces_the_network_and_is_refused_while_services_import_it() {
    let base = Config::default();
    let new = in_a_new_vpc_block(&base);
    let prediction = diff_designs(&base, &new).unwrap();
    let network = stack(&prediction, &base.network.name);
    let replaced: Vec<&str> = network
        .resources
        .iter()
        .filter(|r| r.change == ResourceChange::Replace)
        .map(|r| r.id.as_str())
        .collect();
    for id in [
        "VPC",
        "PrivateSubnet1",
        "PrivateSubnet2",
        "PrivateSubnet3",
        "PrivateSubnet1RouteTableAssociation",
        "PrivateRouteTable",
        "S3GatewayEndpoint",
        "DynamoDBGatewayEndpoint",
        "RegionalNatGateway",
    ] {
        assert!(replaced.contains(&id), "{id} is replaced: {replaced:?}");
    }
    let vpc = network.resources.iter().find(|r| r.id == "VPC").unwrap();
    assert_eq!(vpc.reason.as_ref().unwrap().code(), Code::UpdateCreateOnly);
    assert_eq!(vpc.properties, ["CidrBlock"]);
    let endpoint = network
        .resources
        .iter()
        .find(|r| r.id == "S3GatewayEndpoint")
        .unwrap();
    let reason = endpoint.reason.as_ref().unwrap();
    assert_eq!(reason.code(), Code::UpdateRefersToReplaced);
    assert!(
        reason.to_string().starts_with("VpcId names VPC"),
        "{reason}"
    );
    // The Internet gateway itself has no create-only property that changes: it stays.
    assert!(!network.resources.iter().any(|r| r.id == "InternetGateway"));

    let export = format!("{}-PrivateSubnets", base.network.name);
    let in_use: Vec<_> = prediction
        .blockers
        .iter()
        .filter(|b| b.kind == BlockerKind::ExportInUse)
        .collect();
    assert_eq!(in_use.len(), 1, "{:#?}", prediction.blockers);
    assert_eq!(in_use[0].stack, base.network.name);
    let message = in_use[0].message.to_string();
    assert!(message.contains(&export), "{message}");
    assert!(
        message.contains(&base.services[0].name) && message.contains(&base.services[1].name),
        "{message}"
    );
    // The services' text is the same; the subnets they are given change.
    for service in &base.services {
        let s = stack(&prediction, &service.name);
        assert_eq!(
            changes(s),
            vec![("ExpressModeService", ResourceChange::Modify)]
        );
        assert_eq!(s.resources[0].properties, ["NetworkConfiguration"]);
        assert_eq!(
            s.resources[0].reason.as_ref().unwrap().code(),
            Code::UpdateValueFollows
        );
    }
}

/// Renaming the initial service: its stack is a new one (stacks match by name), the old one
/// is left standing; the second service imports the infrastructure role from the new stack,
/// so its `InfrastructureRoleArn` (create-only) changes and the service is replaced, which
/// its fixed `ServiceName` forbids.
#[test]
fn renaming_the_initial_service_replaces_the_next_one_under_a_fixed_name() {
    let base = Config::default();
    let mut new = base.clone();
    new.services[0].name = "web-two".into();
    let prediction = diff_designs(&base, &new).unwrap();
    assert_eq!(stack(&prediction, "web-two").change, StackChange::Create);
    let old = stack(&prediction, &base.services[0].name);
    assert_eq!(old.change, StackChange::Delete);
    assert!(old
        .resources
        .iter()
        .all(|r| r.change == ResourceChange::Remove));
    let secondary = stack(&prediction, &base.services[1].name);
    let service = secondary
        .resources
        .iter()
        .find(|r| r.id == "ExpressModeService")
        .unwrap();
    assert_eq!(service.change, ResourceChange::Replace);
    assert!(service
        .reason
        .as_ref()
        .unwrap()
        .to_string()
        .starts_with("InfrastructureRoleArn"));
    let blockers: Vec<_> = prediction
        .blockers
        .iter()
        .map(|b| (b.stack.as_str(), b.kind))
        .collect();
    assert!(
        blockers.contains(&(
            base.services[1].name.as_str(),
            BlockerKind::CustomNameReplacement
        )),
        "{blockers:?}"
    );
    assert!(prediction
        .facts
        .iter()
        .any(|f| f.message.code() == Code::UpdateStackLeft && f.stack == base.services[0].name));
}

/// Renaming a service that has a host: the new stack's distribution and DNS records need
/// the alias and the record names the old stack (which deploy.sh leaves) still holds.
#[test]
fn renaming_an_aliased_service_needs_what_the_old_stack_holds() {
    let mut base = Config::default();
    base.domain = Some(Domain {
        zone: "shop.example.com".into(),
        hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
        certificate_arn: None,
    });
    base.services[1].cloudfront.enabled = true;
    base.services[1].cloudfront.host = Some("api".into());
    let mut new = base.clone();
    new.services[1].name = "api-v2".into();
    let prediction = diff_designs(&base, &new).unwrap();
    let held: Vec<String> = prediction
        .blockers
        .iter()
        .filter(|b| b.kind == BlockerKind::HeldByOld)
        .map(|b| b.message.to_string())
        .collect();
    assert!(
        held.iter()
            .any(|m| m.contains("alias api.shop.example.com")
                && m.contains(&base.services[1].name)),
        "{held:#?}"
    );
    assert!(
        held.iter()
            .any(|m| m.contains("DNS record api.shop.example.com")),
        "{held:#?}"
    );
    assert!(prediction.blockers.iter().all(|b| b.stack == "api-v2"));
}

/// Turning access logs off: the initial stack no longer exports the log bucket that the
/// second service's distribution logs to; CloudFormation refuses to remove an export in use, so
/// the initial stack's update is refused until the importer has changed.
#[test]
fn removing_an_export_in_use_is_refused() {
    let mut base = Config::default();
    assert!(base.edge.access_logs, "the default design logs access");
    base.services[1].cloudfront.enabled = true;
    let mut new = base.clone();
    new.edge.access_logs = false;
    let prediction = diff_designs(&base, &new).unwrap();
    let removed: Vec<_> = prediction
        .blockers
        .iter()
        .filter(|b| b.message.code() == Code::UpdateExportRemovedInUse)
        .collect();
    assert_eq!(removed.len(), 1, "{:#?}", prediction.blockers);
    assert_eq!(removed[0].stack, base.services[0].name);
    assert!(removed[0].message.to_string().contains(&format!(
        "{}-AccessLogBucketDomainName",
        base.services[0].name
    )));
}

/// Format 1 of `diff --format json`: every stack of either design, `resources` only where
/// something changes, each reason with its code.
#[test]
fn the_json_document_has_format_1() {
    let base = Config::default();
    let new = in_a_new_vpc_block(&base);
    let document: serde_json::Value =
        serde_json::from_str(&json(&diff_designs(&base, &new).unwrap())).unwrap();
    assert_eq!(document["format"], 1);
    let stacks = document["stacks"].as_array().unwrap();
    assert_eq!(stacks.len(), 4);
    let global = &stacks[0];
    assert_eq!(global["change"], "none");
    assert!(global.get("resources").is_none());
    let network = stacks
        .iter()
        .find(|s| s["stack"] == base.network.name)
        .unwrap();
    assert_eq!(network["change"], "update");
    let vpc = network["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "VPC")
        .unwrap();
    assert_eq!(vpc["type"], "AWS::EC2::VPC");
    assert_eq!(vpc["change"], "replace");
    assert_eq!(vpc["properties"], serde_json::json!(["CidrBlock"]));
    assert_eq!(vpc["code"], "update-create-only");
    let blocker = &document["blockers"][0];
    assert_eq!(blocker["kind"], "export-in-use");
    assert_eq!(blocker["stack"], base.network.name);
    assert!(blocker["message"].as_str().unwrap().contains("import it"));
}

/// A stack is its name in its region (CloudFormation's stacks are regional): moving the
/// design to another region creates every stack there and leaves every stack of the old
/// region to be deleted; nothing is updated in place.
#[test]
fn another_region_creates_every_stack_there_and_leaves_the_old_ones() {
    let base = Config::default();
    assert_eq!(base.region, "ap-northeast-1");
    let mut new = base.clone();
    new.region = "eu-west-1".into();
    new.network.az_ids = Some(vec![
        "euw1-az1".into(),
        "euw1-az2".into(),
        "euw1-az3".into(),
    ]);
    let prediction = diff_designs(&base, &new).unwrap();
    let (mut created, mut deleted) = (Vec::new(), Vec::new());
    for stack in &prediction.stacks {
        match stack.change {
            StackChange::Create => created.push((stack.stack.as_str(), stack.region.as_str())),
            StackChange::Delete => deleted.push((stack.stack.as_str(), stack.region.as_str())),
            other => panic!("{} ({}) is {other:?}", stack.stack, stack.region),
        }
    }
    // The default design: the global stack in us-east-1 (named after the region), the network
    // and two services in the design's region.
    let regional = [
        base.network.name.as_str(),
        base.services[0].name.as_str(),
        base.services[1].name.as_str(),
    ];
    for name in regional {
        assert!(created.contains(&(name, "eu-west-1")), "{created:?}");
        assert!(deleted.contains(&(name, "ap-northeast-1")), "{deleted:?}");
    }
    assert!(created.contains(&("ecs-express-vpc-eu-west-1-global", "us-east-1")));
    assert!(deleted.contains(&("ecs-express-vpc-ap-northeast-1-global", "us-east-1")));
    assert_eq!((created.len(), deleted.len()), (4, 4));
    // Nothing is updated, so no export changes while it is imported.
    assert!(prediction
        .blockers
        .iter()
        .all(|b| b.kind != BlockerKind::ExportInUse));
}
