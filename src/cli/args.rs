//! Command-line arguments: clap types only. Nothing outside `cli/` sees them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// termlint keeps proper names consistent across translations.
///
/// It checks documents against a glossary of places, people, titles,
/// organisations, projects and events (glossary.toml) and reports forbidden
/// renderings, near-misses of a name ("Birlistik-2024" for
/// "Birlestik-2024"), look-alike characters (a Cyrillic "а" inside
/// "Astana"), wrong letter case, and documents that name one thing in two
/// ways. Across the translations of one text it reports names a
/// translation leaves out and numbers it states differently
/// (`termlint explain` lists every rule).
///
/// Without a command, termlint runs `check`.
#[derive(Debug, Parser)]
#[command(
    name = "termlint",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  termlint check fixtures/seeds\n  termlint check docs/ --format json\n  termlint explain lookalike\n  termlint suggest docs/ > proposed.toml\n  termlint glossary lint\n  termlint glossary import terms.tbx > glossary.toml\n\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, glossary or I/O error."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check documents against the glossary (the default command)
    Check(Box<CheckArgs>),
    /// Show the consistency matrix of each set of documents: terms down,
    /// documents across, disagreements marked
    Report {
        /// Files and directories to read [default: .]
        paths: Vec<PathBuf>,
        /// The glossary [default: the nearest glossary.toml upward]
        #[arg(long, value_name = "FILE")]
        glossary: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
        /// Write the report to this file instead of standard output (the
        /// way to get `--format xlsx`)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// When to colour the terminal table (`auto`: on a terminal, unless
        /// NO_COLOR is set)
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Propose glossary entries from the documents: names the glossary lacks,
    /// variants grouped, printed as glossary.toml
    Suggest {
        /// Files and directories to read [default: .]
        paths: Vec<PathBuf>,
        /// The glossary whose terms are already known [default: the nearest
        /// glossary.toml; none is fine]
        #[arg(long, value_name = "FILE")]
        glossary: Option<PathBuf>,
        /// Propose only names seen at least N times in all (all the
        /// spellings of one name together): a large corpus's one-off
        /// capitalised phrases stay out
        #[arg(long, value_name = "N", default_value_t = 1)]
        min_count: usize,
        /// Guess each proposal's category instead of writing `other`:
        /// `person` after a title ("President …"), `event`, `organization`
        /// or `place` from a word of the name ("Forum", "Centre", "Sea")
        #[arg(long)]
        category_hints: bool,
        /// Ask the Hunspell dictionaries again instead of using the
        /// answers earlier runs kept (see `check --no-cache`)
        #[arg(long)]
        no_cache: bool,
    },
    /// Run as a language server (LSP over standard input and output), for
    /// findings and fixes in an editor while you type: each open document is
    /// checked against the nearest glossary.toml above it
    Server,
    /// Explain a rule: what it finds, why it matters, an example, its fix
    Explain {
        /// A rule id such as `forbidden`; without one, list every rule
        rule: Option<String>,
    },
    /// Work with glossary files
    Glossary {
        #[command(subcommand)]
        command: GlossaryCommand,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum GlossaryCommand {
    /// Validate a glossary and print what it holds
    Lint {
        /// The glossary to validate [default: the nearest glossary.toml upward]
        file: Option<PathBuf>,
        /// The glossary to validate, as `check --glossary` names it
        #[arg(long = "glossary", value_name = "FILE", conflicts_with = "file")]
        glossary: Option<PathBuf>,
    },
    /// Convert a term base (TBX v2 or v3, CSV, TSV, UTX) into glossary.toml,
    /// printed on stdout
    ///
    /// TBX statuses map as preferred → preferred, admitted → accepted,
    /// deprecated and superseded → forbidden; notes and definitions become
    /// the term's note. A CSV or TSV file's first row names its columns:
    /// language tags (`en`, `ru`) for preferred renderings, `accepted:<tag>`
    /// and `forbidden:<tag>` for others (several separated by `|`), and
    /// `id`, `category`, `note`, `case`, `inflect`, `forms`.
    #[command(
        after_help = "Examples:\n  termlint glossary import terms.tbx > glossary.toml\n  termlint glossary import terms.csv > glossary.toml\n  termlint glossary import omegat-glossary.txt --columns en,fr,note"
    )]
    Import {
        /// The term base: .tbx, .csv, .tsv, .utx, or a spreadsheet (.xlsx,
        /// .xls, .ods: its first sheet); other names: by content
        file: PathBuf,
        /// Column names for a CSV or TSV file or spreadsheet without a
        /// header row, comma separated (`en,fr,note`)
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        columns: Option<Vec<String>>,
        /// The character between a CSV file's cells: `,` `;` or `tab`
        /// [default: the most frequent of them in the first line]
        #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
        delimiter: Option<u8>,
    },
    /// Write the glossary's terms as TBX, CSV or TSV on stdout, for
    /// terminology tools and spreadsheets
    ///
    /// termlint settings without a TBX data category (category, case,
    /// inflect, forms, near-miss-words) are written as notes of the form
    /// `termlint: key = value`, which `glossary import` reads back. Project
    /// settings ([defaults], [rules], [[set]], [[ignore]]) are not
    /// terminology and are not exported.
    Export {
        /// The glossary to export [default: the nearest glossary.toml upward]
        file: Option<PathBuf>,
        /// The glossary to export, as `check --glossary` names it
        #[arg(long = "glossary", value_name = "FILE", conflicts_with = "file")]
        glossary: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Tbx)]
        format: ExportFormat,
    },
}

