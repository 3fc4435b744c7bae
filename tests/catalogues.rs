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
    let dir = scratch(&format!("catalogue-{n}"));
    std::fs::write(dir.join("glossary.toml"), GLOSSARY).expect("written");
    std::fs::write(dir.join("units.xlf"), catalogue(n)).expect("written");
    let out = termlint_in(
        &dir,
        &[
            "check",
            "units.xlf",
            "--format",
            "concise",
            "--fail-on",
            "never",
        ],
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
