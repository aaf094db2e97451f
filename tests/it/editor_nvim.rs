//! `svs lsp` in a real editor: headless Neovim, with no configuration of its own, runs
//! `tests/editor/nvim.lua`, which starts the server on a small catalogue, reads the
//! diagnostics Neovim shows, fixes the dangling reference they point at, goes to a
//! definition (by request and by jumping, as `gd` does), renames an id and applies the
//! edit, then stops the server. The script writes what it saw as JSON; this test checks it.
//! A second test runs docs/editors.md's set-up for Neovim 0.7 as `init.lua`.
//!
//! Neovim is Debian's `neovim` package (0.7 in Debian 12); `bash .ci/run` installs it when
//! it is missing. The test fails, and says how to install it, when `nvim` is not there.

use crate::common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long Neovim may take for the whole script; it is killed after that.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The file with the `catalogue:` block: the organisations.
const CATALOGUE: &str = "\
svs: 1
catalogue:
  name: nvim check
  currency: GBP
  lint:
    allow: [SVS101, SVS103, SVS108, SVS109, SVS201, SVS202, SVS301, SVS302, SVS303, SVS304]
organizations:
  - id: acme
    name: Acme Ltd
  - id: telco
    name: Telco plc
";

/// The file Neovim edits: references to `acme` and one to `ghost`, which names no
/// organisation.
const DEALS: &str = "\
svs: 1
people:
  - id: jane
    name: Jane Doe
    organization: acme
services:
  - id: mobile
    name: Mobile
    provider: telco
offerings:
  - id: plan
    name: Plan
    provider: telco
    services: [mobile]
relationships:
  - id: acme-plan
    provider: telco
    consumer: acme
    offering: plan
  - id: ghost-plan
    provider: telco
    consumer: ghost
    offering: plan
";

/// The zero-based number of the only line of `text` that is `line`.
fn line_of(text: &str, line: &str) -> u64 {
    let found: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .map(|(number, _)| number)
        .collect();
    assert_eq!(found.len(), 1, "{line:?} is once in the text");
    found[0] as u64
}

/// Runs `tests/editor/{script}` in Neovim on a catalogue in `root`, with `init` as the
/// configuration (none when `None`) and every Neovim directory below `home`; returns
/// what the script wrote. Panics with Neovim's output and the client's log when Neovim
/// hangs, fails, or the script writes nothing or fails.
fn run_neovim(root: &Path, home: &Path, init: Option<&Path>, script: &str) -> Value {
    common::require_program("nvim", "neovim");
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/editor")
        .join(script);
    let svs = Path::new(env!("CARGO_BIN_EXE_svs"));
    // `svs` on `PATH` first, for a set-up that starts `svs lsp` by name.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(svs.parent().expect("the binary's directory").to_owned())
            .chain(std::env::split_paths(&path)),
    )
    .expect("a PATH");
    let out = home.join("out.json");
    let stdout = home.join("nvim.stdout");
    let stderr = home.join("nvim.stderr");
    let mut child = Command::new("nvim")
        // No user configuration, plugins, shada or swap files; no terminal.
        .args(["--headless", "--clean", "-i", "NONE", "-n", "-u"])
        .arg(init.map_or(Path::new("NONE"), |init| init))
        .args(["-c", "lua dofile(os.getenv('SVS_SCRIPT'))"])
        .env("SVS_SCRIPT", &script)
        .env("SVS_ROOT", root)
        .env("SVS_OUT", &out)
        .env("SVS_BIN", svs)
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NVIM_LOG_FILE", home.join("nvim.log"))
        .env_remove("NVIM")
        .env_remove("NVIM_LISTEN_ADDRESS")
        .env_remove("VIMINIT")
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).expect("a file for Neovim's stdout"))
        .stderr(File::create(&stderr).expect("a file for Neovim's stderr"))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `nvim` ({e})"));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("Neovim's status") {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    let context = || {
        format!(
            "\n--- Neovim's stdout:\n{}\n--- its stderr:\n{}\n--- the client's log:\n{}",
            read(&stdout),
            read(&stderr),
            read(&home.join("cache/nvim/lsp.log")),
        )
    };
    match status {
        None => panic!(
            "Neovim did not finish within {} s{}",
            TIMEOUT.as_secs(),
            context()
        ),
        Some(status) if !status.success() => panic!("Neovim failed: {status}{}", context()),
        Some(_) => {}
    }
    let text = std::fs::read_to_string(&out)
        .unwrap_or_else(|e| panic!("the script wrote no {} ({e}){}", out.display(), context()));
    let seen: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the script wrote no JSON ({e}): {text}{}", context()));
    assert!(
        seen.get("error").is_none(),
        "the script failed: {}\n--- what it saw:\n{seen:#}{}",
        seen["error"].as_str().unwrap_or_default(),
        context()
    );
    seen
}

/// A `range` from zero-based line and columns on one line.
fn range(line: u64, start: u64, end: u64) -> Value {
    json!({
        "start": { "line": line, "character": start },
        "end": { "line": line, "character": end },
    })
}

