//! Loading a catalogue again after some of its files changed, as `svs history` does at
//! every commit.
//!
//! A commit of a catalogue's history usually edits one file of many and keeps every id
//! where it was. Resolving the whole catalogue again for that would cost each commit as
//! much as a fresh load: copying every file's decoding, linking every reference, and
//! freeing the catalogue before. So the catalogue of the last load is patched instead:
//! the changed files' entities take the places of the ones they replace, linked against
//! the ids of the whole, and the caller is told which entities differ ([`Changes`]).
//!
//! A patch is only made where it gives what a full load gives, exactly: the last load
//! resolved; the same files in the same order; each changed file decodes without a finding
//! and defines the same ids, of the same kinds, in the same order (and evidence for the
//! same relationships and periods), with the same `catalogue:` block; every reference
//! names an entity it accepts; and the checks of the whole catalogue (cycles of `parent`,
//! custom codes, one record per period) find nothing. Anything else is loaded in full,
//! from the decodings kept, with every finding a fresh load reports.
//!
//! Loading is split in two so that the two halves run side by side: [`Reader`] reads the
//! files and decodes those that changed, the expensive half that needs no catalogue;
//! [`Reload`] patches or resolves, where the catalogue is.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use super::resolve::{self, Ids};
use super::{Content, Decoded, Decodings, Loaded, Read, decode::FileContents};
use crate::model::{Catalogue, Kind};
use crate::source::FileId;

/// The first half: reads each version of the files and decodes those whose path or text
/// differ from the last version read at the same place.
#[derive(Debug, Default)]
pub struct Reader {
    last: Vec<Option<(String, Arc<String>)>>,
}

/// One version of the files, read, with the decodings of those that changed.
#[derive(Debug)]
pub struct Version {
    read: Read,
    fresh: Vec<(FileId, Decoded)>,
}

impl Reader {
    /// Reads `inputs` (in reading order) and decodes what changed since the last call.
    /// A text is compared by identity: give an unchanged file the same shared text.
    pub fn read(&mut self, inputs: Vec<(String, Content)>) -> Version {
        let read = super::read(inputs, None);
        let changed: Vec<FileId> = read
            .readable
            .iter()
            .copied()
            .filter(|&file| {
                let last = self.last.get(file.0 as usize).and_then(Option::as_ref);
                !last.is_some_and(|(path, text)| same(path, text, &read, file))
            })
            .collect();
        let fresh = super::decode_all(&read.sources, &changed, &AtomicUsize::new(0));
        self.last = (0..read.sources.files().len()).map(|_| None).collect();
        for &file in &read.readable {
            let source = read.sources.file(file);
            self.last[file.0 as usize] = Some((source.path.clone(), Arc::clone(&source.text)));
        }
        Version {
            fresh: changed.into_iter().zip(fresh).collect(),
            read,
        }
    }
}

/// Whether `path` and `text` are the path and the very text of `file`.
fn same(path: &str, text: &Arc<String>, read: &Read, file: FileId) -> bool {
    let source = read.sources.file(file);
    path == source.path && Arc::ptr_eq(text, &source.text)
}

/// The second half: keeps each file's decoding and the ids of the last catalogue
/// resolved, to patch it.
#[derive(Debug, Default)]
pub struct Reload {
    decodings: Decodings,
    /// The ids of the catalogue of the last load, when it resolved; built on the first
    /// patch after a full load, and the same after every patch (ids stay where they are).
    ids: Option<Ids>,
    /// Whether the last load resolved.
    resolved: bool,
    /// The name the last load was given for a catalogue without a `catalogue:` block.
    default_name: String,
}

/// A version of the catalogue loaded again.
#[derive(Debug)]
pub enum Reloaded {
    /// The catalogue of the last load, patched: exactly what a full load gives.
    Patched {
        /// The catalogue.
        catalogue: Catalogue,
        /// What differs from the catalogue of the last load.
        changes: Changes,
    },
    /// Loaded in full, with its findings.
    Loaded(Loaded),
}

/// What a patch changed: each entity and evidence record that differs from the one at its
/// place before (positions included). Ids, kinds, places and settings are as they were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The entities, by kind and index.
    pub entities: Vec<(Kind, usize)>,
    /// The evidence records, by index.
    pub records: Vec<usize>,
}

