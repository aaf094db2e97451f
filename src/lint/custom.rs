//! Custom rules: the catalogue's own `rules:`, CEL expressions checked on every entity of
//! one kind (docs/custom-rules.md).
//!
//! Each entity the rules need becomes one CEL value, built once per run from the resolved
//! model and the tables of [`Index`] (an offering's offered warranty, a relationship's
//! assessment); `self` and the maps of `catalogue` share it, and `catalogue` is put in the
//! root context once. A value holds only what some rule can read of it (a `Shape`, taken
//! from the compiled expressions and the message placeholders): building and freeing
//! every key of every entity cost more than running the rules. The expressions were
//! compiled by the loader; here they run once per rule and entity, so the work is linear
//! in entities × rules. An expression that fails on one entity is one finding for that
//! entity and rule, and the run goes on.
//!
//! Amounts reach CEL as doubles: inside a rule, money is compared in binary floating
//! point, for filtering only. Nothing computed here flows back into svs's own figures.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use cel::common::ast::{EntryExpr, Expr, IdedEntryExpr, operators};
use cel::common::value::CelVal;
use cel::objects::{Key, Map};
use cel::{Context, IdedExpr, Value};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::index::Index;
use crate::assess::offered::OfferedWarranty;
use crate::diagnostic::{CustomCode, Diagnostic};
use crate::load::decode::{offerings, outcomes, provision, relationships, word_of};
use crate::model::{
    Catalogue, Common, CostCategory, CustomRule, Dimension, Direction, Expression, Kind, Ownership,
    Per, Priority, ProvisionCost, Risk, StakeholderRole, Warranty,
};

/// The finding code of each custom rule, in catalogue order.
pub fn codes(catalogue: &Catalogue) -> Vec<Arc<CustomCode>> {
    catalogue.rules.iter().map(custom_code).collect()
}

/// The finding code of one rule.
pub fn custom_code(rule: &CustomRule) -> Arc<CustomCode> {
    let description = rule.common.description.clone();
    let name = rule.common.name.clone().unwrap_or_default();
    let summary = description
        .as_deref()
        .and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty()))
        .map_or_else(|| name.replace('-', " "), str::to_owned);
    let doc = doc(rule, &summary);
    Arc::new(CustomCode {
        code: rule.code.value.clone(),
        name,
        default: rule.severity,
        help: rule.help.clone(),
        summary,
        description,
        doc,
    })
}

/// A custom rule's `svs explain` text, in Markdown.
fn doc(rule: &CustomRule, summary: &str) -> String {
    use std::fmt::Write as _;
    let mut doc = String::new();
    let description = rule.common.description.as_deref().map(str::trim_end);
    let _ = writeln!(doc, "{}", description.unwrap_or(summary));
    let _ = writeln!(
        doc,
        "\nA custom rule of this catalogue (`{}`), checked on every entity of `{}`.",
        rule.common.id.value,
        crate::load::decode::rules::section_of(rule.on)
    );
    let _ = writeln!(doc, "\n## Rule\n");
    if let Some(when) = &rule.when {
        let _ = writeln!(doc, "When:\n\n```cel\n{}\n```\n", when.text.trim_end());
    }
    let _ = writeln!(
        doc,
        "Assert (a finding when false):\n\n```cel\n{}\n```\n",
        rule.assert.text.trim_end()
    );
    let _ = writeln!(doc, "Message: {}", rule.message);
    if let Some(help) = &rule.help {
        let _ = writeln!(doc, "\n## Help\n\n{help}");
    }
    doc
}

/// Adds every custom rule's findings, with default severities, to `out`.
pub fn check(index: &Index<'_>, codes: &[Arc<CustomCode>], out: &mut Vec<Diagnostic>) {
    let catalogue = index.catalogue;
    if catalogue.rules.is_empty() {
        return;
    }
    run(index, codes, &Reads::of(catalogue), out);
}

/// [`check`] with the values built as far as `reads` says.
fn run(index: &Index<'_>, codes: &[Arc<CustomCode>], reads: &Reads, out: &mut Vec<Diagnostic>) {
    let catalogue = index.catalogue;
    let mut values = Values::new(index, reads);
    let mut root = Context::default();
    if let Some(shape) = &reads.catalogue {
        root.add_variable_from_value("catalogue", values.catalogue(shape));
    }
    for (rule, code) in catalogue.rules.iter().zip(codes) {
        let entities = values.of(rule.on);
        // One scope per rule, `self` replaced for each entity.
        let mut scope = root.new_inner_scope();
        for (i, this) in entities.iter().enumerate() {
            let common = catalogue.common(rule.on, i);
            scope.add_variable_from_value("self", this.clone());
            let applies = match &rule.when {
                None => Ok(true),
                Some(when) => truth(when, "when", &scope),
            };
            let holds = applies.and_then(|applies| {
                if applies {
                    truth(&rule.assert, "assert", &scope)
                } else {
                    Ok(true)
                }
            });
            match holds {
                Ok(true) => {}
                Ok(false) => {
                    let message = reads
                        .message
                        .get(&rule.on)
                        .map(|shape| entity(index, rule.on, i, shape));
                    out.push(finding(rule, code, common, message.as_ref().unwrap_or(this)));
                }
                Err((expression, problem)) => out.push(
                    Diagnostic::new(
                        Arc::clone(code),
                        common.id.span,
                        format!(
                            "rule {} could not be checked on {} `{}`: `{expression}` failed: {problem}",
                            code.code, rule.on, common.id.value
                        ),
                    )
                    .with_entity(Some(&common.id.value))
                    .with_help(
                        "guard keys that may be absent with `has(self.key)`; \
                         docs/custom-rules.md lists what a rule sees",
                    ),
                ),
            }
        }
    }
}

