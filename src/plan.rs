//! The address plan: where each subnet sits in the VPC, its usable addresses, and what is
//! left of the VPC.

use crate::cidr;
use crate::config::Config;

/// The address plan: each subnet's range and usable addresses, where it sits in the VPC,
/// and what is left of the VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressPlan {
    pub vpc: String,
    pub vpc_size: u64,
    pub rows: Vec<SubnetPlan>,
    pub free: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetPlan {
    pub index: usize,
    pub cidr: String,
    pub first: String,
    pub last: String,
    pub size: u64,
    pub usable: u64,
    /// Its first address's offset from the VPC's, and its size; `None` when it is outside
    /// the VPC or overlaps an earlier subnet (so it takes no room in the plan).
    pub bar: Option<(u64, u64)>,
}

/// The plan for the parts of the design that parse; `None` if the VPC block does not.
pub fn address_plan(config: &Config) -> Option<AddressPlan> {
    let vpc = cidr::parse(&config.network.cidr).ok()?;
    let mut rows = Vec::new();
    let mut placed: Vec<cidr::Cidr> = Vec::new();
    for (index, text) in config.network.subnets.iter().enumerate() {
        let Ok(subnet) = cidr::parse(text) else {
            continue;
        };
        let bar = (vpc.contains(subnet) && !placed.iter().any(|p| p.overlaps(subnet))).then(|| {
            placed.push(subnet);
            (u64::from(subnet.network - vpc.network), subnet.size())
        });
        rows.push(SubnetPlan {
            index,
            cidr: subnet.to_string(),
            first: cidr::format_ipv4(subnet.first()),
            last: cidr::format_ipv4(subnet.last()),
            size: subnet.size(),
            usable: subnet.usable_in_aws(),
            bar,
        });
    }
    let used: u64 = placed.iter().map(|c| c.size()).sum();
    Some(AddressPlan {
        vpc: vpc.to_string(),
        vpc_size: vpc.size(),
        rows,
        free: vpc.size().saturating_sub(used),
    })
}
