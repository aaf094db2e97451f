//! `svs report`: what each relationship with evidence delivered (SPEC §10.4), on its card:
//! every measured warranty check agreed against achieved, the spend of every period
//! against plan and budget, and perception per role over the periods as a small chart.
//! The figures are those of docs/worked-examples.md for Harbour, Meridian and Calder; a
//! real browser must draw each role's points where their scores are.

use std::fs;
use std::path::Path;

use crate::common::{catalog, svs};
use scraper::{ElementRef, Html, Selector};

fn select<'a>(scope: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    scope.select(&selector).collect()
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

fn page_of(path: &Path) -> Html {
    let output = svs().arg("report").arg(path).output().expect("svs runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Html::parse_document(&String::from_utf8(output.stdout).expect("UTF-8"))
}

fn card<'a>(page: &'a Html, id: &str) -> ElementRef<'a> {
    select(page.root_element(), &format!("article#rel-{id}"))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("a card for {id}"))
}

/// Each row of a table as its cells' text (the row header first).
fn rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    select(table, "tbody tr")
        .into_iter()
        .map(|row| select(row, "th, td").into_iter().map(text).collect())
        .collect()
}

/// Each drawn perception point of a card: role, period, score and responses.
fn points(card: ElementRef<'_>) -> Vec<(String, String, String, String)> {
    select(card, "svg.chart.perception g.perceived")
        .into_iter()
        .flat_map(|g| {
            let role = g.value().attr("data-role").expect("a role").to_owned();
            select(g, "g.point")
                .into_iter()
                .map(move |p| {
                    let attr = |name| p.value().attr(name).expect(name).to_owned();
                    (
                        role.clone(),
                        attr("data-period"),
                        attr("data-score"),
                        attr("data-responses"),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn strings(list: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    list.iter()
        .map(|(a, b, c, d)| ((*a).into(), (*b).into(), (*c).into(), (*d).into()))
        .collect()
}

#[test]
fn a_card_with_evidence_shows_checks_spend_against_plan_and_budget_and_perception() {
    let page = page_of(&catalog(""));

    // Meridian: as agreed in its latest quarter, short in the quarter of the outage.
    let meridian = card(&page, "meridian-paperless-office");
    let heading = select(meridian, "h4.delivered")[0];
    assert_eq!(heading.value().attr("data-delivered"), Some("as-agreed"));
    assert_eq!(heading.value().attr("data-period"), Some("2026-Q3"));
    let checks = rows(select(meridian, "table.agreed")[0]);
    assert_eq!(checks.len(), 5, "every measured check: {checks:?}");
    assert_eq!(
        checks[0],
        ["availability", "99.5", "99.8", "✓"].map(String::from)
    );
    assert!(checks.iter().all(|c| c[3] == "✓"), "{checks:?}");
    let not_measured = text(select(meridian, "p.not-measured")[0]);
    assert!(
        not_measured.contains("rto_hours") && not_measured.contains("rpo_hours"),
        "{not_measured}"
    );
    let spend = rows(select(meridian, "table.spend")[0]);
    assert_eq!(
        spend,
        [
            [
                "2026-Q1",
                "18,900.00 GBP",
                "19,471.67 GBP",
                "-571.67 GBP",
                "20,000.00 GBP",
                "✓ as agreed"
            ],
            [
                "2026-Q2",
                "17,400.00 GBP",
                "19,471.67 GBP",
                "-2,071.67 GBP",
                "20,000.00 GBP",
                "✗ short"
            ],
            [
                "2026-Q3",
                "18,900.00 GBP",
                "19,471.67 GBP",
                "-571.67 GBP",
                "20,000.00 GBP",
                "✓ as agreed"
            ],
        ]
        .map(|row| row.map(String::from))
    );
    assert_eq!(
        points(meridian),
        strings(&[
            ("user", "2026-Q1", "72.50", "120"),
            ("user", "2026-Q2", "47.50", "134"),
            ("user", "2026-Q3", "70.00", "126"),
            ("sponsor", "2026-Q2", "50.00", "1"),
        ])
    );

    // Calder: every check met and within budget, yet its users perceive it poorly.
    let calder = card(&page, "calder-business-account");
    let heading = select(calder, "h4.delivered")[0];
    assert_eq!(heading.value().attr("data-delivered"), Some("short"));
    let reasons: Vec<&str> = select(calder, "ul.delivered-reasons li")
        .into_iter()
        .filter_map(|li| li.value().attr("data-reason"))
        .collect();
    assert_eq!(reasons, ["perceived-poorly"]);
    assert_eq!(
        points(calder),
        strings(&[
            ("customer", "2026-Q2", "75.00", "1"),
            ("customer", "2026-Q3", "75.00", "1"),
            ("user", "2026-Q2", "30.00", "14"),
            ("user", "2026-Q3", "35.00", "15"),
        ])
    );
    let desc = text(select(calder, "svg.chart.perception desc")[0]);
    assert!(
        desc.contains("2026-Q3: customer 75.00 (1 response), user 35.00 (15 responses)"),
        "the text alternative states every figure: {desc}"
    );

    // Harbour: three quarters, each as agreed.
    let harbour = card(&page, "harbour-corporate-mobile");
    let verdicts: Vec<String> = rows(select(harbour, "table.spend")[0])
        .into_iter()
        .map(|row| row[5].clone())
        .collect();
    assert_eq!(verdicts, ["✓ as agreed"; 3]);

    // Without evidence the card has no delivered part at all.
    let okafor = card(&page, "okafor-home-broadband");
    assert!(select(okafor, "h4.delivered").is_empty());
    assert!(select(okafor, "svg.chart.perception, table.spend").is_empty());
}

/// A copy of catalog/ without Meridian's last quarter, so that its latest record is the
/// quarter of the outage.
fn catalogue_at_the_outage() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temporary directory");
    let copy = std::process::Command::new("cp")
        .arg("-r")
        .arg(catalog(""))
        .arg(temp.path().join("catalog"))
        .status()
        .expect("cp runs");
    assert!(copy.success());
    let evidence = temp.path().join("catalog/evidence.yaml");
    let yaml = fs::read_to_string(&evidence).expect("read");
    let start = yaml
        .find("  - relationship: meridian-paperless-office\n    period: 2026-Q3")
        .expect("Meridian's 2026-Q3 record");
    let end = start + yaml[start..].find("\n\n").expect("a blank line after it") + 2;
    fs::write(&evidence, format!("{}{}", &yaml[..start], &yaml[end..])).expect("write");
    temp
}

#[test]
fn a_breached_check_is_shown_agreed_against_achieved() {
    let temp = catalogue_at_the_outage();
    let page = page_of(&temp.path().join("catalog"));
    let meridian = card(&page, "meridian-paperless-office");
    let heading = select(meridian, "h4.delivered")[0];
    assert_eq!(heading.value().attr("data-delivered"), Some("short"));
    assert_eq!(heading.value().attr("data-period"), Some("2026-Q2"));
    let reasons: Vec<&str> = select(meridian, "ul.delivered-reasons li")
        .into_iter()
        .filter_map(|li| li.value().attr("data-reason"))
        .collect();
    assert_eq!(
        reasons,
        [
            "warranty-breached",
            "outcome-not-achieved",
            "perceived-poorly"
        ]
    );
    let table = select(meridian, "table.agreed")[0];
    let breached: Vec<(String, Vec<String>)> = select(table, "tbody tr")
        .into_iter()
        .filter(|row| row.value().attr("data-met") == Some("false"))
        .map(|row| {
            (
                row.value().attr("data-check").expect("a check").to_owned(),
                select(row, "td").into_iter().map(text).collect(),
            )
        })
        .collect();
    assert!(
        breached.contains(&(
            "availability".into(),
            ["99.5", "99.1", "✗"].map(String::from).to_vec()
        )),
        "{breached:?}"
    );
    assert!(
        breached.contains(&(
            "service_level:incident-response-hours".into(),
            ["8", "11", "✗"].map(String::from).to_vec()
        )),
        "{breached:?}"
    );
    let spend = rows(select(meridian, "table.spend")[0]);
    assert_eq!(spend.len(), 2, "Q1 and Q2 only: {spend:?}");
}

#[test]
fn a_real_browser_draws_each_role_s_perception_where_its_scores_are() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let page = temp.path().join("report.html");
    let output = svs()
        .arg("report")
        .arg(catalog(""))
        .arg("-o")
        .arg(&page)
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    let dom = crate::report_html::probe_report(
        temp.path(),
        r"
  var rows = [];
  doc.querySelectorAll('svg.chart.perception').forEach(function (chart) {
    var card = chart.closest('article').id;
    var threshold = chart.querySelector('line.threshold').getBBox();
    chart.querySelectorAll('g.perceived').forEach(function (g) {
      g.querySelectorAll('g.point').forEach(function (p) {
        var b = p.firstElementChild.getBBox();
        rows.push([card, g.getAttribute('data-role'), p.getAttribute('data-period'),
                   p.getAttribute('data-score'), (b.y + b.height / 2).toFixed(2),
                   (b.x + b.width / 2).toFixed(2), threshold.y.toFixed(2),
                   getComputedStyle(p.firstElementChild).fill].join(' '));
      });
    });
    rows.push([card, 'width', chart.getBoundingClientRect().width.toFixed(0)].join(' '));
  });
  document.body.setAttribute('data-points', rows.join(';'));
",
    );
    let body = select(dom.root_element(), "body")[0];
    let rows = body.value().attr("data-points").expect("the probe ran");
    let mut fills = std::collections::HashMap::new();
    let mut charts = 0;
    let mut drawn = 0;
    for row in rows.split(';') {
        let fields: Vec<&str> = row.splitn(8, ' ').collect();
        if fields[1] == "width" {
            charts += 1;
            let width: f64 = fields[2].parse().expect("a width");
            assert!(
                width > 250.0 && width <= 480.0,
                "{}: {width} px wide, a card's width",
                fields[0]
            );
            continue;
        }
        let [card, role, period, score, y, _x, threshold, fill] = fields[..] else {
            panic!("{row}");
        };
        let (score, y, threshold): (f64, f64, f64) = (
            score.parse().expect("a score"),
            y.parse().expect("y"),
            threshold.parse().expect("y"),
        );
        // 0 is drawn at 130, 100 at 10; the threshold of 60 at 58.
        let wanted = 130.0 - score * 1.2;
        assert!(
            (y - wanted).abs() < 0.6,
            "{card} {role} {period}: at {y}, not {wanted}"
        );
        assert!(
            (threshold - 58.0).abs() < 0.6,
            "{card}: threshold {threshold}"
        );
        assert_ne!(fill, "none", "{card} {role}");
        assert_eq!(
            *fills.entry(role.to_owned()).or_insert(fill),
            fill,
            "{role}"
        );
        drawn += 1;
    }
    assert_eq!(charts, 3, "Harbour, Meridian and Calder");
    assert_eq!(drawn, 4 + 4 + 5, "every point of every role: {rows}");
    // A colour per role, on top of its marker's shape.
    let distinct: std::collections::HashSet<&&str> = fills.values().collect();
    assert_eq!(distinct.len(), 3, "{fills:?}");
}
