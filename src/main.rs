//! The `meja` command: the console and the command line (`meja::cli`).

fn main() -> std::process::ExitCode {
    meja::cli::main()
}
