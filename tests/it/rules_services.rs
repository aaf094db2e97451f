//! The service rules, SVS201–SVS207, and SVS401 end to end: each fires at the offending key
//! or value and names the enclosing entity, and its near miss does not fire it.
//!
//! Fixtures live in `tests/fixtures/rules/`: `svsNNN.yaml` where the rule must fire and
//! `svsNNN-near-miss.yaml` where it must not; `svs204-network/` is a catalogue of several
//! files. Other rules may fire in a fixture too, so every assertion looks only at the code
//! under test.

use crate::common;

use std::path::Path;

use common::{at, check_rule, lint_rule_path, nth, of_code};
use serde_json::Value;

/// Asserts a finding's rule name, severity, message and help.
fn says(finding: &Value, rule: &str, severity: &str, message: &str, help: &str) {
    assert_eq!(finding["rule"], rule, "{finding:#}");
    assert_eq!(finding["severity"], severity, "{finding:#}");
    assert_eq!(finding["message"], message, "{finding:#}");
    assert_eq!(finding["help"], help, "{finding:#}");
}

#[test]
fn svs201_service_without_outcome() {
    let document = check_rule(
        "SVS201",
        &[
            at("SVS201", 9, 9, Some("on-site-support")), // no `outputs`
            at("SVS201", 13, 9, Some("remote-support")), // outputs enable nothing
        ],
    );
    let finding = nth(&document, "SVS201", 1);
    assert_eq!(finding["rule"], "service-without-outcome");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "service `remote-support` has no output that enables an outcome"
    );
    assert_eq!(
        nth(&document, "SVS201", 0)["message"],
        "service `on-site-support` has no output"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`enables`"))
    );
}

#[test]
fn svs202_service_without_product() {
    let document = check_rule(
        "SVS202",
        &[
            at("SVS202", 8, 9, Some("remote-support")), // no `products`
            at("SVS202", 13, 9, Some("on-site-support")), // products: []
        ],
    );
    let finding = nth(&document, "SVS202", 0);
    assert_eq!(finding["rule"], "service-without-product");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "service `remote-support` is built on no product"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`products`"))
    );
}

#[test]
fn svs203_output_without_outcome() {
    let document = check_rule(
        "SVS203",
        &[
            at("SVS203", 17, 9, Some("remote-support")), // no `enables`
            at("SVS203", 18, 9, Some("remote-support")), // enables: []
        ],
    );
    says(
        nth(&document, "SVS203", 0),
        "output-without-outcome",
        "info",
        "service `remote-support`: output `ticket report` enables no outcome",
        "list under `enables` the outcomes this output facilitates",
    );
}

#[test]
fn svs204_warranty_exceeds_upstream_in_a_two_level_chain() {
    let document = check_rule(
        "SVS204",
        &[
            at("SVS204", 23, 21, Some("hosted-erp")), // availability: 99.95
            at("SVS204", 24, 32, Some("hosted-erp")), // rto_hours: 8
            at("SVS204", 24, 46, Some("hosted-erp")), // rpo_hours: 0.5
            at("SVS204", 30, 21, Some("depot-erp")),  // availability: 99.96
        ],
    );
    says(
        nth(&document, "SVS204", 0),
        "warranty-exceeds-upstream",
        "warning",
        "service `hosted-erp`: availability 99.95 is more than upstream offerings \
         `iaas-london` and `licence-service` assure together",
        "upstream offerings assure at most 99.940005 (99.99 × 99.95): promise no more",
    );
    says(
        nth(&document, "SVS204", 1),
        "warranty-exceeds-upstream",
        "warning",
        "service `hosted-erp`: rto_hours 8 is below the 12 that upstream offering \
         `licence-service` assures",
        "upstream offerings assure rto_hours of 12 at best (offering `licence-service`): \
         promise no less",
    );
    assert_eq!(
        nth(&document, "SVS204", 2)["message"],
        "service `hosted-erp`: rpo_hours 0.5 is below the 1 that upstream offering \
         `iaas-london` assures"
    );
    // The second level is compared with Ledgerline's offer only.
    assert_eq!(
        nth(&document, "SVS204", 3)["help"],
        "upstream offering `erp-cloud` assures at most 99.95: promise no more"
    );
}

