//! The value network as inline SVG, laid out here rather than by Graphviz, so that the
//! report needs nothing at run time and opens anywhere.
//!
//! The drawing is layered from left to right, like `svs graph --format dot`:
//! organisations that consume from no one stand in the first column, and each consumer
//! one layer right of its furthest provider; a relationship is a small box between its
//! provider and its consumer, marked with its verdict. Layers come from a topological
//! order (Kahn's algorithm) of provider → consumer; a cycle of relationships is broken at
//! the first organisation of the catalogue still waiting, and the edges back into it are
//! drawn as curves to the left. Within a column, nodes are ordered by the mean row of
//! their neighbours already placed (one left-to-right barycentre sweep), which keeps the
//! usual crossings away at linear cost. An organisation in no drawn relationship takes the
//! column of the organisation it is part of (or that is part of it).

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::chart::{clip, marker};
use super::escape::esc;
use crate::assess::Verdict;
use crate::graph::Network;
use crate::model::Catalogue;

/// A box in the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    /// An organisation, by index.
    Organization(usize),
    /// A relationship, by index.
    Relationship(usize),
}

const NODE_WIDTH: f64 = 184.0;
const NODE_HEIGHT: f64 = 40.0;
const COLUMN_GAP: f64 = 64.0;
const ROW_HEIGHT: f64 = 52.0;
const MARGIN: f64 = 8.0;
/// How far a connector between two boxes of one column bulges out to the right, and a
/// connector back to the left below its boxes.
const LOOP_REACH: f64 = 40.0;
/// Characters of a name that fit a box at 12 px; longer names end in an ellipsis (the
/// box's tooltip and the chart's description have them whole).
const LABEL_CHARS: usize = 26;

/// Where every drawn node stands: columns of nodes, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    columns: Vec<Vec<Node>>,
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

fn layout(catalogue: &Catalogue, network: &Network) -> Layout {
    let layer = layers(catalogue, network);
    let mut column_of: Vec<(Node, usize)> = Vec::new();
    for &o in &network.organizations {
        column_of.push((Node::Organization(o), 2 * layer[o]));
    }
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let column = relationship_column(
            layer[relationship.provider.index()],
            layer[relationship.consumer.index()],
        );
        column_of.push((Node::Relationship(r), column));
    }
    let count = column_of.iter().map(|&(_, c)| c + 1).max().unwrap_or(0);
    let mut columns: Vec<Vec<Node>> = vec![Vec::new(); count];
    for &(node, column) in &column_of {
        columns[column].push(node);
    }

    // Neighbours of each node, for the barycentre sweep.
    let orgs = catalogue.organizations.len();
    let slot = |node: Node| match node {
        Node::Organization(o) => o,
        Node::Relationship(r) => orgs + r,
    };
    let mut neighbours: Vec<Vec<Node>> = vec![Vec::new(); orgs + catalogue.relationships.len()];
    let mut join = |a: Node, b: Node| {
        neighbours[slot(a)].push(b);
        neighbours[slot(b)].push(a);
    };
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        join(
            Node::Organization(relationship.provider.index()),
            Node::Relationship(r),
        );
        join(
            Node::Relationship(r),
            Node::Organization(relationship.consumer.index()),
        );
    }
    for link in &network.links {
        join(
            Node::Relationship(link.upstream),
            Node::Relationship(link.downstream),
        );
    }
    for &(part, whole) in &network.parents {
        join(Node::Organization(part), Node::Organization(whole));
    }

    let mut placed: Vec<Option<(usize, usize)>> = vec![None; neighbours.len()];
    for (c, column) in columns.iter_mut().enumerate() {
        // Nodes linked to nothing drawn (stakeholder organisations, say) go last.
        let key = |node: Node| {
            if neighbours[slot(node)].is_empty() {
                return f64::MAX;
            }
            let rows: Vec<f64> = neighbours[slot(node)]
                .iter()
                .filter_map(|&n| placed[slot(n)])
                .filter(|&(column, _)| column < c)
                .map(|(_, row)| length(row))
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
            placed[slot(node)] = Some((c, row));
        }
    }
    Layout { columns }
}

/// Where a node's box stands: its left, top, and the centre of its height.
#[derive(Debug, Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
}

impl Place {
    fn middle(self) -> f64 {
        self.y + NODE_HEIGHT / 2.0
    }
}

