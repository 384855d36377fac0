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

/// The example config shipped with the binary (`hubdesk config example`).
pub const EXAMPLE: &str = include_str!("../assets/config.example.toml");

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

/// Keys allowed at the top level of the file.
const TOP_KEYS: &[&str] = &[
    "default_profile",
    "lang",
    "theme",
    "privacy",
    "keys",
    "profiles",
];
/// Keys allowed in a `[profiles.NAME]` table.
const PROFILE_KEYS: &[&str] = &[
    "host",
    "client_id",
    "username",
    "client_secret_command",
    "password_command",
    "client_secret",
    "password",
    "read_only",
    "accent",
    "attendant",
    "ramal",
    "internal_id",
    "insecure_http",
    "typeahead",
];

/// Looks an environment variable up; injected so tests need not mutate the
/// process environment.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, empty values counting as unset.
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// Where hubdesk reads and writes its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The TOML config file (it need not exist).
    pub config_file: PathBuf,
    /// Durable data: the audit trail.
    pub data_dir: PathBuf,
    /// Disposable state: the logs.
    pub state_dir: PathBuf,
}

impl Paths {
    /// Resolves the paths: `--config`, then `HUBDESK_CONFIG`, then the
    /// platform config dir; `HUBDESK_DATA_DIR` / `HUBDESK_STATE_DIR`, then
    /// the platform data and state dirs (XDG on Linux).
    pub fn resolve(config_flag: Option<&Path>, env: Env<'_>) -> Result<Paths, ConfigError> {
        let dirs = directories::ProjectDirs::from("br", "hubdesk", "hubdesk");
        let config_file = match config_flag {
            Some(p) => p.to_path_buf(),
            None => match env(ENV_CONFIG) {
                Some(p) => PathBuf::from(p),
                None => dirs
                    .as_ref()
                    .ok_or(ConfigError::NoHome)?
                    .config_dir()
                    .join("config.toml"),
            },
        };
        let data_dir = match env(ENV_DATA_DIR) {
            Some(p) => PathBuf::from(p),
            None => dirs.as_ref().ok_or(ConfigError::NoHome)?.data_dir().into(),
        };
        let state_dir = match env(ENV_STATE_DIR) {
            Some(p) => PathBuf::from(p),
            None => {
                let d = dirs.as_ref().ok_or(ConfigError::NoHome)?;
                // Only Linux has a state dir; elsewhere logs go with local data.
                d.state_dir().unwrap_or_else(|| d.data_local_dir()).into()
            }
        };
        Ok(Paths {
            config_file,
            data_dir,
            state_dir,
        })
    }

    /// The audit trail (JSON lines).
    pub fn audit_file(&self) -> PathBuf {
        self.data_dir.join("audit.jsonl")
    }

    /// The directory of the rolling log files.
    pub fn log_dir(&self) -> PathBuf {
        self.state_dir.join("logs")
    }
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

/// The file as written. Unknown keys are ignored here and reported by
/// [`unknown_keys`], so a typo never stops the console from starting.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConfigFile {
    /// Profile used when none is chosen by flag or environment.
    pub default_profile: Option<String>,
    /// Interface language (`pt-BR`, `en`).
    pub lang: Option<String>,
    /// `dark`, `light` or `mono`.
    pub theme: Option<String>,
    /// Privacy mode on by default.
    pub privacy: Option<bool>,
    /// Key overrides: action name to one key or a list.
    pub keys: BTreeMap<String, KeyList>,
    /// The profiles by name.
    pub profiles: BTreeMap<String, Profile>,
}

/// One `[profiles.NAME]` table. No `Debug`: it may hold secrets.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// `https://host[/prefix]` of the HubSoft API.
    pub host: Option<String>,
    /// OAuth client id.
    pub client_id: Option<String>,
    /// API user name.
    pub username: Option<String>,
    /// Shell command printing the client secret.
    pub client_secret_command: Option<String>,
    /// Shell command printing the password.
    pub password_command: Option<String>,
    /// The client secret itself (discouraged).
    pub client_secret: Option<Secret>,
    /// The password itself (discouraged).
    pub password: Option<Secret>,
    /// Hide every action.
    pub read_only: Option<bool>,
    /// Accent colour of the console for this profile.
    pub accent: Option<String>,
    /// Attendant's name, for tickets and the audit trail.
    pub attendant: Option<String>,
    /// Attendant's PBX extension.
    pub ramal: Option<String>,
    /// Attendant's PBX internal id (`identificador_interno`), for HubSoft
    /// users identified by id rather than extension.
    pub internal_id: Option<String>,
    /// Allow plain `http://` to a host that is not loopback.
    pub insecure_http: Option<bool>,
    /// Instant type-ahead: an in-memory index of `cliente/all`.
    pub typeahead: Option<bool>,
}

