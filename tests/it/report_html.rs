//! `svs report`: the self-contained HTML value report. The page is parsed with an HTML
//! parser and checked against the worked figures of docs/worked-examples.md; names full of
//! markup must come out as text; the output path may never be a catalogue file; and a real
//! browser (Debian's Chromium, which `.ci/run` installs) must render it, at a desktop and a
//! phone's width and in the dark scheme.

use crate::common;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{catalog, fixture, run, svs};
use scraper::{ElementRef, Html, Selector};

/// The relationships of `catalog/`, in catalogue order, with the figures of
/// docs/worked-examples.md: verdict, costs removed, costs imposed, risks removed, risks
/// imposed, net value (GBP a year).
const WORKED: [(&str, &str, [&str; 5]); 14] = [
    (
        "okafor-home-broadband",
        "value",
        ["804.00", "506.21", "60.00", "30.63", "327.17"],
    ),
    (
        "fairlie-moss-office-broadband",
        "no-value",
        ["2,100.00", "589.54", "1,000.00", "910.63", "1,599.83"],
    ),
    (
        "calder-business-account",
        "value",
        ["43,320.00", "28,840.00", "2,400.00", "375.00", "16,505.00"],
    ),
    (
        "bell-holiday-rental",
        "no-value",
        ["412.60", "631.39", "30.00", "120.00", "-308.79"],
    ),
    (
        "harbour-corporate-mobile",
        "value",
        [
            "288,560.00",
            "264,533.33",
            "18,000.00",
            "11,000.00",
            "31,026.67",
        ],
    ),
    (
        "meridian-paperless-office",
        "value",
        [
            "139,600.00",
            "77,886.67",
            "13,000.00",
            "5,500.00",
            "69,213.33",
        ],
    ),
    (
        "meridian-onboarding",
        "value",
        [
            "25,333.33",
            "18,533.33",
            "15,000.00",
            "2,000.00",
            "19,800.00",
        ],
    ),
    (
        "humber-berth-booking",
        "value",
        [
            "92,400.00",
            "77,366.67",
            "12,000.00",
            "9,000.00",
            "18,033.33",
        ],
    ),
    (
        "orbis-itil4-foundation",
        "value",
        [
            "24,000.00",
            "16,070.00",
            "10,000.00",
            "1,500.00",
            "16,430.00",
        ],
    ),
    (
        "ledgerline-stratus-iaas",
        "value",
        [
            "126,800.00",
            "91,300.00",
            "15,000.00",
            "7,000.00",
            "43,500.00",
        ],
    ),
    (
        "ledgerline-keystone-licences",
        "value",
        ["49,600.00", "45,600.00", "6,000.00", "1,000.00", "9,000.00"],
    ),
    (
        "fenwick-erp",
        "value",
        [
            "69,600.00",
            "76,440.00",
            "28,500.00",
            "6,000.00",
            "15,660.00",
        ],
    ),
    (
        "brindley-erp",
        "value",
        [
            "210,000.00",
            "256,700.00",
            "65,000.00",
            "6,000.00",
            "12,300.00",
        ],
    ),
    (
        "fenwick-group-it-support",
        "value",
        [
            "133,800.00",
            "133,100.00",
            "5,000.00",
            "2,000.00",
            "3,700.00",
        ],
    ),
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"))
}

fn select<'a>(scope: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    scope.select(&selector(css)).collect()
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// The report of `paths` on standard output, checked to succeed.
fn report_of(paths: &[&Path]) -> String {
    let output = svs().arg("report").args(paths).output().expect("svs runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "nothing on stderr without -o");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn catalog_page() -> Html {
    Html::parse_document(&report_of(&[&catalog("")]))
}

fn escaping_fixture() -> PathBuf {
    fixture("report/escaping.yaml")
}

/// The report of tests/fixtures/co-creation.yaml: one relationship in each quadrant of
/// co-creation, with round figures worked out in the fixture's comments.
fn co_creation_page() -> Html {
    Html::parse_document(&report_of(&[&fixture("co-creation.yaml")]))
}

/// The cells of a table row, header and data alike, as text.
fn cells(row: ElementRef<'_>) -> Vec<String> {
    select(row, "th, td").into_iter().map(text).collect()
}

#[test]
fn the_co_creation_matrix_places_each_relationship_by_both_verdicts() {
    let page = co_creation_page();
    let root = page.root_element();
    let one = |css: &str| text(select(root, css)[0]);
    assert_eq!(one("#count-mutual"), "1");
    assert_eq!(one("#count-consumer-only"), "1");
    assert_eq!(one("#count-provider-only"), "1");
    assert_eq!(one("#count-neither"), "1");
    assert_eq!(one("#count-not-mutual"), "0");
    assert_eq!(one("#count-unassessed"), "1");

    let matrix = select(root, "table.matrix")[0];
    let columns: Vec<&str> = select(matrix, "thead th[scope=col]")
        .into_iter()
        .filter_map(|th| th.value().attr("data-provider"))
        .collect();
    assert_eq!(columns, ["sustainable", "unsustainable", "unassessed"]);
    // Consumer's verdict by row, provider's by column: the co-creation word, the count
    // and the relationships in each cell.
    let expected = [
        (
            "value",
            [
                ("mutual", "1", vec!["acme-mobile"]),
                ("consumer-only", "1", vec!["beta-mobile"]),
                ("unassessed", "0", vec![]),
            ],
        ),
        (
            "no-value",
            [
                ("provider-only", "1", vec!["gamma-mobile"]),
                ("neither", "1", vec!["delta-mobile"]),
                // No value for the consumer is a known failure, whatever the provider's
                // side.
                ("not-mutual", "0", vec![]),
            ],
        ),
        (
            "unassessed",
            [
                ("unassessed", "0", vec![]),
                ("unassessed", "0", vec![]),
                ("unassessed", "1", vec!["acme-hosting"]),
            ],
        ),
    ];
    let rows = select(matrix, "tbody tr");
    assert_eq!(rows.len(), 3);
    for (row, (consumer, row_cells)) in rows.iter().zip(expected) {
        assert_eq!(row.value().attr("data-consumer"), Some(consumer));
        assert!(text(select(*row, "th[scope=row]")[0]).ends_with(consumer));
        let tds = select(*row, "td.cell");
        assert_eq!(tds.len(), 3);
        for (td, (together, count, ids)) in tds.iter().zip(row_cells) {
            let at = format!("{consumer} × {:?}", td.value().attr("data-provider"));
            assert_eq!(td.value().attr("data-co-creation"), Some(together), "{at}");
            assert_eq!(td.value().attr("data-count"), Some(count), "{at}");
            assert_eq!(text(select(*td, ".count")[0]), count, "{at}");
            // A word and a shape, not colour alone.
            let label = text(select(*td, "span.co-creation")[0]);
            assert!(label.ends_with(together), "{at}: {label}");
            assert!(!label.starts_with(together), "{at}: a sign before the word");
            let links: Vec<(String, Option<&str>)> = select(*td, "li a")
                .into_iter()
                .map(|a| (text(a), a.value().attr("href")))
                .collect();
            let wanted: Vec<(String, Option<&str>)> =
                ids.iter().map(|id| ((*id).to_owned(), None)).collect();
            assert_eq!(
                links.iter().map(|(id, _)| id).collect::<Vec<_>>(),
                wanted.iter().map(|(id, _)| id).collect::<Vec<_>>(),
                "{at}"
            );
            for (id, href) in &links {
                assert_eq!(href.map(str::to_owned), Some(format!("#rel-{id}")));
            }
        }
    }
    // The glance table names each relationship's co-creation too.
    let glance: Vec<String> = select(root, "table.glance tbody td.co-creation")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        glance,
        [
            "● mutual",
            "◐ consumer-only",
            "◑ provider-only",
            "○ neither",
            "? unassessed"
        ]
    );
}

#[test]
fn the_portfolio_has_a_row_per_provider_with_the_unrecovered_cost() {
    let page = co_creation_page();
    let rows = select(page.root_element(), "table.portfolio tbody tr");
    let table: Vec<(Option<&str>, Vec<String>)> = rows
        .iter()
        .map(|row| (row.value().attr("data-provider"), cells(*row)))
        .collect();
    // Telco: four relationships of 12,000 revenue; costs 5,400 + 11,400 + 5,400 +
    // 11,400; the lab nobody uses costs 3,000; margins 6,100 + 600 + 6,600 + 600 − 3,000
    // = 10,900, 22.71 % of 48,000 against a target of 20 %.
    assert_eq!(
        table,
        [
            (
                Some("telco"),
                vec![
                    "Telco plc",
                    "48,000.00 GBP",
                    "33,600.00 GBP",
                    "1,000.00 GBP",
                    "500.00 GBP",
                    "3,000.00 GBP",
                    "10,900.00 GBP",
                    "22.71 %",
                    "20.00 %",
                    "✓ yes",
                    "2 sustainable, 2 unsustainable, 0 unassessed",
                ]
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
            ),
            (
                Some("hoster"),
                vec![
                    "Hoster Ltd",
                    "0.00 GBP",
                    "0.00 GBP",
                    "0.00 GBP",
                    "0.00 GBP",
                    "0.00 GBP",
                    "0.00 GBP",
                    "—",
                    "10.00 %",
                    "? not assessed",
                    "0 sustainable, 0 unsustainable, 1 unassessed",
                ]
                .into_iter()
                .map(str::to_owned)
                .collect()
            ),
        ]
    );
}

