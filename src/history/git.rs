//! The commits of a repository's first-parent history, and what the catalogue is made of
//! at each: git's own answers, read with the `git` program in the current directory.
//!
//! Every question is asked of git's objects (`sha:path`, `cat-file --batch-check`), so
//! the work tree, the index and `HEAD` are never touched. The number of processes stays
//! small whatever the history's length: one `git log` for the commits, one `cat-file
//! --batch-check` for the tree of every PATH at every commit, one `diff-tree --stdin` for
//! what changed between the commits that change it ([`changes_between`]), and one
//! `cat-file --batch` for the blobs ([`Blobs`]).
//!
//! [`first_parent`] and [`last_on_or_before`] are what any command that looks back over
//! the catalogue's history needs ("the last commit on or before a date").

use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

use crate::load::git::git;

/// A commit of the first-parent history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full object id.
    pub id: String,
    /// The abbreviated id git prints (`git log --format=%h`).
    pub short: String,
    /// The committer date, as a day in UTC: the date the catalogue is judged at.
    pub date: Date,
    /// The first line of the message.
    pub subject: String,
}

/// The commits of the first-parent history of `until` (`HEAD`, a branch, a tag, any
/// revision git reads), oldest first. When the repository is a shallow clone, the first
/// commit listed may have parents that were not fetched: [`is_shallow_boundary`] says so.
pub fn first_parent(until: &str) -> Result<Vec<Commit>, String> {
    let id = commit_id(until)?;
    let listing = git(
        &[
            "log",
            "--first-parent",
            "--reverse",
            "--format=%H%x00%h%x00%ct%x00%s",
            &id,
            "--",
        ],
        None,
    )?;
    let mut commits = Vec::new();
    for line in listing.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.splitn(4, '\0');
        let (Some(id), Some(short), Some(seconds), subject) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("git log said `{line}`"));
        };
        let seconds: i64 = seconds
            .parse()
            .map_err(|_| format!("git log gave the date `{seconds}`"))?;
        let date = jiff::Timestamp::from_second(seconds)
            .map_err(|e| e.to_string())?
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date();
        commits.push(Commit {
            id: id.to_owned(),
            short: short.to_owned(),
            date,
            subject: subject.unwrap_or("").to_owned(),
        });
    }
    Ok(commits)
}

/// The last of `commits` (oldest first, as [`first_parent`] lists them) committed on or
/// before `date`, or `None` when every one is later.
pub fn last_on_or_before(commits: &[Commit], date: Date) -> Option<&Commit> {
    commits.iter().rev().find(|c| c.date <= date)
}

/// The last commit of the first-parent history of `HEAD` committed on or before `day` (as
/// a date in UTC: the state of the catalogue at the end of that day, wherever the
/// committer's clock was). `Ok(None)` when every commit is later, or there is none yet.
///
/// # Errors
/// When git cannot be run or the current directory is not in a work tree.
pub fn last_commit_on_or_before(day: Date) -> Result<Option<Commit>, String> {
    in_work_tree()?;
    if git(&["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], None).is_err() {
        return Ok(None);
    }
    Ok(last_on_or_before(&first_parent("HEAD")?, day).cloned())
}

/// The full id of the commit `rev` names, or git's reason why it names none.
pub fn commit_id(rev: &str) -> Result<String, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let commit = format!("{rev}^{{commit}}");
    if let Ok(id) = git(&["rev-parse", "--verify", "--quiet", &commit], None) {
        return Ok(id.trim().to_owned());
    }
    // git's own words for why: `ambiguous argument 'x': unknown revision or path …`.
    match git(&["rev-parse", rev], None) {
        Ok(_) => Err(format!("`{rev}` does not name a commit")),
        Err(why) => Err(why),
    }
}

/// Whether the current directory is inside a Git work tree; git's reason when it is not.
pub fn in_work_tree() -> Result<(), String> {
    match git(&["rev-parse", "--is-inside-work-tree"], None) {
        Ok(out) if out.trim() == "true" => Ok(()),
        Err(why) if why.starts_with("cannot run git") => Err(why),
        // `false` inside `.git` or a bare repository; an error outside any repository.
        _ => Err("the current directory is not in a Git work tree".to_owned()),
    }
}

/// `why` the current directory is not in a work tree, and, when one of `paths` is in one,
/// where that is and that `svs COMMAND` runs from there: git reads the repository of the
/// current directory, and so does svs.
pub fn not_here(why: String, paths: &[PathBuf], command: &str) -> String {
    match paths.iter().find_map(|p| work_tree_of(p)) {
        Some(top) => {
            format!("{why}; the catalogue is in the one at {top}: run svs {command} from there")
        }
        None => why,
    }
}

