//! Findings as JSON (docs/json.md): a stable shape for CI and for baselines.
//!
//! Keys are never renamed; new keys may be added. `help` and `entity` are `null` when
//! absent, so every finding has the same keys.

mod delivered;
mod history;

pub use history::render_history;

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::LintReport;
use crate::source::SourceMap;

#[derive(Serialize)]
struct Document<'a> {
    findings: Vec<Finding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    entity: Option<&'a str>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    error: usize,
    warning: usize,
    info: usize,
    suppressed: usize,
    baselined: usize,
}

fn finding<'a>(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Finding<'a> {
    let position = sources.position(diagnostic.span);
    Finding {
        code: diagnostic.code.code(),
        rule: diagnostic.code.name(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        file: &sources.file(diagnostic.span.file).path,
        line: position.line,
        column: position.column,
        entity: diagnostic.entity.as_deref(),
        related: diagnostic
            .labels
            .iter()
            .map(|label| {
                let position = sources.position(label.span);
                Related {
                    message: &label.message,
                    file: &sources.file(label.span.file).path,
                    line: position.line,
                    column: position.column,
                }
            })
            .collect(),
    }
}

/// Writes the findings document, pretty-printed, with a final newline.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
) -> io::Result<()> {
    let document = Document {
        findings: report
            .findings
            .iter()
            .map(|d| finding(d, sources))
            .collect(),
        summary: Summary {
            files: report.files,
            error: report.count(Severity::Error),
            warning: report.count(Severity::Warning),
            info: report.count(Severity::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// A decimal printed as a JSON number rounded half away from zero to two decimals, from
/// its exact text (never through a binary float).
pub(crate) struct Rounded(pub(crate) rust_decimal::Decimal);

impl Serialize for Rounded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = crate::figures::plain(self.0)
            .parse()
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

/// A cost told by the four dimensions: an object with one key per dimension, in the order
/// of [`crate::model::Dimension::ALL`], each part rounded on its own.
struct ByDimensionValue(crate::assess::provision::ByDimension);

impl Serialize for ByDimensionValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        for (dimension, part) in self.0.parts() {
            map.serialize_entry(dimension.as_str(), &Rounded(part))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct AssessmentDocument<'a> {
    catalogue: &'a str,
    currency: Option<&'a str>,
    horizon_months: u32,
    /// The date budgets and evidence are judged at (SPEC §4), `YYYY-MM-DD`.
    as_of: String,
    relationships: Vec<RelationshipValue<'a>>,
    providers: Vec<PortfolioValue<'a>>,
    consumers: Vec<ConsumerValue<'a>>,
    summary: AssessmentSummary,
}

#[derive(Serialize)]
struct RelationshipValue<'a> {
    id: &'a str,
    provider: &'a str,
    consumer: &'a str,
    offering: &'a str,
    utility: UtilityValue<'a>,
    warranty: WarrantyValue<'a>,
    costs: SumsValue,
    risks: SumsValue,
    net_value: Rounded,
    verdict: &'static str,
    reasons: Vec<&'static str>,
    /// `null` where the audience does not see the provider's side (`--for` a consumer).
    provider_side: Option<ProviderSideValue<'a>>,
    /// `null` with `provider_side`: it follows from the provider's verdict.
    co_creation: Option<&'static str>,
    /// `null` with `provider_side`: the other stakeholders are not the consumer's to see.
    stakeholders: Option<Vec<StakeholderEffectsValue<'a>>>,
    /// What the sponsor authorised, as written; `null` without a budget.
    budget: Option<delivered::BudgetValue<'a>>,
    /// What it delivered in the period judged (SPEC §10.3).
    delivered: delivered::DeliveredValue<'a>,
}

#[derive(Serialize)]
struct ProviderSideValue<'a> {
    revenue: Rounded,
    cost_of_provision: CostOfProvisionValue,
    cost_by_dimension: ByDimensionValue,
    risks: Rounded,
    benefits: Rounded,
    unpriced_benefits: &'a [String],
    margin: Rounded,
    margin_pct: Option<Rounded>,
    target_margin: Rounded,
    verdict: &'static str,
    reasons: Vec<&'static str>,
}

#[derive(Serialize)]
struct CostOfProvisionValue {
    direct: Rounded,
    shared: Rounded,
    total: Rounded,
}

#[derive(Serialize)]
struct StakeholderEffectsValue<'a> {
    party: &'a str,
    role: &'static str,
    gains: Rounded,
    losses: Rounded,
    net: Rounded,
    unpriced: &'a [String],
}

#[derive(Serialize)]
struct PortfolioValue<'a> {
    id: &'a str,
    revenue: Rounded,
    cost_of_provision: Rounded,
    cost_by_dimension: ByDimensionValue,
    risks: Rounded,
    benefits: Rounded,
    unrecovered: Rounded,
    margin: Rounded,
    margin_pct: Option<Rounded>,
    target_margin: Rounded,
    sustainable: Option<bool>,
    relationships: PortfolioCounts,
}

