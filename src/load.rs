//! Catalogue files to a resolved [`Catalogue`].
//!
//! [`files`] finds the files; [`yaml`] parses each and hands its entities over one at a
//! time, each as a small tree with positions; [`decode`] turns them into typed entities
//! (the files of a directory in parallel); [`resolve`] merges the files and connects every
//! reference. Each step records findings and goes on, so one run reports
//! every structural problem of every file; the catalogue is handed on only when there is
//! none. Only [`yaml`] knows the YAML crate.

pub mod currency;
pub mod decode;
pub mod files;
pub mod git;
pub mod progress;
pub mod reload;
pub mod resolve;
pub mod yaml;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{self, Diagnostic, codes};
use crate::model::Catalogue;
use crate::source::{FileId, SourceFile, SourceMap, Span};

/// A catalogue as loaded: its sources, its structural findings, and the resolved model
/// when there are none.
#[derive(Debug)]
pub struct Loaded {
    /// Every file read, for rendering diagnostics.
    pub sources: SourceMap,
    /// The resolved catalogue, present exactly when `diagnostics` is empty.
    pub catalogue: Option<Catalogue>,
    /// Structural findings (SVS001–SVS010), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why no catalogue could be read at all: a usage error (exit 2), not a finding.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A PATH or a file under it could not be read.
    #[error("cannot read {}", path.display())]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is larger than svs reads.
    #[error(
        "{} is {bytes} bytes: svs reads files of up to 4 GiB; split the catalogue into several files",
        path.display()
    )]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// A directory holds no catalogue file.
    #[error("no *.yaml or *.yml file under {}", .0.display())]
    NoYaml(PathBuf),
    /// No PATH was given.
    #[error("no catalogue path given")]
    NoPaths,
    /// A `REV:PATH` that git cannot give.
    #[error("{spec}: {message}")]
    Git {
        /// The `REV:PATH` as given.
        spec: String,
        /// Why.
        message: String,
    },
    /// An `--exclude` glob does not compile.
    #[error("--exclude {glob}: {reason}")]
    BadExclude {
        /// The glob as given.
        glob: String,
        /// Why it is not a glob.
        reason: String,
    },
}

/// The help line of a file that is probably not meant for svs: a Kubernetes manifest or a
/// CI workflow that happens to sit in the catalogue's directory.
pub const FOREIGN_FILE_HELP: &str = "this file does not look like an svs catalogue file; add it \
to `.svsignore` or pass `--exclude PATTERN`";

/// Reads, parses, decodes and resolves the catalogue made of `paths`, leaving out of
/// directories what `exclude` matches.
pub fn load(paths: &[PathBuf], exclude: &files::Exclude) -> Result<Loaded, LoadError> {
    let first = paths.first().ok_or(LoadError::NoPaths)?;
    let files = files::collect(paths, exclude)?;
    let mut inputs = Vec::with_capacity(files.len());
    for path in files {
        if let Ok(metadata) = std::fs::metadata(&path)
            && metadata.len() > crate::source::MAX_FILE_BYTES
        {
            return Err(LoadError::TooLarge {
                path,
                bytes: metadata.len(),
            });
        }
        let bytes = std::fs::read(&path).map_err(|source| LoadError::Unreadable {
            path: path.clone(),
            source,
        })?;
        inputs.push((path.display().to_string(), bytes));
    }
    Ok(load_files(inputs, default_name(first)))
}

/// A file's content as [`load_files`] takes it.
#[derive(Debug)]
pub enum Content {
    /// Bytes read from a disk or from git; invalid UTF-8 is a finding.
    Bytes(Vec<u8>),
    /// A text also held elsewhere, as an editor's open buffer is: shared, never copied.
    Shared(Arc<String>),
}

impl From<Vec<u8>> for Content {
    fn from(bytes: Vec<u8>) -> Self {
        Content::Bytes(bytes)
    }
}

/// Loads a catalogue from files already in memory, as `(path, content)` in reading order;
/// `name` names it when no file has a `catalogue:` block.
pub fn load_files<C: Into<Content>>(inputs: Vec<(String, C)>, name: String) -> Loaded {
    load_files_again(inputs, name, None)
}

/// The files of a catalogue as decoded by the last load, for a caller that loads the same
/// catalogue at every change of one of its files (the language server): a file at the same
/// place in the reading order with the same text is not decoded again.
///
/// It holds a copy of what each file decoded to, as large as the catalogue's model: worth
/// it for a catalogue of many files, where a change re-reads one of them.
#[derive(Debug, Default)]
pub struct Decodings {
    files: Vec<Option<(String, Arc<String>, Decoded)>>,
    decoded: usize,
}

