//! The HTML consistency report, rendered by a real browser: headless
//! Chromium (Debian's `chromium`, installed by `.ci/run`) takes a screenshot
//! at a phone's width, and the screenshot must show the table with its
//! highlighted (disagreeing) rows. Without Chromium the test says so and
//! skips; CI always has it.

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

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        println!("note: chromium not found; skipping the browser check (.ci/run installs it)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("termlint-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let shot = dir.join("report.png");
    let out = termlint(&["report", "fixtures/seeds", "--format", "html"]);
    std::fs::write(&page, &out.stdout).unwrap();
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
            "--window-size=412,1400",
        ])
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
    let rgb: Vec<&[u8]> = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|p| &p[..3])
        .collect();
    let highlighted = rgb.iter().filter(|p| **p == HIGHLIGHT).count();
    let ink = rgb.iter().filter(|p| p.iter().all(|&c| c < 96)).count();
    std::fs::remove_dir_all(&dir).unwrap();
    // A phone-width page: the table's highlighted rows and its text show.
    assert!(highlighted > 2_000, "highlighted pixels: {highlighted}");
    assert!(ink > 2_000, "dark (text) pixels: {ink}");
}
