//! The `lede` command: parse the command line, run it, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    lede::cli::run(lede::cli::Cli::parse())
}
