//! The value network as inline SVG, laid out here rather than by Graphviz, so that the
//! report needs nothing at run time and opens anywhere.
//!
//! The drawing is layered from left to right, like `svs graph --format dot`:
//! organisations that consume from no one stand in the first column, and each consumer
//! one layer right of its furthest provider; a relationship is a box between its provider
//! and its consumer, marked with its verdict. Layers come from a topological order
//! (Kahn's algorithm) of provider → consumer; a cycle of relationships is broken at the
//! first organisation of the catalogue still waiting. An organisation in no drawn
//! relationship takes the column of the organisation it is part of (or that is part of
//! it).
//!
//! Two promises hold whatever the catalogue: no name is cut, and no connector crosses a
//! box it does not join. Boxes are sized from their text (see [`super::text`]), long names
//! wrapping over several lines; and a connector that skips columns passes each column it
//! crosses through a waypoint of its own, a gap between that column's boxes, as in
//! Sugiyama's layered drawing. Between two columns connectors run through the free space
//! of the gap; one going back to the left (a cycle) leaves its box from the left side and
//! enters the other's from the right. Within a column, boxes and waypoints are ordered by
//! the mean row of their neighbours already placed (one left-to-right barycentre sweep),
//! which keeps the usual crossings of connectors away at linear cost.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::chart::marker;
use super::escape::esc;
use super::text::wrap;
use crate::assess::Verdict;
use crate::graph::Network;
use crate::model::Catalogue;

/// A box in the drawing, or a gap a connector passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    /// An organisation, by index.
    Organization(usize),
    /// A relationship, by index.
    Relationship(usize),
    /// Where connector `.0` (by index into [`connections`]) crosses column `.1`.
    Waypoint(usize, usize),
}

/// Font size of a box's first lines (its name) and of the lines under them.
const NAME_SIZE: f64 = 12.0;
const NOTE_SIZE: f64 = 11.0;
/// Widest a line of text in a box may be before it wraps.
const TEXT_WIDTH: f64 = 176.0;
/// Narrowest a column of boxes is.
const MIN_WIDTH: f64 = 96.0;
/// Where the first line's baseline stands below a box's top, the distance between
/// baselines, and the room under the last.
const FIRST_BASELINE: f64 = 17.0;
const LINE_HEIGHT: f64 = 14.0;
const BELOW_TEXT: f64 = 9.0;
/// Space between a box's side and its text (left of an organisation's text, right of
/// every box's), and left of a relationship's text, after its marker.
const PADDING: f64 = 8.0;
const MARKER_ROOM: f64 = 26.0;
/// Height of a waypoint, and of a column that holds nothing but waypoints.
const WAYPOINT: f64 = 8.0;
const WAYPOINT_COLUMN: f64 = 24.0;
/// Space between two columns, and between two things in a column.
const COLUMN_GAP: f64 = 64.0;
const ROW_GAP: f64 = 12.0;
const MARGIN: f64 = 8.0;
/// How far a connector between two boxes of one column bulges out to the right; within
/// the gap, clear of the next column.
const LOOP_REACH: f64 = 40.0;

/// A connector to draw: from, to, and its class.
#[derive(Debug, Clone, Copy)]
struct Connector {
    from: Node,
    to: Node,
    class: &'static str,
}

/// Where every drawn node stands: columns of nodes, top to bottom, and the waypoints of
/// each connector from its start to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    columns: Vec<Vec<Node>>,
    routes: Vec<Vec<Node>>,
}