/// A temporary directory with the catalogue in `catalogue/`, canonical, and an empty
/// `home/` for Neovim.
fn catalogue() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().expect("temporary directory");
    let root = temp.path().join("catalogue");
    let home = temp.path().join("home");
    std::fs::create_dir_all(&root).expect("the catalogue's directory");
    std::fs::create_dir_all(&home).expect("Neovim's home");
    let root = root.canonicalize().expect("a canonical path");
    std::fs::write(root.join("catalogue.yaml"), CATALOGUE).expect("catalogue.yaml");
    std::fs::write(root.join("deals.yaml"), DEALS).expect("deals.yaml");
    (temp, root, home)
}

#[test]
fn neovim_shows_the_findings_goes_to_definitions_and_renames() {
    let (_temp, root, home) = catalogue();
    let seen = run_neovim(&root, &home, None, "nvim.lua");
    let uri = |name: &str| {
        svs::lsp::convert::path_to_uri(&root.join(name))
            .as_str()
            .to_owned()
    };

    // The dangling reference, where `svs lint` puts it (line 22, column 15, one-based).
    let ghost = line_of(DEALS, "    consumer: ghost");
    assert_eq!(
        seen["opened"],
        json!([{
            "line": ghost, "col": 14, "end_line": ghost, "end_col": 19,
            "severity": 1, "code": "SVS005", "source": "svs",
            "message": "unknown organization `ghost` in `consumer` of relationship `ghost-plan`",
        }]),
        "{seen:#}"
    );
    assert_eq!(seen["opened_catalogue"], json!([]), "{seen:#}");
    // Typing `acme` over `ghost` clears it: the other findings are allowed.
    assert_eq!(seen["fixed"], json!([]), "{seen:#}");

    // From `organization: acme` to `- id: acme` in the other file.
    let acme = line_of(CATALOGUE, "  - id: acme");
    assert_eq!(
        seen["definition"],
        json!({ "uri": uri("catalogue.yaml"), "range": range(acme, 8, 12) }),
        "{seen:#}"
    );
    assert_eq!(
        seen["jumped"],
        json!({
            "file": root.join("catalogue.yaml").to_str().expect("a UTF-8 path"),
            "line": acme + 1,
            "col": 8,
        }),
        "{seen:#}"
    );

    // The rename names the definition and every reference, and nothing else (not the
    // relationship `acme-plan`).
    let edit = |line: u64, start: u64| json!({ "range": range(line, start, start + 4), "newText": "acme-corp" });
    let (catalogue, deals) = (uri("catalogue.yaml"), uri("deals.yaml"));
    assert_eq!(
        seen["rename"],
        json!({ "changes": {
            catalogue: [edit(acme, 8)],
            deals: [
                edit(line_of(DEALS, "    organization: acme"), 18),
                edit(line_of(DEALS, "    consumer: acme"), 14),
                edit(ghost, 14),
            ],
        } }),
        "{seen:#}"
    );
    let renamed = |text: &str| {
        text.replace(": acme\n", ": acme-corp\n")
            .replace(": ghost\n", ": acme-corp\n")
    };
    assert_eq!(seen["renamed"]["catalogue"], renamed(CATALOGUE), "{seen:#}");
    assert_eq!(seen["renamed"]["deals"], renamed(DEALS), "{seen:#}");
    assert!(DEALS.contains("id: acme-plan\n") && renamed(DEALS).contains("id: acme-plan\n"));
    // With both buffers renamed, the catalogue still loads clean.
    assert_eq!(
        seen["after_rename"],
        json!({ "catalogue": [], "deals": [] }),
        "{seen:#}"
    );

    // `shutdown` then `exit`: the server ends cleanly.
    assert_eq!(seen["exit"], json!({ "code": 0, "signal": 0 }), "{seen:#}");
}

/// The `lua` block of docs/editors.md that starts the server with `start_client`.
fn neovim_0_7_set_up() -> &'static str {
    let docs = include_str!("../../docs/editors.md");
    docs.split("```lua\n")
        .skip(1)
        .map(|block| &block[..block.find("```").expect("the block ends")])
        .find(|block| block.contains("vim.lsp.start_client("))
        .expect("docs/editors.md has a set-up for Neovim 0.7")
}

#[test]
fn the_neovim_0_7_set_up_of_the_docs_starts_one_server_for_the_catalogue() {
    let (_temp, root, home) = catalogue();
    let init = home.join("init.lua");
    std::fs::write(&init, neovim_0_7_set_up()).expect("init.lua");
    let seen = run_neovim(&root, &home, Some(&init), "nvim-setup.lua");
    // One server for both files, rooted at the catalogue, showing its finding.
    assert_eq!(
        seen["clients"],
        json!([{
            "name": "svs",
            "root_dir": root.to_str().expect("a UTF-8 path"),
            "deals": true,
            "catalogue": true,
        }]),
        "{seen:#}"
    );
    assert_eq!(seen["codes"], json!(["SVS005"]), "{seen:#}");
    assert_eq!(seen["filetype"], "yaml", "{seen:#}");
    assert_eq!(seen["omnifunc"], "v:lua.vim.lsp.omnifunc", "{seen:#}");
}
