//! The configuration: where hubdesk keeps its files, the TOML config with its
//! profiles, and how flags, environment and file combine into the settings
//! of one run.
//!
//! Precedence, lowest first: the config file, then the environment
//! (`HUBSOFT_*`, `HUBDESK_PROFILE`), then the command-line flags. Secrets are
//! never read from argv: they come from `HUBSOFT_CLIENT_SECRET` /
//! `HUBSOFT_PASSWORD`, else from the profile's `*_command` (run once through
//! the shell), else, discouraged, from the file itself.

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::api::{Credentials, Secret};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::{Theme, ThemeKind, parse_color};

mod file;
mod paths;
mod secrets;
mod settings;

pub use file::*;
pub use paths::*;
pub use secrets::*;
pub use settings::*;

/// The example config shipped with the binary (`hubdesk config example`).
pub const EXAMPLE: &str = include_str!("../../assets/config.example.toml");

/// Environment variable naming the config file.
pub const ENV_CONFIG: &str = "HUBDESK_CONFIG";

/// Environment variable choosing the profile.
pub const ENV_PROFILE: &str = "HUBDESK_PROFILE";

/// Environment variable overriding the data directory (audit trail).
pub const ENV_DATA_DIR: &str = "HUBDESK_DATA_DIR";

/// Environment variable overriding the state directory (logs).
pub const ENV_STATE_DIR: &str = "HUBDESK_STATE_DIR";

/// Server address.
pub const ENV_HOST: &str = "HUBSOFT_HOST";

/// OAuth client id.
pub const ENV_CLIENT_ID: &str = "HUBSOFT_CLIENT_ID";

/// OAuth client secret.
pub const ENV_CLIENT_SECRET: &str = "HUBSOFT_CLIENT_SECRET";

/// API user name.
pub const ENV_USERNAME: &str = "HUBSOFT_USERNAME";

/// API user password.
pub const ENV_PASSWORD: &str = "HUBSOFT_PASSWORD";

/// Looks an environment variable up; injected so tests need not mutate the
/// process environment.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, empty values counting as unset.
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// A config problem, shown localized; every one is a usage error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// No home directory to derive the platform directories from.
    NoHome,
    /// The file exists but could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        detail: String,
    },
    /// The file is not valid TOML or a value has the wrong type.
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML parser's explanation (with line and column).
        detail: String,
    },
    /// The chosen profile is not in the file.
    NoSuchProfile {
        /// The profile asked for.
        name: String,
    },
    /// Several profiles and nothing chooses one of them.
    NoProfileChosen {
        /// The file's profiles, sorted.
        names: Vec<String>,
    },
    /// A required setting has no value anywhere.
    Missing {
        /// The setting (e.g. `host`), with the variable that can supply it.
        what: &'static str,
        /// The environment variable that can supply it.
        env: &'static str,
    },
    /// A `*_command` failed or printed nothing.
    SecretCommand {
        /// `client_secret_command` or `password_command`.
        what: &'static str,
        /// Why (exit status or OS error; never the command's output).
        detail: String,
    },
    /// A value is not one of the allowed ones.
    BadValue {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
    },
    /// `http://` to a host that is not loopback without `insecure_http`.
    InsecureHttp {
        /// The host as configured.
        host: String,
    },
    /// `--config FILE` names a file that does not exist: a typo there
    /// must not silently run with defaults (or another profile's host).
    NotFound {
        /// The file as given.
        path: PathBuf,
    },
    /// The server address holds a user name or password
    /// (`https://user:pass@host`). Never echoes the address.
    HostUserinfo {
        /// Where the address came from: `--host`, `HUBSOFT_HOST` or the
        /// profile's key.
        source: String,
    },
    /// The file runs shell commands (`*_command`) and users other than
    /// its owner may rewrite it: anyone could make it run anything.
    UnsafeCommands {
        /// The file.
        path: PathBuf,
    },
}

impl ConfigError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConfigError::NoHome => tr(lang, Msg::CfgNoHome).to_owned(),
            ConfigError::Read { path, detail } => trf(
                lang,
                Msg::CfgReadFailed,
                &[("path", &path.display()), ("detail", detail)],
            ),
            ConfigError::Parse { path, detail } => trf(
                lang,
                Msg::CfgParseFailed,
                &[("path", &path.display()), ("detail", detail)],
            ),
            ConfigError::NoSuchProfile { name } => {
                trf(lang, Msg::CfgNoSuchProfile, &[("name", name)])
            }
            ConfigError::NoProfileChosen { names } => trf(
                lang,
                Msg::CfgNoProfileChosen,
                &[("names", &names.join(", "))],
            ),
            ConfigError::Missing { what, env } => {
                trf(lang, Msg::CfgMissing, &[("what", what), ("env", env)])
            }
            ConfigError::SecretCommand { what, detail } => trf(
                lang,
                Msg::CfgSecretCommandFailed,
                &[("what", what), ("detail", detail)],
            ),
            ConfigError::BadValue { key, value } => {
                trf(lang, Msg::CfgBadValue, &[("key", key), ("value", value)])
            }
            ConfigError::InsecureHttp { host } => {
                trf(lang, Msg::CfgInsecureHttp, &[("host", host)])
            }
            ConfigError::NotFound { path } => {
                trf(lang, Msg::HdConfigNotFound, &[("path", &path.display())])
            }
            ConfigError::HostUserinfo { source } => {
                trf(lang, Msg::CfgHostUserinfo, &[("source", source)])
            }
            ConfigError::UnsafeCommands { path } => {
                trf(lang, Msg::CfgUnsafeCommands, &[("path", &path.display())])
            }
        }
    }
}

#[cfg(test)]
mod tests;