/// The config file as loaded, with its path and raw text.
#[derive(Clone)]
pub struct Loaded {
    /// Where it was read from.
    pub path: PathBuf,
    /// False when the file does not exist (an empty config is used).
    pub exists: bool,
    /// The raw text ("" when absent), for [`unknown_keys`]. It may hold
    /// secrets: zeroed when dropped.
    pub text: Zeroizing<String>,
    /// The parsed file.
    pub file: ConfigFile,
}

/// The largest config file read; a real one is a few kilobytes.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the file's text: only a regular file (a FIFO or a device there
/// would block or never end), at most [`MAX_CONFIG_BYTES`]. `Ok(None)`
/// when it does not exist.
fn read_config_text(path: &Path) -> std::io::Result<Option<Zeroizing<String>>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Opening a FIFO for reading waits for a writer; non-blocking, it
        // returns at once and fstat tells what it is.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} KB",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(meta.len() as usize + 1));
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"))?;
    Ok(Some(Zeroizing::new(text.to_owned())))
}

/// Reads and parses the config file; a missing file is an empty config.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = match read_config_text(path) {
        Ok(Some(t)) => t,
        Ok(None) => {
            return Ok(Loaded {
                path: path.to_path_buf(),
                exists: false,
                text: Zeroizing::new(String::new()),
                file: ConfigFile::default(),
            });
        }
        Err(e) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                detail: e.to_string(),
            });
        }
    };
    let file = parse(&text).map_err(|detail| ConfigError::Parse {
        path: path.to_path_buf(),
        detail,
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        exists: true,
        text,
        file,
    })
}

/// [`load`], except that an `explicit` path (`--config FILE`) must exist.
/// The implicit paths (`HUBDESK_CONFIG`, the platform default) may be
/// absent: running on flags and environment alone is normal.
pub fn load_checked(path: &Path, explicit: bool) -> Result<Loaded, ConfigError> {
    let loaded = load(path)?;
    if explicit && !loaded.exists {
        return Err(ConfigError::NotFound {
            path: path.to_path_buf(),
        });
    }
    Ok(loaded)
}

/// The warning to show when the loaded file keeps a secret and users
/// other than its owner may read it (names the file and `chmod 600`), or
/// `None`. Shown by every command and by the console, not only by
/// `config check`: the attendant who never runs the check still learns.
pub fn secrets_warning(loaded: &Loaded, lang: Lang) -> Option<String> {
    (loaded.exists
        && !profiles_with_secrets(&loaded.file).is_empty()
        && readable_by_others(&loaded.path))
    .then(|| {
        trf(
            lang,
            Msg::CfgSecretsReadable,
            &[("path", &loaded.path.display())],
        )
    })
}

/// The warning to show on every run (stderr and the console) when the file
/// has keys this version does not know: a typo (`pasword_command`) must
/// not go unnoticed until something fails. `None` when there are none.
pub fn unknown_keys_warning(loaded: &Loaded, lang: Lang) -> Option<String> {
    let keys = unknown_keys(&loaded.text);
    (!keys.is_empty()).then(|| {
        trf(
            lang,
            Msg::CfgUnknownKeys,
            &[("path", &loaded.path.display()), ("keys", &keys.join(", "))],
        )
    })
}

/// Refuses a file that runs shell commands (`password_command`,
/// `client_secret_command`) when users other than its owner may write it
/// (group or world write bit), or when its owner is neither the user
/// running hubdesk nor root: any of them could make it run anything.
pub fn check_commands_safe(loaded: &Loaded) -> Result<(), ConfigError> {
    let runs_commands = loaded
        .file
        .profiles
        .values()
        .any(|p| p.password_command.is_some() || p.client_secret_command.is_some());
    if loaded.exists && runs_commands && writable_by_others(&loaded.path) {
        return Err(ConfigError::UnsafeCommands {
            path: loaded.path.clone(),
        });
    }
    Ok(())
}

/// True when users other than the owner may write the file, or its owner
/// is another (non-root) user.
#[cfg(unix)]
pub fn writable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    std::fs::metadata(path).is_ok_and(|m| {
        // SAFETY: getuid has no preconditions and cannot fail.
        let me = unsafe { libc::getuid() };
        m.permissions().mode() & 0o022 != 0 || (m.uid() != me && m.uid() != 0)
    })
}

/// True when users other than the owner may write the file.
#[cfg(not(unix))]
pub fn writable_by_others(_path: &Path) -> bool {
    false
}

/// Parses config text; the error is the TOML parser's message.
pub fn parse(text: &str) -> Result<ConfigFile, String> {
    toml::from_str(text).map_err(|e| e.to_string().trim().to_owned())
}

