//! The portfolios (`svs assess --view providers|consumers`): each provider's or consumer's
//! relationships taken together, a row each.

use rust_decimal::Decimal;

use super::{Columns, block, dimensions, parts, view};
use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::provision::{ByDimension, Portfolio};
use crate::model::Catalogue;
use crate::report::view::{Body, Cell, Column, Formats, Judgement, View};
use crate::roles::organization_name;

/// An organisation by its name, heading its row on the page.
fn named(kind: &'static str, catalogue: &Catalogue, organization: usize) -> Cell {
    Cell::Named {
        kind,
        id: catalogue.organizations[organization]
            .common
            .id
            .value
            .clone(),
        name: organization_name(catalogue, organization).to_owned(),
    }
}

/// The provider portfolio (docs/format.md §8.5): a row per provider, a line counting the
/// sustainable ones, and the cost of provision by dimension.
pub fn providers(catalogue: &Catalogue, providers: &[Portfolio]) -> View {
    let columns = provider_columns(catalogue);
    let assessed = providers.iter().filter(|p| p.sustainable.is_some()).count();
    let fine = providers
        .iter()
        .filter(|p| p.sustainable == Some(true))
        .count();
    let noun = if providers.len() == 1 {
        "provider"
    } else {
        "providers"
    };
    let tally = format!(
        "{} {noun}: {fine} sustainable, {} unsustainable, {} not assessed",
        providers.len(),
        assessed - fine,
        providers.len() - assessed
    );
    let mut blocks = vec![
        block(
            Formats::ALL.and(Formats::PAGE),
            Body::Grid(columns.grid(providers)),
        ),
        block(
            Formats::TABLE,
            Body::Summary {
                lines: vec![tally],
                wrap: false,
            },
        ),
    ];
    let assessed: Vec<(&str, &ByDimension, Decimal)> = providers
        .iter()
        .filter(|p| p.sustainable_count + p.unsustainable_count > 0)
        .map(|p| {
            let id = &catalogue.organizations[p.organization].common.id.value;
            (id.as_str(), &p.cost_by_dimension, p.cost_of_provision)
        })
        .collect();
    blocks.extend(dimensions("Provider", assessed));
    view("Provider portfolio", catalogue, blocks)
}

/// The consumer portfolio (docs/format.md §5.12): a row per consumer, and a line counting
/// their relationships by verdict.
pub fn consumers(catalogue: &Catalogue, consumers: &[ConsumerPortfolio]) -> View {
    let columns = consumer_columns(catalogue);
    let count = |f: fn(&ConsumerPortfolio) -> usize| consumers.iter().map(f).sum::<usize>();
    let noun = if consumers.len() == 1 {
        "consumer"
    } else {
        "consumers"
    };
    let tally = format!(
        "{} {noun} of {} relationships: {} value, {} no-value, {} unassessed",
        consumers.len(),
        count(|c| c.value_count + c.no_value_count + c.unassessed_count),
        count(|c| c.value_count),
        count(|c| c.no_value_count),
        count(|c| c.unassessed_count),
    );
    let blocks = vec![
        block(
            Formats::ALL.and(Formats::PAGE),
            Body::Grid(columns.grid(consumers)),
        ),
        block(
            Formats::TABLE,
            Body::Summary {
                lines: vec![tally],
                wrap: false,
            },
        ),
    ];
    view("Consumer portfolio", catalogue, blocks)
}