#[test]
fn the_portfolio_tells_each_provider_s_cost_by_dimension_in_figures_and_stacked_bars() {
    let page = catalog_page();
    let root = page.root_element();
    let section = select(root, "section[aria-labelledby=providers]")[0];
    // Ledgerline's four parts add up to its cost of provision: 118,000 + 15,000 + 136,900
    // + 16,000 = 285,900 (docs/worked-examples.md).
    let row = select(section, "table.dimensions tr[data-provider=ledgerline]")[0];
    assert_eq!(
        cells(row),
        [
            "Ledgerline Ltd",
            "118,000.00 GBP",
            "15,000.00 GBP",
            "136,900.00 GBP",
            "16,000.00 GBP",
            "285,900.00 GBP"
        ]
    );
    let headers: Vec<&str> = select(section, "table.dimensions th[data-dimension]")
        .into_iter()
        .filter_map(|th| th.value().attr("data-dimension"))
        .collect();
    assert_eq!(
        headers,
        [
            "organizations-and-people",
            "information-and-technology",
            "partners-and-suppliers",
            "value-streams-and-processes"
        ]
    );
    // One stacked bar per provider with a table row, a segment per dimension with a part,
    // in order, each carrying its exact figure.
    let chart = select(section, "svg.chart.dimensions")[0];
    let stacks = select(chart, "g.stack");
    assert_eq!(
        stacks.len(),
        select(section, "table.dimensions tbody tr").len()
    );
    let ledgerline = select(chart, "g.stack[data-id=ledgerline]")[0];
    assert_eq!(ledgerline.value().attr("data-total"), Some("285900.00"));
    let segments: Vec<(Option<&str>, Option<&str>)> = select(ledgerline, "rect.segment")
        .into_iter()
        .map(|r| {
            (
                r.value().attr("data-dimension"),
                r.value().attr("data-amount"),
            )
        })
        .collect();
    assert_eq!(
        segments,
        [
            (Some("organizations-and-people"), Some("118000.00")),
            (Some("information-and-technology"), Some("15000.00")),
            (Some("partners-and-suppliers"), Some("136900.00")),
            (Some("value-streams-and-processes"), Some("16000.00")),
        ]
    );
    // Swiftway spends nothing on partners or processes: no segment for them.
    let swiftway = select(chart, "g.stack[data-id=swiftway]")[0];
    assert_eq!(select(swiftway, "rect.segment").len(), 2);
    let desc = text(select(chart, "desc")[0]);
    assert!(
        desc.contains("Ledgerline Ltd: 285,900.00 GBP (organizations-and-people 118,000.00 GBP, information-and-technology 15,000.00 GBP, partners-and-suppliers 136,900.00 GBP, value-streams-and-processes 16,000.00 GBP)"),
        "{desc}"
    );
    // A legend names each colour.
    let legend: Vec<String> = select(section, "ul.dimension-legend li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        legend,
        [
            "Organizations and people",
            "Information and technology",
            "Partners and suppliers",
            "Value streams and processes"
        ]
    );

    // Each card tells its own cost the same way, under the cost of provision.
    let card = select(root, "#rel-fenwick-erp")[0];
    let figures = provider_figures(card);
    let figure = |key: &str, value: &str| (key.to_owned(), value.to_owned());
    assert_eq!(
        figures[3..8],
        [
            figure("cost-of-provision", "63,053.75 GBP"),
            figure("organizations-and-people", "27,375.00 GBP"),
            figure("information-and-technology", "3,187.50 GBP"),
            figure("partners-and-suppliers", "29,091.25 GBP"),
            figure("value-streams-and-processes", "3,400.00 GBP"),
        ]
    );
    let bar = select(card, "svg.chart.dimensions g.stack")[0];
    assert_eq!(bar.value().attr("data-total"), Some("63053.75"));
    assert_eq!(select(bar, "rect.segment").len(), 4);
}

/// The provider-side figures of a card, by `data-figure`.
fn provider_figures(card: ElementRef<'_>) -> Vec<(String, String)> {
    select(card, "table.provider-side tr")
        .into_iter()
        .map(|row| {
            (
                row.value()
                    .attr("data-figure")
                    .unwrap_or_default()
                    .to_owned(),
                text(select(row, "td")[0]),
            )
        })
        .collect()
}

#[test]
fn a_card_shows_the_provider_side_beside_the_consumer_side() {
    let page = co_creation_page();
    let root = page.root_element();
    let card = select(root, "#rel-acme-mobile")[0];
    assert_eq!(
        card.value().attr("data-provider-verdict"),
        Some("sustainable")
    );
    assert_eq!(card.value().attr("data-co-creation"), Some("mutual"));
    let sides: Vec<Vec<String>> = select(card, "table.sides tr")
        .into_iter()
        .map(cells)
        .collect();
    assert_eq!(
        sides,
        [
            vec!["", "Consumer", "Provider"],
            vec!["Verdict", "✓ value", "✓ sustainable"],
            vec![
                "Per year",
                "net value 8,000.00 GBP",
                "margin 6,100.00 GBP (50.83 %)"
            ],
            vec!["Co-creation", "● mutual"],
        ]
    );
    // 12,000 − (2,400 + 3,000) − 0.1 × 10,000 + 500.
    let figure = |key: &str, value: &str| (key.to_owned(), value.to_owned());
    assert_eq!(
        provider_figures(card),
        [
            figure("revenue", "12,000.00 GBP"),
            figure("direct", "2,400.00 GBP"),
            figure("shared", "3,000.00 GBP"),
            figure("cost-of-provision", "5,400.00 GBP"),
            // Support by the user and the network operations team: all people.
            figure("organizations-and-people", "5,400.00 GBP"),
            figure("information-and-technology", "0.00 GBP"),
            figure("partners-and-suppliers", "0.00 GBP"),
            figure("value-streams-and-processes", "0.00 GBP"),
            figure("risks", "1,000.00 GBP"),
            figure("benefits", "500.00 GBP"),
            figure("margin", "6,100.00 GBP"),
            figure("margin-pct", "50.83 %"),
            figure("target-margin", "20.00 %"),
        ]
    );
    assert_eq!(text(select(card, ".margin")[0]), "6,100.00 GBP");
    assert!(select(card, "ul.provider-reasons").is_empty());
    let benefits: Vec<String> = select(card, "ul.benefits li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        benefits,
        [
            "reference customer (image): 500.00 GBP a year",
            "lessons learnt (knowledge): unpriced, not counted"
        ]
    );

    // An account manager once, 6,000, leaves Telco 600: 5 %, short of its 20 %.
    let card = select(root, "#rel-beta-mobile")[0];
    assert_eq!(card.value().attr("data-co-creation"), Some("consumer-only"));
    let figures = provider_figures(card);
    assert_eq!(figures[1], figure("direct", "8,400.00 GBP"));
    assert_eq!(figures[10], figure("margin", "600.00 GBP"));
    assert_eq!(figures[11], figure("margin-pct", "5.00 %"));
    let reasons: Vec<&str> = select(card, "ul.provider-reasons li")
        .into_iter()
        .filter_map(|li| li.value().attr("data-reason"))
        .collect();
    assert_eq!(reasons, ["below-target-margin"]);
    assert!(text(select(card, "ul.provider-reasons li")[0]).contains("target of 20.00 %"));

    // Nothing declared on Hoster's side: no figures, the reason, the revenue.
    let card = select(root, "#rel-acme-hosting")[0];
    assert_eq!(
        card.value().attr("data-provider-verdict"),
        Some("unassessed")
    );
    assert!(select(card, "table.provider-side").is_empty());
    let reasons: Vec<&str> = select(card, "ul.provider-reasons li")
        .into_iter()
        .filter_map(|li| li.value().attr("data-reason"))
        .collect();
    assert_eq!(reasons, ["no-provision-costs"]);
    assert!(text(card).contains("Revenue to Hoster Ltd: 500.00 GBP a year."));
    let sides: Vec<Vec<String>> = select(card, "table.sides tr")
        .into_iter()
        .map(cells)
        .collect();
    assert_eq!(
        sides[2],
        ["Per year", "net value -500.00 GBP", "not assessed"]
    );
}