/// Dotted names of the keys this version does not know (`profiles.x.hots`).
pub fn unknown_keys(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in &table {
        if !TOP_KEYS.contains(&key.as_str()) {
            out.push(key.clone());
        } else if key == "profiles"
            && let Some(profiles) = value.as_table()
        {
            for (name, profile) in profiles {
                match profile.as_table() {
                    Some(p) => out.extend(
                        p.keys()
                            .filter(|k| !PROFILE_KEYS.contains(&k.as_str()))
                            .map(|k| format!("profiles.{name}.{k}")),
                    ),
                    None => out.push(format!("profiles.{name}")),
                }
            }
        }
    }
    out
}

/// Names of the profiles that keep a secret in the file itself.
pub fn profiles_with_secrets(file: &ConfigFile) -> Vec<String> {
    file.profiles
        .iter()
        .filter(|(_, p)| p.client_secret.is_some() || p.password.is_some())
        .map(|(n, _)| n.clone())
        .collect()
}

/// True when users other than the owner may read the file.
#[cfg(unix)]
pub fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

/// True when users other than the owner may read the file.
#[cfg(not(unix))]
pub fn readable_by_others(_path: &Path) -> bool {
    false
}

/// What the flags say about the profile and server.
#[derive(Clone, Debug, Default)]
pub struct FlagOverrides {
    /// `--profile`.
    pub profile: Option<String>,
    /// `--host`.
    pub host: Option<String>,
}

/// Where a secret will come from (for `config check`, never the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretSource {
    /// An environment variable.
    Env,
    /// The profile's `*_command`.
    Command,
    /// The config file itself.
    File,
    /// Nowhere: the run will fail when it needs it.
    Missing,
}

impl SecretSource {
    /// A short localized description.
    pub fn describe(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                SecretSource::Env => Msg::CfgSourceEnv,
                SecretSource::Command => Msg::CfgSourceCommand,
                SecretSource::File => Msg::CfgSourceFile,
                SecretSource::Missing => Msg::CfgSourceMissing,
            },
        )
    }
}

/// The settings of one run, after file, environment and flags. No `Debug`:
/// it may hold secrets.
#[derive(Clone)]
pub struct Settings {
    /// The profile's name (`default` when the file has none).
    pub profile: String,
    /// Server address, if known.
    pub host: Option<String>,
    /// OAuth client id, if known.
    pub client_id: Option<String>,
    /// API user, if known.
    pub username: Option<String>,
    /// The profile's read-only flag.
    pub read_only: bool,
    /// The profile's accent colour, as written.
    pub accent: Option<String>,
    /// Attendant name.
    pub attendant: Option<String>,
    /// PBX extension.
    pub ramal: Option<String>,
    /// PBX internal id (`identificador_interno`).
    pub internal_id: Option<String>,
    /// Plain HTTP allowed to remote hosts.
    pub insecure_http: bool,
    /// The console's instant type-ahead (in-memory index of `cliente/all`).
    pub typeahead: bool,
    /// Secret value from the environment, else the file.
    client_secret: Option<Secret>,
    client_secret_command: Option<String>,
    password: Option<Secret>,
    password_command: Option<String>,
    client_secret_env: bool,
    password_env: bool,
}

/// Chooses the profile and merges file, environment and flags.
pub fn resolve(
    file: &ConfigFile,
    flags: &FlagOverrides,
    env: Env<'_>,
) -> Result<Settings, ConfigError> {
    let chosen = flags
        .profile
        .clone()
        .or_else(|| env(ENV_PROFILE))
        .or_else(|| file.default_profile.clone());
    let (name, profile) = match chosen {
        Some(name) => match file.profiles.get(&name) {
            Some(p) => (name, p.clone()),
            None => return Err(ConfigError::NoSuchProfile { name }),
        },
        None if file.profiles.len() == 1 => {
            let (n, p) = file.profiles.iter().next().expect("one profile");
            (n.clone(), p.clone())
        }
        // Guessing would send one server's credentials to another; an empty
        // profile would only fail later with a misleading "missing host".
        None if file.profiles.len() > 1 => {
            let mut names: Vec<String> = file.profiles.keys().cloned().collect();
            names.sort();
            return Err(ConfigError::NoProfileChosen { names });
        }
        None => ("default".to_owned(), Profile::default()),
    };
    let non_blank = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
    let env_secret = env(ENV_CLIENT_SECRET).map(Secret::new);
    let env_password = env(ENV_PASSWORD).map(Secret::new);
    // Where the address comes from, for a message that must not echo it.
    let (host, host_source) = match non_blank(flags.host.clone()) {
        Some(h) => (Some(h), "--host".to_owned()),
        None => match env(ENV_HOST) {
            Some(h) => (Some(h), ENV_HOST.to_owned()),
            None => (non_blank(profile.host), format!("profiles.{name}.host")),
        },
    };
    if host.as_deref().is_some_and(has_userinfo) {
        return Err(ConfigError::HostUserinfo {
            source: host_source,
        });
    }
    Ok(Settings {
        profile: name,
        host,
        client_id: env(ENV_CLIENT_ID).or(non_blank(profile.client_id)),
        username: env(ENV_USERNAME).or(non_blank(profile.username)),
        read_only: profile.read_only.unwrap_or(false),
        accent: non_blank(profile.accent),
        attendant: non_blank(profile.attendant),
        ramal: non_blank(profile.ramal),
        internal_id: non_blank(profile.internal_id),
        insecure_http: profile.insecure_http.unwrap_or(false),
        typeahead: profile.typeahead.unwrap_or(false),
        client_secret_env: env_secret.is_some(),
        password_env: env_password.is_some(),
        client_secret: env_secret.or(profile.client_secret),
        client_secret_command: non_blank(profile.client_secret_command),
        password: env_password.or(profile.password),
        password_command: non_blank(profile.password_command),
    })
}

