//! The command line: argument parsing and the commands. Exit codes follow
//! cli.md: 0 clean, 1 findings at or above `--fail-on`, 2 preflight could
//! not run (bad arguments, a path that does not exist, bad rule data).

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::bundle::date::Date;
use std::collections::HashMap;
use std::sync::Arc;

use crate::adapters;
use crate::baseline;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::bundle::{self, Target};
use crate::config::{self, Config};
use crate::diagnostic::{Lang, Severity};
use crate::engine::{
    lint_with_excerpts, report_unused_waivers, Selection, StoreResult, StoreSummary,
};
use crate::remote::{self, FetchArgs, Input, Note, Remote};
use crate::report::{self, Format, RenderOptions, Run};
use crate::rules::{Catalog, Rule};

#[derive(Parser, Debug)]
#[command(
    name = "preflight",
    version,
    about = "Checks a WeChat mini-program store bundle for the reasons WeChat review rejects it, before you submit",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

/// Where a store's data comes from (`--from`).
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FromArg {
    /// CRMEB's table export (eb_*.json).
    Crmeb,
    /// ShopXO's table export (sxo_*.json).
    Shopxo,
    /// likeshop's table export (ls_*.json).
    Likeshop,
    /// preflight's own bundle format (store.json, products.json …).
    Bundle,
}

