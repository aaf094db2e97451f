//! SVS317 `warranty-breached`.
//!
//! Warranty is the assurance that agreed requirements *will be met*; the evidence says
//! whether they were. The rule reads the delivered assessment of each relationship's
//! latest record (SPEC §10.3), so it flags exactly the checks `svs assess` counts as
//! breached, one finding per check, at the achieved value in the record.

use crate::assess::delivered::BreachedCheck;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::keys::names;
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Direction, Evidence, Warranty};
use crate::source::Span;

#[doc = include_str!("warranty_breached.md")]
pub struct WarrantyBreached;

impl Rule for WarrantyBreached {
    fn code(&self) -> Code {
        codes::WARRANTY_BREACHED
    }

    fn doc(&self) -> &'static str {
        include_str!("warranty_breached.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for (r, relationship) in catalogue.relationships.iter().enumerate() {
            let Some(figures) = index.assessments[r]
                .as_ref()
                .and_then(|a| a.delivered.figures.as_ref())
            else {
                continue;
            };
            let (Some(record), Some(required)) = (
                index.records.latest(catalogue, r),
                relationship.requirements.warranty.as_ref(),
            ) else {
                continue;
            };
            for breached in &figures.warranty.breached {
                let (bound, required_at) = requirement(required, &breached.check);
                let what = match &breached.achieved {
                    Some(achieved) => format!(
                        "achieved {achieved}, required {bound}{}",
                        breached.required
                    ),
                    None => "the control failed, and it is required to hold".to_owned(),
                };
                let mut finding = index
                    .finding(
                        self.code(),
                        achieved_at(record, &breached.check).unwrap_or(record.span),
                        &relationship.common,
                        format!(
                            "relationship `{}`: its latest evidence record ({}) breaches the \
                             required warranty check `{}`: {what}",
                            relationship.common.id.value, record.period.value, breached.check,
                        ),
                    )
                    .with_help(help(breached));
                if let Some(span) = required_at {
                    finding = finding.with_label(span, "the requirement");
                }
                out.push(finding);
            }
        }
    }
}

fn help(breached: &BreachedCheck) -> &'static str {
    if breached.achieved.is_none() {
        "restore the control and record the next period's evidence with it held; when it is \
         no longer needed, agree that with the customer and remove it from \
         `requirements.warranty.security`"
    } else {
        "restore the level agreed and record the next period's evidence; record any service \
         credit paid under `credits`; when the requirement itself has changed, agree the new \
         one with the customer in `requirements.warranty`"
    }
}

/// The word before the required value (`at least `, `at most `, or nothing for a
/// security control) and where the requirement is written.
fn requirement(required: &Warranty, check: &str) -> (&'static str, Option<Span>) {
    if check == names::AVAILABILITY {
        return ("at least ", required.availability.as_ref().map(|a| a.span));
    }
    if check == names::RTO_HOURS {
        let at = required.continuity.rto_hours.as_ref().map(|h| h.span);
        return ("at most ", at);
    }
    if check == names::RPO_HOURS {
        let at = required.continuity.rpo_hours.as_ref().map(|h| h.span);
        return ("at most ", at);
    }
    if let Some(metric) = check.strip_prefix("capacity:") {
        let at = required.capacity.iter().find(|c| c.metric.value == metric);
        return ("at least ", at.map(|c| c.metric.span));
    }
    if let Some(metric) = check.strip_prefix("service_level:") {
        let level = required
            .service_levels
            .iter()
            .find(|l| l.metric.value == metric);
        let bound = match level.map(|l| l.direction) {
            Some(Direction::Min) => "at least ",
            _ => "at most ",
        };
        return (bound, level.map(|l| l.metric.span));
    }
    let control = check.strip_prefix("security:").unwrap_or(check);
    let at = required.security.iter().find(|c| c.value == control);
    ("", at.map(|c| c.span))
}

/// Where the record gives the achieved value of a check: the value, or the metric it
/// measures (a measurement's value has no place of its own).
fn achieved_at(record: &Evidence, check: &str) -> Option<Span> {
    let warranty = record.warranty.as_ref()?;
    let continuity = warranty.continuity.as_ref();
    if check == names::AVAILABILITY {
        return warranty.availability.as_ref().map(|a| a.span);
    }
    if check == names::RTO_HOURS {
        return continuity?.rto_hours.as_ref().map(|h| h.span);
    }
    if check == names::RPO_HOURS {
        return continuity?.rpo_hours.as_ref().map(|h| h.span);
    }
    let measured = |list: &[crate::model::Measurement], metric: &str| {
        list.iter()
            .find(|m| m.metric.value == metric)
            .map(|m| m.metric.span)
    };
    if let Some(metric) = check.strip_prefix("capacity:") {
        return measured(&warranty.capacity, metric);
    }
    if let Some(metric) = check.strip_prefix("service_level:") {
        return measured(&warranty.service_levels, metric);
    }
    let control = check.strip_prefix("security:")?;
    warranty
        .security
        .as_ref()?
        .failed
        .iter()
        .find(|f| f.value == control)
        .map(|f| f.span)
}