#[test]
fn a_card_shows_each_stakeholder_s_effects_gains_losses_and_net() {
    let page = co_creation_page();
    let card = select(page.root_element(), "#rel-acme-mobile")[0];
    let sam = select(card, "table.stakeholders tbody[data-party=sam]")[0];
    assert_eq!(
        text(select(sam, "th.party")[0]),
        "Sam Field (Engineer, Telco plc)employee; interest: stable work"
    );
    let rows: Vec<Vec<String>> = select(sam, "tr:not(:first-child)")
        .into_iter()
        .map(cells)
        .collect();
    // 100 a month is 1,200 a year; an unpriced effect is listed, not counted.
    assert_eq!(
        rows,
        [
            ["+ overtime pay (gain)", "1,200.00 GBP"],
            ["− commute (loss)", "300.00 GBP"],
            ["+ sense of purpose (gain)", "unpriced"],
            ["Gains", "1,200.00 GBP"],
            ["Losses", "300.00 GBP"],
            ["Net", "900.00 GBP"],
        ]
    );
    let hoster = select(card, "table.stakeholders tbody[data-party=hoster]")[0];
    assert!(text(hoster).contains("No effect declared"));
    // Other relationships have no stakeholder table.
    let card = select(page.root_element(), "#rel-beta-mobile")[0];
    assert!(select(card, "table.stakeholders").is_empty());
}

#[test]
fn one_card_per_relationship_with_the_worked_verdicts_and_figures() {
    let page = catalog_page();
    let cards = select(page.root_element(), "article.card");
    assert_eq!(cards.len(), WORKED.len(), "one card per relationship");
    for (card, (id, verdict, figures)) in cards.iter().zip(WORKED) {
        assert_eq!(card.value().attr("id"), Some(format!("rel-{id}").as_str()));
        assert_eq!(text(select(*card, "h3")[0]), id);
        assert_eq!(card.value().attr("data-verdict"), Some(verdict), "{id}");
        let shown = text(select(*card, "header .verdict")[0]);
        assert!(shown.ends_with(verdict), "{id}: verdict shown as {shown:?}");
        let bars: Vec<String> = select(*card, "svg.bars text.figure")
            .into_iter()
            .map(text)
            .collect();
        let expected: Vec<String> = figures.iter().map(|f| format!("{f} GBP")).collect();
        assert_eq!(bars, expected, "{id}: figures beside the bars");
        assert_eq!(select(*card, "svg.bars rect").len(), 5, "{id}: five bars");
        assert_eq!(
            text(select(*card, ".net-value")[0]),
            expected[4],
            "{id}: net value in the heading"
        );
    }
}

#[test]
fn summary_counts_verdicts_and_totals_the_net_value() {
    let page = catalog_page();
    let root = page.root_element();
    let one = |css: &str| text(select(root, css)[0]);
    assert_eq!(one("#count-relationships"), "14");
    assert_eq!(one("#count-value"), "12");
    assert_eq!(one("#count-no-value"), "2");
    assert_eq!(one("#count-unassessed"), "0");
    // docs/worked-examples.md and the README: 256,786.54 GBP a year.
    assert_eq!(one("#net-value"), "256,786.54 GBP");
    let rows = select(root, "table.glance tbody tr");
    assert_eq!(rows.len(), 14);
    for (row, (id, verdict, figures)) in rows.iter().zip(WORKED) {
        assert_eq!(text(select(*row, "th[scope=row]")[0]), id);
        assert!(text(*row).contains(&format!("{} GBP", figures[4])), "{id}");
        assert!(text(*row).contains(verdict), "{id}");
    }
}

#[test]
fn a_no_value_relationship_with_a_positive_net_value_shows_why_beside_the_figure() {
    let page = catalog_page();
    let rows = select(page.root_element(), "table.glance tbody tr");
    let net = |id: &str| {
        let row = rows
            .iter()
            .find(|row| text(select(**row, "th[scope=row]")[0]) == id)
            .unwrap_or_else(|| panic!("{id} has a row"));
        // The net value is the fifth cell: relationship, parties, utility, warranty, net.
        select(*row, "th, td")[4]
    };
    // Fairlie & Moss: 1,599.83 GBP a year, but not fit for use.
    let cell = net("fairlie-moss-office-broadband");
    assert!(text(cell).starts_with("1,599.83 GBP"), "{}", text(cell));
    let caveat = select(cell, ".net-caveat");
    assert_eq!(caveat.len(), 1, "{}", cell.html());
    assert_eq!(
        caveat[0].value().attr("data-reasons"),
        Some("not-fit-for-use")
    );
    assert_eq!(text(caveat[0]), "✗ not fit for use");
    // A negative figure speaks for itself, and a value relationship needs no caveat.
    for id in ["bell-holiday-rental", "okafor-home-broadband"] {
        assert!(select(net(id), ".net-caveat").is_empty(), "{id}");
    }
    assert_eq!(
        select(page.root_element(), "table.glance .net-caveat").len(),
        1
    );
}

#[test]
fn a_card_names_the_parties_roles_outcomes_and_unmet_checks() {
    let page = catalog_page();
    let card = select(page.root_element(), "#rel-harbour-corporate-mobile")[0];
    assert_eq!(text(select(card, ".consumer")[0]), "Harbour Logistics Ltd");
    // catalog/mobile-phones.yaml: the CIO and the communications team define the
    // requirements, the employees use the phones, the CFO pays (via crate::roles).
    let customer = text(select(card, "td.role-customer")[0]);
    assert!(
        customer.contains("Priya Raman (Chief Information Officer"),
        "{customer}"
    );
    assert!(customer.contains("Sian Hughes"), "{customer}");
    assert!(text(select(card, "td.role-user")[0]).contains("group of 1,200"));
    assert!(text(select(card, "td.role-sponsor")[0]).contains("Tom Whitaker"));

    let card = select(page.root_element(), "#rel-fairlie-moss-office-broadband")[0];
    assert_eq!(text(select(card, ".provider")[0]), "Kestrel Broadband Ltd");
    assert!(text(select(card, ".offering")[0]).contains("Kestrel"));
    let missing: Vec<String> = select(card, "ul.missing li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].contains("(office-reachable-remotely)"),
        "{missing:?}"
    );
    assert_eq!(select(card, "ul.facilitated li").len(), 2);
    let unmet: Vec<Vec<String>> = select(card, "table.unmet tbody tr")
        .into_iter()
        .map(|row| select(row, "th, td").into_iter().map(text).collect())
        .collect();
    assert_eq!(
        unmet,
        [
            ["availability", "99.9", "not offered"],
            ["capacity:static-ipv4-addresses", "1", "not offered"],
            ["service_level:fault-fix-hours", "8", "48"],
        ]
    );
    let reasons: Vec<&str> = select(card, "ul.reasons li")
        .into_iter()
        .filter_map(|li| li.value().attr("data-reason"))
        .collect();
    assert_eq!(reasons, ["not-fit-for-use"]);
    assert!(text(card).contains("3 of 6 checks met"));
}

#[test]
fn the_scatter_has_a_point_per_relationship_both_lines_and_a_shape_per_verdict() {
    let page = catalog_page();
    let chart = select(page.root_element(), "svg.scatter")[0];
    // Ten relationships stand at 100 × 100 and share a marker: five spots in all.
    assert_eq!(select(chart, "g.point").len(), 5);
    // Shape as well as colour: circles for value, crosses for no-value.
    assert_eq!(select(chart, "g.point circle.m-value").len(), 3);
    assert_eq!(select(chart, "g.point path.m-no-value").len(), 2);
    let labels: Vec<String> = select(chart, "text.label").into_iter().map(text).collect();
    assert_eq!(labels.len(), 5, "a label per spot: {labels:?}");
    for (id, _, _) in WORKED {
        let spot = select(page.root_element(), ".spot-list a")
            .into_iter()
            .filter(|a| text(*a) == id)
            .count();
        let labelled = labels.iter().filter(|l| *l == id).count();
        assert_eq!(
            spot + labelled,
            1,
            "{id} named once, on the chart or under it"
        );
    }
    // thresholds.utility is 50: the fit-for-purpose line stands at the middle of the
    // 360-wide plot that starts at x = 56; the fit-for-use line runs along the top.
    let threshold = select(chart, "line.threshold")[0].value();
    assert_eq!(threshold.attr("x1"), Some("236.0"));
    assert_eq!(threshold.attr("x2"), Some("236.0"));
    let fit_for_use = select(chart, "line.fit-line")[0].value();
    assert_eq!(fit_for_use.attr("y1"), fit_for_use.attr("y2"));
    assert!(text(chart).contains("utility ≥ 50.00"));
}