/// A rule's finding on one entity: its message with the placeholders filled.
fn finding(rule: &CustomRule, code: &Arc<CustomCode>, common: &Common, this: &Value) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::new(Arc::clone(code), common.id.span, fill(&rule.message, this))
            .with_entity(Some(&common.id.value));
    diagnostic.help.clone_from(&rule.help);
    diagnostic
}

/// Runs one expression; its value must be a boolean. An error names the key (`when` or
/// `assert`) and what went wrong.
fn truth(
    expression: &Expression,
    key: &'static str,
    scope: &Context<'_>,
) -> Result<bool, (&'static str, String)> {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        expression.program.execute(scope)
    }));
    match run {
        Ok(Ok(Value::Bool(b))) => Ok(b),
        Ok(Ok(other)) => Err((
            key,
            format!("it gave {}, not true or false", describe(&other)),
        )),
        Ok(Err(error)) => Err((key, error.to_string())),
        Err(_) => Err((key, "the CEL interpreter gave up".to_owned())),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Int(_) | Value::UInt(_) => "an integer",
        Value::Float(_) => "a number",
        Value::String(_) => "a string",
        Value::Bytes(_) => "bytes",
        Value::Null => "null",
        _ => "a value",
    }
}

/// Fills `{self}` and `{self.KEY.KEY}` placeholders from the entity; any other text in
/// braces stays as written, and a key the entity lacks reads `(none)`.
pub fn fill(template: &str, this: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = after[..close].trim();
        let path = inner
            .strip_prefix("self")
            .filter(|p| p.is_empty() || p.starts_with('.'));
        if let Some(path) = path {
            let mut value = Some(this);
            for key in path.split('.').filter(|k| !k.is_empty()) {
                value = value.and_then(|v| match v {
                    Value::Map(map) => map.map.get(&Key::String(Arc::new(key.to_owned()))),
                    _ => None,
                });
            }
            match value {
                Some(value) => render(value, &mut out),
                None => out.push_str("(none)"),
            }
        } else {
            out.push('{');
            out.push_str(&after[..close]);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn render(value: &Value, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        Value::String(s) => out.push_str(s),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::UInt(u) => {
            let _ = write!(out, "{u}");
        }
        Value::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Null => out.push_str("null"),
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
        }
        _ => out.push_str("{…}"),
    }
}

// ---- what the rules read ---------------------------------------------------------------

/// What the rules read of one value: the keys they select by name, each with what is read
/// of it, or the whole value. Read from the compiled expressions and the message
/// placeholders, so that only what some rule can observe is built: a value used whole
/// (compared, iterated, measured with `size`, passed to a function, indexed with a key
/// computed at run time) is built whole, and a key only tested with `has()` is there when
/// the entity has it.
#[derive(Debug, Default, Clone, PartialEq)]
struct Shape {
    /// The whole value.
    full: bool,
    /// What is read of the element a run-time index picks (`self.price[i]`,
    /// `catalogue.groups[t]`).
    each: Option<Box<Shape>>,
    /// The keys selected by name (`self.roles.sponsor`, `self['title']`), each with its
    /// CEL key, made once and shared by every value built.
    keys: BTreeMap<String, (Key, Shape)>,
}

static FULL: Shape = Shape {
    full: true,
    each: None,
    keys: BTreeMap::new(),
};