#[derive(Serialize)]
struct PortfolioCounts {
    sustainable: usize,
    unsustainable: usize,
    unassessed: usize,
}

#[derive(Serialize)]
struct ConsumerValue<'a> {
    id: &'a str,
    relationships: ConsumerCounts,
    costs_removed: Rounded,
    costs_imposed: Rounded,
    risks_net: Rounded,
    net_value: Rounded,
    budget: Option<Rounded>,
    over_budget: Vec<&'a str>,
}

#[derive(Serialize)]
struct ConsumerCounts {
    value: usize,
    no_value: usize,
    unassessed: usize,
}

fn consumer<'a>(
    catalogue: &'a crate::model::Catalogue,
    entry: &crate::assess::consumers::ConsumerPortfolio,
) -> ConsumerValue<'a> {
    ConsumerValue {
        id: &catalogue.organizations[entry.organization].common.id.value,
        relationships: ConsumerCounts {
            value: entry.value_count,
            no_value: entry.no_value_count,
            unassessed: entry.unassessed_count,
        },
        costs_removed: Rounded(entry.costs_removed),
        costs_imposed: Rounded(entry.costs_imposed),
        risks_net: Rounded(entry.risks_net),
        net_value: Rounded(entry.net_value),
        budget: entry.budget.map(Rounded),
        over_budget: entry
            .over_budget
            .iter()
            .map(|&r| catalogue.relationships[r].common.id.value.as_str())
            .collect(),
    }
}

#[derive(Serialize)]
struct CoCreationCounts {
    mutual: usize,
    consumer_only: usize,
    provider_only: usize,
    neither: usize,
    not_mutual: usize,
    unassessed: usize,
}

fn provider_side(side: &crate::assess::provision::ProviderSide) -> ProviderSideValue<'_> {
    ProviderSideValue {
        revenue: Rounded(side.revenue),
        cost_of_provision: CostOfProvisionValue {
            direct: Rounded(side.cost_of_provision.direct),
            shared: Rounded(side.cost_of_provision.shared),
            total: Rounded(side.cost_of_provision.total),
        },
        cost_by_dimension: ByDimensionValue(side.cost_of_provision.by_dimension),
        risks: Rounded(side.risks),
        benefits: Rounded(side.benefits),
        unpriced_benefits: &side.unpriced_benefits,
        margin: Rounded(side.margin),
        margin_pct: side.margin_pct.map(Rounded),
        target_margin: Rounded(side.target_margin),
        verdict: side.verdict.as_str(),
        reasons: side.reasons.iter().map(|r| r.as_str()).collect(),
    }
}

fn portfolio<'a>(
    catalogue: &'a crate::model::Catalogue,
    entry: &crate::assess::provision::Portfolio,
) -> PortfolioValue<'a> {
    PortfolioValue {
        id: &catalogue.organizations[entry.organization].common.id.value,
        revenue: Rounded(entry.revenue),
        cost_of_provision: Rounded(entry.cost_of_provision),
        cost_by_dimension: ByDimensionValue(entry.cost_by_dimension),
        risks: Rounded(entry.risks),
        benefits: Rounded(entry.benefits),
        unrecovered: Rounded(entry.unrecovered),
        margin: Rounded(entry.margin),
        margin_pct: entry.margin_pct.map(Rounded),
        target_margin: Rounded(entry.target_margin),
        sustainable: entry.sustainable,
        relationships: PortfolioCounts {
            sustainable: entry.sustainable_count,
            unsustainable: entry.unsustainable_count,
            unassessed: entry.unassessed_count,
        },
    }
}

#[derive(Serialize)]
struct UtilityValue<'a> {
    score: Rounded,
    fit_for_purpose: bool,
    facilitated: &'a [String],
    missing: &'a [String],
}

