//! The assessment of every relationship (`svs assess`): a row each, with the consumer's
//! side and, where the audience sees it, the provider's.

use rust_decimal::Decimal;

use super::{Columns, block, dimensions, parts, view};
use crate::assess::delivered::{DeliveredFigures, DeliveredVerdict, Perceived};
use crate::assess::provision::{ByDimension, CoCreation, ProviderSide, ProviderVerdict};
use crate::assess::{Assessment, Reason, UnmetCheck, Verdict};
use crate::audience::Audience;
use crate::figures::money;
use crate::model::{Catalogue, ConsumerRole};
use crate::report::view::{
    Block, Body, Cell, Column, Formats, Item, Judgement, NOT_SHOWN, Point, View,
};

/// How an unmet check reads: `availability: 99.95 required, 99.9 offered`.
pub fn describe_unmet(unmet: &UnmetCheck) -> String {
    match (&unmet.offered, unmet.check.starts_with("security:")) {
        (_, true) => format!("{} not offered", unmet.check),
        (None, false) => format!("{}: {} required, not offered", unmet.check, unmet.required),
        (Some(offered), false) => format!(
            "{}: {} required, {offered} offered",
            unmet.check, unmet.required
        ),
    }
}

/// The provider's margin, or nothing when its side is not assessed.
fn margin(side: &ProviderSide) -> Cell {
    if side.verdict == ProviderVerdict::Unassessed {
        return Cell::Nothing;
    }
    Cell::Margin {
        amount: side.margin,
        percent: side.margin_pct,
    }
}

/// Reasons by their codes.
fn reasons(reasons: &[Reason]) -> Vec<String> {
    reasons.iter().map(|r| r.as_str().to_owned()).collect()
}

/// The assessment: a row per relationship, the summary, why each verdict that is not
/// `value` is so, the cost of provision by dimension and the quadrant chart. The
/// provider's side of a relationship `audience` does not see is not shown; `wide` adds
/// the reasons, missing outcomes and unmet checks behind each verdict to the table.
pub fn assessment(
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
    wide: bool,
) -> View {
    let mut columns = Columns::new();
    consumer_side(&mut columns, catalogue);
    provider_side(&mut columns, catalogue, audience);
    delivered(&mut columns);
    if wide {
        explained(&mut columns, catalogue, audience);
    }
    let summary = summary(catalogue, assessments, audience);
    let mut blocks = vec![
        block(Formats::ALL, Body::Grid(columns.grid(assessments))),
        block(
            Formats::PEOPLE,
            Body::Summary {
                lines: summary.lines().map(str::to_owned).collect(),
                wrap: true,
            },
        ),
    ];
    blocks.extend(explanations(catalogue, assessments, audience));
    let assessed: Vec<(&str, &ByDimension, Decimal)> = assessments
        .iter()
        .filter(|a| {
            a.provider.verdict != ProviderVerdict::Unassessed
                && audience.sees_provider_side(&catalogue.relationships[a.relationship])
        })
        .map(|a| {
            let cost = &a.provider.cost_of_provision;
            let id = &catalogue.relationships[a.relationship].common.id.value;
            (id.as_str(), &cost.by_dimension, cost.total)
        })
        .collect();
    blocks.extend(dimensions("Relationship", assessed));
    let points = assessments
        .iter()
        .map(|a| Point {
            id: catalogue.relationships[a.relationship]
                .common
                .id
                .value
                .clone(),
            utility: a.utility.score,
            warranty: a.warranty.score,
        })
        .collect();
    blocks.push(block(Formats::MARKDOWN, Body::Quadrant(points)));
    view("Value assessment", catalogue, blocks)
}

