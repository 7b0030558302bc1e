//! The rules of what a service's application is given: variable names and values, where
//! secrets come from, the buckets and tables it may use, managed policies, and the IAM
//! limits its roles must fit.

use super::*;
use crate::engine::application::{
    check_kms_key_arn, check_policy_arn, data_resource, execution_policy, is_variable_name,
    policy_characters, secret_source, task_policy, MAX_MANAGED_POLICIES_PER_ROLE,
    MAX_ROLE_POLICY_CHARACTERS, SET_BY_ECS,
};
use crate::engine::field_path::entry_path;

pub(super) fn check_application(
    path: &str,
    service: &Service,
    config: &Config,
    errors: &mut Errors,
) {
    let app = &service.app;
    // Each name once across the plain variables and the secrets: a container gets one value.
    let names = app
        .environment
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{path}.environment[{i}]"), v.name.as_str()))
        .chain(
            app.secrets
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}.secrets[{i}]"), v.name.as_str())),
        )
        .collect::<Vec<_>>();
    for (index, (at, name)) in names.iter().enumerate() {
        let name_path = format!("{at}.name");
        if !is_variable_name(name) {
            errors.push(name_path, Message::variable_name_invalid(*name));
        } else if SET_BY_ECS.contains(name) {
            errors.push(name_path, Message::variable_set_by_ecs(*name));
        } else if let Some((other, _)) = names[..index].iter().find(|(_, n)| n == name) {
            errors.push(
                name_path,
                Message::variable_name_taken(*name, other.clone()),
            );
        }
    }
    for (i, variable) in app.environment.iter().enumerate() {
        if variable.value.is_none() {
            errors.push(
                format!("{path}.environment[{i}].value"),
                Message::variable_value_missing(&variable.name),
            );
        }
    }
    for (i, secret) in app.secrets.iter().enumerate() {
        if let Err(message) = secret_source(&secret.value_from) {
            errors.push(format!("{path}.secrets[{i}].value_from"), message);
        }
    }
    for (i, permission) in app.permissions.iter().enumerate() {
        let at = format!("{path}.permissions[{i}].resource");
        if let Err(message) = data_resource(&permission.resource) {
            errors.push(at, message);
        } else if let Some(first) = app.permissions[..i]
            .iter()
            .position(|p| p.resource == permission.resource)
        {
            let other = entry_path(&format!("{path}.permissions"), first, "");
            errors.push(at, Message::permission_taken(other));
        }
    }
    if app.policy_arns.len() > MAX_MANAGED_POLICIES_PER_ROLE {
        errors.push(
            format!("{path}.policy_arns"),
            Message::policy_arns_too_many(app.policy_arns.len(), MAX_MANAGED_POLICIES_PER_ROLE),
        );
    }
    for (i, arn) in app.policy_arns.iter().enumerate() {
        let at = format!("{path}.policy_arns[{i}]");
        if let Err(message) = check_policy_arn(arn) {
            errors.push(at, message);
        } else if let Some(first) = app.policy_arns[..i].iter().position(|p| p == arn) {
            let other = entry_path(&format!("{path}.policy_arns"), first, "");
            errors.push(at, Message::policy_arn_taken(other));
        }
    }
    if let Some(key) = &app.secrets_kms_key_arn {
        if let Err(message) = check_kms_key_arn(key) {
            errors.push(format!("{path}.secrets_kms_key_arn"), message);
        }
    }
    let task = policy_characters(&task_policy(&app.permissions), &config.region);
    if task > MAX_ROLE_POLICY_CHARACTERS {
        errors.push(
            format!("{path}.permissions"),
            Message::task_policy_too_large(task, MAX_ROLE_POLICY_CHARACTERS),
        );
    }
    let execution = policy_characters(&execution_policy(app), &config.region);
    if execution > MAX_ROLE_POLICY_CHARACTERS {
        errors.push(
            format!("{path}.secrets"),
            Message::execution_policy_too_large(execution, MAX_ROLE_POLICY_CHARACTERS),
        );
    }
}

/// The most bytes `aws cloudformation deploy` sends as a template body; a larger template
/// needs an S3 bucket to upload it to (`--s3-bucket`), which the kit does not use.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
/// (TemplateBody: 51,200 bytes) and awscli's `customizations/cloudformation/deploy.py`.
pub const MAX_TEMPLATE_BODY: usize = 51_200;

/// Below this many bytes of application text no service template can reach the limit, so
/// typing renders nothing to find out: the largest example template is 14 KB without it,
/// names at their longest add a little, and YAML writes a byte as 4 at most (an escaped
/// control character): 20,000 + 4 × 7,500 < 51,200.
const APPLICATION_TEXT_SAFE: usize = 7_500;

/// The bytes of a service's application text that reach its template.
fn application_text(service: &Service) -> usize {
    let app = &service.app;
    let env: usize = app
        .environment
        .iter()
        .map(|v| v.name.len() + v.value.as_deref().map_or(0, str::len))
        .sum();
    let secrets: usize = app
        .secrets
        .iter()
        .map(|s| s.name.len() + 2 * s.value_from.len())
        .sum();
    let command: usize = app.command.iter().map(String::len).sum();
    let permissions: usize = app.permissions.iter().map(|p| 2 * p.resource.len()).sum();
    let policies: usize = app.policy_arns.iter().map(String::len).sum();
    env + secrets + command + permissions + policies
}

/// Each service stack whose application text could make it too large is rendered and
/// measured; only for a design with no other error, which renders.
pub(super) fn check_template_sizes(config: &Config, errors: &mut Errors) {
    for (index, service) in config.services.iter().enumerate() {
        if application_text(service) < APPLICATION_TEXT_SAFE {
            continue;
        }
        let id = crate::engine::render::StackId::Service(index);
        let bytes = crate::engine::render::render_stack(config, id).yaml.len();
        if bytes > MAX_TEMPLATE_BODY {
            errors.push(
                crate::engine::field_path::service_path(index, ""),
                Message::template_too_large(&service.name, bytes, MAX_TEMPLATE_BODY),
            );
        }
    }
}