/// The top of the Git work tree `path` (a file or a directory) is in, when it is in one.
fn work_tree_of(path: &Path) -> Option<String> {
    let dir = if path.is_dir() { path } else { path.parent()? };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let dir = dir.to_str()?;
    let top = git(&["-C", dir, "rev-parse", "--show-toplevel"], None).ok()?;
    Some(top.trim().to_owned()).filter(|top| !top.is_empty())
}

/// Whether `commit` is where a shallow clone's history stops: its parents were not
/// fetched.
pub fn is_shallow_boundary(commit: &str) -> bool {
    let Ok(path) = git(&["rev-parse", "--git-path", "shallow"], None) else {
        return false;
    };
    std::fs::read_to_string(path.trim())
        .is_ok_and(|text| text.lines().any(|line| line.trim() == commit))
}

/// `path`, given on the command line (relative to the current directory, or absolute),
/// as a path from the top of the repository: `catalog`, `catalog/shop.yaml`, or `""` for
/// the top itself.
pub fn from_top(path: &Path) -> Result<String, String> {
    let relative = if path.is_absolute() {
        let top = git(&["rev-parse", "--show-toplevel"], None)?;
        let top = PathBuf::from(top.trim());
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        full.strip_prefix(&top)
            .map(Path::to_path_buf)
            .map_err(|_| format!("{} is outside the repository", path.display()))?
    } else {
        let prefix = git(&["rev-parse", "--show-prefix"], None)?;
        Path::new(prefix.trim()).join(path)
    };
    let mut parts: Vec<String> = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts
                    .pop()
                    .ok_or_else(|| format!("{} is outside the repository", path.display()))?;
            }
            _ => {}
        }
    }
    Ok(parts.join("/"))
}

/// What each of `names` (`sha:path` object names) is: its object id and type, or `None`
/// when it does not exist; one `git cat-file --batch-check` for all of them.
pub fn objects(names: &[String]) -> Result<Vec<Option<(String, String)>>, String> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut request = names.join("\n");
    request.push('\n');
    let answer = git(&["cat-file", "--batch-check"], Some(request.as_bytes()))?;
    let mut found = Vec::with_capacity(names.len());
    let mut lines = answer.lines();
    for _ in names {
        let line = lines.next().ok_or("git cat-file ended early")?;
        // `<object> SP <type> SP <size>`, or `<name> missing` / `<name> ambiguous`.
        let mut fields = line.rsplitn(3, ' ');
        let (Some(_size), Some(kind), Some(object)) = (fields.next(), fields.next(), fields.next())
        else {
            found.push(None);
            continue;
        };
        let known = kind == "blob" || kind == "tree";
        found.push(known.then(|| (object.to_owned(), kind.to_owned())));
    }
    Ok(found)
}

/// The names a file had, along the first-parent history of `until`, as `git log --follow`
/// follows it back across renames: `(commit, path from the top)` for each commit that
/// added, changed or renamed it, newest first.
pub fn names_along(until: &str, path: &str) -> Result<Vec<(String, String)>, String> {
    let listing = git(
        &[
            "log",
            "--first-parent",
            "--follow",
            "--name-only",
            "--format=%x01%H",
            until,
            "--",
            &format!(":(top,literal){path}"),
        ],
        None,
    )?;
    let mut names = Vec::new();
    for record in listing.split('\u{1}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines().filter(|l| !l.is_empty());
        let (Some(commit), Some(name)) = (lines.next(), lines.next()) else {
            continue;
        };
        names.push((commit.trim().to_owned(), name.trim().to_owned()));
    }
    Ok(names)
}

/// A file that differs between two commits: its path from the top of the repository, and
/// its mode and object id in the later commit, or `None` when it is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The path from the top of the repository.
    pub path: String,
    /// The mode and object id it has now; `None` when it was removed.
    pub now: Option<(String, String)>,
}

