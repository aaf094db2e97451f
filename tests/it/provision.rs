//! The provider's side end to end (docs/format.md §8.2–§8.5): how the cost of running a
//! service and of its upstream relationships is shared over the relationships that
//! consume it, the provider's verdict at the edges (no revenue, a negative target), and
//! `svs assess --view providers` and `--fail-on unsustainable`; and, as a property, that
//! the shares of a pool add up to the pool however the quantities fall.
//!
//! Each catalogue is written inline; each expected figure is derived by hand in a comment.
//! Numbers are compared as the exact text of the JSON report (`serde_json` keeps it with
//! `arbitrary_precision`): money rounded half away from zero to two decimals.

use crate::common;

use std::fmt::Write;
use std::path::PathBuf;

use common::{findings, lint_json, svs};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use svs::assess::assess;
use svs::assess::provision::CostFlow;

/// A catalogue written to a temporary file, kept alive while it is used.
struct Catalogue {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Catalogue {
    fn new(yaml: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalogue.yaml");
        std::fs::write(&path, yaml).unwrap();
        Catalogue { _dir: dir, path }
    }

    fn assess(&self, args: &[&str]) -> std::process::Output {
        svs()
            .arg("assess")
            .arg(&self.path)
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap()
    }

    /// `svs assess --format json`, which must exit 0.
    fn json(&self) -> Value {
        let output = self.assess(&["--format", "json"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// The codes, lines and entities of the lint findings of `code`.
    fn lint(&self, code: &str) -> Vec<(u64, Option<String>)> {
        let (document, _) = lint_json(&[&self.path]);
        findings(&document)
            .into_iter()
            .filter(|f| f.0 == code)
            .map(|f| (f.1, f.3))
            .collect()
    }
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The relationship `id` of a JSON report.
fn relationship<'d>(report: &'d Value, id: &str) -> &'d Value {
    report["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no relationship `{id}`: {report:#}"))
}

/// The provider side of relationship `id`.
fn side<'d>(report: &'d Value, id: &str) -> &'d Value {
    &relationship(report, id)["provider_side"]
}

/// The portfolio entry of provider `id`.
fn provider<'d>(report: &'d Value, id: &str) -> &'d Value {
    report["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no provider `{id}`: {report:#}"))
}

/// Asserts figures of one JSON object by key (`cost_of_provision.shared` reaches in), each
/// as the exact text of the number, or `null`.
#[track_caller]
fn figures(object: &Value, expected: &[(&str, &str)]) {
    for (key, text) in expected {
        let value = key.split('.').fold(object, |v, k| &v[k]);
        assert_eq!(value.to_string(), *text, "{key} in {object:#}");
    }
}

const HEAD: &str = "svs: 1
catalogue: { name: provision, currency: GBP }
organizations:
  - { id: telco, name: Telco plc }
  - { id: acme, name: Acme Ltd }
  - { id: bravo, name: Bravo Ltd }
  - { id: charlie, name: Charlie Ltd }
";

#[test]
fn a_service_with_no_user_is_unrecovered_and_linted() {
    let catalogue = Catalogue::new(&format!(
        "{HEAD}services:
  - id: mobile
    name: Mobile
    provider: telco
    running_costs:
      - {{ name: network, dimension: information-and-technology, amount: 12000, per: year }}
  - id: legacy-pbx
    name: Legacy PBX
    provider: telco
    running_costs:
      - {{ name: maintenance, dimension: partners-and-suppliers, amount: 6000, per: year }}
      - {{ name: decommissioning, dimension: partners-and-suppliers, amount: 1200, per: once }}
offerings:
  - id: corporate-mobile
    name: Corporate mobile
    provider: telco
    services: [mobile]
    price:
      - {{ name: fee, amount: 1500, per: month }}
relationships:
  - {{ id: acme-mobile, provider: telco, consumer: acme, offering: corporate-mobile }}
"
    ));
    let report = catalogue.json();
    // Revenue 1,500 × 12 = 18,000; the whole pool of `mobile` (12,000), its only user;
    // margin 6,000 = 33.33 % of revenue.
    figures(
        side(&report, "acme-mobile"),
        &[
            ("revenue", "18000.00"),
            ("cost_of_provision.direct", "0.00"),
            ("cost_of_provision.shared", "12000.00"),
            ("cost_of_provision.total", "12000.00"),
            ("margin", "6000.00"),
            ("margin_pct", "33.33"),
            ("verdict", "\"sustainable\""),
        ],
    );
    // `legacy-pbx` is used by no one: 6,000 + 1,200 × 12 / 36 = 6,400 unrecovered, so the
    // portfolio's margin is 6,000 − 6,400 = −400, −2.22 % of 18,000: not sustainable,
    // though its one relationship is.
    figures(
        provider(&report, "telco"),
        &[
            ("revenue", "18000.00"),
            ("cost_of_provision", "12000.00"),
            ("unrecovered", "6400.00"),
            ("margin", "-400.00"),
            ("margin_pct", "-2.22"),
            ("sustainable", "false"),
            ("relationships.sustainable", "1"),
        ],
    );
    assert_eq!(
        catalogue.lint("SVS207"),
        [(14, Some("legacy-pbx".to_owned()))]
    );
}

