//! Why a relationship's value changed between two versions (docs/format.md §8.6): the
//! inputs its assessment rests on, kept per version as [`Grounds`] and compared by id.
//!
//! Grounds hold model values, never source positions: a line that moved, a rewritten
//! number (`99.9` as `99.90`) or `100 a month` written as `1200 a year` is not a cause.
//! Amounts are kept annualised, as the assessment uses them, so a change of
//! `horizon_months` shows through every one-off amount it spreads. Names and labels that
//! no figure depends on (a price line's name, an output's name) are left out, so a cause
//! always names something the figures rest on.
//!
//! Each version's grounds are indexed by id once, in time linear in the catalogue; the
//! causes of one relationship look only at its own entities (its offering, the offering's
//! services and their `depends_on` relationships), as its assessment does.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::assess::annualise;
use crate::assess::provision::{CostFlow, target_margin};
use crate::model::{Catalogue, CostCategory, Direction, Per, Priority, Risk, Warranty};

/// What changed underneath a relationship, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// A side (the consumer's verdict or the provider's) was `unassessed` and is judged
    /// now: news, neither an improvement nor a regression.
    NewlyAssessed,
    /// Its requirements changed, or the utility threshold they are judged against.
    Requirements,
    /// Its offering, the offering's services, their outputs or warranty changed.
    Offering,
    /// The offering's price lines, the relationship's costs or risks, or its quantity
    /// changed.
    PricesAndCosts,
    /// The cost to serve, its own provision, the provider's target margin, or the pools
    /// of its services (their running costs, what they pay upstream, the other
    /// relationships sharing them) changed.
    ProviderSide,
    /// A `depends_on` relationship of its services changed.
    Upstream,
}

impl Cause {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::NewlyAssessed => "newly-assessed",
            Cause::Requirements => "requirements",
            Cause::Offering => "offering",
            Cause::PricesAndCosts => "prices-and-costs",
            Cause::ProviderSide => "provider-side",
            Cause::Upstream => "upstream",
        }
    }
}

/// An amount per year; `None` when too large to compute exactly.
type PerYear = Option<Decimal>;

/// A warranty block as the assessment reads it: `None` when it declares nothing, since an
/// empty block counts as absent (docs/format.md §5.1, §5.5).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Terms {
    uptime: Option<Decimal>,
    capacities: Vec<(String, Decimal)>,
    level_targets: Vec<(String, Direction, Decimal)>,
    recovery_time: Option<Decimal>,
    recovery_point: Option<Decimal>,
    controls: Vec<String>,
}

impl Terms {
    fn of(warranty: Option<&Warranty>) -> Option<Terms> {
        let warranty = warranty.filter(|w| w.declares_any())?;
        Some(Terms {
            uptime: warranty.availability.as_ref().map(|a| a.value),
            capacities: warranty
                .capacity
                .iter()
                .map(|c| (c.metric.value.clone(), c.value))
                .collect(),
            level_targets: warranty
                .service_levels
                .iter()
                .map(|l| (l.metric.value.clone(), l.direction, l.bound))
                .collect(),
            recovery_time: warranty.continuity.rto_hours.as_ref().map(|h| h.value),
            recovery_point: warranty.continuity.rpo_hours.as_ref().map(|h| h.value),
            controls: warranty.security.iter().map(|c| c.value.clone()).collect(),
        })
    }
}

/// A price line or a cost to serve: per year, and whether it is per unit of quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    per_year: PerYear,
    per_unit: bool,
}

impl Line {
    fn new(amount: Decimal, per: Per, unit: Option<&String>, horizon: u32) -> Self {
        Line {
            per_year: annualise(amount, per, horizon),
            per_unit: unit.is_some(),
        }
    }
}

/// Σ likelihood × impact of each risk, in order.
fn exposures(risks: &[Risk]) -> Vec<Option<Decimal>> {
    risks
        .iter()
        .map(|r| r.likelihood.checked_mul(r.impact))
        .collect()
}

