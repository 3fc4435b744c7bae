//! Files that are not UTF-8 (issue 25): legacy charsets detected or named
//! with `--encoding`, UTF-16 with or without a byte-order mark, all checked
//! and fixed in the charset they were read in, and a fix the charset cannot
//! write refused rather than written lossily.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

const GLOSSARY: &str = r#"version = 1

[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan"] }
ru = { preferred = "Астана", forbidden = ["Нур-Султан"] }
de = { preferred = "Astana", forbidden = ["Nur-Sultan"] }

[[term]]
id = "kazakhstan"
category = "place"
ru = "Казахстан"

[[term]]
id = "uzbekistan"
category = "place"
de = { preferred = "Oʻzbekiston", forbidden = ["Ozbekiston"] }
"#;

fn project(name: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("termlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ru")).unwrap();
    std::fs::write(dir.join("glossary.toml"), GLOSSARY).unwrap();
    for (path, bytes) in files {
        std::fs::write(dir.join(path), bytes).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn cp1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

fn latin1(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

const RUSSIAN: &str =
    "Встреча глав государств прошла в Нур-Султане. Столица Казахстана — Астана, Казакстан.\n";
const GERMAN: &str = "Die Gespräche in Nur-Sultan über die Zusammenarbeit waren schön.\n";

#[test]
fn legacy_and_utf16_files_are_checked_and_fixed_in_their_charset() {
    let dir = project(
        "encodings",
        &[
            ("ru/speech.txt", cp1251(RUSSIAN)),
            ("ru/memo.txt", utf16le("Встреча в Нур-Султан и в Астане.\n")),
            ("talk.de.txt", latin1(GERMAN)),
        ],
    );
    let (code, out, err) = run(&dir, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "\
ru/memo.txt:1:11: error forbidden \"Нур-Султан\" is a forbidden rendering of Астана (place); \"Астана\" declines otherwise, so check its case ending
ru/speech.txt:1:34: error forbidden \"Нур-Султане\" is a forbidden rendering of Астана (place)
ru/speech.txt:1:76: warning near-miss \"Казакстан\" is not in the glossary but is close to \"Казахстан\", a rendering of Казахстан (place): 1 edit away
talk.de.txt:1:18: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
"
    );
    assert_eq!(
        err,
        "\
termlint: warning: ru/memo.txt: read as UTF-16LE (detected: it is not UTF-8 and declares no charset; name one with --encoding if this is wrong); --fix writes it back in UTF-16LE
termlint: warning: ru/speech.txt: read as windows-1251 (detected: it is not UTF-8 and declares no charset; name one with --encoding if this is wrong); --fix writes it back in windows-1251
termlint: warning: talk.de.txt: read as windows-1252 (detected: it is not UTF-8 and declares no charset; name one with --encoding if this is wrong); --fix writes it back in windows-1252
"
    );
    let (code, _, err) = run(&dir, &["check", ".", "--fix", "--format", "concise"]);
    assert_eq!(code, 1, "inflected forbidden forms have no safe fix: {err}");
    assert_eq!(
        std::fs::read(dir.join("ru/memo.txt")).unwrap(),
        utf16le("Встреча в Нур-Султан и в Астане.\n"),
        "nothing fixed, nothing written"
    );
    assert_eq!(
        std::fs::read(dir.join("talk.de.txt")).unwrap(),
        latin1(&GERMAN.replace("Nur-Sultan", "Astana"))
    );
    assert_eq!(
        std::fs::read(dir.join("ru/speech.txt")).unwrap(),
        cp1251(RUSSIAN)
    );
    let (_, _, err) = run(&dir, &["check", ".", "--fix", "--unsafe-fixes"]);
    assert_eq!(
        std::fs::read(dir.join("ru/speech.txt")).unwrap(),
        cp1251(&RUSSIAN.replace("Казакстан", "Казахстан")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fix_the_charset_cannot_write_is_refused_and_the_file_kept() {
    let text = "Die Reise nach Ozbekiston war länger und schöner als geplant.\n";
    let dir = project("unwritable", &[("reise.de.txt", latin1(text))]);
    let (code, _, err) = run(&dir, &["check", ".", "--fix", "--format", "concise"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("termlint: reise.de.txt: not fixed: the fixed text holds characters windows-1252 cannot write (\"ʻ\" U+02BB); convert the file to UTF-8 (iconv -f windows-1252 -t UTF-8) to fix it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("reise.de.txt")).unwrap(),
        latin1(text)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_charset_too_short_to_tell_is_named_with_encoding() {
    let dir = project(
        "named",
        &[("note.de.txt", latin1("Im Büro: Nur-Sultan.\n"))],
    );
    let (code, _, err) = run(&dir, &["check", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains("note.de.txt:1:5: invalid UTF-8 at byte offset 4; its charset could not be told from its text: name it with --encoding"),
        "{err}"
    );
    let (code, out, err) = run(&dir, &["check", ".", "-E", "latin1", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "note.de.txt:1:10: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)\n"
    );
    assert_eq!(err, "", "a named charset needs no note");
    let (code, _, err) = run(&dir, &["check", ".", "-E", "klingon"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("termlint: --encoding: unknown encoding `klingon`; use a WHATWG label"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_po_catalogue_is_read_in_the_charset_it_declares() {
    let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CP1251\\n\"\n\nmsgid \"Astana\"\nmsgstr \"Нур-Султан\"\n";
    let dir = project("po", &[("ru/app.po", cp1251(po))]);
    let (code, out, err) = run(&dir, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "ru/app.po:5:9: error forbidden \"Нур-Султан\" is a forbidden rendering of Астана (place); \"Астана\" declines otherwise, so check its case ending\n"
    );
    assert_eq!(err, "", "a declared charset needs no note");
    let _ = std::fs::remove_dir_all(&dir);
}
