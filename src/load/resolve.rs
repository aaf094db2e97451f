//! Files to one catalogue: merges what every file defines, then checks ids and
//! references across the whole catalogue.
//!
//! Ids are unique whatever the kind (SVS004); every reference must name an entity
//! (SVS005) of an accepted kind (SVS006). Lookups go through one hash map of ids, so
//! resolution is linear in the number of references; suggestions for unknown ids use a
//! length-bucketed index built only when one is needed. An evidence record has no id: its
//! relationship and period are unique together (SVS004 on the second record).
//!
//! The map of ids hashes with `FxHash` rather than the standard library's `SipHash`: its keys
//! are the catalogue's own ids, not an adversary's, and `svs history` resolves a catalogue
//! at every commit, where `SipHash` was the largest single cost of resolving.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::decode::{FileContents, RawMetadata};
use crate::diagnostic::{Diagnostic, codes};
use crate::model::refs::RefSiteMut;
use crate::model::{
    Catalogue, DEFAULT_HORIZON_MONTHS, DEFAULT_PERCEPTION_THRESHOLD, DEFAULT_UTILITY_THRESHOLD,
    Kind, Ref, Section, refs,
};
use crate::source::Span;
use crate::suggest::Suggester;

/// Merges the files' contents in reading order and resolves every reference. Returns the
/// catalogue only when no structural finding was added.
pub fn resolve(
    files: Vec<FileContents>,
    default_name: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Catalogue> {
    let mut metadata: Option<RawMetadata> = None;
    let mut first_amount = None;
    let mut dropped = Vec::new();
    let mut catalogue = Catalogue::named(String::new());
    for file in files {
        if let Some(found) = file.metadata {
            match &metadata {
                Some(first) => diagnostics.push(
                    Diagnostic::new(
                        codes::DUPLICATE_METADATA,
                        found.key_span,
                        "a second `catalogue:` block: only one file of a catalogue may have one",
                    )
                    .with_label(first.key_span, "the first `catalogue:` block")
                    .with_help("keep one `catalogue:` block and remove the others"),
                ),
                None => metadata = Some(found),
            }
        }
        first_amount = first_amount.or(file.first_amount);
        dropped.extend(file.dropped);
        append(&mut catalogue.organizations, file.organizations);
        append(&mut catalogue.people, file.people);
        append(&mut catalogue.groups, file.groups);
        append(&mut catalogue.outcomes, file.outcomes);
        append(&mut catalogue.products, file.products);
        append(&mut catalogue.services, file.services);
        append(&mut catalogue.offerings, file.offerings);
        append(&mut catalogue.relationships, file.relationships);
        append(&mut catalogue.improvements, file.improvements);
        append(&mut catalogue.rules, file.rules);
        append(&mut catalogue.evidence, file.evidence);
    }
    let currency_given = metadata.as_ref().is_some_and(|m| m.currency_given);
    if let Some(raw) = metadata {
        let m = &mut catalogue.metadata;
        m.name = raw.name.unwrap_or_default();
        m.currency = raw.currency;
        m.horizon_months = raw.horizon_months.unwrap_or(DEFAULT_HORIZON_MONTHS);
        m.utility_threshold = raw.utility_threshold.unwrap_or(DEFAULT_UTILITY_THRESHOLD);
        m.margin_threshold = raw.margin_threshold.unwrap_or_default();
        m.perception_threshold = raw
            .perception_threshold
            .unwrap_or(DEFAULT_PERCEPTION_THRESHOLD);
        m.as_of = raw.as_of;
        m.lint = raw.lint;
    } else {
        catalogue.metadata.name = default_name;
    }
    if let (false, Some((span, entity))) = (currency_given, first_amount) {
        diagnostics.push(
            Diagnostic::new(
                codes::MISSING_CURRENCY,
                span,
                "amounts appear but `catalogue.currency` is not set",
            )
            .with_entity(entity.as_deref())
            .with_help("add an ISO 4217 code to the `catalogue:` block, such as `currency: GBP`"),
        );
    }

    let mut resolver = Resolver {
        ids: FxHashMap::default(),
        suggesters: None,
        diagnostics,
    };
    resolver.index(&catalogue, &dropped);
    resolver.link_all(&mut catalogue);
    check_whole(&catalogue, resolver.diagnostics);
    diagnostics.is_empty().then_some(catalogue)
}

/// The checks that look at the whole catalogue at once: cycles of `parent`, custom codes,
/// one evidence record per relationship and period.
pub(super) fn check_whole(catalogue: &Catalogue, diagnostics: &mut Vec<Diagnostic>) {
    check_parent_cycles(catalogue, diagnostics);
    check_custom_codes(catalogue, diagnostics);
    check_evidence_records(catalogue, diagnostics);
}

/// Every id of a resolved catalogue, with the kind and index of its entity.
pub(super) type Ids = FxHashMap<String, (Kind, usize)>;

/// The ids of a resolved catalogue (where each id is defined once).
pub(super) fn ids(catalogue: &Catalogue) -> Ids {
    all_ids(catalogue, &[])
        .into_iter()
        .map(|(kind, index, id)| (id.value.clone(), (kind, index)))
        .collect()
}

/// One file's entities on their own, as a catalogue with the default settings, to be
/// linked against the ids of the whole ([`link_part`]).
pub(super) fn part(file: FileContents) -> Catalogue {
    Catalogue {
        organizations: file.organizations,
        people: file.people,
        groups: file.groups,
        outcomes: file.outcomes,
        products: file.products,
        services: file.services,
        offerings: file.offerings,
        relationships: file.relationships,
        improvements: file.improvements,
        rules: file.rules,
        evidence: file.evidence,
        ..Catalogue::named(String::new())
    }
}

/// Points every reference of `part` at the entity of `ids` it names. False when one names
/// no entity of a kind it accepts: that takes a whole resolve to report.
pub(super) fn link_part(part: &mut Catalogue, ids: &Ids) -> bool {
    let mut linked = true;
    refs::for_each_ref_mut(part, |mut site| match ids.get(site.id) {
        Some(&(kind, index)) if site.accepts.contains(&kind) => site.resolve(kind, index),
        _ => linked = false,
    });
    linked
}

/// The index recorded for an entity that failed to decode.
const DROPPED: usize = usize::MAX;

/// Appends a file's entities; the first file's list is taken over rather than copied,
/// which matters for a catalogue held in one large file.
fn append<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        more.shrink_to_fit();
        *all = more;
    } else {
        all.append(&mut more);
    }
}

