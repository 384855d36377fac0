//! The watches in the console: the key, the tick, the read's answer, Esc,
//! and the offer after an action.

use crate::api::{ApiError, Customer};
use crate::i18n::{Msg as T, tr, trf};

use super::{Seen, Started, label_of, seen_in};
use crate::app::status::StatusKind;
use crate::app::{App, Changed, CustomerView, Effect, ReqId, Slot, ViewId};

/// `w`: watches the selected service until it comes online.
pub(in crate::app) fn start(app: &mut App, view: &mut CustomerView) -> Changed {
    let lang = app.lang();
    let cfg = app.settings.watch;
    let Some((id, service)) = view
        .selected_service()
        .and_then(|s| Some((s.id_cliente_servico?, s)))
    else {
        app.set_status(StatusKind::Error, tr(lang, T::ActionNeedsService).into());
        return Changed::Yes;
    };
    let label = label_of(service, id);
    let baseline = Seen::of(service.ultima_conexao.as_ref());
    let text = match view
        .watch
        .start(id, label.clone(), baseline, app.instant, &cfg)
    {
        Started::New => trf(
            lang,
            T::WatchStarted,
            &[
                ("service", &label),
                ("interval", &cfg.interval.as_secs()),
                ("limit", &super::clock(cfg.limit)),
            ],
        ),
        Started::Already => trf(lang, T::WatchAlready, &[("service", &label)]),
    };
    app.set_status(StatusKind::Info, text);
    Changed::Yes
}

/// Esc on a customer with watches: they stop (the customer stays).
/// Returns whether there was any.
pub(in crate::app) fn stop(app: &mut App, view: &mut CustomerView) -> bool {
    if !view.watch.stop() {
        return false;
    }
    app.set_status(StatusKind::Info, tr(app.lang(), T::WatchStopped).into());
    true
}

/// A tick: the watches of every open customer, on screen or in a parked
/// tab (issue 18), stop at their limit, and their read goes out when it is
/// due.
pub(in crate::app) fn on_tick(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    let mut changed = Changed::No;
    let ids = app.view.iter().map(|v| v.id).chain(app.tabs.ids());
    let mut seen = Vec::new();
    for id in ids.collect::<Vec<_>>() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let Some((mut view, seat)) = crate::app::tabs::take(app, id) else {
            continue;
        };
        if tick_view(app, &mut view, fx) {
            changed = Changed::Yes;
        }
        crate::app::tabs::put(app, view, seat);
    }
    changed
}

/// [`on_tick`] for one customer; returns whether anything shown changed.
fn tick_view(app: &mut App, view: &mut CustomerView, fx: &mut Vec<Effect>) -> bool {
    let cfg = app.settings.watch;
    let tick = view.watch.tick(app.instant, &cfg);
    if tick.poll {
        let seq = app.seq();
        view.watch.sent(seq);
        fx.push(Effect::Fetch {
            req: ReqId {
                view: view.id,
                slot: Slot::Watch,
                seq,
            },
            request: crate::app::customer::customer_request(app, view.code),
        });
    }
    if !tick.expired.is_empty() {
        let lang = app.lang();
        let services: Vec<&str> = tick.expired.iter().map(|w| w.label.as_str()).collect();
        let text = trf(
            lang,
            T::WatchExpired,
            &[
                ("service", &services.join(", ")),
                ("limit", &super::clock(cfg.limit)),
            ],
        );
        let text = named(app, view, text);
        app.set_result(StatusKind::Error, text);
    }
    !view.watch.is_empty() || !tick.expired.is_empty()
}

/// The watch read `seq` answered: the last connections shown follow it,
/// and a service that came online rings the bell and shows its badge.
pub(in crate::app) fn on_reply(
    app: &mut App,
    view: &mut CustomerView,
    seq: u64,
    result: Result<Vec<Customer>, ApiError>,
    fx: &mut Vec<Effect>,
) -> Changed {
    if view.watch.in_flight != Some(seq) {
        return Changed::No;
    }
    let code = view.code;
    let result = result
        .map(|list| list.into_iter().find(|c| c.codigo_cliente == Some(code)))
        .map_err(|e| app.error_text(&e));
    // What the panes show of the last connection is this read's.
    if let (Ok(Some(fresh)), Some(mine)) = (&result, view.customer.data.as_mut()) {
        for s in &mut mine.servicos {
            if let Some(f) = fresh.servicos.iter().find(|f| {
                f.id_cliente_servico.is_some() && f.id_cliente_servico == s.id_cliente_servico
            }) {
                s.ultima_conexao = f.ultima_conexao.clone();
            }
        }
    }
    let seen = result.map(|c| c.as_ref().map(seen_in).unwrap_or_default());
    let cfg = app.settings.watch;
    let Some(flipped) = view.watch.answered(seq, app.instant, seen, &cfg) else {
        return Changed::No;
    };
    if !flipped.is_empty() {
        let lang = app.lang();
        let lines: Vec<String> = flipped
            .iter()
            .map(|w| {
                let since = match &w.state {
                    super::State::Online { since, .. } => since.clone().unwrap_or_default(),
                    super::State::Waiting => String::new(),
                };
                let msg = match &w.state {
                    super::State::Online {
                        flip: super::Flip::NewSession,
                        ..
                    } => T::WatchNewSession,
                    _ => T::WatchCameOnline,
                };
                trf(lang, msg, &[("service", &w.label), ("since", &since)])
            })
            .collect();
        let text = named(app, view, lines.join(" · "));
        app.set_result(StatusKind::Ok, text);
        // The attendant may be looking at the customer, not the screen.
        fx.push(Effect::Bell);
    }
    Changed::Yes
}

/// After an action that drops or restores the connection succeeded on
/// `service` of view `view`: `w` is offered for it, if that customer is
/// still open (on screen or in a parked tab).
pub(in crate::app) fn offer(app: &mut App, view: ViewId, service: u64) {
    if let Some(v) = crate::app::tabs::view_mut(app, view)
        && service != 0
        && !v
            .watch
            .list
            .iter()
            .any(|w| w.service == service && w.waiting())
    {
        v.watch.offer = Some(service);
    }
}

/// `text` about the customer of `view`.
fn named(app: &App, view: &CustomerView, text: String) -> String {
    let name = view
        .customer
        .data
        .as_ref()
        .and_then(|c| c.display_name())
        .map(|n| crate::sanitize::clean_line(n).trim().to_owned())
        .unwrap_or_default();
    if name.is_empty() {
        return text;
    }
    trf(
        app.lang(),
        T::ActionResultFor,
        &[("customer", &name), ("text", &text)],
    )
}
