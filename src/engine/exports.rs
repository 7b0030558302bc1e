//! The contract between stacks: what each stack exports for the others, and the outputs
//! the deploy kit reads or passes on. Producers and consumers both name an [`Export`] or
//! an [`Output`], so an export cannot be renamed on one side only, and the name-length
//! checks measure the names actually deployed.

use std::borrow::Cow;

use crate::engine::validate::MAX_SUBNETS;

/// An output a stack exports as `<its stack name>-<suffix>`, for `Fn::ImportValue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Network stack.
    VpcId,
    /// Network stack: the subnet at this index of `network.subnets`.
    PrivateSubnet(usize),
    /// Network stack: every private subnet id, comma-separated.
    PrivateSubnets,
    /// Network stack.
    RegionalNatGatewayId,
    /// Initial service stack.
    TaskExecutionRoleArn,
    /// Initial service stack.
    InfrastructureRoleArn,
    /// Initial service stack.
    TaskRoleArn,
    /// Initial service stack: the VPC origin on the shared internal ALB.
    VpcOriginId,
    /// Initial service stack, when a service caches: the short-TTL cache policy.
    CachePolicyId,
    /// Initial service stack, with access logs: the log bucket's domain name.
    AccessLogBucket,
    /// Every service stack.
    ServiceEndpoint,
}

/// Which kind of stack declares an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    Network,
    InitialService,
    EveryService,
}

impl Export {
    /// Every export with the longest name its kind can take (the sixth subnet).
    pub const ALL: [Export; 11] = [
        Export::VpcId,
        Export::PrivateSubnet(MAX_SUBNETS - 1),
        Export::PrivateSubnets,
        Export::RegionalNatGatewayId,
        Export::TaskExecutionRoleArn,
        Export::InfrastructureRoleArn,
        Export::TaskRoleArn,
        Export::VpcOriginId,
        Export::CachePolicyId,
        Export::AccessLogBucket,
        Export::ServiceEndpoint,
    ];

    /// The part after `<stack name>-`; also the output's logical id.
    pub fn suffix(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Export::VpcId => "VpcId",
            Export::PrivateSubnet(index) => {
                return Cow::Owned(format!("PrivateSubnet{}Id", index + 1));
            }
            Export::PrivateSubnets => "PrivateSubnets",
            Export::RegionalNatGatewayId => "RegionalNatGatewayId",
            Export::TaskExecutionRoleArn => "TaskExecutionRoleArn",
            Export::InfrastructureRoleArn => "InfrastructureRoleArn",
            Export::TaskRoleArn => "TaskRoleArn",
            Export::VpcOriginId => "VpcOriginId",
            Export::CachePolicyId => "CachePolicyId",
            Export::AccessLogBucket => "AccessLogBucketDomainName",
            Export::ServiceEndpoint => "ServiceEndpoint",
        })
    }

    pub fn producer(self) -> Producer {
        match self {
            Export::VpcId
            | Export::PrivateSubnet(_)
            | Export::PrivateSubnets
            | Export::RegionalNatGatewayId => Producer::Network,
            Export::TaskExecutionRoleArn
            | Export::InfrastructureRoleArn
            | Export::TaskRoleArn
            | Export::VpcOriginId
            | Export::CachePolicyId
            | Export::AccessLogBucket => Producer::InitialService,
            Export::ServiceEndpoint => Producer::EveryService,
        }
    }

    /// The `!Sub` template of the export's name, as the exporting stack writes it.
    pub fn name_template(self) -> String {
        format!("${{AWS::StackName}}-{}", self.suffix())
    }

    /// The `!Sub` template of the export's name, as an importing stack writes it: the
    /// producer's stack name comes from the importer's parameter for it.
    pub fn import_template(self) -> String {
        let parameter = match self.producer() {
            Producer::Network => STACK_PARAMETER_NETWORK,
            Producer::InitialService | Producer::EveryService => STACK_PARAMETER_INITIAL,
        };
        format!("${{{parameter}}}-{}", self.suffix())
    }

    /// The longest suffix among the exports `producer` declares.
    pub fn longest_suffix(producer: Producer) -> usize {
        Export::ALL
            .iter()
            .filter(|e| {
                e.producer() == producer
                    || (producer == Producer::InitialService
                        && e.producer() == Producer::EveryService)
            })
            .map(|e| e.suffix().len())
            .max()
            .unwrap_or(0)
    }
}

