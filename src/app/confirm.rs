//! What a confirmation says before an action runs, and the request it
//! guards.
//!
//! Following gitui's queue: a key never sends a dangerous request; it
//! builds an [`ActionRequest`] and a [`Confirmation`] naming exactly what
//! will change (customer, service, login, status, dates), the console shows
//! the confirmation with [`crate::ui::widgets::ConfirmDialog`], and only the
//! confirmed request is sent. Pure text building: no ratatui, no clock
//! (today and the key times are arguments).
//!
//! A confirmation must survive an attendant typing into the wrong place
//! (issue 13): [`Choice`] starts on "Não", only Enter on a focused "Sim"
//! confirms, no letter ever does, and a key that arrives in a burst (less
//! than [`BURST_GAP`] after the previous key) or before the dialog is
//! armed ([`ARM_AFTER`] after it opened) never confirms.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::api::PbxCall;
use crate::api::prospects::{NewProspect, PersonKind};

use crate::api::ticket_extras::TicketOpening;
use crate::api::tickets::NewTicket;
use crate::br::dates::format_date;
use crate::br::phone;
use crate::i18n::{Lang, Msg, tr, tr_count, trf};
use crate::ops::actions::Target;
use crate::ops::actions::{Confirm, typed_matches};
use crate::sanitize::clean_line;

use super::forms::{Channel, InvoiceRequest, title};
use super::inflight::{ActionKey, ActionKind};
use super::keymap::Action;

/// How long a dialog ignores its confirming key after it opened: a word
/// typed at the moment it appeared is not an answer to it.
pub const ARM_AFTER: Duration = Duration::from_millis(300);

/// Keys closer together than this come from typing (or a paste, or a
/// terminal's burst), not from someone reading a question: they never
/// confirm.
pub const BURST_GAP: Duration = Duration::from_millis(50);

/// The focused button of a confirmation and when the dialog opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// "Sim" has focus (the default is "Não").
    pub yes: bool,
    /// When the dialog opened (the console's key clock).
    pub opened: Instant,
}

impl Choice {
    /// A dialog opened at `now`, focused on "Não".
    pub fn new(now: Instant) -> Choice {
        Choice {
            yes: false,
            opened: now,
        }
    }

    /// From when Enter on "Sim" can confirm.
    pub fn armed_at(&self) -> Instant {
        self.opened + ARM_AFTER
    }

    /// Whether the dialog takes a confirmation at `now`.
    pub fn armed(&self, now: Instant) -> bool {
        now >= self.armed_at()
    }

    /// Whether a key at `now`, `gap` after the key before it (`None`: the
    /// first key of the session), is a deliberate answer: the dialog is
    /// armed and the key is not part of a burst.
    pub fn deliberate(&self, now: Instant, gap: Option<Duration>) -> bool {
        self.armed(now) && gap.is_none_or(|g| g >= BURST_GAP)
    }

    /// Applies one key to the dialog. `action` is what the keymap made of
    /// it in the confirmation context; `code` says which way a move goes
    /// ("Não" is on the left, "Sim" on the right); `typing` marks a key
    /// that types a character (a letter, a digit, a space); `now` and
    /// `gap` are its time and the time since the key before it.
    ///
    /// A typing key means the attendant is not reading the dialog: the
    /// focus goes back to "Não" and the dialog re-arms, so a word, a Tab
    /// and an Enter typed into the wrong place cannot confirm. Moving to
    /// "Sim" and confirming both need a deliberate key (armed, no burst);
    /// "Não" and Esc always work. A held key never confirms.
    pub fn key(
        &mut self,
        action: Option<Action>,
        code: KeyCode,
        typing: bool,
        repeat: bool,
        now: Instant,
        gap: Option<Duration>,
    ) -> Answer {
        if typing {
            let changed = self.yes;
            *self = Choice::new(now);
            return Answer::Open { changed };
        }
        let deliberate = self.deliberate(now, gap);
        match action {
            Some(Action::Cancel) => Answer::No,
            Some(Action::Confirm) if !self.yes => Answer::No,
            Some(Action::Confirm) if deliberate && !repeat => Answer::Yes,
            Some(Action::Choose) => {
                let yes = match code {
                    KeyCode::Left => false,
                    KeyCode::Right => true,
                    _ => !self.yes,
                };
                // Towards "Sim" only deliberately; back to "Não" always.
                if yes && !deliberate {
                    return Answer::Open { changed: false };
                }
                let changed = yes != self.yes;
                self.yes = yes;
                Answer::Open { changed }
            }
            _ => Answer::Open { changed: false },
        }
    }
}

