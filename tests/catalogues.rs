//! A large catalogue's units are checked in runs on every core (issue 22):
//! the findings are each unit's, in document order, the same as when the
//! units are checked in one run.

mod common;

use common::{scratch, termlint_in};

const GLOSSARY: &str = r#"version = 1
[[term]]
id = "astana"
category = "place"
en = "Astana"
ru = "Астана"
"#;

/// An XLIFF 1.2 file of `n` units, one a line: every 7th target leaves
/// Astana out, every 11th states another number.
fn catalogue(n: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\" datatype=\"plaintext\" original=\"x\"><body>\n",
    );
    for i in 0..n {
        let place = if i % 7 == 3 {
            "городе"
        } else {
            "Астане"
        };
        let number = if i % 11 == 5 { i + 1 } else { i };
        out.push_str(&format!(
            "<trans-unit id=\"u{i}\"><source>Meeting {i} in Astana</source><target>Встреча {number} в {place}</target></trans-unit>\n"
        ));
    }
    out.push_str("</body></file></xliff>\n");
    out
}

/// The rule and line of each finding, in output order.
fn findings(n: usize) -> Vec<(String, usize)> {
    rules_and_lines(
        &format!("catalogue-{n}"),
        GLOSSARY,
        "units.xlf",
        &catalogue(n),
    )
}

/// The rule and line of each finding of `termlint check` on `contents`
/// written as `name` beside `glossary`, in output order.
fn rules_and_lines(dir: &str, glossary: &str, name: &str, contents: &str) -> Vec<(String, usize)> {
    let dir = scratch(dir);
    std::fs::write(dir.join("glossary.toml"), glossary).expect("written");
    std::fs::write(dir.join(name), contents).expect("written");
    let out = termlint_in(
        &dir,
        &["check", name, "--format", "concise", "--fail-on", "never"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut parts = l.split(':');
            let line: usize = parts
                .nth(1)
                .and_then(|n| n.parse().ok())
                .expect("path:line:col");
            let rule = l.split_whitespace().nth(2).expect("rule").to_owned();
            (rule, line)
        })
        .collect()
}

#[test]
fn a_large_catalogue_reports_every_units_findings_in_order() {
    let n = 1_500;
    let mut expected = Vec::new();
    for i in 0..n {
        // Unit i is on line i + 3.
        if i % 7 == 3 {
            expected.push(("missing-translation".to_owned(), i + 3));
        }
        if i % 11 == 5 {
            expected.push(("number-mismatch".to_owned(), i + 3));
        }
    }
    let large = findings(n);
    assert_eq!(large, expected);
    // The first 300 units, checked in one run, give the same findings.
    let small = findings(300);
    let prefix: Vec<_> = expected
        .into_iter()
        .filter(|(_, line)| *line < 303)
        .collect();
    assert_eq!(small, prefix);
}

/// The glossary of the memory tests: a forbidden rendering, a term named
/// in two allowed ways, and a name near-miss can find misspelt.
const MEMORY_GLOSSARY: &str = r#"version = 1
[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan"] }
ru = "Астана"
[[term]]
id = "kyrgyzstan"
category = "place"
en = { preferred = "Kyrgyzstan", accepted = ["Kyrgyz Republic"] }
[[term]]
id = "kazakhstan"
category = "place"
en = "Kazakhstan"
ru = "Казахстан"
"#;

/// A translation memory larger than one window (8 MB) is checked a window
/// of units at a time (issue 22: a 500 MB memory must not hold every
/// unit's matches at once), and says what a memory checked whole says:
/// `inconsistent` compares uses thousands of units apart, and a directive
/// silences its unit.
#[test]
fn a_memory_larger_than_a_window_is_checked_whole_all_the_same() {
    let n = 75_000;
    let mut tmx = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    let mut expected = Vec::new();
    let mut line = 3;
    for i in 0..n {
        let (source, target) = match i {
            3 => (
                "The Kyrgyz Republic and Astana".to_owned(),
                "Астана".to_owned(),
            ),
            30_000 | 45_000 => (
                format!("Nur-Sultan, meeting {i}"),
                format!("Астана, встреча {i}"),
            ),
            74_990 | 74_995 => (format!("Kyrgyzstan in Astana, {i}"), format!("Астана, {i}")),
            _ if i % 7_001 == 6 => (format!("Astana, meeting {i}"), format!("Встреча {i}")),
            _ => (
                format!("Astana, meeting {i}"),
                format!("Астана, встреча {i}"),
            ),
        };
        if i == 45_000 {
            tmx.push_str("<!-- termlint: ignore -->\n");
            line += 1;
        }
        match i {
            3 => expected.push(("inconsistent".to_owned(), line)),
            30_000 => expected.push(("forbidden".to_owned(), line)),
            _ if i % 7_001 == 6 => expected.push(("missing-translation".to_owned(), line)),
            _ => {}
        }
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{source}</seg></tuv><tuv xml:lang=\"ru\"><seg>{target}</seg></tuv></tu>\n"
        ));
        line += 1;
    }
    tmx.push_str("</body></tmx>\n");
    assert!(
        tmx.len() > 8 << 20,
        "{} bytes: not more than one window",
        tmx.len()
    );
    let found = rules_and_lines("memory-windows", MEMORY_GLOSSARY, "memory.tmx", &tmx);
    assert_eq!(found, expected);
}

