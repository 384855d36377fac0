//! `export customers`: the streaming bulk export, with its progress line
//! and the note about HubSoft's cache.

use super::*;

/// Two exports closer than this may get the server's cached answer.
pub(super) const EXPORT_CACHE_WINDOW: Duration = Duration::from_secs(10 * 60);

pub(super) fn last_export_file(paths: &Paths) -> PathBuf {
    paths.state_dir.join("last-export.json")
}

/// How long ago the last export from `host` started, if one is recorded.
pub(super) fn last_export_age(paths: &Paths, host: &str) -> Option<Duration> {
    let text = std::fs::read_to_string(last_export_file(paths)).ok()?;
    let map: serde_json::Map<String, Value> = serde_json::from_str(&text).ok()?;
    let secs = map.get(host)?.as_u64()?;
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .ok()
}

/// Records now as the start of an export from `host`. Best effort: a
/// state dir that cannot be written only loses the cache note.
pub(super) fn record_export(paths: &Paths, host: &str) {
    let file = last_export_file(paths);
    let mut map: serde_json::Map<String, Value> = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    map.insert(host.to_owned(), json!(now));
    let written = std::fs::create_dir_all(&paths.state_dir)
        .and_then(|()| std::fs::write(&file, Value::Object(map).to_string()));
    if let Err(e) = written {
        tracing::debug!(error = %e, "last export time not recorded");
    }
}

pub(super) fn export_progress_text(lang: Lang, count: u64, bytes: u64) -> String {
    trf(
        lang,
        Msg::Cli7ExportProgress,
        &[("count", &count), ("size", &br::size::bytes(bytes))],
    )
}

/// `export customers`: `cliente/all` streamed to stdout as JSON Lines, one
/// customer per line under HubSoft's names (as `customer --json`, so never
/// the PPPoE password). Memory stays flat: one customer at a time.
pub(super) async fn export_customers(
    ctx: &Ctx,
    client: &Client,
    q: &AllCustomers,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let host = client.base_url().to_owned();
    if let Some(ago) = last_export_age(&ctx.paths, &host)
        && ago < EXPORT_CACHE_WINDOW
    {
        let minutes = ago.as_secs().div_ceil(60).max(1);
        note(&trf(
            lang,
            Msg::Cli7ExportCacheNote,
            &[("minutes", &minutes)],
        ));
    }
    record_export(&ctx.paths, &host);
    let mut stream = client
        .stream_all_customers(q)
        .await
        .map_err(|e| Failure::api(lang, &e, reading(client)))?;
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut count: u64 = 0;
    let mut result = Ok(EXIT_OK);
    while let Some(item) = stream.next_customer().await {
        match item {
            Ok(c) => {
                let line = out::customer_json(f, &c).to_string();
                // A closed pipe (`| head`) ends the export quietly.
                if w.write_all(line.as_bytes())
                    .and_then(|()| w.write_all(b"\n"))
                    .is_err()
                {
                    break;
                }
                count += 1;
                if let Some(bar) = &progress
                    && count.is_multiple_of(250)
                {
                    bar.set_message(export_progress_text(lang, count, stream.bytes_read()));
                }
            }
            Err(e) => {
                let failure = Failure::api(lang, &e, reading(client));
                result = Err(Failure::new(
                    failure.code,
                    trf(
                        lang,
                        Msg::Cli7ExportPartial,
                        &[("count", &count), ("detail", &failure.message)],
                    ),
                ));
                break;
            }
        }
    }
    let _ = w.flush();
    drop(w);
    if let Some(bar) = progress {
        bar.finish_and_clear();
        if result.is_ok() {
            note(&trf(
                lang,
                Msg::Cli7ExportDone,
                &[
                    ("count", &count),
                    ("size", &br::size::bytes(stream.bytes_read())),
                ],
            ));
        }
    }
    result
}
