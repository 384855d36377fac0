//! The console's actions (issue 5): the keys open a form or a confirmation,
//! only a confirmed request becomes an [`Effect::Action`], the in-flight
//! guard refuses a second submission, and the answer comes back as
//! [`Msg::ActionDone`] even when the attendant has moved to another
//! customer (an action's result is never dropped as stale, unlike reads).
//!
//! Every path that produces an action effect goes through [`send`], which
//! checks read-only mode again, so no key, remapping or message can make a
//! read-only console write.

mod copy;
mod overlay;

use std::time::Duration;

use super::status::StatusKind;
use crate::api::Ticket;
use crate::audit::AuditAttempt;
use crate::i18n::{Lang, Msg as T, tr, trf};
use crate::ops::actions::{Reread, Target};

use super::confirm::{ActionRequest, ActionTarget, Choice, Confirmation};
use super::forms::{
    AnyForm, Banner, Canned, Channel, EnableServiceForm, InvoiceSendForm, SuspendServiceForm,
    TicketAppendForm, TicketForm, TicketUpdateForm, TrustUnlockForm,
};
use super::inflight::{ActionKind, Blocked, Outcome, Submission};
use super::keymap::Action;
use super::results::{InvoiceQueued, TicketOpened};
use super::{App, Changed, CustomerView, Effect, Pane, Slot, ViewId};

pub use crate::ops::actions::ActionReply;
use copy::copy;
pub use copy::{CopyItem, copy_items};
pub(super) use copy::{on_audit, on_copied};
pub use overlay::{DraftKey, Overlay};
use overlay::{back_to_form, form_or_draft};
pub(super) use overlay::{
    contexts, open_audit, open_messages, overlay_key, paste_over_dialog, scroll_by,
};

/// How long after a disconnect the last connection is read again: the
/// concentrator needs a moment to drop the session and RADIUS to account
/// for it.
pub const DISCONNECT_REFRESH_AFTER: Duration = Duration::from_secs(3);

impl ActionReply {
    /// How the action ended, for the guard and the attendant.
    pub fn outcome(&self, lang: Lang, kind: ActionKind, timeout_secs: u64) -> Outcome {
        if let ActionReply::NotSent(detail) = self {
            return Outcome::Refused {
                msg: trf(lang, T::ActionAuditFailed, &[("detail", detail)]),
            };
        }
        let result = match self.error() {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        };
        Outcome::from_result(lang, kind, timeout_secs, &result, |()| self.server_msg())
    }
}

/// What the console remembers of a submission until its answer arrives.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The customer view it was sent from.
    pub view: ViewId,
    /// What it acts on.
    pub target: ActionTarget,
    /// Whether a service order was asked for with a new ticket.
    pub opens_order: bool,
}

/// The action target of the view's selected service (and invoice or
/// ticket, when `pane` asks for one).
fn target(view: &CustomerView, today: chrono::NaiveDate) -> ActionTarget {
    let customer = view.customer.data.as_ref();
    let service = view.selected_service();
    ActionTarget {
        customer_name: customer
            .and_then(|c| c.display_name())
            .map(|n| crate::sanitize::clean_line(n).into_owned())
            .unwrap_or_default(),
        customer_code: Some(view.code.to_string()),
        service_id: service.and_then(|s| s.id_cliente_servico).unwrap_or(0),
        service_plan: service
            .and_then(|s| s.nome.as_deref().map(str::to_owned))
            .unwrap_or_default(),
        login: service.and_then(|s| s.login.as_deref().map(str::to_owned)),
        status: service.and_then(|s| s.status.as_deref().map(str::to_owned)),
        mac_addr: service.and_then(|s| s.mac_addr.as_deref().map(str::to_owned)),
        phy_addr: service.and_then(|s| s.phy_addr.as_deref().map(str::to_owned)),
        invoice_id: view.selected_invoice().and_then(|i| i.id_fatura),
        ticket_protocol: view.selected_ticket().and_then(|t| t.protocolo.clone()),
        unlock_history: service.and_then(|s| crate::ops::unlocks::UnlockHistory::of(s, today)),
    }
}

