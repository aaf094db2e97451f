//! SVS318 `value-not-perceived`.
//!
//! Value depends on the perception of the stakeholders: a relationship whose figures say
//! `value` while the consumer's own people rate it below the threshold has value on
//! paper only. The rule reads the perception of the delivered assessment of each
//! relationship's latest record (SPEC §10.3), one finding per role below the threshold.

use crate::assess::Verdict;
use crate::assess::delivered::Perceived;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::figures::plain;
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{ConsumerRole, Perceiver};

#[doc = include_str!("value_not_perceived.md")]
pub struct ValueNotPerceived;

impl Rule for ValueNotPerceived {
    fn code(&self) -> Code {
        codes::VALUE_NOT_PERCEIVED
    }

    fn doc(&self) -> &'static str {
        include_str!("value_not_perceived.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        let threshold = catalogue.metadata.perception_threshold;
        for (r, relationship) in catalogue.relationships.iter().enumerate() {
            let Some(assessment) = index.assessments[r].as_ref() else {
                continue;
            };
            let Some(figures) = assessment.delivered.figures.as_ref() else {
                continue;
            };
            let Some(record) = index.records.latest(catalogue, r) else {
                continue;
            };
            if assessment.verdict != Verdict::Value {
                continue;
            }
            for perceived in &figures.perception {
                let Perceived::Role(role) = perceived.who else {
                    continue;
                };
                if perceived.score >= threshold {
                    continue;
                }
                let span = record
                    .perception
                    .iter()
                    .find(|e| e.who == Perceiver::Role(role))
                    .map_or(record.span, |e| e.span);
                let responses = match perceived.responses {
                    1 => "1 response".to_owned(),
                    n => format!("{n} responses"),
                };
                out.push(
                    index
                        .finding(
                            self.code(),
                            span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: the consumer's verdict is value, but in its \
                                 latest evidence record ({}) its {} perceive it at {} out of \
                                 100 ({responses}), below the threshold of {}",
                                relationship.common.id.value,
                                record.period.value,
                                who(role),
                                plain(perceived.score),
                                threshold.normalize(),
                            ),
                        )
                        .with_help(
                            "ask them what falls short and record it in the next period's \
                             `note`: a requirement they need may be missing from \
                             `requirements`; the threshold is `catalogue.thresholds.perception`",
                        ),
                );
            }
        }
    }
}

/// The role's holders, for people.
fn who(role: ConsumerRole) -> &'static str {
    match role {
        ConsumerRole::Customer => "customers",
        ConsumerRole::User => "users",
        ConsumerRole::Sponsor => "sponsors",
    }
}
