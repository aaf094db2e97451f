//! A progress line on standard error while a large catalogue loads: files and bytes read.
//!
//! Shown only when the command line allows it ([`enable`]: standard error is a terminal,
//! not `--quiet`, not in CI) and only once loading has taken about a second, so that
//! quick runs, pipes and logs never see it. It is drawn by a watcher thread that samples
//! the parser's byte count ([`super::yaml::bytes_parsed`]) ten times a second and clears
//! the line when loading ends.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::yaml;

/// Whether a progress line may be shown.
static ENABLED: AtomicBool = AtomicBool::new(false);

/// How long loading runs before the line appears.
const DELAY: Duration = Duration::from_secs(1);

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// Allows (or forbids) the progress line for the rest of the process.
pub fn enable(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether a progress line may be shown, for a command that draws its own (the commits
/// `svs history` reads).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Runs `load`, which counts finished files in the counter it is given, with a progress
/// line for `files` files of `bytes` bytes when allowed and slow enough to need one.
pub fn show<R>(files: usize, bytes: usize, load: impl FnOnce(&AtomicUsize) -> R) -> R {
    let done = AtomicUsize::new(0);
    if !ENABLED.load(Ordering::Relaxed) {
        return load(&done);
    }
    let base = yaml::bytes_parsed();
    let (finished, wait) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let done = &done;
        scope.spawn(move || {
            let start = Instant::now();
            let mut bar: Option<ProgressBar> = None;
            // Until `finished` is dropped: then `recv_timeout` returns at once.
            while let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(TICK) {
                if start.elapsed() < DELAY {
                    continue;
                }
                let parsed = yaml::bytes_parsed().saturating_sub(base).min(bytes);
                let parsed = u64::try_from(parsed).unwrap_or(u64::MAX);
                let message = format!("{}/{files} files", done.load(Ordering::Relaxed));
                // Created at the position reached, so that the first speed shown is not
                // the whole first second's reading in an instant.
                let bar = bar.get_or_insert_with(|| {
                    let style = ProgressStyle::with_template(
                        "{spinner} reading {msg}: {bytes}/{total_bytes} ({bytes_per_sec})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                    ProgressBar::with_draw_target(
                        Some(u64::try_from(bytes).unwrap_or(u64::MAX)),
                        ProgressDrawTarget::stderr(),
                    )
                    .with_style(style)
                    .with_message(message.clone())
                    .with_position(parsed)
                });
                bar.set_message(message);
                bar.set_position(parsed);
            }
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
        });
        let result = load(done);
        drop(finished);
        result
    })
}
