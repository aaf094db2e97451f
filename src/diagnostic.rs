//! Findings as data: the table of every code `svs` can report, severities, and the
//! [`Diagnostic`] that the loader and the lint rules produce.
//!
//! A diagnostic stays structured (code, span, entity id, related places) until a renderer
//! in [`crate::report`] turns it into text, so every output format tells the same story.
//! Findings have a total order (file, line, column, code) that makes output deterministic.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use crate::source::{SourceMap, Span};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong; fails a run with `--fail-on warning`.
    Warning,
    /// Wrong; fails `svs lint` by default.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding's code, its kebab-case rule name and its default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// `SVS001` and so on.
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    /// The severity before any `lint:` block or command-line flag.
    pub default: Severity,
    /// What the code reports, in one line.
    pub summary: &'static str,
}

impl Code {
    /// Structural codes (SVS001–SVS010) are always errors: the catalogue cannot be
    /// resolved past them.
    pub fn is_structural(&self) -> bool {
        self.code < "SVS100"
    }
}

/// A rule of the catalogue's own `rules:` section, as findings and renderers see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomCode {
    /// `ACME001`.
    pub code: String,
    /// The rule's kebab-case name.
    pub name: String,
    /// The rule's `severity`, before any `lint:` block or command-line flag.
    pub default: Severity,
    /// The rule's `help`, when it has one.
    pub help: Option<String>,
    /// What the rule checks: the first line of its `description`, else its name.
    pub summary: String,
    /// The rule's `description`, when it has one.
    pub description: Option<String>,
    /// The rule's documentation in Markdown, what `svs explain` prints: its description,
    /// the kind it checks, its expressions, message and help.
    pub doc: String,
}

/// The code of a finding: one of svs's own, or a custom rule's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FindingCode {
    /// A built-in code (SVS001–SVS401).
    Builtin(Code),
    /// A rule of the catalogue's `rules:` section.
    Custom(Arc<CustomCode>),
}

impl FindingCode {
    /// `SVS104`, `ACME001`.
    pub fn code(&self) -> &str {
        match self {
            FindingCode::Builtin(code) => code.code,
            FindingCode::Custom(custom) => &custom.code,
        }
    }

    /// The rule's kebab-case name.
    pub fn name(&self) -> &str {
        match self {
            FindingCode::Builtin(code) => code.name,
            FindingCode::Custom(custom) => &custom.name,
        }
    }

    /// The severity before any setting.
    pub fn default(&self) -> Severity {
        match self {
            FindingCode::Builtin(code) => code.default,
            FindingCode::Custom(custom) => custom.default,
        }
    }

    /// What the code reports, in one line.
    pub fn summary(&self) -> &str {
        match self {
            FindingCode::Builtin(code) => code.summary,
            FindingCode::Custom(custom) => &custom.summary,
        }
    }

    /// Whether this is a structural code, which no setting changes.
    pub fn is_structural(&self) -> bool {
        matches!(self, FindingCode::Builtin(code) if code.is_structural())
    }
}

impl From<Code> for FindingCode {
    fn from(code: Code) -> Self {
        FindingCode::Builtin(code)
    }
}

impl From<Arc<CustomCode>> for FindingCode {
    fn from(code: Arc<CustomCode>) -> Self {
        FindingCode::Custom(code)
    }
}

impl PartialEq<Code> for FindingCode {
    fn eq(&self, other: &Code) -> bool {
        matches!(self, FindingCode::Builtin(code) if code == other)
    }
}

/// Whether `text` has the shape of a custom rule's code: `^[A-Z]{2,8}[0-9]{3}$`, not
/// starting with `SVS`.
pub fn is_custom_code(text: &str) -> bool {
    let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &text.as_bytes()[letters..];
    (2..=8).contains(&letters)
        && digits.len() == 3
        && digits.iter().all(u8::is_ascii_digit)
        && !text.starts_with("SVS")
}

macro_rules! codes {
    ($($konst:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $konst: Code = Code {
                code: $code,
                name: $name,
                default: Severity::$sev,
                summary: $summary,
            };
        )*
        /// Every code, in code order.
        pub const ALL: &[Code] = &[$($konst),*];
    };
}

/// The codes of the catalogue format (SVS001–SVS010) and of the lint rules.
pub mod codes {
    use super::{Code, Severity};

