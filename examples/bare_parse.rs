//! The yardstick for `benches/scale.sh`: walks every event of one YAML file with an event
//! parser, building nothing: the floor any loader must pay. By default the parser is the
//! one `svs` uses (granit-parser); `--saphyr` walks with saphyr-parser, the parser it was
//! forked from, which is a little faster and so the stricter yardstick.
//!
//! ```text
//! cargo run --release --example bare_parse -- [--saphyr] FILE
//! ```

// A benchmark helper: it reports on standard error by design.
#![allow(clippy::print_stderr)]

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let saphyr = args.first().is_some_and(|a| a == "--saphyr");
    if saphyr {
        args.remove(0);
    }
    let [path] = args.as_slice() else {
        eprintln!("usage: bare_parse [--saphyr] FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let events = if saphyr {
        walk(saphyr_parser::Parser::new_from_str(&text))
    } else {
        let mut options = granit_parser::Options::default();
        options.set_emit_comments(false);
        walk(granit_parser::Parser::new_from_str_with_options(
            &text, options,
        ))
    };
    std::hint::black_box(events);
}

/// Counts the events, and stops at the first syntax error.
fn walk<E, R: std::fmt::Display>(parser: impl Iterator<Item = Result<E, R>>) -> u64 {
    let mut events = 0u64;
    for next in parser {
        match next {
            Ok(_) => events += 1,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    events
}
