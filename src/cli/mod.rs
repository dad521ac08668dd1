//! The command line: parse with clap, run a command, map the outcome to an
//! exit code (0 success, 1 content or template errors, 2 wrong usage).
//! This is one of the few modules that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod progress;
mod report;

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::site::output::Sweep;
use crate::site::{self, BuildOptions, Failure, ModelOptions};
use progress::ProgressDisplay;
use report::{BUILD_WARNINGS_SHOWN, SHOWN_PER_KIND, plural, print_diagnostics, warnings};

/// lede builds annotated news explainers (Markdown with YAML front matter)
/// into a fast, accessible static site.
#[derive(Debug, Parser)]
#[command(name = "lede", version = env!("LEDE_VERSION"), about, propagate_version = true)]
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
    /// Serve the site on this machine, rebuilding and reloading open pages
    /// as files change.
    Serve(ServeArgs),
    /// Check everything a build checks, and more; write nothing.
    Check(CheckArgs),
    /// Start a new explainer: content/SLUG.md with every front matter
    /// field ready to fill in.
    New(NewArgs),
    /// Make a new site in DIR, with a GitHub Pages workflow.
    Init(InitArgs),
    /// Print the JSON Schema of explainer front matter (for editors).
    Schema,
    /// Internal (used by `serve`): read search records as JSON on stdin,
    /// write the Pagefind bundle on stdout.
    #[command(name = "__search-index", hide = true)]
    SearchIndex {
        /// The site's language (`en`, `fr-CA`).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Internal (started by `build`): remove an old output swapped out.
    #[command(name = "__sweep", hide = true)]
    Sweep {
        /// The folder (`public.lede-tmp-<pid>`).
        dir: PathBuf,
    },
}

/// `lede build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holds site.yaml and content/) [default: the current
    /// folder, or the nearest one above it with a site.yaml].
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        hide_default_value = true,
        value_parser = site_root
    )]
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
    /// Include explainers dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Skip the search index (faster; the search page says search is off).
    #[arg(long)]
    pub no_search: bool,
    /// Ignore .lede-cache/: encode every image again (and rewrite the cache).
    #[arg(long)]
    pub no_cache: bool,
}

/// `lede serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holds site.yaml and content/) [default: the current
    /// folder, or the nearest one above it with a site.yaml].
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        hide_default_value = true,
        value_parser = site_root
    )]
    pub root: PathBuf,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address shows the
    /// site to the network.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Include explainers marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Keep no search index (it is otherwise rebuilt in the background
    /// after each change; on a large site that takes a core and memory).
    #[arg(long)]
    pub no_search: bool,
}

/// `lede check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder (holds site.yaml and content/) [default: the current
    /// folder, or the nearest one above it with a site.yaml].
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        hide_default_value = true,
        value_parser = site_root
    )]
    pub root: PathBuf,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Check explainers marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// Check explainers dated in the future as if published.
    #[arg(long)]
    pub future: bool,
    /// Show every finding: without it, at most 20 of one kind in one file
    /// are shown in full, then a line with the count of the rest.
    #[arg(long)]
    pub all: bool,
}

/// `lede new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The explainer's headline; the file is named after it.
    pub title: String,
    /// The site folder (holds site.yaml and content/) [default: the current
    /// folder, or the nearest one above it with a site.yaml].
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".",
        hide_default_value = true,
        value_parser = site_root
    )]
    pub root: PathBuf,
}

/// `lede init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the site in (new, or empty but for hidden
    /// entries such as .git).
    pub dir: PathBuf,
    /// Where the site is published from: the workflow init writes.
    #[arg(long, value_enum, default_value_t = crate::scaffold::Ci::Github)]
    pub ci: crate::scaffold::Ci,
}

/// Exit code: content or template errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: wrong usage.
pub const EXIT_USAGE: u8 = 2;

/// `--root`, resolved as [`crate::site::find_site`] does (the default `.`
/// goes through it too).
fn site_root(arg: &str) -> Result<PathBuf, std::convert::Infallible> {
    Ok(crate::site::find_site(PathBuf::from(arg)))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
        Command::Check(args) => check(args),
        Command::New(args) => new(args),
        Command::Init(args) => init(args),
        Command::Schema => schema(),
        Command::Sweep { dir } => match site::output::sweep(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot remove {}: {e}", dir.display());
                ExitCode::from(1)
            }
        },
        Command::SearchIndex { language } => match crate::site::search::index_stdio(&language) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

