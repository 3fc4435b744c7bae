//! `--fix` and `--diff` from the outside: the binary on copies of real files
//! in a temporary folder.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{assert_snapshot, root};

/// A scratch folder with the bundled glossary and the given files.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("termlint-fix-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        fs::copy(root().join("glossary.toml"), dir.join("glossary.toml")).expect("glossary");
        Scratch(dir)
    }

    fn with_seeds(name: &str) -> Scratch {
        let s = Scratch::new(name);
        for f in ["official-transcript.txt", "news-report.txt"] {
            fs::copy(root().join("fixtures/seeds").join(f), s.0.join(f)).expect("seed");
        }
        s
    }

    fn run(&self, args: &[&str]) -> Output {
        common::command()
            .current_dir(&self.0)
            .args(args)
            .args(["--color", "never"])
            .output()
            .expect("termlint runs")
    }

    fn read(&self, file: &str) -> Vec<u8> {
        fs::read(self.0.join(file)).expect("file")
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn fix_rewrites_the_news_report_exactly_and_leaves_the_transcript() {
    let s = Scratch::with_seeds("seeds");
    let out = s.run(&["check", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "Fixed 3 findings.\nNo findings in 2 files.\n");
    assert_snapshot(
        "fix/news-report.txt",
        &String::from_utf8(s.read("news-report.txt")).unwrap(),
    );
    assert_eq!(
        s.read("official-transcript.txt"),
        fs::read(root().join("fixtures/seeds/official-transcript.txt")).unwrap()
    );
    // Idempotent: a second run changes nothing and finds nothing fixable.
    let before = s.read("news-report.txt");
    let again = s.run(&["check", "--fix"]);
    assert_eq!(stdout(&again), "No findings in 2 files.\n");
    assert_eq!(s.read("news-report.txt"), before);
}

#[test]
fn diff_prints_the_patch_and_touches_nothing() {
    let s = Scratch::with_seeds("diff");
    let out = s.run(&["check", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/news-report.txt\n+++ b/news-report.txt\n"),
        "{diff}"
    );
    assert_eq!(
        diff.lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .count(),
        3
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "termlint: 3 fixes would be applied to 1 file; run with --fix\n"
    );
    assert_eq!(
        s.read("news-report.txt"),
        fs::read(root().join("fixtures/seeds/news-report.txt")).unwrap()
    );
    s.run(&["check", "--fix"]);
    let clean = s.run(&["check", "--diff"]);
    assert_eq!(
        (clean.status.code(), stdout(&clean).as_str()),
        (Some(0), "")
    );
}

#[test]
fn bom_crlf_missing_final_newline_and_permissions_survive() {
    let s = Scratch::new("bytes");
    let original =
        "\u{FEFF}Line one.\r\nThe Alyat Port's berths and Birlistik-2024.\r\nLast line, no newline";
    fs::write(s.path("doc.txt"), original).unwrap();
    fs::set_permissions(s.path("doc.txt"), fs::Permissions::from_mode(0o640)).unwrap();
    let out = s.run(&["check", "--fix", "doc.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let fixed = String::from_utf8(s.read("doc.txt")).unwrap();
    assert_eq!(
        fixed,
        "\u{FEFF}Line one.\r\nThe Alat International Trade Seaport's berths and Birlestik-2024.\r\nLast line, no newline"
    );
    let mode = fs::metadata(s.path("doc.txt"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
    let litter: Vec<_> = fs::read_dir(&s.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("termlint-"))
        .collect();
    assert!(litter.is_empty(), "temporary files left: {litter:?}");
}

#[test]
fn near_miss_fixes_need_unsafe_fixes() {
    let s = Scratch::new("unsafe");
    let text = "The exercises Birlistik-2024 began.\n";
    fs::write(s.path("doc.txt"), text).unwrap();
    // A glossary without the forbidden variant: only near-miss can see it.
    let g = fs::read_to_string(s.path("glossary.toml"))
        .unwrap()
        .replace(", forbidden = [\"Birlistik-2024\"]", "");
    fs::write(s.path("glossary.toml"), g).unwrap();
    let out = s.run(&["check", "--fix", "doc.txt"]);
    assert_eq!(
        String::from_utf8(s.read("doc.txt")).unwrap(),
        text,
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("1 fixable with --fix --unsafe-fixes."),
        "{}",
        stdout(&out)
    );
    s.run(&["check", "--fix", "--unsafe-fixes", "doc.txt"]);
    assert_eq!(
        String::from_utf8(s.read("doc.txt")).unwrap(),
        "The exercises Birlestik-2024 began.\n"
    );
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    let s = Scratch::with_seeds("usage");
    let out = s.run(&["check", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "termlint: --unsafe-fixes needs --fix or --diff\n"
    );
}

/// Kills `--fix` at several moments while it works on a large file: the file
/// is always either exactly the original or exactly the fixed text, never a
/// mix or a truncation.
#[test]
fn a_killed_fix_never_leaves_a_half_written_file() {
    let s = Scratch::new("kill");
    let line = "The Alat International Trade Port and Birlistik-2024 are named here again.\n";
    let original = line.repeat(20_000); // 1.5 MB, 40,000 fixes
    let fixed = original
        .replace(
            "Alat International Trade Port",
            "Alat International Trade Seaport",
        )
        .replace("Birlistik-2024", "Birlestik-2024");
    let path = s.path("big.txt");
    // Time one whole run, then kill at fractions of it up to its very end,
    // where the write happens, whatever this machine's speed.
    fs::write(&path, &original).unwrap();
    let started = std::time::Instant::now();
    s.run(&["check", "--fix", "big.txt"]);
    let whole = started.elapsed();
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    for fraction in [0.1, 0.5, 0.9, 0.96, 0.98, 0.99, 1.0, 1.01] {
        fs::write(&path, &original).unwrap();
        let mut child = common::command()
            .current_dir(&s.0)
            .args(["check", "--fix", "big.txt"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(&path).unwrap();
        assert!(
            now == original || now == fixed,
            "half-written when killed at {fraction} of a run ({} bytes)",
            now.len()
        );
    }
    assert_fixes_completely(&s, &path, &fixed);
}

fn assert_fixes_completely(s: &Scratch, path: &Path, fixed: &str) {
    s.run(&["check", "--fix", "big.txt"]);
    assert_eq!(fs::read_to_string(path).expect("fixed file"), fixed);
}

/// Markdown, XLIFF and HTML: fixes land only in prose, targets, and `alt`
/// text; code, scripts, URLs, front matter, comments and XLIFF sources keep
/// every byte.
#[test]
fn fix_rewrites_markdown_prose_and_xliff_targets_only() {
    let s = Scratch::new("formats");
    for f in ["speech.md", "speech.en-ru.xlf", "page.html"] {
        fs::copy(root().join("fixtures/formats").join(f), s.path(f)).unwrap();
    }
    let out = s.run(&[
        "check",
        "--fix",
        "speech.md",
        "speech.en-ru.xlf",
        "page.html",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "sources, an inflected target and one needing another case remain: {}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("error[forbidden]"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("Fixed 9 findings.\nFound 5 errors and 1 warning in 3 files.\n"),
        "{}",
        stdout(&out)
    );
    assert_snapshot(
        "fix/speech.md",
        &String::from_utf8(s.read("speech.md")).unwrap(),
    );
    assert_snapshot(
        "fix/speech.en-ru.xlf",
        &String::from_utf8(s.read("speech.en-ru.xlf")).unwrap(),
    );
    assert_snapshot(
        "fix/page.html",
        &String::from_utf8(s.read("page.html")).unwrap(),
    );
}

/// A PO catalogue (issue 24): the name gettext wrapped over two lines is
/// rewritten on one line, the one between escaped quotes keeps its
/// escapes, nothing else changes, and the result is a catalogue `msgfmt`
/// accepts (when gettext is installed).
#[test]
fn fixing_a_po_catalogue_keeps_it_valid() {
    let s = Scratch::new("po");
    let case = root().join("tests/cmd/po-strings-fix.in");
    for f in ["glossary.toml", "ui.en_GB.po"] {
        fs::copy(case.join(f), s.path(f)).expect("copied");
    }
    let before = String::from_utf8(s.read("ui.en_GB.po")).expect("UTF-8");
    let out = s.run(&["check", "ui.en_GB.po", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let after = String::from_utf8(s.read("ui.en_GB.po")).expect("UTF-8");
    let expected = before
        .replace(
            "msgstr \"Goods go through the Alat International \"\n\"Trade Port every",
            "msgstr \"Goods go through the Alat International Trade Seaport every",
        )
        .replace("in \\\"Nur-Sultan\\\" on", "in \\\"Astana\\\" on");
    assert_ne!(expected, before);
    assert_eq!(after, expected);
    match std::process::Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(s.path("ui.en_GB.po"))
        .output()
    {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => println!("skipped the msgfmt check: gettext's msgfmt is not installed ({e})"),
    }
}
