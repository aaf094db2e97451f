//! `svs review` ([`crate::review::Pack`]): the pack for one relationship's joint review,
//! in the six sections of SPEC §11.4 and in their order: who reviews and when, the value
//! now, what changed since the last review, the evidence of the periods since, the
//! improvements, and the findings. Markdown writes it for a pull request or a wiki, and
//! the page writes the same blocks ([`crate::report::html::review`]).

use rust_decimal::Decimal;

use crate::assess::delivered::{DeliveredFigures, Perceived};
use crate::assess::{Assessment, provision::ProviderVerdict};
use crate::diff::Finding;
use crate::model::{Catalogue, ConsumerRole, Improvement, Relationship};
use crate::report::view::{Block, Body, Cell, Column, Formats, Grid, Item, Judgement, View};
use crate::review::{Pack, PeriodDelivered, Since};

/// The formats that show the pack: Markdown, and the page, which writes what Markdown
/// shows.
const SHOWN: Formats = Formats::MARKDOWN;

/// The pack of one relationship, judged at the pack's date, with its assessment.
pub fn review(catalogue: &Catalogue, pack: &Pack, assessment: &Assessment) -> View {
    let relationship = &catalogue.relationships[pack.index];
    let mut blocks = vec![section(
        "1. The relationship",
        Body::List(who(relationship, pack)),
    )];
    blocks.extend(value_now(assessment));
    blocks.extend(since(&pack.since));
    blocks.extend(evidence(
        crate::review::last_review(catalogue, pack.index),
        &pack.periods,
    ));
    blocks.extend(improvements(catalogue, pack, assessment.net_value));
    blocks.push(findings(&pack.findings));
    View {
        title: vec![
            Cell::text("Review: "),
            Cell::id(&relationship.common.id.value),
        ],
        currency: catalogue.metadata.currency.clone(),
        blocks,
    }
}

/// A block with a heading.
fn section(heading: &str, body: Body) -> Block {
    Block {
        shown: SHOWN,
        heading: Some(vec![Cell::text(heading)]),
        body,
    }
}

/// A block under the heading before it.
fn more(body: Body) -> Block {
    Block {
        shown: SHOWN,
        heading: None,
        body,
    }
}

/// A line of the list: what, then the cells that say it.
fn item(what: &str, cells: Vec<Cell>) -> Item {
    let mut line = vec![Cell::text(format!("{what}: "))];
    line.extend(cells);
    Item {
        line,
        under: Vec::new(),
    }
}

/// Identifiers, or `none`.
fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<Cell> {
    let ids: Vec<String> = ids.map(str::to_owned).collect();
    if ids.is_empty() {
        vec![Cell::text("none")]
    } else {
        vec![Cell::Ids(ids)]
    }
}

/// Section 1: the parties, the roles, who reviews, how often and when.
fn who(relationship: &Relationship, pack: &Pack) -> Vec<Item> {
    let roles = &relationship.roles;
    let stakeholders: Vec<String> = relationship
        .stakeholders
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s.party.id,
                crate::roles::stakeholder_role(s.role)
            )
        })
        .collect();
    let mut items = vec![
        item("Provider", vec![Cell::id(&relationship.provider.id)]),
        item("Consumer", vec![Cell::id(&relationship.consumer.id)]),
        item("Offering", vec![Cell::id(&relationship.offering.id)]),
        item("Customers", ids(roles.customer.iter().map(|r| &*r.id))),
        item("Users", ids(roles.user.iter().map(|r| &*r.id))),
        item("Sponsors", ids(roles.sponsor.iter().map(|r| &*r.id))),
        item(
            "Other stakeholders",
            if stakeholders.is_empty() {
                vec![Cell::text("none")]
            } else {
                vec![Cell::Lines(stakeholders)]
            },
        ),
    ];
    let Some(management) = &relationship.management else {
        items.push(item(
            "Management",
            vec![Cell::text(
                "none: no manager, counterpart or cadence is agreed for this relationship",
            )],
        ));
        return items;
    };
    let next = match management.next_review() {
        Some(next) if next < pack.judged_at => format!("{next}, overdue at {}", pack.judged_at),
        Some(next) if next == pack.judged_at => format!("{next}, due today"),
        Some(next) => next.to_string(),
        None => "due now: no review yet".to_owned(),
    };
    items.extend([
        item(
            "Relationship manager",
            vec![Cell::id(&management.manager.id)],
        ),
        item("Counterpart", vec![Cell::id(&management.counterpart.id)]),
        item("Cadence", vec![Cell::text(management.cadence.word())]),
        item(
            "Last review",
            vec![Cell::text(management.last_review.as_ref().map_or_else(
                || "none yet".to_owned(),
                |day| day.value.to_string(),
            ))],
        ),
        item("Next review", vec![Cell::text(next)]),
    ]);
    items
}

