//! Products: the system each component and resource is part of, and the resources
//! that are part of none.
//!
//! A system becomes a product whose resources are its owner, its components and its
//! resources, in the order they were read. A resource outside any imported system still
//! belongs to someone: its owner gets one product that gathers all of them. A component
//! outside any system is a service of no product. Who owns what comes from the owners
//! stage; this stage only decides what is part of what.

use std::collections::HashMap;

use super::entities::{Entities, parse_ref};
use super::owners::{Org, Owners};
use super::warnings::Warnings;

/// What is part of which product; the tables are indexed by entity.
pub(super) struct Products {
    /// The system each component and resource is part of.
    pub(super) system_of: Vec<Option<usize>>,
    /// The components and resources of each system, in the order read.
    pub(super) parts: Vec<Vec<usize>>,
    /// The resources outside any system, gathered by owner in order of first appearance.
    pub(super) by_owner: Vec<(Org, Vec<usize>)>,
}

impl Products {
    /// The system of each component and resource (`spec.system`), with a warning for
    /// one that names nothing imported; then the parts of each system and the resources
    /// of each owner outside any.
    pub(super) fn assemble(entities: &Entities, owners: &Owners, warnings: &mut Warnings) -> Self {
        let components = &entities.components;
        let resources = &entities.resources;
        let mut system_of: Vec<Option<usize>> = vec![None; entities.len()];
        for &e in components.iter().chain(resources) {
            let Some(text) = entities[e].spec_string("system") else {
                continue;
            };
            let reference = parse_ref(&text, Some("system"), &entities[e].namespace);
            let found = (reference.kind.as_deref() == Some("system"))
                .then(|| entities.find("system", &reference))
                .flatten();
            if let Some(s) = found {
                system_of[e] = Some(s);
            } else {
                warnings.about(
                    entities,
                    e,
                    format!(
                        "system `{text}` names no imported system; it is left out of any product"
                    ),
                );
            }
        }
        // Parts in entity order: components and resources as they were read.
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
        let mut in_order: Vec<usize> = components.iter().chain(resources).copied().collect();
        in_order.sort_unstable();
        for &e in &in_order {
            if let Some(s) = system_of[e] {
                parts[s].push(e);
            }
        }
        // Resources outside any system: one product per owner.
        let mut by_owner: Vec<(Org, Vec<usize>)> = Vec::new();
        let mut slot_of: HashMap<Org, usize> = HashMap::new();
        for &r in resources {
            if system_of[r].is_some() {
                continue;
            }
            let owner = owners.owner[r];
            let slot = *slot_of.entry(owner).or_insert_with(|| {
                by_owner.push((owner, Vec::new()));
                by_owner.len() - 1
            });
            by_owner[slot].1.push(r);
        }
        Products {
            system_of,
            parts,
            by_owner,
        }
    }
}