/// A memory read from its file a window at a time, its text never held
/// whole (issue 22: a 500 MB memory is streamed), says exactly what the
/// same memory given on standard input (held whole, its windows read from
/// memory, the evidence from the text in hand) says, lines, columns and
/// excerpts included; the unit tests of `check` compare both with the
/// whole document's check: a name `inconsistent` weighs windows apart, a
/// directive that silences its unit and one that silences nothing, units
/// written over several lines, and a near-miss candidate ("Kazakstan")
/// that the memory writes in lower case, as an ordinary word, windows
/// later.
#[test]
fn a_memory_read_from_its_file_says_what_it_says_read_whole() {
    let mut tmx = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n",
    );
    for i in 0..80_000 {
        let (source, target) = match i {
            3 => (
                "The Kyrgyz Republic and Kazakstan".to_owned(),
                "Казахстан".to_owned(),
            ),
            10 => (
                "Kazakhstan and Kazahstan".to_owned(),
                "Казахстан и Казакстан".to_owned(),
            ),
            30_000 | 45_000 => (
                format!("Nur-Sultan, {i} meetings"),
                format!("Астана, {} встреч", i + 1),
            ),
            79_990 => (
                format!("Kyrgyzstan, the kazakstan word, {i}"),
                format!("Астана, {i}"),
            ),
            _ => (
                format!("Astana, meeting {i}"),
                format!("Астана, встреча {i}"),
            ),
        };
        if i == 45_000 {
            tmx.push_str("<!-- termlint: ignore -->\n");
        }
        if i == 60_000 {
            tmx.push_str("<!-- termlint: ignore near-miss -->\n");
        }
        if i % 1_000 == 1 {
            tmx.push_str(&format!(
                "  <tu>\n    <tuv xml:lang=\"en\"><seg>{source}</seg></tuv>\n    <tuv xml:lang=\"ru\"><seg>{target}</seg></tuv>\n  </tu>\n"
            ));
        } else {
            tmx.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>{source}</seg></tuv><tuv xml:lang=\"ru\"><seg>{target}</seg></tuv></tu>\n"
            ));
        }
    }
    tmx.push_str("</body></tmx>\n");
    assert!(tmx.len() > 8 << 20, "not more than one window");
    let dir = scratch("memory-from-file");
    std::fs::write(dir.join("glossary.toml"), MEMORY_GLOSSARY).expect("written");
    std::fs::write(dir.join("memory.tmx"), &tmx).expect("written");
    let args = ["check", "--format", "human", "--fail-on", "never"];
    let from_file = termlint_in(&dir, &[&args[..], &["memory.tmx"]].concat());
    let mut whole = common::command()
        .current_dir(&dir)
        .args(args)
        .args(["--stdin-filename", "memory.tmx", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("termlint runs");
    {
        use std::io::Write as _;
        let mut stdin = whole.stdin.take().expect("stdin");
        stdin.write_all(tmx.as_bytes()).expect("written");
    }
    let whole = whole.wait_with_output().expect("termlint runs");
    let said = |out: &std::process::Output| {
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (stdout, stderr) = said(&from_file);
    for expected in [
        "forbidden",
        "inconsistent",
        "number-mismatch",
        "Kazahstan",
        "Казакстан",
        "silenced nothing",
    ] {
        assert!(
            stdout.contains(expected) || stderr.contains(expected),
            "{expected}:\n{stdout}\n{stderr}"
        );
    }
    assert!(
        !stdout.contains("\"Kazakstan\""),
        "an ordinary word:\n{stdout}"
    );
    assert_eq!((stdout, stderr), said(&whole));
}
