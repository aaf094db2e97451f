//! Starting a catalogue from what a team already has: `svs import`.
//!
//! Nobody starts from an empty file. An importer reads another catalogue-as-code format
//! ([`backstage`]) into a [`Draft`]: the organisations, people, products, services,
//! offerings and relationships that the source describes, each with the text of a YAML
//! comment saying where it came from. This module turns a draft into catalogue text and
//! writes it, and knows nothing of any source format.
//!
//! The text is written by hand rather than through a serialiser: every entity carries a
//! comment (no serde serialiser writes comments), and every scalar that is not a plain
//! safe word is double-quoted, so that a name such as `yes`, `1e3`, `a: b` or `#1` comes
//! back from `svs`'s own loader as the same string. What is written is checked by loading
//! it, in the tests, never by trusting the writer.
//!
//! A catalogue directory is written atomically: the files go to a hidden temporary
//! directory beside the target, which is then renamed into place. A rename never
//! replaces a directory that holds anything, so nothing is ever overwritten, and a
//! failure halfway leaves nothing behind (as [`crate::init`] does for its one file).

pub mod backstage;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A catalogue about to be written: entities in the order they are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The catalogue's name (`catalogue.name`).
    pub name: String,
    /// Organisations, parents before or after their children, in source order.
    pub organizations: Vec<Organization>,
    /// People.
    pub people: Vec<Person>,
    /// Products.
    pub products: Vec<Product>,
    /// Services.
    pub services: Vec<Service>,
    /// Service offerings.
    pub offerings: Vec<Offering>,
    /// Service relationships.
    pub relationships: Vec<Relationship>,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Where it came from (a comment above the entity).
    pub origin: String,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The organisation it is part of.
    pub parent: Option<String>,
    /// Free text.
    pub description: Option<String>,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Where it came from.
    pub origin: String,
    /// Its id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// The organisation they belong to.
    pub organization: String,
    /// Free text.
    pub description: Option<String>,
}

/// A product and the resources it is configured from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Where it came from.
    pub origin: String,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The organisation that provides it.
    pub provider: String,
    /// Free text.
    pub description: Option<String>,
    /// Its resources.
    pub resources: Vec<Resource>,
}

/// One resource of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// Where it came from.
    pub origin: String,
    /// Its name.
    pub name: String,
    /// One of the four dimensions.
    pub dimension: Dimension,
    /// Whether the consumer sees it.
    pub visible: bool,
}

/// The four dimensions of service management that resources are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Organisations and people.
    OrganizationsAndPeople,
    /// Information and technology.
    InformationAndTechnology,
}

impl Dimension {
    /// The word the catalogue format uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::OrganizationsAndPeople => "organizations-and-people",
            Dimension::InformationAndTechnology => "information-and-technology",
        }
    }
}

/// A service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Where it came from.
    pub origin: String,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The organisation that provides it.
    pub provider: String,
    /// Free text.
    pub description: Option<String>,
    /// The products it is built on.
    pub products: Vec<String>,
    /// The names of its outputs.
    pub outputs: Vec<String>,
    /// The relationships in which its provider consumes what it relies on.
    pub depends_on: Vec<String>,
}

/// A service offering made of access to resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offering {
    /// Where it came from.
    pub origin: String,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The organisation that offers it.
    pub provider: String,
    /// Free text.
    pub description: Option<String>,
    /// The services it describes.
    pub services: Vec<String>,
    /// The resources it grants access to (ownership retained).
    pub access: Vec<String>,
}

/// A service relationship between a provider and a consumer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// Where it came from.
    pub origin: String,
    /// Its id.
    pub id: String,
    /// The providing organisation.
    pub provider: String,
    /// The consuming organisation.
    pub consumer: String,
    /// The offering it is about.
    pub offering: String,
    /// Free text.
    pub description: Option<String>,
}

/// What one organisation provides, for its file.
#[derive(Default)]
struct Owned<'d> {
    products: Vec<&'d Product>,
    services: Vec<&'d Service>,
    offerings: Vec<&'d Offering>,
    relationships: Vec<&'d Relationship>,
}

/// One file of a written catalogue: its path below the catalogue directory and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path below the catalogue directory (`/`-separated).
    pub path: String,
    /// The file's text.
    pub text: String,
}