#[test]
fn relationships_at_one_spot_share_a_marker_with_their_count_and_a_list() {
    let page = catalog_page();
    let root = page.root_element();
    let chart = select(root, "svg.scatter")[0];
    let at_top: Vec<&str> = WORKED
        .iter()
        .map(|(id, _, _)| *id)
        .filter(|id| {
            ![
                "fairlie-moss-office-broadband",
                "bell-holiday-rental",
                "harbour-corporate-mobile",
                "meridian-paperless-office",
            ]
            .contains(id)
        })
        .collect();
    assert_eq!(at_top.len(), 10);

    // One marker, with a badge giving the count and a title naming every relationship.
    let spots = select(chart, "g.spot");
    assert_eq!(spots.len(), 1, "only 100 × 100 holds more than one");
    let spot = spots[0];
    assert_eq!(spot.value().attr("data-count"), Some("10"));
    assert_eq!(spot.value().attr("data-utility"), Some("100.00"));
    assert_eq!(spot.value().attr("data-warranty"), Some("100.00"));
    assert_eq!(
        select(spot, "circle.m-value").len(),
        1,
        "one marker, all value"
    );
    assert_eq!(text(select(spot, ".badge text")[0]), "10");
    let title = text(select(spot, "title")[0]);
    assert!(
        title.starts_with("10 relationships at utility 100.00, warranty 100.00 (10 value): "),
        "{title}"
    );
    for id in &at_top {
        assert_eq!(
            title.matches(&format!("{id},")).count() + usize::from(title.ends_with(id)),
            1,
            "{id} in {title}"
        );
    }
    // The spot is labelled once, with its count.
    let labels: Vec<String> = select(chart, "text.label").into_iter().map(text).collect();
    assert!(
        labels.contains(&"10 relationships at 100.00 × 100.00".to_owned()),
        "{labels:?}"
    );

    // One leader line per spot, none per relationship in it: each starts at a marker, and
    // only one starts at 100 × 100 (x = 56 + 360, y = 28).
    let leaders = select(chart, "line.leader");
    assert_eq!(leaders.len(), 5);
    let from_top = leaders
        .iter()
        .filter(|l| l.value().attr("x1") == Some("416.0") && l.value().attr("y1") == Some("28.0"))
        .count();
    assert_eq!(from_top, 1);

    // Under the chart, the spot's relationships, each once, linking to its card.
    let lists = select(root, "section[aria-labelledby=fit] div.spot");
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].value().attr("data-count"), Some("10"));
    assert!(
        text(select(lists[0], ".spot-heading")[0])
            .contains("10 relationships at utility 100.00, warranty 100.00")
    );
    let listed: Vec<(String, Option<&str>)> = select(lists[0], "li a")
        .into_iter()
        .map(|a| (text(a), a.value().attr("href")))
        .collect();
    assert_eq!(
        listed.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        at_top
    );
    for (id, href) in &listed {
        assert_eq!(href.map(str::to_owned), Some(format!("#rel-{id}")));
    }
    // A spot of one verdict needs no neutral marker in the legend.
    assert!(select(root, "section[aria-labelledby=fit] .m-mixed").is_empty());
}

#[test]
fn the_network_draws_every_relationship_and_dependency() {
    let page = catalog_page();
    let network = select(page.root_element(), "svg.network")[0];
    let titles: Vec<String> = select(network, "g.rel title")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(titles.len(), 14);
    for (id, verdict, _) in WORKED {
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with(&format!("{id}:")) && t.ends_with(&format!("({verdict})"))),
            "{id} drawn with its verdict"
        );
    }
    // fenwick-erp and brindley-erp each depend on the two upstream relationships of
    // Ledgerline (through hosted-erp).
    assert_eq!(select(network, "path.depends-on").len(), 4);
    let organizations = select(network, "g.org").len();
    assert!(organizations >= 19, "{organizations} organisations drawn");
    // Ledgerline provides and consumes: a double border.
    let ledgerline: Vec<ElementRef<'_>> = select(network, "g.org")
        .into_iter()
        .filter(|g| text(*g).contains("Ledgerline Ltd"))
        .collect();
    assert_eq!(select(ledgerline[0], "rect.inner").len(), 1);
}

/// tests/fixtures/report/long-names.yaml: names too long for one line, and connectors
/// that skip columns, go back to the left (a cycle) and join a division to its parent.
fn long_names_fixture() -> PathBuf {
    fixture("report/long-names.yaml")
}

/// A rectangle of the drawing, from its corners.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn of(rect: ElementRef<'_>) -> Rect {
        let number = |name: &str| -> f64 {
            let value = rect.value().attr(name).unwrap_or_else(|| panic!("{name}"));
            value
                .parse()
                .unwrap_or_else(|e| panic!("{name}={value}: {e}"))
        };
        let (x, y) = (number("x"), number("y"));
        Rect {
            x0: x,
            y0: y,
            x1: x + number("width"),
            y1: y + number("height"),
        }
    }

    /// Whether `p` is on or in the rectangle, give or take `slack`.
    fn holds(self, p: (f64, f64), slack: f64) -> bool {
        p.0 >= self.x0 - slack
            && p.0 <= self.x1 + slack
            && p.1 >= self.y0 - slack
            && p.1 <= self.y1 + slack
    }

    /// Whether the segment from `p` to `q` passes through the rectangle, more than a
    /// pixel inside its border (Liang–Barsky clipping).
    fn crossed_by(self, p: (f64, f64), q: (f64, f64)) -> bool {
        let (x0, y0, x1, y1) = (self.x0 + 1.0, self.y0 + 1.0, self.x1 - 1.0, self.y1 - 1.0);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
        for (towards, room) in [
            (-dx, p.0 - x0),
            (dx, x1 - p.0),
            (-dy, p.1 - y0),
            (dy, y1 - p.1),
        ] {
            if towards.abs() < 1e-12 {
                if room < 0.0 {
                    return false;
                }
            } else if towards < 0.0 {
                enter = enter.max(room / towards);
            } else {
                leave = leave.min(room / towards);
            }
        }
        enter <= leave
    }
}

/// The points along an SVG path of `M`, `L`, `C` and `Z` commands, each cubic curve
/// sampled every 1/32 of the way.
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    let mut rest = d;
    while let Some(command) = rest.chars().next() {
        let end = rest[1..]
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(rest.len(), |at| at + 1);
        let n: Vec<f64> = rest[1..end]
            .split_whitespace()
            .map(|n| n.parse().unwrap_or_else(|e| panic!("{n} in {d}: {e}")))
            .collect();
        rest = &rest[end..];
        match command {
            'M' | 'L' => points.push((n[0], n[1])),
            'C' => {
                let (x0, y0) = *points.last().expect("a current point");
                for step in 1..=32 {
                    let t = f64::from(step) / 32.0;
                    let u = 1.0 - t;
                    let bezier = |a: f64, b: f64, c: f64, e: f64| {
                        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * e
                    };
                    points.push((bezier(x0, n[0], n[2], n[4]), bezier(y0, n[1], n[3], n[5])));
                }
            }
            'Z' => {}
            other => panic!("unexpected command {other} in {d}"),
        }
    }
    points
}

