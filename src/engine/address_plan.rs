//! The address plan: where each subnet sits in the VPC, its usable addresses, and what is
//! left of the VPC.

use crate::engine::cidr;
use crate::engine::config::Config;

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
    let vpc = config.network.vpc_block()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::number_format::{bar_style, percent};

    #[test]
    fn the_plan_places_subnets_in_the_bar() {
        let plan = address_plan(&Config::default()).unwrap();
        assert_eq!(plan.vpc, "192.168.0.0/18");
        assert_eq!(plan.vpc_size, 16384);
        assert_eq!(plan.free, 4096);
        assert_eq!(percent(plan.free, plan.vpc_size), "25%");
        assert_eq!(plan.rows.len(), 3);
        assert_eq!(plan.rows[1].usable, 4091);
        assert_eq!(plan.rows[1].bar, Some((4096, 4096)));
        assert_eq!(
            bar_style(4096, 4096, plan.vpc_size),
            "left:25.0000%;width:25.0000%"
        );
        assert_eq!(bar_style(1, 2, 3), "left:33.3333%;width:66.6666%");
        assert_eq!(bar_style(0, 16, 0), "left:0.0000%;width:1600.0000%");

        let mut config = Config::default();
        config.network.subnets[1] = "10.0.0.0/20".into();
        config.network.subnets[2] = "192.168.0.0/24".into();
        let plan = address_plan(&config).unwrap();
        assert_eq!(plan.rows[1].bar, None, "outside the VPC");
        assert_eq!(plan.rows[2].bar, None, "overlaps subnet 1");
        assert_eq!(plan.free, 16384 - 4096);

        config.network.cidr = "nonsense".into();
        assert_eq!(address_plan(&config), None);
    }
}
