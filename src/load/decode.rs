//! YAML tree to model: walks one file's [`Node`] tree into the typed entities of
//! [`crate::model`], collecting every unknown key (SVS002), bad or missing value (SVS003)
//! and duplicate key (SVS007) instead of stopping at the first.
//!
//! References are kept by id here; [`super::resolve`] connects them once every file is
//! decoded. An item that cannot be decoded (say, an organisation without an id) is
//! dropped after its findings are recorded, so that one mistake does not cascade into
//! dangling-reference noise elsewhere.
//!
//! This file holds the decoder, its generic helpers (mappings, strings, numbers, choices,
//! lists, references) and the file's top level; each part of the format is read by its
//! own submodule, the keys of each mapping being those declared in [`crate::keys`]:
//! `metadata` the `catalogue:` block, `common` the keys every entity has, `parties`,
//! `outcomes`, `products`, `services`, `warranty`, `offerings`, `relationships`, `rules` and
//! `evidence` (the records of the `evidence:` section and a relationship's budget);
//! `unknown` helps with a key that is not declared.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::yaml::{self, Event, Handed, Node, NodeKind, SyntaxError};
use crate::diagnostic::{Code, Diagnostic, codes, find_code};
use crate::keys::{self, Mapping, names};
use crate::model::{
    Group, Id, Kind, LintSettings, Offering, Organization, Outcome, Person, Product, Ref, Section,
    Service, Spanned, Target,
};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::closest;

pub(crate) mod common;
pub(crate) mod evidence;
pub(crate) mod improvement;
pub(crate) mod metadata;
pub(crate) mod offerings;
pub(crate) mod outcomes;
pub(crate) mod parties;
pub(crate) mod products;
pub(crate) mod provision;
pub(crate) mod relationships;
pub(crate) mod rules;
pub(crate) mod services;
mod unknown;
pub(crate) mod warranty;

/// The only format version this build reads.
pub const FORMAT_VERSION: &str = "1";

/// The `catalogue:` block as written in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// `thresholds.margin`.
    pub margin_threshold: Option<Decimal>,
    /// `thresholds.perception`.
    pub perception_threshold: Option<Decimal>,
    /// `as_of`.
    pub as_of: Option<Spanned<jiff::civil::Date>>,
    /// `lint`.
    pub lint: LintSettings,
}

/// Everything one file defines.
#[derive(Debug, Default, Clone)]
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
    /// Improvements.
    pub improvements: Vec<crate::model::Improvement>,
    /// Custom rules.
    pub rules: Vec<crate::model::CustomRule>,
    /// Evidence records.
    pub evidence: Vec<crate::model::Evidence>,
    /// Entities with a valid id that could not be decoded.
    pub dropped: Vec<(Kind, Id)>,
    /// The first amount or impact written, with its entity, for SVS008.
    pub first_amount: Option<(Span, Option<String>)>,
}

/// Parses and decodes one file. Findings go to `diagnostics`; a file that is not valid
/// YAML gives only its syntax error, so that half a file adds no findings of its own.
///
/// A large file read in pieces has its items decoded on the threads that parse them
/// ([`decode_items`]); the pieces are merged in document order, so the model and the
/// findings are those of a sequential read.
pub fn decode_file(
    file: FileId,
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<FileContents, SyntaxError> {
    let mut findings = Vec::new();
    let mut decoder = Decoder::new(&source.text, &mut findings);
    let mut top = TopLevel::default();
    let mut contents = FileContents::default();
    let text = source.text.as_str();
    let batch = |section: &str, items: Vec<Node>| decode_items(text, section, &items);
    let sections = &Section::KEYS;
    yaml::parse_batched(file, source, sections, &batch, &mut |handed| match handed {
        Handed::Event(event) => decoder.event(event, &mut top, &mut contents),
        Handed::Batch { mut batch, .. } => {
            // Items of a repeated or unknown section are not decoded in a sequential read
            // either.
            if batch.kind.is_some() && batch.kind == top.section {
                decoder.diagnostics.extend(batch.findings);
                let first = batch.contents.first_amount.take();
                decoder.first_amount = decoder.first_amount.take().or(first);
                contents.extend(batch.contents);
            }
        }
    })?;
    decoder.finish(&top, Span::new(file, 0, 0));
    contents.first_amount = decoder.first_amount;
    diagnostics.append(&mut findings);
    Ok(contents)
}

/// What a section's items are: entities of a kind, or evidence records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Items {
    /// Entities of this kind.
    Of(Kind),
    /// Records of the `evidence:` section.
    Evidence,
}

