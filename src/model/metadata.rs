//! The catalogue's metadata block: its name, currency and horizon, the thresholds the
//! assessment applies, and the catalogue-wide lint settings, with every default applied.

use rust_decimal::Decimal;

use jiff::civil::Date;

use super::Spanned;

/// Catalogue-wide severity overrides (`catalogue.lint`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintSettings {
    /// Codes silenced.
    pub allow: Vec<Spanned<String>>,
    /// Codes lowered or raised to warnings.
    pub warn: Vec<Spanned<String>>,
    /// Codes raised to errors.
    pub deny: Vec<Spanned<String>>,
}

/// The default `horizon_months`.
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;

/// The default minimum utility score for fit for purpose.
pub const DEFAULT_UTILITY_THRESHOLD: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// The default lowest acceptable perceived score, 0 to 100.
pub const DEFAULT_PERCEPTION_THRESHOLD: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// The catalogue's metadata block, with every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The catalogue's name.
    pub name: String,
    /// ISO 4217 code of every amount.
    pub currency: Option<String>,
    /// Months over which one-off amounts are spread.
    pub horizon_months: u32,
    /// Minimum utility score for fit for purpose.
    pub utility_threshold: Decimal,
    /// The provider's minimum margin, percent of revenue, unless an organisation sets its
    /// own `target_margin`.
    pub margin_threshold: Decimal,
    /// The lowest acceptable perceived score, 0 to 100, once normalised (SPEC §10.3).
    pub perception_threshold: Decimal,
    /// The date budgets, evidence and reviews are judged at, when the catalogue sets one;
    /// the command line's `--as-of` wins over it.
    pub as_of: Option<Spanned<Date>>,
    /// Severity overrides.
    pub lint: LintSettings,
}

impl Metadata {
    /// The metadata of a catalogue that declares nothing but its name: every default
    /// applied.
    pub fn named(name: impl Into<String>) -> Self {
        Metadata {
            name: name.into(),
            currency: None,
            horizon_months: DEFAULT_HORIZON_MONTHS,
            utility_threshold: DEFAULT_UTILITY_THRESHOLD,
            margin_threshold: Decimal::ZERO,
            perception_threshold: DEFAULT_PERCEPTION_THRESHOLD,
            as_of: None,
            lint: LintSettings::default(),
        }
    }
}