impl FromArg {
    fn source(self) -> adapters::Source {
        match self {
            FromArg::Crmeb => adapters::Source::Platform(adapters::Kind::Crmeb),
            FromArg::Shopxo => adapters::Source::Platform(adapters::Kind::Shopxo),
            FromArg::Likeshop => adapters::Source::Platform(adapters::Kind::Likeshop),
            FromArg::Bundle => adapters::Source::Bundle,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProgressArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaKind {
    /// A store bundle (the single-file shape; each file has its section's shape).
    Bundle,
    /// The JSON report of `check --format json`.
    Report,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint store bundles: a bundle directory, a bundle JSON file, a tree of bundles, or a URL.
    Check {
        /// Bundle directories, bundle files, directory trees, or http(s) URLs of single-file bundles.
        #[arg(required = true, value_name = "PATH|URL")]
        paths: Vec<PathBuf>,
        /// Output format (default: full on a terminal, concise otherwise).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write the report to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only these rules: codes, names or code prefixes (ACC, PRD00, ALL), comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        select: Vec<String>,
        /// Skip these rules: codes, names or code prefixes, comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        ignore: Vec<String>,
        /// The lowest severity that makes the exit code 1 (default: the config's `fail-on`, else error).
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Use this preflight.toml for every store (default: the nearest one above each bundle).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Exit 0 even when there are findings (2 still means preflight could not run).
        #[arg(long)]
        exit_zero: bool,
        /// Message language (default: zh when LC_ALL / LC_MESSAGES / LANG starts with zh, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Extra data directories (word lists, categories, rule packs) added to the built-in ones.
        #[arg(long, value_name = "DIR")]
        rules_dir: Vec<PathBuf>,
        /// The date date rules compare against, YYYY-MM-DD (default: today, by the clock).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<Date>,
        /// Print how often each rule fired instead of the findings (text, or JSON with --format json).
        #[arg(long)]
        statistics: bool,
        /// Report only findings that are not in this baseline, and list its entries that no longer occur.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the current findings in FILE (by fingerprint) and exit 0.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Lint only part I of N of the stores (by a stable hash of their paths), e.g. 2/4.
        #[arg(long, value_name = "I/N", value_parser = parse_shard)]
        shard: Option<Shard>,
        /// Show progress on stderr: auto (when stderr is a terminal and the report is for humans), always, never.
        #[arg(long, value_enum, default_value = "auto")]
        progress: ProgressArg,
        #[command(flatten)]
        fetch: Box<FetchArgs>,
        /// What the paths hold: a mall platform's table export or preflight's bundle (default: detected from the files).
        #[arg(long, value_enum)]
        from: Option<FromArg>,
    },
    /// Print the JSON Schema of the input bundle or of the JSON report.
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// List every rule: code, name, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Extra rule packs to list with the built-in rules.
        #[arg(long, value_name = "DIR")]
        rules_dir: Vec<PathBuf>,
    },
    /// Print a rule's documentation: what it checks, why, how to fix it, an example.
    Explain {
        /// A rule code or name, e.g. PAY002 or prepaid-recharge-enabled.
        rule: String,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Extra rule packs to look the rule up in.
        #[arg(long, value_name = "DIR")]
        rules_dir: Vec<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

/// The built-in rules plus the packs of `dirs`.
fn catalog(dirs: &[PathBuf]) -> Result<Catalog, String> {
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    Catalog::load(&dirs)
}

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// Runs preflight with these arguments and returns the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            output,
            select,
            ignore,
            fail_on,
            config,
            exit_zero,
            lang: lang_arg,
            rules_dir,
            today,
            statistics,
            baseline,
            write_baseline,
            shard,
            progress,
            fetch,
            from,
        } => {
            let fail_on = fail_on.map(|f| match f {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            });
            let opts = CheckOptions {
                format,
                output,
                config,
                fail_on,
                exit_zero,
                statistics,
                baseline,
                write_baseline,
                shard,
                progress: match progress {
                    ProgressArg::Always => true,
                    ProgressArg::Never => false,
                    ProgressArg::Auto => {
                        std::io::stderr().is_terminal()
                            && matches!(format, None | Some(Format::Full | Format::Concise))
                    }
                },
                lang: lang(lang_arg),
                today: today.unwrap_or_else(Date::today),
                fetch,
                from: from.map(FromArg::source),
            };
            match check(&paths, &select, &ignore, &rules_dir, &opts) {
                Ok(code) => code,
                Err(message) => fail(&message),
            }
        }
        Command::Schema { which } => {
            print(&match which {
                SchemaKind::Bundle => crate::schema::bundle(),
                SchemaKind::Report => crate::schema::report(),
            });
            ExitCode::SUCCESS
        }
        Command::Rules {
            format,
            lang: l,
            rules_dir,
        } => match catalog(&rules_dir) {
            Ok(c) => {
                print(&rules_list(&c, format, lang(l)));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Explain {
            rule,
            lang: l,
            rules_dir,
        } => match catalog(&rules_dir) {
            Ok(c) => match c.find(&rule) {
                Some(r) => {
                    print(&explain(r, lang(l)));
                    ExitCode::SUCCESS
                }
                None => fail(&format!("no rule named {rule:?} (see `preflight rules`)")),
            },
            Err(e) => fail(&e),
        },
    }
}

/// Reports that preflight could not run (exit code 2).
fn fail(message: &str) -> ExitCode {
    eprintln!("preflight: error: {message}");
    ExitCode::from(2)
}

fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

struct CheckOptions {
    format: Option<Format>,
    output: Option<PathBuf>,
    config: Option<PathBuf>,
    fail_on: Option<Severity>,
    exit_zero: bool,
    statistics: bool,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    shard: Option<Shard>,
    progress: bool,
    lang: Lang,
    today: Date,
    fetch: Box<FetchArgs>,
    from: Option<adapters::Source>,
}

fn check(
    paths: &[PathBuf],
    select: &[String],
    ignore: &[String],
    rules_dirs: &[PathBuf],
    opts: &CheckOptions,
) -> Result<ExitCode, String> {
    // The stores are looked for while the rule data is read: neither needs
    // the other, and the rule data is read on one thread. (Looking prints
    // nothing; what it found, errors included, is reported below in the
    // order of the paths, after any error in the rules.)
    let (catalog, found) = std::thread::scope(|s| {
        let finding = s.spawn(|| paths.iter().map(|p| Found::of(p)).collect::<Vec<_>>());
        let catalog = catalog(rules_dirs);
        let found = finding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (catalog, found)
    });
    let catalog = catalog?;
    // Checked up front, so a bad --select fails even when no store is found.
    Selection::new(&catalog, select, ignore)?;
    // The word automatons are built while the stores found are sorted out.
    std::thread::scope(|s| {
        s.spawn(|| catalog.prepare());
        check_with(&catalog, paths, found, select, ignore, opts)
    })
}

/// What a path of the command line stands for.
enum Found {
    /// A store to fetch (a URL is one store), or why the URL is not valid.
    Url(Result<reqwest::Url, String>),
    /// The stores [`adapters::discover`] found under it, or why it could not look.
    Local(Result<Vec<Target>, String>),
}

impl Found {
    fn of(path: &Path) -> Found {
        match remote::url_arg(path) {
            Some(url) => Found::Url(url),
            None => Found::Local(adapters::discover(path)),
        }
    }
}

fn check_with(
    catalog: &Catalog,
    paths: &[PathBuf],
    found: Vec<Found>,
    select: &[String],
    ignore: &[String],
    opts: &CheckOptions,
) -> Result<ExitCode, String> {
    let mut could_not_run = false;
    let mut targets = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (p, found) in paths.iter().zip(found) {
        match found {
            Found::Url(Ok(u)) => {
                if seen.insert(Input::Url(u.clone())) {
                    targets.push(Input::Url(u));
                }
            }
            Found::Local(Ok(found)) if found.is_empty() => {
                eprintln!(
                    "preflight: error: no store bundle under {} (a directory with store.json, a bundle.json file, or a CRMEB / ShopXO / likeshop table export)",
                    bundle::display_path(p)
                );
                could_not_run = true;
            }
            Found::Local(Ok(found)) => {
                // Several files of one bundle (as pre-commit passes them) lint it once.
                targets.extend(
                    found
                        .into_iter()
                        .map(Input::Local)
                        .filter(|t| seen.insert(t.clone())),
                );
            }
            Found::Url(Err(e)) | Found::Local(Err(e)) => {
                eprintln!("preflight: error: {e}");
                could_not_run = true;
            }
        }
    }

    if let Some(shard) = opts.shard {
        targets.retain(|t| shard.contains(t));
    }
    // Each store's configuration: --config, or the nearest preflight.toml.
    // Every config is read before anything is linted: a bad one stops the run.
    // (Looked for on every core: a stat or two per store adds up over
    // thousands of them.)
    let config_paths: Vec<Option<PathBuf>> = targets
        .par_iter()
        .map_init(config::Finder::default, |finder, t| match &opts.config {
            Some(c) => Some(c.clone()),
            None => match t {
                Input::Local(Target::Dir(d)) => finder.find(d, true),
                Input::Local(Target::File(f)) => finder.find(f, false),
                // A fetched store uses the preflight.toml of the working directory.
                Input::Url(_) => finder.find(Path::new("."), true),
            },
        })
        .collect();
    let mut plans: HashMap<Option<PathBuf>, Arc<Plan>> = HashMap::new();
    let mut store_plans = Vec::with_capacity(targets.len());
    for path in config_paths {
        let plan = match plans.get(&path) {
            Some(plan) => plan.clone(),
            None => {
                let plan = Arc::new(Plan::new(
                    path.as_deref(),
                    catalog,
                    select,
                    ignore,
                    opts.fail_on,
                )?);
                plans.insert(path, plan.clone());
                plan
            }
        };
        store_plans.push(plan);
    }

    // Stores named by URL are fetched, and homepages named by homepage_url,
    // as each store is loaded; one that cannot be fetched is left out and the
    // others are still linted. Network access is serialised; loading and
    // linting run in parallel, and each store is dropped to what the report
    // needs as soon as it is linted; rayon keeps the results in path order.
    if opts.fetch.homepage_url.is_some() && targets.len() > 1 {
        return Err(format!(
            "--homepage-url is the homepage of one store, but {} stores are checked; put homepage_url in each store.json instead",
            targets.len()
        ));
    }
    let urls: Vec<_> = targets
        .iter()
        .filter_map(|t| match t {
            Input::Url(u) => Some(u.clone()),
            Input::Local(_) => None,
        })
        .collect();
    let remote = Mutex::new(Remote::new(&opts.fetch, &urls)?);
    // Whether a store could not be loaded (not fetched, or not told what it holds).
    let not_loaded = AtomicBool::new(false);
    let started = Instant::now();
    let progress = Progress::new(targets.len(), opts.progress);

    let to_terminal = opts.output.is_none() && std::io::stdout().is_terminal();
    let format = opts.format.unwrap_or(if to_terminal {
        Format::Full
    } else {
        Format::Concise
    });
    let render_opts = RenderOptions {
        lang: opts.lang,
        color: to_terminal && std::env::var_os("NO_COLOR").is_none(),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    };
    // A line-oriented report is written store by store, and a written store
    // keeps only its counts, so memory does not grow with the findings of a
    // batch. Whatever needs every finding at the end (one-document formats,
    // statistics, baselines, waivers judged across stores) keeps them.
    let streaming = report::streams(format)
        && !opts.statistics
        && opts.baseline.is_none()
        && opts.write_baseline.is_none()
        && plans
            .values()
            .all(|p| p.config.as_ref().is_none_or(|c| c.waivers.is_empty()));
    let sink: Option<Mutex<Sink>> = match (streaming, &opts.output) {
        (false, _) => None,
        (true, Some(file)) => Some(Sink::new(
            Box::new(
                std::fs::File::create(file)
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?,
            ),
            false,
        )),
        (true, None) => Some(Sink::new(Box::new(std::io::stdout()), true)),
    }
    .map(Mutex::new);
    if let Some(sink) = &sink {
        lock(sink).part(|out| out.write_all(report::stream_head(format).as_bytes()))?;
    }
    let mut failing = false;

    // What a local store holds (--from, or detected) is told from the
    // listing its loading reads: an ambiguous or mismatching directory is
    // reported and left out (exit 2), as a store that cannot be fetched is.
    let lint_one = |t: &Input, plan: &Arc<Plan>| {
        let loaded = match t {
            Input::Url(_) => lock(&remote).load(t),
            Input::Local(target) => {
                adapters::detect_and_load(target, opts.from, &catalog.doc_products)
                    .and_then(|mut b| lock(&remote).homepage(&mut b).map(|()| b))
            }
        };
        for note in lock(&remote).take_notes() {
            match note {
                Note::Info(m) => eprintln!("preflight: {m}"),
                Note::Warning(m) => eprintln!("preflight: warning: {m}"),
                Note::Error(m) => {
                    eprintln!("preflight: error: {m}");
                    not_loaded.store(true, Ordering::Relaxed);
                }
            }
        }
        progress.tick();
        match loaded {
            Ok(b) => {
                let mut r = lint_with_excerpts(
                    b,
                    &plan.selection,
                    catalog,
                    opts.today,
                    plan.config.as_ref(),
                    report::shows_excerpts(format),
                );
                let large =
                    r.bundle.products.get().map_or(0, |p| p.items.len()) >= LARGE_STORE_PRODUCTS;
                r.bundle.drop_inputs();
                Some((r, plan.clone(), large))
            }
            Err(e) => {
                eprintln!("preflight: error: {e}");
                not_loaded.store(true, Ordering::Relaxed);
                None
            }
        }
    };
    // Stores are linted in parallel and taken back in path order. A streamed
    // store that is next in path order is written to the report by the
    // thread that linted it; one that finished early is rendered to a text
    // that waits its turn. Either way only its summary and whether it fails
    // are kept.
    enum Linted {
        Kept(Box<StoreResult>, Arc<Plan>),
        /// The text still to write (`None`: written already), or why writing failed.
        Streamed(Result<Option<Vec<u8>>, String>, StoreSummary, bool),
    }
    let mut results: Vec<StoreResult> = Vec::new();
    let mut result_plans: Vec<Arc<Plan>> = Vec::new();
    let mut streamed: Vec<StoreSummary> = Vec::new();
    let work = |i: usize, is_next: &dyn Fn() -> bool| {
        let (r, plan, large) = lint_one(&targets[i], &store_plans[i])?;
        let Some(sink) = &sink else {
            return Some(Linted::Kept(Box::new(r), plan));
        };
        let fails = r.diagnostics.iter().any(|d| d.severity >= plan.fail_on);
        let summary = r.summary();
        let write = |out: &mut dyn Write| report::stream_store(format, &r, render_opts, out);
        let text = if is_next() {
            write_in_turn(sink, format, &targets[i], write).map(|()| None)
        } else {
            let mut text = Vec::new();
            write(&mut text)
                .map(|()| Some(text))
                .map_err(|e| format!("cannot write the report: {e}"))
        };
        drop(r);
        if large {
            keep_memory_in_budget();
        }
        Some(Linted::Streamed(text, summary, fails))
    };
    in_order_parallel(targets.len(), work, |i, linted| {
        match linted {
            Ok(None) => {}
            Ok(Some(Linted::Kept(r, plan))) => {
                results.push(*r);
                result_plans.push(plan);
            }
            Ok(Some(Linted::Streamed(text, summary, fails))) => {
                if let (Some(text), Some(sink)) = (text?, &sink) {
                    lock(sink).store(format, |out| out.write_all(&text))?;
                }
                failing |= fails;
                streamed.push(summary);
            }
            Err(_) => {
                // The panic message is already on stderr; the batch goes on.
                eprintln!(
                    "preflight: error: internal error while linting {}; please report it",
                    targets[i]
                );
                not_loaded.store(true, Ordering::Relaxed);
            }
        }
        Ok::<(), String>(())
    })?;
    progress.finish();
    could_not_run |= not_loaded.load(Ordering::Relaxed);
    let store_plans = result_plans;
    // A waiver is stale when it matched nothing in any store its config covers.
    for plan in plans.values() {
        let Some(config) = plan.config.as_ref().filter(|c| !c.waivers.is_empty()) else {
            continue;
        };
        let mut used = vec![false; config.waivers.len()];
        let mut first = None;
        for (i, r) in results.iter().enumerate() {
            if Arc::ptr_eq(&store_plans[i], plan) {
                first.get_or_insert(i);
                for (u, w) in used.iter_mut().zip(&r.waivers_used) {
                    *u |= *w;
                }
            }
        }
        if let Some(i) = first {
            report_unused_waivers(&mut results[i], config, &used, &plan.selection);
        }
    }
    // A baseline is read before anything is written, so a bad one fails early.
    let baseline = match &opts.baseline {
        Some(path) => Some((path, baseline::read(path)?)),
        None => None,
    };
    if let Some(path) = &opts.write_baseline {
        let n = baseline::write(path, &results)?;
        eprintln!(
            "preflight: wrote {n} finding{} to the baseline {}",
            if n == 1 { "" } else { "s" },
            bundle::display_path(path)
        );
    }
    let outcome = baseline.map(|(path, b)| baseline::apply(b, path, &mut results));
    failing |= results
        .iter()
        .zip(&store_plans)
        .any(|(r, plan)| r.diagnostics.iter().any(|d| d.severity >= plan.fail_on));

    let run = Run {
        results: &results,
        rules: &catalog.rules,
        baseline: outcome.as_ref(),
    };
    if sink.is_none() {
        streamed = results.iter().map(StoreResult::summary).collect();
    }
    match sink.map(|s| s.into_inner().unwrap_or_else(|e| e.into_inner())) {
        Some(mut sink) => {
            let tail = report::stream_tail(format, &streamed, None, render_opts);
            sink.part(|out| out.write_all(tail.as_bytes()).and_then(|()| out.flush()))?;
        }
        None => {
            let text = if opts.statistics {
                report::statistics(&results, format == Format::Json)
            } else {
                report::render(format, &run, render_opts)
            };
            match &opts.output {
                Some(file) => std::fs::write(file, text)
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?,
                None => print(&text),
            }
        }
    }
    if streamed.len() > 1 || opts.progress {
        eprintln!("{}", run_summary(&streamed, started.elapsed()));
    }

    if could_not_run {
        return Ok(ExitCode::from(2));
    }
    // Writing a baseline accepts today's findings: that run succeeds.
    Ok(
        if failing && !opts.exit_zero && opts.write_baseline.is_none() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// A streamed report being written, and how many stores it holds so far.
struct Sink {
    out: std::io::BufWriter<Box<dyn Write + Send>>,
    stores: usize,
    /// Flushed after each store, so that whoever reads standard output sees
    /// each store as it is done.
    flush_each: bool,
}

impl Sink {
    fn new(out: Box<dyn Write + Send>, flush_each: bool) -> Sink {
        Sink {
            out: std::io::BufWriter::new(out),
            stores: 0,
            flush_each,
        }
    }

    /// Writes a part of the report by `write`.
    fn part(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let out = &mut self.out;
        write(out)
            .and_then(|()| if self.flush_each { out.flush() } else { Ok(()) })
            .map_err(|e| format!("cannot write the report: {e}"))
    }

    /// Writes the next store, by `write`, after its separator.
    fn store(
        &mut self,
        format: Format,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let separator = report::stream_separator(format, self.stores);
        self.part(|out| {
            out.write_all(separator.as_bytes())
                .and_then(|()| write(out))
        })?;
        self.stores += 1;
        Ok(())
    }
}

/// Writes a store whose turn it is straight into the report, from the
/// thread that linted it. A panic half-way through would leave part of the
/// store in the report, which no later store can repair: it ends the run
/// (unlike a panic while linting, which leaves the store out).
fn write_in_turn(
    sink: &Mutex<Sink>,
    format: Format,
    store: &dyn std::fmt::Display,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lock(sink).store(format, write)
    }))
    .unwrap_or_else(|_| {
        Err(format!(
            "internal error while writing the report for {store}; please report it"
        ))
    })
}

/// How a batch keeps its memory in bounds; set by the binary for its
/// allocator (see main.rs), unset in the library and its tests (then
/// nothing is given back).
///
/// What each thread's allocator keeps for reuse after the largest stores it
/// met otherwise adds up over a long batch (peak RSS 49–53 MB at 10,000
/// stores, against 24 MB at 100). Giving it back after every large store
/// bounds that (38–41 MB), but the next stores then fault the same memory
/// in again: a 10,000-store run took 1.2 million page faults and 4 s of
/// system time instead of 0.12 million and 1.5 s. So it is given back only
/// when the process holds more than the budget.
pub struct MemoryPolicy {
    /// Gives back to the system the memory that the allocator of the
    /// calling thread keeps for reuse.
    pub release: fn(),
    /// Resident memory, in bytes, above which a thread that has just
    /// linted a large store calls `release`.
    pub budget: u64,
}

/// The batch's [`MemoryPolicy`], if any.
pub static MEMORY_POLICY: std::sync::OnceLock<MemoryPolicy> = std::sync::OnceLock::new();

/// A store with this many products is large: about one in five of the
/// benchmark corpus. After a large streamed store, once it is dropped, the
/// thread that linted it checks the process's memory against the
/// [`MemoryPolicy`]'s budget; the check (reading `/proc/self/status`, about
/// 20 µs) is not worth making after the small stores, which leave little
/// behind.
const LARGE_STORE_PRODUCTS: usize = 500;

/// Applies the [`MemoryPolicy`] on the calling thread: gives back what its
/// allocator keeps when the process holds more than the budget, or when
/// that cannot be known.
fn keep_memory_in_budget() {
    let Some(policy) = MEMORY_POLICY.get() else {
        return;
    };
    if resident_bytes().is_none_or(|r| r > policy.budget) {
        (policy.release)();
    }
}

/// The process's resident memory (`VmRSS`), where the system tells it.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    vm_rss(&status)
}

/// The `VmRSS` line of a `/proc/<pid>/status` text, in bytes.
fn vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    let kb: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    kb.checked_mul(1024)
}

