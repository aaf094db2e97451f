//! The rules that read what a relationship delivered in its latest evidence record
//! (SPEC §10.5), end to end: each fires at the achieved value or the perception entry in
//! the record, names the relationship, and its near miss does not fire it.
//!
//! Fixtures live in `tests/fixtures/rules/`: `svsNNN.yaml` where the rule must fire and
//! `svsNNN-near-miss.yaml` where it must not. Other rules may fire in a fixture too, so
//! every assertion looks only at the code under test.

use crate::common;

use common::{at, check_rule, nth};

#[test]
fn svs317_warranty_breached() {
    let document = check_rule(
        "SVS317",
        &[
            at("SVS317", 45, 21, Some("meridian-paperless")), // availability
            at("SVS317", 46, 35, Some("meridian-paperless")), // a `max` service level
            at("SVS317", 47, 32, Some("meridian-paperless")), // rto_hours
            at("SVS317", 48, 28, Some("meridian-paperless")), // a failed control
            at("SVS317", 52, 29, Some("calder-paperless")),   // capacity, latest of two
            at("SVS317", 53, 35, Some("calder-paperless")),   // a `min` service level
        ],
    );
    let finding = nth(&document, "SVS317", 0);
    assert_eq!(finding["rule"], "warranty-breached");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `meridian-paperless`: its latest evidence record (2026-Q2) breaches the \
         required warranty check `availability`: achieved 99.1, required at least 99.5"
    );
    assert_eq!(finding["related"][0]["message"], "the requirement");
    assert_eq!(finding["related"][0]["line"], 28);
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`credits`")),
        "{finding:#}"
    );
    assert_eq!(
        nth(&document, "SVS317", 1)["message"],
        "relationship `meridian-paperless`: its latest evidence record (2026-Q2) breaches the \
         required warranty check `service_level:incident-response-hours`: achieved 11, \
         required at most 8"
    );
    assert_eq!(
        nth(&document, "SVS317", 3)["message"],
        "relationship `meridian-paperless`: its latest evidence record (2026-Q2) breaches the \
         required warranty check `security:backups-encrypted`: the control failed, and it is \
         required to hold"
    );
    // The records are listed out of order; the latest, 2026-Q3, is the one judged.
    assert_eq!(
        nth(&document, "SVS317", 5)["message"],
        "relationship `calder-paperless`: its latest evidence record (2026-Q3) breaches the \
         required warranty check `service_level:first-contact-resolution-pct`: achieved 64, \
         required at least 70"
    );
}

#[test]
fn svs318_value_not_perceived() {
    let document = check_rule(
        "SVS318",
        &[
            at("SVS318", 31, 9, Some("meridian-paperless")), // users, 30 of 100
            at("SVS318", 32, 9, Some("meridian-paperless")), // the sponsor, 50 of 100
        ],
    );
    let finding = nth(&document, "SVS318", 0);
    assert_eq!(finding["rule"], "value-not-perceived");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `meridian-paperless`: the consumer's verdict is value, but in its latest \
         evidence record (2026-Q2) its users perceive it at 30.00 out of 100 (120 responses), \
         below the threshold of 60"
    );
    assert_eq!(
        nth(&document, "SVS318", 1)["message"],
        "relationship `meridian-paperless`: the consumer's verdict is value, but in its latest \
         evidence record (2026-Q2) its sponsors perceive it at 50.00 out of 100 (1 response), \
         below the threshold of 60"
    );
}
