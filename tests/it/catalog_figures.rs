//! Every figure of `svs assess catalog/ --format json` on the example
//! catalogue, relationship by relationship: the consumer's side (utility, warranty,
//! costs, risks, verdict), the provider's side (revenue, cost of provision, margin,
//! provider verdict), co-creation, the other stakeholders, and the provider portfolio.
//!
//! Each expected value is derived by hand, in a comment, from the YAML under `catalog/`
//! (docs/worked-examples.md works the same figures in prose). The whole tree is one
//! catalogue: `catalog/catalogue.yaml` sets currency GBP, `horizon_months` 36 and
//! `thresholds.utility` 50, so every story annualises `year` × 1, `quarter` × 4,
//! `month` × 12 and `once` × 12 / 36.
//!
//! Money and scores are JSON numbers rounded half away from zero and printed with two
//! decimals; `serde_json` is built with `arbitrary_precision`, so a number keeps its text
//! and is compared here as that exact text (`"327.17"`, `"100.00"`).

use std::path::Path;
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The parsed output of `svs assess <CARGO_MANIFEST_DIR>/catalog --format json`, run once
/// for every test of this file.
fn report() -> &'static Value {
    static REPORT: OnceLock<Value> = OnceLock::new();
    REPORT.get_or_init(|| {
        let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let output = Command::cargo_bin("svs")
            .expect("the svs binary is built")
            .env_remove("NO_COLOR")
            .arg("assess")
            .arg(&catalog)
            .args(["--format", "json"])
            .output()
            .expect("svs runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "svs assess exits 0; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is JSON ({e}); stdout: {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    })
}

/// The report's relationship with this `id`.
fn relationship(id: &str) -> &'static Value {
    report()["relationships"]
        .as_array()
        .expect("`relationships` is an array")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("relationship `{id}` is in the report"))
}

/// Asserts that `value` is a JSON number printed exactly as `expected`.
fn assert_number(value: &Value, expected: &str, what: &str) {
    assert!(value.is_number(), "{what} is a number, got {value}");
    assert_eq!(value.to_string(), expected, "{what}");
}

/// Asserts that `value` is a JSON whole number equal to `expected`.
fn assert_count(value: &Value, expected: u64, what: &str) {
    assert_eq!(value.as_u64(), Some(expected), "{what}, got {value}");
}

/// Asserts that `value` is a JSON array of exactly these strings, in this order.
fn assert_strings(value: &Value, expected: &[&str], what: &str) {
    let actual: Vec<&str> = value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is an array, got {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{what} holds strings, got {v}"))
        })
        .collect();
    assert_eq!(actual, expected, "{what}");
}

/// Asserts that `value` is a JSON string equal to `expected`.
fn assert_text(value: &Value, expected: &str, what: &str) {
    assert_eq!(value.as_str(), Some(expected), "{what}, got {value}");
}

/// `utility` of a relationship.
struct Utility<'a> {
    score: &'a str,
    fit_for_purpose: bool,
    facilitated: &'a [&'a str],
    missing: &'a [&'a str],
}

/// One item of `warranty.unmet`.
struct Unmet<'a> {
    check: &'a str,
    required: &'a str,
    offered: Option<&'a str>,
}

/// `warranty` of a relationship.
struct Warranty<'a> {
    score: &'a str,
    fit_for_use: bool,
    checks: u64,
    met: u64,
    unmet: &'a [Unmet<'a>],
}

/// `costs` or `risks` of a relationship: removed, imposed and net, as printed.
struct Balance<'a> {
    removed: &'a str,
    imposed: &'a str,
    net: &'a str,
}

/// Everything the JSON report says about one relationship.
struct Expected<'a> {
    id: &'a str,
    provider: &'a str,
    consumer: &'a str,
    offering: &'a str,
    utility: Utility<'a>,
    warranty: Warranty<'a>,
    costs: Balance<'a>,
    risks: Balance<'a>,
    net_value: &'a str,
    verdict: &'a str,
    reasons: &'a [&'a str],
}

/// Asserts every figure of the relationship `expected.id` in the report.
fn assert_relationship(expected: &Expected) {
    let id = expected.id;
    let r = relationship(id);
    assert_text(&r["provider"], expected.provider, &format!("{id}.provider"));
    assert_text(&r["consumer"], expected.consumer, &format!("{id}.consumer"));
    assert_text(&r["offering"], expected.offering, &format!("{id}.offering"));

    let utility = &r["utility"];
    assert_number(
        &utility["score"],
        expected.utility.score,
        &format!("{id}.utility.score"),
    );
    assert_eq!(
        utility["fit_for_purpose"].as_bool(),
        Some(expected.utility.fit_for_purpose),
        "{id}.utility.fit_for_purpose"
    );
    assert_strings(
        &utility["facilitated"],
        expected.utility.facilitated,
        &format!("{id}.utility.facilitated"),
    );
    assert_strings(
        &utility["missing"],
        expected.utility.missing,
        &format!("{id}.utility.missing"),
    );

    let warranty = &r["warranty"];
    assert_number(
        &warranty["score"],
        expected.warranty.score,
        &format!("{id}.warranty.score"),
    );
    assert_eq!(
        warranty["fit_for_use"].as_bool(),
        Some(expected.warranty.fit_for_use),
        "{id}.warranty.fit_for_use"
    );
    assert_count(
        &warranty["checks"],
        expected.warranty.checks,
        &format!("{id}.warranty.checks"),
    );
    assert_count(
        &warranty["met"],
        expected.warranty.met,
        &format!("{id}.warranty.met"),
    );
    let unmet = warranty["unmet"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}.warranty.unmet is an array"));
    assert_eq!(
        unmet.len(),
        expected.warranty.unmet.len(),
        "{id}.warranty.unmet: {unmet:?}"
    );
    for (i, (actual, want)) in unmet.iter().zip(expected.warranty.unmet).enumerate() {
        let what = format!("{id}.warranty.unmet[{i}]");
        assert_text(&actual["check"], want.check, &format!("{what}.check"));
        assert_text(
            &actual["required"],
            want.required,
            &format!("{what}.required"),
        );
        match want.offered {
            Some(offered) => assert_text(&actual["offered"], offered, &format!("{what}.offered")),
            None => assert!(
                actual["offered"].is_null(),
                "{what}.offered is null, got {}",
                actual["offered"]
            ),
        }
    }

    for (key, balance) in [("costs", &expected.costs), ("risks", &expected.risks)] {
        let actual = &r[key];
        assert_number(
            &actual["removed"],
            balance.removed,
            &format!("{id}.{key}.removed"),
        );
        assert_number(
            &actual["imposed"],
            balance.imposed,
            &format!("{id}.{key}.imposed"),
        );
        assert_number(&actual["net"], balance.net, &format!("{id}.{key}.net"));
    }

    assert_number(
        &r["net_value"],
        expected.net_value,
        &format!("{id}.net_value"),
    );
    assert_text(&r["verdict"], expected.verdict, &format!("{id}.verdict"));
    assert_strings(&r["reasons"], expected.reasons, &format!("{id}.reasons"));
}

/// What a relationship means for one of its other stakeholders (`stakeholders[]`).
struct Stakeholder<'a> {
    party: &'a str,
    role: &'a str,
    gains: &'a str,
    losses: &'a str,
    net: &'a str,
    unpriced: &'a [&'a str],
}

/// The provider's side of a relationship (`provider_side`), its `co_creation` and its
/// `stakeholders`, as printed.
struct Provision<'a> {
    id: &'a str,
    revenue: &'a str,
    direct: &'a str,
    shared: &'a str,
    total: &'a str,
    risks: &'a str,
    benefits: &'a str,
    margin: &'a str,
    /// `None` when the JSON says `null` (no revenue).
    margin_pct: Option<&'a str>,
    target_margin: &'a str,
    verdict: &'a str,
    reasons: &'a [&'a str],
    co_creation: &'a str,
    stakeholders: &'a [Stakeholder<'a>],
}

/// Asserts the provider's side, the co-creation verdict and every stakeholder's figures
/// of the relationship `expected.id`.
fn assert_provision(expected: &Provision) {
    let id = expected.id;
    let r = relationship(id);
    let side = &r["provider_side"];
    let what = |key: &str| format!("{id}.provider_side.{key}");
    assert_number(&side["revenue"], expected.revenue, &what("revenue"));
    let cost = &side["cost_of_provision"];
    assert_number(
        &cost["direct"],
        expected.direct,
        &what("cost_of_provision.direct"),
    );
    assert_number(
        &cost["shared"],
        expected.shared,
        &what("cost_of_provision.shared"),
    );
    assert_number(
        &cost["total"],
        expected.total,
        &what("cost_of_provision.total"),
    );
    assert_number(&side["risks"], expected.risks, &what("risks"));
    assert_number(&side["benefits"], expected.benefits, &what("benefits"));
    assert_number(&side["margin"], expected.margin, &what("margin"));
    match expected.margin_pct {
        Some(pct) => assert_number(&side["margin_pct"], pct, &what("margin_pct")),
        None => assert!(
            side["margin_pct"].is_null(),
            "{} is null, got {}",
            what("margin_pct"),
            side["margin_pct"]
        ),
    }
    assert_number(
        &side["target_margin"],
        expected.target_margin,
        &what("target_margin"),
    );
    assert_text(&side["verdict"], expected.verdict, &what("verdict"));
    assert_strings(&side["reasons"], expected.reasons, &what("reasons"));
    assert_text(
        &r["co_creation"],
        expected.co_creation,
        &format!("{id}.co_creation"),
    );

    let stakeholders = r["stakeholders"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}.stakeholders is an array"));
    assert_eq!(
        stakeholders.len(),
        expected.stakeholders.len(),
        "{id}.stakeholders: {stakeholders:?}"
    );
    for (i, (actual, want)) in stakeholders.iter().zip(expected.stakeholders).enumerate() {
        let what = format!("{id}.stakeholders[{i}]");
        assert_text(&actual["party"], want.party, &format!("{what}.party"));
        assert_text(&actual["role"], want.role, &format!("{what}.role"));
        assert_number(&actual["gains"], want.gains, &format!("{what}.gains"));
        assert_number(&actual["losses"], want.losses, &format!("{what}.losses"));
        assert_number(&actual["net"], want.net, &format!("{what}.net"));
        assert_strings(
            &actual["unpriced"],
            want.unpriced,
            &format!("{what}.unpriced"),
        );
    }
}

