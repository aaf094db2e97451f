//! The products behind a relationship's offering, on its card: each product of the
//! offering's services with the resources it is configured from, by dimension
//! (docs/format.md §2 and §8.8).
//!
//! A product is not fully visible to its consumer: for an audience that does not see the
//! provider's side, only the resources marked `visible: true` are listed, and nothing
//! says how many others there are. Everyone else sees every resource, each marked with
//! whether the consumer sees it.

use std::io::{self, Write};

use super::esc;
use crate::audience::Audience;
use crate::model::{Catalogue, Dimension, Relationship};

/// A dimension of service management for people.
fn dimension_text(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::OrganizationsAndPeople => "organisations and people",
        Dimension::InformationAndTechnology => "information and technology",
        Dimension::PartnersAndSuppliers => "partners and suppliers",
        Dimension::ValueStreamsAndProcesses => "value streams and processes",
    }
}

/// The products of the offering's services, in the order the services list them, each
/// once, with the resources `audience` sees.
pub fn products(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    r: &Relationship,
    audience: &Audience,
) -> io::Result<()> {
    let offering = &catalogue.offerings[r.offering.index()];
    let mut listed: Vec<usize> = Vec::new();
    for service in &offering.services {
        for product in &catalogue.services[service.index()].products {
            if !listed.contains(&product.index()) {
                listed.push(product.index());
            }
        }
    }
    if listed.is_empty() {
        return Ok(());
    }
    let everything = audience.sees_provider_side(r);
    writeln!(out, "<h4>Products</h4>")?;
    writeln!(
        out,
        r#"<p class="note">{}</p>"#,
        if everything {
            "The provider's resources behind the offering, by dimension; those marked <em>hidden</em> are not shown to the consumer."
        } else {
            "The provider's resources behind the offering that the consumer sees, by dimension."
        }
    )?;
    writeln!(out, r#"<ul class="products">"#)?;
    for p in listed {
        let product = &catalogue.products[p];
        writeln!(
            out,
            r#"<li class="product" data-product="{}">{} (<code>{}</code>)"#,
            esc(&product.common.id.value),
            esc(product.common.name.as_deref().unwrap_or_default()),
            esc(&product.common.id.value)
        )?;
        let shown: Vec<_> = product
            .resources
            .iter()
            .filter(|resource| audience.sees_resource(r, resource))
            .collect();
        if shown.is_empty() {
            writeln!(out, r#"<span class="note">: no resource shown</span></li>"#)?;
            continue;
        }
        writeln!(out, r#"<ul class="resources">"#)?;
        for resource in shown {
            let hidden = if everything && !resource.visible {
                r#" <span class="hidden-resource">hidden</span>"#
            } else {
                ""
            };
            writeln!(
                out,
                r#"<li class="resource" data-visible="{}">{} <span class="note">({})</span>{hidden}</li>"#,
                resource.visible,
                esc(&resource.name),
                dimension_text(resource.dimension)
            )?;
        }
        writeln!(out, "</ul></li>")?;
    }
    writeln!(out, "</ul>")
}