/// What one relationship's own assessment rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RelationshipGrounds {
    /// The offering's id.
    offering_id: String,
    /// Required outcomes (id, priority, weight), the required warranty and the utility
    /// threshold.
    required: (Vec<(String, Priority, Decimal)>, Option<Terms>, Decimal),
    /// Costs removed and imposed, risks removed and imposed, and the quantity.
    charges: Charges,
    /// Its own provision costs, risks and priced benefits.
    provider_side: (Vec<PerYear>, Vec<Option<Decimal>>, Vec<PerYear>),
    /// The provider's target margin in force.
    margin_in_force: Decimal,
    /// What the relationship's consumer pays for it (its costs imposed): what flows into
    /// the pools of the services that depend on it.
    paid: PerYear,
}

/// The consumer's costs and risks of one relationship, and its quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Charges {
    costs_removed: Vec<(CostCategory, PerYear)>,
    costs_imposed: Vec<(CostCategory, PerYear)>,
    risks_removed: Vec<Option<Decimal>>,
    risks_imposed: Vec<Option<Decimal>>,
    units: Decimal,
}

/// What an offering contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OfferingGrounds {
    /// Its distinct services' ids, in order.
    service_ids: Vec<String>,
    terms: Option<Terms>,
    price_lines: Vec<Line>,
    serving_lines: Vec<Line>,
}

/// What a service contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ServiceGrounds {
    /// The outcomes each output enables.
    enabled_outcomes: Vec<Vec<String>>,
    terms: Option<Terms>,
    running: Vec<PerYear>,
    /// The ids of the relationships it depends on, in order.
    upstream: Vec<String>,
    /// Its pool per year: running costs and its part of what its provider pays upstream.
    pool: PerYear,
    /// How many relationships consume it.
    users: usize,
    /// Their total quantity.
    units_consumed: Option<Decimal>,
}

impl ServiceGrounds {
    /// How many other relationships share the service with one of quantity `q`, and their
    /// total quantity: what its share of the pool depends on besides `q` itself.
    fn others(&self, q: Decimal) -> (usize, Option<Decimal>) {
        (
            self.users.saturating_sub(1),
            self.units_consumed.and_then(|total| total.checked_sub(q)),
        )
    }
}

/// What every assessment of one version rests on, indexed by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grounds {
    /// Each relationship assessed.
    assessed: HashMap<String, RelationshipGrounds>,
    /// Each offering.
    offered: HashMap<String, OfferingGrounds>,
    /// Each service.
    provided: HashMap<String, ServiceGrounds>,
}

impl Grounds {
    /// Indexes a loaded catalogue, in time linear in its size.
    pub fn new(catalogue: &Catalogue) -> Self {
        let flow = CostFlow::new(catalogue);
        Grounds {
            assessed: relationships(catalogue, &flow),
            offered: offerings(catalogue, &flow),
            provided: services(catalogue, &flow),
        }
    }

    /// What a relationship's consumer pays for it in this version (its costs imposed), per
    /// year.
    pub(super) fn paid(&self, relationship: &str) -> Option<PerYear> {
        self.assessed.get(relationship).map(|r| r.paid)
    }
}

/// Each service's grounds, by id.
fn services(catalogue: &Catalogue, flow: &CostFlow) -> HashMap<String, ServiceGrounds> {
    let horizon = catalogue.metadata.horizon_months;
    let mut quantity = vec![Some(Decimal::ZERO); catalogue.services.len()];
    for relationship in &catalogue.relationships {
        for &s in flow.services(relationship.offering.index()) {
            quantity[s] = quantity[s].and_then(|q| q.checked_add(relationship.quantity));
        }
    }
    catalogue
        .services
        .iter()
        .enumerate()
        .map(|(index, service)| {
            let grounds = ServiceGrounds {
                enabled_outcomes: service
                    .outputs
                    .iter()
                    .map(|o| o.enables.iter().map(|e| e.id.to_string()).collect())
                    .collect(),
                terms: Terms::of(service.warranty.as_ref()),
                running: service
                    .running_costs
                    .iter()
                    .map(|c| annualise(c.amount, c.per, horizon))
                    .collect(),
                upstream: service
                    .depends_on
                    .iter()
                    .map(|u| u.id.to_string())
                    .collect(),
                pool: flow.pool(index),
                users: flow.users(index),
                units_consumed: quantity[index],
            };
            (service.common.id.value.clone(), grounds)
        })
        .collect()
}