/// Whitespace left out, to compare text wrapped over lines with the text whole.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks the value network of `page` keeps its two promises: every name whole inside
/// its box, and no connector through a box it does not join. Returns how many boxes have
/// a name over more than one line and how many connectors pass through a waypoint.
fn check_network(page: &Html, what: &str) -> (usize, usize) {
    let network = select(page.root_element(), "svg.network")[0];
    let nodes = select(network, "g.node");
    let boxes: Vec<Rect> = nodes
        .iter()
        .map(|g| Rect::of(select(*g, "rect.box")[0]))
        .collect();
    let mut wrapped = 0;
    for (g, rect) in nodes.iter().zip(&boxes) {
        let title = text(select(*g, "title")[0]);
        let lines = |css: &str| -> String {
            select(*g, css)
                .into_iter()
                .map(text)
                .collect::<Vec<_>>()
                .concat()
        };
        let (name, note) = (lines("text.node-name"), lines("text.node-note"));
        assert!(
            !name.contains('…') && !note.contains('…'),
            "{what}: {title} cut"
        );
        // An organisation's title is "name (id)", a relationship's "id: offering (verdict)".
        let separator = if g
            .value()
            .has_class("org", scraper::CaseSensitivity::CaseSensitive)
        {
            "("
        } else {
            ":"
        };
        assert!(
            squeezed(&title).starts_with(&format!("{}{separator}", squeezed(&name))),
            "{what}: {name:?} is not the whole name in {title:?}"
        );
        assert!(
            squeezed(&title).contains(&squeezed(&note)),
            "{what}: {note:?} is not whole in {title:?}"
        );
        if select(*g, "text.node-name").len() > 1 {
            wrapped += 1;
        }
        // Every line starts inside the box and stands between its top and bottom.
        for line in select(*g, "text") {
            let at = |name: &str| -> f64 {
                line.value()
                    .attr(name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{what}: {name} of {}", line.html()))
            };
            let (x, y) = (at("x"), at("y"));
            assert!(
                x >= rect.x0 + 4.0 && x < rect.x1,
                "{what}: {} left of its box",
                text(line)
            );
            assert!(
                y - 12.0 >= rect.y0 && y + 4.0 <= rect.y1,
                "{what}: {} above or below its box",
                text(line)
            );
        }
    }

    let mut through_waypoints = 0;
    for path in select(network, "path.edge") {
        let d = path.value().attr("d").expect("a path");
        let points = path_points(d);
        let (start, end) = (points[0], points[points.len() - 1]);
        let ends: Vec<usize> = (0..boxes.len())
            .filter(|&b| boxes[b].holds(start, 0.5) || boxes[b].holds(end, 0.5))
            .collect();
        assert!(
            boxes.iter().any(|b| b.holds(start, 0.5)) && boxes.iter().any(|b| b.holds(end, 0.5)),
            "{what}: {d} does not join two boxes"
        );
        for (b, rect) in boxes.iter().enumerate() {
            if ends.contains(&b) {
                continue;
            }
            for pair in points.windows(2) {
                assert!(
                    !rect.crossed_by(pair[0], pair[1]),
                    "{what}: the connector {d} crosses {:?} at {:?}",
                    text(select(nodes[b], "title")[0]),
                    pair
                );
            }
        }
        if d.contains('L') {
            through_waypoints += 1;
        }
    }
    (wrapped, through_waypoints)
}

#[test]
fn the_network_cuts_no_name_and_no_connector_crosses_a_box_it_does_not_join() {
    // catalog/: Fenwick & Hale Group IT provides to a relationship three columns right,
    // and the two ERP relationships depend on Ledgerline's upstream ones across a column.
    let (wrapped, through) = check_network(&catalog_page(), "catalog/");
    assert!(wrapped > 0, "catalog/ has names over two lines");
    assert!(
        through >= 5,
        "{through} connectors through waypoints on catalog/"
    );

    let page = Html::parse_document(&report_of(&[&long_names_fixture()]));
    let (wrapped, through) = check_network(&page, "long-names.yaml");
    assert!(wrapped >= 5, "{wrapped} names wrapped");
    assert!(through >= 4, "{through} connectors through waypoints");
    // The id without a hyphen is cut over two lines, each character kept.
    let network = select(page.root_element(), "svg.network")[0];
    let notes: Vec<String> = select(network, "text.node-note")
        .into_iter()
        .map(text)
        .collect();
    let joined = notes.concat();
    assert!(
        joined.contains("endeavour_logistics_division_of_the_northern_cooperative"),
        "{notes:?}"
    );
    assert!(
        !notes.contains(&"endeavour_logistics_division_of_the_northern_cooperative".to_owned()),
        "too long for one line: {notes:?}"
    );
    // A cycle: the connector back to Amalgamated leaves its relationship's box from the
    // left and enters Amalgamated's from the right.
    let box_of = |title: &str| {
        let g = select(network, "g.node")
            .into_iter()
            .find(|g| text(select(*g, "title")[0]).starts_with(title))
            .unwrap_or_else(|| panic!("a box titled {title}"));
        Rect::of(select(g, "rect.box")[0])
    };
    let (from, to) = (
        box_of("amalgamated-pallet-distribution:"),
        box_of("Amalgamated Infrastructure"),
    );
    let back = select(network, "path.edge")
        .into_iter()
        .map(|p| path_points(p.value().attr("d").expect("a path")))
        .filter(|points| {
            let (start, end) = (points[0], points[points.len() - 1]);
            (start.0 - from.x0).abs() < 0.5 && (end.0 - to.x1).abs() < 0.5
        })
        .count();
    assert_eq!(back, 1, "the connector back into the cycle");
}

#[test]
fn every_chart_has_a_text_alternative_and_scales_to_its_container() {
    for page in [
        catalog_page(),
        Html::parse_document(&report_of(&[&escaping_fixture()])),
        co_creation_page(),
    ] {
        let root = page.root_element();
        let svgs = select(root, "svg");
        assert!(svgs.len() >= 3);
        for svg in svgs {
            let element = svg.value();
            if element.attr("aria-hidden") == Some("true") {
                continue; // legend swatches, next to their text
            }
            assert_eq!(element.attr("role"), Some("img"));
            assert_eq!(element.attr("width"), Some("100%"));
            assert!(element.attr("viewBox").is_some());
            let labelled_by = element.attr("aria-labelledby").expect("aria-labelledby");
            for id in labelled_by.split(' ') {
                let target = select(root, &format!("#{id}"));
                assert_eq!(target.len(), 1, "#{id} exists once");
                assert!(
                    ["title", "desc"].contains(&target[0].value().name()),
                    "#{id} is a title or desc"
                );
                assert!(!text(target[0]).trim().is_empty(), "#{id} has text");
            }
        }
        // Tables label their headers.
        for th in select(root, "th") {
            assert!(th.value().attr("scope").is_some(), "{}", th.html());
        }
        assert_eq!(select(root, "h1").len(), 1);
        assert_eq!(root.value().name(), "html");
        assert_eq!(root.value().attr("lang"), Some("en"));
    }
}

#[test]
fn the_page_fetches_nothing() {
    let html = report_of(&[&catalog("")]);
    for needle in [
        "http://", "https://", "url(", "@import", "src=", "<link", "<script",
    ] {
        assert!(!html.contains(needle), "the page contains {needle:?}");
    }
    let page = Html::parse_document(&html);
    let root = page.root_element();
    assert!(select(root, "script, link, img, iframe, object, embed").is_empty());
    for element in select(root, "[href]") {
        let href = element.value().attr("href").unwrap_or_default();
        assert!(href.starts_with('#'), "only links within the page: {href}");
    }
    // Styles for both schemes and for print are inline.
    let style = text(select(root, "head style")[0]);
    assert!(style.contains("prefers-color-scheme: dark"));
    assert!(style.contains("@media print"));
    assert!(
        html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
    );
}

#[test]
fn lint_findings_are_tabled_when_there_are_any() {
    // The broadband story lints clean: the page says so, with what its settings suppress.
    let clean = Html::parse_document(&report_of(&[
        &catalog("catalogue.yaml"),
        &catalog("broadband.yaml"),
    ]));
    let none = text(select(clean.root_element(), "#no-findings")[0]);
    assert!(none.contains("1 suppressed"), "{none}");
    assert!(select(clean.root_element(), "table.findings").is_empty());

    // The whole bundled catalogue has three findings: Calder's joint review is overdue, its
    // users perceive it poorly, and an improvement of Harbour's is past its due date.
    let page = catalog_page();
    assert!(select(page.root_element(), "#no-findings").is_empty());
    let rows = select(page.root_element(), "table.findings tbody tr");
    let codes: Vec<String> = rows
        .iter()
        .map(|row| text(select(*row, "th code")[0]))
        .collect();
    assert_eq!(codes, ["SVS321", "SVS318", "SVS323"]);

    let page = Html::parse_document(&report_of(&[&escaping_fixture()]));
    let rows = select(page.root_element(), "table.findings tbody tr");
    let codes: Vec<String> = rows
        .iter()
        .map(|row| text(select(*row, "th code")[0]))
        .collect();
    assert_eq!(
        codes,
        [
            "SVS202", "SVS202", "SVS312", "SVS307", "SVS302", "SVS304", "SVS308", "SVS307"
        ]
    );
    // The network is drawn as well.
    assert_eq!(select(page.root_element(), "svg.network").len(), 1);
}

#[test]
fn names_with_markup_and_quotes_render_as_text() {
    let html = report_of(&[&escaping_fixture()]);
    let page = Html::parse_document(&html);
    let root = page.root_element();
    // Nothing the catalogue says became an element or an attribute.
    assert!(
        select(
            root,
            "script, img, b, i, u, marquee, blink, a[href^=javascript]"
        )
        .is_empty()
    );
    for element in root.descendants().filter_map(ElementRef::wrap) {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "attribute {name} on {}",
                element.html()
            );
        }
    }
    assert!(!html.contains("<!-- "), "a name opened a comment");
    // The page keeps its shape: three cards, every section.
    assert_eq!(select(root, "article.card").len(), 3);
    for id in [
        "summary",
        "fit",
        "co-creation",
        "providers",
        "relationships",
        "network",
        "findings",
    ] {
        assert_eq!(select(root, &format!("h2#{id}")).len(), 1);
    }
    // And the names read as written, in text ...
    assert_eq!(
        text(select(root, "title")[0]),
        "Value report: <script>alert('catalogue')</script>"
    );
    assert_eq!(
        text(select(root, "h1")[0]),
        "Value report: <script>alert('catalogue')</script>"
    );
    let card = select(root, "#rel-beta-hosting")[0];
    assert_eq!(text(select(card, ".provider")[0]), "Acme & Sons <b>Ltd</b>");
    assert_eq!(
        text(select(card, ".consumer")[0]),
        r#"Beta "Quoted" 'Co' </svg><img src=x onerror=alert(1)>"#
    );
    assert_eq!(
        text(select(card, ".offering")[0]),
        r#"Hosting plan "Pro" <script>"#
    );
    assert!(
        text(select(card, "td.role-customer")[0])
            .starts_with(r#"<script>alert(1)</script> (CIO" onmouseover="alert(2), Beta"#)
    );
    assert!(text(select(card, "td.role-user")[0]).starts_with("Beta staff </td></tr></table>"));
    assert!(text(select(card, "ul.missing li")[0]).starts_with("Nothing leaks --> <!-- "));
    assert_eq!(
        text(select(card, "ul.benefits li")[0]),
        r#"<i>kudos</i> & "fame" (image): unpriced, not counted"#
    );
    let bob = select(card, "table.stakeholders tbody[data-party=bob]")[0];
    assert!(text(select(bob, "th.party")[0]).ends_with(r#"interest: <b>bold</b> " interest"#));
    assert_eq!(
        text(select(bob, "tr.effect th")[0]),
        "− <marquee>fun</marquee> (loss)"
    );
    let unmet = select(card, "table.unmet tbody tr");
    assert_eq!(
        text(select(unmet[1], "th")[0]),
        "security:<blink>sso</blink>"
    );
    // ... in attributes ...
    assert_eq!(
        unmet[1].value().attr("title"),
        Some("security:<blink>sso</blink> not offered")
    );
    // ... and inside the SVG charts.
    let desc = text(select(root, "#network-desc")[0]);
    assert!(desc.contains(r#"Acme & Sons <b>Ltd</b> provides Hosting plan "Pro" <script>"#));
    let title = text(select(root, "#network-title")[0]);
    assert_eq!(
        title,
        "Value network of <script>alert('catalogue')</script>"
    );
}

#[test]
fn the_escaping_report_snapshot() {
    let output = svs()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "tests/fixtures/report/escaping.yaml"])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("UTF-8"));
}

#[test]
fn help_shows_an_example() {
    let output = run(&["report", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("svs report catalog/ -o value-report.html"),
        "{help}"
    );
}

/// A directory holding a copy of the escaping catalogue as `cat/catalogue.yaml`.
fn catalogue_copy() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temporary directory");
    let dir = temp.path().join("cat");
    fs::create_dir(&dir).expect("mkdir");
    fs::copy(escaping_fixture(), dir.join("catalogue.yaml")).expect("copy");
    (temp, dir)
}

/// Every file under `dir`, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn assert_refused(args: &[&Path], why: &str) {
    let output = svs().arg("report").args(args).output().expect("svs runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert!(stderr.contains(why), "{args:?}: {stderr}");
}

#[test]
fn an_output_path_that_is_an_input_is_refused_and_nothing_is_written() {
    let (temp, dir) = catalogue_copy();
    let file = dir.join("catalogue.yaml");
    let before = fs::read(&file).expect("readable");
    let o = Path::new("-o");
    // The file itself, by its own name and by other spellings of the same path.
    assert_refused(&[&file, o, &file], "is one of the inputs");
    assert_refused(&[&dir, o, &file], "is a catalogue file");
    let dotted = dir.join("..").join("cat").join(".").join("catalogue.yaml");
    assert_refused(&[&dir, o, &dotted], "is a catalogue file");
    // A new YAML file inside the input directory would join the catalogue.
    assert_refused(&[&dir, o, &dir.join("report.yaml")], ".yaml or .yml");
    // An input with another extension is an input all the same.
    let text_input = temp.path().join("catalogue.txt");
    fs::copy(&file, &text_input).expect("copy");
    assert_refused(&[&text_input, o, &text_input], "is one of the inputs");
    // A link that leads to a catalogue file.
    #[cfg(unix)]
    {
        let link = temp.path().join("report.html");
        std::os::unix::fs::symlink(&text_input, &link).expect("symlink");
        assert_refused(&[&text_input, o, &link], "is one of the inputs");
        fs::remove_file(&link).expect("unlink");
    }
    assert_eq!(fs::read(&file).expect("readable"), before, "never modified");
    assert_eq!(
        listing(&dir),
        std::slice::from_ref(&file),
        "nothing written beside it"
    );
    assert_eq!(
        listing(temp.path()),
        [dir.clone(), text_input.clone()],
        "nothing written"
    );
    drop(temp);
}

#[test]
fn output_writes_the_file_atomically_and_prints_nothing_on_stdout() {
    let (temp, dir) = catalogue_copy();
    // Inside the input directory is fine for a file the loader does not read.
    let target = dir.join("report.html");
    fs::write(&target, "an older report").expect("write");
    let output = svs()
        .args([
            "report".as_ref(),
            dir.as_os_str(),
            "-o".as_ref(),
            target.as_os_str(),
        ])
        .output()
        .expect("svs runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "nothing on stdout with -o");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("wrote "), "{stderr}");
    let written = fs::read(&target).expect("written");
    // The same bytes as on standard output: the report is deterministic.
    let stdout = svs()
        .args(["report".as_ref(), dir.as_os_str()])
        .output()
        .expect("svs runs")
        .stdout;
    assert_eq!(written, stdout);
    assert!(String::from_utf8_lossy(&written).starts_with("<!DOCTYPE html>"));
    // No temporary file is left behind.
    assert_eq!(listing(&dir), [dir.join("catalogue.yaml"), target.clone()]);
    // -q keeps stderr empty too.
    let quiet = svs()
        .args([
            "report".as_ref(),
            dir.as_os_str(),
            "-q".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ])
        .output()
        .expect("svs runs");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    drop(temp);
}

#[test]
fn output_into_a_missing_directory_or_from_a_broken_catalogue_writes_nothing() {
    let (temp, dir) = catalogue_copy();
    let o = Path::new("-o");
    let missing = temp.path().join("no-such-dir").join("report.html");
    assert_refused(&[&dir, o, &missing], "cannot use directory");
    assert_refused(&[&dir, o, temp.path()], "is a directory");

    let broken = temp.path().join("broken.yaml");
    fs::write(&broken, "svs: 1\norganizations:\n  - { id: a, nmae: A }\n").expect("write");
    let target = temp.path().join("report.html");
    assert_refused(&[&broken, o, &target], "does not load");
    assert!(
        !target.exists(),
        "no report from a catalogue that does not load"
    );
}

// --- A real browser ---------------------------------------------------------------

/// Runs Debian's Chromium headless with a fresh profile and no network chatter; fails
/// (never skips) when it cannot run. `timeout` bounds a hung browser; it measures
/// nothing.
pub(crate) fn chromium(args: &[&str]) -> std::process::Output {
    common::require_program("chromium", "chromium");
    let profile = tempfile::tempdir().expect("profile directory");
    let profile_arg = format!("--user-data-dir={}", profile.path().display());
    let output = Command::new("timeout")
        .arg("180")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            &profile_arg,
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `timeout chromium` ({e})"));
    assert!(
        output.status.success(),
        "chromium failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Frames `report.html` of `dir` at a desktop's width in Chromium and, once it has loaded,
/// runs `script` with `doc` the report's document; returns the page as Chromium left it,
/// where the script writes what it measured into the body's attributes.
pub(crate) fn probe_report(dir: &Path, script: &str) -> Html {
    let probe = dir.join("probe.html");
    let page = format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="report" src="report.html" style="width:1280px;height:2000px;border:0"></iframe>
<script>
window.addEventListener('load', function () {{
  var doc = document.getElementById('report').contentDocument;
{script}}});
</script></body></html>"#
    );
    fs::write(&probe, page).expect("write");
    let dom = chromium(&["--allow-file-access-from-files", "--dump-dom", &url(&probe)]).stdout;
    Html::parse_document(&String::from_utf8(dom).expect("UTF-8"))
}

pub(crate) fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The PNG's pixels as RGBA colours.
fn pixels(path: &Path) -> (u32, Vec<[u8; 4]>) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let data = &buffer[..info.buffer_size()];
    let colours = match info.color_type {
        png::ColorType::Rgba => data
            .chunks_exact(4)
            .map(|p| [p[0], p[1], p[2], p[3]])
            .collect(),
        png::ColorType::Rgb => data
            .chunks_exact(3)
            .map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, colours)
}

/// Takes a screenshot and checks that it shows a page rather than a blank: many distinct
/// colours (text is anti-aliased, the charts are coloured). Returns the pixels.
fn screenshot(page: &Path, png: &Path, extra: &[&str]) -> (u32, Vec<[u8; 4]>) {
    let shot = format!("--screenshot={}", png.display());
    let mut args = vec![shot.as_str()];
    args.extend_from_slice(extra);
    let url = url(page);
    args.push(&url);
    chromium(&args);
    let (width, pixels) = pixels(png);
    let distinct: HashSet<[u8; 4]> = pixels.iter().copied().collect();
    assert!(
        distinct.len() > 200,
        "{}: only {} distinct colours, a blank page?",
        png.display(),
        distinct.len()
    );
    (width, pixels)
}

fn luminance(pixel: [u8; 4]) -> u32 {
    (u32::from(pixel[0]) * 299 + u32::from(pixel[1]) * 587 + u32::from(pixel[2]) * 114) / 1000
}

#[test]
fn a_real_browser_renders_the_report_at_desktop_and_phone_widths() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let page = temp.path().join("report.html");
    let output = svs()
        .args([
            "report".as_ref(),
            catalog("").as_os_str(),
            "-o".as_ref(),
            page.as_os_str(),
        ])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));

    // The DOM the browser built: every relationship and its verdict.
    let dom = chromium(&["--dump-dom", &url(&page)]).stdout;
    let dom = Html::parse_document(&String::from_utf8(dom).expect("UTF-8"));
    let cards = select(dom.root_element(), "article.card");
    assert_eq!(cards.len(), 14);
    for (card, (id, verdict, _)) in cards.iter().zip(WORKED) {
        assert_eq!(text(select(*card, "h3")[0]), id);
        assert!(text(select(*card, "header .verdict")[0]).ends_with(verdict));
    }

    // Screenshots that are not blank, light at both widths and dark on request.
    let (width, light) = screenshot(
        &page,
        &temp.path().join("1280.png"),
        &["--window-size=1280,2000"],
    );
    assert_eq!(width, 1280);
    let (width, _) = screenshot(
        &page,
        &temp.path().join("375.png"),
        &["--window-size=375,2000"],
    );
    assert_eq!(width, 375);
    let (_, dark) = screenshot(
        &page,
        &temp.path().join("dark.png"),
        &["--window-size=1280,2000", "--force-dark-mode"],
    );
    assert!(luminance(light[0]) > 200, "a light background by default");
    assert!(
        luminance(dark[0]) < 60,
        "a dark background in the dark scheme"
    );

    // Nothing is wider than a phone's screen, measured by the browser itself: a probe
    // page frames the report 375 px wide and records how far its content overflows (the
    // report has no script; only the probe does). Headless Chromium will not make its
    // window narrower than 500 px for `--dump-dom`, hence the frame. The probe also
    // measures, in the font the browser chose, every line of text in the value network's
    // boxes, of `catalog/` and of the long names, and records any that sticks out of its
    // box.
    let output = svs()
        .arg("report")
        .arg(long_names_fixture())
        .arg("-o")
        .arg(temp.path().join("long-names.html"))
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    let probe = temp.path().join("probe.html");
    fs::write(
        &probe,
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="report" src="report.html" style="width:375px;height:2000px;border:0"></iframe>
<iframe id="long-names" src="long-names.html" style="width:1280px;height:2000px;border:0"></iframe>
<script>
function outside(id) {
  var found = [], lines = 0;
  var doc = document.getElementById(id).contentDocument;
  doc.querySelectorAll('svg.network g.node').forEach(function (g) {
    var box = g.querySelector('rect.box').getBBox();
    g.querySelectorAll('text').forEach(function (t) {
      var b = t.getBBox();
      lines += 1;
      if (b.x < box.x || b.x + b.width > box.x + box.width
          || b.y < box.y || b.y + b.height > box.y + box.height) {
        found.push(t.textContent);
      }
    });
  });
  return lines + ':' + found.join('|');
}
window.addEventListener('load', function () {
  var page = document.getElementById('report').contentDocument.documentElement;
  document.body.setAttribute('data-width', String(page.clientWidth));
  document.body.setAttribute('data-overflow', String(page.scrollWidth - page.clientWidth));
  document.body.setAttribute('data-outside', outside('report'));
  document.body.setAttribute('data-outside-long', outside('long-names'));
});
</script></body></html>"#,
    )
    .expect("write");
    let dom = chromium(&["--allow-file-access-from-files", "--dump-dom", &url(&probe)]).stdout;
    let dom = Html::parse_document(&String::from_utf8(dom).expect("UTF-8"));
    let body = select(dom.root_element(), "body")[0].value();
    assert_eq!(body.attr("data-width"), Some("375"), "the probe ran");
    let overflow = body.attr("data-overflow").unwrap_or_default();
    assert_eq!(overflow, "0", "the page is wider than 375 px");
    for attribute in ["data-outside", "data-outside-long"] {
        let outside = body.attr(attribute).unwrap_or_default();
        let (lines, found) = outside.split_once(':').expect("lines:texts");
        assert!(
            lines.parse::<usize>().is_ok_and(|n| n > 10),
            "{attribute}: {lines} lines measured"
        );
        assert_eq!(found, "", "{attribute}: text outside its box");
    }
}