/// What a key did to a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Still open (the focus may have moved).
    Open {
        /// Whether anything visible changed.
        changed: bool,
    },
    /// Enter on a focused "Sim", deliberately.
    Yes,
    /// Esc, or Enter on "Não".
    No,
}

/// The subscriber and service an action is about, as the console shows
/// them. Filled from the customer view when the form or dialog opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionTarget {
    /// Customer's name (`nome_razaosocial`).
    pub customer_name: String,
    /// Customer code, when known.
    pub customer_code: Option<String>,
    /// `id_cliente_servico`: what every service action targets.
    pub service_id: u64,
    /// The plan's name.
    pub service_plan: String,
    /// PPPoE/RADIUS login.
    pub login: Option<String>,
    /// Current service status as displayed ("Bloqueado", "Habilitado").
    pub status: Option<String>,
    /// The MAC bound to the PPPoE/RADIUS login (`mac_addr`: what a MAC
    /// reset clears).
    pub mac_addr: Option<String>,
    /// The equipment's (ONU/CPE) address (`phy_addr`: what a layer-2 MAC
    /// reset clears, and what a CPE action names).
    pub phy_addr: Option<String>,
    /// The selected invoice, for invoice actions.
    pub invoice_id: Option<u64>,
    /// The selected ticket's protocol, for ticket edits.
    pub ticket_protocol: Option<String>,
    /// The service's trust-unlock history, when the server sent one.
    pub unlock_history: Option<crate::ops::unlocks::UnlockHistory>,
}

pub use crate::ops::actions::ActionRequest;

impl ActionRequest {
    /// The in-flight key: the service for service actions and new
    /// tickets, the ticket for edits, the invoice for sends, the customer
    /// code for the PBX pop-up.
    pub fn key(&self) -> ActionKey {
        let target = match self {
            // The server refuses a second prospect with one document.
            ActionRequest::CreateProspect(p) => super::tools::sales::request_key(p),
            other => other.target_id(),
        };
        ActionKey::new(self.kind(), target)
    }
}

/// The content of a confirmation dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// The action.
    pub kind: ActionKind,
    /// The dialog's action name ("Desbloqueio em confiança"), for
    /// `ConfirmDialog::action`.
    pub action: String,
    /// The lines naming what will change, for `ConfirmDialog::lines`.
    pub lines: Vec<String>,
    /// For `ConfirmDialog::affects_connection`.
    pub affects_connection: bool,
    /// The characters to type before "Sim" can be chosen, when the row
    /// asks a typed confirmation ([`Confirm::Typed`]).
    pub typed: Option<TypedCheck>,
}

/// A typed confirmation: the equipment's address and what the attendant
/// has typed so far. "Sim" can be neither focused nor confirmed until the
/// typed characters are the last 4 of the MAC
/// ([`crate::ops::actions::typed_matches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedCheck {
    /// The address whose end must be typed.
    pub phy_addr: String,
    /// What was typed.
    pub entry: String,
}

impl TypedCheck {
    /// Whether the typed characters confirm.
    pub fn matches(&self) -> bool {
        typed_matches(&self.phy_addr, &self.entry)
    }
}

/// The longest typed entry kept (a MAC with separators, and then some).
const TYPED_MAX: usize = 24;