/// Section 2: the verdicts and figures of `svs assess` (SPEC §5.6 and §8.6).
fn value_now(a: &Assessment) -> Vec<Block> {
    let verdicts = Grid {
        columns: vec![
            Column::people("Verdict"),
            Column::people("Utility").right(),
            Column::people("Warranty").right(),
            Column::people("Net value").per_year().right(),
            Column::people("Provider margin").per_year().right(),
            Column::people("Provider"),
            Column::people("Co-creation"),
            Column::people("Delivered"),
        ],
        rows: vec![vec![
            Cell::Verdict(Judgement::Value(a.verdict)),
            Cell::Fit {
                score: a.utility.score,
                fit: a.utility.fit_for_purpose,
                checks: None,
            },
            Cell::Fit {
                score: a.warranty.score,
                fit: a.warranty.fit_for_use,
                checks: Some((a.warranty.met, a.warranty.checks)),
            },
            Cell::Money(a.net_value),
            if a.provider.verdict == ProviderVerdict::Unassessed {
                Cell::Nothing
            } else {
                Cell::Margin {
                    amount: a.provider.margin,
                    percent: a.provider.margin_pct,
                }
            },
            Cell::Verdict(Judgement::Provider(a.provider.verdict)),
            Cell::Verdict(Judgement::CoCreation(a.co_creation)),
            match a.delivered.period {
                Some(period) => Cell::Join(vec![
                    Cell::Verdict(Judgement::Delivered(a.delivered.verdict)),
                    Cell::text(format!(" {period}")),
                ]),
                None => Cell::Verdict(Judgement::Delivered(a.delivered.verdict)),
            },
        ]],
    };
    let balance = Grid {
        columns: vec![
            Column::people("For the consumer"),
            Column::people("Removed").per_year().right(),
            Column::people("Imposed").per_year().right(),
            Column::people("Net").per_year().right(),
        ],
        rows: [("Costs", &a.costs), ("Risks", &a.risks)]
            .into_iter()
            .map(|(what, sums)| {
                vec![
                    Cell::text(what),
                    Cell::Money(sums.removed),
                    Cell::Money(sums.imposed),
                    Cell::Money(sums.net()),
                ]
            })
            .collect(),
    };
    let mut blocks = vec![
        section("2. Value now", Body::Grid(verdicts)),
        more(Body::Grid(balance)),
    ];
    let mut reasons: Vec<Item> = a
        .reasons
        .iter()
        .map(|r| item("Why not value", vec![Cell::id(r.as_str())]))
        .collect();
    reasons.extend(
        a.provider
            .reasons
            .iter()
            .map(|r| item("Why not sustainable", vec![Cell::id(r.as_str())])),
    );
    reasons.extend(
        a.utility
            .missing
            .iter()
            .map(|o| item("Outcome missing", vec![Cell::id(o)])),
    );
    reasons.extend(
        a.warranty
            .unmet
            .iter()
            .map(|u| item("Check unmet", vec![Cell::text(super::describe_unmet(u))])),
    );
    if !reasons.is_empty() {
        blocks.push(more(Body::List(reasons)));
    }
    blocks
}