static EMPTY: Shape = Shape {
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
    fn key(&self, key: &str) -> Option<(Key, &Shape)> {
        if self.full || self.each.is_some() {
            Some((Key::String(Arc::new(key.to_owned())), &FULL))
        } else {
            self.keys.get(key).map(|(cel, shape)| (cel.clone(), shape))
        }
    }

    /// What is read of each element of a list.
    fn element(&self) -> &Shape {
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
struct Reads {
    this: HashMap<Kind, Shape>,
    /// For a kind whose messages read more than the expressions: what a finding's
    /// message reads. Only an entity with a finding is built again to that shape, so a
    /// placeholder such as `{self.id}` costs nothing on the entities that pass.
    message: HashMap<Kind, Shape>,
    catalogue: Option<Shape>,
}

impl Reads {
    fn of(catalogue: &Catalogue) -> Self {
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
                if let Some(map) = read.key(crate::load::decode::rules::section_of(kind)) {
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
    fn whole() -> Self {
        Reads {
            this: Kind::CHECKED.iter().map(|&k| (k, FULL.clone())).collect(),
            message: HashMap::new(),
            catalogue: Some(FULL.clone()),
        }
    }

    /// What is read of `self` on `kind`, or `None` when no rule reaches that kind.
    fn of_kind(&self, kind: Kind) -> Option<&Shape> {
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
                    None if name == "catalogue" => Root::Catalogue,
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

/// The key paths of a message's `{self.KEY.KEY}` placeholders, as [`fill`] reads them
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

// ---- the data a rule sees -------------------------------------------------------------

/// A CEL map under construction, holding only the keys its shape reads.
struct Object<'s> {
    shape: &'s Shape,
    map: HashMap<Key, Value>,
}

impl<'s> Object<'s> {
    fn new(shape: &'s Shape) -> Self {
        let map = if shape.full {
            HashMap::new()
        } else {
            HashMap::with_capacity(shape.keys.len())
        };
        Object { shape, map }
    }

    /// Sets `key` to what `make` gives for what is read of it, when a rule reads it.
    fn set<V: Into<Value>>(&mut self, key: &str, make: impl FnOnce(&Shape) -> V) -> &mut Self {
        if let Some((key, shape)) = self.shape.key(key) {
            self.map.insert(key, make(shape).into());
        }
        self
    }

    /// Like [`Object::set`], for a key the entity may lack.
    fn maybe<V: Into<Value>>(
        &mut self,
        key: &str,
        make: impl FnOnce(&Shape) -> Option<V>,
    ) -> &mut Self {
        if let Some((key, shape)) = self.shape.key(key) {
            if let Some(value) = make(shape) {
                self.map.insert(key, value.into());
            }
        }
        self
    }

    fn build(self) -> Value {
        Value::Map(Map {
            map: Arc::new(self.map),
        })
    }
}

/// A decimal as a CEL double: for comparisons inside rules only.
fn number(value: Decimal) -> Value {
    Value::Float(value.to_f64().unwrap_or(f64::NAN))
}

fn text(value: &str) -> Value {
    Value::String(Arc::new(value.to_owned()))
}

fn list<T>(items: &[T], shape: &Shape, each: impl Fn(&T, &Shape) -> Value) -> Value {
    let element = shape.element();
    Value::List(Arc::new(
        items.iter().map(|item| each(item, element)).collect(),
    ))
}

fn texts<'a>(items: impl Iterator<Item = &'a str>) -> Value {
    Value::List(Arc::new(items.map(text).collect()))
}

/// Every entity's value, built for the kinds the rules reach, once.
struct Values<'i> {
    index: &'i Index<'i>,
    reads: &'i Reads,
    built: HashMap<Kind, Arc<Vec<Value>>>,
}

impl<'i> Values<'i> {
    fn new(index: &'i Index<'i>, reads: &'i Reads) -> Self {
        Values {
            index,
            reads,
            built: HashMap::new(),
        }
    }

    fn of(&mut self, kind: Kind) -> Arc<Vec<Value>> {
        let index = self.index;
        let shape = self.reads.of_kind(kind).unwrap_or(&EMPTY);
        Arc::clone(
            self.built
                .entry(kind)
                .or_insert_with(|| Arc::new(build_kind(index, kind, shape))),
        )
    }

    /// `catalogue`: the metadata and a map of every kind by id, as far as `shape` reads.
    fn catalogue(&mut self, shape: &Shape) -> Value {
        let c = self.index.catalogue;
        let m = &c.metadata;
        let mut catalogue = Object::new(shape);
        catalogue
            .set("name", |_| text(&m.name))
            .maybe("currency", |_| m.currency.as_deref().map(text))
            .set("horizon_months", |_| i64::from(m.horizon_months))
            .set("thresholds", |s| {
                let mut thresholds = Object::new(s);
                thresholds
                    .set("utility", |_| number(m.utility_threshold))
                    .set("margin", |_| number(m.margin_threshold));
                thresholds.build()
            });
        for kind in Kind::CHECKED {
            let section = crate::load::decode::rules::section_of(kind);
            if shape.key(section).is_none() {
                continue;
            }
            let values = self.of(kind);
            catalogue.set(section, |_| {
                let mut by_id = HashMap::with_capacity(values.len());
                for (i, value) in values.iter().enumerate() {
                    by_id.insert(
                        Key::String(Arc::new(c.id(kind, i).to_owned())),
                        value.clone(),
                    );
                }
                Value::Map(Map {
                    map: Arc::new(by_id),
                })
            });
        }
        catalogue.build()
    }
}

/// The value of every entity of `kind`, as far as `shape` reads.
fn build_kind(index: &Index<'_>, kind: Kind, shape: &Shape) -> Vec<Value> {
    (0..index.catalogue.count(kind))
        .map(|i| entity(index, kind, i, shape))
        .collect()
}

/// The value of the entity of `kind` at `i`, as far as `shape` reads.
#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind, each a short table of the kind's keys"
)]
fn entity(index: &Index<'_>, kind: Kind, i: usize, shape: &Shape) -> Value {
    let c = index.catalogue;
    match kind {
        Kind::Organization => {
            let o = &c.organizations[i];
            let mut v = common(&o.common, shape);
            v.maybe("parent", |_| o.parent.as_ref().map(|p| text(&p.id)))
                .maybe("target_margin", |_| {
                    o.target_margin.as_ref().map(|m| number(m.value))
                })
                .set("organization_chain", |_| chain(c, Some(i)));
            v.build()
        }
        Kind::Person => {
            let p = &c.people[i];
            let mut v = common(&p.common, shape);
            v.set("organization", |_| text(&p.organization.id))
                .maybe("title", |_| p.title.as_deref().map(text))
                .set("organization_chain", |_| {
                    chain(c, Some(p.organization.index()))
                });
            v.build()
        }
        Kind::Group => {
            let g = &c.groups[i];
            let mut v = common(&g.common, shape);
            v.maybe("organization", |_| {
                g.organization.as_ref().map(|o| text(&o.id))
            })
            .maybe("size", |_| {
                g.size.map(|s| i64::try_from(s).unwrap_or(i64::MAX))
            })
            .set("members", |_| texts(g.members.iter().map(|m| &*m.id)))
            .set("organization_chain", |_| {
                chain(c, g.organization.as_ref().map(crate::model::Ref::index))
            });
            v.build()
        }
        Kind::Outcome => {
            let o = &c.outcomes[i];
            let mut v = common(&o.common, shape);
            v.set("kind", |_| text(word_of(outcomes::OUTCOME_KINDS, &o.kind)));
            v.build()
        }
        Kind::Product => {
            let p = &c.products[i];
            let mut v = common(&p.common, shape);
            v.set("provider", |_| text(&p.provider.id))
                .set("targets", |_| texts(p.targets.iter().map(|t| &*t.id)))
                .set("resources", |s| {
                    list(&p.resources, s, |r, s| {
                        let mut item = Object::new(s);
                        item.set("name", |_| text(&r.name))
                            .set("dimension", |_| text(dimension(r.dimension)))
                            .set("visible", |_| r.visible);
                        item.build()
                    })
                })
                .set("organization_chain", |_| chain(c, Some(p.provider.index())));
            v.build()
        }
        Kind::Service => {
            let s = &c.services[i];
            let mut v = common(&s.common, shape);
            v.set("provider", |_| text(&s.provider.id))
                .set("products", |_| texts(s.products.iter().map(|p| &*p.id)))
                .set("outputs", |shape| {
                    list(&s.outputs, shape, |o, shape| {
                        let mut item = Object::new(shape);
                        item.set("name", |_| text(&o.name))
                            .set("enables", |_| texts(o.enables.iter().map(|e| &*e.id)));
                        item.build()
                    })
                })
                .maybe("warranty", |shape| {
                    s.warranty.as_ref().map(|w| warranty(w, shape))
                })
                .set("depends_on", |_| texts(s.depends_on.iter().map(|d| &*d.id)))
                .set("running_costs", |shape| {
                    list(&s.running_costs, shape, provision_cost)
                })
                .set("organization_chain", |_| chain(c, Some(s.provider.index())));
            v.build()
        }
        Kind::Offering => {
            let o = &c.offerings[i];
            let mut v = common(&o.common, shape);
            v.set("provider", |_| text(&o.provider.id))
                .set("services", |_| texts(o.services.iter().map(|s| &*s.id)))
                .set("targets", |_| texts(o.targets.iter().map(|t| &*t.id)))
                .set("goods", |s| {
                    list(&o.goods, s, |g, s| {
                        let mut item = Object::new(s);
                        item.set("name", |_| text(&g.name.value))
                            .set("ownership", |_| text(ownership(g.ownership.value)));
                        item.build()
                    })
                })
                .set("access", |s| {
                    list(&o.access, s, |a, s| {
                        let mut item = Object::new(s);
                        item.set("name", |_| text(&a.name.value))
                            .maybe("period", |_| a.period.as_ref().map(|p| text(&p.value)))
                            .set("ownership", |_| text(ownership(a.ownership.value)));
                        item.build()
                    })
                })
                .set("actions", |s| {
                    list(&o.actions, s, |a, s| {
                        let mut item = Object::new(s);
                        item.set("name", |_| text(&a.name.value))
                            .maybe("agreement", |_| {
                                a.agreement.as_ref().map(|p| text(&p.value))
                            });
                        item.build()
                    })
                })
                .maybe("warranty", |s| o.warranty.as_ref().map(|w| warranty(w, s)))
                .set("price", |s| {
                    list(&o.price, s, |p, s| {
                        let mut item = Object::new(s);
                        item.maybe("name", |_| p.name.as_deref().map(text))
                            .set("amount", |_| number(p.amount))
                            .set("per", |_| text(per(p.per)))
                            .maybe("unit", |_| p.unit.as_deref().map(text));
                        item.build()
                    })
                })
                .set("cost_to_serve", |s| {
                    list(&o.cost_to_serve, s, provision_cost)
                })
                .set("offered_warranty", |s| offered(index.offers.warranty(i), s))
                .set("organization_chain", |_| chain(c, Some(o.provider.index())));
            v.build()
        }
        Kind::Relationship => relationship(index, i, &c.relationships[i], shape),
        Kind::Rule => Value::Null,
    }
}

fn common<'s>(common: &Common, shape: &'s Shape) -> Object<'s> {
    let mut v = Object::new(shape);
    v.set("id", |_| text(&common.id.value))
        .maybe("name", |_| common.name.as_deref().map(text))
        .maybe("description", |_| common.description.as_deref().map(text));
    v
}

