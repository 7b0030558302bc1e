//! YAML 1.1 safety for yaml_serde's output.
//!
//! yaml_serde quotes strings that a YAML 1.2 reader would take for another type, but
//! CloudFormation and PyYAML read YAML 1.1, where `yes`, `off`, `1:20`, `2001-01-01` and
//! `1_000` are booleans, numbers or dates. This pass single-quotes exactly those plain
//! scalars. A scalar it quotes consists only of characters that need no escaping inside
//! single quotes, and the integers and booleans yaml_serde wrote for typed values are left
//! alone.

pub fn quote_yaml11_ambiguous(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 16);
    push_quoting_yaml11_ambiguous(&mut out, yaml);
    out
}

/// Appends `yaml` to `out` with the ambiguous scalars quoted; the lines in between are
/// copied in runs.
pub fn push_quoting_yaml11_ambiguous(out: &mut String, yaml: &str) {
    let bytes = yaml.as_bytes();
    let mut copied = 0;
    let mut block_scalar_indent: Option<usize> = None;
    let mut line_start = 0;
    while line_start < yaml.len() {
        let rest = &bytes[line_start..];
        let indent = count_while(rest, |b| b == b' ');
        // Each byte is looked at once: the newline is searched for from the value on.
        let value_start = line_start + value_offset(rest, indent);
        let line_end = value_start + count_while(&bytes[value_start..], |b| b != b'\n');
        let content = &yaml[line_start..line_end];
        line_start = line_end + 1;
        if let Some(parent) = block_scalar_indent {
            if content.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar_indent = None;
        }
        let scalar = &yaml[value_start..line_end];
        if scalar.starts_with('|') || scalar.starts_with('>') {
            block_scalar_indent = Some(indent);
        }
        if is_plain_ambiguous(scalar) {
            out.push_str(&yaml[copied..value_start]);
            out.push('\'');
            out.push_str(scalar);
            out.push('\'');
            copied = line_end;
        }
    }
    out.push_str(&yaml[copied..]);
}

fn count_while(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| f(b)).count()
}

/// Where the value of a block-style line starts: after its `- ` entry markers and key.
fn value_offset(line: &[u8], indent: usize) -> usize {
    let mut start = indent;
    while line[start..].starts_with(b"- ") {
        start += 2;
    }
    // Keys are our own identifiers (resource and property names), never user text. A key
    // and its `:` use no spaces, so the first `: ` can only follow the key's characters.
    let key_end = start
        + count_while(&line[start..], |b| {
            b.is_ascii_alphanumeric() || b == b':' || b == b'_'
        });
    if key_end > start + 1 && line[key_end - 1] == b':' && line.get(key_end) == Some(&b' ') {
        key_end + 1
    } else {
        start
    }
}

fn is_plain_ambiguous(scalar: &str) -> bool {
    yaml11_non_string(scalar)
        && scalar.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'.' | b'_' | b':' | b'+' | b'-' | b'~' | b'=' | b'<')
        })
        && !is_typed_scalar(scalar)
}

