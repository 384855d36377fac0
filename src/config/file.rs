//! The config file: reading it (size-capped, secrets zeroized), parsing it,
//! and the checks and warnings about its keys and permissions.

use super::*;

/// Keys allowed at the top level of the file.
pub(super) const TOP_KEYS: &[&str] = &[
    "default_profile",
    "lang",
    "theme",
    "privacy",
    "keys",
    "profiles",
    "templates",
    "watch",
    "audit_sink",
    "commands",
];

/// Keys allowed in a `[[commands]]` entry.
pub(super) const COMMAND_KEYS: &[&str] =
    &["key", "name", "command", "confirm", "writes", "interactive"];

/// Keys allowed in the `[watch]` table.
pub(super) const WATCH_KEYS: &[&str] = &["interval_secs", "limit_mins"];

/// Keys allowed in a `[profiles.NAME]` table.
pub(super) const PROFILE_KEYS: &[&str] = &[
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
    /// Where audit lines go besides the local file: `file` (the default),
    /// `journald` or `syslog` (see `crate::audit::Sink`).
    pub audit_sink: Option<String>,
    /// Key overrides: action name to one key or a list.
    pub keys: BTreeMap<String, KeyList>,
    /// The profiles by name.
    pub profiles: BTreeMap<String, Profile>,
    /// Canned ticket texts by name (`[templates]`), shared by every
    /// profile; checked by [`crate::ops::templates::load`].
    pub templates: BTreeMap<String, String>,
    /// The console's watches (`w`): their pace.
    pub watch: WatchSection,
    /// NOC commands (`[[commands]]`), shared by every profile; their
    /// command lines are checked by [`crate::ops::commands`].
    pub commands: Vec<CommandEntry>,
}

/// One `[[commands]]` entry: a program run on the selected customer's
/// data (issue 18, part 4).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct CommandEntry {
    /// The key that runs it in the console.
    pub key: Option<String>,
    /// Its name (palette, help, confirmation).
    pub name: Option<String>,
    /// The command line, with placeholders (`ping -c 5 {ipv4}`).
    pub command: Option<String>,
    /// Ask before running it.
    pub confirm: bool,
    /// It changes something: refused in read-only mode.
    pub writes: bool,
    /// It needs the terminal (ssh to an OLT): the console steps aside.
    pub interactive: bool,
}

/// The `[watch]` table: how often a watched service's last connection is
/// read, and for how long (see [`WatchSection::pace`]).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct WatchSection {
    /// Seconds between two reads (default 5, from 1 to 300).
    pub interval_secs: Option<u64>,
    /// Minutes after which a watch stops by itself (default 5, from 1 to
    /// 120).
    pub limit_mins: Option<u64>,
}

impl WatchSection {
    /// Seconds between reads when the file says nothing.
    pub const DEFAULT_INTERVAL_SECS: u64 = 5;
    /// Minutes of a watch when the file says nothing.
    pub const DEFAULT_LIMIT_MINS: u64 = 5;

    /// The interval and the limit, checked: a value out of range is an
    /// error naming its key (a typo must not poll a server every
    /// millisecond, nor forget to stop).
    pub fn pace(&self) -> Result<(std::time::Duration, std::time::Duration), ConfigError> {
        let check =
            |key: &str, v: Option<u64>, default: u64, range: std::ops::RangeInclusive<u64>| {
                let v = v.unwrap_or(default);
                if range.contains(&v) {
                    Ok(v)
                } else {
                    Err(ConfigError::BadValue {
                        key: format!("watch.{key}"),
                        value: v.to_string(),
                    })
                }
            };
        let interval = check(
            "interval_secs",
            self.interval_secs,
            Self::DEFAULT_INTERVAL_SECS,
            1..=300,
        )?;
        let limit = check(
            "limit_mins",
            self.limit_mins,
            Self::DEFAULT_LIMIT_MINS,
            1..=120,
        )?;
        Ok((
            std::time::Duration::from_secs(interval),
            std::time::Duration::from_secs(limit * 60),
        ))
    }
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
pub(super) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the file's text: only a regular file (a FIFO or a device there
/// would block or never end), at most [`MAX_CONFIG_BYTES`]. `Ok(None)`
/// when it does not exist.
pub(super) fn read_config_text(path: &Path) -> std::io::Result<Option<Zeroizing<String>>> {
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

/// Refuses a file that runs commands (`password_command`,
/// `client_secret_command`, `[[commands]]`) when users other than its owner may write it
/// (group or world write bit), or when its owner is neither the user
/// running hubdesk nor root: any of them could make it run anything.
pub fn check_commands_safe(loaded: &Loaded) -> Result<(), ConfigError> {
    let runs_commands = loaded
        .file
        .profiles
        .values()
        .any(|p| p.password_command.is_some() || p.client_secret_command.is_some())
        || !loaded.file.commands.is_empty();
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
        } else if key == "watch"
            && let Some(watch) = value.as_table()
        {
            out.extend(
                watch
                    .keys()
                    .filter(|k| !WATCH_KEYS.contains(&k.as_str()))
                    .map(|k| format!("watch.{k}")),
            );
        } else if key == "commands"
            && let Some(list) = value.as_array()
        {
            for (i, entry) in list.iter().enumerate() {
                if let Some(entry) = entry.as_table() {
                    out.extend(
                        entry
                            .keys()
                            .filter(|k| !COMMAND_KEYS.contains(&k.as_str()))
                            .map(|k| format!("commands[{i}].{k}")),
                    );
                }
            }
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