impl Decodings {
    /// How many files the last load decoded, rather than took from the one before.
    pub fn decoded(&self) -> usize {
        self.decoded
    }
}

/// [`load_files`], reusing and then updating `decodings` when given.
pub fn load_files_again<C: Into<Content>>(
    inputs: Vec<(String, C)>,
    name: String,
    decodings: Option<&mut Decodings>,
) -> Loaded {
    let read = read(inputs, decodings.as_deref());
    let decoded = if let Some(decodings) = decodings {
        decode_again(&read.sources, &read.readable, decodings)
    } else {
        let sources = &read.sources;
        let bytes = read
            .readable
            .iter()
            .map(|&f| sources.file(f).text.len())
            .sum();
        progress::show(read.readable.len(), bytes, |files_done| {
            decode_all(sources, &read.readable, files_done)
        })
    };
    finish(read, decoded, name)
}

/// The files of a load as read: every one's source, a finding for each that is not valid
/// UTF-8, and the others, to decode.
#[derive(Debug)]
struct Read {
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
    readable: Vec<FileId>,
}

/// Reads `inputs` into sources; a text that is the one `kept` holds at the same place is
/// shared with it rather than held twice.
fn read<C: Into<Content>>(inputs: Vec<(String, C)>, kept: Option<&Decodings>) -> Read {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut readable = Vec::with_capacity(inputs.len());
    for (path, content) in inputs {
        let bytes = match content.into() {
            Content::Bytes(bytes) => bytes,
            Content::Shared(text) => {
                readable.push(sources.add(SourceFile::shared(path, text)));
                continue;
            }
        };
        let (text, bad_utf8) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                (
                    String::from_utf8_lossy(error.as_bytes()).into_owned(),
                    Some(at),
                )
            }
        };
        // The same text as last time: the copy kept is shared rather than held twice.
        let kept = kept
            .and_then(|d| d.files.get(sources.files().len()))
            .and_then(Option::as_ref)
            .filter(|(kept_path, kept, _)| *kept_path == path && kept.as_str() == text)
            .map(|(_, kept, _)| Arc::clone(kept));
        let file = match kept {
            Some(kept) if bad_utf8.is_none() => sources.add(SourceFile::shared(path, kept)),
            _ => sources.add(SourceFile::new(path, text)),
        };
        match bad_utf8 {
            Some(at) => diagnostics.push(
                Diagnostic::new(
                    codes::YAML_SYNTAX,
                    Span::new(file, at, at),
                    "the file is not valid UTF-8",
                )
                .with_help("save the file as UTF-8"),
            ),
            None => readable.push(file),
        }
    }
    Read {
        sources,
        diagnostics,
        readable,
    }
}

/// Gathers the findings of the files' decodings and resolves their contents into the
/// catalogue.
fn finish(read: Read, decoded: Vec<Decoded>, name: String) -> Loaded {
    let Read {
        sources,
        mut diagnostics,
        ..
    } = read;
    let mut contents = Vec::with_capacity(decoded.len());
    for (decoded, mut findings) in decoded {
        for finding in &mut findings {
            if finding.help.is_none() && lacks_the_format(finding) {
                finding.help = Some(FOREIGN_FILE_HELP.to_owned());
            }
        }
        diagnostics.append(&mut findings);
        match decoded {
            Ok(decoded) => contents.push(decoded),
            Err(error) => {
                let mut finding = Diagnostic::new(codes::YAML_SYNTAX, error.span, error.message);
                if several_documents(&sources.file(error.span.file).text) {
                    finding.help = Some(FOREIGN_FILE_HELP.to_owned());
                }
                diagnostics.push(finding);
            }
        }
    }
    let catalogue = resolve::resolve(contents, name, &mut diagnostics);
    let catalogue = catalogue.filter(|_| diagnostics.is_empty());
    diagnostic::sort(&mut diagnostics, &sources);
    Loaded {
        sources,
        catalogue,
        diagnostics,
    }
}

/// Whether a finding says the file is not an svs mapping at all: it has no `svs:` key,
/// or it is a list (an Ansible playbook) or a bare value rather than a mapping.
fn lacks_the_format(finding: &Diagnostic) -> bool {
    finding.code == codes::INVALID_VALUE
        && (finding
            .message
            .starts_with("the file does not declare its format version")
            || finding
                .message
                .starts_with("a catalogue file must be a mapping"))
}

/// Whether `text` holds more than one YAML document: a `---` marker after content. An svs
/// file is one document; a stream of several is how Kubernetes manifests are written.
fn several_documents(text: &str) -> bool {
    let mut content = false;
    for line in text.lines() {
        let marker = line
            .strip_prefix("---")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        if marker {
            if content {
                return true;
            }
        } else if !(line.trim().is_empty() || line.starts_with(['#', '%'])) {
            content = true;
        }
    }
    false
}

