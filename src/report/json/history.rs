//! The history document (SPEC §11.3, docs/json.md): the commits that change the
//! catalogue, and each relationship's points, with figures printed as the assessment
//! document prints them.

use std::io::{self, Write};

use serde::Serialize;

use super::Rounded;
use crate::history::{History, State};

#[derive(Serialize)]
struct HistoryDocument<'a> {
    commits: Vec<CommitValue<'a>>,
    relationships: Vec<SeriesValue<'a>>,
}

#[derive(Serialize)]
struct CommitValue<'a> {
    rev: &'a str,
    date: String,
    subject: &'a str,
    loads: bool,
    /// The structural findings of a catalogue that does not load; 0 when it loads.
    problems: usize,
}

#[derive(Serialize)]
struct SeriesValue<'a> {
    id: &'a str,
    points: Vec<PointValue<'a>>,
}

#[derive(Serialize)]
struct PointValue<'a> {
    rev: &'a str,
    date: String,
    verdict: &'static str,
    net_value: Option<Rounded>,
    utility: Option<Rounded>,
    warranty: Option<Rounded>,
    margin: Option<Rounded>,
    co_creation: Option<&'static str>,
    delivered: Option<&'static str>,
}

/// Writes the history document, pretty-printed, with a final newline.
pub fn render_history(out: &mut dyn Write, history: &History) -> io::Result<()> {
    let document = HistoryDocument {
        commits: history
            .commits
            .iter()
            .map(|step| CommitValue {
                rev: &step.commit.short,
                date: step.commit.date.to_string(),
                subject: &step.commit.subject,
                loads: step.loads(),
                problems: step.problems,
            })
            .collect(),
        relationships: history
            .relationships
            .iter()
            .map(|series| SeriesValue {
                id: &series.id,
                points: series
                    .points
                    .iter()
                    .map(|point| {
                        let commit = &history.commits[point.step].commit;
                        let figures = match &point.state {
                            State::Assessed(figures) => Some(figures),
                            State::Removed | State::DoesNotLoad => None,
                        };
                        PointValue {
                            rev: &commit.short,
                            date: commit.date.to_string(),
                            verdict: point.state.word(),
                            net_value: figures.map(|f| Rounded(f.net_value)),
                            utility: figures.map(|f| Rounded(f.utility)),
                            warranty: figures.map(|f| Rounded(f.warranty)),
                            margin: figures.map(|f| Rounded(f.margin)),
                            co_creation: figures.map(|f| f.co_creation.as_str()),
                            delivered: figures.map(|f| f.delivered.as_str()),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
