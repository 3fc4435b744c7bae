//! Arguments → settings, once: find the glossary, parse rule lists and the
//! language, decide on colour. Nothing after this step sees clap types.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use super::args::{CheckArgs, Color, FailOn};
use crate::check::{CheckOptions, FixMode, Stdin};
use crate::diagnostic::Severity;
use crate::fix::FixLevel;
use crate::glossary::Glossary;
use crate::lang::LangTag;
use crate::rules::Rule;
use crate::rules::RuleSet;

pub use crate::glossary::GLOSSARY_FILE;

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

/// `load_glossary`, or an empty glossary where there is none (`suggest`
/// proposes one from nothing). A glossary that is there but does not load
/// is an error, as for every other command.
pub(super) fn load_glossary_if_any(
    given: Option<&Path>,
    cwd: &Path,
) -> anyhow::Result<crate::glossary::Glossary> {
    match find_glossary(given, cwd) {
        Ok(path) => Ok(crate::glossary::Glossary::load(&path)?),
        Err(_) => Ok(crate::glossary::Glossary::from_str(
            "",
            Path::new("(no glossary)"),
        )?),
    }
}

/// `--glossary`, or the nearest glossary.toml in `cwd` or above, as a path
/// relative to `cwd` (`glossary.toml`, `../glossary.toml`) so that messages
/// name it the way the user would.
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

/// Everything `check` will do, decided from its arguments in one place
/// (as ripgrep's `HiArgs`): the command reads this, never a clap type, and
/// a contradiction between flags is an error before any file is read.
pub(super) struct CheckSettings {
    pub options: CheckOptions,
    /// What to check; `-` (standard input) is in `options.stdin`.
    pub paths: Vec<PathBuf>,
    pub show: Show,
    /// `--fail-on`: the lowest severity that fails the run, if any.
    pub fail_level: Option<Severity>,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub verbose: bool,
}

/// How the report is shown.
pub(super) struct Show {
    pub format: crate::report::Format,
    pub statistics: bool,
    pub quiet: bool,
    pub color: bool,
    /// `--output`: written whole when the run ends, never half.
    pub output: Option<PathBuf>,
}

impl CheckSettings {
    // Kept whole: every argument becomes a setting here, in one place, by design (issue 26).
    pub(super) fn new(args: &CheckArgs, glossary: &Glossary) -> anyhow::Result<CheckSettings> {
        let select = args
            .select
            .as_deref()
            .map(|s| parse_rules("--select", s))
            .transpose()?;
        let ignore = parse_rules("--ignore", &args.ignore)?;
        let rules = RuleSet::new(glossary, select.as_deref(), &ignore);
        // number-mismatch needs no glossary; every other rule finds nothing
        // without renderings, which must not read as an all-clear.
        let needs_terms = Rule::ALL
            .iter()
            .any(|&r| r != Rule::NumberMismatch && rules.severity(r).is_some());
        if needs_terms && glossary.rendering_count() == 0 {
            bail!(
                "{}; to check only the numbers of translations, use --select number-mismatch",
                super::no_renderings(&glossary.path)
            );
        }
        let dash = Path::new("-");
        let encoding = args
            .encoding
            .as_deref()
            .map(crate::encoding::Charset::parse_label)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--encoding: {e}"))?
            .flatten();
        let options = CheckOptions {
            stdin: read_stdin(args)?,
            encoding,
            language: parse_language(args.language.as_deref())?,
            rules,
            no_ignore: args.no_ignore,
            fix: fix_mode(args)?,
            no_inline_config: args.no_inline_config,
            not_documents: args
                .baseline
                .iter()
                .chain(&args.write_baseline)
                .cloned()
                .collect(),
            exclude: parse_excludes(&args.exclude)?,
            include_states: parse_states(&args.include_state)?,
            dictionary_search: crate::dictionary::standard_locations(),
            dictionary_cache: crate::dictionary::cache_location().filter(|_| !args.no_cache),
            buffers: Vec::new(),
        };
        let paths = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths.iter().filter(|p| *p != dash).cloned().collect()
        };
        Ok(CheckSettings {
            options,
            paths,
            show: Show {
                format: args.format.into(),
                statistics: args.statistics,
                quiet: args.quiet,
                color: use_color(args.color) && args.output.is_none(),
                output: args.output.clone(),
            },
            fail_level: fail_level(args.fail_on),
            baseline: args.baseline.clone(),
            write_baseline: args.write_baseline.clone(),
            verbose: args.verbose,
        })
    }
}

/// Standard input, if `-` is among the paths, read whole.
fn read_stdin(args: &CheckArgs) -> anyhow::Result<Option<Stdin>> {
    let dash = Path::new("-");
    Ok(
        match (args.paths.iter().any(|p| p == dash), &args.stdin_filename) {
            (false, None) => None,
            (false, Some(_)) => {
                bail!("--stdin-filename names standard input; add `-` to the paths to read it")
            }
            (true, name) => {
                if args.fix {
                    bail!("--fix cannot rewrite standard input; use --diff to see the fixes");
                }
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                    .context("cannot read standard input")?;
                Some(Stdin {
                    name: name.clone().unwrap_or_else(|| dash.to_path_buf()),
                    bytes: bytes.into(),
                })
            }
        },
    )
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
fn fail_level(fail_on: FailOn) -> Option<Severity> {
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
