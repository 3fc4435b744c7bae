//! Baselines: adopting termlint on an old corpus.
//!
//! `--write-baseline FILE` records the current findings; `--baseline FILE`
//! then reports only findings beyond them. Entries are keyed by path, rule,
//! term and found text (white space collapsed), with a count, and never by
//! line: editing elsewhere in a file does not invalidate its entries. An
//! entry whose findings no longer occur (fixed, or moved to another file) is
//! stale and reported, so the baseline can only shrink.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;

/// The file format: `{"version": 1, "findings": [...]}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded kind of finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub term: String,
    pub found: String,
    pub count: usize,
}

type Key = (String, String, String, String);

/// Findings recorded as accepted, with how many of each remain unmatched.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a termlint baseline: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot write baseline {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn key(f: &Finding) -> Key {
    let found = f.found().split_whitespace().collect::<Vec<_>>().join(" ");
    (
        f.path().to_owned(),
        f.rule.code().to_owned(),
        f.term().to_owned(),
        found,
    )
}

impl Baseline {
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
        let mut counts = BTreeMap::new();
        for f in findings {
            *counts.entry(key(f)).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: name.clone(),
            source,
        })?;
        let file: File = serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
            path: name.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let mut counts = BTreeMap::new();
        for e in file.findings {
            *counts.entry((e.path, e.rule, e.term, e.found)).or_insert(0) += e.count;
        }
        Ok(Baseline { counts })
    }

    /// Writes the baseline to `path`, atomically (temporary file, rename).
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let file = File {
            version: 1,
            findings: self.entries(),
        };
        let err = |source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| err(e.into()))?;
        json.push(b'\n');
        crate::fix::replace_file(path, &json).map_err(err)
    }

    /// Keeps the findings the baseline does not account for, using up its
    /// counts.
    pub fn filter<'a>(&mut self, findings: Vec<&'a Finding>) -> Vec<&'a Finding> {
        findings
            .into_iter()
            .filter(|f| match self.counts.get_mut(&key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }

    /// Entries (of files in `checked`) that matched fewer findings than they
    /// record.
    pub fn stale(&self, checked: &dyn Fn(&str) -> bool) -> Vec<Entry> {
        self.entries()
            .into_iter()
            .filter(|e| checked(&e.path))
            .collect()
    }

    /// How many findings the baseline records (or has left unmatched).
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entries(&self) -> Vec<Entry> {
        self.counts
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|((path, rule, term, found), &count)| Entry {
                path: path.clone(),
                rule: rule.clone(),
                term: term.clone(),
                found: found.clone(),
                count,
            })
            .collect()
    }
}
