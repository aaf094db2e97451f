//! What a custom rule reads: the [`Shape`] of each value, taken from the compiled `when`
//! and `assert` expressions and the message placeholders before any value is built.
//!
//! Building and freeing every key of every entity cost more than running the rules, so
//! [`super::values`] builds only what some rule can observe. This module owns that
//! analysis: a walk of each expression's syntax tree that follows chains of selections
//! from `self`, `catalogue` and comprehension variables ([`Walker`]), and the merge of
//! every rule's reads into one shape per kind ([`Reads`]). A value used whole is built
//! whole; a key only tested with `has()` is there when the entity has it. The CEL key of
//! each key read is made here once and shared by every value built.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use cel::IdedExpr;
use cel::common::ast::{EntryExpr, Expr, IdedEntryExpr, operators};
use cel::common::value::CelVal;
use cel::objects::Key;

use crate::keys::names;
use crate::model::{Catalogue, Kind};

/// What the rules read of one value: the keys they select by name, each with what is read
/// of it, or the whole value. Read from the compiled expressions and the message
/// placeholders, so that only what some rule can observe is built: a value used whole
/// (compared, iterated, measured with `size`, passed to a function, indexed with a key
/// computed at run time) is built whole, and a key only tested with `has()` is there when
/// the entity has it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Shape {
    /// The whole value.
    pub(super) full: bool,
    /// What is read of the element a run-time index picks (`self.price[i]`,
    /// `catalogue.groups[t]`).
    pub(super) each: Option<Box<Shape>>,
    /// The keys selected by name (`self.roles.sponsor`, `self['title']`), each with its
    /// CEL key, made once and shared by every value built.
    pub(super) keys: BTreeMap<String, (Key, Shape)>,
}

static FULL: Shape = Shape {
    full: true,
    each: None,
    keys: BTreeMap::new(),
};

pub(super) static EMPTY: Shape = Shape {
    full: false,
    each: None,
    keys: BTreeMap::new(),
};

/// One step of a path into a value.
#[derive(Debug)]
enum Step {
    /// A key named in the expression.
    Key(String),
    /// An index computed at run time.
    Each,
}

impl Shape {
    fn merge(&mut self, other: &Shape) {
        self.full |= other.full;
        if let Some(each) = &other.each {
            self.each.get_or_insert_default().merge(each);
        }
        for (key, (_, shape)) in &other.keys {
            self.field(key).merge(shape);
        }
    }

    /// Marks the value at `path` as read; `whole` when it is used as a whole rather than
    /// only tested for presence.
    fn record(&mut self, path: &[Step], whole: bool) {
        self.at(path).full |= whole;
    }

    /// The shape at `path`, made if need be.
    fn at(&mut self, path: &[Step]) -> &mut Shape {
        let mut node = self;
        for step in path {
            node = match step {
                Step::Key(key) => node.field(key),
                Step::Each => node.each.get_or_insert_default(),
            };
        }
        node
    }

    fn field(&mut self, key: &str) -> &mut Shape {
        &mut self
            .keys
            .entry(key.to_owned())
            .or_insert_with(|| (Key::String(Arc::new(key.to_owned())), Shape::default()))
            .1
    }

    /// The CEL key `key` and what is read of it, or `None` when no rule reads it. A map
    /// indexed at run time may give any of its keys: all are read whole.
    pub(super) fn key(&self, key: &str) -> Option<(Key, &Shape)> {
        if self.full || self.each.is_some() {
            Some((Key::String(Arc::new(key.to_owned())), &FULL))
        } else {
            self.keys.get(key).map(|(cel, shape)| (cel.clone(), shape))
        }
    }

    /// What is read of each element of a list.
    pub(super) fn element(&self) -> &Shape {
        if self.full {
            &FULL
        } else {
            self.each.as_deref().unwrap_or(&EMPTY)
        }
    }

    /// What is read of each entity of a map of `catalogue`, whichever way it is reached.
    fn entries(&self) -> Shape {
        if self.full {
            return FULL.clone();
        }
        let mut entries = Shape::default();
        if let Some(each) = &self.each {
            entries.merge(each);
        }
        for (_, shape) in self.keys.values() {
            entries.merge(shape);
        }
        entries
    }
}

/// Where a chain of selections starts.
#[derive(Debug, Clone, Copy)]
enum Root {
    This,
    Catalogue,
    /// The variable of an enclosing comprehension (`p` in `self.price.exists(p, ...)`),
    /// by its place in [`Walker::vars`].
    Var(usize),
}

