//! The prediction: both designs rendered, compared stack by stack (by stack name) and
//! resource by resource (by logical id), with what CloudFormation will replace and what it
//! will refuse. It compares templates with templates: changes made in the console since
//! the deploy (drift) are invisible to it.

use serde_json::{Map, Value};

use super::create_only::create_only;
use crate::engine::config::Config;
use crate::engine::error::FieldError;
use crate::engine::kit::parameter_overrides;
use crate::engine::message::Message;
use crate::engine::render::{
    stack_ids, stack_name, stack_region, template_json, StackId, GLOBAL_REGION,
};
use crate::engine::validate::validate;

/// What happens to a stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackChange {
    Create,
    Update,
    Delete,
    None,
}

impl StackChange {
    pub fn id(self) -> &'static str {
        match self {
            StackChange::Create => "create",
            StackChange::Update => "update",
            StackChange::Delete => "delete",
            StackChange::None => "none",
        }
    }
}

/// What happens to a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ResourceChange {
    /// Listed first: what a person must read first.
    Replace,
    Remove,
    Add,
    Modify,
}

impl ResourceChange {
    pub fn id(self) -> &'static str {
        match self {
            ResourceChange::Add => "add",
            ResourceChange::Remove => "remove",
            ResourceChange::Modify => "modify",
            ResourceChange::Replace => "replace",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDiff {
    pub id: String,
    pub resource_type: String,
    pub change: ResourceChange,
    /// The top-level properties whose value changes (for `modify` and `replace`).
    pub properties: Vec<String>,
    /// Why it is replaced, or why an unchanged text changes value.
    pub reason: Option<Message>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StackDiff {
    pub stack: String,
    pub region: String,
    pub change: StackChange,
    pub resources: Vec<ResourceDiff>,
}

/// What CloudFormation or AWS will refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockerKind {
    ExportInUse,
    CustomNameReplacement,
    HeldByOld,
}

impl BlockerKind {
    pub fn id(self) -> &'static str {
        match self {
            BlockerKind::ExportInUse => "export-in-use",
            BlockerKind::CustomNameReplacement => "custom-name-replacement",
            BlockerKind::HeldByOld => "held-by-old",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    pub stack: String,
    pub kind: BlockerKind,
    pub message: Message,
}

/// The prediction of an update from `base` (as deployed) to `new`.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Every stack of either design: the new design's in deploy order, then the stacks
    /// only the base has.
    pub stacks: Vec<StackDiff>,
    pub blockers: Vec<Blocker>,
    /// What is not refused but matters (a new CloudFront domain, a stack left behind).
    pub facts: Vec<Blocker>,
}

impl Prediction {
    pub fn replacements(&self) -> usize {
        self.stacks
            .iter()
            .flat_map(|s| &s.resources)
            .filter(|r| r.change == ResourceChange::Replace)
            .count()
    }

    /// Nothing changes.
    pub fn is_empty(&self) -> bool {
        self.stacks.iter().all(|s| s.change == StackChange::None) && self.blockers.is_empty()
    }
}

/// Properties that give a resource a fixed name: CloudFormation cannot replace a
/// resource that keeps its custom name ("If you specify a name, you cannot perform updates
/// that require replacement of this resource":
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html).
const FIXED_NAMES: &[(&str, &str)] = &[
    ("AWS::CloudFront::CachePolicy", "CachePolicyConfig/Name"),
    ("AWS::CloudFront::VpcOrigin", "VpcOriginEndpointConfig/Name"),
    ("AWS::ECS::ExpressGatewayService", "ServiceName"),
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::Logs::LogGroup", "LogGroupName"),
    ("AWS::S3::Bucket", "BucketName"),
    ("AWS::WAFv2::WebACL", "Name"),
];

/// One stack's template, resolved for comparison: its parameters replaced by the values
/// `deploy.sh` passes (their defaults; the global stack's outputs for those without one),
/// `${AWS::StackName}` by the stack's name.
#[derive(Debug)]
struct Stack {
    name: String,
    region: String,
    resources: Map<String, Value>,
    /// Export name → the output's value.
    exports: Map<String, Value>,
    /// Every output, by its logical id.
    outputs: Map<String, Value>,
    /// Export names its resources import.
    imports: Vec<String>,
    /// The global stack's outputs its parameters take.
    overrides: Vec<String>,
}

fn stacks(config: &Config) -> Vec<Stack> {
    stack_ids(config)
        .into_iter()
        .filter_map(|id| stack(config, id))
        .collect()
}

fn stack(config: &Config, id: StackId) -> Option<Stack> {
    let template = template_json(config, id)?;
    let name = stack_name(config, id);
    let mut parameters = Map::new();
    let mut overrides = Vec::new();
    if let Some(Value::Object(declared)) = template.get("Parameters") {
        for (parameter, spec) in declared {
            match spec.get("Default") {
                Some(value) => {
                    parameters.insert(parameter.clone(), value.clone());
                }
                None => {
                    // deploy.sh passes the global stack's output that fills it.
                    let output = parameter_overrides(config, id)
                        .into_iter()
                        .find(|o| o.parameter() == parameter)
                        .map(|o| o.key())
                        .unwrap_or_else(|| parameter.clone());
                    let value = Value::String(format!("{{global output {output}}}"));
                    parameters.insert(parameter.clone(), value);
                    overrides.push(output);
                }
            }
        }
    }
    let resolve = |value: &Value| resolve(value, &name, &parameters);
    let resources: Map<String, Value> = match template.get("Resources") {
        Some(Value::Object(resources)) => map_of(
            resources
                .iter()
                .map(|(id, resource)| (id.clone(), resolve(resource))),
        ),
        _ => Map::new(),
    };
    let mut exports = Map::new();
    let mut outputs = Map::new();
    if let Some(Value::Object(declared)) = template.get("Outputs") {
        for (key, output) in declared {
            let output = resolve(output);
            if let Some(value) = output.get("Value") {
                outputs.insert(key.clone(), value.clone());
            }
            if let (Some(Value::String(export)), Some(value)) =
                (output.pointer("/Export/Name"), output.get("Value"))
            {
                exports.insert(export.clone(), value.clone());
            }
        }
    }
    let mut imports = Vec::new();
    for resource in resources.values() {
        collect_imports(resource, &mut imports);
    }
    Some(Stack {
        name,
        region: stack_region(config, id).to_string(),
        resources,
        exports,
        outputs,
        imports,
        overrides,
    })
}

/// `value` with every `Ref` to a parameter replaced by its value and every `${Parameter}`
/// or `${AWS::StackName}` of an `Fn::Sub` written out.
fn resolve(value: &Value, stack: &str, parameters: &Map<String, Value>) -> Value {
    match value {
        Value::Object(object) if object.len() == 1 => {
            let (key, argument) = object.iter().next().expect("one entry");
            match (key.as_str(), argument) {
                ("Ref", Value::String(name)) if parameters.contains_key(name) => {
                    parameters[name].clone()
                }
                ("Fn::Sub", Value::String(text)) => {
                    let written = substitute(text, stack, parameters);
                    if written.contains("${") {
                        serde_json::json!({ "Fn::Sub": written })
                    } else {
                        Value::String(written)
                    }
                }
                _ => Value::Object(map_of(
                    object
                        .iter()
                        .map(|(k, v)| (k.clone(), resolve(v, stack, parameters))),
                )),
            }
        }
        Value::Object(object) => Value::Object(map_of(
            object
                .iter()
                .map(|(k, v)| (k.clone(), resolve(v, stack, parameters))),
        )),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| resolve(v, stack, parameters))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// An `Fn::Sub` string with its parameters and the stack's name written out; other
/// references (`${Resource.Attribute}`, `${AWS::Region}`) and escapes (`${!x}`) stay.
fn substitute(text: &str, stack: &str, parameters: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match (name, parameters.get(name)) {
            ("AWS::StackName", _) => out.push_str(stack),
            (_, Some(Value::String(value))) => out.push_str(value),
            (_, Some(value)) if !value.is_object() => out.push_str(&value.to_string()),
            _ => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn collect_imports(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(name)) = object.get("Fn::ImportValue") {
                add(into, name.clone());
            }
            object.values().for_each(|v| collect_imports(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_imports(v, into)),
        _ => {}
    }
}

/// A map built entry by entry: collecting into one sorts first, and each sort routine
/// weighs kilobytes in the page.
fn map_of(entries: impl Iterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

/// Adds `item` unless it is there: a set small enough that a list serves.
fn add<T: PartialEq>(set: &mut Vec<T>, item: T) {
    if !set.contains(&item) {
        set.push(item);
    }
}

/// What a value refers to: resources of its stack (`Ref`, `Fn::GetAtt`, `${X}` and
/// `${X.Attribute}` in `Fn::Sub`), imported exports and the global stack's outputs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Reference {
    Resource(String),
    Import(String),
    GlobalOutput(String),
}

fn references(value: &Value, into: &mut Vec<Reference>) {
    match value {
        Value::Object(object) => {
            if object.len() == 1 {
                let (key, argument) = object.iter().next().expect("one entry");
                match (key.as_str(), argument) {
                    ("Ref", Value::String(name)) if !name.starts_with("AWS::") => {
                        add(into, Reference::Resource(name.clone()));
                        return;
                    }
                    ("Fn::GetAtt", Value::String(attribute)) => {
                        let resource = attribute.split('.').next().unwrap_or_default();
                        add(into, Reference::Resource(resource.to_string()));
                        return;
                    }
                    ("Fn::ImportValue", Value::String(name)) => {
                        add(into, Reference::Import(name.clone()));
                        return;
                    }
                    ("Fn::Sub", Value::String(text)) => {
                        for name in sub_references(text) {
                            add(into, Reference::Resource(name));
                        }
                        return;
                    }
                    _ => {}
                }
            }
            object.values().for_each(|v| references(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, into)),
        Value::String(text) => {
            if let Some(output) = text
                .strip_prefix("{global output ")
                .and_then(|t| t.strip_suffix('}'))
            {
                add(into, Reference::GlobalOutput(output.to_string()));
            }
        }
        _ => {}
    }
}

/// The resources an `Fn::Sub` string names: `${X}` and `${X.Attribute}`, not `${!X}` and
/// not the pseudo parameters `${AWS::…}`.
fn sub_references(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.starts_with('!') && !name.contains("::") {
            names.push(name.split('.').next().unwrap_or_default().to_string());
        }
        rest = &after[end + 1..];
    }
    names
}

/// The values at a create-only path (`A/B`, `A/*/B`): `*` takes every item of a list.
fn at_path<'v>(value: Option<&'v Value>, path: &[&str]) -> Vec<Option<&'v Value>> {
    let Some((first, rest)) = path.split_first() else {
        return vec![value];
    };
    match (value, *first) {
        (Some(Value::Array(items)), "*") => items
            .iter()
            .flat_map(|item| at_path(Some(item), rest))
            .collect(),
        (Some(Value::Object(object)), key) => at_path(object.get(key), rest),
        _ => vec![None],
    }
}

fn properties(resource: &Value) -> Option<&Value> {
    resource.get("Properties")
}

fn resource_type(resource: &Value) -> String {
    resource
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The create-only paths of a type, `Tags` included when the schema makes tags
/// create-only (`tagging.tagUpdatable: false`).
fn create_only_paths(resource_type: &str) -> Vec<&'static str> {
    let Some(entry) = create_only(resource_type) else {
        return Vec::new();
    };
    let mut paths: Vec<&'static str> = entry.properties.to_vec();
    if entry.tags_create_only && !paths.contains(&"Tags") {
        paths.push("Tags");
    }
    paths
}

/// Top-level properties whose value differs, in name order (both maps are sorted).
fn changed_properties(old: &Value, new: &Value) -> Vec<String> {
    let empty = Map::new();
    let old = properties(old).and_then(Value::as_object).unwrap_or(&empty);
    let new = properties(new).and_then(Value::as_object).unwrap_or(&empty);
    let mut changed = Vec::new();
    for key in old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)))
    {
        if old.get(key) != new.get(key) {
            insert_sorted(&mut changed, key.clone());
        }
    }
    changed
}