impl Reload {
    /// Loads `version`, named `name` when no file has a `catalogue:` block, by patching
    /// `last` (the catalogue the last call gave, when it gave one) where that gives what
    /// a full load gives, in full otherwise.
    pub fn load(&mut self, version: Version, name: String, last: Option<Catalogue>) -> Reloaded {
        let Version { read, fresh } = version;
        // The same files as last time, each readable, in the same order.
        let mut patchable = self.resolved
            && name == self.default_name
            && read.diagnostics.is_empty()
            && read.sources.files().len() == self.decodings.files.len()
            && read
                .sources
                .files()
                .iter()
                .zip(&self.decodings.files)
                .all(|(source, kept)| {
                    kept.as_ref()
                        .is_some_and(|(path, _, _)| *path == source.path)
                });
        // This version's decodings, kept for the next: the fresh ones, and the others
        // taken from the last version (decoded here if the reader saw them differently).
        // Each changed file's last decoding is kept aside, to patch from.
        let mut kept = std::mem::take(&mut self.decodings.files);
        let mut before: Vec<(FileId, Decoded)> = Vec::with_capacity(fresh.len());
        let mut fresh = fresh.into_iter().peekable();
        self.decodings.files = (0..read.sources.files().len()).map(|_| None).collect();
        for &file in &read.readable {
            let slot = kept.get_mut(file.0 as usize).and_then(Option::take);
            let decoded = if fresh.peek().is_some_and(|(f, _)| *f == file) {
                fresh.next().map(|(_, decoded)| decoded)
            } else {
                None
            };
            let unchanged = decoded.is_none()
                && slot
                    .as_ref()
                    .is_some_and(|(path, text, _)| same(path, text, &read, file));
            let decoded = match slot {
                Some((_, _, decoded)) if unchanged => decoded,
                slot => {
                    match slot {
                        Some((_, _, old)) => before.push((file, old)),
                        None => patchable = false,
                    }
                    decoded.unwrap_or_else(|| {
                        let mut again =
                            super::decode_all(&read.sources, &[file], &AtomicUsize::new(0));
                        again.pop().expect("one decoding per file")
                    })
                }
            };
            let source = read.sources.file(file);
            self.decodings.files[file.0 as usize] =
                Some((source.path.clone(), Arc::clone(&source.text), decoded));
        }
        self.default_name.clone_from(&name);
        if let Some(last) = last.filter(|_| patchable)
            && let Some((catalogue, changes)) = self.patch(last, &before)
        {
            return Reloaded::Patched { catalogue, changes };
        }
        let copies: Vec<&Decoded> = read
            .readable
            .iter()
            .filter_map(|file| self.decodings.files[file.0 as usize].as_ref())
            .map(|(_, _, decoded)| decoded)
            .collect();
        let loaded = super::finish(read, super::copy_all(&copies), name);
        self.resolved = loaded.catalogue.is_some();
        self.ids = None;
        Reloaded::Loaded(loaded)
    }

    /// `catalogue` with the entities of each file of `before` (the changed files, with
    /// their last decodings) replaced by their new decodings, when that gives what a full
    /// load gives.
    fn patch(
        &mut self,
        mut catalogue: Catalogue,
        before: &[(FileId, Decoded)],
    ) -> Option<(Catalogue, Changes)> {
        let ids = self.ids.take().unwrap_or_else(|| resolve::ids(&catalogue));
        let currency_given = self
            .decodings
            .files
            .iter()
            .flatten()
            .find_map(|(_, _, (contents, _))| contents.as_ref().ok()?.metadata.as_ref())
            .is_some_and(|m| m.currency_given);
        let mut changes = Changes::default();
        for (file, (old, _)) in before {
            let (Some((_, _, (Ok(new), findings))), Ok(old)) =
                (&self.decodings.files[file.0 as usize], old)
            else {
                return None;
            };
            let amounts_need_currency = !currency_given && new.first_amount.is_some();
            if !findings.is_empty() || amounts_need_currency || !same_shape(old, new) {
                return None;
            }
            let mut part = resolve::part(new.clone());
            if !resolve::link_part(&mut part, &ids) {
                return None;
            }
            let places = self.places(*file);
            swap_in(&mut catalogue, &mut part, &places, &mut changes);
        }
        let mut findings = Vec::new();
        resolve::check_whole(&catalogue, &mut findings);
        if !findings.is_empty() {
            return None;
        }
        changes.entities.sort_unstable();
        changes.records.sort_unstable();
        self.ids = Some(ids);
        Some((catalogue, changes))
    }