const HEADER: &str = "# Imported with `svs import`. The value data (outcomes, warranty, costs, \
risks, roles)\n# is for the service owners to add: `svs lint` lists what is missing.\n";

impl Draft {
    /// The whole catalogue as one file.
    pub fn to_single_file(&self) -> String {
        let mut text = String::new();
        self.write_head(&mut text);
        write_organizations(&mut text, &self.organizations);
        write_people(&mut text, &self.people);
        write_products(&mut text, self.products.iter());
        write_services(&mut text, self.services.iter());
        write_offerings(&mut text, self.offerings.iter());
        write_relationships(&mut text, self.relationships.iter());
        text
    }

    /// The catalogue as a directory: `catalogue.yaml` with the metadata, organisations
    /// and people, and one `owners/ORG.yaml` per organisation that provides anything,
    /// holding its products, services, offerings and the relationships it provides, so
    /// that each team can own its file.
    pub fn to_files(&self) -> Vec<OutputFile> {
        let mut head = String::new();
        self.write_head(&mut head);
        write_organizations(&mut head, &self.organizations);
        write_people(&mut head, &self.people);
        let mut files = vec![OutputFile {
            path: "catalogue.yaml".to_owned(),
            text: head,
        }];
        // Each provider's entities, bucketed once (so the work stays linear in the
        // number of entities, however many owners there are).
        let mut owners: BTreeMap<&str, Owned> = BTreeMap::new();
        for p in &self.products {
            owners.entry(&p.provider).or_default().products.push(p);
        }
        for s in &self.services {
            owners.entry(&s.provider).or_default().services.push(s);
        }
        for o in &self.offerings {
            owners.entry(&o.provider).or_default().offerings.push(o);
        }
        for r in &self.relationships {
            owners.entry(&r.provider).or_default().relationships.push(r);
        }
        // Files in the order of the organisations, so that a team's file sits where its
        // organisation does in `catalogue.yaml`.
        for organization in &self.organizations {
            let owner = organization.id.as_str();
            let Some(provided) = owners.remove(owner) else {
                continue;
            };
            let mut text = format!(
                "# What {owner} provides: products, services, offerings, and the relationships\n\
                 # in which it is the provider. Imported with `svs import`.\nsvs: 1\n"
            );
            write_products(&mut text, provided.products.into_iter());
            write_services(&mut text, provided.services.into_iter());
            write_offerings(&mut text, provided.offerings.into_iter());
            write_relationships(&mut text, provided.relationships.into_iter());
            files.push(OutputFile {
                path: format!("owners/{owner}.yaml"),
                text,
            });
        }
        files
    }

    fn write_head(&self, text: &mut String) {
        text.push_str(HEADER);
        text.push_str("svs: 1\ncatalogue:\n");
        let _ = writeln!(text, "  name: {}", scalar(&self.name));
    }
}

/// A list item's first lines: the origin comment and `- id: …`.
fn item(text: &mut String, origin: &str, id: &str) {
    let _ = writeln!(text, "  # {}", comment(origin));
    let _ = writeln!(text, "  - id: {}", scalar(id));
}

fn key(text: &mut String, key: &str, value: &str) {
    let _ = writeln!(text, "    {key}: {}", scalar(value));
}

fn optional(text: &mut String, name: &str, value: Option<&String>) {
    if let Some(value) = value {
        key(text, name, value);
    }
}

fn list(text: &mut String, name: &str, values: &[String]) {
    if !values.is_empty() {
        let items: Vec<String> = values.iter().map(|v| scalar(v)).collect();
        let _ = writeln!(text, "    {name}: [{}]", items.join(", "));
    }
}

/// The items of a section, after its key is written; none (and no key) when empty.
fn section<T>(text: &mut String, name: &str, items: impl Iterator<Item = T>) -> Option<Vec<T>> {
    let items: Vec<T> = items.collect();
    if items.is_empty() {
        return None;
    }
    let _ = writeln!(text, "\n{name}:");
    Some(items)
}

fn write_organizations(text: &mut String, organizations: &[Organization]) {
    let Some(items) = section(text, "organizations", organizations.iter()) else {
        return;
    };
    for o in items {
        item(text, &o.origin, &o.id);
        key(text, "name", &o.name);
        optional(text, "parent", o.parent.as_ref());
        optional(text, "description", o.description.as_ref());
    }
}

