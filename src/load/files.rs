//! Which files make up a catalogue: every PATH given, and every `*.yaml` / `*.yml` file
//! under a directory, recursively, in byte order of their paths.
//!
//! Hidden entries (names starting with `.`) are skipped, so a catalogue kept in a Git
//! repository does not pick up anything from `.git`. Directories reached twice through
//! symbolic links are read once, which also ends symlink loops.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::LoadError;

/// The catalogue's files, sorted by path bytes and without repeats.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|source| LoadError::Unreadable {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, &mut files, &mut seen_dirs)?;
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
    files: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
) -> Result<(), LoadError> {
    let unreadable = |source| LoadError::Unreadable {
        path: dir.to_path_buf(),
        source,
    };
    let canonical = fs::canonicalize(dir).map_err(unreadable)?;
    if !seen.insert(canonical) {
        return Ok(());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        entries.push(entry.path());
    }
    for path in entries {
        // `metadata` follows symbolic links; a dangling link is skipped like any
        // non-catalogue file.
        let Ok(metadata) = fs::metadata(&path) else {
            continue;
        };
        if metadata.is_dir() {
            walk(&path, files, seen)?;
        } else if is_yaml(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn is_yaml(path: &Path) -> bool {
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
}
