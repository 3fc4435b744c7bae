//! The `termlint` binary: everything happens in `termlint::cli::run`; this
//! file prints the error chain and turns the result into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

// Loading a glossary is mostly small allocations (the TOML parser's tables,
// one string per rendering): with glibc's allocator they were a fifth of
// the load. mimalloc: the load of 25,000 renderings 0.90x, a check of the
// 200 MB corpus 0.95x (BENCHMARKS.md). Without transparent huge pages
// (`no_thp`): with them the kernel's time to zero a fresh 2 MB page made
// a small check take anywhere from 0.14 to 0.26 s, for 40 MB more memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Block-buffered: the standard stream flushes at every newline, which is
    // one system call per line of a large JSON report. Not locked for the
    // whole run: `termlint server` writes standard output from a thread of
    // its own, which a lock held here would block for ever.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let result = termlint::cli::run(std::env::args_os(), &mut out, &mut io::stderr())
        .and_then(|code| out.flush().map(|()| code).map_err(anyhow::Error::from));
    match result {
        Ok(status) => ExitCode::from(status),
        // A closed pipe (`termlint … | head`) is not an error worth a word.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "termlint: {}", chain(&e));
            ExitCode::from(termlint::cli::ExitStatus::Error)
        }
    }
}

/// The error and its causes, each said once: library errors already name
/// their cause in their own message (`cannot read glossary g.toml: No such
/// file…`), and `{:#}` would repeat it.
fn chain(e: &anyhow::Error) -> String {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}
