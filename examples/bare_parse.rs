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
    if saphyr {
        let mut events = 0u64;
        for next in saphyr_parser::Parser::new_from_str(&text) {
            match next {
                Ok(_) => events += 1,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1);
                }
            }
        }
        std::hint::black_box(events);
        return;
    }
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