/// What every rule reads: of `self` for each kind, and of `catalogue` (`None` when no rule
/// names it).
#[derive(Debug, Default)]
pub(super) struct Reads {
    this: HashMap<Kind, Shape>,
    /// For a kind whose messages read more than the expressions: what a finding's
    /// message reads. Only an entity with a finding is built again to that shape, so a
    /// placeholder such as `{self.id}` costs nothing on the entities that pass.
    pub(super) message: HashMap<Kind, Shape>,
    pub(super) catalogue: Option<Shape>,
}

impl Reads {
    pub(super) fn of(catalogue: &Catalogue) -> Self {
        let mut reads = Reads::default();
        let mut messages: HashMap<Kind, Shape> = HashMap::new();
        for rule in &catalogue.rules {
            let mut walker = Walker::default();
            for expression in rule.when.iter().chain([&rule.assert]) {
                walker.walk(expression.program.expression());
            }
            let Walker {
                this,
                catalogue: other,
                ..
            } = walker;
            let message = messages.entry(rule.on).or_default();
            for path in placeholders(&rule.message) {
                message.record(&path, true);
            }
            reads.this.entry(rule.on).or_default().merge(&this);
            if let Some(other) = other {
                reads.catalogue.get_or_insert_default().merge(&other);
            }
        }
        // An entity reached through `catalogue` is the same value as `self`: one shape
        // per kind covers both.
        if let Some(read) = &reads.catalogue {
            for kind in Kind::CHECKED {
                if let Some(map) = read.key(crate::model::Section::of(kind).key) {
                    reads.this.entry(kind).or_default().merge(&map.1.entries());
                }
            }
        }
        for (kind, message) in messages {
            let this = reads.this.get(&kind).unwrap_or(&EMPTY);
            let mut shape = this.clone();
            shape.merge(&message);
            if shape != *this {
                reads.message.insert(kind, shape);
            }
        }
        reads
    }

    /// Every value read whole, as if the rules could not be read: what the values were
    /// before only the keys rules read were built.
    #[cfg(test)]
    pub(super) fn whole() -> Self {
        Reads {
            this: Kind::CHECKED.iter().map(|&k| (k, FULL.clone())).collect(),
            message: HashMap::new(),
            catalogue: Some(FULL.clone()),
        }
    }

    /// What is read of `self` on `kind`, or `None` when no rule reaches that kind.
    pub(super) fn of_kind(&self, kind: Kind) -> Option<&Shape> {
        self.this.get(&kind)
    }
}

/// What one rule's expressions read of `self`, of `catalogue` (`None` when they do not
/// name it), and of each variable of the comprehensions around the expression walked.
#[derive(Default)]
struct Walker {
    this: Shape,
    catalogue: Option<Shape>,
    vars: Vec<(String, Shape)>,
}

impl Walker {
    fn record(&mut self, root: Root, path: &[Step], whole: bool) {
        match root {
            Root::This => self.this.record(path, whole),
            Root::Catalogue => self.catalogue.get_or_insert_default().record(path, whole),
            Root::Var(i) => self.vars[i].1.record(path, whole),
        }
    }

    fn walk(&mut self, expression: &IdedExpr) {
        let mut indexes = Vec::new();
        // `has(self.a.b)` only tests for `b`: a chain ending in a test reads no more of it.
        let chain = match &expression.expr {
            Expr::Select(select) if select.test => self
                .path(&select.operand.expr, &mut indexes)
                .map(|(root, mut steps)| {
                    steps.push(Step::Key(select.field.clone()));
                    (root, steps, false)
                }),
            expr => self
                .path(expr, &mut indexes)
                .map(|(root, steps)| (root, steps, true)),
        };
        if let Some((root, steps, whole)) = chain {
            self.record(root, &steps, whole);
            for index in indexes {
                self.walk(index);
            }
            return;
        }
        if let Expr::Comprehension(c) = &expression.expr {
            if c.iter_var2.is_none() {
                self.comprehension(c);
                return;
            }
        }
        for child in children(&expression.expr) {
            self.walk(child);
        }
    }

    /// A comprehension over a chain (`self.price.exists(p, p.per == 'month')`) reads of
    /// each element what its body reads of the variable; a map's elements are its keys,
    /// and a map iterated is read whole (see [`Shape::key`]).
    fn comprehension(&mut self, c: &cel::common::ast::ComprehensionExpr) {
        let mut indexes = Vec::new();
        let range = self.path(&c.iter_range.expr, &mut indexes);
        if range.is_none() {
            self.walk(&c.iter_range);
        }
        for index in indexes {
            self.walk(index);
        }
        self.vars.push((c.iter_var.clone(), Shape::default()));
        for part in [&c.accu_init, &c.loop_cond, &c.loop_step, &c.result] {
            self.walk(part);
        }
        let (_, element) = self.vars.pop().unwrap_or_default();
        if let Some((root, mut steps)) = range {
            steps.push(Step::Each);
            self.record(root, &steps, false);
            self.record_shape(root, &steps, &element);
        }
    }

