//! Assessing a commit's catalogue again from the commit before it.
//!
//! A commit of a history usually changes one file of many, and most relationships' figures
//! cannot have moved: assessing every relationship at every commit costs the history far
//! more than loading does. So each commit's assessments are kept with its catalogue, and at
//! the next commit a relationship is assessed again only when something its assessment
//! reads may have changed; the others keep the assessment they had. The figures are those
//! a full assessment gives, exactly: anything not proven unchanged is assessed again.
//!
//! What one relationship's assessment reads (see [`crate::assess::assess_with`]):
//! - the relationship itself, its offering, and the services of that offering;
//! - what the offering offers: its warranty and the outcomes it facilitates, computed
//!   across services ([`crate::assess::offered::Offers`]);
//! - from the flow of money ([`CostFlow`]): its revenue, and its share of each of its
//!   services' pools (which moves with every other consumer's quantity and with the
//!   relationships the services depend on);
//! - the evidence record judged (its latest), with the budget in force at that record's
//!   period: no figure of a relationship is judged at the commit's date;
//! - the catalogue's settings, the organisations (target margins), people, groups and
//!   outcomes (ids named in the figures): a change to any of these, to products,
//!   improvements or rules, or any entity added, removed or moved, assesses everything.
//!
//! The commit's date only moves the consumers' budgets in force (§8.9), a portfolio-wide
//! sum that history does not show; the portfolios are still summed at every commit so that
//! an amount too large to compute fails the history exactly as `svs assess` would.
//!
//! The changes come from the loader ([`crate::load::reload`]): the catalogue of the commit
//! before, patched with the entities of the files that changed, and which of those
//! entities differ, positions included (an edit that shifts the lines below it assesses
//! the relationships written there again, which is wasted work but never wrong). A commit
//! the loader cannot patch (ids added, removed or moved, a file that does not load) is
//! assessed in full.

use crate::assess::provision::{self, CostFlow};
use crate::assess::{self, Assessment, Overflow, Shared, consumers};
use crate::load::reload::Changes;
use crate::model::{Catalogue, Kind};

/// The assessments of a commit's catalogue, kept to assess the next commit's from.
#[derive(Debug)]
pub struct Assessed {
    /// What every assessment of it shares.
    shared: Shared,
    /// One assessment per relationship, in catalogue order.
    pub assessments: Vec<Assessment>,
    /// The relationships assessed rather than kept from the commit before, in order.
    pub fresh: Vec<usize>,
}

impl Assessed {
    /// Assesses every relationship of `catalogue`, and sums the portfolios with the
    /// budgets in force at `as_of`.
    pub fn new(catalogue: &Catalogue, as_of: jiff::civil::Date) -> Result<Assessed, Overflow> {
        let shared = Shared::new(catalogue);
        let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
        let assessments = all
            .iter()
            .map(|&index| assess::assess_with(catalogue, &shared, index))
            .collect::<Result<Vec<_>, _>>()?;
        Self::summed(catalogue, shared, assessments, all, as_of)
    }

    /// Assesses `catalogue`, this commit's catalogue patched with `changes`, keeping the
    /// assessments of this one that nothing in `changes` can have moved.
    pub fn again(
        self,
        catalogue: &Catalogue,
        changes: &Changes,
        as_of: jiff::civil::Date,
    ) -> Result<Assessed, Overflow> {
        let shared = Shared::new(catalogue);
        let stale = Stale {
            patched: catalogue,
            before: &self.shared,
            after: &shared,
        }
        .relationships(changes);
        let mut assessments = self.assessments;
        for &index in &stale {
            assessments[index] = assess::assess_with(catalogue, &shared, index)?;
        }
        Self::summed(catalogue, shared, assessments, stale, as_of)
    }

    /// Sums the portfolios of `assessments`, as `svs assess` does, so that an amount too
    /// large to compute fails here too.
    fn summed(
        catalogue: &Catalogue,
        shared: Shared,
        assessments: Vec<Assessment>,
        fresh: Vec<usize>,
        as_of: jiff::civil::Date,
    ) -> Result<Assessed, Overflow> {
        let sides: Vec<(usize, &provision::ProviderSide)> = assessments
            .iter()
            .map(|a| (a.relationship, &a.provider))
            .collect();
        provision::portfolio(catalogue, &shared.flow, &sides)?;
        consumers::portfolio(catalogue, &assessments, as_of)?;
        Ok(Assessed {
            shared,
            assessments,
            fresh,
        })
    }
}

/// A patched catalogue with what its assessments share, and what the catalogue before it
/// shared.
struct Stale<'a> {
    patched: &'a Catalogue,
    before: &'a Shared,
    after: &'a Shared,
}