/// One file's decoding: its contents or syntax error, and its findings.
type Decoded = (
    Result<decode::FileContents, yaml::SyntaxError>,
    Vec<Diagnostic>,
);

/// [`decode_all`], with the files whose place, path and text are those of the last load
/// taken from `decodings`, which then holds this load's.
fn decode_again(sources: &SourceMap, files: &[FileId], decodings: &mut Decodings) -> Vec<Decoded> {
    let same = |file: FileId| {
        let source = sources.file(file);
        decodings
            .files
            .get(file.0 as usize)
            .and_then(Option::as_ref)
            .is_some_and(|(path, text, _)| *path == source.path && Arc::ptr_eq(text, &source.text))
    };
    let changed: Vec<FileId> = files.iter().copied().filter(|&f| !same(f)).collect();
    let mut is_changed = vec![false; sources.files().len()];
    for file in &changed {
        is_changed[file.0 as usize] = true;
    }
    decodings.decoded = changed.len();
    let mut fresh = decode_all(sources, &changed, &AtomicUsize::new(0)).into_iter();
    let mut kept = std::mem::take(&mut decodings.files);
    decodings.files = (0..sources.files().len()).map(|_| None).collect();
    for &file in files {
        let slot = kept.get_mut(file.0 as usize).and_then(Option::take);
        let decoded = match slot {
            Some((_, _, decoded)) if !is_changed[file.0 as usize] => decoded,
            _ => fresh.next().expect("one decoding per changed file"),
        };
        let source = sources.file(file);
        decodings.files[file.0 as usize] =
            Some((source.path.clone(), Arc::clone(&source.text), decoded));
    }
    let kept: Vec<&Decoded> = files
        .iter()
        .filter_map(|file| decodings.files[file.0 as usize].as_ref())
        .map(|(_, _, decoded)| decoded)
        .collect();
    copy_all(&kept)
}

/// Copies of `decodings`, for the resolve that takes them over while the originals are
/// kept for the next load. Copying a large catalogue's decodings costs as much as
/// resolving them, and the copies are independent, so they are made on every core, each
/// worker taking every n-th file ([`strided`]).
fn copy_all(decodings: &[&Decoded]) -> Vec<Decoded> {
    strided(decodings.len(), jobs(), |i| decodings[i].clone())
}

/// Parses and decodes the files, in parallel when there are several, and returns the
/// results in the files' order, so output never depends on scheduling.
fn decode_all(sources: &SourceMap, files: &[FileId], done: &AtomicUsize) -> Vec<Decoded> {
    let decode_one = |file: FileId| {
        let mut findings = Vec::new();
        let decoded = decode::decode_file(file, sources.file(file), &mut findings);
        done.fetch_add(1, Ordering::Relaxed);
        (decoded, findings)
    };
    let jobs = jobs();
    let workers = jobs.min(files.len());
    if workers <= 1 {
        // One file (or one thread): a large file is cut into pieces parsed and decoded on
        // every core (`--jobs` caps them); a small one is read in one pass.
        return files
            .iter()
            .map(|&file| yaml::with_jobs(jobs, || decode_one(file)))
            .collect();
    }
    strided(files.len(), workers, |i| decode_one(files[i]))
}

/// `each(i)` for every `i` below `n`, in order, computed on `workers` threads: worker `w`
/// takes w, w + workers, …, since sizes vary (the files of a directory) and striding spreads
/// large and small alike. One worker, or none, computes them in turn on this thread.
fn strided<T: Send>(n: usize, workers: usize, each: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = workers.min(n);
    if workers <= 1 {
        return (0..n).map(each).collect();
    }
    let each = &each;
    let mut results: Vec<Option<T>> = (0..n).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    (w..n)
                        .step_by(workers)
                        .map(|i| (i, each(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every index computed"))
        .collect()
}

/// The most threads loading may use; 0 means one per core.
static JOBS: AtomicUsize = AtomicUsize::new(0);

/// Caps the threads loading uses (`--jobs N`); `None` uses every core for the files of
/// a directory and reads a single file in one pass.
pub fn set_jobs(jobs: Option<NonZeroUsize>) {
    JOBS.store(jobs.map_or(0, NonZeroUsize::get), Ordering::Relaxed);
}

/// The threads loading may use: `--jobs`, or the machine's cores.
fn jobs() -> usize {
    match JOBS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    }
}

/// A catalogue without a `catalogue:` block is named after the first PATH given.
fn default_name(path: &Path) -> String {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = if canonical.is_dir() {
        canonical.file_name()
    } else {
        canonical.file_stem()
    };
    name.map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
