//! `svs lint --baseline FILE`: adopt lint on an existing catalogue by recording today's
//! findings and reporting only new ones.
//!
//! A baseline is a findings document written earlier by `--format json`. Findings match
//! on code, entity and message, never on line numbers, so editing elsewhere in a file
//! does not revive them; each recorded finding absorbs one current finding.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// Why a baseline could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("cannot read the baseline {path}")]
    Unreadable {
        /// The path given.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a findings document.
    #[error(
        "the baseline {path} is not a findings document written by `svs lint --format json`: {source}"
    )]
    Invalid {
        /// The path given.
        path: String,
        /// Why.
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct Document {
    findings: Vec<Recorded>,
}

#[derive(Deserialize, PartialEq, Eq, Hash)]
struct Recorded {
    code: String,
    entity: Option<String>,
    message: String,
}

/// The recorded findings, counted.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<(String, Option<String>, String), usize>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read(path).map_err(|source| BaselineError::Unreadable {
            path: shown.clone(),
            source,
        })?;
        let document: Document =
            serde_json::from_slice(&text).map_err(|source| BaselineError::Invalid {
                path: shown,
                source,
            })?;
        let mut remaining = HashMap::new();
        for recorded in document.findings {
            *remaining
                .entry((recorded.code, recorded.entity, recorded.message))
                .or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Whether `finding` was recorded; a recorded finding matches only once.
    pub fn take(&mut self, finding: &Diagnostic) -> bool {
        let key = (
            finding.code.code().to_owned(),
            finding.entity.clone(),
            finding.message.clone(),
        );
        match self.remaining.get_mut(&key) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}
