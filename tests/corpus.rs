//! The bundled example, whole: the seed set checked against the bundled
//! glossary, snapshotted as JSON. Any change in what termlint finds on the
//! real texts shows up here for review.

mod common;

use common::{assert_snapshot, termlint};

#[test]
fn seed_set_findings() {
    let out = termlint(&["check", "fixtures/seeds", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_snapshot("seeds.json", &String::from_utf8(out.stdout).unwrap());
}

/// The official transcript defines the preferred spellings: it must not
/// contradict its own glossary.
#[test]
fn official_transcript_is_clean() {
    let out = termlint(&["check", "fixtures/seeds/official-transcript.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
