//! The values a custom rule reads: one CEL map per entity, built from the resolved model
//! and the tables of [`Index`] (an offering's offered warranty, a relationship's
//! assessment), with only the keys its [`Shape`] says some rule reads.
//!
//! One builder per kind (organizations, people, groups, outcomes, products, services,
//! offerings; relationships and their assessment in `relationship`, their budget and
//! evidence in `evidence`, their management and the improvements in `improvement`) and one
//! for the
//! `catalogue` map, each a short table of keys in the order of the format. Every entity
//! of a kind is built once per run and shared by `self` and the maps of `catalogue`. Keys
//! are set through [`Object`], which skips a key no rule reads before making its value
//! and reuses the CEL key the shape made. Amounts become doubles ([`number`]): for
//! comparisons inside rules only.

mod delivered;
mod evidence;
mod improvement;
mod relationship;

use std::collections::HashMap;
use std::sync::Arc;

use cel::Value;
use cel::objects::{Key, Map};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::shape::{EMPTY, Reads, Shape};
use crate::assess::offered::OfferedWarranty;
use crate::keys::names;
use crate::lint::index::Index;
use crate::load::decode::{offerings, outcomes, provision, word_of};
use crate::model::{
    Catalogue, Common, Dimension, Direction, Group, Kind, Outcome, Ownership, Per, Person, Product,
    ProvisionCost, Service, Warranty,
};

/// A CEL map under construction, holding only the keys its shape reads.
struct Object<'s> {
    shape: &'s Shape,
    map: HashMap<Key, Value>,
}

impl<'s> Object<'s> {
    fn new(shape: &'s Shape) -> Self {
        let map = if shape.full {
            HashMap::new()
        } else {
            HashMap::with_capacity(shape.keys.len())
        };
        Object { shape, map }
    }

    /// Sets `key` to what `make` gives for what is read of it, when a rule reads it.
    fn set<V: Into<Value>>(&mut self, key: &str, make: impl FnOnce(&Shape) -> V) -> &mut Self {
        if let Some((key, shape)) = self.shape.key(key) {
            self.map.insert(key, make(shape).into());
        }
        self
    }

    /// Like [`Object::set`], for a key the entity may lack.
    fn maybe<V: Into<Value>>(
        &mut self,
        key: &str,
        make: impl FnOnce(&Shape) -> Option<V>,
    ) -> &mut Self {
        if let Some((key, shape)) = self.shape.key(key) {
            if let Some(value) = make(shape) {
                self.map.insert(key, value.into());
            }
        }
        self
    }

    fn build(self) -> Value {
        Value::Map(Map {
            map: Arc::new(self.map),
        })
    }
}

/// A decimal as a CEL double: for comparisons inside rules only.
fn number(value: Decimal) -> Value {
    Value::Float(value.to_f64().unwrap_or(f64::NAN))
}

fn text(value: &str) -> Value {
    Value::String(Arc::new(value.to_owned()))
}

fn list<T>(items: &[T], shape: &Shape, each: impl Fn(&T, &Shape) -> Value) -> Value {
    let element = shape.element();
    Value::List(Arc::new(
        items.iter().map(|item| each(item, element)).collect(),
    ))
}

fn texts<'a>(items: impl Iterator<Item = &'a str>) -> Value {
    Value::List(Arc::new(items.map(text).collect()))
}

/// Every entity's value, built for the kinds the rules reach, once.
pub(super) struct Values<'i> {
    index: &'i Index<'i>,
    reads: &'i Reads,
    built: HashMap<Kind, Arc<Vec<Value>>>,
}

impl<'i> Values<'i> {
    pub(super) fn new(index: &'i Index<'i>, reads: &'i Reads) -> Self {
        Values {
            index,
            reads,
            built: HashMap::new(),
        }
    }

    pub(super) fn of(&mut self, kind: Kind) -> Arc<Vec<Value>> {
        let index = self.index;
        let shape = self.reads.of_kind(kind).unwrap_or(&EMPTY);
        Arc::clone(
            self.built
                .entry(kind)
                .or_insert_with(|| Arc::new(build_kind(index, kind, shape))),
        )
    }