impl Confirmation {
    /// The confirmation of `request` on `target`; `today` (São Paulo) dates
    /// the end of a trust unlock.
    pub fn for_request(
        lang: Lang,
        target: &ActionTarget,
        request: &ActionRequest,
        today: NaiveDate,
    ) -> Confirmation {
        Confirmation::with_text(lang, target, request, today, None)
    }

    /// [`Confirmation::for_request`], naming `appended`, the text an
    /// append adds (the request carries the whole new description).
    pub fn with_text(
        lang: Lang,
        target: &ActionTarget,
        request: &ActionRequest,
        today: NaiveDate,
        appended: Option<&str>,
    ) -> Confirmation {
        let kind = request.kind();
        let lines = match request {
            ActionRequest::TrustUnlock(u) => {
                trust_unlock_lines(lang, target, u.dias_desbloqueio.unwrap_or(1), today)
            }
            ActionRequest::OpenTicket(t) => opening_lines(lang, target, t),
            ActionRequest::ResetMac(_) => with_before_effect(
                lang,
                target,
                kind,
                trf(
                    lang,
                    Msg::ConfirmClearsSessionMac,
                    &[("mac", &or_dash(target.mac_addr.as_deref()))],
                ),
            ),
            ActionRequest::ResetPhy(_) => with_before_effect(
                lang,
                target,
                kind,
                trf(
                    lang,
                    Msg::ConfirmClearsPhyMac,
                    &[("mac", &or_dash(target.phy_addr.as_deref()))],
                ),
            ),
            ActionRequest::EnableService(e) => with_before_effect(
                lang,
                target,
                kind,
                trf(
                    lang,
                    Msg::ConfirmEnableReason,
                    &[("text", &or_dash(Some(&e.motivo_habilitacao)))],
                ),
            ),
            ActionRequest::SuspendService(p) => with_before_effect(
                lang,
                target,
                kind,
                trf(
                    lang,
                    Msg::ConfirmSuspendKind,
                    &[(
                        "kind",
                        &tr(lang, super::forms::suspension_msg(p.tipo_suspensao)),
                    )],
                ),
            ),
            ActionRequest::AppendTicket(_) => {
                let mut lines = ticket_lines(lang, target);
                if let Some(text) = appended {
                    lines.push(trf(
                        lang,
                        Msg::ConfirmAppendText,
                        &[("text", &or_dash(Some(text)))],
                    ));
                }
                lines.push(tr(lang, Msg::ConfirmAppendKeeps).to_owned());
                lines
            }
            ActionRequest::Invoice(r) => invoice_lines(lang, target, r),
            ActionRequest::CreateProspect(p) => prospect_lines(lang, target, p),
            ActionRequest::PbxNotify(c) | ActionRequest::PbxMissed(c) => pbx_lines(lang, target, c),
            // The rest name what their row says they act on, then the
            // row's effect line.
            _ => row_lines(lang, target, kind),
        };
        let typed = match (kind.confirmation(), request) {
            (Confirm::Typed, ActionRequest::RestoreCpe { cpe, .. }) => Some(TypedCheck {
                phy_addr: cpe.phy_addr.clone(),
                entry: String::new(),
            }),
            _ => None,
        };
        Confirmation {
            kind,
            action: title(lang, kind),
            lines,
            affects_connection: kind.affects_connection(),
            typed,
        }
    }