#[test]
fn a_pool_is_shared_by_quantity_or_equally_when_the_quantities_sum_to_zero() {
    let catalogue = Catalogue::new(&format!(
        "{HEAD}services:
  - id: helpdesk
    name: Helpdesk
    provider: telco
    running_costs:
      - {{ name: agents, dimension: organizations-and-people, amount: 9000, per: year }}
  - id: network
    name: Network
    provider: telco
    running_costs:
      - {{ name: links, dimension: information-and-technology, amount: 1000, per: year }}
offerings:
  - {{ id: support, name: Support, provider: telco, services: [helpdesk] }}
  - {{ id: connectivity, name: Connectivity, provider: telco, services: [network] }}
relationships:
  - {{ id: acme-support, provider: telco, consumer: acme, offering: support, quantity: 0 }}
  - {{ id: bravo-support, provider: telco, consumer: bravo, offering: support, quantity: 0 }}
  - {{ id: charlie-support, provider: telco, consumer: charlie, offering: support, quantity: 0 }}
  - {{ id: acme-network, provider: telco, consumer: acme, offering: connectivity, quantity: 1 }}
  - {{ id: bravo-network, provider: telco, consumer: bravo, offering: connectivity, quantity: 2 }}
  - {{ id: charlie-network, provider: telco, consumer: charlie, offering: connectivity, quantity: 0 }}
"
    ));
    let report = catalogue.json();
    // Quantities 0 + 0 + 0: 9,000 ÷ 3 users each.
    for id in ["acme-support", "bravo-support", "charlie-support"] {
        figures(
            side(&report, id),
            &[
                ("cost_of_provision.shared", "3000.00"),
                ("margin", "-3000.00"),
                ("margin_pct", "null"),
                ("verdict", "\"unsustainable\""),
            ],
        );
    }
    // Quantities 1 + 2 + 0 = 3: 1,000 × 1 ÷ 3 = 333.333…, 1,000 × 2 ÷ 3 = 666.666…, and 0
    // for the relationship of quantity 0.
    let shares = [
        ("acme-network", "333.33"),
        ("bravo-network", "666.67"),
        ("charlie-network", "0.00"),
    ];
    for (id, share) in shares {
        figures(side(&report, id), &[("cost_of_provision.shared", share)]);
    }
    // Nothing is lost to rounding in the sum: 9,000 + 1,000.
    figures(
        provider(&report, "telco"),
        &[("cost_of_provision", "10000.00"), ("unrecovered", "0.00")],
    );
}

#[test]
fn an_upstream_relationship_is_split_over_the_services_that_depend_on_it() {
    let catalogue = Catalogue::new(
        "svs: 1
catalogue: { name: network, currency: GBP }
organizations:
  - { id: stratus, name: Stratus Cloud }
  - { id: ledgerline, name: Ledgerline Ltd }
  - { id: fenwick, name: Fenwick Foods }
services:
  - { id: iaas, name: Virtual servers, provider: stratus }
  - id: hosted-erp
    name: Hosted ERP
    provider: ledgerline
    depends_on: [ledgerline-iaas]
  - id: erp-backup
    name: ERP backup
    provider: ledgerline
    depends_on: [ledgerline-iaas, ledgerline-iaas]
offerings:
  - id: iaas-london
    name: Virtual servers in London
    provider: stratus
    services: [iaas]
    price:
      - { name: subscription, amount: 1000, per: month }
  - id: erp-cloud
    name: ERP in the cloud
    provider: ledgerline
    services: [hosted-erp, hosted-erp]
    price:
      - { name: subscription, amount: 10000, per: year }
  - id: erp-vault
    name: ERP vault
    provider: ledgerline
    services: [erp-backup]
    price:
      - { name: subscription, amount: 5000, per: year }
relationships:
  - { id: ledgerline-iaas, provider: stratus, consumer: ledgerline, offering: iaas-london }
  - { id: fenwick-erp, provider: ledgerline, consumer: fenwick, offering: erp-cloud, quantity: 4 }
  - { id: fenwick-vault, provider: ledgerline, consumer: fenwick, offering: erp-vault }
",
    );
    let report = catalogue.json();
    // Ledgerline pays Stratus 1,000 × 12 = 12,000 a year. Two services depend on it
    // (`erp-backup` lists it twice: still one service), so each pool is 6,000.
    // `erp-cloud` lists `hosted-erp` twice: its pool is shared once, 6,000 in full to its
    // only user whatever the quantity. Margin 10,000 − 6,000 = 4,000, 40 %.
    figures(
        side(&report, "fenwick-erp"),
        &[
            ("revenue", "10000.00"),
            ("cost_of_provision.shared", "6000.00"),
            ("margin", "4000.00"),
            ("margin_pct", "40.00"),
            ("verdict", "\"sustainable\""),
        ],
    );
    // 5,000 − 6,000 = −1,000, −20 %.
    figures(
        side(&report, "fenwick-vault"),
        &[
            ("revenue", "5000.00"),
            ("cost_of_provision.shared", "6000.00"),
            ("margin", "-1000.00"),
            ("margin_pct", "-20.00"),
            ("verdict", "\"unsustainable\""),
        ],
    );
    // Stratus declares nothing on its side: `iaas` has no running cost and no upstream.
    figures(
        side(&report, "ledgerline-iaas"),
        &[("revenue", "12000.00"), ("verdict", "\"unassessed\"")],
    );
    assert_eq!(
        side(&report, "ledgerline-iaas")["reasons"],
        serde_json::json!(["no-provision-costs"])
    );
    // What Ledgerline pays upstream is exactly recovered in its two shares: 15,000 revenue,
    // 12,000 cost, 3,000 margin.
    figures(
        provider(&report, "ledgerline"),
        &[
            ("revenue", "15000.00"),
            ("cost_of_provision", "12000.00"),
            ("margin", "3000.00"),
            ("margin_pct", "20.00"),
            ("relationships.sustainable", "1"),
            ("relationships.unsustainable", "1"),
        ],
    );
    figures(
        provider(&report, "stratus"),
        &[
            ("revenue", "0.00"),
            ("margin_pct", "null"),
            // Its one relationship is unassessed on its side: no verdict (§8.5).
            ("sustainable", "null"),
            ("relationships.unassessed", "1"),
        ],
    );
}

