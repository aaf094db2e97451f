//! Every delivered figure of the three relationships with evidence in `catalog/`
//! (`catalog/evidence.yaml`), period by period: `svs assess catalog/ --period P --format
//! json`. Each expected value is derived by hand in docs/worked-examples.md, "What was
//! delivered"; the comments give the arithmetic. Numbers are compared as the text they are
//! printed as (two decimals, `serde_json` with `arbitrary_precision`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{catalog, run};

/// The JSON document of each period asked, run once per period for every test.
fn document(period: Option<&str>) -> Value {
    static DOCUMENTS: OnceLock<std::sync::Mutex<HashMap<Option<String>, Value>>> = OnceLock::new();
    let documents = DOCUMENTS.get_or_init(Default::default);
    let mut documents = documents.lock().expect("not poisoned");
    documents
        .entry(period.map(str::to_owned))
        .or_insert_with(|| {
            let path = catalog("").display().to_string();
            let mut args = vec!["assess", path.as_str(), "--format", "json"];
            args.extend(period.map(|p| ["--period", p]).into_iter().flatten());
            let output = run(&args);
            assert_eq!(output.status.code(), Some(0));
            serde_json::from_slice(&output.stdout).expect("JSON")
        })
        .clone()
}

fn delivered(period: Option<&str>, id: &str) -> Value {
    document(period)["relationships"]
        .as_array()
        .expect("relationships")
        .iter()
        .find(|r| r["id"] == id)
        .expect("the relationship")["delivered"]
        .clone()
}

