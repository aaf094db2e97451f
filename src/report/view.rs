//! What a report shows, apart from how any format writes it.
//!
//! Laid out once per format, a report's table, Markdown and CSV would each pick the same
//! figures and verdicts and write them their own way, and a column added to one would
//! easily be missed in another. So each report is one [`View`], built in
//! [`super::views`]: blocks of titled grids, summary lines, lists and
//! charts whose cells are typed ([`Cell::Money`], [`Cell::Score`], [`Cell::Verdict`],
//! [`Cell::Id`] …). The view decides *what* is shown and to whom; the writers
//! ([`super::table`], [`super::markdown`], [`super::csv`]) decide only *how* a cell or a
//! block is written. A new report is one view; a new format is one writer.
//!
//! The formats do not all show the same columns: a spreadsheet wants every exact figure
//! on its own (`utility_score`, `fit_for_purpose`), people want them read together
//! (`88.89 ✓`). So each column and block says which [`Formats`] show it, and a column
//! carries its header for people and its key for machines. What differs by format in the
//! writing of one cell (CSV keeps `1234.50`, the table prints `1,234.50 GBP`, Markdown
//! signs a verdict with an emoji, the terminal colours it) is the writer's business,
//! decided by the cell's type and never by the report.
//!
//! The HTML page (`svs report`) is more than grids: its summary figures, cards, charts
//! and value network are drawn by [`super::html`] from the same loops that place them, and
//! stay special sections. Where the page shows a report's grid (the provider and consumer
//! portfolios) it writes that report's view ([`super::html::grid`]), with the few columns
//! only a page shows, such as an organisation by its name rather than its id ([`Formats::PAGE`]).
//! JSON, SARIF, `JUnit`, GitHub annotations, DOT and Mermaid graphs serialise the data
//! itself and do not go through views.

use rust_decimal::Decimal;

use crate::assess::Verdict;
use crate::assess::delivered::DeliveredVerdict;
use crate::assess::provision::{CoCreation, ProviderVerdict};
use crate::diagnostic::Severity;
use crate::report::diff::Label;

/// What a cell of the provider's side says to an audience that does not see it.
pub const NOT_SHOWN: &str = "not shown";

/// The formats that show a column or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats(u8);

impl Formats {
    /// The terminal table.
    pub const TABLE: Formats = Formats(1);
    /// GitHub-flavoured Markdown.
    pub const MARKDOWN: Formats = Formats(2);
    /// CSV for spreadsheets.
    pub const CSV: Formats = Formats(4);
    /// The formats read by people: the table and Markdown.
    pub const PEOPLE: Formats = Formats(1 | 2);
    /// The table, Markdown and CSV: every format that writes a report whole.
    pub const ALL: Formats = Formats(1 | 2 | 4);
    /// The tables of the HTML page (`svs report`), which shows a report's grid among its
    /// own sections and charts.
    pub const PAGE: Formats = Formats(8);

    /// Whether `format` is one of these.
    pub fn has(self, format: Formats) -> bool {
        self.0 & format.0 == format.0
    }

    /// These and `more`.
    #[must_use]
    pub const fn and(self, more: Formats) -> Formats {
        Formats(self.0 | more.0)
    }
}

/// A report: a title and its blocks, in order, with the currency every amount is in.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// What the report is, for a heading: `Value assessment: Acme`.
    pub title: Vec<Cell>,
    /// The catalogue's currency, written beside amounts for people.
    pub currency: Option<String>,
    /// The blocks, in the order they are written.
    pub blocks: Vec<Block>,
}

impl View {
    /// The blocks `format` shows.
    pub fn blocks_for(&self, format: Formats) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.shown.has(format))
    }
}

/// One part of a report, with a heading when it is not the report's first.
#[derive(Debug, Clone)]
pub struct Block {
    /// The formats that show it.
    pub shown: Formats,
    /// Its heading, when it has one.
    pub heading: Option<Vec<Cell>>,
    /// What it holds.
    pub body: Body,
}

/// What a block holds.
#[derive(Debug, Clone)]
pub enum Body {
    /// Rows under column headers.
    Grid(Grid),
    /// Lines that sum the report up; `wrap` breaks them at spaces to fit a terminal.
    Summary {
        /// One line each.
        lines: Vec<String>,
        /// Whether a terminal breaks them to its width.
        wrap: bool,
    },
    /// Items, each with the lines that explain it.
    List(Vec<Item>),
    /// Each relationship placed by its utility and warranty scores.
    Quadrant(Vec<Point>),
    /// A warning that stands out before the rest: `Regression` and why.
    Warning {
        /// What is wrong, in a word.
        label: String,
        /// What it means.
        text: String,
    },
}

