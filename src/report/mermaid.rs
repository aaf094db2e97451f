//! The value network as a Mermaid flowchart, which GitHub renders in Markdown.
//!
//! Node ids are generated (`o0`, `r0`) because catalogue ids may hold characters that
//! Mermaid reads as edge syntax; names go in quoted labels with quotes escaped.

use std::io::{self, Write};

use crate::graph::Network;
use crate::model::Catalogue;

/// Text safe inside a quoted Mermaid label.
fn label(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace(['\n', '\r'], " ")
}

/// Writes the flowchart.
pub fn render_graph(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    network: &Network,
) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    writeln!(
        out,
        "    %% Value network of {}",
        label(&catalogue.metadata.name)
    )?;
    for &o in &network.organizations {
        let org = &catalogue.organizations[o];
        let name = label(org.common.name.as_deref().unwrap_or_default());
        if network.provider_and_consumer[o] {
            writeln!(out, "    o{o}[\"{name}<br/>provider and consumer\"]:::both")?;
        } else {
            writeln!(out, "    o{o}[\"{name}\"]")?;
        }
    }
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        let offering = &catalogue.offerings[relationship.offering.index()];
        let name = label(offering.common.name.as_deref().unwrap_or_default());
        writeln!(out, "    r{r}([\"{name}\"])")?;
    }
    for &r in &network.relationships {
        let relationship = &catalogue.relationships[r];
        writeln!(
            out,
            "    o{} --- r{r} --> o{}",
            relationship.provider.index(),
            relationship.consumer.index()
        )?;
    }
    for link in &network.links {
        writeln!(
            out,
            "    r{} -.->|feeds| r{}",
            link.upstream, link.downstream
        )?;
    }
    for (part, whole) in &network.parents {
        writeln!(out, "    o{part} -.-|part of| o{whole}")?;
    }
    writeln!(out, "    classDef both stroke-width:3px")
}