/// An organisation and every organisation it is part of, nearest first.
fn chain(catalogue: &Catalogue, start: Option<usize>) -> Value {
    let mut ids = Vec::new();
    let mut next = start;
    // The loader refused cycles; the bound only guards against a mistake there.
    while let Some(i) = next.filter(|_| ids.len() <= catalogue.organizations.len()) {
        let org = &catalogue.organizations[i];
        ids.push(text(&org.common.id.value));
        next = org.parent.as_ref().map(crate::model::Ref::index);
    }
    Value::List(Arc::new(ids))
}

fn warranty(block: &Warranty, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.maybe("availability", |_| {
        block.availability.as_ref().map(|a| number(a.value))
    })
    .set("capacity", |s| {
        list(&block.capacity, s, |c, s| {
            let mut item = Object::new(s);
            item.set("metric", |_| text(&c.metric.value))
                .set("value", |_| number(c.value));
            item.build()
        })
    })
    .set("service_levels", |s| {
        list(&block.service_levels, s, |l, s| {
            let mut item = Object::new(s);
            item.set("metric", |_| text(&l.metric.value))
                .set(direction(l.direction), |_| number(l.bound));
            item.build()
        })
    })
    .set("continuity", |s| {
        let mut continuity = Object::new(s);
        continuity
            .maybe("rto_hours", |_| {
                block.continuity.rto_hours.as_ref().map(|h| number(h.value))
            })
            .maybe("rpo_hours", |_| {
                block.continuity.rpo_hours.as_ref().map(|h| number(h.value))
            });
        continuity.build()
    })
    .set("security", |_| {
        texts(block.security.iter().map(|s| s.value.as_str()))
    });
    v.build()
}

