/// mimalloc instead of the system allocator: an import passes every record's strings from the
/// reading thread to the preparing one and on to the writer, where glibc's per-thread arenas
/// spent a large share of the time (issue 14's import bench prints what it buys).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    meja::cli::main()
}