impl Stale<'_> {
    /// The relationships to assess again after `changes`, in order.
    fn relationships(&self, changes: &Changes) -> Vec<usize> {
        let catalogue = self.patched;
        let count = catalogue.relationships.len();
        let mut relationships = vec![false; count];
        let mut offerings = vec![false; catalogue.offerings.len()];
        let mut services = vec![false; catalogue.services.len()];
        for &(kind, index) in &changes.entities {
            match kind {
                Kind::Relationship => relationships[index] = true,
                Kind::Offering => offerings[index] = true,
                Kind::Service => services[index] = true,
                // Settings, parties, outcomes, products, improvements and rules: anything
                // may read them.
                _ => return (0..count).collect(),
            }
        }
        // A record is judged for the relationship it names; which record is judged does
        // not move, since every record is where it was, for the same period.
        for &record in &changes.records {
            relationships[catalogue.evidence[record].relationship.index()] = true;
        }
        (0..count)
            .filter(|&index| {
                let offering = catalogue.relationships[index].offering.index();
                relationships[index]
                    || offerings[offering]
                    || !self.same_inputs(index, offering, &services)
            })
            .collect()
    }

    /// Whether what relationship `index` reads of the offers and of the flow of money is
    /// as it was, none of the services it reaches having changed.
    fn same_inputs(&self, index: usize, offering: usize, changed: &[bool]) -> bool {
        let (before, after) = (self.before, self.after);
        let (offers_before, offers_after) = (&before.offers, &after.offers);
        if offers_before.warranty(offering) != offers_after.warranty(offering)
            || offers_before.facilitated(offering) != offers_after.facilitated(offering)
        {
            return false;
        }
        let (flow_before, flow_after) = (&before.flow, &after.flow);
        if flow_before.revenue(index) != flow_after.revenue(index)
            || flow_before.services(offering) != flow_after.services(offering)
        {
            return false;
        }
        let quantity = self.patched.relationships[index].quantity;
        flow_after.services(offering).iter().all(|&service| {
            !changed[service] && same_share(flow_before, flow_after, service, quantity)
        })
    }
}

/// Whether a consumer of `quantity` gets the same share of `service`'s pool.
fn same_share(
    before: &CostFlow,
    after: &CostFlow,
    service: usize,
    quantity: rust_decimal::Decimal,
) -> bool {
    before.share_by_dimension(service, quantity) == after.share_by_dimension(service, quantity)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::load::Content;
    use crate::load::reload::{Reader, Reload, Reloaded};

    /// The bundled catalogue's files, with `edit` applied to the file named `name`.
    fn bundled(name: &str, edit: impl Fn(&str) -> String) -> Vec<(String, Content)> {
        crate::load::reload::tests::bundled()
            .into_iter()
            .map(|(path, text)| {
                let text = if path.ends_with(name) {
                    Arc::new(edit(&text))
                } else {
                    text
                };
                (path, Content::Shared(text))
            })
            .collect()
    }

    #[test]
    fn only_what_an_edit_reaches_is_assessed_again_and_the_figures_are_a_full_assessment() {
        let day = jiff::civil::date(2026, 12, 1);
        let (mut reader, mut reload) = (Reader::default(), Reload::default());
        let Reloaded::Loaded(loaded) = reload.load(
            reader.read(bundled("none", str::to_owned)),
            "catalog".into(),
            None,
        ) else {
            panic!("the first version is loaded in full");
        };
        let catalogue = loaded.catalogue.unwrap();
        let first = Assessed::new(&catalogue, day).unwrap();
        assert_eq!(first.fresh.len(), first.assessments.len());
        let dearer = |text: &str| text.replacen("amount: 1150", "amount: 1250", 1);
        let version = reader.read(bundled("training.yaml", dearer));
        let Reloaded::Patched { catalogue, changes } =
            reload.load(version, "catalog".into(), Some(catalogue))
        else {
            panic!("a price edit is patched");
        };
        let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
        let full = assess::evaluate_at(&catalogue, &all, None, day).unwrap();
        let again = first.again(&catalogue, &changes, day).unwrap();
        assert_eq!(again.assessments, full.relationships);
        // The training offering has one relationship: nothing else is assessed again.
        assert_eq!(again.fresh.len(), 1);
        // A person every assessment may name assesses everything.
        let renamed =
            |text: &str| dearer(text).replacen("name: Helen Marsh", "name: Helen Marsh-Price", 1);
        let version = reader.read(bundled("training.yaml", renamed));
        let Reloaded::Patched { catalogue, changes } =
            reload.load(version, "catalog".into(), Some(catalogue))
        else {
            panic!("a person's name is patched");
        };
        let after = again.again(&catalogue, &changes, day).unwrap();
        assert_eq!(after.fresh.len(), after.assessments.len());
        let full = assess::evaluate_at(&catalogue, &all, None, day).unwrap();
        assert_eq!(after.assessments, full.relationships);
    }
}