/// Layers of the drawn organisations: 0 for one that consumes from no drawn provider,
/// otherwise one more than its furthest provider, with cycles broken in catalogue order.
fn layers(catalogue: &Catalogue, network: &Network) -> Vec<usize> {
    let orgs = catalogue.organizations.len();
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); orgs];
    let mut waiting = vec![0usize; orgs];
    let mut in_relationship = vec![false; orgs];
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let (p, c) = (relationship.provider.index(), relationship.consumer.index());
        in_relationship[p] = true;
        in_relationship[c] = true;
        if p != c {
            outgoing[p].push(c);
            waiting[c] += 1;
        }
    }
    let mut drawn = vec![false; orgs];
    for &o in &network.organizations {
        drawn[o] = true;
    }
    let mut layer = vec![0usize; orgs];
    let mut done = vec![false; orgs];
    let mut queue: VecDeque<usize> = network
        .organizations
        .iter()
        .copied()
        .filter(|&o| waiting[o] == 0)
        .collect();
    let mut queued: Vec<bool> = (0..orgs).map(|o| drawn[o] && waiting[o] == 0).collect();
    let mut cursor = 0;
    while let Some(o) = queue.pop_front().or_else(|| {
        // A cycle: start again from the first organisation still waiting.
        while cursor < network.organizations.len() {
            let next = network.organizations[cursor];
            cursor += 1;
            if !queued[next] {
                return Some(next);
            }
        }
        None
    }) {
        queued[o] = true;
        done[o] = true;
        for &c in &outgoing[o] {
            if done[c] {
                continue; // an edge back into a broken cycle
            }
            layer[c] = layer[c].max(layer[o] + 1);
            waiting[c] = waiting[c].saturating_sub(1);
            if waiting[c] == 0 && !queued[c] {
                queued[c] = true;
                queue.push_back(c);
            }
        }
    }
    // Organisations in no relationship stand beside the one they are part of.
    for &(part, whole) in &network.parents {
        if !in_relationship[part] && in_relationship[whole] {
            layer[part] = layer[whole];
        } else if in_relationship[part] && !in_relationship[whole] {
            layer[whole] = layer[part];
        }
    }
    layer
}

/// The column of a relationship: just left of its consumer, or just right of its
/// provider when the consumer stands left of it (a cycle) or in the same column.
fn relationship_column(provider_layer: usize, consumer_layer: usize) -> usize {
    if consumer_layer > provider_layer {
        2 * consumer_layer - 1
    } else {
        2 * provider_layer + 1
    }
}

/// The columns a connector from column `from` to column `to` crosses, in the order it
/// crosses them.
fn crossed(from: usize, to: usize) -> Vec<usize> {
    if from < to {
        (from + 1..to).collect()
    } else {
        (to + 1..from).rev().collect()
    }
}

fn layout(catalogue: &Catalogue, network: &Network, connectors: &[Connector]) -> Layout {
    let layer = layers(catalogue, network);
    let mut column_of: BTreeMap<Node, usize> = BTreeMap::new();
    for &o in &network.organizations {
        column_of.insert(Node::Organization(o), 2 * layer[o]);
    }
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let column = relationship_column(
            layer[relationship.provider.index()],
            layer[relationship.consumer.index()],
        );
        column_of.insert(Node::Relationship(r), column);
    }
    let count = column_of.values().map(|&c| c + 1).max().unwrap_or(0);
    let mut columns: Vec<Vec<Node>> = vec![Vec::new(); count];
    for (&node, &column) in &column_of {
        columns[column].push(node);
    }

    // Each connector crosses the columns between its ends through waypoints; the
    // neighbours of each node, for the barycentre sweep, follow the chain.
    let mut neighbours: BTreeMap<Node, Vec<Node>> = BTreeMap::new();
    let mut join = |a: Node, b: Node| {
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    };
    let mut routes: Vec<Vec<Node>> = vec![Vec::new(); connectors.len()];
    for (n, connector) in connectors.iter().enumerate() {
        let (Some(&from), Some(&to)) =
            (column_of.get(&connector.from), column_of.get(&connector.to))
        else {
            continue;
        };
        let mut previous = connector.from;
        for column in crossed(from, to) {
            let waypoint = Node::Waypoint(n, column);
            columns[column].push(waypoint);
            routes[n].push(waypoint);
            join(previous, waypoint);
            previous = waypoint;
        }
        join(previous, connector.to);
    }

    let mut placed: BTreeMap<Node, (usize, usize)> = BTreeMap::new();
    for (c, column) in columns.iter_mut().enumerate() {
        // Nodes linked to nothing drawn (stakeholder organisations, say) go last.
        let key = |node: Node| {
            let Some(linked) = neighbours.get(&node) else {
                return f64::MAX;
            };
            let rows: Vec<f64> = linked
                .iter()
                .filter_map(|n| placed.get(n))
                .filter(|&&(column, _)| column < c)
                .map(|&(_, row)| length(row))
                .collect();
            if rows.is_empty() {
                f64::MAX / 2.0
            } else {
                rows.iter().sum::<f64>() / length(rows.len())
            }
        };
        let mut keyed: Vec<(f64, Node)> = column.iter().map(|&n| (key(n), n)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *column = keyed.into_iter().map(|(_, n)| n).collect();
        for (row, &node) in column.iter().enumerate() {
            placed.insert(node, (c, row));
        }
    }
    Layout { columns, routes }
}