/// The credentials a demo server accepts. The caller (who started that
/// server) knows them; the configuration does not depend on the simulator.
#[derive(Clone, Copy, Debug)]
pub struct DemoLogin<'a> {
    /// `client_id`.
    pub client_id: &'a str,
    /// `client_secret`.
    pub client_secret: &'a str,
    /// `username`.
    pub username: &'a str,
    /// `password`.
    pub password: &'a str,
}

impl Settings {
    /// The settings of `--demo`: the embedded simulator at `base_url`,
    /// which accepts `d`. The configured profile's attendant, extension,
    /// accent and read-only flag are kept when it resolves, so the demo
    /// looks like the attendant's own set-up.
    pub fn demo(base_url: String, d: DemoLogin<'_>, configured: Option<&Settings>) -> Settings {
        Settings {
            profile: "demo".to_owned(),
            host: Some(base_url),
            client_id: Some(d.client_id.to_owned()),
            username: Some(d.username.to_owned()),
            read_only: configured.is_some_and(|s| s.read_only),
            accent: configured.and_then(|s| s.accent.clone()),
            attendant: configured.and_then(|s| s.attendant.clone()),
            ramal: configured.and_then(|s| s.ramal.clone()),
            internal_id: configured.and_then(|s| s.internal_id.clone()),
            insecure_http: false,
            typeahead: configured.is_some_and(|s| s.typeahead),
            client_secret: Some(Secret::new(d.client_secret)),
            client_secret_command: None,
            password: Some(Secret::new(d.password)),
            password_command: None,
            client_secret_env: false,
            password_env: false,
        }
    }

    /// Where the client secret will come from.
    pub fn client_secret_source(&self) -> SecretSource {
        source(
            self.client_secret_env,
            self.client_secret_command.is_some(),
            self.client_secret.is_some(),
        )
    }

    /// Where the password will come from.
    pub fn password_source(&self) -> SecretSource {
        source(
            self.password_env,
            self.password_command.is_some(),
            self.password.is_some(),
        )
    }

    /// True when the server is plain `http://` to a host that is not
    /// loopback (allowed by `insecure_http = true`): the password and
    /// every answer travel in clear. Said on every run and in the console.
    pub fn cleartext_remote(&self) -> bool {
        self.host.as_deref().is_some_and(|host| {
            let lower = host.trim().to_ascii_lowercase();
            lower
                .strip_prefix("http://")
                .is_some_and(|rest| !is_loopback_authority(rest))
        })
    }

    /// The server address, checked: plain `http://` only to loopback or
    /// with `insecure_http = true`.
    pub fn checked_host(&self) -> Result<String, ConfigError> {
        let host = self.host.clone().ok_or(ConfigError::Missing {
            what: "host",
            env: ENV_HOST,
        })?;
        let lower = host.trim().to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("http://")
            && !self.insecure_http
            && !is_loopback_authority(rest)
        {
            return Err(ConfigError::InsecureHttp { host });
        }
        Ok(host)
    }

    /// The credentials, running the `*_command`s when the environment does
    /// not supply the secrets. Call once per run.
    pub fn credentials(&self) -> Result<Credentials, ConfigError> {
        let client_id = self.client_id.clone().ok_or(ConfigError::Missing {
            what: "client_id",
            env: ENV_CLIENT_ID,
        })?;
        let username = self.username.clone().ok_or(ConfigError::Missing {
            what: "username",
            env: ENV_USERNAME,
        })?;
        let client_secret = secret(
            self.client_secret_env,
            self.client_secret.as_ref(),
            self.client_secret_command.as_deref(),
            "client_secret",
            "client_secret_command",
            ENV_CLIENT_SECRET,
        )?;
        let password = secret(
            self.password_env,
            self.password.as_ref(),
            self.password_command.as_deref(),
            "password",
            "password_command",
            ENV_PASSWORD,
        )?;
        Ok(Credentials {
            client_id,
            client_secret,
            username,
            password,
        })
    }
}

fn source(env: bool, command: bool, file: bool) -> SecretSource {
    if env {
        SecretSource::Env
    } else if command {
        SecretSource::Command
    } else if file {
        SecretSource::File
    } else {
        SecretSource::Missing
    }
}

