/// A batch lint allocates and frees millions of small JSON values and
/// strings, from two threads at once; mimalloc's thread-local free lists
/// make that markedly cheaper than the system allocator (see the README's
/// performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (not among the crate's constants;
/// tests/batch.rs checks that this index is the option).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Memory freed after a large store goes back to the system after
    // 100 ms instead of mimalloc's default second, so that a batch's peak
    // memory is one or two large stores, not the last second's worth
    // (README, "Benchmark"). MIMALLOC_PURGE_DELAY still overrides it.
    // SAFETY: not thread-safe, and no other thread exists yet.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, 100) };
    preflight::cli::run(std::env::args_os())
}