    /// `catalogue`: the metadata and a map of every kind by id, as far as `shape` reads.
    pub(super) fn catalogue(&mut self, shape: &Shape) -> Value {
        let c = self.index.catalogue;
        let m = &c.metadata;
        let mut catalogue = Object::new(shape);
        catalogue
            .set(names::NAME, |_| text(&m.name))
            .maybe(names::CURRENCY, |_| m.currency.as_deref().map(text))
            .set(names::HORIZON_MONTHS, |_| i64::from(m.horizon_months))
            .maybe(names::AS_OF, |_| {
                m.as_of.as_ref().map(|d| text(&d.value.to_string()))
            })
            .set(names::THRESHOLDS, |s| {
                let mut thresholds = Object::new(s);
                thresholds
                    .set(names::UTILITY, |_| number(m.utility_threshold))
                    .set(names::MARGIN, |_| number(m.margin_threshold))
                    .set(names::PERCEPTION, |_| number(m.perception_threshold));
                thresholds.build()
            });
        for kind in Kind::CHECKED {
            let section = crate::model::Section::of(kind).key;
            if shape.key(section).is_none() {
                continue;
            }
            let values = self.of(kind);
            catalogue.set(section, |_| {
                let mut by_id = HashMap::with_capacity(values.len());
                for (i, value) in values.iter().enumerate() {
                    by_id.insert(
                        Key::String(Arc::new(c.id(kind, i).to_owned())),
                        value.clone(),
                    );
                }
                Value::Map(Map {
                    map: Arc::new(by_id),
                })
            });
        }
        catalogue.build()
    }
}

/// The value of every entity of `kind`, as far as `shape` reads.
fn build_kind(index: &Index<'_>, kind: Kind, shape: &Shape) -> Vec<Value> {
    (0..index.catalogue.count(kind))
        .map(|i| entity(index, kind, i, shape))
        .collect()
}

/// The value of the entity of `kind` at `i`, as far as `shape` reads.
pub(super) fn entity(index: &Index<'_>, kind: Kind, i: usize, shape: &Shape) -> Value {
    let c = index.catalogue;
    match kind {
        Kind::Organization => organization(c, i, shape),
        Kind::Person => person(c, &c.people[i], shape),
        Kind::Group => group(c, &c.groups[i], shape),
        Kind::Outcome => outcome(&c.outcomes[i], shape),
        Kind::Product => product(c, &c.products[i], shape),
        Kind::Service => service(c, &c.services[i], shape),
        Kind::Offering => offering(index, i, shape),
        Kind::Relationship => relationship::relationship(index, i, &c.relationships[i], shape),
        Kind::Improvement => improvement::improvement(&c.improvements[i], shape),
        Kind::Rule => Value::Null,
    }
}

fn organization(c: &Catalogue, i: usize, shape: &Shape) -> Value {
    let o = &c.organizations[i];
    let mut v = common(&o.common, shape);
    v.maybe(names::PARENT, |_| o.parent.as_ref().map(|p| text(&p.id)))
        .maybe(names::TARGET_MARGIN, |_| {
            o.target_margin.as_ref().map(|m| number(m.value))
        })
        .set("organization_chain", |_| chain(c, Some(i)));
    v.build()
}

fn person(c: &Catalogue, p: &Person, shape: &Shape) -> Value {
    let mut v = common(&p.common, shape);
    v.set(names::ORGANIZATION, |_| text(&p.organization.id))
        .maybe(names::TITLE, |_| p.title.as_deref().map(text))
        .set("organization_chain", |_| {
            chain(c, Some(p.organization.index()))
        });
    v.build()
}

fn group(c: &Catalogue, g: &Group, shape: &Shape) -> Value {
    let mut v = common(&g.common, shape);
    v.maybe(names::ORGANIZATION, |_| {
        g.organization.as_ref().map(|o| text(&o.id))
    })
    .maybe(names::SIZE, |_| {
        g.size.map(|s| i64::try_from(s).unwrap_or(i64::MAX))
    })
    .set(names::MEMBERS, |_| texts(g.members.iter().map(|m| &*m.id)))
    .set("organization_chain", |_| {
        chain(c, g.organization.as_ref().map(crate::model::Ref::index))
    });
    v.build()
}

fn outcome(o: &Outcome, shape: &Shape) -> Value {
    let mut v = common(&o.common, shape);
    v.set(names::KIND, |_| {
        text(word_of(outcomes::OUTCOME_KINDS, &o.kind))
    });
    v.build()
}