struct Resolver<'d> {
    ids: FxHashMap<String, (Kind, usize, Span)>,
    suggesters: Option<HashMap<Kind, Suggester>>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// Every entity's id with its kind and index, section by section in catalogue order, and
/// then those of the entities dropped.
fn all_ids<'c>(
    catalogue: &'c Catalogue,
    dropped: &'c [(Kind, crate::model::Id)],
) -> Vec<(Kind, usize, &'c crate::model::Id)> {
    let kinds = Section::ALL.map(|s| s.kind);
    let total: usize = kinds.iter().map(|&kind| catalogue.count(kind)).sum();
    let mut all = Vec::with_capacity(total + dropped.len());
    for kind in kinds {
        all.extend((0..catalogue.count(kind)).map(|i| (kind, i, &catalogue.common(kind, i).id)));
    }
    all.extend(dropped.iter().map(|(kind, id)| (*kind, DROPPED, id)));
    all
}

impl Resolver<'_> {
    fn index(&mut self, catalogue: &Catalogue, dropped: &[(Kind, crate::model::Id)]) {
        let mut all = all_ids(catalogue, dropped);
        // The first definition is the first in reading order, whatever its kind.
        all.sort_by_key(|(_, _, id)| (id.span.file, id.span.start()));
        for (kind, index, id) in all {
            match self.ids.get(&id.value) {
                Some(&(first_kind, _, first_span)) => self.diagnostics.push(
                    Diagnostic::new(
                        codes::DUPLICATE_ID,
                        id.span,
                        format!(
                            "the id `{}` of this {kind} is already used by {}",
                            id.value,
                            with_article(first_kind.noun())
                        ),
                    )
                    .with_label(first_span, "first used here")
                    .with_entity(Some(&id.value))
                    .with_help("ids are unique across the whole catalogue, whatever the kind"),
                ),
                None => {
                    self.ids.insert(id.value.clone(), (kind, index, id.span));
                }
            }
        }
    }

    /// Points a reference at the entity it names, or reports why it cannot. The texts of a
    /// finding are made only when there is one: this runs for every reference.
    fn link(&mut self, mut site: RefSiteMut<'_>) {
        let (field, accepts, holder) = (site.key, site.accepts, site.holder);
        let owner = || match holder.period {
            Some(period) => format!("the evidence record for {period}"),
            None => format!("{} `{}`", holder.kind, holder.id),
        };
        match self.ids.get(site.id) {
            // An entity that failed to decode has its own findings: naming it is no error.
            Some(&(kind, DROPPED, _)) if accepts.contains(&kind) => {}
            Some(&(kind, index, _)) if accepts.contains(&kind) => site.resolve(kind, index),
            Some(&(kind, _, span)) => self.diagnostics.push(
                Diagnostic::new(
                    codes::WRONG_KIND_REFERENCE,
                    site.span,
                    format!(
                        "`{}` is {}, but `{field}` of {} must name {}",
                        site.id,
                        with_article(kind.noun()),
                        owner(),
                        with_article(&expected(accepts))
                    ),
                )
                .with_label(
                    span,
                    format!(
                        "`{}` is defined here as {}",
                        site.id,
                        with_article(kind.noun())
                    ),
                )
                .with_entity(Some(holder.id)),
            ),
            None => {
                let suggestion = self.suggest(site.id, accepts);
                let mut diagnostic = Diagnostic::new(
                    codes::UNKNOWN_REFERENCE,
                    site.span,
                    format!(
                        "unknown {} `{}` in `{field}` of {}",
                        expected(accepts),
                        site.id,
                        owner()
                    ),
                )
                .with_entity(Some(holder.id));
                if let Some(s) = suggestion {
                    diagnostic = diagnostic.with_help(format!("did you mean `{s}`?"));
                }
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn suggest(&mut self, word: &str, kinds: &[Kind]) -> Option<String> {
        let ids = &self.ids;
        let suggesters = self.suggesters.get_or_insert_with(|| {
            let mut by_kind: HashMap<Kind, Suggester> = HashMap::new();
            let mut sorted: Vec<_> = ids.iter().collect();
            sorted.sort_by_key(|(id, _)| id.as_str());
            for (id, (kind, _, _)) in sorted {
                by_kind.entry(*kind).or_default().insert(id);
            }
            by_kind
        });
        let mut best: Option<&str> = None;
        for kind in kinds {
            if let Some(s) = suggesters.get(kind).and_then(|s| s.suggest(word)) {
                let closer = best.is_none_or(|b| {
                    (strsim::osa_distance(word, s), s) < (strsim::osa_distance(word, b), b)
                });
                if closer {
                    best = Some(s);
                }
            }
        }
        best.map(str::to_owned)
    }

    fn link_all(&mut self, c: &mut Catalogue) {
        refs::for_each_ref_mut(c, |site| self.link(site));
    }
}

fn expected(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.noun())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn with_article(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// An organisation whose `parent` chain returns to itself is SVS003. Each organisation is
/// visited once: a chain is followed until it reaches an organisation already settled.
fn check_parent_cycles(catalogue: &Catalogue, diagnostics: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let orgs = &catalogue.organizations;
    let mut state = vec![State::New; orgs.len()];
    for start in 0..orgs.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(i) = current {
            match state[i] {
                State::Done => break,
                State::OnPath => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cycle: Vec<&str> = path[from..]
                        .iter()
                        .chain(std::iter::once(&i))
                        .map(|&p| orgs[p].common.id.value.as_str())
                        .collect();
                    let last = path[path.len() - 1];
                    let Some(parent) = orgs[last].parent.as_ref() else {
                        break;
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            codes::INVALID_VALUE,
                            parent.span,
                            format!(
                                "organization `{}` is its own ancestor through `parent`: {}",
                                orgs[last].common.id.value,
                                cycle.join(" → ")
                            ),
                        )
                        .with_entity(Some(&orgs[last].common.id.value))
                        .with_help("an organisation can be part of another, but not of itself"),
                    );
                    break;
                }
                State::New => {
                    state[i] = State::OnPath;
                    path.push(i);
                    // A parent left unresolved (it has its own finding) ends the chain.
                    current = orgs[i].parent.as_ref().and_then(Ref::try_index);
                }
            }
        }
        for p in path {
            state[p] = State::Done;
        }
    }
}