#[test]
fn without_revenue_a_funding_benefit_decides_by_margin_at_least_zero() {
    let catalogue = Catalogue::new(
        "svs: 1
catalogue: { name: grants, currency: GBP }
organizations:
  - { id: council, name: City Council, target_margin: 15 }
  - { id: acme, name: Acme Ltd }
  - { id: bravo, name: Bravo Ltd }
offerings:
  - id: business-advice
    name: Business advice
    provider: council
    cost_to_serve:
      - { name: adviser, dimension: organizations-and-people, amount: 2000, per: year }
relationships:
  - id: acme-advice
    provider: council
    consumer: acme
    offering: business-advice
    provision:
      benefits:
        - { name: regional growth fund, kind: funding, amount: 2500, per: year }
  - id: bravo-advice
    provider: council
    consumer: bravo
    offering: business-advice
    provision:
      benefits:
        - { name: regional growth fund, kind: funding, amount: 1500, per: year }
",
    );
    let report = catalogue.json();
    // 0 − 2,000 + 2,500 = 500 ≥ 0: sustainable; no revenue, so no percentage, and the
    // target of 15 % asks only for margin × 100 ≥ 15 × 0.
    figures(
        side(&report, "acme-advice"),
        &[
            ("revenue", "0.00"),
            ("benefits", "2500.00"),
            ("margin", "500.00"),
            ("margin_pct", "null"),
            ("target_margin", "15.00"),
            ("verdict", "\"sustainable\""),
        ],
    );
    // 0 − 2,000 + 1,500 = −500 < 0.
    figures(
        side(&report, "bravo-advice"),
        &[
            ("margin", "-500.00"),
            ("margin_pct", "null"),
            ("verdict", "\"unsustainable\""),
        ],
    );
    assert_eq!(
        side(&report, "bravo-advice")["reasons"],
        serde_json::json!(["below-target-margin"])
    );
    // Together: 500 − 500 = 0 on no revenue: sustainable.
    figures(
        provider(&report, "council"),
        &[
            ("revenue", "0.00"),
            ("benefits", "4000.00"),
            ("margin", "0.00"),
            ("margin_pct", "null"),
            ("sustainable", "true"),
        ],
    );
}

/// A relationship of 1,000 revenue and 1,100 cost: margin −100, −10 % of revenue.
fn subsidy(metadata: &str, target: &str) -> Catalogue {
    Catalogue::new(&format!(
        "svs: 1
catalogue: {{ name: subsidy, currency: GBP{metadata} }}
organizations:
  - {{ id: council, name: City Council{target} }}
  - {{ id: acme, name: Acme Ltd }}
offerings:
  - id: business-advice
    name: Business advice
    provider: council
    price:
      - {{ name: annual fee, amount: 1000, per: year }}
    cost_to_serve:
      - {{ name: adviser, dimension: organizations-and-people, amount: 1100, per: year }}
relationships:
  - {{ id: acme-advice, provider: council, consumer: acme, offering: business-advice }}
"
    ))
}

#[test]
fn a_negative_target_margin_is_a_planned_subsidy() {
    for (metadata, target, verdict, shown) in [
        // The default target, 0: −10 % misses it.
        ("", "", "unsustainable", "0.00"),
        // A subsidy of up to 20 %: −100 × 100 ≥ −20 × 1,000.
        ("", ", target_margin: -20", "sustainable", "-20.00"),
        // Exactly at the catalogue's threshold: −100 × 100 ≥ −10 × 1,000.
        (", thresholds: { margin: -10 }", "", "sustainable", "-10.00"),
        // The organisation's own target wins over the catalogue's.
        (
            ", thresholds: { margin: -20 }",
            ", target_margin: -5",
            "unsustainable",
            "-5.00",
        ),
    ] {
        let report = subsidy(metadata, target).json();
        let side = side(&report, "acme-advice");
        figures(
            side,
            &[
                ("margin", "-100.00"),
                ("margin_pct", "-10.00"),
                ("target_margin", shown),
                ("verdict", &format!("\"{verdict}\"")),
            ],
        );
        figures(
            provider(&report, "council"),
            &[
                ("target_margin", shown),
                (
                    "sustainable",
                    if verdict == "sustainable" {
                        "true"
                    } else {
                        "false"
                    },
                ),
            ],
        );
    }
}

#[test]
fn a_benefit_without_an_amount_is_declared_but_not_counted() {
    let catalogue = Catalogue::new(&format!(
        "{HEAD}offerings:
  - id: corporate-mobile
    name: Corporate mobile
    provider: telco
    price:
      - {{ name: fee, amount: 100, per: month }}
relationships:
  - id: acme-mobile
    provider: telco
    consumer: acme
    offering: corporate-mobile
    provision:
      benefits:
        - {{ name: case study, kind: image }}
        - {{ name: lessons learnt, kind: knowledge, amount: 50, per: quarter }}
  - id: bravo-mobile
    provider: telco
    consumer: bravo
    offering: corporate-mobile
    provision:
      benefits:
        - {{ name: case study, kind: image }}
  - {{ id: charlie-mobile, provider: telco, consumer: charlie, offering: corporate-mobile }}
"
    ));
    let report = catalogue.json();
    // Only the priced benefit counts: 50 × 4 = 200; margin 1,200 + 200 = 1,400.
    figures(
        side(&report, "acme-mobile"),
        &[
            ("benefits", "200.00"),
            ("margin", "1400.00"),
            ("verdict", "\"sustainable\""),
        ],
    );
    // An unpriced benefit alone counts 0, but it is something declared on the provider's
    // side, so the relationship is assessed: 1,200, 100 %.
    figures(
        side(&report, "bravo-mobile"),
        &[
            ("benefits", "0.00"),
            ("margin", "1200.00"),
            ("margin_pct", "100.00"),
            ("verdict", "\"sustainable\""),
        ],
    );
    // Nothing at all declared: unassessed, left out of the portfolio's sums.
    figures(
        side(&report, "charlie-mobile"),
        &[("margin", "1200.00"), ("verdict", "\"unassessed\"")],
    );
    figures(
        provider(&report, "telco"),
        &[
            ("revenue", "2400.00"),
            ("benefits", "200.00"),
            ("margin", "2600.00"),
            ("relationships.sustainable", "2"),
            ("relationships.unassessed", "1"),
        ],
    );
}

