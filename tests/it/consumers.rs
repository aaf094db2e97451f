//! The consumer portfolio end to end (docs/format.md §5.12): each consumer's relationships
//! taken together, in every format of `svs assess --view consumers`, in the JSON report
//! beside the provider portfolio, and in `svs report`; and the summary line that says
//! what its total adds up.
//!
//! The catalogue is written inline; each expected figure is derived by hand in a comment,
//! compared as the exact text of the output (money rounded half away from zero to two
//! decimals).

use crate::common;

use std::path::PathBuf;

use common::svs;
use scraper::{Html, Selector};
use serde_json::Value;

/// Acme consumes three relationships of Shop's offering (1,200 a year): two it values
/// and one without requirements; Bravo one that is not fit for use. The horizon is 36
/// months.
const CATALOGUE: &str = "svs: 1
catalogue: { name: consumers, currency: GBP }
organizations:
  - { id: shop, name: Shop Ltd }
  - { id: acme, name: Acme Ltd }
  - { id: bravo, name: Bravo Ltd }
outcomes:
  - { id: served, name: Customers served, kind: performance }
services:
  - id: till
    name: Till
    provider: shop
    outputs:
      - { name: sales, enables: [served] }
    warranty: { availability: 99.9 }
offerings:
  - id: tills
    name: Tills
    provider: shop
    services: [till]
    price:
      - { name: fee, amount: 100, per: month }
relationships:
  # Value: 3,000 − 1,200 + 0.5 × 1,000 − 0.1 × 1,000 = 2,200.
  - id: acme-front
    provider: shop
    consumer: acme
    offering: tills
    requirements:
      outcomes: [{ outcome: served, priority: must, weight: 1 }]
      warranty: { availability: 99.5 }
    costs:
      removed:
        - { name: cash desk, category: staff, amount: 3000, per: year }
    risks:
      removed:
        - { name: queue walkouts, likelihood: 0.5, impact: 1000 }
      imposed:
        - { name: outage, likelihood: 0.1, impact: 1000 }
  # No-value (99.99 wanted): 1,000 − (1,200 + 300 × 12 ÷ 36) − 0.2 × 500 = −400.
  - id: bravo-front
    provider: shop
    consumer: bravo
    offering: tills
    requirements:
      outcomes: [{ outcome: served, priority: must, weight: 1 }]
      warranty: { availability: 99.99 }
    costs:
      removed:
        - { name: cash desk, category: staff, amount: 1000, per: year }
      imposed:
        - { name: setup, category: training, amount: 300, per: once }
    risks:
      imposed:
        - { name: outage, likelihood: 0.2, impact: 500 }
  # Unassessed (no requirements): left out of every sum, counted all the same.
  - id: acme-trial
    provider: shop
    consumer: acme
    offering: tills
    costs:
      removed:
        - { name: anything, category: other, amount: 99999, per: year }
  # Value: 1,500 × 4 − 1,200 = 4,800.
  - id: acme-back
    provider: shop
    consumer: acme
    offering: tills
    requirements:
      outcomes: [{ outcome: served, priority: must, weight: 1 }]
      warranty: { availability: 99.5 }
    costs:
      removed:
        - { name: stock counts, category: staff, amount: 1500, per: quarter }
";

/// The catalogue in a temporary directory, kept alive while it is used.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consumers.yaml");
    std::fs::write(&path, CATALOGUE).unwrap();
    Fixture { _dir: dir, path }
}

impl Fixture {
    /// The standard output of `svs assess` with `args`, which must exit 0.
    fn assess(&self, args: &[&str]) -> String {
        let output = svs()
            .arg("assess")
            .arg(&self.path)
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.assess(&all)).unwrap()
    }
}

/// The portfolio entries as `(id, the entry's text)`, each figure as the exact text of
/// its number.
fn consumers(report: &Value) -> Vec<(String, String)> {
    report["consumers"]
        .as_array()
        .unwrap_or_else(|| panic!("no consumers: {report:#}"))
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c.to_string()))
        .collect()
}