/// `target` retargeted at the ticket's own service: a ticket action (and
/// its confirmation, and its audit line) names the service the ticket is
/// about, never the service selected in the Serviços pane. The service's
/// plan, login and status come from the customer's record when the service
/// is there, else from the ticket's nested `servico`.
fn ticket_target(view: &CustomerView, ticket: &Ticket, mut target: ActionTarget) -> ActionTarget {
    let id = ticket.service_id();
    let known = view.customer.data.as_ref().and_then(|c| {
        c.servicos
            .iter()
            .find(|s| id.is_some() && s.id_cliente_servico == id)
    });
    let service = known.or(ticket.service());
    target.service_id = id.unwrap_or(0);
    target.service_plan = service
        .and_then(|s| s.nome.as_deref().map(str::to_owned))
        .unwrap_or_default();
    target.login = service.and_then(|s| s.login.as_deref().map(str::to_owned));
    target.status = service.and_then(|s| s.status.as_deref().map(str::to_owned));
    target.mac_addr = service.and_then(|s| s.mac_addr.as_deref().map(str::to_owned));
    target.phy_addr = service.and_then(|s| s.phy_addr.as_deref().map(str::to_owned));
    target
}

/// A key of the customer view that starts an action or copies.
pub(super) fn start(
    app: &mut App,
    view: &mut CustomerView,
    action: Action,
    fx: &mut Vec<Effect>,
) -> Changed {
    let kind = match action {
        Action::Copy => return copy(app, view, fx),
        Action::OpenTicketWithOrder => ActionKind::OpenTicket,
        Action::Run(kind) => kind,
        _ => return Changed::No,
    };
    // What it acts on must be selected: the row says which record.
    let t = target(view, crate::br::dates::today(app.now));
    let (t, id) = match kind.target() {
        Target::Service if t.service_id == 0 => return needs(app, T::ActionNeedsService),
        Target::Service => (t.clone(), t.service_id),
        Target::Equipment if t.service_id == 0 => return needs(app, T::ActionNeedsService),
        // The equipment's address: a service without one has nothing
        // to reboot or restore.
        Target::Equipment if t.phy_addr.as_deref().is_none_or(|p| p.trim().is_empty()) => {
            return needs(app, T::ActionNeedsEquipment);
        }
        Target::Equipment => (t.clone(), t.service_id),
        Target::Customer => (t.clone(), view.code),
        Target::Invoice => match t.invoice_id.filter(|_| view.focus == Pane::Invoices) {
            Some(id) => (t, id),
            None => return needs(app, T::ActionNeedsInvoice),
        },
        Target::Ticket => {
            let ticket = view.selected_ticket();
            match ticket.and_then(|t| t.id_atendimento) {
                Some(id) => (ticket.map_or(t.clone(), |k| ticket_target(view, k, t)), id),
                None => return needs(app, T::ActionNeedsTicket),
            }
        }
        Target::Nothing => return Changed::No,
    };
    // An action that needs nothing but that id goes to its confirmation
    // (or out, when its row asks none); the others open their form.
    let subject = crate::ops::actions::Subject {
        id,
        phy_addr: t.phy_addr.as_deref(),
    };
    if let Some(request) = kind.direct_request(&subject) {
        if kind.needs_confirmation() {
            app.overlay = Some(confirm_overlay(app, request, t, None));
        } else {
            send(app, request, t, None, fx);
        }
        return Changed::Yes;
    }
    let Some(mut form) = form_of(app, view, kind, &t, id) else {
        return Changed::No;
    };
    if let (Action::OpenTicketWithOrder, AnyForm::Ticket(f)) = (action, &mut form) {
        f.set_open_order(true);
    }
    form.form_mut().set_canned(canned_texts(app, kind, &t));
    app.overlay = Some(Overlay::Form {
        form,
        target: t,
        busy: None,
    });
    Changed::Yes
}