    codes! {
        YAML_SYNTAX = "SVS001", "yaml-syntax", Error, "the file is not valid YAML";
        UNKNOWN_KEY = "SVS002", "unknown-key", Error, "a key the format does not know";
        INVALID_VALUE = "SVS003", "invalid-value", Error, "a value of the wrong type or out of range, a bad id, a missing required key or the wrong format version";
        DUPLICATE_ID = "SVS004", "duplicate-id", Error, "an id is used twice";
        UNKNOWN_REFERENCE = "SVS005", "unknown-reference", Error, "a reference names no entity";
        WRONG_KIND_REFERENCE = "SVS006", "wrong-kind-reference", Error, "a reference names an entity of another kind";
        DUPLICATE_KEY = "SVS007", "duplicate-key", Error, "a mapping repeats a key";
        MISSING_CURRENCY = "SVS008", "missing-currency", Error, "amounts appear but `catalogue.currency` is not set";
        DUPLICATE_METADATA = "SVS009", "duplicate-metadata", Error, "`catalogue:` appears in more than one file";
        INVALID_CUSTOM_RULE = "SVS010", "invalid-custom-rule", Error, "a custom rule's expression does not compile, or another custom rule has its code";
        OFFERING_WITHOUT_TARGET = "SVS101", "offering-without-target", Error, "an offering names no target consumer group";
        OFFERING_WITHOUT_SERVICE = "SVS102", "offering-without-service", Error, "an offering describes no service";
        EMPTY_OFFERING = "SVS103", "empty-offering", Warning, "an offering has no goods, access or actions";
        GOODS_OWNERSHIP_RETAINED = "SVS104", "goods-ownership-retained", Error, "goods whose ownership is not transferred";
        ACCESS_OWNERSHIP_TRANSFERRED = "SVS105", "access-ownership-transferred", Error, "access whose ownership is transferred";
        ACCESS_WITHOUT_PERIOD = "SVS106", "access-without-period", Warning, "access to resources with no agreed consumption period";
        ACTION_WITHOUT_AGREEMENT = "SVS107", "action-without-agreement", Warning, "a service action with no agreement";
        OFFERING_WITHOUT_WARRANTY = "SVS108", "offering-without-warranty", Warning, "neither the offering nor any of its services declares a warranty";
        OFFERING_WITHOUT_PRICE = "SVS109", "offering-without-price", Info, "an offering with no price line";
        OFFERING_SERVICE_PROVIDER_MISMATCH = "SVS110", "offering-service-provider-mismatch", Error, "an offering includes a service of another provider";
        SERVICE_WITHOUT_OUTCOME = "SVS201", "service-without-outcome", Warning, "no output of the service enables any outcome";
        SERVICE_WITHOUT_PRODUCT = "SVS202", "service-without-product", Warning, "a service built on no product";
        OUTPUT_WITHOUT_OUTCOME = "SVS203", "output-without-outcome", Info, "an output that enables no outcome";
        WARRANTY_EXCEEDS_UPSTREAM = "SVS204", "warranty-exceeds-upstream", Warning, "a service promises more than its upstream offerings assure";
        DEPENDENCY_NOT_CONSUMED = "SVS205", "dependency-not-consumed", Error, "a `depends_on` relationship whose consumer is not the service's provider";
        SERVICE_PRODUCT_PROVIDER_MISMATCH = "SVS206", "service-product-provider-mismatch", Warning, "a service built on another provider's product";
        UNRECOVERED_RUNNING_COST = "SVS207", "unrecovered-running-cost", Warning, "a service with running costs or upstream dependencies that no relationship consumes";
        RELATIONSHIP_WITHOUT_CUSTOMER = "SVS301", "relationship-without-customer", Warning, "no one defines the requirements";
        RELATIONSHIP_WITHOUT_SPONSOR = "SVS302", "relationship-without-sponsor", Warning, "no one authorises the budget";
        RELATIONSHIP_WITHOUT_USER = "SVS303", "relationship-without-user", Warning, "no one uses the service";
        RELATIONSHIP_WITHOUT_REQUIREMENTS = "SVS304", "relationship-without-requirements", Warning, "a relationship that cannot be assessed for want of requirements";
        SELF_RELATIONSHIP = "SVS305", "self-relationship", Error, "provider and consumer are the same organisation";
        RELATIONSHIP_PROVIDER_MISMATCH = "SVS306", "relationship-provider-mismatch", Error, "the relationship's provider is not the offering's provider";
        CONSUMER_NOT_TARGETED = "SVS307", "consumer-not-targeted", Info, "the consumer is in none of the offering's target groups";
        NEGATIVE_VALUE = "SVS308", "negative-value", Warning, "the relationship's net value is below zero";
        UNKNOWN_OUTCOME_REQUIREMENT = "SVS309", "unknown-outcome-requirement", Warning, "a required outcome that no service facilitates";
        ROLE_OUTSIDE_CONSUMER = "SVS310", "role-outside-consumer", Warning, "a role holder outside the consumer organisation";
        UNSUSTAINABLE_PROVISION = "SVS311", "unsustainable-provision", Warning, "the provider's margin falls short of its target";
        ONE_SIDED_VALUE = "SVS312", "one-sided-value", Info, "value for the consumer only or for the provider only";
        FUNDING_NOT_ALLOCATED = "SVS313", "funding-not-allocated", Warning, "an internal provider's budget booked as a funding benefit the consumer never sees";
        OVER_BUDGET = "SVS314", "over-budget", Warning, "the relationship's annual costs imposed exceed its budget, annualised";
        BUDGET_NOT_AUTHORISED = "SVS315", "budget-not-authorised", Warning, "a budget authorised by someone who is not one of the relationship's sponsors";
        BUDGET_EXPIRED = "SVS316", "budget-expired", Warning, "a budget whose authorisation ended before the as-of date";
        WARRANTY_BREACHED = "SVS317", "warranty-breached", Warning, "the relationship's latest evidence record breaches a required warranty check";
        VALUE_NOT_PERCEIVED = "SVS318", "value-not-perceived", Warning, "the consumer's verdict is value, but its customers, users or sponsors perceive it poorly";
        EVIDENCE_NOT_REQUIRED = "SVS319", "evidence-not-required", Info, "evidence measures a metric or an outcome the relationship does not require";
        EVIDENCE_STALE = "SVS320", "evidence-stale", Info, "a relationship's latest evidence is older than its period's length";
        REVIEW_OVERDUE = "SVS321", "review-overdue", Warning, "the next joint review of a relationship fell due before the as-of date";
        RELATIONSHIP_UNMANAGED = "SVS322", "relationship-unmanaged", Info, "a relationship with evidence has no `management` block";
        IMPROVEMENT_OVERDUE = "SVS323", "improvement-overdue", Warning, "an open improvement whose due date is before the as-of date";
        MANAGEMENT_OUTSIDE_PARTIES = "SVS324", "management-outside-parties", Warning, "a relationship manager outside the provider's organisation, or a counterpart outside the consumer's";
        UNUSED_ENTITY = "SVS401", "unused-entity", Info, "a product, outcome, group or organisation nothing refers to";
    }
}

