//! What the lint rules share, computed once per run: the offer of every offering, the
//! assessment of every relationship, who refers to what, and the `parent` hierarchy.
//!
//! Rules read these tables instead of searching the catalogue, so every rule stays linear
//! in the catalogue's size.

use crate::assess::delivered::Records;
use crate::assess::offered::Offers;
use crate::assess::provision::CostFlow;
use crate::assess::{self, Assessment};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Catalogue, Common, Kind, refs};
use crate::source::Span;

/// The `parent` hierarchy as intervals of one depth-first walk, so that "is this
/// organisation part of that one" is answered in constant time, with the top-level
/// organisation of each.
#[derive(Debug)]
pub struct Ancestry {
    enter: Vec<usize>,
    leave: Vec<usize>,
    top: Vec<usize>,
}

impl Ancestry {
    /// Walks the forest of organisations once. The loader has already refused cycles.
    pub fn new(catalogue: &Catalogue) -> Self {
        let n = catalogue.organizations.len();
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, org) in catalogue.organizations.iter().enumerate() {
            match &org.parent {
                Some(parent) => children[parent.index()].push(i),
                None => roots.push(i),
            }
        }
        let mut enter = vec![0; n];
        let mut leave = vec![0; n];
        // The walk starts only from organisations without a parent, so one in a cycle is
        // never reached and stays its own top.
        let mut top: Vec<usize> = (0..n).collect();
        let mut clock = 0;
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in roots {
            stack.push((root, 0));
            enter[root] = clock;
            clock += 1;
            while let Some((node, next)) = stack.pop() {
                if let Some(&child) = children[node].get(next) {
                    stack.push((node, next + 1));
                    enter[child] = clock;
                    top[child] = root;
                    clock += 1;
                    stack.push((child, 0));
                } else {
                    leave[node] = clock;
                }
            }
        }
        Ancestry { enter, leave, top }
    }

    /// The top-level organisation `organisation` is part of: the end of its `parent`
    /// chain, or itself when it has no parent.
    pub fn top(&self, organisation: usize) -> usize {
        self.top[organisation]
    }

    /// Whether `part` is `whole` or part of it through `parent`, at any depth.
    pub fn is_part_of(&self, part: usize, whole: usize) -> bool {
        self.enter[whole] <= self.enter[part] && self.leave[part] <= self.leave[whole]
    }

    /// Whether one of the two is the other or part of it.
    pub fn related(&self, a: usize, b: usize) -> bool {
        self.is_part_of(a, b) || self.is_part_of(b, a)
    }
}

/// Everything the rules share.
#[derive(Debug)]
pub struct Index<'c> {
    /// The resolved catalogue.
    pub catalogue: &'c Catalogue,
    /// Every offering's offered warranty and facilitated outcomes.
    pub offers: Offers,
    /// Revenue, pools and users of the provider's side.
    pub flow: CostFlow,
    /// Every relationship's assessment, by relationship index (`None` when its amounts
    /// are too large to compute exactly).
    pub assessments: Vec<Option<Assessment>>,
    /// Each relationship's evidence records; its latest is the one `assessments` judge.
    pub records: Records,
    /// The `parent` hierarchy.
    pub ancestry: Ancestry,
    /// How many references name each entity, by kind and index.
    pub references: ReferenceCounts,
    /// Per outcome: whether an output of some service enables it.
    pub facilitated_anywhere: Vec<bool>,
    /// The date budgets, evidence and reviews are judged at ([`crate::calendar`]).
    pub judged_at: jiff::civil::Date,
}

/// How many references name each entity.
#[derive(Debug, Default)]
pub struct ReferenceCounts {
    counts: std::collections::HashMap<Kind, Vec<usize>>,
}

impl ReferenceCounts {
    fn count(&mut self, catalogue: &Catalogue, (kind, index): (Kind, usize)) {
        let list = self
            .counts
            .entry(kind)
            .or_insert_with(|| vec![0; catalogue.count(kind)]);
        list[index] += 1;
    }

    /// How many references name the entity of `kind` at `index`.
    pub fn of(&self, kind: Kind, index: usize) -> usize {
        self.counts.get(&kind).map_or(0, |list| list[index])
    }
}

fn count_references(c: &Catalogue) -> ReferenceCounts {
    let mut counts = ReferenceCounts::default();
    refs::for_each_ref(c, |site| counts.count(c, site.target()));
    counts
}

impl<'c> Index<'c> {
    /// Computes every shared table once, judging dates at the catalogue's as-of date.
    pub fn new(catalogue: &'c Catalogue) -> Self {
        Index::at(catalogue, None)
    }

    /// Computes every shared table once, judging dates at `as_of` when given (the command
    /// line's `--as-of`), else at the catalogue's as-of date.
    pub fn at(catalogue: &'c Catalogue, as_of: Option<jiff::civil::Date>) -> Self {
        let shared = assess::Shared::new(catalogue);
        let assessments = (0..catalogue.relationships.len())
            .map(|r| assess::assess_with(catalogue, &shared, r).ok())
            .collect();
        let assess::Shared {
            offers,
            flow,
            records,
            ..
        } = shared;
        let mut facilitated_anywhere = vec![false; catalogue.outcomes.len()];
        for outcome in catalogue
            .services
            .iter()
            .flat_map(|s| &s.outputs)
            .flat_map(|o| &o.enables)
        {
            facilitated_anywhere[outcome.index()] = true;
        }
        Index {
            catalogue,
            offers,
            flow,
            assessments,
            records,
            ancestry: Ancestry::new(catalogue),
            references: count_references(catalogue),
            facilitated_anywhere,
            judged_at: crate::calendar::as_of(as_of, &catalogue.metadata),
        }
    }

    /// A finding of `code` at `span`, about the entity `owner`.
    pub fn finding(
        &self,
        code: Code,
        span: Span,
        owner: &Common,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, span, message).with_entity(Some(&owner.id.value))
    }

    /// The display name of an organisation.
    pub fn organization_name(&self, index: usize) -> &str {
        self.catalogue.organizations[index]
            .common
            .name
            .as_deref()
            .unwrap_or_default()
    }
}
