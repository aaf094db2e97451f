//! Assessing a commit's catalogue again from the commit before it.
//!
//! A commit of a history usually changes one file of many, and most relationships' figures
//! cannot have moved: assessing every relationship at every commit costs the history far
//! more than loading does. So each commit's catalogue is kept with its assessments, and at
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
//! Entities are compared whole, positions included: an edit that shifts the lines below it
//! assesses the relationships written there again, which is wasted work but never wrong.
//! An entity of a file the loader took unchanged from the commit before
//! ([`crate::load::Decodings::reused`]) is not compared at all: it is the entity of the
//! commit before, decoded from the same text, and its references resolve alike since
//! every id is where it was. Comparing the whole catalogue would cost each commit as much
//! as the assessments it saves.

use crate::assess::provision::{self, CostFlow};
use crate::assess::{self, Assessment, Overflow, Shared, consumers};
use crate::model::Catalogue;

/// A commit's catalogue as assessed, kept to assess the next commit's from.
#[derive(Debug)]
pub struct Assessed {
    /// The catalogue as loaded at the commit.
    pub loaded: Catalogue,
    /// What every assessment of it shares.
    shared: Shared,
    /// One assessment per relationship, in catalogue order.
    pub assessments: Vec<Assessment>,
    /// How many relationships were assessed rather than kept from the commit before.
    pub fresh: usize,
    /// Whether this is the catalogue of the commit just before the next one read, so the
    /// files that commit reuses are this catalogue's: false after a commit that does not
    /// load.
    pub reused_from_last: bool,
}

