//! Where a document's language comes from, tried on a project as a CI runner
//! lays it out (issue 21).

mod common;

use common::{root, scratch};

/// A project inside a folder named like a language (`my`, Burmese) reads
/// the same whether it is named by a relative or an absolute path: folders
/// above the project never name a language.
#[test]
fn relative_and_absolute_paths_give_the_same_findings() {
    let base = scratch("languages").join("my").join("proj");
    std::fs::create_dir_all(base.join("fixtures/seeds")).unwrap();
    std::fs::copy(root().join("glossary.toml"), base.join("glossary.toml")).unwrap();
    for name in ["news-report.txt", "official-transcript.txt"] {
        std::fs::copy(
            root().join("fixtures/seeds").join(name),
            base.join("fixtures/seeds").join(name),
        )
        .unwrap();
    }
    let run = |path: &str| {
        let out = common::command()
            .current_dir(&base)
            .args(["check", path, "--format", "concise"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        (
            out.status.code(),
            text.replace(&format!("{}/", base.display()), ""),
        )
    };
    let relative = run("fixtures/seeds");
    let absolute = run(base.join("fixtures/seeds").to_str().unwrap());
    assert_eq!(relative.0, Some(1));
    assert!(
        relative.1.contains("error forbidden \"Birlistik-2024\""),
        "{}",
        relative.1
    );
    assert_eq!(relative, absolute);
}

/// Real Chinese and Japanese verses and the Thai Universal Declaration of
/// Human Rights (fixtures/unspaced/README.md): every occurrence of each name
/// is found, as a word the segmenter agrees on, and nothing else is.
#[test]
fn names_in_chinese_japanese_and_thai_text_are_all_found() {
    let out = common::command()
        .current_dir(root())
        .args([
            "report",
            "fixtures/unspaced",
            "--glossary",
            "fixtures/unspaced/glossary.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for set in report["sets"].as_array().unwrap() {
        let docs: Vec<String> = set["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| std::fs::read_to_string(root().join(d["path"].as_str().unwrap())).unwrap())
            .collect();
        for term in set["terms"].as_array().unwrap() {
            for (d, cell) in term["cells"].as_array().unwrap().iter().enumerate() {
                for form in cell.as_array().unwrap() {
                    let written = form["form"].as_str().unwrap();
                    assert_eq!(
                        form["count"].as_u64().unwrap() as usize,
                        docs[d].matches(written).count(),
                        "{written}"
                    );
                    found.push(term["term"].as_str().unwrap().to_owned());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    // Kyoto is in no text; ประชา (Pracha) is only ever the start of a
    // longer Thai word (ประชากร, ประชาชน, ประชาชาติ) and must not be found.
    assert_eq!(
        found,
        ["egypt", "pharaoh", "udhr", "united-nations"],
        "{report}"
    );
}

/// Multi-word names inflect as a whole in ru, uk and be, and on their last
/// word in kk, ky, uz, az and tr (fixtures/inflection/README.md): each of
/// the three mentions per language is found, so nothing is reported as an
/// untranslated name.
#[test]
fn multi_word_names_are_found_in_three_cases_in_eight_languages() {
    let run = |command: &str, format: &str| {
        common::command()
            .current_dir(root())
            .args([
                command,
                "fixtures/inflection",
                "--glossary",
                "fixtures/inflection/glossary.toml",
                "--format",
                format,
            ])
            .output()
            .unwrap()
    };
    let check = run("check", "json");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let out = run("report", "json");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let set = &report["sets"][0];
    let languages: Vec<&str> = set["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["language"].as_str().unwrap())
        .collect();
    assert_eq!(
        languages,
        ["az", "be", "en", "kk", "ky", "ru", "tr", "uk", "uz"]
    );
    for term in set["terms"].as_array().unwrap() {
        for (language, cell) in languages.iter().zip(term["cells"].as_array().unwrap()) {
            let mentions: u64 = cell
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["count"].as_u64().unwrap())
                .sum();
            let expected = if *language == "en" { 1 } else { 3 };
            assert_eq!(mentions, expected, "{} in {language}: {cell}", term["term"]);
        }
    }
}
