//! The value network: organisations linked by the relationships between them, and the
//! `depends_on` links through which one relationship's output feeds another.
//!
//! Each relationship runs from its provider to its consumer through a small node named
//! after the offering; a `depends_on` link joins the upstream relationship (in which a
//! service's provider is the consumer) to each relationship that sells that service.
//! Relationships therefore need to be nodes: a link cannot end on an edge. Dotted lines
//! join an organisation to the one it is part of (`parent`). Organisations
//! that provide in one relationship and consume in another are marked, because that is
//! where value flows on through the network.

use std::collections::VecDeque;

use crate::model::{Catalogue, Ref};

/// A `depends_on` link between two relationships.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The upstream relationship, consumed by the service's provider.
    pub upstream: usize,
    /// A relationship that sells the service.
    pub downstream: usize,
    /// The services that carry the dependency.
    pub services: Vec<usize>,
}

/// The part of the network to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// Organisations, in catalogue order.
    pub organizations: Vec<usize>,
    /// Relationships, in catalogue order.
    pub relationships: Vec<usize>,
    /// `depends_on` links between drawn relationships, ordered by upstream then downstream.
    pub links: Vec<Link>,
    /// `(part, whole)` for each drawn organisation whose drawn `parent` it is part of.
    pub parents: Vec<(usize, usize)>,
    /// Per organisation of the catalogue: provider in one relationship and consumer in
    /// another.
    pub provider_and_consumer: Vec<bool>,
}

/// The whole network, or with `focus` only what is connected to that organisation
/// through relationships and links, in either direction.
pub fn network(catalogue: &Catalogue, focus: Option<usize>) -> Network {
    let orgs = catalogue.organizations.len();
    let rels = catalogue.relationships.len();

    let mut provides = vec![false; orgs];
    let mut consumes = vec![false; orgs];
    for r in &catalogue.relationships {
        provides[r.provider.index()] = true;
        consumes[r.consumer.index()] = true;
    }
    let provider_and_consumer = (0..orgs).map(|o| provides[o] && consumes[o]).collect();

    // Who sells each service: the relationships whose offering includes it.
    let mut sellers = vec![Vec::new(); catalogue.services.len()];
    for (i, r) in catalogue.relationships.iter().enumerate() {
        for service in &catalogue.offerings[r.offering.index()].services {
            let list = &mut sellers[service.index()];
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut links: Vec<Link> = Vec::new();
    for (s, service) in catalogue.services.iter().enumerate() {
        for upstream in service.depends_on.iter().map(Ref::index) {
            for &downstream in &sellers[s] {
                links.push(Link {
                    upstream,
                    downstream,
                    services: vec![s],
                });
            }
        }
    }
    links.sort();
    links.dedup_by(|later, earlier| {
        let same = later.upstream == earlier.upstream && later.downstream == earlier.downstream;
        if same {
            earlier.services.append(&mut later.services);
        }
        same
    });

    let parents_among = |drawn: &[bool]| -> Vec<(usize, usize)> {
        catalogue
            .organizations
            .iter()
            .enumerate()
            .filter_map(|(o, org)| Some((o, org.parent.as_ref()?.index())))
            .filter(|&(o, p)| drawn[o] && drawn[p])
            .collect()
    };
    let Some(focus) = focus else {
        return Network {
            organizations: (0..orgs).collect(),
            relationships: (0..rels).collect(),
            links,
            parents: parents_among(&vec![true; orgs]),
            provider_and_consumer,
        };
    };

    // Breadth-first over organisations (0..orgs) and relationships (orgs..orgs + rels).
    let mut adjacent = vec![Vec::new(); orgs + rels];
    for (i, r) in catalogue.relationships.iter().enumerate() {
        for org in [r.provider.index(), r.consumer.index()] {
            adjacent[org].push(orgs + i);
            adjacent[orgs + i].push(org);
        }
    }
    for link in &links {
        adjacent[orgs + link.upstream].push(orgs + link.downstream);
        adjacent[orgs + link.downstream].push(orgs + link.upstream);
    }
    let mut seen = vec![false; orgs + rels];
    let mut queue = VecDeque::from([focus]);
    seen[focus] = true;
    while let Some(node) = queue.pop_front() {
        for &next in &adjacent[node] {
            if !seen[next] {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    Network {
        parents: parents_among(&seen[..orgs]),
        organizations: (0..orgs).filter(|&o| seen[o]).collect(),
        relationships: (0..rels).filter(|&r| seen[orgs + r]).collect(),
        links: links
            .into_iter()
            .filter(|l| seen[orgs + l.upstream] && seen[orgs + l.downstream])
            .collect(),
        provider_and_consumer,
    }
}

/// The part of `whole` (the network of [`network`]) made of `relationships` alone: their
/// providers and consumers, the `depends_on` links between two of them, and the `parent`
/// links between drawn organisations. Whether an organisation both provides and
/// consumes is judged over these relationships too, so that the drawing says nothing of
/// the others (`svs report --for ORG`).
pub fn among(catalogue: &Catalogue, whole: Network, relationships: &[usize]) -> Network {
    let orgs = catalogue.organizations.len();
    let mut kept = vec![false; catalogue.relationships.len()];
    let mut drawn = vec![false; orgs];
    let mut provides = vec![false; orgs];
    let mut consumes = vec![false; orgs];
    for &r in relationships {
        kept[r] = true;
        let relationship = &catalogue.relationships[r];
        let (p, c) = (relationship.provider.index(), relationship.consumer.index());
        drawn[p] = true;
        drawn[c] = true;
        provides[p] = true;
        consumes[c] = true;
    }
    Network {
        organizations: (0..orgs).filter(|&o| drawn[o]).collect(),
        relationships: whole
            .relationships
            .into_iter()
            .filter(|&r| kept[r])
            .collect(),
        links: whole
            .links
            .into_iter()
            .filter(|l| kept[l.upstream] && kept[l.downstream])
            .collect(),
        parents: whole
            .parents
            .into_iter()
            .filter(|&(part, whole)| drawn[part] && drawn[whole])
            .collect(),
        provider_and_consumer: (0..orgs).map(|o| provides[o] && consumes[o]).collect(),
    }
}
