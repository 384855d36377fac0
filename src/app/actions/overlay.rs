//! The overlays over the customer view (forms, confirmations, results,
//! the copy menu, the audit and message logs), their keys, and the drafts
//! a form leaves when closed with Esc.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::audit::AuditEntry;
use crate::i18n::{Msg as T, tr, trf};

use super::super::confirm::{ActionRequest, ActionTarget, Answer, Choice, Confirmation};
use super::super::forms::{AnyForm, FormOutcome};
use super::super::inflight::{ActionKey, ActionKind};
use super::super::keymap::{Action, Context};
use super::super::results::{InvoiceQueued, TicketOpened};
use super::super::status::StatusKind;
use super::super::{App, Changed, CustomerView, Effect};
use super::{CopyItem, build_request, confirm_overlay, key_action, send};

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
        scroll: super::super::scroll::Scroll,
    },
    /// This session's messages ([`App::log`]), newest first.
    Messages {
        /// First line shown.
        scroll: super::super::scroll::Scroll,
    },
    /// Run a NOC command (`confirm = true` or `writes = true` in its
    /// entry)? The same armed dialog as an action's.
    CommandConfirm {
        /// The command's index in the settings.
        index: u8,
        /// What would run, filled from the customer.
        argv: Vec<String>,
        /// The focused button and when the dialog opened.
        choice: Choice,
    },
    /// A NOC command's output, streaming in.
    Command(Box<crate::app::noc::Run>),
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
    /// Appending to this ticket.
    TicketAppend(u64),
    /// Enabling this service.
    Enable(u64),
    /// Suspending this service.
    Suspend(u64),
}

impl DraftKey {
    /// The key of `form` acting on `target`.
    pub fn of(form: &AnyForm, target: &ActionTarget) -> Option<DraftKey> {
        Some(match form {
            AnyForm::Ticket(_) => DraftKey::Ticket(target.service_id),
            AnyForm::TicketUpdate(f) => DraftKey::TicketUpdate(f.ticket_id()),
            AnyForm::TrustUnlock(_) => DraftKey::Unlock(target.service_id),
            AnyForm::InvoiceSend(_) => DraftKey::Invoice(target.invoice_id?),
            AnyForm::TicketAppend(f) => DraftKey::TicketAppend(f.ticket_id()),
            AnyForm::EnableService(_) => DraftKey::Enable(target.service_id),
            AnyForm::SuspendService(_) => DraftKey::Suspend(target.service_id),
        })
    }
}

/// The form to open under `key`: the draft kept there (said on the
/// status line), else a fresh one.
pub(super) fn form_or_draft(
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
pub(super) fn keep_draft(app: &mut App, form: AnyForm, target: &ActionTarget) {
    let Some(key) = DraftKey::of(&form, target).filter(|_| form.form().edited()) else {
        return;
    };
    let action = key_action(form.kind());
    let keys = super::super::keymap::keys_label(&app.keymap, action);
    let text = trf(app.lang(), T::FormDraftKept, &[("key", &keys)]);
    if let Some(view) = app.view.as_mut() {
        view.drafts.insert(key, form);
        app.set_status(StatusKind::Info, text);
    }
}

/// Opens the audit overlay and asks the runner for the entries.
pub(in crate::app) fn open_audit(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    app.overlay = Some(Overlay::Audit {
        entries: None,
        scroll: super::super::scroll::Scroll::new(),
    });
    fx.push(Effect::LoadAudit);
    Changed::Yes
}

/// Opens the session's message log.
pub(in crate::app) fn open_messages(app: &mut App) -> Changed {
    app.overlay = Some(Overlay::Messages {
        scroll: super::super::scroll::Scroll::new(),
    });
    Changed::Yes
}

/// Moves a log overlay's `scroll` for `action` (a line, half a page, the
/// ends). Returns whether it moved.
pub(in crate::app) fn scroll_by(
    scroll: &mut super::super::scroll::Scroll,
    action: Option<Action>,
    page: i32,
) -> bool {
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
pub(in crate::app) fn contexts(overlay: &Overlay) -> (&'static [Context], bool) {
    match overlay {
        Overlay::Form { .. } => (&[Context::Confirm], true),
        _ => (&[Context::Confirm], false),
    }
}

/// A key while an overlay is up, `gap` after the key before it. Key
/// repeats never confirm or submit: a held Enter must not send twice or
/// skip a question; see [`Choice::key`] for what answers a dialog.
pub(in crate::app) fn overlay_key(
    app: &mut App,
    key: KeyEvent,
    gap: Option<Duration>,
    fx: &mut Vec<Effect>,
) -> Changed {
    let Some(overlay) = app.overlay.take() else {
        return Changed::No;
    };
    let repeat = key.kind == KeyEventKind::Repeat;
    let typing = super::super::keymap::KeyCombo::from_event(&key).is_typing();
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
            mut confirmation,
            form,
            mut choice,
        } => match confirmation.key(
            &mut choice,
            dialog,
            key.code,
            typing,
            repeat,
            app.instant,
            gap,
        ) {
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
        Overlay::CommandConfirm {
            index,
            argv,
            mut choice,
        } => match choice.key(dialog, key.code, typing, repeat, app.instant, gap) {
            Answer::Yes => return crate::app::noc::launch(app, index, argv, fx),
            Answer::No => (None, Changed::Yes),
            Answer::Open { changed } => (
                Some(Overlay::CommandConfirm {
                    index,
                    argv,
                    choice,
                }),
                if changed { Changed::Yes } else { Changed::No },
            ),
        },
        Overlay::Command(run) => {
            return crate::app::noc::output_key(app, run, esc, general, fx);
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
pub(in crate::app) fn paste_over_dialog(app: &mut App) -> bool {
    match app.overlay.as_mut() {
        Some(Overlay::Confirm { choice, .. })
        | Some(Overlay::Acknowledge { choice, .. })
        | Some(Overlay::Quit { choice, .. })
        | Some(Overlay::CommandConfirm { choice, .. }) => {
            *choice = Choice::new(app.instant);
            true
        }
        _ => false,
    }
}

pub(super) fn keep(app: &mut App, overlay: Overlay) -> Changed {
    app.overlay = Some(overlay);
    Changed::No
}

pub(super) fn back_to_form(form: Option<AnyForm>, target: ActionTarget) -> Option<Overlay> {
    form.map(|form| Overlay::Form {
        form,
        target,
        busy: None,
    })
}