/// Inserts `item` where it keeps `list` sorted, unless it is there (no sort routine: each
/// one adds kilobytes to the page).
fn insert_sorted(list: &mut Vec<String>, item: String) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

/// Whether a value refers to any of `changed`.
fn refers_to(value: Option<&Value>, changed: &[Reference]) -> Option<Reference> {
    let mut found = Vec::new();
    references(value?, &mut found);
    found.into_iter().find(|r| changed.contains(r))
}

fn reference_name(reference: &Reference) -> String {
    match reference {
        Reference::Resource(id) => id.clone(),
        Reference::Import(export) => format!("the export {export}"),
        Reference::GlobalOutput(output) => format!("the global stack's output {output}"),
    }
}

/// One stack present in both designs, compared; `changed_elsewhere` holds the imports and
/// global outputs whose value changes. Returns the resources that change (replacements
/// first, each kind by logical id) and this stack's replaced resources.
fn compare_stack(
    old: &Stack,
    new: &Stack,
    changed_elsewhere: &[Reference],
) -> (Vec<ResourceDiff>, Vec<String>) {
    // Kept sorted by logical id.
    let mut diffs: Vec<ResourceDiff> = Vec::new();
    let put = |diffs: &mut Vec<ResourceDiff>, d: ResourceDiff| match diffs
        .binary_search_by(|x| x.id.as_str().cmp(&d.id))
    {
        Ok(at) => diffs[at] = d,
        Err(at) => diffs.insert(at, d),
    };
    let mut replaced: Vec<String> = Vec::new();
    for (id, resource) in &new.resources {
        let Some(before) = old.resources.get(id) else {
            put(
                &mut diffs,
                diff(id, resource, ResourceChange::Add, vec![], None),
            );
            continue;
        };
        let (old_type, new_type) = (resource_type(before), resource_type(resource));
        if old_type != new_type {
            add(&mut replaced, id.clone());
            put(
                &mut diffs,
                diff(
                    id,
                    resource,
                    ResourceChange::Replace,
                    vec![],
                    Some(Message::update_type_changed(old_type, new_type.clone())),
                ),
            );
            continue;
        }
        let changed = changed_properties(before, resource);
        if changed.is_empty() {
            continue;
        }
        let create_only = create_only_paths(&new_type).into_iter().find(|path| {
            let parts: Vec<&str> = path.split('/').collect();
            at_path(properties(before), &parts) != at_path(properties(resource), &parts)
        });
        let (change, reason) = match create_only {
            Some(path) => {
                add(&mut replaced, id.clone());
                (
                    ResourceChange::Replace,
                    Some(Message::update_create_only(path)),
                )
            }
            None => (ResourceChange::Modify, None),
        };
        put(&mut diffs, diff(id, resource, change, changed, reason));
    }
    for (id, resource) in &old.resources {
        if !new.resources.contains_key(id) {
            put(
                &mut diffs,
                diff(id, resource, ResourceChange::Remove, vec![], None),
            );
        }
    }
    let changed_now = |replaced: &[String]| -> Vec<Reference> {
        replaced
            .iter()
            .map(|id| Reference::Resource(id.clone()))
            .chain(changed_elsewhere.iter().cloned())
            .collect()
    };
    // A create-only property that names a replaced resource, or an import or global output
    // whose value changes, changes value on deploy: the resource is replaced too, and so on
    // down the chain. An ordinary property that does so is a modification.
    loop {
        let changed = changed_now(&replaced);
        let mut grew = false;
        for (id, resource) in &new.resources {
            if replaced.contains(id) || !old.resources.contains_key(id) {
                continue;
            }
            let new_type = resource_type(resource);
            for path in create_only_paths(&new_type) {
                let parts: Vec<&str> = path.split('/').collect();
                let hit = at_path(properties(resource), &parts)
                    .into_iter()
                    .find_map(|v| refers_to(v, &changed));
                if let Some(reference) = hit {
                    add(&mut replaced, id.clone());
                    let mut properties = diffs
                        .iter()
                        .find(|d| d.id == *id)
                        .map(|d| d.properties.clone())
                        .unwrap_or_default();
                    insert_sorted(
                        &mut properties,
                        path.split('/').next().unwrap_or(path).to_string(),
                    );
                    put(
                        &mut diffs,
                        diff(
                            id,
                            resource,
                            ResourceChange::Replace,
                            properties,
                            Some(Message::update_refers_to_replaced(
                                path,
                                reference_name(&reference),
                            )),
                        ),
                    );
                    grew = true;
                    break;
                }
            }
        }
        if !grew {
            break;
        }
    }
    let changed = changed_now(&replaced);
    for (id, resource) in &new.resources {
        if replaced.contains(id) || !old.resources.contains_key(id) {
            continue;
        }
        let Some(Value::Object(props)) = properties(resource) else {
            continue;
        };
        let mut hits = Vec::new();
        let mut first = None;
        for (key, value) in props {
            if let Some(reference) = refers_to(Some(value), &changed) {
                hits.push(key.clone());
                first.get_or_insert(reference);
            }
        }
        let Some(reference) = first else { continue };
        let mut entry = diffs
            .iter()
            .find(|d| d.id == *id)
            .cloned()
            .unwrap_or_else(|| diff(id, resource, ResourceChange::Modify, vec![], None));
        for key in hits {
            insert_sorted(&mut entry.properties, key);
        }
        if entry.reason.is_none() {
            entry.reason = Some(Message::update_value_follows(reference_name(&reference)));
        }
        put(&mut diffs, entry);
    }
    let mut list = Vec::with_capacity(diffs.len());
    for kind in [
        ResourceChange::Replace,
        ResourceChange::Remove,
        ResourceChange::Add,
        ResourceChange::Modify,
    ] {
        list.extend(diffs.iter().filter(|d| d.change == kind).cloned());
    }
    (list, replaced)
}