/// Section 3: the diff since the last review, its blocks under this section's heading.
fn since(since: &Since) -> Vec<Block> {
    const HEADING: &str = "3. Since the last review";
    let line = |text: String| {
        section(
            HEADING,
            Body::Summary {
                lines: vec![text],
                wrap: true,
            },
        )
    };
    match since {
        Since::NotAvailable(why) => vec![line(format!("The history is not available: {why}."))],
        Since::NoReview => vec![line(
            "No review yet: the next one sets the point to compare with.".to_owned(),
        )],
        Since::NoCommit(day) => vec![line(format!(
            "No commit of the catalogue's history is on or before {day}."
        ))],
        Since::Unreadable { commit, why } => vec![line(format!(
            "The catalogue at {} ({}) cannot be compared: {why}.",
            commit.short, commit.date
        ))],
        Since::Diff { commit, diff } => {
            let mut blocks = vec![line(format!(
                "From commit {} ({}, {}) to the catalogue now:",
                commit.short, commit.date, commit.subject
            ))];
            let view = super::diff(diff);
            blocks.extend(view.blocks.into_iter().filter_map(|mut block| {
                if !block.shown.has(Formats::MARKDOWN) {
                    return None;
                }
                block.shown = SHOWN;
                block.heading = block.heading.map(|mut heading| {
                    heading.insert(0, Cell::text("Since the last review: "));
                    heading
                });
                Some(block)
            }));
            blocks
        }
    }
}

/// Section 4: what was delivered in each period since the last review.
fn evidence(last_review: Option<jiff::civil::Date>, periods: &[PeriodDelivered]) -> Vec<Block> {
    const HEADING: &str = "4. Evidence";
    if periods.is_empty() {
        let text = match last_review {
            Some(day) => format!("No period with evidence ends after {day}."),
            None => "No evidence yet.".to_owned(),
        };
        return vec![section(
            HEADING,
            Body::Summary {
                lines: vec![text],
                wrap: true,
            },
        )];
    }
    let measured: Vec<(&PeriodDelivered, &DeliveredFigures)> = periods
        .iter()
        .filter_map(|p| p.delivered.figures.as_ref().map(|f| (p, f)))
        .collect();
    let mut blocks = vec![section(HEADING, Body::Grid(money(&measured)))];
    let checks = checks(&measured);
    if !checks.rows.is_empty() {
        blocks.push(more(Body::Grid(checks)));
    }
    let outcomes = outcomes(&measured);
    if !outcomes.rows.is_empty() {
        blocks.push(more(Body::Grid(outcomes)));
    }
    let perception = perception(&measured);
    if !perception.rows.is_empty() {
        blocks.push(more(Body::Grid(perception)));
    }
    blocks
}

/// A row per period: the verdict, spend against plan and budget, credits and losses.
fn money(periods: &[(&PeriodDelivered, &DeliveredFigures)]) -> Grid {
    let columns = vec![
        Column::people("Period"),
        Column::people("Delivered"),
        Column::people("Why short"),
        Column::people("Spend").right(),
        Column::people("Planned").right(),
        Column::people("Variance").right(),
        Column::people("Budget").right(),
        Column::people("Credits").right(),
        Column::people("Losses").right(),
        Column::people("Expected losses").right(),
    ];
    let rows = periods
        .iter()
        .map(|(p, f)| {
            let reasons: Vec<String> = p
                .delivered
                .reasons
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect();
            vec![
                Cell::text(p.judged.to_string()),
                Cell::Verdict(Judgement::Delivered(p.delivered.verdict)),
                if reasons.is_empty() {
                    Cell::Nothing
                } else {
                    Cell::Lines(reasons)
                },
                Cell::Money(f.spend),
                Cell::Money(f.planned),
                Cell::Money(f.variance),
                f.budget.map_or(Cell::Nothing, Cell::Money),
                Cell::Money(p.credited),
                Cell::Money(f.losses),
                Cell::Money(f.expected_losses),
            ]
        })
        .collect();
    Grid { columns, rows }
}