/// The columns of the consumer's side: who, the scores, the balance and the verdict.
fn consumer_side<'a>(columns: &mut Columns<'a, Assessment>, catalogue: &'a Catalogue) {
    let relationship = move |a: &Assessment| &catalogue.relationships[a.relationship];
    // Scores of a relationship not assessed mean nothing to people.
    let fit = |a: &Assessment, cell: Cell| {
        if a.verdict == Verdict::Unassessed {
            Cell::Nothing
        } else {
            cell
        }
    };
    let currency = catalogue.metadata.currency.clone().unwrap_or_default();
    let table = |header| Column::people(header).only(Formats::TABLE);
    columns
        .add(Column::new("Relationship", "relationship"), move |a| {
            Cell::id(&relationship(a).common.id.value)
        })
        .add(Column::people("Provider → Consumer").drops(3), move |a| {
            let r = relationship(a);
            Cell::Flow(r.provider.id.to_string(), r.consumer.id.to_string())
        })
        .add(Column::csv("provider"), move |a| {
            Cell::id(&relationship(a).provider.id)
        })
        .add(Column::csv("consumer"), move |a| {
            Cell::id(&relationship(a).consumer.id)
        })
        .add(Column::new("Offering", "offering").drops(0), move |a| {
            Cell::id(&relationship(a).offering.id)
        })
        .add(Column::people("Utility").right().drops(5), move |a| {
            let (score, fits) = (a.utility.score, a.utility.fit_for_purpose);
            fit(
                a,
                Cell::Fit {
                    score,
                    fit: fits,
                    checks: None,
                },
            )
        })
        .add(Column::people("Warranty").right().drops(4), move |a| {
            let w = &a.warranty;
            let checks = Some((w.met, w.checks));
            fit(
                a,
                Cell::Fit {
                    score: w.score,
                    fit: w.fit_for_use,
                    checks,
                },
            )
        })
        .add(Column::csv("utility_score"), |a| {
            Cell::Score(a.utility.score)
        })
        .add(Column::csv("fit_for_purpose"), |a| {
            Cell::Flag(a.utility.fit_for_purpose)
        })
        .add(Column::csv("warranty_score"), |a| {
            Cell::Score(a.warranty.score)
        })
        .add(Column::csv("fit_for_use"), |a| {
            Cell::Flag(a.warranty.fit_for_use)
        })
        .add(Column::csv("warranty_checks"), |a| {
            Cell::Count(a.warranty.checks)
        })
        .add(Column::csv("warranty_met"), |a| Cell::Count(a.warranty.met))
        .add(Column::csv("costs_removed"), |a| {
            Cell::Money(a.costs.removed)
        })
        .add(Column::csv("costs_imposed"), |a| {
            Cell::Money(a.costs.imposed)
        })
        .add(Column::csv("risks_removed"), |a| {
            Cell::Money(a.risks.removed)
        })
        .add(Column::csv("risks_imposed"), |a| {
            Cell::Money(a.risks.imposed)
        })
        .add(table("Costs net").per_year().right().drops(2), |a| {
            Cell::Money(a.costs.net())
        })
        .add(table("Risks net").per_year().right().drops(1), |a| {
            Cell::Money(a.risks.net())
        })
        .amount("Net value", "net_value", None, |a| a.net_value)
        .add(Column::csv("currency"), move |_| Cell::text(&currency))
        .add(Column::new("Verdict", "verdict"), |a| {
            Cell::Verdict(Judgement::Value(a.verdict))
        })
        .add(Column::csv("reasons"), |a| Cell::Lines(reasons(&a.reasons)));
}

/// Whether `audience` does not see the provider's side of a relationship.
fn hidden<'a>(
    catalogue: &'a Catalogue,
    audience: &'a Audience,
) -> impl Fn(&Assessment) -> bool + Copy + 'a {
    move |a| !audience.sees_provider_side(&catalogue.relationships[a.relationship])
}

/// The columns of the provider's side, not shown to an audience that does not see it.
fn provider_side<'a>(
    columns: &mut Columns<'a, Assessment>,
    catalogue: &'a Catalogue,
    audience: &'a Audience,
) {
    let hidden = hidden(catalogue, audience);
    let side = move |cell: fn(&Assessment) -> Cell| {
        move |a: &Assessment| if hidden(a) { Cell::NotShown } else { cell(a) }
    };
    let csv = Column::csv;
    columns
        .add(csv("revenue"), side(|a| Cell::Money(a.provider.revenue)))
        .add(
            csv("cost_of_provision_direct"),
            side(|a| Cell::Money(a.provider.cost_of_provision.direct)),
        )
        .add(
            csv("cost_of_provision_shared"),
            side(|a| Cell::Money(a.provider.cost_of_provision.shared)),
        )
        .add(
            csv("provider_risks"),
            side(|a| Cell::Money(a.provider.risks)),
        )
        .add(
            csv("provider_benefits"),
            side(|a| Cell::Money(a.provider.benefits)),
        )
        .add(csv("margin"), side(|a| Cell::Money(a.provider.margin)))
        .add(
            csv("margin_pct"),
            side(|a| a.provider.margin_pct.map_or(Cell::Nothing, Cell::Percent)),
        )
        .add(
            Column::people("Provider margin")
                .per_year()
                .right()
                .drops(10),
            side(|a| margin(&a.provider)),
        )
        .add(
            csv("target_margin"),
            side(|a| Cell::Percent(a.provider.target_margin)),
        )
        .add(
            csv("provider_verdict"),
            side(|a| Cell::Verdict(Judgement::Provider(a.provider.verdict))),
        )
        .add(
            Column::new("Co-creation", "co_creation"),
            side(|a| Cell::Verdict(Judgement::CoCreation(a.co_creation))),
        )
        .dimensions(|a| &a.provider.cost_of_provision.by_dimension, hidden);
}

