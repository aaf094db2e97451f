//! Ids: one svs id for each entity, organisation, product, offering and relationship
//! written, mended and made unique.
//!
//! A Backstage name becomes an id in lower case, prefixed with its namespace when that
//! is not `default`, with what svs ids do not allow replaced (a warning when more than
//! the case changed). An id already taken gets a suffix naming what it is
//! (`petstore-api`), with a warning that says whose it was. Ids are claimed in the order
//! entities are written, so the first of two entities keeps the plain id. This stage
//! hands the catalogue stage [`Ids`], which also says which id an [`Org`] has.

use std::collections::HashMap;

use super::consumption::{Consumption, Subject};
use super::entities::Entities;
use super::members::{Members, Person};
use super::owners::{Org, Owners};
use super::products::Products;
use super::warnings::Warnings;

/// The id of everything written; the tables follow the positions of the stages'.
pub(super) struct Ids {
    /// The id of each imported group, user, system and component, by entity.
    pub(super) entity: Vec<String>,
    /// The id of each organisation named but not read, as [`Owners::missing`].
    pub(super) missing: Vec<String>,
    /// The placeholder organisation's id, when anything was placed in it.
    pub(super) placeholder: Option<String>,
    /// The id of each person named only as a member, as [`Members::listed`].
    pub(super) members: Vec<String>,
    /// Each group written as a group of its members (by entity), and its id.
    pub(super) teams: Vec<(usize, String)>,
    /// The id of each product of resources outside any system, as [`Products::by_owner`].
    pub(super) owner_products: Vec<String>,
    /// The id of each offering, as [`Consumption::offerings`].
    pub(super) offerings: Vec<String>,
    /// The id of each relationship, as [`Consumption::relationships`].
    pub(super) relationships: Vec<String>,
}

impl Ids {
    /// Every id, claimed in the order entities are written: organisations, people,
    /// products, services, offerings, relationships.
    pub(super) fn claim(
        entities: &Entities,
        owners: &Owners,
        members: &Members,
        products: &Products,
        consumption: &Consumption,
        warnings: &mut Warnings,
    ) -> Self {
        let mut taken = Taken::default();
        let mut ids = Ids {
            entity: vec![String::new(); entities.len()],
            missing: Vec::new(),
            placeholder: None,
            members: Vec::new(),
            teams: Vec::new(),
            owner_products: Vec::new(),
            offerings: Vec::new(),
            relationships: Vec::new(),
        };
        for &g in &entities.groups {
            ids.entity[g] = claim_entity(&mut taken, entities, g, "group", warnings);
        }
        for m in &owners.missing {
            // The id a group of that name would have had, had it been read.
            let (base, _) = mend_id(&m.namespace, &m.name);
            let file = entities.file_of(m.first);
            let id = taken.claim(&base, "org", &m.reference, warnings, Some(file));
            ids.missing.push(id);
        }
        ids.placeholder = owners.placeholder_used.then(|| {
            taken.claim(
                "unknown-owner",
                "org",
                "the placeholder organisation",
                warnings,
                None,
            )
        });
        for &u in &entities.users {
            ids.entity[u] = claim_entity(&mut taken, entities, u, "user", warnings);
        }
        for m in &members.listed {
            let (base, _) = mend_id(&m.namespace, &m.name);
            let group = &entities[m.group];
            let who = format!("the member `{}` of {}", m.name, group.reference());
            let file = entities.file_of(m.group);
            ids.members
                .push(taken.claim(&base, "person", &who, warnings, Some(file)));
        }
        for g in members.teams(entities, owners) {
            let base = format!("{}-members", ids.entity[g]);
            let who = format!("the members of {}", entities[g].reference());
            let id = taken.claim(&base, "group", &who, warnings, None);
            ids.teams.push((g, id));
        }
        for &s in &entities.systems {
            ids.entity[s] = claim_entity(&mut taken, entities, s, "system", warnings);
        }
        for (org, _) in &products.by_owner {
            let base = format!("{}-resources", ids.org(*org));
            let id = taken.claim(&base, "product", "a product of resources", warnings, None);
            ids.owner_products.push(id);
        }
        for &c in &entities.components {
            ids.entity[c] = claim_entity(&mut taken, entities, c, "component", warnings);
        }
        for offering in &consumption.offerings {
            let id = match &offering.subject {
                Subject::Api { key, entity, .. } => {
                    let (namespace, name) = key
                        .trim_start_matches("api:")
                        .split_once('/')
                        .unwrap_or(("default", key));
                    let (base, _) = mend_id(namespace, name);
                    let who = entity.map_or_else(|| key.clone(), |a| entities[a].reference());
                    let file = entities.file_of(offering.components[0]);
                    taken.claim(&base, "api", &who, warnings, Some(file))
                }
                Subject::Component(c) => {
                    let base = format!("{}-access", ids.entity[*c]);
                    taken.claim(&base, "offering", "an offering", warnings, None)
                }
            };
            ids.offerings.push(id);
        }
        for r in &consumption.relationships {
            let base = format!("{}-uses-{}", ids.org(r.consumer), ids.offerings[r.offering]);
            let (base, _) = mend_id("default", &base);
            let id = taken.claim(&base, "relationship", "a relationship", warnings, None);
            ids.relationships.push(id);
        }
        ids
    }