/// Rows of cells, one per column.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Each row has a cell per column, in the columns' order.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The columns `format` shows with their index, in order.
    pub fn columns_for(&self, format: Formats) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.shown.has(format))
    }
}

/// A column: its header for people, its key for machines, and how it sits.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header people read: `Net value`.
    pub header: &'static str,
    /// The header machines read (the CSV's): `net_value`.
    pub key: &'static str,
    /// A figure per year: the header says so (` / yr`, ` / year`).
    pub per_year: bool,
    /// Figures sit to the right.
    pub right: bool,
    /// When a terminal too narrow leaves it out: lower goes first, `None` never goes.
    pub drop_rank: Option<u8>,
    /// The formats that show it.
    pub shown: Formats,
    /// How the page styles its cells, when not as figures or verdicts are.
    pub page_class: Option<&'static str>,
}

impl Column {
    /// A column every format shows, on the left, never left out.
    pub fn new(header: &'static str, key: &'static str) -> Column {
        Column {
            header,
            key,
            per_year: false,
            right: false,
            drop_rank: None,
            shown: Formats::ALL,
            page_class: None,
        }
    }

    /// A column only the HTML page shows.
    pub fn page(header: &'static str) -> Column {
        Column::new(header, "").only(Formats::PAGE)
    }

    /// Shown in `more` formats too.
    #[must_use]
    pub fn also(mut self, more: Formats) -> Column {
        self.shown = self.shown.and(more);
        self
    }

    /// Styled on the page as `class`.
    #[must_use]
    pub fn page_class(mut self, class: &'static str) -> Column {
        self.page_class = Some(class);
        self
    }

    /// A column only the table and Markdown show.
    pub fn people(header: &'static str) -> Column {
        Column::new(header, "").only(Formats::PEOPLE)
    }

    /// A column only CSV shows.
    pub fn csv(key: &'static str) -> Column {
        Column::new("", key).only(Formats::CSV)
    }

    /// Shown only in `formats`.
    #[must_use]
    pub fn only(mut self, formats: Formats) -> Column {
        self.shown = formats;
        self
    }

    /// A figure per year.
    #[must_use]
    pub fn per_year(mut self) -> Column {
        self.per_year = true;
        self
    }

    /// Set to the right, as figures are.
    #[must_use]
    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// Left out of a narrow terminal at `rank` (lower goes first).
    #[must_use]
    pub fn drops(mut self, rank: u8) -> Column {
        self.drop_rank = Some(rank);
        self
    }
}

/// A line of a list, with the lines under it.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// The line itself.
    pub line: Vec<Cell>,
    /// The lines that explain it.
    pub under: Vec<Vec<Cell>>,
}

/// A relationship on the utility × warranty chart.
#[derive(Debug, Clone)]
pub struct Point {
    /// The relationship's id.
    pub id: String,
    /// Its utility score, 0 to 100.
    pub utility: Decimal,
    /// Its warranty score, 0 to 100.
    pub warranty: Decimal,
}