impl Items {
    /// What the section named `key` lists, when it is a section.
    fn of_section(key: &str) -> Option<Items> {
        match Section::named(key) {
            Some(section) => Some(Items::Of(section.kind)),
            None => (key == Section::EVIDENCE).then_some(Items::Evidence),
        }
    }
}

/// A run of a section's items, decoded on the thread that parsed them.
struct DecodedItems {
    /// What the section lists, when its name is a section.
    kind: Option<Items>,
    contents: FileContents,
    findings: Vec<Diagnostic>,
}

/// Decodes a run of the items of `section`, as [`decode_file`] would one by one.
fn decode_items(text: &str, section: &str, items: &[Node]) -> DecodedItems {
    let kind = Items::of_section(section);
    let mut findings = Vec::new();
    let mut decoder = Decoder::new(text, &mut findings);
    let mut contents = FileContents::default();
    if let Some(kind) = kind {
        for item in items {
            decoder.item(kind, item, &mut contents);
        }
    }
    contents.first_amount = decoder.first_amount;
    DecodedItems {
        kind,
        contents,
        findings,
    }
}

impl FileContents {
    /// Appends the entities of `more`, which come after this file's so far (the caller
    /// keeps the first amount).
    fn extend(&mut self, more: FileContents) {
        self.organizations.extend(more.organizations);
        self.people.extend(more.people);
        self.groups.extend(more.groups);
        self.outcomes.extend(more.outcomes);
        self.products.extend(more.products);
        self.services.extend(more.services);
        self.offerings.extend(more.offerings);
        self.relationships.extend(more.relationships);
        self.improvements.extend(more.improvements);
        self.rules.extend(more.rules);
        self.evidence.extend(more.evidence);
        self.dropped.extend(more.dropped);
    }
}

/// What the decoder remembers of the top-level mapping while items stream past.
#[derive(Default)]
struct TopLevel {
    /// Keys seen, with where, for SVS007.
    keys: Vec<(String, Span)>,
    /// The section whose items are arriving, unless it repeats an earlier one.
    section: Option<Items>,
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
    /// The declaration of the mapping, whose keys these are.
    mapping: &'static Mapping,
    pairs: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// The value of `key`, unless it is left out or written without a value.
    fn get(&self, key: &str) -> Option<&'n Node> {
        debug_assert!(
            self.mapping.key(key).is_some(),
            "`{key}` is read but not declared in {:?}",
            self.mapping.name
        );
        self.pairs
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
            .filter(|v| v.kind != NodeKind::Null)
    }
}

