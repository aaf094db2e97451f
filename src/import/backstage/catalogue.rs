//! The catalogue: what the stages found, written as a [`Draft`] in the order svs shows
//! it.
//!
//! Groups become organisations (the placeholder after them, when used), users people,
//! systems and the resources outside any system products, components services, and the
//! value network offerings and relationships. Every entity carries the origin comment
//! that says which Backstage entity and file it came from. Nothing is decided here and
//! nothing warned about: every reference written was resolved by an earlier stage, and
//! every id claimed by the ids stage.

use super::super::{
    Dimension, Draft, Offering, Organization, Person, Product, Relationship, Resource, Service,
};
use super::consumption::{Consumption, Subject};
use super::entities::{Entities, Kind};
use super::ids::Ids;
use super::owners::{Org, Owners};
use super::products::Products;
use super::read::string;

/// What every stage handed on, read together to write the catalogue.
pub(super) struct Found<'a> {
    /// The entities read.
    pub(super) entities: &'a Entities,
    /// Who owns what.
    pub(super) owners: &'a Owners,
    /// What is part of which product.
    pub(super) products: &'a Products,
    /// The value network.
    pub(super) consumption: &'a Consumption,
    /// The id of everything written.
    pub(super) ids: &'a Ids,
}

impl Found<'_> {
    /// The catalogue named `name`.
    pub(super) fn draft(&self, name: &str) -> Draft {
        Draft {
            name: name.to_owned(),
            organizations: self.organizations(),
            people: self.people(),
            products: self.products(),
            services: self.services(),
            offerings: self.offerings(),
            relationships: self.relationships(),
        }
    }

    /// Groups, then the placeholder organisation when anything was placed in it.
    fn organizations(&self) -> Vec<Organization> {
        let Found { entities, ids, .. } = self;
        let mut organizations: Vec<Organization> = entities
            .groups
            .iter()
            .map(|&g| {
                let e = &entities[g];
                Organization {
                    origin: entities.origin(g),
                    id: ids.entity[g].clone(),
                    name: e.display_name().unwrap_or_else(|| e.title()),
                    parent: self.owners.parent[g].map(|p| ids.entity[p].clone()),
                    description: e.description(),
                }
            })
            .collect();
        if let Some(id) = &ids.placeholder {
            organizations.push(Organization {
                origin:
                    "no Backstage entity: stands in for owners that name no imported group or user"
                        .to_owned(),
                id: id.clone(),
                name: "Unknown owner".to_owned(),
                parent: None,
                description: Some(
                    "Placeholder: the Backstage owner (or group) of the entities placed here \
                     names no imported Group or User; `svs import backstage` warned about \
                     each. Give each its real organisation."
                        .to_owned(),
                ),
            });
        }
        organizations
    }

    /// Users, each with the email of its profile in its description.
    fn people(&self) -> Vec<Person> {
        let Found { entities, ids, .. } = self;
        entities
            .users
            .iter()
            .map(|&u| {
                let e = &entities[u];
                let email =
                    string(&e.value, &["spec", "profile", "email"]).map(|m| format!("email: {m}"));
                let description = match (e.description(), email) {
                    (Some(d), Some(m)) => Some(format!("{d}\n{m}")),
                    (d, m) => d.or(m),
                };
                Person {
                    origin: entities.origin(u),
                    id: ids.entity[u].clone(),
                    name: e.display_name().unwrap_or_else(|| e.name.clone()),
                    organization: ids.org(self.owners.organization[u]),
                    description,
                }
            })
            .collect()
    }

    /// A component or resource as a product's resource.
    fn part(&self, e: usize) -> Resource {
        let entity = &self.entities[e];
        Resource {
            origin: self.entities.origin(e),
            name: entity.title(),
            dimension: Dimension::InformationAndTechnology,
            visible: entity.kind == Kind::Component
                && entity
                    .spec_string("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("website")),
        }
    }

    /// Systems, with their owner and parts as resources; then, per owner, the resources
    /// outside any system.
    fn products(&self) -> Vec<Product> {
        let Found {
            entities,
            owners,
            products,
            ids,
            ..
        } = self;
        let mut written = Vec::new();
        for &s in &entities.systems {
            let e = &entities[s];
            let mut resources = vec![Resource {
                origin: format!("the owner, spec.owner of {}", e.reference()),
                name: owners.owner_shown[s].clone(),
                dimension: Dimension::OrganizationsAndPeople,
                visible: false,
            }];
            resources.extend(products.parts[s].iter().map(|&p| self.part(p)));
            written.push(Product {
                origin: entities.origin(s),
                id: ids.entity[s].clone(),
                name: e.title(),
                provider: ids.org(owners.owner[s]),
                description: e.description(),
                resources,
            });
        }
        for ((org, list), id) in products.by_owner.iter().zip(&ids.owner_products) {
            let owner_shown = match org {
                Org::Group(g) => entities[*g]
                    .display_name()
                    .unwrap_or_else(|| entities[*g].title()),
                Org::Placeholder => "Unknown owner".to_owned(),
            };
            written.push(Product {
                origin: format!(
                    "the Backstage resources of {owner_shown} that are part of no imported system"
                ),
                id: id.clone(),
                name: format!("{owner_shown} resources"),
                provider: ids.org(*org),
                description: None,
                resources: list.iter().map(|&r| self.part(r)).collect(),
            });
        }
        written
    }

    /// Components, with their product, outputs and the relationships they depend on.
    fn services(&self) -> Vec<Service> {
        let Found {
            entities,
            owners,
            products,
            consumption,
            ids,
        } = self;
        entities
            .components
            .iter()
            .map(|&c| {
                let e = &entities[c];
                Service {
                    origin: entities.origin(c),
                    id: ids.entity[c].clone(),
                    name: e.title(),
                    provider: ids.org(owners.owner[c]),
                    description: e.description(),
                    products: products.system_of[c]
                        .map(|s| ids.entity[s].clone())
                        .into_iter()
                        .collect(),
                    outputs: consumption.outputs[c].clone(),
                    depends_on: consumption.upstream[c]
                        .iter()
                        .map(|&r| ids.relationships[r].clone())
                        .collect(),
                }
            })
            .collect()
    }

    /// Provided APIs and access to components other organisations depend on.
    fn offerings(&self) -> Vec<Offering> {
        let Found {
            entities,
            consumption,
            ids,
            ..
        } = self;
        let mut written = Vec::new();
        for (o, id) in consumption.offerings.iter().zip(&ids.offerings) {
            let services = o
                .components
                .iter()
                .map(|&c| ids.entity[c].clone())
                .collect();
            let providers = o
                .components
                .iter()
                .map(|&c| entities[c].reference())
                .collect::<Vec<_>>()
                .join(", ");
            let (origin, name, description, access) = match &o.subject {
                Subject::Api { key, entity, shown } => {
                    let origin = match entity {
                        Some(a) => format!("{}, provided by {providers}", entities.origin(*a)),
                        None => format!("{key} (not imported), provided by {providers}"),
                    };
                    let access = if shown.to_ascii_lowercase().ends_with("api") {
                        shown.clone()
                    } else {
                        format!("{shown} API")
                    };
                    (
                        origin,
                        shown.clone(),
                        entity.and_then(|a| entities[a].description()),
                        access,
                    )
                }
                Subject::Component(c) => {
                    let title = entities[*c].title();
                    (
                        format!(
                            "{}: components of other organisations depend on it",
                            entities.origin(*c)
                        ),
                        format!("Access to {title}"),
                        None,
                        title,
                    )
                }
            };
            written.push(Offering {
                origin,
                id: id.clone(),
                name,
                provider: ids.org(o.org),
                description,
                services,
                access: vec![access],
            });
        }
        written
    }

    /// Consumption across organisations, each named after the first consuming component.
    fn relationships(&self) -> Vec<Relationship> {
        let Found {
            entities,
            consumption,
            ids,
            ..
        } = self;
        let mut written = Vec::new();
        for (r, id) in consumption.relationships.iter().zip(&ids.relationships) {
            let o = &consumption.offerings[r.offering];
            let what = match &o.subject {
                Subject::Api { key, entity, .. } => {
                    let api = entity.map_or_else(|| key.clone(), |a| entities[a].reference());
                    format!("consumes {api}")
                }
                Subject::Component(c) => format!("depends on {}", entities[*c].reference()),
            };
            written.push(Relationship {
                origin: format!(
                    "{} {what}, from {}",
                    entities[r.via].reference(),
                    entities.file_of(r.via)
                ),
                id: id.clone(),
                provider: ids.org(o.org),
                consumer: ids.org(r.consumer),
                offering: ids.offerings[r.offering].clone(),
                description: None,
            });
        }
        written
    }
}
