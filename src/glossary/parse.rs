//! TOML text → [`RawGlossary`], a large glossary parsed in pieces on every
//! core.
//!
//! Parsing is half of loading a term base (about 40 ms for 25,000
//! renderings, all of it before any file can be checked), and a term base
//! is mostly a long run of `[[term]]` tables, each complete by itself. So a
//! large glossary is cut at `[[term]]` header lines into one piece per
//! thread, each piece parsed as a document of its own, and the pieces'
//! terms joined in order. The result is exactly that of one parse, or the
//! text is parsed whole: the cut is made only where nothing can tell the
//! difference, and any error is reported by parsing the whole text again,
//! so that it is the error one parse gives.

use rayon::prelude::{IntoParallelIterator, ParallelIterator};

use super::schema::RawGlossary;

/// Below this, one parse is quick enough (the bundled glossary is 12 KB).
const SPLIT_FROM: usize = 256 << 10;

/// The glossary in `text`, as `toml::from_str` parses it.
pub(super) fn parse(text: &str) -> Result<RawGlossary, toml::de::Error> {
    let threads = rayon::current_num_threads();
    if text.len() < SPLIT_FROM || threads < 2 {
        return toml::from_str(text);
    }
    match cuts(text, threads) {
        Some(cuts) => in_pieces(text, &cuts).map_or_else(|| toml::from_str(text), Ok),
        None => toml::from_str(text),
    }
}

/// Where to cut `text` into about `pieces` pieces: offsets of `[[term]]`
/// header lines, each piece after the first starting at one. `None` if
/// pieces could parse differently from the whole:
///
/// - a multi-line string could hold a line that reads `[[term]]`;
/// - after the first cut, a header other than `[[term]]` or a term's own
///   sub-table (`[term.en]`) would put a top-level table into a piece
///   where one parse would check it against the tables before it.
fn cuts(text: &str, pieces: usize) -> Option<Vec<usize>> {
    if text.contains("\"\"\"") || text.contains("'''") {
        return None;
    }
    let step = text.len() / pieces;
    let mut cuts = Vec::with_capacity(pieces);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let header = line.trim();
        if !header.starts_with('[') {
            continue;
        }
        if is_term_header(line) {
            let next = step * (cuts.len() + 1);
            if start > 0 && start >= next && cuts.len() + 1 < pieces {
                cuts.push(start);
            }
        } else if !cuts.is_empty()
            && !header.starts_with("[term.")
            && !header.starts_with("[[term.")
        {
            return None;
        }
    }
    (!cuts.is_empty()).then_some(cuts)
}

/// A line that starts the next `[[term]]` table: where a piece may start.
fn is_term_header(line: &str) -> bool {
    line.trim() == "[[term]]"
}

/// The pieces of `text` between `cuts` parsed on every core and joined, or
/// `None` if one fails or does not hold only what it should.
fn in_pieces(text: &str, cuts: &[usize]) -> Option<RawGlossary> {
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(text.len())))
        .collect();
    let parsed: Vec<Option<RawGlossary>> = bounds
        .into_par_iter()
        .map(|(start, end)| piece(text, start, end))
        .collect();
    let mut parsed = parsed.into_iter();
    let mut whole = parsed.next()??;
    for raw in parsed {
        let raw = raw?;
        // A piece after the first holds only terms (`cuts` saw to that);
        // checked again here, so that a mistake there cannot lose a table.
        let only_terms = raw.version.is_none()
            && raw.defaults.language.is_none()
            && raw.defaults.case.is_none()
            && raw.defaults.equivalent.is_empty()
            && raw.rules.is_empty()
            && raw.near_miss.ignore.is_empty()
            && raw.ignores.is_empty()
            && raw.sets.is_empty();
        if !only_terms {
            return None;
        }
        whole.terms.extend(raw.terms);
    }
    Some(whole)
}