/// The columns of what was delivered in the period judged (§10.3): the verdict and the
/// period for people, every figure on its own for spreadsheets.
fn delivered(columns: &mut Columns<'_, Assessment>) {
    let csv = Column::csv;
    // A figure of the period, or nothing without a record.
    let figure = |cell: fn(&DeliveredFigures) -> Cell| {
        move |a: &Assessment| a.delivered.figures.as_ref().map_or(Cell::Nothing, cell)
    };
    let perceived = |role: ConsumerRole| {
        move |a: &Assessment| {
            let found = a
                .delivered
                .figures
                .as_ref()
                .and_then(|f| f.perception.iter().find(|p| p.who == Perceived::Role(role)));
            found.map_or(Cell::Nothing, |p| Cell::Score(p.score))
        }
    };
    columns
        .add(Column::people("Delivered").drops(11), |a| {
            let verdict = Cell::Verdict(Judgement::Delivered(a.delivered.verdict));
            match a.delivered.period {
                Some(period) => Cell::Join(vec![verdict, Cell::text(format!(" {period}"))]),
                None => verdict,
            }
        })
        .add(csv("delivered_period"), |a| {
            a.delivered
                .period
                .map_or(Cell::Nothing, |p| Cell::text(p.to_string()))
        })
        .add(csv("delivered_verdict"), |a| {
            Cell::Verdict(Judgement::Delivered(a.delivered.verdict))
        })
        .add(csv("delivered_reasons"), |a| {
            let reasons = a.delivered.reasons.iter().map(|r| r.as_str().to_owned());
            Cell::Lines(reasons.collect())
        })
        .add(
            csv("delivered_warranty_measured"),
            figure(|f| Cell::Count(f.warranty.measured)),
        )
        .add(
            csv("delivered_warranty_met"),
            figure(|f| Cell::Count(f.warranty.met)),
        )
        .add(
            csv("delivered_warranty_score"),
            figure(|f| f.warranty.score.map_or(Cell::Nothing, Cell::Score)),
        )
        .add(
            csv("delivered_outcomes_score"),
            figure(|f| f.outcomes.score.map_or(Cell::Nothing, Cell::Score)),
        )
        .add(csv("delivered_spend"), figure(|f| Cell::Money(f.spend)))
        .add(csv("delivered_planned"), figure(|f| Cell::Money(f.planned)))
        .add(
            csv("delivered_variance"),
            figure(|f| Cell::Money(f.variance)),
        )
        .add(
            csv("delivered_budget"),
            figure(|f| f.budget.map_or(Cell::Nothing, Cell::Money)),
        )
        .add(csv("delivered_losses"), figure(|f| Cell::Money(f.losses)))
        .add(
            csv("delivered_expected_losses"),
            figure(|f| Cell::Money(f.expected_losses)),
        )
        .add(
            csv("perceived_by_customers"),
            perceived(ConsumerRole::Customer),
        )
        .add(csv("perceived_by_users"), perceived(ConsumerRole::User))
        .add(
            csv("perceived_by_sponsors"),
            perceived(ConsumerRole::Sponsor),
        );
}

/// The wide table's columns: what explains each verdict.
fn explained<'a>(
    columns: &mut Columns<'a, Assessment>,
    catalogue: &'a Catalogue,
    audience: &'a Audience,
) {
    let hidden = hidden(catalogue, audience);
    let side = move |cell: fn(&Assessment) -> Cell| {
        move |a: &Assessment| if hidden(a) { Cell::NotShown } else { cell(a) }
    };
    let wide = |header| Column::people(header).only(Formats::TABLE);
    columns
        .add(wide("Reasons").drops(9), |a| {
            Cell::Lines(reasons(&a.reasons))
        })
        .add(wide("Delivered reasons").drops(9), |a| {
            let reasons = a.delivered.reasons.iter().map(|r| r.as_str().to_owned());
            Cell::Lines(reasons.collect())
        })
        .add(wide("Missing outcomes").drops(8), |a| {
            Cell::Lines(a.utility.missing.clone())
        })
        .add(wide("Unmet warranty").drops(7), |a| {
            Cell::Lines(a.warranty.unmet.iter().map(describe_unmet).collect())
        })
        .add(
            wide("Provider reasons").drops(6),
            side(|a| {
                let reasons = a.provider.reasons.iter().map(|r| r.as_str().to_owned());
                Cell::Lines(reasons.collect())
            }),
        )
        .add(
            wide("Cost of provision by dimension").per_year().drops(6),
            side(|a| {
                if a.provider.verdict == ProviderVerdict::Unassessed {
                    Cell::Nothing
                } else {
                    parts(&a.provider.cost_of_provision.by_dimension)
                }
            }),
        );
}