/// A connector from box `a` to box `b`, with an arrowhead at `b` unless `arrow` is false.
/// Returns the SVG elements. Forward connectors leave and enter sideways; one between two
/// boxes of a column loops out to the right and back; one going back to the left (a
/// cycle) leaves and enters from below and passes under its boxes, so that it does not
/// run over the forward connectors of the same boxes.
fn connector(a: Place, b: Place, class: &str, arrow: bool) -> String {
    let (start, c1, c2, end) = if b.x > a.x {
        let (start, end) = ((a.x + NODE_WIDTH, a.middle()), (b.x, b.middle()));
        let reach = ((end.0 - start.0) / 2.0).max(COLUMN_GAP / 2.0);
        (
            start,
            (start.0 + reach, start.1),
            (end.0 - reach, end.1),
            end,
        )
    } else if b.x < a.x {
        let (start, end) = (
            (a.x + NODE_WIDTH / 2.0, a.y + NODE_HEIGHT),
            (b.x + NODE_WIDTH / 2.0, b.y + NODE_HEIGHT),
        );
        let below = start.1.max(end.1) + LOOP_REACH;
        (start, (start.0, below), (end.0, below), end)
    } else {
        let (start, end) = (
            (a.x + NODE_WIDTH, a.middle()),
            (b.x + NODE_WIDTH, b.middle()),
        );
        (
            start,
            (start.0 + LOOP_REACH, start.1),
            (end.0 + LOOP_REACH, end.1),
            end,
        )
    };
    let mut svg = format!(
        r#"<path class="{class}" d="M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}"/>"#,
        start.0, start.1, c1.0, c1.1, c2.0, c2.1, end.0, end.1
    );
    if arrow {
        // The curve ends along the direction from its last control point.
        let (dx, dy) = (end.0 - c2.0, end.1 - c2.1);
        let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
        let (ux, uy) = (dx / length, dy / length);
        let (bx, by) = (end.0 - 8.0 * ux, end.1 - 8.0 * uy);
        let _ = write!(
            svg,
            r#"<path class="arrow" d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
            end.0,
            end.1,
            bx - 4.0 * uy,
            by + 4.0 * ux,
            bx + 4.0 * uy,
            by - 4.0 * ux
        );
    }
    svg
}

fn name(catalogue: &Catalogue, organization: usize) -> &str {
    crate::roles::organization_name(catalogue, organization)
}

/// The boxes placed, and the size of the drawing.
struct Drawing {
    /// Per organisation, then per relationship of the catalogue: its box, if drawn.
    boxes: Vec<Option<Place>>,
    organizations: usize,
    width: f64,
    height: f64,
}

impl Drawing {
    fn new(catalogue: &Catalogue, network: &Network) -> Drawing {
        let layout = layout(catalogue, network);
        let rows = layout.columns.iter().map(Vec::len).max().unwrap_or(0);
        let mut drawing = Drawing {
            boxes: vec![None; catalogue.organizations.len() + catalogue.relationships.len()],
            organizations: catalogue.organizations.len(),
            // Room on the right for a connector that loops out of the last column and back.
            width: length(layout.columns.len()) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
                + 2.0 * MARGIN
                + LOOP_REACH,
            height: length(rows) * ROW_HEIGHT - (ROW_HEIGHT - NODE_HEIGHT) + 2.0 * MARGIN,
        };
        for (c, column) in layout.columns.iter().enumerate() {
            // Each column is centred on the tallest.
            let offset = length(rows - column.len()) * ROW_HEIGHT / 2.0;
            for (row, &node) in column.iter().enumerate() {
                let slot = drawing.slot(node);
                drawing.boxes[slot] = Some(Place {
                    x: MARGIN + length(c) * (NODE_WIDTH + COLUMN_GAP),
                    y: MARGIN + offset + length(row) * ROW_HEIGHT,
                });
            }
        }
        // Connectors back to the left pass under their boxes: leave room for them.
        let back = connections(catalogue, network).any(|(from, to, _)| {
            matches!((drawing.at(from), drawing.at(to)), (Some(from), Some(to)) if to.x < from.x)
        });
        if back {
            drawing.height += LOOP_REACH;
        }
        drawing
    }

    fn slot(&self, node: Node) -> usize {
        match node {
            Node::Organization(o) => o,
            Node::Relationship(r) => self.organizations + r,
        }
    }

    fn at(&self, node: Node) -> Option<Place> {
        self.boxes.get(self.slot(node)).copied().flatten()
    }
}

/// A count of boxes or rows as a drawing length; far below 2^52.
#[allow(clippy::cast_precision_loss)]
fn length(n: usize) -> f64 {
    n as f64
}