/// Where a node stands: its left, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Place {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Place {
    fn right(self) -> f64 {
        self.x + self.width
    }

    fn middle(self) -> f64 {
        self.y + self.height / 2.0
    }
}

/// The text of a box: its name's lines, then its note's.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    name: Vec<String>,
    note: Vec<String>,
}

impl Label {
    fn new(name: &str, note: &str) -> Label {
        Label {
            name: wrap(name, NAME_SIZE, TEXT_WIDTH),
            note: wrap(note, NOTE_SIZE, TEXT_WIDTH),
        }
    }

    /// The width of the widest line.
    fn width(&self) -> f64 {
        let name = self.name.iter().map(|l| super::text::width(l, NAME_SIZE));
        let note = self.note.iter().map(|l| super::text::width(l, NOTE_SIZE));
        name.chain(note).fold(0.0, f64::max)
    }

    /// The height of a box holding the label.
    fn height(&self) -> f64 {
        FIRST_BASELINE + length(self.name.len() + self.note.len() - 1) * LINE_HEIGHT + BELOW_TEXT
    }
}

/// A box's label and how far its text stands from its left side.
fn label(catalogue: &Catalogue, network: &Network, node: Node, marked: bool) -> (Label, f64) {
    match node {
        Node::Organization(o) => {
            let both = network
                .provider_and_consumer
                .get(o)
                .copied()
                .unwrap_or(false);
            let under = if both {
                "provider and consumer"
            } else {
                &catalogue.organizations[o].common.id.value
            };
            (Label::new(name(catalogue, o), under), PADDING)
        }
        Node::Relationship(r) => {
            let relationship = &catalogue.relationships[r];
            let offering = &catalogue.offerings[relationship.offering.index()];
            let label = Label::new(
                &relationship.common.id.value,
                offering.common.name.as_deref().unwrap_or_default(),
            );
            (label, if marked { MARKER_ROOM } else { PADDING + 4.0 })
        }
        Node::Waypoint(..) => (
            Label {
                name: Vec::new(),
                note: Vec::new(),
            },
            0.0,
        ),
    }
}

/// The path of a connector through `points`: a curve across each gap between columns,
/// a straight line through each waypoint. `points` are the start, the entry and exit of
/// each waypoint, and the end.
fn route_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x, y)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{x:.1} {y:.1}");
    for (n, pair) in points.windows(2).enumerate() {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if n % 2 == 0 {
            // Across a gap: leave and enter horizontally, half the gap's width each way.
            let reach = (x1 - x0) / 2.0;
            let _ = write!(
                d,
                "C{:.1} {y0:.1} {:.1} {y1:.1} {x1:.1} {y1:.1}",
                x0 + reach,
                x1 - reach
            );
        } else {
            let _ = write!(d, "L{x1:.1} {y1:.1}");
        }
    }
    d
}

/// An arrowhead at `end`, pointing along `(dx, dy)`.
fn arrowhead(end: (f64, f64), dx: f64, dy: f64) -> String {
    let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let (bx, by) = (end.0 - 8.0 * ux, end.1 - 8.0 * uy);
    format!(
        r#"<path class="arrow" d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
        end.0,
        end.1,
        bx - 4.0 * uy,
        by + 4.0 * ux,
        bx + 4.0 * uy,
        by - 4.0 * ux
    )
}

