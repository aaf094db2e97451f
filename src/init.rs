//! `svs init`: the starter catalogue, and writing it without ever overwriting a file.
//!
//! A new user's first catalogue should teach the format by example, so the starter is a
//! small but complete value chain (an internal IT service desk that relies on a cloud
//! ticketing subscription), commented section by section in ITIL 4 terms. It lints
//! clean and both of its relationships assess to `value`; the tests hold it to that.
//!
//! The starter is **one file**, `catalogue.yaml`. One file reads from top to bottom like
//! a tutorial, shows every reference next to what it names, and can be written
//! atomically: a set of files cannot be renamed into place together, so a failure
//! halfway through would leave a partial catalogue behind. Its comments say how to split
//! it once it grows.
//!
//! The text lives in `src/init/starter.yaml`, embedded with `include_str!`, so it can be
//! read, linted and edited as YAML rather than as a Rust string.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The name of the file `svs init` writes in its directory.
pub const FILE_NAME: &str = "catalogue.yaml";

/// The starter catalogue, exactly as `svs init` writes it.
pub const STARTER: &str = include_str!("init/starter.yaml");

/// Why the starter was not written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The file the starter would be written to already exists.
    #[error("{} already exists; `svs init` never overwrites a file", path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// The directory given is a file (or something else that is not a directory).
    #[error("{} exists and is not a directory", path.display())]
    NotADirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The directory could not be created.
    #[error("cannot create the directory {}", path.display())]
    CreateDirectory {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Writes the starter catalogue as `dir/catalogue.yaml`, creating `dir` (and its
/// parents) when missing, and returns the path written.
///
/// The text goes to a hidden temporary file in `dir` first, which is then renamed to its
/// name only if no file of that name exists (checked by the rename itself, so a file
/// created meanwhile is not overwritten either). On any failure the temporary file is
/// removed and nothing is written.
pub fn write_starter(dir: &Path) -> Result<PathBuf, InitError> {
    let target = dir.join(FILE_NAME);
    // `symlink_metadata`: a dangling symbolic link is an existing file too.
    if fs::symlink_metadata(&target).is_ok() {
        return Err(InitError::Exists { path: target });
    }
    match fs::metadata(dir) {
        Ok(metadata) if !metadata.is_dir() => {
            return Err(InitError::NotADirectory {
                path: dir.to_path_buf(),
            });
        }
        Ok(_) => {}
        Err(_) => fs::create_dir_all(dir).map_err(|source| InitError::CreateDirectory {
            path: dir.to_path_buf(),
            source,
        })?,
    }
    let write_error = |source| InitError::Write {
        path: target.clone(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".catalogue.yaml.").suffix(".tmp");
    #[cfg(unix)]
    {
        // The temporary file would otherwise be private to its owner (0600); a
        // catalogue is an ordinary file, readable as the umask allows.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(write_error)?;
    file.write_all(STARTER.as_bytes()).map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    match file.persist_noclobber(&target) {
        Ok(_) => Ok(target),
        // The temporary file is dropped (and removed) with the error.
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(InitError::Exists { path: target })
        }
        Err(error) => Err(write_error(error.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_declares_the_format_version_and_points_to_help() {
        assert!(STARTER.lines().any(|line| line.starts_with("svs: 1")));
        assert!(STARTER.contains("svs explain"));
        assert!(STARTER.contains("svs help format"));
        assert!(
            !STARTER.contains("docs/"),
            "the installed binary has no docs/ folder"
        );
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(FILE_NAME);
        fs::write(&target, "mine").unwrap();
        let error = write_starter(dir.path()).unwrap_err();
        assert!(matches!(error, InitError::Exists { .. }), "{error}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_directory_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        let written = write_starter(&nested).unwrap();
        assert_eq!(written, nested.join(FILE_NAME));
        assert_eq!(fs::read_to_string(written).unwrap(), STARTER);
    }

    #[test]
    fn a_file_in_place_of_the_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        fs::write(&file, "x").unwrap();
        let error = write_starter(&file).unwrap_err();
        assert!(matches!(error, InitError::NotADirectory { .. }), "{error}");
    }
}
