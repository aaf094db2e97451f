//! Custom rules: the catalogue's own `rules:`, CEL expressions checked on every entity of
//! one kind (docs/custom-rules.md).
//!
//! Each entity the rules need becomes one CEL value, built once per run from the resolved
//! model and the tables of [`Index`] (an offering's offered warranty, a relationship's
//! assessment); `self` and the maps of `catalogue` share it. The expressions were compiled
//! by the loader; here they run once per rule and entity, so the work is linear in
//! entities × rules. An expression that fails on one entity is one finding for that
//! entity and rule, and the run goes on.
//!
//! Amounts reach CEL as doubles: inside a rule, money is compared in binary floating
//! point, for filtering only. Nothing computed here flows back into svs's own figures.

use std::collections::HashMap;
use std::sync::Arc;

use cel::objects::{Key, Map};
use cel::{Context, Value};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::index::Index;
use crate::assess::offered::OfferedWarranty;
use crate::diagnostic::{CustomCode, Diagnostic};
use crate::load::decode::{offerings, outcomes, provision, relationships, word_of};
use crate::model::{
    Catalogue, Common, CostCategory, CustomRule, Dimension, Direction, Expression, Kind, Ownership,
    Per, Priority, ProvisionCost, Risk, StakeholderRole, Warranty,
};

/// The finding code of each custom rule, in catalogue order.
pub fn codes(catalogue: &Catalogue) -> Vec<Arc<CustomCode>> {
    catalogue.rules.iter().map(custom_code).collect()
}

/// The finding code of one rule.
pub fn custom_code(rule: &CustomRule) -> Arc<CustomCode> {
    let description = rule.common.description.clone();
    let name = rule.common.name.clone().unwrap_or_default();
    let summary = description
        .as_deref()
        .and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty()))
        .map_or_else(|| name.replace('-', " "), str::to_owned);
    let doc = doc(rule, &summary);
    Arc::new(CustomCode {
        code: rule.code.value.clone(),
        name,
        default: rule.severity,
        help: rule.help.clone(),
        summary,
        description,
        doc,
    })
}

/// A custom rule's `svs explain` text, in Markdown.
fn doc(rule: &CustomRule, summary: &str) -> String {
    use std::fmt::Write as _;
    let mut doc = String::new();
    let description = rule.common.description.as_deref().map(str::trim_end);
    let _ = writeln!(doc, "{}", description.unwrap_or(summary));
    let _ = writeln!(
        doc,
        "\nA custom rule of this catalogue (`{}`), checked on every entity of `{}`.",
        rule.common.id.value,
        crate::load::decode::rules::section_of(rule.on)
    );
    let _ = writeln!(doc, "\n## Rule\n");
    if let Some(when) = &rule.when {
        let _ = writeln!(doc, "When:\n\n```cel\n{}\n```\n", when.text.trim_end());
    }
    let _ = writeln!(
        doc,
        "Assert (a finding when false):\n\n```cel\n{}\n```\n",
        rule.assert.text.trim_end()
    );
    let _ = writeln!(doc, "Message: {}", rule.message);
    if let Some(help) = &rule.help {
        let _ = writeln!(doc, "\n## Help\n\n{help}");
    }
    doc
}

/// Adds every custom rule's findings, with default severities, to `out`.
pub fn check(index: &Index<'_>, codes: &[Arc<CustomCode>], out: &mut Vec<Diagnostic>) {
    let catalogue = index.catalogue;
    if catalogue.rules.is_empty() {
        return;
    }
    let references_catalogue = catalogue.rules.iter().any(|rule| {
        rule.when
            .iter()
            .chain([&rule.assert])
            .any(|e| e.program.references().has_variable("catalogue"))
    });
    let mut values = Values::new(index);
    let mut root = Context::default();
    if references_catalogue {
        root.add_variable_from_value("catalogue", values.catalogue());
    }
    for (rule, code) in catalogue.rules.iter().zip(codes) {
        let entities = values.of(rule.on);
        for (i, this) in entities.iter().enumerate() {
            let common = catalogue.common(rule.on, i);
            let mut scope = root.new_inner_scope();
            scope.add_variable_from_value("self", this.clone());
            let applies = match &rule.when {
                None => Ok(true),
                Some(when) => truth(when, "when", &scope),
            };
            let holds = applies.and_then(|applies| {
                if applies {
                    truth(&rule.assert, "assert", &scope)
                } else {
                    Ok(true)
                }
            });
            match holds {
                Ok(true) => {}
                Ok(false) => out.push(finding(rule, code, common, this)),
                Err((expression, problem)) => out.push(
                    Diagnostic::new(
                        Arc::clone(code),
                        common.id.span,
                        format!(
                            "rule {} could not be checked on {} `{}`: `{expression}` failed: {problem}",
                            code.code, rule.on, common.id.value
                        ),
                    )
                    .with_entity(Some(&common.id.value))
                    .with_help(
                        "guard keys that may be absent with `has(self.key)`; \
                         docs/custom-rules.md lists what a rule sees",
                    ),
                ),
            }
        }
    }
}