#[test]
fn svs204_warranty_exceeds_upstream_across_files() {
    let document = lint_rule_path("svs204-network");
    assert_eq!(
        of_code(&document, "SVS204"),
        vec![
            at("SVS204", 9, 21, Some("archive")),  // availability: 99.985
            at("SVS204", 10, 32, Some("archive")), // rpo_hours: 4
        ],
        "{document:#}"
    );
    let finding = nth(&document, "SVS204", 0);
    let file = finding["file"].as_str().expect("file");
    assert_eq!(
        Path::new(file).file_name().and_then(|f| f.to_str()),
        Some("services.yaml")
    );
    // 99.984000649995 exactly; the message rounds it and says so.
    says(
        finding,
        "warranty-exceeds-upstream",
        "warning",
        "service `archive`: availability 99.985 is more than upstream offerings \
         `iaas-london`, `licence-service` and `storage-standard` assure together",
        "upstream offerings assure at most about 99.984001 (99.999 × 99.995 × 99.99): \
         promise no more",
    );
    assert_eq!(
        nth(&document, "SVS204", 1)["message"],
        "service `archive`: rpo_hours 4 is below the 24 that upstream offering \
         `storage-standard` assures"
    );
}

#[test]
fn svs205_dependency_not_consumed() {
    let document = check_rule(
        "SVS205",
        &[
            at("SVS205", 17, 9, Some("hosted-erp")), // fenwick-iaas
            at("SVS205", 18, 9, Some("hosted-erp")), // group-iaas: the parent consumes it
        ],
    );
    says(
        nth(&document, "SVS205", 0),
        "dependency-not-consumed",
        "error",
        "service `hosted-erp`: depends on relationship `fenwick-iaas`, whose consumer is \
         `fenwick`, not the service's provider `ledgerline`",
        "list under `depends_on` only relationships in which `ledgerline` is the consumer",
    );
}

#[test]
fn svs206_service_product_provider_mismatch() {
    let document = check_rule(
        "SVS206",
        &[
            at("SVS206", 16, 30, Some("hosted-erp")), // stratus-compute
            at("SVS206", 21, 9, Some("erp-backup")),  // group-datacentre: the parent's
        ],
    );
    says(
        nth(&document, "SVS206", 0),
        "service-product-provider-mismatch",
        "warning",
        "service `hosted-erp`: product `stratus-compute` is provided by `stratus`, which is \
         neither the service's provider `ledgerline` nor part of it",
        "consume `stratus`'s service through a relationship listed under `depends_on`, or \
         build on a product of `ledgerline`",
    );
}

#[test]
fn svs207_unrecovered_running_cost() {
    let document = check_rule(
        "SVS207",
        &[
            at("SVS207", 17, 9, Some("erp-archive")), // running costs only
            at("SVS207", 23, 9, Some("erp-backup")),  // a `depends_on` only
        ],
    );
    // 1,200 a year + 3,000 once over the default 36 months (1,000 a year).
    says(
        nth(&document, "SVS207", 0),
        "unrecovered-running-cost",
        "warning",
        "service `erp-archive`: its costs of 2,200.00 GBP a year are recovered from no \
         relationship: no relationship's offering includes the service",
        "include the service in an offering that a relationship consumes, or, if it is \
         retired, remove its `running_costs` and `depends_on`",
    );
    // What Ledgerline pays Stratus for the relationship the service depends on.
    assert_eq!(
        nth(&document, "SVS207", 1)["message"],
        "service `erp-backup`: its costs of 12,000.00 GBP a year are recovered from no \
         relationship: no relationship's offering includes the service"
    );
}

#[test]
fn svs401_unused_entity() {
    let document = check_rule(
        "SVS401",
        &[
            at("SVS401", 7, 11, Some("old-supplier")),
            at("SVS401", 12, 11, Some("acme-contractors")),
            at("SVS401", 15, 11, Some("fewer-desk-phones")),
            at("SVS401", 18, 11, Some("legacy-pbx")),
        ],
    );
    let finding = nth(&document, "SVS401", 3);
    assert_eq!(finding["rule"], "unused-entity");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "product `legacy-pbx`: nothing refers to it"
    );
    assert_eq!(
        nth(&document, "SVS401", 0)["message"],
        "organization `old-supplier`: nothing refers to it"
    );
}