/// A stakeholder with no effects: zeros and no unpriced effect.
const fn unaffected<'a>(party: &'a str, role: &'a str) -> Stakeholder<'a> {
    Stakeholder {
        party,
        role,
        gains: "0.00",
        losses: "0.00",
        net: "0.00",
        unpriced: &[],
    }
}

#[test]
fn catalogue_metadata_order_and_summary() {
    let report = report();
    // catalog/catalogue.yaml, the only `catalogue:` block: name itil4-teaching-cases,
    // currency GBP, horizon_months 36.
    assert_text(&report["catalogue"], "itil4-teaching-cases", "catalogue");
    assert_text(&report["currency"], "GBP", "currency");
    assert_count(&report["horizon_months"], 36, "horizon_months");

    // Files are read in byte order of their paths ("car-rental" < "catalogue" because
    // 'r' < 't'; catalogue.yaml holds no relationship; in office-automation/ and
    // value-network/ only relationships.yaml holds any), then by position in the file.
    let order: Vec<&str> = report["relationships"]
        .as_array()
        .expect("`relationships` is an array")
        .iter()
        .map(|r| r["id"].as_str().expect("every relationship has an id"))
        .collect();
    assert_eq!(
        order,
        [
            // broadband.yaml
            "okafor-home-broadband",
            "fairlie-moss-office-broadband",
            // car-rental.yaml
            "calder-business-account",
            "bell-holiday-rental",
            // mobile-phones.yaml
            "harbour-corporate-mobile",
            // office-automation/relationships.yaml
            "meridian-paperless-office",
            "meridian-onboarding",
            // software-development.yaml
            "humber-berth-booking",
            // training.yaml
            "orbis-itil4-foundation",
            // value-network/relationships.yaml
            "ledgerline-stratus-iaas",
            "ledgerline-keystone-licences",
            "fenwick-erp",
            "brindley-erp",
            "fenwick-group-it-support",
        ]
    );

    // 14 relationships; no-value: fairlie-moss-office-broadband (not fit for use) and
    // bell-holiday-rental (not fit for purpose, negative balance); the other 12 are
    // value; every relationship has outcome and warranty requirements, so none is
    // unassessed.
    let summary = &report["summary"];
    assert_count(&summary["relationships"], 14, "summary.relationships");
    assert_count(&summary["value"], 12, "summary.value");
    assert_count(&summary["no_value"], 2, "summary.no_value");
    assert_count(&summary["unassessed"], 0, "summary.unassessed");
    // net_value, summed unrounded over the 14 assessed relationships:
    //   whole: 16,505 + 19,800 + 16,430 + 43,500 + 9,000 + 15,660 + 12,300 + 3,700
    //     = 136,895;
    //   thirds: 31,026.666… + 69,213.333… + 18,033.333… + 1,599.831666… = 119,873.165;
    //   the rest: 327.165 − 308.79 = 18.375;
    //   total 136,895 + 119,873.165 + 18.375 = 256,786.54 exactly.
    assert_number(&summary["net_value"], "256786.54", "summary.net_value");

    // Co-creation (the consumer's verdict with the provider's): 12 mutual; one
    // provider-only, fairlie-moss-office-broadband (no value for the practice, a
    // sustainable margin for Kestrel); one unassessed, bell-holiday-rental (Swiftway
    // declares nothing on the provider's side of a leisure booking).
    let co_creation = &summary["co_creation"];
    assert_count(&co_creation["mutual"], 12, "summary.co_creation.mutual");
    assert_count(
        &co_creation["consumer_only"],
        0,
        "summary.co_creation.consumer_only",
    );
    assert_count(
        &co_creation["provider_only"],
        1,
        "summary.co_creation.provider_only",
    );
    assert_count(&co_creation["neither"], 0, "summary.co_creation.neither");
    // bell-holiday-rental: no value for the family, nothing declared by Swiftway.
    assert_count(
        &co_creation["not_mutual"],
        1,
        "summary.co_creation.not_mutual",
    );
    assert_count(
        &co_creation["unassessed"],
        0,
        "summary.co_creation.unassessed",
    );
}

