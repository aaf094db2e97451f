//! The yardstick for `benches/scale.sh`: walks every event of one YAML file with the
//! parser `svs` uses (granit-parser), building nothing: the floor any loader must pay.
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
    let mut options = granit_parser::Options::default();
    options.set_emit_comments(false);
    let mut parser = granit_parser::Parser::new_from_str_with_options(&text, options);
    let mut events = 0u64;
    while let Some(next) = parser.next_event() {
        match next {
            Ok(_) => events += 1,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    std::hint::black_box(events);
}
