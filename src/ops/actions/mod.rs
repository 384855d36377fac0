//! The actions hubdesk can send, once, for both front ends: what each one
//! is called (for people and in the audit trail), the request that carries
//! it, how it is sent (exactly once, no retry) and how its answer reads in
//! the trail.
//!
//! The console and the CLI used to keep a table each (the CLI named a new
//! prospect "create prospect" where the console said "prospect
//! registration", and each had its own dispatch to the client); both now
//! build an [`ActionRequest`], send it with [`perform`] under
//! [`crate::audit::audited`] and judge it with [`judge`].

use crate::api::cpe::{FactoryResetCpe, RebootCpe};
use crate::api::invoices::{InvoiceEmail, InvoicePush, InvoiceSms};
use crate::api::prospects::NewProspect;
use crate::api::service_actions::{Disconnect, ResetMac, ResetPhy, TrustUnlock};
use crate::api::service_state::{
    ActivateService, EnableService, ServiceStateResponse, SuspendService,
};
use crate::api::ticket_extras::TicketOpening;
use crate::api::tickets::TicketUpdate;
use crate::api::{ApiError, Client, PbxCall};
use crate::audit::action as name;
use crate::audit::{AuditAttempt, Outcome};
use crate::i18n::Msg;

mod table;

use table::*;

/// An action hubdesk can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    /// `POST /atendimento`.
    OpenTicket,
    /// `PUT /atendimento/{id}` changing the description.
    EditTicket,
    /// `PUT /atendimento/{id}` appending the attendant's text to the
    /// description (HubSoft has no route to add a message to a ticket).
    AppendTicket,
    /// `PUT /atendimento/{id}` with `fechar_atendimento`.
    CloseTicket,
    /// `POST /cliente/desbloqueio_confianca`.
    TrustUnlock,
    /// `POST /cliente/reset_mac_addr`.
    ResetMac,
    /// `POST /cliente/reset_phy_addr`: the equipment's (ONU/CPE) layer-2
    /// MAC, after an equipment swap.
    ResetPhy,
    /// `GET /cliente/solicitar_desconexao/{id}`.
    Disconnect,
    /// `POST /rede/reiniciar_cpe/{phy_addr}`.
    RebootCpe,
    /// `POST /rede/restaurar_cpe/{phy_addr}`: factory reset.
    RestoreCpe,
    /// `POST /cliente/cliente_servico/habilitar/{id}`.
    EnableService,
    /// `POST /cliente/cliente_servico/suspender/{id}`.
    SuspendService,
    /// `POST /cliente/cliente_servico/ativar/{id}`.
    ActivateService,
    /// `POST /cliente/financeiro/enviar_email`.
    SendInvoiceEmail,
    /// `POST /cliente/financeiro/enviar_sms`.
    SendInvoiceSms,
    /// `POST /cliente/financeiro/enviar_push`.
    SendInvoicePush,
    /// `POST /prospecto`: registers a prospect (a sales action).
    CreateProspect,
    /// `POST /pbx/ligacao/notificar`: HubSoft's call pop-up for the
    /// attendant.
    PbxNotify,
    /// `POST /pbx/ligacao/cancelar`: missed call, the pop-up closes.
    PbxMissed,
}

/// What an action acts on: the record its target id names, which the
/// console must have selected before the action can start, and what its
/// confirmation names first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A subscriber's service (`id_cliente_servico`): the service actions
    /// and a new ticket. Its key works from every customer pane.
    Service,
    /// The equipment (ONU/CPE) of a subscriber's service: its `phy_addr`.
    /// The service must be selected and have one; the id is the
    /// service's.
    Equipment,
    /// An invoice (`id_fatura`) selected in the invoices pane.
    Invoice,
    /// A ticket (`id_atendimento`) selected in the tickets pane.
    Ticket,
    /// The customer on screen (`codigo_cliente`).
    Customer,
    /// No record of a customer view: a tool screen's own (a prospect).
    Nothing,
}

