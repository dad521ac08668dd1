//! The `lede` command: parse the command line, run it, exit with its code.

use clap::Parser;

/// mimalloc: lede allocates many small strings from several threads at once,
/// where it is markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // No transparent huge pages for lede's heap. mimalloc asks for them
    // (`madvise`), and a build's short-lived heap then has the kernel zero
    // 2 MiB at a time, over and over as pages are returned and taken back:
    // about a tenth of a 10,000-explainer build's CPU (docs/performance.md,
    // "Allocator"). What mimalloc's `MIMALLOC_ALLOW_THP=0` does, in code.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    lede::cli::run(lede::cli::Cli::parse())
}
