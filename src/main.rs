/// A batch lint allocates and frees millions of small JSON values and
/// strings, from two threads at once; mimalloc's thread-local free lists
/// make that markedly cheaper than the system allocator. Its version 2
/// (segments per thread) is faster here than version 3 and its peak does
/// not depend on when freed memory is returned (README, "Benchmark").
#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

/// mimalloc, asked for plain blocks when the alignment needs no more than
/// every block has (`mi_malloc` and `mi_realloc` skip the checks of their
/// aligned versions, which the `mimalloc` crate calls for everything).
struct Allocator;

/// Every block mimalloc hands out is aligned to a machine word.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method hands a layout to mimalloc's aligned functions, or,
// when the layout's alignment is at most a word (which every mimalloc
// block has), to the plain ones; blocks are freed and resized by mimalloc,
// which made them.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

extern "C" {
    /// mimalloc's collection of the calling thread's heap; `force` also
    /// returns to the system the memory the heap keeps for reuse.
    fn mi_collect(force: bool);
    fn mi_malloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_zalloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_realloc(p: *mut std::ffi::c_void, size: usize) -> *mut std::ffi::c_void;
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