/// `text[start..end]` parsed alone, its spans where they are in `text`:
/// what comes before it is parsed as blank space of the same length.
fn piece(text: &str, start: usize, end: usize) -> Option<RawGlossary> {
    let headers = text[start..end]
        .split_inclusive('\n')
        .filter(|line| is_term_header(line))
        .count();
    let parsed: RawGlossary = if start == 0 {
        toml::from_str(&text[..end]).ok()?
    } else {
        // `start` is a line's start: the byte before it is a newline.
        let mut padded = " ".repeat(start - 1);
        padded.push('\n');
        padded.push_str(&text[start..end]);
        toml::from_str(&padded).ok()?
    };
    // Every term came from a `[[term]]` header (not from `term = [...]`,
    // which one parse would find defined twice).
    (parsed.terms.len() == headers).then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::{cuts, in_pieces, parse};

    fn glossary(terms: usize) -> String {
        let mut text = String::from("version = 1\n\n[defaults]\nlanguage = \"en\"\n");
        for n in 0..terms {
            text.push_str(&format!(
                "\n[[term]]\nid = \"t{n}\"\ncategory = \"place\"\nen = {{ preferred = \"Place {n}\", accepted = [\"P{n}\"] }}\nru = \"Место {n}\"\n"
            ));
        }
        text
    }

    /// Every span, as (start, end), in order: what validation reports from.
    fn spans(raw: &super::RawGlossary) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for term in &raw.terms {
            out.push((term.span().start, term.span().end));
            let t = term.get_ref();
            for s in [&t.id, &t.category].into_iter().flatten() {
                out.push((s.span().start, s.span().end));
            }
            for (key, _) in &t.languages {
                out.push((key.span().start, key.span().end));
            }
        }
        out
    }

    #[test]
    fn pieces_parse_to_what_one_parse_gives() {
        let text = glossary(20_000);
        let cut = cuts(&text, 3).expect("a large glossary is cut");
        assert_eq!(cut.len(), 2);
        for &c in &cut {
            assert!(text[c..].starts_with("[[term]]\n"), "{c}");
        }
        let whole: super::RawGlossary = toml::from_str(&text).unwrap();
        let pieces = in_pieces(&text, &cut).expect("pieces parse");
        assert_eq!(pieces.terms.len(), 20_000);
        assert_eq!(spans(&pieces), spans(&whole));
        assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
    }

    #[test]
    fn what_pieces_could_get_wrong_is_parsed_whole() {
        let text = glossary(20_000);
        // A table after the terms: one parse checks it against [defaults].
        let late = format!("{text}\n[defaults]\ncase = \"exact\"\n");
        assert!(cuts(&late, 2).is_none());
        let err = parse(&late).unwrap_err();
        let whole = toml::from_str::<super::RawGlossary>(&late).unwrap_err();
        assert_eq!(err.message(), whole.message());
        assert_eq!(err.span(), whole.span());
        // A multi-line string could hold a line that reads [[term]].
        assert!(cuts(&format!("{text}\nnote = \"\"\"\n[[term]]\n\"\"\"\n"), 2).is_none());
        // Terms defined twice, by an array and by headers: one parse fails.
        // Here the first piece holds the array and no header.
        let padding = "# a long comment line to push the first header past the middle\n"
            .repeat(text.len() / 50);
        let twice = format!("term = [{{ id = \"x\" }}]\n{padding}{text}");
        assert!(cuts(&twice, 2).is_some_and(|c| !twice[..c[0]].contains("[[term]]")));
        let err = parse(&twice).unwrap_err();
        let whole = toml::from_str::<super::RawGlossary>(&twice).unwrap_err();
        assert_eq!(err.span(), whole.span());
    }

    #[test]
    fn an_error_in_a_piece_is_the_error_of_one_parse() {
        let text = glossary(20_000);
        let broken = text.replacen("id = \"t15000\"", "id = = \"t15000\"", 1);
        let err = parse(&broken).unwrap_err();
        let whole = toml::from_str::<super::RawGlossary>(&broken).unwrap_err();
        assert_eq!(err.span(), whole.span());
        assert_eq!(err.message(), whole.message());
    }
}