/// Each offering's grounds, by id.
fn offerings(catalogue: &Catalogue, flow: &CostFlow) -> HashMap<String, OfferingGrounds> {
    let horizon = catalogue.metadata.horizon_months;
    catalogue
        .offerings
        .iter()
        .enumerate()
        .map(|(index, offering)| {
            let grounds = OfferingGrounds {
                service_ids: flow
                    .services(index)
                    .iter()
                    .map(|&s| catalogue.services[s].common.id.value.clone())
                    .collect(),
                terms: Terms::of(offering.warranty.as_ref()),
                price_lines: offering
                    .price
                    .iter()
                    .map(|l| Line::new(l.amount, l.per, l.unit.as_ref(), horizon))
                    .collect(),
                serving_lines: offering
                    .cost_to_serve
                    .iter()
                    .map(|c| Line::new(c.amount, c.per, c.unit.as_ref(), horizon))
                    .collect(),
            };
            (offering.common.id.value.clone(), grounds)
        })
        .collect()
}

/// Each relationship's own grounds, by id.
fn relationships(catalogue: &Catalogue, flow: &CostFlow) -> HashMap<String, RelationshipGrounds> {
    let per_year = |amount, per| annualise(amount, per, catalogue.metadata.horizon_months);
    catalogue
        .relationships
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let charged = |costs: &[crate::model::Cost]| {
                costs
                    .iter()
                    .map(|c| (c.category, per_year(c.amount, c.per)))
                    .collect()
            };
            let grounds = RelationshipGrounds {
                offering_id: r.offering.id.to_string(),
                required: (
                    r.requirements
                        .outcomes
                        .iter()
                        .map(|o| (o.outcome.id.to_string(), o.priority, o.weight))
                        .collect(),
                    Terms::of(r.requirements.warranty.as_ref()),
                    catalogue.metadata.utility_threshold,
                ),
                charges: Charges {
                    costs_removed: charged(&r.costs.removed),
                    costs_imposed: charged(&r.costs.imposed),
                    risks_removed: exposures(&r.risks.removed),
                    risks_imposed: exposures(&r.risks.imposed),
                    units: r.quantity,
                },
                provider_side: (
                    r.provision
                        .costs
                        .iter()
                        .map(|c| per_year(c.amount, c.per))
                        .collect(),
                    exposures(&r.provision.risks),
                    r.provision
                        .benefits
                        .iter()
                        .filter_map(|b| b.priced)
                        .map(|p| per_year(p.amount, p.per))
                        .collect(),
                ),
                margin_in_force: target_margin(catalogue, r.provider.index()),
                paid: flow.imposed(index),
            };
            (r.common.id.value.clone(), grounds)
        })
        .collect()
}

