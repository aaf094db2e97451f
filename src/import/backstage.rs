//! `svs import backstage`: a catalogue from Backstage descriptor files.
//!
//! Platform teams already describe their organisation and software in Backstage
//! descriptors (`catalog-info.yaml` and friends): groups and users, systems, components,
//! APIs and resources, and who owns and consumes what. Read with ITIL 4 eyes, that is an
//! organisation chart, the products and services of each team, and the internal value
//! network: a team whose component consumes another team's API is a consumer in a
//! service relationship with that team. This module derives all of it and leaves the
//! value data (outcomes, warranty, costs, risks, roles) to the service owners, whom
//! `svs lint` then tells exactly what is missing.
//!
//! Real descriptor trees are messy, so the import never gives up on one bad entity:
//! every problem (a file that is not YAML, a document that is not an entity, an entity
//! defined twice, an owner that names nothing, a name Backstage would reject) becomes a
//! [`Warning`] naming the file and the entity, and the rest is imported. What is written
//! is always a catalogue that loads: references are only written once they resolve, ids
//! are mended and made unique, group parents that would form a cycle are cut.
//!
//! The work is linear in the number of entities: entities are indexed by reference once,
//! and every reference is then one hash lookup. The output is deterministic: files are
//! read in byte order of their paths, and everything is emitted in that order.
//!
//! The mapping, kind by kind, is documented in `docs/import-backstage.md`.
//!
//! The import is a pipeline of stages, each in its own module and each handing the next
//! a type that holds what it found:
//!
//! 1. `read`: the files under the paths given and the files their Locations name,
//!    parsed into YAML documents;
//! 2. `entities`: the Backstage entities among the documents, classified by kind,
//!    checked and indexed (`Entities`);
//! 3. `members`: the people groups list, and who is a member of which group
//!    (`Members`);
//! 4. `owners`: the organisation chart and who owns what (`Owners`);
//! 5. `products`: what is part of which product (`Products`);
//! 6. `consumption`: offerings and the relationships between organisations
//!    (`Consumption`);
//! 7. `ids`: one unique svs id for everything written (`Ids`);
//! 8. `catalogue`: all of that written as a [`Draft`].
//!
//! Every stage reports what it passes over to one collector, `warnings`.

mod catalogue;
mod consumption;
mod entities;
mod ids;
mod members;
mod owners;
mod products;
mod read;
mod warnings;

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Draft;
use crate::load::LoadError;
use catalogue::Found;
use consumption::Consumption;
use entities::Entities;
use ids::Ids;
use members::Members;
use owners::Owners;
use products::Products;
use warnings::Warnings;

pub use warnings::{Cause, Warning, by_cause};

/// What an import read and what became of it: every entity read is counted once, as
/// imported or as skipped for one reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read, Location targets included.
    pub files: usize,
    /// Entities read, by kind (duplicates included).
    pub read: BTreeMap<String, usize>,
    /// Entities imported, by kind.
    pub imported: BTreeMap<String, usize>,
    /// Entities of kinds that are not catalogue entities, by kind.
    pub skipped: BTreeMap<String, usize>,
    /// Template skeletons, by kind: entities whose fields hold a Scaffolder template
    /// expression (`${{ values.name }}`), skipped.
    pub templates: BTreeMap<String, usize>,
    /// Files recognised as holding no Backstage entity, by what they are (`Kubernetes
    /// manifest`, `app-config file`, `mkdocs file`): counted, with no warning each.
    pub not_backstage: BTreeMap<String, usize>,
    /// Entities defined again (the first definition kept), by kind.
    pub defined_again: BTreeMap<String, usize>,
    /// Entities without `metadata.name`, by kind.
    pub unnamed: BTreeMap<String, usize>,
    /// APIs no imported component provides.
    pub unprovided_apis: usize,
    /// Organisations from Groups read.
    pub from_groups: usize,
    /// Organisations named (as owner, parent or group) but not read.
    pub named_organizations: usize,
    /// Whether the placeholder organisation was written.
    pub placeholder: bool,
}

/// The result of an import: the catalogue, the warnings, the summary.
#[derive(Debug, Clone)]
pub struct Import {
    /// The catalogue to write.
    pub draft: Draft,
    /// Everything passed over or mended, in the order it was met.
    pub warnings: Vec<Warning>,
    /// Counts for the summary.
    pub summary: Summary,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A PATH could not be read, or a directory holds no YAML file.
    #[error(transparent)]
    Input(#[from] LoadError),
    /// No file holds a Backstage entity that becomes part of a catalogue.
    #[error(
        "no Backstage entity found in {files} file{plural} read: a descriptor is a YAML \
         document with `apiVersion: backstage.io/v1alpha1` (or v1beta1), a `kind` such as \
         Group, User, System or Component, and `metadata.name`"
    )]
    NoEntity {
        /// How many files were read.
        files: usize,
        /// `s` or nothing.
        plural: &'static str,
        /// What was passed over on the way (files that are not YAML, for example).
        warnings: Vec<Warning>,
    },
}

impl Summary {
    /// The entities imported, by kind, and the organisations by where they came from.
    fn count_imported(&mut self, entities: &Entities, owners: &Owners, consumption: &Consumption) {
        let apis = entities.apis.len() - consumption.unprovided.len();
        self.unprovided_apis = consumption.unprovided.len();
        for (kind, n) in [
            ("API", apis),
            ("Component", entities.components.len()),
            ("Group", entities.groups.len()),
            ("Resource", entities.resources.len()),
            ("System", entities.systems.len()),
            ("User", entities.users.len()),
        ] {
            if n > 0 {
                self.imported.insert(kind.to_owned(), n);
            }
        }
        self.from_groups = entities.groups.len();
        self.named_organizations = owners.missing.len();
        self.placeholder = owners.placeholder_used;
    }
}

/// Reads the descriptors under `paths` (files, or directories walked for `*.yaml` /
/// `*.yml`, following `Location` entities) and maps them onto a catalogue named `name`.
pub fn import(paths: &[PathBuf], name: &str) -> Result<Import, ImportError> {
    // Each stage warns as it goes, and within a file the warnings are shown in the order
    // they were met: the order of the stages is part of the output.
    let mut warnings = Warnings::default();
    let files = read::read_files(paths, &mut warnings)?;
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let entities = Entities::read(files, &mut warnings, &mut summary);
    let members = Members::gather(&entities, &mut warnings);
    let owners = Owners::resolve(&entities, &members, &mut warnings);
    let products = Products::assemble(&entities, &owners, &mut warnings);
    let consumption = Consumption::derive(&entities, &owners, &mut warnings);
    let ids = Ids::claim(
        &entities,
        &owners,
        &members,
        &products,
        &consumption,
        &mut warnings,
    );
    owners.say_missing(&entities, &ids.missing, &mut warnings);
    summary.count_imported(&entities, &owners, &consumption);
    let draft = Found {
        entities: &entities,
        owners: &owners,
        members: &members,
        products: &products,
        consumption: &consumption,
        ids: &ids,
    }
    .draft(name);
    let warnings = warnings.by_file();
    let empty = draft.organizations.is_empty()
        && draft.people.is_empty()
        && draft.products.is_empty()
        && draft.services.is_empty();
    if empty {
        return Err(ImportError::NoEntity {
            files: summary.files,
            plural: if summary.files == 1 { "" } else { "s" },
            warnings,
        });
    }
    Ok(Import {
        draft,
        warnings,
        summary,
    })
}