impl Assessed {
    /// Assesses every relationship of `catalogue`, taking from `before` (the commit before
    /// it, when that one loaded) the assessments that cannot have changed, and sums the
    /// portfolios with the budgets in force at `as_of`. `reused` tells, by file, whether
    /// the loader took the file unchanged from the commit before.
    pub fn again(
        before: Option<Assessed>,
        catalogue: Catalogue,
        reused: &[bool],
        as_of: jiff::civil::Date,
    ) -> Result<Assessed, Overflow> {
        let shared = Shared::new(&catalogue);
        let mut kept = match before {
            Some(before) if same_frame(&before.loaded, &catalogue) => {
                let unchanged = Unchanged {
                    before: &before.loaded,
                    after: &catalogue,
                    shared_before: &before.shared,
                    shared_after: &shared,
                    reused: if before.reused_from_last { reused } else { &[] },
                };
                let keep: Vec<bool> = (0..catalogue.relationships.len())
                    .map(|index| unchanged.relationship(index))
                    .collect();
                before
                    .assessments
                    .into_iter()
                    .zip(keep)
                    .map(|(assessment, keep)| keep.then_some(assessment))
                    .collect()
            }
            _ => Vec::new(),
        };
        kept.resize_with(catalogue.relationships.len(), || None);
        let mut fresh = 0;
        let assessments = kept
            .into_iter()
            .enumerate()
            .map(|(index, kept)| {
                if let Some(assessment) = kept {
                    return Ok(assessment);
                }
                fresh += 1;
                assess::assess_with(&catalogue, &shared, index)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sides: Vec<(usize, &provision::ProviderSide)> = assessments
            .iter()
            .map(|a| (a.relationship, &a.provider))
            .collect();
        provision::portfolio(&catalogue, &shared.flow, &sides)?;
        consumers::portfolio(&catalogue, &assessments, as_of)?;
        Ok(Assessed {
            loaded: catalogue,
            shared,
            assessments,
            fresh,
            reused_from_last: true,
        })
    }
}

/// Whether two catalogues have the same settings, the same entities at the same places
/// (so indices mean the same), and the same organisations, people, groups, outcomes,
/// products, improvements and rules: what every assessment may read.
fn same_frame(before: &Catalogue, after: &Catalogue) -> bool {
    before.metadata == after.metadata
        && before.organizations == after.organizations
        && before.people == after.people
        && before.groups == after.groups
        && before.outcomes == after.outcomes
        && before.products == after.products
        && before.improvements == after.improvements
        && before.rules == after.rules
        && before.services.len() == after.services.len()
        && before.offerings.len() == after.offerings.len()
        && before.relationships.len() == after.relationships.len()
        && ids_match(&before.services, &after.services, |s| &s.common.id.value)
        && ids_match(&before.offerings, &after.offerings, |o| &o.common.id.value)
        && ids_match(&before.relationships, &after.relationships, |r| {
            &r.common.id.value
        })
}

fn ids_match<T>(before: &[T], after: &[T], id: impl Fn(&T) -> &String) -> bool {
    before.iter().zip(after).all(|(b, a)| id(b) == id(a))
}

/// Two consecutive catalogues of the same frame (see [`same_frame`]) with what their
/// assessments share.
struct Unchanged<'a> {
    before: &'a Catalogue,
    after: &'a Catalogue,
    shared_before: &'a Shared,
    shared_after: &'a Shared,
    /// By file: taken unchanged from `before`'s commit; empty when that is not known.
    reused: &'a [bool],
}

impl Unchanged<'_> {
    /// Whether an entity written at `span` is sure to be what it was: its file was reused.
    fn reused(&self, span: crate::source::Span) -> bool {
        self.reused
            .get(span.file.0 as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether everything the assessment of relationship `index` reads is as it was.
    fn relationship(&self, index: usize) -> bool {
        let (before, after) = (self.before, self.after);
        let relationship = &after.relationships[index];
        if !self.reused(relationship.common.id.span) && before.relationships[index] != *relationship
        {
            return false;
        }
        let offering = relationship.offering.index();
        let same_offering = |o: &crate::model::Offering| {
            self.reused(o.common.id.span) || before.offerings[offering] == *o
        };
        if !same_offering(&after.offerings[offering]) {
            return false;
        }
        let (offers_before, offers_after) = (&self.shared_before.offers, &self.shared_after.offers);
        if offers_before.warranty(offering) != offers_after.warranty(offering)
            || offers_before.facilitated(offering) != offers_after.facilitated(offering)
        {
            return false;
        }
        let (flow_before, flow_after) = (&self.shared_before.flow, &self.shared_after.flow);
        if flow_before.revenue(index) != flow_after.revenue(index)
            || flow_before.services(offering) != flow_after.services(offering)
        {
            return false;
        }
        let quantity = relationship.quantity;
        let same_services = flow_after.services(offering).iter().all(|&service| {
            let reused = self.reused(after.services[service].common.id.span);
            (reused || before.services[service] == after.services[service])
                && same_share(flow_before, flow_after, service, quantity)
        });
        let (records_before, records_after) =
            (&self.shared_before.records, &self.shared_after.records);
        same_services
            && records_before.judged(before, index, self.shared_before.period)
                == records_after.judged(after, index, self.shared_after.period)
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
    use super::*;

    /// The bundled catalogue's files, with `edit` applied to the file named `name`.
    fn bundled(name: &str, edit: impl Fn(&str) -> String) -> Catalogue {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let exclude = crate::load::files::Exclude::default();
        let files = crate::load::files::collect(&[dir], &exclude).unwrap();
        let inputs: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                let text = if path.ends_with(name) {
                    edit(&text)
                } else {
                    text
                };
                (path.display().to_string(), text.into_bytes())
            })
            .collect();
        let loaded = crate::load::load_files(inputs, "catalog".into());
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.catalogue.unwrap()
    }

    #[test]
    fn only_what_an_edit_reaches_is_assessed_again_and_the_figures_are_a_full_assessment() {
        let day = jiff::civil::date(2026, 12, 1);
        let first = Assessed::again(None, bundled("none", str::to_owned), &[], day).unwrap();
        assert_eq!(first.fresh, first.assessments.len());
        let dearer = |text: &str| text.replacen("amount: 1150", "amount: 1250", 1);
        let catalogue = bundled("training.yaml", dearer);
        let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
        let full = assess::evaluate_at(&catalogue, &all, None, day).unwrap();
        let again = Assessed::again(Some(first), catalogue, &[], day).unwrap();
        assert_eq!(again.assessments, full.relationships);
        // The training offering has one relationship: nothing else is assessed again.
        assert_eq!(again.fresh, 1);
        // A setting every assessment reads assesses everything.
        let catalogue = bundled("catalogue.yaml", |t| {
            t.replacen("horizon_months: 36", "horizon_months: 24", 1)
        });
        let after = Assessed::again(Some(again), catalogue, &[], day).unwrap();
        assert_eq!(after.fresh, after.assessments.len());
    }
}
