//! AWS commercial regions with the Availability Zones `!GetAZs` usually returns there.

pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    /// Letters of the zones a new account usually sees, in `!GetAZs` order. Zone letters
    /// map to physical zones per account, so these are hints, not promises.
    pub az_letters: &'static str,
}

impl Region {
    pub fn az_count(&self) -> usize {
        self.az_letters.len()
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
    },
    Region {
        code: "us-east-2",
        name: "US East (Ohio)",
        az_letters: "abc",
    },
    Region {
        code: "us-west-1",
        name: "US West (N. California)",
        az_letters: "bc",
    },
    Region {
        code: "us-west-2",
        name: "US West (Oregon)",
        az_letters: "abcd",
    },
    Region {
        code: "ca-central-1",
        name: "Canada (Central)",
        az_letters: "abd",
    },
    Region {
        code: "ca-west-1",
        name: "Canada West (Calgary)",
        az_letters: "abc",
    },
    Region {
        code: "mx-central-1",
        name: "Mexico (Central)",
        az_letters: "abc",
    },
    Region {
        code: "sa-east-1",
        name: "South America (São Paulo)",
        az_letters: "abc",
    },
    Region {
        code: "eu-west-1",
        name: "Europe (Ireland)",
        az_letters: "abc",
    },
    Region {
        code: "eu-west-2",
        name: "Europe (London)",
        az_letters: "abc",
    },
    Region {
        code: "eu-west-3",
        name: "Europe (Paris)",
        az_letters: "abc",
    },
    Region {
        code: "eu-central-1",
        name: "Europe (Frankfurt)",
        az_letters: "abc",
    },
    Region {
        code: "eu-central-2",
        name: "Europe (Zurich)",
        az_letters: "abc",
    },
    Region {
        code: "eu-north-1",
        name: "Europe (Stockholm)",
        az_letters: "abc",
    },
    Region {
        code: "eu-south-1",
        name: "Europe (Milan)",
        az_letters: "abc",
    },
    Region {
        code: "eu-south-2",
        name: "Europe (Spain)",
        az_letters: "abc",
    },
    Region {
        code: "il-central-1",
        name: "Israel (Tel Aviv)",
        az_letters: "abc",
    },
    Region {
        code: "me-south-1",
        name: "Middle East (Bahrain)",
        az_letters: "abc",
    },
    Region {
        code: "me-central-1",
        name: "Middle East (UAE)",
        az_letters: "abc",
    },
    Region {
        code: "af-south-1",
        name: "Africa (Cape Town)",
        az_letters: "abc",
    },
    Region {
        code: "ap-east-1",
        name: "Asia Pacific (Hong Kong)",
        az_letters: "abc",
    },
    Region {
        code: "ap-south-1",
        name: "Asia Pacific (Mumbai)",
        az_letters: "abc",
    },
    Region {
        code: "ap-south-2",
        name: "Asia Pacific (Hyderabad)",
        az_letters: "abc",
    },
    Region {
        code: "ap-northeast-1",
        name: "Asia Pacific (Tokyo)",
        az_letters: "acd",
    },
    Region {
        code: "ap-northeast-2",
        name: "Asia Pacific (Seoul)",
        az_letters: "abcd",
    },
    Region {
        code: "ap-northeast-3",
        name: "Asia Pacific (Osaka)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-1",
        name: "Asia Pacific (Singapore)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-2",
        name: "Asia Pacific (Sydney)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-3",
        name: "Asia Pacific (Jakarta)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-4",
        name: "Asia Pacific (Melbourne)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-5",
        name: "Asia Pacific (Malaysia)",
        az_letters: "abc",
    },
    Region {
        code: "ap-southeast-7",
        name: "Asia Pacific (Thailand)",
        az_letters: "abc",
    },
];

pub fn find(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}
