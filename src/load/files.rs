//! Which files make up a catalogue: every file PATH given, and every `*.yaml` / `*.yml`
//! file under a directory PATH, recursively, in byte order of their paths.
//!
//! Directories are walked with the `ignore` crate, the walker of ripgrep:
//!
//! - hidden entries (names starting with `.`) are skipped, so nothing is read from `.git`;
//! - a `.svsignore` file (gitignore syntax) applies in its directory and below, always;
//! - `.gitignore` and `.git/info/exclude` apply inside a Git repository, as they do for
//!   git itself. Outside one, and for the user's global excludes file, they do not: which
//!   files make the catalogue must not depend on one machine's settings;
//! - `--exclude GLOB` skips what it matches (see [`Exclude`]).
//!
//! A file named on the command line is always read, whatever would ignore it. Paths may
//! overlap, and a file is read once however it is reached; one reached through a symbolic
//! link is shown at its real path, so that its name does not depend on which way the walk
//! met it first (see [`collect`]).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::{GlobSet, GlobSetBuilder};

use super::LoadError;

/// The name of svs's own ignore file.
pub const IGNORE_FILE: &str = ".svsignore";

/// The `--exclude` globs. Each is matched against an entry's name, its path below the
/// directory given, and its path as it is shown (`catalog/k8s/deploy.yaml`); `*` stays
/// within one path component and `**` crosses them. A directory that matches is skipped
/// whole.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    set: GlobSet,
}

impl Exclude {
    /// Compiles the globs; an invalid one is a usage error naming it.
    pub fn new(globs: &[String]) -> Result<Self, LoadError> {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            let trimmed = glob.trim_start_matches("./").trim_end_matches('/');
            let compiled = globset::GlobBuilder::new(trimmed)
                .literal_separator(true)
                .build()
                .map_err(|e| LoadError::BadExclude {
                    glob: glob.clone(),
                    reason: e.kind().to_string(),
                })?;
            builder.add(compiled);
        }
        let set = builder.build().map_err(|e| LoadError::BadExclude {
            glob: globs.join(" "),
            reason: e.kind().to_string(),
        })?;
        Ok(Exclude { set })
    }

    /// Whether `path`, found under the walked directory `root`, is excluded.
    pub(crate) fn matches(&self, root: &Path, path: &Path) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let shown = path.strip_prefix(".").unwrap_or(path);
        let below = path.strip_prefix(root).unwrap_or(path);
        let name = path.file_name().map(Path::new);
        self.set.is_match(shown)
            || self.set.is_match(below)
            || name.is_some_and(|n| self.set.is_match(n))
    }
}

/// The catalogue's files, sorted by path bytes, each file once.
///
/// Paths may overlap (`catalog catalog/sub`, `catalog catalog`): each directory is walked
/// whole, so each one given must hold a catalogue file of its own, and a file reached
/// twice is read once, under the name it was first met by (in the order the paths were
/// given). A file reached through a symbolic link inside a directory walked (a linked
/// folder, or a link to a file) is read at its real path, and shown so: below the
/// directory given when it lies there (`catalog/teams/a.yaml`, not `catalog/linked/a.yaml`),
/// else relative to the current directory when the directory was given relative and the
/// file lies below the current directory, else absolute. So a file has one name whichever
/// way the walk met it first. A directory named on the command line keeps the name given,
/// link or not.
pub fn collect(paths: &[PathBuf], exclude: &Exclude) -> Result<Vec<PathBuf>, LoadError> {
    let mut roots = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|source| LoadError::Unreadable {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            let canonical = fs::canonicalize(path).map_err(|source| LoadError::Unreadable {
                path: path.clone(),
                source,
            })?;
            roots.push(Root {
                shown: path.clone(),
                canonical,
            });
        }
    }
    let mut files = Vec::new();
    let mut met = HashSet::new();
    for path in paths {
        if let Some(root) = roots.iter().find(|root| &root.shown == path) {
            let found = walk(root, exclude)?;
            if found.is_empty() {
                return Err(LoadError::NoYaml(path.clone()));
            }
            for walked in found {
                let real = fs::canonicalize(&walked).unwrap_or_else(|_| walked.clone());
                let shown = shown_at(root, &walked, &real, &roots);
                if met.insert(real) {
                    files.push(shown);
                }
            }
        } else {
            let real = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if met.insert(real) {
                files.push(path.clone());
            }
        }
    }
    files.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    Ok(files)
}

/// A directory given: as written, and resolved.
struct Root {
    shown: PathBuf,
    canonical: PathBuf,
}