    /// Where the entities of `file` start in the catalogue, section by section: the counts
    /// of the files before it.
    fn places(&self, file: FileId) -> Places {
        let mut places = Places::default();
        for (_, _, (contents, _)) in self.decodings.files[..file.0 as usize].iter().flatten() {
            if let Ok(contents) = contents {
                places.add(contents);
            }
        }
        places
    }
}

/// Where one file's entities start in each section of the catalogue.
#[derive(Debug, Default)]
struct Places {
    entities: [usize; crate::model::Section::ALL.len()],
    records: usize,
}

/// Calls `$each!(field, Kind)` for every section of entities, in the format's order.
macro_rules! sections {
    ($each:ident) => {
        $each!(organizations, Kind::Organization);
        $each!(people, Kind::Person);
        $each!(groups, Kind::Group);
        $each!(outcomes, Kind::Outcome);
        $each!(products, Kind::Product);
        $each!(services, Kind::Service);
        $each!(offerings, Kind::Offering);
        $each!(relationships, Kind::Relationship);
        $each!(improvements, Kind::Improvement);
        $each!(rules, Kind::Rule);
    };
}

impl Places {
    fn add(&mut self, contents: &FileContents) {
        macro_rules! count {
            ($field:ident, $kind:expr) => {
                self.entities[$kind as usize] += contents.$field.len();
            };
        }
        sections!(count);
        self.records += contents.evidence.len();
    }
}

/// Whether a file's new decoding defines what its old one did: the same `catalogue:`
/// block, the same ids in each section in the same order, evidence for the same
/// relationships and periods in the same order, and nothing dropped.
fn same_shape(old: &FileContents, new: &FileContents) -> bool {
    let mut same = old.metadata == new.metadata && new.dropped.is_empty();
    macro_rules! ids {
        ($field:ident, $kind:expr) => {
            same = same
                && old.$field.len() == new.$field.len()
                && old
                    .$field
                    .iter()
                    .zip(&new.$field)
                    .all(|(o, n)| o.common.id.value == n.common.id.value);
        };
    }
    sections!(ids);
    same && old.evidence.len() == new.evidence.len()
        && old.evidence.iter().zip(&new.evidence).all(|(o, n)| {
            o.relationship.id == n.relationship.id && o.period.value == n.period.value
        })
}

