//! `termlint suggest` on the seed set: variants grouped, the output a valid
//! glossary, and names the glossary already has never proposed.

mod common;

use common::{root, termlint};

fn suggest(glossary: &str) -> String {
    let out = termlint(&["suggest", "fixtures/seeds", "--glossary", glossary]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn seed_variants_are_grouped_and_the_output_lints() {
    let toml = suggest("tests/suggest/empty-glossary.toml");
    assert!(
        toml.contains(
            "# en = { preferred = \"Birlestik-2024\", forbidden = [\"Birlistik-2024\"] }"
        ),
        "{toml}"
    );
    assert!(toml.contains(
        "# en = { preferred = \"Alat International Trade Seaport\", forbidden = [\"Alat International Trade Port\"] }"
    ), "{toml}");
    // Inflections are the same name, not variants to forbid.
    assert!(
        !toml.contains("Azerbaijan’s") && !toml.contains("\"Azerbaijani\""),
        "{toml}"
    );
    let path = std::env::temp_dir().join(format!("termlint-suggest-{}.toml", std::process::id()));
    std::fs::write(&path, &toml).unwrap();
    let lint = termlint(&["glossary", "lint", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn names_the_glossary_has_are_not_proposed() {
    let toml = suggest(root().join("glossary.toml").to_str().unwrap());
    for known in [
        "Birlestik-2024",
        "Birlistik-2024",
        "Alat International",
        "Astana",
        "Ilham Aliyev",
    ] {
        assert!(!toml.contains(known), "{known} proposed again:\n{toml}");
    }
}