/// The causes of a change to relationship `id` between `old` and `new` found in their
/// grounds, every one that applies, in [`Cause`] order: all but `newly-assessed`, which
/// the verdicts tell. `upstream_changed` says whether a relationship, by id, changed.
pub(super) fn causes(
    old: &Grounds,
    new: &Grounds,
    id: &str,
    upstream_changed: impl Fn(&str) -> bool,
) -> Vec<Cause> {
    let (Some(before), Some(after)) = (old.assessed.get(id), new.assessed.get(id)) else {
        return Vec::new();
    };
    let (Some(old_offering), Some(new_offering)) = (
        old.offered.get(&before.offering_id),
        new.offered.get(&after.offering_id),
    ) else {
        return Vec::new();
    };
    // The services in both versions' offerings: one added or removed changes the
    // offering, and its figures are then the offering's news.
    let kept: HashSet<&str> = old_offering
        .service_ids
        .iter()
        .map(String::as_str)
        .collect();
    let services: Vec<(&ServiceGrounds, &ServiceGrounds)> = new_offering
        .service_ids
        .iter()
        .filter(|s| kept.contains(s.as_str()))
        .filter_map(|s| Some((old.provided.get(s)?, new.provided.get(s)?)))
        .collect();

    let checks = [
        (Cause::Requirements, before.required != after.required),
        (
            Cause::Offering,
            before.offering_id != after.offering_id
                || old_offering.service_ids != new_offering.service_ids
                || old_offering.terms != new_offering.terms
                || services
                    .iter()
                    .any(|(a, b)| a.enabled_outcomes != b.enabled_outcomes || a.terms != b.terms),
        ),
        (
            Cause::PricesAndCosts,
            old_offering.price_lines != new_offering.price_lines || before.charges != after.charges,
        ),
        (
            Cause::ProviderSide,
            old_offering.serving_lines != new_offering.serving_lines
                || before.provider_side != after.provider_side
                || before.margin_in_force != after.margin_in_force
                || services.iter().any(|(a, b)| {
                    a.running != b.running
                        || a.pool != b.pool
                        || a.others(before.charges.units) != b.others(after.charges.units)
                }),
        ),
        (
            Cause::Upstream,
            services.iter().any(|(a, b)| {
                a.upstream != b.upstream || b.upstream.iter().any(|u| upstream_changed(u))
            }),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, applies)| *applies)
        .map(|(cause, _)| cause)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/co-creation.yaml");

    fn grounds(text: &str) -> Grounds {
        let loaded = crate::load::load_files(
            vec![("c.yaml".to_owned(), text.as_bytes().to_vec())],
            "c".into(),
        );
        let messages: Vec<_> = loaded.diagnostics.iter().map(|d| &d.message).collect();
        Grounds::new(
            loaded
                .catalogue
                .as_ref()
                .unwrap_or_else(|| panic!("the catalogue loads: {messages:?}")),
        )
    }

    /// The fixture with `from`, which must occur once, replaced by `to`.
    fn edited(text: &str, from: &str, to: &str) -> String {
        assert_eq!(text.matches(from).count(), 1, "`{from}` once");
        text.replace(from, to)
    }

    /// The causes of relationship `id` from `old` to `new`, an upstream relationship
    /// counting as changed when what its provider is paid did.
    fn causes_of(old: &str, new: &str, id: &str) -> Vec<Cause> {
        let (old, new) = (grounds(old), grounds(new));
        causes(&old, &new, id, |u| old.paid(u) != new.paid(u))
    }

    #[test]
    fn places_and_spellings_are_not_causes() {
        // Lines added above everything, a number rewritten, a monthly fee written as a
        // yearly one, and a price line renamed: no figure rests on any of them.
        let moved = edited(
            &format!("#\n#\n#\n{FIXTURE}"),
            "{ name: user fee, amount: 100, per: month, unit: user }",
            "{ name: fee per user, amount: 1200.00, per: year, unit: user }",
        );
        let moved = edited(
            &moved,
            "warranty: { availability: 99.9 }",
            "warranty: { availability: 99.90 }",
        );
        for id in ["acme-mobile", "beta-mobile", "acme-hosting"] {
            assert_eq!(causes_of(FIXTURE, &moved, id), [], "{id}");
        }
    }

    #[test]
    fn each_input_names_its_cause() {
        let cases = [
            (
                "acme-mobile",
                "outcomes: [{ outcome: reachable, priority: must, weight: 1 }]\n      warranty: { availability: 99.5 }\n    costs:\n      removed:\n        - { name: desk phones, category: technology, amount: 20000, per: year }\n    provision:\n      risks:",
                "outcomes: [{ outcome: reachable, priority: must, weight: 1 }]\n      warranty: { availability: 99.95 }\n    costs:\n      removed:\n        - { name: desk phones, category: technology, amount: 20000, per: year }\n    provision:\n      risks:",
                vec![Cause::Requirements],
            ),
            (
                "acme-mobile",
                "warranty: { availability: 99.9 }",
                "warranty: { availability: 99.0 }",
                vec![Cause::Offering],
            ),
            (
                "acme-mobile",
                "amount: 100, per: month, unit: user",
                "amount: 110, per: month, unit: user",
                vec![Cause::PricesAndCosts],
            ),
            (
                "gamma-mobile",
                "    offering: plan\n    quantity: 10\n    requirements:\n      outcomes: [{ outcome: reachable, priority: must, weight: 1 }]\n      warranty: { availability: 99.99 }\n    costs:",
                "    offering: plan\n    quantity: 12\n    requirements:\n      outcomes: [{ outcome: reachable, priority: must, weight: 1 }]\n      warranty: { availability: 99.99 }\n    costs:",
                vec![Cause::PricesAndCosts],
            ),
            (
                "acme-mobile",
                "{ name: SLA penalties, likelihood: 0.1, impact: 10000 }",
                "{ name: SLA penalties, likelihood: 0.1, impact: 60000 }",
                vec![Cause::ProviderSide],
            ),
            (
                "acme-mobile",
                "target_margin: 20",
                "target_margin: 25",
                vec![Cause::ProviderSide],
            ),
            (
                "acme-mobile",
                "amount: 1000, per: month }",
                "amount: 1100, per: month }",
                vec![Cause::ProviderSide],
            ),
        ];
        for (id, from, to, expected) in cases {
            let new = edited(FIXTURE, from, to);
            assert_eq!(causes_of(FIXTURE, &new, id), expected, "{to}");
        }
    }

    #[test]
    fn another_relationship_sharing_a_service_is_a_provider_side_cause() {
        // Gamma buys for 12 users instead of 10: its own quantity is a price cause, and
        // Acme's share of the running costs of `mobile` changes with it. Gamma's own
        // share changes too, but only through its quantity: the others did not change.
        let new = edited(
            FIXTURE,
            "    consumer: gamma\n    offering: plan\n    quantity: 10\n",
            "    consumer: gamma\n    offering: plan\n    quantity: 12\n",
        );
        assert_eq!(
            causes_of(FIXTURE, &new, "acme-mobile"),
            [Cause::ProviderSide]
        );
        assert_eq!(
            causes_of(FIXTURE, &new, "gamma-mobile"),
            [Cause::PricesAndCosts]
        );
    }

    #[test]
    fn a_dearer_upstream_relationship_is_an_upstream_and_provider_side_cause() {
        // Telco buys hosting from Hoster for the `mobile` service.
        let old = edited(
            FIXTURE,
            "      - { name: network operations, dimension: organizations-and-people, amount: 1000, per: month }\n",
            "      - { name: network operations, dimension: organizations-and-people, amount: 1000, per: month }\n    depends_on: [telco-hosting]\n",
        );
        let old = format!(
            "{old}  - {{ id: telco-hosting, provider: hoster, consumer: telco, offering: hosting }}\n"
        );
        let new = edited(
            &old,
            "{ name: hosting fee, amount: 500, per: year }",
            "{ name: hosting fee, amount: 900, per: year }",
        );
        assert_eq!(
            causes_of(&old, &new, "acme-mobile"),
            [Cause::ProviderSide, Cause::Upstream]
        );
        assert_eq!(
            causes_of(&old, &new, "telco-hosting"),
            [Cause::PricesAndCosts]
        );
        // The list of what a service depends on is an upstream cause too.
        let none = edited(&old, "    depends_on: [telco-hosting]\n", "");
        assert!(causes_of(&old, &none, "acme-mobile").contains(&Cause::Upstream));
    }

    #[test]
    fn a_relationship_moved_to_another_offering_names_the_offering() {
        let new = edited(
            FIXTURE,
            "    consumer: acme\n    offering: plan\n",
            "    consumer: acme\n    offering: hosting\n",
        );
        let causes = causes_of(FIXTURE, &new, "acme-mobile");
        assert_eq!(causes[0], Cause::Offering, "{causes:?}");
        assert!(causes.contains(&Cause::PricesAndCosts), "{causes:?}");
    }
}
