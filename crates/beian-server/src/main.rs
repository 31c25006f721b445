//! `beian`: the server and command-line tools of the ICP filing pre-check.
//! All the logic is in the library ([`beian_server`]).

use std::process::ExitCode;

use clap::Parser;

mod check_cmd;

fn main() -> ExitCode {
    // `check` and `template` (batch import, issue 9) live in check_cmd.rs.
    if let Some(code) = check_cmd::dispatch(std::env::args_os().collect()) {
        return code;
    }
    beian_server::cli::run(beian_server::cli::Cli::parse())
}