/// The canned texts for a form of `kind` on `target`, filled now by the
/// core both front ends use ([`crate::ops::templates::fill`]): the
/// customer, service and login the form's subtitle names, the ticket's
/// protocol (none yet while opening one), the attendant, today.
fn canned_texts(app: &App, kind: ActionKind, target: &ActionTarget) -> Vec<Canned> {
    use crate::ops::templates::{Context, fill};
    let protocol = match kind {
        ActionKind::EditTicket | ActionKind::CloseTicket => target.ticket_protocol.clone(),
        _ => None,
    };
    let ctx = Context {
        cliente: Some(target.customer_name.clone()),
        codigo: target.customer_code.clone(),
        servico: Some(target.service_plan.clone()),
        login: target.login.clone(),
        protocolo: protocol,
        atendente: app.settings.attendant.clone(),
        data: Some(crate::br::dates::today(app.now)),
    };
    app.settings
        .templates
        .iter()
        .map(|t| {
            let filled = fill(t, &ctx);
            Canned {
                name: crate::sanitize::clean_line(&t.name).into_owned(),
                text: filled.text,
                missing: filled.missing,
            }
        })
        .collect()
}

/// The form an action opens on `target` (`id` names its record), or the
/// draft kept for it: the per-action part of starting one, with the
/// request each form builds ([`build_request`]).
fn form_of(
    app: &mut App,
    view: &mut CustomerView,
    kind: ActionKind,
    target: &ActionTarget,
    id: u64,
) -> Option<AnyForm> {
    Some(match kind {
        ActionKind::OpenTicket => {
            let customer = view.customer.data.as_ref();
            let phone = customer.and_then(|c| c.phones().first().map(|p| p.to_string()));
            let email = customer.and_then(|c| c.emails().first().map(|e| e.to_string()));
            let name = target.customer_name.clone();
            form_or_draft(app, view, DraftKey::Ticket(id), || {
                AnyForm::Ticket(TicketForm::new(&name, phone.as_deref(), email.as_deref()))
            })
        }
        ActionKind::AppendTicket => {
            // The description exactly as the server sent it: it is sent
            // back untouched before the appended text.
            let original = view
                .selected_ticket()
                .and_then(|t| t.descricao_abertura.clone())
                .unwrap_or_default();
            form_or_draft(app, view, DraftKey::TicketAppend(id), || {
                AnyForm::TicketAppend(TicketAppendForm::new(id, &original))
            })
        }
        ActionKind::EnableService => form_or_draft(app, view, DraftKey::Enable(id), || {
            AnyForm::EnableService(EnableServiceForm::new())
        }),
        ActionKind::SuspendService => form_or_draft(app, view, DraftKey::Suspend(id), || {
            AnyForm::SuspendService(SuspendServiceForm::new())
        }),
        ActionKind::TrustUnlock => form_or_draft(app, view, DraftKey::Unlock(id), || {
            AnyForm::TrustUnlock(TrustUnlockForm::new())
        }),
        ActionKind::SendInvoiceEmail | ActionKind::SendInvoiceSms | ActionKind::SendInvoicePush => {
            form_or_draft(app, view, DraftKey::Invoice(id), || {
                AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Email))
            })
        }
        ActionKind::EditTicket | ActionKind::CloseTicket => {
            let description = view
                .selected_ticket()
                .and_then(|t| t.descricao_abertura.clone())
                .unwrap_or_default();
            let close = kind == ActionKind::CloseTicket;
            form_or_draft(app, view, DraftKey::TicketUpdate(id), || {
                AnyForm::TicketUpdate(TicketUpdateForm::new(id, &description, close))
            })
        }
        // Started elsewhere: the sales screen's form, the PBX keys.
        ActionKind::CreateProspect | ActionKind::PbxNotify | ActionKind::PbxMissed => return None,
        // Sent without a form (see `direct_request`).
        ActionKind::ResetMac
        | ActionKind::ResetPhy
        | ActionKind::Disconnect
        | ActionKind::RebootCpe
        | ActionKind::RestoreCpe
        | ActionKind::ActivateService => return None,
    })
}

pub(super) fn needs(app: &mut App, msg: T) -> Changed {
    app.set_status(StatusKind::Error, tr(app.lang(), msg).to_owned());
    Changed::Yes
}

/// The confirmation of `request`, returning to `form` on "no".
pub(crate) fn confirm_overlay(
    app: &App,
    request: ActionRequest,
    target: ActionTarget,
    form: Option<AnyForm>,
) -> Overlay {
    let today = crate::br::dates::today(app.now);
    let appended = match &form {
        Some(AnyForm::TicketAppend(f)) => Some(f.text()),
        _ => None,
    };
    let confirmation = Confirmation::with_text(app.lang(), &target, &request, today, appended);
    Overlay::Confirm {
        request,
        target,
        confirmation,
        form,
        choice: Choice::new(app.instant),
    }
}