fn secret(
    from_env: bool,
    value: Option<&Secret>,
    command: Option<&str>,
    what: &'static str,
    command_key: &'static str,
    env: &'static str,
) -> Result<Secret, ConfigError> {
    if from_env && let Some(v) = value {
        return Ok(v.clone());
    }
    if let Some(cmd) = command {
        return run_secret_command(cmd, command_key, SECRET_COMMAND_TIMEOUT);
    }
    match value {
        Some(v) => Ok(v.clone()),
        None => Err(ConfigError::Missing { what, env }),
    }
}

/// How long a `*_command` may take: long enough to type a passphrase into
/// a password manager's prompt, short enough that a hung command does
/// not hang hubdesk forever.
pub const SECRET_COMMAND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs a `*_command` through the shell; its output, trimmed, is the
/// secret. Its stderr goes to the user's terminal (a password manager may
/// ask for a passphrase); its stdout is never logged or shown, and the
/// buffers that held it are zeroed. After `timeout` the command is killed
/// and the run fails.
fn run_secret_command(
    cmd: &str,
    what: &'static str,
    timeout: std::time::Duration,
) -> Result<Secret, ConfigError> {
    use std::io::Read;
    let failed = |detail: String| ConfigError::SecretCommand { what, detail };
    let shell = if cfg!(windows) { "cmd" } else { "sh" };
    let flag = if cfg!(windows) { "/C" } else { "-c" };
    let mut child = std::process::Command::new(shell)
        .arg(flag)
        .arg(cmd)
        .stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| failed("no output".into()))?;
    let (tx, rx) = std::sync::mpsc::channel();
    // A thread reads (a pipe cannot be read with a deadline in std); it
    // ends with the command, or stays blocked on a command that was killed
    // but left a grandchild holding the pipe: harmless, it owns nothing.
    std::thread::spawn(move || {
        let mut out = Zeroizing::new(Vec::new());
        let read = stdout.read_to_end(&mut out).map(|_| out);
        let _ = tx.send(read);
    });
    let out = match rx.recv_timeout(timeout) {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(e.to_string()));
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(format!(
                "no answer within {} s (killed)",
                timeout.as_secs()
            )));
        }
    };
    let status = child.wait().map_err(|e| failed(e.to_string()))?;
    if !status.success() {
        return Err(failed(status.to_string()));
    }
    let text = Zeroizing::new(String::from_utf8_lossy(&out).into_owned());
    let secret = text.trim();
    if secret.is_empty() {
        return Err(failed("empty output".to_owned()));
    }
    Ok(Secret::new(secret))
}

/// The console's theme: `--theme` (already parsed), else the file's
/// `theme`; `--no-color` or a non-empty `NO_COLOR` force mono; then the
/// profile's accent. A theme name or accent that cannot be read is an
/// error, so a typo is seen instead of silently ignored.
pub fn resolve_theme(
    flag: Option<ThemeKind>,
    configured: Option<&str>,
    no_color_flag: bool,
    no_color_env: Option<&str>,
    settings: &Settings,
) -> Result<Theme, ConfigError> {
    let configured = match (flag, configured) {
        (Some(kind), _) => Some(kind),
        (None, Some(name)) => {
            Some(
                ThemeKind::from_name(name).ok_or_else(|| ConfigError::BadValue {
                    key: "theme".into(),
                    value: name.into(),
                })?,
            )
        }
        (None, None) => None,
    };
    let theme = Theme::new(ThemeKind::choose(configured, no_color_flag, no_color_env));
    match &settings.accent {
        Some(accent) => parse_color(accent)
            .map(|c| theme.with_accent(c))
            .map_err(|_| ConfigError::BadValue {
                key: format!("profiles.{}.accent", settings.profile),
                value: accent.clone(),
            }),
        None => Ok(theme),
    }
}

/// True when the address holds `user[:password]@` before its host.
fn has_userinfo(host: &str) -> bool {
    let rest = host.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .contains('@')
}

/// True when `host[:port][/path]` names a loopback address.
fn is_loopback_authority(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    match host.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// The keys of one override as written in the config: one string
/// (`refresh = "F5"`) or a list (`refresh = ["F5", "ctrl-r"]`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum KeyList {
    /// A single key.
    One(String),
    /// Several keys (an empty list unbinds the action).
    Many(Vec<String>),
}

impl KeyList {
    /// The key strings.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            KeyList::One(key) => vec![key],
            KeyList::Many(keys) => keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    const FILE: &str = r#"
default_profile = "a"
[profiles.a]
host = "https://a.example"
client_id = "1"
username = "ua"
password = "pw-a"
client_secret_command = "printf ' s3cr3t \n'"
[profiles.b]
host = "https://b.example"
read_only = true
"#;

