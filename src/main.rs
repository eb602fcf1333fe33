/// A batch lint allocates and frees millions of small JSON values and
/// strings, from two threads at once; mimalloc's thread-local free lists
/// make that markedly cheaper than the system allocator. Its version 2
/// (segments per thread) is faster here than version 3 and its peak does
/// not depend on when freed memory is returned (README, "Benchmark").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's collection of the calling thread's heap; `force` also
    /// returns to the system the memory the heap keeps for reuse.
    fn mi_collect(force: bool);
}

/// Gives back what mimalloc keeps for reuse on the calling thread (see
/// `cli::MemoryPolicy`).
fn release_memory() {
    // SAFETY: mi_collect takes no pointers and may be called on any thread
    // at any time; the global allocator is mimalloc, whose library defines it.
    unsafe { mi_collect(true) }
}

fn main() -> std::process::ExitCode {
    // 40 MB: a 100-store batch peaks near 24 MB; with this budget a
    // 10,000-store batch peaks at 42–46 MB (README, "Peak memory").
    let _ = preflight::cli::MEMORY_POLICY.set(preflight::cli::MemoryPolicy {
        release: release_memory,
        budget: 40 << 20,
    });
    preflight::cli::run(std::env::args_os())
}