/// `--delimiter`: one ASCII character, or `tab`.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() && s != "\"" => Ok(s.as_bytes()[0]),
        _ => Err("one ASCII character such as `;`, or `tab`".to_owned()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style
    Tbx,
    /// comma-separated, with a header row of column names
    Csv,
    /// tab-separated, with a header row of column names
    Tsv,
}

#[derive(Debug, Args)]
#[command(rename_all = "kebab-case")]
pub(crate) struct CheckArgs {
    /// Files and directories to check; directories are walked recursively,
    /// honouring .gitignore; `-` reads standard input [default: .]
    pub(crate) paths: Vec<PathBuf>,

    /// The glossary to check against [default: the nearest glossary.toml in
    /// the current directory or above]
    #[arg(long, value_name = "FILE", help_heading = "Config")]
    pub(crate) glossary: Option<PathBuf>,

    /// Treat every document as written in this language (a BCP 47 tag such
    /// as `ru` or `uz-Latn`), overriding file names and folders
    #[arg(long, value_name = "TAG", help_heading = "Config")]
    pub(crate) language: Option<String>,

    /// Run only these rules (comma-separated ids, see `termlint explain`)
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        help_heading = "Rules"
    )]
    pub(crate) select: Option<Vec<String>>,

    /// Never run these rules (comma-separated ids)
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        help_heading = "Rules"
    )]
    pub(crate) ignore: Vec<String>,

    /// Walk directories without honouring .gitignore, .ignore and
    /// git's exclude files
    #[arg(long, help_heading = "Files")]
    pub(crate) no_ignore: bool,

    /// Ask the Hunspell dictionaries again instead of using the answers
    /// earlier runs kept (in ~/.cache/termlint, or $TERMLINT_CACHE_DIR;
    /// set it empty to keep none): reading a dictionary costs 25 to 150 ms
    /// a language, a kept answer nothing
    #[arg(long, help_heading = "Rules")]
    pub(crate) no_cache: bool,

    /// Do not check files matching this glob, walked or named (ripgrep's
    /// glob syntax: `*.bak`, `drafts`, `/docs/old/**`); repeatable. Globs in
    /// glossary.toml's `[files] exclude` apply as well
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    pub(crate) exclude: Vec<String>,

    /// Also check translation units in this unfinished state, skipped by
    /// default: XLIFF `new`, `needs-translation`, `needs-adaptation`,
    /// `needs-l10n`, `initial`; PO `fuzzy`, `obsolete` (comma-separated)
    #[arg(
        long,
        value_name = "STATES",
        value_delimiter = ',',
        help_heading = "Files"
    )]
    pub(crate) include_state: Vec<String>,

    /// Read files that are not UTF-8 in this charset (a WHATWG label:
    /// windows-1251, latin1, koi8-r, shift_jis, utf-16le); without it, a
    /// charset the file declares or one detected from its text. --fix
    /// writes such files back in their charset
    #[arg(short = 'E', long, value_name = "LABEL", help_heading = "Files")]
    pub(crate) encoding: Option<String>,

    /// The file name standard input (`-`) stands for: its extension picks
    /// the format (`.po`, `.xliff`, `.md`), its folders and name the
    /// language and set, and findings name it [default: `-`, plain text]
    #[arg(long, value_name = "NAME", help_heading = "Files")]
    pub(crate) stdin_filename: Option<PathBuf>,

    /// List each file a walk passed over (not documents, links) on stderr
    #[arg(short, long, help_heading = "Output")]
    pub(crate) verbose: bool,

    /// Report only findings beyond those recorded in this baseline file;
    /// recorded findings that no longer occur are reported as stale
    #[arg(long, value_name = "FILE", help_heading = "Rules")]
    pub(crate) baseline: Option<PathBuf>,

    /// Record every current finding in this baseline file and exit 0
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"], help_heading = "Rules")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// Ignore `termlint: ignore`, `termlint: off` and `termlint: on`
    /// directives in documents
    #[arg(long, help_heading = "Rules")]
    pub(crate) no_inline_config: bool,

    /// Number of threads [default: the number of cores]
    #[arg(short = 'j', long, value_name = "N", help_heading = "Files")]
    pub(crate) threads: Option<usize>,

    /// Rewrite the files: apply every fix that is certainly right
    /// (forbidden, lookalike, case), then report what remains
    #[arg(long, help_heading = "Fixing")]
    pub(crate) fix: bool,

    /// With --fix or --diff, also apply fixes that are probably right but may
    /// change meaning (near-miss, inconsistent)
    #[arg(long, help_heading = "Fixing")]
    pub(crate) unsafe_fixes: bool,

    /// With --fix, also rewrite read-only files (they stay read-only);
    /// without it they are reported and left alone
    #[arg(long, help_heading = "Fixing")]
    pub(crate) force: bool,

    /// Print the fixes as a unified diff and change nothing; exit 1 if there
    /// is something to fix
    #[arg(long, conflicts_with = "fix", help_heading = "Fixing")]
    pub(crate) diff: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub(crate) format: OutputFormat,

    /// Print nothing but errors: the exit code says whether there are
    /// findings (for scripts and hooks)
    #[arg(short, long, conflicts_with = "verbose", help_heading = "Output")]
    pub(crate) quiet: bool,

    /// Write the report to this file instead of standard output (replaced
    /// whole, never left half-written)
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub(crate) output: Option<PathBuf>,

    /// Count findings per rule and per term (with the forms found) instead
    /// of listing them; as JSON with --format json
    #[arg(long, help_heading = "Output")]
    pub(crate) statistics: bool,

    /// Exit with 1 when a finding has this severity or a higher one
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL", help_heading = "Output")]
    pub(crate) fail_on: FailOn,

    /// When to colour human output (`auto`: on a terminal, unless NO_COLOR
    /// is set)
    #[arg(long, value_enum, default_value_t = Color::Auto, help_heading = "Output")]
    pub(crate) color: Color,
}

