//! `termlint server` in a real editor: Neovim, headless, opens a document
//! next to a glossary, shows termlint's diagnostic, and applies its quick
//! fix (`tests/editor/init.lua`). Without `nvim` on the PATH the test
//! skips with a printed reason; `TERMLINT_REQUIRE_NEOVIM=1` (set by
//! `.ci/run`, which installs Debian's `neovim`) makes that a failure.

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_shows_the_diagnostic_and_applies_the_fix() {
    let required = std::env::var_os("TERMLINT_REQUIRE_NEOVIM").is_some_and(|v| v == "1");
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            !required,
            "TERMLINT_REQUIRE_NEOVIM=1 but there is no nvim on the PATH"
        );
        eprintln!("skipped: no nvim on the PATH (Debian: apt-get install neovim)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("termlint-editor-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::copy(root.join("glossary.toml"), dir.join("glossary.toml")).expect("the glossary");
    std::fs::write(
        dir.join("news.txt"),
        "«Oʻzbekiston» delegates met in Nur-Sultan.\n",
    )
    .expect("the document");
    let out = dir.join("seen.txt");
    let status = Command::new("timeout")
        .args(["120", "nvim", "--headless", "--clean", "-u"])
        .arg(root.join("tests/editor/init.lua"))
        .arg("news.txt")
        .current_dir(&dir)
        .env("TERMLINT", env!("CARGO_BIN_EXE_termlint"))
        .env("OUT", &out)
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim: {status}");
    let seen = std::fs::read_to_string(&out).expect("what nvim saw");
    // The server speaks UTF-16 (« and ʻ one unit each, the name at 32);
    // Neovim shows byte columns (two bytes each: 34).
    assert_eq!(
        seen,
        "diagnostic 0:34-0:44 severity 1 termlint: \"Nur-Sultan\" is a forbidden rendering of Astana (place)\n\
         action Replace \"Nur-Sultan\" with \"Astana\"\n\
         action Ignore forbidden here (termlint: ignore forbidden)\n\
         action Fix all safe termlint findings in this file (1)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("news.txt")).expect("the saved document"),
        "«Oʻzbekiston» delegates met in Astana.\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
