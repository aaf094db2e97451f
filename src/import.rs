//! Starting a catalogue from what a team already has: `svs import`.
//!
//! Nobody starts from an empty file. An importer reads another catalogue-as-code format
//! ([`backstage`]) into a [`Draft`]: the organisations, people, groups, products, services,
//! offerings and relationships that the source describes, each with the text of a YAML
//! comment saying where it came from. The entities are the model's own values
//! ([`crate::model`]), so that a draft is written through the one writer of catalogue
//! files ([`crate::write`]), which spells each key as the format declares it. This module
//! lays a draft out as one file or as a directory and writes it, and knows nothing of any
//! source format.
//!
//! Every entity carries a comment (no serde serialiser writes comments), and every scalar
//! that is not a plain safe word is double-quoted, so that a name such as `yes`, `1e3`,
//! `a: b` or `#1` comes back from `svs`'s own loader as the same string: the writer's
//! module doc says why the text is written by hand. What is written is checked by
//! loading it, in the tests, never by trusting the writer.
//!
//! A catalogue directory is written atomically: the files go to a hidden temporary
//! directory beside the target, which is then renamed into place. A rename never
//! replaces a directory that holds anything, so nothing is ever overwritten, and a
//! failure halfway leaves nothing behind (as [`crate::init`] does for its one file).

pub mod backstage;
pub mod evidence;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::{
    Group, Metadata, Offering, Organization, Person, Product, Relationship, Service,
};
use crate::write::{Comments, Entity, File};

/// A catalogue about to be written: the model's entities in the order they are shown,
/// each with the comments that say where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The catalogue's name (`catalogue.name`).
    pub name: String,
    /// Organisations, parents before or after their children, in source order.
    pub organizations: Vec<Drafted<Organization>>,
    /// People.
    pub people: Vec<Drafted<Person>>,
    /// Groups of people, for memberships beyond each person's one organisation.
    pub groups: Vec<Drafted<Group>>,
    /// Products.
    pub products: Vec<Drafted<Product>>,
    /// Services.
    pub services: Vec<Drafted<Service>>,
    /// Service offerings.
    pub offerings: Vec<Drafted<Offering>>,
    /// Service relationships.
    pub relationships: Vec<Drafted<Relationship>>,
}

/// An entity of a draft, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drafted<T> {
    /// The entity, its references unresolved until the catalogue is loaded.
    pub entity: T,
    /// Where it came from: the comment above it, and above the items of its lists.
    pub comments: Comments,
}

impl<T> Drafted<T> {
    /// An entity with a comment above it alone.
    pub fn new(entity: T, origin: impl Into<String>) -> Self {
        Drafted {
            entity,
            comments: Comments::above(origin),
        }
    }
}

/// What one organisation provides, for its file.
#[derive(Default)]
struct Owned<'d> {
    products: Vec<&'d Drafted<Product>>,
    services: Vec<&'d Drafted<Service>>,
    offerings: Vec<&'d Drafted<Offering>>,
    relationships: Vec<&'d Drafted<Relationship>>,
}

/// One file of a written catalogue: its path below the catalogue directory and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path below the catalogue directory (`/`-separated).
    pub path: String,
    /// The file's text.
    pub text: String,
}

const HEADER: &str = "Imported with `svs import`. The value data (outcomes, warranty, costs, \
risks, roles)\nis for the service owners to add: `svs lint` lists what is missing.";

/// The entities of a section of a draft, each with its comments, for the writer.
fn entries<'d, T: Entity + 'd>(
    drafted: impl IntoIterator<Item = &'d Drafted<T>>,
) -> impl Iterator<Item = (&'d T, &'d Comments)> {
    drafted.into_iter().map(|d| (&d.entity, &d.comments))
}

impl Draft {
    /// The whole catalogue as one file.
    pub fn to_single_file(&self) -> String {
        self.head()
            .section(entries(&self.products))
            .section(entries(&self.services))
            .section(entries(&self.offerings))
            .section(entries(&self.relationships))
            .text()
    }

