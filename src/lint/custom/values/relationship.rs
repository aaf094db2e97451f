//! A relationship's value: its own keys, read from the catalogue, and its assessment
//! (SPEC §5), computed once when the [`Index`] is made.
//!
//! The largest value a rule can read. The assessment is built only when some rule reads
//! it, and then only the parts read (utility, warranty, costs and risks, provider side,
//! stakeholders), each by a builder of its own in the order of `svs assess --format json`.

use cel::Value;

use super::{
    Object, chain, common, dimension, list, number, per, provision_cost, text, texts, warranty,
};
use crate::assess::provision::{ProviderSide, StakeholderValue};
use crate::assess::{Assessment, Sums, Utility, WarrantyAssessment};
use crate::keys::names;
use crate::lint::custom::shape::Shape;
use crate::lint::index::Index;
use crate::load::decode::{relationships, word_of};
use crate::model::{
    Cost, CostCategory, Priced, Priority, Provision, Ref, Relationship, Requirements, Risk,
    RoleHolderRef, Stakeholder, StakeholderRole,
};

fn risk(risk: &Risk, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::NAME, |_| text(&risk.name))
        .set(names::LIKELIHOOD, |_| number(risk.likelihood))
        .set(names::IMPACT, |_| number(risk.impact));
    item.build()
}

/// A list of amounts removed and imposed (`costs`, `risks`).
fn both<T>(
    removed: &[T],
    imposed: &[T],
    shape: &Shape,
    each: impl Fn(&T, &Shape) -> Value + Copy,
) -> Value {
    let mut v = Object::new(shape);
    v.set(names::REMOVED, |s| list(removed, s, each))
        .set(names::IMPOSED, |s| list(imposed, s, each));
    v.build()
}

fn priced(item: &mut Object<'_>, priced: Option<&Priced>) {
    if let Some(p) = priced {
        item.set(names::AMOUNT, |_| number(p.amount))
            .set(names::PER, |_| text(per(p.per)));
    }
}

pub(super) fn relationship(index: &Index<'_>, i: usize, r: &Relationship, shape: &Shape) -> Value {
    let c = index.catalogue;
    let holders = |list: &[Ref<RoleHolderRef>]| texts(list.iter().map(|h| &*h.id));
    let mut v = common(&r.common, shape);
    v.set(names::PROVIDER, |_| text(&r.provider.id))
        .set(names::CONSUMER, |_| text(&r.consumer.id))
        .set(names::OFFERING, |_| text(&r.offering.id))
        .set(names::QUANTITY, |_| number(r.quantity))
        .set(names::ROLES, |s| {
            let mut roles = Object::new(s);
            roles
                .set(names::CUSTOMER, |_| holders(&r.roles.customer))
                .set(names::USER, |_| holders(&r.roles.user))
                .set(names::SPONSOR, |_| holders(&r.roles.sponsor));
            roles.build()
        })
        .set(names::STAKEHOLDERS, |s| {
            list(&r.stakeholders, s, stakeholder)
        })
        .set(names::REQUIREMENTS, |s| requirements(&r.requirements, s))
        .set(names::COSTS, |s| {
            both(&r.costs.removed, &r.costs.imposed, s, cost)
        })
        .set(names::RISKS, |s| {
            both(&r.risks.removed, &r.risks.imposed, s, risk)
        })
        .set(names::PROVISION, |s| provision(&r.provision, s))
        .maybe(names::BUDGET, |s| {
            r.budget.as_ref().map(|b| super::evidence::budget(b, s))
        })
        .maybe(names::MANAGEMENT, |s| {
            r.management
                .as_ref()
                .map(|m| super::improvement::management(m, s))
        })
        .set(names::EVIDENCE, |s| super::evidence::records(c, i, s))
        .maybe("assessment", |s| {
            index
                .assessments
                .get(i)
                .and_then(Option::as_ref)
                .map(|a| assessment(a, s))
        })
        .set("provider_chain", |_| chain(c, Some(r.provider.index())))
        .set("consumer_chain", |_| chain(c, Some(r.consumer.index())));
    v.build()
}

