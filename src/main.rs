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

/// After a large store of a batch, the thread that linted it gives back
/// what mimalloc keeps of it (see `cli::RELEASE_MEMORY`).
fn release_memory() {
    // SAFETY: mi_collect takes no pointers and may be called on any thread
    // at any time; the global allocator is mimalloc, whose library defines it.
    unsafe { mi_collect(true) }
}

fn main() -> std::process::ExitCode {
    let _ = preflight::cli::RELEASE_MEMORY.set(release_memory);
    preflight::cli::run(std::env::args_os())
}
