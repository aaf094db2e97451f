//! The value of each relationship along the catalogue's git history (SPEC §11.3): the
//! record of how value moved, read from the repository the catalogue lives in.
//!
//! The history walks the first-parent commits of a revision, oldest first, and keeps
//! those that change a file of the catalogue: the same walk, `.svsignore` and `--exclude`
//! as every other command, applied to each commit's tree. Each such commit's catalogue
//! is loaded and assessed as of the commit's date, and each relationship gets a point
//! wherever one of its figures changed.
//!
//! Most commits change one file of many. So a file's text is kept by its git blob id and
//! handed to the loader shared ([`crate::load::Content::Shared`]): an unchanged blob is
//! neither read from git nor parsed again. The catalogue of the commit before is patched
//! with the changed files' entities where they keep every id in place
//! ([`crate::load::reload`]), so a commit costs the files it changed, the tables every
//! assessment shares, and the assessments of the relationships whose inputs changed
//! ([`again`]). Each directory is listed once, then followed through what changed from
//! one commit to the next ([`git::changes_between`]).

pub mod again;
pub mod git;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::assess::Verdict;
use crate::assess::delivered::DeliveredVerdict;
use crate::assess::provision::CoCreation;
use crate::figures::round2;
use crate::load::Content;
use crate::load::files::{Exclude, IGNORE_FILE};
use crate::load::git::Tree;
use crate::load::reload::{Reader, Reload, Reloaded};
use crate::model::Catalogue;
use git::Commit;

/// What to read: the catalogue's PATHs, the revisions that bound the history, and what
/// to leave out of directories.
#[derive(Debug)]
pub struct Request<'a> {
    /// Catalogue files or directories, as given (relative to the current directory).
    pub paths: &'a [PathBuf],
    /// The oldest commit read; the first commit of the history when `None`.
    pub since: Option<&'a str>,
    /// The newest commit read: `HEAD` unless given.
    pub until: &'a str,
    /// What `--exclude` leaves out of directories.
    pub exclude: &'a Exclude,
}

/// The history of every relationship.
#[derive(Debug, Default)]
pub struct History {
    /// The commits that change the catalogue, oldest first.
    pub commits: Vec<Step>,
    /// Each relationship that appears, in order of first appearance.
    pub relationships: Vec<Series>,
    /// The commit where a shallow clone's history stops, when it stops before the
    /// history's own start.
    pub cut_at: Option<Commit>,
    /// The currency of the newest catalogue that loads.
    pub currency: Option<String>,
    /// The name of the newest catalogue that loads.
    pub name: String,
    /// Where each relationship's series is in `relationships`, by id.
    places: HashMap<String, usize>,
}

/// A commit that changes the catalogue, and whether the catalogue loads there.
#[derive(Debug, Clone)]
pub struct Step {
    /// The commit.
    pub commit: Commit,
    /// The number of structural findings: 0 when the catalogue loads.
    pub problems: usize,
}

impl Step {
    /// Whether the catalogue loads at this commit.
    pub fn loads(&self) -> bool {
        self.problems == 0
    }
}

/// One relationship's points.
#[derive(Debug, Clone)]
pub struct Series {
    /// The relationship's id.
    pub id: String,
    /// Its points, oldest first.
    pub points: Vec<Point>,
}

/// A commit at which a relationship's figures changed.
#[derive(Debug, Clone)]
pub struct Point {
    /// The commit, an index into [`History::commits`].
    pub step: usize,
    /// What the relationship is at that commit.
    pub state: State,
}

/// What a relationship is at a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Assessed, with its figures.
    Assessed(Figures),
    /// No longer in the catalogue.
    Removed,
    /// The catalogue does not load, so nothing is known of it.
    DoesNotLoad,
}

impl State {
    /// The word the formats write for the verdict: the assessment's verdict, `removed` or
    /// `does-not-load`.
    pub fn word(&self) -> &'static str {
        match self {
            State::Assessed(figures) => figures.verdict.as_str(),
            State::Removed => "removed",
            State::DoesNotLoad => "does-not-load",
        }
    }
}

/// The figures a point follows, rounded as every format prints them: a change that does
/// not show in print is no change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The consumer's verdict (5.5).
    pub verdict: Verdict,
    /// The utility score.
    pub utility: Decimal,
    /// The warranty score.
    pub warranty: Decimal,
    /// The consumer's net value per year.
    pub net_value: Decimal,
    /// The provider's margin per year (8.2).
    pub margin: Decimal,
    /// Whether value is co-created (8.3).
    pub co_creation: CoCreation,
    /// What was delivered in the latest period with evidence (10.3).
    pub delivered: DeliveredVerdict,
}