fn diff(
    id: &str,
    resource: &Value,
    change: ResourceChange,
    properties: Vec<String>,
    reason: Option<Message>,
) -> ResourceDiff {
    ResourceDiff {
        id: id.to_string(),
        resource_type: resource_type(resource),
        change,
        properties,
        reason,
    }
}

/// The names a resource holds that no other resource may hold at once: a CloudFront
/// alias (CloudFront refuses a CNAME another distribution has:
/// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html) and a
/// DNS record's name and type (Route 53 refuses to create a record that exists).
fn held_names(resource: &Value) -> Vec<String> {
    match resource_type(resource).as_str() {
        "AWS::CloudFront::Distribution" => resource
            .pointer("/Properties/DistributionConfig/Aliases")
            .and_then(Value::as_array)
            .map(|aliases| {
                aliases
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|a| format!("alias {a}"))
                    .collect()
            })
            .unwrap_or_default(),
        "AWS::Route53::RecordSet" => {
            let name = resource.pointer("/Properties/Name").and_then(Value::as_str);
            let kind = resource.pointer("/Properties/Type").and_then(Value::as_str);
            match (name, kind) {
                (Some(name), Some(kind)) => vec![format!("DNS record {name} {kind}")],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Why there is no prediction: a design that does not render.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffError {
    InvalidBase(Vec<FieldError>),
    InvalidNew(Vec<FieldError>),
}

/// Predicts the update from `base` (the design as deployed) to `new`; both must be valid.
pub fn diff_designs(base: &Config, new: &Config) -> Result<Prediction, DiffError> {
    let baseline = Baseline::new(base).map_err(DiffError::InvalidBase)?;
    predict(&baseline, new).map_err(DiffError::InvalidNew)
}

/// A design as deployed, rendered once: the page keeps it while the user edits, so a
/// prediction renders only the new design.
#[derive(Debug)]
pub struct Baseline {
    stacks: Vec<Stack>,
}

impl Baseline {
    /// The baseline of a valid design; its errors otherwise.
    pub fn new(config: &Config) -> Result<Baseline, Vec<FieldError>> {
        let errors = validate(config);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Baseline {
            stacks: stacks(config),
        })
    }
}

/// The update from `baseline` to `new`, or `new`'s errors.
pub fn predict(baseline: &Baseline, new: &Config) -> Result<Prediction, Vec<FieldError>> {
    let errors = validate(new);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(compare(&baseline.stacks, &stacks(new)))
}

/// The prediction between the stacks of two valid designs.
fn compare(old_stacks: &[Stack], new_stacks: &[Stack]) -> Prediction {
    // A stack is its name in its region: the same name in another region is another stack.
    let find = |list: &[Stack], other: &Stack| -> Option<usize> {
        list.iter()
            .position(|s| s.name == other.name && s.region == other.region)
    };
    let mut prediction = Prediction {
        stacks: Vec::new(),
        blockers: Vec::new(),
        facts: Vec::new(),
    };
    // Exports and global outputs whose value changes or that go, in deploy order.
    let mut changed_exports: Vec<String> = Vec::new();
    let mut changed_outputs: Vec<String> = Vec::new();
    // (stack, resource id) of what the update adds or replaces.
    let mut created: Vec<(usize, String)> = Vec::new();
    for (index, new_stack) in new_stacks.iter().enumerate() {
        let Some(old_index) = find(old_stacks, new_stack) else {
            prediction.stacks.push(StackDiff {
                stack: new_stack.name.clone(),
                region: new_stack.region.clone(),
                change: StackChange::Create,
                resources: new_stack
                    .resources
                    .iter()
                    .map(|(id, r)| diff(id, r, ResourceChange::Add, vec![], None))
                    .collect(),
            });
            created.extend(new_stack.resources.keys().map(|id| (index, id.clone())));
            continue;
        };
        let old_stack = &old_stacks[old_index];
        let elsewhere: Vec<Reference> = new_stack
            .imports
            .iter()
            .filter(|name| changed_exports.contains(*name))
            .map(|name| Reference::Import(name.clone()))
            .chain(
                new_stack
                    .overrides
                    .iter()
                    .filter(|o| changed_outputs.contains(*o))
                    .map(|o| Reference::GlobalOutput(o.clone())),
            )
            .collect();
        let (resources, replaced) = compare_stack(old_stack, new_stack, &elsewhere);
        let replaced_refs: Vec<Reference> = replaced
            .iter()
            .map(|id| Reference::Resource(id.clone()))
            .chain(elsewhere.iter().cloned())
            .collect();
        // Its exports: one that goes, or whose value changes, while a stack imports it.
        for (export, old_value) in &old_stack.exports {
            let new_value = new_stack.exports.get(export);
            let changes = match new_value {
                None => true,
                Some(value) => {
                    value != old_value || refers_to(Some(value), &replaced_refs).is_some()
                }
            };
            if !changes {
                continue;
            }
            add(&mut changed_exports, export.clone());
            let importers: Vec<String> = old_stacks
                .iter()
                .filter(|s| s.imports.contains(export))
                .map(|s| s.name.clone())
                .collect();
            if importers.is_empty() {
                continue;
            }
            let message = if new_value.is_none() {
                Message::update_export_removed_in_use(export.clone(), importers)
            } else {
                Message::update_export_in_use(export.clone(), importers)
            };
            prediction.blockers.push(Blocker {
                stack: new_stack.name.clone(),
                kind: BlockerKind::ExportInUse,
                message,
            });
        }
        // The global stack's outputs reach the service stacks as parameters.
        for output in global_outputs_changed(old_stack, new_stack, &replaced_refs) {
            add(&mut changed_outputs, output);
        }
        for change in &resources {
            if matches!(change.change, ResourceChange::Add | ResourceChange::Replace) {
                created.push((index, change.id.clone()));
            }
            if change.change != ResourceChange::Replace {
                continue;
            }
            let (Some(before), Some(after)) = (
                old_stack.resources.get(&change.id),
                new_stack.resources.get(&change.id),
            ) else {
                continue;
            };
            for (kind, path) in FIXED_NAMES {
                if *kind != change.resource_type {
                    continue;
                }
                let parts: Vec<&str> = path.split('/').collect();
                let name_before = at_path(properties(before), &parts);
                let name_after = at_path(properties(after), &parts);
                if name_after.iter().all(Option::is_some) && name_before == name_after {
                    prediction.blockers.push(Blocker {
                        stack: new_stack.name.clone(),
                        kind: BlockerKind::CustomNameReplacement,
                        message: Message::update_custom_name(change.id.clone(), *path),
                    });
                }
            }
            if change.resource_type == "AWS::CloudFront::Distribution" {
                prediction.facts.push(Blocker {
                    stack: new_stack.name.clone(),
                    kind: BlockerKind::HeldByOld,
                    message: Message::update_new_cloudfront_domain(change.id.clone()),
                });
            }
        }
        let change = if resources.is_empty() {
            StackChange::None
        } else {
            StackChange::Update
        };
        prediction.stacks.push(StackDiff {
            stack: new_stack.name.clone(),
            region: new_stack.region.clone(),
            change,
            resources,
        });
    }
    // A name a new or replacing resource needs while the resource of the base that holds
    // it still stands (in a stack that stays, or one deploy.sh leaves until it is deleted).
    for (index, id) in &created {
        let stack = &new_stacks[*index];
        let Some(resource) = stack.resources.get(id) else {
            continue;
        };
        for name in held_names(resource) {
            let holder = old_stacks.iter().find_map(|old| {
                old.resources
                    .iter()
                    .find(|(_, r)| held_names(r).contains(&name))
                    .map(|(old_id, _)| (old.name.clone(), old_id.clone()))
            });
            if let Some((old_stack, old_id)) = holder {
                prediction.blockers.push(Blocker {
                    stack: stack.name.clone(),
                    kind: BlockerKind::HeldByOld,
                    message: Message::update_held_by_old(name, id.clone(), old_stack, old_id),
                });
            }
        }
    }
    for old_stack in old_stacks {
        if find(new_stacks, old_stack).is_some() {
            continue;
        }
        prediction.stacks.push(StackDiff {
            stack: old_stack.name.clone(),
            region: old_stack.region.clone(),
            change: StackChange::Delete,
            resources: old_stack
                .resources
                .iter()
                .map(|(id, r)| diff(id, r, ResourceChange::Remove, vec![], None))
                .collect(),
        });
        prediction.facts.push(Blocker {
            stack: old_stack.name.clone(),
            kind: BlockerKind::HeldByOld,
            message: Message::update_stack_left(old_stack.name.clone(), old_stack.resources.len()),
        });
    }
    prediction
}

/// The outputs of the global stack whose value changes: `deploy.sh` passes them to the
/// service stacks as parameters (exports do not cross regions).
fn global_outputs_changed(old: &Stack, new: &Stack, replaced: &[Reference]) -> Vec<String> {
    if new.region != GLOBAL_REGION {
        return Vec::new();
    }
    old.outputs
        .iter()
        .filter(|(key, value)| match new.outputs.get(*key) {
            None => true,
            Some(now) => now != *value || refers_to(Some(now), replaced).is_some(),
        })
        .map(|(key, _)| key.clone())
        .collect()
}
