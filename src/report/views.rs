//! One [`View`] per report: which columns, rows, summary lines and lists each report
//! shows, and to whom. How a cell is written is left to the writers (see
//! [`super::view`]); nothing here rounds an amount, picks a verdict's word or knows a
//! format's syntax. A new report is one more function here, and every writer prints it.

mod assessment;
mod diff;
mod history;
mod portfolio;
mod review;

pub use assessment::{assessment, describe_unmet, summary};
pub use diff::diff;
pub use history::history;
pub use portfolio::{consumers, providers};
pub use review::review;

use rust_decimal::Decimal;

use super::view::{Block, Body, Cell, Column, Formats, Grid, View};
use crate::assess::provision::ByDimension;
use crate::model::{Catalogue, Dimension};

/// How a row's cell of one column is found in the item the row is about.
type CellOf<'a, T> = Box<dyn Fn(&T) -> Cell + 'a>;

/// The columns of a grid of one row per item, each with how its cell is found.
struct Columns<'a, T>(Vec<(Column, CellOf<'a, T>)>);

impl<'a, T: 'a> Columns<'a, T> {
    fn new() -> Self {
        Columns(Vec::new())
    }

    /// Adds a column whose cell in a row is `cell` of the row's item.
    fn add(&mut self, column: Column, cell: impl Fn(&T) -> Cell + 'a) -> &mut Self {
        self.0.push((column, Box::new(cell)));
        self
    }

    /// Adds an amount per year, shown in every format and on the page, left out of a
    /// narrow terminal at `rank`.
    fn amount(
        &mut self,
        header: &'static str,
        key: &'static str,
        rank: Option<u8>,
        figure: fn(&T) -> Decimal,
    ) -> &mut Self {
        let column = Column::new(header, key)
            .also(Formats::PAGE)
            .per_year()
            .right();
        let column = match rank {
            Some(rank) => column.drops(rank),
            None => column,
        };
        self.add(column, move |item| Cell::Money(figure(item)))
    }

    /// Adds the four parts of a cost of provision, each in a CSV column of its own, or
    /// not shown when `hidden`.
    fn dimensions(
        &mut self,
        by_dimension: impl Fn(&T) -> &ByDimension + Copy + 'a,
        hidden: impl Fn(&T) -> bool + Copy + 'a,
    ) -> &mut Self {
        let keys = [
            "cost_of_provision_organizations_and_people",
            "cost_of_provision_information_and_technology",
            "cost_of_provision_partners_and_suppliers",
            "cost_of_provision_value_streams_and_processes",
        ];
        for (key, dimension) in keys.into_iter().zip(Dimension::ALL) {
            self.add(Column::csv(key), move |item| {
                if hidden(item) {
                    return Cell::NotShown;
                }
                let part = by_dimension(item)
                    .parts()
                    .find(|(d, _)| *d == dimension)
                    .map_or(Decimal::ZERO, |(_, part)| part);
                Cell::Money(part)
            });
        }
        self
    }

    /// The grid of one row per item.
    fn grid(self, items: &[T]) -> Grid {
        let rows = items
            .iter()
            .map(|item| self.0.iter().map(|(_, cell)| cell(item)).collect())
            .collect();
        Grid {
            columns: self.0.into_iter().map(|(column, _)| column).collect(),
            rows,
        }
    }
}

/// A block shown in `formats`, without a heading.
fn block(shown: Formats, body: Body) -> Block {
    Block {
        shown,
        heading: None,
        body,
    }
}

/// A report's title: what it is, and the catalogue's name.
fn title(what: &str, catalogue: &Catalogue) -> Vec<Cell> {
    vec![
        Cell::text(format!("{what}: ")),
        Cell::text(&catalogue.metadata.name),
    ]
}

/// A view of `blocks` in the catalogue's currency.
fn view(what: &str, catalogue: &Catalogue, blocks: Vec<Block>) -> View {
    View {
        title: title(what, catalogue),
        currency: catalogue.metadata.currency.clone(),
        blocks,
    }
}

/// The parts of a cost of provision that are not 0, or nothing when none is.
fn parts(by_dimension: &ByDimension) -> Cell {
    let parts: Vec<(&'static str, Decimal)> = by_dimension
        .parts()
        .filter(|(_, part)| !part.is_zero())
        .map(|(dimension, part)| (dimension.as_str(), part))
        .collect();
    if parts.is_empty() {
        Cell::Nothing
    } else {
        Cell::Parts(parts)
    }
}

/// The cost of provision by dimension (docs/format.md §8.8), for Markdown: a row per
/// relationship or provider whose side is assessed; no block when there is none.
fn dimensions(what: &'static str, rows: Vec<(&str, &ByDimension, Decimal)>) -> Option<Block> {
    if rows.is_empty() {
        return None;
    }
    let mut columns = vec![Column::new(what, "")];
    columns.extend(
        Dimension::ALL
            .iter()
            .map(|d| Column::new(d.label(), "").right()),
    );
    columns.push(Column::new("Cost of provision", "").right());
    let rows = rows
        .into_iter()
        .map(|(id, parts, total)| {
            let mut row = vec![Cell::id(id)];
            row.extend(parts.parts().map(|(_, part)| Cell::Money(part)));
            row.push(Cell::Money(total));
            row
        })
        .collect();
    Some(Block {
        shown: Formats::MARKDOWN,
        heading: Some(vec![Cell::text("Cost of provision by dimension, per year")]),
        body: Body::Grid(Grid { columns, rows }),
    })
}