impl Figures {
    fn of(assessment: &crate::assess::Assessment) -> Figures {
        Figures {
            verdict: assessment.verdict,
            utility: round2(assessment.utility.score),
            warranty: round2(assessment.warranty.score),
            net_value: round2(assessment.net_value),
            margin: round2(assessment.provider.margin),
            co_creation: assessment.co_creation,
            delivered: assessment.delivered.verdict,
        }
    }
}

/// Why a history cannot be read: a usage error (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HistoryError(pub String);

/// A catalogue PATH, as read at every commit.
#[derive(Debug)]
struct Source {
    /// The path from the top of the repository (`""` for the top).
    top: String,
    /// The path as given, to name files in findings as a checkout would.
    shown: String,
    /// For a single file, its name at each commit that gave it one (followed back
    /// across renames), by commit id; `None` for a directory.
    names: Option<HashMap<String, String>>,
}

impl Source {
    /// The object names whose ids decide whether this PATH changed at `commit`: its
    /// tree and the `.svsignore` files above it, or the file under the name it had.
    fn keys(&self, commit: &str, name: Option<&str>) -> Vec<String> {
        if self.names.is_some() {
            return name.map(|n| format!("{commit}:{n}")).into_iter().collect();
        }
        self.watched()
            .into_iter()
            .map(|path| format!("{commit}:{path}"))
            .collect()
    }

    /// A directory's paths from the top of the repository whose changes change what is
    /// read of it: the directory, and the `.svsignore` files of the directories above it.
    fn watched(&self) -> Vec<String> {
        let parts: Vec<&str> = self.top.split('/').filter(|p| !p.is_empty()).collect();
        let mut watched = vec![self.top.clone(), IGNORE_FILE.to_owned()];
        for end in 1..parts.len() {
            watched.push(format!("{}/{IGNORE_FILE}", parts[..end].join("/")));
        }
        watched
    }

    /// `path` (from the top of the repository) as a path below this directory, when it is
    /// below it.
    fn below<'p>(&self, path: &'p str) -> Option<&'p str> {
        if self.top.is_empty() {
            return Some(path);
        }
        path.strip_prefix(self.top.as_str())?.strip_prefix('/')
    }
}

/// Whether `differences` change a `.svsignore` file: what a directory's listing leaves out
/// is then decided again.
fn ignores_change(differences: &[git::Change]) -> bool {
    differences
        .iter()
        .any(|d| d.path.rsplit('/').next() == Some(IGNORE_FILE))
}

/// Reads the history `request` asks for; `progress` is told each commit loaded, of how
/// many.
pub fn read(request: &Request, progress: &mut dyn FnMut(usize, usize)) -> anyhow::Result<History> {
    let usage = |message: String| HistoryError(message);
    git::in_work_tree().map_err(|why| usage(git::not_here(why, request.paths, "history")))?;
    let until_id = git::commit_id(request.until)
        .map_err(|why| usage(format!("--until {}: {why}", request.until)))?;
    let mut commits = git::first_parent(&until_id).map_err(usage)?;
    let mut cut_at = None;
    if let Some(since) = request.since {
        let id = git::commit_id(since).map_err(|why| usage(format!("--since {since}: {why}")))?;
        let start = commits.iter().position(|c| c.id == id).ok_or_else(|| {
            usage(format!(
                "--since {since}: not on the first-parent history of {}",
                request.until
            ))
        })?;
        commits.drain(..start);
    } else if commits
        .first()
        .is_some_and(|c| git::is_shallow_boundary(&c.id))
    {
        cut_at = commits.first().cloned();
    }
    let sources = sources(request, &until_id)?;
    let changing = changing_commits(&commits, &sources, request.exclude)?;
    let mut history = History {
        cut_at,
        name: default_name(&sources),
        ..History::default()
    };
    history.walk(changing, progress)?;
    Ok(history)
}

