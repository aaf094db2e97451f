//! The catalogue: what the stages found, written as a [`Draft`] in the order svs shows
//! it.
//!
//! Groups become organisations (the placeholder after them, when used), users and the
//! members groups list people, memberships beyond a person's organisation groups,
//! systems and the resources outside any system products, components services, and the
//! value network offerings and relationships, each built as the model's own entity with
//! references unresolved. Every entity carries the origin comment that says which
//! Backstage entity and file it came from, and so does each resource of a product. Nothing is decided here and
//! nothing warned about: every reference written was resolved by an earlier stage, and
//! every id claimed by the ids stage.

use rust_decimal::Decimal;

use super::super::{Draft, Drafted};
use super::consumption::{Consumption, Subject};
use super::entities::{Entities, Kind};
use super::ids::Ids;
use super::members::Members;
use super::owners::{Org, Owners};
use super::products::Products;
use super::read::string;
use crate::model::{
    Access, Balance, Common, Dimension, Group, Offering, Organization, Output, Ownership, Person,
    Product, Provision, Ref, Relationship, Requirements, Resource, Roles, Service, Spanned,
    nowhere,
};
use crate::write::{Comments, List};

/// What every stage handed on, read together to write the catalogue.
pub(super) struct Found<'a> {
    /// The entities read.
    pub(super) entities: &'a Entities,
    /// Who owns what.
    pub(super) owners: &'a Owners,
    /// The people groups list.
    pub(super) members: &'a Members,
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
            groups: self.groups(),
            products: self.products(),
            services: self.services(),
            offerings: self.offerings(),
            relationships: self.relationships(),
        }
    }

    /// Groups, then the organisations named but not read, then the placeholder
    /// organisation when anything was placed in it.
    fn organizations(&self) -> Vec<Drafted<Organization>> {
        let Found {
            entities,
            owners,
            ids,
            ..
        } = self;
        let mut organizations: Vec<Drafted<Organization>> = entities
            .groups
            .iter()
            .map(|&g| {
                let e = &entities[g];
                let name = e.display_name().unwrap_or_else(|| e.title());
                let organization = Organization {
                    common: Common::unplaced(ids.entity[g].clone(), Some(name), e.description()),
                    parent: self.owners.parent[g].map(|p| Ref::unplaced(ids.org(p))),
                    target_margin: None,
                };
                Drafted::new(organization, entities.origin(g))
            })
            .collect();
        for (m, id) in owners.missing.iter().zip(&ids.missing) {
            let description = "Named in the Backstage descriptors (as an owner, a parent or \
                a group of users) but not among the entities read: an organisation \
                provider's group, most often. Give it its real name and parent.";
            let organization = Organization {
                common: Common::unplaced(
                    id.clone(),
                    Some(m.shown.clone()),
                    Some(description.to_owned()),
                ),
                parent: None,
                target_margin: None,
            };
            organizations.push(Drafted::new(
                organization,
                format!(
                    "{}: not among the entities read, first named in {}",
                    m.reference,
                    entities.file_of(m.first)
                ),
            ));
        }
        if let Some(id) = &ids.placeholder {
            let description = "Placeholder: the Backstage entities placed here name no \
                owner (or no group); `svs import backstage` warned about each. Give each \
                its real organisation.";
            let placeholder = Organization {
                common: Common::unplaced(
                    id.clone(),
                    Some("Unknown owner".to_owned()),
                    Some(description.to_owned()),
                ),
                parent: None,
                target_margin: None,
            };
            organizations.push(Drafted::new(
                placeholder,
                "no Backstage entity: stands in for entities that name no owner",
            ));
        }
        organizations
    }

    /// Users, each with the email of its profile in its description; then the people
    /// named only as members, each in the first group that lists it.
    fn people(&self) -> Vec<Drafted<Person>> {
        let Found {
            entities,
            members,
            ids,
            ..
        } = self;
        let listed = members.listed.iter().zip(&ids.members).map(|(m, id)| {
            let person = Person {
                common: Common::unplaced(id.clone(), Some(m.name.clone()), None),
                organization: Ref::unplaced(ids.entity[m.group].clone()),
                title: None,
            };
            let origin = format!(
                "a member in spec.members of {}, from {}; no User entity read",
                entities[m.group].reference(),
                entities.file_of(m.group)
            );
            Drafted::new(person, origin)
        });
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
                let name = e.display_name().unwrap_or_else(|| e.name.clone());
                let person = Person {
                    common: Common::unplaced(ids.entity[u].clone(), Some(name), description),
                    organization: Ref::unplaced(ids.org(self.owners.organization[u])),
                    title: None,
                };
                Drafted::new(person, entities.origin(u))
            })
            .chain(listed)
            .collect()
    }

    /// The groups whose members include people of other organisations, each as a group
    /// of all its members.
    fn groups(&self) -> Vec<Drafted<Group>> {
        let Found {
            entities,
            members,
            ids,
            ..
        } = self;
        ids.teams
            .iter()
            .map(|(g, id)| {
                let e = &entities[*g];
                let name = e.display_name().unwrap_or_else(|| e.title());
                let description = "The members Backstage lists for this group. A person \
                    belongs to one organisation, so the members whose organisation is \
                    another are members of this group.";
                let group = Group {
                    common: Common::unplaced(
                        id.clone(),
                        Some(format!("Members of {name}")),
                        Some(description.to_owned()),
                    ),
                    organization: Some(Ref::unplaced(ids.entity[*g].clone())),
                    size: None,
                    members: members.of_group[*g]
                        .iter()
                        .map(|&p| Ref::unplaced(ids.person(p)))
                        .collect(),
                };
                let origin = format!(
                    "the members of {} (spec.members, and Users' memberOf)",
                    entities.origin(*g)
                );
                Drafted::new(group, origin)
            })
            .collect()
    }

    /// A component or resource as a product's resource, with where it came from.
    fn part(&self, e: usize) -> (Resource, String) {
        let entity = &self.entities[e];
        let resource = Resource {
            name: entity.title(),
            dimension: Dimension::InformationAndTechnology,
            visible: entity.kind == Kind::Component
                && entity
                    .spec_string("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("website")),
            span: nowhere(),
        };
        (resource, self.entities.origin(e))
    }

    /// Systems, with their owner and parts as resources; then, per owner, the resources
    /// outside any system.
    fn products(&self) -> Vec<Drafted<Product>> {
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
            let owner = Resource {
                name: owners.owner_shown[s].clone(),
                dimension: Dimension::OrganizationsAndPeople,
                visible: false,
                span: nowhere(),
            };
            let mut resources =
                vec![(owner, format!("the owner, spec.owner of {}", e.reference()))];
            resources.extend(products.parts[s].iter().map(|&p| self.part(p)));
            written.push(product(
                Common::unplaced(ids.entity[s].clone(), Some(e.title()), e.description()),
                ids.org(owners.owner[s]),
                resources,
                entities.origin(s),
            ));
        }
        for ((org, list), id) in products.by_owner.iter().zip(&ids.owner_products) {
            let owner_shown = match org {
                Org::Group(g) => entities[*g]
                    .display_name()
                    .unwrap_or_else(|| entities[*g].title()),
                Org::Missing(m) => owners.missing[*m].shown.clone(),
                Org::Placeholder => "Unknown owner".to_owned(),
            };
            let name = format!("{owner_shown} resources");
            written.push(product(
                Common::unplaced(id.clone(), Some(name), None),
                ids.org(*org),
                list.iter().map(|&r| self.part(r)).collect(),
                format!(
                    "the Backstage resources of {owner_shown} that are part of no imported system"
                ),
            ));
        }
        written
    }

    /// Components, with their product, outputs and the relationships they depend on.
    fn services(&self) -> Vec<Drafted<Service>> {
        let Found {
            entities,
            owners,
            products,
            consumption,
            ids,
            ..
        } = self;
        entities
            .components
            .iter()
            .map(|&c| {
                let e = &entities[c];
                let service = Service {
                    common: Common::unplaced(
                        ids.entity[c].clone(),
                        Some(e.title()),
                        e.description(),
                    ),
                    provider: Ref::unplaced(ids.org(owners.owner[c])),
                    products: products.system_of[c]
                        .map(|s| Ref::unplaced(ids.entity[s].clone()))
                        .into_iter()
                        .collect(),
                    outputs: consumption.outputs[c]
                        .iter()
                        .map(|name| Output {
                            name: name.clone(),
                            enables: Vec::new(),
                            span: nowhere(),
                        })
                        .collect(),
                    warranty: None,
                    depends_on: consumption.upstream[c]
                        .iter()
                        .map(|&r| Ref::unplaced(ids.relationships[r].clone()))
                        .collect(),
                    running_costs: Vec::new(),
                };
                Drafted::new(service, entities.origin(c))
            })
            .collect()
    }

    /// Provided APIs and access to components other organisations depend on.
    fn offerings(&self) -> Vec<Drafted<Offering>> {
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
                .map(|&c| Ref::unplaced(ids.entity[c].clone()))
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
            let access = Access {
                name: Spanned::unplaced(access),
                period: None,
                ownership: Spanned::unplaced(Ownership::Retained),
                span: nowhere(),
            };
            let offering = Offering {
                common: Common::unplaced(id.clone(), Some(name), description),
                provider: Ref::unplaced(ids.org(o.org)),
                services,
                targets: Vec::new(),
                goods: Vec::new(),
                access: vec![access],
                actions: Vec::new(),
                warranty: None,
                price: Vec::new(),
                cost_to_serve: Vec::new(),
            };
            written.push(Drafted::new(offering, origin));
        }
        written
    }

    /// Consumption across organisations, each named after the first consuming component.
    fn relationships(&self) -> Vec<Drafted<Relationship>> {
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
            let relationship = Relationship {
                common: Common::unplaced(id.clone(), None, None),
                provider: Ref::unplaced(ids.org(o.org)),
                consumer: Ref::unplaced(ids.org(r.consumer)),
                offering: Ref::unplaced(ids.offerings[r.offering].clone()),
                quantity: Decimal::ONE,
                roles: Roles::default(),
                stakeholders: Vec::new(),
                requirements: Requirements::default(),
                costs: Balance::default(),
                risks: Balance::default(),
                provision: Provision::default(),
                budget: None,
                management: None,
            };
            let origin = format!(
                "{} {what}, from {}",
                entities[r.via].reference(),
                entities.file_of(r.via)
            );
            written.push(Drafted::new(relationship, origin));
        }
        written
    }
}

/// A product made of resources, each with where it came from.
fn product(
    common: Common,
    provider: String,
    resources: Vec<(Resource, String)>,
    origin: String,
) -> Drafted<Product> {
    let (resources, origins): (Vec<Resource>, Vec<String>) = resources.into_iter().unzip();
    let product = Product {
        common,
        provider: Ref::unplaced(provider),
        targets: Vec::new(),
        resources,
    };
    Drafted {
        entity: product,
        comments: Comments {
            above: Some(origin),
            items: vec![(List::Resources, origins)],
        },
    }
}
