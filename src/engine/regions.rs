//! AWS commercial regions with the Availability Zones `!GetAZs` usually returns there,
//! their zone IDs, and whether CloudFront can deliver standard logs to a bucket there.
//!
//! Zone IDs: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
//! Standard logs are not delivered to buckets in these regions (the opt-in regions):
//! https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#access-logs-choosing-s3-bucket

pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    /// Letters of the zones a new account usually sees, in `!GetAZs` order. Zone letters
    /// map to physical zones per account, so these are hints, not promises.
    pub az_letters: &'static str,
    /// The prefix of the region's zone IDs (`apne1` in `apne1-az4`).
    pub zone_id_prefix: &'static str,
    /// The numbers of the zone IDs AWS lists for the region (`apne1-az1` … `apne1-az4`);
    /// some may be constrained for new accounts, which the deploy kit's preflight checks.
    pub zone_numbers: &'static [u8],
    /// Whether CloudFront delivers standard logs (legacy) to an S3 bucket in the region.
    pub standard_logs: bool,
}

impl Region {
    pub fn az_count(&self) -> usize {
        self.az_letters.len()
    }

    /// The zone IDs AWS lists for the region, in order.
    pub fn zone_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.zone_numbers
            .iter()
            .map(|n| format!("{}-az{n}", self.zone_id_prefix))
    }

    /// The likely zone name for AZ index `index` (e.g. `ap-northeast-1c` for index 1).
    pub fn likely_az(&self, index: usize) -> Option<String> {
        self.az_letters
            .chars()
            .nth(index)
            .map(|letter| format!("{}{}", self.code, letter))
    }
}

pub const REGIONS: &[Region] = &[
    Region {
        code: "us-east-1",
        name: "US East (N. Virginia)",
        az_letters: "abcdef",
        zone_id_prefix: "use1",
        zone_numbers: &[1, 2, 3, 4, 5, 6],
        standard_logs: true,
    },
    Region {
        code: "us-east-2",
        name: "US East (Ohio)",
        az_letters: "abc",
        zone_id_prefix: "use2",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "us-west-1",
        name: "US West (N. California)",
        az_letters: "bc",
        zone_id_prefix: "usw1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "us-west-2",
        name: "US West (Oregon)",
        az_letters: "abcd",
        zone_id_prefix: "usw2",
        zone_numbers: &[1, 2, 3, 4],
        standard_logs: true,
    },
    Region {
        code: "ca-central-1",
        name: "Canada (Central)",
        az_letters: "abd",
        zone_id_prefix: "cac1",
        zone_numbers: &[1, 2, 4],
        standard_logs: true,
    },
    Region {
        code: "ca-west-1",
        name: "Canada West (Calgary)",
        az_letters: "abc",
        zone_id_prefix: "caw1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "mx-central-1",
        name: "Mexico (Central)",
        az_letters: "abc",
        zone_id_prefix: "mxc1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "sa-east-1",
        name: "South America (São Paulo)",
        az_letters: "abc",
        zone_id_prefix: "sae1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "eu-west-1",
        name: "Europe (Ireland)",
        az_letters: "abc",
        zone_id_prefix: "euw1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "eu-west-2",
        name: "Europe (London)",
        az_letters: "abc",
        zone_id_prefix: "euw2",
        zone_numbers: &[1, 2, 3, 4],
        standard_logs: true,
    },
    Region {
        code: "eu-west-3",
        name: "Europe (Paris)",
        az_letters: "abc",
        zone_id_prefix: "euw3",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "eu-central-1",
        name: "Europe (Frankfurt)",
        az_letters: "abc",
        zone_id_prefix: "euc1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "eu-central-2",
        name: "Europe (Zurich)",
        az_letters: "abc",
        zone_id_prefix: "euc2",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "eu-north-1",
        name: "Europe (Stockholm)",
        az_letters: "abc",
        zone_id_prefix: "eun1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "eu-south-1",
        name: "Europe (Milan)",
        az_letters: "abc",
        zone_id_prefix: "eus1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "eu-south-2",
        name: "Europe (Spain)",
        az_letters: "abc",
        zone_id_prefix: "eus2",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "il-central-1",
        name: "Israel (Tel Aviv)",
        az_letters: "abc",
        zone_id_prefix: "ilc1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "me-south-1",
        name: "Middle East (Bahrain)",
        az_letters: "abc",
        zone_id_prefix: "mes1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "me-central-1",
        name: "Middle East (UAE)",
        az_letters: "abc",
        zone_id_prefix: "mec1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "af-south-1",
        name: "Africa (Cape Town)",
        az_letters: "abc",
        zone_id_prefix: "afs1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-east-1",
        name: "Asia Pacific (Hong Kong)",
        az_letters: "abc",
        zone_id_prefix: "ape1",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-south-1",
        name: "Asia Pacific (Mumbai)",
        az_letters: "abc",
        zone_id_prefix: "aps1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "ap-south-2",
        name: "Asia Pacific (Hyderabad)",
        az_letters: "abc",
        zone_id_prefix: "aps2",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-northeast-1",
        name: "Asia Pacific (Tokyo)",
        az_letters: "acd",
        zone_id_prefix: "apne1",
        zone_numbers: &[1, 2, 3, 4],
        standard_logs: true,
    },
    Region {
        code: "ap-northeast-2",
        name: "Asia Pacific (Seoul)",
        az_letters: "abcd",
        zone_id_prefix: "apne2",
        zone_numbers: &[1, 2, 3, 4],
        standard_logs: true,
    },
    Region {
        code: "ap-northeast-3",
        name: "Asia Pacific (Osaka)",
        az_letters: "abc",
        zone_id_prefix: "apne3",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "ap-southeast-1",
        name: "Asia Pacific (Singapore)",
        az_letters: "abc",
        zone_id_prefix: "apse1",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "ap-southeast-2",
        name: "Asia Pacific (Sydney)",
        az_letters: "abc",
        zone_id_prefix: "apse2",
        zone_numbers: &[1, 2, 3],
        standard_logs: true,
    },
    Region {
        code: "ap-southeast-3",
        name: "Asia Pacific (Jakarta)",
        az_letters: "abc",
        zone_id_prefix: "apse3",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-southeast-4",
        name: "Asia Pacific (Melbourne)",
        az_letters: "abc",
        zone_id_prefix: "apse4",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-southeast-5",
        name: "Asia Pacific (Malaysia)",
        az_letters: "abc",
        zone_id_prefix: "apse5",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
    Region {
        code: "ap-southeast-7",
        name: "Asia Pacific (Thailand)",
        az_letters: "abc",
        zone_id_prefix: "apse7",
        zone_numbers: &[1, 2, 3],
        standard_logs: false,
    },
];

pub fn find(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}
