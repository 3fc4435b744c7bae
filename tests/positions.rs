//! Reported positions against the original bytes, in every format: the
//! bundled Markdown, XLIFF and HTML fixtures, real files written by CAT tools
//! (an XLIFF 1.2, an XLIFF 2.0 with BOM and CRLF, a PO with six plural
//! forms), and a DOCX this test builds from known paragraphs.

mod common;

use std::io::Write;

use common::{root, termlint};
use serde_json::Value;

fn findings(args: &[&str]) -> Vec<Value> {
    let out = termlint(&[args, &["--format", "json", "--fail-on", "never"]].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["findings"].as_array().expect("findings").clone()
}

/// 1-based line and column in scalar values, the BOM not counted.
fn line_col(text: &str, byte: usize) -> (u64, u64) {
    let before = &text[..byte];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[start..]
        .trim_start_matches('\u{FEFF}')
        .chars()
        .count()
        + 1;
    ((before.matches('\n').count() + 1) as u64, col as u64)
}

/// Every finding's text, line and column agree with the file's bytes.
fn assert_positions(found: &[Value]) {
    let number = |f: &Value, key: &str| f[key].as_u64().expect("a number");
    for f in found {
        let path = root().join(f["path"].as_str().expect("a path"));
        let text = std::fs::read_to_string(&path).expect("a UTF-8 fixture");
        let (start, end) = (
            number(f, "byte_start") as usize,
            number(f, "byte_end") as usize,
        );
        assert_eq!(
            &text[start..end],
            f["found"].as_str().expect("found"),
            "{f}"
        );
        assert_eq!(
            line_col(&text, start),
            (number(f, "line"), number(f, "column")),
            "{f}"
        );
        assert_eq!(
            line_col(&text, end),
            (number(f, "end_line"), number(f, "end_column")),
            "{f}"
        );
    }
}

#[test]
fn bundled_markdown_xliff_and_html_positions() {
    let found = findings(&[
        "check",
        "fixtures/formats/speech.md",
        "fixtures/formats/speech.en-ru.xlf",
        "fixtures/formats/page.html",
    ]);
    assert!(found.len() >= 12, "{}", found.len());
    assert_positions(&found);
}

#[test]
fn real_cat_tool_files_positions() {
    let found = findings(&[
        "check",
        "fixtures/formats/real",
        "--glossary",
        "tests/positions/glossary.toml",
    ]);
    assert_positions(&found);
    let count = |file: &str| {
        found
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(file))
            .count()
    };
    // Once per occurrence in a <source> and in a <target>, not in seg-source
    // copies, in units whose target is finished: `new`, `needs-translation`,
    // `needs-adaptation` and `needs-l10n` units are skipped (issue 22). The
    // term has no Italian rendering, so the Italian targets (English text
    // left untranslated) are checked with the English ones (issue 21: the
    // default language's renderings are the fallback).
    let okapi = std::fs::read_to_string(
        root().join("fixtures/formats/real/xliff12_okapi_en-it_states.xliff"),
    )
    .unwrap();
    let unfinished = ["new", "needs-translation", "needs-adaptation", "needs-l10n"];
    let mut expected = 0;
    let mut skipped_units = 0;
    for unit in okapi.split("<trans-unit").skip(1) {
        let unit = &unit[..unit.find("</trans-unit>").unwrap()];
        let state = unit
            .split("state=\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        if state.is_some_and(|s| unfinished.contains(&s)) {
            skipped_units += 1;
            continue;
        }
        let mut in_text = false;
        for line in unit.lines() {
            let t = line.trim_start();
            in_text |= t.starts_with("<source") || t.starts_with("<target");
            if in_text {
                expected += line.to_lowercase().matches("image").count();
            }
            in_text &= !(line.contains("</source>") || line.contains("</target>"));
        }
    }
    assert_eq!(skipped_units, 4);
    assert!(expected > 0);
    assert_eq!(count("xliff12_okapi_en-it_states.xliff"), expected);
    // Every "Zermatt" of the 2.0 file is in source text (none in <data>), and
    // the file's BOM must not shift a single one out of its segment.
    let cms =
        std::fs::read_to_string(root().join("fixtures/formats/real/xliff20_cms_en-de_inline.xlf"))
            .unwrap();
    assert!(cms.starts_with('\u{FEFF}') && cms.contains("\r\n"));
    assert!(!cms
        .lines()
        .any(|l| l.contains("<data") && l.contains("Zermatt")));
    assert_eq!(
        count("xliff20_cms_en-de_inline.xlf"),
        cms.matches("Zermatt").count()
    );
    // Plural forms are targets like any other: msgstr[1], msgstr[4], msgstr[5].
    let po = std::fs::read_to_string(
        root().join("fixtures/formats/real/po_gnome-clocks_ar_plurals6_msgctxt.po"),
    )
    .unwrap();
    let plural_hits = found
        .iter()
        .filter(|f| f["language"] == "ar")
        .filter(|f| {
            let line = po
                .lines()
                .nth(f["line"].as_u64().unwrap() as usize - 1)
                .unwrap();
            line.starts_with("msgstr[")
        })
        .count();
    assert!(plural_hits >= 3, "{plural_hits}");
    assert!(
        found
            .iter()
            .any(|f| f["found"] == "Alarm" && f["language"] == "en"),
        "msgids are English sources"
    );
}

/// A DOCX built here from known paragraphs, with a name split across runs:
/// line is the paragraph, column the offset in it.
#[test]
fn docx_positions_are_paragraph_and_offset() {
    let paragraphs = [
        vec!["Speech in Astana."],
        vec!["He named the exercises ", "Birl", "istik-2024", " twice."],
        vec!["", "The Alat International Trade Port and Birlistik-2024."],
    ];
    let body: String = paragraphs
        .iter()
        .map(|runs| {
            let runs: String = runs
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let bold = if i % 2 == 1 {
                        "<w:rPr><w:b/></w:rPr>"
                    } else {
                        ""
                    };
                    format!("<w:r>{bold}<w:t xml:space=\"preserve\">{t}</w:t></w:r>")
                })
                .collect();
            format!("<w:p>{runs}</w:p>")
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let dir = std::env::temp_dir().join(format!("termlint-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("made.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();

    let glossary = root().join("glossary.toml");
    let found = findings(&[
        "check",
        path.to_str().unwrap(),
        "--glossary",
        glossary.to_str().unwrap(),
        "--select",
        "forbidden",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let got: Vec<(u64, u64, &str)> = found
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["found"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, 24, "Birlistik-2024"),
            (3, 5, "Alat International Trade Port"),
            (3, 39, "Birlistik-2024"),
        ]
    );
}
