//! Every figure of `svs assess catalog/ --format json` on the example
//! catalogue, relationship by relationship.
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
        ]
    );

    // 12 relationships; no-value: fairlie-moss-office-broadband (not fit for use) and
    // bell-holiday-rental (not fit for purpose, negative balance); the other 10 are
    // value; every relationship has outcome and warranty requirements, so none is
    // unassessed.
    let summary = &report["summary"];
    assert_count(&summary["relationships"], 12, "summary.relationships");
    assert_count(&summary["value"], 10, "summary.value");
    assert_count(&summary["no_value"], 2, "summary.no_value");
    assert_count(&summary["unassessed"], 0, "summary.unassessed");
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
    // availability min(99.9, 99.5) = 99.5; named-users min(250, 200) = 200 (storage-tb
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
            // availability 99.5 ≥ 99.5 (equal); named-users 200 ≥ 180;
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