/// `check --format`: clap's side of `report::Format`, which stays free of
/// the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// rustc-style diagnostics with the source line and a summary
    Human,
    /// `path:line:col: severity rule message`, one line per finding, for
    /// editors' error lists (columns in characters)
    Concise,
    /// one JSON document with every finding, for scripts (columns in
    /// characters)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    /// (columns in UTF-16 code units)
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    /// (columns in UTF-16 code units)
    Github,
    /// reviewdog's line-delimited diagnostic JSON (columns in UTF-8 bytes)
    Rdjsonl,
    /// GitLab Code Quality JSON, for `artifacts: reports: codequality`
    /// (columns in characters)
    Gitlab,
}

impl From<OutputFormat> for crate::report::Format {
    fn from(format: OutputFormat) -> Self {
        use crate::report::Format;
        match format {
            OutputFormat::Human => Format::Human,
            OutputFormat::Concise => Format::Concise,
            OutputFormat::Json => Format::Json,
            OutputFormat::Sarif => Format::Sarif,
            OutputFormat::Github => Format::Github,
            OutputFormat::Rdjsonl => Format::Rdjsonl,
            OutputFormat::Gitlab => Format::Gitlab,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// a table per set, with a legend of the marks
    Human,
    /// the matrices as JSON
    Json,
    /// one self-contained HTML page to send to an editor
    Html,
    /// one table per set for a spreadsheet, marks written out
    Csv,
    /// an Excel workbook: a sheet per set, marked cells coloured (with -o)
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on errors only
    Error,
    /// Fail on warnings and errors
    Warning,
    /// Never fail because of findings (I/O and glossary errors still exit 2)
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}