/// The offered warranty (SPEC 5.1), shaped like a warranty block, lists sorted.
fn offered(offer: &OfferedWarranty, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.maybe("availability", |_| offer.availability.map(number))
        .set("capacity", |s| {
            let mut capacity: Vec<(&String, &Decimal)> = offer.capacity.iter().collect();
            capacity.sort();
            list(&capacity, s, |(metric, value), s| {
                let mut item = Object::new(s);
                item.set("metric", |_| text(metric))
                    .set("value", |_| number(**value));
                item.build()
            })
        })
        .set("service_levels", |s| {
            let mut levels: Vec<(&(String, Direction), &Decimal)> =
                offer.service_levels.iter().collect();
            levels.sort();
            list(&levels, s, |((metric, dir), bound), s| {
                let mut item = Object::new(s);
                item.set("metric", |_| text(metric))
                    .set(direction(*dir), |_| number(**bound));
                item.build()
            })
        })
        .set("continuity", |s| {
            let mut continuity = Object::new(s);
            continuity
                .maybe("rto_hours", |_| offer.rto_hours.map(number))
                .maybe("rpo_hours", |_| offer.rpo_hours.map(number));
            continuity.build()
        })
        .set("security", |_| {
            let mut security: Vec<&str> = offer.security.iter().map(String::as_str).collect();
            security.sort_unstable();
            texts(security.into_iter())
        });
    v.build()
}

fn provision_cost(cost: &ProvisionCost, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set("name", |_| text(&cost.name))
        .set("dimension", |_| text(dimension(cost.dimension)))
        .set("amount", |_| number(cost.amount))
        .set("per", |_| text(per(cost.per)))
        .maybe("unit", |_| cost.unit.as_deref().map(text));
    item.build()
}

fn risk(risk: &Risk, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set("name", |_| text(&risk.name))
        .set("likelihood", |_| number(risk.likelihood))
        .set("impact", |_| number(risk.impact));
    item.build()
}

/// A list of amounts removed and imposed (`costs`, `risks`).
fn both<T>(
    removed: &[T],
    imposed: &[T],
    shape: &Shape,
    each: impl Fn(&T, &Shape) -> Value + Copy,
) -> Value {
    let mut v = Object::new(shape);
    v.set("removed", |s| list(removed, s, each))
        .set("imposed", |s| list(imposed, s, each));
    v.build()
}

