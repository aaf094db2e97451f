//! The delivered assessment from the command line (SPEC §10.3, §10.4): `--period`, each
//! relationship's latest record without it, and `--fail-on short`.

use crate::common;

use common::{catalog, run};

fn assess(extra: &[&str]) -> std::process::Output {
    let path = catalog("").display().to_string();
    run(&[&["assess", path.as_str()][..], extra].concat())
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_period_that_is_not_a_calendar_period_is_a_usage_error_naming_the_forms() {
    for bad in ["2026-Q5", "2026-13", "Q3", "2026-7"] {
        let output = assess(&["--period", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("`{bad}` is not a period")),
            "{message}"
        );
        assert!(message.contains("`YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`"));
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn fail_on_short_fails_on_each_relationship_that_delivered_short_and_says_why() {
    // Latest records: Harbour and Meridian delivered as agreed in 2026-Q3, Calder's users
    // perceive it poorly.
    let output = assess(&["--fail-on", "short"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: 1 relationship fails --fail-on short:\n  calder-business-account: short in \
         2026-Q3 (perceived-poorly)\n"
    );
    let output = assess(&["--fail-on", "short", "--period", "2026-Q2"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(
        "  meridian-paperless-office: short in 2026-Q2 (warranty-breached, \
         outcome-not-achieved, perceived-poorly)\n"
    ));
    let output = assess(&[
        "--fail-on",
        "short",
        "--relationship",
        "harbour-corporate-mobile",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // A period no record covers: every relationship is unmeasured, none short.
    let output = assess(&["--fail-on", "short", "--period", "2025"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

fn json(extra: &[&str]) -> serde_json::Value {
    let output = assess(&[&["--format", "json"][..], extra].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn relationship<'d>(document: &'d serde_json::Value, id: &str) -> &'d serde_json::Value {
    document["relationships"]
        .as_array()
        .expect("relationships")
        .iter()
        .find(|r| r["id"] == id)
        .expect("the relationship")
}

#[test]
fn json_gives_the_delivered_figures_with_the_keys_of_spec_10_4() {
    let document = json(&["--period", "2026-Q2"]);
    let meridian = relationship(&document, "meridian-paperless-office");
    // Figures are numbers with two decimals, as every figure of the document.
    let expected: serde_json::Value = serde_json::from_str(
        r#"{
            "period": "2026-Q2",
            "verdict": "short",
            "reasons": ["warranty-breached", "outcome-not-achieved", "perceived-poorly"],
            "warranty": {
                "checks": 7, "measured": 7, "met": 5, "score": 71.43,
                "breached": [
                    { "check": "availability", "required": "99.5", "achieved": "99.1" },
                    { "check": "service_level:incident-response-hours", "required": "8",
                      "achieved": "11" }
                ],
                "not_measured": []
            },
            "outcomes": {
                "measured": 2, "score": 60.00,
                "achieved": ["paperless-files"], "not_achieved": ["remote-work"],
                "not_measured": ["gdpr-retention", "invoice-approval-fast", "no-paper-archive",
                                 "staff-confident"]
            },
            "spend": 17400.00, "planned": 19471.67, "variance": -2071.67, "budget": 20000.00,
            "losses": 800.00, "expected_losses": 1375.00,
            "perception": [
                { "role": "user", "score": 47.50, "responses": 134 },
                { "role": "sponsor", "score": 50.00, "responses": 1 }
            ]
        }"#,
    )
    .expect("JSON");
    assert_eq!(meridian["delivered"], expected);
    let expected: serde_json::Value = serde_json::from_str(
        r#"{ "amount": 20000.00, "per": "quarter", "authorised_by": "james-baker", "until": null }"#,
    )
    .expect("JSON");
    assert_eq!(meridian["budget"], expected);
    assert_eq!(
        relationship(&document, "harbour-corporate-mobile")["budget"]["until"],
        "2027-03-31"
    );
    // Harbour as agreed, Meridian and Calder short; the other eleven have no record.
    assert_eq!(
        document["summary"]["delivered"],
        serde_json::json!({ "as_agreed": 1, "short": 2, "unmeasured": 11 })
    );
}

#[test]
fn json_of_a_relationship_without_a_record_says_only_that_it_is_unmeasured() {
    let document = json(&[]);
    let unmeasured = relationship(&document, "okafor-home-broadband");
    assert_eq!(
        unmeasured["delivered"],
        serde_json::json!({ "period": null, "verdict": "unmeasured" })
    );
    assert_eq!(unmeasured["budget"], serde_json::Value::Null);
    let document = json(&["--period", "2025"]);
    let calder = relationship(&document, "calder-business-account");
    assert_eq!(
        calder["delivered"],
        serde_json::json!({ "period": null, "verdict": "unmeasured" })
    );
    assert_eq!(
        document["summary"]["delivered"],
        serde_json::json!({ "as_agreed": 0, "short": 0, "unmeasured": 14 })
    );
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn the_table_and_markdown_show_the_delivered_verdict_and_period_and_wide_the_reasons() {
    let table = stdout(&assess(&["--color", "never", "--period", "2026-Q2"]));
    let meridian = table
        .lines()
        .find(|l| l.contains("meridian-paperless-office"))
        .expect("a row");
    assert!(meridian.contains("┆ short 2026-Q2 "), "{meridian}");
    assert!(table.contains("delivered: 1 as-agreed, 2 short, 11 unmeasured\n"));
    let wide = stdout(&assess(&[
        "--color",
        "never",
        "--wide",
        "--relationship",
        "meridian-paperless-office",
        "--period",
        "2026-Q2",
    ]));
    assert!(wide.contains("Delivered reasons"));
    for reason in [
        "warranty-breached",
        "outcome-not-achieved",
        "perceived-poorly",
    ] {
        assert!(wide.contains(reason), "{reason}: {wide}");
    }
    let markdown = stdout(&assess(&["--format", "markdown"]));
    assert!(markdown.contains("| Co-creation | Delivered |\n"));
    assert!(
        markdown.contains("| 🤝 mutual | ❌ short 2026-Q3 |\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| ✅ as-agreed 2026-Q3 |\n"));
}

#[test]
fn csv_gives_every_delivered_figure_in_a_column_of_its_own() {
    let csv = stdout(&assess(&["--format", "csv", "--period", "2026-Q2"]));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let meridian: Vec<&str> = lines
        .find(|l| l.starts_with("meridian-paperless-office,"))
        .expect("a row")
        .split(',')
        .collect();
    let cell = |key: &str| {
        let at = header.iter().position(|h| *h == key).expect(key);
        meridian[at]
    };
    let expected = [
        ("delivered_period", "2026-Q2"),
        ("delivered_verdict", "short"),
        (
            "delivered_reasons",
            "warranty-breached;outcome-not-achieved;perceived-poorly",
        ),
        ("delivered_warranty_measured", "7"),
        ("delivered_warranty_met", "5"),
        ("delivered_warranty_score", "71.43"),
        ("delivered_outcomes_score", "60.00"),
        ("delivered_spend", "17400.00"),
        ("delivered_planned", "19471.67"),
        ("delivered_variance", "-2071.67"),
        ("delivered_budget", "20000.00"),
        ("delivered_losses", "800.00"),
        ("delivered_expected_losses", "1375.00"),
        ("perceived_by_customers", ""),
        ("perceived_by_users", "47.50"),
        ("perceived_by_sponsors", "50.00"),
    ];
    for (key, value) in expected {
        assert_eq!(cell(key), value, "{key}");
    }
}

#[test]
fn hover_on_a_relationship_shows_what_it_delivered_in_its_latest_period() {
    let exclude = svs::load::files::Exclude::new(&[]).expect("no glob");
    let loaded = svs::load::load(&[catalog("")], &exclude).expect("catalog/ loads");
    let catalogue = loaded.catalogue.as_ref().expect("a catalogue");
    let index = |id: &str| {
        catalogue
            .relationships
            .iter()
            .position(|r| r.common.id.value == id)
            .expect(id)
    };
    let hover = |id| svs::lsp::symbols::hover(catalogue, svs::model::Kind::Relationship, index(id));
    assert!(
        hover("calder-business-account")
            .ends_with("\n| delivered | short in 2026-Q3 (perceived-poorly) |"),
        "{}",
        hover("calder-business-account")
    );
    assert!(hover("harbour-corporate-mobile").ends_with("\n| delivered | as-agreed in 2026-Q3 |"));
    assert!(hover("okafor-home-broadband").ends_with("\n| delivered | unmeasured |"));
}
