//! The offering rules, SVS101–SVS110, end to end: each fires at the offending key or value
//! and names the offering, and its near miss does not fire it.
//!
//! Fixtures live in `tests/fixtures/rules/`: `svsNNN.yaml` where the rule must fire and
//! `svsNNN-near-miss.yaml` where it must not. Other rules may fire in a fixture too, so
//! every assertion looks only at the code under test.

use crate::common;

use common::{at, check_rule, nth};

#[test]
fn svs101_offering_without_target() {
    let document = check_rule(
        "SVS101",
        &[
            at("SVS101", 8, 9, Some("corporate-mobile")), // targets: []
            at("SVS101", 15, 9, Some("sim-only")),        // no `targets`
        ],
    );
    let finding = nth(&document, "SVS101", 0);
    assert_eq!(finding["rule"], "offering-without-target");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile` names no target consumer group"
    );
}

#[test]
fn svs102_offering_without_service() {
    let document = check_rule(
        "SVS102",
        &[
            at("SVS102", 8, 9, Some("corporate-mobile")), // no `services`
            at("SVS102", 14, 9, Some("sim-only")),        // services: []
        ],
    );
    let finding = nth(&document, "SVS102", 1);
    assert_eq!(finding["rule"], "offering-without-service");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "offering `sim-only` describes no service"
    );
}

#[test]
fn svs103_empty_offering() {
    let document = check_rule("SVS103", &[at("SVS103", 10, 9, Some("corporate-mobile"))]);
    let finding = nth(&document, "SVS103", 0);
    assert_eq!(finding["rule"], "empty-offering");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile` has no goods, access or actions"
    );
}

#[test]
fn svs104_goods_ownership_retained() {
    let document = check_rule(
        "SVS104",
        &[
            at("SVS104", 15, 20, Some("corporate-mobile")), // ownership: retained
            at("SVS104", 16, 45, Some("corporate-mobile")), // { ..., ownership: retained }
        ],
    );
    let finding = nth(&document, "SVS104", 0);
    assert_eq!(finding["rule"], "goods-ownership-retained");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile`: goods `leased laptop` keep their ownership with the provider"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`access`"))
    );
}

#[test]
fn svs105_access_ownership_transferred() {
    let document = check_rule(
        "SVS105",
        &[at("SVS105", 16, 20, Some("corporate-mobile"))], // ownership: transferred
    );
    let finding = nth(&document, "SVS105", 0);
    assert_eq!(finding["rule"], "access-ownership-transferred");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile`: access `smartphone` transfers its ownership to the consumer"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`goods`"))
    );
}

#[test]
fn svs106_access_without_period() {
    let document = check_rule(
        "SVS106",
        &[
            at("SVS106", 13, 9, Some("corporate-mobile")), // the item: no `period`
            at("SVS106", 16, 17, Some("corporate-mobile")), // period: " "
        ],
    );
    let finding = nth(&document, "SVS106", 0);
    assert_eq!(finding["rule"], "access-without-period");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile`: access `4G network` has no agreed consumption period"
    );
}

#[test]
fn svs107_action_without_agreement() {
    let document = check_rule(
        "SVS107",
        &[
            at("SVS107", 14, 9, Some("itil-course")), // the item: no `agreement`
            at("SVS107", 16, 20, Some("itil-course")), // agreement: ""
        ],
    );
    let finding = nth(&document, "SVS107", 0);
    assert_eq!(finding["rule"], "action-without-agreement");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "offering `itil-course`: action `exam booking` is performed under no agreement"
    );
}

#[test]
fn svs108_offering_without_warranty() {
    let document = check_rule(
        "SVS108",
        &[
            at("SVS108", 12, 9, Some("office-broadband")), // no block anywhere
            at("SVS108", 16, 9, Some("office-broadband-plus")), // only empty blocks
        ],
    );
    let finding = nth(&document, "SVS108", 1);
    assert_eq!(finding["rule"], "offering-without-warranty");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "offering `office-broadband-plus`: neither it nor any of its services declares a warranty"
    );
}

#[test]
fn svs109_offering_without_price() {
    let document = check_rule(
        "SVS109",
        &[
            at("SVS109", 9, 9, Some("corporate-mobile")), // no `price`
            at("SVS109", 13, 9, Some("sim-only")),        // price: []
        ],
    );
    let finding = nth(&document, "SVS109", 0);
    assert_eq!(finding["rule"], "offering-without-price");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "offering `corporate-mobile` has no price line"
    );
}

#[test]
fn svs110_offering_service_provider_mismatch() {
    let document = check_rule(
        "SVS110",
        &[
            // A fellow member of the alliance, in a block list.
            at("SVS110", 19, 9, Some("corporate-mobile")),
            // The division's parent, in a flow list.
            at("SVS110", 23, 29, Some("device-plan")),
        ],
    );
    let sibling = nth(&document, "SVS110", 0);
    assert_eq!(sibling["rule"], "offering-service-provider-mismatch");
    assert_eq!(sibling["severity"], "error");
    assert_eq!(
        sibling["message"],
        "offering `corporate-mobile`: service `handset-repair` is provided by `repairs`, \
         which is neither the offering's provider `telco` nor part of it"
    );
    let parent = nth(&document, "SVS110", 1);
    assert!(
        parent["help"]
            .as_str()
            .is_some_and(|h| h.contains("let `telco` provide the offering")),
        "{parent:#}"
    );
}