fn priced(item: &mut Object<'_>, priced: Option<&crate::model::Priced>) {
    if let Some(p) = priced {
        item.set("amount", |_| number(p.amount))
            .set("per", |_| text(per(p.per)));
    }
}

fn relationship(
    index: &Index<'_>,
    i: usize,
    r: &crate::model::Relationship,
    shape: &Shape,
) -> Value {
    let c = index.catalogue;
    let holders = |list: &[crate::model::Ref<crate::model::RoleHolderRef>]| {
        texts(list.iter().map(|h| &*h.id))
    };
    let cost = |cost: &crate::model::Cost, s: &Shape| {
        let mut item = Object::new(s);
        item.set("name", |_| text(&cost.name))
            .set("category", |_| text(category(cost.category)))
            .set("amount", |_| number(cost.amount))
            .set("per", |_| text(per(cost.per)));
        item.build()
    };
    let mut v = common(&r.common, shape);
    v.set("provider", |_| text(&r.provider.id))
        .set("consumer", |_| text(&r.consumer.id))
        .set("offering", |_| text(&r.offering.id))
        .set("quantity", |_| number(r.quantity))
        .set("roles", |s| {
            let mut roles = Object::new(s);
            roles
                .set("customer", |_| holders(&r.roles.customer))
                .set("user", |_| holders(&r.roles.user))
                .set("sponsor", |_| holders(&r.roles.sponsor));
            roles.build()
        })
        .set("stakeholders", |s| {
            list(&r.stakeholders, s, |st, s| {
                let mut item = Object::new(s);
                item.set("party", |_| text(&st.party.id))
                    .set("role", |_| text(stakeholder_role(st.role)))
                    .maybe("interest", |_| st.interest.as_deref().map(text))
                    .set("effects", |s| {
                        list(&st.effects, s, |e, s| {
                            let mut effect = Object::new(s);
                            effect
                                .set("name", |_| text(&e.name))
                                .set("direction", |_| text(e.direction.as_str()));
                            priced(&mut effect, e.priced.as_ref());
                            effect.build()
                        })
                    });
                item.build()
            })
        })
        .set("requirements", |s| {
            let mut requirements = Object::new(s);
            requirements
                .set("outcomes", |s| {
                    list(&r.requirements.outcomes, s, |o, s| {
                        let mut item = Object::new(s);
                        item.set("outcome", |_| text(&o.outcome.id))
                            .set("priority", |_| text(priority(o.priority)))
                            .set("weight", |_| number(o.weight));
                        item.build()
                    })
                })
                .maybe("warranty", |s| {
                    r.requirements.warranty.as_ref().map(|w| warranty(w, s))
                });
            requirements.build()
        })
        .set("costs", |s| {
            both(&r.costs.removed, &r.costs.imposed, s, cost)
        })
        .set("risks", |s| {
            both(&r.risks.removed, &r.risks.imposed, s, risk)
        })
        .set("provision", |s| {
            let mut provision = Object::new(s);
            provision
                .set("costs", |s| list(&r.provision.costs, s, provision_cost))
                .set("risks", |s| list(&r.provision.risks, s, risk))
                .set("benefits", |s| {
                    list(&r.provision.benefits, s, |b, s| {
                        let mut item = Object::new(s);
                        item.set("name", |_| text(&b.name))
                            .set("kind", |_| text(b.kind.as_str()));
                        priced(&mut item, b.priced.as_ref());
                        item.build()
                    })
                });
            provision.build()
        })
        .maybe("assessment", |s| {
            index
                .assessments
                .get(i)
                .and_then(Option::as_ref)
                .map(|a| assessment(a, s))
        })
        .set("provider_chain", |_| chain(c, Some(r.provider.index())))
        .set("consumer_chain", |_| chain(c, Some(r.consumer.index())));
    v.build()
}