fn write_people(text: &mut String, people: &[Person]) {
    let Some(items) = section(text, "people", people.iter()) else {
        return;
    };
    for p in items {
        item(text, &p.origin, &p.id);
        key(text, "name", &p.name);
        key(text, "organization", &p.organization);
        optional(text, "description", p.description.as_ref());
    }
}

fn write_products<'a>(text: &mut String, products: impl Iterator<Item = &'a Product>) {
    let Some(items) = section(text, "products", products) else {
        return;
    };
    for p in items {
        item(text, &p.origin, &p.id);
        key(text, "name", &p.name);
        key(text, "provider", &p.provider);
        optional(text, "description", p.description.as_ref());
        if !p.resources.is_empty() {
            text.push_str("    resources:\n");
        }
        for r in &p.resources {
            let _ = writeln!(text, "      # {}", comment(&r.origin));
            let _ = writeln!(text, "      - name: {}", scalar(&r.name));
            let _ = writeln!(text, "        dimension: {}", r.dimension.as_str());
            if r.visible {
                text.push_str("        visible: true\n");
            }
        }
    }
}

fn write_services<'a>(text: &mut String, services: impl Iterator<Item = &'a Service>) {
    let Some(items) = section(text, "services", services) else {
        return;
    };
    for s in items {
        item(text, &s.origin, &s.id);
        key(text, "name", &s.name);
        key(text, "provider", &s.provider);
        optional(text, "description", s.description.as_ref());
        list(text, "products", &s.products);
        if !s.outputs.is_empty() {
            text.push_str("    outputs:\n");
        }
        for output in &s.outputs {
            let _ = writeln!(text, "      - name: {}", scalar(output));
        }
        list(text, "depends_on", &s.depends_on);
    }
}

fn write_offerings<'a>(text: &mut String, offerings: impl Iterator<Item = &'a Offering>) {
    let Some(items) = section(text, "offerings", offerings) else {
        return;
    };
    for o in items {
        item(text, &o.origin, &o.id);
        key(text, "name", &o.name);
        key(text, "provider", &o.provider);
        optional(text, "description", o.description.as_ref());
        list(text, "services", &o.services);
        if !o.access.is_empty() {
            text.push_str("    access:\n");
        }
        for access in &o.access {
            let _ = writeln!(text, "      - name: {}", scalar(access));
            text.push_str("        ownership: retained\n");
        }
    }
}

fn write_relationships<'a>(
    text: &mut String,
    relationships: impl Iterator<Item = &'a Relationship>,
) {
    let Some(items) = section(text, "relationships", relationships) else {
        return;
    };
    for r in items {
        item(text, &r.origin, &r.id);
        key(text, "provider", &r.provider);
        key(text, "consumer", &r.consumer);
        key(text, "offering", &r.offering);
        optional(text, "description", r.description.as_ref());
    }
}

/// A comment's text on one line: line breaks and other control characters become spaces.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Characters YAML treats as line breaks besides `\n` and `\r`.
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Words a YAML parser may read as something other than a string.
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity",
];

/// A scalar as YAML text: plain when it is a safe word (starts with a letter; letters,
/// digits, spaces inside, `.`, `_`, `-`, `/`; not a word YAML reads as a boolean or
/// null), double-quoted with escapes otherwise.
pub fn scalar(value: &str) -> String {
    let plain = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !value.ends_with(' ')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-' | '/'))
        && !RESERVED.contains(&value.to_ascii_lowercase().as_str());
    if plain {
        return value.to_owned();
    }
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() || is_line_break(c) || c == '\u{feff}' => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
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
    fn safe_words_are_plain_and_everything_else_is_quoted() {
        assert_eq!(scalar("team-a"), "team-a");
        assert_eq!(scalar("Payments Team"), "Payments Team");
        for tricky in [
            "yes",
            "No",
            "on",
            "OFF",
            "true",
            "null",
            "",
            "1",
            "1e3",
            "0x1F",
            ".inf",
            "a: b",
            "#1",
            "a #b",
            "-lead",
            "'q'",
            "\"q\"",
            "trailing ",
            "é",
            "[x]",
            "a,b",
            "~",
        ] {
            assert!(scalar(tricky).starts_with('"'), "{tricky:?} is quoted");
        }
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(scalar("a\u{7}b"), "\"a\\u0007b\"");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nb\u{2028}c"), "a b c");
    }

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