/// A stakeholder other than provider and consumer, with the effects it feels.
fn stakeholder(st: &Stakeholder, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::PARTY, |_| text(&st.party.id))
        .set(names::ROLE, |_| text(stakeholder_role(st.role)))
        .maybe(names::INTEREST, |_| st.interest.as_deref().map(text))
        .set(names::EFFECTS, |s| {
            list(&st.effects, s, |e, s| {
                let mut effect = Object::new(s);
                effect
                    .set(names::NAME, |_| text(&e.name))
                    .set(names::DIRECTION, |_| text(e.direction.as_str()));
                priced(&mut effect, e.priced.as_ref());
                effect.build()
            })
        });
    item.build()
}

fn requirements(r: &Requirements, shape: &Shape) -> Value {
    let mut requirements = Object::new(shape);
    requirements
        .set(names::OUTCOMES, |s| {
            list(&r.outcomes, s, |o, s| {
                let mut item = Object::new(s);
                item.set(names::OUTCOME, |_| text(&o.outcome.id))
                    .set(names::PRIORITY, |_| text(priority(o.priority)))
                    .set(names::WEIGHT, |_| number(o.weight));
                item.build()
            })
        })
        .maybe(names::WARRANTY, |s| {
            r.warranty.as_ref().map(|w| warranty(w, s))
        });
    requirements.build()
}

fn cost(cost: &Cost, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::NAME, |_| text(&cost.name))
        .set(names::CATEGORY, |_| text(category(cost.category)))
        .set(names::AMOUNT, |_| number(cost.amount))
        .set(names::PER, |_| text(per(cost.per)));
    item.build()
}

/// The provider's own costs, risks and benefits of the relationship.
fn provision(p: &Provision, shape: &Shape) -> Value {
    let mut provision = Object::new(shape);
    provision
        .set(names::COSTS, |s| list(&p.costs, s, provision_cost))
        .set(names::RISKS, |s| list(&p.risks, s, risk))
        .set(names::BENEFITS, |s| {
            list(&p.benefits, s, |b, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&b.name))
                    .set(names::KIND, |_| text(b.kind.as_str()));
                priced(&mut item, b.priced.as_ref());
                item.build()
            })
        });
    provision.build()
}

/// A relationship's assessment, the shape of `svs assess --format json` (unrounded): one
/// builder per part, in the order of its JSON form.
fn assessment(a: &Assessment, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::UTILITY, |s| utility(&a.utility, s))
        .set(names::WARRANTY, |s| assessed_warranty(&a.warranty, s))
        .set(names::COSTS, |s| sums(a.costs, s))
        .set(names::RISKS, |s| sums(a.risks, s))
        .set("net_value", |_| number(a.net_value))
        .set("verdict", |_| text(a.verdict.as_str()))
        .set("reasons", |_| texts(a.reasons.iter().map(|r| r.as_str())))
        .set("provider_side", |s| provider_side(&a.provider, s))
        .set("co_creation", |_| text(a.co_creation.as_str()))
        .set("delivered", |s| {
            super::delivered::delivered(&a.delivered, s)
        })
        .set(names::STAKEHOLDERS, |s| {
            list(&a.stakeholders, s, stakeholder_value)
        });
    v.build()
}

fn utility(u: &Utility, shape: &Shape) -> Value {
    let mut utility = Object::new(shape);
    utility
        .set("score", |_| number(u.score))
        .set("fit_for_purpose", |_| u.fit_for_purpose)
        .set("facilitated", |_| {
            texts(u.facilitated.iter().map(String::as_str))
        })
        .set("missing", |_| texts(u.missing.iter().map(String::as_str)));
    utility.build()
}

/// The assessment's warranty part: the checks made of the offered warranty against the
/// required one.
fn assessed_warranty(w: &WarrantyAssessment, shape: &Shape) -> Value {
    let mut warranty = Object::new(shape);
    warranty
        .set("score", |_| number(w.score))
        .set("fit_for_use", |_| w.fit_for_use)
        .set("checks", |_| i64::try_from(w.checks).unwrap_or(i64::MAX))
        .set("met", |_| i64::try_from(w.met).unwrap_or(i64::MAX))
        .set("unmet", |s| {
            list(&w.unmet, s, |u, s| {
                let mut item = Object::new(s);
                item.set("check", |_| text(&u.check))
                    .set("required", |_| text(&u.required))
                    .set("offered", |_| {
                        u.offered.as_deref().map_or(Value::Null, text)
                    });
                item.build()
            })
        });
    warranty.build()
}

