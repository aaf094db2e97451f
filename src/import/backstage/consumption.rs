//! APIs and consumption: the offerings each organisation makes and the service
//! relationships between organisations, the internal value network.
//!
//! A component's `providesApis` are its service's outputs, and each API an organisation
//! provides is one of its offerings. A component whose `consumesApis` names an API
//! another organisation provides, or whose `dependsOn` names another organisation's
//! component, makes its owner a consumer in a service relationship with that
//! organisation: one relationship per consumer and offering, whatever the number of
//! components behind it. Consumption within one organisation is no relationship.
//!
//! Owners come from the owners stage; this stage hands the ids and catalogue stages
//! [`Consumption`], which holds every offering and relationship by position.

use std::collections::HashMap;

use super::entities::{Entities, Kind, parse_ref};
use super::owners::{Org, Owners};
use super::warnings::Warnings;

/// An offering derived from the value network.
pub(super) struct DerivedOffering {
    /// What is offered.
    pub(super) subject: Subject,
    /// The organisation that offers it.
    pub(super) org: Org,
    /// The components whose services it describes.
    pub(super) components: Vec<usize>,
}

/// What an offering offers.
pub(super) enum Subject {
    /// An API, by reference key (`api:namespace/name`), with its entity when imported
    /// and its name as shown.
    Api {
        /// `api:namespace/name`, lower case.
        key: String,
        /// The API entity, when imported.
        entity: Option<usize>,
        /// Its title, or the name the reference gives.
        shown: String,
    },
    /// Access to a component that other organisations depend on.
    Component(usize),
}

/// A relationship derived from consumption across organisations.
pub(super) struct DerivedRelationship {
    /// The consuming organisation.
    pub(super) consumer: Org,
    /// The offering consumed, by position in [`Consumption::offerings`].
    pub(super) offering: usize,
    /// The first consuming component, for the comment.
    pub(super) via: usize,
}

/// The value network: offerings, relationships, and what each component takes part in.
pub(super) struct Consumption {
    /// Offerings: provided APIs first, in the order met, then access to components.
    pub(super) offerings: Vec<DerivedOffering>,
    /// Relationships, in the order met.
    pub(super) relationships: Vec<DerivedRelationship>,
    /// The outputs of each component's service: the APIs it provides, as shown.
    pub(super) outputs: Vec<Vec<String>>,
    /// The relationships each component's service depends on, by position.
    pub(super) upstream: Vec<Vec<usize>>,
    /// The APIs read that no imported component provides: no offering, so not imported.
    pub(super) unprovided: Vec<usize>,
}

impl Consumption {
    /// The offerings of provided APIs, then the relationships of consumption across
    /// organisations, each with its warnings.
    pub(super) fn derive(entities: &Entities, owners: &Owners, warnings: &mut Warnings) -> Self {
        let provided = Provided::derive(entities, owners, warnings);
        let mut consumption = Consumption {
            offerings: provided.offerings,
            relationships: Vec::new(),
            outputs: provided.outputs,
            upstream: vec![Vec::new(); entities.len()],
            unprovided: Vec::new(),
        };
        let mut relationship_of: HashMap<(Org, usize), usize> = HashMap::new();
        let mut component_offering: HashMap<usize, usize> = HashMap::new();
        for &k in &entities.components {
            let consumer = owners.owner[k];
            let (mut used, mut depended) = consumed_apis(entities, k, &provided.of_api, warnings);
            depended.extend(depended_components(entities, k, warnings));
            for c in depended {
                if owners.owner[c] == consumer || entities.is_duplicate(c) {
                    continue;
                }
                let offerings = &mut consumption.offerings;
                let slot = *component_offering.entry(c).or_insert_with(|| {
                    offerings.push(DerivedOffering {
                        subject: Subject::Component(c),
                        org: owners.owner[c],
                        components: vec![c],
                    });
                    offerings.len() - 1
                });
                used.push(slot);
            }
            for slot in used {
                if consumption.offerings[slot].org == consumer {
                    continue;
                }
                let relationships = &mut consumption.relationships;
                let r = *relationship_of.entry((consumer, slot)).or_insert_with(|| {
                    relationships.push(DerivedRelationship {
                        consumer,
                        offering: slot,
                        via: k,
                    });
                    relationships.len() - 1
                });
                if !consumption.upstream[k].contains(&r) {
                    consumption.upstream[k].push(r);
                }
            }
        }
        let mut offered = vec![false; entities.len()];
        for offering in &consumption.offerings {
            if let Subject::Api {
                entity: Some(a), ..
            } = offering.subject
            {
                offered[a] = true;
            }
        }
        for &a in &entities.apis {
            if !offered[a] {
                warnings.about(
                    entities,
                    a,
                    "no imported component provides it (`spec.providesApis`), so it is no \
                     offering; not imported"
                        .to_owned(),
                );
                consumption.unprovided.push(a);
            }
        }
        consumption
    }
}

