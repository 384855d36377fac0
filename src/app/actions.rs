//! The console's actions (issue 5): the keys open a form or a confirmation,
//! only a confirmed request becomes an [`Effect::Action`], the in-flight
//! guard refuses a second submission, and the answer comes back as
//! [`Msg::ActionDone`] even when the attendant has moved to another
//! customer (an action's result is never dropped as stale, unlike reads).
//!
//! Every path that produces an action effect goes through [`send`], which
//! checks read-only mode again, so no key, remapping or message can make a
//! read-only console write.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::status::StatusKind;
use crate::api::Ticket;
use crate::api::service_actions::{Disconnect, ResetMac};
use crate::audit::{AuditAttempt, AuditEntry};
use crate::i18n::{Lang, Msg as T, tr, trf};

use super::confirm::{ActionRequest, ActionTarget, Answer, Choice, Confirmation};
use super::forms::{
    AnyForm, Banner, Channel, FormOutcome, InvoiceSendForm, TicketForm, TicketUpdateForm,
    TrustUnlockForm,
};
use super::inflight::{ActionKey, ActionKind, Blocked, Outcome, Submission};
use super::keymap::{Action, Context};
use super::results::{InvoiceQueued, TicketOpened};
use super::{App, Changed, CustomerView, Effect, Pane, Slot, ViewId};

/// How long after a disconnect the last connection is read again: the
/// concentrator needs a moment to drop the session and RADIUS to account
/// for it.
pub const DISCONNECT_REFRESH_AFTER: Duration = Duration::from_secs(3);

pub use crate::ops::actions::ActionReply;

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

/// One thing the copy key can copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyItem {
    /// The key that picks it in the chooser.
    pub key: char,
    /// What it is, for the menu and the status line.
    pub what: T,
    /// The text copied.
    pub text: String,
}

/// A modal layer over the customer view.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// A form being filled; `busy` while its submission runs.
    Form {
        /// The form (what was typed survives a refusal).
        form: AnyForm,
        /// What it acts on.
        target: ActionTarget,
        /// The submission in flight, if any.
        busy: Option<ActionKey>,
    },
    /// A confirmation of a request ready to send.
    Confirm {
        /// The request.
        request: ActionRequest,
        /// What it acts on.
        target: ActionTarget,
        /// The dialog's text.
        confirmation: Confirmation,
        /// The form it came from, to return to on "no".
        form: Option<AnyForm>,
        /// The focused button and when the dialog opened.
        choice: Choice,
    },
    /// The last attempt's outcome is unknown: sending again needs the
    /// attendant to say they checked.
    Acknowledge {
        /// The request that would be sent again.
        request: ActionRequest,
        /// What it acts on.
        target: ActionTarget,
        /// The dialog's lines.
        lines: Vec<String>,
        /// The form it came from.
        form: Option<AnyForm>,
        /// The focused button and when the dialog opened.
        choice: Choice,
    },
    /// A ticket was opened: its protocol, large and copyable.
    TicketOpened {
        /// The result.
        result: TicketOpened,
        /// Customer and service.
        target: ActionTarget,
    },
    /// An invoice was queued.
    InvoiceQueued {
        /// The result.
        result: InvoiceQueued,
        /// Customer.
        target: ActionTarget,
    },
    /// A refusal or unknown outcome of an action that had no form, in
    /// full (the status line is too short for the server's sentence).
    Notice {
        /// The action.
        kind: ActionKind,
        /// What it acted on.
        target: ActionTarget,
        /// The outcome's text.
        text: String,
    },
    /// The copy chooser.
    CopyMenu {
        /// The choices.
        items: Vec<CopyItem>,
    },
    /// Quitting while an action waits for the server: leave anyway?
    Quit {
        /// The focused button and when the dialog opened.
        choice: Choice,
        /// What was open when quitting was asked, back on "Não".
        under: Option<Box<Overlay>>,
    },
    /// The latest audit entries (`None` while loading).
    Audit {
        /// Entries, newest last, or why they could not be read.
        entries: Option<Result<Vec<AuditEntry>, String>>,
        /// First line shown.
        scroll: super::scroll::Scroll,
    },
    /// This session's messages ([`App::log`]), newest first.
    Messages {
        /// First line shown.
        scroll: super::scroll::Scroll,
    },
}

