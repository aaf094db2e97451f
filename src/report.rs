//! Renderers: every format `svs` prints, each writing to a `&mut dyn Write`.
//!
//! Nothing else in the crate prints. Renderers read the structured results (findings,
//! later assessments) and the [`crate::source::SourceMap`] for positions; they never
//! compute anything a second time.

pub mod human;
pub mod json;
