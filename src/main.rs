//! The `hubdesk` binary: everything lives in the library (`hubdesk::cli`),
//! so integration tests reach the same code.

fn main() -> std::process::ExitCode {
    hubdesk::cli::main()
}