    fn record_shape(&mut self, root: Root, path: &[Step], shape: &Shape) {
        let node = match root {
            Root::This => self.this.at(path),
            Root::Catalogue => self.catalogue.get_or_insert_default().at(path),
            Root::Var(i) => self.vars[i].1.at(path),
        };
        node.merge(shape);
    }

    /// The variable and path of a chain of selections and indexes (`self.a[k].b`), with the
    /// index expressions met on the way; `None` when `expr` is not such a chain.
    fn path<'e>(
        &self,
        expr: &'e Expr,
        indexes: &mut Vec<&'e IdedExpr>,
    ) -> Option<(Root, Vec<Step>)> {
        match expr {
            Expr::Ident(name) => {
                let root = match self.vars.iter().rposition(|(var, _)| var == name) {
                    Some(i) => Root::Var(i),
                    None if name == "self" => Root::This,
                    None if name == names::CATALOGUE => Root::Catalogue,
                    None => return None,
                };
                Some((root, Vec::new()))
            }
            Expr::Select(select) if !select.test => {
                let (root, mut steps) = self.path(&select.operand.expr, indexes)?;
                steps.push(Step::Key(select.field.clone()));
                Some((root, steps))
            }
            Expr::Call(call)
                if call.func_name == operators::INDEX
                    && call.target.is_none()
                    && call.args.len() == 2 =>
            {
                let (root, mut steps) = self.path(&call.args[0].expr, indexes)?;
                let index = &call.args[1];
                indexes.push(index);
                steps.push(match &index.expr {
                    Expr::Literal(CelVal::String(key)) => Step::Key(key.clone()),
                    _ => Step::Each,
                });
                Some((root, steps))
            }
            _ => None,
        }
    }
}

/// The expressions directly inside `expr`.
fn children(expr: &Expr) -> Vec<&IdedExpr> {
    match expr {
        Expr::Call(call) => call
            .target
            .as_deref()
            .into_iter()
            .chain(&call.args)
            .collect(),
        Expr::Comprehension(c) => vec![
            &c.iter_range,
            &c.accu_init,
            &c.loop_cond,
            &c.loop_step,
            &c.result,
        ],
        Expr::List(list) => list.elements.iter().collect(),
        Expr::Map(map) => entries(&map.entries),
        Expr::Struct(structure) => entries(&structure.entries),
        Expr::Select(select) => vec![&select.operand],
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => Vec::new(),
    }
}

fn entries(entries: &[IdedEntryExpr]) -> Vec<&IdedExpr> {
    entries
        .iter()
        .flat_map(|entry| match &entry.expr {
            EntryExpr::MapEntry(e) => vec![&e.key, &e.value],
            EntryExpr::StructField(f) => vec![&f.value],
        })
        .collect()
}

