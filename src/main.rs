//! The `lede` command: parse the command line, run it, exit with its code.

use clap::Parser;

/// mimalloc: lede allocates many small strings from several threads at once,
/// where it is markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lede::cli::run(lede::cli::Cli::parse())
}
