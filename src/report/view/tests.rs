//! The writers over small views built by hand: each cell type and block as every format
//! writes it, apart from any report.

use rust_decimal_macros::dec;

use super::*;
use crate::report::table::Layout;
use crate::report::{csv, markdown, table};

/// A view of one grid, with the given columns and one row of cells, in GBP.
fn one_row(columns: Vec<Column>, row: Vec<Cell>) -> View {
    View {
        title: vec![Cell::text("Test: "), Cell::text("a | b")],
        currency: Some("GBP".to_owned()),
        blocks: vec![Block {
            shown: Formats::ALL,
            heading: None,
            body: Body::Grid(Grid {
                columns,
                rows: vec![row],
            }),
        }],
    }
}

fn as_table(view: &View, layout: Layout) -> String {
    let mut out = Vec::new();
    table::write(&mut out, view, layout).unwrap();
    String::from_utf8(out).unwrap()
}

fn as_markdown(view: &View) -> String {
    let mut out = Vec::new();
    markdown::write(&mut out, view).unwrap();
    String::from_utf8(out).unwrap()
}

fn as_csv(view: &View) -> String {
    let mut out = Vec::new();
    csv::write(&mut out, view).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn money_rounds_with_its_currency_for_people_and_stays_plain_in_csv() {
    let view = one_row(
        vec![Column::new("Net value", "net_value").per_year().right()],
        vec![Cell::Money(dec!(1234567.125))],
    );
    let table = as_table(&view, Layout::default());
    assert!(table.contains("1,234,567.13 GBP"), "{table}");
    assert!(table.contains("Net value / yr"), "{table}");
    let markdown = as_markdown(&view);
    assert!(
        markdown.contains("| Net value / year |\n|--:|\n| 1,234,567.13 GBP |"),
        "{markdown}"
    );
    assert_eq!(as_csv(&view), "net_value\r\n1234567.13\r\n");
}

#[test]
fn a_verdict_reads_as_its_word_behind_a_sign_in_markdown_and_coloured_on_a_terminal() {
    let view = one_row(
        vec![Column::new("Verdict", "verdict")],
        vec![Cell::Verdict(Judgement::Value(Verdict::NoValue))],
    );
    let plain = as_table(&view, Layout::default());
    assert!(plain.contains("│ no-value │"), "{plain}");
    assert!(!plain.contains('\u{1b}'), "no colour unless asked: {plain}");
    let coloured = as_table(
        &view,
        Layout {
            color: true,
            ..Layout::default()
        },
    );
    assert!(
        coloured.contains("\u{1b}[38;5;9m") || coloured.contains("\u{1b}[31m"),
        "{coloured:?}"
    );
    assert!(as_markdown(&view).contains("| ❌ no-value |"));
    assert_eq!(as_csv(&view), "verdict\r\nno-value\r\n");
}

#[test]
fn markdown_escapes_pipes_and_line_breaks_in_tables_and_headings_only() {
    let mut view = one_row(
        vec![Column::new("Name", "name"), Column::new("Id", "id")],
        vec![Cell::text("left | right\nnext"), Cell::id("acme.web")],
    );
    view.blocks.push(Block {
        shown: Formats::MARKDOWN,
        heading: Some(vec![Cell::text("Why not "), Cell::id("value")]),
        body: Body::List(vec![Item {
            line: vec![Cell::id("acme.web"), Cell::text(": a | b")],
            under: vec![vec![Cell::text("costs net "), Cell::Money(dec!(-5))]],
        }]),
    });
    let markdown = as_markdown(&view);
    assert!(
        markdown.starts_with("## Test: a \\| b\n\n| Name | Id |\n|---|---|\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| left \\| right next | `acme.web` |"),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("\n### Why not `value`\n\n- `acme.web`: a | b\n  - costs net -5.00 GBP\n"),
        "{markdown}"
    );
}

#[test]
fn csv_quotes_fields_with_commas_quotes_or_line_breaks_and_joins_lists() {
    let view = one_row(
        vec![
            Column::csv("note"),
            Column::csv("reasons"),
            Column::csv("plain"),
        ],
        vec![
            Cell::text("says \"hi\", twice"),
            Cell::Lines(vec![
                "not-fit-for-use".to_owned(),
                "negative-balance".to_owned(),
            ]),
            Cell::text("line\nbreak"),
        ],
    );
    assert_eq!(
        as_csv(&view),
        "note,reasons,plain\r\n\"says \"\"hi\"\", twice\",not-fit-for-use;negative-balance,\"line\nbreak\"\r\n"
    );
}

#[test]
fn each_format_shows_only_its_own_columns_and_blocks() {
    let mut view = one_row(
        vec![
            Column::new("Relationship", "relationship"),
            Column::people("Utility").right(),
            Column::csv("utility_score"),
            Column::csv("fit_for_purpose"),
        ],
        vec![
            Cell::id("r1"),
            Cell::Fit {
                score: dec!(88.888),
                fit: true,
                checks: None,
            },
            Cell::Score(dec!(88.888)),
            Cell::Flag(true),
        ],
    );
    view.blocks.push(Block {
        shown: Formats::TABLE,
        heading: None,
        body: Body::Summary {
            lines: vec!["1 relationship".to_owned()],
            wrap: true,
        },
    });
    let table = as_table(&view, Layout::default());
    assert!(table.contains("88.89 ✓"), "{table}");
    assert!(!table.contains("utility_score"), "{table}");
    assert!(table.ends_with("1 relationship\n"), "{table}");
    let quiet = as_table(
        &view,
        Layout {
            quiet: true,
            ..Layout::default()
        },
    );
    assert!(!quiet.contains("1 relationship"), "{quiet}");
    let markdown = as_markdown(&view);
    assert!(markdown.contains("| `r1` | 88.89 ✓ |"), "{markdown}");
    assert!(!markdown.contains("1 relationship"), "{markdown}");
    assert_eq!(
        as_csv(&view),
        "relationship,utility_score,fit_for_purpose\r\nr1,88.89,true\r\n"
    );
}

#[test]
fn what_the_audience_does_not_see_or_there_is_none_of_is_said_to_people_and_empty_in_csv() {
    let view = one_row(
        vec![
            Column::new("Margin", "margin"),
            Column::new("Budget", "budget"),
        ],
        vec![Cell::NotShown, Cell::Nothing],
    );
    let table = as_table(&view, Layout::default());
    assert!(table.contains("│ not shown ┆ —      │"), "{table}");
    assert!(as_markdown(&view).contains("| not shown | — |"));
    assert_eq!(as_csv(&view), "margin,budget\r\n,\r\n");
}

#[test]
fn a_margin_and_parts_read_with_their_currency_and_counts_together() {
    let view = one_row(
        vec![
            Column::people("Margin"),
            Column::people("Parts"),
            Column::people("Counts"),
        ],
        vec![
            Cell::Margin {
                amount: dec!(183000),
                percent: Some(dec!(50.8333)),
            },
            Cell::Parts(vec![
                ("partners-and-suppliers", dec!(1200)),
                ("value-streams-and-processes", dec!(3)),
            ]),
            Cell::Counts(vec![3, 1, 0]),
        ],
    );
    let markdown = as_markdown(&view);
    assert!(markdown.contains("| 183,000.00 GBP (50.83 %) | partners-and-suppliers 1,200.00 GBP value-streams-and-processes 3.00 GBP | 3 / 1 / 0 |"), "{markdown}");
    let table = as_table(&view, Layout::default());
    assert!(
        table.contains("partners-and-suppliers 1,200.00 GBP"),
        "{table}"
    );
    assert!(
        table.contains("value-streams-and-processes 3.00 GBP"),
        "{table}"
    );
}

#[test]
fn a_grid_too_wide_for_the_terminal_leaves_out_its_least_important_columns_and_says_so() {
    let view = one_row(
        vec![
            Column::new("Relationship", "relationship"),
            Column::new("Offering", "offering").drops(0),
        ],
        vec![Cell::id("r1"), Cell::id(&"o".repeat(60))],
    );
    let narrow = as_table(
        &view,
        Layout {
            width: Some(40),
            ..Layout::default()
        },
    );
    assert!(!narrow.contains("Offering"), "{narrow}");
    assert!(
        narrow.contains("1 column left out to fit the terminal"),
        "{narrow}"
    );
    assert!(as_table(&view, Layout::default()).contains("Offering"));
}

#[test]
fn a_judgement_has_one_word_one_sign_and_one_tone() {
    use crate::assess::provision::{CoCreation, ProviderVerdict};
    assert_eq!(
        Judgement::CoCreation(CoCreation::Mutual).signed(),
        "🤝 mutual"
    );
    assert_eq!(
        Judgement::Provider(ProviderVerdict::Unsustainable).word(),
        "unsustainable"
    );
    assert_eq!(Judgement::Sustainable(None).word(), "— (not assessed)");
    assert_eq!(Judgement::Sustainable(None).signed(), "❔ not assessed");
    assert_eq!(Judgement::Value(Verdict::Unassessed).tone(), Tone::Warning);
    assert_eq!(
        Judgement::CoCreation(CoCreation::Unassessed).tone(),
        Tone::Pending
    );
    assert_eq!(Judgement::Sustainable(Some(false)).tone(), Tone::Bad);
}

#[test]
fn a_change_reads_old_to_new_with_its_delta_and_once_when_nothing_moved() {
    use crate::assess::provision::ProviderVerdict;
    use crate::report::diff::Label;
    let change = |old: Cell, new: Cell, delta| Cell::Change {
        old: Box::new(old),
        new: Box::new(new),
        delta,
    };
    let fit = |score, fit| Cell::Fit {
        score,
        fit,
        checks: None,
    };
    let mut view = one_row(
        vec![
            Column::people("Change"),
            Column::people("Warranty").right(),
            Column::people("Net value").per_year().right(),
            Column::people("Provider verdict"),
            Column::people("Offering"),
        ],
        vec![
            Cell::Verdict(Judgement::Change(Label::Regressed)),
            change(
                fit(dec!(100), true),
                fit(dec!(83.333), false),
                Some(dec!(-16.667)),
            ),
            Cell::MoneyChange {
                old: dec!(1000),
                new: dec!(900),
                delta: Some(dec!(-100)),
            },
            change(
                Cell::Verdict(Judgement::Provider(ProviderVerdict::Sustainable)),
                Cell::Verdict(Judgement::Provider(ProviderVerdict::Unsustainable)),
                None,
            ),
            change(Cell::text("plan"), Cell::text("plan"), None),
        ],
    );
    view.blocks.insert(
        0,
        Block {
            shown: Formats::MARKDOWN,
            heading: None,
            body: Body::Warning {
                label: "Regression".to_owned(),
                text: "worse.".to_owned(),
            },
        },
    );
    let markdown = as_markdown(&view);
    assert!(
        markdown.starts_with("## Test: a \\| b\n\n⚠️ **Regression:** worse.\n\n| Change |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 🔻 regressed | 100.00 ✓ → 83.33 ✗ (-16.67) | 1,000.00 → 900.00 GBP (-100.00) | ✅ sustainable → ❌ unsustainable | plan |"),
        "{markdown}"
    );
    let table = as_table(&view, Layout::default());
    assert!(table.contains("sustainable → unsustainable"), "{table}");
    assert!(!table.contains("Regression"), "{table}");
}

#[test]
fn the_page_heads_a_row_by_name_styles_figures_and_verdicts_and_links_relationships() {
    let columns = vec![
        Column::new("Provider", "provider"),
        Column::page("Provider"),
        Column::new("Margin", "margin")
            .also(Formats::PAGE)
            .per_year()
            .right(),
        Column::people("Sustainable").also(Formats::PAGE),
        Column::new("Over budget", "over_budget")
            .also(Formats::PAGE)
            .page_class("over-budget"),
        Column::page("Target").right(),
    ];
    let mut view = one_row(
        columns,
        vec![
            Cell::id("telco"),
            Cell::Named {
                kind: "provider",
                id: "telco".to_owned(),
                name: "Telco <plc>".to_owned(),
            },
            Cell::Money(dec!(10900.005)),
            Cell::Verdict(Judgement::Sustainable(Some(false))),
            Cell::Relationships(vec!["a-b".to_owned(), "c".to_owned()]),
            Cell::Percent(dec!(20)),
        ],
    );
    view.blocks[0].shown = Formats::ALL.and(Formats::PAGE);
    let mut out = Vec::new();
    crate::report::html::grid::write(&mut out, &view).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert_eq!(
        page,
        concat!(
            r#"<thead><tr><th scope="col">Provider</th><th scope="col" class="num">Margin</th>"#,
            r#"<th scope="col">Sustainable</th><th scope="col">Over budget</th>"#,
            r#"<th scope="col" class="num">Target</th></tr></thead><tbody>"#,
            "\n",
            r#"<tr data-provider="telco"><th scope="row">Telco &lt;plc&gt;</th>"#,
            r#"<td class="num">10,900.01 GBP</td>"#,
            r#"<td class="provider-verdict unsustainable">✗ no</td>"#,
            r##"<td class="over-budget"><a href="#rel-a-b">a-b</a>, <a href="#rel-c">c</a></td>"##,
            r#"<td class="num">20.00 %</td></tr>"#,
            "\n</tbody>"
        )
    );
    // The id column is the table's, Markdown's and the spreadsheet's, not the page's.
    assert_eq!(
        as_csv(&view),
        "provider,margin,over_budget\r\ntelco,10900.01,a-b;c\r\n"
    );
}