/// Opens `report.html` of `dir` framed at a desktop's width in Chromium, and returns the
/// width the providers' stacked bars are drawn at, and, as the browser laid them out, each
/// provider's bar: `id=total@track-width:` then, for each segment, its dimension, amount,
/// position, width and fill (segments apart by `|`; bars by `;`).
fn stacks_in_a_browser(dir: &Path) -> (f64, String) {
    let dom = probe_report(
        dir,
        r"
  var chart = doc.querySelector('section[aria-labelledby=providers] svg.chart.dimensions');
  var rows = [];
  chart.querySelectorAll('g.stack').forEach(function (g) {
    var track = g.querySelector('rect.track').getBBox();
    var parts = [];
    g.querySelectorAll('rect.segment').forEach(function (r) {
      var b = r.getBBox();
      parts.push([r.getAttribute('data-dimension'), r.getAttribute('data-amount'),
                  b.x.toFixed(2), b.width.toFixed(2), getComputedStyle(r).fill].join(' '));
    });
    rows.push(g.getAttribute('data-id') + '=' + g.getAttribute('data-total') + '@'
              + track.width.toFixed(2) + ':' + parts.join('|'));
  });
  document.body.setAttribute('data-stacks', rows.join(';'));
  document.body.setAttribute('data-drawn', String(chart.getBoundingClientRect().width));
",
    );
    let body = select(dom.root_element(), "body")[0].value();
    let drawn = body
        .attr("data-drawn")
        .and_then(|w| w.parse().ok())
        .expect("the probe ran");
    let stacks = body.attr("data-stacks").expect("the probe ran").to_owned();
    (drawn, stacks)
}

