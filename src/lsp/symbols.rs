//! Every id in a resolved catalogue, where it is defined and where it is named, for go to
//! definition, find references, rename and hover.
//!
//! The resolved model already knows each reference's target and span, so the table is the
//! model's walk over its references ([`refs::for_each_ref`]), not a second reading of the
//! YAML: what the editor follows is exactly what the loader resolved.

use std::collections::HashMap;
use std::fmt::Write as _;

use lsp_types::{TextEdit, Uri};

use super::convert;
use crate::model::{Catalogue, Kind, Section, refs};
use crate::source::{SourceMap, Span};

/// One place an entity's id is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The kind of the entity.
    pub kind: Kind,
    /// Its index in the list of its kind.
    pub index: usize,
    /// Where the id is written.
    pub span: Span,
    /// Whether this is the entity's own `id:` rather than a reference.
    pub definition: bool,
}

/// Every definition and reference of the catalogue, in model order: each entity's own id,
/// then the references it holds.
pub fn occurrences(catalogue: &Catalogue) -> Vec<Occurrence> {
    let mut table = Vec::new();
    let define = |table: &mut Vec<Occurrence>, (kind, index): (Kind, usize)| {
        table.push(Occurrence {
            kind,
            index,
            span: catalogue.common(kind, index).id.span,
            definition: true,
        });
    };
    // The walk meets holders in this order too, so each definition is written just before
    // the first reference its entity holds.
    let mut entities = Section::ALL
        .into_iter()
        .flat_map(|s| (0..catalogue.count(s.kind)).map(move |i| (s.kind, i)))
        .peekable();
    refs::for_each_ref(catalogue, |site| {
        let holder = (site.holder.kind, site.holder.index);
        while let Some(entity) = entities.next_if(|&entity| entity <= holder) {
            define(&mut table, entity);
        }
        let (kind, index) = site.target();
        table.push(Occurrence {
            kind,
            index,
            span: site.span,
            definition: false,
        });
    });
    for entity in entities {
        define(&mut table, entity);
    }
    table
}

/// The bytes of the id itself within a span: a quoted scalar's span includes its quotes.
pub fn id_span(sources: &SourceMap, span: Span, id: &str) -> Span {
    let text = sources.text(span);
    match text.find(id) {
        Some(at) if text.len() > id.len() => {
            Span::new(span.file, span.start() + at, span.start() + at + id.len())
        }
        _ => span,
    }
}

/// The edits that rename every occurrence of one entity's id, file by file.
// `WorkspaceEdit` keys its changes by `Uri`, whose inner cell caches parsing and takes no
// part in hashing or equality (rust-analyzer allows the lint for the same reason).
#[allow(clippy::mutable_key_type)]
pub fn rename_edits(
    sources: &SourceMap,
    catalogue: &Catalogue,
    found: &[Occurrence],
    new_id: &str,
) -> HashMap<Uri, Vec<TextEdit>> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for occurrence in found {
        let id = catalogue.id(occurrence.kind, occurrence.index);
        let span = id_span(sources, occurrence.span, id);
        let uri = convert::path_to_uri(sources.file(span.file).path.as_ref());
        changes.entry(uri).or_default().push(TextEdit::new(
            convert::range(sources, span),
            new_id.to_owned(),
        ));
    }
    changes
}

/// What a relationship delivered in its latest period with evidence (§10.3):
/// `short in 2026-Q2 (warranty-breached)`, `as-agreed in 2026-Q3` or `unmeasured`.
fn delivered(delivered: &crate::assess::delivered::Delivered) -> String {
    let verdict = delivered.verdict.as_str();
    let Some(period) = delivered.period else {
        return verdict.to_owned();
    };
    let reasons: Vec<&str> = delivered.reasons.iter().map(|r| r.as_str()).collect();
    if reasons.is_empty() {
        format!("{verdict} in {period}")
    } else {
        format!("{verdict} in {period} ({})", reasons.join(", "))
    }
}

/// The hover text of an entity, in Markdown: its kind, id, name and description, and for
/// a relationship its assessment and what it delivered.
pub fn hover(catalogue: &Catalogue, kind: Kind, index: usize) -> String {
    let common = catalogue.common(kind, index);
    let mut text = format!("**{kind}** `{}`", common.id.value);
    if let Some(name) = &common.name {
        let _ = write!(text, ": {name}");
    }
    if let Some(description) = &common.description {
        let _ = write!(text, "\n\n{}", description.trim());
    }
    if kind == Kind::Relationship {
        match crate::assess::assess(catalogue, &[index]) {
            Ok(assessments) => {
                if let Some(a) = assessments.first() {
                    let currency = catalogue.metadata.currency.as_deref();
                    let _ = write!(
                        text,
                        "\n\n| | |\n|---|---|\n| verdict | {} |\n| utility | {} ({}) |\n| warranty | {} ({}) |\n| net value | {} per year |\n| co-creation | {} |",
                        a.verdict.as_str(),
                        crate::figures::plain(a.utility.score),
                        if a.utility.fit_for_purpose {
                            "fit for purpose"
                        } else {
                            "not fit for purpose"
                        },
                        crate::figures::plain(a.warranty.score),
                        if a.warranty.fit_for_use {
                            "fit for use"
                        } else {
                            "not fit for use"
                        },
                        crate::figures::money(a.net_value, currency),
                        a.co_creation.as_str(),
                    );
                    let _ = write!(text, "\n| delivered | {} |", delivered(&a.delivered));
                }
            }
            Err(overflow) => {
                let _ = write!(text, "\n\n{overflow}");
            }
        }
    }
    text
}