/// A rule's finding on one entity: its message with the placeholders filled.
fn finding(rule: &CustomRule, code: &Arc<CustomCode>, common: &Common, this: &Value) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::new(Arc::clone(code), common.id.span, fill(&rule.message, this))
            .with_entity(Some(&common.id.value));
    diagnostic.help.clone_from(&rule.help);
    diagnostic
}

/// Runs one expression; its value must be a boolean. An error names the key (`when` or
/// `assert`) and what went wrong.
fn truth(
    expression: &Expression,
    key: &'static str,
    scope: &Context<'_>,
) -> Result<bool, (&'static str, String)> {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        expression.program.execute(scope)
    }));
    match run {
        Ok(Ok(Value::Bool(b))) => Ok(b),
        Ok(Ok(other)) => Err((
            key,
            format!("it gave {}, not true or false", describe(&other)),
        )),
        Ok(Err(error)) => Err((key, error.to_string())),
        Err(_) => Err((key, "the CEL interpreter gave up".to_owned())),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Int(_) | Value::UInt(_) => "an integer",
        Value::Float(_) => "a number",
        Value::String(_) => "a string",
        Value::Bytes(_) => "bytes",
        Value::Null => "null",
        _ => "a value",
    }
}

/// Fills `{self}` and `{self.KEY.KEY}` placeholders from the entity; any other text in
/// braces stays as written, and a key the entity lacks reads `(none)`.
pub fn fill(template: &str, this: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = after[..close].trim();
        let path = inner
            .strip_prefix("self")
            .filter(|p| p.is_empty() || p.starts_with('.'));
        if let Some(path) = path {
            let mut value = Some(this);
            for key in path.split('.').filter(|k| !k.is_empty()) {
                value = value.and_then(|v| match v {
                    Value::Map(map) => map.map.get(&Key::String(Arc::new(key.to_owned()))),
                    _ => None,
                });
            }
            match value {
                Some(value) => render(value, &mut out),
                None => out.push_str("(none)"),
            }
        } else {
            out.push('{');
            out.push_str(&after[..close]);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn render(value: &Value, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        Value::String(s) => out.push_str(s),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::UInt(u) => {
            let _ = write!(out, "{u}");
        }
        Value::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Null => out.push_str("null"),
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
        }
        _ => out.push_str("{…}"),
    }
}

// ---- the data a rule sees -------------------------------------------------------------

/// A CEL map under construction.
#[derive(Default)]
struct Object(HashMap<Key, Value>);

impl Object {
    fn set(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0
            .insert(Key::String(Arc::new(key.to_owned())), value.into());
        self
    }

    fn maybe(&mut self, key: &str, value: Option<impl Into<Value>>) -> &mut Self {
        if let Some(value) = value {
            self.set(key, value);
        }
        self
    }

