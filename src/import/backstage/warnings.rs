//! The warnings of an import, collected in one place.
//!
//! No stage gives up on one bad entity: whatever it passes over or mends becomes a
//! [`Warning`] naming the file and, when there is one, the entity, and the rest is
//! imported. Every stage pushes to the one [`Warnings`] collector as it goes, so the
//! warnings are met in the order the stages run; [`Warnings::by_file`] then groups them
//! for the reader. How warnings are grouped or counted is decided here and nowhere else.

use std::fmt;

use super::entities::Entities;

/// Something the import passed over or mended; the rest was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file it is about, as shown.
    pub file: String,
    /// The entity reference it is about (`component:default/web`), when it is one entity.
    pub entity: Option<String>,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entity {
            Some(entity) => write!(f, "{}: {entity}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The warnings met so far, in the order the stages met them.
#[derive(Debug, Default)]
pub(super) struct Warnings {
    met: Vec<Warning>,
}

impl Warnings {
    /// A warning about a whole file: it is not YAML, a Location target is skipped.
    pub(super) fn file(&mut self, file: &str, message: String) {
        self.met.push(Warning {
            file: file.to_owned(),
            entity: None,
            message,
        });
    }

    /// A warning about one entity, by the file it is in and its reference.
    pub(super) fn entity(&mut self, file: &str, reference: String, message: String) {
        self.met.push(Warning {
            file: file.to_owned(),
            entity: Some(reference),
            message,
        });
    }

    /// A warning about entity `e` of those read.
    pub(super) fn about(&mut self, entities: &Entities, e: usize, message: String) {
        self.entity(entities.file_of(e), entities[e].reference(), message);
    }

    /// How many warnings were met.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.met.len()
    }

    /// The warnings grouped by file, in the order files were read (byte order of their
    /// names); within a file, as they were met.
    pub(super) fn by_file(mut self) -> Vec<Warning> {
        self.met
            .sort_by(|a, b| a.file.as_bytes().cmp(b.file.as_bytes()));
        self.met
    }
}
