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

/// `mi_option_purge_delay` in the `mimalloc.h` of the mimalloc that libmimalloc-sys builds
/// (version 3), which does not name it; a test checks it against the option's default.
#[cfg(feature = "mimalloc")]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has mimalloc give freed memory back to the system after 10 ms rather than a second.
///
/// `svs lsp` drops the catalogue it checked and builds the next at every change; with a
/// second's delay the memory just freed stays resident while the next check allocates,
/// and a 45 MB catalogue's server peaked at 265 MiB against 195 MiB for `svs lint` of it
/// (`benches/scale.sh --lsp`). A one-shot command gains nothing from the purges, which
/// cost it system time, so only the server asks for them.
#[cfg(feature = "mimalloc")]
#[allow(unsafe_code)]
fn purge_promptly() {
    // SAFETY: sets one of mimalloc's numeric options, which its documentation allows at
    // run time; called before the server starts its threads, as the option is not
    // synchronised.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
}

fn main() -> ExitCode {
    let environment = svs::cli::Environment {
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        terminal_width: terminal_size::terminal_size_of(std::io::stdout())
            .map(|(width, _)| usize::from(width.0)),
        #[cfg(feature = "mimalloc")]
        for_a_server: Some(purge_promptly),
        #[cfg(not(feature = "mimalloc"))]
        for_a_server: None,
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

#[cfg(all(test, feature = "mimalloc"))]
mod tests {
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: reads an option; no other thread of this test sets one.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // mimalloc 3's default purge delay is 1000 ms, unless the environment sets it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(delay(), 1000);
        }
        super::purge_promptly();
        assert_eq!(delay(), 10);
    }
}
