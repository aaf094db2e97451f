//! `svs diff` ([`crate::diff::Diff`]): the relationships that changed, each figure
//! `old → new (±delta)` when it moved and once when it did not, and the findings
//! introduced and fixed. Deltas are exact differences, rounded like every other figure
//! only when written.

use super::block;
use crate::assess::provision::ProviderVerdict;
use crate::diff::{DeliveredValue, Diff, Finding, RelationshipChange, RelationshipValue};
use crate::report::diff::{catalogue_name, causes, label, summary};
use crate::report::view::{Block, Body, Cell, Column, Formats, Grid, Judgement, View};

/// The diff: in Markdown a regression called out first and the summary, then the
/// relationships that changed and the findings introduced and fixed; on a terminal the
/// tables, then the summary. An empty table is left out, so identical versions show only
/// the summary.
pub fn diff(diff: &Diff) -> View {
    let mut blocks = Vec::new();
    if diff.regression() {
        blocks.push(block(
            Formats::MARKDOWN,
            Body::Warning {
                label: "Regression".to_owned(),
                text: "a verdict, score or net value got worse, a provider's verdict went \
                       from sustainable to unsustainable, co-creation stopped being mutual, \
                       or a new error finding appeared."
                    .to_owned(),
            },
        ));
    }
    let summary = vec![summary(diff)];
    blocks.push(block(
        Formats::MARKDOWN,
        Body::Summary {
            lines: summary.clone(),
            wrap: false,
        },
    ));
    if !diff.relationships.is_empty() {
        blocks.push(block(Formats::PEOPLE, Body::Grid(relationships(diff))));
    }
    if !diff.delivered.is_empty() {
        blocks.push(Block {
            shown: Formats::PEOPLE,
            heading: Some(vec![Cell::text("Delivered")]),
            body: Body::Grid(delivered(diff)),
        });
    }
    if !diff.introduced.is_empty() || !diff.fixed.is_empty() {
        blocks.push(Block {
            shown: Formats::PEOPLE,
            heading: Some(vec![Cell::text("Lint findings")]),
            body: Body::Grid(findings(diff)),
        });
    }
    blocks.push(block(
        Formats::TABLE,
        Body::Summary {
            lines: summary,
            wrap: false,
        },
    ));
    View {
        title: vec![Cell::text("Value diff: "), Cell::text(catalogue_name(diff))],
        currency: diff.new.currency.clone(),
        blocks,
    }
}

/// A row per relationship that changed, was added or was removed.
fn relationships(diff: &Diff) -> Grid {
    let columns = vec![
        Column::people("Relationship"),
        Column::people("Change"),
        Column::people("Causes"),
        Column::people("Provider → Consumer"),
        Column::people("Offering"),
        Column::people("Verdict"),
        Column::people("Utility").right(),
        Column::people("Warranty").right(),
        Column::people("Net value").per_year().right(),
        Column::people("Provider margin").per_year().right(),
        Column::people("Provider verdict"),
        Column::people("Co-creation"),
    ];
    let rows = diff
        .relationships
        .iter()
        .map(|change| {
            let mut row = vec![
                Cell::id(&change.id),
                Cell::Verdict(Judgement::Change(label(change))),
                Cell::text(causes(change)),
            ];
            row.extend(values(diff, change));
            row
        })
        .collect();
    Grid { columns, rows }
}

/// A row per relationship whose delivered verdict, reasons or period changed:
/// `as-agreed 2026-Q2 → short 2026-Q3 (warranty-breached)`.
fn delivered(diff: &Diff) -> Grid {
    let columns = vec![Column::people("Relationship"), Column::people("Delivered")];
    let judged = |value: &DeliveredValue| {
        let mut cells = vec![Cell::Verdict(Judgement::Delivered(value.verdict))];
        if let Some(period) = &value.period {
            cells.push(Cell::text(format!(" {period}")));
        }
        if !value.reasons.is_empty() {
            let reasons: Vec<&str> = value.reasons.iter().map(|r| r.as_str()).collect();
            cells.push(Cell::text(format!(" ({})", reasons.join(", "))));
        }
        Cell::Join(cells)
    };
    let rows = diff
        .delivered
        .iter()
        .map(|change| {
            vec![
                Cell::id(&change.id),
                Cell::Change {
                    old: Box::new(judged(&change.old)),
                    new: Box::new(judged(&change.new)),
                    delta: None,
                },
            ]
        })
        .collect();
    Grid { columns, rows }
}

