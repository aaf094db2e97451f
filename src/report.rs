//! Renderers: every format `svs` prints, each writing to a `&mut dyn Write`.
//!
//! Nothing else in the crate prints. Renderers read the structured results (findings,
//! assessments) and the [`crate::source::SourceMap`] for positions; they never compute
//! anything a second time. Amounts become text through [`crate::figures`], the one place
//! that rounds.

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
