//! A translator's real project folder (issue 22): documents in three
//! languages next to the glossary, a TBX and a CSV term base, translation
//! memories (one in UTF-16, as Trados writes them), a symbolic link to a
//! file outside the project and a document with two hard links. What is
//! checked, what is passed over, and what `--fix` writes, byte for byte.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::{root, scratch, termlint_in};

const GLOSSARY: &str = r#"[[term]]
id = "astana"
category = "place"
en = { preferred = "Astana", forbidden = ["Nur-Sultan"] }
ru = { preferred = "Астана", forbidden = ["Нур-Султан", "Акмола"] }
kk = { preferred = "Астана", forbidden = ["Нұр-Сұлтан"] }
"#;

const MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/>
  <body>
    <tu>
      <tuv xml:lang="en"><seg>The forum opens in Astana.</seg></tuv>
      <tuv xml:lang="ru"><seg>Форум открывается в Нур-Султане.</seg></tuv>
      <tuv xml:lang="kk"><seg>Форум Астанада ашылады.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

struct Project {
    dir: PathBuf,
    outside: PathBuf,
}

fn project(name: &str) -> Project {
    let dir = scratch(name);
    let outside = scratch(&format!("{name}-outside"));
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("project setup")).expect("project setup");
        fs::write(path, text).expect("project setup");
    };
    write("glossary.toml", GLOSSARY);
    write("en/speech.txt", "The forum opened in Nur-Sultan.\n");
    // Акмола declines as Астана does: a safe fix (Нур-Султан would not be).
    write("ru/speech.txt", "Форум открылся в городе Акмола.\n");
    write(
        "kk/speech.md",
        "# Форум\n\nФорум Нұр-Сұлтан қаласында ашылды.\n",
    );
    write("en/notes.md", "Meeting in Nur-Sultan.\n");
    write("memory.tmx", MEMORY);
    let formats = root().join("../shared/formats");
    let copy = |from: &str, to: &str| {
        let from = formats.join(from);
        let from = if from.exists() {
            from
        } else {
            root()
                .join("fixtures/interchange/real")
                .join(from.file_name().expect("project setup"))
        };
        fs::copy(from, dir.join(to)).expect("project setup");
    };
    copy("tbx2_tbx-basic_martif_sample.tbx", "terms.tbx");
    copy("csv_omegat_glossary_quoting.csv", "terms.csv");
    // A term base that names the forbidden rendering: never a document.
    write("terms.tsv", "en\tforbidden:en\nAstana\tNur-Sultan\n");
    fs::write(
        dir.join("memory-utf16.tmx"),
        utf16(&MEMORY.replace("UTF-8", "UTF-16")),
    )
    .expect("project setup");
    fs::hard_link(dir.join("en/notes.md"), dir.join("en/notes-copy.md")).expect("project setup");
    fs::write(outside.join("real.txt"), "Outside: Nur-Sultan.\n").expect("project setup");
    std::os::unix::fs::symlink(outside.join("real.txt"), dir.join("en/link.txt"))
        .expect("project setup");
    Project { dir, outside }
}

/// UTF-16LE with a byte-order mark.
fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = termlint_in(dir, args);
    (
        out.status.code().expect("project setup"),
        String::from_utf8(out.stdout).expect("project setup"),
        String::from_utf8(out.stderr).expect("project setup"),
    )
}