/// How many finished items may wait for an earlier one in
/// [`in_order_parallel`]: bounds its memory whatever the items' sizes.
const WINDOW: usize = 64;

/// Runs `work` on every index of `0..n` on rayon's threads, each index
/// once, taking the next free index as a thread finishes one (so a large
/// store never leaves a core idle behind a barrier), and hands the results
/// to `take` on the calling thread in index order. A thread does not start
/// an index more than [`WINDOW`] past the first one not yet taken. `work`
/// is also given `is_next`, which tells whether every earlier index has
/// been taken, so that it can do in order what it would otherwise hand to
/// `take`. A panic in `work` is caught and handed on as `Err`, so the other
/// items still run. Stops early, returning the error, when `take` fails.
fn in_order_parallel<T: Send, E>(
    n: usize,
    work: impl Fn(usize, &dyn Fn() -> bool) -> T + Sync,
    mut take: impl FnMut(usize, std::thread::Result<T>) -> Result<(), E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The first index not yet taken, and a signal when it moves.
    let taken = (Mutex::new(0usize), std::sync::Condvar::new());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, std::thread::Result<T>)>();
    let mut outcome = Ok(());
    rayon::in_place_scope(|scope| {
        for _ in 0..rayon::current_num_threads().min(n) {
            let tx = tx.clone();
            let (next, stop, taken, work) = (&next, &stop, &taken, &work);
            scope.spawn(move |_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n || stop.load(Ordering::Relaxed) {
                    break;
                }
                {
                    let mut first = taken.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *first + WINDOW && !stop.load(Ordering::Relaxed) {
                        first = taken.1.wait(first).unwrap_or_else(|e| e.into_inner());
                    }
                }
                let is_next = || *lock(&taken.0) == i;
                let r =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i, &is_next)));
                if tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        for (i, r) in &rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                if let Err(e) = take(want, r) {
                    outcome = Err(e);
                    break;
                }
                want += 1;
            }
            *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = want;
            taken.1.notify_all();
            if outcome.is_err() {
                break;
            }
        }
        if outcome.is_err() {
            stop.store(true, Ordering::Relaxed);
            taken.1.notify_all();
        }
        drop(rx);
    });
    outcome
}

