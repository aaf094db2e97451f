//! Tables that fit the terminal: when standard output is a terminal, columns are dropped
//! in an order of importance until the table fits its width, and cells wrap when even
//! the essential columns do not fit. Piped output keeps every column and whole lines, so
//! scripts and files see the same table at any width.

use comfy_table::{Cell, ContentArrangement, Table};

/// One column: its header, its cells, and when it goes.
pub struct Column {
    /// The header text.
    pub header: String,
    /// One cell per row.
    pub cells: Vec<Cell>,
    /// Lower goes first; `None` never goes.
    pub drop_rank: Option<u8>,
}

/// A table built from `columns` that fits `width` when there is one, and how many
/// columns were left out to make it fit.
pub fn fit(mut table: Table, columns: Vec<Column>, width: Option<usize>) -> (Table, usize) {
    let mut keep = vec![true; columns.len()];
    let mut dropped = 0;
    if let Some(width) = width {
        let widths: Vec<usize> = columns.iter().map(column_width).collect();
        let total = |keep: &[bool]| -> usize {
            // Each column's content plus one space of padding either side and its left
            // border; then the table's right border.
            widths
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(w, _)| w + 3)
                .sum::<usize>()
                + 1
        };
        let mut order: Vec<(u8, usize)> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c.drop_rank?, i)))
            .collect();
        order.sort_unstable();
        for (_, i) in order {
            if total(&keep) <= width {
                break;
            }
            keep[i] = false;
            dropped += 1;
        }
        if total(&keep) > width {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
    }
    let kept: Vec<Column> = columns
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c)
        .collect();
    table.set_header(kept.iter().map(|c| c.header.as_str()).collect::<Vec<_>>());
    let rows = kept.first().map_or(0, |c| c.cells.len());
    let mut columns: Vec<std::vec::IntoIter<Cell>> =
        kept.into_iter().map(|c| c.cells.into_iter()).collect();
    for _ in 0..rows {
        table.add_row(
            columns
                .iter_mut()
                .filter_map(Iterator::next)
                .collect::<Vec<_>>(),
        );
    }
    (table, dropped)
}

/// The widest line of a column, header included, in characters.
fn column_width(column: &Column) -> usize {
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    column
        .cells
        .iter()
        .map(|c| widest(&c.content()))
        .chain(std::iter::once(widest(&column.header)))
        .max()
        .unwrap_or(0)
}

/// The line that says what was left out, when anything was.
pub fn dropped_note(dropped: usize) -> Option<String> {
    (dropped > 0).then(|| {
        let noun = if dropped == 1 { "column" } else { "columns" };
        format!(
            "({dropped} {noun} left out to fit the terminal; widen it, or pipe the output, \
             to see every column)"
        )
    })
}

/// A line broken at spaces so that no part is wider than `width`, when there is one.
pub fn wrap(line: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return line.to_owned();
    };
    let mut out = String::with_capacity(line.len() + 8);
    let mut current = 0;
    for word in line.split(' ') {
        let length = word.chars().count();
        if current > 0 && current + 1 + length > width {
            out.push('\n');
            current = 0;
        } else if current > 0 {
            out.push(' ');
            current += 1;
        }
        out.push_str(word);
        current += length;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(header: &'static str, text: &str, drop_rank: Option<u8>) -> Column {
        Column {
            header: header.to_owned(),
            cells: vec![Cell::new(text)],
            drop_rank,
        }
    }

    fn widest_line(table: &Table) -> usize {
        table
            .to_string()
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn columns_go_in_order_of_rank_until_the_table_fits() {
        let columns = || {
            vec![
                column("id", "relationship-one", None),
                column("offering", &"o".repeat(30), Some(0)),
                column("detail", &"d".repeat(20), Some(1)),
                column("verdict", "value", None),
            ]
        };
        let (whole, dropped) = fit(crate::report::table::new_table(false), columns(), None);
        assert_eq!(dropped, 0);
        let full = widest_line(&whole);
        let (narrow, dropped) = fit(crate::report::table::new_table(false), columns(), Some(60));
        assert_eq!(dropped, 1, "only the first to go");
        assert!(widest_line(&narrow) <= 60);
        assert!(full > 60);
        assert!(!narrow.to_string().contains("offering"));
        assert!(narrow.to_string().contains("detail"));
    }

    #[test]
    fn lines_wrap_at_spaces_only_on_a_terminal() {
        let line = "one two three four";
        assert_eq!(wrap(line, None), line);
        assert_eq!(wrap(line, Some(9)), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakable", Some(4)), "unbreakable");
    }

    #[test]
    fn essential_columns_wrap_when_nothing_else_can_go() {
        let columns = vec![
            column("id", &"x".repeat(50), None),
            column("verdict", &"v".repeat(50), None),
        ];
        let (table, dropped) = fit(crate::report::table::new_table(false), columns, Some(40));
        assert_eq!(dropped, 0);
        assert!(widest_line(&table) <= 40, "{table}");
    }
}
