//! `--format concise`: `path:line:col: severity rule message`, one line per
//! finding and nothing else, the shape editors' error lists parse (vim's
//! `errorformat` `%f:%l:%c: %m`, VS Code problem matchers). Columns count
//! characters, like the JSON output.

use std::io::{self, Write};

use super::{for_each_located, Report};
use crate::position::ColumnUnit;

pub(super) fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    for_each_located(report, |f, idx| {
        let at = idx.position_in(f.range.start, ColumnUnit::Chars);
        // A message never holds a newline today; keep the one-line promise
        // even if one ever does.
        let message = f.message().replace(['\r', '\n'], " ");
        writeln!(
            w,
            "{}:{}:{}: {} {} {message}",
            f.path(),
            at.line,
            at.column,
            f.severity,
            f.rule
        )
    })
}