impl History {
    /// Loads and assesses the catalogue at each commit of `changing`. Two stages run side
    /// by side: one reads the changed blobs and parses them ([`Reader`]), the other
    /// patches or loads each commit's catalogue from them ([`Reload`]) and assesses it.
    fn walk(
        &mut self,
        changing: Vec<(Commit, Files)>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> anyhow::Result<()> {
        let total = changing.len();
        // A catalogue without a `catalogue:` block is named after its PATH, as on disk.
        let name = self.name.clone();
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            let reader = scope.spawn(move || -> anyhow::Result<()> {
                let mut texts: HashMap<String, Text> = HashMap::new();
                let mut reader = Reader::default();
                let mut blobs = git::Blobs::start().map_err(HistoryError)?;
                for (commit, files) in changing {
                    texts = read_texts(&files, texts, &mut blobs)?;
                    let inputs: Vec<(String, Content)> = files
                        .iter()
                        .map(|(name, blob)| (name.clone(), texts[blob].content()))
                        .collect();
                    if send.send((commit, reader.read(inputs))).is_err() {
                        // The other stage stopped on an error of its own.
                        break;
                    }
                }
                Ok(())
            });
            let mut reload = Reload::default();
            let mut before = None;
            for (done, (commit, version)) in receive.iter().enumerate() {
                progress(done, total);
                let (last, assessed) = before.take().unzip();
                let reloaded = reload.load(version, name.clone(), last);
                before = self.assess_at(commit, reloaded, assessed)?;
            }
            reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        progress(total, total);
        Ok(())
    }

    /// Records the catalogue loaded at `commit`: its figures assessed as of the commit's
    /// date, or that it does not load. `before` holds the assessments of the commit
    /// before, when it loaded, which a patched catalogue keeps where nothing they read
    /// changed ([`again`]). Returns this commit's catalogue and assessments when it loads.
    fn assess_at(
        &mut self,
        commit: Commit,
        reloaded: Reloaded,
        before: Option<again::Assessed>,
    ) -> anyhow::Result<Option<(Catalogue, again::Assessed)>> {
        let step = self.commits.len();
        let date = commit.date;
        let patched = matches!(reloaded, Reloaded::Patched { .. });
        let (catalogue, assessed) = match reloaded {
            Reloaded::Patched { catalogue, changes } => {
                self.commits.push(Step {
                    commit,
                    problems: 0,
                });
                let assessed = match before {
                    Some(before) => before.again(&catalogue, &changes, date)?,
                    None => again::Assessed::new(&catalogue, date)?,
                };
                (catalogue, assessed)
            }
            Reloaded::Loaded(loaded) => {
                self.commits.push(Step {
                    commit,
                    problems: loaded.diagnostics.len(),
                });
                let Some(catalogue) = loaded.catalogue else {
                    self.record_no_load(step);
                    return Ok(None);
                };
                let assessed = again::Assessed::new(&catalogue, date)?;
                (catalogue, assessed)
            }
        };
        // A patch keeps every relationship, and the figures of those not assessed again.
        let figures = assessed.fresh.iter().map(|&index| {
            let id = &catalogue.relationships[index].common.id.value;
            (id.as_str(), Figures::of(&assessed.assessments[index]))
        });
        self.record(step, figures.collect(), !patched);
        self.currency.clone_from(&catalogue.metadata.currency);
        self.name.clone_from(&catalogue.metadata.name);
        Ok(Some((catalogue, assessed)))
    }

    /// Adds a point to each relationship of `figures` whose figures differ from its last
    /// point. When `figures` has every relationship of the catalogue (`whole`), a
    /// `removed` point goes to each relationship that is no longer there.
    fn record(&mut self, step: usize, figures: Vec<(&str, Figures)>, whole: bool) {
        let mut present = vec![false; self.relationships.len()];
        for (id, figures) in figures {
            let index = if let Some(&index) = self.places.get(id) {
                index
            } else {
                self.places.insert(id.to_owned(), self.relationships.len());
                self.relationships.push(Series {
                    id: id.to_owned(),
                    points: Vec::new(),
                });
                present.push(false);
                self.relationships.len() - 1
            };
            present[index] = true;
            let state = State::Assessed(figures);
            let series = &mut self.relationships[index];
            if series.points.last().is_none_or(|p| p.state != state) {
                series.points.push(Point { step, state });
            }
        }
        if !whole {
            return;
        }
        for (series, present) in self.relationships.iter_mut().zip(present) {
            let gone = series
                .points
                .last()
                .is_some_and(|p| p.state == State::Removed);
            if !present && !gone {
                series.points.push(Point {
                    step,
                    state: State::Removed,
                });
            }
        }
    }

    /// Adds a `does-not-load` point to each relationship still in the catalogue.
    fn record_no_load(&mut self, step: usize) {
        for series in &mut self.relationships {
            let last = series.points.last().map(|p| &p.state);
            if !matches!(last, Some(State::Removed | State::DoesNotLoad)) {
                series.points.push(Point {
                    step,
                    state: State::DoesNotLoad,
                });
            }
        }
    }

    /// Keeps only the relationships whose id `keep` accepts.
    pub fn keep(&mut self, keep: impl Fn(&str) -> bool) {
        self.relationships.retain(|s| keep(&s.id));
        self.places.clear();
    }
}

/// A blob's text: shared between commits when it is UTF-8, as bytes (a finding at every
/// load) when it is not.
#[derive(Debug, Clone)]
enum Text {
    Shared(Arc<String>),
    Bytes(Vec<u8>),
}

impl Text {
    fn content(&self) -> Content {
        match self {
            Text::Shared(text) => Content::Shared(Arc::clone(text)),
            Text::Bytes(bytes) => Content::Bytes(bytes.clone()),
        }
    }
}

/// The texts of `files`' blobs: those already in `kept` taken from there, the others
/// read from `blobs`. Only this commit's are kept for the next.
fn read_texts(
    files: &[(String, String)],
    mut kept: HashMap<String, Text>,
    blobs: &mut git::Blobs,
) -> anyhow::Result<HashMap<String, Text>> {
    let mut texts = HashMap::with_capacity(files.len());
    let mut missing: Vec<&str> = Vec::new();
    for (_, blob) in files {
        if let Some(text) = kept.remove(blob) {
            texts.insert(blob.clone(), text);
        } else if !texts.contains_key(blob) && !missing.contains(&blob.as_str()) {
            missing.push(blob);
        }
    }
    let contents = blobs.read(&missing).map_err(HistoryError)?;
    for (blob, bytes) in missing.into_iter().zip(contents) {
        let text = match String::from_utf8(bytes) {
            Ok(text) => Text::Shared(Arc::new(text)),
            Err(error) => Text::Bytes(error.into_bytes()),
        };
        texts.insert(blob.to_owned(), text);
    }
    Ok(texts)
}

/// Each PATH as read at every commit: a directory, or a single file followed back
/// across renames. A PATH that is not in `until` is a usage error.
fn sources(request: &Request, until: &str) -> Result<Vec<Source>, HistoryError> {
    let mut sources = Vec::new();
    for path in request.paths {
        let top = git::from_top(path).map_err(HistoryError)?;
        let shown = path.display().to_string();
        let kind = git::objects(&[format!("{until}:{top}")]).map_err(HistoryError)?;
        let names = match kind.into_iter().next().flatten() {
            Some((_, kind)) if kind == "tree" => None,
            Some(_) => Some(
                git::names_along(until, &top)
                    .map_err(HistoryError)?
                    .into_iter()
                    .collect(),
            ),
            None => {
                return Err(HistoryError(format!("{shown}: not in {}", request.until)));
            }
        };
        sources.push(Source { top, shown, names });
    }
    Ok(sources)
}

/// A catalogue's files at a commit, as `(shown name, blob id)` in reading order.
type Files = Vec<(String, String)>;

/// What decides whether a commit's files changed: the object id and kind (or absence) of
/// each of its sources' keys (see [`Source::keys`]).
type Key = Vec<Option<(String, String)>>;

/// The commits at which the catalogue's files (names and blobs) differ from the commit
/// before, with those files.
fn changing_commits(
    commits: &[Commit],
    sources: &[Source],
    exclude: &Exclude,
) -> anyhow::Result<Vec<(Commit, Files)>> {
    // The name each single file has at each commit, following its renames forward.
    let mut current: Vec<Option<String>> = vec![None; sources.len()];
    let mut keys_of = Vec::with_capacity(commits.len());
    let mut names_at = Vec::with_capacity(commits.len());
    for commit in commits {
        let mut keys = Vec::new();
        for (source, name) in sources.iter().zip(&mut current) {
            if let Some(renamed) = source.names.as_ref().and_then(|n| n.get(&commit.id)) {
                *name = Some(renamed.clone());
            }
            keys.push(source.keys(&commit.id, name.as_deref()));
        }
        names_at.push(current.clone());
        keys_of.push(keys);
    }
    let flat: Vec<String> = keys_of.iter().flatten().flatten().cloned().collect();
    let mut found = git::objects(&flat).map_err(HistoryError)?.into_iter();
    // The commits whose trees or files differ from the commit before: only they are listed.
    let mut listed: Vec<(usize, Key)> = Vec::new();
    for (at, keys) in keys_of.iter().enumerate() {
        let key: Key = keys
            .iter()
            .flatten()
            .map(|_| found.next().flatten())
            .collect();
        if listed.last().is_none_or(|(_, last)| *last != key) {
            listed.push((at, key));
        }
    }
    // Each directory is listed in full at its first commit, and then changed by what
    // differs between one listed commit and the next: one `git diff-tree` for them all.
    let pairs: Vec<(&str, &str)> = listed
        .windows(2)
        .map(|w| (commits[w[1].0].id.as_str(), commits[w[0].0].id.as_str()))
        .collect();
    let tops: Vec<String> = sources
        .iter()
        .filter(|s| s.names.is_none())
        .flat_map(Source::watched)
        .collect();
    let differences = git::changes_between(&pairs, &tops).map_err(HistoryError)?;
    let mut trees: Vec<Option<Tree>> = sources.iter().map(|_| None).collect();
    let mut changing = Vec::new();
    let mut last_files: Files = Vec::new();
    for (i, (at, key)) in listed.iter().enumerate() {
        let commit = &commits[*at];
        let differences =
            (i > 0).then(|| differences.get(&commit.id).map_or(&[][..], Vec::as_slice));
        let files = files_at(
            commit,
            sources,
            &names_at[*at],
            key,
            exclude,
            &mut trees,
            differences,
        )?;
        if files != last_files {
            changing.push((commit.clone(), files.clone()));
            last_files = files;
        }
    }
    Ok(changing)
}

/// The catalogue's files at `commit`, as `(shown name, blob id)`, PATH by PATH. `trees`
/// holds each directory as listed at the commit listed before, changed here by
/// `differences` (what differs from that commit), or listed again when there is none to
/// change or a `.svsignore` file changed.
fn files_at(
    commit: &Commit,
    sources: &[Source],
    names: &[Option<String>],
    key: &[Option<(String, String)>],
    exclude: &Exclude,
    trees: &mut [Option<Tree>],
    differences: Option<&[git::Change]>,
) -> Result<Files, HistoryError> {
    let mut files = Vec::new();
    let mut at = 0;
    for ((source, name), tree) in sources.iter().zip(names).zip(trees.iter_mut()) {
        // The first of a source's keys is its own tree or blob.
        let own = source.keys(&commit.id, name.as_deref()).len();
        let first = if own > 0 {
            key.get(at).cloned().flatten()
        } else {
            None
        };
        at += own;
        match (&source.names, first) {
            (Some(_), Some((blob, _))) => files.push((source.shown.clone(), blob)),
            (None, Some((_, kind))) if kind == "tree" => {
                let listed = match (tree.as_mut(), differences) {
                    (Some(listed), Some(differences)) if !ignores_change(differences) => {
                        for difference in differences {
                            if let Some(below) = source.below(&difference.path) {
                                let now = difference.now.as_ref();
                                listed.change(below, now.map(|(m, o)| (m.as_str(), o.as_str())));
                            }
                        }
                        listed
                    }
                    _ => tree.insert(Tree::read(&commit.id, &source.top).map_err(HistoryError)?),
                };
                let root = format!("{}:{}", commit.id, source.top);
                let root = root.trim_end_matches('/');
                for (below, blob) in listed.files(root, exclude) {
                    // `--exclude` tried on the path as a checkout shows it, too.
                    if !crate::load::git::excluded(exclude, &source.shown, below) {
                        files.push((shown_name(&source.shown, below), blob.to_owned()));
                    }
                }
            }
            _ => *tree = None,
        }
    }
    Ok(files)
}

/// `below` named under the PATH as given, as a checkout's loader names it.
fn shown_name(shown: &str, below: &str) -> String {
    let shown = shown.trim_end_matches('/');
    if shown.is_empty() || shown == "." {
        below.to_owned()
    } else {
        format!("{shown}/{below}")
    }
}

/// The name of a catalogue without a `catalogue:` block, until one loads: the first
/// PATH's last part, as on disk; the repository's directory for its top.
fn default_name(sources: &[Source]) -> String {
    let Some(source) = sources.first() else {
        return String::new();
    };
    let path = std::path::Path::new(&source.top);
    let name = if source.names.is_some() {
        path.file_stem()
    } else {
        path.file_name()
    };
    if let Some(name) = name {
        return name.to_string_lossy().into_owned();
    }
    crate::load::git::git(&["rev-parse", "--show-toplevel"], None)
        .ok()
        .and_then(|top| {
            std::path::Path::new(top.trim())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}