#[test]
fn once_amounts_are_spread_over_the_horizon_and_unit_costs_follow_the_quantity() {
    let catalogue = Catalogue::new(
        "svs: 1
catalogue: { name: horizon, currency: GBP, horizon_months: 24 }
organizations:
  - { id: telco, name: Telco plc }
  - { id: acme, name: Acme Ltd }
people:
  - { id: jane, name: Jane Doe, organization: telco }
services:
  - id: mobile
    name: Mobile
    provider: telco
    running_costs:
      - { name: rollout, dimension: value-streams-and-processes, amount: 3600, per: once }
offerings:
  - id: corporate-mobile
    name: Corporate mobile
    provider: telco
    services: [mobile]
    price:
      - { name: handset, amount: 600, per: once, unit: handset }
      - { name: plan, amount: 10, per: month, unit: user }
    cost_to_serve:
      - { name: handset, dimension: partners-and-suppliers, amount: 240, per: once, unit: handset }
      - { name: SIM, dimension: partners-and-suppliers, amount: 5, per: month, unit: user }
      - { name: account set-up, dimension: organizations-and-people, amount: 100, per: quarter }
relationships:
  - id: acme-mobile
    provider: telco
    consumer: acme
    offering: corporate-mobile
    quantity: 7
    provision:
      costs:
        - { name: migration, dimension: organizations-and-people, amount: 480, per: once }
      risks:
        - { name: SLA penalties, likelihood: 0.25, impact: 1000 }
      benefits:
        - { name: launch grant, kind: funding, amount: 1000, per: once }
    stakeholders:
      - party: jane
        role: employee
        effects:
          - { name: overtime pay, direction: gain, amount: 240, per: once }
          - { name: weekend call-outs, direction: loss, amount: 30, per: month }
          - { name: sense of purpose }
",
    );
    let report = catalogue.json();
    // Once × 12 / 24 = half a year's worth. Revenue: 600 × 7 ÷ 2 = 2,100, plus
    // 10 × 7 × 12 = 840: 2,940.
    // Direct: 240 × 7 ÷ 2 = 840, plus 5 × 7 × 12 = 420, plus 100 × 4 = 400 (no unit: not
    // × 7), plus the migration 480 ÷ 2 = 240: 1,900.
    // Shared: the rollout 3,600 ÷ 2 = 1,800, all of it (the only user).
    // Risks 0.25 × 1,000 = 250; benefits 1,000 ÷ 2 = 500.
    // Margin 2,940 − 1,900 − 1,800 − 250 + 500 = −510; −510 × 100 ÷ 2,940 = −17.346…
    figures(
        side(&report, "acme-mobile"),
        &[
            ("revenue", "2940.00"),
            ("cost_of_provision.direct", "1900.00"),
            ("cost_of_provision.shared", "1800.00"),
            ("cost_of_provision.total", "3700.00"),
            ("risks", "250.00"),
            ("benefits", "500.00"),
            ("margin", "-510.00"),
            ("margin_pct", "-17.35"),
            ("verdict", "\"unsustainable\""),
        ],
    );
    // Jane: gains 240 ÷ 2 = 120, losses 30 × 12 = 360, net −240; one effect unpriced.
    let jane = &relationship(&report, "acme-mobile")["stakeholders"][0];
    figures(
        jane,
        &[
            ("party", "\"jane\""),
            ("gains", "120.00"),
            ("losses", "360.00"),
            ("net", "-240.00"),
        ],
    );
    assert_eq!(jane["unpriced"], serde_json::json!(["sense of purpose"]));
    // The consumer's imposed costs hold the same price: 2,940.
    figures(
        relationship(&report, "acme-mobile"),
        &[("costs.imposed", "2940.00")],
    );
}

/// Telco's two services share their pools over two relationships of quantities 2 and 1,
/// and split what Telco pays Cloud for servers; a third service is shared equally by two
/// relationships of quantity 0. Every cost line carries a dimension. The horizon is 36
/// months.
fn dimensions() -> Catalogue {
    Catalogue::new(
        "svs: 1
catalogue: { name: dimensions, currency: GBP }
organizations:
  - { id: cloud, name: Cloud Ltd }
  - { id: telco, name: Telco plc }
  - { id: acme, name: Acme Ltd }
  - { id: bravo, name: Bravo Ltd }
services:
  - { id: servers, name: Servers, provider: cloud }
  - id: network
    name: Network
    provider: telco
    depends_on: [telco-servers]
    running_costs:
      - { name: links, dimension: information-and-technology, amount: 1000, per: year }
      - { name: operations team, dimension: organizations-and-people, amount: 2000, per: year }
  - id: helpdesk
    name: Helpdesk
    provider: telco
    depends_on: [telco-servers]
    running_costs:
      - { name: ticket process, dimension: value-streams-and-processes, amount: 1500, per: once }
  - id: lab
    name: Lab
    provider: telco
    running_costs:
      - { name: test rigs, dimension: information-and-technology, amount: 900, per: year }
offerings:
  - id: rack
    name: Rack
    provider: cloud
    services: [servers]
    price:
      - { name: rent, amount: 1200, per: month }
  - id: mobile
    name: Mobile
    provider: telco
    services: [network, helpdesk]
    price:
      - { name: user fee, amount: 1000, per: month, unit: user }
    cost_to_serve:
      - { name: handset, dimension: partners-and-suppliers, amount: 300, per: once, unit: handset }
  - { id: lab-access, name: Lab access, provider: telco, services: [lab] }
relationships:
  - { id: telco-servers, provider: cloud, consumer: telco, offering: rack }
  - id: acme-mobile
    provider: telco
    consumer: acme
    offering: mobile
    quantity: 2
    provision:
      costs:
        - { name: account manager, dimension: organizations-and-people, amount: 1000, per: year }
  - { id: bravo-mobile, provider: telco, consumer: bravo, offering: mobile, quantity: 1 }
  - { id: acme-lab, provider: telco, consumer: acme, offering: lab-access, quantity: 0 }
  - { id: bravo-lab, provider: telco, consumer: bravo, offering: lab-access, quantity: 0 }
",
    )
}

