//! `svs` turns the ITIL 4 key concepts of service management into a service catalogue as
//! code: organisations, consumers and their roles, products, services, offerings and
//! service relationships, written as YAML and checked in CI.
//!
//! The pipeline: [`load`] reads the files into a [`source::SourceMap`], parses them with
//! positions, decodes them into the typed [`model`] and resolves every reference,
//! reporting structural problems as [`diagnostic::Diagnostic`]s. On the resolved
//! catalogue, [`lint`] runs the rules, [`assess`] judges the value of each relationship,
//! [`roles`] lists who holds which role and [`graph`] draws the value network; [`diff`]
//! compares two versions. [`report`] renders all of it, one module per format, for the
//! eyes of the [`audience`] asked for, with [`figures`] below it turning exact amounts into text (and rounding them) for the
//! renderers and for the findings that quote an amount. [`schema`] describes the file
//! format for editors, [`init`] writes a starter catalogue and [`import`] starts one
//! from another format's files (Backstage descriptors). [`lsp`] serves the same findings to editors. [`cli`] wires the commands
//! together, and `main` only turns [`cli::run`]'s result into an exit code.

#![forbid(unsafe_code)]

pub mod assess;
pub mod audience;
pub mod calendar;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod figures;
pub mod graph;
pub mod history;
pub mod import;
pub mod init;
pub mod keys;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod report;
pub mod review;
pub mod roles;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod write;
