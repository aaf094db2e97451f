//! The decoder's own helpers: exact decimals from their text, and the form of ids.

use super::*;

#[test]
fn decimals_are_read_exactly_from_their_text() {
    assert_eq!(
        parse_decimal("0.30000000000000004").unwrap().to_string(),
        "0.30000000000000004"
    );
    assert!(parse_decimal("1_000").is_err());
    assert_eq!(parse_decimal("0x1F").unwrap(), Decimal::from(31));
    assert_eq!(parse_decimal("0o17").unwrap(), Decimal::from(15));
    assert_eq!(parse_decimal("2.5e3").unwrap(), Decimal::from(2500));
    assert_eq!(parse_decimal("+7").unwrap(), Decimal::from(7));
}

#[test]
fn numbers_that_do_not_fit_are_refused() {
    assert!(parse_decimal("1e400").unwrap_err().contains("does not fit"));
    assert!(parse_decimal(".nan").unwrap_err().contains("not a finite"));
    assert!(parse_decimal("-.inf").unwrap_err().contains("not a finite"));
    assert!(parse_decimal("123456789012345678901234567890123").is_err());
}

#[test]
fn ids_follow_the_pattern() {
    assert!(is_valid_id("acme-mobile"));
    assert!(is_valid_id("9.a_b-c"));
    assert!(!is_valid_id("Acme"));
    assert!(!is_valid_id("-acme"));
    assert!(!is_valid_id(""));
    assert!(!is_valid_id(&"a".repeat(64)));
    assert!(is_valid_id(&"a".repeat(63)));
}