#[test]
fn okafor_home_broadband_figures() {
    // catalog/broadband.yaml. Offering home-fibre-500 has no own warranty, so it offers
    // that of its only service, home-connectivity: capacity download-mbps 500,
    // upload-mbps 70; fault-fix-hours max 48; security router-firewall; no availability.
    // No `quantity`: 1.
    assert_relationship(&Expected {
        id: "okafor-home-broadband",
        provider: "kestrel",
        consumer: "okafor-household",
        offering: "home-fibre-500",
        utility: Utility {
            // household-online (must, 2) and video-calls (should, 1) are both enabled by
            // home-connectivity's outputs: 100 × 3 / 3 = 100; the must is facilitated.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["household-online", "video-calls"],
            missing: &[],
        },
        warranty: Warranty {
            // download-mbps 500 ≥ 300; fault-fix-hours max 48 ≤ 72; router-firewall offered.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: copper line 52/month × 12 = 624 + mobile top-ups 15/month × 12 = 180
            //   = 804
            removed: "804.00",
            // imposed: no own imposed cost; price lines, no unit:
            //   41.99/month × 12 = 503.88 + router delivery 6.99 once × 12 / 36 = 2.33
            //   = 506.21
            imposed: "506.21",
            // net: 804 − 506.21 = 297.79
            net: "297.79",
        },
        risks: Balance {
            // removed: line drops 0.3 × 200 = 60
            removed: "60.00",
            // imposed: router compromised 0.02 × 1,000 = 20 + router replaced out of
            //   warranty 0.125 × 85 = 10.625; total exactly 30.625. Rounding trap: half
            //   away from zero gives 30.63 (half to even, or a binary float, gives 30.62).
            imposed: "30.63",
            // net: 60 − 30.625 = 29.375 exactly, half away from zero → 29.38
            net: "29.38",
        },
        // net_value: 297.79 + 29.375 = 327.165 exactly. Rounding trap: half away from
        //   zero gives 327.17 (half to even would give 327.16). Summing the rounded parts
        //   (297.79 + 29.38 = 327.17) agrees only by chance: the value is unrounded.
        net_value: "327.17",
        // fit for purpose, fit for use and 327.165 ≥ 0.
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn fairlie_moss_office_broadband_figures() {
    // catalog/broadband.yaml. Same offering as Okafor (home-fibre-500, offered warranty
    // of home-connectivity), quantity 1.
    assert_relationship(&Expected {
        id: "fairlie-moss-office-broadband",
        provider: "kestrel",
        consumer: "fairlie-moss",
        offering: "home-fibre-500",
        utility: Utility {
            // files-sync-fast (must, 3) and video-calls (must, 2) are enabled by
            // home-connectivity; office-reachable-remotely (should, 1) only by
            // business-connectivity, which is not in home-fibre-500.
            // 100 × 5 / 6 = 83.333… → 83.33 ≥ 50, and both musts are facilitated.
            score: "83.33",
            fit_for_purpose: true,
            facilitated: &["files-sync-fast", "video-calls"],
            missing: &["office-reachable-remotely"],
        },
        warranty: Warranty {
            // availability 99.9: not offered → unmet;
            // download-mbps 500 ≥ 300 met; upload-mbps 70 ≥ 50 met;
            // static-ipv4-addresses 1: not offered → unmet;
            // fault-fix-hours max: offered 48 > required 8 → unmet;
            // router-firewall offered → met.
            // 6 checks, 3 met: 100 × 3 / 6 = 50.
            score: "50.00",
            fit_for_use: false,
            checks: 6,
            met: 3,
            unmet: &[
                Unmet {
                    check: "availability",
                    required: "99.9",
                    offered: None,
                },
                Unmet {
                    check: "capacity:static-ipv4-addresses",
                    required: "1",
                    offered: None,
                },
                Unmet {
                    check: "service_level:fault-fix-hours",
                    required: "8",
                    offered: Some("48"),
                },
            ],
        },
        costs: Balance {
            // removed: ADSL line 55/month × 12 = 660 + staff time 120/month × 12 = 1,440
            //   = 2,100
            removed: "2100.00",
            // imposed: IT contractor 250 once × 12 / 36 = 83.333… + price lines 506.21
            //   (as for Okafor) = 589.543… → 589.54
            imposed: "589.54",
            // net: 2,100 − 589.543… = 1,510.456… → 1,510.46
            net: "1510.46",
        },
        risks: Balance {
            // removed: late tender 0.2 × 5,000 = 1,000
            removed: "1000.00",
            // imposed: two-day outage 0.15 × 6,000 = 900 + router replaced 0.125 × 85
            //   = 10.625; total exactly 910.625. Rounding trap: half away from zero gives
            //   910.63 (half to even, or a binary float, gives 910.62).
            imposed: "910.63",
            // net: 1,000 − 910.625 = 89.375 exactly, half away from zero → 89.38
            net: "89.38",
        },
        // net_value: 1,510.456… + 89.375 = 1,599.831666… (4,799.495 / 3) → 1,599.83
        net_value: "1599.83",
        // Fit for purpose and a positive balance, but not fit for use.
        verdict: "no-value",
        reasons: &["not-fit-for-use"],
    });
}

#[test]
fn calder_business_account_figures() {
    // catalog/car-rental.yaml. Offering business-account (vehicle-rental and
    // delivery-collection) has its own warranty block, which replaces the services':
    // vehicles-guaranteed-per-day 6; replacement-vehicle-hours max 4;
    // breakdown-response-minutes max 60. No `quantity`: 1.
    assert_relationship(&Expected {
        id: "calder-business-account",
        provider: "swiftway",
        consumer: "calder",
        offering: "business-account",
        utility: Utility {
            // staff-reach-sites (must, 3) and no-pool-fleet (must, 2) by vehicle-rental;
            // no-trip-to-branch (should, 1) by delivery-collection: 100 × 6 / 6 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["staff-reach-sites", "no-pool-fleet", "no-trip-to-branch"],
            missing: &[],
        },
        warranty: Warranty {
            // vehicles-guaranteed-per-day 6 ≥ 4; replacement-vehicle-hours max 4 ≤ 4
            // (equal); breakdown-response-minutes max 60 ≤ 90.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: pool car lease 1,260/month × 12 = 15,120 + insurance 5,400/year
            //   + fleet administration 9,600/year + mileage claims 1,100/month × 12
            //   = 13,200; total 43,320
            removed: "43320.00",
            // imposed: fuel 480/month × 12 = 5,760 + booking tool 1,200 once × 12 / 36
            //   = 400; price lines, no unit: 1,840/month × 12 = 22,080 + account fee
            //   600/year; total 28,840
            imposed: "28840.00",
            // net: 43,320 − 28,840 = 14,480
            net: "14480.00",
        },
        risks: Balance {
            // removed: pool car breakdown 0.3 × 4,000 = 1,200 + accident in own car
            //   0.02 × 60,000 = 1,200; total 2,400
            removed: "2400.00",
            // imposed: disputed damage charges 0.25 × 1,500 = 375
            imposed: "375.00",
            // net: 2,400 − 375 = 2,025
            net: "2025.00",
        },
        // net_value: 14,480 + 2,025 = 16,505
        net_value: "16505.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn bell_holiday_rental_figures() {
    // catalog/car-rental.yaml. Offering leisure-rental has only vehicle-rental and no
    // own warranty: offered seats 7; vehicle-ready-minutes max 20;
    // breakdown-response-minutes max 90. Quantity 3 (rental weeks over the horizon).
    assert_relationship(&Expected {
        id: "bell-holiday-rental",
        provider: "swiftway",
        consumer: "bell-household",
        offering: "leisure-rental",
        utility: Utility {
            // family-holiday-mobility (must, 3) by vehicle-rental; one-way-trip (must, 2)
            // only by delivery-collection, not in leisure-rental. 100 × 3 / 5 = 60 ≥ 50,
            // but a must is missing: not fit for purpose.
            score: "60.00",
            fit_for_purpose: false,
            facilitated: &["family-holiday-mobility"],
            missing: &["one-way-trip"],
        },
        warranty: Warranty {
            // seats 7 ≥ 7 (equal); vehicle-ready-minutes max 20 ≤ 30.
            score: "100.00",
            fit_for_use: true,
            checks: 2,
            met: 2,
            unmet: &[],
        },
        costs: Balance {
            // removed: rail tickets 412.60/year
            removed: "412.60",
            // imposed: fuel 162.40/year + excess cover (category price, outside the price
            //   list) 94.99/year = 257.39; price lines, both `unit: week`, × quantity 3:
            //   weekly rental 329 × 3 × 12 / 36 = 329 + airport fee 45 × 3 × 12 / 36 = 45;
            //   total 257.39 + 374 = 631.39
            imposed: "631.39",
            // net: 412.60 − 631.39 = −218.79
            net: "-218.79",
        },
        risks: Balance {
            // removed: missed connection 0.1 × 300 = 30
            removed: "30.00",
            // imposed: uncovered damage 0.1 × 1,200 = 120
            imposed: "120.00",
            // net: 30 − 120 = −90
            net: "-90.00",
        },
        // net_value: −218.79 − 90 = −308.79
        net_value: "-308.79",
        // Not fit for purpose (a must missing) and a negative balance; fit for use.
        verdict: "no-value",
        reasons: &["not-fit-for-purpose", "negative-balance"],
    });
}

#[test]
fn harbour_corporate_mobile_figures() {
    // catalog/mobile-phones.yaml. Offering corporate-mobile (mobile-comms and
    // handset-support) has its own warranty block, which replaces the services':
    // availability 99.9; data-gb-per-user-month 20; first-response-hours max 4;
    // handset-replacement-days max 1; first-contact-resolution-pct min 70; rto 4, rpo 24;
    // security encryption-in-transit, sim-pin-enforced, lost-device-barring.
    // Quantity 1,200 (users).
    assert_relationship(&Expected {
        id: "harbour-corporate-mobile",
        provider: "northwave",
        consumer: "harbour",
        offering: "corporate-mobile",
        utility: Utility {
            // staff-reachable (must, 3), email-on-the-go (must, 2), no-pbx-to-run
            // (should, 2) and predictable-telecom-spend (should, weight defaults to 1) are
            // enabled by mobile-comms; lost-handset-wiped (could, 1) only by
            // device-management, in the mdm-add-on offering.
            // 100 × 8 / 9 = 88.888… → 88.89 ≥ 50, both musts facilitated.
            score: "88.89",
            fit_for_purpose: true,
            facilitated: &[
                "staff-reachable",
                "email-on-the-go",
                "no-pbx-to-run",
                "predictable-telecom-spend",
            ],
            missing: &["lost-handset-wiped"],
        },
        warranty: Warranty {
            // availability 99.9 ≥ 99.5; data-gb-per-user-month 20 ≥ 10;
            // first-response-hours max 4 ≤ 8; handset-replacement-days max 1 ≤ 2;
            // first-contact-resolution-pct min 70 ≥ 60; encryption-in-transit offered.
            score: "100.00",
            fit_for_use: true,
            checks: 6,
            met: 6,
            unmet: &[],
        },
        costs: Balance {
            // removed: PBX maintenance 38,000/year + ISDN30 4,200/month × 12 = 50,400
            //   + telecoms administrator 42,000/year + desk phones 3,000/quarter × 4
            //   = 12,000 + previous mobile contracts 12,180/month × 12 = 146,160;
            //   total 288,560
            removed: "288560.00",
            // imposed: training 6,000 once × 12 / 36 = 2,000 + tender 9,000 once × 12 / 36
            //   = 3,000; price: plan 14/month × 1,200 users × 12 = 201,600 + handset
            //   144 once × 1,200 users × 12 / 36 = 57,600 + set-up 1,000 once × 12 / 36
            //   = 333.333…; total 264,533.333… → 264,533.33
            imposed: "264533.33",
            // net: 288,560 − 264,533.333… = 24,026.666… → 24,026.67
            net: "24026.67",
        },
        risks: Balance {
            // removed: PBX server failure 0.15 × 120,000 = 18,000
            removed: "18000.00",
            // imposed: data breach 0.02 × 400,000 = 8,000 + lock-in 0.1 × 30,000 = 3,000;
            //   total 11,000
            imposed: "11000.00",
            // net: 18,000 − 11,000 = 7,000
            net: "7000.00",
        },
        // net_value: 24,026.666… + 7,000 = 31,026.666… → 31,026.67
        net_value: "31026.67",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn meridian_paperless_office_figures() {
    // catalog/office-automation/. Offering paperless-office has no own warranty: the
    // offer is combined from document-management and workflow-automation (docs/format.md §5.1):
    // availability 100 × 0.999 × 0.996 = 99.5004 (the product); named-users min(250, 200) = 200 (storage-tb
    // only in one service: not offered); incident-response-hours max max(4, 8) = 8
    // (search-response-seconds: not offered); rto max(8, 8) = 8; rpo max(1, 4) = 4;
    // security in both: mfa, encryption-at-rest, iso27001. Quantity 180 (named users).
    assert_relationship(&Expected {
        id: "meridian-paperless-office",
        provider: "docuvia",
        consumer: "meridian",
        offering: "paperless-office",
        utility: Utility {
            // paperless-files (must, 3), remote-work (must, 2), gdpr-retention (must, 2)
            // by document-management; invoice-approval-fast (should, 1.5) and
            // no-paper-archive (should, 1) by workflow-automation; staff-confident
            // (could, 1) only by training, in the onboarding offering.
            // 100 × 9.5 / 10.5 = 90.476190… → 90.48 ≥ 50, all musts facilitated.
            score: "90.48",
            fit_for_purpose: true,
            facilitated: &[
                "paperless-files",
                "remote-work",
                "gdpr-retention",
                "invoice-approval-fast",
                "no-paper-archive",
            ],
            missing: &["staff-confident"],
        },
        warranty: Warranty {
            // availability 99.5004 ≥ 99.5; named-users 200 ≥ 180;
            // incident-response-hours max 8 ≤ 8 (equal); rto 8 ≤ 24; rpo 4 ≤ 4 (equal);
            // mfa and encryption-at-rest offered: 7 checks, all met.
            score: "100.00",
            fit_for_use: true,
            checks: 7,
            met: 7,
            unmet: &[],
        },
        costs: Balance {
            // removed: paper archive 1,450/month × 12 = 17,400 + file clerks 95,000/year
            //   + printing 1,100/month × 12 = 13,200 + courier 350/month × 12 = 4,200
            //   + file server 9,800/year; total 139,600
            removed: "139600.00",
            // imposed: scanners 6,500 once × 12 / 36 = 2,166.666… + internet line
            //   150/month × 12 = 1,800; price: subscription 32/month × 180 users × 12
            //   = 69,120 + platform fee 4,800/year; total 77,886.666… → 77,886.67
            imposed: "77886.67",
            // net: 139,600 − 77,886.666… = 61,713.333… → 61,713.33
            net: "61713.33",
        },
        risks: Balance {
            // removed: archive fire 0.02 × 400,000 = 8,000 + lost client file
            //   0.25 × 20,000 = 5,000; total 13,000
            removed: "13000.00",
            // imposed: cloud outage 0.1 × 25,000 = 2,500 + lock-in 0.05 × 60,000 = 3,000;
            //   total 5,500
            imposed: "5500.00",
            // net: 13,000 − 5,500 = 7,500
            net: "7500.00",
        },
        // net_value: 61,713.333… + 7,500 = 69,213.333… → 69,213.33
        net_value: "69213.33",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn meridian_onboarding_figures() {
    // catalog/office-automation/. Offering paperless-onboarding (implementation and
    // training) has its own warranty block: trainees-per-session 12; go-live-weeks
    // max 12; course-satisfaction-pct min 85; security data-processing-agreement.
    // No `quantity`: 1 (and no price line has a unit anyway).
    assert_relationship(&Expected {
        id: "meridian-onboarding",
        provider: "docuvia",
        consumer: "meridian",
        offering: "paperless-onboarding",
        utility: Utility {
            // no-paper-archive (must, 2) and gdpr-retention (should, 1) by
            // implementation; staff-confident (must, 2) by training: 100 × 5 / 5 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["no-paper-archive", "staff-confident", "gdpr-retention"],
            missing: &[],
        },
        warranty: Warranty {
            // trainees-per-session 12 ≥ 10; go-live-weeks max 12 ≤ 16;
            // course-satisfaction-pct min 85 ≥ 80; data-processing-agreement offered.
            score: "100.00",
            fit_for_use: true,
            checks: 4,
            met: 4,
            unmet: &[],
        },
        costs: Balance {
            // removed: interim project manager 54,000 once × 12 / 36 = 18,000 + in-house
            //   indexing 22,000 once × 12 / 36 = 7,333.333…; total 25,333.333… → 25,333.33
            removed: "25333.33",
            // imposed: workshops 6,000 once × 12 / 36 = 2,000; price: implementation
            //   42,000 once × 12 / 36 = 14,000 + training 7,600 once × 12 / 36
            //   = 2,533.333…; total 18,533.333… → 18,533.33
            imposed: "18533.33",
            // net: (76,000 − 55,600) × 12 / 36 = 20,400 / 3 = 6,800 exactly
            net: "6800.00",
        },
        risks: Balance {
            // removed: failed migration 0.1 × 150,000 = 15,000
            removed: "15000.00",
            // imposed: consultants see client data 0.01 × 200,000 = 2,000
            imposed: "2000.00",
            // net: 15,000 − 2,000 = 13,000
            net: "13000.00",
        },
        // net_value: 6,800 + 13,000 = 19,800
        net_value: "19800.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn humber_berth_booking_figures() {
    // catalog/software-development.yaml. Offering bespoke-berth-booking
    // (bespoke-development and hypercare, neither with a warranty) has its own block:
    // delivery-weeks max 14; critical-defect-response-hours max 4; security
    // owasp-asvs-l2, secure-code-review. No `quantity`: 1.
    assert_relationship(&Expected {
        id: "humber-berth-booking",
        provider: "codewright",
        consumer: "humber-port-services",
        offering: "bespoke-berth-booking",
        utility: Utility {
            // berths-booked-online (must, 3), no-double-entry (must, 2) and
            // source-code-owned (should, 2) are all enabled by bespoke-development:
            // 100 × 7 / 7 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &[
                "berths-booked-online",
                "no-double-entry",
                "source-code-owned",
            ],
            missing: &[],
        },
        warranty: Warranty {
            // delivery-weeks max 14 ≤ 16; critical-defect-response-hours max 4 ≤ 8;
            // owasp-asvs-l2 offered.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: booking clerks 78,000/year + portal fees 1,200/month × 12 = 14,400;
            //   total 92,400
            removed: "92400.00",
            // imposed: product owner 30,000 once × 12 / 36 = 10,000 + testing and
            //   training 8,000 once × 12 / 36 = 2,666.666… + hosting 600/month × 12
            //   = 7,200; price: fixed price 168,000 once × 12 / 36 = 56,000 + set-up
            //   4,500 once × 12 / 36 = 1,500; total 77,366.666… → 77,366.67
            imposed: "77366.67",
            // net: 92,400 − 77,366.666… = 15,033.333… → 15,033.33
            net: "15033.33",
        },
        risks: Balance {
            // removed: double-booked berth 0.3 × 40,000 = 12,000
            removed: "12000.00",
            // imposed: overrun 0.25 × 30,000 = 7,500 + key developer leaves
            //   0.1 × 15,000 = 1,500; total 9,000
            imposed: "9000.00",
            // net: 12,000 − 9,000 = 3,000
            net: "3000.00",
        },
        // net_value: 15,033.333… + 3,000 = 18,033.333… → 18,033.33
        net_value: "18033.33",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn orbis_itil4_foundation_figures() {
    // catalog/training.yaml. Offering itil4-foundation-onsite has no own warranty: it
    // offers itil4-course's: delegates-per-cohort 12; first-time-pass-pct min 92;
    // certificate-days max 5. Quantity 24 (delegates).
    assert_relationship(&Expected {
        id: "orbis-itil4-foundation",
        provider: "clearpath",
        consumer: "orbis",
        offering: "itil4-foundation-onsite",
        utility: Utility {
            // shared-vocabulary (must, 3), staff-certified (must, 2) and
            // audit-finding-closed (should, 1) are all enabled by itil4-course:
            // 100 × 6 / 6 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &[
                "shared-vocabulary",
                "staff-certified",
                "audit-finding-closed",
            ],
            missing: &[],
        },
        warranty: Warranty {
            // delegates-per-cohort 12 ≥ 12 (equal); first-time-pass-pct min 92 ≥ 85;
            // certificate-days max 5 ≤ 10.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: rework 1,500/month × 12 = 18,000 + incident reviews 6,000/year;
            //   total 24,000
            removed: "24000.00",
            // imposed: delegates' time 20,160 once × 12 / 36 = 6,720; price: course
            //   1,150 once × 24 delegates × 12 / 36 = 9,200 + trainer travel 450 once
            //   × 12 / 36 = 150; total 16,070
            imposed: "16070.00",
            // net: 24,000 − 16,070 = 7,930
            net: "7930.00",
        },
        risks: Balance {
            // removed: failed change 0.2 × 50,000 = 10,000
            removed: "10000.00",
            // imposed: certified staff recruited away 0.1 × 15,000 = 1,500
            imposed: "1500.00",
            // net: 10,000 − 1,500 = 8,500
            net: "8500.00",
        },
        // net_value: 7,930 + 8,500 = 16,430
        net_value: "16430.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn ledgerline_stratus_iaas_figures() {
    // catalog/value-network/. Offering stratus-iaas-london has no own warranty: it
    // offers stratus-compute's: availability 99.99; vcpu-cores 64; rto 4, rpo 1;
    // security iso27001, encryption-at-rest, ddos-protection. No `quantity`: 1.
    assert_relationship(&Expected {
        id: "ledgerline-stratus-iaas",
        provider: "stratus-cloud",
        consumer: "ledgerline",
        offering: "stratus-iaas-london",
        utility: Utility {
            // no-own-datacentre (must, 3) and capacity-on-demand (should, 2) are enabled
            // by stratus-compute: 100 × 5 / 5 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["no-own-datacentre", "capacity-on-demand"],
            missing: &[],
        },
        warranty: Warranty {
            // availability 99.99 ≥ 99.95; vcpu-cores 64 ≥ 48; rto 4 ≤ 8; rpo 1 ≤ 1
            // (equal); iso27001 and encryption-at-rest offered.
            score: "100.00",
            fit_for_use: true,
            checks: 6,
            met: 6,
            unmet: &[],
        },
        costs: Balance {
            // removed: colocation 2,900/month × 12 = 34,800 + hardware refresh 120,000
            //   once × 12 / 36 = 40,000 + operations engineer 52,000/year; total 126,800
            removed: "126800.00",
            // imposed: training 7,500 once × 12 / 36 = 2,500 + interconnect 300/month
            //   × 12 = 3,600; price, no unit: 6,800/month × 12 = 81,600 + support plan
            //   3,600/year; total 91,300
            imposed: "91300.00",
            // net: 126,800 − 91,300 = 35,500
            net: "35500.00",
        },
        risks: Balance {
            // removed: colocation hardware failure 0.1 × 150,000 = 15,000
            removed: "15000.00",
            // imposed: region outage 0.02 × 200,000 = 4,000 + price rise 0.3 × 10,000
            //   = 3,000; total 7,000
            imposed: "7000.00",
            // net: 15,000 − 7,000 = 8,000
            net: "8000.00",
        },
        // net_value: 35,500 + 8,000 = 43,500
        net_value: "43500.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn ledgerline_keystone_licences_figures() {
    // catalog/value-network/. Offering erp-runtime-licences has no own warranty: it
    // offers licence-subscription's: availability 99.95; licence-issue-hours max 24;
    // rto 12 (no rpo). Quantity 400 (named users).
    assert_relationship(&Expected {
        id: "ledgerline-keystone-licences",
        provider: "keystone-licensing",
        consumer: "ledgerline",
        offering: "erp-runtime-licences",
        utility: Utility {
            // licences-compliant (must, 2) and licence-cost-scales (should, 1) are
            // enabled by licence-subscription: 100 × 3 / 3 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["licences-compliant", "licence-cost-scales"],
            missing: &[],
        },
        warranty: Warranty {
            // availability 99.95 ≥ 99.9; licence-issue-hours max 24 ≤ 48; rto 12 ≤ 24.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: perpetual licences 96,000 once × 12 / 36 = 32,000 + software
            //   assurance 17,600/year; total 49,600
            removed: "49600.00",
            // imposed: usage reporting 150/month × 12 = 1,800; price: licence
            //   9/month × 400 users × 12 = 43,200 + account fee 600/year; total 45,600
            imposed: "45600.00",
            // net: 49,600 − 45,600 = 4,000
            net: "4000.00",
        },
        risks: Balance {
            // removed: licence audit 0.1 × 60,000 = 6,000
            removed: "6000.00",
            // imposed: late key renewal 0.05 × 20,000 = 1,000
            imposed: "1000.00",
            // net: 6,000 − 1,000 = 5,000
            net: "5000.00",
        },
        // net_value: 4,000 + 5,000 = 9,000
        net_value: "9000.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn fenwick_erp_figures() {
    // catalog/value-network/. Offering ledgerline-erp-cloud has no own warranty: it
    // offers hosted-erp's: availability 99.9; support-response-hours max 2; rto 12,
    // rpo 4; security mfa, encryption-at-rest, iso27001, cyber-essentials-plus.
    // Quantity 85 (ERP users).
    assert_relationship(&Expected {
        id: "fenwick-erp",
        provider: "ledgerline",
        consumer: "fenwick",
        offering: "ledgerline-erp-cloud",
        utility: Utility {
            // orders-same-day (must, 3), stock-visible (must, 2), no-erp-servers
            // (must, 2), mtd-vat (should, 2) and month-end-fast (could, 1) are all
            // enabled by hosted-erp: 100 × 10 / 10 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &[
                "orders-same-day",
                "stock-visible",
                "no-erp-servers",
                "mtd-vat",
                "month-end-fast",
            ],
            missing: &[],
        },
        warranty: Warranty {
            // availability 99.9 ≥ 99.5; support-response-hours max 2 ≤ 4; rto 12 ≤ 24;
            // rpo 4 ≤ 4 (equal); mfa, encryption-at-rest and cyber-essentials-plus
            // offered: 7 checks, all met.
            score: "100.00",
            fit_for_use: true,
            checks: 7,
            met: 7,
            unmet: &[],
        },
        costs: Balance {
            // removed: server refresh 45,000 once × 12 / 36 = 15,000 + legacy licence
            //   maintenance 24,000/year + IT contractor 2,100/month × 12 = 25,200
            //   + power and cooling 450/month × 12 = 5,400; total 69,600
            removed: "69600.00",
            // imposed: training 4,500 once × 12 / 36 = 1,500 + leased line 220/month
            //   × 12 = 2,640; price: subscription 65/month × 85 users × 12 = 66,300
            //   + onboarding 18,000 once × 12 / 36 = 6,000; total 76,440
            imposed: "76440.00",
            // net: 69,600 − 76,440 = −6,840 (costs alone are negative)
            net: "-6840.00",
        },
        risks: Balance {
            // removed: server failure 0.2 × 80,000 = 16,000 + ransomware
            //   0.05 × 250,000 = 12,500; total 28,500
            removed: "28500.00",
            // imposed: provider outage 0.1 × 30,000 = 3,000 + third-party breach
            //   0.01 × 300,000 = 3,000; total 6,000
            imposed: "6000.00",
            // net: 28,500 − 6,000 = 22,500
            net: "22500.00",
        },
        // net_value: −6,840 + 22,500 = 15,660: the risks removed tip the balance.
        net_value: "15660.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn brindley_erp_figures() {
    // catalog/value-network/. Same offering as fenwick-erp (ledgerline-erp-cloud, the
    // warranty of hosted-erp: availability 99.9; support-response-hours max 2; rto 12,
    // rpo 4; security mfa, encryption-at-rest, iso27001, cyber-essentials-plus).
    // Quantity 315 (ERP users).
    assert_relationship(&Expected {
        id: "brindley-erp",
        provider: "ledgerline",
        consumer: "brindley",
        offering: "ledgerline-erp-cloud",
        utility: Utility {
            // orders-same-day (must, 3), stock-visible (must, 2) and no-erp-servers
            // (must, 2) are enabled by hosted-erp: 100 × 7 / 7 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["orders-same-day", "stock-visible", "no-erp-servers"],
            missing: &[],
        },
        warranty: Warranty {
            // availability 99.9 ≥ 99.5; support-response-hours max 2 ≤ 4; rto 12 ≤ 24.
            score: "100.00",
            fit_for_use: true,
            checks: 3,
            met: 3,
            unmet: &[],
        },
        costs: Balance {
            // removed: legacy ERP contract 10,000/month × 12 = 120,000 + server
            //   replacement 90,000 once × 12 / 36 = 30,000 + stock counts 60,000/year;
            //   total 210,000
            removed: "210000.00",
            // imposed: training 15,000 once × 12 / 36 = 5,000; price: subscription
            //   65/month × 315 users × 12 = 245,700 + onboarding 18,000 once × 12 / 36
            //   = 6,000; total 256,700
            imposed: "256700.00",
            // net: 210,000 − 256,700 = −46,700
            net: "-46700.00",
        },
        risks: Balance {
            // removed: vendor ends support 0.3 × 150,000 = 45,000 + server failure
            //   0.1 × 200,000 = 20,000; total 65,000
            removed: "65000.00",
            // imposed: provider outage 0.1 × 60,000 = 6,000
            imposed: "6000.00",
            // net: 65,000 − 6,000 = 59,000
            net: "59000.00",
        },
        // net_value: −46,700 + 59,000 = 12,300
        net_value: "12300.00",
        verdict: "value",
        reasons: &[],
    });
}

#[test]
fn fenwick_group_it_support_figures() {
    // catalog/value-network/. Offering group-it-for-companies has no own warranty: it
    // offers group-it-support's: availability 99.5; first-response-hours max 4;
    // security mfa, disk-encryption. No price line. Quantity 220 (staff).
    assert_relationship(&Expected {
        id: "fenwick-group-it-support",
        provider: "fenwick-group-it",
        consumer: "fenwick",
        offering: "group-it-for-companies",
        utility: Utility {
            // staff-equipped (must, 3) and no-it-suppliers (should, 1) are enabled by
            // group-it-support: 100 × 4 / 4 = 100.
            score: "100.00",
            fit_for_purpose: true,
            facilitated: &["staff-equipped", "no-it-suppliers"],
            missing: &[],
        },
        warranty: Warranty {
            // availability 99.5 ≥ 99; first-response-hours max 4 ≤ 8; mfa and
            // disk-encryption offered.
            score: "100.00",
            fit_for_use: true,
            checks: 4,
            met: 4,
            unmet: &[],
        },
        costs: Balance {
            // removed: outsourced IT support 5,500/month × 12 = 66,000 + laptops and
            //   scanners 120,000 once × 12 / 36 = 40,000 + licences 1,650/month × 12 =
            //   19,800 + the office manager's time on IT suppliers 8,000; total 133,800
            removed: "133800.00",
            // imposed: the group IT budget allocated to the company (category
            //   `allocation`) 132,000/year + security awareness training 3,300 once
            //   × 12 / 36 = 1,100; no price list
            imposed: "133100.00",
            // net: 133,800 − 133,100 = 700
            net: "700.00",
        },
        risks: Balance {
            // removed: stolen laptop 0.1 × 50,000 = 5,000
            removed: "5000.00",
            // imposed: shared accounts outage 0.05 × 40,000 = 2,000
            imposed: "2000.00",
            // net: 5,000 − 2,000 = 3,000
            net: "3000.00",
        },
        // net_value: 700 + 3,000 = 3,700
        net_value: "3700.00",
        verdict: "value",
        reasons: &[],
    });
}

// The provider's side of every relationship. Annualising as for the consumer's side;
// `revenue` is exactly the price part of the consumer's imposed costs; `direct` is the
// offering's cost to serve (× quantity where it has a `unit`) plus the relationship's
// provision costs; `shared` is the relationship's share of the pool of each service of
// its offering (the service's running costs plus what its provider pays for the
// relationships it `depends_on`), pool × quantity ÷ Σ quantity of the service's users;
// margin = revenue − cost of provision − risks + priced benefits; margin_pct =
// 100 × margin ÷ revenue; sustainable when margin × 100 ≥ target × revenue. Targets:
// kestrel 15, swiftway 10, northwave 20, docuvia 25, stratus-cloud 20, ledgerline 10,
// fenwick-group-it 0 (their own `target_margin`); codewright, clearpath and
// keystone-licensing set none, so `thresholds.margin` 5 applies (catalogue.yaml).

#[test]
fn okafor_home_broadband_provider_side() {
    assert_provision(&Provision {
        id: "okafor-home-broadband",
        // 41.99/month × 12 = 503.88 + router delivery 6.99 once × 12 / 36 = 2.33
        revenue: "506.21",
        // home-fibre-500's cost to serve, no unit: line rental 16.50/month × 12 = 198
        //   + router 72 once × 12 / 36 = 24 + installation 90 once × 12 / 36 = 30
        //   + core network 5.50/month × 12 = 66; total 318. No provision costs.
        direct: "318.00",
        // home-connectivity has no running cost and no `depends_on`: pool 0
        shared: "0.00",
        total: "318.00",
        risks: "0.00",
        benefits: "0.00",
        // 506.21 − 318 = 188.21
        margin: "188.21",
        // 100 × 188.21 / 506.21 = 37.1801… → 37.18
        margin_pct: Some("37.18"),
        // kestrel: 18,821 ≥ 15 × 506.21 = 7,593.15
        target_margin: "15.00",
        verdict: "sustainable",
        reasons: &[],
        // value and sustainable
        co_creation: "mutual",
        stakeholders: &[Stakeholder {
            party: "fibrenet-wholesale",
            role: "supplier",
            // line rental from Kestrel 16.50/month × 12 = 198
            gains: "198.00",
            losses: "0.00",
            net: "198.00",
            unpriced: &["one more premises lit on its fibre in the street"],
        }],
    });
}

#[test]
fn fairlie_moss_office_broadband_provider_side() {
    assert_provision(&Provision {
        id: "fairlie-moss-office-broadband",
        // the same offering and quantity as okafor-home-broadband
        revenue: "506.21",
        direct: "318.00",
        shared: "0.00",
        total: "318.00",
        // the practice complains and leaves early: 0.1 × 300 = 30
        risks: "30.00",
        benefits: "0.00",
        // 506.21 − 318 − 30 = 158.21
        margin: "158.21",
        // 100 × 158.21 / 506.21 = 31.2538… → 31.25
        margin_pct: Some("31.25"),
        // 15,821 ≥ 15 × 506.21 = 7,593.15
        target_margin: "15.00",
        verdict: "sustainable",
        reasons: &[],
        // no value for the practice (not fit for use), sustainable for Kestrel
        co_creation: "provider-only",
        stakeholders: &[Stakeholder {
            party: "ofcom",
            role: "regulator",
            gains: "0.00",
            losses: "0.00",
            net: "0.00",
            unpriced: &["a small business sold a package that cannot meet its needs"],
        }],
    });
}

#[test]
fn calder_business_account_provider_side() {
    assert_provision(&Provision {
        id: "calder-business-account",
        // 1,840/month × 12 = 22,080 + account fee 600/year
        revenue: "22680.00",
        // cost to serve: fleet days 1,120/month × 12 = 13,440 + drivers 250/month × 12
        //   = 3,000; provision: account manager 1,200/year; total 17,640
        direct: "17640.00",
        // vehicle-rental and delivery-collection: no running cost, no `depends_on`
        shared: "0.00",
        total: "17640.00",
        // disputed damage 0.2 × 2,500 = 500
        risks: "500.00",
        benefits: "0.00",
        // 22,680 − 17,640 − 500 = 4,540
        margin: "4540.00",
        // 100 × 4,540 / 22,680 = 20.0176… → 20.02
        margin_pct: Some("20.02"),
        // swiftway: 454,000 ≥ 10 × 22,680 = 226,800
        target_margin: "10.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[Stakeholder {
            party: "swiftway-branch-staff",
            role: "employee",
            // overtime 150/month × 12 = 1,800
            gains: "1800.00",
            losses: "0.00",
            net: "1800.00",
            unpriced: &["steady weekday work between the holiday peaks"],
        }],
    });
}

#[test]
fn bell_holiday_rental_provider_side() {
    // Nothing is declared on the provider's side: leisure-rental has no cost to serve,
    // vehicle-rental no running cost and no `depends_on`, the relationship no
    // provision. The figures are still computed; the verdict is unassessed.
    assert_provision(&Provision {
        id: "bell-holiday-rental",
        // weekly rental 329 once × 3 weeks × 12 / 36 = 329 + airport fee 45 once × 3
        //   × 12 / 36 = 45 + excess cover (imposed, category `price`) 94.99/year
        revenue: "468.99",
        direct: "0.00",
        shared: "0.00",
        total: "0.00",
        risks: "0.00",
        benefits: "0.00",
        // 468.99 − 0
        margin: "468.99",
        // 100 × 468.99 / 468.99
        margin_pct: Some("100.00"),
        target_margin: "10.00",
        verdict: "unassessed",
        reasons: &["no-provision-costs"],
        // the provider's side is unassessed and the consumer's no-value: a known failure
        co_creation: "not-mutual",
        stakeholders: &[],
    });
}

#[test]
fn harbour_corporate_mobile_provider_side() {
    assert_provision(&Provision {
        id: "harbour-corporate-mobile",
        // plan 14/month × 1,200 × 12 = 201,600 + handset 144 once × 1,200 × 12 / 36
        //   = 57,600 + set-up 1,000 once × 12 / 36 = 333.333…; total 259,533.333…
        revenue: "259533.33",
        // cost to serve, `unit: handset` × 1,200: handset 260 once × 1,200 × 12 / 36
        //   = 104,000 + network 3.50/month × 1,200 × 12 = 50,400 + support contacts
        //   1.20/month × 1,200 × 12 = 17,280; no unit: porting 1,500 once × 12 / 36
        //   = 500; provision: account manager 15,000/year; total 187,180
        direct: "187180.00",
        // mobile-comms and handset-support: no running cost, no `depends_on`
        shared: "0.00",
        total: "187180.00",
        // service credits 0.1 × 40,000 = 4,000 + lost subsidy 0.05 × 60,000 = 3,000
        risks: "7000.00",
        // device management add-on 3,000/year; the reference customer is unpriced
        benefits: "3000.00",
        // 259,533.333… − 187,180 − 7,000 + 3,000 = 68,353.333… → 68,353.33
        margin: "68353.33",
        // 100 × 68,353.333… / 259,533.333… = 20,506,000 / 778,600 = 26.3370… → 26.34
        margin_pct: Some("26.34"),
        // northwave: 6,835,333.3… ≥ 20 × 259,533.3… = 5,190,666.6…
        target_margin: "20.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            Stakeholder {
                party: "northwave-support-desk",
                role: "employee",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["a steady workload across the shifts"],
            },
            Stakeholder {
                party: "dan-osei",
                role: "employee",
                // commission 9,000 once × 12 / 36 = 3,000
                gains: "3000.00",
                losses: "0.00",
                net: "3000.00",
                unpriced: &[],
            },
            unaffected("ofcom", "regulator"),
        ],
    });
}

#[test]
fn meridian_paperless_office_provider_side() {
    assert_provision(&Provision {
        id: "meridian-paperless-office",
        // subscription 32/month × 180 × 12 = 69,120 + platform fee 4,800/year
        revenue: "73920.00",
        // cost to serve: hosting 1.50/month × 180 users × 12 = 3,240 + mailroom
        //   scanning 400/month × 12 = 4,800; provision: customer success manager
        //   11,000/year; total 19,040
        direct: "19040.00",
        // document-management and workflow-automation: no running cost
        shared: "0.00",
        total: "19040.00",
        // service credits 0.1 × 5,000 = 500
        risks: "500.00",
        benefits: "0.00",
        // 73,920 − 19,040 − 500 = 54,380
        margin: "54380.00",
        // 100 × 54,380 / 73,920 = 73.5660… → 73.57
        margin_pct: Some("73.57"),
        // docuvia: 5,438,000 ≥ 25 × 73,920 = 1,848,000
        target_margin: "25.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            Stakeholder {
                party: "ico",
                role: "regulator",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["retention periods enforced by the system rather than by memory"],
            },
            Stakeholder {
                party: "scanpoint",
                role: "supplier",
                // mailroom scanning 400/month × 12 = 4,800
                gains: "4800.00",
                losses: "0.00",
                net: "4800.00",
                unpriced: &[],
            },
        ],
    });
}

#[test]
fn meridian_onboarding_provider_side() {
    assert_provision(&Provision {
        id: "meridian-onboarding",
        // 42,000 once × 12 / 36 = 14,000 + 7,600 once × 12 / 36 = 2,533.333…;
        //   total 16,533.333…
        revenue: "16533.33",
        // cost to serve: consultants 18,000 once × 12 / 36 = 6,000 + archive scanning
        //   9,000 once × 12 / 36 = 3,000 + trainer 2,400 once × 12 / 36 = 800; total 9,800
        direct: "9800.00",
        // implementation and training: no running cost
        shared: "0.00",
        total: "9800.00",
        // fixed fee overrun 0.2 × 6,000 = 1,200
        risks: "1200.00",
        // the reference customer is unpriced
        benefits: "0.00",
        // 16,533.333… − 9,800 − 1,200 = 5,533.333… → 5,533.33
        margin: "5533.33",
        // 100 × 5,533.333… / 16,533.333… = 1,660,000 / 49,600 = 33.4677… → 33.47
        margin_pct: Some("33.47"),
        // docuvia: 553,333.3… ≥ 25 × 16,533.3… = 413,333.3…
        target_margin: "25.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            Stakeholder {
                party: "docuvia-consultants",
                role: "employee",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["experience of migrating an insurance archive"],
            },
            Stakeholder {
                party: "scanpoint",
                role: "supplier",
                // archive scanning 9,000 once × 12 / 36 = 3,000
                gains: "3000.00",
                losses: "0.00",
                net: "3000.00",
                unpriced: &[],
            },
        ],
    });
}

#[test]
fn humber_berth_booking_provider_side() {
    assert_provision(&Provision {
        id: "humber-berth-booking",
        // 168,000 once × 12 / 36 = 56,000 + 4,500 once × 12 / 36 = 1,500
        revenue: "57500.00",
        // cost to serve: scrum team 126,000 once × 12 / 36 = 42,000 + CI and test
        //   environments 3,600 once × 12 / 36 = 1,200; total 43,200
        direct: "43200.00",
        // bespoke-development and hypercare: no running cost
        shared: "0.00",
        total: "43200.00",
        // fixed price overrun 0.25 × 20,000 = 5,000
        risks: "5000.00",
        // reference project 2,000/year; the reusable adapter is unpriced
        benefits: "2000.00",
        // 57,500 − 43,200 − 5,000 + 2,000 = 11,300
        margin: "11300.00",
        // 100 × 11,300 / 57,500 = 19.6521… → 19.65
        margin_pct: Some("19.65"),
        // codewright sets none: thresholds.margin 5; 1,130,000 ≥ 5 × 57,500 = 287,500
        target_margin: "5.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            Stakeholder {
                party: "codewright-scrum-team",
                role: "employee",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["work on a live port system"],
            },
            Stakeholder {
                party: "port-community-system",
                role: "partner",
                // fewer malformed messages 4,500/year
                gains: "4500.00",
                // validation upgrade 6,000 once × 12 / 36 = 2,000
                losses: "2000.00",
                // 4,500 − 2,000
                net: "2500.00",
                unpriced: &[],
            },
        ],
    });
}

#[test]
fn orbis_itil4_foundation_provider_side() {
    assert_provision(&Provision {
        id: "orbis-itil4-foundation",
        // 1,150 once × 24 × 12 / 36 = 9,200 + travel 450 once × 12 / 36 = 150
        revenue: "9350.00",
        // cost to serve, `unit: delegate` × 24: exam fee 210 once × 24 × 12 / 36 = 1,680
        //   + workbook 25 once × 24 × 12 / 36 = 200; no unit: trainer 3,600 once
        //   × 12 / 36 = 1,200 + travel and hotel 450 once × 12 / 36 = 150; total 3,230
        direct: "3230.00",
        shared: "0.00",
        total: "3230.00",
        // cohort moved 0.1 × 1,000 = 100
        risks: "100.00",
        benefits: "0.00",
        // 9,350 − 3,230 − 100 = 6,020
        margin: "6020.00",
        // 100 × 6,020 / 9,350 = 64.3850… → 64.39
        margin_pct: Some("64.39"),
        // clearpath sets none: thresholds.margin 5
        target_margin: "5.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            Stakeholder {
                party: "clearpath-trainers",
                role: "employee",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["six days of teaching booked well ahead"],
            },
            Stakeholder {
                party: "exam-institute",
                role: "partner",
                // exam fees 5,040 once × 12 / 36 = 1,680
                gains: "1680.00",
                losses: "0.00",
                net: "1680.00",
                unpriced: &[],
            },
        ],
    });
}

#[test]
fn ledgerline_stratus_iaas_provider_side() {
    assert_provision(&Provision {
        id: "ledgerline-stratus-iaas",
        // 6,800/month × 12 = 81,600 + support plan 3,600/year
        revenue: "85200.00",
        // no cost to serve, no provision cost
        direct: "0.00",
        // pool of stratus-compute: hosts 2,000/month × 12 = 24,000 + power and
        //   connectivity 1,100/month × 12 = 13,200 + SREs 14,400/year + capacity
        //   planning 4,800/year = 56,400; its only user is this relationship (quantity
        //   1): 56,400 × 1 / 1
        shared: "56400.00",
        total: "56400.00",
        // service credits 0.02 × 20,000 = 400
        risks: "400.00",
        benefits: "0.00",
        // 85,200 − 56,400 − 400 = 28,400
        margin: "28400.00",
        // 100 × 28,400 / 85,200 = 33.333… → 33.33
        margin_pct: Some("33.33"),
        // stratus-cloud: 2,840,000 ≥ 20 × 85,200 = 1,704,000
        target_margin: "20.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[],
    });
}

#[test]
fn ledgerline_keystone_licences_provider_side() {
    assert_provision(&Provision {
        id: "ledgerline-keystone-licences",
        // 9/month × 400 × 12 = 43,200 + account fee 600/year
        revenue: "43800.00",
        // cost to serve, `unit: user` × 400: wholesale licence 7.20/month × 400 × 12
        direct: "34560.00",
        // pool of licence-subscription: key server 120/month × 12 = 1,440 + compliance
        //   reviews 1,800/year = 3,240; only user this relationship: 3,240 × 400 / 400
        shared: "3240.00",
        // 34,560 + 3,240
        total: "37800.00",
        risks: "0.00",
        benefits: "0.00",
        // 43,800 − 37,800 = 6,000
        margin: "6000.00",
        // 100 × 6,000 / 43,800 = 13.6986… → 13.70
        margin_pct: Some("13.70"),
        // keystone-licensing sets none: thresholds.margin 5
        target_margin: "5.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[],
    });
}

// hosted-erp's pool: running costs 110,000/year + 1,250/month × 12 = 15,000
// + 16,000/year = 141,000; plus what Ledgerline pays for each relationship in its
// `depends_on`, divided by the number of services listing it (1 each): everything each
// imposes on Ledgerline (§5.4's costs imposed, not only the price), for
// ledgerline-stratus-iaas the price 85,200 + training 7,500 × 12 / 36 = 2,500 +
// interconnect 300 × 12 = 3,600, that is 91,300; for ledgerline-keystone-licences the
// price 43,800 + reporting 150 × 12 = 1,800, that is 45,600; together 136,900.
// Pool 277,900. Users: fenwick-erp (85) and brindley-erp (315), Σ quantity 400.

#[test]
fn fenwick_erp_provider_side() {
    assert_provision(&Provision {
        id: "fenwick-erp",
        // 65/month × 85 × 12 = 66,300 + onboarding 18,000 once × 12 / 36 = 6,000
        revenue: "72300.00",
        // cost to serve: onboarding at cost 12,000 once × 12 / 36 = 4,000
        direct: "4000.00",
        // 277,900 × 85 / 400 = 23,621,500 / 400 = 59,053.75
        shared: "59053.75",
        // 4,000 + 59,053.75
        total: "63053.75",
        risks: "0.00",
        benefits: "0.00",
        // 72,300 − 63,053.75 = 9,246.25
        margin: "9246.25",
        // 100 × 9,246.25 / 72,300 = 12.7887… → 12.79
        margin_pct: Some("12.79"),
        // ledgerline: 924,625 ≥ 10 × 72,300 = 723,000
        target_margin: "10.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[
            unaffected("stratus-cloud", "supplier"),
            Stakeholder {
                party: "hmrc",
                role: "regulator",
                gains: "0.00",
                losses: "0.00",
                net: "0.00",
                unpriced: &["VAT returns filed under Making Tax Digital without spreadsheets"],
            },
        ],
    });
}

#[test]
fn brindley_erp_provider_side() {
    assert_provision(&Provision {
        id: "brindley-erp",
        // 65/month × 315 × 12 = 245,700 + onboarding 6,000
        revenue: "251700.00",
        // onboarding at cost, as for fenwick-erp
        direct: "4000.00",
        // 277,900 × 315 / 400 = 87,538,500 / 400 = 218,846.25
        shared: "218846.25",
        // 4,000 + 218,846.25
        total: "222846.25",
        risks: "0.00",
        benefits: "0.00",
        // 251,700 − 222,846.25 = 28,853.75
        margin: "28853.75",
        // 100 × 28,853.75 / 251,700 = 11.4635… → 11.46
        margin_pct: Some("11.46"),
        // ledgerline: 2,885,375 ≥ 10 × 251,700 = 2,517,000
        target_margin: "10.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[],
    });
}

#[test]
fn fenwick_group_it_support_provider_side() {
    assert_provision(&Provision {
        id: "fenwick-group-it-support",
        // no price line; the imposed cost of category `allocation`, the group IT budget
        //   allocated to the company, 132,000/year: the same figure as its cost
        revenue: "132000.00",
        direct: "0.00",
        // pool of group-it-support: analysts 64,000/year + devices 132,000 once
        //   × 12 / 36 = 44,000 + licences 1,650/month × 12 = 19,800 = 127,800; its only
        //   user is this relationship: 127,800 × 220 / 220
        shared: "127800.00",
        total: "127800.00",
        // deferred refresh 0.1 × 20,000 = 2,000
        risks: "2000.00",
        // the knowledge is unpriced
        benefits: "0.00",
        // 132,000 − 127,800 − 2,000 = 2,200
        margin: "2200.00",
        // 100 × 2,200 / 132,000 = 1.6666… → 1.67
        margin_pct: Some("1.67"),
        // fenwick-group-it's own target 0: 220,000 ≥ 0 × 132,000
        target_margin: "0.00",
        verdict: "sustainable",
        reasons: &[],
        co_creation: "mutual",
        stakeholders: &[Stakeholder {
            party: "fenwick-group-it-team",
            role: "employee",
            gains: "0.00",
            // evening work 1,800/year
            losses: "1800.00",
            net: "-1800.00",
            unpriced: &["knowing the depots' people by name"],
        }],
    });
}

/// One entry of the top-level `providers` list.
struct Provider<'a> {
    id: &'a str,
    revenue: &'a str,
    cost_of_provision: &'a str,
    risks: &'a str,
    benefits: &'a str,
    unrecovered: &'a str,
    margin: &'a str,
    margin_pct: Option<&'a str>,
    target_margin: &'a str,
    sustainable: bool,
    /// Relationships by provider verdict: sustainable, unsustainable, unassessed.
    relationships: [u64; 3],
}

/// The top-level `providers` list, worked by hand.
///
/// One entry per providing organisation, in the order of its first relationship,
/// summed over its relationships whose provider verdict is not unassessed.
/// `unrecovered` is 0 for everyone: every service with a running cost or a
/// `depends_on` has a consumer, and the two services nobody consumes (kestrel's
/// business-connectivity, northwave-business's device-management) declare neither.
const PORTFOLIO: [Provider<'static>; 10] = [
    Provider {
        id: "kestrel",
        // 506.21 + 506.21
        revenue: "1012.42",
        // 318 + 318
        cost_of_provision: "636.00",
        risks: "30.00",
        benefits: "0.00",
        unrecovered: "0.00",
        // 188.21 + 158.21
        margin: "346.42",
        // 100 × 346.42 / 1,012.42 = 34.2170… → 34.22
        margin_pct: Some("34.22"),
        target_margin: "15.00",
        sustainable: true,
        relationships: [2, 0, 0],
    },
    Provider {
        id: "swiftway",
        // calder-business-account only: bell-holiday-rental is unassessed
        revenue: "22680.00",
        cost_of_provision: "17640.00",
        risks: "500.00",
        benefits: "0.00",
        unrecovered: "0.00",
        margin: "4540.00",
        margin_pct: Some("20.02"),
        target_margin: "10.00",
        sustainable: true,
        relationships: [1, 0, 1],
    },
    Provider {
        id: "northwave",
        revenue: "259533.33",
        cost_of_provision: "187180.00",
        risks: "7000.00",
        benefits: "3000.00",
        unrecovered: "0.00",
        margin: "68353.33",
        margin_pct: Some("26.34"),
        target_margin: "20.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
    Provider {
        id: "docuvia",
        // 73,920 + 16,533.333… = 90,453.333…
        revenue: "90453.33",
        // 19,040 + 9,800
        cost_of_provision: "28840.00",
        // 500 + 1,200
        risks: "1700.00",
        benefits: "0.00",
        unrecovered: "0.00",
        // 54,380 + 5,533.333… = 59,913.333…
        margin: "59913.33",
        // 100 × 59,913.333… / 90,453.333… = 17,974,000 / 271,360 = 66.2367… → 66.24
        margin_pct: Some("66.24"),
        target_margin: "25.00",
        sustainable: true,
        relationships: [2, 0, 0],
    },
    Provider {
        id: "codewright",
        revenue: "57500.00",
        cost_of_provision: "43200.00",
        risks: "5000.00",
        benefits: "2000.00",
        unrecovered: "0.00",
        margin: "11300.00",
        margin_pct: Some("19.65"),
        target_margin: "5.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
    Provider {
        id: "clearpath",
        revenue: "9350.00",
        cost_of_provision: "3230.00",
        risks: "100.00",
        benefits: "0.00",
        unrecovered: "0.00",
        margin: "6020.00",
        margin_pct: Some("64.39"),
        target_margin: "5.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
    Provider {
        id: "stratus-cloud",
        revenue: "85200.00",
        cost_of_provision: "56400.00",
        risks: "400.00",
        benefits: "0.00",
        unrecovered: "0.00",
        margin: "28400.00",
        margin_pct: Some("33.33"),
        target_margin: "20.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
    Provider {
        id: "keystone-licensing",
        revenue: "43800.00",
        cost_of_provision: "37800.00",
        risks: "0.00",
        benefits: "0.00",
        unrecovered: "0.00",
        margin: "6000.00",
        margin_pct: Some("13.70"),
        target_margin: "5.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
    Provider {
        id: "ledgerline",
        // 72,300 + 251,700
        revenue: "324000.00",
        // 63,053.75 + 222,846.25: the whole pool of hosted-erp (277,900) and the
        //   onboarding cost of both customers (8,000)
        cost_of_provision: "285900.00",
        risks: "0.00",
        benefits: "0.00",
        unrecovered: "0.00",
        // 9,246.25 + 28,853.75
        margin: "38100.00",
        // 100 × 38,100 / 324,000 = 11.7592… → 11.76
        margin_pct: Some("11.76"),
        target_margin: "10.00",
        sustainable: true,
        relationships: [2, 0, 0],
    },
    Provider {
        id: "fenwick-group-it",
        revenue: "132000.00",
        cost_of_provision: "127800.00",
        risks: "2000.00",
        benefits: "0.00",
        unrecovered: "0.00",
        margin: "2200.00",
        // 100 × 2,200 / 132,000 = 1.6666… → 1.67, against its own target 0
        margin_pct: Some("1.67"),
        target_margin: "0.00",
        sustainable: true,
        relationships: [1, 0, 0],
    },
];

/// Asserts every figure of one entry of `providers`.
fn assert_provider(actual: &Value, want: &Provider) {
    let what = |key: &str| format!("providers.{}.{key}", want.id);
    assert_number(&actual["revenue"], want.revenue, &what("revenue"));
    assert_number(
        &actual["cost_of_provision"],
        want.cost_of_provision,
        &what("cost_of_provision"),
    );
    assert_number(&actual["risks"], want.risks, &what("risks"));
    assert_number(&actual["benefits"], want.benefits, &what("benefits"));
    assert_number(
        &actual["unrecovered"],
        want.unrecovered,
        &what("unrecovered"),
    );
    assert_number(&actual["margin"], want.margin, &what("margin"));
    match want.margin_pct {
        Some(pct) => assert_number(&actual["margin_pct"], pct, &what("margin_pct")),
        None => assert!(
            actual["margin_pct"].is_null(),
            "{} is null, got {}",
            what("margin_pct"),
            actual["margin_pct"]
        ),
    }
    assert_number(
        &actual["target_margin"],
        want.target_margin,
        &what("target_margin"),
    );
    assert_eq!(
        actual["sustainable"].as_bool(),
        Some(want.sustainable),
        "{}",
        what("sustainable")
    );
    let counts = &actual["relationships"];
    for (key, count) in ["sustainable", "unsustainable", "unassessed"]
        .into_iter()
        .zip(want.relationships)
    {
        assert_count(&counts[key], count, &what(&format!("relationships.{key}")));
    }
}

#[test]
fn provider_portfolio() {
    let providers = report()["providers"]
        .as_array()
        .expect("`providers` is an array");
    let ids: Vec<&str> = providers
        .iter()
        .map(|p| p["id"].as_str().expect("every provider has an id"))
        .collect();
    let want: Vec<&str> = PORTFOLIO.iter().map(|p| p.id).collect();
    assert_eq!(
        ids, want,
        "providers, in the order of their first relationship"
    );
    for (actual, want) in providers.iter().zip(&PORTFOLIO) {
        assert_provider(actual, want);
    }
}