    /// Applies one key to the dialog (see [`Choice::key`]). A typed
    /// confirmation first takes the characters typed (and Backspace);
    /// each one sends the focus back to "Não" and re-arms the dialog, so
    /// the last character and a Tab and Enter in one burst never
    /// confirm. Until the typed characters match, "Sim" can be neither
    /// focused nor confirmed: Enter does nothing and Esc cancels.
    #[allow(clippy::too_many_arguments)]
    pub fn key(
        &mut self,
        choice: &mut Choice,
        action: Option<Action>,
        code: KeyCode,
        typing: bool,
        repeat: bool,
        now: Instant,
        gap: Option<Duration>,
    ) -> Answer {
        let Some(check) = self.typed.as_mut() else {
            return choice.key(action, code, typing, repeat, now, gap);
        };
        let edited = match code {
            KeyCode::Char(c) if typing => {
                if check.entry.chars().count() < TYPED_MAX {
                    check.entry.push(c);
                }
                true
            }
            KeyCode::Backspace => {
                check.entry.pop();
                true
            }
            _ => false,
        };
        if edited {
            *choice = Choice::new(now);
            return Answer::Open { changed: true };
        }
        if check.matches() {
            return choice.key(action, code, typing, repeat, now, gap);
        }
        match action {
            Some(Action::Cancel) => Answer::No,
            _ => Answer::Open { changed: false },
        }
    }

    /// Whether "Sim" may be chosen at all (a typed confirmation's
    /// characters match, or there is none).
    pub fn unlocked(&self) -> bool {
        self.typed.as_ref().is_none_or(TypedCheck::matches)
    }
}

/// What the row says its confirmation names, with `extra` just before
/// its effect line.
fn with_before_effect(
    lang: Lang,
    target: &ActionTarget,
    kind: ActionKind,
    extra: String,
) -> Vec<String> {
    let mut lines = row_lines(lang, target, kind);
    let at = if kind.effect().is_some() {
        lines.len().saturating_sub(1)
    } else {
        lines.len()
    };
    lines.insert(at, extra);
    lines
}

fn or_dash(v: Option<&str>) -> String {
    match v.map(str::trim) {
        Some(s) if !s.is_empty() => clean_line(s).into_owned(),
        _ => "—".to_owned(),
    }
}

/// "Cliente: Maria (código 123)" and "Serviço: 300 MEGA (id 11000)".
fn subscriber_lines(lang: Lang, t: &ActionTarget) -> Vec<String> {
    let name = or_dash(Some(&t.customer_name));
    let customer = match t.customer_code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => trf(
            lang,
            Msg::ConfirmCustomerCode,
            &[("name", &name), ("code", &clean_line(code))],
        ),
        _ => trf(lang, Msg::ConfirmCustomer, &[("name", &name)]),
    };
    // A ticket without a known service says so rather than "id 0".
    let id = match t.service_id {
        0 => "—".to_owned(),
        id => id.to_string(),
    };
    vec![
        customer,
        trf(
            lang,
            Msg::ConfirmService,
            &[("plan", &or_dash(Some(&t.service_plan))), ("id", &id)],
        ),
    ]
}

/// Customer, service and login: what a service action names.
fn service_lines(lang: Lang, t: &ActionTarget) -> Vec<String> {
    let mut lines = subscriber_lines(lang, t);
    lines.push(trf(
        lang,
        Msg::ConfirmLogin,
        &[("login", &or_dash(t.login.as_deref()))],
    ));
    lines
}

/// Trust unlock: customer, service, login, current status and the last
/// day unlocked (`today` + `days`, dd/mm/aaaa).
pub fn trust_unlock_lines(
    lang: Lang,
    target: &ActionTarget,
    days: u32,
    today: NaiveDate,
) -> Vec<String> {
    let mut lines = service_lines(lang, target);
    lines.push(trf(
        lang,
        Msg::ConfirmStatus,
        &[("status", &or_dash(target.status.as_deref()))],
    ));
    let until = today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .map(format_date)
        .unwrap_or_else(|| "—".to_owned());
    let span = tr_count(
        lang,
        Msg::ConfirmDaysOne,
        Msg::ConfirmDaysMany,
        i64::from(days),
    );
    lines.push(trf(
        lang,
        Msg::ConfirmUnlockUntil,
        &[("date", &until), ("days", &span)],
    ));
    // ISPs cap unlocks: how many were granted lately, before promising one.
    if let Some(history) = &target.unlock_history {
        lines.push(history.before_another(lang));
    }
    lines
}