/// What an action does to HubSoft data; decides read-only mode and, in
/// the console, whether a held key may repeat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// Reads or changes only the console's own view.
    Safe,
    /// Writes to HubSoft without touching the service (a ticket, an e-mail):
    /// removed in read-only mode, no confirmation.
    Writes,
    /// Changes a subscriber's service (unlock, MAC reset, disconnect) or
    /// closes a record: needs a confirmation dialog and is removed in
    /// read-only mode.
    Dangerous,
}

/// How an action is confirmed before it is sent, beyond its form's
/// submit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Not at all (the form's submit is enough).
    No,
    /// A yes/no dialog.
    Dialog,
    /// A yes/no dialog that stays disarmed until the attendant types the
    /// last 4 characters of the equipment's MAC (see [`typed_matches`]).
    Typed,
}

/// The characters of `addr` a typed confirmation compares: letters and
/// digits, upper case (separators ignored).
fn mac_chars(addr: &str) -> String {
    addr.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// What the attendant must type to confirm an action on the equipment
/// `phy_addr`: its last 4 characters (separators ignored), upper case.
pub fn typed_expected(phy_addr: &str) -> String {
    let chars = mac_chars(phy_addr);
    let start = chars.len().saturating_sub(4);
    chars[start..].to_owned()
}

/// Whether `typed` confirms an action on `phy_addr`: the last 4
/// characters of its MAC, case-insensitive, separators ignored. A MAC
/// without letters or digits is never confirmed.
pub fn typed_matches(phy_addr: &str, typed: &str) -> bool {
    let expected = typed_expected(phy_addr);
    !expected.is_empty() && mac_chars(typed) == expected
}

/// What a form-less action is built from: its target's id and, for the
/// equipment, the service's `phy_addr`.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The id of the row's target (the service's, for the equipment).
    pub id: u64,
    /// The service's equipment address, when known.
    pub phy_addr: Option<&'a str>,
}

/// A read a front end repeats after an action, because the action changed
/// (or may have changed) what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reread {
    /// The customer's record (services, their status, the last connection).
    Customer,
    /// The invoices.
    Invoices,
    /// The tickets.
    Tickets,
    /// The service orders.
    Orders,
    /// The connection history.
    Connections,
}

impl ActionKind {
    /// Every kind.
    pub const ALL: [ActionKind; 19] = [
        ActionKind::OpenTicket,
        ActionKind::EditTicket,
        ActionKind::AppendTicket,
        ActionKind::CloseTicket,
        ActionKind::TrustUnlock,
        ActionKind::ResetMac,
        ActionKind::ResetPhy,
        ActionKind::Disconnect,
        ActionKind::RebootCpe,
        ActionKind::RestoreCpe,
        ActionKind::EnableService,
        ActionKind::SuspendService,
        ActionKind::ActivateService,
        ActionKind::SendInvoiceEmail,
        ActionKind::SendInvoiceSms,
        ActionKind::SendInvoicePush,
        ActionKind::CreateProspect,
        ActionKind::PbxNotify,
        ActionKind::PbxMissed,
    ];

    const fn row(self) -> Row {
        // The table is in the order of the enum (pinned by a test).
        TABLE[self as usize]
    }

    /// The action's name for `{action}` placeholders ("desbloqueio em
    /// confiança").
    pub const fn msg(self) -> Msg {
        self.row().msg
    }

