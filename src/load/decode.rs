//! YAML tree to model: walks one file's [`Node`] tree into the typed entities of
//! [`crate::model`], collecting every unknown key (SVS002), bad or missing value (SVS003)
//! and duplicate key (SVS007) instead of stopping at the first.
//!
//! References are kept by id here; [`super::resolve`] connects them once every file is
//! decoded. An item that cannot be decoded (say, an organisation without an id) is
//! dropped after its findings are recorded, so that one mistake does not cascade into
//! dangling-reference noise elsewhere.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::yaml::{self, Event, Node, NodeKind, SyntaxError};
use crate::diagnostic::{Code, Diagnostic, codes, find_code};
use crate::model::{
    Access, Action, Balance, Capacity, Common, Continuity, Cost, CostCategory, Dimension,
    Direction, EntityLint, Goods, Group, Id, Kind, LintSettings, Offering, Organization, Outcome,
    OutcomeKind, Output, Ownership, Per, Person, PriceLine, Priority, Product, Ref,
    RequiredOutcome, Requirements, Resource, Risk, Roles, Service, ServiceLevel, Spanned,
    Stakeholder, StakeholderRole, Target, Warranty,
};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::closest;

/// The only format version this build reads.
pub const FORMAT_VERSION: &str = "1";

/// The `catalogue:` block as written in one file.
#[derive(Debug, Clone)]
pub struct RawMetadata {
    /// The `catalogue` key, for SVS009.
    pub key_span: Span,
    /// `name`.
    pub name: Option<String>,
    /// `currency`.
    pub currency: Option<String>,
    /// Whether a `currency` key was written, valid or not.
    pub currency_given: bool,
    /// `horizon_months`.
    pub horizon_months: Option<u32>,
    /// `thresholds.utility`.
    pub utility_threshold: Option<Decimal>,
    /// `lint`.
    pub lint: LintSettings,
}

/// Everything one file defines.
#[derive(Debug, Default)]
pub struct FileContents {
    /// The `catalogue:` block, when the file has one.
    pub metadata: Option<RawMetadata>,
    /// Organisations.
    pub organizations: Vec<Organization>,
    /// People.
    pub people: Vec<Person>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Outcomes.
    pub outcomes: Vec<Outcome>,
    /// Products.
    pub products: Vec<Product>,
    /// Services.
    pub services: Vec<Service>,
    /// Offerings.
    pub offerings: Vec<Offering>,
    /// Relationships.
    pub relationships: Vec<crate::model::Relationship>,
    /// Entities with a valid id that could not be decoded.
    pub dropped: Vec<(Kind, Id)>,
    /// The first amount or impact written, with its entity, for SVS008.
    pub first_amount: Option<(Span, Option<String>)>,
}

// The keys each kind of mapping accepts. A test of `crate::schema` compares every list
// with the properties of the JSON Schema, so that editors and the loader agree on them.

/// The top-level keys of a catalogue file.
pub(crate) const TOP_KEYS: &[&str] = &[
    "svs",
    "catalogue",
    "organizations",
    "people",
    "groups",
    "outcomes",
    "products",
    "services",
    "offerings",
    "relationships",
];

/// The keys of the `catalogue:` block.
pub(crate) const METADATA_KEYS: &[&str] =
    &["name", "currency", "horizon_months", "thresholds", "lint"];

/// The keys of `catalogue.thresholds`.
pub(crate) const THRESHOLDS_KEYS: &[&str] = &["utility"];

/// The keys of the catalogue's `lint:` block.
pub(crate) const CATALOGUE_LINT_KEYS: &[&str] = &["allow", "warn", "deny"];

/// The keys of an entity's `lint:` block.
pub(crate) const ENTITY_LINT_KEYS: &[&str] = &["allow"];

/// The keys of an organisation.
pub(crate) const ORGANIZATION_KEYS: &[&str] = &["id", "name", "parent", "description", "lint"];

/// The keys of a person.
pub(crate) const PERSON_KEYS: &[&str] =
    &["id", "name", "organization", "title", "description", "lint"];

/// The keys of a group.
pub(crate) const GROUP_KEYS: &[&str] = &[
    "id",
    "name",
    "organization",
    "size",
    "members",
    "description",
    "lint",
];

/// The keys of an outcome.
pub(crate) const OUTCOME_KEYS: &[&str] = &["id", "name", "kind", "description", "lint"];

/// The keys of a product.
pub(crate) const PRODUCT_KEYS: &[&str] = &[
    "id",
    "name",
    "provider",
    "targets",
    "resources",
    "description",
    "lint",
];

/// The keys of a product's resource.
pub(crate) const RESOURCE_KEYS: &[&str] = &["name", "dimension", "visible"];

/// The keys of a service.
pub(crate) const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "provider",
    "products",
    "outputs",
    "warranty",
    "depends_on",
    "description",
    "lint",
];

/// The keys of a service's output.
pub(crate) const OUTPUT_KEYS: &[&str] = &["name", "enables"];

/// The keys of a warranty block.
pub(crate) const WARRANTY_KEYS: &[&str] = &[
    "availability",
    "capacity",
    "service_levels",
    "continuity",
    "security",
];

/// The keys of a capacity item of a warranty block.
pub(crate) const CAPACITY_KEYS: &[&str] = &["metric", "value"];

/// The keys of a service level of a warranty block.
pub(crate) const SERVICE_LEVEL_KEYS: &[&str] = &["metric", "max", "min"];

/// The keys of the `continuity` of a warranty block.
pub(crate) const CONTINUITY_KEYS: &[&str] = &["rto_hours", "rpo_hours"];

/// The keys of an offering.
pub(crate) const OFFERING_KEYS: &[&str] = &[
    "id",
    "name",
    "provider",
    "services",
    "targets",
    "goods",
    "access",
    "actions",
    "warranty",
    "price",
    "description",
    "lint",
];

/// The keys of a goods item of an offering.
pub(crate) const GOODS_KEYS: &[&str] = &["name", "ownership"];

/// The keys of an access item of an offering.
pub(crate) const ACCESS_KEYS: &[&str] = &["name", "period", "ownership"];

/// The keys of a service action of an offering.
pub(crate) const ACTION_KEYS: &[&str] = &["name", "agreement"];

