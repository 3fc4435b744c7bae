//! Shared, deterministic benchmark inputs: the seed texts repeated to about
//! 1 MiB, and glossaries of the bundled terms plus N synthetic names.

use std::fmt::Write as _;
use std::path::Path;

use termlint::glossary::Glossary;

/// The two seed texts, concatenated and repeated to at least `bytes`.
pub(crate) fn corpus(bytes: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let seed = ["official-transcript.txt", "news-report.txt"]
        .map(|f| std::fs::read_to_string(root.join(f)).expect("seed text"))
        .join("\n\n");
    seed.repeat(bytes / seed.len() + 1)
}

/// The files of one language folder of the generated corpus, concatenated
/// in name order up to about `bytes`.
pub(crate) fn language_text(folder: &Path, bytes: usize) -> String {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        if text.len() >= bytes {
            break;
        }
        text.push_str(&std::fs::read_to_string(f).expect("corpus file"));
    }
    text
}

/// The bundled glossary plus `extra` synthetic terms (capitalised
/// pseudo-words, one to three per name), generated from a fixed seed.
pub(crate) fn glossary(extra: usize) -> Glossary {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml");
    Glossary::from_str(&glossary_text(extra), &root).expect("generated glossary is valid")
}

/// The text of [`glossary`]`(extra)`.
pub(crate) fn glossary_text(extra: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml");
    let mut text = std::fs::read_to_string(root).expect("bundled glossary");
    let mut rng = 0x2545_F491_4F6C_DD1D_u64;
    for i in 0..extra {
        let words = 1 + (next(&mut rng) % 3) as usize;
        let name: Vec<String> = (0..words).map(|_| word(&mut rng)).collect();
        let _ = write!(
            text,
            "\n[[term]]\nid = \"synthetic-{i}\"\nen = \"{}\"\n",
            name.join(" ")
        );
    }
    text
}

fn next(state: &mut u64) -> u64 {
    // xorshift64*: deterministic and dependency-free.
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

fn word(rng: &mut u64) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    let len = 5 + (next(rng) % 8) as usize;
    let mut w: String = (0..len)
        .map(|_| LETTERS[(next(rng) % 26) as usize] as char)
        .collect();
    w[..1].make_ascii_uppercase();
    w
}
