//! Inline suppression directives (SPEC §3), as the formats' comments hold
//! them: `termlint: ignore`, `termlint: ignore near-miss`, `termlint: ignore
//! astana case`, `termlint: off` … `termlint: on`.
//!
//! A directive is data: the byte range it silences and what it names (rule
//! ids or term ids; nothing named means everything). Each format decides the
//! range: the next line (plain text, Markdown, HTML), the entry (PO), the unit
//! (XLIFF). The pipeline applies them to findings and reports the ones that
//! silenced nothing.

use std::ops::Range;

/// One directive found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Where the directive itself is written.
    pub at: Range<usize>,
    /// The bytes whose findings it silences.
    pub silences: Range<usize>,
    /// Rule ids or term ids; empty: all.
    pub names: Vec<String>,
}

impl Directive {
    /// Whether this directive silences a finding of `rule` for `term` at
    /// `offset`.
    pub fn covers(&self, offset: usize, rule: &str, term: &str) -> bool {
        self.silences.contains(&offset)
            && (self.names.is_empty() || self.names.iter().any(|n| n == rule || n == term))
    }
}

/// An `ignore` directive waiting for the range it will silence: where it is
/// written, and the names it lists.
pub(crate) type PendingIgnore = (Range<usize>, Vec<String>);

/// What a comment's text asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    Ignore(Vec<String>),
    Off(Vec<String>),
    On,
}

/// Parses the directive in a comment's text, if there is one.
pub(crate) fn parse(comment: &str) -> Option<Command> {
    let rest = &comment[comment.find("termlint:")? + "termlint:".len()..];
    let rest = rest.trim_end().trim_end_matches("-->").trim_end();
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let verb = words.next()?;
    let names: Vec<String> = words.map(str::to_owned).collect();
    match verb {
        "ignore" => Some(Command::Ignore(names)),
        "off" => Some(Command::Off(names)),
        "on" => Some(Command::On),
        _ => None,
    }
}

/// Turns `off`/`on` pairs into directives: an `off` silences up to the next
/// `on`, or to `end`.
#[derive(Clone)]
pub(crate) struct Regions {
    open: Option<(Range<usize>, Vec<String>)>,
}

impl Regions {
    pub(crate) fn new() -> Regions {
        Regions { open: None }
    }

    /// Whether no `off` waits for its `on`.
    pub(crate) fn is_closed(&self) -> bool {
        self.open.is_none()
    }

    /// Feeds an `off` or `on` at `at`; returns a finished region.
    pub(crate) fn feed(&mut self, command: &Command, at: Range<usize>) -> Option<Directive> {
        match command {
            Command::Off(names) if self.open.is_none() => {
                self.open = Some((at, names.clone()));
                None
            }
            Command::On => self.close(at.start),
            _ => None,
        }
    }

    /// Closes a region left open at `end`.
    pub(crate) fn close(&mut self, end: usize) -> Option<Directive> {
        let (at, names) = self.open.take()?;
        Some(Directive {
            silences: at.end..end,
            at,
            names,
        })
    }
}

/// The byte range of the line after the one containing `offset` in `text`.
pub(crate) fn next_line(text: &str, offset: usize) -> Range<usize> {
    let start = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::{next_line, parse, Command};

    #[test]
    fn parses_verbs_and_names() {
        assert_eq!(
            parse("<!-- termlint: ignore -->"),
            Some(Command::Ignore(vec![]))
        );
        assert_eq!(
            parse("# termlint: ignore near-miss, astana"),
            Some(Command::Ignore(vec!["near-miss".into(), "astana".into()]))
        );
        assert_eq!(
            parse("termlint: off case"),
            Some(Command::Off(vec!["case".into()]))
        );
        assert_eq!(parse("termlint: on -->"), Some(Command::On));
        assert_eq!(parse("termlint: please"), None);
        assert_eq!(parse("nothing here"), None);
    }

    #[test]
    fn next_line_ranges() {
        let t = "a\nbb\nccc";
        assert_eq!(&t[next_line(t, 0)], "bb");
        assert_eq!(&t[next_line(t, 3)], "ccc");
        assert_eq!(next_line(t, 7), 8..8);
    }
}
