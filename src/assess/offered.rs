//! What each offering offers, computed once: the outcomes its services facilitate and its
//! offered warranty (docs/format.md §5.1).
//!
//! An offering's own warranty block, when it declares anything, replaces its services'
//! offer. Otherwise the offer is combined aspect by aspect over the offering's distinct
//! services, and an aspect is offered only when every service declares it: one cannot
//! assure what a part does not assure. Availability is the product of the parts' (every
//! service must work for the offering to work, as SVS204 composes upstream chains); every
//! other aspect takes the weakest value.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::exact::{self, Exact};
use crate::model::{Catalogue, Direction, Offering, Warranty};

/// The warranty an offering assures, aspect by aspect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferedWarranty {
    /// Availability, percent: `100 × Π (aᵢ / 100)` over the parts, exact whenever it fits
    /// in a [`Decimal`]; compare with [`OfferedWarranty::assures_availability`].
    pub availability: Option<Decimal>,
    /// The availability of each part whose product is [`OfferedWarranty::availability`]
    /// (one for a block as written); empty when availability is not offered.
    pub availability_factors: Vec<Decimal>,
    /// Capacity per metric.
    pub capacity: HashMap<String, Decimal>,
    /// Service-level bound per metric and direction.
    pub service_levels: HashMap<(String, Direction), Decimal>,
    /// Recovery time objective, hours.
    pub rto_hours: Option<Decimal>,
    /// Recovery point objective, hours.
    pub rpo_hours: Option<Decimal>,
    /// Security controls.
    pub security: HashSet<String>,
}

impl OfferedWarranty {
    /// One block's offer as written.
    pub fn from_block(block: &Warranty) -> Self {
        OfferedWarranty {
            availability: block.availability.as_ref().map(|a| a.value),
            availability_factors: block.availability.iter().map(|a| a.value).collect(),
            capacity: block
                .capacity
                .iter()
                .map(|c| (c.metric.value.clone(), c.value))
                .collect(),
            service_levels: block
                .service_levels
                .iter()
                .map(|l| ((l.metric.value.clone(), l.direction), l.bound))
                .collect(),
            rto_hours: block.continuity.rto_hours.as_ref().map(|h| h.value),
            rpo_hours: block.continuity.rpo_hours.as_ref().map(|h| h.value),
            security: block.security.iter().map(|s| s.value.clone()).collect(),
        }
    }

    /// Whether the offered availability reaches `required`, compared exactly.
    pub fn assures_availability(&self, required: Decimal) -> bool {
        Exact::availability(&self.availability_factors)
            .is_some_and(|offered| offered >= Exact::of(required))
    }

    /// The aspects both offers declare: availability as both together, the others each at
    /// the weaker value.
    fn weakest(mut self, other: &OfferedWarranty) -> Self {
        if self.availability.is_some() && other.availability.is_some() {
            self.availability_factors
                .extend_from_slice(&other.availability_factors);
            self.availability = exact::availability(&self.availability_factors);
        } else {
            self.availability = None;
            self.availability_factors.clear();
        }
        self.capacity
            .retain(|metric, value| match other.capacity.get(metric) {
                Some(theirs) => {
                    *value = (*value).min(*theirs);
                    true
                }
                None => false,
            });
        self.service_levels
            .retain(|key, bound| match other.service_levels.get(key) {
                Some(theirs) => {
                    *bound = match key.1 {
                        Direction::Max => (*bound).max(*theirs),
                        Direction::Min => (*bound).min(*theirs),
                    };
                    true
                }
                None => false,
            });
        self.rto_hours = both(self.rto_hours, other.rto_hours, Decimal::max);
        self.rpo_hours = both(self.rpo_hours, other.rpo_hours, Decimal::max);
        self.security
            .retain(|control| other.security.contains(control));
        self
    }
}

fn both(
    a: Option<Decimal>,
    b: Option<Decimal>,
    pick: fn(Decimal, Decimal) -> Decimal,
) -> Option<Decimal> {
    Some(pick(a?, b?))
}

/// The offered warranty of one offering (docs/format.md §5.1).
pub fn offered_warranty(catalogue: &Catalogue, offering: &Offering) -> OfferedWarranty {
    if let Some(own) = offering.warranty.as_ref().filter(|w| w.declares_any()) {
        return OfferedWarranty::from_block(own);
    }
    let mut seen = HashSet::new();
    let distinct = offering.services.iter().filter(|s| seen.insert(s.index()));
    let mut blocks = distinct.map(|service| {
        catalogue.services[service.index()]
            .warranty
            .as_ref()
            .map(OfferedWarranty::from_block)
            .unwrap_or_default()
    });
    let Some(first) = blocks.next() else {
        return OfferedWarranty::default();
    };
    blocks.fold(first, |combined, next| combined.weakest(&next))
}

/// Every offering's offer, indexed by offering.
#[derive(Debug)]
pub struct Offers {
    warranties: Vec<OfferedWarranty>,
    facilitated: Vec<HashSet<usize>>,
}

impl Offers {
    /// Computes every offering's offer once.
    pub fn new(catalogue: &Catalogue) -> Self {
        let warranties = catalogue
            .offerings
            .iter()
            .map(|offering| offered_warranty(catalogue, offering))
            .collect();
        let facilitated = catalogue
            .offerings
            .iter()
            .map(|offering| {
                offering
                    .services
                    .iter()
                    .flat_map(|s| &catalogue.services[s.index()].outputs)
                    .flat_map(|output| &output.enables)
                    .map(crate::model::Ref::index)
                    .collect()
            })
            .collect();
        Offers {
            warranties,
            facilitated,
        }
    }

    /// The offered warranty of an offering.
    pub fn warranty(&self, offering: usize) -> &OfferedWarranty {
        &self.warranties[offering]
    }

    /// The outcomes an offering's services facilitate.
    pub fn facilitated(&self, offering: usize) -> &HashSet<usize> {
        &self.facilitated[offering]
    }
}
