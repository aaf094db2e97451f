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
//! A file named on the command line is always read, whatever would ignore it. Directories
//! reached twice through symbolic links are read once, which also ends symlink loops.

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

/// The catalogue's files, sorted by path bytes and without repeats.
pub fn collect(paths: &[PathBuf], exclude: &Exclude) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let seen_dirs = Arc::new(Mutex::new(HashSet::new()));
    for path in paths {
        let metadata = fs::metadata(path).map_err(|source| LoadError::Unreadable {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, exclude, &seen_dirs, &mut files)?;
            if files.len() == before {
                return Err(LoadError::NoYaml(path.clone()));
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    files.dedup();
    Ok(files)
}

fn walk(
    dir: &Path,
    exclude: &Exclude,
    seen: &Arc<Mutex<HashSet<PathBuf>>>,
    files: &mut Vec<PathBuf>,
) -> Result<(), LoadError> {
    let unreadable = |path: &Path, source| LoadError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let canonical = fs::canonicalize(dir).map_err(|e| unreadable(dir, e))?;
    if !lock(seen).insert(canonical) {
        return Ok(());
    }
    let root = dir.to_path_buf();
    let exclude = exclude.clone();
    let seen = Arc::clone(seen);
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
            if entry.file_type().is_some_and(|t| t.is_dir()) {
                if let Ok(canonical) = fs::canonicalize(entry.path()) {
                    return lock(&seen).insert(canonical);
                }
            }
            true
        })
        .build();
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
            // Under the current directory, paths are shown as `a/b.yaml`, not `./a/b.yaml`.
            let path = entry.into_path();
            files.push(match path.strip_prefix(".") {
                Ok(relative) if dir == Path::new(".") => relative.to_path_buf(),
                _ => path,
            });
        }
    }
    Ok(())
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