#[test]
fn the_cost_of_provision_is_told_by_the_dimensions_of_its_cost_lines() {
    let report = dimensions().json();
    // Telco pays Cloud 1,200 × 12 = 14,400 a year for servers, split over the two services
    // that depend on them: 7,200 in each pool, partners and suppliers. The pools:
    //   network:  information and technology 1,000, organizations and people 2,000,
    //             partners and suppliers 7,200 (10,200);
    //   helpdesk: value streams and processes 1,500 × 12 ÷ 36 = 500, partners and
    //             suppliers 7,200 (7,700).
    // Both are shared by quantity, 2 and 1 of 3.
    //
    // acme-mobile (2 of 3): the handset 300 × 2 × 12 ÷ 36 = 200 and the account manager
    // 1,000 direct; network 6,800 and helpdesk 5,133.33 shared.
    //   organizations and people   1,000 + 2,000 × 2 ÷ 3          =  2,333.33
    //   information and technology 1,000 × 2 ÷ 3                  =    666.67
    //   partners and suppliers     200 + 7,200 × 2 ÷ 3 × 2        =  9,800.00
    //   value streams and processes 500 × 2 ÷ 3                   =    333.33
    //   total                      1,200 + 11,933.33              = 13,133.33
    figures(
        side(&report, "acme-mobile"),
        &[
            ("cost_of_provision.direct", "1200.00"),
            ("cost_of_provision.shared", "11933.33"),
            ("cost_of_provision.total", "13133.33"),
            ("cost_by_dimension.organizations-and-people", "2333.33"),
            ("cost_by_dimension.information-and-technology", "666.67"),
            ("cost_by_dimension.partners-and-suppliers", "9800.00"),
            ("cost_by_dimension.value-streams-and-processes", "333.33"),
        ],
    );
    // bravo-mobile (1 of 3): the handset 300 × 12 ÷ 36 = 100 direct.
    //   organizations and people   2,000 ÷ 3                      =    666.67
    //   information and technology 1,000 ÷ 3                      =    333.33
    //   partners and suppliers     100 + 7,200 ÷ 3 × 2            =  4,900.00
    //   value streams and processes 500 ÷ 3                       =    166.67
    //   total                      100 + 5,966.67                 =  6,066.67
    figures(
        side(&report, "bravo-mobile"),
        &[
            ("cost_of_provision.direct", "100.00"),
            ("cost_of_provision.shared", "5966.67"),
            ("cost_of_provision.total", "6066.67"),
            ("cost_by_dimension.organizations-and-people", "666.67"),
            ("cost_by_dimension.information-and-technology", "333.33"),
            ("cost_by_dimension.partners-and-suppliers", "4900.00"),
            ("cost_by_dimension.value-streams-and-processes", "166.67"),
        ],
    );
    // Quantities 0 + 0: the lab's 900 ÷ 2 users each, information and technology.
    for id in ["acme-lab", "bravo-lab"] {
        figures(
            side(&report, id),
            &[
                ("cost_of_provision.total", "450.00"),
                ("cost_by_dimension.organizations-and-people", "0.00"),
                ("cost_by_dimension.information-and-technology", "450.00"),
                ("cost_by_dimension.partners-and-suppliers", "0.00"),
                ("cost_by_dimension.value-streams-and-processes", "0.00"),
            ],
        );
    }
    // Telco recovers every line: people 1,000 + 2,000; technology 1,000 + 900; partners
    // 300 + 14,400; processes 500: 20,100 in all.
    figures(
        provider(&report, "telco"),
        &[
            ("cost_of_provision", "20100.00"),
            ("cost_by_dimension.organizations-and-people", "3000.00"),
            ("cost_by_dimension.information-and-technology", "1900.00"),
            ("cost_by_dimension.partners-and-suppliers", "14700.00"),
            ("cost_by_dimension.value-streams-and-processes", "500.00"),
        ],
    );
    // Cloud declares nothing on its side: zeros, in the same four keys.
    figures(
        provider(&report, "cloud"),
        &[
            ("cost_by_dimension.organizations-and-people", "0.00"),
            ("cost_by_dimension.information-and-technology", "0.00"),
            ("cost_by_dimension.partners-and-suppliers", "0.00"),
            ("cost_by_dimension.value-streams-and-processes", "0.00"),
        ],
    );
    // The keys come in the order of the format, in every object.
    let text = stdout(&dimensions().assess(&["--format", "json"]));
    let objects = text.split("\"cost_by_dimension\": {").skip(1);
    assert_eq!(
        objects.clone().count(),
        5 + 2,
        "five relationships, two providers"
    );
    for object in objects {
        let at = |key: &str| {
            object
                .find(key)
                .unwrap_or_else(|| panic!("{key}: {object}"))
        };
        assert!(at("organizations-and-people") < at("information-and-technology"));
        assert!(at("information-and-technology") < at("partners-and-suppliers"));
        assert!(at("partners-and-suppliers") < at("value-streams-and-processes"));
        assert!(at("value-streams-and-processes") < object.find('}').unwrap());
    }
}

#[test]
fn the_four_parts_add_up_to_the_cost_of_provision_to_the_last_digit() {
    let dir = dimensions();
    let loaded = svs::load::load_files(
        vec![("d.yaml".into(), std::fs::read(&dir.path).unwrap())],
        "d".into(),
    );
    let catalogue = loaded.catalogue.expect("loads");
    let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
    let evaluation = svs::assess::evaluate(&catalogue, &all).expect("no overflow");
    for a in &evaluation.relationships {
        let cost = a.provider.cost_of_provision;
        // Thirds of 1,000, 2,000 and 500 repeat forever; the parts still add up exactly.
        assert_eq!(cost.by_dimension.total(), Some(cost.total));
        let tolerance = Decimal::new(1, 20);
        assert!((cost.direct + cost.shared - cost.total).abs() <= tolerance);
    }
    for p in &evaluation.providers {
        assert_eq!(p.cost_by_dimension.total(), Some(p.cost_of_provision));
    }
}

/// Two relationships of `telco`: one sustainable, one not.
fn mixed() -> Catalogue {
    Catalogue::new(&format!(
        "{HEAD}offerings:
  - id: corporate-mobile
    name: Corporate mobile
    provider: telco
    price:
      - {{ name: fee, amount: 100, per: month }}
    cost_to_serve:
      - {{ name: network, dimension: information-and-technology, amount: 90, per: month }}
  - id: premium-mobile
    name: Premium mobile
    provider: telco
    price:
      - {{ name: fee, amount: 100, per: month }}
    cost_to_serve:
      - {{ name: network, dimension: information-and-technology, amount: 120, per: month }}
relationships:
  - {{ id: acme-mobile, provider: telco, consumer: acme, offering: corporate-mobile }}
  - {{ id: bravo-premium, provider: telco, consumer: bravo, offering: premium-mobile }}
"
    ))
}