    #[test]
    fn file_then_env_then_flags() {
        let file = parse(FILE).unwrap();
        let none = env_of(&[]);
        let s = resolve(&file, &FlagOverrides::default(), &none).unwrap();
        assert_eq!(s.profile, "a");
        assert_eq!(s.host.as_deref(), Some("https://a.example"));
        let env = env_of(&[(ENV_PROFILE, "b"), (ENV_HOST, "https://env.example")]);
        let s = resolve(&file, &FlagOverrides::default(), &env).unwrap();
        assert_eq!(s.profile, "b");
        assert!(s.read_only);
        assert_eq!(s.host.as_deref(), Some("https://env.example"));
        let flags = FlagOverrides {
            profile: Some("a".into()),
            host: Some("https://flag.example".into()),
        };
        let s = resolve(&file, &flags, &env).unwrap();
        assert_eq!(s.profile, "a");
        assert_eq!(s.host.as_deref(), Some("https://flag.example"));
    }

    #[test]
    fn secrets_env_over_command_over_file() {
        let file = parse(FILE).unwrap();
        let none = env_of(&[]);
        let s = resolve(&file, &FlagOverrides::default(), &none).unwrap();
        assert_eq!(s.client_secret_source(), SecretSource::Command);
        assert_eq!(s.password_source(), SecretSource::File);
        let c = s.credentials().unwrap();
        assert_eq!(c.client_secret.expose(), "s3cr3t");
        assert_eq!(c.password.expose(), "pw-a");
        let env = env_of(&[(ENV_CLIENT_SECRET, "e1"), (ENV_PASSWORD, "e2")]);
        let s = resolve(&file, &FlagOverrides::default(), &env).unwrap();
        let c = s.credentials().unwrap();
        assert_eq!(
            (c.client_secret.expose(), c.password.expose()),
            ("e1", "e2")
        );
    }

    #[test]
    fn failing_secret_command_is_a_clear_error() {
        let file = parse(
            "[profiles.x]\nclient_id='1'\nusername='u'\npassword='p'\nclient_secret_command='exit 3'\n",
        )
        .unwrap();
        let s = resolve(&file, &FlagOverrides::default(), &env_of(&[])).unwrap();
        let e = s.credentials().err().unwrap();
        assert!(matches!(
            e,
            ConfigError::SecretCommand {
                what: "client_secret_command",
                ..
            }
        ));
        assert!(e.message(Lang::En).contains("client_secret_command"));
    }

    #[test]
    fn unknown_profile_and_keys_are_reported() {
        let file = parse(FILE).unwrap();
        let flags = FlagOverrides {
            profile: Some("zz".into()),
            host: None,
        };
        assert!(matches!(
            resolve(&file, &flags, &env_of(&[])),
            Err(ConfigError::NoSuchProfile { .. })
        ));
        let two = parse("[profiles.b]\nhost = 'x'\n[profiles.a]\nhost = 'y'\n").unwrap();
        let none = FlagOverrides {
            profile: None,
            host: None,
        };
        let err = resolve(&two, &none, &env_of(&[])).err().expect("ambiguous");
        assert_eq!(
            err,
            ConfigError::NoProfileChosen {
                names: vec!["a".into(), "b".into()]
            }
        );
        assert!(err.message(Lang::En).contains("a, b"));
        let chosen = resolve(&two, &none, &env_of(&[("HUBDESK_PROFILE", "b")])).ok();
        assert_eq!(chosen.map(|s| s.profile).as_deref(), Some("b"));
        let unknown = unknown_keys("colour = 1\n[profiles.a]\nhots = 'x'\nhost = 'y'\n");
        assert_eq!(unknown, vec!["colour", "profiles.a.hots"]);
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        let file = ConfigFile::default();
        let check = |host: &str, insecure: bool| {
            let flags = FlagOverrides {
                profile: None,
                host: Some(host.into()),
            };
            let mut s = resolve(&file, &flags, &env_of(&[])).unwrap();
            s.insecure_http = insecure;
            s.checked_host()
        };
        assert!(check("http://127.0.0.1:9000", false).is_ok());
        assert!(check("http://[::1]:9000/x", false).is_ok());
        assert!(check("http://localhost", false).is_ok());
        assert!(check("https://isp.example", false).is_ok());
        assert!(matches!(
            check("http://10.0.0.1", false),
            Err(ConfigError::InsecureHttp { .. })
        ));
        assert!(check("http://10.0.0.1", true).is_ok());
    }

