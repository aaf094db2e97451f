//! SVS319 `evidence-not-required`.
//!
//! Evidence is judged against what the relationship requires (SPEC §10.3): a capacity or
//! service-level metric, or an outcome, that it does not require is measured for nothing,
//! and is most often a misspelt name of one it does. The suggestion compares only with
//! the names of the same kind that the relationship requires.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Evidence, Relationship, Spanned};
use crate::source::Span;
use crate::suggest::closest;

#[doc = include_str!("evidence_not_required.md")]
pub struct EvidenceNotRequired;

/// What a relationship requires that a record can measure by name.
struct Required<'c> {
    /// The required capacity metrics.
    capacity_metrics: Vec<&'c str>,
    /// The metrics of the required service levels, whatever their direction.
    level_metrics: Vec<&'c str>,
    /// The required outcomes, by index and id.
    outcome_ids: Vec<(usize, &'c str)>,
}

impl<'c> Required<'c> {
    fn of(relationship: &'c Relationship) -> Self {
        let warranty = relationship.requirements.warranty.as_ref();
        Required {
            capacity_metrics: warranty
                .iter()
                .flat_map(|w| &w.capacity)
                .map(|c| c.metric.value.as_str())
                .collect(),
            level_metrics: warranty
                .iter()
                .flat_map(|w| &w.service_levels)
                .map(|l| l.metric.value.as_str())
                .collect(),
            outcome_ids: relationship
                .requirements
                .outcomes
                .iter()
                .map(|o| (o.outcome.index(), &*o.outcome.id))
                .collect(),
        }
    }
}

/// What kind of thing a record measures by name.
#[derive(Clone, Copy)]
enum Measured {
    CapacityMetric,
    LevelMetric,
    Outcome,
}

impl Measured {
    /// The thing in words, for messages.
    fn noun(self) -> &'static str {
        match self {
            Measured::CapacityMetric => "the capacity metric",
            Measured::LevelMetric => "the service-level metric",
            Measured::Outcome => "the outcome",
        }
    }

    /// Where in the relationship it would be required.
    fn requirement(self) -> &'static str {
        match self {
            Measured::CapacityMetric => "requirements.warranty.capacity",
            Measured::LevelMetric => "requirements.warranty.service_levels",
            Measured::Outcome => "requirements.outcomes",
        }
    }
}

/// One thing a record measures that its relationship does not require.
struct Unrequired<'e> {
    measured: Measured,
    /// The metric or the outcome's id, as the record writes it.
    written: &'e str,
    span: Span,
    /// The closest name of the same kind that the relationship does require.
    suggestion: Option<&'e str>,
}

/// The metrics of `metrics`, of the kind `measured`, that `required` does not name.
fn unrequired_metrics<'e>(
    metrics: impl Iterator<Item = &'e Spanned<String>>,
    required: &[&'e str],
    measured: Measured,
    out: &mut Vec<Unrequired<'e>>,
) {
    for metric in metrics {
        let written = metric.value.as_str();
        if !required.contains(&written) {
            out.push(Unrequired {
                measured,
                written,
                span: metric.span,
                suggestion: closest(written, required.iter().copied()),
            });
        }
    }
}

/// Everything `record` measures that `required` does not, in the record's order.
fn unrequired<'e>(record: &'e Evidence, required: &Required<'e>) -> Vec<Unrequired<'e>> {
    let mut out = Vec::new();
    if let Some(warranty) = &record.warranty {
        unrequired_metrics(
            warranty.capacity.iter().map(|m| &m.metric),
            &required.capacity_metrics,
            Measured::CapacityMetric,
            &mut out,
        );
        unrequired_metrics(
            warranty.service_levels.iter().map(|m| &m.metric),
            &required.level_metrics,
            Measured::LevelMetric,
            &mut out,
        );
    }
    for measured in &record.outcomes {
        let outcome = measured.outcome.index();
        if !required.outcome_ids.iter().any(|(index, _)| *index == outcome) {
            let written = &*measured.outcome.id;
            out.push(Unrequired {
                measured: Measured::Outcome,
                written,
                span: measured.outcome.span,
                suggestion: closest(written, required.outcome_ids.iter().map(|(_, id)| *id)),
            });
        }
    }
    out
}

impl Rule for EvidenceNotRequired {
    fn code(&self) -> Code {
        codes::EVIDENCE_NOT_REQUIRED
    }

    fn doc(&self) -> &'static str {
        include_str!("evidence_not_required.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let relationships = &index.catalogue.relationships;
        // Each relationship's requirements are gathered once, however many records it has.
        let mut required: Vec<Option<Required<'_>>> =
            std::iter::repeat_with(|| None).take(relationships.len()).collect();
        for record in &index.catalogue.evidence {
            let r = record.relationship.index();
            let relationship = &relationships[r];
            let required = required[r].get_or_insert_with(|| Required::of(relationship));
            for item in unrequired(record, required) {
                let help = match item.suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "measure what the relationship requires, or add {} to `{}` if the \
                         consumer does require it",
                        item.measured.noun(),
                        item.measured.requirement()
                    ),
                };
                out.push(
                    index
                        .finding(
                            self.code(),
                            item.span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: the evidence of {} measures {} `{}`, \
                                 which the relationship does not require",
                                relationship.common.id.value,
                                record.period.value,
                                item.measured.noun(),
                                item.written,
                            ),
                        )
                        .with_help(help),
                );
            }
        }
    }
}