/// The offerings of provided APIs, before consumption adds access to components.
struct Provided {
    /// One offering per API and providing organisation, in the order met.
    offerings: Vec<DerivedOffering>,
    /// The offerings of each API, by reference key.
    of_api: HashMap<String, Vec<usize>>,
    /// The outputs of each component's service.
    outputs: Vec<Vec<String>>,
}

impl Provided {
    /// Each component's `providesApis`: its outputs, and an offering of its owner's.
    fn derive(entities: &Entities, owners: &Owners, warnings: &mut Warnings) -> Self {
        let mut offerings: Vec<DerivedOffering> = Vec::new();
        let mut of_api: HashMap<String, Vec<usize>> = HashMap::new();
        let mut offering_of: HashMap<(String, Org), usize> = HashMap::new();
        let mut outputs: Vec<Vec<String>> = vec![Vec::new(); entities.len()];
        for &c in &entities.components {
            let owner = owners.owner[c];
            for text in entities[c].spec_list("providesApis") {
                let reference = parse_ref(&text, Some("api"), &entities[c].namespace);
                if reference.kind.as_deref() != Some("api") {
                    warnings.about(
                        entities,
                        c,
                        format!("providesApis `{text}` does not name an API; skipped"),
                    );
                    continue;
                }
                let api = entities.find("api", &reference);
                let key = format!("api:{}/{}", reference.namespace, reference.name);
                let shown = if let Some(a) = api {
                    entities[a].title()
                } else {
                    warnings.about(
                        entities,
                        c,
                        format!(
                            "providesApis `{text}` names no imported API; offered under that name"
                        ),
                    );
                    text.rsplit(['/', ':']).next().unwrap_or(&text).to_owned()
                };
                if !outputs[c].contains(&shown) {
                    outputs[c].push(shown.clone());
                }
                let slot = *offering_of.entry((key.clone(), owner)).or_insert_with(|| {
                    offerings.push(DerivedOffering {
                        subject: Subject::Api {
                            key: key.clone(),
                            entity: api,
                            shown,
                        },
                        org: owner,
                        components: Vec::new(),
                    });
                    of_api
                        .entry(key.clone())
                        .or_default()
                        .push(offerings.len() - 1);
                    offerings.len() - 1
                });
                if !offerings[slot].components.contains(&c) {
                    offerings[slot].components.push(c);
                }
            }
        }
        Provided {
            offerings,
            of_api,
            outputs,
        }
    }
}

/// Component `k`'s `consumesApis`: the offerings of the APIs it names, and the
/// components it names instead of an API, taken as dependencies.
fn consumed_apis(
    entities: &Entities,
    k: usize,
    of_api: &HashMap<String, Vec<usize>>,
    warnings: &mut Warnings,
) -> (Vec<usize>, Vec<usize>) {
    let mut used: Vec<usize> = Vec::new();
    let mut depended: Vec<usize> = Vec::new();
    for text in entities[k].spec_list("consumesApis") {
        let reference = parse_ref(&text, Some("api"), &entities[k].namespace);
        let key = format!("api:{}/{}", reference.namespace, reference.name);
        let kind = reference.kind.as_deref().unwrap_or("api");
        if kind == "api" {
            if let Some(slots) = of_api.get(&key) {
                used.extend(slots);
                continue;
            }
            if entities.find("api", &reference).is_some() {
                warnings.about(
                    entities,
                    k,
                    format!("consumesApis `{text}`: no imported component provides this API; no relationship"),
                );
                continue;
            }
        }
        if let Some(c) = entities.find("component", &reference) {
            warnings.about(
                entities,
                k,
                format!("consumesApis `{text}` names a component, not an API; taken as a dependency on it"),
            );
            depended.push(c);
        } else {
            warnings.about(
                entities,
                k,
                format!("consumesApis `{text}` names no imported API; skipped"),
            );
        }
    }
    (used, depended)
}

/// The components component `k`'s `dependsOn` names; resources and other kinds it
/// names are no service relationship.
fn depended_components(entities: &Entities, k: usize, warnings: &mut Warnings) -> Vec<usize> {
    let mut depended = Vec::new();
    for text in entities[k].spec_list("dependsOn") {
        let reference = parse_ref(&text, None, &entities[k].namespace);
        let found = match reference.kind.as_deref() {
            Some("component") => entities
                .find("component", &reference)
                .map(|c| (Kind::Component, c)),
            Some("resource") => entities
                .find("resource", &reference)
                .map(|r| (Kind::Resource, r)),
            Some(other) => entities.find(other, &reference).map(|e| (Kind::Other, e)),
            None => entities
                .find("component", &reference)
                .map(|c| (Kind::Component, c))
                .or_else(|| {
                    entities
                        .find("resource", &reference)
                        .map(|r| (Kind::Resource, r))
                }),
        };
        match found {
            Some((Kind::Component, c)) => depended.push(c),
            Some(_) => {}
            None => warnings.about(
                entities,
                k,
                format!("dependsOn `{text}` names no imported entity; skipped"),
            ),
        }
    }
    depended
}