/// The forms yaml_serde writes plain for typed values: integers and booleans (templates
/// hold no floats). A *string* of these forms is always quoted by yaml_serde, so a plain
/// scalar of another form that YAML 1.1 reads as non-string must be a string.
fn is_typed_scalar(scalar: &str) -> bool {
    let digits = scalar.strip_prefix('-').unwrap_or(scalar);
    matches!(scalar, "true" | "false")
        || (!digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0')))
}

/// PyYAML's YAML 1.1 implicit resolvers, plus the `y`/`n` booleans of the 1.1 spec.
pub fn yaml11_non_string(s: &str) -> bool {
    const WORDS: [&str; 28] = [
        "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "<<",
        "=",
    ];
    match s.bytes().next() {
        // Numbers, dates, `.inf` and `.nan` start with a digit, a sign or a dot.
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => {
            is_yaml11_int(s) || is_yaml11_float(s) || is_yaml11_timestamp(s)
        }
        Some(first) if b"yYnNtTfFoO~<=".contains(&first) => WORDS.contains(&s),
        _ => false,
    }
}

fn strip_sign(s: &str) -> &str {
    s.strip_prefix(['+', '-']).unwrap_or(s)
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(f)
}

fn is_digit_or_underscore(b: u8) -> bool {
    b.is_ascii_digit() || b == b'_'
}

/// `0b…`, octal `0…`, decimal, `0x…`, and sexagesimal `1:20`.
fn is_yaml11_int(s: &str) -> bool {
    let u = strip_sign(s);
    if let Some(bin) = u.strip_prefix("0b") {
        return all(bin, |b| b == b'0' || b == b'1' || b == b'_');
    }
    if let Some(hex) = u.strip_prefix("0x") {
        return all(hex, |b| b.is_ascii_hexdigit() || b == b'_');
    }
    if u.contains(':') {
        return is_sexagesimal(u, false);
    }
    u.bytes().next().is_some_and(|b| b.is_ascii_digit()) && all(u, is_digit_or_underscore)
}

/// `[1-9][0-9_]*(:[0-5]?[0-9])+`, optionally followed by `.fraction` for floats.
fn is_sexagesimal(u: &str, fraction: bool) -> bool {
    let (whole, frac) = match (fraction, u.split_once('.')) {
        (true, Some((w, f))) => (w, Some(f)),
        (true, None) => return false,
        (false, _) => (u, None),
    };
    if let Some(f) = frac {
        if !f.bytes().all(is_digit_or_underscore) {
            return false;
        }
    }
    let mut parts = whole.split(':');
    let head = parts.next().unwrap_or("");
    let head_ok = head.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && all(head, is_digit_or_underscore);
    let mut count = 0;
    for part in parts {
        count += 1;
        let ok = (1..=2).contains(&part.len())
            && all(part, |b| b.is_ascii_digit())
            && (part.len() == 1 || part.as_bytes()[0] <= b'5');
        if !ok {
            return false;
        }
    }
    head_ok && count > 0
}

/// `1.5`, `1.`, `.5`, `1e+3` forms with a dot, sexagesimal floats, `.inf`, `.nan`.
fn is_yaml11_float(s: &str) -> bool {
    let u = strip_sign(s);
    if matches!(u, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    if u.contains(':') {
        return is_sexagesimal(u, true);
    }
    let (mantissa, exponent) = match u.find(['e', 'E']) {
        Some(at) => (&u[..at], Some(&u[at + 1..])),
        None => (u, None),
    };
    if let Some(exp) = exponent {
        let digits = match exp.strip_prefix(['+', '-']) {
            Some(d) => d,
            None => return false,
        };
        if !all(digits, |b| b.is_ascii_digit()) {
            return false;
        }
    }
    let Some((whole, frac)) = mantissa.split_once('.') else {
        return false;
    };
    if whole.is_empty() {
        // `.5` form: a digit must follow the dot, and no sign was allowed before it.
        return s == u
            && frac.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && all(frac, is_digit_or_underscore);
    }
    whole.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && all(whole, is_digit_or_underscore)
        && frac.bytes().all(is_digit_or_underscore)
}

/// `2001-12-14` and the date-time forms PyYAML resolves as timestamps.
fn is_yaml11_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|r| r.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4) && b.get(4) == Some(&b'-')) {
        return false;
    }
    let rest = &s[5..];
    let mut fields = rest.splitn(2, '-');
    let month = fields.next().unwrap_or("");
    let day_and_time = fields.next().unwrap_or("");
    if !((1..=2).contains(&month.len()) && all(month, |c| c.is_ascii_digit())) {
        return false;
    }
    let day_len = day_and_time.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&day_len) {
        return false;
    }
    let after_day = &day_and_time[day_len..];
    if after_day.is_empty() {
        return month.len() == 2 && day_len == 2;
    }
    // Any time part (`T12:00:00…`) makes it a timestamp candidate; quote it to be safe.
    after_day.starts_with(['T', 't'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaml_serde::Value;

    fn through_serde(value: Value) -> String {
        quote_yaml11_ambiguous(
            &yaml_serde::to_string(&yaml_serde::Mapping::from_iter([(
                Value::String("Default".into()),
                value,
            )]))
            .unwrap(),
        )
    }

    #[test]
    fn quotes_strings_yaml11_reads_as_booleans_numbers_and_dates() {
        for word in [
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "n",
            "1:20",
            "2001-01-01",
            "1_000",
            "<<",
            "=",
            "190:20:30.15",
            "2001-12-14t21:59:43.10-05:00",
            "0b101",
            "0x1F",
            "true",
            "null",
            "1.5",
            "3000",
            "-7",
        ] {
            assert!(yaml11_non_string(word), "{word}");
            let yaml = through_serde(Value::String(word.into()));
            assert!(
                yaml == format!("Default: '{word}'\n") || yaml == format!("Default: \"{word}\"\n"),
                "{word}: {yaml}"
            );
        }
    }

    #[test]
    fn leaves_other_strings_and_typed_values_alone() {
        for word in [
            "ecs-express-vpc",
            "yesterday",
            "on-call",
            "a1:20",
            "2001-01",
            "/api/health/",
        ] {
            assert_eq!(
                through_serde(Value::String(word.into())),
                format!("Default: {word}\n")
            );
        }
        assert_eq!(through_serde(Value::Number(3000.into())), "Default: 3000\n");
        assert_eq!(through_serde(Value::Number((-7).into())), "Default: -7\n");
        assert_eq!(through_serde(Value::Bool(true)), "Default: true\n");
    }

    #[test]
    fn finds_the_value_after_entry_markers_and_a_key() {
        let doc = "- - n\nKey:: yes\n: yes\na b: yes\nKey:\n  - on\nlast: off";
        assert_eq!(
            quote_yaml11_ambiguous(doc),
            "- - 'n'\nKey:: 'yes'\n: yes\na b: yes\nKey:\n  - 'on'\nlast: 'off'"
        );
    }

    #[test]
    fn leaves_quoted_tagged_and_block_scalars_alone() {
        let doc = "A: 'yes'\nB: !Ref yes\nC: |-\n  yes\n  - on\nD: off\n- n\n";
        assert_eq!(
            quote_yaml11_ambiguous(doc),
            "A: 'yes'\nB: !Ref yes\nC: |-\n  yes\n  - on\nD: 'off'\n- 'n'\n"
        );
    }
}