fn product(c: &Catalogue, p: &Product, shape: &Shape) -> Value {
    let mut v = common(&p.common, shape);
    v.set(names::PROVIDER, |_| text(&p.provider.id))
        .set(names::TARGETS, |_| texts(p.targets.iter().map(|t| &*t.id)))
        .set(names::RESOURCES, |s| {
            list(&p.resources, s, |r, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&r.name))
                    .set(names::DIMENSION, |_| text(dimension(r.dimension)))
                    .set(names::VISIBLE, |_| r.visible);
                item.build()
            })
        })
        .set("organization_chain", |_| chain(c, Some(p.provider.index())));
    v.build()
}

fn service(c: &Catalogue, s: &Service, shape: &Shape) -> Value {
    let mut v = common(&s.common, shape);
    v.set(names::PROVIDER, |_| text(&s.provider.id))
        .set(names::PRODUCTS, |_| {
            texts(s.products.iter().map(|p| &*p.id))
        })
        .set(names::OUTPUTS, |shape| {
            list(&s.outputs, shape, |o, shape| {
                let mut item = Object::new(shape);
                item.set(names::NAME, |_| text(&o.name))
                    .set(names::ENABLES, |_| texts(o.enables.iter().map(|e| &*e.id)));
                item.build()
            })
        })
        .maybe(names::WARRANTY, |shape| {
            s.warranty.as_ref().map(|w| warranty(w, shape))
        })
        .set(names::DEPENDS_ON, |_| {
            texts(s.depends_on.iter().map(|d| &*d.id))
        })
        .set(names::RUNNING_COSTS, |shape| {
            list(&s.running_costs, shape, provision_cost)
        })
        .set("organization_chain", |_| chain(c, Some(s.provider.index())));
    v.build()
}

/// An offering, with the warranty it offers (from [`Index`]) beside the one it states.
fn offering(index: &Index<'_>, i: usize, shape: &Shape) -> Value {
    let c = index.catalogue;
    let o = &c.offerings[i];
    let mut v = common(&o.common, shape);
    v.set(names::PROVIDER, |_| text(&o.provider.id))
        .set(names::SERVICES, |_| {
            texts(o.services.iter().map(|s| &*s.id))
        })
        .set(names::TARGETS, |_| texts(o.targets.iter().map(|t| &*t.id)))
        .set(names::GOODS, |s| {
            list(&o.goods, s, |g, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&g.name.value))
                    .set(names::OWNERSHIP, |_| text(ownership(g.ownership.value)));
                item.build()
            })
        })
        .set(names::ACCESS, |s| {
            list(&o.access, s, |a, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&a.name.value))
                    .maybe(names::PERIOD, |_| a.period.as_ref().map(|p| text(&p.value)))
                    .set(names::OWNERSHIP, |_| text(ownership(a.ownership.value)));
                item.build()
            })
        })
        .set(names::ACTIONS, |s| {
            list(&o.actions, s, |a, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&a.name.value))
                    .maybe(names::AGREEMENT, |_| {
                        a.agreement.as_ref().map(|p| text(&p.value))
                    });
                item.build()
            })
        })
        .maybe(names::WARRANTY, |s| {
            o.warranty.as_ref().map(|w| warranty(w, s))
        })
        .set(names::PRICE, |s| {
            list(&o.price, s, |p, s| {
                let mut item = Object::new(s);
                item.maybe(names::NAME, |_| p.name.as_deref().map(text))
                    .set(names::AMOUNT, |_| number(p.amount))
                    .set(names::PER, |_| text(per(p.per)))
                    .maybe(names::UNIT, |_| p.unit.as_deref().map(text));
                item.build()
            })
        })
        .set(names::COST_TO_SERVE, |s| {
            list(&o.cost_to_serve, s, provision_cost)
        })
        .set("offered_warranty", |s| offered(index.offers.warranty(i), s))
        .set("organization_chain", |_| chain(c, Some(o.provider.index())));
    v.build()
}

fn common<'s>(common: &Common, shape: &'s Shape) -> Object<'s> {
    let mut v = Object::new(shape);
    v.set(names::ID, |_| text(&common.id.value))
        .maybe(names::NAME, |_| common.name.as_deref().map(text))
        .maybe(names::DESCRIPTION, |_| {
            common.description.as_deref().map(text)
        });
    v
}

