//! Tests about the project itself: every rule has its documentation page with
//! the fixed headings, a fixture folder with firing and silent cases, a row in
//! the README's rule table and a snapshot; no page or snapshot outlives its
//! rule; every message follows the conventions (lowercase start or a quote,
//! no trailing period).

// The source readers panic on purpose: a failed read is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::{root, termlint};
use termlint::rules::Rule;

const HEADINGS: [&str; 5] = [
    "## What it finds",
    "## Why it matters",
    "## Example",
    "## Fix",
    "## Configuration",
];

fn names_in(dir: &str, suffix: &str) -> BTreeSet<String> {
    std::fs::read_dir(root().join(dir))
        .expect("readable folder")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .filter_map(|n| n.strip_suffix(suffix).map(str::to_owned))
        .collect()
}

fn codes() -> BTreeSet<String> {
    Rule::ALL.iter().map(|r| r.code().to_owned()).collect()
}

#[test]
fn every_rule_has_a_doc_page_with_the_fixed_headings() {
    for rule in Rule::ALL {
        let mut at = 0;
        for heading in HEADINGS {
            let found = rule.doc()[at..].find(heading);
            assert!(
                found.is_some(),
                "docs/rules/{}.md lacks `{heading}` (in order)",
                rule.code()
            );
            at += found.unwrap();
        }
    }
    assert_eq!(
        names_in("docs/rules", ".md"),
        codes(),
        "docs/rules/ has a page per rule and nothing else"
    );
}

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_silent() {
    for rule in Rule::ALL {
        let names = names_in(&format!("fixtures/rules/{}", rule.code()), "");
        assert!(names.contains("glossary.toml"), "{rule}: no glossary.toml");
        assert!(
            names.iter().any(|n| n.starts_with("fires")),
            "{rule}: no fires* fixture"
        );
        assert!(
            names.iter().any(|n| n.starts_with("silent")),
            "{rule}: no silent* fixture"
        );
    }
    assert_eq!(names_in("fixtures/rules", ""), codes());
}

#[test]
fn every_rule_has_a_readme_row_and_nothing_stale_remains() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in Rule::ALL {
        let row = format!("| `{}` | {} |", rule.code(), rule.default_severity());
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
    assert_eq!(
        names_in("tests/snapshots/rules", ".txt"),
        codes(),
        "no stale rule snapshots"
    );
}

