//! The settings one run uses, resolved from the file, the environment and
//! the flags, in that order of precedence.

use super::*;

/// What the flags say about the profile and server.
#[derive(Clone, Debug, Default)]
pub struct FlagOverrides {
    /// `--profile`.
    pub profile: Option<String>,
    /// `--host`.
    pub host: Option<String>,
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
pub(super) fn has_userinfo(host: &str) -> bool {
    let rest = host.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .contains('@')
}

/// True when `host[:port][/path]` names a loopback address.
pub(super) fn is_loopback_authority(rest: &str) -> bool {
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