/// The key paths of a message's `{self.KEY.KEY}` placeholders, as [`super::fill`] reads them
/// (and perhaps more: a path between stray braces does no harm).
fn placeholders(template: &str) -> impl Iterator<Item = Vec<Step>> {
    template.split('{').skip(1).filter_map(|after| {
        let inner = after[..after.find('}')?].trim();
        let path = inner
            .strip_prefix("self")
            .filter(|p| p.is_empty() || p.starts_with('.'))?;
        Some(
            path.split('.')
                .filter(|k| !k.is_empty())
                .map(|k| Step::Key(k.to_owned()))
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::lint::custom::codes;
    use crate::lint::custom::run::run;
    use crate::lint::custom::testing::{catalogue, rule};
    use crate::lint::index::Index;

    /// The findings of the rules with values built as their expressions read them, and
    /// with every value whole.
    fn both_ways(rules: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let catalogue = catalogue(rules);
        let index = Index::new(&catalogue);
        let codes = codes(&catalogue);
        let (mut read, mut whole) = (Vec::new(), Vec::new());
        run(&index, &codes, &Reads::of(&catalogue), &mut read);
        run(&index, &codes, &Reads::whole(), &mut whole);
        (read, whole)
    }

    #[test]
    fn rules_find_the_same_with_only_the_keys_they_read_built() {
        let rules = [
            rule(
                1,
                names::RELATIONSHIPS,
                Some("has(self.assessment) && has(self.assessment.provider_side)"),
                "self.assessment.utility.score > 0.5 && \
                 catalogue.offerings[self.offering].price.exists(p, p.per == 'year')",
            ),
            rule(
                2,
                names::RELATIONSHIPS,
                None,
                "has(self.roles.sponsor) && size(self.roles.sponsor) > 0",
            ),
            rule(
                3,
                names::RELATIONSHIPS,
                None,
                "self.requirements.warranty.availability < \
                 catalogue.offerings[self.offering].offered_warranty.availability",
            ),
            rule(
                4,
                names::OFFERINGS,
                None,
                "self.targets.all(t, has(catalogue.groups[t].organization) && \
                 catalogue.organizations[catalogue.groups[t].organization].name != 'Telco')",
            ),
            rule(5, names::OFFERINGS, None, "self.price[0].amount > 1000.0"),
            rule(
                6,
                names::ORGANIZATIONS,
                None,
                "has(self.parent) ? catalogue.organizations[self.parent].name != '' : false",
            ),
            rule(7, names::PEOPLE, None, "self.title != ''"),
            rule(
                8,
                names::SERVICES,
                None,
                "self.warranty.security.exists(s, s == 'mfa')",
            ),
            rule(
                9,
                names::OFFERINGS,
                Some("has(self.offered_warranty.security)"),
                "'mfa' in self.offered_warranty.security",
            ),
            rule(
                10,
                names::GROUPS,
                None,
                "catalogue.thresholds.utility < 1.0 && self.organization_chain.size() > 1",
            ),
            rule(
                11,
                names::OFFERINGS,
                None,
                "self.price.exists(p, has(p.unit) || self.actions.all(a, a.name != p.per))",
            ),
            rule(
                12,
                names::RELATIONSHIPS,
                None,
                "self.roles.exists(k, k == 'sponsor') && \
                 self.costs.removed.map(c, c.amount).all(a, a > 60000.0)",
            ),
        ]
        .concat();
        let (read, whole) = both_ways(&rules);
        assert!(read.len() >= 10, "the rules hold nowhere: {read:?}");
        assert_eq!(read, whole);
    }

    #[test]
    fn values_used_whole_are_built_whole() {
        let rules = [
            rule(1, names::RELATIONSHIPS, None, "size(self) > 17"),
            rule(2, names::OFFERINGS, None, "self.all(k, k != 'warranty')"),
            rule(
                3,
                names::RELATIONSHIPS,
                None,
                "catalogue['offer' + 'ings'][self.offering].price.size() > 0",
            ),
            rule(4, names::PEOPLE, None, "self['ti' + 'tle'] != ''"),
            rule(
                5,
                names::SERVICES,
                None,
                "self.warranty == catalogue.services['mobile'].warranty",
            ),
        ]
        .concat();
        let (read, whole) = both_ways(&rules);
        assert!(read.len() >= 4, "the rules hold nowhere: {read:?}");
        assert_eq!(read, whole);
    }

    #[test]
    fn has_reads_presence_only_and_placeholders_read_whole() {
        let catalogue = catalogue(
            "  - id: r1\n    code: TT001\n    name: rule-1\n    on: relationships\n    \
              assert: \"has(self.requirements.warranty) && self.roles.sponsor[i] != '' && \
              self.stakeholders.all(s, s.effects.exists(e, has(e.amount)))\"\n    \
              message: \"{self.costs.removed} {self\"\n",
        );
        let reads = Reads::of(&catalogue);
        let shape = reads.of_kind(Kind::Relationship).unwrap();
        let requirements = shape.key(names::REQUIREMENTS).unwrap().1;
        assert!(!requirements.full);
        assert_eq!(requirements.key(names::WARRANTY).unwrap().1, &EMPTY);
        let roles = shape.key(names::ROLES).unwrap().1;
        assert!(roles.key(names::SPONSOR).unwrap().1.each.is_some());
        assert!(
            shape.key(names::COSTS).is_none(),
            "only the message reads the costs"
        );
        let message = &reads.message[&Kind::Relationship];
        assert!(
            message
                .key(names::COSTS)
                .unwrap()
                .1
                .key(names::REMOVED)
                .unwrap()
                .1
                .full
        );
        assert!(shape.key(names::PROVISION).is_none());
        let stakeholder = shape.key(names::STAKEHOLDERS).unwrap().1.element();
        assert_eq!(
            stakeholder.keys.keys().collect::<Vec<_>>(),
            [names::EFFECTS]
        );
        let effect = stakeholder.key(names::EFFECTS).unwrap().1.element();
        assert_eq!(effect.keys.keys().collect::<Vec<_>>(), [names::AMOUNT]);
        assert!(!effect.full);
        assert!(reads.catalogue.is_none());
    }
}