/// A row per measured warranty check of each period: agreed against achieved.
fn checks(periods: &[(&PeriodDelivered, &DeliveredFigures)]) -> Grid {
    let columns = vec![
        Column::people("Period"),
        Column::people("Check"),
        Column::people("Agreed").right(),
        Column::people("Achieved").right(),
        Column::people("Met"),
    ];
    let mut rows = Vec::new();
    for (p, _) in periods {
        for check in &p.checks {
            let Some(met) = check.met else { continue };
            rows.push(vec![
                Cell::text(p.judged.to_string()),
                Cell::id(&check.check),
                Cell::text(&check.required),
                check
                    .achieved
                    .as_deref()
                    .map_or(Cell::text("failed"), Cell::text),
                Cell::text(if met { "✓ met" } else { "✗ breached" }),
            ]);
        }
    }
    Grid { columns, rows }
}

/// A row per period that measured outcomes: achieved and not.
fn outcomes(periods: &[(&PeriodDelivered, &DeliveredFigures)]) -> Grid {
    let columns = vec![
        Column::people("Period"),
        Column::people("Outcomes achieved"),
        Column::people("Not achieved"),
        Column::people("Score").right(),
    ];
    let rows = periods
        .iter()
        .filter(|(_, f)| f.outcomes.measured > 0)
        .map(|(p, f)| {
            let list = |ids: &[String]| {
                if ids.is_empty() {
                    Cell::Nothing
                } else {
                    Cell::Ids(ids.to_vec())
                }
            };
            vec![
                Cell::text(p.judged.to_string()),
                list(&f.outcomes.achieved),
                list(&f.outcomes.not_achieved),
                f.outcomes.score.map_or(Cell::Nothing, Cell::Score),
            ]
        })
        .collect();
    Grid { columns, rows }
}

/// A row per role and party that perceived in each period; roles are never averaged.
fn perception(periods: &[(&PeriodDelivered, &DeliveredFigures)]) -> Grid {
    let columns = vec![
        Column::people("Period"),
        Column::people("Perceived by"),
        Column::people("Score").right(),
        Column::people("Responses").right(),
    ];
    let mut rows = Vec::new();
    for (p, f) in periods {
        for value in &f.perception {
            let who = match &value.who {
                Perceived::Role(role) => Cell::text(match role {
                    ConsumerRole::Customer => "customers",
                    ConsumerRole::User => "users",
                    ConsumerRole::Sponsor => "sponsors",
                }),
                Perceived::Party(id) => Cell::id(id),
            };
            rows.push(vec![
                Cell::text(p.judged.to_string()),
                who,
                Cell::Score(value.score),
                Cell::Count(usize::try_from(value.responses).unwrap_or(usize::MAX)),
            ]);
        }
    }
    Grid { columns, rows }
}

/// Section 5: the open improvements of the relationship, those done since the last
/// review, and the consumer's net value if the open ones land as expected.
fn improvements(catalogue: &Catalogue, pack: &Pack, net_value: Decimal) -> Vec<Block> {
    const HEADING: &str = "5. Improvements";
    let last_review = crate::review::last_review(catalogue, pack.index);
    let of_this: Vec<&Improvement> = catalogue
        .improvements
        .iter()
        .filter(|i| i.relationship.try_index() == Some(pack.index))
        .collect();
    let open: Vec<&Improvement> = of_this
        .iter()
        .copied()
        .filter(|i| i.status.is_open())
        .collect();
    let done: Vec<&Improvement> = of_this
        .iter()
        .copied()
        .filter(|i| {
            i.done
                .as_ref()
                .is_some_and(|day| last_review.is_none_or(|last| day.value > last))
        })
        .collect();
    let expected = open
        .iter()
        .filter_map(|i| i.expected.as_ref())
        .try_fold(Decimal::ZERO, |sum, e| sum.checked_add(e.annual()));
    let landed = expected.and_then(|expected| net_value.checked_add(expected));
    let summary = match (expected, landed) {
        (Some(expected), Some(landed)) => vec![
            Cell::text("Net value if the open improvements land: "),
            Cell::Money(landed),
            Cell::text(" a year (now "),
            Cell::Money(net_value),
            Cell::text(", expected "),
            Cell::Money(expected),
            Cell::text(")"),
        ],
        _ => vec![Cell::text(
            "Net value if the open improvements land: too large to compute exactly",
        )],
    };
    let mut blocks = vec![section(
        HEADING,
        Body::List(vec![Item {
            line: summary,
            under: Vec::new(),
        }]),
    )];
    if open.is_empty() {
        blocks.push(more(Body::List(vec![item(
            "Open",
            vec![Cell::text("none")],
        )])));
    } else {
        blocks.push(more(Body::Grid(open_grid(&open, pack.judged_at))));
    }
    let since = last_review.map_or_else(|| "Done".to_owned(), |day| format!("Done since {day}"));
    if done.is_empty() {
        blocks.push(more(Body::List(vec![item(
            &since,
            vec![Cell::text("none")],
        )])));
    } else {
        blocks.push(more(Body::Grid(done_grid(&done))));
    }
    blocks
}

