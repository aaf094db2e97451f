//! SVS204 `warranty-exceeds-upstream`.
//!
//! A service is compared with the offered warranty (docs/format.md §5.1) of the offerings of its
//! direct `depends_on` relationships only; each upstream offering counts once, however
//! many of the service's relationships reach it. The availability cap is the product of
//! the upstream availabilities, compared exactly: the product of many percentages has
//! more digits than a [`Decimal`] holds, so the comparison runs on [`Exact`] integers and
//! only the message rounds.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::assess::exact::Exact;
use crate::keys::names;
use crate::assess::offered::OfferedWarranty;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Service, Spanned};

#[doc = include_str!("warranty_exceeds_upstream.md")]
pub struct WarrantyExceedsUpstream;

/// Decimal places the availability cap is printed with at most.
const SHOWN_PLACES: u32 = 6;

impl Rule for WarrantyExceedsUpstream {
    fn code(&self) -> Code {
        codes::WARRANTY_EXCEEDS_UPSTREAM
    }

    fn doc(&self) -> &'static str {
        include_str!("warranty_exceeds_upstream.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        // `seen[o] == s` once service `s` has counted offering `o`: linear deduplication.
        let mut seen = vec![usize::MAX; catalogue.offerings.len()];
        let mut upstream = Vec::new();
        for (s, service) in catalogue.services.iter().enumerate() {
            let Some(own) = &service.warranty else {
                continue;
            };
            upstream.clear();
            for dependency in &service.depends_on {
                let offering = catalogue.relationships[dependency.index()].offering.index();
                if seen[offering] != s {
                    seen[offering] = s;
                    upstream.push(offering);
                }
            }
            if upstream.is_empty() {
                continue;
            }
            if let Some(availability) = &own.availability {
                if let Some(finding) = self.availability(index, service, availability, &upstream) {
                    out.push(finding);
                }
            }
            let recovery = [
                (names::RTO_HOURS, &own.continuity.rto_hours, rto as Aspect),
                (names::RPO_HOURS, &own.continuity.rpo_hours, rpo as Aspect),
            ];
            for (name, promise, aspect) in recovery {
                if let Some(promise) = promise {
                    if let Some(finding) =
                        self.recovery(index, service, name, promise, aspect, &upstream)
                    {
                        out.push(finding);
                    }
                }
            }
        }
    }
}

/// Reads one recovery objective of an offered warranty.
type Aspect = fn(&OfferedWarranty) -> Option<Decimal>;

fn rto(offer: &OfferedWarranty) -> Option<Decimal> {
    offer.rto_hours
}

fn rpo(offer: &OfferedWarranty) -> Option<Decimal> {
    offer.rpo_hours
}

impl WarrantyExceedsUpstream {
    /// Availability above 100 × Π(aᵢ / 100) over the upstream offerings that declare it.
    fn availability(
        &self,
        index: &Index<'_>,
        service: &Service,
        promise: &Spanned<Decimal>,
        upstream: &[usize],
    ) -> Option<Diagnostic> {
        let factors: Vec<(usize, Decimal)> = upstream
            .iter()
            .filter_map(|&o| Some((o, index.offers.warranty(o).availability?)))
            .collect();
        let (&(_, first), rest) = factors.split_first()?;
        // Each upstream offering's availability is itself a product over its services:
        // the cap multiplies every part's own figure, exactly.
        let cap = Exact::availability(
            factors
                .iter()
                .flat_map(|&(o, _)| &index.offers.warranty(o).availability_factors),
        )?;
        if Exact::of(promise.value).cmp(&cap) != Ordering::Greater {
            return None;
        }
        let offerings = quoted(
            factors
                .iter()
                .map(|&(o, _)| index.catalogue.offerings[o].common.id.value.as_str()),
        );
        let id = &service.common.id.value;
        let promised = promise.value.normalize();
        let (message, help) = if rest.is_empty() {
            (
                format!(
                    "service `{id}`: availability {promised} is more than upstream offering \
                     {offerings} assures"
                ),
                format!(
                    "upstream offering {offerings} assures at most {}: promise no more",
                    first.normalize()
                ),
            )
        } else {
            let product = factors
                .iter()
                .map(|&(_, a)| a.normalize().to_string())
                .collect::<Vec<_>>()
                .join(" × ");
            (
                format!(
                    "service `{id}`: availability {promised} is more than upstream offerings \
                     {offerings} assure together"
                ),
                format!(
                    "upstream offerings assure at most {} ({product}): promise no more",
                    shown(&factors, &cap)
                ),
            )
        };
        Some(
            index
                .finding(self.code(), promise.span, &service.common, message)
                .with_help(help),
        )
    }

    /// A recovery objective below the largest the upstream offerings declare.
    fn recovery(
        &self,
        index: &Index<'_>,
        service: &Service,
        name: &str,
        promise: &Spanned<Decimal>,
        aspect: Aspect,
        upstream: &[usize],
    ) -> Option<Diagnostic> {
        let mut cap: Option<(usize, Decimal)> = None;
        for &o in upstream {
            if let Some(hours) = aspect(index.offers.warranty(o)) {
                if cap.is_none_or(|(_, largest)| hours > largest) {
                    cap = Some((o, hours));
                }
            }
        }
        let (offering, hours) = cap?;
        if promise.value >= hours {
            return None;
        }
        let offering = &index.catalogue.offerings[offering].common.id.value;
        let hours = hours.normalize();
        Some(
            index
                .finding(
                    self.code(),
                    promise.span,
                    &service.common,
                    format!(
                        "service `{}`: {name} {} is below the {hours} that upstream offering \
                         `{offering}` assures",
                        service.common.id.value,
                        promise.value.normalize()
                    ),
                )
                .with_help(format!(
                    "upstream offerings assure {name} of {hours} at best (offering \
                     `{offering}`): promise no less"
                )),
        )
    }
}

/// `a`, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn quoted<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<String> = ids.map(|id| format!("`{id}`")).collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => ids.concat(),
    }
}

/// The availability cap for a message: exact and normalised when it has few decimals,
/// otherwise rounded and marked as such. Never used for the comparison.
fn shown(factors: &[(usize, Decimal)], cap: &Exact) -> String {
    let hundred = Decimal::ONE_HUNDRED;
    let mut approx = hundred;
    for &(_, factor) in factors {
        approx = approx
            .checked_mul(factor)
            .and_then(|p| p.checked_div(hundred))
            .unwrap_or(approx);
    }
    let rounded = approx
        .round_dp_with_strategy(SHOWN_PLACES, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if Exact::of(rounded).cmp(cap) == Ordering::Equal {
        rounded.to_string()
    } else {
        format!("about {rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_rounded_cap_is_marked() {
        let factors = [dec!(99.999); 8];
        let exact = Exact::availability(&factors).unwrap();
        let shown = shown(&factors.map(|f| (0, f)), &exact);
        assert_eq!(shown, "about 99.992");
        let two = [dec!(99.99), dec!(99.95)];
        let exact = Exact::availability(&two).unwrap();
        assert_eq!(shown_of(&two, &exact), "99.940005");
    }

    fn shown_of(factors: &[Decimal], cap: &Exact) -> String {
        shown(&factors.iter().map(|&f| (0, f)).collect::<Vec<_>>(), cap)
    }

    #[test]
    fn offerings_are_listed_for_people() {
        assert_eq!(quoted(["a"].into_iter()), "`a`");
        assert_eq!(quoted(["a", "b"].into_iter()), "`a` and `b`");
        assert_eq!(quoted(["a", "b", "c"].into_iter()), "`a`, `b` and `c`");
    }
}