/// A custom rule's code is unique (SVS010 on the second rule), and a custom code in a
/// `lint:` block names a rule of the catalogue (SVS003 otherwise).
fn check_custom_codes(catalogue: &Catalogue, diagnostics: &mut Vec<Diagnostic>) {
    let mut codes_seen: HashMap<&str, Span> = HashMap::new();
    for rule in &catalogue.rules {
        match codes_seen.get(rule.code.value.as_str()) {
            Some(&first) => diagnostics.push(
                Diagnostic::new(
                    codes::INVALID_CUSTOM_RULE,
                    rule.code.span,
                    format!(
                        "rule `{}` has the code `{}`, which another rule already has",
                        rule.common.id.value, rule.code.value
                    ),
                )
                .with_label(first, "first used here")
                .with_entity(Some(&rule.common.id.value))
                .with_help("give each custom rule its own code"),
            ),
            None => {
                codes_seen.insert(&rule.code.value, rule.code.span);
            }
        }
    }
    let mut check = |list: &[crate::model::Spanned<String>], entity: Option<&str>| {
        for code in list {
            if crate::diagnostic::is_custom_code(&code.value)
                && !codes_seen.contains_key(code.value.as_str())
            {
                diagnostics.push(
                    Diagnostic::new(
                        codes::INVALID_VALUE,
                        code.span,
                        format!(
                            "`{}` is not a code svs knows, nor one of the catalogue's rules",
                            code.value
                        ),
                    )
                    .with_entity(entity)
                    .with_help(
                        "`svs explain --list` lists every code, the catalogue's own included",
                    ),
                );
            }
        }
    };
    let lint = &catalogue.metadata.lint;
    for list in [&lint.allow, &lint.warn, &lint.deny] {
        check(list, None);
    }
    for common in catalogue.commons() {
        check(&common.lint.allow, Some(&common.id.value));
    }
}

/// One record per relationship and period: a second is SVS004, with the first as related
/// location.
fn check_evidence_records(catalogue: &Catalogue, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, crate::model::Period), Span> = HashMap::new();
    for record in &catalogue.evidence {
        let id = &*record.relationship.id;
        let period = record.period.value;
        match seen.get(&(id, period)) {
            Some(&first) => diagnostics.push(
                Diagnostic::new(
                    codes::DUPLICATE_ID,
                    record.period.span,
                    format!("relationship `{id}` has a second evidence record for {period}"),
                )
                .with_label(first, "the first record for this period")
                .with_entity(Some(id))
                .with_help("merge the two records: one record per relationship and period"),
            ),
            None => {
                seen.insert((id, period), record.period.span);
            }
        }
    }
}