/// What an action's row says its confirmation names: its target (the
/// service and login, the ticket, or the customer), then its effect.
pub fn row_lines(lang: Lang, target: &ActionTarget, kind: ActionKind) -> Vec<String> {
    let mut lines = match kind.target() {
        Target::Service => service_lines(lang, target),
        Target::Equipment => {
            let mut lines = service_lines(lang, target);
            lines.push(trf(
                lang,
                Msg::ConfirmEquipment,
                &[("mac", &or_dash(target.phy_addr.as_deref()))],
            ));
            lines
        }
        Target::Ticket => ticket_lines(lang, target),
        Target::Invoice | Target::Customer => vec![subscriber_lines(lang, target).remove(0)],
        Target::Nothing => Vec::new(),
    };
    if let Some(effect) = kind.effect() {
        lines.push(tr(lang, effect).to_owned());
    }
    lines
}

/// MAC reset: customer, service, login, and what happens next.
pub fn reset_mac_lines(lang: Lang, target: &ActionTarget) -> Vec<String> {
    row_lines(lang, target, ActionKind::ResetMac)
}

/// Disconnect: customer, service, login, and what happens next.
pub fn disconnect_lines(lang: Lang, target: &ActionTarget) -> Vec<String> {
    row_lines(lang, target, ActionKind::Disconnect)
}

/// A PBX pop-up (never confirmed by a dialog, but the acknowledge dialog
/// after an unknown outcome names it): the customer and the phone.
pub fn pbx_lines(lang: Lang, target: &ActionTarget, call: &PbxCall) -> Vec<String> {
    let name = or_dash(Some(&target.customer_name));
    let mut lines = vec![match target.customer_code.as_deref() {
        Some(code) if !code.trim().is_empty() => trf(
            lang,
            Msg::ConfirmCustomerCode,
            &[("name", &name), ("code", &clean_line(code))],
        ),
        _ => trf(lang, Msg::ConfirmCustomer, &[("name", &name)]),
    }];
    if let Some(p) = call.telefone.as_deref() {
        lines.push(trf(
            lang,
            Msg::PbxConfirmPhone,
            &[("phone", &phone::display(&clean_line(p)))],
        ));
    }
    lines
}

/// The ticket line: "Atendimento 2025…".
fn ticket_line(lang: Lang, target: &ActionTarget) -> String {
    trf(
        lang,
        Msg::ConfirmTicket,
        &[("protocol", &or_dash(target.ticket_protocol.as_deref()))],
    )
}

/// Editing a ticket: customer and ticket.
pub fn ticket_lines(lang: Lang, target: &ActionTarget) -> Vec<String> {
    let mut lines = subscriber_lines(lang, target);
    lines.push(ticket_line(lang, target));
    lines
}

/// Closing a ticket: customer, ticket, and that its service orders close
/// too.
pub fn close_ticket_lines(lang: Lang, target: &ActionTarget) -> Vec<String> {
    row_lines(lang, target, ActionKind::CloseTicket)
}

/// Opening a ticket: customer, service, the description, requester and
/// whether a service order opens too.
pub fn open_ticket_lines(lang: Lang, target: &ActionTarget, t: &NewTicket) -> Vec<String> {
    let mut lines = subscriber_lines(lang, target);
    // What the attendant typed, without the signature added after it.
    let typed = t.descricao.split("\n\n").next().unwrap_or_default();
    lines.push(trf(
        lang,
        Msg::ConfirmDescription,
        &[("text", &or_dash(Some(typed)))],
    ));
    lines.push(trf(
        lang,
        Msg::ConfirmRequester,
        &[
            ("name", &clean_line(&t.nome)),
            ("phone", &phone::display(&t.telefone)),
        ],
    ));
    if t.abrir_os == Some(true) {
        lines.push(tr(lang, Msg::FormOpenOrder).to_owned());
    }
    lines
}