/// Acme: relationships 2 value, 1 unassessed; removed 3,000 + 6,000 = 9,000; imposed
/// 1,200 + 1,200 = 2,400; risks net 500 − 100 = 400; net value 2,200 + 4,800 = 7,000.
/// Bravo: 1 no-value; removed 1,000; imposed 1,300; risks net −100; net value −400.
const ACME: &str = r#"{"budget":null,"costs_imposed":2400.00,"costs_removed":9000.00,"id":"acme","net_value":7000.00,"over_budget":[],"relationships":{"no_value":0,"unassessed":1,"value":2},"risks_net":400.00}"#;
const BRAVO: &str = r#"{"budget":null,"costs_imposed":1300.00,"costs_removed":1000.00,"id":"bravo","net_value":-400.00,"over_budget":[],"relationships":{"no_value":1,"unassessed":0,"value":0},"risks_net":-100.00}"#;

#[test]
fn each_consumer_sums_its_assessed_relationships_in_the_order_of_its_first() {
    let fixture = fixture();
    let view = fixture.json(&["--view", "consumers"]);
    assert_eq!(
        consumers(&view),
        [
            ("acme".to_owned(), ACME.to_owned()),
            ("bravo".to_owned(), BRAVO.to_owned())
        ]
    );
    assert_eq!(view["currency"], "GBP");
    assert!(view.get("relationships").is_none(), "{view:#}");
    assert!(view.get("providers").is_none(), "{view:#}");

    // The JSON report carries the same list beside the providers.
    let report = fixture.json(&[]);
    assert_eq!(consumers(&report), consumers(&view));
    assert_eq!(report["providers"].as_array().unwrap().len(), 1);
    // Keys in the order of the format.
    let text = fixture.assess(&["--format", "json", "--view", "consumers"]);
    let keys = [
        "\"id\"",
        "\"relationships\"",
        "\"value\"",
        "\"no_value\"",
        "\"unassessed\"",
        "\"costs_removed\"",
        "\"costs_imposed\"",
        "\"risks_net\"",
        "\"net_value\"",
        "\"budget\"",
        "\"over_budget\"",
    ];
    let at: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");

    // Filters select the relationships first: Bravo's alone.
    let bravo = fixture.json(&["--view", "consumers", "--consumer", "bravo"]);
    assert_eq!(consumers(&bravo), [("bravo".to_owned(), BRAVO.to_owned())]);
}

#[test]
fn the_consumers_view_in_every_format() {
    let fixture = fixture();
    let table = fixture.assess(&["--view", "consumers"]);
    let row = |id: &str| {
        table
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id}: {table}"))
            .to_owned()
    };
    for (id, cells) in [
        (
            "acme",
            [
                "9,000.00 GBP",
                "2,400.00 GBP",
                "400.00 GBP",
                "7,000.00 GBP",
                "2 / 0 / 1",
            ],
        ),
        (
            "bravo",
            [
                "1,000.00 GBP",
                "1,300.00 GBP",
                "-100.00 GBP",
                "-400.00 GBP",
                "0 / 1 / 0",
            ],
        ),
    ] {
        let row = row(id);
        for cell in cells {
            assert!(row.contains(cell), "{cell}: {row}");
        }
    }
    assert!(
        table.contains("2 consumers of 4 relationships: 2 value, 1 no-value, 1 unassessed\n"),
        "{table}"
    );
    assert!(!table.contains("acme-front"), "{table}");

    let markdown = fixture.assess(&["--view", "consumers", "--format", "markdown"]);
    assert!(
        markdown.starts_with("## Consumer portfolio: consumers\n"),
        "{markdown}"
    );
    for line in [
        "| `acme` | 9,000.00 GBP | 2,400.00 GBP | 400.00 GBP | 7,000.00 GBP | — | — | 2 / 0 / 1 |",
        "| `bravo` | 1,000.00 GBP | 1,300.00 GBP | -100.00 GBP | -400.00 GBP | — | — | 0 / 1 / 0 |",
    ] {
        assert!(markdown.contains(line), "{line}\n{markdown}");
    }

    // RFC 4180 line ends; an empty budget when none is declared.
    let csv = fixture.assess(&["--view", "consumers", "--format", "csv"]);
    assert_eq!(
        csv,
        "consumer,costs_removed,costs_imposed,risks_net,net_value,currency,budget,\
         over_budget,relationships_value,relationships_no_value,relationships_unassessed\r\n\
         acme,9000.00,2400.00,400.00,7000.00,GBP,,,2,0,1\r\n\
         bravo,1000.00,1300.00,-100.00,-400.00,GBP,,,0,1,0\r\n"
    );
}

