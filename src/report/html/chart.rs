//! The report's charts, as inline SVG: the utility × warranty scatter of every
//! relationship, one bar chart per relationship of what it removes from and imposes on
//! the consumer, and stacked bars of the cost of provision by dimension (one per provider
//! in the portfolio, one on each card).
//!
//! Charts carry `role="img"` with a `<title>` and a `<desc>` that state every figure they
//! draw, so a screen reader (or a reader of the printed page) loses nothing. Verdicts are
//! told apart by marker shape as well as colour. Relationships at the same spot of the
//! scatter share one marker with their count (see [`Spot`]). Colours come from the page's
//! style sheet through classes, so the light, dark and print schemes apply to the charts
//! too.
//! Floating point is used here only for pixel positions; every figure printed is the
//! exact decimal rounded by [`crate::figures::money`].

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::escape::esc;
use super::text;
use crate::assess::provision::ByDimension;
use crate::assess::{Assessment, Verdict};
use crate::figures::{grouped, money, round2};

/// One relationship on the utility × warranty chart.
#[derive(Debug, Clone, Copy)]
pub struct Point<'a> {
    /// The relationship's id, the point's label.
    pub id: &'a str,
    /// Utility score, 0–100.
    pub utility: Decimal,
    /// Warranty score, 0–100.
    pub warranty: Decimal,
    /// The verdict, which decides the marker's shape and colour.
    pub verdict: Verdict,
}

/// Left edge of the scatter's plot area (room for the y ticks and axis title).
const LEFT: f64 = 56.0;
/// Top edge of the plot area (room for the fit-for-use label).
const TOP: f64 = 28.0;
/// The plot area is square.
const PLOT: f64 = 360.0;
/// Room under the plot for the x ticks and axis title.
const BOTTOM: f64 = 52.0;
/// Vertical distance between two labels in the label column.
const LINE: f64 = 18.0;
/// Above this many spots the ids are left to each marker's tooltip and the table above
/// the chart: a label column for thousands of relationships would only be a long smear.
const MAX_LABELS: usize = 60;
/// Longest label drawn in full; longer ids end in an ellipsis (the tooltip has them whole).
const MAX_LABEL_CHARS: usize = 40;

