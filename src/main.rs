fn main() -> std::process::ExitCode {
    preflight::cli::run(std::env::args_os())
}