    #[test]
    fn theme_from_flag_config_no_color_and_accent() {
        let file = parse("theme = 'light'\n[profiles.p]\naccent = '#ff8800'\n").unwrap();
        let s = resolve(&file, &FlagOverrides::default(), &env_of(&[])).unwrap();
        let t = resolve_theme(None, file.theme.as_deref(), false, None, &s).unwrap();
        assert_eq!(
            t,
            Theme::new(ThemeKind::Light).with_accent(parse_color("#ff8800").unwrap())
        );
        let t = resolve_theme(Some(ThemeKind::Dark), Some("light"), false, None, &s).unwrap();
        assert_eq!(t.kind(), ThemeKind::Dark);
        for (flag, env) in [(true, None), (false, Some("1"))] {
            let t = resolve_theme(Some(ThemeKind::Dark), None, flag, env, &s).unwrap();
            assert_eq!(t.kind(), ThemeKind::Mono);
            assert!(!t.has_color());
        }
        let t = resolve_theme(None, None, false, Some(""), &s).unwrap();
        assert_eq!(t.kind(), ThemeKind::Dark);
        assert!(matches!(
            resolve_theme(None, Some("neon"), false, None, &s),
            Err(ConfigError::BadValue { .. })
        ));
        let bad = parse("[profiles.p]\naccent = 'not-a-colour'\n").unwrap();
        let s = resolve(&bad, &FlagOverrides::default(), &env_of(&[])).unwrap();
        assert!(resolve_theme(None, None, false, None, &s).is_err());
    }

    #[test]
    fn type_errors_are_messages_not_panics() {
        let e = parse("privacy = 'yes please'").err().unwrap();
        assert!(e.contains("privacy"), "{e}");
        assert!(parse("[[[").is_err());
    }

    #[test]
    fn the_example_is_a_valid_config_without_unknown_keys() {
        let file = parse(EXAMPLE).unwrap();
        assert!(unknown_keys(EXAMPLE).is_empty());
        assert!(!file.profiles.is_empty());
        assert!(profiles_with_secrets(&file).is_empty());
    }

    #[test]
    fn the_pbx_extension_and_internal_id_resolve_and_blanks_are_unset() {
        let text = r#"
[profiles.p]
host = "https://p.example"
ramal = "201"
internal_id = " ATD-7 "
[profiles.q]
host = "https://q.example"
internal_id = "  "
"#;
        assert!(unknown_keys(text).is_empty());
        let file = parse(text).unwrap();
        let none = env_of(&[]);
        let pick = |name: &str| FlagOverrides {
            profile: Some(name.into()),
            ..FlagOverrides::default()
        };
        let s = resolve(&file, &pick("p"), &none).unwrap();
        assert_eq!(s.ramal.as_deref(), Some("201"));
        assert_eq!(s.internal_id.as_deref(), Some(" ATD-7 "));
        let s = resolve(&file, &pick("q"), &none).unwrap();
        assert_eq!((s.ramal, s.internal_id), (None, None));
        let login = DemoLogin {
            client_id: "c",
            client_secret: "s",
            username: "u",
            password: "p",
        };
        let demo = Settings::demo(
            "http://127.0.0.1:1".into(),
            login,
            Some(&resolve(&file, &pick("p"), &none).unwrap()),
        );
        assert_eq!(demo.internal_id.as_deref(), Some(" ATD-7 "));
    }