/// A connector from box `a` to box `b` through `waypoints`, with an arrowhead at `b`
/// unless `arrow` is false. Returns the SVG elements. A connector to the right leaves
/// `a` from its right side and enters `b` from its left; one to the left (a cycle) the
/// other way round; one between two boxes of a column loops out to the right and back.
fn connector(a: Place, b: Place, waypoints: &[Place], class: &str, arrow: bool) -> String {
    let (d, end, direction) = if (b.x - a.x).abs() < 0.5 {
        let (start, end) = ((a.right(), a.middle()), (b.right(), b.middle()));
        let d = format!(
            "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
            start.0,
            start.1,
            start.0 + LOOP_REACH,
            start.1,
            end.0 + LOOP_REACH,
            end.1,
            end.0,
            end.1
        );
        (d, end, (-LOOP_REACH, 0.0))
    } else {
        let forward = b.x > a.x;
        let leave = |p: Place| if forward { p.right() } else { p.x };
        let enter = |p: Place| if forward { p.x } else { p.right() };
        let mut points = vec![(leave(a), a.middle())];
        for w in waypoints {
            points.push((enter(*w), w.middle()));
            points.push((leave(*w), w.middle()));
        }
        let end = (enter(b), b.middle());
        points.push(end);
        let sign = if forward { 1.0 } else { -1.0 };
        (route_path(&points), end, (sign, 0.0))
    };
    let mut svg = format!(r#"<path class="{class}" d="{d}"/>"#);
    if arrow {
        svg.push_str(&arrowhead(end, direction.0, direction.1));
    }
    svg
}

fn name(catalogue: &Catalogue, organization: usize) -> &str {
    crate::roles::organization_name(catalogue, organization)
}

/// The boxes placed, their labels, the connectors' routes, and the size of the drawing.
struct Drawing {
    places: BTreeMap<Node, Place>,
    labels: BTreeMap<Node, (Label, f64)>,
    routes: Vec<Vec<Node>>,
    width: f64,
    height: f64,
}

impl Drawing {
    fn new(
        catalogue: &Catalogue,
        network: &Network,
        connectors: &[Connector],
        verdicts: &[Option<Verdict>],
    ) -> Drawing {
        let layout = layout(catalogue, network, connectors);
        let mut labels: BTreeMap<Node, (Label, f64)> = BTreeMap::new();
        for &node in layout.columns.iter().flatten() {
            if !matches!(node, Node::Waypoint(..)) {
                let marked = match node {
                    Node::Relationship(r) => verdicts.get(r).copied().flatten().is_some(),
                    _ => false,
                };
                labels.insert(node, label(catalogue, network, node, marked));
            }
        }
        let height_of = |node: &Node| labels.get(node).map_or(WAYPOINT, |(l, _)| l.height());

        // Each column as wide as its widest box, each centred on the tallest column.
        let widths: Vec<f64> = layout
            .columns
            .iter()
            .map(|column| {
                column
                    .iter()
                    .filter_map(|node| labels.get(node))
                    .map(|(label, inset)| (inset + label.width() + PADDING).max(MIN_WIDTH))
                    .reduce(f64::max)
                    .unwrap_or(WAYPOINT_COLUMN)
            })
            .collect();
        let heights: Vec<f64> = layout
            .columns
            .iter()
            .map(|column| {
                column.iter().map(height_of).sum::<f64>()
                    + length(column.len().saturating_sub(1)) * ROW_GAP
            })
            .collect();
        let tallest = heights.iter().copied().fold(0.0, f64::max);
        let mut places = BTreeMap::new();
        let mut x = MARGIN;
        for ((column, &width), &height) in layout.columns.iter().zip(&widths).zip(&heights) {
            let mut y = MARGIN + (tallest - height) / 2.0;
            for node in column {
                let height = height_of(node);
                places.insert(
                    *node,
                    Place {
                        x,
                        y,
                        width,
                        height,
                    },
                );
                y += height + ROW_GAP;
            }
            x += width + COLUMN_GAP;
        }
        Drawing {
            places,
            labels,
            routes: layout.routes,
            // Room on the right for a connector that loops out of the last column and back.
            width: x - COLUMN_GAP + MARGIN + LOOP_REACH,
            height: tallest + 2.0 * MARGIN,
        }
    }

    fn at(&self, node: Node) -> Option<Place> {
        self.places.get(&node).copied()
    }
}

/// A count of boxes or rows as a drawing length; far below 2^52.
#[allow(clippy::cast_precision_loss)]
fn length(n: usize) -> f64 {
    n as f64
}

/// Every connector to draw: provider to relationship (no arrow), relationship to
/// consumer, `depends_on` links, and `parent` links.
fn connections(catalogue: &Catalogue, network: &Network) -> Vec<Connector> {
    let relationships = network.relationships.iter().flat_map(|&r| {
        let relationship = &catalogue.relationships[r];
        [
            Connector {
                from: Node::Organization(relationship.provider.index()),
                to: Node::Relationship(r),
                class: "edge",
            },
            Connector {
                from: Node::Relationship(r),
                to: Node::Organization(relationship.consumer.index()),
                class: "edge",
            },
        ]
    });
    let links = network.links.iter().map(|link| Connector {
        from: Node::Relationship(link.upstream),
        to: Node::Relationship(link.downstream),
        class: "edge depends-on",
    });
    let parents = network.parents.iter().map(|&(part, whole)| Connector {
        from: Node::Organization(part),
        to: Node::Organization(whole),
        class: "edge part-of",
    });
    relationships.chain(links).chain(parents).collect()
}

/// The drawing's text alternative: every relationship, dependency and `parent` link.
fn describe(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
    verdicts: &[Option<Verdict>],
) -> io::Result<()> {
    write!(
        out,
        r#"<desc id="network-desc">Organisations and the relationships between them, providers on the left. "#
    )?;
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let offering = &catalogue.offerings[relationship.offering.index()];
        let verdict = verdicts.get(r).copied().flatten();
        write!(
            out,
            "{} provides {} to {} ({}{}). ",
            esc(name(catalogue, relationship.provider.index())),
            esc(offering.common.name.as_deref().unwrap_or_default()),
            esc(name(catalogue, relationship.consumer.index())),
            esc(&relationship.common.id.value),
            verdict.map_or(String::new(), |v| format!(": {}", v.as_str()))
        )?;
    }
    for link in &network.links {
        write!(
            out,
            "{} depends on {}. ",
            esc(&catalogue.relationships[link.downstream].common.id.value),
            esc(&catalogue.relationships[link.upstream].common.id.value)
        )?;
    }
    for &(part, whole) in &network.parents {
        write!(
            out,
            "{} is part of {}. ",
            esc(name(catalogue, part)),
            esc(name(catalogue, whole))
        )?;
    }
    writeln!(out, "</desc>")
}