#[test]
fn a_real_browser_draws_each_provider_s_cost_as_stacked_bars_by_dimension() {
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
    let (drawn, stacks) = stacks_in_a_browser(temp.path());
    assert!(
        drawn > 300.0 && drawn <= 480.0,
        "drawn {drawn} px wide: a card's width, not the page's"
    );
    let stacks: Vec<(&str, f64, f64, Vec<Vec<&str>>)> = stacks
        .split(';')
        .map(|row| {
            let (id, rest) = row.split_once('=').expect("id=");
            let (total, rest) = rest.split_once('@').expect("total@");
            let (track, parts) = rest.split_once(':').expect("track:");
            let parts = parts
                .split('|')
                .filter(|p| !p.is_empty())
                .map(|p| p.splitn(5, ' ').collect())
                .collect();
            (
                id,
                total.parse().expect("a total"),
                track.parse().expect("a width"),
                parts,
            )
        })
        .collect();
    assert_eq!(stacks.len(), 10, "a bar per provider of catalog/");
    let largest = stacks.iter().map(|s| s.1).fold(0.0, f64::max);
    let mut fills: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (id, total, track, parts) in &stacks {
        // Segments abut from the left edge, each as long as its amount on the common
        // scale (a part too small to see is drawn 1 px wide), and the bar is as long as
        // its total.
        let mut x = 0.0;
        let mut amounts = 0.0;
        for part in parts {
            let [dimension, amount, at, width, fill] = part[..] else {
                panic!("{id}: {part:?}");
            };
            let (amount, at, width): (f64, f64, f64) = (
                amount.parse().unwrap(),
                at.parse().unwrap(),
                width.parse().unwrap(),
            );
            assert!((at - x).abs() < 0.2, "{id} {dimension}: at {at}, not {x}");
            let wanted = (amount / largest * track).max(1.0);
            assert!(
                (width - wanted).abs() < 0.2,
                "{id} {dimension}: {width} wide, not {wanted}"
            );
            assert_ne!(fill, "none", "{id} {dimension}");
            assert_eq!(*fills.entry(dimension).or_insert(fill), fill, "{dimension}");
            x = at + width;
            amounts += amount;
        }
        assert!(
            (amounts - total).abs() < 0.05,
            "{id}: {amounts} against {total}"
        );
        // The bar ends where its total does on the scale, give or take the rounding of
        // each segment and a pixel for each part drawn wider than its amount.
        let whole = total / largest * track;
        assert!(
            x > whole - 1.0 && x < whole + 4.0,
            "{id}: ends at {x}, not {whole}"
        );
    }
    // Four dimensions, four colours.
    assert_eq!(fills.len(), 4, "{fills:?}");
    let distinct: HashSet<&str> = fills.values().copied().collect();
    assert_eq!(distinct.len(), 4, "{fills:?}");
}