    fn build(&mut self) -> Value {
        Value::Map(Map {
            map: Arc::new(std::mem::take(&mut self.0)),
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

fn list<T>(items: &[T], each: impl Fn(&T) -> Value) -> Value {
    Value::List(Arc::new(items.iter().map(each).collect()))
}

fn texts<'a>(items: impl Iterator<Item = &'a str>) -> Value {
    Value::List(Arc::new(items.map(text).collect()))
}

/// Every entity's value, built for the kinds asked for, once.
struct Values<'i> {
    index: &'i Index<'i>,
    built: HashMap<Kind, Arc<Vec<Value>>>,
    needs: Needs,
}

/// What the rules' expressions name, read from their text: the derived values and the
/// `catalogue` maps that cost the most to build are built only when some expression
/// names them (an expression that names a key only through a computed string finds it
/// absent, as docs/custom-rules.md says).
#[derive(Debug, Clone, Copy)]
struct Needs {
    /// A relationship's `assessment`.
    assessment: bool,
    /// An offering's `offered_warranty`.
    offered_warranty: bool,
}

impl Needs {
    fn of(catalogue: &Catalogue) -> Self {
        Needs {
            assessment: named(catalogue, "assessment"),
            offered_warranty: named(catalogue, "offered_warranty"),
        }
    }
}

/// Whether some rule's expressions or message placeholders name `word`.
fn named(catalogue: &Catalogue, word: &str) -> bool {
    catalogue.rules.iter().any(|rule| {
        rule.message.contains(word)
            || rule
                .when
                .iter()
                .chain([&rule.assert])
                .any(|e| e.text.contains(word))
    })
}

impl<'i> Values<'i> {
    fn new(index: &'i Index<'i>) -> Self {
        Values {
            index,
            built: HashMap::new(),
            needs: Needs::of(index.catalogue),
        }
    }

    fn of(&mut self, kind: Kind) -> Arc<Vec<Value>> {
        let index = self.index;
        let needs = self.needs;
        Arc::clone(
            self.built
                .entry(kind)
                .or_insert_with(|| Arc::new(build_kind(index, kind, needs))),
        )
    }

    /// `catalogue`: the metadata and a map of every kind by id.
    fn catalogue(&mut self) -> Value {
        let c = self.index.catalogue;
        let m = &c.metadata;
        let mut thresholds = Object::default();
        thresholds
            .set("utility", number(m.utility_threshold))
            .set("margin", number(m.margin_threshold));
        let mut catalogue = Object::default();
        catalogue
            .set("name", text(&m.name))
            .maybe("currency", m.currency.as_deref().map(text))
            .set("horizon_months", i64::from(m.horizon_months))
            .set("thresholds", thresholds.build());
        for kind in Kind::CHECKED {
            let section = crate::load::decode::rules::section_of(kind);
            // Only the maps some expression names: building every entity's value is
            // most of the cost of a rule that follows a reference.
            if !named(c, section) {
                continue;
            }
            let values = self.of(kind);
            let mut by_id = Object::default();
            for (i, value) in values.iter().enumerate() {
                by_id.set(c.id(kind, i), value.clone());
            }
            catalogue.set(crate::load::decode::rules::section_of(kind), by_id.build());
        }
        catalogue.build()
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind, each a short table of the kind's keys"
)]
fn build_kind(index: &Index<'_>, kind: Kind, needs: Needs) -> Vec<Value> {
    let c = index.catalogue;
    match kind {
        Kind::Organization => c
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut v = common(&o.common);
                v.maybe("parent", o.parent.as_ref().map(|p| text(&p.id)))
                    .maybe(
                        "target_margin",
                        o.target_margin.as_ref().map(|m| number(m.value)),
                    )
                    .set("organization_chain", chain(c, Some(i)));
                v.build()
            })
            .collect(),
        Kind::Person => c
            .people
            .iter()
            .map(|p| {
                let mut v = common(&p.common);
                v.set("organization", text(&p.organization.id))
                    .maybe("title", p.title.as_deref().map(text))
                    .set("organization_chain", chain(c, Some(p.organization.index())));
                v.build()
            })
            .collect(),
        Kind::Group => c
            .groups
            .iter()
            .map(|g| {
                let mut v = common(&g.common);
                v.maybe("organization", g.organization.as_ref().map(|o| text(&o.id)))
                    .maybe("size", g.size.map(|s| i64::try_from(s).unwrap_or(i64::MAX)))
                    .set("members", texts(g.members.iter().map(|m| m.id.as_str())))
                    .set(
                        "organization_chain",
                        chain(c, g.organization.as_ref().map(crate::model::Ref::index)),
                    );
                v.build()
            })
            .collect(),
        Kind::Outcome => c
            .outcomes
            .iter()
            .map(|o| {
                let mut v = common(&o.common);
                v.set("kind", text(word_of(outcomes::OUTCOME_KINDS, &o.kind)));
                v.build()
            })
            .collect(),
        Kind::Product => c
            .products
            .iter()
            .map(|p| {
                let mut v = common(&p.common);
                v.set("provider", text(&p.provider.id))
                    .set("targets", texts(p.targets.iter().map(|t| t.id.as_str())))
                    .set(
                        "resources",
                        list(&p.resources, |r| {
                            let mut item = Object::default();
                            item.set("name", text(&r.name))
                                .set("dimension", text(dimension(r.dimension)))
                                .set("visible", r.visible);
                            item.build()
                        }),
                    )
                    .set("organization_chain", chain(c, Some(p.provider.index())));
                v.build()
            })
            .collect(),
        Kind::Service => c
            .services
            .iter()
            .map(|s| {
                let mut v = common(&s.common);
                v.set("provider", text(&s.provider.id))
                    .set("products", texts(s.products.iter().map(|p| p.id.as_str())))
                    .set(
                        "outputs",
                        list(&s.outputs, |o| {
                            let mut item = Object::default();
                            item.set("name", text(&o.name))
                                .set("enables", texts(o.enables.iter().map(|e| e.id.as_str())));
                            item.build()
                        }),
                    )
                    .maybe("warranty", s.warranty.as_ref().map(warranty))
                    .set(
                        "depends_on",
                        texts(s.depends_on.iter().map(|d| d.id.as_str())),
                    )
                    .set("running_costs", list(&s.running_costs, provision_cost))
                    .set("organization_chain", chain(c, Some(s.provider.index())));
                v.build()
            })
            .collect(),
        Kind::Offering => c
            .offerings
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut v = common(&o.common);
                v.set("provider", text(&o.provider.id))
                    .set("services", texts(o.services.iter().map(|s| s.id.as_str())))
                    .set("targets", texts(o.targets.iter().map(|t| t.id.as_str())))
                    .set(
                        "goods",
                        list(&o.goods, |g| {
                            let mut item = Object::default();
                            item.set("name", text(&g.name.value))
                                .set("ownership", text(ownership(g.ownership.value)));
                            item.build()
                        }),
                    )
                    .set(
                        "access",
                        list(&o.access, |a| {
                            let mut item = Object::default();
                            item.set("name", text(&a.name.value))
                                .maybe("period", a.period.as_ref().map(|p| text(&p.value)))
                                .set("ownership", text(ownership(a.ownership.value)));
                            item.build()
                        }),
                    )
                    .set(
                        "actions",
                        list(&o.actions, |a| {
                            let mut item = Object::default();
                            item.set("name", text(&a.name.value))
                                .maybe("agreement", a.agreement.as_ref().map(|p| text(&p.value)));
                            item.build()
                        }),
                    )
                    .maybe("warranty", o.warranty.as_ref().map(warranty))
                    .set(
                        "price",
                        list(&o.price, |p| {
                            let mut item = Object::default();
                            item.maybe("name", p.name.as_deref().map(text))
                                .set("amount", number(p.amount))
                                .set("per", text(per(p.per)))
                                .maybe("unit", p.unit.as_deref().map(text));
                            item.build()
                        }),
                    )
                    .set("cost_to_serve", list(&o.cost_to_serve, provision_cost))
                    .maybe(
                        "offered_warranty",
                        needs
                            .offered_warranty
                            .then(|| offered(index.offers.warranty(i))),
                    )
                    .set("organization_chain", chain(c, Some(o.provider.index())));
                v.build()
            })
            .collect(),
        Kind::Relationship => c
            .relationships
            .iter()
            .enumerate()
            .map(|(i, r)| relationship(index, i, r, needs))
            .collect(),
        Kind::Rule => Vec::new(),
    }
}