    /// The `action` of its audit lines.
    pub const fn audit_name(self) -> &'static str {
        self.row().audit
    }

    /// The kind an audit line names, if this version knows it.
    pub fn from_audit_name(name: &str) -> Option<ActionKind> {
        TABLE.iter().find(|r| r.audit == name).map(|r| r.kind)
    }

    /// The console command that starts it (its keymap and configuration
    /// name); kinds sharing one are chosen in its form.
    pub const fn command(self) -> &'static str {
        self.row().command
    }

    /// The first kind of its command: the one the command's key names.
    pub fn command_kind(self) -> ActionKind {
        let command = self.command();
        TABLE
            .iter()
            .find(|r| r.command == command)
            .map_or(self, |r| r.kind)
    }

    /// The command's default keys (empty on all but the first kind of a
    /// command).
    pub const fn default_keys(self) -> &'static [&'static str] {
        self.row().keys
    }

    /// The command's description in the hint bar and the help.
    pub const fn key_msg(self) -> Msg {
        self.row().key_msg
    }

    /// Whether the command shows in the hint bar.
    pub const fn hinted(self) -> bool {
        self.row().hint
    }

    /// What it acts on.
    pub const fn target(self) -> Target {
        self.row().target
    }

    /// What it does to HubSoft data.
    pub const fn risk(self) -> Risk {
        self.row().risk
    }

    /// Whether the action touches the subscriber's connection (the
    /// confirmation dialog then adds its warning).
    pub const fn affects_connection(self) -> bool {
        self.row().affects_connection
    }

    /// Whether the action needs a confirmation dialog before it is sent.
    /// Opening or editing a ticket and sending an invoice only add records
    /// and are confirmed by the form's own submit. A prospect is a new
    /// record at the ISP, named in full before it is sent.
    pub const fn needs_confirmation(self) -> bool {
        !matches!(self.row().confirm, Confirm::No)
    }

    /// How it is confirmed.
    pub const fn confirmation(self) -> Confirm {
        self.row().confirm
    }

    /// The line its confirmation adds after naming the target.
    pub const fn effect(self) -> Option<Msg> {
        self.row().effect
    }

    /// The reads to repeat once its answer arrives.
    pub const fn rereads(self) -> &'static [Reread] {
        self.row().reread
    }

    /// The reads to repeat a moment after its answer.
    pub const fn rereads_later(self) -> &'static [Reread] {
        self.row().reread_later
    }

    /// Whether, once it succeeded, the subscriber's connection comes back
    /// by itself (a MAC reset, an ONU MAC reset, a disconnect, a trust
    /// unlock, a CPE reboot or factory reset): the console then offers to
    /// watch the service until it is online.
    pub const fn offers_watch(self) -> bool {
        self.row().watch_after
    }

    /// Whether the action needs nothing but its target (no form).
    pub const fn is_direct(self) -> bool {
        self.row().direct.is_some()
    }

    /// The request of an action that needs nothing but its target,
    /// `subject` (no form); `None` for an action with a form, or when the
    /// subject lacks what it needs (an equipment without `phy_addr`).
    pub fn direct_request(self, subject: &Subject) -> Option<ActionRequest> {
        self.row().direct.and_then(|build| build(subject))
    }
}

/// The records an action request names (see [`ActionRequest::ids`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ids {
    /// `codigo_cliente`.
    pub customer: Option<u64>,
    /// `id_cliente_servico`.
    pub service: Option<u64>,
    /// `id_fatura`.
    pub invoice: Option<u64>,
    /// `id_atendimento`.
    pub ticket: Option<u64>,
}

impl Ids {
    /// The id of `target` (0 when the request names none).
    pub fn of(&self, target: Target) -> u64 {
        match target {
            Target::Service | Target::Equipment => self.service,
            Target::Invoice => self.invoice,
            Target::Ticket => self.ticket,
            Target::Customer => self.customer,
            Target::Nothing => None,
        }
        .unwrap_or(0)
    }
}

/// One of the three invoice requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceRequest {
    /// By e-mail.
    Email(InvoiceEmail),
    /// By SMS.
    Sms(InvoiceSms),
    /// As an app notification.
    Push(InvoicePush),
}

impl InvoiceRequest {
    /// The action it is.
    pub fn kind(&self) -> ActionKind {
        match self {
            InvoiceRequest::Email(_) => ActionKind::SendInvoiceEmail,
            InvoiceRequest::Sms(_) => ActionKind::SendInvoiceSms,
            InvoiceRequest::Push(_) => ActionKind::SendInvoicePush,
        }
    }

    /// The extra recipients (normalised), none for push.
    pub fn extra_recipients(&self) -> &[String] {
        match self {
            InvoiceRequest::Email(r) => &r.email_adicional,
            InvoiceRequest::Sms(r) => &r.telefone_adicional,
            InvoiceRequest::Push(_) => &[],
        }
    }

    /// The invoice id.
    pub fn invoice_id(&self) -> u64 {
        match self {
            InvoiceRequest::Email(r) => r.id_fatura,
            InvoiceRequest::Sms(r) => r.id_fatura,
            InvoiceRequest::Push(r) => r.id_fatura,
        }
    }
}