/// A mutex's value (the remote fetcher, the report being written), even if
/// another thread panicked while holding it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Progress of a batch on stderr: a line rewritten in place, at most ten
/// times a second, only when asked (stderr is a terminal and the report is
/// for humans).
struct Progress {
    total: usize,
    enabled: bool,
    done: AtomicUsize,
    last: Mutex<Instant>,
}

impl Progress {
    fn new(total: usize, enabled: bool) -> Progress {
        Progress {
            total,
            enabled: enabled && total > 1,
            done: AtomicUsize::new(0),
            last: Mutex::new(Instant::now()),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed() < Duration::from_millis(100) && done < self.total {
            return;
        }
        *last = Instant::now();
        let width = 30;
        let filled = width * done / self.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {done}/{} stores",
            "=".repeat(filled),
            " ".repeat(width - filled),
            self.total
        );
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(60));
            let _ = err.flush();
        }
    }
}

/// One line for the end of a run: stores, ready, counts, time.
fn run_summary(results: &[StoreSummary], elapsed: Duration) -> String {
    let mut total = crate::engine::Counts::default();
    for r in results {
        total.add(r.counts);
    }
    let ready = results.iter().filter(|r| r.ready()).count();
    format!(
        "preflight: {} stores, {ready} ready, {} errors, {} warnings, {} infos in {:.2} s",
        results.len(),
        total.errors,
        total.warnings,
        total.infos,
        elapsed.as_secs_f64()
    )
}