/// The parameter through which a service stack names the network stack it imports from.
pub const STACK_PARAMETER_NETWORK: &str = "NetworkStackName";
/// The parameter through which a secondary service stack names the initial stack.
pub const STACK_PARAMETER_INITIAL: &str = "InitialStackName";

/// An output the deploy kit reads: from the network stack, a service stack, or the
/// global stack. Its `key` is the output's logical id in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Network stack.
    VpcId,
    /// Network stack.
    RegionalNatGatewayId,
    /// Every service stack.
    ServiceEndpoint,
    /// Every service stack: the load balancer Express Mode put the service on.
    LoadBalancerArn,
    /// Initial service stack: the security groups of its load balancer.
    LoadBalancerSecurityGroups,
    /// A service stack with CloudFront.
    CloudFrontUrl,
    /// A service stack with CloudFront.
    CloudFrontDistributionId,
    /// Initial service stack, with access logs: the bucket's name, emptied at teardown.
    AccessLogBucketName,
}

impl Output {
    pub fn key(self) -> &'static str {
        match self {
            Output::VpcId => "VpcId",
            Output::RegionalNatGatewayId => "RegionalNatGatewayId",
            Output::ServiceEndpoint => "ServiceEndpoint",
            Output::LoadBalancerArn => "LoadBalancerArn",
            Output::LoadBalancerSecurityGroups => "LoadBalancerSecurityGroups",
            Output::CloudFrontUrl => "CloudFrontURL",
            Output::CloudFrontDistributionId => "CloudFrontDistributionId",
            Output::AccessLogBucketName => "AccessLogBucketName",
        }
    }
}

/// An output of the global stack (us-east-1) that the deploy kit passes to the service
/// stacks as a parameter: exports do not cross regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobalOutput {
    WebAclArn,
    /// The certificate requested for one service's alias, by the certificate's id
    /// (`App` for the host `app`: see `render::requested_certificates`).
    CertificateArn(String),
}

/// The service stacks' parameter that takes the certificate of their alias.
pub const CERTIFICATE_PARAMETER: &str = "CertificateArn";
/// The service stacks' parameter that takes the web ACL.
pub const WEB_ACL_PARAMETER: &str = "WebAclArn";

impl GlobalOutput {
    /// The output's logical id in the global stack: `WebAclArn`, `AppCertificateArn`.
    pub fn key(&self) -> String {
        match self {
            GlobalOutput::WebAclArn => WEB_ACL_PARAMETER.to_string(),
            GlobalOutput::CertificateArn(id) => format!("{id}{CERTIFICATE_PARAMETER}"),
        }
    }

    /// The service stacks' parameter it fills.
    pub fn parameter(&self) -> &'static str {
        match self {
            GlobalOutput::WebAclArn => WEB_ACL_PARAMETER,
            GlobalOutput::CertificateArn(_) => CERTIFICATE_PARAMETER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_distinct_and_the_sixth_subnet_is_the_longest_network_one() {
        let mut suffixes: Vec<String> = Export::ALL.iter().map(|e| e.suffix().into()).collect();
        suffixes.sort();
        suffixes.dedup();
        assert_eq!(suffixes.len(), Export::ALL.len());
        assert_eq!(
            Export::longest_suffix(Producer::Network),
            "RegionalNatGatewayId".len()
        );
        assert_eq!(Export::PrivateSubnet(5).suffix(), "PrivateSubnet6Id");
        assert_eq!(
            Export::longest_suffix(Producer::InitialService),
            "AccessLogBucketDomainName".len()
        );
    }

    #[test]
    fn import_names_the_producer_through_its_parameter() {
        assert_eq!(
            Export::PrivateSubnets.import_template(),
            "${NetworkStackName}-PrivateSubnets"
        );
        assert_eq!(
            Export::VpcOriginId.import_template(),
            "${InitialStackName}-VpcOriginId"
        );
        assert_eq!(Export::VpcId.name_template(), "${AWS::StackName}-VpcId");
    }
}