/// Which form a draft belongs to and what it acts on: a form closed with
/// Esc after typing is kept under this key until the customer is left,
/// and the same key brings it back (issue 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftKey {
    /// A new ticket for this service.
    Ticket(u64),
    /// Editing or closing this ticket.
    TicketUpdate(u64),
    /// A trust unlock of this service.
    Unlock(u64),
    /// Resending this invoice.
    Invoice(u64),
}

impl DraftKey {
    /// The key of `form` acting on `target`.
    pub fn of(form: &AnyForm, target: &ActionTarget) -> Option<DraftKey> {
        Some(match form {
            AnyForm::Ticket(_) => DraftKey::Ticket(target.service_id),
            AnyForm::TicketUpdate(f) => DraftKey::TicketUpdate(f.ticket_id()),
            AnyForm::TrustUnlock(_) => DraftKey::Unlock(target.service_id),
            AnyForm::InvoiceSend(_) => DraftKey::Invoice(target.invoice_id?),
        })
    }
}

/// The form to open under `key`: the draft kept there (said on the
/// status line), else a fresh one.
fn form_or_draft(
    app: &mut App,
    view: &mut CustomerView,
    key: DraftKey,
    fresh: impl FnOnce() -> AnyForm,
) -> AnyForm {
    match view.drafts.remove(&key) {
        Some(draft) => {
            app.set_status(
                StatusKind::Info,
                tr(app.lang(), T::FormDraftRestored).to_owned(),
            );
            draft
        }
        None => fresh(),
    }
}

