//! termlint keeps proper names consistent across translations.
//!
//! The pipeline, one way, each stage returning data:
//!
//! ```text
//! glossary::Glossary::load      glossary.toml → validated terms
//! scan::walk / scan::read       paths → documents (text, language, segments)
//! matcher::Matcher::find        segment → term matches (original ranges): folds
//!                               as it searches, or searches a folded copy
//! rules::run_document           matches → findings (severity resolved)
//! report::render                sorted findings → human / JSON
//! cli::run                      exit code from the findings and errors
//! ```
//!
//! The library API exists for the binary, the tests and the benchmarks; it is
//! not a stable interface.

pub mod baseline;
pub mod check;
pub mod cli;
pub mod closest;
pub mod diagnostic;
pub mod dictionary;
pub mod encoding;
pub mod error;
pub mod fix;
pub mod globs;
pub mod glossary;
pub(crate) mod hash;
pub mod inflect;
pub mod interchange;
pub mod iso639;
pub mod lang;
pub mod langnames;
pub mod matcher;
pub mod matrix;
mod months;
pub mod normalize;
pub mod numbers;
pub mod position;
pub mod report;
pub mod rule;
pub mod rules;
pub mod scan;
pub mod server;
pub mod sets;
pub mod states;
pub mod suggest;
