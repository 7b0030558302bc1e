//! Numbers as people read them: `4,096`, `6.3%`, `0.25` vCPU, `14 days`, and the fixed-point
//! decimals the diagram writes. Integer arithmetic only: formatting or parsing an `f64` would
//! link the standard library's float printer into the page's WebAssembly.

use std::fmt;

/// 4096 → "4,096".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `part` of `whole` as a percentage for people: "25%", "6.3%", "0.4%", "<0.1%".
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let tenths = (u128::from(part) * 1000 + u128::from(whole) / 2) / u128::from(whole);
    if part > 0 && tenths == 0 {
        "<0.1%".into()
    } else if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// Bytes as megabytes (10^6) to one decimal, rounded down: 52,428,800 → "52.4".
pub fn megabytes(bytes: u64) -> String {
    format!("{}.{}", bytes / 1_000_000, bytes % 1_000_000 / 100_000)
}

/// CPU units as vCPUs: 256 → "0.25", 1024 → "1", 1536 → "1.5".
pub fn vcpus(cpu: i64) -> String {
    let sign = if cpu < 0 { "-" } else { "" };
    let cpu = cpu.unsigned_abs();
    let hundredths = cpu % 1024 * 100 / 1024;
    match hundredths {
        0 => format!("{sign}{}", cpu / 1024),
        h if h % 10 == 0 => format!("{sign}{}.{}", cpu / 1024, h / 10),
        h => format!("{sign}{}.{h:02}", cpu / 1024),
    }
}

/// A log retention in words: "14 days", "1 year (365 days)".
pub fn days_label(days: i64) -> String {
    match days {
        1 => "1 day".into(),
        365 => "1 year (365 days)".into(),
        d if d > 365 && d % 365 <= 2 => format!("{} years ({d} days)", d / 365),
        d => format!("{d} days"),
    }
}

/// The CSS that places a bar segment for `offset..offset + size` of `whole`.
pub fn bar_style(offset: u64, size: u64, whole: u64) -> String {
    let percent = |n: u64| {
        let millionths = u128::from(n) * 1_000_000 / u128::from(whole.max(1));
        format!("{}.{:04}%", millionths / 10_000, millionths % 10_000)
    };
    format!("left:{};width:{}", percent(offset), percent(size))
}

/// A value rounded to hundredths, written without trailing zeros: `0.25`, `0.5`, `2`,
/// `-7.25`; `0` for anything that rounds to zero or is not finite.
pub struct Hundredths(pub f64);

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths = (self.0 * 100.0).round();
        if hundredths == 0.0 || !hundredths.is_finite() {
            return f.write_str("0");
        }
        // The values written are far below 2^53 hundredths, so the conversion is exact.
        let hundredths = hundredths as i64;
        let sign = if hundredths < 0 { "-" } else { "" };
        let (whole, fraction) = (
            hundredths.unsigned_abs() / 100,
            hundredths.unsigned_abs() % 100,
        );
        match (fraction, fraction % 10) {
            (0, _) => write!(f, "{sign}{whole}"),
            (_, 0) => write!(f, "{sign}{whole}.{}", fraction / 10),
            _ => write!(f, "{sign}{whole}.{fraction:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_three() {
        let cases = [
            (0, "0"),
            (5, "5"),
            (999, "999"),
            (1_001, "1,001"),
            (4096, "4,096"),
            (65_531, "65,531"),
            (1_048_576, "1,048,576"),
            (10_000_000, "10,000,000"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ];
        for (number, text) in cases {
            assert_eq!(thousands(number), text);
        }
    }

    #[test]
    fn percentages_keep_one_decimal_and_never_round_a_share_to_zero() {
        let cases = [
            ((25, 100), "25%"),
            ((626, 10_000), "6.3%"),
            ((4, 1000), "0.4%"),
            ((1, 65_536), "<0.1%"),
            ((0, 65_536), "0%"),
            ((65_536, 65_536), "100%"),
            ((1, 3), "33.3%"),
            ((2, 3), "66.7%"),
            ((7, 0), "0%"),
        ];
        for ((part, whole), text) in cases {
            assert_eq!(percent(part, whole), text, "{part} of {whole}");
        }
    }

    #[test]
    fn cpu_units_read_as_vcpus() {
        let cases = [
            (256, "0.25"),
            (512, "0.5"),
            (1024, "1"),
            (1536, "1.5"),
            (16384, "16"),
            (-512, "-0.5"),
        ];
        for (units, text) in cases {
            assert_eq!(vcpus(units), text);
        }
    }

    #[test]
    fn retention_reads_in_days_and_years() {
        let cases = [
            (1, "1 day"),
            (14, "14 days"),
            (365, "1 year (365 days)"),
            (731, "2 years (731 days)"),
            (400, "400 days"),
        ];
        for (days, text) in cases {
            assert_eq!(days_label(days), text);
        }
    }

    #[test]
    fn hundredths_drop_trailing_zeros_and_round_half_away_from_zero() {
        assert_eq!(Hundredths(0.25).to_string(), "0.25");
        assert_eq!(Hundredths(2.0).to_string(), "2");
        assert_eq!(Hundredths(0.5).to_string(), "0.5");
        assert_eq!(Hundredths(-7.25).to_string(), "-7.25");
        assert_eq!(Hundredths(1.005 + 1e-9).to_string(), "1.01");
        assert_eq!(Hundredths(-0.004).to_string(), "0");
        assert_eq!(Hundredths(f64::NAN).to_string(), "0");
        assert_eq!(Hundredths(f64::INFINITY).to_string(), "0");
    }

    #[test]
    fn hundredths_print_as_rusts_shortest_float_form_of_the_rounded_value() {
        let samples = (-200_000..200_000).map(|i| f64::from(i) * 0.0137).chain([
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            1.995,
            12.5,
            3.0,
            -7.25,
            1e9 + 0.5,
        ]);
        for value in samples {
            let rounded = (value * 100.0).round() / 100.0;
            let expected = if rounded == 0.0 {
                "0".to_string()
            } else {
                rounded.to_string()
            };
            assert_eq!(Hundredths(value).to_string(), expected, "{value}");
        }
    }
}
