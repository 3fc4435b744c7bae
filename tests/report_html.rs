//! The HTML consistency report, rendered by a real browser: headless
//! Chromium (Debian's `chromium`, installed by `.ci/run`) takes a screenshot
//! at a phone's width, and the screenshot must show the table with its
//! highlighted (disagreeing) rows. Without Chromium the test says so and
//! skips; CI always has it.

// The screenshot helper panics on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::termlint;

/// The highlight of disagreeing rows in the page's CSS (#fde2e1).
const HIGHLIGHT: [u8; 3] = [0xfd, 0xe2, 0xe1];

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn html_report_is_self_contained() {
    let out = termlint(&["report", "fixtures/seeds", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("name=\"viewport\""));
    for external in ["src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(external),
            "the page loads something: {external}"
        );
    }
    assert_eq!(
        html.matches("<tr class=\"disagrees\">").count(),
        8,
        "eight rows disagree on the seeds (README, bundled example)"
    );
}

/// The pixels (RGB) of `html` rendered by headless Chromium in a window
/// of `width`×`height`.
fn screenshot(browser: &str, html: &[u8], name: &str, (width, height): (u32, u32)) -> Vec<[u8; 3]> {
    let dir = std::env::temp_dir().join(format!("termlint-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let shot = dir.join("report.png");
    std::fs::write(&page, html).unwrap();
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let rgb = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    rgb
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        println!("note: chromium not found; skipping the browser check (.ci/run installs it)");
        return;
    };
    let out = termlint(&["report", "fixtures/seeds", "--format", "html"]);
    let rgb = screenshot(browser, &out.stdout, "report", (412, 6000));
    let highlighted = rgb.iter().filter(|p| **p == HIGHLIGHT).count();
    let ink = rgb.iter().filter(|p| p.iter().all(|&c| c < 96)).count();
    // A phone-width page: the table's highlighted rows and its text show.
    assert!(highlighted > 2_000, "highlighted pixels: {highlighted}");
    assert!(ink > 2_000, "dark (text) pixels: {ink}");
}

/// Each kind of mark has its colour on the page, in a real browser: the
/// report fixture has one form of each (forbidden, look-alike, wrong case,
/// near-miss, disagreeing, missing). Without Chromium the test says so and
/// skips.
#[test]
fn every_kind_of_mark_shows_in_chromium() {
    let Some(browser) = chromium() else {
        println!("note: chromium not found; skipping the browser check (.ci/run installs it)");
        return;
    };
    let out = common::termlint_in(
        &common::root().join("fixtures/report"),
        &["report", "--format", "html"],
    );
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    for class in [
        "forbidden",
        "lookalike",
        "case",
        "near-miss",
        "disagrees-form",
    ] {
        assert!(
            html.contains(&format!("<details class=\"form {class}\">")),
            "no {class} form"
        );
    }
    assert!(html.contains("<span class=\"missing\">— missing</span>"));
    assert!(html.contains("#only:checked ~ .set tr.ok{display:none}"));
    let rgb = screenshot(browser, html.as_bytes(), "marks", (1280, 1000));
    // The marks' colours (src/matrix.rs): each in the legend and in its
    // cell, so more than the legend's swatch alone.
    for (kind, color) in [
        ("forbidden", [0xf4, 0xb4, 0xae]),
        ("look-alike", [0xfc, 0xd4, 0x9b]),
        ("case", [0xff, 0xf1, 0xa8]),
        ("near-miss", [0xe3, 0xd1, 0xf7]),
        ("disagrees", [0xbf, 0xe3, 0xf2]),
        ("missing", [0xd9, 0xd9, 0xd9]),
        ("disagreeing row", HIGHLIGHT),
    ] {
        let n = rgb.iter().filter(|p| **p == color).count();
        assert!(n > 1_500, "{kind}: {n} pixels of its colour");
    }
}

/// `--format xlsx` writes a workbook an editor opens: a sheet per set with
/// terms down and documents across, marked forms written out (read back
/// here with calamine, as a spreadsheet program would), and a legend.
#[test]
fn xlsx_report_is_a_workbook_with_a_sheet_per_set() {
    use calamine::Reader;
    let dir = std::env::temp_dir().join(format!("termlint-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.xlsx");
    let out = common::termlint_in(
        &common::root().join("fixtures/report"),
        &["report", "--format", "xlsx", "-o", path.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), ["summit", "Legend"]);
    let sheet = book.worksheet_range("summit").unwrap();
    let cell = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert!(cell(0, 0).starts_with("Set summit: 3 documents, 5 terms, 3 disagreeing;"));
    assert_eq!(cell(1, 1), "en/report.txt (en)");
    assert_eq!(cell(2, 0), "astana");
    assert_eq!(cell(2, 1), "Astаna ×1 [≈ look-alike а U+0430]");
    assert_eq!(cell(2, 3), "Нур-Султане ×1 [✗ forbidden]");
    assert_eq!(cell(4, 3), "— missing");
    std::fs::remove_dir_all(&dir).unwrap();
}
