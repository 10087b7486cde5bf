//! The global search (the app's Ctrl K): every kind of record, from every area, in one ranked
//! list. Each area registers one search source (`crate::kinds`, `.search(…)`) that reads its
//! in-memory index and offers what matches; this module splits the text into words, ranks
//! the hits and keeps the best. Like `alerts`, it knows no area: a new kind is found once its
//! area lists a source.

use serde::Serialize;
use ts_rs::TS;

use crate::natural::natural_key;
use crate::store::Workspace;

/// One record that matches: what it is, its id to open, and how a person recognises it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    /// The record's kind (`asset`, `rack`, `room`, `site`, `cable`, `person`, `audit`, …):
    /// the app opens it on the screen that declares the kind.
    pub kind: String,
    /// The record to open: a document id (`asset/01J…`), or `person/{name}` for a person.
    pub record: String,
    /// Its name: an asset tag, a rack's or room's name, a cable's label, a person's name.
    pub title: String,
    /// Where or what it is, in names and codes (a model and location, a rack's room, a
    /// cable's two ends), never in words of one language.
    pub detail: String,
}

/// The best hits of a search and how many records matched in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u32,
}

/// One area's search: offers `hits` every record of its kinds that `query` matches.
pub type SearchSource = fn(&Workspace, &SearchQuery, &mut SearchHits);

/// How well a record matches, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Its name is the text typed (without case).
    Exact,
    /// Its name starts with the text typed.
    Prefix,
    /// Every word is in its name.
    InName,
    /// Some word is only in its other fields (an asset found by its rack's name).
    Elsewhere,
}

/// The typed text as lower-case words; a record matches when it holds every word.
pub struct SearchQuery {
    whole: String,
    words: Vec<String>,
}

impl SearchQuery {
    pub fn new(text: &str) -> SearchQuery {
        let whole = text.trim().to_lowercase();
        let words = whole.split_whitespace().map(str::to_owned).collect();
        SearchQuery { whole, words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `lower` (a record's text, already lower-case) holds every word.
    pub fn matches_lower(&self, lower: &str) -> bool {
        self.words.iter().all(|word| lower.contains(word.as_str()))
    }

    /// The rank of a record named `name` whose whole text (name included, lower-case)
    /// `lower` holds every word; `None` when it does not.
    pub fn rank_lower(&self, name: &str, lower: &str) -> Option<Rank> {
        if !self.matches_lower(lower) {
            return None;
        }
        let name = name.to_lowercase();
        Some(if name == self.whole {
            Rank::Exact
        } else if name.starts_with(&self.whole) {
            Rank::Prefix
        } else if self.matches_lower(&name) {
            Rank::InName
        } else {
            Rank::Elsewhere
        })
    }

    /// [`SearchQuery::rank_lower`] for a record whose fields are `name` and `others`.
    pub fn rank(&self, name: &str, others: &[&str]) -> Option<Rank> {
        let mut lower = name.to_lowercase();
        for other in others {
            lower.push('\u{1}');
            lower.push_str(&other.to_lowercase());
        }
        self.rank_lower(name, &lower)
    }
}

/// The hits the sources offer, with their rank and the order their source was listed in.
pub struct SearchHits {
    source: usize,
    found: Vec<(Rank, usize, SearchHit)>,
}

impl SearchHits {
    pub fn push(&mut self, rank: Rank, hit: SearchHit) {
        self.found.push((rank, self.source, hit));
    }
}

/// How many hits a search returns unless told otherwise.
pub const DEFAULT_LIMIT: usize = 50;

impl Workspace {
    /// Every record of every registered kind that holds each word of `text`, best first
    /// (an exact name, a name starting with the text, every word in the name, then records
    /// found by other fields; within a rank in the order the sources are listed, then by
    /// name in natural order), at most `limit`. An empty text finds nothing.
    pub fn search(&self, text: &str, limit: usize) -> SearchResults {
        let query = SearchQuery::new(text);
        if query.is_empty() {
            return SearchResults {
                hits: Vec::new(),
                total: 0,
            };
        }
        let mut hits = SearchHits {
            source: 0,
            found: Vec::new(),
        };
        for (index, source) in self.registry().search_sources().iter().enumerate() {
            hits.source = index;
            source(self, &query, &mut hits);
        }
        let total = u32::try_from(hits.found.len()).unwrap_or(u32::MAX);
        let mut found = hits.found;
        // Only the best ranks are put in full order: a one-letter search matches thousands.
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by_key(limit - 1, |hit| (hit.0, hit.1));
            let cut = (found[limit - 1].0, found[limit - 1].1);
            found.retain(|hit| (hit.0, hit.1) <= cut);
        }
        found.sort_by_cached_key(|(rank, source, hit)| {
            (*rank, *source, natural_key(&hit.title), hit.record.clone())
        });
        found.truncate(limit);
        SearchResults {
            hits: found.into_iter().map(|(_, _, hit)| hit).collect(),
            total,
        }
    }
}
