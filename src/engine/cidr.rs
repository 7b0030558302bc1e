//! IPv4 CIDR blocks: strict parsing with messages a user can act on, and the arithmetic
//! the address plan needs.

use std::fmt;

use crate::engine::message::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cidr {
    /// The network address as a 32-bit number (host bits are zero).
    pub network: u32,
    pub prefix: u8,
}

/// Addresses AWS keeps in every subnet: network, router, DNS, future use, broadcast.
pub const AWS_RESERVED_PER_SUBNET: u64 = 5;

impl Cidr {
    pub fn new(network: u32, prefix: u8) -> Option<Cidr> {
        if prefix > 32 || network & !mask(prefix) != 0 {
            return None;
        }
        Some(Cidr { network, prefix })
    }

    pub fn size(self) -> u64 {
        1u64 << (32 - self.prefix)
    }

    /// Addresses left for workloads after AWS's five reserved ones.
    pub fn usable_in_aws(self) -> u64 {
        self.size().saturating_sub(AWS_RESERVED_PER_SUBNET)
    }

    pub fn first(self) -> u32 {
        self.network
    }

    pub fn last(self) -> u32 {
        self.network | !mask(self.prefix)
    }

    pub fn contains(self, other: Cidr) -> bool {
        other.prefix >= self.prefix && other.network & mask(self.prefix) == self.network
    }

    pub fn overlaps(self, other: Cidr) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// The `count` consecutive blocks of `prefix` starting at this block's first address,
    /// or `None` if they do not fit inside it.
    pub fn split(self, prefix: u8, count: usize) -> Option<Vec<Cidr>> {
        if prefix < self.prefix || prefix > 32 {
            return None;
        }
        let per_block = 1u64 << (32 - prefix);
        if per_block * count as u64 > self.size() {
            return None;
        }
        Some(
            (0..count as u64)
                .map(|i| Cidr {
                    network: (self.network as u64 + i * per_block) as u32,
                    prefix,
                })
                .collect(),
        )
    }
}

pub fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix.min(32))
    }
}

pub fn format_ipv4(address: u32) -> String {
    let [a, b, c, d] = address.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", format_ipv4(self.network), self.prefix)
    }
}

/// Parses `a.b.c.d/n` exactly as AWS accepts it, explaining what is wrong otherwise.
pub fn parse(text: &str) -> Result<Cidr, Message> {
    if text.is_empty() {
        return Err(Message::cidr_empty());
    }
    if text.trim() != text || text.contains(char::is_whitespace) {
        return Err(Message::cidr_spaces(
            text.split_whitespace().collect::<String>(),
        ));
    }
    if text.contains(':') {
        return Err(Message::cidr_ipv6());
    }
    let Some((address, prefix)) = text.split_once('/') else {
        return Err(Message::cidr_no_prefix());
    };
    let prefix = parse_decimal(prefix, 32).ok_or_else(|| Message::cidr_bad_prefix(prefix))? as u8;
    let octets: Vec<&str> = address.split('.').collect();
    if octets.len() != 4 {
        return Err(Message::cidr_not_four_numbers(address));
    }
    let mut value: u32 = 0;
    for octet in octets {
        if octet.len() > 1 && octet.starts_with('0') && octet.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Message::cidr_leading_zero(
                octet,
                octet.trim_start_matches('0').parse::<u32>().unwrap_or(0),
            ));
        }
        let number =
            parse_decimal(octet, 255).ok_or_else(|| Message::cidr_bad_octet(octet, address))?;
        value = (value << 8) | number;
    }
    let network = value & mask(prefix);
    if network != value {
        return Err(Message::cidr_host_bits(
            format_ipv4(value),
            Cidr { network, prefix }.to_string(),
        ));
    }
    Ok(Cidr { network, prefix })
}

fn parse_decimal(text: &str, max: u32) -> Option<u32> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.len() > 1 && text.starts_with('0') {
        return None;
    }
    text.parse::<u32>().ok().filter(|&n| n <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::message::Code;

    #[test]
    fn parses_a_valid_block() {
        let cidr = parse("192.168.16.0/20").unwrap();
        assert_eq!(cidr.to_string(), "192.168.16.0/20");
        assert_eq!(cidr.size(), 4096);
        assert_eq!(cidr.usable_in_aws(), 4091);
        assert_eq!(format_ipv4(cidr.last()), "192.168.31.255");
    }

    #[test]
    fn host_bits_suggest_the_network() {
        let err = parse("10.0.1.0/16").unwrap_err();
        assert_eq!(err, Message::cidr_host_bits("10.0.1.0", "10.0.0.0/16"));
    }

    #[test]
    fn rejects_odd_spellings_with_reasons() {
        let code = |text: &str| parse(text).unwrap_err().code();
        assert_eq!(
            parse("010.0.0.0/16").unwrap_err(),
            Message::cidr_leading_zero("010", 10)
        );
        assert_eq!(code(" 10.0.0.0/16"), Code::CidrSpaces);
        assert_eq!(
            parse("10.0.0.0 /16").unwrap_err(),
            Message::cidr_spaces("10.0.0.0/16")
        );
        assert_eq!(code("2001:db8::/56"), Code::CidrIpv6);
        assert_eq!(code("10.0.0.0"), Code::CidrNoPrefix);
        assert_eq!(
            parse("10.0.0.0/33").unwrap_err(),
            Message::cidr_bad_prefix("33")
        );
        assert_eq!(code("10.0.0/16"), Code::CidrNotFourNumbers);
        assert_eq!(
            parse("10.0.0.256/16").unwrap_err(),
            Message::cidr_bad_octet("256", "10.0.0.256")
        );
        assert_eq!(code("10.0.0.-1/16"), Code::CidrBadOctet);
        assert_eq!(code(""), Code::CidrEmpty);
        assert_eq!(code("10.0.0.0/016"), Code::CidrBadPrefix);
    }

    #[test]
    fn containment_and_overlap() {
        let vpc = parse("10.0.0.0/16").unwrap();
        let a = parse("10.0.0.0/24").unwrap();
        let b = parse("10.0.0.128/25").unwrap();
        let c = parse("10.1.0.0/24").unwrap();
        assert!(vpc.contains(a) && !vpc.contains(c));
        assert!(a.overlaps(b) && b.overlaps(a) && !a.overlaps(c));
    }

    #[test]
    fn split_carves_consecutive_blocks() {
        let vpc = parse("192.168.0.0/18").unwrap();
        let parts: Vec<String> = vpc
            .split(20, 3)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            parts,
            ["192.168.0.0/20", "192.168.16.0/20", "192.168.32.0/20"]
        );
        assert!(vpc.split(20, 5).is_none());
        assert!(vpc.split(16, 1).is_none());
        assert_eq!(parse("0.0.0.0/0").unwrap().size(), 1 << 32);
    }
}