/// A score (or any amount) as a drawing coordinate; exactness is not needed for pixels.
fn float(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A marker for a verdict, centred on `(x, y)`: a circle for `value`, a cross for
/// `no-value`, a square for `unassessed`.
pub fn marker(out: &mut dyn Write, verdict: Verdict, x: f64, y: f64) -> io::Result<()> {
    match verdict {
        Verdict::Value => write!(
            out,
            r#"<circle class="mark m-value" cx="{x:.1}" cy="{y:.1}" r="6"/>"#
        ),
        Verdict::NoValue => write!(
            out,
            r#"<path class="mark m-no-value" d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}"/>"#,
            x - 5.5,
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5,
            y + 5.5,
            x + 5.5,
            y - 5.5
        ),
        Verdict::Unassessed => write!(
            out,
            r#"<rect class="mark m-unassessed" x="{:.1}" y="{:.1}" width="11" height="11"/>"#,
            x - 5.5,
            y - 5.5
        ),
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// Spreads labels wanted at `wanted` (sorted ascending) at least `LINE` apart, moving
/// each as little as the ones before it allow, then pulls them back up from `bottom`.
/// Returns the positions in the same order.
pub fn spread(wanted: &[f64], top: f64, bottom: f64) -> Vec<f64> {
    let mut placed: Vec<f64> = Vec::with_capacity(wanted.len());
    for &y in wanted {
        let floor = placed.last().map_or(top, |last| last + LINE);
        placed.push(y.max(floor));
    }
    let mut ceiling = bottom;
    for y in placed.iter_mut().rev() {
        *y = y.min(ceiling);
        ceiling = *y - LINE;
    }
    // When there are more labels than fit, the pull-up may push the first ones above
    // `top`; push them down again (the column then runs past `bottom`, and the chart is
    // made tall enough for it).
    let mut floor = top;
    for y in &mut placed {
        *y = y.max(floor);
        floor = *y + LINE;
    }
    placed
}

/// Where a utility score stands across the plot.
fn x_of(score: Decimal) -> f64 {
    LEFT + float(score).clamp(0.0, 100.0) / 100.0 * PLOT
}

/// Where a warranty score stands up the plot.
fn y_of(score: Decimal) -> f64 {
    TOP + (1.0 - float(score).clamp(0.0, 100.0) / 100.0) * PLOT
}

/// The relationships drawn at one spot of the scatter: those whose scores are the same as
/// shown (to two decimals), whose markers would otherwise hide one another. A spot of
/// several is one marker with a count, labelled once, its relationships listed under the
/// chart, rather than a marker and a leader line each.
#[derive(Debug, Clone)]
pub struct Spot<'a> {
    /// Utility score, as shown.
    pub utility: Decimal,
    /// Warranty score, as shown.
    pub warranty: Decimal,
    /// The relationships at the spot, in the order given.
    pub points: Vec<Point<'a>>,
}

impl Spot<'_> {
    /// The verdict of every relationship at the spot, or `None` when they differ.
    pub fn verdict(&self) -> Option<Verdict> {
        let first = self.points.first()?.verdict;
        self.points
            .iter()
            .all(|p| p.verdict == first)
            .then_some(first)
    }

    /// How many relationships at the spot have each verdict, leaving out the verdicts
    /// none has: "9 value, 1 no-value".
    pub fn counts(&self) -> String {
        let counts: Vec<String> = [Verdict::Value, Verdict::NoValue, Verdict::Unassessed]
            .into_iter()
            .filter_map(|verdict| {
                let n = self.points.iter().filter(|p| p.verdict == verdict).count();
                (n > 0).then(|| format!("{n} {}", verdict.as_str()))
            })
            .collect();
        counts.join(", ")
    }

    /// Where the spot stands in the drawing.
    fn at(&self) -> (f64, f64) {
        (x_of(self.utility), y_of(self.warranty))
    }

    /// The spot's label: the relationship's id, or how many stand there.
    fn label(&self) -> String {
        match self.points.as_slice() {
            [one] => clip(one.id, MAX_LABEL_CHARS),
            many => format!(
                "{} relationships at {} × {}",
                many.len(),
                grouped(self.utility),
                grouped(self.warranty)
            ),
        }
    }
}

/// The spots of `points`, from the top of the plot down and, along a line, from left to
/// right: the order of their labels.
pub fn spots<'a>(points: &[Point<'a>]) -> Vec<Spot<'a>> {
    let mut at: BTreeMap<(Reverse<Decimal>, Decimal), Vec<Point<'a>>> = BTreeMap::new();
    for p in points {
        at.entry((Reverse(round2(p.warranty)), round2(p.utility)))
            .or_default()
            .push(*p);
    }
    at.into_iter()
        .map(|((Reverse(warranty), utility), points)| Spot {
            utility,
            warranty,
            points,
        })
        .collect()
}