/// One typed value; its writer decides how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Prose, as it is.
    Text(String),
    /// An identifier (the catalogue's ids, the tool's codes): code in Markdown.
    Id(String),
    /// Identifiers together: one per line in a table, `;`-separated in CSV.
    Ids(Vec<String>),
    /// Relationships by their ids, as [`Cell::Ids`]; the page links each to its card.
    Relationships(Vec<String>),
    /// An entity by its name, heading its row: the page marks the row with its `kind`
    /// and id (`data-provider="telco"`).
    Named {
        /// What it is: `provider`, `consumer`.
        kind: &'static str,
        /// Its id.
        id: String,
        /// Its name, for people.
        name: String,
    },
    /// Lines of prose together: one per line in a table, `;`-separated in CSV.
    Lines(Vec<String>),
    /// Who provides to whom: `provider → consumer`.
    Flow(String, String),
    /// An exact amount in the view's currency; people see it rounded to the cent with
    /// its currency, CSV the plain decimal.
    Money(Decimal),
    /// A score or a ratio, 0 to 100.
    Score(Decimal),
    /// A percentage, without its sign.
    Percent(Decimal),
    /// How many.
    Count(usize),
    /// Counts read together: `3 / 1 / 0`.
    Counts(Vec<usize>),
    /// Yes or no.
    Flag(bool),
    /// A score and whether it passes (✓ or ✗), with the checks met of those made when
    /// there are checks.
    Fit {
        /// The score.
        score: Decimal,
        /// Whether it passes.
        fit: bool,
        /// The checks met and made.
        checks: Option<(usize, usize)>,
    },
    /// A margin and, when there is revenue, its share of it in per cent.
    Margin {
        /// The margin.
        amount: Decimal,
        /// The margin over the revenue, in per cent.
        percent: Option<Decimal>,
    },
    /// Amounts by their name (a cost of provision by dimension): one per line.
    Parts(Vec<(&'static str, Decimal)>),
    /// An exact amount in a currency other than the view's (a version of a catalogue
    /// that changed its currency).
    MoneyIn(Decimal, Option<String>),
    /// An amount that changed, in the view's currency: `1,000.00 → 900.00 GBP (-100.00)`,
    /// or the new amount alone when the difference is 0.
    MoneyChange {
        /// Before.
        old: Decimal,
        /// After.
        new: Decimal,
        /// The exact difference, when it was computed.
        delta: Option<Decimal>,
    },
    /// A value that may have changed: `old → new (±delta)`, or the value once when it
    /// reads the same and the difference is 0.
    Change {
        /// Before.
        old: Box<Cell>,
        /// After.
        new: Box<Cell>,
        /// The exact difference, for figures.
        delta: Option<Decimal>,
    },
    /// Cells read as one, one after the other.
    Join(Vec<Cell>),
    /// A judgement: a verdict of the assessment.
    Verdict(Judgement),
    /// Nothing to show (a side not assessed, no budget): `—` for people, empty in CSV.
    Nothing,
    /// What the audience does not see: "not shown" for people, empty in CSV.
    NotShown,
}

impl Cell {
    /// Prose.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// An identifier.
    pub fn id(id: &str) -> Cell {
        Cell::Id(id.to_owned())
    }
}

/// A verdict of the assessment, with the words and tone of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Whether the relationship co-creates value for its consumer.
    Value(Verdict),
    /// Whether it co-creates value on both sides.
    CoCreation(CoCreation),
    /// Whether it is sustainable for its provider.
    Provider(ProviderVerdict),
    /// Whether a provider's portfolio is sustainable; `None` when not assessed.
    Sustainable(Option<bool>),
    /// Whether a relationship delivered what was agreed in a period.
    Delivered(DeliveredVerdict),
    /// How a relationship changed between two versions.
    Change(Label),
    /// A finding one version has and the other has not.
    Finding {
        /// Whether the new version fixed it (or introduced it).
        fixed: bool,
        /// How severe it is.
        severity: Severity,
    },
}

/// How a judgement sits: what a terminal colours it and a page styles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// All is well.
    Good,
    /// Partly well, or not judged for want of data.
    Warning,
    /// Not well.
    Bad,
    /// Not judged because a side of it is not.
    Pending,
    /// No tone.
    Plain,
}

