//! Which catalogue a file belongs to, and loading it with the editor's open buffers in
//! place of what is on disk.
//!
//! An editor names one file; svs checks catalogues, and a reference in one file names an
//! entity of another. So each request first finds the file's catalogue (the nearest
//! directory with the `catalogue:` block, else the workspace folder when it holds svs
//! files, else the file alone), then loads it through [`crate::load::load_files`], the
//! same in-memory path `svs diff REV:PATH` uses, and lints it as `svs lint` does.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lint::LintReport;
use crate::load::files::{self, Exclude};
use crate::load::{Content, Decodings, Loaded};

/// The files a catalogue is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every catalogue file under a directory.
    Directory(PathBuf),
    /// One file on its own.
    File(PathBuf),
}

/// A catalogue as checked: loaded, and linted with its own settings.
#[derive(Debug)]
pub struct Checked {
    /// The files read, the findings of the loader, and the catalogue when it resolves.
    pub loaded: Loaded,
    /// Every finding of `svs lint`.
    pub report: LintReport,
}

impl Checked {
    /// The source file read from `path`, if the catalogue has it.
    pub fn file_id(&self, path: &Path) -> Option<crate::source::FileId> {
        let shown = path.display().to_string();
        (0..self.loaded.sources.files().len())
            .map(|i| crate::source::FileId(u32::try_from(i).expect("fewer than 2^32 files")))
            .find(|&id| self.loaded.sources.file(id).path == shown)
    }
}

/// Up to this size of text, what each file of a catalogue decoded to is kept between
/// checks, so that a change re-reads only its file. Above it the copy would take the
/// server past the memory of one `svs lint`, and every file is read again.
const KEEP_DECODINGS_UP_TO: usize = 16 << 20;

/// The workspace: its folder and the buffers the editor has open.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The workspace folder, when the editor gave one.
    pub root: Option<PathBuf>,
    /// Open buffers by path: their text wins over the disk. Each is shared with the
    /// catalogue last checked rather than copied into it.
    pub open: BTreeMap<PathBuf, Arc<String>>,
    /// What the files of the catalogue last checked decoded to, by scope.
    decodings: RefCell<Option<(Scope, Decodings)>>,
}

impl Workspace {
    /// A workspace with nothing open, in the folder `root` when the editor gave one.
    pub fn new(root: Option<PathBuf>) -> Self {
        Workspace {
            root,
            ..Workspace::default()
        }
    }

    /// The text of a file: its open buffer (not copied: it may be megabytes, and is read
    /// at every change), else the disk.
    fn text(&self, path: &Path) -> Option<Cow<'_, str>> {
        match self.open.get(path) {
            Some(text) => Some(Cow::Borrowed(text.as_str())),
            None => std::fs::read_to_string(path).ok().map(Cow::Owned),
        }
    }

    /// The catalogue files directly in `dir`, on disk or open.
    fn yaml_in(&self, dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| files::is_yaml(path) && path.is_file())
            .collect();
        found.extend(
            self.open
                .keys()
                .filter(|path| path.parent() == Some(dir) && files::is_yaml(path))
                .cloned(),
        );
        found.sort();
        found.dedup();
        found
    }

    /// Which catalogue `file` belongs to.
    pub fn scope(&self, file: &Path) -> Scope {
        let has_line = |path: &Path, prefix: &str| {
            self.text(path)
                .is_some_and(|text| text.lines().any(|line| line.starts_with(prefix)))
        };
        let within = |dir: &Path| {
            self.root
                .as_deref()
                .is_none_or(|root| dir.starts_with(root))
        };
        for dir in file.ancestors().skip(1) {
            if !within(dir) {
                break;
            }
            if self
                .yaml_in(dir)
                .iter()
                .any(|path| has_line(path, "catalogue:"))
            {
                return Scope::Directory(dir.to_path_buf());
            }
            if self.root.is_none() {
                break;
            }
        }
        if let Some(root) = &self.root {
            if file.starts_with(root) && self.files(root).iter().any(|path| has_line(path, "svs:"))
            {
                return Scope::Directory(root.clone());
            }
        }
        Scope::File(file.to_path_buf())
    }

    /// The catalogue files under `dir`, as `svs lint DIR` finds them, and the open
    /// buffers below it.
    fn files(&self, dir: &Path) -> Vec<PathBuf> {
        let exclude = Exclude::new(&[]).expect("no glob to compile");
        let mut found = files::collect(&[dir.to_path_buf()], &exclude).unwrap_or_default();
        found.extend(
            self.open
                .keys()
                .filter(|path| path.starts_with(dir) && files::is_yaml(path))
                .cloned(),
        );
        found.sort();
        found.dedup();
        found
    }

    /// Loads and lints a catalogue.
    pub fn check(&self, scope: &Scope) -> Checked {
        let (paths, name) = match scope {
            Scope::Directory(dir) => (self.files(dir), dir),
            Scope::File(file) => (vec![file.clone()], file),
        };
        let inputs: Vec<(String, Content)> = paths
            .iter()
            .filter_map(|path| {
                let content = match self.open.get(path) {
                    Some(text) => Content::Shared(Arc::clone(text)),
                    None => Content::Bytes(std::fs::read(path).ok()?),
                };
                Some((path.display().to_string(), content))
            })
            .collect();
        let name = name.file_stem().map_or_else(
            || name.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let size: usize = inputs
            .iter()
            .map(|(_, content)| match content {
                Content::Bytes(bytes) => bytes.len(),
                Content::Shared(text) => text.len(),
            })
            .sum();
        let mut kept = self.decodings.borrow_mut();
        let loaded = if size <= KEEP_DECODINGS_UP_TO {
            if kept.as_ref().is_none_or(|(last, _)| last != scope) {
                *kept = Some((scope.clone(), Decodings::default()));
            }
            let decodings = kept.as_mut().map(|(_, decodings)| decodings);
            crate::load::load_files_again(inputs, name, decodings)
        } else {
            *kept = None;
            crate::load::load_files(inputs, name)
        };
        let report = crate::lint::lint(&loaded, crate::lint::Options::default());
        Checked { loaded, report }
    }
}
