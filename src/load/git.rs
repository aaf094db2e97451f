//! A catalogue read from a Git repository: `REV:PATH`, in git's own syntax
//! (`HEAD~1:catalog`, `main:catalog/shop.yaml`), for `svs diff`.
//!
//! The files are read with the `git` command line, run in the current directory, from the
//! repository's objects: the work tree is never touched and no checkout or worktree is
//! needed. A directory gives the same files a checkout of it would give [`super::files`]:
//! `*.yaml` / `*.yml` blobs below it, hidden entries skipped, `.svsignore` files and
//! `--exclude` applied. Files are named `REV:PATH/below.yaml` in findings.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::files::{Exclude, IGNORE_FILE, is_yaml};
use super::{LoadError, Loaded};

/// `REV:PATH` split at its first colon, or `None` when `text` is not of that shape. A path
/// that exists on disk as written is not split: the caller checks that first.
pub fn parse(text: &str) -> Option<(&str, &str)> {
    let (rev, path) = text.split_once(':')?;
    (!rev.is_empty()).then_some((rev, path))
}

/// Reads the catalogue at `path` in revision `rev` and loads it.
pub fn load(rev: &str, path: &str, exclude: &Exclude) -> Result<Loaded, LoadError> {
    let shown = format!("{rev}:{path}");
    let error = |message: String| LoadError::Git {
        spec: shown.clone(),
        message,
    };
    git(&["rev-parse", "--git-dir"], None).map_err(|why| {
        error(if why.starts_with("cannot run git") {
            format!("{why}; reading `REV:PATH` needs git")
        } else {
            "the current directory is not in a Git repository; run svs diff from within \
             the repository"
                .to_owned()
        })
    })?;
    git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{tree}}"),
        ],
        None,
    )
    .map_err(|_| error(format!("unknown revision `{rev}`")))?;
    let kind = git(&["cat-file", "-t", &shown], None)
        .map_err(|_| error(format!("no `{path}` in revision `{rev}`")))?;
    let files = match kind.trim() {
        "blob" => vec![(shown.clone(), shown.clone())],
        "tree" => tree_files(rev, path, exclude).map_err(error)?,
        other => {
            return Err(error(format!(
                "`{path}` is a {other}, not a file or directory"
            )));
        }
    };
    if files.is_empty() {
        return Err(LoadError::NoYaml(shown.into()));
    }
    let contents = read_objects(files.iter().map(|(_, object)| object.as_str())).map_err(error)?;
    let inputs = files
        .into_iter()
        .zip(contents)
        .map(|((name, _), bytes)| (name, bytes.unwrap_or_default()))
        .collect();
    Ok(super::load_files(inputs, default_name(rev, path)))
}

/// The catalogue files of the directory `path` in `rev`, as `(shown name, object)` in
/// byte order of their names.
pub(crate) fn tree_files(
    rev: &str,
    path: &str,
    exclude: &Exclude,
) -> Result<Vec<(String, String)>, String> {
    let tree = Tree::read(rev, path)?;
    let root = format!("{rev}:{path}");
    let root = root.trim_end_matches('/');
    Ok(tree
        .files(root, exclude)
        .map(|(below, object)| {
            let name = if root.ends_with(':') {
                format!("{root}{below}")
            } else {
                format!("{root}/{below}")
            };
            (name, object.to_owned())
        })
        .collect())
}

/// A directory of a revision as svs reads it: every blob below it, and the `.svsignore`
/// files that apply to it.
#[derive(Debug)]
pub(crate) struct Tree {
    /// The directory, as given.
    path: String,
    /// Each blob's object id, by its path below the directory (symbolic links and
    /// submodules are not files).
    blobs: BTreeMap<String, String>,
    ignores: Vec<Svsignore>,
}

impl Tree {
    /// Lists the directory `path` of `rev` and reads its `.svsignore` files.
    pub(crate) fn read(rev: &str, path: &str) -> Result<Tree, String> {
        let tree = format!("{rev}:{path}");
        // `--full-tree`: run from a subdirectory, `ls-tree` would otherwise list only what
        // lies below the same subdirectory of the tree given.
        let listing = git(&["ls-tree", "--full-tree", "-r", "-z", &tree], None)?;
        let mut blobs = BTreeMap::new();
        for entry in listing.split('\0').filter(|e| !e.is_empty()) {
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some((meta, below)) = entry.split_once('\t') else {
                continue;
            };
            let mut fields = meta.split(' ');
            let (Some(mode), Some("blob"), Some(object)) =
                (fields.next(), fields.next(), fields.next())
            else {
                // Submodules (commits) are another repository's business.
                continue;
            };
            if is_file(mode) {
                blobs.insert(below.to_owned(), object.to_owned());
            }
        }
        let ignores = svsignores(rev, path, &blobs)?;
        Ok(Tree {
            path: path.to_owned(),
            blobs,
            ignores,
        })
    }

