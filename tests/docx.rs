//! DOCX directives from the outside (issue 25): a paragraph that reads
//! `termlint: ignore …` silences the next paragraph; a Word comment that
//! reads so silences the paragraph it is attached to; one that silences
//! nothing is reported at its paragraph.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

const GLOSSARY: &str = r#"version = 1

[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan", "Akmola"] }
"#;

/// A minimal DOCX, as Word lays one out: `paragraphs` as `w:p`, comments
/// (paragraph, text) in `word/comments.xml` anchored with
/// `w:commentRangeStart`.
fn docx(paragraphs: &[&str], comments: &[(usize, &str)]) -> Vec<u8> {
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        body.push_str("<w:p>");
        for (n, (at, _)) in comments.iter().enumerate() {
            if *at == i {
                body.push_str(&format!("<w:commentRangeStart w:id=\"{n}\"/>"));
            }
        }
        body.push_str(&format!("<w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r>"));
        for (n, (at, _)) in comments.iter().enumerate() {
            if *at == i {
                body.push_str(&format!(
                    "<w:commentRangeEnd w:id=\"{n}\"/><w:r><w:commentReference w:id=\"{n}\"/></w:r>"
                ));
            }
        }
        body.push_str("</w:p>");
    }
    let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {ns}><w:body>{body}</w:body></w:document>");
    let notes: String = comments
        .iter()
        .enumerate()
        .map(|(n, (_, text))| {
            format!("<w:comment w:id=\"{n}\" w:author=\"Editor\"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>")
        })
        .collect();
    let comments_xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments {ns}>{notes}</w:comments>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    if !comments.is_empty() {
        zip.start_file("word/comments.xml", options).unwrap();
        zip.write_all(comments_xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn paragraphs_and_comments_holding_directives_silence_findings() {
    let dir = common::scratch("docx-directives");
    std::fs::write(dir.join("glossary.toml"), GLOSSARY).unwrap();
    let paragraphs = [
        "The summit met in Nur-Sultan.",
        "termlint: ignore forbidden",
        "Quoted from 1997: Akmola, then the capital.",
        "In the archive it is still Akmola.",
        "Nothing to silence here.",
        "And Nur-Sultan again.",
    ];
    let comments = [
        (3, "termlint: ignore astana"),
        (4, "termlint: ignore"),
        (0, "Please check the spelling"),
    ];
    std::fs::write(dir.join("memo.docx"), docx(&paragraphs, &comments)).unwrap();
    let out = common::termlint_in(&dir, &["check", "memo.docx", "--format", "concise"]);
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stdout,
        "\
memo.docx:1:19: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
memo.docx:6:5: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
"
    );
    assert_eq!(
        stderr,
        "termlint: warning: memo.docx:5:1: termlint directive silenced nothing\n"
    );
    // --no-inline-config turns them all off.
    let out = common::termlint_in(
        &dir,
        &[
            "check",
            "memo.docx",
            "--format",
            "concise",
            "--no-inline-config",
        ],
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
}
