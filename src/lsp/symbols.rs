//! Every id in a resolved catalogue, where it is defined and where it is named, for go to
//! definition, find references, rename and hover.
//!
//! The resolved model already knows each reference's target and span ([`Ref`]), so the
//! table is a walk over the model, not a second reading of the YAML: what the editor
//! follows is exactly what the loader resolved.

use std::collections::HashMap;
use std::fmt::Write as _;

use lsp_types::{TextEdit, Uri};

use super::convert;
use crate::model::{Catalogue, Common, Kind, Ref, Target};
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

/// Every definition and reference of the catalogue, in model order.
pub fn occurrences(catalogue: &Catalogue) -> Vec<Occurrence> {
    let mut table = Table(Vec::new());
    for (i, o) in catalogue.organizations.iter().enumerate() {
        table.define(Kind::Organization, i, &o.common);
        table.name(o.parent.as_ref());
    }
    for (i, p) in catalogue.people.iter().enumerate() {
        table.define(Kind::Person, i, &p.common);
        table.name(Some(&p.organization));
    }
    for (i, g) in catalogue.groups.iter().enumerate() {
        table.define(Kind::Group, i, &g.common);
        table.name(g.organization.as_ref());
        table.names(&g.members);
    }
    for (i, o) in catalogue.outcomes.iter().enumerate() {
        table.define(Kind::Outcome, i, &o.common);
    }
    for (i, p) in catalogue.products.iter().enumerate() {
        table.define(Kind::Product, i, &p.common);
        table.name(Some(&p.provider));
        table.names(&p.targets);
    }
    for (i, s) in catalogue.services.iter().enumerate() {
        table.define(Kind::Service, i, &s.common);
        table.name(Some(&s.provider));
        table.names(&s.products);
        for output in &s.outputs {
            table.names(&output.enables);
        }
        table.names(&s.depends_on);
    }
    for (i, o) in catalogue.offerings.iter().enumerate() {
        table.define(Kind::Offering, i, &o.common);
        table.name(Some(&o.provider));
        table.names(&o.services);
        table.names(&o.targets);
    }
    for (i, r) in catalogue.relationships.iter().enumerate() {
        table.define(Kind::Relationship, i, &r.common);
        table.name(Some(&r.provider));
        table.name(Some(&r.consumer));
        table.name(Some(&r.offering));
        table.names(&r.roles.customer);
        table.names(&r.roles.user);
        table.names(&r.roles.sponsor);
        for stakeholder in &r.stakeholders {
            table.name(Some(&stakeholder.party));
        }
        for required in &r.requirements.outcomes {
            table.name(Some(&required.outcome));
        }
    }
    for (i, rule) in catalogue.rules.iter().enumerate() {
        table.define(Kind::Rule, i, &rule.common);
    }
    table.0
}

struct Table(Vec<Occurrence>);

impl Table {
    fn define(&mut self, kind: Kind, index: usize, common: &Common) {
        self.0.push(Occurrence {
            kind,
            index,
            span: common.id.span,
            definition: true,
        });
    }

    fn name<T: Target>(&mut self, reference: Option<&Ref<T>>) {
        if let Some(reference) = reference {
            let (kind, index) = reference.target();
            self.0.push(Occurrence {
                kind,
                index,
                span: reference.span,
                definition: false,
            });
        }
    }

    fn names<T: Target>(&mut self, references: &[Ref<T>]) {
        for reference in references {
            self.name(Some(reference));
        }
    }
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

/// The hover text of an entity, in Markdown: its kind, id, name and description, and for
/// a relationship its assessment.
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
                }
            }
            Err(overflow) => {
                let _ = write!(text, "\n\n{overflow}");
            }
        }
    }
    text
}
