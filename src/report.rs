//! Renderers: every format `svs` prints, each writing to a `&mut dyn Write`.
//!
//! Nothing else in the crate prints. Renderers read the structured results (findings,
//! assessments) and the [`crate::source::SourceMap`] for positions; they never compute
//! anything a second time. Amounts become text through [`crate::figures`], the one place
//! that rounds.
//!
//! The reports people and spreadsheets read (the assessment, the portfolios, the diff)
//! are each one format-neutral [`view::View`], built in [`views`]; the [`table`],
//! [`markdown`], [`csv`] and the page's [`html::grid`] writers print any view. JSON,
//! SARIF, `JUnit`, GitHub annotations, DOT and Mermaid serialise the data itself.

pub mod csv;
pub mod diff;
pub mod dot;
pub mod fit;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod mermaid;
pub mod sarif;
pub mod table;
pub mod view;
pub mod views;

/// ✓ or ✗, for fit for purpose and fit for use.
pub fn mark(ok: bool) -> &'static str {
    if ok { "✓" } else { "✗" }
}