/// The provider portfolio's columns: its figures, its verdict and how many relationships
/// are sustainable.
fn provider_columns(catalogue: &Catalogue) -> Columns<'_, Portfolio> {
    let currency = catalogue.metadata.currency.clone().unwrap_or_default();
    let mut columns: Columns<'_, Portfolio> = Columns::new();
    columns
        .add(Column::new("Provider", "provider"), |p| {
            Cell::id(&catalogue.organizations[p.organization].common.id.value)
        })
        .add(Column::page("Provider"), |p| {
            named("provider", catalogue, p.organization)
        })
        .amount("Revenue", "revenue", Some(7), |p| p.revenue)
        .amount("Cost of provision", "cost_of_provision", Some(6), |p| {
            p.cost_of_provision
        })
        .add(
            Column::people("Cost by dimension")
                .only(Formats::TABLE)
                .per_year()
                .drops(0),
            |p| parts(&p.cost_by_dimension),
        )
        .amount("Risks", "risks", Some(2), |p| p.risks)
        .amount("Benefits", "benefits", Some(3), |p| p.benefits)
        .amount("Unrecovered", "unrecovered", Some(4), |p| p.unrecovered)
        .amount("Margin", "margin", None, |p| p.margin)
        .add(
            Column::new("Margin %", "margin_pct")
                .also(Formats::PAGE)
                .right()
                .drops(8),
            |p| p.margin_pct.map_or(Cell::Nothing, Cell::Percent),
        )
        .add(
            Column::new("Target %", "target_margin").right().drops(5),
            |p| Cell::Percent(p.target_margin),
        )
        .add(Column::page("Target").right(), |p| {
            Cell::Percent(p.target_margin)
        })
        .add(Column::csv("currency"), move |_| Cell::text(&currency))
        .add(Column::people("Sustainable").also(Formats::PAGE), |p| {
            Cell::Verdict(Judgement::Sustainable(p.sustainable))
        })
        .add(Column::csv("sustainable"), |p| {
            p.sustainable.map_or(Cell::Nothing, Cell::Flag)
        })
        .add(
            Column::people("Relationships (sust. / unsust. / unassessed)")
                .right()
                .drops(1),
            |p| {
                Cell::Counts(vec![
                    p.sustainable_count,
                    p.unsustainable_count,
                    p.unassessed_count,
                ])
            },
        )
        .add(Column::page("Relationships"), |p| {
            Cell::text(format!(
                "{} sustainable, {} unsustainable, {} unassessed",
                p.sustainable_count, p.unsustainable_count, p.unassessed_count
            ))
        })
        .add(Column::csv("relationships_sustainable"), |p| {
            Cell::Count(p.sustainable_count)
        })
        .add(Column::csv("relationships_unsustainable"), |p| {
            Cell::Count(p.unsustainable_count)
        })
        .add(Column::csv("relationships_unassessed"), |p| {
            Cell::Count(p.unassessed_count)
        })
        .dimensions(|p| &p.cost_by_dimension, |_| false);
    columns
}

/// The consumer portfolio's columns: its balance, its budget and its relationships'
/// verdicts.
fn consumer_columns(catalogue: &Catalogue) -> Columns<'_, ConsumerPortfolio> {
    let currency = catalogue.metadata.currency.clone().unwrap_or_default();
    let mut columns: Columns<'_, ConsumerPortfolio> = Columns::new();
    columns
        .add(Column::new("Consumer", "consumer"), |c| {
            Cell::id(&catalogue.organizations[c.organization].common.id.value)
        })
        .add(Column::page("Consumer"), |c| {
            named("consumer", catalogue, c.organization)
        })
        .amount("Costs removed", "costs_removed", Some(3), |c| {
            c.costs_removed
        })
        .amount("Costs imposed", "costs_imposed", Some(4), |c| {
            c.costs_imposed
        })
        .amount("Risks net", "risks_net", Some(2), |c| c.risks_net)
        .amount("Net value", "net_value", None, |c| c.net_value)
        .add(Column::csv("currency"), move |_| Cell::text(&currency))
        .add(
            Column::new("Budget", "budget")
                .also(Formats::PAGE)
                .per_year()
                .right()
                .drops(0),
            |c| c.budget.map_or(Cell::Nothing, Cell::Money),
        )
        .add(
            Column::new("Over budget", "over_budget")
                .also(Formats::PAGE)
                .page_class("over-budget")
                .drops(1),
            |c| {
                if c.over_budget.is_empty() {
                    return Cell::Nothing;
                }
                let id = |r: usize| catalogue.relationships[r].common.id.value.clone();
                Cell::Relationships(c.over_budget.iter().map(|&r| id(r)).collect())
            },
        )
        .add(
            Column::people("Relationships (value / no-value / unassessed)")
                .right()
                .drops(5),
            |c| Cell::Counts(vec![c.value_count, c.no_value_count, c.unassessed_count]),
        )
        .add(Column::page("Relationships"), |c| {
            Cell::text(format!(
                "{} value, {} no-value, {} unassessed",
                c.value_count, c.no_value_count, c.unassessed_count
            ))
        })
        .add(Column::csv("relationships_value"), |c| {
            Cell::Count(c.value_count)
        })
        .add(Column::csv("relationships_no_value"), |c| {
            Cell::Count(c.no_value_count)
        })
        .add(Column::csv("relationships_unassessed"), |c| {
            Cell::Count(c.unassessed_count)
        });
    columns
}