    /// The id of a person.
    pub(super) fn person(&self, person: Person) -> String {
        match person {
            Person::User(u) => self.entity[u].clone(),
            Person::Member(m) => self.members[m].clone(),
        }
    }

    /// The id of an organisation.
    pub(super) fn org(&self, org: Org) -> String {
        match org {
            Org::Group(g) => self.entity[g].clone(),
            Org::Missing(m) => self.missing[m].clone(),
            Org::Placeholder => self.placeholder.clone().unwrap_or_default(),
        }
    }
}

/// The id of an entity, mended and made unique, with warnings.
fn claim_entity(
    taken: &mut Taken,
    entities: &Entities,
    e: usize,
    suffix: &str,
    warnings: &mut Warnings,
) -> String {
    let entity = &entities[e];
    let (base, mended) = mend_id(&entity.namespace, &entity.name);
    let reference = entity.reference();
    let file = entities.file_of(e);
    if mended {
        warnings.entity(
            file,
            reference.clone(),
            format!(
                "`{}` is not a valid svs id; imported as `{base}`",
                entity.name
            ),
        );
    }
    taken.claim(&base, suffix, &reference, warnings, Some(file))
}

/// The id for a Backstage name: lower case, namespace prefix, mended to
/// `^[a-z0-9][a-z0-9._-]{0,62}$`; and whether mending changed more than the case.
fn mend_id(namespace: &str, name: &str) -> (String, bool) {
    let raw = if namespace.eq_ignore_ascii_case("default") {
        name.to_lowercase()
    } else {
        format!("{}.{}", namespace.to_lowercase(), name.to_lowercase())
    };
    let replaced: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = replaced
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches(['.', '_', '-']);
    let mut id: String = trimmed.chars().take(63).collect();
    if id.is_empty() {
        "entity".clone_into(&mut id);
    }
    let mended = id != raw;
    (id, mended)
}

/// Ids given so far, and to whom.
#[derive(Default)]
struct Taken {
    /// Each id given, and who has it (a reference, or what it is).
    by: HashMap<String, String>,
}

impl Taken {
    /// `base` when free; otherwise `base-SUFFIX`, then `base-SUFFIX-2`, … with a warning.
    fn claim(
        &mut self,
        base: &str,
        suffix: &str,
        who: &str,
        warnings: &mut Warnings,
        file: Option<&str>,
    ) -> String {
        if !self.by.contains_key(base) {
            self.by.insert(base.to_owned(), who.to_owned());
            return base.to_owned();
        }
        let fit = |stem: &str, tail: &str| {
            let keep = 63usize.saturating_sub(tail.len());
            let stem: String = stem.chars().take(keep).collect();
            format!("{stem}{tail}")
        };
        let mut candidate = fit(base, &format!("-{suffix}"));
        let mut number = 2;
        while self.by.contains_key(&candidate) {
            candidate = fit(base, &format!("-{suffix}-{number}"));
            number += 1;
        }
        let holder = self.by[base].clone();
        warnings.entity(
            file.unwrap_or("(derived)"),
            who.to_owned(),
            format!("the id `{base}` is already {holder}'s; this one is `{candidate}`"),
        );
        self.by.insert(candidate.clone(), who.to_owned());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_prefixed_and_mended() {
        assert_eq!(mend_id("default", "Guest"), ("guest".to_owned(), false));
        assert_eq!(
            mend_id("development", "guest"),
            ("development.guest".to_owned(), false)
        );
        assert_eq!(
            mend_id("default", "My Service"),
            ("my-service".to_owned(), true)
        );
        assert_eq!(mend_id("default", &"a".repeat(80)).0.len(), 63);
        assert_eq!(mend_id("default", "__x").0, "x");
    }

    #[test]
    fn a_taken_id_gets_a_suffix_and_a_warning() {
        let mut ids = Taken::default();
        let mut warnings = Warnings::default();
        assert_eq!(
            ids.claim(
                "petstore",
                "component",
                "component:default/petstore",
                &mut warnings,
                None
            ),
            "petstore"
        );
        assert_eq!(
            ids.claim(
                "petstore",
                "api",
                "api:default/petstore",
                &mut warnings,
                None
            ),
            "petstore-api"
        );
        assert_eq!(
            ids.claim("petstore", "api", "api:x/petstore", &mut warnings, None),
            "petstore-api-2"
        );
        assert_eq!(warnings.len(), 2);
    }
}
