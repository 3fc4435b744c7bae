//! Markdown: the text a reader sees, by a CommonMark parser.
//!
//! Checked: paragraphs, headings, list items, tables, emphasis, link text and
//! image alt text. Not checked: code spans and blocks, raw HTML (comments
//! included), link destinations, autolinks and front matter. Consecutive text
//! runs separated only by a line break, inline tags or emphasis delimiters
//! form one segment, so a name wrapped across lines or split by markup
//! (`**Nur**-Sultan`, `Nur-<b>Sultan</b>`) is still found.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::directive::{self, Command, Directive, Regions};
use super::Segment;

pub(super) fn parse(text: &str) -> (Vec<Segment>, Vec<Directive>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut directives = Vec::new();
    let mut regions = Regions::new();
    // Depth inside elements whose text is not prose, and for each open link
    // whether it is an autolink (a link's end does not say).
    let mut skipped = 0usize;
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                skipped += usize::from(auto);
                links.push(auto);
            }
            Event::End(TagEnd::Link) => skipped -= usize::from(links.pop().unwrap_or(false)),
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                skipped += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if skipped == 0 => {
                push(&mut out, text, range);
            }
            // Inline tags inside a paragraph do not break it: a name split by
            // them (`Nur-<b>Sultan</b>`) is one piece of text, and the
            // normaliser folds the tags to nothing.
            Event::InlineHtml(html) if skipped == 0 && super::Format::only_inline_tags(&html) => {
                push(&mut out, text, range);
            }
            Event::Html(html) | Event::InlineHtml(html) => match directive::parse(&html) {
                Some(Command::Ignore(names)) => directives.push(Directive {
                    silences: directive::next_line(text, range.end.saturating_sub(1)),
                    at: range,
                    names,
                }),
                Some(c) => directives.extend(regions.feed(&c, range)),
                None => {}
            },
            _ => {}
        }
    }
    directives.extend(regions.close(text.len()));
    let segments = out
        .into_iter()
        .filter(|r| !text[r.clone()].trim().is_empty())
        .map(Segment::text)
        .collect();
    (segments, directives)
}

/// Adds `range`, joining it to the previous one if they touch or only
/// emphasis delimiters lie between them (`**Nur**-Sultan`: the normaliser
/// reads delimiters inside a word as nothing).
fn push(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    match out.last_mut() {
        Some(last)
            if last.end <= range.start
                && text[last.end..range.start]
                    .bytes()
                    .all(|b| matches!(b, b'*' | b'_' | b'~')) =>
        {
            last.end = range.end;
        }
        _ => out.push(range),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn texts(md: &str) -> Vec<&str> {
        parse(md).0.into_iter().map(|s| &md[s.range]).collect()
    }

    #[test]
    fn prose_is_checked_code_and_urls_are_not() {
        let md = "---\ntitle: Baku\n---\n# Astana\n\nText `Baku` here\n\n```\nBaku\n```\n\n[Alat Port](https://baku.az) ![Kars](k.png)\n";
        assert_eq!(texts(md), ["Astana", "Text ", " here", "Alat Port", "Kars"]);
    }

    #[test]
    fn wrapped_lines_join() {
        let md = "the Alat International\nTrade Port grows\n";
        assert_eq!(texts(md), ["the Alat International\nTrade Port grows"]);
    }

    #[test]
    fn directives_silence_the_next_line_or_a_region() {
        let md = "<!-- termlint: ignore near-miss -->\nAliev\n\n<!-- termlint: off -->\nA\n\nB\n<!-- termlint: on -->\nC\n";
        let (_, d) = parse(md);
        assert_eq!(&md[d[0].silences.clone()], "Aliev");
        assert_eq!(d[0].names, ["near-miss"]);
        assert!(md[d[1].silences.clone()].contains("A\n\nB"));
        assert!(!md[d[1].silences.clone()].contains('C'));
    }

    #[test]
    fn inline_tags_join_the_text_around_them() {
        let md = "in Nur-<b>Sultan</b> and <!-- x --> Baku <br> Kars\n";
        assert_eq!(texts(md), ["in Nur-<b>Sultan</b> and ", " Baku ", " Kars"]);
    }

    #[test]
    fn emphasis_inside_a_name_joins_the_text() {
        let md = "in **Nur**-Sultan and *Baku* here\n";
        // One paragraph, one segment: delimiters by a space stay text (and
        // a word boundary); those inside a word are read as nothing.
        assert_eq!(texts(md), ["in **Nur**-Sultan and *Baku* here"]);
    }

    #[test]
    fn html_comments_and_autolinks_are_skipped() {
        let md = "<!-- Baku -->\n\nsee <https://baku.az> now\n";
        assert_eq!(texts(md), ["see ", " now"]);
    }
}