/// The expected value of an improvement a year, or nothing.
fn expected(improvement: &Improvement) -> Cell {
    improvement
        .expected
        .as_ref()
        .map_or(Cell::Nothing, |e| Cell::Money(e.annual()))
}

/// A date, or nothing.
fn day(day: Option<&crate::model::Spanned<jiff::civil::Date>>) -> Cell {
    day.map_or(Cell::Nothing, |d| Cell::text(d.value.to_string()))
}

/// A row per open improvement: where it stands, who answers for it, when it is due.
fn open_grid(open: &[&Improvement], judged_at: jiff::civil::Date) -> Grid {
    let columns = vec![
        Column::people("Open improvement"),
        Column::people("Name"),
        Column::people("Status"),
        Column::people("Owner"),
        Column::people("Raised"),
        Column::people("Due"),
        Column::people("Overdue"),
        Column::people("Expected").per_year().right(),
    ];
    let rows = open
        .iter()
        .map(|i| {
            vec![
                Cell::id(&i.common.id.value),
                Cell::text(&i.name),
                Cell::text(i.status.word()),
                Cell::id(&i.owner.id),
                Cell::text(i.raised.value.to_string()),
                day(i.due.as_ref()),
                if i.is_overdue(judged_at) {
                    Cell::text("⚠️ overdue")
                } else {
                    Cell::Nothing
                },
                expected(i),
            ]
        })
        .collect();
    Grid { columns, rows }
}

/// A row per improvement done since the last review.
fn done_grid(done: &[&Improvement]) -> Grid {
    let columns = vec![
        Column::people("Done improvement"),
        Column::people("Name"),
        Column::people("Owner"),
        Column::people("Done"),
        Column::people("Expected").per_year().right(),
    ];
    let rows = done
        .iter()
        .map(|i| {
            vec![
                Cell::id(&i.common.id.value),
                Cell::text(&i.name),
                Cell::id(&i.owner.id),
                day(i.done.as_ref()),
                expected(i),
            ]
        })
        .collect();
    Grid { columns, rows }
}

/// Section 6: the findings of `svs lint` on the relationship and its offering.
fn findings(findings: &[Finding]) -> Block {
    const HEADING: &str = "6. Lint findings";
    if findings.is_empty() {
        return section(
            HEADING,
            Body::Summary {
                lines: vec!["No finding on the relationship or its offering.".to_owned()],
                wrap: true,
            },
        );
    }
    let columns = vec![
        Column::people("Severity"),
        Column::people("Code"),
        Column::people("Entity"),
        Column::people("Finding"),
        Column::people("Where"),
    ];
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                Cell::text(f.severity.as_str()),
                Cell::Id(format!("{} {}", f.code, f.rule)),
                f.entity.as_deref().map_or(Cell::Nothing, Cell::id),
                Cell::text(&f.message),
                Cell::text(format!("{}:{}:{}", f.file, f.line, f.column)),
            ]
        })
        .collect();
    section(HEADING, Body::Grid(Grid { columns, rows }))
}