    #[test]
    fn an_explicit_config_file_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("typo.toml");
        assert!(load_checked(&missing, false).is_ok_and(|l| !l.exists));
        let e = load_checked(&missing, true).err().unwrap();
        assert_eq!(
            e,
            ConfigError::NotFound {
                path: missing.clone()
            }
        );
        let shown = e.message(Lang::PtBr);
        assert!(
            shown.contains("typo.toml") && shown.contains("--config"),
            "{shown}"
        );
        std::fs::write(&missing, "").unwrap();
        assert!(load_checked(&missing, true).is_ok_and(|l| l.exists));
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_file_with_secrets_gives_a_warning_naming_it_and_chmod() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let set = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode));
        std::fs::write(&path, "[profiles.p]\npassword = 'x'\n").unwrap();
        for mode in [0o644, 0o640, 0o604] {
            set(mode).unwrap();
            let w = secrets_warning(&load(&path).unwrap(), Lang::En).expect("warned");
            assert!(w.contains(&path.display().to_string()), "{w}");
            assert!(w.contains("chmod 600"), "{w}");
            let pt = secrets_warning(&load(&path).unwrap(), Lang::PtBr).unwrap();
            assert!(pt.contains("pode ser lido por outros"), "{pt}");
        }
        set(0o600).unwrap();
        assert_eq!(secrets_warning(&load(&path).unwrap(), Lang::En), None);
        // Readable by others but without secrets: nothing to protect.
        std::fs::write(&path, "[profiles.p]\nhost = 'https://x.example'\n").unwrap();
        set(0o644).unwrap();
        assert_eq!(secrets_warning(&load(&path).unwrap(), Lang::En), None);
    }

    #[test]
    fn a_host_with_user_info_is_refused_without_echoing_it() {
        let secret = "s3nh4-n0-host";
        let file = parse(&format!(
            "[profiles.p]\nhost = 'https://api:{secret}@erp.example'\n"
        ))
        .unwrap();
        let none = env_of(&[]);
        let e = resolve(&file, &FlagOverrides::default(), &none)
            .err()
            .expect("refused");
        assert_eq!(
            e,
            ConfigError::HostUserinfo {
                source: "profiles.p.host".into()
            }
        );
        for lang in [Lang::PtBr, Lang::En] {
            let text = e.message(lang);
            assert!(
                !text.contains(secret) && !text.contains("erp.example"),
                "{text}"
            );
            assert!(text.contains("profiles.p.host"), "{text}");
        }
        // From the flag and the environment too; a plain host passes.
        let flags = FlagOverrides {
            profile: None,
            host: Some(format!("http://u:{secret}@127.0.0.1:9")),
        };
        assert_eq!(
            resolve(&ConfigFile::default(), &flags, &none).err(),
            Some(ConfigError::HostUserinfo {
                source: "--host".into()
            })
        );
        let env = env_of(&[(ENV_HOST, "https://user@erp.example/api")]);
        assert_eq!(
            resolve(&ConfigFile::default(), &FlagOverrides::default(), &env).err(),
            Some(ConfigError::HostUserinfo {
                source: ENV_HOST.into()
            })
        );
        let env = env_of(&[(ENV_HOST, "https://erp.example/api?x=a@b")]);
        assert!(resolve(&ConfigFile::default(), &FlagOverrides::default(), &env).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_may_write_must_not_run_commands() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let set = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode));
        std::fs::write(
            &path,
            "[profiles.p]\nhost = 'https://x.example'\npassword_command = 'pass show x'\n",
        )
        .unwrap();
        for (mode, refused) in [
            (0o666, true),
            (0o620, true),
            (0o602, true),
            (0o644, false),
            (0o600, false),
        ] {
            set(mode).unwrap();
            let r = check_commands_safe(&load(&path).unwrap());
            assert_eq!(r.is_err(), refused, "{mode:o}");
        }
        set(0o666).unwrap();
        let e = check_commands_safe(&load(&path).unwrap()).unwrap_err();
        assert!(
            e.message(Lang::PtBr).contains("chmod go-w"),
            "{}",
            e.message(Lang::PtBr)
        );
        // Without a command there is nothing to run.
        std::fs::write(&path, "[profiles.p]\nhost = 'https://x.example'\n").unwrap();
        assert!(check_commands_safe(&load(&path).unwrap()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_huge_file_as_config_fails_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // No writer ever opens it: reading it would block forever.
        let e = load(&fifo).err().expect("refused");
        assert!(
            matches!(&e, ConfigError::Read { detail, .. } if detail == "not a regular file"),
            "{e:?}"
        );
        let e = load(Path::new("/dev/zero")).err().expect("refused");
        assert!(matches!(e, ConfigError::Read { .. }), "{e:?}");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
        let e = load(&big).err().expect("refused");
        assert!(
            matches!(&e, ConfigError::Read { detail, .. } if detail.starts_with("larger than")),
            "{e:?}"
        );
    }

    #[test]
    fn a_hung_secret_command_is_killed_after_its_time() {
        let e = run_secret_command(
            "exec sleep 30",
            "password_command",
            std::time::Duration::from_millis(300),
        )
        .expect_err("timed out");
        assert!(
            matches!(&e, ConfigError::SecretCommand { detail, .. } if detail.starts_with("no answer within")),
            "{e:?}"
        );
        let ok = run_secret_command(
            "printf ' pw \\n'",
            "password_command",
            std::time::Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(ok.expose(), "pw");
    }

    #[test]
    fn unknown_keys_and_cleartext_hosts_are_said_on_every_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "thme = 'dark'\n[profiles.p]\nhost = 'http://10.0.0.5'\ninsecure_http = true\npasword_command = 'x'\n",
        )
        .unwrap();
        let loaded = load(&path).unwrap();
        let w = unknown_keys_warning(&loaded, Lang::En).expect("warned");
        assert!(w.ends_with("profiles.p.pasword_command, thme"), "{w}");
        let s = resolve(&loaded.file, &FlagOverrides::default(), &env_of(&[])).unwrap();
        assert!(s.cleartext_remote());
        assert!(s.checked_host().is_ok(), "allowed, but said");
        for host in [
            "https://10.0.0.5",
            "http://127.0.0.1:8",
            "http://[::1]:8",
            "http://localhost",
        ] {
            let s = resolve(
                &ConfigFile::default(),
                &FlagOverrides {
                    profile: None,
                    host: Some(host.into()),
                },
                &env_of(&[]),
            )
            .unwrap();
            assert!(!s.cleartext_remote(), "{host}");
        }
        std::fs::write(&path, "[profiles.p]\nhost = 'https://x'\n").unwrap();
        assert_eq!(unknown_keys_warning(&load(&path).unwrap(), Lang::En), None);
    }
}