/// Opening a ticket with its type and its order's parameters, when
/// chosen.
pub fn opening_lines(lang: Lang, target: &ActionTarget, t: &TicketOpening) -> Vec<String> {
    let mut lines = open_ticket_lines(lang, target, &t.ticket);
    if let Some(id) = t.id_tipo_atendimento {
        lines.push(trf(lang, Msg::ConfirmTicketType, &[("id", &id)]));
    }
    if let Some(o) = &t.ordem_servico {
        let kind = o
            .id_tipo_ordem_servico
            .map_or_else(|| "—".to_owned(), |k| k.to_string());
        let techs: Vec<String> = o.ids_tecnicos.iter().map(u64::to_string).collect();
        let techs = if techs.is_empty() {
            "—".to_owned()
        } else {
            techs.join(", ")
        };
        lines.push(trf(
            lang,
            Msg::ConfirmOrderParams,
            &[
                ("kind", &kind),
                ("status", &or_dash(o.status.as_deref())),
                ("techs", &techs),
            ],
        ));
    }
    lines
}

/// Resending an invoice: customer, invoice, channel, extra recipients (or
/// the push caveat).
pub fn invoice_lines(lang: Lang, target: &ActionTarget, r: &InvoiceRequest) -> Vec<String> {
    let mut lines = vec![subscriber_lines(lang, target).remove(0)];
    lines.push(trf(
        lang,
        Msg::ConfirmInvoice,
        &[
            ("id", &r.invoice_id()),
            ("channel", &tr(lang, r.channel().msg())),
        ],
    ));
    let extra = r.extra_recipients();
    match r.channel() {
        Channel::Push => lines.push(tr(lang, Msg::FormPushNote).to_owned()),
        _ if extra.is_empty() => lines.push(tr(lang, Msg::ConfirmOnFileOnly).to_owned()),
        channel => {
            let shown: Vec<String> = extra
                .iter()
                .map(|v| match channel {
                    Channel::Sms => phone::display(v).into_owned(),
                    _ => v.clone(),
                })
                .collect();
            lines.push(trf(
                lang,
                Msg::ConfirmExtraRecipients,
                &[("list", &shown.join(", "))],
            ));
        }
    }
    lines
}

/// Registering a prospect: who, document and person type, contact,
/// address, plan and price, and that it creates a record at the ISP.
pub fn prospect_lines(lang: Lang, target: &ActionTarget, p: &NewProspect) -> Vec<String> {
    let kind = match p.tipo_pessoa {
        PersonKind::Individual => Msg::SalesPersonIndividual,
        PersonKind::Company => Msg::SalesPersonCompany,
    };
    let mut lines = vec![
        trf(
            lang,
            Msg::SalesConfirmProspect,
            &[
                ("name", &or_dash(Some(&p.nome_razaosocial))),
                ("doc", &crate::br::doc::display(&p.cpf_cnpj)),
                ("kind", &tr(lang, kind)),
            ],
        ),
        trf(
            lang,
            Msg::SalesConfirmPhone,
            &[("phone", &phone::display(&p.telefone))],
        ),
    ];
    if let Some(e) = &p.email {
        lines.push(trf(
            lang,
            Msg::SalesConfirmEmail,
            &[("email", &clean_line(e))],
        ));
    }
    lines.push(trf(
        lang,
        Msg::SalesConfirmAddress,
        &[
            ("street", &or_dash(Some(&p.endereco))),
            ("number", &or_dash(Some(&p.numero))),
            ("bairro", &or_dash(Some(&p.bairro))),
            ("cep", &crate::br::cep::display(&p.cep)),
        ],
    ));
    lines.push(trf(
        lang,
        Msg::SalesConfirmPlan,
        &[
            ("plan", &or_dash(Some(&target.service_plan))),
            ("id", &p.id_servico),
            ("value", &crate::br::money::format_brl(p.valor)),
        ],
    ));
    lines.push(tr(lang, Msg::SalesConfirmEffect).to_owned());
    lines
}

#[cfg(test)]
mod tests;