/// A form closed with Esc: what was typed is kept as a draft of the
/// customer on screen (nothing typed, nothing kept).
fn keep_draft(app: &mut App, form: AnyForm, target: &ActionTarget) {
    let Some(key) = DraftKey::of(&form, target).filter(|_| form.form().edited()) else {
        return;
    };
    let action = key_action(form.kind());
    let keys = super::keymap::keys_label(&app.keymap, action);
    let text = trf(app.lang(), T::FormDraftKept, &[("key", &keys)]);
    if let Some(view) = app.view.as_mut() {
        view.drafts.insert(key, form);
        app.set_status(StatusKind::Info, text);
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
fn target(view: &CustomerView) -> ActionTarget {
    let customer = view.customer.data.as_ref();
    let service = view.selected_service();
    ActionTarget {
        customer_name: customer
            .and_then(|c| c.display_name())
            .map(|n| crate::sanitize::clean_line(n).into_owned())
            .unwrap_or_default(),
        customer_code: Some(view.code.to_string()),
        service_id: service.and_then(|s| s.id_cliente_servico).unwrap_or(0),
        service_plan: service.and_then(|s| s.nome.clone()).unwrap_or_default(),
        login: service.and_then(|s| s.login.clone()),
        status: service.and_then(|s| s.status.clone()),
        invoice_id: view.selected_invoice().and_then(|i| i.id_fatura),
        ticket_protocol: view.selected_ticket().and_then(|t| t.protocolo.clone()),
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
    target.service_plan = service.and_then(|s| s.nome.clone()).unwrap_or_default();
    target.login = service.and_then(|s| s.login.clone());
    target.status = service.and_then(|s| s.status.clone());
    target
}

/// A key of the customer view that starts an action or copies.
pub(super) fn start(
    app: &mut App,
    view: &mut CustomerView,
    action: Action,
    fx: &mut Vec<Effect>,
) -> Changed {
    let t = target(view);
    let need_service = || t.service_id == 0;
    let overlay = match action {
        Action::Copy => return copy(app, view, fx),
        Action::OpenTicket | Action::OpenTicketWithOrder => {
            if need_service() {
                return needs(app, T::ActionNeedsService);
            }
            let customer = view.customer.data.as_ref();
            let phone = customer.and_then(|c| c.phones().first().map(|p| p.to_string()));
            let email = customer.and_then(|c| c.emails().first().map(|e| e.to_string()));
            let name = t.customer_name.clone();
            let mut form = form_or_draft(app, view, DraftKey::Ticket(t.service_id), || {
                AnyForm::Ticket(TicketForm::new(&name, phone.as_deref(), email.as_deref()))
            });
            if let (Action::OpenTicketWithOrder, AnyForm::Ticket(f)) = (action, &mut form) {
                f.set_open_order(true);
            }
            Overlay::Form {
                form,
                target: t,
                busy: None,
            }
        }
        Action::Unlock => {
            if need_service() {
                return needs(app, T::ActionNeedsService);
            }
            let form = form_or_draft(app, view, DraftKey::Unlock(t.service_id), || {
                AnyForm::TrustUnlock(TrustUnlockForm::new())
            });
            Overlay::Form {
                form,
                target: t,
                busy: None,
            }
        }
        Action::ResetMac | Action::Disconnect => {
            if need_service() {
                return needs(app, T::ActionNeedsService);
            }
            let request = if action == Action::ResetMac {
                ActionRequest::ResetMac(ResetMac {
                    id_cliente_servico: t.service_id,
                })
            } else {
                ActionRequest::Disconnect(Disconnect {
                    id_cliente_servico: t.service_id,
                })
            };
            confirm_overlay(app, request, t, None)
        }
        Action::SendInvoice => {
            let Some(invoice) = t.invoice_id.filter(|_| view.focus == Pane::Invoices) else {
                return needs(app, T::ActionNeedsInvoice);
            };
            let form = form_or_draft(app, view, DraftKey::Invoice(invoice), || {
                AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Email))
            });
            Overlay::Form {
                form,
                target: t,
                busy: None,
            }
        }
        Action::EditTicket | Action::CloseTicket => {
            let ticket = view.selected_ticket();
            let Some(id) = ticket.and_then(|t| t.id_atendimento) else {
                return needs(app, T::ActionNeedsTicket);
            };
            let description = ticket
                .and_then(|t| t.descricao_abertura.clone())
                .unwrap_or_default();
            let t = ticket.map_or(t.clone(), |ticket| ticket_target(view, ticket, t));
            let close = action == Action::CloseTicket;
            let form = form_or_draft(app, view, DraftKey::TicketUpdate(id), || {
                AnyForm::TicketUpdate(TicketUpdateForm::new(id, &description, close))
            });
            Overlay::Form {
                form,
                target: t,
                busy: None,
            }
        }
        _ => return Changed::No,
    };
    app.overlay = Some(overlay);
    Changed::Yes
}

fn needs(app: &mut App, msg: T) -> Changed {
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
    let confirmation = Confirmation::for_request(app.lang(), &target, &request, today);
    Overlay::Confirm {
        request,
        target,
        confirmation,
        form,
        choice: Choice::new(app.instant),
    }
}

/// What the copy key offers for the focused item.
pub fn copy_items(view: &CustomerView) -> Vec<CopyItem> {
    let mut out: Vec<(char, T, Option<String>)> = Vec::new();
    match view.focus {
        Pane::Customer | Pane::Services => {
            let s = view.selected_service();
            out.push(('l', T::WhatLogin, s.and_then(|s| s.login.clone())));
            let last_ip = s
                .and_then(|s| s.ultima_conexao.as_ref())
                .and_then(|lc| lc.ultimo_ipv4.clone());
            out.push(('i', T::WhatIp, last_ip));
            out.push(('m', T::WhatMac, s.and_then(|s| s.mac_addr.clone())));
            out.push((
                'd',
                T::WhatDocument,
                view.customer.data.as_ref().and_then(|c| c.cpf_cnpj.clone()),
            ));
        }
        Pane::Invoices => {
            let i = view.selected_invoice();
            out.push((
                'l',
                T::WhatBoletoLine,
                i.and_then(|i| i.linha_digitavel.clone()),
            ));
            out.push(('b', T::WhatBarcode, i.and_then(|i| i.codigo_barras.clone())));
            out.push((
                'p',
                T::WhatPixCode,
                i.and_then(|i| i.pix().map(str::to_owned)),
            ));
            out.push(('k', T::WhatInvoiceLink, i.and_then(|i| i.link.clone())));
        }
        Pane::Tickets => {
            out.push((
                'p',
                T::WhatProtocol,
                view.selected_ticket().and_then(|t| t.protocolo.clone()),
            ));
        }
        Pane::Orders => {}
        Pane::Connections => {
            let r = view
                .connections
                .data
                .as_ref()
                .and_then(|c| c.registros.get(view.sel(Pane::Connections)));
            out.push(('i', T::WhatIp, r.and_then(|r| r.framedipaddress.clone())));
            out.push(('m', T::WhatMac, r.and_then(|r| r.callingstationid.clone())));
            out.push(('l', T::WhatLogin, r.and_then(|r| r.username.clone())));
        }
    }
    out.into_iter()
        .filter_map(|(key, what, text)| {
            let text = text?.trim().to_owned();
            (!text.is_empty()).then_some(CopyItem { key, what, text })
        })
        .collect()
}

fn copy(app: &mut App, view: &CustomerView, fx: &mut Vec<Effect>) -> Changed {
    let mut items = copy_items(view);
    match items.len() {
        0 => needs(app, T::CopyNothing),
        1 => {
            let item = items.remove(0);
            fx.push(Effect::Copy {
                what: item.what,
                text: item.text,
            });
            Changed::No
        }
        _ => {
            app.overlay = Some(Overlay::CopyMenu { items });
            Changed::Yes
        }
    }
}

/// Opens the audit overlay and asks the runner for the entries.
pub(super) fn open_audit(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    app.overlay = Some(Overlay::Audit {
        entries: None,
        scroll: super::scroll::Scroll::new(),
    });
    fx.push(Effect::LoadAudit);
    Changed::Yes
}

/// Opens the session's message log.
pub(super) fn open_messages(app: &mut App) -> Changed {
    app.overlay = Some(Overlay::Messages {
        scroll: super::scroll::Scroll::new(),
    });
    Changed::Yes
}

/// Moves a log overlay's `scroll` for `action` (a line, half a page, the
/// ends). Returns whether it moved.
fn scroll_by(scroll: &mut super::scroll::Scroll, action: Option<Action>, page: i32) -> bool {
    match action {
        Some(Action::Down) => scroll.by(1),
        Some(Action::Up) => scroll.by(-1),
        Some(Action::PageDown) => scroll.by(page),
        Some(Action::PageUp) => scroll.by(-page),
        Some(Action::Top) => scroll.top(),
        Some(Action::Bottom) => scroll.end(),
        _ => false,
    }
}

/// The contexts while an overlay is up: its own, modal, so the view's
/// keys stay inert underneath. A form has text focus.
pub(super) fn contexts(overlay: &Overlay) -> (&'static [Context], bool) {
    match overlay {
        Overlay::Form { .. } => (&[Context::Confirm], true),
        _ => (&[Context::Confirm], false),
    }
}

/// A key while an overlay is up, `gap` after the key before it. Key
/// repeats never confirm or submit: a held Enter must not send twice or
/// skip a question; see [`Choice::key`] for what answers a dialog.
pub(super) fn overlay_key(
    app: &mut App,
    key: KeyEvent,
    gap: Option<Duration>,
    fx: &mut Vec<Effect>,
) -> Changed {
    let Some(overlay) = app.overlay.take() else {
        return Changed::No;
    };
    let repeat = key.kind == KeyEventKind::Repeat;
    let typing = super::keymap::KeyCombo::from_event(&key).is_typing();
    let dialog = app.keymap.dispatch(&key, &[Context::Confirm], false);
    let general = app.keymap.dispatch(&key, &[Context::Navigation], false);
    let esc = key.code == KeyCode::Esc;
    let (next, changed) = match overlay {
        Overlay::Form { form, target, busy } if busy.is_some() => {
            // While it runs only Esc works: the attendant may move on and
            // the result arrives as a status message.
            if esc {
                (None, Changed::Yes)
            } else {
                (Some(Overlay::Form { form, target, busy }), Changed::No)
            }
        }
        Overlay::Form {
            mut form,
            target,
            busy,
        } => {
            if repeat && key.code == KeyCode::Enter {
                return keep(app, Overlay::Form { form, target, busy });
            }
            match form.handle_key(key) {
                FormOutcome::Continue => (Some(Overlay::Form { form, target, busy }), Changed::Yes),
                FormOutcome::Cancel => {
                    keep_draft(app, form, &target);
                    (None, Changed::Yes)
                }
                FormOutcome::Submit => match build_request(app, &form, &target) {
                    Ok(request) => (
                        Some(confirm_overlay(app, request, target, Some(form))),
                        Changed::Yes,
                    ),
                    Err(errors) => {
                        form.form_mut().show_errors(&errors);
                        (Some(Overlay::Form { form, target, busy }), Changed::Yes)
                    }
                },
            }
        }
        Overlay::Confirm {
            request,
            target,
            confirmation,
            form,
            mut choice,
        } => match choice.key(dialog, key.code, typing, repeat, app.instant, gap) {
            Answer::Yes => {
                send(app, request, target, form, fx);
                return Changed::Yes;
            }
            Answer::No => (back_to_form(form, target), Changed::Yes),
            Answer::Open { changed } => (
                Some(Overlay::Confirm {
                    request,
                    target,
                    confirmation,
                    form,
                    choice,
                }),
                if changed { Changed::Yes } else { Changed::No },
            ),
        },
        Overlay::Acknowledge {
            request,
            target,
            lines,
            form,
            mut choice,
        } => match choice.key(dialog, key.code, typing, repeat, app.instant, gap) {
            Answer::Yes => {
                app.inflight.acknowledge_unknown(request.key());
                send(app, request, target, form, fx);
                return Changed::Yes;
            }
            Answer::No => (back_to_form(form, target), Changed::Yes),
            Answer::Open { changed } => (
                Some(Overlay::Acknowledge {
                    request,
                    target,
                    lines,
                    form,
                    choice,
                }),
                if changed { Changed::Yes } else { Changed::No },
            ),
        },
        Overlay::Quit { mut choice, under } => {
            match choice.key(dialog, key.code, typing, repeat, app.instant, gap) {
                Answer::Yes => {
                    fx.push(Effect::Quit);
                    (None, Changed::No)
                }
                Answer::No => (under.map(|o| *o), Changed::Yes),
                Answer::Open { changed } => (
                    Some(Overlay::Quit { choice, under }),
                    if changed { Changed::Yes } else { Changed::No },
                ),
            }
        }
        Overlay::TicketOpened { result, target } => {
            let copy = app.keymap.dispatch(&key, &[], false) == Some(Action::Copy);
            if copy {
                if let Some(p) = result.copy_text() {
                    fx.push(Effect::Copy {
                        what: T::WhatProtocol,
                        text: p.to_owned(),
                    });
                }
                (Some(Overlay::TicketOpened { result, target }), Changed::No)
            } else if esc || key.code == KeyCode::Enter {
                (None, Changed::Yes)
            } else {
                (Some(Overlay::TicketOpened { result, target }), Changed::No)
            }
        }
        notice @ Overlay::Notice { .. } => {
            if esc || key.code == KeyCode::Enter {
                (None, Changed::Yes)
            } else {
                (Some(notice), Changed::No)
            }
        }
        Overlay::InvoiceQueued { result, target } => {
            if esc || key.code == KeyCode::Enter {
                (None, Changed::Yes)
            } else {
                (Some(Overlay::InvoiceQueued { result, target }), Changed::No)
            }
        }
        Overlay::CopyMenu { items } => {
            let picked = match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    items.iter().find(|i| i.key == c).cloned()
                }
                _ => None,
            };
            match picked {
                Some(item) => {
                    fx.push(Effect::Copy {
                        what: item.what,
                        text: item.text,
                    });
                    (None, Changed::Yes)
                }
                None if esc => (None, Changed::Yes),
                None => (Some(Overlay::CopyMenu { items }), Changed::No),
            }
        }
        Overlay::Audit {
            entries,
            mut scroll,
        } => {
            if esc || key.code == KeyCode::Char('A') || key.code == KeyCode::Char('q') {
                app.overlay = None;
                return Changed::Yes;
            }
            let page = (app.size.1 / 2).max(1) as i32;
            let moved = scroll_by(&mut scroll, general, page);
            app.overlay = Some(Overlay::Audit { entries, scroll });
            return if moved { Changed::Yes } else { Changed::No };
        }
        Overlay::Messages { mut scroll } => {
            let own = app.keymap.dispatch(&key, &[], false) == Some(Action::MessageLog);
            if esc || own || key.code == KeyCode::Char('q') {
                app.overlay = None;
                return Changed::Yes;
            }
            let page = (app.size.1 / 2).max(1) as i32;
            let moved = scroll_by(&mut scroll, general, page);
            app.overlay = Some(Overlay::Messages { scroll });
            return if moved { Changed::Yes } else { Changed::No };
        }
    };
    app.overlay = next;
    changed
}