/// A relationship's assessment, the shape of `svs assess --format json` (unrounded).
#[allow(
    clippy::too_many_lines,
    reason = "a table of the assessment's keys, in the order of its JSON form"
)]
fn assessment(a: &crate::assess::Assessment, shape: &Shape) -> Value {
    let sums = |sums: crate::assess::Sums, s: &Shape| {
        let mut item = Object::new(s);
        item.set("removed", |_| number(sums.removed))
            .set("imposed", |_| number(sums.imposed))
            .set("net", |_| number(sums.net()));
        item.build()
    };
    let mut v = Object::new(shape);
    v.set("utility", |s| {
        let mut utility = Object::new(s);
        utility
            .set("score", |_| number(a.utility.score))
            .set("fit_for_purpose", |_| a.utility.fit_for_purpose)
            .set("facilitated", |_| {
                texts(a.utility.facilitated.iter().map(String::as_str))
            })
            .set("missing", |_| {
                texts(a.utility.missing.iter().map(String::as_str))
            });
        utility.build()
    })
    .set("warranty", |s| {
        let mut warranty = Object::new(s);
        warranty
            .set("score", |_| number(a.warranty.score))
            .set("fit_for_use", |_| a.warranty.fit_for_use)
            .set("checks", |_| {
                i64::try_from(a.warranty.checks).unwrap_or(i64::MAX)
            })
            .set("met", |_| i64::try_from(a.warranty.met).unwrap_or(i64::MAX))
            .set("unmet", |s| {
                list(&a.warranty.unmet, s, |u, s| {
                    let mut item = Object::new(s);
                    item.set("check", |_| text(&u.check))
                        .set("required", |_| text(&u.required))
                        .set("offered", |_| {
                            u.offered.as_deref().map_or(Value::Null, text)
                        });
                    item.build()
                })
            });
        warranty.build()
    })
    .set("costs", |s| sums(a.costs, s))
    .set("risks", |s| sums(a.risks, s))
    .set("net_value", |_| number(a.net_value))
    .set("verdict", |_| text(a.verdict.as_str()))
    .set("reasons", |_| texts(a.reasons.iter().map(|r| r.as_str())))
    .set("provider_side", |s| {
        let side = &a.provider;
        let mut provider = Object::new(s);
        provider
            .set("revenue", |_| number(side.revenue))
            .set("cost_of_provision", |s| {
                let mut cost = Object::new(s);
                cost.set("direct", |_| number(side.cost_of_provision.direct))
                    .set("shared", |_| number(side.cost_of_provision.shared))
                    .set("total", |_| number(side.cost_of_provision.total));
                cost.build()
            })
            .set("cost_by_dimension", |s| {
                let mut parts = Object::new(s);
                for (d, part) in side.cost_of_provision.by_dimension.parts() {
                    parts.set(dimension(d), |_| number(part));
                }
                parts.build()
            })
            .set("risks", |_| number(side.risks))
            .set("benefits", |_| number(side.benefits))
            .set("unpriced_benefits", |_| {
                texts(side.unpriced_benefits.iter().map(String::as_str))
            })
            .set("margin", |_| number(side.margin))
            .set("margin_pct", |_| {
                side.margin_pct.map_or(Value::Null, number)
            })
            .set("target_margin", |_| number(side.target_margin))
            .set("verdict", |_| text(side.verdict.as_str()))
            .set("reasons", |_| {
                texts(side.reasons.iter().map(|r| r.as_str()))
            });
        provider.build()
    })
    .set("co_creation", |_| text(a.co_creation.as_str()))
    .set("stakeholders", |s| {
        list(&a.stakeholders, s, |st, s| {
            let mut item = Object::new(s);
            item.set("party", |_| text(&st.party))
                .set("role", |_| text(stakeholder_role(st.role)))
                .set("gains", |_| number(st.gains))
                .set("losses", |_| number(st.losses))
                .set("net", |_| number(st.net()))
                .set("unpriced", |_| {
                    texts(st.unpriced.iter().map(String::as_str))
                });
            item.build()
        })
    });
    v.build()
}

// The format's words for the values of closed sets: the decoder's own tables, so that a
// rule compares with the words the catalogue is written in.

fn dimension(d: Dimension) -> &'static str {
    word_of(provision::DIMENSIONS, &d)
}

fn ownership(o: Ownership) -> &'static str {
    word_of(offerings::OWNERSHIP, &o)
}

fn per(p: Per) -> &'static str {
    word_of(offerings::PER, &p)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Max => "max",
        Direction::Min => "min",
    }
}

fn priority(p: Priority) -> &'static str {
    word_of(relationships::PRIORITIES, &p)
}

fn category(c: CostCategory) -> &'static str {
    let removed = relationships::REMOVED_COST_CATEGORIES;
    word_of(
        removed.iter().chain(relationships::IMPOSED_COST_CATEGORIES),
        &c,
    )
}