/// Looks a code up by its text (`SVS104`), case-insensitively.
pub fn find_code(text: &str) -> Option<&'static Code> {
    codes::ALL
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(text))
}

/// Looks a code up by its text (`SVS104`) or its rule's name (`goods-ownership-retained`),
/// case-insensitively.
pub fn find_rule(text: &str) -> Option<&'static Code> {
    find_code(text).or_else(|| {
        codes::ALL
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(text))
    })
}

/// What `text`, which names none of `candidates`, was probably meant to be: for something
/// shaped like a code (`SVS9999`), the nearest code, by edit distance and then by number;
/// otherwise every rule whose name contains `text` (`ownership`), or failing that the
/// closest name. In code order.
pub fn suggest_rules(text: &str, candidates: &[&'static Code]) -> Vec<&'static Code> {
    let text = text.trim().to_ascii_lowercase();
    if let Some((digits, number)) = code_number(&text) {
        return candidates
            .iter()
            .filter_map(|c| Some((c, code_number(c.code)?)))
            .min_by_key(|(_, (code_digits, n))| {
                (
                    strsim::osa_distance(digits, code_digits),
                    n.abs_diff(number),
                )
            })
            .map(|(c, _)| *c)
            .into_iter()
            .collect();
    }
    if text.is_empty() {
        return Vec::new();
    }
    let containing: Vec<&'static Code> = candidates
        .iter()
        .copied()
        .filter(|c| c.name.contains(text.as_str()))
        .collect();
    if !containing.is_empty() {
        return containing;
    }
    crate::suggest::closest(&text, candidates.iter().map(|c| c.name))
        .and_then(|name| candidates.iter().copied().find(|c| c.name == name))
        .into_iter()
        .collect()
}

/// The digits and number of a code-shaped text, in any case: `svs104` is `("104", 104)`.
fn code_number(text: &str) -> Option<(&str, u64)> {
    if !text.get(..3)?.eq_ignore_ascii_case("svs") {
        return None;
    }
    let digits = &text[3..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits, digits.parse().ok()?))
}

/// A second place that explains a finding, such as the first definition of a duplicate id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: FindingCode,
    /// The severity in force (the code's default until settings are applied).
    pub severity: Severity,
    /// What is wrong, naming the entity and the item; never a line number.
    pub message: String,
    /// The offending key or value.
    pub span: Span,
    /// Related places.
    pub labels: Vec<Label>,
    /// How to fix it, when there is an obvious fix.
    pub help: Option<String>,
    /// The id of the nearest enclosing entity, or `None` for a file as a whole.
    pub entity: Option<String>,
}

