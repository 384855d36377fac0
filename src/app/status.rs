//! Status-line messages: app state that clears itself at a deadline, or
//! stays (an action's result) until another replaces it; and the session's
//! message log, where every one of them is kept with its time. The status
//! line in `ui::widgets` and the log overlay draw them; `update()` sets
//! them.

use std::time::Instant;

/// How many messages the session's log keeps (the oldest go first).
pub const LOG_LEN: usize = 500;

/// How a status message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Neutral information ("Copied: boleto line").
    Info,
    /// Something worked.
    Ok,
    /// Something failed.
    Error,
}

/// A message for the status line that clears itself at `expires`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    /// Text, already localized.
    pub text: String,
    /// Look.
    pub kind: StatusKind,
    /// When it stops being shown; `None` while nothing replaces it (an
    /// action's result). The loop wakes up at the deadline to redraw;
    /// drawing itself reads no clock.
    pub expires: Option<Instant>,
}

impl StatusMessage {
    /// Whether the message is still shown at `now`.
    pub fn visible_at(&self, now: Instant) -> bool {
        self.expires.is_none_or(|e| now < e)
    }
}

/// One line of the session's message log (memory only, like the history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// When it was shown.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Its look on the status line.
    pub kind: StatusKind,
    /// The whole text.
    pub text: String,
}

/// Whether each read the log watches has failed, in the order of
/// [`reads`]; taken before an answer is applied, for [`log_failed_reads`].
pub(super) fn failed_reads(app: &super::App, view: super::ViewId) -> Vec<bool> {
    reads(app, view)
        .iter()
        .map(|(_, _, e)| e.is_some())
        .collect()
}

/// Logs the reads that failed since `before` ([`failed_reads`]): "ANA ·
/// Atendimentos: O servidor não respondeu em 20 s". The pane shows the
/// error only while it is on screen; the log keeps it. The status line is
/// left alone.
pub(super) fn log_failed_reads(app: &mut super::App, view: super::ViewId, before: &[bool]) {
    let lang = app.lang();
    let customer = super::tabs::view(app, view).map(|v| {
        v.customer
            .data
            .as_ref()
            .and_then(|c| c.display_name())
            .map(|n| crate::sanitize::clean_line(n).into_owned())
            .unwrap_or_else(|| {
                crate::i18n::trf(
                    lang,
                    crate::i18n::Msg::LogCustomerCode,
                    &[("code", &v.code)],
                )
            })
    });
    let failed: Vec<String> = reads(app, view)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !before.get(*i).copied().unwrap_or(false))
        .filter_map(|(_, (what, of_customer, error))| {
            let what = crate::i18n::tr(lang, what);
            let what = match (&customer, of_customer) {
                (Some(c), true) => format!("{c} · {what}"),
                _ => what.to_owned(),
            };
            error.map(|e| {
                crate::i18n::trf(
                    lang,
                    crate::i18n::Msg::LogReadFailed,
                    &[("what", &what), ("error", &e)],
                )
            })
        })
        .collect();
    for text in failed {
        app.record(StatusKind::Error, text);
    }
}

/// The reads whose failures the log keeps, in a fixed order: what each is
/// called, whether it belongs to customer tab `view`, and its error.
fn reads(app: &super::App, view: super::ViewId) -> Vec<(crate::i18n::Msg, bool, Option<&str>)> {
    use crate::i18n::Msg as T;
    fn err(e: &Option<String>) -> Option<&str> {
        e.as_deref()
    }
    let mut out = vec![(T::PaneResults, false, err(&app.search.results.error))];
    if let Some(v) = super::tabs::view(app, view) {
        out.extend([
            (T::PaneCustomer, true, err(&v.customer.error)),
            (T::PaneInvoices, true, err(&v.invoices.error)),
            (T::PaneTickets, true, err(&v.tickets.error)),
            (T::PaneServiceOrders, true, err(&v.orders.error)),
            (T::PaneConnections, true, err(&v.connections.error)),
        ]);
    } else {
        out.extend([(T::PaneCustomer, true, None); 5]);
    }
    let t = &app.tools;
    out.extend([
        (T::ToolCities, false, err(&t.cities.cities.error)),
        (T::RcvTool, false, err(&t.receivables.invoices.error)),
        (
            T::SalesTabProspects,
            false,
            err(&t.sales.prospects.results.error),
        ),
        (T::SalesTabPlans, false, err(&t.sales.plans.plans.error)),
        (T::SalesTabNew, false, err(&t.sales.form.plans.error)),
        (T::NetTabPops, false, err(&t.network.pops.error)),
        (T::NetTabEquipment, false, err(&t.network.equipment.error)),
        (T::NetTabZones, false, err(&t.network.zones.error)),
        (T::NetTabCpes, false, err(&t.network.cpes.error)),
        (T::NetTabWhoHad, false, err(&t.network.who_had.error)),
    ]);
    out
}