/// Prints a failure that is not content errors, and its exit code.
fn fail(failure: Failure, what: &str) -> ExitCode {
    match failure {
        Failure::Usage(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Failure::Content(diags) => {
            let limit = (what == "build").then_some(BUILD_WARNINGS_SHOWN);
            print_diagnostics(&diags, limit, Some(SHOWN_PER_KIND));
            eprintln!(
                "{what} failed: {} error{}{}",
                diags.error_count(),
                plural(diags.error_count()),
                warnings(diags.warning_count())
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Failure::Io(message) => {
            eprintln!("error: {message}\n{what} failed");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let mut display = ProgressDisplay::start();
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        model: ModelOptions {
            drafts: args.drafts,
            future: args.future,
            base_url: args.base_url,
            search: !args.no_search,
            preview: false,
            lint: false,
            pictures: site::Pictures::All,
            read_cache: !args.no_cache,
        },
        progress: Some(display.progress.clone()),
        // The old output is removed by a process of its own: the build
        // returns once the new one is in place (src/site/output.rs).
        sweep: std::env::current_exe().map_or(Sweep::Now, Sweep::Detached),
    };
    let result = site::build(&options);
    display.stop();
    match result {
        Ok(report) => {
            report::print_build(&report);
            ExitCode::SUCCESS
        }
        Err(Failure::Content(diags)) => {
            print_diagnostics(&diags, Some(BUILD_WARNINGS_SHOWN), Some(SHOWN_PER_KIND));
            eprintln!(
                "build failed: {} error{}, {} warning{}; the previous output is unchanged",
                diags.error_count(),
                plural(diags.error_count()),
                diags.warning_count(),
                plural(diags.warning_count()),
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}\nbuild failed; the previous output is unchanged");
            ExitCode::from(EXIT_CONTENT)
        }
        Err(other) => fail(other, "build"),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let mut display = ProgressDisplay::start();
    let options = crate::serve::Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        search: !args.no_search,
    };
    let progress = display.progress.clone();
    match crate::serve::run(&options, Some(&progress), || display.stop()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(failure, "serve"),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let mut display = ProgressDisplay::start();
    let model = ModelOptions {
        drafts: args.drafts,
        future: args.future,
        base_url: None,
        search: false,
        preview: false,
        lint: true,
        pictures: site::Pictures::Off,
        read_cache: true,
    };
    let result = site::check(&args.root, &model, Some(&display.progress));
    display.stop();
    let checked = match result {
        Ok(checked) => checked,
        Err(failure) => return fail(failure, "check"),
    };
    let diags = &checked.diagnostics;
    print_diagnostics(diags, None, (!args.all).then_some(SHOWN_PER_KIND));
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let failed = errors > 0 || (args.strict && warnings > 0);
    println!(
        "checked {} explainer{} in {:.2} s: {errors} error{}, {warnings} warning{}{}",
        checked.explainers,
        plural(checked.explainers),
        checked.elapsed.as_secs_f64(),
        plural(errors),
        plural(warnings),
        match (errors, failed) {
            (0, true) => " (--strict: warnings fail the check)",
            _ => "",
        }
    );
    if failed {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn new(args: NewArgs) -> ExitCode {
    match crate::scaffold::new_explainer(&args.root, &args.title, &crate::scaffold::today()) {
        Ok(path) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, "new"),
    }
}

fn init(args: InitArgs) -> ExitCode {
    match crate::scaffold::init(&args.dir, &crate::scaffold::today(), args.ci) {
        Ok(files) => {
            for f in &files {
                println!("wrote {}", f.display());
            }
            println!(
                "a new site in {}: try `lede serve --drafts --root {}` (the sample explainer is a draft)",
                args.dir.display(),
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure, "init"),
    }
}

fn schema() -> ExitCode {
    match serde_json::to_string_pretty(&crate::schema::front_matter()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let e = std::io::Error::other(e);
            fail(
                Failure::Io(site::IoError::new("write", "the schema", e)),
                "schema",
            )
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
