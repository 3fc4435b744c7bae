//! `termlint glossary import` on real term bases as terminology tools export
//! them (fixtures/interchange/real, with their sources), and
//! `glossary export` → `glossary import` round trips that must lose nothing.

// Helpers panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{root, scratch, termlint, termlint_in};
use termlint::glossary::{Glossary, RenderingKind};

const REAL: &str = "fixtures/interchange/real";

/// Imports `file` (relative to the repository); returns the glossary text,
/// stderr and the exit code.
fn import(file: &str, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["glossary", "import", file];
    args.extend(extra);
    let out = termlint(&args);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn load(text: &str) -> Glossary {
    Glossary::from_str(text, Path::new("imported.toml")).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Everything a term carries, in a comparable form.
type TermShape = (
    String,
    String,
    Option<String>,
    String,
    bool,
    bool,
    BTreeSet<(String, String, String)>,
);

fn shape(g: &Glossary) -> Vec<TermShape> {
    g.terms
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                t.category.as_str().to_owned(),
                t.note.clone(),
                format!("{:?}", t.case),
                t.inflect,
                t.near_miss_words,
                t.renderings
                    .iter()
                    .map(|r| {
                        (
                            r.language.to_string(),
                            r.text.clone(),
                            format!("{:?}", r.kind),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Renderings of one kind in one language of the term `id`.
fn names(g: &Glossary, id: &str, lang: &str, kind: RenderingKind) -> Vec<String> {
    let term = g.terms.iter().find(|t| t.id == id).unwrap();
    term.renderings
        .iter()
        .filter(|r| r.language.as_str() == lang && r.kind == kind)
        .map(|r| r.text.clone())
        .collect()
}

#[test]
fn tbx_basic_v2_statuses_notes_and_languages() {
    let (text, stderr, code) = import(&format!("{REAL}/tbx2_tbx-basic_martif_sample.tbx"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("imported 5 terms"), "{stderr}");
    let g = load(&text);
    assert_eq!(g.default_language.as_str(), "en-US");
    use RenderingKind::{Accepted, Forbidden, Preferred};
    assert_eq!(names(&g, "c7", "en", Preferred), ["progressive lens"]);
    assert_eq!(
        names(&g, "c7", "en", Accepted),
        ["progressive addition lens", "progressive power lens"]
    );
    // deprecatedTerm-admn-sts and supersededTerm-admn-sts.
    assert_eq!(names(&g, "c7", "en", Forbidden), ["PAL", "graduated lens"]);
    assert_eq!(names(&g, "c7", "de", Preferred), ["Gleitsichtglas"]);
    let c7 = g.terms.iter().find(|t| t.id == "c7").unwrap();
    assert!(c7
        .note
        .as_deref()
        .unwrap()
        .starts_with("corrective lenses used in eyeglasses"));
    // A subject field that is no termlint category is kept as a note.
    let c1 = g.terms.iter().find(|t| t.id == "c1").unwrap();
    assert!(c1
        .note
        .as_deref()
        .unwrap()
        .contains("subject field: manufacturing"));
}

#[test]
fn tbx_v2_and_v3_of_the_same_data_give_the_same_renderings() {
    let (v2, e2, c2) = import(&format!("{REAL}/tbx2_martif_medtronic_14langs.tbx"), &[]);
    let (v3, e3, c3) = import(&format!("{REAL}/tbx3_tbx-core_medtronic.tbx"), &[]);
    assert_eq!((c2, c3), (0, 0), "{e2}\n{e3}");
    let pairs = |g: &Glossary| -> BTreeSet<(String, String, String)> {
        g.terms
            .iter()
            .flat_map(|t| {
                t.renderings
                    .iter()
                    .map(|r| (t.id.clone(), r.language.to_string(), r.text.clone()))
            })
            .collect()
    };
    let (g2, g3) = (load(&v2), load(&v3));
    assert_eq!(g2.terms.len(), 3);
    assert_eq!(g2.languages().len(), 14);
    assert_eq!(pairs(&g2), pairs(&g3));
    // Only v2 keeps statuses (the v3 conversion removed the data
    // categories): its two deprecated terms are forbidden.
    let forbidden = |g: &Glossary| {
        g.terms
            .iter()
            .flat_map(|t| &t.renderings)
            .filter(|r| r.kind == RenderingKind::Forbidden)
            .count()
    };
    assert_eq!((forbidden(&g2), forbidden(&g3)), (2, 0));
}

#[test]
fn tbx_min_dca_and_dct_styles_read_alike() {
    let (dca, e1, c1) = import(&format!("{REAL}/tbx3_tbx-min_dca_astronomy.tbx"), &[]);
    let (dct, e2, c2) = import(&format!("{REAL}/tbx3_tbx-min_dct_astronomy.tbx"), &[]);
    assert_eq!((c1, c2), (0, 0), "{e1}\n{e2}");
    // The DCA file's empty first entry (id="" xml:lang="") is skipped, said.
    assert!(
        e1.contains("tbx3_tbx-min_dca_astronomy.tbx:14: skipped an entry with no terms"),
        "{e1}"
    );
    let (a, b) = (load(&dca), load(&dct));
    // The two files carry different notes (only DCT has the graphic
    // sources), but the same terms with the same statuses.
    let renderings =
        |g: &Glossary| -> Vec<_> { shape(g).into_iter().map(|t| (t.0, t.6)).collect() };
    assert_eq!(renderings(&a), renderings(&b));
    let count = |kind| {
        a.terms
            .iter()
            .flat_map(|t| &t.renderings)
            .filter(|r| r.kind == kind)
            .count()
    };
    // The file has 3 deprecated and 1 superseded terms: all forbidden.
    assert_eq!(count(RenderingKind::Forbidden), 4);
    assert_eq!(
        names(&a, "c1", "en", RenderingKind::Forbidden),
        ["galactic cluster"]
    );
}

#[test]
fn utx_rows_sharing_a_rendering_become_one_term() {
    let (text, stderr, code) = import(&format!("{REAL}/tsv_utx_en-ja_medical.utx"), &[]);
    assert_eq!(code, 0, "{stderr}");
    let g = load(&text);
    assert_eq!(g.default_language.as_str(), "en-US");
    let langs: Vec<String> = g.languages().iter().map(ToString::to_string).collect();
    assert_eq!(langs, ["en-US", "ja-JP"]);
    assert_eq!(
        names(&g, "1-3-er-mean", "en-US", RenderingKind::Accepted),
        ["1/3ER mean"]
    );
    assert!(stderr.contains("were merged into it"), "{stderr}");
    // "a wave" folds like "A wave": it cannot name a second term, and the
    // user is told so with the row.
    assert!(
        stderr.contains("tsv_utx_en-ja_medical.utx:39: \"a wave\" (en-US) already names the term of line 38 (as \"A wave\""),
        "{stderr}"
    );
}

#[test]
fn csv_without_header_needs_columns_and_keeps_every_quoting_case() {
    let file = format!("{REAL}/csv_omegat_glossary_quoting.csv");
    let (_, stderr, code) = import(&file, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!(
            "termlint: {file}:1:1: the first row must name the columns"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--columns en,fr,note"), "{stderr}");

    let (text, stderr, code) = import(&file, &["--columns", "en,fr"]);
    assert_eq!(code, 0, "{stderr}");
    let g = load(&text);
    let en: Vec<String> = g
        .terms
        .iter()
        .flat_map(|t| names(&g, &t.id, "en", RenderingKind::Preferred))
        .collect();
    assert_eq!(
        en,
        [
            "kde",
            "question",
            "kde; question",
            "kde, qu",
            "\"kde\",\"q\"",
            "\"\"k",
            "zz\"zz"
        ]
    );
}

#[test]
fn csv_and_tsv_with_headers() {
    let dir = scratch("import-csv");
    std::fs::write(
        dir.join("terms.csv"),
        "id,category,note,en,ru,forbidden:en,accepted:ru\n\
         astana,place,\"Capital, since 1997\",Astana,Астана,Astana City | Akmola,Нур-Султан\n\
         ,,,,,,\n\
         ,,a note and nothing else,,,,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("terms.tsv"),
        "en\tkk\tnote\nAlat International Trade Seaport\tАлят\tport\n",
    )
    .unwrap();
    let out = termlint_in(&dir, &["glossary", "import", "terms.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let g = load(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        names(&g, "astana", "en", RenderingKind::Forbidden),
        ["Astana City", "Akmola"]
    );
    assert_eq!(
        names(&g, "astana", "ru", RenderingKind::Accepted),
        ["Нур-Султан"]
    );
    assert_eq!(g.terms[0].note.as_deref(), Some("Capital, since 1997"));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("terms.csv:4: skipped a row with no renderings"));

    let out = termlint_in(&dir, &["glossary", "import", "terms.tsv"]);
    assert_eq!(out.status.code(), Some(0));
    let g = load(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(g.terms[0].id, "alat-international-trade-seaport");
    assert_eq!(
        names(&g, &g.terms[0].id, "kk", RenderingKind::Preferred),
        ["Алят"]
    );

    std::fs::write(dir.join("bad.csv"), "en,colour\nAstana,blue\n").unwrap();
    let out = termlint_in(&dir, &["glossary", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "termlint: bad.csv:1:1: the first row must name the columns (column 2: `colour` is not a language tag such as `en` or `uz-Latn`, nor one of id, category, note, case, inflect, near-miss-words, forms, accepted:<tag>, forbidden:<tag>); for a file without a header, give them with --columns, e.g. --columns en,fr,note\n"
    );
}

#[test]
fn broken_tbx_is_an_error_with_a_position() {
    let dir = scratch("import-tbx-errors");
    let cases = [
        (
            "mismatch.tbx",
            "<tbx>\n  <text><body>\n    <conceptEntry></langSec>\n",
            "termlint: mismatch.tbx:3:19: not well-formed XML",
        ),
        (
            // The decoder takes the first mark; the XML reader skipped the
            // second without counting it, and every position fell short.
            "marks.tbx",
            "\u{feff}\u{feff}<tbx>\n  <text><body>\n    <conceptEntry></langSec>\n",
            "termlint: marks.tbx:3:19: not well-formed XML",
        ),
        (
            "truncated.tbx",
            "<martif>\n<text><body><termEntry>",
            "termlint: truncated.tbx: the file ends inside an element",
        ),
        (
            "root.tbx",
            "<?xml version=\"1.0\"?>\n<xliff/>\n",
            "termlint: root.tbx:2:1: the root element is <xliff>",
        ),
        (
            "entity.tbx",
            "<!DOCTYPE tbx [<!ENTITY a \"aaaa\">]>\n<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&a;</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "termlint: entity.tbx:2:",
        ),
        ("empty.csv", "", "termlint: empty.csv: the file is empty"),
        (
            "latin1.csv",
            "en\nM\u{fc}nchen\n",
            "",
        ),
    ];
    for (name, text, want) in cases {
        let bytes = if name == "latin1.csv" {
            b"en\nM\xfcnchen\n".to_vec()
        } else {
            text.as_bytes().to_vec()
        };
        std::fs::write(dir.join(name), bytes).unwrap();
        let out = termlint_in(&dir, &["glossary", "import", name]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        let want = if name == "latin1.csv" {
            "termlint: latin1.csv: not valid UTF-8 at byte 4"
        } else {
            want
        };
        assert!(stderr.starts_with(want), "{name}: {stderr}");
    }
}

/// Export, then import: every term comes back with every field.
fn round_trip(glossary: &str, format: &str) {
    let dir = scratch(&format!("round-trip-{format}"));
    let out = termlint(&["glossary", "export", glossary, "--format", format]);
    assert_eq!(out.status.code(), Some(0));
    let file = dir.join(format!("terms.{format}"));
    std::fs::write(&file, &out.stdout).unwrap();
    let out = termlint_in(&dir, &["glossary", "import", &format!("terms.{format}")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let back = load(&String::from_utf8(out.stdout).unwrap());
    let original = Glossary::load(&root().join(glossary)).unwrap();
    assert_eq!(shape(&back), shape(&original), "{glossary} via {format}");
    if format == "tbx" {
        assert_eq!(back.default_language, original.default_language);
    }
}

#[test]
fn bundled_glossary_round_trips() {
    for format in ["tbx", "csv", "tsv"] {
        round_trip("glossary.toml", format);
    }
}

#[test]
fn tricky_glossary_round_trips() {
    for format in ["tbx", "csv", "tsv"] {
        round_trip("fixtures/interchange/tricky.toml", format);
    }
}

/// The TBX export is TBX v3 TBX-Basic that other tools can read: the real
/// files' reader (ours) aside, it is well-formed and keeps the statuses as
/// TBX spells them.
#[test]
fn tbx_export_speaks_tbx() {
    let out = termlint(&[
        "glossary",
        "export",
        "fixtures/interchange/tricky.toml",
        "--format",
        "tbx",
    ]);
    let tbx = String::from_utf8(out.stdout).unwrap();
    assert!(tbx.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"));
    assert!(tbx.contains("<conceptEntry id=\"birlestik-2024\">"));
    assert!(tbx.contains("<langSec xml:lang=\"uz-Latn\">"));
    assert!(tbx.contains("<term>Birlistik-2024</term>\n            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    assert!(tbx.contains("<term>A&amp;B &lt;C&gt;</term>"));
    assert!(tbx.contains("<note>termlint: case = \"ignore\"</note>"));
    let mut reader = quick_xml::Reader::from_str(&tbx);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("export is not well-formed: {e}"),
        }
    }
}

/// A term list as spreadsheets hold it (issue 25): an .xlsx whose first
/// sheet names its columns with language names, starting below a title
/// row's blank and one column in, is imported like a CSV file.
#[test]
fn a_spreadsheet_is_imported_from_its_first_sheet() {
    let dir = scratch("xlsx");
    let path = dir.join("terms.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["English", "Русский", "Note"],
        ["Astana", "Астана", "capital since 1997"],
        ["Almaty", "Алматы", ""],
        ["Kazakhstan", "Казахстан", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(r as u32 + 1, c as u16 + 1, *cell)
                    .unwrap();
            }
        }
    }
    let mut second = rust_xlsxwriter::Worksheet::new();
    second.write_string(0, 0, "not terms").unwrap();
    book.push_worksheet(second);
    book.save(&path).unwrap();
    let out = termlint_in(&dir, &["glossary", "import", "terms.xlsx"]);
    let (text, err) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        "termlint: imported 3 terms with 6 renderings from terms.xlsx\n"
    );
    let glossary = load(&text);
    let astana = glossary.terms.iter().find(|t| t.id == "astana").unwrap();
    assert_eq!(astana.note.as_deref(), Some("capital since 1997"));
    let ru: Vec<&str> = astana
        .renderings
        .iter()
        .filter(|r| r.language.as_str() == "ru" && r.kind == RenderingKind::Preferred)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(ru, ["Астана"]);
    // A spreadsheet that is not one is an error that says so.
    std::fs::write(dir.join("broken.xlsx"), "not a zip").unwrap();
    let out = termlint_in(&dir, &["glossary", "import", "broken.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("termlint: broken.xlsx: cannot read the spreadsheet: "),);
}