/// `--shard I/N`: which part of a batch this run lints.
#[derive(Debug, Clone, Copy)]
struct Shard {
    index: u64,
    count: u64,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || format!("{s:?} is not a shard: use I/N with 1 <= I <= N, e.g. 2/4");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (index, count): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if count == 0 || index == 0 || index > count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

impl Shard {
    /// Whether a store belongs to this shard: by a stable hash of its path,
    /// so every runner agrees whatever the order or number of stores.
    fn contains(&self, input: &Input) -> bool {
        let h = crate::diagnostic::fingerprint(&[&input.to_string()]);
        h.0 % self.count == self.index - 1
    }
}

/// How one group of stores is linted: its configuration, the rules to run,
/// and the severity that fails.
struct Plan {
    config: Option<Config>,
    selection: Selection,
    fail_on: Severity,
}

impl Plan {
    /// Command-line options win over the config: `--select` replaces its
    /// `select`, `--ignore` adds to its `ignore`, `--fail-on` replaces its `fail-on`.
    fn new(
        path: Option<&Path>,
        catalog: &Catalog,
        select: &[String],
        ignore: &[String],
        fail_on: Option<Severity>,
    ) -> Result<Plan, String> {
        let config = path
            .map(|p| Config::load(&relative(p), catalog))
            .transpose()?;
        let (cfg_select, cfg_ignore, cfg_fail) = match &config {
            Some(c) => (c.select.clone(), c.ignore.clone(), c.fail_on),
            None => (Vec::new(), Vec::new(), None),
        };
        let select = if select.is_empty() {
            cfg_select
        } else {
            select.to_vec()
        };
        let ignore: Vec<String> = cfg_ignore
            .into_iter()
            .chain(ignore.iter().cloned())
            .collect();
        Ok(Plan {
            selection: Selection::new(catalog, &select, &ignore)?,
            fail_on: fail_on.or(cfg_fail).unwrap_or(Severity::Error),
            config,
        })
    }
}

/// A path relative to the working directory when it is below it, for display.
fn relative(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

fn rules_list(catalog: &Catalog, format: ListFormat, lang: Lang) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = catalog
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.as_str(),
                        "area": r.area.title().en.to_lowercase(),
                        "precondition": r.precondition,
                        "summary": r.summary.get(lang),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for r in &catalog.rules {
                s.push_str(&format!(
                    "{:<9}{:<40}{:<9}{}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary.get(lang)
                ));
            }
            s
        }
    }
}