#[derive(Serialize)]
struct WarrantyValue<'a> {
    score: Rounded,
    fit_for_use: bool,
    checks: usize,
    met: usize,
    unmet: Vec<UnmetValue<'a>>,
}

#[derive(Serialize)]
struct UnmetValue<'a> {
    check: &'a str,
    required: &'a str,
    offered: Option<&'a str>,
}

#[derive(Serialize)]
struct SumsValue {
    removed: Rounded,
    imposed: Rounded,
    net: Rounded,
}

impl From<crate::assess::Sums> for SumsValue {
    fn from(sums: crate::assess::Sums) -> Self {
        SumsValue {
            removed: Rounded(sums.removed),
            imposed: Rounded(sums.imposed),
            net: Rounded(sums.net()),
        }
    }
}

#[derive(Serialize)]
struct AssessmentSummary {
    relationships: usize,
    value: usize,
    no_value: usize,
    unassessed: usize,
    net_value: Rounded,
    co_creation: CoCreationCounts,
    delivered: delivered::DeliveredCounts,
}

/// Writes the assessment document described in docs/json.md, pretty-printed, with a final
/// newline. Where `audience` does not see a relationship's provider's side, its
/// `provider_side`, `co_creation` and `stakeholders` are `null` and it is left out of
/// `summary.co_creation`.
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    evaluation: &crate::assess::Evaluation,
    audience: &crate::audience::Audience,
    as_of: jiff::civil::Date,
) -> io::Result<()> {
    use crate::assess::Verdict;
    use crate::assess::provision::CoCreation;
    let assessments = &evaluation.relationships;
    let sees = |a: &crate::assess::Assessment| {
        audience.sees_provider_side(&catalogue.relationships[a.relationship])
    };
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    let together = |c| {
        assessments
            .iter()
            .filter(|a| sees(a) && a.co_creation == c)
            .count()
    };
    let document = AssessmentDocument {
        catalogue: &catalogue.metadata.name,
        currency: catalogue.metadata.currency.as_deref(),
        horizon_months: catalogue.metadata.horizon_months,
        as_of: as_of.to_string(),
        relationships: assessments
            .iter()
            .map(|a| {
                let r = &catalogue.relationships[a.relationship];
                let sees = sees(a);
                RelationshipValue {
                    id: &r.common.id.value,
                    provider: &r.provider.id,
                    consumer: &r.consumer.id,
                    offering: &r.offering.id,
                    utility: UtilityValue {
                        score: Rounded(a.utility.score),
                        fit_for_purpose: a.utility.fit_for_purpose,
                        facilitated: &a.utility.facilitated,
                        missing: &a.utility.missing,
                    },
                    warranty: WarrantyValue {
                        score: Rounded(a.warranty.score),
                        fit_for_use: a.warranty.fit_for_use,
                        checks: a.warranty.checks,
                        met: a.warranty.met,
                        unmet: a
                            .warranty
                            .unmet
                            .iter()
                            .map(|u| UnmetValue {
                                check: &u.check,
                                required: &u.required,
                                offered: u.offered.as_deref(),
                            })
                            .collect(),
                    },
                    costs: a.costs.into(),
                    risks: a.risks.into(),
                    net_value: Rounded(a.net_value),
                    verdict: a.verdict.as_str(),
                    reasons: a.reasons.iter().map(|r| r.as_str()).collect(),
                    provider_side: sees.then(|| provider_side(&a.provider)),
                    co_creation: sees.then(|| a.co_creation.as_str()),
                    stakeholders: sees.then(|| stakeholders(a)),
                    budget: r.budget.as_ref().map(delivered::budget),
                    delivered: delivered::delivered(&a.delivered),
                }
            })
            .collect(),
        providers: evaluation
            .providers
            .iter()
            .map(|entry| portfolio(catalogue, entry))
            .collect(),
        consumers: evaluation
            .consumers
            .iter()
            .map(|entry| consumer(catalogue, entry))
            .collect(),
        summary: AssessmentSummary {
            relationships: assessments.len(),
            value: count(Verdict::Value),
            no_value: count(Verdict::NoValue),
            unassessed: count(Verdict::Unassessed),
            net_value: Rounded(crate::assess::assessed_net_value(assessments)),
            co_creation: CoCreationCounts {
                mutual: together(CoCreation::Mutual),
                consumer_only: together(CoCreation::ConsumerOnly),
                provider_only: together(CoCreation::ProviderOnly),
                neither: together(CoCreation::Neither),
                not_mutual: together(CoCreation::NotMutual),
                unassessed: together(CoCreation::Unassessed),
            },
            delivered: delivered::counts(assessments),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// What a relationship means for each of its other stakeholders.
fn stakeholders(a: &crate::assess::Assessment) -> Vec<StakeholderEffectsValue<'_>> {
    a.stakeholders
        .iter()
        .map(|s| StakeholderEffectsValue {
            party: &s.party,
            role: crate::roles::stakeholder_role(s.role),
            gains: Rounded(s.gains),
            losses: Rounded(s.losses),
            net: Rounded(s.net()),
            unpriced: &s.unpriced,
        })
        .collect()
}

#[derive(Serialize)]
struct ProvidersDocument<'a> {
    catalogue: &'a str,
    currency: Option<&'a str>,
    horizon_months: u32,
    /// The date budgets and evidence are judged at (SPEC §4), `YYYY-MM-DD`.
    as_of: String,
    providers: Vec<PortfolioValue<'a>>,
}

/// Writes the provider portfolio alone (`svs assess --view providers`): the `providers`
/// list of the assessment document, with the catalogue's name, currency and horizon.
pub fn render_providers(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    providers: &[crate::assess::provision::Portfolio],
    as_of: jiff::civil::Date,
) -> io::Result<()> {
    let document = ProvidersDocument {
        catalogue: &catalogue.metadata.name,
        currency: catalogue.metadata.currency.as_deref(),
        horizon_months: catalogue.metadata.horizon_months,
        as_of: as_of.to_string(),
        providers: providers.iter().map(|p| portfolio(catalogue, p)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[derive(Serialize)]
struct ConsumersDocument<'a> {
    catalogue: &'a str,
    currency: Option<&'a str>,
    horizon_months: u32,
    /// The date budgets and evidence are judged at (SPEC §4), `YYYY-MM-DD`.
    as_of: String,
    consumers: Vec<ConsumerValue<'a>>,
}

/// Writes the consumer portfolio alone (`svs assess --view consumers`): the `consumers`
/// list of the assessment document, with the catalogue's name, currency and horizon.
pub fn render_consumers(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    consumers: &[crate::assess::consumers::ConsumerPortfolio],
    as_of: jiff::civil::Date,
) -> io::Result<()> {
    let document = ConsumersDocument {
        catalogue: &catalogue.metadata.name,
        currency: catalogue.metadata.currency.as_deref(),
        horizon_months: catalogue.metadata.horizon_months,
        as_of: as_of.to_string(),
        consumers: consumers.iter().map(|c| consumer(catalogue, c)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// An entity named in a roles document.
#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

fn named(catalogue: &crate::model::Catalogue, kind: crate::model::Kind, index: usize) -> Named<'_> {
    let common = catalogue.common(kind, index);
    Named {
        id: &common.id.value,
        name: common.name.as_deref().unwrap_or_default(),
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum HolderValue<'a> {
    Person {
        id: &'a str,
        name: &'a str,
        organization: &'a str,
        title: Option<&'a str>,
    },
    Group {
        id: &'a str,
        name: &'a str,
        organization: Option<&'a str>,
        size: Option<u64>,
        members: Vec<Named<'a>>,
    },
}

fn holder(catalogue: &crate::model::Catalogue, holder: crate::roles::Holder) -> HolderValue<'_> {
    use crate::model::Kind;
    match holder {
        crate::roles::Holder::Person(p) => {
            let person = &catalogue.people[p];
            HolderValue::Person {
                id: &person.common.id.value,
                name: person.common.name.as_deref().unwrap_or_default(),
                organization: &person.organization.id,
                title: person.title.as_deref(),
            }
        }
        crate::roles::Holder::Group(g) => {
            let group = &catalogue.groups[g];
            HolderValue::Group {
                id: &group.common.id.value,
                name: group.common.name.as_deref().unwrap_or_default(),
                organization: group.organization.as_ref().map(|o| &*o.id),
                size: group.size,
                members: group
                    .members
                    .iter()
                    .map(|m| named(catalogue, Kind::Person, m.index()))
                    .collect(),
            }
        }
    }
}

#[derive(Serialize)]
struct RolesDocument<'a> {
    catalogue: &'a str,
    relationships: Vec<RelationshipRolesValue<'a>>,
}

#[derive(Serialize)]
struct RelationshipRolesValue<'a> {
    id: &'a str,
    provider: Named<'a>,
    consumer: Named<'a>,
    offering: Named<'a>,
    customer: Vec<HolderValue<'a>>,
    user: Vec<HolderValue<'a>>,
    sponsor: Vec<HolderValue<'a>>,
    stakeholders: Vec<StakeholderValue<'a>>,
    notes: Vec<NoteValue>,
}

#[derive(Serialize)]
struct StakeholderValue<'a> {
    party: Named<'a>,
    kind: &'static str,
    role: &'static str,
    interest: Option<&'a str>,
    effects: Vec<EffectValue<'a>>,
    gains: Rounded,
    losses: Rounded,
    net: Rounded,
    unpriced: &'a [String],
}

#[derive(Serialize)]
struct EffectValue<'a> {
    name: &'a str,
    direction: &'static str,
    per_year: Option<Rounded>,
}

#[derive(Serialize)]
struct NoteValue {
    kind: &'static str,
    person: Option<String>,
    message: String,
}

/// Writes the roles of each relationship as JSON.
pub fn render_roles(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    roles: &[crate::roles::RelationshipRoles],
) -> io::Result<()> {
    use crate::model::Kind;
    let document = RolesDocument {
        catalogue: &catalogue.metadata.name,
        relationships: roles
            .iter()
            .map(|rr| {
                let r = &catalogue.relationships[rr.relationship];
                let [customer, user, sponsor] = rr.holders.each_ref().map(|list| {
                    list.iter()
                        .map(|h| holder(catalogue, *h))
                        .collect::<Vec<_>>()
                });
                RelationshipRolesValue {
                    id: &r.common.id.value,
                    provider: named(catalogue, Kind::Organization, r.provider.index()),
                    consumer: named(catalogue, Kind::Organization, r.consumer.index()),
                    offering: named(catalogue, Kind::Offering, r.offering.index()),
                    customer,
                    user,
                    sponsor,
                    stakeholders: r
                        .stakeholders
                        .iter()
                        .zip(&rr.stakeholders)
                        .map(|(s, effects)| {
                            let (kind, index) = s.party.target();
                            StakeholderValue {
                                party: named(catalogue, kind, index),
                                kind: kind.noun(),
                                role: crate::roles::stakeholder_role(s.role),
                                interest: s.interest.as_deref(),
                                effects: effects
                                    .effects
                                    .iter()
                                    .map(|e| EffectValue {
                                        name: &e.name,
                                        direction: e.direction.as_str(),
                                        per_year: e.per_year.map(Rounded),
                                    })
                                    .collect(),
                                gains: Rounded(effects.value.gains),
                                losses: Rounded(effects.value.losses),
                                net: Rounded(effects.value.net()),
                                unpriced: &effects.value.unpriced,
                            }
                        })
                        .collect(),
                    notes: rr
                        .notes
                        .iter()
                        .map(|n| NoteValue {
                            kind: n.kind(),
                            person: match n {
                                crate::roles::Note::OnePersonHoldsAllRoles(p) => {
                                    Some(catalogue.people[*p].common.id.value.clone())
                                }
                                _ => None,
                            },
                            message: n.message(catalogue),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[derive(Serialize)]
struct PeopleDocument<'a> {
    catalogue: &'a str,
    people: Vec<PersonRolesValue<'a>>,
}

#[derive(Serialize)]
struct PersonRolesValue<'a> {
    id: &'a str,
    name: &'a str,
    organization: &'a str,
    title: Option<&'a str>,
    roles: Vec<HeldRoleValue<'a>>,
}

#[derive(Serialize)]
struct HeldRoleValue<'a> {
    relationship: &'a str,
    role: &'static str,
    via: Option<&'a str>,
}

/// Writes every listed person with the roles they hold, as JSON.
pub fn render_people(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    people: &[usize],
    held: &[Vec<crate::roles::HeldRole>],
) -> io::Result<()> {
    let document = PeopleDocument {
        catalogue: &catalogue.metadata.name,
        people: people
            .iter()
            .map(|&p| {
                let person = &catalogue.people[p];
                PersonRolesValue {
                    id: &person.common.id.value,
                    name: person.common.name.as_deref().unwrap_or_default(),
                    organization: &person.organization.id,
                    title: person.title.as_deref(),
                    roles: held[p]
                        .iter()
                        .map(|h| HeldRoleValue {
                            relationship: &catalogue.relationships[h.relationship].common.id.value,
                            role: h.role.as_str(),
                            via: h.via.map(|g| catalogue.groups[g].common.id.value.as_str()),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