#[test]
fn messages_follow_the_conventions() {
    for rule in Rule::ALL {
        let dir = format!("fixtures/rules/{}", rule.code());
        let glossary = format!("{dir}/glossary.toml");
        let out = termlint(&["check", &dir, "--glossary", &glossary, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in json["findings"].as_array().unwrap() {
            let m = f["message"].as_str().unwrap();
            let first = m.chars().next().unwrap();
            assert!(
                first == '"' || first.is_lowercase(),
                "message starts badly: {m}"
            );
            assert!(!m.ends_with('.'), "message ends with a period: {m}");
        }
    }
}

/// Every snapshot file is read by some test: none outlives its test.
#[test]
fn no_snapshot_is_stale() {
    let tests: String = std::fs::read_dir(root().join("tests"))
        .expect("tests folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| std::fs::read_to_string(p).expect("test source"))
        .collect();
    for dir in ["fix"] {
        for name in names_in(&format!("tests/snapshots/{dir}"), "") {
            let reference = format!("\"{dir}/{name}\"");
            assert!(
                tests.contains(&reference),
                "tests/snapshots/{dir}/{name} is read by no test"
            );
        }
    }
    assert!(
        tests.contains("\"seeds.json\""),
        "tests/snapshots/seeds.json is read by no test"
    );
}

/// The README's glossary example is a valid glossary: every key it shows
/// (`[files]` included) is one termlint reads.
#[test]
fn the_readme_glossary_example_loads() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## The glossary").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let toml = &section[start..start + section[start..].find("```").unwrap()];
    let glossary = termlint::glossary::Glossary::from_str(toml, std::path::Path::new("README"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(glossary.files.exclude.is_some() && glossary.files.include.is_some());
    assert_eq!(glossary.files.include_states, ["fuzzy"]);
}

/// The pre-commit hook passes exactly the files a walk checks: its `files`
/// pattern lists every document extension termlint reads, and no other.
#[test]
fn the_pre_commit_hook_lists_every_document_format() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap_or_default();
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("a files pattern");
    let listed: BTreeSet<&str> = files
        // Case-insensitive, as termlint reads `NOTES.MD`.
        .strip_prefix(r"(?i)\.(")
        .and_then(|f| f.strip_suffix(")$"))
        .expect("the pattern is (?i)\\.(a|b|…)$")
        .split('|')
        .collect();
    let read: BTreeSet<&str> = termlint::scan::EXTENSIONS.iter().map(|(e, _)| *e).collect();
    assert_eq!(listed, read);
}

/// The composite action pins every action it uses by commit (a tag can be
/// moved), builds termlint only on a cache miss, and never uploads SARIF
/// after termlint failed to run.
#[test]
fn the_github_action_pins_what_it_uses_and_caches_the_build() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap_or_default();
    let uses: Vec<&str> = action
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uses: "))
        .collect();
    assert_eq!(uses.len(), 3, "{uses:?}");
    for u in &uses {
        let sha = u
            .split('@')
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("");
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{u} is not pinned by commit"
        );
    }
    assert!(action.contains("if: steps.cache.outputs.cache-hit != 'true'"));
    assert!(action.contains(r#"if [ "$code" = 2 ]; then"#));
    assert!(!action
        .contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\" --root \"$RUNNER_TEMP"));
}

/// The top-level modules of `src/` and, for each, the top-level modules
/// its code (not its tests) names as `crate::x` or `crate::{x, …}`.
fn module_graph() -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&src).unwrap();
                let top = relative
                    .components()
                    .next()
                    .unwrap()
                    .as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned();
                if top != "lib" && top != "main" {
                    files.push((top, path));
                }
            }
        }
    }
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut graph: std::collections::BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        graph.get_mut(module).unwrap().extend(
            imports(&text)
                .into_iter()
                .filter(|d| d != module && modules.contains(d)),
        );
    }
    graph
}

/// The top-level modules `text` names as `crate::x` or `crate::{x, …}`,
/// before its `#[cfg(test)]` module.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The layers that must not import the pipeline's upper stages (STYLE.md):
/// what imports what among them is free, but none imports these.
const LOWER: [&str; 6] = [
    "glossary",
    "normalize",
    "diagnostic",
    "position",
    "report",
    "scan",
];
const UPPER: [&str; 4] = ["rules", "matcher", "check", "cli"];

/// Every import from a lower layer into an upper one.
fn upward(graph: &std::collections::BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    LOWER
        .iter()
        .flat_map(|low| {
            graph
                .get(*low)
                .into_iter()
                .flatten()
                .filter(|d| UPPER.contains(&d.as_str()))
                .map(move |d| ((*low).to_owned(), d.clone()))
        })
        .collect()
}

/// A cycle in the module graph, if there is one (as module names, the
/// first repeated at the end).
fn cycle(graph: &std::collections::BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        graph: &std::collections::BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut found = path[i..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

/// Layers import downward only, and no two modules import each other
/// through any path (issue 26): ARCHITECTURE.md's pipeline, as the code has
/// it. `cargo test --test meta layers` is the command that shows it.
#[test]
fn layers_import_downward_only_and_no_module_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 20, "{graph:?}");
    // The graph, for ARCHITECTURE.md: `--nocapture` shows it.
    for (module, uses) in &graph {
        let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
        println!("{module} -> {}", uses.join(", "));
    }
    assert_eq!(upward(&graph), Vec::<(String, String)>::new());
    assert_eq!(cycle(&graph), None);
}