fn stakeholder_role(r: StakeholderRole) -> &'static str {
    word_of(relationships::STAKEHOLDER_ROLES, &r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The custom-rules fixture with `rules` in place of its own.
    fn catalogue(rules: &str) -> Catalogue {
        let fixture = include_str!("../../tests/fixtures/custom/rules.yaml");
        // The fixture's own rules go, and with them its suppression of one of their codes.
        let entities =
            fixture[..fixture.find("\nrules:").unwrap()].replace("lint: { allow: [ACME003] }", "");
        let yaml = format!("{entities}\nrules:\n{rules}");
        let loaded =
            crate::load::load_files(vec![("rules.yaml".into(), yaml.into_bytes())], "t".into());
        let messages: Vec<_> = loaded.diagnostics.iter().map(|d| &d.message).collect();
        let catalogue = loaded
            .catalogue
            .unwrap_or_else(|| panic!("the test catalogue does not load: {messages:?}"));
        assert_eq!(
            catalogue.rules.len(),
            rules.matches("- id:").count(),
            "{messages:?}"
        );
        catalogue
    }

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

    fn rule(n: usize, on: &str, when: Option<&str>, assert: &str) -> String {
        let when = when.map_or(String::new(), |w| format!("    when: {w:?}\n"));
        format!(
            "  - id: r{n}\n    code: TT{n:03}\n    name: rule-{n}\n    on: {on}\n{when}    \
             assert: {assert:?}\n    message: \"{{self.id}} {{self.name}}\"\n"
        )
    }

    #[test]
    fn rules_find_the_same_with_only_the_keys_they_read_built() {
        let rules = [
            rule(
                1,
                "relationships",
                Some("has(self.assessment) && has(self.assessment.provider_side)"),
                "self.assessment.utility.score > 0.5 && \
                 catalogue.offerings[self.offering].price.exists(p, p.per == 'year')",
            ),
            rule(
                2,
                "relationships",
                None,
                "has(self.roles.sponsor) && size(self.roles.sponsor) > 0",
            ),
            rule(
                3,
                "relationships",
                None,
                "self.requirements.warranty.availability < \
                 catalogue.offerings[self.offering].offered_warranty.availability",
            ),
            rule(
                4,
                "offerings",
                None,
                "self.targets.all(t, has(catalogue.groups[t].organization) && \
                 catalogue.organizations[catalogue.groups[t].organization].name != 'Telco')",
            ),
            rule(5, "offerings", None, "self.price[0].amount > 1000.0"),
            rule(
                6,
                "organizations",
                None,
                "has(self.parent) ? catalogue.organizations[self.parent].name != '' : false",
            ),
            rule(7, "people", None, "self.title != ''"),
            rule(
                8,
                "services",
                None,
                "self.warranty.security.exists(s, s == 'mfa')",
            ),
            rule(
                9,
                "offerings",
                Some("has(self.offered_warranty.security)"),
                "'mfa' in self.offered_warranty.security",
            ),
            rule(
                10,
                "groups",
                None,
                "catalogue.thresholds.utility < 1.0 && self.organization_chain.size() > 1",
            ),
            rule(
                11,
                "offerings",
                None,
                "self.price.exists(p, has(p.unit) || self.actions.all(a, a.name != p.per))",
            ),
            rule(
                12,
                "relationships",
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
            rule(1, "relationships", None, "size(self) > 17"),
            rule(2, "offerings", None, "self.all(k, k != 'warranty')"),
            rule(
                3,
                "relationships",
                None,
                "catalogue['offer' + 'ings'][self.offering].price.size() > 0",
            ),
            rule(4, "people", None, "self['ti' + 'tle'] != ''"),
            rule(
                5,
                "services",
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
    fn a_relationship_has_its_assessment_only_when_a_rule_reads_it() {
        let key = |name: &str| Key::String(Arc::new(name.to_owned()));
        let keys = |rules: &str| {
            let catalogue = catalogue(rules);
            let index = Index::new(&catalogue);
            let reads = Reads::of(&catalogue);
            let mut values = Values::new(&index, &reads);
            let Value::Map(map) = &values.of(Kind::Relationship)[0] else {
                panic!("a relationship is a map");
            };
            let mut keys: Vec<_> = map.map.keys().map(ToString::to_string).collect();
            keys.sort();
            let assessment = map.map.get(&key("assessment")).cloned();
            (keys, assessment)
        };
        let (read, assessment) = keys(&rule(
            1,
            "relationships",
            Some("has(self.assessment)"),
            "self.assessment.verdict == 'value'",
        ));
        assert_eq!(
            read,
            ["assessment"],
            "{{self.id}} is read only for a finding"
        );
        let Some(Value::Map(assessment)) = assessment else {
            panic!("the assessment is a map");
        };
        assert_eq!(
            assessment
                .map
                .keys()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["verdict"]
        );
        let (read, assessment) = keys(&rule(1, "relationships", None, "self.quantity > 0.0"));
        assert_eq!(read, ["quantity"]);
        assert!(assessment.is_none());
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
        let requirements = shape.key("requirements").unwrap().1;
        assert!(!requirements.full);
        assert_eq!(requirements.key("warranty").unwrap().1, &EMPTY);
        let roles = shape.key("roles").unwrap().1;
        assert!(roles.key("sponsor").unwrap().1.each.is_some());
        assert!(
            shape.key("costs").is_none(),
            "only the message reads the costs"
        );
        let message = &reads.message[&Kind::Relationship];
        assert!(
            message
                .key("costs")
                .unwrap()
                .1
                .key("removed")
                .unwrap()
                .1
                .full
        );
        assert!(shape.key("provision").is_none());
        let stakeholder = shape.key("stakeholders").unwrap().1.element();
        assert_eq!(stakeholder.keys.keys().collect::<Vec<_>>(), ["effects"]);
        let effect = stakeholder.key("effects").unwrap().1.element();
        assert_eq!(effect.keys.keys().collect::<Vec<_>>(), ["amount"]);
        assert!(!effect.full);
        assert!(reads.catalogue.is_none());
    }
}
