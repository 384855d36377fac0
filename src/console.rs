//! The interactive console's entry point. CONTRACT SKELETON: the console
//! work fills `run`; the CLI work builds `ConsoleOptions` from flags, config
//! and environment and calls it. Fields may be added by the console work.

use std::collections::BTreeMap;

use crate::api::Client;
use crate::i18n::Lang;
use crate::ui::theme::Theme;

/// Everything the console needs, resolved by `main` from flags, the config
/// file and the environment.
pub struct ConsoleOptions {
    /// The shared API client (already configured for the chosen profile).
    pub client: Client,
    /// Interface language.
    pub lang: Lang,
    /// Colour theme, with the profile's accent applied.
    pub theme: Theme,
    /// `--read-only` or the profile's `read_only`: every action and its keys vanish.
    pub read_only: bool,
    /// Privacy mode: CPF/CNPJ, phones, e-mails, street numbers masked.
    pub privacy: bool,
    /// Running against the embedded simulator: the console says so plainly.
    pub demo: bool,
    /// The profile's name, shown in the status bar.
    pub profile: String,
    /// The attendant's name or login (tickets' `parametros`, audit trail).
    pub attendant: Option<String>,
    /// PBX extension of this attendant, if any.
    pub ramal: Option<String>,
    /// TLS verification disabled by `--insecure`: shown in the status bar.
    pub insecure: bool,
    /// User key overrides from the config (`[keys]`), action name to keys.
    pub key_overrides: BTreeMap<String, Vec<String>>,
}

/// Runs the console until the attendant quits; returns the process exit code.
pub async fn run(options: ConsoleOptions) -> anyhow::Result<i32> {
    let _ = options;
    anyhow::bail!("the console is not built yet")
}
