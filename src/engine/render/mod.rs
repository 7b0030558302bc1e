//! The stacks of a design: the VPC, the initial service (IAM roles, CloudFront VPC
//! origin, the shared cache policy and log bucket when used), one per further service,
//! and — when the design has a managed web ACL or a certificate to request — a global
//! stack in us-east-1. Wired by exports (and, across regions, by parameters the deploy
//! kit passes), so they deploy in order with no hand edits.

mod global;
mod inputs;
mod network;
mod service;
mod shared;

use crate::engine::cfn::Node;
use crate::engine::config::Config;
use crate::engine::derived_names;
use crate::engine::error::FieldError;
use crate::engine::validate::validate;
use crate::engine::yaml11::push_quoting_yaml11_ambiguous;

pub use global::{
    creates_web_acl, global_outputs, needs_global_stack, requested_certificates,
    RequestedCertificate, GLOBAL_REGION, LARGE_BODY_RULE, MANAGED_RULE_GROUPS,
};
pub use inputs::{template_inputs, Distributions, Shared, TemplateInputs};
pub use service::{
    design_caches, design_logs_access, ALL_VIEWER_EXCEPT_HOST_HEADER, CACHING_DISABLED,
    CERTIFICATE_ARN_PATTERN, CLOUDFRONT_HOSTED_ZONE, LEGACY_SHARED_ROLES_PARAMETER,
    SERVICE_EXECUTION_ROLE, SERVICE_TASK_ROLE, WEB_ACL_ARN_PATTERN,
};
pub use shared::ScannerSkip;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackKind {
    Global,
    Network,
    InitialService,
    SecondaryService,
}

/// Which template: the global stack, the network, or the service at this index of
/// `services`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StackId {
    Global,
    Network,
    Service(usize),
}

impl StackId {
    pub fn kind(self) -> StackKind {
        match self {
            StackId::Global => StackKind::Global,
            StackId::Network => StackKind::Network,
            StackId::Service(0) => StackKind::InitialService,
            StackId::Service(_) => StackKind::SecondaryService,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedTemplate {
    pub stack_name: String,
    pub file_name: String,
    pub kind: StackKind,
    pub yaml: String,
}

/// Every stack of the design in deployment order.
pub fn stack_ids(config: &Config) -> Vec<StackId> {
    needs_global_stack(config)
        .then_some(StackId::Global)
        .into_iter()
        .chain(std::iter::once(StackId::Network))
        .chain((0..config.services.len()).map(StackId::Service))
        .collect()
}

pub fn stack_name(config: &Config, id: StackId) -> String {
    match id {
        StackId::Global => derived_names::global_stack_name(&config.network.name, &config.region),
        StackId::Network => config.network.name.clone(),
        StackId::Service(index) => config
            .services
            .get(index)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
    }
}

/// The region a stack deploys in.
pub fn stack_region(config: &Config, id: StackId) -> &str {
    match id {
        StackId::Global => GLOBAL_REGION,
        _ => &config.region,
    }
}

/// Validates, then renders every template; nothing is rendered for an invalid design.
pub fn render(config: &Config) -> Result<Vec<RenderedTemplate>, Vec<FieldError>> {
    let errors = validate(config);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(stack_ids(config)
        .into_iter()
        .map(|id| render_stack(config, id))
        .collect())
}

fn template(inputs: &TemplateInputs) -> Node<'_> {
    match inputs {
        TemplateInputs::Global {
            shared,
            certificates,
        } => global::global_template(shared, certificates),
        TemplateInputs::Network(network) => network::network_template(network),
        TemplateInputs::Service {
            shared,
            service,
            initial,
        } => service::service_stack_template(shared, service, *initial),
    }
}

/// The comment line a template starts with: where it stands in the deployment order.
pub fn stack_header(config: &Config, id: StackId) -> String {
    let ids = stack_ids(config);
    let position = ids.iter().position(|i| *i == id).unwrap_or(0) + 1;
    format!(
        "# Rendered by Stackdraft from config format v1. Deploy order: {position} of {}{}.\n",
        ids.len(),
        if id == StackId::Global {
            format!(", in {GLOBAL_REGION}")
        } else {
            String::new()
        }
    )
}

/// The template itself (after its header), quoted for YAML 1.1 readers; empty when the
/// design has no such stack.
pub fn render_body(config: &Config, id: StackId) -> String {
    template_inputs(config, id)
        .map(|inputs| render_inputs(&inputs))
        .unwrap_or_default()
}

/// A template's body ([`render_body`]) from its inputs.
pub fn render_inputs(inputs: &TemplateInputs) -> String {
    // Not `expect`: formatting the error would link yaml_serde's and std::io's messages
    // into the page for a failure that cannot happen.
    let body = yaml_serde::to_string(&template(inputs))
        .unwrap_or_else(|_| unreachable!("a template tree always serializes"));
    let mut yaml = String::with_capacity(body.len() + 16);
    push_quoting_yaml11_ambiguous(&mut yaml, &body);
    yaml
}

/// Template `id` as CloudFormation's JSON form (see [`Node::to_json`]), without its header
/// comment; `None` when the design has no such stack.
pub fn template_json(config: &Config, id: StackId) -> Option<serde_json::Value> {
    template_inputs(config, id).map(|inputs| template(&inputs).to_json())
}

/// The file a stack's template is written to: `<stack name>.yaml`.
pub fn file_name(config: &Config, id: StackId) -> String {
    format!("{}.yaml", stack_name(config, id))
}

/// One template of a design that has passed validation, from its header and body.
pub fn assemble(config: &Config, id: StackId, body: &str) -> RenderedTemplate {
    let stack_name = stack_name(config, id);
    let mut yaml = stack_header(config, id);
    yaml.push_str(body);
    RenderedTemplate {
        file_name: file_name(config, id),
        stack_name,
        kind: id.kind(),
        yaml,
    }
}

/// Renders one template of a design that has passed validation.
pub fn render_stack(config: &Config, id: StackId) -> RenderedTemplate {
    assemble(config, id, &render_body(config, id))
}
