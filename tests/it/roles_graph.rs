//! `svs roles` and `svs graph`: role holders resolved to names, notes for missing roles,
//! the by-person view, and a value network that renders in Mermaid and Graphviz.

use crate::common;

use common::{catalog, fixture, run, svs};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn text(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[test]
fn role_holders_of_the_mobile_phone_story() {
    let all = path(&catalog(""));
    let document = json(&[
        "roles",
        &all,
        "--relationship",
        "harbour-corporate-mobile",
        "--format",
        "json",
    ]);
    let r = &document["relationships"][0];
    assert_eq!(r["provider"]["id"], "northwave");
    assert_eq!(r["consumer"]["name"], "Harbour Logistics Ltd");
    // catalog/mobile-phones.yaml: the CIO and the communications team define the
    // requirements, the employees use the phones, the CFO pays.
    assert_eq!(r["customer"][0]["kind"], "person");
    assert_eq!(r["customer"][0]["name"], "Priya Raman");
    assert_eq!(r["customer"][0]["title"], "Chief Information Officer");
    assert_eq!(r["customer"][1]["kind"], "group");
    assert_eq!(r["customer"][1]["id"], "harbour-comms-team");
    assert_eq!(r["customer"][1]["members"][0]["name"], "Sian Hughes");
    assert_eq!(r["user"][0]["id"], "harbour-staff");
    assert_eq!(r["user"][0]["size"], 1200);
    assert_eq!(r["sponsor"][0]["name"], "Tom Whitaker");
    assert_eq!(r["sponsor"][0]["title"], "Chief Financial Officer");
    let regulator = r["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["role"] == "regulator")
        .expect("a regulator");
    assert_eq!(regulator["party"]["id"], "ofcom");
    assert_eq!(r["notes"], Value::Array(vec![]));
}

#[test]
fn missing_roles_and_one_person_in_every_role_are_noted() {
    let f = path(&fixture("roles.yaml"));
    let document = json(&["roles", &f, "--format", "json"]);
    let notes = |i: usize| -> Vec<String> {
        document["relationships"][i]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    // Ana is customer and sponsor directly and user through the studio staff group.
    assert_eq!(notes(0), ["one-person-holds-all-roles"]);
    assert_eq!(document["relationships"][0]["notes"][0]["person"], "ana");
    assert_eq!(
        notes(1),
        ["missing-customer", "missing-user", "missing-sponsor"]
    );

    let table = text(&["roles", &f, "--color", "never"]);
    assert!(
        table.contains("Ana Lima is customer, user and sponsor"),
        "{table}"
    );
    assert!(
        table.contains("no sponsor: no one authorises the budget"),
        "{table}"
    );
}

#[test]
fn by_person_lists_roles_held_directly_and_through_groups_and_idle_people_last() {
    let f = path(&fixture("roles.yaml"));
    let document = json(&["roles", &f, "--by-person", "--format", "json"]);
    let people: Vec<&str> = document["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    // Cat is only a stakeholder, not a customer, user or sponsor: listed last.
    assert_eq!(people, ["ana", "ben", "cat"]);
    let ana = &document["people"][0]["roles"];
    assert_eq!(ana[0]["role"], "customer");
    assert_eq!(ana[0]["via"], Value::Null);
    assert_eq!(ana[1]["role"], "user");
    assert_eq!(ana[1]["via"], "studio-staff");
    assert_eq!(ana[2]["role"], "sponsor");
    assert_eq!(document["people"][1]["roles"][0]["via"], "studio-staff");
    assert_eq!(document["people"][2]["roles"], Value::Array(vec![]));
}

#[test]
fn roles_filters() {
    let all = path(&catalog(""));
    let document = json(&[
        "roles",
        &all,
        "--organization",
        "ledgerline",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ledgerline-stratus-iaas",
            "ledgerline-keystone-licences",
            "fenwick-erp",
            "brindley-erp"
        ]
    );
    let output = run(&["roles", &all, "--organization", "ledgerlin"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `ledgerline`?"));
}

#[test]
fn roles_snapshots_of_the_example_catalogue() {
    let all = path(&catalog(""));
    insta::assert_snapshot!("roles_table", text(&["roles", &all, "--color", "never"]));
    insta::assert_snapshot!(
        "roles_by_person",
        text(&["roles", &all, "--by-person", "--color", "never"])
    );
    insta::assert_snapshot!(
        "roles_markdown",
        text(&["roles", &all, "--format", "markdown"])
    );
}

#[test]
fn commands_that_need_a_catalogue_exit_2_when_it_does_not_load() {
    let broken = path(&fixture("structural/svs005.yaml"));
    for command in [["roles"], ["graph"]] {
        let output = svs().args(command).arg(&broken).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("error[SVS005]"));
    }
}

#[test]
fn mermaid_has_the_nodes_and_edges_of_the_value_network() {
    let story = [
        path(&catalog("catalogue.yaml")),
        path(&catalog("value-network")),
    ];
    let mermaid = text(&["graph", &story[0], &story[1]]);
    assert!(mermaid.starts_with("flowchart LR\n"));
    let line = |needle: &str| {
        mermaid
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("a line with {needle:?} in\n{mermaid}"))
            .trim()
            .to_owned()
    };
    // Ledgerline consumes cloud hosting and licences and sells its ERP on: marked.
    let ledgerline = line("\"Ledgerline Ltd");
    assert!(ledgerline.ends_with(":::both"), "{ledgerline}");
    let node = |label: &str| line(label).split(['[', '(']).next().unwrap().to_owned();
    let (stratus, ledgerline, fenwick) = (
        node("\"Stratus Cloud UK Ltd\""),
        node("\"Ledgerline Ltd"),
        node("\"Fenwick & Hale Wholesale Ltd\""),
    );
    let iaas = node("([\"Stratus IaaS");
    let erp = node("([\"Ledgerline ERP Cloud");
    // One edge per relationship, provider → offering → consumer.
    assert!(
        mermaid.contains(&format!("    {stratus} --- {iaas} --> {ledgerline}\n")),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(&format!("    {ledgerline} --- {erp} --> {fenwick}\n")),
        "{mermaid}"
    );
    // The ERP service depends on the IaaS relationship: the IaaS feeds the ERP.
    assert!(
        mermaid.contains(&format!("    {iaas} -.->|feeds| {erp}\n")),
        "{mermaid}"
    );
    // Fenwick & Hale Wholesale is part of the group.
    let group = node("\"Fenwick & Hale Group plc\"");
    assert!(
        mermaid.contains(&format!("    {fenwick} -.-|part of| {group}\n")),
        "{mermaid}"
    );
}

#[test]
fn focus_keeps_only_what_is_connected() {
    let all = path(&catalog(""));
    let mermaid = text(&["graph", &all, "--focus", "fenwick"]);
    assert!(
        mermaid.contains("Stratus Cloud UK Ltd"),
        "upstream of Fenwick's supplier"
    );
    assert!(!mermaid.contains("Harbour Logistics"), "another story");
    let output = run(&["graph", &all, "--focus", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn dot_output_renders_with_graphviz() {
    let all = path(&catalog(""));
    let dot = text(&["graph", &all, "--format", "dot"]);
    assert!(dot.starts_with("digraph value_network {\n"));
    common::require_program("dot", "graphviz");
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` runs");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot failed: {errors}");
    assert!(errors.trim().is_empty(), "dot warned: {errors}");
    let svg = String::from_utf8_lossy(&output.stdout);
    assert!(svg.contains("<svg"));
    assert!(svg.contains("Ledgerline ERP Cloud for merchants"));
    assert!(
        svg.contains(">feeds<"),
        "the upstream link reads in its true direction"
    );
}

#[test]
fn graph_output_is_deterministic() {
    let all = path(&catalog(""));
    for format in ["mermaid", "dot"] {
        assert_eq!(
            text(&["graph", &all, "--format", format]),
            text(&["graph", &all, "--format", format])
        );
    }
}

// --- Stakeholders' effects (docs/format.md §8.4) -----------------------------------

/// tests/fixtures/co-creation.yaml: Sam Field, an engineer at Telco, gains 100 a month of
/// overtime pay, loses 300 a year in commuting, and gains an unpriced sense of purpose
/// from Acme's mobile plan; Hoster, a partner, has no declared effect.
fn co_creation() -> String {
    path(&fixture("co-creation.yaml"))
}

#[test]
fn each_stakeholder_shows_its_effects_and_gains_losses_and_net() {
    let file = co_creation();
    let document = json(&[
        "roles",
        &file,
        "--relationship",
        "acme-mobile",
        "--format",
        "json",
    ]);
    let stakeholders = &document["relationships"][0]["stakeholders"];
    let sam = &stakeholders[0];
    assert_eq!(sam["party"]["id"], "sam");
    // Numbers as printed: two decimals, from the exact figure.
    let effects: Vec<(String, String, String)> = sam["effects"]
        .as_array()
        .expect("effects")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap_or_default().to_owned(),
                e["direction"].as_str().unwrap_or_default().to_owned(),
                e["per_year"].to_string(),
            )
        })
        .collect();
    let effect = |name: &str, direction: &str, per_year: &str| {
        (name.to_owned(), direction.to_owned(), per_year.to_owned())
    };
    assert_eq!(
        effects,
        [
            effect("overtime pay", "gain", "1200.00"),
            effect("commute", "loss", "300.00"),
            effect("sense of purpose", "gain", "null"),
        ]
    );
    assert_eq!(sam["gains"].to_string(), "1200.00");
    assert_eq!(sam["losses"].to_string(), "300.00");
    assert_eq!(sam["net"].to_string(), "900.00");
    assert_eq!(sam["unpriced"], serde_json::json!(["sense of purpose"]));
    let hoster = &stakeholders[1];
    assert_eq!(hoster["effects"], serde_json::json!([]));
    assert_eq!(hoster["net"].to_string(), "0.00");

    let table = text(&[
        "roles",
        &file,
        "--relationship",
        "acme-mobile",
        "--color",
        "never",
    ]);
    let lines: Vec<&str> = table
        .lines()
        .filter_map(|line| line.split('┆').nth(1))
        .map(|cell| cell.trim_end_matches('│').trim())
        .collect();
    let at = lines
        .iter()
        .position(|l| *l == "Sam Field (Engineer, Telco plc)")
        .expect("Sam's row");
    assert_eq!(
        lines[at..at + 6],
        [
            "Sam Field (Engineer, Telco plc)",
            "interest: stable work",
            "overtime pay: gain of 1,200.00 GBP a year",
            "commute: loss of 300.00 GBP a year",
            "sense of purpose: gain, unpriced",
            "gains 1,200.00 GBP, losses 300.00 GBP, net 900.00 GBP a year",
        ]
    );
    // A stakeholder without effects keeps its one line.
    assert_eq!(lines[at + 6], "Hoster Ltd");

    let markdown = text(&[
        "roles",
        &file,
        "--relationship",
        "acme-mobile",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.contains(
            "- **employee:** Sam Field (Engineer, Telco plc) — stable work\n  \
             - overtime pay: gain of 1,200.00 GBP a year\n  \
             - commute: loss of 300.00 GBP a year\n  \
             - sense of purpose: gain, unpriced\n  \
             - gains 1,200.00 GBP, losses 300.00 GBP, net 900.00 GBP a year\n\
             - **partner:** Hoster Ltd\n"
        ),
        "{markdown}"
    );
}

#[test]
fn stakeholders_figures_match_assess_over_the_horizon() {
    // Over a 24-month horizon a one-off 2,400 is 1,200 a year and a quarterly 50 is
    // 200: the same annualising as `svs assess`.
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("horizon.yaml");
    std::fs::write(
        &file,
        "svs: 1
catalogue: { name: horizon, currency: EUR, horizon_months: 24 }
organizations:
  - { id: p, name: Provider }
  - { id: c, name: Consumer }
  - { id: town, name: Harbour Town }
offerings:
  - { id: o, name: Offer, provider: p }
relationships:
  - id: r
    provider: p
    consumer: c
    offering: o
    stakeholders:
      - party: town
        role: community
        effects:
          - { name: new jobs, amount: 2400, per: once }
          - { name: traffic, direction: loss, amount: 50, per: quarter }
          - { name: civic pride }
",
    )
    .expect("write");
    let file = path(&file);
    let roles = json(&["roles", &file, "--format", "json"]);
    let town = &roles["relationships"][0]["stakeholders"][0];
    assert_eq!(town["effects"][0]["per_year"].to_string(), "1200.00");
    assert_eq!(town["effects"][0]["direction"], "gain", "gain by default");
    assert_eq!(town["effects"][1]["per_year"].to_string(), "200.00");
    assert_eq!(town["net"].to_string(), "1000.00");

    let assess = json(&["assess", &file, "--format", "json"]);
    let assessed = &assess["relationships"][0]["stakeholders"][0];
    for key in ["gains", "losses", "net", "unpriced"] {
        assert_eq!(town[key], assessed[key], "{key}");
    }
    let table = text(&["roles", &file, "--color", "never"]);
    assert!(
        table.contains("new jobs: gain of 1,200.00 EUR a year"),
        "{table}"
    );
    assert!(table.contains("gains 1,200.00 EUR, losses 200.00 EUR, net 1,000.00 EUR a year"));
}
