//! The yardstick for `benches/scale.sh`: deserialises one YAML file into a generic value
//! with the same YAML crate and nothing else — no positions, no model, no checks.
//!
//! ```text
//! cargo run --release --example bare_parse -- FILE
//! ```

// A benchmark helper: it reports on standard error by design.
#![allow(clippy::print_stderr)]

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut options = serde_saphyr::Options::default();
    // No budget: the yardstick should not pay for limits it does not need.
    options.budget = None;
    match serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options) {
        Ok(value) => drop(value),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
