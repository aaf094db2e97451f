//! Exact amounts turned into text: rounding half away from zero to two decimals happens
//! here and only here (docs/format.md §5.6), for the renderers and for the few findings
//! and listings that quote an amount or a count.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to two decimals, keeping two decimal places.
pub fn round2(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    if rounded.is_zero() {
        // No "-0.00".
        rounded.set_sign_positive(true);
    }
    rounded
}

/// `1234567.891` → `1234567.89`.
pub fn plain(value: Decimal) -> String {
    round2(value).to_string()
}

/// `1234567.891` → `1,234,567.89`, for people.
pub fn grouped(value: Decimal) -> String {
    let text = plain(value);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    format!("{sign}{}.{fraction}", group_digits(whole))
}

/// `1234567` → `1,234,567`.
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount with its currency, for people: `31,026.67 GBP`.
pub fn money(value: Decimal, currency: Option<&str>) -> String {
    match currency {
        Some(code) => format!("{} {code}", grouped(value)),
        None => grouped(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_is_half_away_from_zero_at_the_cent() {
        assert_eq!(plain(dec!(507.125)), "507.13");
        assert_eq!(plain(dec!(507.115)), "507.12");
        assert_eq!(plain(dec!(-0.005)), "-0.01");
        assert_eq!(plain(dec!(0.004)), "0.00");
        assert_eq!(plain(dec!(-0.004)), "0.00");
        assert_eq!(plain(dec!(2.675)), "2.68"); // 2.67 in binary floating point
        assert_eq!(plain(dec!(75)), "75.00");
    }

    #[test]
    fn grouping_thousands() {
        assert_eq!(grouped(dec!(1234567.891)), "1,234,567.89");
        assert_eq!(grouped(dec!(-321666.666)), "-321,666.67");
        assert_eq!(grouped(dec!(999)), "999.00");
        assert_eq!(grouped(dec!(1000)), "1,000.00");
        assert_eq!(money(dec!(40000), Some("GBP")), "40,000.00 GBP");
    }
}