/// How a file found under `root` at `walked`, whose real path is `real`, is shown: as
/// walked when no symbolic link was crossed below the root, else at its real path (see
/// [`collect`]).
fn shown_at(root: &Root, walked: &Path, real: &Path, roots: &[Root]) -> PathBuf {
    let below = walked
        .strip_prefix(&root.shown)
        .or_else(|_| walked.strip_prefix("."))
        .unwrap_or(walked);
    if root.canonical.join(below) == real {
        return walked.to_path_buf();
    }
    let under = |root: &Root| {
        real.strip_prefix(&root.canonical)
            .ok()
            .map(|rest| as_shown(&root.shown.join(rest)))
    };
    if let Some(shown) = under(root).or_else(|| roots.iter().find_map(under)) {
        return shown;
    }
    let relative = || {
        let here = fs::canonicalize(std::env::current_dir().ok()?).ok()?;
        real.strip_prefix(here).ok().map(Path::to_path_buf)
    };
    if root.shown.is_absolute() {
        return real.to_path_buf();
    }
    relative().unwrap_or_else(|| real.to_path_buf())
}

/// Under the current directory, paths are shown as `a/b.yaml`, not `./a/b.yaml`.
fn as_shown(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// The catalogue files under one directory given, as walked. Directories reached twice
/// through symbolic links are walked once, which also ends symlink loops.
fn walk(root: &Root, exclude: &Exclude) -> Result<Vec<PathBuf>, LoadError> {
    let dir = root.shown.as_path();
    let seen = Arc::new(Mutex::new(HashSet::from([root.canonical.clone()])));
    let root = dir.to_path_buf();
    let exclude = exclude.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(true)
        .follow_links(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(move |entry| {
            if exclude.matches(&root, entry.path()) {
                return false;
            }
            // A directory reached a second time (through a symbolic link) is not read
            // again; one that cannot be resolved is left for the walk to report.
            if entry.depth() > 0 && entry.file_type().is_some_and(|t| t.is_dir()) {
                if let Ok(canonical) = fs::canonicalize(entry.path()) {
                    return lock(&seen).insert(canonical);
                }
            }
            true
        })
        .build();
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => match walk_error(error) {
                Some(error) => return Err(error),
                None => continue,
            },
        };
        // `follow_links` makes a link to a file a file; a dangling link is neither and is
        // skipped like any other entry that is not a catalogue file.
        if entry.file_type().is_some_and(|t| t.is_file()) && is_yaml(entry.path()) {
            let path = entry.into_path();
            files.push(if dir == Path::new(".") {
                as_shown(&path)
            } else {
                path
            });
        }
    }
    Ok(files)
}

/// What an error met while walking means: an unreadable directory is a usage error;
/// a symbolic-link loop, a dangling link or a bad line in an ignore file is passed over,
/// as git passes over a bad `.gitignore` pattern.
fn walk_error(error: ignore::Error) -> Option<LoadError> {
    let mut path = None;
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert(p);
                current = *err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = *err;
            }
            ignore::Error::Io(source) => {
                let path = path?;
                if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
                    && fs::metadata(&path).is_err()
                {
                    return None;
                }
                // An ignore file that cannot be read is passed over; a directory that
                // cannot be read is not.
                if path
                    .file_name()
                    .is_some_and(|n| n == IGNORE_FILE || n == ".gitignore")
                {
                    return None;
                }
                return Some(LoadError::Unreadable { path, source });
            }
            _ => return None,
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether a file's extension is `yaml` or `yml`, in any case.
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yaml_extensions_count() {
        assert!(is_yaml(Path::new("a/b.yaml")));
        assert!(is_yaml(Path::new("a/b.YML")));
        assert!(!is_yaml(Path::new("a/b.json")));
        assert!(!is_yaml(Path::new("a/yaml")));
    }

    #[test]
    fn an_exclude_glob_matches_a_name_a_path_below_the_root_or_the_shown_path() {
        let exclude = Exclude::new(&["k8s".into(), "ci/*.yaml".into(), "catalog/old/**".into()])
            .expect("valid globs");
        let root = Path::new("catalog");
        assert!(exclude.matches(root, Path::new("catalog/deploy/k8s")));
        assert!(exclude.matches(root, Path::new("catalog/ci/build.yaml")));
        assert!(exclude.matches(root, Path::new("catalog/old/x/y.yaml")));
        assert!(!exclude.matches(root, Path::new("catalog/ci/deep/build.yaml")));
        assert!(!exclude.matches(root, Path::new("catalog/services.yaml")));
    }

    #[test]
    fn an_invalid_glob_is_named() {
        let error = Exclude::new(&["a[".into()]).expect_err("unclosed class");
        assert!(error.to_string().contains("a["), "{error}");
    }
}
