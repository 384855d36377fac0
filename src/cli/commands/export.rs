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

/// Customers handed to the export's writing thread at a time. With
/// [`EXPORT_BATCHES_QUEUED`] it bounds what is held: a few hundred decoded
/// customers, whatever the size of the base.
const EXPORT_BATCH: usize = 64;
const EXPORT_BATCHES_QUEUED: usize = 4;

/// The export's writing thread: customers in, JSON Lines on stdout, the
/// same text as `customer --json` written without building a `Value` per
/// customer ([`out::RecordWriter`]).
struct ExportLines {
    queue: std::sync::mpsc::SyncSender<Vec<Customer>>,
    /// Written batches coming back, to be freed (and their room reused)
    /// by the thread that allocated them: freeing another thread's
    /// allocations costs the allocator far more.
    written: std::sync::mpsc::Receiver<Vec<Customer>>,
    thread: std::thread::JoinHandle<u64>,
}

impl ExportLines {
    fn start(privacy: bool) -> ExportLines {
        let (queue, batches) =
            std::sync::mpsc::sync_channel::<Vec<Customer>>(EXPORT_BATCHES_QUEUED);
        let (back, written) =
            std::sync::mpsc::sync_channel::<Vec<Customer>>(EXPORT_BATCHES_QUEUED + 2);
        let thread = std::thread::spawn(move || {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
            let writer = out::RecordWriter::new(privacy);
            let mut line = Vec::with_capacity(16 * 1024);
            let mut count: u64 = 0;
            'batches: for batch in batches {
                for c in &batch {
                    line.clear();
                    if writer.write(&mut line, c).is_err() {
                        line.extend_from_slice(b"null");
                    }
                    line.push(b'\n');
                    if w.write_all(&line).is_err() {
                        break 'batches;
                    }
                    count += 1;
                }
                // When the way back is full the batch is freed here.
                let _ = back.try_send(batch);
            }
            let _ = w.flush();
            count
        });
        ExportLines {
            queue,
            written,
            thread,
        }
    }

    /// An empty batch, from the room of a written one when there is one.
    fn empty_batch(&self) -> Vec<Customer> {
        match self.written.try_recv() {
            Ok(mut batch) => {
                batch.clear();
                batch
            }
            Err(_) => Vec::with_capacity(EXPORT_BATCH),
        }
    }

    /// Queues customers to write; false once writing has stopped (the
    /// reader closed the pipe).
    fn send(&self, batch: Vec<Customer>) -> bool {
        batch.is_empty() || self.queue.send(batch).is_ok()
    }

    /// Waits for every queued customer to be written; how many were.
    fn finish(self) -> u64 {
        drop(self.queue);
        self.thread.join().unwrap_or(0)
    }
}

/// A failed page is asked again this many times in a row (each time
/// after the client's own retries) before the export gives up.
pub(super) const EXPORT_PAGE_RESUMES: u32 = 3;

/// The progress line: pages and records on `cliente/todos`, records and
/// bytes on the `cliente/all` stream.
fn feed_progress_text(lang: Lang, feed: &CustomerFeed<Customer>) -> String {
    let (count, total) = feed.progress();
    match feed {
        CustomerFeed::Paged { pager, .. } => {
            let page = pager.next_page_number().max(1) - 1;
            let pages = crate::ops::bulk::page_text(lang, page, pager.last_page(), None);
            match total {
                Some(total) => trf(
                    lang,
                    Msg::CliExportPagedProgress,
                    &[("pages", &pages), ("count", &count), ("total", &total)],
                ),
                None => trf(
                    lang,
                    Msg::CliExportPagedProgressNoTotal,
                    &[("pages", &pages), ("count", &count)],
                ),
            }
        }
        CustomerFeed::Bulk(stream) => export_progress_text(lang, count, stream.bytes_read()),
    }
}