/// A paste while a confirmation is up: text, so the attendant is not
/// answering it; the focus goes back to "Não" (see [`Choice::key`]).
/// Returns whether a dialog took the paste.
pub(super) fn paste_over_dialog(app: &mut App) -> bool {
    match app.overlay.as_mut() {
        Some(Overlay::Confirm { choice, .. })
        | Some(Overlay::Acknowledge { choice, .. })
        | Some(Overlay::Quit { choice, .. }) => {
            *choice = Choice::new(app.instant);
            true
        }
        _ => false,
    }
}

fn keep(app: &mut App, overlay: Overlay) -> Changed {
    app.overlay = Some(overlay);
    Changed::No
}

fn back_to_form(form: Option<AnyForm>, target: ActionTarget) -> Option<Overlay> {
    form.map(|form| Overlay::Form {
        form,
        target,
        busy: None,
    })
}

fn build_request(
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
    })
}

/// The keymap action a request belongs to, for the read-only check.
fn key_action(kind: ActionKind) -> Action {
    match kind {
        ActionKind::OpenTicket => Action::OpenTicket,
        ActionKind::EditTicket => Action::EditTicket,
        ActionKind::CloseTicket => Action::CloseTicket,
        ActionKind::TrustUnlock => Action::Unlock,
        ActionKind::ResetMac => Action::ResetMac,
        ActionKind::Disconnect => Action::Disconnect,
        ActionKind::SendInvoiceEmail | ActionKind::SendInvoiceSms | ActionKind::SendInvoicePush => {
            Action::SendInvoice
        }
        ActionKind::CreateProspect => Action::NewProspect,
        ActionKind::PbxNotify => Action::PbxNotify,
        ActionKind::PbxMissed => Action::PbxMissed,
    }
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
        app.set_status(StatusKind::Error, tr(lang, T::ActionReadOnly).to_owned());
        return;
    }
    // A prospect belongs to the sales screen, not to a customer view.
    let view = match (&request, app.view.as_ref()) {
        (ActionRequest::CreateProspect(_), _) => super::tools::TOOLS_VIEW,
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
        service: (matches!(request, ActionRequest::UpdateTicket(_)) && target.service_id != 0)
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
    let opens_order = matches!(&request, ActionRequest::OpenTicket(t) if t.abrir_os == Some(true));
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
/// is read again when its customer is still on screen.
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
/// customer is still on screen. A disconnect is never repeated: only the
/// reads of the last connection are, after a short delay.
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
    if app.view.as_ref().map(|v| v.id) != Some(pending.view) {
        return;
    }
    let slots: &[Slot] = match kind {
        ActionKind::OpenTicket if pending.opens_order => &[Slot::Tickets, Slot::Orders],
        ActionKind::OpenTicket | ActionKind::EditTicket => &[Slot::Tickets],
        ActionKind::CloseTicket => &[Slot::Tickets, Slot::Orders],
        ActionKind::TrustUnlock | ActionKind::ResetMac => &[Slot::Customer],
        ActionKind::Disconnect => {
            for slot in [Slot::Customer, Slot::Connections] {
                fx.push(Effect::RefreshLater {
                    view: pending.view,
                    slot,
                    after: DISCONNECT_REFRESH_AFTER,
                });
            }
            return;
        }
        ActionKind::SendInvoiceEmail | ActionKind::SendInvoiceSms | ActionKind::SendInvoicePush => {
            &[Slot::Invoices]
        }
        // The sales screen reads its list again itself.
        ActionKind::CreateProspect => return,
        // The pop-up lives in HubSoft's web panel: nothing here to re-read.
        ActionKind::PbxNotify | ActionKind::PbxMissed => &[],
    };
    for slot in slots {
        super::refresh_slot(app, pending.view, *slot, fx);
    }
}

/// A copy finished: the status line says where the text went (never a
/// "copied" it cannot know) and shows it, so the attendant can read it out
/// if the paste fails; it stays until another message replaces it.
pub(super) fn on_copied(app: &mut App, report: crate::clipboard::CopyReport) -> Changed {
    let kind = if report.is_ok() {
        StatusKind::Ok
    } else {
        StatusKind::Error
    };
    app.set_result(kind, report.status_text(app.lang()));
    Changed::Yes
}

/// The audit entries arrived.
pub(super) fn on_audit(app: &mut App, result: Result<Vec<AuditEntry>, String>) -> Changed {
    if let Some(Overlay::Audit { entries, .. }) = app.overlay.as_mut() {
        *entries = Some(result);
        return Changed::Yes;
    }
    Changed::No
}
