//! `beian`: the server and command-line tools of the ICP filing pre-check.
//! All the logic is in the library ([`beian_server`]).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    beian_server::cli::run(beian_server::cli::Cli::parse())
}
