//! The binary's entry: parses the command line, loads the configuration and
//! either runs the console or one scriptable command.
//!
//! Exit codes: 0 success; 1 refused by the server (`status: error`, 403,
//! not found); 2 bad usage or bad input caught before anything is sent
//! (clap's usage errors, a bad config, `--read-only`, an action without
//! `--yes` off a terminal); 3 authentication; 4 network or server failure
//! (timeout, 5xx, non-JSON), or an action whose outcome is unknown.

mod args;
mod commands;
mod errors;
mod help;
pub mod output;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use args::{Cli, Command, ConfigCommand, GlobalArgs, TicketCommand};

use crate::api::ApiError;
use crate::config::{self, ConfigError, Paths};
use crate::i18n::Lang;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Refused by the server.
pub const EXIT_REFUSED: u8 = 1;
/// Bad usage or input, nothing sent.
pub const EXIT_USAGE: u8 = 2;
/// Authentication failed.
pub const EXIT_AUTH: u8 = 3;
/// Network or server failure; unknown outcome.
pub const EXIT_FAILURE: u8 = 4;

/// A command that did not succeed: its exit code and the localized message
/// for stderr (empty when the command already said everything).
#[derive(Debug)]
pub struct Failure {
    /// Process exit code.
    pub code: u8,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    /// A failure with `code` and `message`.
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(EXIT_USAGE, message)
    }

    /// A config problem (exit 2).
    pub fn config(lang: Lang, e: &ConfigError) -> Failure {
        Failure::usage(e.message(lang))
    }

    /// An API error: the shared text ([`crate::ops::errors::describe`])
    /// and the exit code of its class ([`crate::ops::errors::classify`]).
    pub fn api(lang: Lang, e: &ApiError, ctx: crate::ops::errors::ErrorContext) -> Failure {
        use crate::ops::errors::{ErrorClass, classify, describe};
        let code = match classify(e) {
            ErrorClass::Usage => EXIT_USAGE,
            ErrorClass::Refused => EXIT_REFUSED,
            ErrorClass::Auth => EXIT_AUTH,
            ErrorClass::Unknown | ErrorClass::Failed => EXIT_FAILURE,
        };
        Failure::new(code, describe(lang, e, ctx))
    }
}

/// Runs hubdesk with the process's arguments and environment.
pub fn main() -> ExitCode {
    // Before anything is read (the config's secrets, the prescan below):
    // a core dump would hold them. Cannot fail in practice, and there is
    // no log yet to say so.
    let _ = crate::hardening::at_start();
    let argv: Vec<OsString> = std::env::args_os().collect();
    ExitCode::from(run(argv))
}

/// Runs hubdesk with `argv`; returns the exit code.
pub fn run(argv: Vec<OsString>) -> u8 {
    let Prescan { lang, config } = prescan(&argv);
    // Parsed on clap's plain tree: localizing every subcommand's help
    // costs more than the parse (issue 16, start-up). Only help, the
    // version and usage errors need the user's language, and they come
    // from the localized tree; the two trees differ only in their texts.
    let matches = match Cli::command().try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(_) => match help::localize(Cli::command(), lang).try_get_matches_from(&argv) {
            Ok(m) => m,
            Err(e) => return errors::report(&e, lang),
        },
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return errors::report(&e, lang),
    };
    match commands::dispatch(cli, lang, config) {
        Ok(code) => code,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("hubdesk: {}", f.message);
            }
            f.code
        }
    }
}

/// What is known before the full parse.
struct Prescan {
    /// The language of `--help` and clap's own output: `--lang`, then the
    /// config file's `lang`, then the locale.
    lang: Lang,
    /// The config file, when it was read to learn the language: the
    /// commands use it rather than reading it a second time.
    config: Option<config::Loaded>,
}

fn prescan(argv: &[OsString]) -> Prescan {
    let flag_value = |name: &str| -> Option<String> {
        let mut it = argv
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned());
        while let Some(arg) = it.next() {
            if arg == "--" {
                break;
            }
            if arg == name {
                return it.next();
            }
            if let Some(v) = arg.strip_prefix(&format!("{name}=")) {
                return Some(v.to_owned());
            }
        }
        None
    };
    let flag = flag_value("--lang");
    let path = flag_value("--config").map(std::path::PathBuf::from);
    let config = Paths::resolve(path.as_deref(), &config::process_env)
        .ok()
        .and_then(|p| config::load(&p.config_file).ok());
    let config_lang = config.as_ref().and_then(|l| l.file.lang.as_deref());
    Prescan {
        lang: Lang::detect_from_process(flag.as_deref(), config_lang),
        config,
    }
}

/// True when a person can answer a question: stdin and stderr are terminals.
fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}