/// The keys of a price line of an offering.
pub(crate) const PRICE_LINE_KEYS: &[&str] = &["name", "amount", "per", "unit"];

/// The keys of a relationship.
pub(crate) const RELATIONSHIP_KEYS: &[&str] = &[
    "id",
    "provider",
    "consumer",
    "offering",
    "quantity",
    "roles",
    "stakeholders",
    "requirements",
    "costs",
    "risks",
    "description",
    "lint",
];

/// The keys of a relationship's `roles`.
pub(crate) const ROLES_KEYS: &[&str] = &["customer", "user", "sponsor"];

/// The keys of a stakeholder of a relationship.
pub(crate) const STAKEHOLDER_KEYS: &[&str] = &["party", "role", "interest"];

/// The keys of a relationship's `requirements`.
pub(crate) const REQUIREMENTS_KEYS: &[&str] = &["outcomes", "warranty"];

/// The keys of a required outcome.
pub(crate) const REQUIRED_OUTCOME_KEYS: &[&str] = &["outcome", "priority", "weight"];

/// The keys of a relationship's `costs` and `risks`.
pub(crate) const BALANCE_KEYS: &[&str] = &["removed", "imposed"];

/// The keys of a removed or imposed cost.
pub(crate) const COST_KEYS: &[&str] = &["name", "category", "amount", "per"];

/// The keys of a removed or imposed risk.
pub(crate) const RISK_KEYS: &[&str] = &["name", "likelihood", "impact"];

/// The top-level keys whose lists are decoded item by item as the file is parsed.
const SECTIONS: &[&str] = &[
    "organizations",
    "people",
    "groups",
    "outcomes",
    "products",
    "services",
    "offerings",
    "relationships",
];

/// Parses and decodes one file. Findings go to `diagnostics`; a file that is not valid
/// YAML gives only its syntax error, so that half a file adds no findings of its own.
pub fn decode_file(
    file: FileId,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<FileContents, SyntaxError> {
    let mut findings = Vec::new();
    let mut decoder = Decoder {
        text: &source.text,
        diagnostics: &mut findings,
        entity: None,
        first_amount: None,
    };
    let mut top = TopLevel::default();
    let mut contents = FileContents::default();
    yaml::parse(file, source, SECTIONS, &mut |event| {
        decoder.event(event, &mut top, &mut contents);
    })?;
    decoder.finish(&top, Span::new(file, 0, 0));
    contents.first_amount = decoder.first_amount;
    diagnostics.append(&mut findings);
    Ok(contents)
}

/// What the decoder remembers of the top-level mapping while items stream past.
#[derive(Default)]
struct TopLevel {
    /// Keys seen, with where, for SVS007.
    keys: Vec<(String, Span)>,
    /// The section whose items are arriving, unless it repeats an earlier one.
    section: Option<Kind>,
    /// `svs` was present.
    version: bool,
}

struct Decoder<'a> {
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// The id of the entity being decoded, for each finding's `entity`.
    entity: Option<String>,
    first_amount: Option<(Span, Option<String>)>,
}

/// The known keys of one mapping, each with its first occurrence.
struct Fields<'n> {
    span: Span,
    pairs: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.pairs
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
            .filter(|v| v.kind != NodeKind::Null)
    }
}

