//! The trend of each relationship's value over the catalogue's git history (`svs report
//! --history`, SPEC §11.3): net value and the provider's margin at every commit where a
//! figure changed, one small chart per relationship, drawn as inline SVG without script.
//!
//! Each chart has its own scale, from the lower of 0 and its least figure to the higher
//! of 0 and its greatest, so that a small relationship's movements show as well as a
//! large one's, and the zero line is always drawn. Commits sit across in the history's
//! order, evenly spaced, the same for every chart.

use std::fmt::Write as _;
use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::escape::esc;
use crate::figures::{money, round2};
use crate::history::{Figures, History, Series, State};

/// Width of a chart.
const WIDTH: f64 = 360.0;
/// Room on the left of the plot, for the amounts.
const LEFT: f64 = 70.0;
/// Room on the right of the plot.
const RIGHT: f64 = 16.0;
/// Room above the plot.
const TOP: f64 = 10.0;
/// Height of the plot.
const PLOT: f64 = 120.0;
/// Height of a chart: the plot and the dates under it.
const HEIGHT: f64 = TOP + PLOT + 26.0;

/// A figure drawn: its class, its words, and where it is found.
type Line = (&'static str, &'static str, fn(&Figures) -> Decimal);

/// The two figures drawn.
const LINES: [Line; 2] = [
    ("net-value", "net value", |f| f.net_value),
    ("margin", "margin", |f| f.margin),
];