/// A request ready to send, of any action.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionRequest {
    /// Open a ticket (with its type and its order's parameters, when
    /// chosen).
    OpenTicket(TicketOpening),
    /// Edit or close a ticket.
    UpdateTicket(TicketUpdate),
    /// Append to a ticket's description (the whole new description, the
    /// old one kept byte for byte at its start: [`crate::ops::tickets::append`]).
    AppendTicket(TicketUpdate),
    /// Trust unlock.
    TrustUnlock(TrustUnlock),
    /// MAC reset.
    ResetMac(ResetMac),
    /// The equipment's layer-2 MAC reset.
    ResetPhy(ResetPhy),
    /// Reboot the service's CPE.
    RebootCpe {
        /// The service whose equipment it is (audit, in-flight key).
        service: u64,
        /// The request.
        cpe: RebootCpe,
    },
    /// Factory-reset the service's CPE.
    RestoreCpe {
        /// The service whose equipment it is (audit, in-flight key).
        service: u64,
        /// The request.
        cpe: FactoryResetCpe,
    },
    /// Enable a suspended service.
    EnableService(EnableService),
    /// Suspend a service.
    SuspendService(SuspendService),
    /// Activate a service.
    ActivateService(ActivateService),
    /// Disconnect the session.
    Disconnect(Disconnect),
    /// Resend an invoice.
    Invoice(InvoiceRequest),
    /// Register a prospect.
    CreateProspect(NewProspect),
    /// Open HubSoft's call pop-up (`pbx/ligacao/notificar`).
    PbxNotify(PbxCall),
    /// Close it: missed call (`pbx/ligacao/cancelar`).
    PbxMissed(PbxCall),
}

impl ActionRequest {
    /// The kind of action.
    pub fn kind(&self) -> ActionKind {
        match self {
            ActionRequest::OpenTicket(_) => ActionKind::OpenTicket,
            ActionRequest::UpdateTicket(u) if u.fechar_atendimento => ActionKind::CloseTicket,
            ActionRequest::UpdateTicket(_) => ActionKind::EditTicket,
            ActionRequest::TrustUnlock(_) => ActionKind::TrustUnlock,
            ActionRequest::AppendTicket(_) => ActionKind::AppendTicket,
            ActionRequest::ResetMac(_) => ActionKind::ResetMac,
            ActionRequest::ResetPhy(_) => ActionKind::ResetPhy,
            ActionRequest::RebootCpe { .. } => ActionKind::RebootCpe,
            ActionRequest::RestoreCpe { .. } => ActionKind::RestoreCpe,
            ActionRequest::EnableService(_) => ActionKind::EnableService,
            ActionRequest::SuspendService(_) => ActionKind::SuspendService,
            ActionRequest::ActivateService(_) => ActionKind::ActivateService,
            ActionRequest::Disconnect(_) => ActionKind::Disconnect,
            ActionRequest::Invoice(r) => r.kind(),
            ActionRequest::CreateProspect(_) => ActionKind::CreateProspect,
            ActionRequest::PbxNotify(_) => ActionKind::PbxNotify,
            ActionRequest::PbxMissed(_) => ActionKind::PbxMissed,
        }
    }

    /// Checks the request as the client would before sending it: the same
    /// refusal, with nothing sent and nothing audited.
    pub fn check(&self) -> Result<(), ApiError> {
        match self {
            ActionRequest::OpenTicket(p) => p.to_call().map(drop),
            ActionRequest::UpdateTicket(p) | ActionRequest::AppendTicket(p) => {
                p.to_call().map(drop)
            }
            ActionRequest::TrustUnlock(p) => p.to_call().map(drop),
            ActionRequest::ResetMac(p) => p.to_call().map(drop),
            ActionRequest::ResetPhy(p) => p.to_call().map(drop),
            ActionRequest::RebootCpe { cpe, .. } => cpe.to_call().map(drop),
            ActionRequest::RestoreCpe { cpe, .. } => cpe.to_call().map(drop),
            ActionRequest::EnableService(p) => p.to_call().map(drop),
            ActionRequest::SuspendService(p) => p.to_call().map(drop),
            ActionRequest::ActivateService(p) => p.to_call().map(drop),
            ActionRequest::Disconnect(p) => p.to_call().map(drop),
            ActionRequest::Invoice(InvoiceRequest::Email(p)) => p.to_call().map(drop),
            ActionRequest::Invoice(InvoiceRequest::Sms(p)) => p.to_call().map(drop),
            ActionRequest::Invoice(InvoiceRequest::Push(p)) => p.to_call().map(drop),
            ActionRequest::CreateProspect(p) => p.to_call().map(drop),
            ActionRequest::PbxNotify(p) => p.notify_call().map(drop),
            ActionRequest::PbxMissed(p) => p.cancel_call().map(drop),
        }
    }
}