impl Judgement {
    /// The word itself: what a terminal and CSV write.
    pub fn word(self) -> &'static str {
        match self {
            Judgement::Value(v) => v.as_str(),
            Judgement::CoCreation(c) => c.as_str(),
            Judgement::Provider(p) => p.as_str(),
            Judgement::Sustainable(None) => "— (not assessed)",
            Judgement::Sustainable(Some(true)) => "yes",
            Judgement::Sustainable(Some(false)) => "no",
            Judgement::Delivered(d) => d.as_str(),
            Judgement::Change(label) => label.as_str(),
            Judgement::Finding { fixed: true, .. } => "fixed",
            Judgement::Finding { fixed: false, .. } => "introduced",
        }
    }

    /// The word behind a sign that reads without colour: what Markdown writes.
    pub fn signed(self) -> &'static str {
        match self {
            Judgement::Value(Verdict::Value) => "✅ value",
            Judgement::Value(Verdict::NoValue) => "❌ no-value",
            Judgement::Value(Verdict::Unassessed)
            | Judgement::CoCreation(CoCreation::Unassessed)
            | Judgement::Provider(ProviderVerdict::Unassessed) => "❔ unassessed",
            Judgement::CoCreation(CoCreation::Mutual) => "🤝 mutual",
            Judgement::CoCreation(CoCreation::ConsumerOnly) => "⚖️ consumer-only",
            Judgement::CoCreation(CoCreation::ProviderOnly) => "⚖️ provider-only",
            Judgement::CoCreation(CoCreation::Neither) => "❌ neither",
            Judgement::CoCreation(CoCreation::NotMutual) => "🚫 not-mutual",
            Judgement::Provider(ProviderVerdict::Sustainable) => "✅ sustainable",
            Judgement::Provider(ProviderVerdict::Unsustainable) => "❌ unsustainable",
            Judgement::Sustainable(None) => "❔ not assessed",
            Judgement::Sustainable(Some(true)) => "✅ yes",
            Judgement::Sustainable(Some(false)) => "❌ no",
            Judgement::Delivered(DeliveredVerdict::AsAgreed) => "✅ as-agreed",
            Judgement::Delivered(DeliveredVerdict::Short) => "❌ short",
            Judgement::Delivered(DeliveredVerdict::Unmeasured) => "❔ unmeasured",
            Judgement::Change(Label::Regressed) => "🔻 regressed",
            Judgement::Change(Label::Improved) => "🔺 improved",
            Judgement::Change(_) | Judgement::Finding { .. } => self.word(),
        }
    }

    /// The word behind a sign that reads without colour or emoji: what the page writes.
    pub fn page_word(self) -> &'static str {
        match self {
            Judgement::Value(Verdict::Value) => "✓ value",
            Judgement::Value(Verdict::NoValue) => "✗ no-value",
            Judgement::Value(Verdict::Unassessed)
            | Judgement::CoCreation(CoCreation::Unassessed)
            | Judgement::Provider(ProviderVerdict::Unassessed) => "? unassessed",
            Judgement::CoCreation(CoCreation::Mutual) => "● mutual",
            Judgement::CoCreation(CoCreation::ConsumerOnly) => "◐ consumer-only",
            Judgement::CoCreation(CoCreation::ProviderOnly) => "◑ provider-only",
            Judgement::CoCreation(CoCreation::Neither) => "○ neither",
            Judgement::CoCreation(CoCreation::NotMutual) => "◌ not-mutual",
            Judgement::Provider(ProviderVerdict::Sustainable) => "✓ sustainable",
            Judgement::Provider(ProviderVerdict::Unsustainable) => "✗ unsustainable",
            Judgement::Sustainable(None) => "? not assessed",
            Judgement::Sustainable(Some(true)) => "✓ yes",
            Judgement::Sustainable(Some(false)) => "✗ no",
            Judgement::Delivered(DeliveredVerdict::AsAgreed) => "✓ as-agreed",
            Judgement::Delivered(DeliveredVerdict::Short) => "✗ short",
            Judgement::Delivered(DeliveredVerdict::Unmeasured) => "? unmeasured",
            Judgement::Change(_) | Judgement::Finding { .. } => self.word(),
        }
    }

    /// How the page styles it: what it judges, then the verdict
    /// (`provider-verdict unsustainable`).
    pub fn page_class(self) -> String {
        match self {
            Judgement::Value(v) => format!("verdict {}", v.as_str()),
            Judgement::CoCreation(c) => format!("co-creation {}", c.as_str()),
            Judgement::Provider(p) => format!("provider-verdict {}", p.as_str()),
            Judgement::Sustainable(s) => format!(
                "provider-verdict {}",
                match s {
                    None => "unassessed",
                    Some(true) => "sustainable",
                    Some(false) => "unsustainable",
                }
            ),
            Judgement::Delivered(d) => format!("delivered {}", d.as_str()),
            Judgement::Change(label) => format!("change {}", label.as_str()),
            Judgement::Finding { fixed, .. } => {
                format!("finding {}", if fixed { "fixed" } else { "introduced" })
            }
        }
    }

    /// How it sits.
    pub fn tone(self) -> Tone {
        match self {
            Judgement::Value(Verdict::Value)
            | Judgement::CoCreation(CoCreation::Mutual)
            | Judgement::Provider(ProviderVerdict::Sustainable)
            | Judgement::Sustainable(Some(true))
            | Judgement::Delivered(DeliveredVerdict::AsAgreed)
            | Judgement::Change(Label::Improved)
            | Judgement::Finding { fixed: true, .. } => Tone::Good,
            Judgement::Value(Verdict::NoValue)
            | Judgement::CoCreation(CoCreation::Neither | CoCreation::NotMutual)
            | Judgement::Provider(ProviderVerdict::Unsustainable)
            | Judgement::Sustainable(Some(false))
            | Judgement::Delivered(DeliveredVerdict::Short)
            | Judgement::Change(Label::Regressed)
            | Judgement::Finding {
                fixed: false,
                severity: Severity::Error,
            } => Tone::Bad,
            Judgement::Value(Verdict::Unassessed)
            | Judgement::CoCreation(CoCreation::ConsumerOnly | CoCreation::ProviderOnly)
            | Judgement::Delivered(DeliveredVerdict::Unmeasured)
            | Judgement::Finding { fixed: false, .. } => Tone::Warning,
            Judgement::CoCreation(CoCreation::Unassessed)
            | Judgement::Provider(ProviderVerdict::Unassessed) => Tone::Pending,
            Judgement::Sustainable(None) | Judgement::Change(_) => Tone::Plain,
        }
    }
}

#[cfg(test)]
mod tests;