/// Every connector to draw, as (from, to, class): provider to relationship (no arrow),
/// relationship to consumer, `depends_on` links, and `parent` links.
fn connections<'a>(
    catalogue: &'a Catalogue,
    network: &'a Network,
) -> impl Iterator<Item = (Node, Node, &'static str)> + 'a {
    let relationships = network.relationships.iter().flat_map(|&r| {
        let relationship = &catalogue.relationships[r];
        [
            (
                Node::Organization(relationship.provider.index()),
                Node::Relationship(r),
                "edge",
            ),
            (
                Node::Relationship(r),
                Node::Organization(relationship.consumer.index()),
                "edge",
            ),
        ]
    });
    let links = network.links.iter().map(|link| {
        (
            Node::Relationship(link.upstream),
            Node::Relationship(link.downstream),
            "edge depends-on",
        )
    });
    let parents = network.parents.iter().map(|&(part, whole)| {
        (
            Node::Organization(part),
            Node::Organization(whole),
            "edge part-of",
        )
    });
    relationships.chain(links).chain(parents)
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

/// An organisation's box: its name, and its id or that it both provides and consumes.
fn organization_box(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
    o: usize,
    b: Place,
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
        r#"<rect x="{:.1}" y="{:.1}" width="{NODE_WIDTH:.0}" height="{NODE_HEIGHT:.0}" rx="3"/>"#,
        b.x, b.y
    )?;
    if both {
        // A double border, as in the Graphviz drawing.
        write!(
            out,
            r#"<rect class="inner" x="{:.1}" y="{:.1}" width="{:.0}" height="{:.0}" rx="2"/>"#,
            b.x + 3.0,
            b.y + 3.0,
            NODE_WIDTH - 6.0,
            NODE_HEIGHT - 6.0
        )?;
    }
    let note = if both {
        "provider and consumer"
    } else {
        &organization.common.id.value
    };
    writeln!(
        out,
        r#"<text class="node-name" x="{:.1}" y="{:.1}">{}</text><text class="node-note" x="{:.1}" y="{:.1}">{}</text></g>"#,
        b.x + 8.0,
        b.y + 17.0,
        esc(&clip(name(catalogue, o), LABEL_CHARS)),
        b.x + 8.0,
        b.y + 31.0,
        esc(&clip(note, LABEL_CHARS + 4))
    )
}

/// A relationship's box: its verdict's marker, its id and its offering's name.
fn relationship_box(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    r: usize,
    verdict: Option<Verdict>,
    b: Place,
) -> io::Result<()> {
    let relationship = &catalogue.relationships[r];
    let offering = &catalogue.offerings[relationship.offering.index()];
    let offering_name = offering.common.name.as_deref().unwrap_or_default();
    write!(
        out,
        r#"<g class="node rel"><title>{}: {}{}</title>"#,
        esc(&relationship.common.id.value),
        esc(offering_name),
        verdict.map_or(String::new(), |v| format!(" ({})", v.as_str()))
    )?;
    write!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{NODE_WIDTH:.0}" height="{NODE_HEIGHT:.0}" rx="12"/>"#,
        b.x, b.y
    )?;
    let text_x = match verdict {
        Some(verdict) => {
            marker(out, verdict, b.x + 14.0, b.middle())?;
            b.x + 26.0
        }
        None => b.x + 12.0,
    };
    writeln!(
        out,
        r#"<text class="node-name" x="{text_x:.1}" y="{:.1}">{}</text><text class="node-note" x="{text_x:.1}" y="{:.1}">{}</text></g>"#,
        b.y + 17.0,
        esc(&clip(&relationship.common.id.value, LABEL_CHARS - 2)),
        b.y + 31.0,
        esc(&clip(offering_name, LABEL_CHARS))
    )
}

/// Writes the value network of `network` as an SVG figure; `verdicts` holds the verdict
/// of each relationship of the catalogue, by index (`None` when it was not assessed).
pub fn render(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
    verdicts: &[Option<Verdict>],
) -> io::Result<()> {
    let drawing = Drawing::new(catalogue, network);
    writeln!(
        out,
        r#"<svg class="chart network" role="img" aria-labelledby="network-title network-desc" viewBox="0 0 {:.0} {:.0}" width="100%">"#,
        drawing.width, drawing.height
    )?;
    writeln!(
        out,
        r#"<title id="network-title">Value network of {}</title>"#,
        esc(&catalogue.metadata.name)
    )?;
    describe(out, catalogue, network, verdicts)?;
    // Lines first, under the boxes.
    for (from, to, class) in connections(catalogue, network) {
        if let (Some(a), Some(b)) = (drawing.at(from), drawing.at(to)) {
            // Provider to relationship has no arrow: the arrow points to the consumer.
            let arrow = !matches!(from, Node::Organization(_)) || class != "edge";
            writeln!(out, "{}", connector(a, b, class, arrow))?;
        }
    }
    for &o in &network.organizations {
        if let Some(b) = drawing.at(Node::Organization(o)) {
            organization_box(out, catalogue, network, o, b)?;
        }
    }
    for &r in &network.relationships {
        if let Some(b) = drawing.at(Node::Relationship(r)) {
            let verdict = verdicts.get(r).copied().flatten();
            relationship_box(out, catalogue, r, verdict, b)?;
        }
    }
    writeln!(out, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn connectors_in_one_column_loop_out_and_back() {
        let a = Place { x: 0.0, y: 0.0 };
        let b = Place { x: 0.0, y: 52.0 };
        let svg = connector(a, b, "edge", true);
        assert!(
            svg.starts_with(r#"<path class="edge" d="M184.0 20.0C"#),
            "{svg}"
        );
        assert!(svg.contains(r#"class="arrow""#));
    }
}
