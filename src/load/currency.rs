//! ISO 4217 currency codes, for `catalogue.currency`.
//!
//! The list is the standard's active codes (including funds and precious metals) less
//! `XTS` (testing) and `XXX` (no currency). A short sorted table is all this needs. A
//! second table holds the names practitioners write for a currency instead of its code
//! (`RMB`, `euro`, `£`), so that a refused word can suggest the code it stands for.

const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Well-known names and signs written for a currency, in upper case, each with its
/// ISO 4217 code. Ambiguous ones (`$`, `¥`, `dollar`) are left out: they name several.
const NAMES: &[(&str, &str)] = &[
    ("CNH", "CNY"),
    ("EURO", "EUR"),
    ("EUROS", "EUR"),
    ("NT$", "TWD"),
    ("NTD", "TWD"),
    ("RMB", "CNY"),
    ("STG", "GBP"),
    ("UKP", "GBP"),
    ("US$", "USD"),
    ("YEN", "JPY"),
    ("£", "GBP"),
    ("€", "EUR"),
];

/// Whether `code` is an ISO 4217 currency code.
pub fn is_iso_4217(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// The ISO 4217 code a refused `currency` most likely means: the code itself written in
/// lower case (`gbp`), or the code of a well-known name for a currency (`RMB`, `Euro`).
pub fn suggest(written: &str) -> Option<&'static str> {
    let upper = written.trim().to_uppercase();
    if let Ok(i) = CODES.binary_search(&upper.as_str()) {
        return Some(CODES[i]);
    }
    NAMES
        .iter()
        .find(|(name, _)| *name == upper)
        .map(|(_, code)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(CODES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn real_codes_pass_and_others_do_not() {
        assert!(is_iso_4217("GBP") && is_iso_4217("EUR") && is_iso_4217("JPY"));
        assert!(!is_iso_4217("XYZ"));
        assert!(!is_iso_4217("gbp"));
        assert!(!is_iso_4217("GBPX"));
    }

    #[test]
    fn every_name_stands_for_a_real_code_and_is_not_one() {
        for (name, code) in NAMES {
            assert!(is_iso_4217(code), "{name} -> {code}");
            assert!(!is_iso_4217(name), "{name}");
            assert_eq!(*name, name.to_uppercase(), "{name}");
        }
    }

    #[test]
    fn a_lower_case_code_or_a_common_name_suggests_the_code() {
        assert_eq!(suggest("gbp"), Some("GBP"));
        assert_eq!(suggest("RMB"), Some("CNY"));
        assert_eq!(suggest("Euro"), Some("EUR"));
        assert_eq!(suggest("yen"), Some("JPY"));
        assert_eq!(suggest("£"), Some("GBP"));
        assert_eq!(suggest("XYZ"), None);
        assert_eq!(suggest("$"), None);
    }
}
