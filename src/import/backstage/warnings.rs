//! The warnings of an import, collected in one place and grouped by cause.
//!
//! No stage gives up on one bad entity: whatever it passes over or mends becomes a
//! [`Warning`] naming the file and, when there is one, the entity, and the rest is
//! imported. Every stage pushes to the one [`Warnings`] collector as it goes, so the
//! warnings are met in the order the stages run; [`Warnings::by_file`] then sorts them
//! for the reader. How warnings are grouped or counted is decided here and nowhere else.
//!
//! A real tree repeats the same problem hundreds of times (one owner missing from every
//! descriptor of a team, thousands of entities defined again), and one line each drowns
//! the problems that occur once. So a warning has a **cause**, the text every warning of
//! that kind shares (`owner `team-phoenix` names no imported group or user; …`), and a
//! **subject**, the file and entity it happened to, with what is particular to it (the
//! other place an entity is defined) as its detail. [`by_cause`] gives one [`Cause`] per
//! distinct text, shown on one line with a count and the first few subjects; `--verbose`
//! shows each warning on its own line. A stage adds a cause simply by wording its message
//! without the subject's own name in it.

use std::fmt;

use super::entities::Entities;

/// How many subjects a cause's line names before it says how many more there are.
const NAMED: usize = 3;

/// Something the import passed over or mended; the rest was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file it is about, as shown.
    pub file: String,
    /// The line in the file, when the warning is about a place in it.
    pub line: Option<usize>,
    /// The entity reference it is about (`component:default/web`), when it is one entity.
    pub entity: Option<String>,
    /// What happened: the cause, the same text for every warning of one kind.
    pub message: String,
    /// What is particular to this one (where else the entity is defined), if anything.
    pub detail: Option<String>,
}

impl Warning {
    /// The file, with the line when there is one: `a.yaml:12`.
    fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }

    /// This warning as one subject of a cause's line: `component:default/web in a.yaml`.
    fn subject(&self) -> String {
        let mut text = match (&self.entity, self.line) {
            (Some(entity), Some(_)) => format!("{entity} at {}", self.place()),
            (Some(entity), None) => format!("{entity} in {}", self.file),
            (None, _) => self.place(),
        };
        if let Some(detail) = &self.detail {
            text.push_str(", ");
            text.push_str(detail);
        }
        text
    }
}

/// One warning on its own line: `a.yaml:12: component:default/web: message (detail)`.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place())?;
        if let Some(entity) = &self.entity {
            write!(f, "{entity}: ")?;
        }
        write!(f, "{}", self.message)?;
        match &self.detail {
            Some(detail) => write!(f, " ({detail})"),
            None => Ok(()),
        }
    }
}

/// The warnings that share a cause: what happened, said once, and what it happened to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause<'w> {
    /// The text they share.
    pub message: &'w str,
    /// The warnings of this cause, in the order they are shown.
    pub subjects: Vec<&'w Warning>,
}

/// One line per cause: a single warning as it is alone; several with their count and
/// the first few subjects: `message (8 entities: a in x.yaml; b in x.yaml; c in y.yaml;
/// and 5 more: --verbose lists each)`.
impl fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.subjects.as_slice() {
            return write!(f, "{only}");
        }
        let count = self.subjects.len();
        let noun = if self.subjects.iter().all(|w| w.entity.is_some()) {
            "entities"
        } else if self.subjects.iter().all(|w| w.entity.is_none()) {
            "files"
        } else {
            "places"
        };
        let named: Vec<String> = self
            .subjects
            .iter()
            .take(NAMED)
            .map(|w| w.subject())
            .collect();
        write!(f, "{} ({count} {noun}: {}", self.message, named.join("; "))?;
        if count > NAMED {
            write!(f, "; and {} more: --verbose lists each", count - NAMED)?;
        }
        write!(f, ")")
    }
}

/// The warnings grouped by cause, each cause where its first warning is: `warnings` in
/// the order [`Warnings::by_file`] gives, causes in the order of their first warning.
pub fn by_cause(warnings: &[Warning]) -> Vec<Cause<'_>> {
    let mut causes: Vec<Cause<'_>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for warning in warnings {
        let slot = *index.entry(warning.message.as_str()).or_insert_with(|| {
            causes.push(Cause {
                message: &warning.message,
                subjects: Vec::new(),
            });
            causes.len() - 1
        });
        causes[slot].subjects.push(warning);
    }
    causes
}

/// The warnings met so far, in the order the stages met them.
#[derive(Debug, Default)]
pub(super) struct Warnings {
    met: Vec<Warning>,
}

impl Warnings {
    /// A warning of any shape; the other methods are its usual forms.
    pub(super) fn push(&mut self, warning: Warning) {
        self.met.push(warning);
    }

    /// A warning about a whole file: it is not YAML, a Location target is skipped.
    pub(super) fn file(&mut self, file: &str, message: impl Into<String>) {
        self.push(Warning {
            file: file.to_owned(),
            line: None,
            entity: None,
            message: message.into(),
            detail: None,
        });
    }

    /// A warning about one entity, by the file it is in and its reference.
    pub(super) fn entity(&mut self, file: &str, reference: String, message: impl Into<String>) {
        self.push(Warning {
            file: file.to_owned(),
            line: None,
            entity: Some(reference),
            message: message.into(),
            detail: None,
        });
    }

    /// A warning about entity `e` of those read.
    pub(super) fn about(&mut self, entities: &Entities, e: usize, message: impl Into<String>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn owner_missing(warnings: &mut Warnings, file: &str, name: &str) {
        warnings.entity(
            file,
            format!("component:default/{name}"),
            "owner `team-phoenix` names no imported group or user",
        );
    }

    #[test]
    fn one_line_per_cause_names_the_first_few_and_counts_the_rest() {
        let mut warnings = Warnings::default();
        for name in ["a", "b", "c", "d", "e"] {
            owner_missing(&mut warnings, "x.yaml", name);
        }
        warnings.file("notes.yaml", "is not YAML; skipped");
        let met = warnings.by_file();
        let causes = by_cause(&met);
        let lines: Vec<String> = causes.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "notes.yaml: is not YAML; skipped".to_owned(),
                "owner `team-phoenix` names no imported group or user (5 entities: \
                 component:default/a in x.yaml; component:default/b in x.yaml; \
                 component:default/c in x.yaml; and 2 more: --verbose lists each)"
                    .to_owned(),
            ]
        );
        assert_eq!(causes[1].subjects.len(), 5);
    }

    #[test]
    fn a_subject_names_its_line_and_its_detail() {
        let twice = |file: &str, line: usize| Warning {
            file: file.to_owned(),
            line: Some(line),
            entity: Some("component:default/web".to_owned()),
            message: "defined again; the first definition wins".to_owned(),
            detail: Some("first at a.yaml:3".to_owned()),
        };
        let alone = [twice("b.yaml", 7)];
        assert_eq!(
            by_cause(&alone)[0].to_string(),
            "b.yaml:7: component:default/web: defined again; the first definition wins \
             (first at a.yaml:3)"
        );
        let two = [twice("b.yaml", 7), twice("c.yaml", 1)];
        assert_eq!(
            by_cause(&two)[0].to_string(),
            "defined again; the first definition wins (2 entities: component:default/web at \
             b.yaml:7, first at a.yaml:3; component:default/web at c.yaml:1, first at a.yaml:3)"
        );
    }
}