/// The rule's documentation, from the rule's own file.
pub fn explain(r: &Rule, lang: Lang) -> String {
    let (what, why, fix, example, source, sev) = match lang {
        Lang::Zh => ("检查内容", "为什么", "如何修复", "示例", "依据", "默认级别"),
        Lang::En => (
            "What it checks",
            "Why it matters",
            "How to fix",
            "Example",
            "Source",
            "Default severity",
        ),
    };
    format!(
        "{} {}: {}\n\n{sev}: {}    {}: {}\n\n## {what}\n{}\n\n## {why}\n{}\n\n## {fix}\n{}\n\n## {example}\n{}\n\n{source}: {}\n",
        r.code,
        r.name,
        r.summary.get(lang),
        r.severity.as_str(),
        r.area.title().get(lang),
        if r.precondition {
            match lang {
                Lang::Zh => "发布前提",
                Lang::En => "publish precondition",
            }
        } else {
            "-"
        },
        r.what.get(lang),
        r.why.get(lang),
        r.fix.get(lang),
        r.example,
        r.source,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_parallel_hands_results_back_in_order() {
        // Uneven work: early items are slow, so later ones finish first.
        let n = 3 * WINDOW;
        let mut seen = Vec::new();
        let r: Result<(), ()> = in_order_parallel(
            n,
            |i, _| {
                if i % 97 == 0 {
                    std::thread::sleep(Duration::from_millis(5));
                }
                i * 2
            },
            |i, r| {
                assert_eq!(r.as_ref().ok(), Some(&(i * 2)));
                seen.push(i);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn in_order_parallel_survives_a_panic_and_stops_on_error() {
        let mut got = Vec::new();
        let r: Result<(), usize> = in_order_parallel(
            50,
            |i, _| {
                assert!(i != 7, "item 7 fails");
                i
            },
            |i, r| {
                got.push((i, r.is_ok()));
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(got.len(), 50);
        assert_eq!(got.iter().filter(|(_, ok)| !ok).count(), 1);
        assert_eq!(got[7], (7, false));

        let mut taken = 0;
        let r = in_order_parallel(
            10_000,
            |i, _| i,
            |i, _| {
                taken += 1;
                if i == 20 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err(20));
        assert_eq!(taken, 21);
    }

    #[test]
    fn a_store_written_in_turn_counts_once_and_a_panic_in_it_ends_the_run() {
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                lock(&self.0).extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let report = Shared::default();
        let sink = Mutex::new(Sink::new(Box::new(report.clone()), true));
        let one = |out: &mut dyn Write| out.write_all(b"{}");
        assert_eq!(write_in_turn(&sink, Format::Json, &"a", one), Ok(()));
        assert_eq!(write_in_turn(&sink, Format::Json, &"b", one), Ok(()));
        assert_eq!(lock(&report.0).as_slice(), b"\n    {},\n    {}");
        assert_eq!(lock(&sink).stores, 2);
        let broken = |out: &mut dyn Write| -> std::io::Result<()> {
            out.write_all(b"{\"half")?;
            panic!("a renderer failed");
        };
        let err = write_in_turn(&sink, Format::Json, &"c", broken).unwrap_err();
        assert!(
            err.contains("internal error while writing the report for c"),
            "{err}"
        );
        assert_eq!(lock(&sink).stores, 2);
    }

    #[test]
    fn in_order_parallel_says_when_an_item_is_next() {
        // An item told it is next may write ahead of `take`: every earlier
        // item has been taken by then, and no later one.
        let n = 4 * WINDOW;
        let taken = AtomicUsize::new(0);
        let out = Mutex::new(Vec::new());
        let r: Result<(), ()> = in_order_parallel(
            n,
            |i, is_next| {
                if i % 5 == 0 {
                    std::thread::sleep(Duration::from_millis(1));
                }
                let next = is_next();
                if next {
                    assert_eq!(taken.load(Ordering::SeqCst), i);
                    lock(&out).push(i);
                }
                next
            },
            |i, r| {
                if !r.unwrap() {
                    lock(&out).push(i);
                }
                taken.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(*lock(&out), (0..n).collect::<Vec<_>>());
        assert_eq!(taken.load(Ordering::SeqCst), n);
    }

    #[test]
    fn the_resident_memory_is_read_from_the_status_of_the_process() {
        let status =
            "Name:\tpreflight\nVmPeak:\t  40000 kB\nVmRSS:\t   23532 kB\nRssAnon:\t 9000 kB\n";
        assert_eq!(vm_rss(status), Some(23532 * 1024));
        assert_eq!(vm_rss("Name:\tpreflight\n"), None);
        assert_eq!(vm_rss("VmRSS:\t12 MB\n"), None);
        if cfg!(target_os = "linux") {
            // This test process holds at least its own code.
            assert!(resident_bytes().is_some_and(|r| r > 1 << 20));
        }
    }

    #[test]
    fn memory_over_the_budget_is_released_after_each_large_store_only() {
        static RELEASED: AtomicUsize = AtomicUsize::new(0);
        // A budget of nothing: every check finds the process over it.
        MEMORY_POLICY
            .set(MemoryPolicy {
                release: || {
                    RELEASED.fetch_add(1, Ordering::SeqCst);
                },
                budget: 0,
            })
            .ok()
            .expect("no other test sets the policy");
        // The clean store, and a copy of it with LARGE_STORE_PRODUCTS products.
        let dir = std::env::temp_dir().join(format!("preflight-release-{}", std::process::id()));
        let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean-store");
        for store in ["a-small", "b-large"] {
            std::fs::create_dir_all(dir.join(store)).unwrap();
            for f in std::fs::read_dir(&clean).unwrap() {
                let f = f.unwrap().path();
                std::fs::copy(&f, dir.join(store).join(f.file_name().unwrap())).unwrap();
            }
        }
        let products: Vec<String> = (0..LARGE_STORE_PRODUCTS)
            .map(|i| {
                format!(r#"{{"id": "p{i}", "title": "室内成猫全价猫粮 {i}", "status": "on_sale", "price": "89.00", "stock": 3}}"#)
            })
            .collect();
        std::fs::write(
            dir.join("b-large/products.json"),
            format!(r#"{{"products": [{}]}}"#, products.join(",")),
        )
        .unwrap();
        let report = dir.join("report.jsonl");
        let code = run([
            OsString::from("preflight"),
            "check".into(),
            dir.clone().into(),
            "--format".into(),
            "jsonl".into(),
            "--output".into(),
            report.clone().into(),
            "--progress".into(),
            "never".into(),
        ]);
        let lines = std::fs::read_to_string(&report).unwrap().lines().count();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_ne!(code, ExitCode::from(2));
        assert!(lines >= 2, "both stores are in the report");
        assert_eq!(RELEASED.load(Ordering::SeqCst), 1);
    }
}