/// The layer test fails on what it guards against: an upward import added
/// to a lower layer (`use crate::rules::Rule;` in the glossary) and a cycle
/// (dictionary → matcher → dictionary, which the code had until issue 26).
#[test]
fn the_layer_test_catches_an_upward_import_and_a_cycle() {
    let mut graph = module_graph();
    graph.get_mut("glossary").unwrap().extend(imports(
        "use crate::rules::Rule;\nfn f() {}\n#[cfg(test)]\nuse crate::cli;",
    ));
    assert_eq!(
        upward(&graph),
        [("glossary".to_owned(), "rules".to_owned())]
    );
    let mut graph = module_graph();
    graph
        .get_mut("dictionary")
        .unwrap()
        .extend(imports("use crate::{matcher::fuzzy::FastSet, lang};"));
    let found = cycle(&graph).expect("a cycle");
    assert!(
        found.contains(&"dictionary".to_owned()) && found.contains(&"matcher".to_owned()),
        "{found:?}"
    );
}

/// Every file ARCHITECTURE.md's "Where to change what" table names exists
/// (a path in backticks, from `src/` when it is a module's file).
#[test]
fn architecture_names_only_files_that_exist() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap_or_default();
    let table = text
        .split("## Where to change what")
        .nth(1)
        .and_then(|t| t.split("\n## ").next())
        .expect("the table");
    let mut checked = 0;
    for name in table.split('`').skip(1).step_by(2) {
        let name = name.trim();
        let looks_like_a_path =
            name.ends_with(".rs") || name.ends_with(".md") || name.ends_with('/');
        if !looks_like_a_path || name.contains('<') || name.contains(' ') {
            continue;
        }
        let path = if name.starts_with("data/")
            || name.starts_with("docs/")
            || name.starts_with("fixtures/")
            || name.starts_with("tests/")
        {
            root().join(name)
        } else {
            root().join("src").join(name)
        };
        assert!(
            path.exists(),
            "ARCHITECTURE.md names {name}, which does not exist"
        );
        checked += 1;
    }
    assert!(checked > 15, "{checked} paths checked");
}

/// Functions longer than this many lines must say why they stay whole.
const LONG: usize = 60;

/// The functions of `text` (outside a `mod tests`) longer than [`LONG`]
/// lines with no `// Kept whole: why` comment above them, by name. A
/// function is counted from its `fn` line to the `}` at its indentation,
/// as rustfmt lays code out.
fn long_without_reason(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("mod tests") {
            break;
        }
        let code = line.trim_start();
        let after_vis = code
            .strip_prefix("pub(crate) ")
            .or_else(|| code.strip_prefix("pub(super) "))
            .or_else(|| code.strip_prefix("pub "))
            .unwrap_or(code);
        let Some(rest) = after_vis
            .strip_prefix("const fn ")
            .or_else(|| after_vis.strip_prefix("fn "))
        else {
            continue;
        };
        let indent = &line[..line.len() - code.len()];
        let close = format!("{indent}}}");
        let Some(len) = lines[i..].iter().position(|l| *l == close) else {
            continue;
        };
        let reasoned = lines[..i]
            .iter()
            .rev()
            .take_while(|l| {
                let t = l.trim_start();
                t.starts_with("//") || t.starts_with("#[")
            })
            .any(|l| l.contains("// Kept whole: "));
        if len + 1 > LONG && !reasoned {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// Issue 26: a function over 60 lines is split where it mixes concerns, or
/// says in a `// Kept whole:` comment why it is one piece.
#[test]
fn every_long_function_says_why_it_stays_whole() {
    let mut missing = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                for name in long_without_reason(&text) {
                    missing.push(format!("{}: fn {name}", path.display()));
                }
            }
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "functions over {LONG} lines without a `// Kept whole: why` comment (split them, or say why not):\n{}",
        missing.join("\n")
    );
}

/// The check above fails on a long function without a reason, and passes
/// it with one.
#[test]
fn the_long_function_check_catches_a_long_function() {
    let body = "    let x = 1;\n".repeat(LONG);
    let bare = format!("/// Does it.\npub fn long_one() {{\n{body}}}\n");
    assert_eq!(long_without_reason(&bare), ["long_one"]);
    let kept = format!("/// Does it.\n// Kept whole: one loop.\npub fn long_one() {{\n{body}}}\n");
    assert_eq!(long_without_reason(&kept), Vec::<String>::new());
    let short = "fn short() {\n    let x = 1;\n}\n";
    assert_eq!(long_without_reason(short), Vec::<String>::new());
}
