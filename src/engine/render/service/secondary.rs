//! A further service's stack: the service on the initial stack's roles, ALB and VPC
//! origin, imported.

use super::cloudfront::{cloudfront_outputs, distribution, dns_records};
use super::{
    express_service, log_group, parameters, service_outputs, service_roles, service_template,
    Context,
};
use crate::engine::cfn::*;
use crate::engine::exports::Export;
use crate::engine::render::shared::*;

pub(super) fn secondary_service_template<'a>(cx: &Context<'a>) -> Node<'a> {
    let (shared, service) = (cx.shared, cx.service);
    let description = format!(
        "Stackdraft service {}: ECS Express Mode with its own IAM roles, sharing the internal ALB, infrastructure role and VPC origin of stack {}{}.",
        service.name,
        shared.initial_name,
        if cx.cloudfront() { ", with its own CloudFront distribution" } else { "" }
    );
    let mut resources = Obj::new();
    resources.insert("ECSLogGroup", log_group(service));
    service_roles(service, &mut resources);
    resources.insert(
        "ExpressModeService",
        express_service(service, import(Export::InfrastructureRoleArn)),
    );
    if cx.cloudfront() {
        resources.insert("CloudFrontDistribution", distribution(cx));
    }
    if cx.dns_records() {
        dns_records(cx, &mut resources);
    }
    let mut outputs = Obj::new();
    service_outputs(&mut outputs);
    if cx.cloudfront() {
        cloudfront_outputs(cx, &mut outputs);
    }
    service_template(description, parameters(cx), resources, outputs)
}