/// Writes the history section: a line on what was read, then a chart per relationship
/// with at least one assessed point.
pub fn section(out: &mut dyn Write, history: &History) -> io::Result<()> {
    writeln!(out, r#"<section aria-labelledby="history">"#)?;
    writeln!(out, r#"<h2 id="history">Value over the history</h2>"#)?;
    let (Some(first), Some(last)) = (history.commits.first(), history.commits.last()) else {
        writeln!(
            out,
            r#"<p class="note">No commit changes the catalogue.</p>"#
        )?;
        return writeln!(out, "</section>");
    };
    writeln!(
        out,
        r#"<p class="note">{} commit{} of the first-parent history change the catalogue, from <code>{}</code> ({}) to <code>{}</code> ({}). Each relationship's net value and its provider's margin per year, where a figure changed; each commit judged as of its date.</p>"#,
        history.commits.len(),
        if history.commits.len() == 1 { "" } else { "s" },
        esc(&first.commit.short),
        first.commit.date,
        esc(&last.commit.short),
        last.commit.date,
    )?;
    legend(out)?;
    writeln!(out, r#"<div class="trends">"#)?;
    for series in &history.relationships {
        if series
            .points
            .iter()
            .any(|p| matches!(p.state, State::Assessed(_)))
        {
            chart(out, history, series)?;
        }
    }
    writeln!(out, "</div>")?;
    writeln!(out, "</section>")
}

/// A figure as a drawing coordinate; exactness is not needed for pixels.
fn float(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The assessed points of a relationship: the commit's place and its figures.
fn assessed(series: &Series) -> Vec<(usize, &Figures)> {
    series
        .points
        .iter()
        .filter_map(|p| match &p.state {
            State::Assessed(figures) => Some((p.step, figures)),
            State::Removed | State::DoesNotLoad => None,
        })
        .collect()
}

/// Where a chart puts a commit and an amount.
struct Plot {
    /// The least amount drawn, at the bottom.
    low: f64,
    /// The range of amounts drawn, bottom to top.
    span: f64,
    /// How many commits sit across.
    commits: usize,
}

impl Plot {
    fn y(&self, value: Decimal) -> f64 {
        TOP + PLOT - (float(value) - self.low) / self.span * PLOT
    }

    #[allow(clippy::cast_precision_loss)] // a column per commit
    fn x(&self, step: usize) -> f64 {
        if self.commits < 2 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + 8.0 + step as f64 * (WIDTH - LEFT - RIGHT - 8.0) / (self.commits - 1) as f64
        }
    }
}

/// Writes one relationship's chart.
fn chart(out: &mut dyn Write, history: &History, series: &Series) -> io::Result<()> {
    let points = assessed(series);
    let values = points
        .iter()
        .flat_map(|(_, f)| LINES.iter().map(move |(_, _, of)| of(f)));
    let low = values.clone().fold(Decimal::ZERO, Decimal::min);
    let high = values.fold(Decimal::ZERO, Decimal::max);
    let plot = Plot {
        low: float(low),
        span: if high > low {
            float(high) - float(low)
        } else {
            1.0
        },
        commits: history.commits.len(),
    };
    let id = esc(&series.id);
    let currency = history.currency.as_deref();
    writeln!(
        out,
        r#"<figure class="history" data-relationship="{id}"><figcaption><code>{id}</code></figcaption>"#
    )?;
    writeln!(
        out,
        r#"<svg class="chart history" role="img" aria-labelledby="history-{id}-title history-{id}-desc" viewBox="0 0 {WIDTH:.0} {HEIGHT:.0}" width="100%">"#
    )?;
    writeln!(
        out,
        r#"<title id="history-{id}-title">Net value and margin of {id} over the history</title>"#
    )?;
    let described: Vec<String> = points
        .iter()
        .map(|(step, f)| {
            let commit = &history.commits[*step].commit;
            format!(
                "{} ({}): net value {}, margin {}",
                commit.short,
                commit.date,
                money(f.net_value, currency),
                money(f.margin, currency)
            )
        })
        .collect();
    writeln!(
        out,
        r#"<desc id="history-{id}-desc">{}.</desc>"#,
        esc(&described.join("; "))
    )?;
    axes(out, history, &plot, low, high)?;
    for line in LINES {
        trend(out, history, series, &points, &plot, line)?;
    }
    writeln!(out, "</svg>")?;
    writeln!(out, "</figure>")
}

/// The zero line, the least and greatest amounts, and the first and last commits' dates.
fn axes(
    out: &mut dyn Write,
    history: &History,
    plot: &Plot,
    low: Decimal,
    high: Decimal,
) -> io::Result<()> {
    let mut ticks = vec![Decimal::ZERO];
    ticks.extend([low, high].into_iter().filter(|t| !t.is_zero()));
    for tick in ticks {
        let y = plot.y(tick);
        let class = if tick.is_zero() { "zero" } else { "grid" };
        writeln!(
            out,
            r#"<line class="{class}" x1="{LEFT:.0}" y1="{y:.1}" x2="{:.0}" y2="{y:.1}"/><text class="tick" x="{:.0}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            crate::figures::grouped(tick)
        )?;
    }
    let last = plot.commits.saturating_sub(1);
    let mut ends = vec![(0, "start")];
    if last > 0 {
        ends.push((last, "end"));
    }
    for (step, anchor) in ends {
        writeln!(
            out,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            plot.x(step),
            TOP + PLOT + 18.0,
            history.commits[step].commit.date
        )?;
    }
    Ok(())
}

/// One figure's line and points. A point holds until the next one: the line runs level to
/// the commit where the figure changed and steps there, and runs on to the last commit
/// while the relationship is still assessed; it stops before a commit where the
/// relationship was removed or the catalogue did not load.
fn trend(
    out: &mut dyn Write,
    history: &History,
    series: &Series,
    points: &[(usize, &Figures)],
    plot: &Plot,
    (class, words, of): Line,
) -> io::Result<()> {
    let currency = history.currency.as_deref();
    writeln!(
        out,
        r#"<g class="series series-{class}" data-series="{class}">"#
    )?;
    for (step, figures) in points {
        let next = series.points.iter().find(|p| p.step > *step);
        let y = plot.y(of(figures));
        let (until, then) = match next.map(|p| (p.step, &p.state)) {
            Some((at, State::Assessed(changed))) => (at, Some(plot.y(of(changed)))),
            Some((at, State::Removed | State::DoesNotLoad)) => (at - 1, None),
            None => (history.commits.len().saturating_sub(1), None),
        };
        if until > *step {
            let mut path = format!("M{:.1} {y:.1}H{:.1}", plot.x(*step), plot.x(until));
            if let Some(then) = then {
                let _ = write!(path, "V{then:.1}");
            }
            writeln!(out, r#"<path class="line" d="{path}"/>"#)?;
        }
    }
    for (step, figures) in points {
        let commit = &history.commits[*step].commit;
        let value = of(figures);
        writeln!(
            out,
            r#"<g class="point" data-rev="{}" data-date="{}" data-value="{}">{}<title>{} at {} ({}): {}</title></g>"#,
            esc(&commit.short),
            commit.date,
            round2(value),
            marker(class, plot.x(*step), plot.y(value)),
            words,
            esc(&commit.short),
            commit.date,
            money(value, currency)
        )?;
    }
    writeln!(out, "</g>")
}

/// A figure's marker centred on `(x, y)`: a circle for net value, a square for margin.
fn marker(class: &str, x: f64, y: f64) -> String {
    if class == "net-value" {
        format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="4"/>"#)
    } else {
        format!(
            r#"<rect x="{:.1}" y="{:.1}" width="8" height="8"/>"#,
            x - 4.0,
            y - 4.0
        )
    }
}

/// The legend of the charts: each figure's marker.
fn legend(out: &mut dyn Write) -> io::Result<()> {
    write!(out, r#"<ul class="legend">"#)?;
    for (class, words, _) in LINES {
        write!(
            out,
            r#"<li><svg class="swatch series series-{class}" viewBox="0 0 14 14" aria-hidden="true">{}</svg>{words}</li>"#,
            marker(class, 7.0, 7.0)
        )?;
    }
    writeln!(out, "</ul>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Verdict;
    use crate::assess::delivered::DeliveredVerdict;
    use crate::assess::provision::CoCreation;
    use crate::history::git::Commit;
    use crate::history::{Point, Step};

    fn figures(net_value: i64) -> Figures {
        Figures {
            verdict: Verdict::Value,
            utility: Decimal::ONE_HUNDRED,
            warranty: Decimal::ONE_HUNDRED,
            net_value: Decimal::from(net_value),
            margin: Decimal::from(net_value),
            co_creation: CoCreation::Mutual,
            delivered: DeliveredVerdict::Unmeasured,
        }
    }

    fn series(id: &str, points: &[(usize, State)]) -> Series {
        Series {
            id: id.to_owned(),
            points: points
                .iter()
                .map(|(step, state)| Point {
                    step: *step,
                    state: state.clone(),
                })
                .collect(),
        }
    }

    /// The `d` of each net-value line drawn for `series` in a history of four commits.
    fn net_value_lines(series: &Series) -> Vec<String> {
        let mut history = History::default();
        history.commits = (1..=4)
            .map(|day| Step {
                commit: Commit {
                    id: format!("{day:040}"),
                    short: format!("{day:07}"),
                    date: jiff::civil::date(2026, 1, day),
                    subject: String::new(),
                },
                problems: 0,
            })
            .collect();
        let mut out = Vec::new();
        chart(&mut out, &history, series).unwrap();
        let svg = String::from_utf8(out).unwrap();
        let group = svg.split(r#"data-series="net-value">"#).nth(1).unwrap();
        let group = &group[..group.find("</g>\n<g class=\"series").unwrap_or(group.len())];
        group
            .split(r#"<path class="line" d=""#)
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
            .collect()
    }

    #[test]
    fn a_figure_holds_level_to_the_last_commit_and_steps_where_it_changed() {
        // x of commit 0 is 78 and of commit 3 is 344; y of 10 and 20 on a 0..20 scale.
        let (x0, x2, x3) = (78.0, 78.0 + 2.0 * 266.0 / 3.0, 344.0);
        let (y10, y20) = (TOP + PLOT / 2.0, TOP);
        let only = series("a", &[(0, State::Assessed(figures(20)))]);
        assert_eq!(
            net_value_lines(&only),
            [format!("M{x0:.1} {y20:.1}H{x3:.1}")]
        );
        let changed = series(
            "b",
            &[
                (0, State::Assessed(figures(10))),
                (2, State::Assessed(figures(20))),
            ],
        );
        assert_eq!(
            net_value_lines(&changed),
            [
                format!("M{x0:.1} {y10:.1}H{x2:.1}V{y20:.1}"),
                format!("M{x2:.1} {y20:.1}H{x3:.1}"),
            ]
        );
    }

    #[test]
    fn a_line_stops_before_a_removal_or_a_catalogue_that_does_not_load() {
        let x1 = 78.0 + 266.0 / 3.0;
        let y20 = TOP;
        for gone in [State::Removed, State::DoesNotLoad] {
            let ended = series("c", &[(0, State::Assessed(figures(20))), (2, gone)]);
            assert_eq!(net_value_lines(&ended), [format!("M78.0 {y20:.1}H{x1:.1}")]);
        }
        let at_once = series(
            "d",
            &[(0, State::Assessed(figures(20))), (1, State::Removed)],
        );
        assert!(net_value_lines(&at_once).is_empty());
    }
}
