//! "Did you mean …?" for misspelt keys, words and ids.
//!
//! Suggestions compare only with candidates valid at the place (keys of that mapping, ids
//! of the expected kind). For ids, candidates are bucketed by length and the work per
//! query is capped, so a catalogue with thousands of dangling references still loads in
//! linear time.

use std::collections::HashMap;

/// Most candidates compared for one query.
const MAX_COMPARISONS: usize = 256;

/// The largest edit distance worth suggesting for a word of `len` characters.
fn tolerance(len: usize) -> usize {
    (len / 3).max(1)
}

/// The candidate closest to `word`, when one is close enough. Ties go to the candidate
/// that sorts first, so the suggestion is deterministic.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = tolerance(word.chars().count());
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// An index of ids for suggestions, bucketed by length in characters.
#[derive(Debug, Default)]
pub struct Suggester {
    by_length: HashMap<usize, Vec<String>>,
}

impl Suggester {
    /// Adds a candidate.
    pub fn insert(&mut self, id: &str) {
        self.by_length
            .entry(id.chars().count())
            .or_default()
            .push(id.to_owned());
    }

    /// The closest id to `word`, looking only at ids whose length is within the tolerance
    /// and comparing at most a fixed number of them.
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let limit = tolerance(len);
        let candidates = (len.saturating_sub(limit)..=len + limit)
            .filter_map(|l| self.by_length.get(&l))
            .flatten()
            .map(String::as_str)
            .take(MAX_COMPARISONS);
        closest(word, candidates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::names;

    #[test]
    fn close_words_are_suggested() {
        assert_eq!(
            closest("nmae", [names::NAME, names::ID, names::PARENT]),
            Some(names::NAME)
        );
        assert_eq!(closest("zzzzzz", [names::NAME, names::ID]), None);
    }

    #[test]
    fn ties_are_broken_deterministically() {
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }

    #[test]
    fn ids_are_suggested_within_their_length_bucket() {
        let mut ids = Suggester::default();
        for id in ["telco", "acme", "acme-group"] {
            ids.insert(id);
        }
        assert_eq!(ids.suggest("telko"), Some("telco"));
        assert_eq!(ids.suggest("acme-grop"), Some("acme-group"));
        assert_eq!(ids.suggest("unrelated-name"), None);
    }
}
