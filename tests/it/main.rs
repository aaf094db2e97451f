//! The integration tests, one binary of topic modules: the crate and its dependencies are
//! linked once for all of them rather than once per file (as ripgrep's `tests/` does).
//! Each module drives the `svs` binary or the library on fixtures under `tests/fixtures/`.

mod common;

mod as_of;
mod assess_cli;
mod assess_properties;
mod assess_rules;
mod bad_input;
mod catalog_delivered;
mod catalog_figures;
mod chunked_parse;
mod ci_kit;
mod cli;
mod completions;
mod consumers;
mod custom_rules;
mod delivered;
mod diff;
mod diff_delivered;
mod diff_git;
mod docs_examples;
mod editor_hover;
mod editor_nvim;
mod evidence;
mod examples;
mod format_doc;
mod golden;
mod history;
mod hostile;
mod import_backstage;
mod import_backstage_input;
mod import_evidence;
mod import_real_trees;
mod init;
mod lint_controls;
mod lsp;
mod lsp_edit;
mod lsp_robust;
mod provision;
mod provision_input;
mod readme;
mod report_delivered;
mod report_html;
mod required_keys;
mod roles_graph;
mod rules_evidence_delivered;
mod rules_offerings;
mod rules_operation;
mod rules_relationships;
mod rules_services;
mod schema;
mod structural;
mod terminal;
mod walk;
mod yaml_reading;