#[test]
fn fail_on_unsustainable_exits_1_naming_the_relationship() {
    let catalogue = mixed();
    let output = catalogue.assess(&["--fail-on", "unsustainable"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bravo-premium"), "{stderr}");
    assert!(!stderr.contains("acme-mobile"), "{stderr}");
    // The report is still written in full.
    assert!(stdout(&output).contains("acme-mobile"));

    // Unsustainable is the provider's verdict: `--fail-on no-value` ignores it (both
    // relationships are unassessed for the consumer, which `no-value` does not fail).
    assert_eq!(
        catalogue.assess(&["--fail-on", "no-value"]).status.code(),
        Some(0)
    );
    // Only the sustainable one selected: exit 0.
    let output = catalogue.assess(&[
        "--relationship",
        "acme-mobile",
        "--fail-on",
        "unsustainable",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
}

#[test]
fn the_providers_view_in_every_format() {
    let catalogue = mixed();
    // Revenue 1,200 + 1,200 = 2,400; cost 1,080 + 1,440 = 2,520; margin −120, −5 %.
    let json = catalogue.assess(&["--view", "providers", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["providers"].as_array().unwrap().len(), 1);
    figures(
        provider(&report, "telco"),
        &[
            ("revenue", "2400.00"),
            ("cost_of_provision", "2520.00"),
            ("risks", "0.00"),
            ("benefits", "0.00"),
            ("unrecovered", "0.00"),
            ("margin", "-120.00"),
            ("margin_pct", "-5.00"),
            ("target_margin", "0.00"),
            ("sustainable", "false"),
            ("relationships.sustainable", "1"),
            ("relationships.unsustainable", "1"),
            ("relationships.unassessed", "0"),
        ],
    );
    assert!(report.get("relationships").is_none(), "{report:#}");

    // RFC 4180 line ends, as in every CSV of svs.
    let csv = stdout(&catalogue.assess(&["--view", "providers", "--format", "csv"]));
    assert_eq!(
        csv,
        "provider,revenue,cost_of_provision,risks,benefits,unrecovered,margin,margin_pct,\
         target_margin,currency,sustainable,relationships_sustainable,\
         relationships_unsustainable,relationships_unassessed,\
         cost_of_provision_organizations_and_people,\
         cost_of_provision_information_and_technology,\
         cost_of_provision_partners_and_suppliers,\
         cost_of_provision_value_streams_and_processes\r\n\
         telco,2400.00,2520.00,0.00,0.00,0.00,-120.00,-5.00,0.00,GBP,false,1,1,0,\
         0.00,2520.00,0.00,0.00\r\n"
    );

    let markdown = stdout(&catalogue.assess(&["--view", "providers", "--format", "markdown"]));
    assert!(
        markdown.contains(
            "| `telco` | 2,400.00 GBP | 2,520.00 GBP | 0.00 GBP | 0.00 GBP | 0.00 GBP | \
             -120.00 GBP | -5.00 | 0.00 | ❌ no | 1 / 1 / 0 |"
        ),
        "{markdown}"
    );

    // The network is information and technology: all of the 2,520.
    assert!(
        markdown
            .contains("| `telco` | 0.00 GBP | 2,520.00 GBP | 0.00 GBP | 0.00 GBP | 2,520.00 GBP |"),
        "{markdown}"
    );

    let table = stdout(&catalogue.assess(&["--view", "providers"]));
    let row = table
        .lines()
        .find(|l| l.contains("telco"))
        .unwrap_or_else(|| panic!("{table}"));
    for cell in [
        "2,400.00 GBP",
        "2,520.00 GBP",
        "information-and-technology 2,520.00 GBP",
        "-120.00 GBP",
        "-5.00",
        "no",
        "1 / 1 / 0",
    ] {
        assert!(row.contains(cell), "{cell}: {row}");
    }
    assert!(!table.contains("acme-mobile"), "{table}");
}

/// A catalogue of one service whose pool is `pool` a year, consumed through one offering
/// by one relationship per quantity.
fn pooled(pool: Decimal, quantities: &[Decimal]) -> svs::model::Catalogue {
    let mut yaml = format!(
        "svs: 1
catalogue: {{ name: pool, currency: GBP }}
organizations:
  - {{ id: a, name: A }}
  - {{ id: b, name: B }}
services:
  - id: s
    name: S
    provider: a
    running_costs:
      - {{ name: run, dimension: information-and-technology, amount: {pool}, per: year }}
offerings:
  - {{ id: f, name: F, provider: a, services: [s] }}
relationships:
"
    );
    for (i, q) in quantities.iter().enumerate() {
        writeln!(
            yaml,
            "  - {{ id: r{i}, provider: a, consumer: b, offering: f, quantity: {q} }}"
        )
        .unwrap();
    }
    let loaded = svs::load::load_files(vec![("p.yaml".into(), yaml.into_bytes())], "p".into());
    loaded
        .catalogue
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

/// Quantities with up to three decimals, a third of them 0.
fn quantity() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        2 => (0i64..10_000_000, 0u32..=3).prop_map(|(n, scale)| Decimal::new(n, scale)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// However the quantities fall (all 0 included), the shares of a pool over its users
    /// add up to the pool, up to the last digit of the decimal type: a difference of at
    /// most 10⁻²⁰ of the pool.
    #[test]
    fn the_shares_of_a_pool_add_up_to_the_pool(
        pence in 0i64..1_000_000_000_000,
        quantities in prop::collection::vec(quantity(), 1..24),
    ) {
        let pool = Decimal::new(pence, 2);
        let catalogue = pooled(pool, &quantities);
        let flow = CostFlow::new(&catalogue);
        prop_assert_eq!(flow.pool(0), Some(pool));
        prop_assert_eq!(flow.users(0), quantities.len());
        let tolerance = pool * Decimal::new(1, 20);

        let shares: Decimal = quantities
            .iter()
            .map(|&q| flow.share(0, q).expect("no overflow"))
            .sum();
        prop_assert!((shares - pool).abs() <= tolerance, "{shares} against {pool}");

        // The same through every relationship's assessment.
        let all: Vec<usize> = (0..quantities.len()).collect();
        let shared: Decimal = assess(&catalogue, &all)
            .expect("no overflow")
            .iter()
            .map(|a| a.provider.cost_of_provision.shared)
            .sum();
        prop_assert!((shared - pool).abs() <= tolerance, "{shared} against {pool}");
    }
}

/// `svs assess` with `args` of tests/fixtures/co-creation.yaml (one relationship in each
/// quadrant, and `acme-hosting`, unassessed on both sides) and one more relationship:
/// no value for Gamma from Hoster, which declares nothing on its side.
fn co_creation(args: &[&str]) -> String {
    let text = std::fs::read_to_string(common::fixture("co-creation.yaml")).unwrap();
    let catalogue = Catalogue::new(&format!(
        "{text}  - id: gamma-hosting
    provider: hoster
    consumer: gamma
    offering: hosting
    requirements:
      outcomes: [{{ outcome: reachable, priority: must, weight: 1 }}]
      warranty: {{ availability: 99.5 }}
"
    ));
    let output = catalogue.assess(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

#[test]
fn a_consumer_without_value_beside_an_unassessed_provider_is_not_mutual_in_every_format() {
    // gamma-hosting: no value for Gamma, nothing declared on Hoster's side. acme-hosting,
    // with no requirement at all, stays unassessed.
    let report: Value = serde_json::from_str(&co_creation(&["--format", "json"])).unwrap();
    assert_eq!(
        relationship(&report, "gamma-hosting")["co_creation"],
        "not-mutual"
    );
    assert_eq!(
        relationship(&report, "acme-hosting")["co_creation"],
        "unassessed"
    );
    assert_eq!(
        report["summary"]["co_creation"],
        serde_json::json!({ "mutual": 1, "consumer_only": 1, "provider_only": 1,
                            "neither": 1, "not_mutual": 1, "unassessed": 1 })
    );

    let table = co_creation(&[]);
    let row = table
        .lines()
        .find(|l| l.contains("gamma-hosting"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("not-mutual"), "{row}");
    assert!(
        table.contains(
            "co-creation: 1 mutual, 1 consumer-only, 1 provider-only, 1 neither, 1 not-mutual, \
             1 unassessed"
        ),
        "{table}"
    );
    let markdown = co_creation(&["--format", "markdown"]);
    let row = markdown
        .lines()
        .find(|l| l.contains("gamma-hosting"))
        .unwrap_or_else(|| panic!("{markdown}"));
    assert!(row.contains("🚫 not-mutual"), "{row}");
    let csv = co_creation(&["--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.starts_with("gamma-hosting,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(",not-mutual"), "{row}");
}

#[test]
fn a_provider_with_no_assessed_side_is_neither_sustainable_nor_unsustainable() {
    // Hoster declares nothing on either of its relationships.
    let report: Value =
        serde_json::from_str(&co_creation(&["--view", "providers", "--format", "json"])).unwrap();
    let hoster = provider(&report, "hoster");
    assert_eq!(hoster["sustainable"], Value::Null, "{hoster:#}");
    assert_eq!(provider(&report, "telco")["sustainable"], true);

    let csv = co_creation(&["--view", "providers", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.starts_with("hoster,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(",GBP,,0,0,2,"), "{row}");
    let table = co_creation(&["--view", "providers"]);
    let row = table
        .lines()
        .find(|l| l.contains("hoster"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("— (not assessed)"), "{row}");
    let markdown = co_creation(&["--view", "providers", "--format", "markdown"]);
    assert!(markdown.contains("❔ not assessed"), "{markdown}");
}

#[test]
fn everything_a_provider_pays_to_consume_upstream_joins_the_pool() {
    // The seeds' office automation: the IT department buys the vendor's system for the
    // business, and must also buy the servers to run it and train its staff. What it pays
    // upstream is its costs imposed (§5.4), not only the vendor's price.
    let catalogue = Catalogue::new(
        "svs: 1
catalogue: { name: office, currency: GBP, horizon_months: 36 }
organizations:
  - { id: vendor, name: Office Systems plc }
  - { id: it, name: IT department }
  - { id: business, name: The business }
services:
  - { id: suite, name: Office automation suite, provider: vendor }
  - id: office-it
    name: Office automation for the business
    provider: it
    depends_on: [it-suite]
offerings:
  - id: suite-licence
    name: Suite licence
    provider: vendor
    services: [suite]
    price:
      - { name: licence, amount: 1000, per: month }
  - id: office-desk
    name: Office automation
    provider: it
    services: [office-it]
    price:
      - { name: chargeback, amount: 60000, per: year }
relationships:
  - id: it-suite
    provider: vendor
    consumer: it
    offering: suite-licence
    costs:
      imposed:
        - { name: servers to run the suite, category: procurement, amount: 120000, per: once }
        - { name: administrator training, category: training, amount: 600, per: year }
  - { id: business-office, provider: it, consumer: business, offering: office-desk }
",
    );
    let report = catalogue.json();
    // Pool of office-it: the licence 1,000 × 12 = 12,000 + the servers 120,000 × 12 / 36
    // = 40,000 + the training 600 = 52,600, all to its one user. Margin 60,000 − 52,600 =
    // 7,400, 12.33 %.
    figures(
        side(&report, "business-office"),
        &[
            ("revenue", "60000.00"),
            ("cost_of_provision.shared", "52600.00"),
            ("margin", "7400.00"),
            ("margin_pct", "12.33"),
        ],
    );
    // The vendor's revenue is still its price alone.
    figures(side(&report, "it-suite"), &[("revenue", "12000.00")]);
}

/// A catalogue of one service with running costs `lines` (pence a year, dimension index),
/// and an upstream relationship of `upstream` pence a year, consumed through one offering
/// by one relationship per quantity.
fn pooled_by_dimension(
    lines: &[(i64, usize)],
    upstream: i64,
    quantities: &[Decimal],
) -> svs::model::Catalogue {
    let dimensions = [
        "organizations-and-people",
        "information-and-technology",
        "partners-and-suppliers",
        "value-streams-and-processes",
    ];
    let mut yaml = String::from(
        "svs: 1
catalogue: { name: pool, currency: GBP, horizon_months: 7 }
organizations:
  - { id: a, name: A }
  - { id: b, name: B }
  - { id: up, name: Up }
offerings:
  - { id: f, name: F, provider: a, services: [s] }
  - { id: u, name: U, provider: up, price: [{ name: fee, amount: ",
    );
    writeln!(yaml, "{}, per: year }}] }}", Decimal::new(upstream, 2)).unwrap();
    yaml.push_str(
        "services:
  - id: s
    name: S
    provider: a
    depends_on: [a-up]
    running_costs:
",
    );
    for (pence, d) in lines {
        // Once over 7 months: 12 ÷ 7 of the amount a year, which never ends.
        writeln!(
            yaml,
            "      - {{ name: line, dimension: {}, amount: {}, per: once }}",
            dimensions[*d],
            Decimal::new(*pence, 2)
        )
        .unwrap();
    }
    yaml.push_str(
        "relationships:
  - { id: a-up, provider: up, consumer: a, offering: u }
",
    );
    for (i, q) in quantities.iter().enumerate() {
        writeln!(
            yaml,
            "  - {{ id: r{i}, provider: a, consumer: b, offering: f, quantity: {q} }}"
        )
        .unwrap();
    }
    let loaded = svs::load::load_files(vec![("p.yaml".into(), yaml.into_bytes())], "p".into());
    loaded
        .catalogue
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// However the lines and quantities fall, each relationship's four parts add up to its
    /// cost of provision exactly, as do the provider's; and each dimension's parts over
    /// the users add up to that dimension's pool (the upstream term in partners and
    /// suppliers), up to the last digit of the decimal type.
    #[test]
    fn the_parts_by_dimension_add_up_to_the_cost_and_to_the_pools(
        lines in prop::collection::vec((0i64..1_000_000_000, 0usize..4), 0..8),
        upstream in 0i64..1_000_000_000,
        quantities in prop::collection::vec(quantity(), 1..12),
    ) {
        let catalogue = pooled_by_dimension(&lines, upstream, &quantities);
        let flow = CostFlow::new(&catalogue);
        let pool = flow.pool_by_dimension(0).expect("no overflow");
        // The upstream term is all partners and suppliers.
        let partners: Decimal = lines
            .iter()
            .filter(|(_, d)| *d == 2)
            .map(|(p, _)| Decimal::new(*p, 2) * Decimal::from(12) / Decimal::from(7))
            .sum();
        let upstream = Decimal::new(upstream, 2);
        let partners_pool = pool.get(svs::model::Dimension::PartnersAndSuppliers);
        prop_assert!(
            (partners_pool - partners - upstream).abs() <= Decimal::new(1, 18),
            "{} against {} + {}", partners_pool, partners, upstream
        );
        let users: Vec<usize> = (1..=quantities.len()).collect();
        let evaluation = svs::assess::evaluate(&catalogue, &users).expect("no overflow");
        let mut sums = [Decimal::ZERO; 4];
        for a in &evaluation.relationships {
            let cost = a.provider.cost_of_provision;
            prop_assert_eq!(cost.by_dimension.total(), Some(cost.total));
            for (sum, (_, part)) in sums.iter_mut().zip(cost.by_dimension.parts()) {
                *sum += part;
            }
        }
        for p in &evaluation.providers {
            prop_assert_eq!(p.cost_by_dimension.total(), Some(p.cost_of_provision));
        }
        for ((d, part), sum) in pool.parts().zip(sums) {
            let tolerance = part * Decimal::new(1, 20) + Decimal::new(1, 20);
            prop_assert!((sum - part).abs() <= tolerance, "{:?}: {} against {}", d, sum, part);
        }
    }
}

#[test]
fn an_allocation_is_the_consumers_cost_and_the_providers_revenue() {
    // One budget, declared once: 5,500 a month allocated by the group's IT department to
    // the wholesale company. Both sides read the same 66,000.
    let catalogue = Catalogue::new(
        "svs: 1
catalogue: { name: group, currency: GBP }
organizations:
  - { id: group, name: Fenwick Group }
  - { id: group-it, name: Group IT, parent: group, target_margin: 0 }
  - { id: wholesale, name: Fenwick Wholesale, parent: group }
outcomes:
  - { id: laptops-work, name: Laptops that work, kind: performance }
services:
  - id: it-support
    name: IT support
    provider: group-it
    outputs: [{ name: repaired laptops, enables: [laptops-work] }]
    warranty: { availability: 99 }
    running_costs:
      - { name: support team, dimension: organizations-and-people, amount: 60000, per: year }
offerings:
  - { id: it-for-companies, name: IT for the group, provider: group-it, services: [it-support] }
relationships:
  - id: wholesale-it
    provider: group-it
    consumer: wholesale
    offering: it-for-companies
    requirements:
      outcomes: [{ outcome: laptops-work, priority: must }]
      warranty: { availability: 98 }
    costs:
      removed:
        - { name: outsourced support, category: staff, amount: 70000, per: year }
      imposed:
        - { name: group IT allocation, category: allocation, amount: 5500, per: month }
",
    );
    let report = catalogue.json();
    let r = relationship(&report, "wholesale-it");
    // The consumer: 70,000 removed, 66,000 imposed, net 4,000.
    figures(
        r,
        &[
            ("costs.removed", "70000.00"),
            ("costs.imposed", "66000.00"),
            ("net_value", "4000.00"),
            ("verdict", "\"value\""),
        ],
    );
    // The provider: the same 66,000 as revenue against 60,000 of cost, margin 6,000.
    figures(
        side(&report, "wholesale-it"),
        &[
            ("revenue", "66000.00"),
            ("cost_of_provision.total", "60000.00"),
            ("margin", "6000.00"),
            ("verdict", "\"sustainable\""),
        ],
    );
    assert_eq!(r["co_creation"], "mutual");
    // One figure on both sides: nothing for SVS313 to say.
    assert!(catalogue.lint("SVS313").is_empty());
}