/// An organisation and every organisation it is part of, nearest first.
fn chain(catalogue: &Catalogue, start: Option<usize>) -> Value {
    let mut ids = Vec::new();
    let mut next = start;
    // The loader refused cycles; the bound only guards against a mistake there.
    while let Some(i) = next.filter(|_| ids.len() <= catalogue.organizations.len()) {
        let org = &catalogue.organizations[i];
        ids.push(text(&org.common.id.value));
        next = org.parent.as_ref().map(crate::model::Ref::index);
    }
    Value::List(Arc::new(ids))
}

fn warranty(block: &Warranty, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.maybe(names::AVAILABILITY, |_| {
        block.availability.as_ref().map(|a| number(a.value))
    })
    .set(names::CAPACITY, |s| {
        list(&block.capacity, s, |c, s| {
            let mut item = Object::new(s);
            item.set(names::METRIC, |_| text(&c.metric.value))
                .set(names::VALUE, |_| number(c.value));
            item.build()
        })
    })
    .set(names::SERVICE_LEVELS, |s| {
        list(&block.service_levels, s, |l, s| {
            let mut item = Object::new(s);
            item.set(names::METRIC, |_| text(&l.metric.value))
                .set(direction(l.direction), |_| number(l.bound));
            item.build()
        })
    })
    .set(names::CONTINUITY, |s| {
        let mut continuity = Object::new(s);
        continuity
            .maybe(names::RTO_HOURS, |_| {
                block.continuity.rto_hours.as_ref().map(|h| number(h.value))
            })
            .maybe(names::RPO_HOURS, |_| {
                block.continuity.rpo_hours.as_ref().map(|h| number(h.value))
            });
        continuity.build()
    })
    .set(names::SECURITY, |_| {
        texts(block.security.iter().map(|s| s.value.as_str()))
    });
    v.build()
}

/// The offered warranty (SPEC 5.1), shaped like a warranty block, lists sorted.
fn offered(offer: &OfferedWarranty, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.maybe(names::AVAILABILITY, |_| offer.availability.map(number))
        .set(names::CAPACITY, |s| {
            let mut capacity: Vec<(&String, &Decimal)> = offer.capacity.iter().collect();
            capacity.sort();
            list(&capacity, s, |(metric, value), s| {
                let mut item = Object::new(s);
                item.set(names::METRIC, |_| text(metric))
                    .set(names::VALUE, |_| number(**value));
                item.build()
            })
        })
        .set(names::SERVICE_LEVELS, |s| {
            let mut levels: Vec<(&(String, Direction), &Decimal)> =
                offer.service_levels.iter().collect();
            levels.sort();
            list(&levels, s, |((metric, dir), bound), s| {
                let mut item = Object::new(s);
                item.set(names::METRIC, |_| text(metric))
                    .set(direction(*dir), |_| number(**bound));
                item.build()
            })
        })
        .set(names::CONTINUITY, |s| {
            let mut continuity = Object::new(s);
            continuity
                .maybe(names::RTO_HOURS, |_| offer.rto_hours.map(number))
                .maybe(names::RPO_HOURS, |_| offer.rpo_hours.map(number));
            continuity.build()
        })
        .set(names::SECURITY, |_| {
            let mut security: Vec<&str> = offer.security.iter().map(String::as_str).collect();
            security.sort_unstable();
            texts(security.into_iter())
        });
    v.build()
}

fn provision_cost(cost: &ProvisionCost, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::NAME, |_| text(&cost.name))
        .set(names::DIMENSION, |_| text(dimension(cost.dimension)))
        .set(names::AMOUNT, |_| number(cost.amount))
        .set(names::PER, |_| text(per(cost.per)))
        .maybe(names::UNIT, |_| cost.unit.as_deref().map(text));
    item.build()
}

// The format's words for the values of closed sets: the decoder's own tables, so that a
// rule compares with the words the catalogue is written in (a relationship's own are in
// `relationship`).

fn dimension(d: Dimension) -> &'static str {
    word_of(provision::DIMENSIONS, &d)
}

fn ownership(o: Ownership) -> &'static str {
    word_of(offerings::OWNERSHIP, &o)
}

fn per(p: Per) -> &'static str {
    word_of(offerings::PER, &p)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Max => names::MAX,
        Direction::Min => names::MIN,
    }
}