    /// The catalogue as a directory: `catalogue.yaml` with the metadata, organisations
    /// people and groups, and one `owners/ORG.yaml` per organisation that provides anything,
    /// holding its products, services, offerings and the relationships it provides, so
    /// that each team can own its file.
    pub fn to_files(&self) -> Vec<OutputFile> {
        let mut files = vec![OutputFile {
            path: "catalogue.yaml".to_owned(),
            text: self.head().text(),
        }];
        // Each provider's entities, bucketed once (so the work stays linear in the
        // number of entities, however many owners there are).
        let mut owners: BTreeMap<&str, Owned> = BTreeMap::new();
        for p in &self.products {
            owners
                .entry(&p.entity.provider.id)
                .or_default()
                .products
                .push(p);
        }
        for s in &self.services {
            owners
                .entry(&s.entity.provider.id)
                .or_default()
                .services
                .push(s);
        }
        for o in &self.offerings {
            owners
                .entry(&o.entity.provider.id)
                .or_default()
                .offerings
                .push(o);
        }
        for r in &self.relationships {
            owners
                .entry(&r.entity.provider.id)
                .or_default()
                .relationships
                .push(r);
        }
        // Files in the order of the organisations, so that a team's file sits where its
        // organisation does in `catalogue.yaml`.
        for organization in &self.organizations {
            let owner = organization.entity.common.id.value.as_str();
            let Some(provided) = owners.remove(owner) else {
                continue;
            };
            let text = File::new()
                .comment(&format!(
                    "What {owner} provides: products, services, offerings, and the relationships\n\
                     in which it is the provider. Imported with `svs import`."
                ))
                .section(entries(provided.products))
                .section(entries(provided.services))
                .section(entries(provided.offerings))
                .section(entries(provided.relationships))
                .text();
            files.push(OutputFile {
                path: format!("owners/{owner}.yaml"),
                text,
            });
        }
        files
    }

    /// The header, the metadata, the organisations, the people and the groups.
    fn head(&self) -> File {
        File::new()
            .comment(HEADER)
            .metadata(&Metadata::named(&self.name))
            .section(entries(&self.organizations))
            .section(entries(&self.people))
            .section(entries(&self.groups))
    }
}

/// Why a catalogue directory was not written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The directory exists and holds something.
    #[error("{} is not empty; `svs import` writes a new catalogue directory and never overwrites", path.display())]
    NotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// The path exists and is not a directory.
    #[error("{} exists and is not a directory", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// A file or directory could not be written.
    #[error("cannot write {}", path.display())]
    Io {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Checks that `dir` can receive a new catalogue: it is missing, or an empty directory.
pub fn check_target(dir: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(metadata) if !metadata.is_dir() => Err(WriteError::NotADirectory {
            path: dir.to_path_buf(),
        }),
        Ok(_) => {
            let mut entries = fs::read_dir(dir).map_err(|source| WriteError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            if entries.next().is_some() {
                Err(WriteError::NotEmpty {
                    path: dir.to_path_buf(),
                })
            } else {
                Ok(())
            }
        }
    }
}

/// Writes `files` as the new directory `dir` (which must be missing or empty), all at
/// once: into a temporary directory beside it, then renamed into place.
pub fn write_directory(dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    check_target(dir)?;
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io { path, source }
    };
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".svs-import.").suffix(".tmp");
    #[cfg(unix)]
    {
        // A temporary directory is private to its owner (0700); a catalogue is an
        // ordinary directory, as open as the umask allows.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    let staging = builder.tempdir_in(&parent).map_err(io_error(&parent))?;
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(&dir.join(&file.path)))?;
        }
        fs::write(&path, &file.text).map_err(io_error(&dir.join(&file.path)))?;
        fs::File::open(&path)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&dir.join(&file.path)))?;
    }
    // An empty directory in the way is replaced by the rename itself on Unix; elsewhere
    // it is removed first (it holds nothing).
    #[cfg(not(unix))]
    if fs::symlink_metadata(dir).is_ok() {
        fs::remove_dir(dir).map_err(io_error(dir))?;
    }
    match fs::rename(staging.path(), dir) {
        Ok(()) => {
            // The staging directory is the catalogue now: nothing left to remove.
            let _ = staging.keep();
            Ok(())
        }
        // Someone filled the directory meanwhile: the staging directory is dropped.
        Err(error) if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) => {
            drop(error);
            Err(WriteError::NotEmpty {
                path: dir.to_path_buf(),
            })
        }
        Err(error) => Err(WriteError::Io {
            path: dir.to_path_buf(),
            source: error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_written_whole_and_never_over_a_non_empty_one() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        let files = [
            OutputFile {
                path: "catalogue.yaml".into(),
                text: "svs: 1\n".into(),
            },
            OutputFile {
                path: "owners/a.yaml".into(),
                text: "svs: 1\n".into(),
            },
        ];
        write_directory(&dir, &files).unwrap();
        assert!(dir.join("owners/a.yaml").is_file());
        let error = write_directory(&dir, &files).unwrap_err();
        assert!(matches!(error, WriteError::NotEmpty { .. }), "{error}");
        let left: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging directory is left behind");
        let empty = root.path().join("empty");
        fs::create_dir(&empty).unwrap();
        write_directory(&empty, &files).unwrap();
        assert!(empty.join("catalogue.yaml").is_file());
    }
}
