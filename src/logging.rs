//! Logs: `tracing` to a daily rolling file in the state directory, never to
//! the terminal (the console draws on it and the CLI's output is for the
//! user and scripts).
//!
//! Only hubdesk's own events pass at the chosen level; other crates are held
//! at `warn`, because HTTP libraries log URLs at `debug`, and URLs carry
//! search terms (CPF, phone, names). hubdesk's own events name routes,
//! statuses and sizes, never bodies, queries, secrets or tokens.

#![warn(missing_docs)]

use std::path::Path;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, fmt};

/// Days of logs kept.
const KEEP_FILES: usize = 14;

/// Installs the file logger; `level` `OFF` installs nothing. Logging is a
/// convenience: the caller reports a failure here and carries on.
pub fn init(dir: &Path, level: LevelFilter) -> Result<(), String> {
    if level == LevelFilter::OFF {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("hubdesk")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(|e| e.to_string())?;
    let filter = Targets::new()
        .with_target("hubdesk", level)
        .with_default(level.min(LevelFilter::WARN));
    tracing_subscriber::registry()
        .with(
            fmt::layer()
                .with_writer(appender)
                .with_ansi(false)
                .with_filter(filter),
        )
        .try_init()
        .map_err(|e| e.to_string())
}