impl ActionRequest {
    /// The records the request itself names.
    pub fn ids(&self) -> Ids {
        let (customer, service, invoice, ticket) = match self {
            ActionRequest::OpenTicket(t) => (None, Some(t.ticket.id_cliente_servico), None, None),
            ActionRequest::UpdateTicket(u) | ActionRequest::AppendTicket(u) => {
                (None, None, None, Some(u.id_atendimento))
            }
            ActionRequest::ResetPhy(r) => (None, Some(r.id_cliente_servico), None, None),
            ActionRequest::RebootCpe { service, .. }
            | ActionRequest::RestoreCpe { service, .. } => (None, Some(*service), None, None),
            ActionRequest::EnableService(r) => (None, Some(r.id_cliente_servico), None, None),
            ActionRequest::SuspendService(r) => (None, Some(r.id_cliente_servico), None, None),
            ActionRequest::ActivateService(r) => (None, Some(r.id_cliente_servico), None, None),
            ActionRequest::TrustUnlock(u) => (None, Some(u.id_cliente_servico), None, None),
            ActionRequest::ResetMac(r) => (None, Some(r.id_cliente_servico), None, None),
            ActionRequest::Disconnect(d) => (None, Some(d.id_cliente_servico), None, None),
            ActionRequest::Invoice(r) => (None, None, Some(r.invoice_id()), None),
            ActionRequest::CreateProspect(_) => (None, None, None, None),
            ActionRequest::PbxNotify(c) | ActionRequest::PbxMissed(c) => {
                (c.codigo_cliente, None, None, None)
            }
        };
        Ids {
            customer,
            service,
            invoice,
            ticket,
        }
    }

    /// The equipment address a CPE action names.
    pub fn phy_addr(&self) -> Option<&str> {
        match self {
            ActionRequest::RebootCpe { cpe, .. } => Some(&cpe.phy_addr),
            ActionRequest::RestoreCpe { cpe, .. } => Some(&cpe.phy_addr),
            _ => None,
        }
    }

    /// The id of what it acts on (its kind's [`Target`]; 0 when none).
    pub fn target_id(&self) -> u64 {
        self.ids().of(self.kind().target())
    }

    /// The audit attempt of this request: the action's audit name and the
    /// records it names (customer, service, invoice, ticket), plus who
    /// sends it from where. `known` adds what the front end knows beyond
    /// the request (the customer on screen, a ticket's service); the
    /// request's own ids win.
    pub fn attempt(
        &self,
        known: &AuditAttempt,
        attendant: Option<String>,
        profile: String,
        host: String,
    ) -> AuditAttempt {
        let ids = self.ids();
        AuditAttempt {
            action: self.kind().audit_name().to_owned(),
            attendant,
            profile,
            host,
            customer: ids.customer.or(known.customer),
            service: ids.service.or(known.service),
            invoice: ids.invoice.or(known.invoice),
            ticket: ids.ticket.or(known.ticket),
        }
    }
}

/// The answer to an action.
#[derive(Debug, Clone)]
pub enum ActionReply {
    /// `POST /atendimento` or `PUT /atendimento/{id}`.
    Ticket(Box<Result<crate::api::tickets::TicketResponse, ApiError>>),
    /// Trust unlock, MAC reset, push, PBX: an envelope with `msg`.
    Plain(Result<crate::api::ActionResponse, ApiError>),
    /// Disconnect.
    Disconnect(Result<crate::api::service_actions::DisconnectResponse, ApiError>),
    /// Enable, suspend or activate a service: the service as it is now.
    ServiceState(Box<Result<ServiceStateResponse, ApiError>>),
    /// E-mail or SMS: the queued job.
    Job(Result<crate::api::invoices::SendJobResponse, ApiError>),
    /// `POST /prospecto`: the created prospect.
    Prospect(Box<Result<crate::api::prospects::ProspectResponse, ApiError>>),
    /// The audit attempt could not be written, so nothing was sent.
    NotSent(String),
}