/// Every file of the project and its bytes, links as links.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("project setup").flatten() {
            let path = e.path();
            let name = path
                .strip_prefix(dir)
                .expect("project setup")
                .display()
                .to_string();
            let kind = fs::symlink_metadata(&path)
                .expect("project setup")
                .file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_symlink() {
                let target = fs::read_link(&path).expect("project setup");
                files.push((name, format!("-> {}", target.display()).into_bytes()));
            } else {
                files.push((name, fs::read(&path).expect("project setup")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_walk_checks_documents_and_passes_over_the_rest() {
    let p = project("project-check");
    let (code, out, err) = run(&p.dir, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "\
en/notes-copy.md:1:12: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
en/notes.md:1:12: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
en/speech.txt:1:21: error forbidden \"Nur-Sultan\" is a forbidden rendering of Astana (place)
kk/speech.md:3:7: error forbidden \"Нұр-Сұлтан\" is a forbidden rendering of Астана (place)
memory-utf16.tmx:7:51: error forbidden \"Нур-Султане\" is a forbidden rendering of Астана (place)
memory.tmx:7:51: error forbidden \"Нур-Султане\" is a forbidden rendering of Астана (place)
ru/speech.txt:1:25: error forbidden \"Акмола\" is a forbidden rendering of Астана (place)
"
    );
    assert_eq!(err, "");
    let (_, human, _) = run(&p.dir, &["check", "."]);
    assert!(
        human.ends_with(
            "Found 7 errors in 7 files.\nSkipped 4 files: binary, not documents, or links (--verbose lists them).\n5 fixable with --fix.\n"
        ),
        "{human}"
    );
    // No near-miss candidate anywhere: no dictionary was asked for, and
    // none is mentioned.
    let (_, _, listed) = run(&p.dir, &["check", ".", "--verbose", "--format", "concise"]);
    assert_eq!(
        listed,
        "\
termlint: note: en/link.txt: skipped: a symbolic link (walks do not follow links; name the file to check it)
termlint: note: terms.csv: skipped: not a document format
termlint: note: terms.tbx: skipped: not a document format
termlint: note: terms.tsv: skipped: not a document format
"
    );
    let (_, json, _) = run(&p.dir, &["check", ".", "--format", "json"]);
    assert!(json.contains("\"skipped\": 4"), "{json}");
}

#[test]
fn fix_writes_documents_only_through_links_and_keeps_hard_links() {
    let p = project("project-fix");
    let before = snapshot(&p.dir);
    let inode = fs::metadata(p.dir.join("en/notes.md")).unwrap().ino();
    let (code, out, err) = run(&p.dir, &["check", "--fix", ".", "--format", "concise"]);
    assert_eq!(code, 1, "{out}{err}");
    // What is left: the memories are read-only.
    assert_eq!(
        out,
        "\
memory-utf16.tmx:7:51: error forbidden \"Нур-Султане\" is a forbidden rendering of Астана (place)
memory.tmx:7:51: error forbidden \"Нур-Султане\" is a forbidden rendering of Астана (place)
"
    );
    assert!(
        err.contains("memory.tmx: a translation memory (TMX) is read-only; its findings are reported, not fixed"),
        "{err}"
    );
    let after = snapshot(&p.dir);
    let changed: Vec<(&str, String)> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(_, (name, bytes))| (name.as_str(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    assert_eq!(
        changed,
        [
            ("en/notes-copy.md", "Meeting in Astana.\n".to_owned()),
            ("en/notes.md", "Meeting in Astana.\n".to_owned()),
            ("en/speech.txt", "The forum opened in Astana.\n".to_owned()),
            (
                "kk/speech.md",
                "# Форум\n\nФорум Астана қаласында ашылды.\n".to_owned()
            ),
            (
                "ru/speech.txt",
                "Форум открылся в городе Астана.\n".to_owned()
            ),
        ]
    );
    // One file under two names, still one inode; the link is still a link
    // and what it points to, outside the folder walked, is untouched.
    let notes = fs::metadata(p.dir.join("en/notes.md")).unwrap();
    assert_eq!((notes.ino(), notes.nlink()), (inode, 2));
    assert_eq!(
        fs::read_to_string(p.outside.join("real.txt")).unwrap(),
        "Outside: Nur-Sultan.\n"
    );
    // No temporary file or backup is left.
    assert!(after.iter().all(|(name, _)| !name.contains(".termlint-")));
}

#[test]
fn a_link_named_on_the_command_line_is_fixed_where_it_points() {
    let p = project("project-link");
    let (code, _, err) = run(&p.dir, &["check", "--fix", "en/link.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::symlink_metadata(p.dir.join("en/link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(p.outside.join("real.txt")).unwrap(),
        "Outside: Astana.\n"
    );
}

#[test]
fn read_only_files_are_fixed_only_with_force_and_stay_read_only() {
    let p = project("project-readonly");
    let file = p.dir.join("ru/speech.txt");
    let mut permissions = fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&file, permissions).unwrap();
    let (code, _, err) = run(&p.dir, &["check", "--fix", "ru/speech.txt"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "termlint: ru/speech.txt: not fixed: the file is read-only; make it writable, or pass --force to fix it and keep its permissions\n"
    );
    assert!(fs::read_to_string(&file).unwrap().contains("Акмола"));
    let (code, _, err) = run(&p.dir, &["check", "--fix", "--force", "ru/speech.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::read_to_string(&file).unwrap().contains("Астана"));
    assert!(fs::metadata(&file).unwrap().permissions().readonly());
    // A hard-linked read-only file too, under the same inode.
    let notes = p.dir.join("en/notes.md");
    let mut permissions = fs::metadata(&notes).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&notes, permissions).unwrap();
    let (code, _, err) = run(&p.dir, &["check", "--fix", "--force", "en/notes.md"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(p.dir.join("en/notes-copy.md")).unwrap(),
        "Meeting in Astana.\n"
    );
    assert!(fs::metadata(&notes).unwrap().permissions().readonly());
}

#[test]
fn fixing_keeps_the_owner_and_group() {
    let p = project("project-owner");
    let file = p.dir.join("en/speech.txt");
    // Root (a CI container) can give the file to someone else first; any
    // other user checks that its own ownership survives.
    let is_root = fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    if is_root {
        std::os::unix::fs::chown(&file, Some(4321), Some(4321)).unwrap();
    } else {
        println!("not root: the owner kept is this user's own (run as root to test another's)");
    }
    let owner = fs::metadata(&file).map(|m| (m.uid(), m.gid())).unwrap();
    let (code, _, err) = run(&p.dir, &["check", "--fix", "en/speech.txt"]);
    assert_eq!(code, 0, "{err}");
    let now = fs::metadata(&file).unwrap();
    assert_eq!((now.uid(), now.gid()), owner);
    assert!(fs::read_to_string(&file).unwrap().contains("Astana"));
}

/// FNV-1a, as a backup's name records the text a rewrite was writing.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn what_a_killed_fix_left_is_cleaned_up_or_restored() {
    let p = project("project-recover");
    let en = p.dir.join("en");
    // A process that no longer runs: pid 4194304 is above Linux's maximum.
    let dead = 4_194_304;
    fs::write(
        en.join(format!(".speech.txt.termlint-{dead}-0.tmp")),
        "half",
    )
    .unwrap();
    // Killed in the middle of rewriting notes.md in place: the file is
    // half-written, the backup holds the old text.
    let new = b"Meeting in Astana.\n";
    let backup = format!(
        ".notes.md.termlint-{dead}-1.{}-{:016x}.bak",
        new.len(),
        fnv1a(new)
    );
    fs::write(en.join(&backup), "Meeting in Nur-Sultan.\n").unwrap();
    fs::write(en.join("notes.md"), "Meeting in A").unwrap();
    let (code, out, err) = run(&p.dir, &["check", "--fix", "en", "--format", "concise"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("en/notes.md: restored from the backup an interrupted --fix left"),
        "{err}"
    );
    // Restored, then fixed; both names still one file.
    assert_eq!(
        fs::read_to_string(en.join("notes-copy.md")).unwrap(),
        "Meeting in Astana.\n"
    );
    let left: Vec<String> = fs::read_dir(&en)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".termlint-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `-o` replaces a regular file whole, but writes into what is not one:
/// `-o /dev/null` once renamed a file over the device (as root).
#[test]
fn output_to_a_device_or_a_link_writes_into_it() {
    let p = project("project-output");
    let (code, _, err) = run(&p.dir, &["check", ".", "-o", "/dev/null"]);
    assert_eq!(code, 1, "{err}");
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(!null.is_file(), "/dev/null is still a device");
    #[cfg(unix)]
    {
        std::fs::write(p.dir.join("real-report.txt"), "old").unwrap();
        std::os::unix::fs::symlink("real-report.txt", p.dir.join("report.txt")).unwrap();
        let (code, _, err) = run(
            &p.dir,
            &["check", ".", "-o", "report.txt", "--format", "concise"],
        );
        assert_eq!(code, 1, "{err}");
        assert!(std::fs::symlink_metadata(p.dir.join("report.txt"))
            .unwrap()
            .file_type()
            .is_symlink());
        let written = std::fs::read_to_string(p.dir.join("real-report.txt")).unwrap();
        assert!(written.contains("error forbidden"), "{written}");
    }
}
