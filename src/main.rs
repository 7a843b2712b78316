fn main() -> std::process::ExitCode {
    meja::cli::main()
}