/// The lines of a box's label, the name's then the note's, from `x` across.
fn text_lines(out: &mut dyn Write, label: &Label, x: f64, b: Place) -> io::Result<()> {
    let lines = label
        .name
        .iter()
        .map(|line| ("node-name", line))
        .chain(label.note.iter().map(|line| ("node-note", line)));
    for (n, (class, line)) in lines.enumerate() {
        write!(
            out,
            r#"<text class="{class}" x="{x:.1}" y="{:.1}">{}</text>"#,
            b.y + FIRST_BASELINE + length(n) * LINE_HEIGHT,
            esc(line)
        )?;
    }
    Ok(())
}

/// An organisation's box: its name, and its id or that it both provides and consumes.
fn organization_box(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
    o: usize,
    b: Place,
    (label, inset): &(Label, f64),
) -> io::Result<()> {
    let organization = &catalogue.organizations[o];
    let both = network
        .provider_and_consumer
        .get(o)
        .copied()
        .unwrap_or(false);
    write!(
        out,
        r#"<g class="node org"><title>{} ({}){}</title>"#,
        esc(name(catalogue, o)),
        esc(&organization.common.id.value),
        if both { ": provider and consumer" } else { "" }
    )?;
    write!(
        out,
        r#"<rect class="box" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3"/>"#,
        b.x, b.y, b.width, b.height
    )?;
    if both {
        // A double border, as in the Graphviz drawing.
        write!(
            out,
            r#"<rect class="inner" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2"/>"#,
            b.x + 3.0,
            b.y + 3.0,
            b.width - 6.0,
            b.height - 6.0
        )?;
    }
    text_lines(out, label, b.x + inset, b)?;
    writeln!(out, "</g>")
}

/// A relationship's box: its verdict's marker, its id and its offering's name.
fn relationship_box(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    r: usize,
    verdict: Option<Verdict>,
    b: Place,
    (label, inset): &(Label, f64),
) -> io::Result<()> {
    let relationship = &catalogue.relationships[r];
    let offering = &catalogue.offerings[relationship.offering.index()];
    write!(
        out,
        r#"<g class="node rel"><title>{}: {}{}</title>"#,
        esc(&relationship.common.id.value),
        esc(offering.common.name.as_deref().unwrap_or_default()),
        verdict.map_or(String::new(), |v| format!(" ({})", v.as_str()))
    )?;
    write!(
        out,
        r#"<rect class="box" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="12"/>"#,
        b.x, b.y, b.width, b.height
    )?;
    if let Some(verdict) = verdict {
        marker(out, verdict, b.x + 14.0, b.middle())?;
    }
    text_lines(out, label, b.x + inset, b)?;
    writeln!(out, "</g>")
}