impl ActionReply {
    /// The error, when the action failed (or was not sent: `None` then,
    /// see [`ActionReply::NotSent`]).
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            ActionReply::Ticket(r) => r.as_ref().as_ref().err(),
            ActionReply::Plain(r) => r.as_ref().err(),
            ActionReply::Disconnect(r) => r.as_ref().err(),
            ActionReply::ServiceState(r) => r.as_ref().as_ref().err(),
            ActionReply::Job(r) => r.as_ref().err(),
            ActionReply::Prospect(r) => r.as_ref().as_ref().err(),
            ActionReply::NotSent(_) => None,
        }
    }

    /// The server's `msg` of a success.
    pub fn server_msg(&self) -> Option<String> {
        match self {
            ActionReply::Ticket(r) => r.as_ref().as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::Plain(r) => r.as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::Disconnect(r) => r.as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::ServiceState(r) => r.as_ref().as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::Job(r) => r.as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::Prospect(r) => r.as_ref().as_ref().ok().and_then(|v| v.msg.clone()),
            ActionReply::NotSent(_) => None,
        }
    }

    /// The service's new status, from a service-state answer
    /// (`cliente_servico.servico_status.descricao`): shown at once, before
    /// the customer is read again.
    pub fn new_status(&self) -> Option<(Option<u64>, String)> {
        match self {
            ActionReply::ServiceState(r) => {
                let state = r.as_ref().as_ref().ok()?.cliente_servico.as_ref()?;
                let text = crate::sanitize::clean_line(state.status_text()?)
                    .trim()
                    .to_owned();
                (!text.is_empty()).then_some((state.id_cliente_servico, text))
            }
            _ => None,
        }
    }
}

/// Sends an action exactly once: no retry on any error.
pub async fn perform(client: &Client, request: &ActionRequest) -> ActionReply {
    match request {
        // With no type and no order parameters the body is the
        // documented one (`open_ticket_with` adds nothing).
        ActionRequest::OpenTicket(p) => {
            ActionReply::Ticket(Box::new(client.open_ticket_with(p).await))
        }
        ActionRequest::UpdateTicket(p) | ActionRequest::AppendTicket(p) => {
            ActionReply::Ticket(Box::new(client.update_ticket(p).await))
        }
        ActionRequest::TrustUnlock(p) => ActionReply::Plain(client.trust_unlock(p).await),
        ActionRequest::ResetMac(p) => ActionReply::Plain(client.reset_mac(p).await),
        ActionRequest::ResetPhy(p) => ActionReply::Plain(client.reset_phy(p).await),
        ActionRequest::RebootCpe { cpe, .. } => ActionReply::Plain(client.reboot_cpe(cpe).await),
        ActionRequest::RestoreCpe { cpe, .. } => {
            ActionReply::Plain(client.factory_reset_cpe(cpe).await)
        }
        ActionRequest::EnableService(p) => {
            ActionReply::ServiceState(Box::new(client.enable_service(p).await))
        }
        ActionRequest::SuspendService(p) => {
            ActionReply::ServiceState(Box::new(client.suspend_service(p).await))
        }
        ActionRequest::ActivateService(p) => {
            ActionReply::ServiceState(Box::new(client.activate_service(p).await))
        }
        ActionRequest::Disconnect(p) => ActionReply::Disconnect(client.request_disconnect(p).await),
        ActionRequest::Invoice(InvoiceRequest::Email(p)) => {
            ActionReply::Job(client.send_invoice_email(p).await)
        }
        ActionRequest::Invoice(InvoiceRequest::Sms(p)) => {
            ActionReply::Job(client.send_invoice_sms(p).await)
        }
        ActionRequest::Invoice(InvoiceRequest::Push(p)) => {
            ActionReply::Plain(client.send_invoice_push(p).await)
        }
        ActionRequest::CreateProspect(p) => {
            ActionReply::Prospect(Box::new(client.create_prospect(p).await))
        }
        ActionRequest::PbxNotify(p) => ActionReply::Plain(client.pbx_notify(p).await),
        ActionRequest::PbxMissed(p) => ActionReply::Plain(client.pbx_cancel(p).await),
    }
}

