//! Money in yuan, as an exact decimal: never a float.

use std::fmt;

/// An amount of money in millionths of a yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i128);

const SCALE: u32 = 6;

impl Money {
    /// Parses `"39.90"`, `"39.9"`, `"1e2"`, `"-3"`; digits beyond the sixth
    /// decimal place are dropped. `None` for anything that is not a number.
    pub fn parse(s: &str) -> Option<Money> {
        let s = super::reader::trim(s);
        Money::parse_plain(s).or_else(|| Money::parse_general(s))
    }

    /// Any amount `parse` takes, trimmed.
    fn parse_general(s: &str) -> Option<Money> {
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i64>().ok()?),
            None => (s, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        // All digits as one integer, then shift the decimal point.
        // i64 arithmetic on bounded inputs cannot overflow; an absurd exponent is not an amount.
        if !(-64..=64).contains(&exp) || int.len() + frac.len() > 40 {
            return None;
        }
        let shift = SCALE as i64 + exp - frac.len() as i64;
        let mut value: i128 = 0;
        for d in int.bytes().chain(frac.bytes()) {
            value = value.checked_mul(10)?.checked_add((d - b'0') as i128)?;
        }
        if shift >= 0 {
            value = value.checked_mul(10i128.checked_pow(shift as u32)?)?;
        } else {
            value /= 10i128.checked_pow((-shift) as u32).unwrap_or(i128::MAX);
        }
        Some(Money(if neg { -value } else { value }))
    }

    /// The usual amount, `"39.90"`: digits with at most one point, no sign
    /// or exponent, at most 18 digits, parsed in one pass without `i128`
    /// arithmetic per digit. `None` for anything else, which `parse` reads
    /// the general way (to the same value).
    fn parse_plain(s: &str) -> Option<Money> {
        let (mut value, mut digits, mut frac) = (0u64, 0usize, None::<usize>);
        for b in s.bytes() {
            match b {
                b'0'..=b'9' => {
                    value = value * 10 + u64::from(b - b'0');
                    digits += 1;
                    if digits > 18 {
                        return None;
                    }
                    if let Some(f) = &mut frac {
                        *f += 1;
                    }
                }
                b'.' if frac.is_none() => frac = Some(0),
                _ => return None,
            }
        }
        if digits == 0 {
            return None;
        }
        // At most 18 digits: `value` and every power of ten used fit in a
        // u64, so one widening multiply (or a u64 division) scales it.
        let frac = frac.unwrap_or(0) as u32;
        Some(Money(if frac <= SCALE {
            i128::from(value) * i128::from(10u64.pow(SCALE - frac))
        } else {
            i128::from(value / 10u64.pow(frac - SCALE))
        }))
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// `self` × `n`, for ratio checks without division.
    pub fn times(self, n: i128) -> Money {
        Money(self.0.saturating_mul(n))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = 10i128.pow(SCALE);
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.abs();
        write!(
            f,
            "{sign}{}.{:02}",
            abs / unit,
            (abs % unit) / 10i128.pow(SCALE - 2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Money;

    #[test]
    fn parses_decimal_strings_exactly() {
        assert_eq!(Money::parse("39.90"), Money::parse("39.9"));
        assert_eq!(
            Money::parse("0.1").unwrap().times(3),
            Money::parse("0.3").unwrap()
        );
        assert_eq!(Money::parse("1e2"), Money::parse("100"));
        assert_eq!(Money::parse("1.5E-1"), Money::parse(".15"));
        assert_eq!(Money::parse(" 89.00 ").unwrap().to_string(), "89.00");
    }

    #[test]
    fn the_plain_form_reads_as_the_general_one() {
        let mut plain = 0;
        for digits in [
            "",
            "0",
            "7",
            "39",
            "1234567",
            "999999999999999999",
            "1000000000000000000",
        ] {
            for point in 0..=digits.len() + 1 {
                for s in [
                    digits.to_string(),
                    format!(
                        "{}.{}",
                        &digits[..point.min(digits.len())],
                        &digits[point.min(digits.len())..]
                    ),
                    format!("{digits}.{}", "5".repeat(point)),
                    format!("{digits}..5"),
                ] {
                    let fast = Money::parse_plain(&s);
                    if fast.is_some() {
                        plain += 1;
                        assert_eq!(fast, Money::parse_general(&s), "{s:?}");
                    } else {
                        assert_eq!(Money::parse(&s), Money::parse_general(&s), "{s:?}");
                    }
                }
            }
        }
        assert!(plain > 50, "{plain} plain forms");
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "",
            "面议",
            "1.2.3",
            "abc",
            "-",
            ".",
            "1e",
            "¥10",
            "1e2147483647",
            "1.0e-2147483648",
            "1e38",
        ] {
            assert_eq!(Money::parse(s), None, "{s}");
        }
        assert!(!Money::parse("0").unwrap().is_positive());
        assert!(!Money::parse("-1").unwrap().is_positive());
    }
}