    /// The catalogue files, as `(path below the directory, object)` in byte order of their
    /// paths: YAML files, not hidden, not left out by `.svsignore` nor by `exclude` (tried
    /// under `root`, the directory as named).
    pub(crate) fn files<'t>(
        &'t self,
        root: &'t str,
        exclude: &'t Exclude,
    ) -> impl Iterator<Item = (&'t str, &'t str)> {
        let base = from_top(&self.path).unwrap_or("");
        self.blobs
            .iter()
            .filter(move |(below, _)| {
                is_yaml(Path::new(below))
                    && !below.split('/').any(|part| part.starts_with('.'))
                    && !ignored(&self.ignores, base, below)
                    && !excluded(exclude, root, below)
            })
            .map(|(below, object)| (below.as_str(), object.as_str()))
    }

    /// Applies a change of the file at `below` to `object` with `mode`, or its removal
    /// (`None`). A change of a `.svsignore` file is not applied: the tree is read again.
    pub(crate) fn change(&mut self, below: &str, now: Option<(&str, &str)>) {
        match now {
            Some((mode, object)) if is_file(mode) => {
                self.blobs.insert(below.to_owned(), object.to_owned());
            }
            _ => {
                self.blobs.remove(below);
            }
        }
    }
}

/// Whether a tree entry of `mode` is a file: not a symbolic link (whose blob is its
/// target's name) nor a submodule.
fn is_file(mode: &str) -> bool {
    mode != "120000" && mode != "160000"
}

/// A `.svsignore` matcher and the directory it applies to, relative to the tree read
/// (`""` for the tree itself; `None` for one in a directory above it, which applies to
/// everything in the tree). Matchers see paths from the top of the repository when PATH
/// is written from there, and from the tree otherwise.
type Svsignore = (Option<String>, ignore::gitignore::Gitignore);

/// The directory of the tree from the top of the repository, when PATH is written from
/// there (`catalog`); `None` for `./catalog` or `../x`, written from the current
/// directory.
fn from_top(path: &str) -> Option<&str> {
    let path = path.trim_end_matches('/');
    let relative = path == "." || path == ".." || path.starts_with("./") || path.starts_with("../");
    (!relative).then_some(path)
}

/// `a/b` from `a` and `b`, either of which may be empty.
fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a}/{b}"),
    }
}

/// The `.svsignore` files that apply to the tree `path` of `rev`, shallowest first: those
/// in the directories above it (when `path` is written from the top of the repository)
/// and those within it.
fn svsignores(
    rev: &str,
    path: &str,
    blobs: &BTreeMap<String, String>,
) -> Result<Vec<Svsignore>, String> {
    let mut wanted: Vec<(Option<String>, String)> = Vec::new();
    if let Some(top) = from_top(path) {
        let mut above = String::new();
        wanted.push((None, format!("{rev}:{IGNORE_FILE}")));
        let parts: Vec<&str> = top.split('/').filter(|p| !p.is_empty()).collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            above = join(&above, part);
            wanted.push((None, format!("{rev}:{above}/{IGNORE_FILE}")));
        }
    }
    for (below, object) in blobs {
        let dir = match below.rsplit_once('/') {
            Some((dir, IGNORE_FILE)) => dir,
            None if below == IGNORE_FILE => "",
            _ => continue,
        };
        wanted.push((Some(dir.to_owned()), object.clone()));
    }
    let texts = read_objects(wanted.iter().map(|(_, object)| object.as_str()))?;
    let mut ignores = Vec::new();
    for ((dir, object_name), text) in wanted.into_iter().zip(texts) {
        let Some(text) = text else { continue };
        let base = from_top(path).unwrap_or("");
        // `REV:a/b/.svsignore` from above the tree applies from its own directory.
        let root = match &dir {
            Some(dir) => format!("/{}", join(base, dir)),
            None => format!("/{}", object_dir(rev, &object_name)),
        };
        let mut builder = ignore::gitignore::GitignoreBuilder::new(Path::new(&root));
        for line in String::from_utf8_lossy(&text).lines() {
            // A bad line is passed over, as git passes over a bad `.gitignore` pattern.
            let _ = builder.add_line(None, line);
        }
        if let Ok(matcher) = builder.build() {
            ignores.push((dir, matcher));
        }
    }
    ignores.sort_by_key(|(dir, _)| {
        dir.as_ref().map_or(0, |d| {
            1 + usize::from(!d.is_empty()) + d.matches('/').count()
        })
    });
    Ok(ignores)
}