/// The files that differ between each pair `(commit, earlier)` of `pairs`, among the
/// paths of `tops` (from the top of the repository; `""` for all), by commit: one
/// `git diff-tree --stdin` for all of them. A pair with no difference has no entry.
pub fn changes_between(
    pairs: &[(&str, &str)],
    tops: &[String],
) -> Result<std::collections::HashMap<String, Vec<Change>>, String> {
    let mut changes = std::collections::HashMap::new();
    if pairs.is_empty() {
        return Ok(changes);
    }
    let mut request = String::new();
    for (commit, earlier) in pairs {
        request.push_str(commit);
        request.push(' ');
        request.push_str(earlier);
        request.push('\n');
    }
    let pathspecs: Vec<String> = tops
        .iter()
        .map(|top| format!(":(top,literal){top}"))
        .collect();
    let mut args = vec!["diff-tree", "--stdin", "-r", "-z", "--no-renames"];
    // The top itself is the whole tree: no pathspec then.
    if !tops.iter().any(String::is_empty) {
        args.push("--");
        args.extend(pathspecs.iter().map(String::as_str));
    }
    let listing = git(&args, Some(request.as_bytes()))?;
    // Each pair that differs: the commit's id, then `:<mode> <mode> <object> <object>
    // <status>` and the path of each file, every field ended by NUL.
    let mut fields = listing.split('\0').filter(|f| !f.is_empty());
    let mut current: Option<&mut Vec<Change>> = None;
    while let Some(field) = fields.next() {
        let Some(meta) = field.strip_prefix(':') else {
            current = Some(changes.entry(field.trim().to_owned()).or_default());
            continue;
        };
        let path = fields.next().ok_or("git diff-tree ended early")?;
        let parts: Vec<&str> = meta.split(' ').collect();
        let [_, mode, _, object, status] = parts[..] else {
            return Err(format!("git diff-tree said `{field}`"));
        };
        let now = (!status.starts_with('D')).then(|| (mode.to_owned(), object.to_owned()));
        let Some(list) = current.as_mut() else {
            return Err(format!(
                "git diff-tree said `{field}` before naming a commit"
            ));
        };
        list.push(Change {
            path: path.to_owned(),
            now,
        });
    }
    Ok(changes)
}

/// A long-lived `git cat-file --batch` that reads blobs by object id: one process for the
/// whole history rather than one per commit, which cost about 1.5 ms of each commit's
/// loading.
#[derive(Debug)]
pub struct Blobs {
    child: std::process::Child,
    /// The requests; closed first when dropped, so that git ends.
    input: Option<std::process::ChildStdin>,
    output: std::io::BufReader<std::process::ChildStdout>,
}

impl Blobs {
    /// Starts `git cat-file --batch` in the current directory.
    pub fn start() -> Result<Blobs, String> {
        let mut child = std::process::Command::new("git")
            .args(["cat-file", "--batch"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let input = child.stdin.take();
        let output = child.stdout.take().ok_or("cannot read from git cat-file")?;
        Ok(Blobs {
            child,
            input,
            output: std::io::BufReader::new(output),
        })
    }

    /// The contents of the blobs, in order; an id git does not have is an error.
    pub fn read(&mut self, ids: &[&str]) -> Result<Vec<Vec<u8>>, String> {
        ids.iter().map(|id| self.one(id)).collect()
    }

    /// One blob: asked, then read whole before the next is asked, as git answers each
    /// request as soon as it is read.
    fn one(&mut self, id: &str) -> Result<Vec<u8>, String> {
        use std::io::{BufRead, Read, Write};
        let broken = |e: std::io::Error| format!("git cat-file: {e}");
        let input = self.input.as_mut().ok_or("git cat-file has ended")?;
        writeln!(input, "{id}").map_err(broken)?;
        input.flush().map_err(broken)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(broken)?;
        let header = header.trim_end();
        if header.is_empty() {
            return Err("git cat-file ended early".to_owned());
        }
        if header.ends_with(" missing") {
            return Err(format!("git has no object {id}"));
        }
        let size: usize = header
            .rsplit_once(' ')
            .and_then(|(_, size)| size.parse().ok())
            .ok_or_else(|| format!("git cat-file said `{header}`"))?;
        // The content, then the newline git ends each answer with.
        let mut body = vec![0; size + 1];
        self.output.read_exact(&mut body).map_err(broken)?;
        body.pop();
        Ok(body)
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        drop(self.input.take());
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(short: &str, date: Date) -> Commit {
        Commit {
            id: short.repeat(8),
            short: short.to_owned(),
            date,
            subject: String::new(),
        }
    }

    #[test]
    fn the_last_commit_on_or_before_a_date_is_found_from_the_newest() {
        let commits = [
            commit("a", jiff::civil::date(2026, 1, 1)),
            commit("b", jiff::civil::date(2026, 2, 1)),
            commit("c", jiff::civil::date(2026, 2, 1)),
            commit("d", jiff::civil::date(2026, 3, 1)),
        ];
        let found = |d| last_on_or_before(&commits, d).map(|c| c.short.as_str());
        assert_eq!(found(jiff::civil::date(2025, 12, 31)), None);
        assert_eq!(found(jiff::civil::date(2026, 2, 1)), Some("c"));
        assert_eq!(found(jiff::civil::date(2026, 2, 28)), Some("c"));
        assert_eq!(found(jiff::civil::date(2027, 1, 1)), Some("d"));
    }
}
