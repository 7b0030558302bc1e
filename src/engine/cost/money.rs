//! Integer money and quantities as the cost tables print them: `$1,234.56`, `$0.004445`,
//! `2,190`, `182.5`. Integer arithmetic only (the page may not format floats).

use crate::engine::number_format::thousands;

/// Micro-dollars in a dollar.
pub const MICRO: u64 = 1_000_000;

/// A monthly amount rounded to the cent, half up: 1_234_565_000 µ$ → `$1,234.57`.
pub fn dollars(micro_usd: u64) -> String {
    let cents = micro_usd.saturating_add(5_000) / 10_000;
    format!("${}.{:02}", thousands(cents / 100), cents % 100)
}

/// A signed difference: `-$3.10`, `$0.00`, `$12.00`.
pub fn signed_dollars(micro_usd: i128) -> String {
    let magnitude = micro_usd.unsigned_abs();
    let text = dollars(u64::try_from(magnitude).unwrap_or(u64::MAX));
    if micro_usd < 0 && text != "$0.00" {
        format!("-{text}")
    } else {
        text
    }
}

/// A unit price to the micro-dollar, at least two decimals: 45_000 → `$0.045`,
/// 5_000_000 → `$5.00`, 4_445 → `$0.004445`.
pub fn unit_price(micro_usd: u64) -> String {
    let mut fraction = format!("{:06}", micro_usd % MICRO);
    while fraction.len() > 2 && fraction.ends_with('0') {
        fraction.pop();
    }
    format!("${}.{fraction}", thousands(micro_usd / MICRO))
}

/// A quantity held in thousandths: 2_190_000 → `2,190`, 182_500 → `182.5`, 152 → `0.152`.
pub fn quantity(milli: u64) -> String {
    let whole = thousands(milli / 1000);
    let mut fraction = format!("{:03}", milli % 1000);
    while fraction.ends_with('0') {
        fraction.pop();
    }
    if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    }
}

/// `a × b / c` rounded half up, without overflow for any u64 inputs whose result fits.
pub fn mul_div(a: u64, b: u64, c: u64) -> u64 {
    let c = u128::from(c.max(1));
    let value = (u128::from(a) * u128::from(b) + c / 2) / c;
    u64::try_from(value).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input beside the text `format` must give for it.
    fn check<T: Copy + std::fmt::Display>(format: fn(T) -> String, cases: &[(T, &str)]) {
        for &(input, text) in cases {
            assert_eq!(format(input), text, "{input}");
        }
    }

    #[test]
    fn money_is_rounded_half_up_to_the_cent_with_thousands_separators() {
        check(
            dollars,
            &[
                (0, "$0.00"),
                (4_999, "$0.00"),
                (5_000, "$0.01"),
                (45_260_000, "$45.26"),
                (1_234_565_000, "$1,234.57"),
                (1_000_000_000_000, "$1,000,000.00"),
            ],
        );
        check(
            signed_dollars,
            &[
                (-3_100_000, "-$3.10"),
                (-1, "$0.00"),
                (12_000_000, "$12.00"),
            ],
        );
    }

    #[test]
    fn unit_prices_keep_every_published_decimal() {
        check(
            unit_price,
            &[
                (45_000, "$0.045"),
                (4_445, "$0.004445"),
                (5_000_000, "$5.00"),
                (600_000, "$0.60"),
                (0, "$0.00"),
            ],
        );
    }

    #[test]
    fn quantities_print_up_to_three_decimals() {
        check(
            quantity,
            &[
                (2_190_000, "2,190"),
                (182_500, "182.5"),
                (152, "0.152"),
                (10_000_000_000, "10,000,000"),
            ],
        );
    }

    #[test]
    fn mul_div_rounds_half_up() {
        assert_eq!(mul_div(1, 1, 2), 1);
        assert_eq!(mul_div(1, 1, 3), 0);
        assert_eq!(mul_div(10_000_000, 1_000, 90_000), 111_111);
        assert_eq!(mul_div(u64::MAX, 2, 2), u64::MAX);
    }
}
