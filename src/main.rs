/// A batch lint allocates and frees millions of small JSON values and
/// strings, from two threads at once; mimalloc's thread-local free lists
/// make that markedly cheaper than the system allocator (see the README's
/// performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    preflight::cli::run(std::env::args_os())
}