pub(super) fn build_request(
    app: &App,
    form: &AnyForm,
    target: &ActionTarget,
) -> Result<ActionRequest, super::forms::FormErrors> {
    // The console resolved the attendant at start (profile, else the
    // system account; never the profile's name).
    let who = app.settings.attendant.as_deref();
    let ramal = app.settings.ramal.as_deref();
    Ok(match form {
        AnyForm::Ticket(f) => {
            ActionRequest::OpenTicket(f.to_request(target.service_id, who, ramal)?)
        }
        AnyForm::TicketUpdate(f) => ActionRequest::UpdateTicket(f.to_request(who, ramal)?),
        AnyForm::TrustUnlock(f) => ActionRequest::TrustUnlock(f.to_request(target.service_id)?),
        AnyForm::InvoiceSend(f) => {
            ActionRequest::Invoice(f.to_request(target.invoice_id.unwrap_or(0))?)
        }
        AnyForm::TicketAppend(f) => {
            // Dated in São Paulo, as every date the console shows.
            let when = crate::br::dates::format_datetime(app.now);
            ActionRequest::AppendTicket(f.to_request(&when, who, ramal)?)
        }
        AnyForm::EnableService(f) => ActionRequest::EnableService(f.to_request(target.service_id)?),
        AnyForm::SuspendService(f) => {
            ActionRequest::SuspendService(f.to_request(target.service_id)?)
        }
    })
}

/// The keymap action a request belongs to, for the read-only check.
pub(super) fn key_action(kind: ActionKind) -> Action {
    Action::for_kind(kind)
}

/// The only producer of [`Effect::Action`]: checks read-only mode and the
/// in-flight guard, then asks the runner to audit and send `request` once.
pub fn send(
    app: &mut App,
    request: ActionRequest,
    target: ActionTarget,
    form: Option<AnyForm>,
    fx: &mut Vec<Effect>,
) {
    let lang = app.lang();
    let kind = request.kind();
    if app.settings.read_only || !app.keymap.allows(key_action(kind)) {
        app.overlay = None;
        app.set_status(
            StatusKind::Error,
            crate::ops::actions::read_only_refusal(lang).to_owned(),
        );
        return;
    }
    // A prospect belongs to the sales screen, not to a customer view.
    let view = match (kind.target(), app.view.as_ref()) {
        (Target::Nothing, _) => super::tools::TOOLS_VIEW,
        (_, Some(v)) => v.id,
        (_, None) => return,
    };
    let submission = match app.inflight.begin(request.key()) {
        Ok(s) => s,
        Err(Blocked::Unresolved) => {
            let action = tr(lang, kind.msg());
            let lines = vec![
                trf(lang, T::AckUnknown, &[("action", &action)]),
                tr(lang, T::AckCheck).to_owned(),
            ];
            app.overlay = Some(Overlay::Acknowledge {
                request,
                target,
                lines,
                form,
                choice: Choice::new(app.instant),
            });
            return;
        }
        Err(blocked @ Blocked::InFlight) => {
            app.overlay = back_to_form(form, target);
            app.set_status(StatusKind::Error, blocked.text(lang, kind));
            return;
        }
    };
    // What the request names, plus what the screen knows: the customer
    // on screen, and a ticket's own service for its edits.
    let known = AuditAttempt {
        customer: target.customer_code.as_deref().and_then(|c| c.parse().ok()),
        service: (matches!(
            request,
            ActionRequest::UpdateTicket(_) | ActionRequest::AppendTicket(_)
        ) && target.service_id != 0)
            .then_some(target.service_id),
        ..AuditAttempt::default()
    };
    let audit = request.attempt(
        &known,
        app.settings.attendant.clone(),
        app.settings.profile.clone(),
        // The runner knows the server's address.
        String::new(),
    );
    let opens_order =
        matches!(&request, ActionRequest::OpenTicket(t) if t.ticket.abrir_os == Some(true));
    let target_name = target.customer_name.clone();
    app.pending.insert(
        submission.key,
        Pending {
            view,
            target: target.clone(),
            opens_order,
        },
    );
    app.overlay = form.map(|form| Overlay::Form {
        form,
        target,
        busy: Some(submission.key),
    });
    let sending = trf(lang, T::ActionSending, &[("action", &tr(lang, kind.msg()))]);
    let sending = named(lang, &target_name, sending);
    app.set_status(StatusKind::Info, sending);
    fx.push(Effect::Action {
        submission,
        view,
        request: Box::new(request),
        audit: Box::new(audit),
    });
}

