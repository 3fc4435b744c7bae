//! Where a document's language comes from, tried on a project as a CI runner
//! lays it out (issue 21).

mod common;

use std::process::Command;

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
        let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
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