fn common(common: &Common) -> Object {
    let mut v = Object::default();
    v.set("id", text(&common.id.value))
        .maybe("name", common.name.as_deref().map(text))
        .maybe("description", common.description.as_deref().map(text));
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

fn warranty(block: &Warranty) -> Value {
    let mut v = Object::default();
    v.maybe(
        "availability",
        block.availability.as_ref().map(|a| number(a.value)),
    )
    .set(
        "capacity",
        list(&block.capacity, |c| {
            let mut item = Object::default();
            item.set("metric", text(&c.metric.value))
                .set("value", number(c.value));
            item.build()
        }),
    )
    .set(
        "service_levels",
        list(&block.service_levels, |l| {
            let mut item = Object::default();
            item.set("metric", text(&l.metric.value))
                .set(direction(l.direction), number(l.bound));
            item.build()
        }),
    )
    .set("continuity", {
        let mut continuity = Object::default();
        continuity
            .maybe(
                "rto_hours",
                block.continuity.rto_hours.as_ref().map(|h| number(h.value)),
            )
            .maybe(
                "rpo_hours",
                block.continuity.rpo_hours.as_ref().map(|h| number(h.value)),
            );
        continuity.build()
    })
    .set(
        "security",
        texts(block.security.iter().map(|s| s.value.as_str())),
    );
    v.build()
}

/// The offered warranty (SPEC 5.1), shaped like a warranty block, lists sorted.
fn offered(offer: &OfferedWarranty) -> Value {
    let mut capacity: Vec<(&String, &Decimal)> = offer.capacity.iter().collect();
    capacity.sort();
    let mut levels: Vec<(&(String, Direction), &Decimal)> = offer.service_levels.iter().collect();
    levels.sort();
    let mut security: Vec<&str> = offer.security.iter().map(String::as_str).collect();
    security.sort_unstable();
    let mut v = Object::default();
    v.maybe("availability", offer.availability.map(number))
        .set(
            "capacity",
            list(&capacity, |(metric, value)| {
                let mut item = Object::default();
                item.set("metric", text(metric))
                    .set("value", number(**value));
                item.build()
            }),
        )
        .set(
            "service_levels",
            list(&levels, |((metric, dir), bound)| {
                let mut item = Object::default();
                item.set("metric", text(metric))
                    .set(direction(*dir), number(**bound));
                item.build()
            }),
        )
        .set("continuity", {
            let mut continuity = Object::default();
            continuity
                .maybe("rto_hours", offer.rto_hours.map(number))
                .maybe("rpo_hours", offer.rpo_hours.map(number));
            continuity.build()
        })
        .set("security", texts(security.into_iter()));
    v.build()
}

fn provision_cost(cost: &ProvisionCost) -> Value {
    let mut item = Object::default();
    item.set("name", text(&cost.name))
        .set("dimension", text(dimension(cost.dimension)))
        .set("amount", number(cost.amount))
        .set("per", text(per(cost.per)))
        .maybe("unit", cost.unit.as_deref().map(text));
    item.build()
}

fn risk(risk: &Risk) -> Value {
    let mut item = Object::default();
    item.set("name", text(&risk.name))
        .set("likelihood", number(risk.likelihood))
        .set("impact", number(risk.impact));
    item.build()
}

fn relationship(
    index: &Index<'_>,
    i: usize,
    r: &crate::model::Relationship,
    needs: Needs,
) -> Value {
    let c = index.catalogue;
    let holders = |list: &[crate::model::Ref<crate::model::RoleHolderRef>]| {
        texts(list.iter().map(|h| h.id.as_str()))
    };
    let mut roles = Object::default();
    roles
        .set("customer", holders(&r.roles.customer))
        .set("user", holders(&r.roles.user))
        .set("sponsor", holders(&r.roles.sponsor));
    let mut requirements = Object::default();
    requirements
        .set(
            "outcomes",
            list(&r.requirements.outcomes, |o| {
                let mut item = Object::default();
                item.set("outcome", text(&o.outcome.id))
                    .set("priority", text(priority(o.priority)))
                    .set("weight", number(o.weight));
                item.build()
            }),
        )
        .maybe("warranty", r.requirements.warranty.as_ref().map(warranty));
    let cost = |cost: &crate::model::Cost| {
        let mut item = Object::default();
        item.set("name", text(&cost.name))
            .set("category", text(category(cost.category)))
            .set("amount", number(cost.amount))
            .set("per", text(per(cost.per)));
        item.build()
    };
    let mut costs = Object::default();
    costs
        .set("removed", list(&r.costs.removed, cost))
        .set("imposed", list(&r.costs.imposed, cost));
    let mut risks = Object::default();
    risks
        .set("removed", list(&r.risks.removed, risk))
        .set("imposed", list(&r.risks.imposed, risk));
    let priced = |item: &mut Object, priced: Option<&crate::model::Priced>| {
        if let Some(p) = priced {
            item.set("amount", number(p.amount))
                .set("per", text(per(p.per)));
        }
    };
    let mut provision = Object::default();
    provision
        .set("costs", list(&r.provision.costs, provision_cost))
        .set("risks", list(&r.provision.risks, risk))
        .set(
            "benefits",
            list(&r.provision.benefits, |b| {
                let mut item = Object::default();
                item.set("name", text(&b.name))
                    .set("kind", text(b.kind.as_str()));
                priced(&mut item, b.priced.as_ref());
                item.build()
            }),
        );
    let stakeholders = list(&r.stakeholders, |s| {
        let mut item = Object::default();
        item.set("party", text(&s.party.id))
            .set("role", text(stakeholder_role(s.role)))
            .maybe("interest", s.interest.as_deref().map(text))
            .set(
                "effects",
                list(&s.effects, |e| {
                    let mut effect = Object::default();
                    effect
                        .set("name", text(&e.name))
                        .set("direction", text(e.direction.as_str()));
                    priced(&mut effect, e.priced.as_ref());
                    effect.build()
                }),
            );
        item.build()
    });
    let mut v = common(&r.common);
    v.set("provider", text(&r.provider.id))
        .set("consumer", text(&r.consumer.id))
        .set("offering", text(&r.offering.id))
        .set("quantity", number(r.quantity))
        .set("roles", roles.build())
        .set("stakeholders", stakeholders)
        .set("requirements", requirements.build())
        .set("costs", costs.build())
        .set("risks", risks.build())
        .set("provision", provision.build())
        .maybe(
            "assessment",
            index
                .assessments
                .get(i)
                .and_then(Option::as_ref)
                .filter(|_| needs.assessment)
                .map(assessment),
        )
        .set("provider_chain", chain(c, Some(r.provider.index())))
        .set("consumer_chain", chain(c, Some(r.consumer.index())));
    v.build()
}

/// A relationship's assessment, the shape of `svs assess --format json` (unrounded).
fn assessment(a: &crate::assess::Assessment) -> Value {
    let sums = |s: crate::assess::Sums| {
        let mut item = Object::default();
        item.set("removed", number(s.removed))
            .set("imposed", number(s.imposed))
            .set("net", number(s.net()));
        item.build()
    };
    let mut utility = Object::default();
    utility
        .set("score", number(a.utility.score))
        .set("fit_for_purpose", a.utility.fit_for_purpose)
        .set(
            "facilitated",
            texts(a.utility.facilitated.iter().map(String::as_str)),
        )
        .set(
            "missing",
            texts(a.utility.missing.iter().map(String::as_str)),
        );
    let mut warranty = Object::default();
    warranty
        .set("score", number(a.warranty.score))
        .set("fit_for_use", a.warranty.fit_for_use)
        .set(
            "checks",
            i64::try_from(a.warranty.checks).unwrap_or(i64::MAX),
        )
        .set("met", i64::try_from(a.warranty.met).unwrap_or(i64::MAX))
        .set(
            "unmet",
            list(&a.warranty.unmet, |u| {
                let mut item = Object::default();
                item.set("check", text(&u.check))
                    .set("required", text(&u.required))
                    .set("offered", u.offered.as_deref().map_or(Value::Null, text));
                item.build()
            }),
        );
    let side = &a.provider;
    let mut cost_of_provision = Object::default();
    cost_of_provision
        .set("direct", number(side.cost_of_provision.direct))
        .set("shared", number(side.cost_of_provision.shared))
        .set("total", number(side.cost_of_provision.total));
    let mut provider = Object::default();
    provider
        .set("revenue", number(side.revenue))
        .set("cost_of_provision", cost_of_provision.build())
        .set("risks", number(side.risks))
        .set("benefits", number(side.benefits))
        .set(
            "unpriced_benefits",
            texts(side.unpriced_benefits.iter().map(String::as_str)),
        )
        .set("margin", number(side.margin))
        .set("margin_pct", side.margin_pct.map_or(Value::Null, number))
        .set("target_margin", number(side.target_margin))
        .set("verdict", text(side.verdict.as_str()))
        .set("reasons", texts(side.reasons.iter().map(|r| r.as_str())));
    let mut v = Object::default();
    v.set("utility", utility.build())
        .set("warranty", warranty.build())
        .set("costs", sums(a.costs))
        .set("risks", sums(a.risks))
        .set("net_value", number(a.net_value))
        .set("verdict", text(a.verdict.as_str()))
        .set("reasons", texts(a.reasons.iter().map(|r| r.as_str())))
        .set("provider_side", provider.build())
        .set("co_creation", text(a.co_creation.as_str()))
        .set(
            "stakeholders",
            list(&a.stakeholders, |s| {
                let mut item = Object::default();
                item.set("party", text(&s.party))
                    .set("role", text(stakeholder_role(s.role)))
                    .set("gains", number(s.gains))
                    .set("losses", number(s.losses))
                    .set("net", number(s.net()))
                    .set("unpriced", texts(s.unpriced.iter().map(String::as_str)));
                item.build()
            }),
        );
    v.build()
}

// The format's words for the values of closed sets: the decoder's own tables, so that a
// rule compares with the words the catalogue is written in.

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
        Direction::Max => "max",
        Direction::Min => "min",
    }
}

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