/// Writes the value network of `network` as an SVG figure; `verdicts` holds the verdict
/// of each relationship of the catalogue, by index (`None` when it was not assessed).
pub fn render(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
    verdicts: &[Option<Verdict>],
) -> io::Result<()> {
    let connectors = connections(catalogue, network);
    let drawing = Drawing::new(catalogue, network, &connectors, verdicts);
    writeln!(
        out,
        r#"<svg class="chart network" role="img" aria-labelledby="network-title network-desc" viewBox="0 0 {0:.0} {1:.0}" width="100%" style="--drawn-width: {0:.0}px">"#,
        drawing.width.ceil(),
        drawing.height.ceil()
    )?;
    writeln!(
        out,
        r#"<title id="network-title">Value network of {}</title>"#,
        esc(&catalogue.metadata.name)
    )?;
    describe(out, catalogue, network, verdicts)?;
    // Lines first, under the boxes.
    for (c, route) in connectors.iter().zip(&drawing.routes) {
        if let (Some(a), Some(b)) = (drawing.at(c.from), drawing.at(c.to)) {
            let waypoints: Vec<Place> = route.iter().filter_map(|&w| drawing.at(w)).collect();
            // Provider to relationship has no arrow: the arrow points to the consumer.
            let arrow = !matches!(c.from, Node::Organization(_)) || c.class != "edge";
            writeln!(out, "{}", connector(a, b, &waypoints, c.class, arrow))?;
        }
    }
    for &o in &network.organizations {
        let node = Node::Organization(o);
        if let (Some(b), Some(label)) = (drawing.at(node), drawing.labels.get(&node)) {
            organization_box(out, catalogue, network, o, b, label)?;
        }
    }
    for &r in &network.relationships {
        let node = Node::Relationship(r);
        if let (Some(b), Some(label)) = (drawing.at(node), drawing.labels.get(&node)) {
            let verdict = verdicts.get(r).copied().flatten();
            relationship_box(out, catalogue, r, verdict, b, label)?;
        }
    }
    writeln!(out, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(x: f64, y: f64) -> Place {
        Place {
            x,
            y,
            width: 184.0,
            height: 40.0,
        }
    }

    #[test]
    fn a_relationship_stands_just_left_of_its_consumer() {
        assert_eq!(relationship_column(0, 1), 1);
        assert_eq!(relationship_column(0, 3), 5);
    }

    #[test]
    fn a_relationship_back_into_a_cycle_stands_right_of_its_provider() {
        assert_eq!(relationship_column(2, 0), 5);
        assert_eq!(relationship_column(1, 1), 3);
    }

    #[test]
    fn a_connector_crosses_the_columns_between_its_ends_in_order() {
        assert_eq!(crossed(0, 1), Vec::<usize>::new());
        assert_eq!(crossed(0, 3), [1, 2]);
        assert_eq!(crossed(4, 1), [3, 2]);
        assert_eq!(crossed(2, 2), Vec::<usize>::new());
    }

    #[test]
    fn connectors_in_one_column_loop_out_and_back() {
        let svg = connector(place(0.0, 0.0), place(0.0, 52.0), &[], "edge", true);
        assert!(
            svg.starts_with(r#"<path class="edge" d="M184.0 20.0C"#),
            "{svg}"
        );
        assert!(svg.contains(r#"class="arrow""#));
    }

    #[test]
    fn a_connector_runs_straight_through_its_waypoints() {
        let waypoint = Place {
            x: 248.0,
            y: 100.0,
            width: 184.0,
            height: WAYPOINT,
        };
        let svg = connector(
            place(0.0, 0.0),
            place(496.0, 200.0),
            &[waypoint],
            "edge",
            false,
        );
        assert_eq!(
            svg,
            r#"<path class="edge" d="M184.0 20.0C216.0 20.0 216.0 104.0 248.0 104.0L432.0 104.0C464.0 104.0 464.0 220.0 496.0 220.0"/>"#
        );
    }

    #[test]
    fn a_connector_back_to_the_left_leaves_from_the_left_and_enters_from_the_right() {
        let svg = connector(place(248.0, 0.0), place(0.0, 0.0), &[], "edge", true);
        assert!(
            svg.starts_with(
                r#"<path class="edge" d="M248.0 20.0C216.0 20.0 216.0 20.0 184.0 20.0"/>"#
            ),
            "{svg}"
        );
        // The arrowhead points left, its tip on the box's right side.
        assert!(
            svg.contains(r#"<path class="arrow" d="M184.0 20.0L192.0 "#),
            "{svg}"
        );
    }

    #[test]
    fn long_names_wrap_and_make_the_box_taller() {
        let short = Label::new("Ofcom", "ofcom");
        assert!((short.height() - 40.0).abs() < 1e-9);
        let long = Label::new(
            "Amalgamated Infrastructure, Hosting and Managed Network Services International plc",
            "amalgamated",
        );
        assert!(long.name.len() > 1, "{long:?}");
        assert!(long.width() <= TEXT_WIDTH);
        let taller = length(long.name.len() - 1) * LINE_HEIGHT;
        assert!((long.height() - 40.0 - taller).abs() < 1e-9);
    }
}