/// The directory of a `REV:dir/.svsignore` object name, from the top of the repository.
fn object_dir(rev: &str, object_name: &str) -> String {
    object_name
        .strip_prefix(rev)
        .and_then(|p| p.strip_prefix(':'))
        .and_then(|p| p.strip_suffix(IGNORE_FILE))
        .unwrap_or("")
        .trim_end_matches('/')
        .to_owned()
}

/// Whether the `.svsignore` files leave `below` out: the deepest one with something to
/// say about it decides, as for nested `.gitignore` files.
fn ignored(ignores: &[Svsignore], base: &str, below: &str) -> bool {
    let path = format!("/{}", join(base, below));
    let path = Path::new(&path);
    let mut verdict = false;
    for (dir, matcher) in ignores {
        let applies = match dir.as_deref() {
            None | Some("") => true,
            Some(dir) => below.starts_with(&format!("{dir}/")),
        };
        if !applies {
            continue;
        }
        let matched = matcher.matched_path_or_any_parents(path, false);
        if matched.is_ignore() {
            verdict = true;
        } else if matched.is_whitelist() {
            verdict = false;
        }
    }
    verdict
}

/// Whether `--exclude` leaves out `below` or one of the directories it is in.
pub(crate) fn excluded(exclude: &Exclude, root: &str, below: &str) -> bool {
    let root = Path::new(root);
    let mut prefix = String::new();
    for part in below.split('/') {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        if exclude.matches(root, &root.join(&prefix)) {
            return true;
        }
    }
    false
}

/// The contents of the objects, in order, read with one `git cat-file --batch`; `None`
/// for one that does not exist.
pub(crate) fn read_objects<'a>(
    objects: impl Iterator<Item = &'a str>,
) -> Result<Vec<Option<Vec<u8>>>, String> {
    let mut request = String::new();
    let mut count = 0;
    for object in objects {
        request.push_str(object);
        request.push('\n');
        count += 1;
    }
    if count == 0 {
        return Ok(Vec::new());
    }
    let output = run(&["cat-file", "--batch"], Some(request.as_bytes()))?;
    let mut rest = output.as_slice();
    let mut contents = Vec::with_capacity(count);
    for _ in 0..count {
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("git cat-file ended early")?;
        let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
        if header.ends_with(" missing") {
            contents.push(None);
            rest = &rest[newline + 1..];
            continue;
        }
        let size: usize = match header.rsplit_once(' ') {
            Some((_, size)) => size
                .parse()
                .map_err(|_| format!("git cat-file said `{header}`"))?,
            None => return Err(format!("git cat-file said `{header}`")),
        };
        let start = newline + 1;
        let body = rest
            .get(start..start + size)
            .ok_or("git cat-file ended early")?;
        contents.push(Some(body.to_vec()));
        rest = rest.get(start + size + 1..).unwrap_or_default();
    }
    Ok(contents)
}

/// Runs `git ARGS` in the current directory and returns its standard output as text, or
/// what it said on standard error.
pub(crate) fn git(args: &[&str], input: Option<&[u8]>) -> Result<String, String> {
    run(args, input).map(|out| String::from_utf8_lossy(&out).into_owned())
}

fn run(args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    // Written from another thread, so that a large answer cannot block on a full pipe
    // while the request is still being written.
    let writer = input.map(|bytes| {
        let bytes = bytes.to_vec();
        let stdin = child.stdin.take();
        std::thread::spawn(move || {
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(&bytes);
            }
        })
    });
    let output = child
        .wait_with_output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.lines().next().unwrap_or("").trim();
        Err(said.strip_prefix("fatal: ").unwrap_or(said).to_owned())
    }
}

/// Named after the last part of PATH, as a catalogue on disk is; the revision when PATH
/// is the top of the repository.
fn default_name(rev: &str, path: &str) -> String {
    let path = Path::new(path.trim_end_matches('/'));
    let name = if is_yaml(path) {
        path.file_stem()
    } else {
        path.file_name()
    };
    name.map_or_else(|| rev.to_owned(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rev_and_path_split_at_the_first_colon() {
        assert_eq!(parse("HEAD~1:catalog"), Some(("HEAD~1", "catalog")));
        assert_eq!(parse("main:a/b:c.yaml"), Some(("main", "a/b:c.yaml")));
        assert_eq!(parse("HEAD:"), Some(("HEAD", "")));
        assert_eq!(parse(":catalog"), None);
        assert_eq!(parse("catalog"), None);
    }

    #[test]
    fn the_default_name_is_the_last_part_of_the_path() {
        assert_eq!(default_name("HEAD", "catalog/"), "catalog");
        assert_eq!(default_name("HEAD", "catalog/shop.yaml"), "shop");
        assert_eq!(default_name("v1", ""), "v1");
    }
}