/// How an action's answer reads in the audit trail (see
/// [`outcome_of`]); a new prospect's id is named, so the
/// trail says what was created.
pub fn judge(reply: &ActionReply) -> (Outcome, Option<String>) {
    match reply {
        ActionReply::Ticket(r) => outcome_of(r.as_ref(), |v| v.msg.clone()),
        ActionReply::Plain(r) => outcome_of(r, |v| v.msg.clone()),
        ActionReply::Disconnect(r) => outcome_of(r, |v| v.msg.clone()),
        // The trail says what the service became.
        ActionReply::ServiceState(r) => outcome_of(r.as_ref(), |v| {
            let status = v.cliente_servico.as_ref().and_then(|s| s.status_text());
            match (v.msg.clone(), status) {
                (Some(m), Some(st)) => Some(format!("{m} ({st})")),
                (None, Some(st)) => Some(st.to_owned()),
                (m, None) => m,
            }
        }),
        ActionReply::Job(r) => outcome_of(r, |v| v.msg.clone()),
        ActionReply::Prospect(r) => outcome_of(r.as_ref(), |v| {
            let id = v.prospecto.as_ref().and_then(|p| p.id_prospecto);
            match (v.msg.clone(), id) {
                (Some(m), Some(id)) => Some(format!("{m} (id_prospecto {id})")),
                (None, Some(id)) => Some(format!("id_prospecto {id}")),
                (m, None) => m,
            }
        }),
        ActionReply::NotSent(d) => (Outcome::Failed, Some(d.clone())),
    }
}

/// How an action's result reads in the trail: the outcome, and the
/// server's own words when it gave any, else the error's English text
/// (routes and statuses, never a body or a secret). Shared by the CLI and
/// the console.
pub fn outcome_of<T>(
    result: &Result<T, crate::api::ApiError>,
    server_msg: impl FnOnce(&T) -> Option<String>,
) -> (Outcome, Option<String>) {
    use crate::ops::errors::{ErrorClass, classify};
    match result {
        Ok(v) => (Outcome::Ok, server_msg(v)),
        Err(e) => {
            let outcome = match classify(e) {
                ErrorClass::Unknown => Outcome::Unknown,
                ErrorClass::Refused => Outcome::Refused,
                ErrorClass::Auth | ErrorClass::Usage | ErrorClass::Failed => Outcome::Failed,
            };
            (outcome, Some(error_msg(e)))
        }
    }
}

/// The text an error leaves in the trail (see [`outcome_of`]): the
/// server's words as every front end keeps them
/// ([`crate::ops::errors::server_words`]), else the error's English text.
pub fn error_msg(e: &crate::api::ApiError) -> String {
    crate::ops::errors::server_words(e).unwrap_or_else(|| e.to_string())
}

/// Why an action is refused on a read-only profile: one sentence for the
/// console's status line and the command line's error.
pub fn read_only_refusal(lang: crate::i18n::Lang) -> &'static str {
    crate::i18n::tr(lang, crate::i18n::Msg::ActionReadOnly)
}

/// An audit action's name for people, in `lang`; a name this version does
/// not know (a newer one wrote it) is shown as stored.
pub fn action_label(lang: crate::i18n::Lang, action: &str) -> String {
    if let Some(name) = action.strip_prefix(crate::ops::commands::AUDIT_PREFIX) {
        let name = crate::sanitize::clean_line(name);
        return crate::i18n::trf(lang, crate::i18n::Msg::NocHelpRow, &[("name", &name)]);
    }
    match ActionKind::from_audit_name(action) {
        Some(kind) => crate::i18n::tr(lang, kind.msg()).to_owned(),
        None => crate::sanitize::clean_line(action).into_owned(),
    }
}

#[cfg(test)]
mod tests;