/// An action's answer. Never dropped for being late: if its form is still
/// up the result shows there, else on the status line; the affected pane
/// is read again when its customer's tab is still open.
pub(super) fn on_done(
    app: &mut App,
    submission: Submission,
    reply: ActionReply,
    fx: &mut Vec<Effect>,
) -> Changed {
    // The question to quit stays on top; what it covers (the busy form,
    // say) takes the answer as if it were not there.
    let quit = match app.overlay.take() {
        Some(Overlay::Quit { choice, under }) => {
            app.overlay = under.map(|o| *o);
            Some(choice)
        }
        other => {
            app.overlay = other;
            None
        }
    };
    let changed = answer(app, submission, reply, fx);
    if let Some(choice) = quit {
        let under = app.overlay.take().map(Box::new);
        app.overlay = Some(Overlay::Quit { choice, under });
    }
    changed
}

/// [`on_done`] under whatever overlay is really there.
fn answer(
    app: &mut App,
    submission: Submission,
    reply: ActionReply,
    fx: &mut Vec<Effect>,
) -> Changed {
    let lang = app.lang();
    let kind = submission.key.kind;
    let outcome = reply.outcome(lang, kind, app.settings.timeout_secs);
    if !app.inflight.finish(submission, outcome.clone()) {
        return Changed::No;
    }
    let pending = app.pending.remove(&submission.key);
    if kind == ActionKind::CreateProspect {
        return super::tools::sales::on_done(app, &outcome, &reply, fx);
    }
    let text = outcome.text(lang, kind);
    let status_kind = match outcome {
        Outcome::Done { .. } => StatusKind::Ok,
        _ => StatusKind::Error,
    };
    let form_up =
        matches!(&app.overlay, Some(Overlay::Form { busy: Some(k), .. }) if *k == submission.key);
    let target = pending
        .as_ref()
        .map(|p| p.target.clone())
        .unwrap_or_default();
    // The result stays on the status line, whole, and names the customer:
    // the attendant may be on another customer by the time it arrives.
    let who = target.customer_name.clone();
    match (&outcome, &reply) {
        (Outcome::Done { .. }, ActionReply::Ticket(res))
            if kind == ActionKind::OpenTicket && res.is_ok() =>
        {
            let result = res
                .as_ref()
                .as_ref()
                .map(TicketOpened::from_response)
                .unwrap_or_default();
            let status = match &result.protocol {
                Some(p) => trf(lang, T::ActionTicketProtocol, &[("protocol", p)]),
                None => text.clone(),
            };
            result_status(app, &who, StatusKind::Ok, status);
            if form_up {
                app.overlay = Some(Overlay::TicketOpened { result, target });
            }
        }
        (Outcome::Done { .. }, ActionReply::Job(Ok(r))) => {
            let channel = match kind {
                ActionKind::SendInvoiceSms => Channel::Sms,
                _ => Channel::Email,
            };
            let result = InvoiceQueued::from_job(channel, target.invoice_id.unwrap_or(0), r);
            queued(app, result, target, form_up);
        }
        (Outcome::Done { .. }, ActionReply::Plain(Ok(r)))
            if kind == ActionKind::SendInvoicePush =>
        {
            let result = InvoiceQueued::from_push(target.invoice_id.unwrap_or(0), r);
            queued(app, result, target, form_up);
        }
        (Outcome::Done { .. }, ActionReply::ServiceState(_)) => {
            // The answer carries the service as it is now: its status is
            // shown at once, before the customer is read again.
            let text = match reply.new_status() {
                Some((id, status)) => {
                    let id = id.unwrap_or(target.service_id);
                    // On its customer's tab, parked or not (issue 18).
                    if let Some(view) = pending
                        .as_ref()
                        .and_then(|p| super::tabs::view_mut(app, p.view))
                    {
                        view.set_service_status(id, &status);
                    }
                    trf(
                        lang,
                        T::ActionServiceNewStatus,
                        &[("text", &text), ("status", &status)],
                    )
                }
                None => text,
            };
            result_status(app, &who, status_kind, text);
            if form_up {
                app.overlay = None;
            }
        }
        (Outcome::Done { .. }, _) => {
            result_status(app, &who, status_kind, text);
            if form_up {
                app.overlay = None;
            }
        }
        _ => {
            // Refused or unknown: the form stays with everything typed and
            // the reason on top; the status line says it too.
            if form_up && let Some(Overlay::Form { form, busy, .. }) = app.overlay.as_mut() {
                form.form_mut().set_banner(Some(Banner {
                    text: text.clone(),
                    error: true,
                }));
                *busy = None;
            } else if app.overlay.is_none()
                && pending.as_ref().map(|p| p.view) == app.view.as_ref().map(|v| v.id)
            {
                // Still on that customer with nothing else open: the whole
                // sentence, not the status line's first 40 characters.
                app.overlay = Some(Overlay::Notice {
                    kind,
                    target: target.clone(),
                    text: text.clone(),
                });
            }
            result_status(app, &who, status_kind, text);
        }
    }
    if let Some(p) = pending {
        refresh_after(app, kind, &outcome, &p, fx);
        // The connection comes back by itself: watching it is offered.
        if matches!(outcome, Outcome::Done { .. }) && kind.offers_watch() {
            super::watch::offer(app, p.view, p.target.service_id);
        }
    }
    Changed::Yes
}

