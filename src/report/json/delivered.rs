//! The delivered assessment and the budget of a relationship in the assessment document
//! (SPEC §10.4, docs/json.md): `delivered` with its period, verdict, reasons and figures,
//! or only `period: null` and `verdict: "unmeasured"` without a record; `budget` as
//! written, or `null`.

use serde::Serialize;

use super::Rounded;
use crate::assess::delivered::{Delivered, DeliveredFigures, DeliveredVerdict, Perceived};
use crate::model::{Budget, BudgetPer, ConsumerRole};

#[derive(Serialize)]
pub(super) struct DeliveredValue<'a> {
    period: Option<String>,
    verdict: &'static str,
    #[serde(flatten)]
    measured: Option<MeasuredValue<'a>>,
}

#[derive(Serialize)]
struct MeasuredValue<'a> {
    reasons: Vec<&'static str>,
    warranty: WarrantyValue<'a>,
    outcomes: OutcomesValue<'a>,
    spend: Rounded,
    planned: Rounded,
    variance: Rounded,
    budget: Option<Rounded>,
    losses: Rounded,
    expected_losses: Rounded,
    perception: Vec<PerceivedValue<'a>>,
}

#[derive(Serialize)]
struct WarrantyValue<'a> {
    checks: usize,
    measured: usize,
    met: usize,
    score: Option<Rounded>,
    breached: Vec<BreachedValue<'a>>,
    not_measured: &'a [String],
}

#[derive(Serialize)]
struct BreachedValue<'a> {
    check: &'a str,
    required: &'a str,
    achieved: Option<&'a str>,
}

#[derive(Serialize)]
struct OutcomesValue<'a> {
    measured: usize,
    score: Option<Rounded>,
    achieved: &'a [String],
    not_achieved: &'a [String],
    not_measured: &'a [String],
}

#[derive(Serialize)]
#[serde(untagged)]
enum PerceivedValue<'a> {
    Role {
        role: &'static str,
        score: Rounded,
        responses: u64,
    },
    Party {
        party: &'a str,
        score: Rounded,
        responses: u64,
    },
}

/// The word of a consumer role, as the format writes it.
pub(crate) fn role_word(role: ConsumerRole) -> &'static str {
    match role {
        ConsumerRole::Customer => "customer",
        ConsumerRole::User => "user",
        ConsumerRole::Sponsor => "sponsor",
    }
}

pub(super) fn delivered(delivered: &Delivered) -> DeliveredValue<'_> {
    DeliveredValue {
        period: delivered.period.map(|p| p.to_string()),
        verdict: delivered.verdict.as_str(),
        measured: delivered
            .figures
            .as_ref()
            .filter(|_| delivered.verdict != DeliveredVerdict::Unmeasured)
            .map(|f| measured(delivered, f)),
    }
}

fn measured<'a>(delivered: &Delivered, f: &'a DeliveredFigures) -> MeasuredValue<'a> {
    MeasuredValue {
        reasons: delivered.reasons.iter().map(|r| r.as_str()).collect(),
        warranty: WarrantyValue {
            checks: f.warranty.checks,
            measured: f.warranty.measured,
            met: f.warranty.met,
            score: f.warranty.score.map(Rounded),
            breached: f
                .warranty
                .breached
                .iter()
                .map(|b| BreachedValue {
                    check: &b.check,
                    required: &b.required,
                    achieved: b.achieved.as_deref(),
                })
                .collect(),
            not_measured: &f.warranty.not_measured,
        },
        outcomes: OutcomesValue {
            measured: f.outcomes.measured,
            score: f.outcomes.score.map(Rounded),
            achieved: &f.outcomes.achieved,
            not_achieved: &f.outcomes.not_achieved,
            not_measured: &f.outcomes.not_measured,
        },
        spend: Rounded(f.spend),
        planned: Rounded(f.planned),
        variance: Rounded(f.variance),
        budget: f.budget.map(Rounded),
        losses: Rounded(f.losses),
        expected_losses: Rounded(f.expected_losses),
        perception: f
            .perception
            .iter()
            .map(|p| match &p.who {
                Perceived::Role(role) => PerceivedValue::Role {
                    role: role_word(*role),
                    score: Rounded(p.score),
                    responses: p.responses,
                },
                Perceived::Party(party) => PerceivedValue::Party {
                    party,
                    score: Rounded(p.score),
                    responses: p.responses,
                },
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(super) struct BudgetValue<'a> {
    amount: Rounded,
    per: &'static str,
    authorised_by: &'a str,
    until: Option<String>,
}

pub(super) fn budget(budget: &Budget) -> BudgetValue<'_> {
    BudgetValue {
        amount: Rounded(budget.amount),
        per: match budget.per {
            BudgetPer::Month => "month",
            BudgetPer::Quarter => "quarter",
            BudgetPer::Year => "year",
        },
        authorised_by: &budget.authorised_by.id,
        until: budget.until.as_ref().map(|d| d.value.to_string()),
    }
}

/// `summary.delivered`: the relationships by delivered verdict.
#[derive(Serialize)]
pub(super) struct DeliveredCounts {
    as_agreed: usize,
    short: usize,
    unmeasured: usize,
}

pub(super) fn counts(all: &[crate::assess::Assessment]) -> DeliveredCounts {
    let count = |verdict| {
        all.iter()
            .filter(|a| a.delivered.verdict == verdict)
            .count()
    };
    DeliveredCounts {
        as_agreed: count(DeliveredVerdict::AsAgreed),
        short: count(DeliveredVerdict::Short),
        unmeasured: count(DeliveredVerdict::Unmeasured),
    }
}
