//! The `svs` binary: hands the arguments, standard streams and environment to
//! [`svs::cli::run`] and exits with the status it returns.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// mimalloc: the pieces of a large file are parsed and decoded on several threads, where
/// the system allocator spent as much time again on their small allocations (see the
/// `mimalloc` feature in Cargo.toml).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let environment = svs::cli::Environment {
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        terminal_width: terminal_size::terminal_size_of(std::io::stdout())
            .map(|(width, _)| usize::from(width.0)),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Not locked for the whole run: the progress line is drawn on standard error from
    // another thread while the command runs.
    let mut err = std::io::stderr();
    let status = svs::cli::run(std::env::args_os(), &mut out, &mut err, environment);
    // A closed pipe at the final flush is not worth a message either.
    let _ = out.flush();
    ExitCode::from(status as u8)
}
