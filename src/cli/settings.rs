//! Arguments → settings, once: find the glossary, parse rule lists and the
//! language, decide on colour. Nothing after this step sees clap types.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use super::args::{CheckArgs, Color, FailOn};
use crate::check::FixMode;
use crate::diagnostic::Severity;
use crate::fix::FixLevel;
use crate::lang::LangTag;
use crate::rules::Rule;

/// The glossary file name looked for upward from the current directory.
pub const GLOSSARY_FILE: &str = "glossary.toml";

/// `--glossary`, or the nearest glossary.toml in `cwd` or above, as a path
/// relative to `cwd` (`glossary.toml`, `../glossary.toml`) so that messages
/// name it the way the user would.
/// The glossary a command uses: `given`, or the nearest `glossary.toml`
/// upward from `cwd`, loaded and validated. The one loader of every
/// command (`suggest` also runs without one).
pub(super) fn load_glossary(
    given: Option<&Path>,
    cwd: &Path,
) -> anyhow::Result<crate::glossary::Glossary> {
    Ok(crate::glossary::Glossary::load(&find_glossary(
        given, cwd,
    )?)?)
}

pub(super) fn find_glossary(given: Option<&Path>, cwd: &Path) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    cwd.ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(GLOSSARY_FILE).is_file())
        .map(|(up, _)| {
            std::iter::repeat_n(Path::new(".."), up)
                .collect::<PathBuf>()
                .join(GLOSSARY_FILE)
        })
        .with_context(|| {
            format!(
                "no {GLOSSARY_FILE} in {} or any folder above it; pass --glossary FILE",
                cwd.display()
            )
        })
}

/// Rule ids from `--select` / `--ignore`.
pub(super) fn parse_rules(flag: &str, ids: &[String]) -> anyhow::Result<Vec<Rule>> {
    ids.iter()
        .filter(|id| !id.trim().is_empty())
        .map(|id| match Rule::from_code(id.trim()) {
            Some(rule) => Ok(rule),
            None => bail!(Rule::unknown(id.trim(), &format!("in {flag}"))),
        })
        .collect()
}

pub(super) fn parse_language(tag: Option<&str>) -> anyhow::Result<Option<LangTag>> {
    tag.map(|t| {
        LangTag::parse(t).with_context(|| {
            format!("--language `{t}` is not a language tag (BCP 47, such as `en` or `uz-Latn`)")
        })
    })
    .transpose()
}

/// `--fix`, `--diff` and `--unsafe-fixes` together.
pub(super) fn fix_mode(args: &CheckArgs) -> anyhow::Result<Option<FixMode>> {
    let level = if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    };
    Ok(match (args.fix, args.diff) {
        (true, _) => Some(FixMode::Write(
            level,
            crate::fix::WriteOptions { force: args.force },
        )),
        (false, true) => Some(FixMode::Diff(level)),
        (false, false) if args.force => bail!("--force needs --fix"),
        (false, false) if args.unsafe_fixes => bail!("--unsafe-fixes needs --fix or --diff"),
        (false, false) => None,
    })
}

/// The lowest severity that makes the run fail, if any.
pub(super) fn fail_level(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    }
}

pub(super) fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// `--exclude` globs, or `None` when there are none.
pub(super) fn parse_excludes(globs: &[String]) -> anyhow::Result<Option<crate::globs::Globs>> {
    if globs.is_empty() {
        return Ok(None);
    }
    crate::globs::Globs::new(globs.iter().map(String::as_str))
        .map(Some)
        .map_err(|e| anyhow::anyhow!("--exclude: {e}"))
}

/// `--include-state` names, each an unfinished state (`crate::states`).
pub(super) fn parse_states(names: &[String]) -> anyhow::Result<Vec<&'static str>> {
    names
        .iter()
        .map(|name| {
            crate::states::known(name).ok_or_else(|| {
                anyhow::anyhow!(
                    "--include-state: `{name}` is not an unfinished state; states are: {} (finished states are always checked)",
                    crate::states::ALL.join(", ")
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{find_glossary, parse_rules};

    #[test]
    fn unknown_rule_names_the_flag_and_the_rules() {
        let err = parse_rules("--select", &["forbiden".to_owned()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown rule `forbiden` in --select (did you mean `forbidden`?); rules are: forbidden, near-miss, lookalike, case, inconsistent, cross-document, missing-translation, number-mismatch"
        );
    }

    #[test]
    fn glossary_is_found_upward() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        assert_eq!(
            find_glossary(None, &here).unwrap(),
            Path::new("../../glossary.toml")
        );
    }
}