/// A row per finding introduced, then per finding fixed.
fn findings(diff: &Diff) -> Grid {
    let columns = vec![
        Column::people("Finding"),
        Column::people("Severity"),
        Column::people("Code"),
        Column::people("Entity"),
        Column::people("Message"),
        Column::people("Location"),
    ];
    let row = |fixed: bool, finding: &Finding| {
        vec![
            Cell::Verdict(Judgement::Finding {
                fixed,
                severity: finding.severity,
            }),
            Cell::text(finding.severity.as_str()),
            Cell::id(&finding.code),
            finding.entity.as_deref().map_or(Cell::Nothing, Cell::id),
            Cell::text(&finding.message),
            // `file:line:column`, in the version the finding belongs to.
            Cell::Id(format!(
                "{}:{}:{}",
                finding.file, finding.line, finding.column
            )),
        ]
    };
    let rows = diff
        .introduced
        .iter()
        .map(|f| row(false, f))
        .chain(diff.fixed.iter().map(|f| row(true, f)))
        .collect();
    Grid { columns, rows }
}

/// The cells of a listed relationship, from its parties to its co-creation verdict, each
/// `old → new` when it changed.
fn values(diff: &Diff, change: &RelationshipChange) -> Vec<Cell> {
    let currencies = (diff.old.currency.as_deref(), diff.new.currency.as_deref());
    let delta = change.delta;
    let (old, new) = match (&change.old, &change.new) {
        (Some(old), Some(new)) => (old, new),
        (Some(value), None) => return single(value, currencies.0),
        (None, Some(value)) => return single(value, currencies.1),
        (None, None) => return vec![Cell::Nothing; 9],
    };
    let changed = |old: Cell, new: Cell, delta| Cell::Change {
        old: Box::new(old),
        new: Box::new(new),
        delta,
    };
    let unassessed = |v: &RelationshipValue| v.provider_verdict == ProviderVerdict::Unassessed;
    let same_currency = currencies.0 == currencies.1;
    vec![
        parties(new),
        changed(Cell::text(&old.offering), Cell::text(&new.offering), None),
        changed(judged(old), judged(new), None),
        changed(utility(old), utility(new), delta.map(|d| d.utility)),
        changed(warranty(old), warranty(new), delta.map(|d| d.warranty)),
        if same_currency {
            Cell::MoneyChange {
                old: old.net_value,
                new: new.net_value,
                delta: delta.map(|d| d.net_value),
            }
        } else {
            // Amounts in different currencies have no meaningful difference.
            changed(
                Cell::MoneyIn(old.net_value, currencies.0.map(str::to_owned)),
                Cell::MoneyIn(new.net_value, currencies.1.map(str::to_owned)),
                None,
            )
        },
        if same_currency && !unassessed(old) && !unassessed(new) {
            Cell::MoneyChange {
                old: old.margin,
                new: new.margin,
                delta: delta.map(|d| d.margin),
            }
        } else {
            changed(margin(old, currencies.0), margin(new, currencies.1), None)
        },
        changed(provider(old), provider(new), None),
        changed(
            Cell::text(old.co_creation.as_str()),
            Cell::text(new.co_creation.as_str()),
            None,
        ),
    ]
}

/// The cells of a relationship only one version has, in that version's `currency`.
fn single(value: &RelationshipValue, currency: Option<&str>) -> Vec<Cell> {
    vec![
        parties(value),
        Cell::text(&value.offering),
        judged(value),
        utility(value),
        warranty(value),
        Cell::MoneyIn(value.net_value, currency.map(str::to_owned)),
        margin(value, currency),
        provider(value),
        Cell::text(value.co_creation.as_str()),
    ]
}

/// `provider → consumer`.
fn parties(value: &RelationshipValue) -> Cell {
    Cell::text(format!("{} → {}", value.provider, value.consumer))
}

/// The verdict with its reasons: `no-value (not-fit-for-use, negative-balance)`.
fn judged(value: &RelationshipValue) -> Cell {
    let verdict = Cell::Verdict(Judgement::Value(value.verdict));
    if value.reasons.is_empty() {
        return verdict;
    }
    let reasons: Vec<&str> = value.reasons.iter().map(|r| r.as_str()).collect();
    Cell::Join(vec![
        verdict,
        Cell::text(format!(" ({})", reasons.join(", "))),
    ])
}

fn utility(value: &RelationshipValue) -> Cell {
    Cell::Fit {
        score: value.utility,
        fit: value.fit_for_purpose,
        checks: None,
    }
}

fn warranty(value: &RelationshipValue) -> Cell {
    Cell::Fit {
        score: value.warranty,
        fit: value.fit_for_use,
        checks: None,
    }
}

fn provider(value: &RelationshipValue) -> Cell {
    Cell::Verdict(Judgement::Provider(value.provider_verdict))
}

/// A margin in one version: nothing when the provider's side is not assessed, since the
/// figure then leaves out every cost.
fn margin(value: &RelationshipValue, currency: Option<&str>) -> Cell {
    if value.provider_verdict == ProviderVerdict::Unassessed {
        Cell::Nothing
    } else {
        Cell::MoneyIn(value.margin, currency.map(str::to_owned))
    }
}