/// The costs or the risks of an assessment: removed, imposed and net.
fn sums(sums: Sums, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::REMOVED, |_| number(sums.removed))
        .set(names::IMPOSED, |_| number(sums.imposed))
        .set("net", |_| number(sums.net()));
    item.build()
}

fn provider_side(side: &ProviderSide, shape: &Shape) -> Value {
    let mut provider = Object::new(shape);
    provider
        .set("revenue", |_| number(side.revenue))
        .set("cost_of_provision", |s| {
            let mut cost = Object::new(s);
            cost.set("direct", |_| number(side.cost_of_provision.direct))
                .set("shared", |_| number(side.cost_of_provision.shared))
                .set("total", |_| number(side.cost_of_provision.total));
            cost.build()
        })
        .set("cost_by_dimension", |s| {
            let mut parts = Object::new(s);
            for (d, part) in side.cost_of_provision.by_dimension.parts() {
                parts.set(dimension(d), |_| number(part));
            }
            parts.build()
        })
        .set(names::RISKS, |_| number(side.risks))
        .set(names::BENEFITS, |_| number(side.benefits))
        .set("unpriced_benefits", |_| {
            texts(side.unpriced_benefits.iter().map(String::as_str))
        })
        .set(names::MARGIN, |_| number(side.margin))
        .set("margin_pct", |_| {
            side.margin_pct.map_or(Value::Null, number)
        })
        .set(names::TARGET_MARGIN, |_| number(side.target_margin))
        .set("verdict", |_| text(side.verdict.as_str()))
        .set("reasons", |_| {
            texts(side.reasons.iter().map(|r| r.as_str()))
        });
    provider.build()
}

/// What the relationship means for one of its other stakeholders.
fn stakeholder_value(st: &StakeholderValue, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::PARTY, |_| text(&st.party))
        .set(names::ROLE, |_| text(stakeholder_role(st.role)))
        .set("gains", |_| number(st.gains))
        .set("losses", |_| number(st.losses))
        .set("net", |_| number(st.net()))
        .set("unpriced", |_| {
            texts(st.unpriced.iter().map(String::as_str))
        });
    item.build()
}

// The format's words for the closed sets only a relationship holds (see the others in
// the parent module).

fn priority(p: Priority) -> &'static str {
    word_of(relationships::PRIORITIES, &p)
}

fn category(c: CostCategory) -> &'static str {
    let removed = relationships::REMOVED_COST_CATEGORIES;
    word_of(
        removed.iter().chain(relationships::IMPOSED_COST_CATEGORIES),
        &c,
    )
}

fn stakeholder_role(r: StakeholderRole) -> &'static str {
    word_of(relationships::STAKEHOLDER_ROLES, &r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::custom::shape::Reads;
    use crate::lint::custom::testing::{catalogue, rule};
    use crate::lint::custom::values::Values;
    use crate::model::Kind;
    use cel::objects::Key;
    use std::sync::Arc;

    #[test]
    fn a_relationship_has_its_assessment_only_when_a_rule_reads_it() {
        let key = |name: &str| Key::String(Arc::new(name.to_owned()));
        let keys = |rules: &str| {
            let catalogue = catalogue(rules);
            let index = Index::new(&catalogue);
            let reads = Reads::of(&catalogue);
            let mut values = Values::new(&index, &reads);
            let Value::Map(map) = &values.of(Kind::Relationship)[0] else {
                panic!("a relationship is a map");
            };
            let mut keys: Vec<_> = map.map.keys().map(ToString::to_string).collect();
            keys.sort();
            let assessment = map.map.get(&key("assessment")).cloned();
            (keys, assessment)
        };
        let (read, assessment) = keys(&rule(
            1,
            names::RELATIONSHIPS,
            Some("has(self.assessment)"),
            "self.assessment.verdict == 'value'",
        ));
        assert_eq!(
            read,
            ["assessment"],
            "{{self.id}} is read only for a finding"
        );
        let Some(Value::Map(assessment)) = assessment else {
            panic!("the assessment is a map");
        };
        assert_eq!(
            assessment
                .map
                .keys()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["verdict"]
        );
        let (read, assessment) = keys(&rule(1, names::RELATIONSHIPS, None, "self.quantity > 0.0"));
        assert_eq!(read, [names::QUANTITY]);
        assert!(assessment.is_none());
    }
}
