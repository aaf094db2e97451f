//! The history report (SPEC §11.3): a row per point of each relationship, oldest first
//! within each, and a summary of the commits read.

use super::{Columns, block};
use crate::history::{History, Point, State};
use crate::report::view::{Body, Cell, Column, Formats, Judgement, View};

/// A point with what its row needs to know of the history.
struct Row<'a> {
    id: &'a str,
    point: &'a Point,
    history: &'a History,
}

impl Row<'_> {
    fn figure(&self, of: fn(&crate::history::Figures) -> Cell) -> Cell {
        match &self.point.state {
            State::Assessed(figures) => of(figures),
            State::Removed | State::DoesNotLoad => Cell::Nothing,
        }
    }
}

/// The history: a row per point, then how many commits were read and how many loaded.
pub fn history(history: &History) -> View {
    let mut columns: Columns<Row> = Columns::new();
    columns
        .add(Column::new("Relationship", "relationship"), |r| {
            Cell::id(r.id)
        })
        .add(Column::new("Commit", "rev"), |r| {
            Cell::id(&r.history.commits[r.point.step].commit.short)
        })
        .add(Column::new("Date", "date"), |r| {
            Cell::text(r.history.commits[r.point.step].commit.date.to_string())
        })
        .add(Column::new("Verdict", "verdict"), |r| {
            match &r.point.state {
                State::Assessed(f) => Cell::Verdict(Judgement::Value(f.verdict)),
                State::Removed => Cell::text("removed"),
                State::DoesNotLoad => {
                    let problems = r.history.commits[r.point.step].problems;
                    let noun = if problems == 1 { "problem" } else { "problems" };
                    Cell::text(format!("does not load ({problems} {noun})"))
                }
            }
        })
        .add(Column::new("Utility", "utility").right().drops(2), |r| {
            r.figure(|f| Cell::Score(f.utility))
        })
        .add(Column::new("Warranty", "warranty").right().drops(2), |r| {
            r.figure(|f| Cell::Score(f.warranty))
        })
        .add(
            Column::new("Net value", "net_value").per_year().right(),
            |r| r.figure(|f| Cell::Money(f.net_value)),
        )
        .add(
            Column::new("Margin", "margin").per_year().right().drops(3),
            |r| r.figure(|f| Cell::Money(f.margin)),
        )
        .add(Column::new("Co-creation", "co_creation").drops(1), |r| {
            r.figure(|f| Cell::Verdict(Judgement::CoCreation(f.co_creation)))
        })
        .add(Column::new("Delivered", "delivered").drops(0), |r| {
            r.figure(|f| Cell::Verdict(Judgement::Delivered(f.delivered)))
        });
    let rows: Vec<Row> = history
        .relationships
        .iter()
        .flat_map(|series| {
            series.points.iter().map(|point| Row {
                id: &series.id,
                point,
                history,
            })
        })
        .collect();
    let grid = columns.grid(&rows);
    View {
        title: vec![Cell::text("Value history: "), Cell::text(&history.name)],
        currency: history.currency.clone(),
        blocks: vec![
            block(Formats::ALL, Body::Grid(grid)),
            block(
                Formats::PEOPLE,
                Body::Summary {
                    lines: vec![summary(history)],
                    wrap: true,
                },
            ),
        ],
    }
}

/// `5 commits change the catalogue, from 1a2b3c4 (2026-01-05) to …; 1 does not load.`
fn summary(history: &History) -> String {
    let (Some(first), Some(last)) = (history.commits.first(), history.commits.last()) else {
        return "No commit changes the catalogue.".to_owned();
    };
    let count = history.commits.len();
    let noun = if count == 1 {
        "commit changes"
    } else {
        "commits change"
    };
    let mut line = format!(
        "{count} {noun} the catalogue, from {} ({}) to {} ({})",
        first.commit.short, first.commit.date, last.commit.short, last.commit.date
    );
    let broken = history.commits.iter().filter(|s| !s.loads()).count();
    if broken > 0 {
        let verb = if broken == 1 { "does" } else { "do" };
        line = format!("{line}; {broken} {verb} not load");
    }
    line.push('.');
    line
}