#[test]
fn the_summary_line_says_it_sums_the_consumers_net_values() {
    let fixture = fixture();
    // 2,200 − 400 + 4,800: the three assessed relationships, acme-trial left out.
    let line = "4 relationships: 2 value, 1 no-value, 1 unassessed; \
                sum of 3 consumers' net values 6,600.00 GBP a year";
    let table = fixture.assess(&[]);
    assert!(table.contains(&format!("{line}\n")), "{table}");
    let markdown = fixture.assess(&["--format", "markdown"]);
    assert!(markdown.contains(&format!("**{line}**")), "{markdown}");
    let one = fixture.assess(&["--relationship", "bravo-front"]);
    assert!(
        one.contains("sum of 1 consumer's net value -400.00 GBP a year\n"),
        "{one}"
    );
}

#[test]
fn the_report_shows_the_consumer_portfolio_beside_the_provider_portfolio() {
    let fixture = fixture();
    let output = svs().arg("report").arg(&fixture.path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = Html::parse_document(&String::from_utf8(output.stdout).unwrap());
    let select = |css: &str| Selector::parse(css).unwrap();
    let section = page
        .select(&select("section[aria-labelledby=consumers]"))
        .next()
        .expect("a consumer portfolio");
    let rows: Vec<(Option<&str>, Vec<String>)> = section
        .select(&select("table.consumers tbody tr"))
        .map(|row| {
            (
                row.value().attr("data-consumer"),
                row.select(&select("th, td"))
                    .map(|c| c.text().collect())
                    .collect(),
            )
        })
        .collect();
    let cells = |list: [&str; 8]| list.map(str::to_owned).to_vec();
    assert_eq!(
        rows,
        [
            (
                Some("acme"),
                cells([
                    "Acme Ltd",
                    "9,000.00 GBP",
                    "2,400.00 GBP",
                    "400.00 GBP",
                    "7,000.00 GBP",
                    "—",
                    "—",
                    "2 value, 0 no-value, 1 unassessed"
                ])
            ),
            (
                Some("bravo"),
                cells([
                    "Bravo Ltd",
                    "1,000.00 GBP",
                    "1,300.00 GBP",
                    "-100.00 GBP",
                    "-400.00 GBP",
                    "—",
                    "—",
                    "0 value, 1 no-value, 0 unassessed"
                ])
            ),
        ]
    );
    // Right after the provider portfolio, and in the contents.
    let ids: Vec<&str> = page
        .select(&select("main > section"))
        .filter_map(|s| s.value().attr("aria-labelledby"))
        .collect();
    let providers = ids.iter().position(|id| *id == "providers").unwrap();
    assert_eq!(ids[providers + 1], "consumers");
    assert_eq!(page.select(&select("nav a[href='#consumers']")).count(), 1);
    // The summary says what its total adds up, as `svs assess` does.
    let total = page.select(&select("#net-value")).next().unwrap();
    assert_eq!(total.text().collect::<String>(), "6,600.00 GBP");
    let label: String = page
        .select(&select("dt"))
        .map(|dt| dt.text().collect::<String>())
        .find(|t| t.starts_with("Sum of"))
        .unwrap();
    assert_eq!(label, "Sum of 3 consumers' net values per year");
}
