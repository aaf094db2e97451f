//! The `catalogue:` block: the catalogue's name, currency, planning horizon, utility
//! and perception thresholds, the as-of date and the catalogue-wide `lint` settings (docs/format.md §3.1).

use crate::keys::{self, names};
use rust_decimal::Decimal;

use super::{Decoder, RawMetadata};
use crate::load::currency;
use crate::load::yaml::Node;
use crate::model::LintSettings;
use crate::source::Span;

impl Decoder<'_> {
    pub(super) fn metadata(&mut self, key_span: Span, node: &Node) -> Option<RawMetadata> {
        let what = "the `catalogue` block";
        let fields = self.mapping(node, what, &keys::CATALOGUE)?;
        let name = self
            .required_string(&fields, names::NAME, what)
            .map(|s| s.value);
        let currency = fields.get(names::CURRENCY).and_then(|node| {
            let code = self.string(node, "`currency`")?;
            if !currency::is_iso_4217(&code.value) {
                let diagnostic = self.invalid(
                    node.span,
                    format!(
                        "`currency` must be an ISO 4217 currency code such as GBP, EUR or USD, found `{}`",
                        code.value
                    ),
                );
                if let Some(meant) = currency::suggest(&code.value) {
                    diagnostic.help = Some(format!("did you mean `{meant}`?"));
                }
                return None;
            }
            Some(code.value)
        });
        let horizon_months = fields
            .get(names::HORIZON_MONTHS)
            .and_then(|node| self.whole(node, "`horizon_months`", 1, 600))
            .and_then(|v| u32::try_from(v).ok());
        let as_of = fields
            .get(names::AS_OF)
            .and_then(|node| self.date(node, "`as_of`"));
        let mut utility_threshold = None;
        let mut margin_threshold = None;
        let mut perception_threshold = None;
        if let Some(thresholds) = fields.get(names::THRESHOLDS) {
            if let Some(inner) = self.mapping(thresholds, "`thresholds`", &keys::THRESHOLDS) {
                utility_threshold = inner.get(names::UTILITY).and_then(|node| {
                    self.bounded(
                        node,
                        "`thresholds.utility`",
                        |d| d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                        "from 0 to 100",
                    )
                });
                margin_threshold = inner
                    .get(names::MARGIN)
                    .and_then(|node| self.percent_of_revenue(node, "`thresholds.margin`"));
                perception_threshold = inner.get(names::PERCEPTION).and_then(|node| {
                    self.bounded(
                        node,
                        "`thresholds.perception`",
                        |d| d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                        "from 0 to 100",
                    )
                });
            }
        }
        let mut lint = LintSettings::default();
        if let Some(block) = fields.get(names::LINT) {
            if let Some(inner) =
                self.mapping(block, "the catalogue's `lint` block", &keys::CATALOGUE_LINT)
            {
                lint.allow = self.code_list(inner.get(names::ALLOW), "`lint.allow`");
                lint.warn = self.code_list(inner.get(names::WARN), "`lint.warn`");
                lint.deny = self.code_list(inner.get(names::DENY), "`lint.deny`");
            }
        }
        Some(RawMetadata {
            key_span,
            name,
            currency_given: fields.get(names::CURRENCY).is_some(),
            currency,
            horizon_months,
            utility_threshold,
            margin_threshold,
            perception_threshold,
            as_of,
            lint,
        })
    }
}
