//! HTML: text nodes and the `alt` and `title` attributes, as a reader (or a
//! screen reader) meets them.
//!
//! `script` and `style` (raw text), `code`, `pre`, `kbd` and `samp` are not
//! checked, nor are tags, other attributes or comments. A `lang` attribute
//! gives the language of what it encloses (`<html lang="ru">` the
//! document's). Character references are decoded by the normaliser as units,
//! so positions stay in the original bytes. The tokenizer is tolerant, as
//! browsers are: unclosed and stray tags do not stop it.

use std::ops::Range;

use super::directive::{self, Command, Directive, Regions};
use super::{Parsed, Segment};
use crate::lang::LangTag;

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &["code", "pre", "kbd", "samp"];
/// Elements whose content is raw text, not markup.
const RAW: &[&str] = &["script", "style"];
/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One start tag, read.
struct Tag<'t> {
    name: String,
    end: usize,
    self_closing: bool,
    attributes: Vec<(&'t str, Range<usize>)>,
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut p = Parsed {
        segments: Vec::new(),
        declared: None,
        directives: Vec::new(),
        unfinished: Vec::new(),
    };
    let mut langs: Vec<(String, LangTag)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut regions = Regions::new();
    let mut i = 0;
    while i < text.len() {
        let Some(lt) = text[i..].find('<').map(|o| i + o) else {
            text_segment(&mut p, text, i..text.len(), &langs, &skipped);
            break;
        };
        text_segment(&mut p, text, i..lt, &langs, &skipped);
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(text.len(), |e| lt + e + 3);
            comment(&mut p, &mut regions, text, lt..end);
            i = end;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(text.len(), |e| lt + e + 1);
        } else if let Some(name) = rest
            .strip_prefix("</")
            .map(tag_name)
            .filter(|n| !n.is_empty())
        {
            if let Some(at) = langs.iter().rposition(|(n, _)| *n == name) {
                langs.truncate(at);
            }
            if let Some(at) = skipped.iter().rposition(|n| *n == name) {
                skipped.truncate(at);
            }
            i = rest.find('>').map_or(text.len(), |e| lt + e + 1);
        } else if let Some(tag) = start_tag(text, lt) {
            i = open(&mut p, text, tag, &mut langs, &mut skipped);
        } else {
            // A `<` that starts no tag is text.
            text_segment(&mut p, text, lt..lt + 1, &langs, &skipped);
            i = lt + 1;
        }
    }
    p.directives.extend(regions.close(text.len()));
    p
}

/// Handles a start tag; returns where reading goes on.
fn open(
    p: &mut Parsed,
    text: &str,
    tag: Tag<'_>,
    langs: &mut Vec<(String, LangTag)>,
    skipped: &mut Vec<String>,
) -> usize {
    for (name, value) in &tag.attributes {
        if matches!(*name, "alt" | "title") && skipped.is_empty() {
            attribute_segment(p, value.clone(), langs);
        }
    }
    let lang = tag
        .attributes
        .iter()
        .find(|(n, _)| *n == "lang" || *n == "xml:lang")
        .and_then(|(_, v)| LangTag::parse(text[v.clone()].trim()));
    let has_content = !tag.self_closing && !VOID.contains(&tag.name.as_str());
    if let Some(lang) = lang {
        if tag.name == "html" {
            p.declared.get_or_insert(lang.clone());
        }
        if has_content {
            langs.push((tag.name.clone(), lang));
        }
    }
    if RAW.contains(&tag.name.as_str()) && has_content {
        // Raw text runs to the matching end tag, whatever it holds.
        let close = format!("</{}", tag.name);
        let lower = text[tag.end..].to_ascii_lowercase();
        return lower.find(&close).map_or(text.len(), |at| tag.end + at);
    }
    if SKIPPED.contains(&tag.name.as_str()) && has_content {
        skipped.push(tag.name);
    }
    tag.end
}

/// An `alt` or `title` value: a segment of its own.
fn attribute_segment(p: &mut Parsed, range: Range<usize>, langs: &[(String, LangTag)]) {
    if !range.is_empty() {
        p.segments.push(Segment {
            range,
            language: langs.last().map(|(_, l)| l.clone()),
            fixable: true,
            unit: None,
        });
    }
}

fn text_segment(
    p: &mut Parsed,
    text: &str,
    range: Range<usize>,
    langs: &[(String, LangTag)],
    skipped: &[String],
) {
    if range.is_empty() || !skipped.is_empty() {
        return;
    }
    let language = langs.last().map(|(_, l)| l.clone());
    match p.segments.last_mut() {
        // A stray `<` glued to the text around it stays one segment, and
        // so does text on both sides of inline tags (`Nur-<b>Sultan</b>`):
        // the normaliser folds the tags to nothing.
        Some(last)
            if last.language == language
                && last.range.end <= range.start
                && (last.range.end == range.start
                    || super::Format::only_inline_tags(&text[last.range.end..range.start])) =>
        {
            last.range.end = range.end;
        }
        _ => p.segments.push(Segment {
            range,
            language,
            fixable: true,
            unit: None,
        }),
    }
}

