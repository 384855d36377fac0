//! Where hubdesk keeps its files: the config, the audit trail, the state.

use super::*;

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
