//! The command line: parse with clap, run a command, map the outcome to an
//! exit code (0 success, 1 content or template errors, 2 wrong usage).
//! This is one of the few modules that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::Diagnostics;
use crate::site::{self, BuildOptions, Failure, ModelOptions};

/// lede builds annotated news explainers (Markdown with YAML front matter)
/// into a fast, accessible static site.
#[derive(Debug, Parser)]
#[command(name = "lede", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
}

/// `lede build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holds site.yaml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish at this URL instead of site.yaml's base_url
    /// (e.g. https://user.github.io/repo/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include explainers marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Exit code: content or template errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: wrong usage.
pub const EXIT_USAGE: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(args),
    }
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print_diagnostics(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{}", diags.render(color()));
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        model: ModelOptions {
            drafts: args.drafts,
            base_url: args.base_url,
        },
    };
    match site::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            let warnings = match report.diagnostics.warning_count() {
                0 => String::new(),
                1 => ", 1 warning".to_string(),
                n => format!(", {n} warnings"),
            };
            println!(
                "built {} explainer{} ({} files) in {:.2} s{warnings} → {}",
                report.explainers,
                if report.explainers == 1 { "" } else { "s" },
                report.files,
                report.elapsed.as_secs_f64(),
                report.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Content(diags)) => {
            print_diagnostics(&diags);
            eprintln!(
                "build failed: {} error{}, {} warning{}; the previous output is unchanged",
                diags.error_count(),
                if diags.error_count() == 1 { "" } else { "s" },
                diags.warning_count(),
                if diags.warning_count() == 1 { "" } else { "s" },
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}\nbuild failed; the previous output is unchanged");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