/// Why each relationship that is not `value`, or not sustainable for its provider, is so:
/// a list each, for Markdown, when there is anything to list.
fn explanations(
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
) -> Vec<Block> {
    let id = |a: &Assessment| Cell::id(&catalogue.relationships[a.relationship].common.id.value);
    let not_value: Vec<Item> = assessments
        .iter()
        .filter(|a| a.verdict != Verdict::Value)
        .map(|a| {
            let mut under = Vec::new();
            if !a.utility.missing.is_empty() {
                under.push(vec![
                    Cell::text("outcomes not facilitated: "),
                    Cell::Ids(a.utility.missing.clone()),
                ]);
            }
            for unmet in &a.warranty.unmet {
                under.push(vec![
                    Cell::text("warranty: "),
                    Cell::text(describe_unmet(unmet)),
                ]);
            }
            if a.net_value < Decimal::ZERO {
                under.push(vec![
                    Cell::text("costs net "),
                    Cell::Money(a.costs.net()),
                    Cell::text(", risks net "),
                    Cell::Money(a.risks.net()),
                    Cell::text(" a year"),
                ]);
            }
            Item {
                line: vec![id(a), Cell::text(": "), Cell::Ids(reasons(&a.reasons))],
                under,
            }
        })
        .collect();
    let unsustainable: Vec<Item> = assessments
        .iter()
        .filter(|a| a.provider.verdict == ProviderVerdict::Unsustainable)
        .filter(|a| audience.sees_provider_side(&catalogue.relationships[a.relationship]))
        .map(|a| Item {
            line: vec![
                id(a),
                Cell::text(": margin "),
                margin(&a.provider),
                Cell::text(" against a target of "),
                Cell::Percent(a.provider.target_margin),
                Cell::text(" % (revenue "),
                Cell::Money(a.provider.revenue),
                Cell::text(", cost of provision "),
                Cell::Money(a.provider.cost_of_provision.total),
                Cell::text(")"),
            ],
            under: Vec::new(),
        })
        .collect();
    [
        (vec![Cell::text("Why not "), Cell::id("value")], not_value),
        (
            vec![Cell::text("Unsustainable for the provider")],
            unsustainable,
        ),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(heading, items)| Block {
        shown: Formats::MARKDOWN,
        heading: Some(heading),
        body: Body::List(items),
    })
    .collect()
}

/// "12 relationships: 10 value, 2 no-value, 0 unassessed; sum of 12 consumers' net values
/// 1,234.00 GBP a year", then a line counting co-creation verdicts and one counting
/// delivered verdicts. The total says what it
/// adds up: the consumer's side of each assessed relationship, unassessed ones left out.
/// Relationships whose provider's side `audience` does not see are left out of the
/// co-creation count, and the line says how many.
pub fn summary(catalogue: &Catalogue, assessments: &[Assessment], audience: &Audience) -> String {
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    let delivered = |verdict| {
        assessments
            .iter()
            .filter(|a| a.delivered.verdict == verdict)
            .count()
    };
    let seen =
        |a: &&Assessment| audience.sees_provider_side(&catalogue.relationships[a.relationship]);
    let together = |c| {
        assessments
            .iter()
            .filter(seen)
            .filter(|a| a.co_creation == c)
            .count()
    };
    let hidden = assessments.len() - assessments.iter().filter(seen).count();
    let not_shown = if hidden == 0 {
        String::new()
    } else {
        let noun = if hidden == 1 {
            "relationship"
        } else {
            "relationships"
        };
        format!("; {NOT_SHOWN} for {hidden} consumed {noun}")
    };
    let noun = if assessments.len() == 1 {
        "relationship"
    } else {
        "relationships"
    };
    let assessed = assessments.len() - count(Verdict::Unassessed);
    let summed = if assessed == 1 {
        "consumer's net value"
    } else {
        "consumers' net values"
    };
    let total = money(
        crate::assess::assessed_net_value(assessments),
        catalogue.metadata.currency.as_deref(),
    );
    format!(
        "{} {noun}: {} value, {} no-value, {} unassessed; sum of {assessed} {summed} {total} a \
         year\nco-creation: {} mutual, {} consumer-only, {} provider-only, {} neither, \
         {} not-mutual, {} unassessed{not_shown}\ndelivered: {} as-agreed, {} short, {} \
         unmeasured",
        assessments.len(),
        count(Verdict::Value),
        count(Verdict::NoValue),
        count(Verdict::Unassessed),
        together(CoCreation::Mutual),
        together(CoCreation::ConsumerOnly),
        together(CoCreation::ProviderOnly),
        together(CoCreation::Neither),
        together(CoCreation::NotMutual),
        together(CoCreation::Unassessed),
        delivered(DeliveredVerdict::AsAgreed),
        delivered(DeliveredVerdict::Short),
        delivered(DeliveredVerdict::Unmeasured),
    )
}