/// `text` about `customer`, for the status line and the log.
fn named(lang: crate::i18n::Lang, customer: &str, text: String) -> String {
    let customer = customer.trim();
    if customer.is_empty() {
        text
    } else {
        trf(
            lang,
            T::ActionResultFor,
            &[("customer", &customer), ("text", &text)],
        )
    }
}

/// Shows an action's result (see [`App::set_result`]) naming `customer`.
fn result_status(app: &mut App, customer: &str, kind: StatusKind, text: String) {
    let text = named(app.lang(), customer, text);
    app.set_result(kind, text);
}

fn queued(app: &mut App, result: InvoiceQueued, target: ActionTarget, form_up: bool) {
    let lang = app.lang();
    result_status(
        app,
        &target.customer_name,
        StatusKind::Ok,
        trf(
            lang,
            T::ActionInvoiceQueuedStatus,
            &[
                ("id", &result.invoice_id),
                ("count", &result.recipients.len()),
            ],
        ),
    );
    if form_up {
        app.overlay = Some(Overlay::InvoiceQueued { result, target });
    }
}

/// Reads again what the action changed (or may have changed), when its
/// customer is still open, on screen or in a parked tab. A disconnect is
/// never repeated: only the reads of the last connection are, after a
/// short delay.
fn refresh_after(
    app: &mut App,
    kind: ActionKind,
    outcome: &Outcome,
    pending: &Pending,
    fx: &mut Vec<Effect>,
) {
    if matches!(outcome, Outcome::Refused { .. }) {
        return;
    }
    if super::tabs::view(app, pending.view).is_none() {
        return;
    }
    for reread in kind.rereads_later() {
        fx.push(Effect::RefreshLater {
            view: pending.view,
            slot: slot_of(*reread),
            after: DISCONNECT_REFRESH_AFTER,
        });
    }
    let mut slots: Vec<Slot> = kind.rereads().iter().map(|r| slot_of(*r)).collect();
    // A ticket that opened a service order changed the orders too.
    if pending.opens_order && !slots.contains(&Slot::Orders) {
        slots.push(Slot::Orders);
    }
    for slot in slots {
        super::refresh_slot(app, pending.view, slot, fx);
    }
}

/// The customer view's read of `reread`.
fn slot_of(reread: Reread) -> Slot {
    match reread {
        Reread::Customer => Slot::Customer,
        Reread::Invoices => Slot::Invoices,
        Reread::Tickets => Slot::Tickets,
        Reread::Orders => Slot::Orders,
        Reread::Connections => Slot::Connections,
    }
}