/// Puts each entity and record of `part` that differs from the one at its place in
/// `catalogue` there, and records it in `changes`.
fn swap_in(
    catalogue: &mut Catalogue,
    part: &mut Catalogue,
    places: &Places,
    changes: &mut Changes,
) {
    macro_rules! swap {
        ($field:ident, $kind:expr) => {
            let start = places.entities[$kind as usize];
            for (i, new) in part.$field.iter_mut().enumerate() {
                let old = &mut catalogue.$field[start + i];
                if *old != *new {
                    std::mem::swap(old, new);
                    changes.entities.push(($kind, start + i));
                }
            }
        };
    }
    sections!(swap);
    for (i, new) in part.evidence.iter_mut().enumerate() {
        let old = &mut catalogue.evidence[places.records + i];
        if *old != *new {
            std::mem::swap(old, new);
            changes.records.push(places.records + i);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A version of a catalogue's files: path and text, in reading order.
    pub(crate) type Files = Vec<(String, Arc<String>)>;

    /// The bundled catalogue's files, by name under `catalog/`, in reading order.
    pub(crate) fn bundled() -> Files {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let exclude = crate::load::files::Exclude::default();
        let files = crate::load::files::collect(&[dir], &exclude).unwrap();
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                (path.display().to_string(), Arc::new(text))
            })
            .collect()
    }

    /// `files` with `edit` applied to the file whose name ends with `name` (a new text for
    /// it, the others shared).
    fn edited(
        files: &[(String, Arc<String>)],
        name: &str,
        edit: impl Fn(&str) -> String,
    ) -> Vec<(String, Arc<String>)> {
        let mut found = false;
        let files = files
            .iter()
            .map(|(path, text)| {
                if path.ends_with(name) {
                    found = true;
                    let new = edit(text);
                    assert_ne!(new, **text, "the edit of {name} changes nothing");
                    (path.clone(), Arc::new(new))
                } else {
                    (path.clone(), Arc::clone(text))
                }
            })
            .collect();
        assert!(found, "no file {name}");
        files
    }

    /// Loads the versions one after the other as history does, and checks each against
    /// a full load: the same catalogue, or the same findings. Returns, for each, whether
    /// it was patched and what changed.
    fn reload_each(versions: &[Vec<(String, Arc<String>)>]) -> Vec<Option<Changes>> {
        let (mut reader, mut reload) = (Reader::default(), Reload::default());
        let mut last = None;
        let mut patched = Vec::new();
        for files in versions {
            let inputs = |files: &[(String, Arc<String>)]| -> Vec<(String, Content)> {
                files
                    .iter()
                    .map(|(path, text)| (path.clone(), Content::Shared(Arc::clone(text))))
                    .collect()
            };
            let full = crate::load::load_files(inputs(files), "catalog".into());
            let version = reader.read(inputs(files));
            match reload.load(version, "catalog".into(), last.take()) {
                Reloaded::Patched { catalogue, changes } => {
                    assert_eq!(Some(&catalogue), full.catalogue.as_ref());
                    last = Some(catalogue);
                    patched.push(Some(changes));
                }
                Reloaded::Loaded(loaded) => {
                    assert_eq!(loaded.diagnostics, full.diagnostics);
                    assert_eq!(loaded.catalogue, full.catalogue);
                    last = loaded.catalogue;
                    patched.push(None);
                }
            }
        }
        patched
    }

    fn index(catalogue: &Catalogue, kind: Kind, id: &str) -> usize {
        (0..catalogue.count(kind))
            .find(|&i| catalogue.id(kind, i) == id)
            .unwrap()
    }

    #[test]
    fn an_edit_that_keeps_every_id_in_place_is_patched_with_what_it_changed() {
        let first = bundled();
        let dearer = edited(&first, "training.yaml", |t| {
            t.replacen("amount: 1150", "amount: 1250", 1)
        });
        let loaded = crate::load::load_files(
            first
                .iter()
                .map(|(p, t)| (p.clone(), Content::Shared(Arc::clone(t))))
                .collect(),
            "catalog".into(),
        );
        let catalogue = loaded.catalogue.unwrap();
        let patched = reload_each(&[first, dearer]);
        assert_eq!(patched[0], None, "the first version is loaded in full");
        let changes = patched[1].clone().expect("the price edit is patched");
        assert!(changes.records.is_empty());
        let [(kind, at)] = changes.entities[..] else {
            panic!("one entity changes: {changes:?}");
        };
        assert_eq!(kind, Kind::Offering);
        assert_eq!(
            catalogue.offerings[at].common.id.value,
            "itil4-foundation-onsite"
        );
    }

    #[test]
    fn patches_of_every_kind_of_edit_give_what_a_full_load_gives() {
        let first = bundled();
        // Each builds on the one before: a price, a line that shifts those below it,
        // a parent, an evidence record's figures, a person's name, two files at once.
        let price = edited(&first, "training.yaml", |t| {
            t.replacen("amount: 1150", "amount: 1250", 1)
        });
        let shifted = edited(&price, "mobile-phones.yaml", |t| {
            t.replacen("    target_margin: 20", "\n\n    target_margin: 20", 1)
        });
        let parent = edited(&shifted, "mobile-phones.yaml", |t| {
            t.replacen("    parent: northwave ", "    parent: ofcom     ", 1)
        });
        let record = edited(&parent, "evidence.yaml", |t| {
            t.replacen("availability: 99.7", "availability: 99.6", 1)
        });
        let name = edited(&record, "training.yaml", |t| {
            t.replacen("Helen", "Helena", 1)
        });
        let two = edited(
            &edited(&name, "training.yaml", |t| {
                t.replacen("amount: 1250", "amount: 1350", 1)
            }),
            "evidence.yaml",
            |t| t.replacen("availability: 99.6", "availability: 99.5", 1),
        );
        let versions = [first, price, shifted, parent, record, name, two];
        let patched = reload_each(&versions);
        assert!(patched[1..].iter().all(Option::is_some), "{patched:?}");
        let catalogue = crate::load::load_files(
            versions[3]
                .iter()
                .map(|(p, t)| (p.clone(), Content::Shared(Arc::clone(t))))
                .collect(),
            "catalog".into(),
        )
        .catalogue
        .unwrap();
        let parent_changes = patched[3].as_ref().unwrap();
        let harbour_division = index(&catalogue, Kind::Organization, "northwave-business");
        assert_eq!(
            parent_changes.entities,
            [(Kind::Organization, harbour_division)]
        );
        let record_changes = patched[4].as_ref().unwrap();
        assert!(record_changes.entities.is_empty());
        assert_eq!(record_changes.records.len(), 1);
    }

    #[test]
    fn what_a_patch_cannot_give_is_loaded_in_full_with_the_findings_of_a_full_load() {
        let first = bundled();
        let mut versions = vec![first.clone()];
        let then = |versions: &mut Vec<Files>, name: &str, edit: &dyn Fn(&str) -> String| {
            let next = edited(versions.last().unwrap(), name, edit);
            versions.push(next);
        };
        // The version before the last again.
        let mend = |versions: &mut Vec<Files>| versions.push(versions[versions.len() - 2].clone());
        let parent = |to: &'static str| {
            move |t: &str| t.replacen("    parent: northwave ", &format!("    parent: {to} "), 1)
        };
        // An unknown reference (SVS005), and one to the wrong kind (SVS006), each mended.
        then(&mut versions, "mobile-phones.yaml", &parent("northwav"));
        mend(&mut versions);
        then(
            &mut versions,
            "mobile-phones.yaml",
            &parent("itil4-foundation-onsite"),
        );
        mend(&mut versions);
        // A parent that makes no cycle yet, then one that does, then mended.
        then(&mut versions, "mobile-phones.yaml", &parent("ofcom"));
        then(&mut versions, "catalogue.yaml", &|t| {
            t.replacen(
                "  - id: ofcom\n",
                "  - id: ofcom\n    parent: northwave-business\n",
                1,
            )
        });
        mend(&mut versions);
        // A second record for a period (SVS004), mended.
        then(&mut versions, "evidence.yaml", &|t| {
            t.replacen("period: 2026-Q2", "period: 2026-Q1", 1)
        });
        mend(&mut versions);
        // An entity added; a YAML error; mended.
        then(&mut versions, "training.yaml", &|t| {
            t.replacen(
                "  - id: helen-marsh\n",
                "  - id: new-person\n    name: New\n    organization: clearpath\n  - id: helen-marsh\n",
                1,
            )
        });
        then(&mut versions, "training.yaml", &|t| {
            format!("{t}\n  - [ unclosed")
        });
        mend(&mut versions);
        let patched = reload_each(&versions);
        let kinds: Vec<bool> = patched.iter().map(Option::is_some).collect();
        assert_eq!(
            kinds,
            [
                false, // the first load
                // Each version that does not load, and the one after it, are full.
                false, false, // an unknown parent, mended
                false, false, // a parent of the wrong kind, mended
                true,  // a parent that makes no cycle
                false, false, // a cycle, mended
                false, false, // a second record for 2026-Q1, mended
                false, false, false, // an entity added, a syntax error, mended
            ]
        );
    }

    /// `text` with one line edited: `kind` picks a digit moved on, the line removed,
    /// doubled, pushed down by an empty line, or swapped with the next.
    fn edit_line(text: &str, line: usize, kind: u8) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            return text.to_owned();
        }
        let at = line % lines.len();
        match kind {
            0 => {
                if let Some((i, d)) = lines[at].char_indices().find(|(_, c)| c.is_ascii_digit()) {
                    let next = char::from_digit((d.to_digit(10).unwrap() + 1) % 10, 10).unwrap();
                    lines[at].replace_range(i..=i, &next.to_string());
                }
            }
            1 => {
                lines.remove(at);
            }
            2 => lines.insert(at, lines[at].clone()),
            3 => lines.insert(at, String::new()),
            _ => {
                if at + 1 < lines.len() {
                    lines.swap(at, at + 1);
                }
            }
        }
        lines.join("\n") + "\n"
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Random line edits, one file at a time: each version reloaded, patched or in full,
        /// is what a full load of it gives ([`reload_each`] checks).
        #[test]
        fn random_edits_reload_as_a_full_load_reads_them(
            edits in proptest::collection::vec((0usize..64, 0usize..4096, 0u8..5), 1..6)
        ) {
            let mut versions = vec![bundled()];
            for (file, line, kind) in edits {
                let last = versions.last().unwrap();
                let file = file % last.len();
                let mut next = last.clone();
                let text = edit_line(&next[file].1, line, kind);
                if text != *next[file].1 {
                    next[file].1 = Arc::new(text);
                }
                versions.push(next);
            }
            reload_each(&versions);
        }
    }
}