impl Decoder<'_> {
    fn report(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = Diagnostic::new(code, span, message).with_entity(self.entity.as_deref());
        self.diagnostics.push(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn invalid(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.report(codes::INVALID_VALUE, span, message)
    }

    /// Starts an entity: its `id`, when it has a usable one, names the entity in every
    /// finding inside it, including those about its keys.
    fn enter(&mut self, node: &Node) -> Option<Id> {
        let id = match &node.kind {
            NodeKind::Map(pairs) => pairs.iter().find_map(|(k, v)| match (&k.kind, &v.kind) {
                (NodeKind::Str(key), NodeKind::Str(id)) if key == "id" && is_valid_id(id) => {
                    Some(Spanned::new(id.clone(), v.span))
                }
                _ => None,
            }),
            _ => None,
        };
        self.entity = id.as_ref().map(|id| id.value.clone());
        id
    }

    /// "organization `acme`" inside an entity whose id is known, "an organization" before.
    fn entity_what(&self, kind: &str) -> String {
        match &self.entity {
            Some(id) => format!("{kind} `{id}`"),
            None if kind.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {kind}"),
            None => format!("a {kind}"),
        }
    }

    /// Checks that `node` is a mapping whose keys are all in `known`, reporting unknown and
    /// repeated keys.
    fn mapping<'n>(&mut self, node: &'n Node, what: &str, known: &[&str]) -> Option<Fields<'n>> {
        let NodeKind::Map(pairs) = &node.kind else {
            self.invalid(
                node.span,
                format!("{what} must be a mapping, found {}", node.kind.describe()),
            );
            return None;
        };
        let mut fields = Fields {
            span: node.span,
            pairs: Vec::with_capacity(pairs.len()),
        };
        for (key, value) in pairs {
            let NodeKind::Str(name) = &key.kind else {
                self.invalid(
                    key.span,
                    format!("keys of {what} are names, found {}", key.kind.describe()),
                );
                continue;
            };
            if let Some((_, first, _)) = fields.pairs.iter().find(|(k, _, _)| k == name) {
                let first = first.span;
                self.report(
                    codes::DUPLICATE_KEY,
                    key.span,
                    format!("{what} repeats the key `{name}`"),
                )
                .labels
                .push(crate::diagnostic::Label {
                    span: first,
                    message: format!("`{name}` first set here"),
                });
                continue;
            }
            if !known.contains(&name.as_str()) {
                let suggestion = closest(name, known.iter().copied());
                let diagnostic = self.report(
                    codes::UNKNOWN_KEY,
                    key.span,
                    format!("unknown key `{name}` in {what}"),
                );
                diagnostic.help = Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("known keys here: {}", known.join(", ")),
                });
                continue;
            }
            fields.pairs.push((name.as_str(), key, value));
        }
        Some(fields)
    }

    /// The value of a required key; reports its absence.
    fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let found = fields.get(key);
        if found.is_none() {
            let span = fields
                .pairs
                .iter()
                .find(|(k, _, _)| *k == key)
                .map_or(fields.span, |(_, _, v)| v.span);
            self.invalid(span, format!("{what} is missing the required key `{key}`"));
        }
        found
    }

    /// The text of a scalar, as written.
    fn string(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Str(s) => Some(Spanned::new(s.clone(), node.span)),
            NodeKind::Number | NodeKind::Bool(_) => Some(Spanned::new(
                self.text
                    .get(node.span.range())
                    .unwrap_or_default()
                    .to_owned(),
                node.span,
            )),
            other => {
                let found = other.describe();
                self.invalid(node.span, format!("{what} must be text, found {found}"));
                None
            }
        }
    }

    fn optional_string(&mut self, fields: &Fields<'_>, key: &str, what: &str) -> Option<String> {
        let node = fields.get(key)?;
        self.string(node, &format!("{what} `{key}`"))
            .map(|s| s.value)
    }

    fn required_string(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        what: &str,
    ) -> Option<Spanned<String>> {
        let node = self.required(fields, key, what)?;
        self.string(node, &format!("{what} `{key}`"))
    }

    /// An exact decimal from the number's source text.
    fn decimal(&mut self, node: &Node, what: &str) -> Option<Decimal> {
        match &node.kind {
            NodeKind::Number => {
                let text = self.text.get(node.span.range()).unwrap_or_default();
                match parse_decimal(text) {
                    Ok(value) => Some(value),
                    Err(problem) => {
                        self.invalid(node.span, format!("{what}: {problem}"));
                        None
                    }
                }
            }
            // A plain scalar YAML reads as text, such as `1_000.50`, is a number
            // written with digit separators: read it as one.
            NodeKind::Str(s) if self.text.get(node.span.range()) == Some(s.as_str()) => {
                let value = parse_decimal(s).ok();
                if value.is_none() {
                    self.invalid(node.span, format!("{what} must be a number, found `{s}`"));
                }
                value
            }
            NodeKind::Str(s) if parse_decimal(s).is_ok() => {
                self.invalid(
                    node.span,
                    format!("{what} must be a number, found the string {s:?}"),
                )
                .help = Some("remove the quotes".to_owned());
                None
            }
            other => {
                let found = other.describe();
                self.invalid(node.span, format!("{what} must be a number, found {found}"));
                None
            }
        }
    }

    /// A decimal checked against a range described in words.
    fn bounded(
        &mut self,
        node: &Node,
        what: &str,
        check: fn(Decimal) -> bool,
        range: &str,
    ) -> Option<Decimal> {
        let value = self.decimal(node, what)?;
        if check(value) {
            Some(value)
        } else {
            self.invalid(node.span, format!("{what} must be {range}, found {value}"));
            None
        }
    }

    fn amount(&mut self, node: &Node, what: &str) -> Option<Decimal> {
        if self.first_amount.is_none() {
            self.first_amount = Some((node.span, self.entity.clone()));
        }
        self.bounded(node, what, |d| !d.is_sign_negative(), "0 or more")
    }

    fn whole(&mut self, node: &Node, what: &str, min: u64, max: u64) -> Option<u64> {
        let value = self.decimal(node, what)?;
        let whole = value
            .fract()
            .is_zero()
            .then(|| value.to_u64())
            .flatten()
            .filter(|v| (min..=max).contains(v));
        if whole.is_none() {
            let range = if max == u64::MAX {
                format!("a whole number of at least {min}")
            } else {
                format!("a whole number from {min} to {max}")
            };
            self.invalid(node.span, format!("{what} must be {range}, found {value}"));
        }
        whole
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        if let NodeKind::Bool(b) = node.kind {
            return Some(b);
        }
        let found = node.kind.describe();
        self.invalid(
            node.span,
            format!("{what} must be true or false, found {found}"),
        );
        None
    }

    /// One of a closed set of words.
    fn choice<T: Copy>(&mut self, node: &Node, what: &str, options: &[(&str, T)]) -> Option<T> {
        let word = self.string(node, what)?;
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == word.value) {
            return Some(*value);
        }
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let suggestion = closest(&word.value, names.iter().copied());
        let diagnostic = self.invalid(
            node.span,
            format!(
                "{what} must be one of {}, found `{}`",
                names.join(", "),
                word.value
            ),
        );
        if let Some(s) = suggestion {
            diagnostic.help = Some(format!("did you mean `{s}`?"));
        }
        None
    }

    /// Every item of a list (absent or `~` is an empty list).
    fn list<'n>(&mut self, node: Option<&'n Node>, what: &str) -> &'n [Node] {
        match node.map(|n| &n.kind) {
            None | Some(NodeKind::Null) => &[],
            Some(NodeKind::Seq(items)) => items,
            Some(other) => {
                let found = other.describe();
                let span = node.expect("matched Some").span;
                self.invalid(span, format!("{what} must be a list, found {found}"));
                &[]
            }
        }
    }

    fn refs<T: Target>(&mut self, fields: &Fields<'_>, key: &str, what: &str) -> Vec<Ref<T>> {
        let what = format!("{what} `{key}`");
        exact(self.list(fields.get(key), &what), |item| {
            self.string(item, &what).map(|s| Ref::new(s.value, s.span))
        })
    }

    fn reference<T: Target>(&mut self, node: &Node, what: &str) -> Option<Ref<T>> {
        self.string(node, what).map(|s| Ref::new(s.value, s.span))
    }

    fn required_ref<T: Target>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        what: &str,
    ) -> Option<Ref<T>> {
        let node = self.required(fields, key, what)?;
        self.reference(node, &format!("{what} `{key}`"))
    }

    fn optional_ref<T: Target>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        what: &str,
    ) -> Option<Ref<T>> {
        let node = fields.get(key)?;
        self.reference(node, &format!("{what} `{key}`"))
    }

    /// Lint codes listed in a `lint:` block.
    fn code_list(&mut self, node: Option<&Node>, what: &str) -> Vec<Spanned<String>> {
        let mut out = Vec::new();
        for item in self.list(node, what) {
            let Some(text) = self.string(item, what) else {
                continue;
            };
            if let Some(code) = find_code(&text.value) {
                if code.is_structural() {
                    self.invalid(
                        item.span,
                        format!(
                            "{what}: {} is a structural check, which cannot be allowed or re-levelled",
                            code.code
                        ),
                    )
                    .help = Some("fix the catalogue instead: svs cannot read past it".to_owned());
                    continue;
                }
                out.push(Spanned::new(code.code.to_owned(), text.span));
                continue;
            }
            let suggestion = closest(
                &text.value.to_ascii_uppercase(),
                codes::ALL.iter().map(|c| c.code),
            );
            let diagnostic = self.invalid(
                item.span,
                format!("{what}: `{}` is not a code svs knows", text.value),
            );
            diagnostic.help = Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`svs explain` lists every code".to_owned(),
            });
        }
        out
    }

    // ---- the file ---------------------------------------------------------------------

    /// Handles one parser event.
    fn event(&mut self, event: Event, top: &mut TopLevel, contents: &mut FileContents) {
        match event {
            Event::Root(node) => {
                if node.kind == NodeKind::Null {
                    self.invalid(
                        node.span,
                        format!(
                            "the file is empty: a catalogue file is a mapping with `svs: {FORMAT_VERSION}`"
                        ),
                    );
                } else {
                    let found = node.kind.describe();
                    self.invalid(
                        node.span,
                        format!("a catalogue file must be a mapping, found {found}"),
                    );
                }
                top.version = true;
            }
            Event::Section(key) => {
                top.section = self.top_key(&key, top).and_then(section_kind);
            }
            Event::Item(item) => {
                if let Some(kind) = top.section {
                    self.item(kind, &item, contents);
                }
            }
            Event::Pair(key, value) => {
                top.section = None;
                let Some(name) = self.top_key(&key, top) else {
                    return;
                };
                match name {
                    "svs" => {
                        top.version = true;
                        self.version(&value);
                    }
                    "catalogue" => contents.metadata = self.metadata(key.span, &value),
                    section => {
                        // A section whose value is not a list: `~` is an empty one.
                        self.list(Some(&value), &format!("`{section}`"));
                    }
                }
            }
        }
    }

    /// Checks a top-level key: a name, known, not repeated. Returns the known name.
    fn top_key(&mut self, key: &Node, top: &mut TopLevel) -> Option<&'static str> {
        let NodeKind::Str(name) = &key.kind else {
            let found = key.kind.describe();
            self.invalid(
                key.span,
                format!("keys of a catalogue file are names, found {found}"),
            );
            return None;
        };
        if let Some((_, first)) = top.keys.iter().find(|(k, _)| k == name) {
            let first = *first;
            self.report(
                codes::DUPLICATE_KEY,
                key.span,
                format!("a catalogue file repeats the key `{name}`"),
            )
            .labels
            .push(crate::diagnostic::Label {
                span: first,
                message: format!("`{name}` first set here"),
            });
            return None;
        }
        top.keys.push((name.clone(), key.span));
        let Some(known) = TOP_KEYS.iter().find(|k| **k == name) else {
            let suggestion = closest(name, TOP_KEYS.iter().copied());
            self.report(
                codes::UNKNOWN_KEY,
                key.span,
                format!("unknown key `{name}` in a catalogue file"),
            )
            .help = Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys here: {}", TOP_KEYS.join(", ")),
            });
            return None;
        };
        Some(known)
    }

    /// Checks `svs: 1`.
    fn version(&mut self, value: &Node) {
        let text = self.text.get(value.span.range()).unwrap_or_default();
        if !(value.kind == NodeKind::Number && text == FORMAT_VERSION) {
            let shown = match &value.kind {
                NodeKind::Null => "nothing".to_owned(),
                NodeKind::Str(s) => format!("{s:?}"),
                _ => format!("`{text}`"),
            };
            self.invalid(
                value.span,
                format!(
                    "unsupported format version {shown}: this svs reads `svs: {FORMAT_VERSION}`"
                ),
            );
        }
    }

    /// After the whole file: a mapping must declare its format version.
    fn finish(&mut self, top: &TopLevel, start: Span) {
        if !top.version {
            self.invalid(
                start,
                format!(
                    "the file does not declare its format version: add `svs: {FORMAT_VERSION}`"
                ),
            );
        }
    }

    /// Decodes one entity of a section. An entity with a usable id that fails to decode is
    /// remembered in `dropped`, so references to it do not add "unknown" findings to the
    /// ones that explain it.
    fn item(&mut self, kind: Kind, node: &Node, contents: &mut FileContents) {
        let id = self.enter(node);
        let decoded = match kind {
            Kind::Organization => self
                .organization(node)
                .map(|e| contents.organizations.push(e)),
            Kind::Person => self.person(node).map(|e| contents.people.push(e)),
            Kind::Group => self.group(node).map(|e| contents.groups.push(e)),
            Kind::Outcome => self.outcome(node).map(|e| contents.outcomes.push(e)),
            Kind::Product => self.product(node).map(|e| contents.products.push(e)),
            Kind::Service => self.service(node).map(|e| contents.services.push(e)),
            Kind::Offering => self.offering(node).map(|e| contents.offerings.push(e)),
            Kind::Relationship => self
                .relationship(node)
                .map(|e| contents.relationships.push(e)),
        };
        if decoded.is_none() {
            contents.dropped.extend(id.map(|id| (kind, id)));
        }
        self.entity = None;
    }

    fn metadata(&mut self, key_span: Span, node: &Node) -> Option<RawMetadata> {
        let what = "the `catalogue` block";
        let fields = self.mapping(node, what, METADATA_KEYS)?;
        let name = self.required_string(&fields, "name", what).map(|s| s.value);
        let currency = fields.get("currency").and_then(|node| {
            let code = self.string(node, "`currency`")?;
            if !super::currency::is_iso_4217(&code.value) {
                self.invalid(
                    node.span,
                    format!(
                        "`currency` must be an ISO 4217 currency code such as GBP, EUR or USD, found `{}`",
                        code.value
                    ),
                );
                return None;
            }
            Some(code.value)
        });
        let horizon_months = fields
            .get("horizon_months")
            .and_then(|node| self.whole(node, "`horizon_months`", 1, 600))
            .and_then(|v| u32::try_from(v).ok());
        let mut utility_threshold = None;
        if let Some(thresholds) = fields.get("thresholds") {
            if let Some(inner) = self.mapping(thresholds, "`thresholds`", THRESHOLDS_KEYS) {
                utility_threshold = inner.get("utility").and_then(|node| {
                    self.bounded(
                        node,
                        "`thresholds.utility`",
                        |d| d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                        "from 0 to 100",
                    )
                });
            }
        }
        let mut lint = LintSettings::default();
        if let Some(block) = fields.get("lint") {
            if let Some(inner) =
                self.mapping(block, "the catalogue's `lint` block", CATALOGUE_LINT_KEYS)
            {
                lint.allow = self.code_list(inner.get("allow"), "`lint.allow`");
                lint.warn = self.code_list(inner.get("warn"), "`lint.warn`");
                lint.deny = self.code_list(inner.get("deny"), "`lint.deny`");
            }
        }
        Some(RawMetadata {
            key_span,
            name,
            currency_given: fields.get("currency").is_some(),
            currency,
            horizon_months,
            utility_threshold,
            lint,
        })
    }

    // ---- entities ---------------------------------------------------------------------

    /// Decodes the fields every entity has. Sets the current entity for later findings.
    fn common(&mut self, fields: &Fields<'_>, kind: &str, named: bool) -> Option<Common> {
        let what = format!("an {kind}");
        let what = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            what
        } else {
            format!("a {kind}")
        };
        let id = self.id(fields, &what);
        let what = match &id {
            Some(id) => format!("{kind} `{}`", id.value),
            None => what,
        };
        let name = if named {
            self.required_string(fields, "name", &what).map(|s| s.value)
        } else {
            None
        };
        let description = self.optional_string(fields, "description", &what);
        let mut lint = EntityLint::default();
        if let Some(block) = fields.get("lint") {
            if let Some(inner) = self.mapping(
                block,
                &format!("the `lint` block of {what}"),
                ENTITY_LINT_KEYS,
            ) {
                lint.allow = self.code_list(inner.get("allow"), "`lint.allow`");
            }
        }
        Some(Common {
            id: id?,
            name: if named { Some(name?) } else { None },
            description,
            lint,
            span: fields.span,
        })
    }

    fn id(&mut self, fields: &Fields<'_>, what: &str) -> Option<Id> {
        let node = self.required(fields, "id", what)?;
        let id = self.string(node, "`id`")?;
        if !is_valid_id(&id.value) {
            self.invalid(node.span, format!("`{}` is not a valid id", id.value))
                .help = Some(
                "ids are 1 to 63 characters: lower-case letters, digits, `.`, `_` and `-`, \
                 starting with a letter or digit"
                    .to_owned(),
            );
            return None;
        }
        Some(id)
    }

    fn organization(&mut self, node: &Node) -> Option<Organization> {
        let fields = self.mapping(node, &self.entity_what("organization"), ORGANIZATION_KEYS)?;
        let common = self.common(&fields, "organization", true);
        let parent = self.optional_ref(&fields, "parent", "the organization");
        Some(Organization {
            common: common?,
            parent,
        })
    }

    fn person(&mut self, node: &Node) -> Option<Person> {
        let fields = self.mapping(node, &self.entity_what("person"), PERSON_KEYS)?;
        let common = self.common(&fields, "person", true);
        let organization = self.required_ref(&fields, "organization", "the person");
        let title = self.optional_string(&fields, "title", "the person");
        Some(Person {
            common: common?,
            organization: organization?,
            title,
        })
    }

    fn group(&mut self, node: &Node) -> Option<Group> {
        let fields = self.mapping(node, &self.entity_what("group"), GROUP_KEYS)?;
        let common = self.common(&fields, "group", true);
        let organization = self.optional_ref(&fields, "organization", "the group");
        let size = fields
            .get("size")
            .and_then(|n| self.whole(n, "`size`", 0, u64::MAX));
        let members = self.refs(&fields, "members", "the group");
        Some(Group {
            common: common?,
            organization,
            size,
            members,
        })
    }

    fn outcome(&mut self, node: &Node) -> Option<Outcome> {
        let fields = self.mapping(node, &self.entity_what("outcome"), OUTCOME_KEYS)?;
        let common = self.common(&fields, "outcome", true);
        let kind = self.required(&fields, "kind", "the outcome").and_then(|n| {
            self.choice(
                n,
                "`kind`",
                &[
                    ("performance", OutcomeKind::Performance),
                    ("constraint", OutcomeKind::Constraint),
                ],
            )
        });
        Some(Outcome {
            common: common?,
            kind: kind?,
        })
    }

    fn product(&mut self, node: &Node) -> Option<Product> {
        let fields = self.mapping(node, &self.entity_what("product"), PRODUCT_KEYS)?;
        let common = self.common(&fields, "product", true);
        let provider = self.required_ref(&fields, "provider", "the product");
        let targets = self.refs(&fields, "targets", "the product");
        let items = self.list(fields.get("resources"), "`resources`");
        let resources = exact(items, |item| self.resource(item));
        Some(Product {
            common: common?,
            provider: provider?,
            targets,
            resources,
        })
    }

    fn resource(&mut self, node: &Node) -> Option<Resource> {
        let what = "a product resource";
        let fields = self.mapping(node, what, RESOURCE_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let dimension = self.required(&fields, "dimension", what).and_then(|n| {
            self.choice(
                n,
                "`dimension`",
                &[
                    (
                        "organizations-and-people",
                        Dimension::OrganizationsAndPeople,
                    ),
                    (
                        "information-and-technology",
                        Dimension::InformationAndTechnology,
                    ),
                    ("partners-and-suppliers", Dimension::PartnersAndSuppliers),
                    (
                        "value-streams-and-processes",
                        Dimension::ValueStreamsAndProcesses,
                    ),
                ],
            )
        });
        let visible = fields.get("visible").map(|n| self.boolean(n, "`visible`"));
        Some(Resource {
            name: name?.value,
            dimension: dimension?,
            visible: visible.unwrap_or(Some(false))?,
            span: node.span,
        })
    }

    fn service(&mut self, node: &Node) -> Option<Service> {
        let fields = self.mapping(node, &self.entity_what("service"), SERVICE_KEYS)?;
        let common = self.common(&fields, "service", true);
        let provider = self.required_ref(&fields, "provider", "the service");
        let products = self.refs(&fields, "products", "the service");
        let items = self.list(fields.get("outputs"), "`outputs`");
        let outputs = exact(items, |item| self.output(item));
        let warranty = fields
            .get("warranty")
            .and_then(|n| self.warranty(n, "the service's `warranty`"));
        let depends_on = self.refs(&fields, "depends_on", "the service");
        Some(Service {
            common: common?,
            provider: provider?,
            products,
            outputs,
            warranty,
            depends_on,
        })
    }

    fn output(&mut self, node: &Node) -> Option<Output> {
        let what = "an output";
        let fields = self.mapping(node, what, OUTPUT_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let enables = self.refs(&fields, "enables", "the output");
        Some(Output {
            name: name?.value,
            enables,
            span: node.span,
        })
    }

    fn warranty(&mut self, node: &Node, what: &str) -> Option<Warranty> {
        let fields = self.mapping(node, what, WARRANTY_KEYS)?;
        let availability = fields.get("availability").and_then(|n| {
            let value = self.bounded(
                n,
                "`availability`",
                |d| d > Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                "above 0 and at most 100 (percent)",
            )?;
            Some(Spanned::new(value, n.span))
        });
        let items = self.list(fields.get("capacity"), "`capacity`");
        let mut capacity: Vec<Capacity> = Vec::with_capacity(items.len());
        for item in items {
            let Some(inner) = self.mapping(item, "a capacity item", CAPACITY_KEYS) else {
                continue;
            };
            let metric = self.required_string(&inner, "metric", "a capacity item");
            let value = self
                .required(&inner, "value", "a capacity item")
                .and_then(|n| self.bounded(n, "`value`", |d| !d.is_sign_negative(), "0 or more"));
            let (Some(metric), Some(value)) = (metric, value) else {
                continue;
            };
            if capacity.iter().any(|c| c.metric.value == metric.value) {
                self.invalid(
                    metric.span,
                    format!("capacity metric `{}` appears twice in {what}", metric.value),
                );
                continue;
            }
            capacity.push(Capacity { metric, value });
        }
        let items = self.list(fields.get("service_levels"), "`service_levels`");
        let mut service_levels: Vec<ServiceLevel> = Vec::with_capacity(items.len());
        for item in items {
            if let Some(level) = self.service_level(item) {
                if service_levels
                    .iter()
                    .any(|l| l.metric.value == level.metric.value && l.direction == level.direction)
                {
                    self.invalid(
                        level.metric.span,
                        format!(
                            "service level `{}` with the same bound appears twice in {what}",
                            level.metric.value
                        ),
                    );
                    continue;
                }
                service_levels.push(level);
            }
        }
        let mut continuity = Continuity::default();
        if let Some(block) = fields.get("continuity") {
            if let Some(inner) = self.mapping(block, "`continuity`", CONTINUITY_KEYS) {
                continuity.rto_hours = self.hours(&inner, "rto_hours");
                continuity.rpo_hours = self.hours(&inner, "rpo_hours");
            }
        }
        let items = self.list(fields.get("security"), "`security`");
        let mut security: Vec<Spanned<String>> = Vec::with_capacity(items.len());
        for item in items {
            let Some(control) = self.string(item, "a security control") else {
                continue;
            };
            if security.iter().any(|c| c.value == control.value) {
                self.invalid(
                    control.span,
                    format!(
                        "security control `{}` appears twice in {what}",
                        control.value
                    ),
                );
                continue;
            }
            security.push(control);
        }
        Some(Warranty {
            availability,
            capacity,
            service_levels,
            continuity,
            security,
            span: node.span,
        })
    }

    fn hours(&mut self, fields: &Fields<'_>, key: &str) -> Option<Spanned<Decimal>> {
        let node = fields.get(key)?;
        let value = self.bounded(
            node,
            &format!("`{key}`"),
            |d| !d.is_sign_negative(),
            "0 or more",
        )?;
        Some(Spanned::new(value, node.span))
    }

    fn service_level(&mut self, node: &Node) -> Option<ServiceLevel> {
        let what = "a service level";
        let fields = self.mapping(node, what, SERVICE_LEVEL_KEYS)?;
        let metric = self.required_string(&fields, "metric", what);
        let bound = match (fields.get("max"), fields.get("min")) {
            (Some(n), None) => Some((Direction::Max, n)),
            (None, Some(n)) => Some((Direction::Min, n)),
            (Some(_), Some(n)) => {
                self.invalid(
                    n.span,
                    "a service level has exactly one of `max` and `min`, found both",
                );
                None
            }
            (None, None) => {
                self.invalid(
                    fields.span,
                    "a service level needs exactly one of `max` and `min`",
                );
                None
            }
        };
        let (direction, node) = bound?;
        let key = if direction == Direction::Max {
            "`max`"
        } else {
            "`min`"
        };
        let bound = self.bounded(node, key, |d| !d.is_sign_negative(), "0 or more")?;
        Some(ServiceLevel {
            metric: metric?,
            direction,
            bound,
        })
    }

    fn offering(&mut self, node: &Node) -> Option<Offering> {
        let fields = self.mapping(node, &self.entity_what("offering"), OFFERING_KEYS)?;
        let common = self.common(&fields, "offering", true);
        let provider = self.required_ref(&fields, "provider", "the offering");
        let services = self.refs(&fields, "services", "the offering");
        let targets = self.refs(&fields, "targets", "the offering");
        let goods = exact(self.list(fields.get("goods"), "`goods`"), |item| {
            self.goods(item)
        });
        let access = exact(self.list(fields.get("access"), "`access`"), |item| {
            self.access(item)
        });
        let actions = exact(self.list(fields.get("actions"), "`actions`"), |item| {
            self.action(item)
        });
        let warranty = fields
            .get("warranty")
            .and_then(|n| self.warranty(n, "the offering's `warranty`"));
        let price = exact(self.list(fields.get("price"), "`price`"), |item| {
            self.price_line(item)
        });
        Some(Offering {
            common: common?,
            provider: provider?,
            services,
            targets,
            goods,
            access,
            actions,
            warranty,
            price,
        })
    }

    fn ownership(
        &mut self,
        fields: &Fields<'_>,
        default: Ownership,
        span: Span,
    ) -> Option<Spanned<Ownership>> {
        match fields.get("ownership") {
            None => Some(Spanned::new(default, span)),
            Some(n) => {
                let value = self.choice(
                    n,
                    "`ownership`",
                    &[
                        ("transferred", Ownership::Transferred),
                        ("retained", Ownership::Retained),
                    ],
                )?;
                Some(Spanned::new(value, n.span))
            }
        }
    }

    fn goods(&mut self, node: &Node) -> Option<Goods> {
        let what = "a goods item";
        let fields = self.mapping(node, what, GOODS_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let ownership = self.ownership(&fields, Ownership::Transferred, node.span);
        Some(Goods {
            name: name?,
            ownership: ownership?,
            span: node.span,
        })
    }

    fn access(&mut self, node: &Node) -> Option<Access> {
        let what = "an access item";
        let fields = self.mapping(node, what, ACCESS_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let period = fields.get("period").map(|n| self.string(n, "`period`"));
        let ownership = self.ownership(&fields, Ownership::Retained, node.span);
        Some(Access {
            name: name?,
            period: period.map_or(Some(None), |p| p.map(Some))?,
            ownership: ownership?,
            span: node.span,
        })
    }

    fn action(&mut self, node: &Node) -> Option<Action> {
        let what = "a service action";
        let fields = self.mapping(node, what, ACTION_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let agreement = fields
            .get("agreement")
            .map(|n| self.string(n, "`agreement`"));
        Some(Action {
            name: name?,
            agreement: agreement.map_or(Some(None), |a| a.map(Some))?,
            span: node.span,
        })
    }

    fn per(&mut self, fields: &Fields<'_>, what: &str) -> Option<Per> {
        let node = self.required(fields, "per", what)?;
        self.choice(
            node,
            "`per`",
            &[
                ("once", Per::Once),
                ("month", Per::Month),
                ("quarter", Per::Quarter),
                ("year", Per::Year),
            ],
        )
    }

    fn price_line(&mut self, node: &Node) -> Option<PriceLine> {
        let what = "a price line";
        let fields = self.mapping(node, what, PRICE_LINE_KEYS)?;
        let name = self.optional_string(&fields, "name", what);
        let amount = self
            .required(&fields, "amount", what)
            .and_then(|n| self.amount(n, "`amount`"));
        let per = self.per(&fields, what);
        let unit = self.optional_string(&fields, "unit", what);
        Some(PriceLine {
            name,
            amount: amount?,
            per: per?,
            unit,
            span: node.span,
        })
    }

    fn relationship(&mut self, node: &Node) -> Option<crate::model::Relationship> {
        let fields = self.mapping(node, &self.entity_what("relationship"), RELATIONSHIP_KEYS)?;
        let common = self.common(&fields, "relationship", false);
        let what = "the relationship";
        let provider = self.required_ref(&fields, "provider", what);
        let consumer = self.required_ref(&fields, "consumer", what);
        let offering = self.required_ref(&fields, "offering", what);
        let quantity = fields
            .get("quantity")
            .map(|n| self.bounded(n, "`quantity`", |d| !d.is_sign_negative(), "0 or more"));
        let mut roles = Roles::default();
        if let Some(block) = fields.get("roles") {
            if let Some(inner) = self.mapping(block, "`roles`", ROLES_KEYS) {
                roles.customer = self.refs(&inner, "customer", "`roles`");
                roles.user = self.refs(&inner, "user", "`roles`");
                roles.sponsor = self.refs(&inner, "sponsor", "`roles`");
            }
        }
        let stakeholders = exact(
            self.list(fields.get("stakeholders"), "`stakeholders`"),
            |item| self.stakeholder(item),
        );
        let requirements = fields.get("requirements").map(|n| self.requirements(n));
        let costs = fields
            .get("costs")
            .map(|n| self.balance(n, "`costs`", Self::cost));
        let risks = fields
            .get("risks")
            .map(|n| self.balance(n, "`risks`", Self::risk));
        Some(crate::model::Relationship {
            common: common?,
            provider: provider?,
            consumer: consumer?,
            offering: offering?,
            quantity: quantity.unwrap_or(Some(Decimal::ONE))?,
            roles,
            stakeholders,
            requirements: requirements.unwrap_or_else(|| Some(Requirements::default()))?,
            costs: costs.unwrap_or_else(|| Some(Balance::default()))?,
            risks: risks.unwrap_or_else(|| Some(Balance::default()))?,
        })
    }

    fn stakeholder(&mut self, node: &Node) -> Option<Stakeholder> {
        let what = "a stakeholder";
        let fields = self.mapping(node, what, STAKEHOLDER_KEYS)?;
        let party = self.required_ref(&fields, "party", what);
        let role = self.required(&fields, "role", what).and_then(|n| {
            self.choice(
                n,
                "`role`",
                &[
                    ("employee", StakeholderRole::Employee),
                    ("partner", StakeholderRole::Partner),
                    ("supplier", StakeholderRole::Supplier),
                    ("investor", StakeholderRole::Investor),
                    ("regulator", StakeholderRole::Regulator),
                    ("community", StakeholderRole::Community),
                    ("charity", StakeholderRole::Charity),
                    ("other", StakeholderRole::Other),
                ],
            )
        });
        let interest = self.optional_string(&fields, "interest", what);
        Some(Stakeholder {
            party: party?,
            role: role?,
            interest,
        })
    }

    fn requirements(&mut self, node: &Node) -> Option<Requirements> {
        let fields = self.mapping(node, "`requirements`", REQUIREMENTS_KEYS)?;
        let outcomes = exact(
            self.list(fields.get("outcomes"), "`requirements.outcomes`"),
            |item| self.required_outcome(item),
        );
        let warranty = fields
            .get("warranty")
            .and_then(|n| self.warranty(n, "the required `warranty`"));
        Some(Requirements { outcomes, warranty })
    }

    fn required_outcome(&mut self, node: &Node) -> Option<RequiredOutcome> {
        let what = "a required outcome";
        let fields = self.mapping(node, what, REQUIRED_OUTCOME_KEYS)?;
        let outcome = self.required_ref(&fields, "outcome", what);
        let priority = fields.get("priority").map(|n| {
            self.choice(
                n,
                "`priority`",
                &[
                    ("must", Priority::Must),
                    ("should", Priority::Should),
                    ("could", Priority::Could),
                ],
            )
        });
        let weight = fields
            .get("weight")
            .map(|n| self.bounded(n, "`weight`", |d| d > Decimal::ZERO, "above 0"));
        Some(RequiredOutcome {
            outcome: outcome?,
            priority: priority.unwrap_or(Some(Priority::Should))?,
            weight: weight.unwrap_or(Some(Decimal::ONE))?,
        })
    }

    fn balance<T>(
        &mut self,
        node: &Node,
        what: &str,
        item: fn(&mut Self, &Node, bool) -> Option<T>,
    ) -> Option<Balance<T>> {
        let fields = self.mapping(node, what, BALANCE_KEYS)?;
        let removed = exact(
            self.list(fields.get("removed"), &format!("{what} `removed`")),
            |n| item(self, n, true),
        );
        let imposed = exact(
            self.list(fields.get("imposed"), &format!("{what} `imposed`")),
            |n| item(self, n, false),
        );
        Some(Balance { removed, imposed })
    }

    fn cost(&mut self, node: &Node, removed: bool) -> Option<Cost> {
        let what = if removed {
            "a removed cost"
        } else {
            "an imposed cost"
        };
        let fields = self.mapping(node, what, COST_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let category = self.required(&fields, "category", what).and_then(|n| {
            if removed {
                self.choice(
                    n,
                    "the category of a removed cost",
                    &[
                        ("staff", CostCategory::Staff),
                        ("technology", CostCategory::Technology),
                        ("resources", CostCategory::Resources),
                        ("other", CostCategory::Other),
                    ],
                )
            } else {
                self.choice(
                    n,
                    "the category of an imposed cost",
                    &[
                        ("price", CostCategory::Price),
                        ("network", CostCategory::Network),
                        ("procurement", CostCategory::Procurement),
                        ("training", CostCategory::Training),
                        ("other", CostCategory::Other),
                    ],
                )
            }
        });
        let amount = self
            .required(&fields, "amount", what)
            .and_then(|n| self.amount(n, "`amount`"));
        let per = self.per(&fields, what);
        Some(Cost {
            name: name?.value,
            category: category?,
            amount: amount?,
            per: per?,
            span: node.span,
        })
    }

    fn risk(&mut self, node: &Node, removed: bool) -> Option<Risk> {
        let what = if removed {
            "a removed risk"
        } else {
            "an imposed risk"
        };
        let fields = self.mapping(node, what, RISK_KEYS)?;
        let name = self.required_string(&fields, "name", what);
        let likelihood = self.required(&fields, "likelihood", what).and_then(|n| {
            self.bounded(
                n,
                "`likelihood`",
                |d| d >= Decimal::ZERO && d <= Decimal::ONE,
                "a probability from 0 to 1",
            )
        });
        let impact = self
            .required(&fields, "impact", what)
            .and_then(|n| self.amount(n, "`impact`"));
        Some(Risk {
            name: name?.value,
            likelihood: likelihood?,
            impact: impact?,
            span: node.span,
        })
    }
}

/// Decodes each item of a list, keeping those that decode, in a `Vec` no larger than
/// needed: lists in a catalogue are short, and `collect` would give each at least four
/// slots, which on a large catalogue is most of its memory.
fn exact<'n, T>(items: &'n [Node], decode: impl FnMut(&'n Node) -> Option<T>) -> Vec<T> {
    let mut decoded = Vec::with_capacity(items.len());
    decoded.extend(items.iter().filter_map(decode));
    if decoded.len() < decoded.capacity() {
        decoded.shrink_to_fit();
    }
    decoded
}

/// The kind of entity a section lists.
fn section_kind(section: &str) -> Option<Kind> {
    Some(match section {
        "organizations" => Kind::Organization,
        "people" => Kind::Person,
        "groups" => Kind::Group,
        "outcomes" => Kind::Outcome,
        "products" => Kind::Product,
        "services" => Kind::Service,
        "offerings" => Kind::Offering,
        "relationships" => Kind::Relationship,
        _ => return None,
    })
}

/// Whether `id` matches `^[a-z0-9][a-z0-9._-]{0,62}$`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Reads a YAML number's source text as an exact decimal.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().trim_start_matches('+').replace('_', "");
    let lower = cleaned.to_ascii_lowercase();
    if [".nan", ".inf"].iter().any(|word| lower.ends_with(word)) {
        return Err(format!("`{text}` is not a finite number"));
    }
    if let Ok(value) = Decimal::from_str_exact(&cleaned) {
        return Ok(value.normalize());
    }
    let numeric = !cleaned.is_empty()
        && cleaned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if numeric && lower.contains('e') {
        if let Ok(value) = Decimal::from_scientific(&cleaned) {
            return Ok(value.normalize());
        }
    }
    if numeric {
        Err(format!(
            "`{text}` does not fit an exact decimal (up to 28 digits, at most 28 after the point)"
        ))
    } else {
        Err(format!("`{text}` is not a decimal number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly_from_their_text() {
        assert_eq!(
            parse_decimal("0.30000000000000004").unwrap().to_string(),
            "0.30000000000000004"
        );
        assert_eq!(parse_decimal("1_000").unwrap(), Decimal::from(1000));
        assert_eq!(parse_decimal("2.5e3").unwrap(), Decimal::from(2500));
        assert_eq!(parse_decimal("+7").unwrap(), Decimal::from(7));
    }

    #[test]
    fn numbers_that_do_not_fit_are_refused() {
        assert!(parse_decimal("1e400").unwrap_err().contains("does not fit"));
        assert!(parse_decimal(".nan").unwrap_err().contains("not a finite"));
        assert!(parse_decimal("-.inf").unwrap_err().contains("not a finite"));
        assert!(parse_decimal("0x1F").unwrap_err().contains("not a decimal"));
        assert!(parse_decimal("123456789012345678901234567890123").is_err());
    }

    #[test]
    fn ids_follow_the_pattern() {
        assert!(is_valid_id("acme-mobile"));
        assert!(is_valid_id("9.a_b-c"));
        assert!(!is_valid_id("Acme"));
        assert!(!is_valid_id("-acme"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(64)));
        assert!(is_valid_id(&"a".repeat(63)));
    }
}