fn comment(p: &mut Parsed, regions: &mut Regions, text: &str, at: Range<usize>) {
    match directive::parse(&text[at.clone()]) {
        Some(Command::Ignore(names)) => p.directives.push(Directive {
            silences: directive::next_line(text, at.end.saturating_sub(1)),
            at,
            names,
        }),
        Some(c) => p.directives.extend(regions.feed(&c, at)),
        None => {}
    }
}

/// The lower-cased tag name at the start of `s`.
fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Reads the start tag at `lt`, with its attributes' value ranges.
fn start_tag(text: &str, lt: usize) -> Option<Tag<'_>> {
    let name = tag_name(&text[lt + 1..]);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut i = lt + 1 + name.len();
    let mut attributes = Vec::new();
    loop {
        i = skip_space(bytes, i);
        let (end, self_closing) = match bytes.get(i) {
            None => (text.len(), false),
            Some(b'>') => (i + 1, false),
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => (i + 2, true),
            Some(_) => {
                let (found, next) = attribute(text, i);
                attributes.extend(found);
                i = next;
                continue;
            }
        };
        return Some(Tag {
            name,
            end,
            self_closing,
            attributes,
        });
    }
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The attribute that starts at `i` (`key="value"`, `key='value'` or
/// `key=value`; a key without a value is none), and where the next may
/// start.
fn attribute(text: &str, mut i: usize) -> (Option<(&str, std::ops::Range<usize>)>, usize) {
    let bytes = text.as_bytes();
    let key_start = i;
    while i < bytes.len()
        && !bytes[i].is_ascii_whitespace()
        && !matches!(bytes[i], b'=' | b'>' | b'/')
    {
        i += 1;
    }
    let key = &text[key_start..i];
    if key.is_empty() {
        return (None, i + 1);
    }
    i = skip_space(bytes, i);
    if bytes.get(i) != Some(&b'=') {
        return (None, i);
    }
    i = skip_space(bytes, i + 1);
    let value = match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = text[i + 1..]
                .find(q as char)
                .map_or(text.len(), |e| i + 1 + e);
            let v = i + 1..end;
            i = (end + 1).min(text.len());
            v
        }
        _ => {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                i += 1;
            }
            start..i
        }
    };
    (Some((key, value)), i)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn texts(html: &str) -> Vec<(&str, String)> {
        parse(html)
            .segments
            .into_iter()
            .map(|s| {
                (
                    &html[s.range],
                    s.language.map(|l| l.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn text_alt_and_title_but_not_code_or_script() {
        let html = r#"<html lang="en"><head><title>Baku</title><style>p{} /* Baku */</style>
<script>let s = "<p>Baku</p>";</script></head><body>
<p title="Alat Port">In <b>Astana</b> &amp; <code>Birlistik</code></p><img src="baku.png" alt="Kars"><br>
<pre>Nur-Sultan</pre><p lang="ru">Астана</p></body></html>"#;
        let t: Vec<&str> = texts(html)
            .into_iter()
            .map(|x| x.0)
            .filter(|x| !x.trim().is_empty())
            .collect();
        assert_eq!(
            t,
            [
                "Baku",
                "Alat Port",
                // Inline tags join the text around them.
                "In <b>Astana</b> &amp; ",
                "Kars",
                "Астана"
            ]
        );
        let langs = texts(html);
        assert!(langs.iter().any(|(t, l)| *t == "Астана" && l == "ru"));
        assert!(langs.iter().any(|(t, l)| t.contains("Astana") && l == "en"));
        assert_eq!(parse(html).declared.unwrap().as_str(), "en");
    }

    #[test]
    fn inline_tags_join_the_text_around_them_block_tags_do_not() {
        let html = "<p>in Nur-<b>Sultan</b> and <span class=\"x\">Baku</span></p><p>Kars</p>";
        let got: Vec<&str> = texts(html).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            got,
            ["in Nur-<b>Sultan</b> and <span class=\"x\">Baku", "Kars"]
        );
    }

    #[test]
    fn tolerant_of_broken_markup() {
        let t = texts("a < b and <p unclosed Baku");
        assert_eq!(t[0].0, "a < b and ");
        assert!(texts("<p>Baku</q></p> <").iter().any(|x| x.0 == "Baku"));
    }

    #[test]
    fn comment_directives() {
        let html = "<!-- termlint: ignore -->\n<p>Nur-Sultan</p>\n";
        let p = parse(html);
        assert_eq!(&html[p.directives[0].silences.clone()], "<p>Nur-Sultan</p>");
    }
}