/// `export customers`: every customer to stdout as JSON Lines, one per
/// line under HubSoft's names (as `customer --json`, so never the PPPoE
/// password), from `cliente/todos` page by page, or from the `cliente/all`
/// stream on a server without it. Memory stays flat: one page and a few
/// hundred written customers at a time, whatever the size of the base. A
/// page that fails with a transient error is asked again (said on stderr),
/// so a long export resumes where it was instead of starting over.
pub(super) async fn export_customers(
    ctx: &Ctx,
    client: &Client,
    q: &CustomerPagesQuery,
    limit: Option<u32>,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let host = client.base_url().to_owned();
    let ago = last_export_age(&ctx.paths, &host);
    record_export(&ctx.paths, &host);
    let mut feed = client
        .customer_feed(q)
        .await
        .map_err(|e| Failure::api(lang, &e, reading(client)))?;
    // HubSoft caches `cliente/all` for a while; the paged route is read fresh.
    if let CustomerFeed::Bulk(_) = &feed {
        note(&trf(
            lang,
            Msg::CliExportFallback,
            &[("route", &crate::api::bulk::CUSTOMERS_PAGED_ROUTE)],
        ));
        if let Some(ago) = ago
            && ago < EXPORT_CACHE_WINDOW
        {
            let minutes = ago.as_secs().div_ceil(60).max(1);
            note(&trf(
                lang,
                Msg::Cli7ExportCacheNote,
                &[("minutes", &minutes)],
            ));
        }
    }
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    // Decoding (here) and writing (on `lines`' thread) each take about
    // half the time: they run side by side.
    let lines = ExportLines::start(f.privacy);
    let mut batch = Vec::with_capacity(EXPORT_BATCH);
    let mut decoded: u64 = 0;
    let mut failed = None;
    let mut resumes = 0;
    let limit = limit.map(u64::from);
    while limit.is_none_or(|l| decoded < l) {
        let Some(item) = feed.next_customer().await else {
            break;
        };
        match item {
            Ok(c) => {
                resumes = 0;
                batch.push(c);
                decoded += 1;
                if batch.len() == EXPORT_BATCH
                    && !lines.send(std::mem::replace(&mut batch, lines.empty_batch()))
                {
                    // A closed pipe (`| head`) ends the export quietly.
                    break;
                }
                if let Some(bar) = &progress
                    && decoded.is_multiple_of(250)
                {
                    bar.set_message(feed_progress_text(lang, &feed));
                }
            }
            // On the paged route the feed keeps its place: the same page
            // is asked again.
            Err(e)
                if e.is_retryable()
                    && resumes < EXPORT_PAGE_RESUMES
                    && let Some(page) = feed.next_page_number() =>
            {
                resumes += 1;
                let failure = Failure::api(lang, &e, reading(client));
                let say_it = || {
                    note(&trf(
                        lang,
                        Msg::CliExportResuming,
                        &[
                            ("page", &(u64::from(page) + 1)),
                            ("detail", &failure.message),
                        ],
                    ))
                };
                match &progress {
                    Some(bar) => bar.suspend(say_it),
                    None => say_it(),
                }
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    lines.send(batch);
    // Every customer decoded before an error is written before it is told.
    let count = lines.finish();
    let result = match failed {
        None => Ok(EXIT_OK),
        Some(e) => {
            let failure = Failure::api(lang, &e, reading(client));
            let detail = match feed.next_page_number() {
                Some(page) => trf(
                    lang,
                    Msg::CliExportStoppedAtPage,
                    &[
                        ("page", &(u64::from(page) + 1)),
                        ("detail", &failure.message),
                    ],
                ),
                None => failure.message,
            };
            Err(Failure::new(
                failure.code,
                trf(
                    lang,
                    Msg::Cli7ExportPartial,
                    &[("count", &count), ("detail", &detail)],
                ),
            ))
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
        if result.is_ok() {
            let done = match &feed {
                CustomerFeed::Bulk(stream) => trf(
                    lang,
                    Msg::Cli7ExportDone,
                    &[
                        ("count", &count),
                        ("size", &br::size::bytes(stream.bytes_read())),
                    ],
                ),
                CustomerFeed::Paged { .. } => trf(
                    lang,
                    Msg::CliExportDonePaged,
                    &[("count", &count), ("route", &feed.route())],
                ),
            };
            note(&done);
        }
    }
    result
}