/// The figures of `delivered` as text, by their keys (`warranty.score`).
fn figure(delivered: &Value, key: &str) -> String {
    let value = key
        .split('.')
        .fold(delivered, |value, part| match part.parse::<usize>() {
            Ok(index) => &value[index],
            Err(_) => &value[part],
        });
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Checks each `(key, expected)` of the relationship's delivered assessment in `period`.
fn check(period: &str, id: &str, expected: &[(&str, &str)]) {
    let delivered = delivered(Some(period), id);
    for (key, value) in expected {
        if value.starts_with(['[', '{']) {
            // Lists and objects compare as JSON, whatever the order of an object's keys.
            let expected: Value = serde_json::from_str(value).expect("JSON");
            let found: Value = serde_json::from_str(&figure(&delivered, key)).expect("JSON");
            assert_eq!(found, expected, "{id} {period}: {key}");
        } else {
            assert_eq!(figure(&delivered, key), *value, "{id} {period}: {key}");
        }
    }
}

/// The money figures every quarter of Harbour shares: planned 264,533.333… × 3 ÷ 12;
/// expected losses 11,000 × 3 ÷ 12; budget 270,000 a year × 3 ÷ 12 (`until` 2027-03-31).
const HARBOUR_QUARTER: &[(&str, &str)] = &[
    ("verdict", "as-agreed"),
    ("reasons", "[]"),
    ("warranty.checks", "6"),
    ("warranty.measured", "6"),
    ("warranty.met", "6"),
    ("warranty.score", "100.00"),
    ("warranty.breached", "[]"),
    ("warranty.not_measured", "[]"),
    ("outcomes.measured", "2"),
    // 100 × (3 + 2) ÷ (3 + 2)
    ("outcomes.score", "100.00"),
    (
        "outcomes.achieved",
        r#"["staff-reachable","email-on-the-go"]"#,
    ),
    (
        "outcomes.not_measured",
        r#"["no-pbx-to-run","predictable-telecom-spend","lost-handset-wiped"]"#,
    ),
    ("planned", "66133.33"),
    ("budget", "67500.00"),
    ("losses", "0.00"),
    ("expected_losses", "2750.00"),
];

#[test]
fn harbour_delivered_as_agreed_every_quarter() {
    for (period, spend, variance, perception) in [
        // 64,800 − 66,133.333…; user 100 × (4.2 − 1) ÷ 4, sponsor 100 × 8 ÷ 10
        (
            "2026-Q1",
            "64800.00",
            "-1333.33",
            r#"[{"role":"user","score":80.00,"responses":310},{"role":"sponsor","score":80.00,"responses":1}]"#,
        ),
        // user 100 × 3.3 ÷ 4
        (
            "2026-Q2",
            "65100.00",
            "-1033.33",
            r#"[{"role":"user","score":82.50,"responses":288}]"#,
        ),
        // 65,400 + 600; customer 100 × 8 ÷ 10 first, then user 100 × 3.1 ÷ 4
        (
            "2026-Q3",
            "66000.00",
            "-133.33",
            r#"[{"role":"customer","score":80.00,"responses":2},{"role":"user","score":77.50,"responses":265}]"#,
        ),
    ] {
        check(period, "harbour-corporate-mobile", HARBOUR_QUARTER);
        check(
            period,
            "harbour-corporate-mobile",
            &[
                ("period", period),
                ("spend", spend),
                ("variance", variance),
                ("perception", perception),
            ],
        );
    }
}

/// Meridian's money of any quarter: planned 77,886.666… × 3 ÷ 12; expected losses 5,500 ×
/// 3 ÷ 12; budget 20,000 a quarter × 4 × 3 ÷ 12.
const MERIDIAN_QUARTER: &[(&str, &str)] = &[
    ("warranty.checks", "7"),
    ("outcomes.measured", "2"),
    (
        "outcomes.not_measured",
        r#"["gdpr-retention","invoice-approval-fast","no-paper-archive","staff-confident"]"#,
    ),
    ("planned", "19471.67"),
    ("budget", "20000.00"),
    ("expected_losses", "1375.00"),
];

#[test]
fn meridian_fell_short_in_the_quarter_of_the_outage_and_was_credited() {
    let id = "meridian-paperless-office";
    for period in ["2026-Q1", "2026-Q2", "2026-Q3"] {
        check(period, id, MERIDIAN_QUARTER);
    }
    for (period, user) in [("2026-Q1", "72.50"), ("2026-Q3", "70.00")] {
        check(
            period,
            id,
            &[
                ("verdict", "as-agreed"),
                // availability, capacity, the service level and both controls; no
                // recovery in the quarter
                ("warranty.measured", "5"),
                ("warranty.met", "5"),
                ("warranty.score", "100.00"),
                ("warranty.not_measured", r#"["rto_hours","rpo_hours"]"#),
                ("outcomes.score", "100.00"),
                ("spend", "18900.00"),
                // 18,900 − 19,471.666…
                ("variance", "-571.67"),
                ("losses", "0.00"),
                ("perception.0.score", user),
            ],
        );
    }
    check(
        "2026-Q2",
        id,
        &[
            ("verdict", "short"),
            (
                "reasons",
                r#"["warranty-breached","outcome-not-achieved","perceived-poorly"]"#,
            ),
            ("warranty.measured", "7"),
            ("warranty.met", "5"),
            // 100 × 5 ÷ 7 = 71.428…
            ("warranty.score", "71.43"),
            (
                "warranty.breached",
                r#"[{"check":"availability","required":"99.5","achieved":"99.1"},{"check":"service_level:incident-response-hours","required":"8","achieved":"11"}]"#,
            ),
            ("warranty.not_measured", "[]"),
            // 100 × 3 ÷ (3 + 2): remote-work, a must, not achieved
            ("outcomes.score", "60.00"),
            ("outcomes.not_achieved", r#"["remote-work"]"#),
            // 18,900 − the 1,500 credit; 17,400 − 19,471.666…
            ("spend", "17400.00"),
            ("variance", "-2071.67"),
            ("losses", "800.00"),
            // user 100 × 1.9 ÷ 4, sponsor 100 × 5 ÷ 10: both below 60
            (
                "perception",
                r#"[{"role":"user","score":47.50,"responses":134},{"role":"sponsor","score":50.00,"responses":1}]"#,
            ),
        ],
    );
}

#[test]
fn calder_is_perceived_poorly_by_its_users_although_it_delivers_what_it_agreed() {
    let id = "calder-business-account";
    // No record for 2026-Q1.
    assert_eq!(
        delivered(Some("2026-Q1"), id),
        serde_json::json!({ "period": null, "verdict": "unmeasured" })
    );
    for (period, spend, variance, user) in [
        // 1,440 + 5,200; − 28,840 × 3 ÷ 12; 100 × 1.2 ÷ 4
        ("2026-Q2", "6640.00", "-570.00", "30.00"),
        // 1,390 + 5,350; 100 × 1.4 ÷ 4
        ("2026-Q3", "6740.00", "-470.00", "35.00"),
    ] {
        check(
            period,
            id,
            &[
                ("verdict", "short"),
                ("reasons", r#"["perceived-poorly"]"#),
                ("warranty.checks", "3"),
                ("warranty.measured", "3"),
                ("warranty.met", "3"),
                ("warranty.score", "100.00"),
                ("outcomes.measured", "2"),
                ("outcomes.score", "100.00"),
                ("outcomes.not_measured", r#"["no-trip-to-branch"]"#),
                ("spend", spend),
                ("planned", "7210.00"),
                ("variance", variance),
                // 2,500 a month × 12 × 3 ÷ 12, authorised until 2027-06-30
                ("budget", "7500.00"),
                ("losses", "0.00"),
                // 375 × 3 ÷ 12
                ("expected_losses", "93.75"),
                // the customer 100 × 3 ÷ 4 first, then the users
                ("perception.0.role", "customer"),
                ("perception.0.score", "75.00"),
                ("perception.1.role", "user"),
                ("perception.1.score", user),
            ],
        );
    }
}

#[test]
fn without_a_period_each_is_judged_on_its_latest_quarter_and_the_consumers_sum_their_budgets() {
    for (id, verdict) in [
        ("harbour-corporate-mobile", "as-agreed"),
        ("meridian-paperless-office", "as-agreed"),
        ("calder-business-account", "short"),
    ] {
        let latest = delivered(None, id);
        assert_eq!(figure(&latest, "period"), "2026-Q3", "{id}");
        assert_eq!(figure(&latest, "verdict"), verdict, "{id}");
    }
    let document = document(None);
    assert_eq!(
        document["summary"]["delivered"].to_string(),
        r#"{"as_agreed":2,"short":1,"unmeasured":11}"#
    );
    let budgets: Vec<(String, String)> = document["consumers"]
        .as_array()
        .expect("consumers")
        .iter()
        .filter(|c| !c["budget"].is_null())
        .map(|c| (figure(c, "id"), c["budget"].to_string()))
        .collect();
    // 2,500 × 12; 270,000 × 1; 20,000 × 4: each in force on 2026-12-01.
    let expected = [
        ("calder", "30000.00"),
        ("harbour", "270000.00"),
        ("meridian", "80000.00"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(id, budget)| ((*id).to_owned(), (*budget).to_owned()))
        .collect();
    assert_eq!(budgets, expected);
}
