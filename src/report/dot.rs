//! The value network in Graphviz DOT: `svs graph catalog/ --format dot | dot -Tsvg`.
//!
//! Organisations are boxes (doubled when they both provide and consume), relationships
//! small rounded boxes named after the offering, and `depends_on` links dashed arrows.

use std::io::{self, Write};

use crate::graph::Network;
use crate::model::Catalogue;

/// A DOT string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the digraph.
pub fn render_graph(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
) -> io::Result<()> {
    writeln!(out, "digraph value_network {{")?;
    writeln!(
        out,
        "    label={};",
        quoted(&format!("Value network of {}", catalogue.metadata.name))
    )?;
    writeln!(out, "    rankdir=LR;")?;
    writeln!(out, "    node [fontname=\"Helvetica\"];")?;
    writeln!(out, "    edge [fontname=\"Helvetica\", fontsize=10];")?;
    for &o in &network.organizations {
        let org = &catalogue.organizations[o];
        let name = org.common.name.as_deref().unwrap_or_default();
        if network.provider_and_consumer[o] {
            writeln!(
                out,
                "    o{o} [shape=box, peripheries=2, label={}, tooltip={}];",
                quoted(&format!("{name}\nprovider and consumer")),
                quoted(&org.common.id.value)
            )?;
        } else {
            writeln!(
                out,
                "    o{o} [shape=box, label={}, tooltip={}];",
                quoted(name),
                quoted(&org.common.id.value)
            )?;
        }
    }
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let offering = &catalogue.offerings[relationship.offering.index()];
        writeln!(
            out,
            "    r{r} [shape=box, style=rounded, fontsize=10, label={}, tooltip={}];",
            quoted(offering.common.name.as_deref().unwrap_or_default()),
            quoted(&relationship.common.id.value)
        )?;
        writeln!(
            out,
            "    o{} -> r{r} [arrowhead=none];",
            relationship.provider.index()
        )?;
        writeln!(out, "    r{r} -> o{};", relationship.consumer.index())?;
    }
    for link in &network.links {
        writeln!(
            out,
            "    r{} -> r{} [style=dashed, label=\"feeds\"];",
            link.upstream, link.downstream
        )?;
    }
    for (part, whole) in &network.parents {
        writeln!(
            out,
            "    o{part} -> o{whole} [style=dotted, arrowhead=empty, label=\"part of\"];"
        )?;
    }
    writeln!(out, "}}")
}