impl<'a> Decoder<'a> {
    fn new(text: &'a str, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Decoder {
            text,
            diagnostics,
            entity: None,
            first_amount: None,
        }
    }

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
                (NodeKind::Str(key), NodeKind::Str(id)) if key == names::ID && is_valid_id(id) => {
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
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &'static Mapping,
    ) -> Option<Fields<'n>> {
        let NodeKind::Map(pairs) = &node.kind else {
            self.invalid(
                node.span,
                format!("{what} must be a mapping, found {}", node.kind.describe()),
            );
            return None;
        };
        let mut fields = Fields {
            span: node.span,
            mapping: known,
            pairs: Vec::with_capacity(pairs.len()),
        };
        for (index, (key, value)) in pairs.iter().enumerate() {
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
            if known.key(name).is_none() {
                let help = self
                    .comma_in_value(node, pairs, index)
                    .unwrap_or_else(|| unknown::help(name, known));
                let diagnostic = self.report(
                    codes::UNKNOWN_KEY,
                    key.span,
                    format!("unknown key `{name}` in {what}"),
                );
                diagnostic.help = Some(help);
                continue;
            }
            fields.pairs.push((name.as_str(), key, value));
        }
        Some(fields)
    }

    /// The value of a required key; reports its absence.
    fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        debug_assert!(
            fields.mapping.may_require(key),
            "`{key}` of {:?} is declared required, or required with another key",
            fields.mapping.name
        );
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
                    .get(node.text_span().range())
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
                let text = self.text.get(node.text_span().range()).unwrap_or_default();
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
            NodeKind::Str(s) if self.text.get(node.text_span().range()) == Some(s.as_str()) => {
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

    /// A margin in percent of revenue, -100 to 100 (negative: a planned subsidy).
    fn percent_of_revenue(&mut self, node: &Node, what: &str) -> Option<Decimal> {
        self.bounded(
            node,
            what,
            |d| d >= -Decimal::ONE_HUNDRED && d <= Decimal::ONE_HUNDRED,
            "a percentage of revenue from -100 to 100",
        )
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
        self.choice_with(node, what, options, &[])
    }

    /// [`Self::choice`], where a word outside the set that practitioners write for one of
    /// it (`synonyms`: each such word, in lower case, with the word of the set it means)
    /// suggests that word before the nearest in spelling.
    fn choice_with<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        options: &[(&str, T)],
        synonyms: &[(&str, &str)],
    ) -> Option<T> {
        let word = self.string(node, what)?;
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == word.value) {
            return Some(*value);
        }
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let lower = word.value.trim().to_lowercase();
        let suggestion = synonyms
            .iter()
            .find(|(synonym, _)| *synonym == lower)
            .map(|(_, meant)| *meant)
            .or_else(|| closest(&word.value, names.iter().copied()));
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
            // A custom rule's code: the resolver checks that a rule of the catalogue has it.
            if crate::diagnostic::is_custom_code(&text.value) {
                out.push(text);
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
                top.section = self.top_key(&key, top).and_then(Items::of_section);
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
                    names::SVS => {
                        top.version = true;
                        self.version(&value);
                    }
                    names::CATALOGUE => contents.metadata = self.metadata(key.span, &value),
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
        let Some(known) = keys::FILE.key(name) else {
            self.report(
                codes::UNKNOWN_KEY,
                key.span,
                format!("unknown key `{name}` in a catalogue file"),
            )
            .help = Some(unknown::help(name, &keys::FILE));
            return None;
        };
        Some(known.name)
    }

    /// Checks `svs: 1`.
    fn version(&mut self, value: &Node) {
        let text = self.text.get(value.text_span().range()).unwrap_or_default();
        // Any spelling of the number 1 (`1`, `1.0`, `+1`), as for the JSON Schema's `const`.
        let one = value.kind == NodeKind::Number && parse_decimal(text) == Ok(Decimal::ONE);
        if !one {
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
    fn item(&mut self, items: Items, node: &Node, contents: &mut FileContents) {
        let Items::Of(kind) = items else {
            // A record names its relationship, which every finding inside it names too.
            self.entity = evidence::relationship_named(node);
            contents.evidence.extend(self.evidence(node));
            self.entity = None;
            return;
        };
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
            Kind::Improvement => self
                .improvement(node)
                .map(|e| contents.improvements.push(e)),
            Kind::Rule => self.rule(node).map(|e| contents.rules.push(e)),
        };
        if decoded.is_none() {
            contents.dropped.extend(id.map(|id| (kind, id)));
        }
        self.entity = None;
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

/// The word the format spells `value` with, from the tables of a closed set of words the
/// decoder reads it with: so that what is written back (to custom rules) is what is read.
pub(crate) fn word_of<'t, T: PartialEq + 't>(
    tables: impl IntoIterator<Item = &'t (&'static str, T)>,
    value: &T,
) -> &'static str {
    tables
        .into_iter()
        .find(|(_, v)| v == value)
        .map_or("", |(word, _)| word)
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

/// Reads a YAML number's source text as an exact decimal: YAML 1.2's decimal, `0x`
/// hexadecimal and `0o` octal forms; `1_000` is text in YAML 1.2, and refused.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text.trim().trim_start_matches('+').to_owned();
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(digits) = cleaned.strip_prefix(prefix) {
            return i64::from_str_radix(digits, radix)
                .map(Decimal::from)
                .map_err(|_| format!("`{text}` is not a whole number that fits"));
        }
    }
    if cleaned.contains('_') {
        return Err(format!("`{text}` is not a decimal number"));
    }
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
mod tests;