/// Whether the chart labels its spots: not above [`MAX_LABELS`] of them.
pub fn labelled(spots: &[Spot<'_>]) -> bool {
    spots.len() <= MAX_LABELS
}

/// A neutral marker, for a spot whose relationships differ in verdict: a diamond.
pub fn mixed_marker(out: &mut dyn Write, x: f64, y: f64) -> io::Result<()> {
    write!(
        out,
        r#"<path class="mark m-mixed" d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z"/>"#,
        y - 7.0,
        x + 7.0,
        y + 7.0,
        x - 7.0
    )
}

/// The marker of a spot: its verdict's, or the neutral one when its verdicts differ.
pub fn spot_marker(out: &mut dyn Write, spot: &Spot<'_>, x: f64, y: f64) -> io::Result<()> {
    match spot.verdict() {
        Some(verdict) => marker(out, verdict, x, y),
        None => mixed_marker(out, x, y),
    }
}

/// A badge with `count`, at the upper right of a marker centred on `(x, y)`.
fn badge(out: &mut dyn Write, count: usize, x: f64, y: f64) -> io::Result<()> {
    let digits = count.to_string();
    #[allow(clippy::cast_precision_loss)] // a few digits
    let width = 6.0 + 6.0 * digits.len() as f64;
    write!(
        out,
        r#"<g class="badge"><rect x="{:.1}" y="{:.1}" width="{width:.1}" height="14" rx="7"/><text class="count" x="{:.1}" y="{:.1}" text-anchor="middle">{digits}</text></g>"#,
        x + 2.0,
        y - 16.0,
        x + 2.0 + width / 2.0,
        y - 5.5
    )
}

/// Writes the utility × warranty chart of `points`, one marker per spot (see [`spots`]),
/// with the fit-for-purpose threshold (`threshold`, the catalogue's `thresholds.utility`)
/// and the fit-for-use line at 100.
pub fn scatter(out: &mut dyn Write, points: &[Point<'_>], threshold: Decimal) -> io::Result<()> {
    let spots = &spots(points);
    let labelled = labelled(spots);

    // Labels in a column right of the plot, in the order of their spots from top to
    // bottom, joined to them by leader lines.
    let labels: Vec<String> = spots.iter().map(Spot::label).collect();
    let wanted: Vec<f64> = spots.iter().map(|s| s.at().1).collect();
    let label_y = if labelled {
        spread(&wanted, TOP, TOP + PLOT)
    } else {
        Vec::new()
    };
    let gutter_x = LEFT + PLOT + 36.0;
    let longest = labels
        .iter()
        .map(|l| text::width(l, 12.0))
        .fold(0.0, f64::max);
    let gutter = if labelled { longest + 24.0 } else { 0.0 };
    let width = gutter_x + gutter + 8.0;
    let column_bottom = label_y.last().copied().unwrap_or(TOP).max(TOP + PLOT);
    let height = column_bottom + BOTTOM;

    writeln!(
        out,
        r#"<svg class="chart scatter" role="img" aria-labelledby="scatter-title scatter-desc" viewBox="0 0 {width:.0} {height:.0}" width="100%" preserveAspectRatio="xMinYMin meet">"#
    )?;
    writeln!(
        out,
        r#"<title id="scatter-title">Utility and warranty of each relationship</title>"#
    )?;
    write!(
        out,
        r#"<desc id="scatter-desc">Utility score (fit for purpose from {}) across, warranty score (fit for use at 100, every check met) up. "#,
        grouped(threshold)
    )?;
    for p in points {
        write!(
            out,
            "{}: utility {}, warranty {}, {}. ",
            esc(p.id),
            grouped(p.utility),
            grouped(p.warranty),
            p.verdict.as_str()
        )?;
    }
    writeln!(out, "</desc>")?;

    frame(out, threshold)?;

    // Leader lines first, so that markers sit on top of them.
    for (spot, &y) in spots.iter().zip(&label_y) {
        let (x1, y1) = spot.at();
        writeln!(
            out,
            r#"<line class="leader" x1="{x1:.1}" y1="{y1:.1}" x2="{:.1}" y2="{y:.1}"/>"#,
            gutter_x - 4.0
        )?;
    }
    for spot in spots {
        let (x, y) = spot.at();
        match spot.points.as_slice() {
            [p] => write!(
                out,
                r#"<g class="point"><title>{}: {}</title>"#,
                esc(p.id),
                p.verdict.as_str()
            )?,
            many => {
                let ids: Vec<String> = many.iter().map(|p| esc(p.id).to_string()).collect();
                write!(
                    out,
                    r#"<g class="point spot" data-count="{}" data-utility="{}" data-warranty="{}"><title>{} relationships at utility {}, warranty {} ({}): {}</title>"#,
                    many.len(),
                    round2(spot.utility),
                    round2(spot.warranty),
                    many.len(),
                    grouped(spot.utility),
                    grouped(spot.warranty),
                    spot.counts(),
                    ids.join(", ")
                )?;
            }
        }
        spot_marker(out, spot, x, y)?;
        if spot.points.len() > 1 {
            badge(out, spot.points.len(), x, y)?;
        }
        writeln!(out, "</g>")?;
    }
    for ((spot, label), &y) in spots.iter().zip(&labels).zip(&label_y) {
        spot_marker(out, spot, gutter_x + 6.0, y)?;
        writeln!(
            out,
            r#"<text class="label" x="{:.1}" y="{:.1}">{}</text>"#,
            gutter_x + 16.0,
            y + 4.0,
            esc(label)
        )?;
    }
    writeln!(out, "</svg>")
}

/// The plot's frame: the fit-for-purpose side of the threshold, the grid, the axes, and
/// the two lines a relationship must reach.
fn frame(out: &mut dyn Write, threshold: Decimal) -> io::Result<()> {
    let threshold_x = x_of(threshold);
    writeln!(
        out,
        r#"<rect class="fit-zone" x="{threshold_x:.1}" y="{TOP:.1}" width="{:.1}" height="{PLOT:.1}"/>"#,
        LEFT + PLOT - threshold_x
    )?;
    for tick in [0u8, 25, 50, 75, 100] {
        let value = Decimal::from(tick);
        let (x, y) = (x_of(value), y_of(value));
        writeln!(
            out,
            r#"<line class="grid" x1="{x:.1}" y1="{TOP:.1}" x2="{x:.1}" y2="{:.1}"/><line class="grid" x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/>"#,
            TOP + PLOT,
            LEFT + PLOT
        )?;
        writeln!(
            out,
            r#"<text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{tick}</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{tick}</text>"#,
            TOP + PLOT + 16.0,
            LEFT - 6.0,
            y + 4.0
        )?;
    }
    writeln!(
        out,
        r#"<text class="axis-title" x="{:.1}" y="{:.1}" text-anchor="middle">Utility (fit for purpose) →</text>"#,
        LEFT + PLOT / 2.0,
        TOP + PLOT + 38.0
    )?;
    writeln!(
        out,
        r#"<text class="axis-title" transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">Warranty (fit for use) →</text>"#,
        TOP + PLOT / 2.0
    )?;

    // The two lines a relationship must reach.
    writeln!(
        out,
        r#"<line class="threshold" x1="{threshold_x:.1}" y1="{TOP:.1}" x2="{threshold_x:.1}" y2="{:.1}"/>"#,
        TOP + PLOT
    )?;
    writeln!(
        out,
        r#"<text class="line-label" x="{:.1}" y="{:.1}">fit for purpose: utility ≥ {}</text>"#,
        threshold_x + 4.0,
        TOP + PLOT - 8.0,
        grouped(threshold)
    )?;
    writeln!(
        out,
        r#"<line class="fit-line" x1="{LEFT:.1}" y1="{TOP:.1}" x2="{:.1}" y2="{TOP:.1}"/>"#,
        LEFT + PLOT
    )?;
    writeln!(
        out,
        r#"<text class="line-label" x="{LEFT:.1}" y="{:.1}">fit for use: warranty 100 (every check met)</text>"#,
        TOP - 10.0
    )?;
    Ok(())
}

/// The five bars of a relationship's balance: what kind each is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BarKind {
    Removed,
    Imposed,
    Net,
}

/// Width of a bar chart's drawing; narrow, so that its text stays legible on a phone.
const BARS_WIDTH: f64 = 360.0;
/// Height of one bar's row: its caption line, then the bar.
const BAR_ROW: f64 = 40.0;

/// Writes the bar chart of one relationship: costs removed, costs imposed, risks removed,
/// risks imposed and net value, per year, with each exact figure beside its bar.
/// `anchor` makes the chart's element ids unique on the page.
pub fn balance(
    out: &mut dyn Write,
    anchor: &str,
    relationship: &str,
    assessment: &Assessment,
    currency: Option<&str>,
) -> io::Result<()> {
    let bars = [
        ("Costs removed", assessment.costs.removed, BarKind::Removed),
        ("Costs imposed", assessment.costs.imposed, BarKind::Imposed),
        ("Risks removed", assessment.risks.removed, BarKind::Removed),
        ("Risks imposed", assessment.risks.imposed, BarKind::Imposed),
        ("Net value", assessment.net_value, BarKind::Net),
    ];
    let values: Vec<f64> = bars.iter().map(|b| float(b.1)).collect();
    let low = values.iter().copied().fold(0.0, f64::min);
    let mut high = values.iter().copied().fold(0.0, f64::max);
    if high - low <= 0.0 {
        high = low + 1.0;
    }
    let x_of = |value: f64| (value - low) / (high - low) * BARS_WIDTH;
    let zero = x_of(0.0);
    #[allow(clippy::cast_precision_loss)] // five rows
    let height = bars.len() as f64 * BAR_ROW + 4.0;

    writeln!(
        out,
        r#"<svg class="chart bars" role="img" aria-labelledby="{a}-bars-title {a}-bars-desc" viewBox="0 0 {BARS_WIDTH:.0} {height:.0}" width="100%">"#,
        a = esc(anchor)
    )?;
    writeln!(
        out,
        r#"<title id="{}-bars-title">Costs and risks of {}, per year</title>"#,
        esc(anchor),
        esc(relationship)
    )?;
    write!(out, r#"<desc id="{}-bars-desc">"#, esc(anchor))?;
    let described: Vec<String> = bars
        .iter()
        .map(|(label, value, _)| format!("{label} {}", money(*value, currency)))
        .collect();
    writeln!(out, "{}.</desc>", esc(&described.join("; ")))?;
    #[allow(clippy::cast_precision_loss)] // five rows
    for (row, ((label, value, kind), &v)) in bars.iter().zip(&values).enumerate() {
        let top = row as f64 * BAR_ROW;
        let class = match kind {
            BarKind::Removed => "bar-removed",
            BarKind::Imposed => "bar-imposed",
            BarKind::Net if v < 0.0 => "bar-net-negative",
            BarKind::Net => "bar-net",
        };
        let end = x_of(v);
        let (x, mut width) = (zero.min(end), (end - zero).abs());
        if width < 1.0 && !value.is_zero() {
            width = 1.0;
        }
        writeln!(
            out,
            r#"<text class="bar-label" x="0" y="{:.1}">{label}</text><text class="figure" x="{BARS_WIDTH:.0}" y="{:.1}" text-anchor="end">{}</text>"#,
            top + 13.0,
            top + 13.0,
            esc(&money(*value, currency))
        )?;
        writeln!(
            out,
            r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="{width:.1}" height="14"/>"#,
            top + 19.0
        )?;
    }
    writeln!(
        out,
        r#"<line class="zero" x1="{zero:.1}" y1="17" x2="{zero:.1}" y2="{:.1}"/>"#,
        height - 2.0
    )?;
    writeln!(out, "</svg>")
}

/// One stacked bar: whose cost of provision it is, and the cost by dimension.
#[derive(Debug, Clone, Copy)]
pub struct Stack<'a> {
    /// The provider's or relationship's id, for `data-id`.
    pub id: &'a str,
    /// Its name for people, drawn above the bar.
    pub label: &'a str,
    /// The cost of provision by dimension.
    pub parts: &'a ByDimension,
    /// The cost of provision: exactly the sum of the parts.
    pub total: Decimal,
}

/// The class of a dimension's segments and legend swatch.
pub fn dimension_class(dimension: crate::model::Dimension) -> String {
    format!("dim-{}", dimension.as_str())
}

/// Writes stacked bars of the cost of provision by dimension, one row per [`Stack`]: its
/// label and exact total above a bar whose segments are the four dimensions in order. All
/// bars share one scale, the largest total spanning the width, so that they compare.
/// `anchor` makes the chart's element ids unique on the page.
pub fn dimensions(
    out: &mut dyn Write,
    anchor: &str,
    title: &str,
    stacks: &[Stack<'_>],
    currency: Option<&str>,
) -> io::Result<()> {
    let largest = stacks.iter().map(|s| float(s.total)).fold(0.0, f64::max);
    let scale = if largest > 0.0 {
        BARS_WIDTH / largest
    } else {
        0.0
    };
    #[allow(clippy::cast_precision_loss)] // a row per provider
    let height = stacks.len() as f64 * BAR_ROW + 4.0;
    let a = esc(anchor);
    writeln!(
        out,
        r#"<svg class="chart dimensions" role="img" aria-labelledby="{a}-dimensions-title {a}-dimensions-desc" viewBox="0 0 {BARS_WIDTH:.0} {height:.0}" width="100%">"#
    )?;
    writeln!(
        out,
        r#"<title id="{a}-dimensions-title">{}</title>"#,
        esc(title)
    )?;
    let described: Vec<String> = stacks
        .iter()
        .map(|stack| {
            let parts: Vec<String> = stack
                .parts
                .parts()
                .map(|(d, part)| format!("{} {}", d.as_str(), money(part, currency)))
                .collect();
            format!(
                "{}: {} ({})",
                stack.label,
                money(stack.total, currency),
                parts.join(", ")
            )
        })
        .collect();
    writeln!(
        out,
        r#"<desc id="{a}-dimensions-desc">{}.</desc>"#,
        esc(&described.join("; "))
    )?;
    #[allow(clippy::cast_precision_loss)] // a row per provider
    for (row, stack) in stacks.iter().enumerate() {
        let top = row as f64 * BAR_ROW;
        writeln!(
            out,
            r#"<text class="bar-label" x="0" y="{:.1}">{}</text><text class="figure" x="{BARS_WIDTH:.0}" y="{:.1}" text-anchor="end">{}</text>"#,
            top + 13.0,
            esc(&clip(stack.label, MAX_LABEL_CHARS)),
            top + 13.0,
            esc(&money(stack.total, currency))
        )?;
        writeln!(
            out,
            r#"<g class="stack" data-id="{}" data-total="{}">"#,
            esc(stack.id),
            round2(stack.total)
        )?;
        writeln!(
            out,
            r#"<rect class="track" x="0" y="{:.1}" width="{BARS_WIDTH:.0}" height="14"/>"#,
            top + 19.0
        )?;
        let mut x = 0.0;
        for (dimension, part) in stack.parts.parts() {
            if part <= Decimal::ZERO {
                continue;
            }
            let width = (float(part) * scale).max(1.0);
            writeln!(
                out,
                r#"<rect class="segment {}" data-dimension="{}" data-amount="{}" x="{x:.1}" y="{:.1}" width="{width:.1}" height="14"><title>{}: {}</title></rect>"#,
                dimension_class(dimension),
                dimension.as_str(),
                round2(part),
                top + 19.0,
                dimension.label(),
                esc(&money(part, currency))
            )?;
            x += width;
        }
        writeln!(out, "</g>")?;
    }
    writeln!(out, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_spread_at_least_a_line_apart_and_stay_in_order() {
        let placed = spread(&[10.0, 10.0, 10.0, 100.0], 0.0, 200.0);
        assert_eq!(placed, vec![10.0, 28.0, 46.0, 100.0]);
    }

    #[test]
    fn labels_crowding_the_bottom_are_pulled_up() {
        let placed = spread(&[200.0, 200.0, 200.0], 0.0, 200.0);
        assert_eq!(placed, vec![164.0, 182.0, 200.0]);
    }

    #[test]
    fn more_labels_than_fit_run_past_the_bottom_but_never_overlap() {
        let placed = spread(&[5.0; 10], 0.0, 50.0);
        assert!(placed.windows(2).all(|w| w[1] - w[0] >= LINE));
        assert!(placed[0] >= 0.0);
    }

    fn point(id: &str, utility: u32, warranty: u32, verdict: Verdict) -> Point<'_> {
        Point {
            id,
            utility: Decimal::from(utility),
            warranty: Decimal::from(warranty),
            verdict,
        }
    }

    #[test]
    fn points_at_the_same_scores_make_one_spot_from_the_top_down() {
        let points = [
            point("low", 80, 50, Verdict::NoValue),
            point("a", 100, 100, Verdict::Value),
            point("left", 60, 100, Verdict::NoValue),
            point("b", 100, 100, Verdict::Value),
        ];
        let spots = spots(&points);
        let ids: Vec<Vec<&str>> = spots
            .iter()
            .map(|s| s.points.iter().map(|p| p.id).collect())
            .collect();
        assert_eq!(ids, [vec!["left"], vec!["a", "b"], vec!["low"]]);
        assert_eq!(spots[1].verdict(), Some(Verdict::Value));
        assert_eq!(spots[1].counts(), "2 value");
    }

    #[test]
    fn a_spot_of_several_verdicts_has_a_neutral_marker_and_says_how_many_of_each() {
        let points = [
            point("a", 100, 100, Verdict::Value),
            point("b", 100, 100, Verdict::NoValue),
            point("c", 100, 100, Verdict::Value),
        ];
        let spots = spots(&points);
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].verdict(), None);
        assert_eq!(spots[0].counts(), "2 value, 1 no-value");
        let mut svg = Vec::new();
        scatter(&mut svg, &points, Decimal::from(50)).expect("written");
        let svg = String::from_utf8(svg).expect("UTF-8");
        assert!(
            svg.contains(r#"<g class="point spot" data-count="3" data-utility="100.00" data-warranty="100.00"><title>3 relationships at utility 100.00, warranty 100.00 (2 value, 1 no-value): a, b, c</title><path class="mark m-mixed""#),
            "{svg}"
        );
        assert!(svg.contains(r#"<text class="count" "#));
        assert_eq!(svg.matches(r#"class="leader""#).count(), 1);
        assert!(svg.contains(">3 relationships at 100.00 × 100.00</text>"));
    }

    #[test]
    fn long_labels_are_clipped_with_an_ellipsis() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