impl Diagnostic {
    /// A finding at `span` with the code's default severity.
    pub fn new(code: impl Into<FindingCode>, span: Span, message: impl Into<String>) -> Self {
        let code = code.into();
        Diagnostic {
            severity: code.default(),
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            entity: None,
        }
    }

    /// Adds a `help:` line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Names the enclosing entity.
    #[must_use]
    pub fn with_entity(mut self, entity: Option<&str>) -> Self {
        self.entity = entity.map(str::to_owned);
        self
    }
}

/// Sorts findings by file path, line, column (byte offset orders both), then code, then
/// message, so that the same input always gives the same output.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by(|a, b| compare(a, b, sources));
}

fn compare(a: &Diagnostic, b: &Diagnostic, sources: &SourceMap) -> Ordering {
    let path = |d: &Diagnostic| sources.file(d.span.file).path.as_str();
    path(a)
        .cmp(path(b))
        .then(a.span.start().cmp(&b.span.start()))
        .then_with(|| a.code.code().cmp(b.code.code()))
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| a.entity.cmp(&b.entity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::names;

    #[test]
    fn codes_are_unique_and_in_order() {
        for pair in codes::ALL.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut names: Vec<_> = codes::ALL.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), codes::ALL.len());
    }

    #[test]
    fn structural_codes_are_errors() {
        for code in codes::ALL.iter().filter(|c| c.is_structural()) {
            assert_eq!(code.default, Severity::Error, "{}", code.code);
        }
        assert_eq!(codes::ALL.iter().filter(|c| c.is_structural()).count(), 10);
    }

    #[test]
    fn custom_codes_have_their_shape() {
        assert!(is_custom_code("ACME001"));
        assert!(is_custom_code("AB123"));
        assert!(is_custom_code("ABCDEFGH999"));
        assert!(!is_custom_code("SVS901"));
        assert!(!is_custom_code("A001"));
        assert!(!is_custom_code("ABCDEFGHI001"));
        assert!(!is_custom_code("ACME01"));
        assert!(!is_custom_code("acme001"));
        assert!(!is_custom_code("ACME0011"));
    }

    #[test]
    fn codes_are_found_whatever_the_case() {
        assert_eq!(
            find_code("svs104").map(|c| c.name),
            Some("goods-ownership-retained")
        );
        assert!(find_code("SVS999").is_none());
    }

    #[test]
    fn rules_are_found_by_name_too() {
        assert_eq!(
            find_rule("Goods-Ownership-Retained").map(|c| c.code),
            Some("SVS104")
        );
        assert_eq!(find_rule("svs104").map(|c| c.code), Some("SVS104"));
        assert!(find_rule(names::OWNERSHIP).is_none());
    }

    fn suggested(text: &str) -> Vec<&'static str> {
        let all: Vec<&'static Code> = codes::ALL.iter().collect();
        suggest_rules(text, &all).iter().map(|c| c.code).collect()
    }

    #[test]
    fn a_code_shaped_text_gets_the_nearest_code() {
        assert_eq!(suggested("SVS1044"), ["SVS104"]);
        assert_eq!(suggested("svs31"), ["SVS301"]);
        // Nothing is close to 9999 by edit distance (the codes ending in 9 tie); the nearest
        // number breaks the tie.
        assert_eq!(suggested("SVS9999"), ["SVS319"]);
        assert_eq!(suggested("SVS0009"), ["SVS009"]);
        assert_eq!(suggested("SVS"), Vec::<&str>::new());
    }

    #[test]
    fn a_partial_name_gets_every_rule_that_contains_it() {
        assert_eq!(suggested(names::OWNERSHIP), ["SVS104", "SVS105"]);
        assert_eq!(suggested("negative"), ["SVS308"]);
        assert_eq!(suggested("goods-ownersip-retained"), ["SVS104"]);
        assert_eq!(suggested("zzzz"), Vec::<&str>::new());
    }
}