// --- For one organisation's eyes (`--for ORG`) ------------------------------------

/// tests/fixtures/report/for.yaml: Telco sells one plan to Acme, to Acme's lab (a unit
/// of Acme) and to Brightwater; the plan's product has a hidden and a visible resource.
fn partly_visible() -> PathBuf {
    fixture("report/for.yaml")
}

/// The report of the partly visible catalogue for `organization`'s eyes.
fn report_for(organization: &str) -> String {
    let output = svs()
        .arg("report")
        .arg(partly_visible())
        .args(["--for", organization])
        .output()
        .expect("svs runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The whole page but its style sheet (whose CSS speaks of `margin`), in lower case:
/// text, attributes, tooltips and chart descriptions alike.
fn all_but_style(page: &str) -> String {
    let start = page.find("<style>").expect("a style sheet");
    let end = page.find("</style>").expect("a style sheet") + "</style>".len();
    format!("{}{}", &page[..start], &page[end..]).to_lowercase()
}

/// What a consumer of Telco's plan must not see: the provider's side (its figures,
/// verdict and co-creation, in words or in attributes), the other stakeholders, the
/// resource it does not see, and the other consumer.
const PROVIDER_ONLY: [&str; 20] = [
    "margin",
    "cost of provision",
    "revenue",
    "6,300",
    "provider-verdict",
    "sustainable",
    "co-creation",
    "mutual",
    "provider portfolio",
    "sla penalties",
    "flagship reference",
    "tower rental",
    "stakeholder",
    "sam field",
    "overtime",
    "kestrel",
    "night-shift",
    "brightwater",
    "lee ",
    "svs302",
];

/// The ids of the cards of a page, in order.
fn card_ids(page: &Html) -> Vec<String> {
    select(page.root_element(), "article.card")
        .into_iter()
        .map(|card| text(select(card, "h3")[0]))
        .collect()
}

/// The resources listed on a card, as text.
fn resources(card: ElementRef<'_>) -> Vec<String> {
    select(card, "li.resource").into_iter().map(text).collect()
}

#[test]
fn a_report_for_a_consumer_shows_nothing_of_the_provider_side_or_other_consumers() {
    let page = report_for("acme");
    let whole = all_but_style(&page);
    for hidden in PROVIDER_ONLY {
        assert!(!whole.contains(hidden), "`{hidden}` in the report for Acme");
    }
    let page = Html::parse_document(&page);
    let root = page.root_element();
    assert_eq!(card_ids(&page), ["acme-mobile", "lab-mobile"]);
    // The consumer portfolio holds Acme's own entries only.
    let consumers: Vec<&str> = select(root, "section[aria-labelledby=consumers] tr[data-consumer]")
        .into_iter()
        .filter_map(|tr| tr.value().attr("data-consumer"))
        .collect();
    assert_eq!(consumers, ["acme", "acme-lab"]);
    let title = text(select(root, "title")[0]);
    assert_eq!(title, "Value report: partly-visible, for Acme Ltd");
    for card in select(root, "article.card") {
        // The consumer's side is all there: verdict, balance, roles.
        assert!(text(select(card, "header .verdict")[0]).ends_with("value"));
        assert_eq!(select(card, "svg.chart.bars").len(), 1);
        assert_eq!(select(card, "table.roles").len(), 1);
        assert!(select(card, "table.sides, table.provider-side, table.stakeholders").is_empty());
        assert_eq!(
            resources(card),
            ["Handset self-service portal (information and technology)"]
        );
    }
    assert_eq!(text(select(root, "#net-value")[0]), "11,000.00 GBP");
    assert!(select(root, "#co-creation, #providers").is_empty());
    // The network draws Telco, Acme and its lab, and no one else.
    let boxes: Vec<String> = select(root, "svg.network g.org title")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        boxes,
        [
            "Telco plc (telco)",
            "Acme Ltd (acme)",
            "Acme Research Lab (acme-lab)"
        ]
    );
}

#[test]
fn a_report_for_the_provider_shows_both_sides_and_every_resource() {
    let page = report_for("telco");
    let whole = all_but_style(&page);
    for seen in [
        "6,300.00",
        "kestrel night-shift operations team",
        "brightwater",
        "svs302",
    ] {
        assert!(
            whole.contains(seen),
            "`{seen}` missing from the report for Telco"
        );
    }
    let page = Html::parse_document(&page);
    let root = page.root_element();
    assert_eq!(
        card_ids(&page),
        ["acme-mobile", "lab-mobile", "brightwater-mobile"]
    );
    let acme = select(root, "article#rel-acme-mobile")[0];
    assert_eq!(acme.value().attr("data-co-creation"), Some("mutual"));
    assert!(provider_figures(acme).contains(&("margin".to_owned(), "6,300.00 GBP".to_owned())));
    assert_eq!(select(acme, "table.stakeholders").len(), 1);
    assert_eq!(
        resources(acme),
        [
            "Kestrel night-shift operations team (organisations and people) hidden",
            "Handset self-service portal (information and technology)"
        ]
    );
    assert_eq!(text(select(root, "#count-mutual")[0]), "3");
    let portfolio: Vec<String> = select(root, "table.portfolio tbody tr")
        .into_iter()
        .map(|row| {
            row.value()
                .attr("data-provider")
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(portfolio, ["telco"]);
}

#[test]
fn a_unit_under_the_consumer_through_parent_counts_as_the_consumer() {
    // Acme's lab is part of Acme: Acme's report holds the lab's relationship, from the
    // consumer's side only; the lab's own report holds its relationship alone.
    let acme = Html::parse_document(&report_for("acme"));
    let lab = select(acme.root_element(), "article#rel-lab-mobile")[0];
    assert_eq!(lab.value().attr("data-provider-verdict"), None);
    assert!(select(lab, "table.provider-side").is_empty());
    let page = report_for("acme-lab");
    for hidden in PROVIDER_ONLY {
        assert!(
            !all_but_style(&page).contains(hidden),
            "`{hidden}` for the lab"
        );
    }
    let page = Html::parse_document(&page);
    assert_eq!(card_ids(&page), ["lab-mobile"]);
}

#[test]
fn without_for_the_owners_see_every_resource_marked_hidden_or_not() {
    let page = Html::parse_document(&report_of(&[&partly_visible()]));
    let root = page.root_element();
    assert_eq!(card_ids(&page).len(), 3);
    for card in select(root, "article.card") {
        assert_eq!(resources(card).len(), 2);
        assert_eq!(
            select(card, "li.resource[data-visible=false] .hidden-resource").len(),
            1
        );
    }
}

#[test]
fn an_unknown_for_organisation_is_a_usage_error_and_writes_nothing() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let out = temp.path().join("report.html");
    let output = svs()
        .arg("report")
        .arg(partly_visible())
        .args(["--for", "brightwatr", "-o"])
        .arg(&out)
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains(
            "--for brightwatr: no organization has this id (did you mean `brightwater`?)"
        ),
        "{errors}"
    );
    assert!(!out.exists());
}

#[test]
fn a_real_browser_shows_a_consumer_nothing_of_the_provider_side() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let page = temp.path().join("acme.html");
    let output = svs()
        .arg("report")
        .arg(partly_visible())
        .args(["--for", "acme", "-o"])
        .arg(&page)
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    let dom = chromium(&["--dump-dom", &url(&page)]).stdout;
    let dom = Html::parse_document(&String::from_utf8(dom).expect("UTF-8"));
    assert_eq!(card_ids(&dom), ["acme-mobile", "lab-mobile"]);
    let body = text(select(dom.root_element(), "body")[0]).to_lowercase();
    assert!(body.contains("handset self-service portal"));
    for hidden in PROVIDER_ONLY {
        assert!(!body.contains(hidden), "`{hidden}` shown to Acme");
    }
    screenshot(
        &page,
        &temp.path().join("acme.png"),
        &["--window-size=1280,2000"],
    );
}
