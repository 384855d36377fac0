//! The forms behind the actions: open a ticket, edit or close one, trust
//! unlock, resend an invoice.
//!
//! Pure state: every text field is a [`tui_input::Input`], validation is a
//! plain function that puts a localized message *at the field*, and nothing
//! here sends anything. A failed validation, or a refusal from the server
//! ([`Form::set_banner`]), keeps every character typed: the attendant fixes
//! one field instead of retyping the form.
//!
//! Keys (see [`ActionForm::handle_key`]), chosen to match the keymap's
//! `Open`/`Back`/`NextPane`/`PrevPane` defaults so a form feels like the
//! rest of the console:
//!
//! | key | effect |
//! |---|---|
//! | `Tab` / `Down` | next field |
//! | `Shift-Tab` / `Up` | previous field |
//! | `Space` | toggles a switch, cycles a choice (types a space in text) |
//! | `Left` / `Right` | cycle a choice (move the cursor in text) |
//! | `Enter` | validate; submit when every field is valid |
//! | `Esc` | cancel |
//!
//! Text fields are single-line: `Enter` always submits, so there is no
//! second "submit" key to learn.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

use crate::api::invoices::{InvoiceEmail, InvoicePush, InvoiceSms};
use crate::api::service_actions::TrustUnlock;
use crate::api::tickets::{NewTicket, TicketUpdate};
use crate::br::{FieldError, email, phone};
use crate::i18n::{Lang, Msg, tr, trf};

use super::inflight::ActionKind;

// ---------------------------------------------------------------------------
// Field machinery

/// A message shown under a field: a catalog entry plus its placeholder
/// values, localized only when drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    /// The message.
    pub msg: Msg,
    /// Placeholder values.
    pub args: Vec<(&'static str, String)>,
    /// A nested message filling the `{reason}` placeholder, localized in
    /// the same language as the outer one.
    pub reason: Option<Box<FieldMessage>>,
}

impl FieldMessage {
    /// A message without placeholders.
    pub fn new(msg: Msg) -> FieldMessage {
        FieldMessage {
            msg,
            args: Vec::new(),
            reason: None,
        }
    }

    /// The message of a typed `br` parser error.
    pub fn from_error(e: &dyn FieldError) -> FieldMessage {
        FieldMessage {
            msg: e.msg(),
            args: e.args(),
            reason: None,
        }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let reason = self.reason.as_ref().map(|r| r.text(lang));
        let mut refs: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        if let Some(r) = &reason {
            refs.push(("reason", r));
        }
        trf(lang, self.msg, &refs)
    }
}

/// Identifies a field across forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// Ticket description.
    Description,
    /// Requester's name.
    Requester,
    /// Requester's phone.
    Phone,
    /// Requester's e-mail.
    Email,
    /// "Also open a service order".
    OpenOrder,
    /// "Close the ticket".
    CloseTicket,
    /// Text recorded when closing.
    ClosingText,
    /// Trust-unlock days.
    Days,
    /// Invoice channel.
    Channel,
    /// Extra invoice recipients.
    Recipients,
}

/// The input of a field.
#[derive(Debug, Clone)]
pub enum Control {
    /// One line of text.
    Text(Input),
    /// On/off.
    Switch(bool),
    /// One of several options (catalog names), by index.
    Choice {
        /// Option names.
        options: &'static [Msg],
        /// Selected index.
        selected: usize,
    },
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// Which field.
    pub id: FieldId,
    /// Its label.
    pub label: Msg,
    /// Its input.
    pub control: Control,
    /// A permanent explanation under the field, if any.
    pub hint: Option<Msg>,
    /// The validation message, set by the last submit attempt.
    pub error: Option<FieldMessage>,
    /// Hidden fields are skipped by focus and drawing but keep their text
    /// (a recipient list survives switching to push and back).
    pub hidden: bool,
}

impl Field {
    fn text(id: FieldId, label: Msg, value: &str) -> Field {
        Field {
            id,
            label,
            control: Control::Text(Input::new(value.to_owned())),
            hint: None,
            error: None,
            hidden: false,
        }
    }

    fn switch(id: FieldId, label: Msg, on: bool) -> Field {
        Field {
            control: Control::Switch(on),
            ..Field::text(id, label, "")
        }
    }

    fn with_hint(mut self, hint: Msg) -> Field {
        self.hint = Some(hint);
        self
    }

    /// The typed text (empty for switches and choices).
    pub fn value(&self) -> &str {
        match &self.control {
            Control::Text(input) => input.value(),
            _ => "",
        }
    }
}

/// Validation errors, each tied to its field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(pub Vec<(FieldId, FieldMessage)>);

impl FormErrors {
    fn push(&mut self, id: FieldId, msg: FieldMessage) {
        self.0.push((id, msg));
    }

    fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FormErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }

    /// The message for `id`, if it failed.
    pub fn get(&self, id: FieldId) -> Option<&FieldMessage> {
        self.0.iter().find(|(f, _)| *f == id).map(|(_, m)| m)
    }
}

/// A message over the whole form: typically the server's refusal, shown
/// while the typed values stay for a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// Already localized text.
    pub text: String,
    /// Whether it is an error (drawn as danger) or a note.
    pub error: bool,
}

/// The fields of a form, the focus, and a banner.
#[derive(Debug, Clone)]
pub struct Form {
    /// The action the form prepares (its name is the title).
    pub kind: ActionKind,
    fields: Vec<Field>,
    focus: usize,
    banner: Option<Banner>,
    /// The attendant changed a value (typed, pasted, switched).
    edited: bool,
}

impl Form {
    fn new(kind: ActionKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            banner: None,
            edited: false,
        }
    }

    /// Whether the attendant changed any value since the form opened:
    /// closing it then keeps a draft instead of losing the typing.
    pub fn edited(&self) -> bool {
        self.edited
    }

    /// Every field, hidden ones included, in order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The visible fields, in order.
    pub fn visible(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !f.hidden)
    }

    /// The field `id`.
    pub fn field(&self, id: FieldId) -> &Field {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .expect("forms only ask for their own fields")
    }

    fn field_mut(&mut self, id: FieldId) -> &mut Field {
        self.fields
            .iter_mut()
            .find(|f| f.id == id)
            .expect("forms only ask for their own fields")
    }

    /// The text of field `id`.
    pub fn value(&self, id: FieldId) -> &str {
        self.field(id).value()
    }

    /// Whether switch `id` is on.
    pub fn switch(&self, id: FieldId) -> bool {
        matches!(self.field(id).control, Control::Switch(true))
    }

    /// The selected index of choice `id`.
    pub fn choice(&self, id: FieldId) -> usize {
        match self.field(id).control {
            Control::Choice { selected, .. } => selected,
            _ => 0,
        }
    }

    /// The focused field.
    pub fn focused(&self) -> FieldId {
        self.fields[self.focus].id
    }

    /// Moves the focus to `id` (if visible).
    pub fn focus(&mut self, id: FieldId) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id && !f.hidden) {
            self.focus = i;
        }
    }

    /// The banner, if any.
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// Shows `text` over the form (the server refused; fix and resend), or
    /// clears it with `None`. The fields are left as typed.
    pub fn set_banner(&mut self, banner: Option<Banner>) {
        self.banner = banner;
    }

    /// Puts `errors` at their fields (clearing the others) and focuses the
    /// first failing field.
    pub fn show_errors(&mut self, errors: &FormErrors) {
        for f in &mut self.fields {
            f.error = errors.get(f.id).cloned();
        }
        if let Some((id, _)) = errors.0.first() {
            self.focus(*id);
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = if forward {
                (self.focus + step) % n
            } else {
                (self.focus + n - step) % n
            };
            if !self.fields[i].hidden {
                self.focus = i;
                return;
            }
        }
    }

    /// Keeps the focus on a visible field after visibility changed.
    fn fix_focus(&mut self) {
        if self.fields[self.focus].hidden {
            self.move_focus(true);
        }
    }
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// Keep the form open (edited, moved, or validation failed and the
    /// messages are now at the fields).
    Continue,
    /// Every field is valid: the console builds the request
    /// (`to_request`), asks for confirmation if the action needs it, and
    /// sends it through the in-flight guard.
    Submit,
    /// The attendant gave up; close the form.
    Cancel,
}

/// Behaviour shared by the forms.
pub trait ActionForm {
    /// The generic form state.
    fn form(&self) -> &Form;
    /// The generic form state, mutable.
    fn form_mut(&mut self) -> &mut Form;
    /// Validates every field without changing anything.
    fn check(&self) -> Result<(), FormErrors>;
    /// Adjusts labels and visibility after a switch or choice changed.
    fn refresh(&mut self) {}

    /// Handles one key; see the module documentation for the keys.
    /// Key releases are ignored (terminals with the kitty protocol report
    /// them, and a release must not submit a second time).
    fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Continue;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let form = self.form_mut();
        let focused = form.focus;
        // One key from any field switches the service order of a new
        // ticket (issue 13): Ctrl-O, which types nothing.
        if key.code == KeyCode::Char('o')
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && let Some(field) = form.fields.iter_mut().find(|f| f.id == FieldId::OpenOrder)
            && let Control::Switch(on) = &mut field.control
        {
            *on = !*on;
            form.edited = true;
            return FormOutcome::Continue;
        }
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => {
                return match self.check() {
                    Ok(()) => {
                        // The old refusal no longer describes what is sent.
                        let form = self.form_mut();
                        form.show_errors(&FormErrors::default());
                        form.banner = None;
                        FormOutcome::Submit
                    }
                    Err(errors) => {
                        self.form_mut().show_errors(&errors);
                        FormOutcome::Continue
                    }
                };
            }
            KeyCode::Tab | KeyCode::Down => form.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
            _ => {
                let field = &mut form.fields[focused];
                let changed = match (&mut field.control, key.code) {
                    (Control::Switch(on), KeyCode::Char(' ')) if plain => {
                        *on = !*on;
                        true
                    }
                    (
                        Control::Choice { options, selected },
                        KeyCode::Char(' ') | KeyCode::Right,
                    ) if plain => {
                        *selected = (*selected + 1) % options.len();
                        true
                    }
                    (Control::Choice { options, selected }, KeyCode::Left) if plain => {
                        *selected = (*selected + options.len() - 1) % options.len();
                        true
                    }
                    (Control::Text(input), _) => input
                        .handle_event(&Event::Key(key))
                        .is_some_and(|c| c.value),
                    _ => false,
                };
                if changed {
                    // The message described the old value.
                    field.error = None;
                    self.form_mut().edited = true;
                    self.refresh();
                    self.form_mut().fix_focus();
                }
            }
        }
        FormOutcome::Continue
    }
}

/// Inserts pasted text (the terminal's bracketed paste) into the focused
/// text field at the cursor. Line breaks become spaces, since fields are
/// single-line, and control characters are dropped, so a pasted escape
/// sequence cannot reach the request. Returns whether anything changed.
pub fn paste(form: &mut dyn ActionForm, text: &str) -> bool {
    let clean = crate::sanitize::clean_line(text);
    let f = form.form_mut();
    let focused = f.focus;
    let field = &mut f.fields[focused];
    let Control::Text(input) = &mut field.control else {
        return false;
    };
    let mut changed = false;
    for c in clean.chars() {
        changed |= input
            .handle(tui_input::InputRequest::InsertChar(c))
            .is_some_and(|r| r.value);
    }
    if changed {
        field.error = None;
        f.edited = true;
    }
    changed
}

fn required(errors: &mut FormErrors, id: FieldId, value: &str) -> bool {
    if value.trim().is_empty() {
        errors.push(id, FieldMessage::new(Msg::FieldEmpty));
        false
    } else {
        true
    }
}

fn check_phone(errors: &mut FormErrors, id: FieldId, value: &str) -> Option<String> {
    match phone::parse(value) {
        Ok(p) => Some(p.digits().to_owned()),
        Err(e) => {
            errors.push(id, FieldMessage::from_error(&e));
            None
        }
    }
}

fn check_optional_email(errors: &mut FormErrors, id: FieldId, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return None;
    }
    match email::validate(value) {
        Ok(e) => Some(e.to_owned()),
        Err(e) => {
            errors.push(id, FieldMessage::from_error(&e));
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Open a ticket

/// `POST /atendimento`: description, requester, phone, e-mail, and
/// whether to open a service order too.
#[derive(Debug, Clone)]
pub struct TicketForm {
    form: Form,
}

impl TicketForm {
    /// Switches "also open a service order" on or off.
    pub fn set_open_order(&mut self, on: bool) {
        self.form.field_mut(FieldId::OpenOrder).control = Control::Switch(on);
    }

    /// A form prefilled with the customer's name, phone (normalised to
    /// `DDNNNNNNNNN`) and e-mail, as the server sent them.
    pub fn new(customer_name: &str, phone: Option<&str>, email: Option<&str>) -> TicketForm {
        let name = crate::sanitize::clean_line(customer_name);
        let phone = phone.map(phone::normalize).unwrap_or_default();
        let email = email.map(str::trim).unwrap_or_default();
        TicketForm {
            form: Form::new(
                ActionKind::OpenTicket,
                vec![
                    Field::text(FieldId::Description, Msg::FormDescription, ""),
                    Field::text(FieldId::Requester, Msg::FormRequester, name.trim()),
                    Field::text(FieldId::Phone, Msg::FormPhone, &phone)
                        .with_hint(Msg::FormPhoneHint),
                    Field::text(FieldId::Email, Msg::FormEmailOptional, email),
                    Field::switch(FieldId::OpenOrder, Msg::FormOpenOrder, false)
                        .with_hint(Msg::FormOpenOrderHint),
                ],
            ),
        }
    }

    /// The request, or the errors at their fields. The description is sent
    /// as typed; the attendant (and extension) go in `parametros`, built by
    /// [`crate::ops::tickets::open`] exactly as the command line does.
    pub fn to_request(
        &self,
        service_id: u64,
        attendant: Option<&str>,
        ramal: Option<&str>,
    ) -> Result<NewTicket, FormErrors> {
        let f = &self.form;
        let mut errors = FormErrors::default();
        required(
            &mut errors,
            FieldId::Description,
            f.value(FieldId::Description),
        );
        required(&mut errors, FieldId::Requester, f.value(FieldId::Requester));
        let phone = check_phone(&mut errors, FieldId::Phone, f.value(FieldId::Phone));
        let email = check_optional_email(&mut errors, FieldId::Email, f.value(FieldId::Email));
        errors.into_result(|| {
            let draft = crate::ops::tickets::TicketDraft {
                service_id,
                description: f.value(FieldId::Description).to_owned(),
                requester: f.value(FieldId::Requester).to_owned(),
                phone: phone.unwrap_or_default(),
                email,
                open_order: f.switch(FieldId::OpenOrder),
            };
            crate::ops::tickets::open(&draft, attendant, ramal)
        })
    }
}

impl ActionForm for TicketForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        // The service id and attendant do not affect field validity.
        self.to_request(1, None, None).map(|_| ())
    }
}

// ---------------------------------------------------------------------------
// Edit or close a ticket

/// `PUT /atendimento/{id}`: change the description, or close the ticket
/// with a closing text.
#[derive(Debug, Clone)]
pub struct TicketUpdateForm {
    form: Form,
    ticket_id: u64,
    original: String,
}

impl TicketUpdateForm {
    /// A form for ticket `ticket_id` whose description is `description`;
    /// `close` preselects closing. The description is flattened to one
    /// line (the field is single-line); it is sent only if changed.
    pub fn new(ticket_id: u64, description: &str, close: bool) -> TicketUpdateForm {
        let original = crate::sanitize::clean_line(description).trim().to_owned();
        let mut f = TicketUpdateForm {
            form: Form::new(
                ActionKind::EditTicket,
                vec![
                    Field::switch(FieldId::CloseTicket, Msg::FormCloseTicket, close),
                    Field::text(FieldId::Description, Msg::FormDescription, &original),
                    Field::text(FieldId::ClosingText, Msg::FormClosingText, "")
                        .with_hint(Msg::FormClosingHint),
                ],
            ),
            ticket_id,
            original,
        };
        f.refresh();
        f.form.focus = if close { 2 } else { 1 };
        f
    }

    /// Whether the form closes the ticket.
    pub fn closing(&self) -> bool {
        self.form.switch(FieldId::CloseTicket)
    }

    /// The ticket's id.
    pub fn ticket_id(&self) -> u64 {
        self.ticket_id
    }

    /// The request, built by [`crate::ops::tickets`] as the command line
    /// builds it: a close puts the closing text in
    /// `parametros.texto_fechamento` and never sends `descricao` (the
    /// customer's opening text); an edit sends `descricao` only when it
    /// changed.
    pub fn to_request(
        &self,
        attendant: Option<&str>,
        ramal: Option<&str>,
    ) -> Result<TicketUpdate, FormErrors> {
        let f = &self.form;
        let mut errors = FormErrors::default();
        let closing = self.closing();
        if closing {
            required(
                &mut errors,
                FieldId::ClosingText,
                f.value(FieldId::ClosingText),
            );
        } else {
            required(
                &mut errors,
                FieldId::Description,
                f.value(FieldId::Description),
            );
        }
        errors.into_result(|| {
            if closing {
                crate::ops::tickets::close(
                    self.ticket_id,
                    Some(f.value(FieldId::ClosingText)),
                    attendant,
                    ramal,
                )
            } else {
                let description = f.value(FieldId::Description).trim();
                let mut u = crate::ops::tickets::edit_description(
                    self.ticket_id,
                    description,
                    attendant,
                    ramal,
                );
                if description == self.original {
                    u.descricao = None;
                }
                u
            }
        })
    }
}

impl ActionForm for TicketUpdateForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(None, None).map(|_| ())
    }
    fn refresh(&mut self) {
        let closing = self.closing();
        self.form.kind = if closing {
            ActionKind::CloseTicket
        } else {
            ActionKind::EditTicket
        };
        self.form.field_mut(FieldId::Description).hidden = closing;
        self.form.field_mut(FieldId::ClosingText).hidden = !closing;
    }
}

// ---------------------------------------------------------------------------
// Trust unlock

/// `POST /cliente/desbloqueio_confianca`: how many days.
#[derive(Debug, Clone)]
pub struct TrustUnlockForm {
    form: Form,
}

impl Default for TrustUnlockForm {
    fn default() -> Self {
        TrustUnlockForm::new()
    }
}

impl TrustUnlockForm {
    /// Days default to 1, the server's own default.
    pub fn new() -> TrustUnlockForm {
        TrustUnlockForm {
            form: Form::new(
                ActionKind::TrustUnlock,
                vec![Field::text(FieldId::Days, Msg::FormDays, "1").with_hint(Msg::FormDaysHint)],
            ),
        }
    }

    /// The days typed, if valid: a positive whole number.
    pub fn days(&self) -> Result<u32, FieldMessage> {
        parse_days(self.form.value(FieldId::Days))
    }

    /// The last day the service stays unlocked: `today` plus the days.
    pub fn until(&self, today: NaiveDate) -> Option<NaiveDate> {
        let days = self.days().ok()?;
        today.checked_add_days(chrono::Days::new(u64::from(days)))
    }

    /// The request for service `service_id`. The ISP's panel rule
    /// (maximum days, number of unlocks) is checked by the server only.
    pub fn to_request(&self, service_id: u64) -> Result<TrustUnlock, FormErrors> {
        match self.days() {
            Ok(days) => Ok(TrustUnlock {
                id_cliente_servico: service_id,
                dias_desbloqueio: Some(days),
            }),
            Err(m) => Err(FormErrors(vec![(FieldId::Days, m)])),
        }
    }
}

/// A positive whole number of days.
pub fn parse_days(input: &str) -> Result<u32, FieldMessage> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldMessage::new(Msg::FieldEmpty));
    }
    match s.parse::<u32>() {
        Ok(d) if d > 0 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(d),
        _ => Err(FieldMessage::new(Msg::FormDaysInvalid)),
    }
}

impl ActionForm for TrustUnlockForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(1).map(|_| ())
    }
}

// ---------------------------------------------------------------------------
// Resend an invoice

/// How an invoice is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// `enviar_email`.
    Email,
    /// `enviar_sms`.
    Sms,
    /// `enviar_push`: only customers logged into the ISP's app.
    Push,
}

impl Channel {
    /// In the order the choice cycles.
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Sms, Channel::Push];
    const NAMES: &'static [Msg] = &[Msg::ChannelEmail, Msg::ChannelSms, Msg::ChannelPush];

    /// The channel's display name.
    pub fn msg(self) -> Msg {
        Channel::NAMES[self as usize]
    }

    /// The action it performs.
    pub fn kind(self) -> ActionKind {
        match self {
            Channel::Email => ActionKind::SendInvoiceEmail,
            Channel::Sms => ActionKind::SendInvoiceSms,
            Channel::Push => ActionKind::SendInvoicePush,
        }
    }
}

pub use crate::ops::actions::InvoiceRequest;

impl InvoiceRequest {
    /// The channel.
    pub fn channel(&self) -> Channel {
        match self {
            InvoiceRequest::Email(_) => Channel::Email,
            InvoiceRequest::Sms(_) => Channel::Sms,
            InvoiceRequest::Push(_) => Channel::Push,
        }
    }
}

/// `POST /cliente/financeiro/enviar_{email,sms,push}`: the channel and
/// optional recipients beyond those on file.
#[derive(Debug, Clone)]
pub struct InvoiceSendForm {
    form: Form,
}

impl Default for InvoiceSendForm {
    fn default() -> Self {
        InvoiceSendForm::new(Channel::Email)
    }
}

impl InvoiceSendForm {
    /// A form with `channel` preselected and no extra recipients.
    pub fn new(channel: Channel) -> InvoiceSendForm {
        let mut f = InvoiceSendForm {
            form: Form::new(
                ActionKind::SendInvoiceEmail,
                vec![
                    Field {
                        control: Control::Choice {
                            options: Channel::NAMES,
                            selected: channel as usize,
                        },
                        ..Field::text(FieldId::Channel, Msg::FormChannel, "")
                    },
                    Field::text(FieldId::Recipients, Msg::FormExtraEmails, ""),
                ],
            ),
        };
        f.refresh();
        f
    }

    /// The selected channel.
    pub fn channel(&self) -> Channel {
        Channel::ALL[self.form.choice(FieldId::Channel)]
    }

    /// The request for invoice `invoice_id`.
    pub fn to_request(&self, invoice_id: u64) -> Result<InvoiceRequest, FormErrors> {
        let channel = self.channel();
        let raw = self.form.value(FieldId::Recipients);
        let recipients = match channel {
            Channel::Push => Vec::new(),
            Channel::Email | Channel::Sms => parse_recipients(channel, raw)
                .map_err(|m| FormErrors(vec![(FieldId::Recipients, m)]))?,
        };
        Ok(match channel {
            Channel::Email => InvoiceRequest::Email(InvoiceEmail {
                id_fatura: invoice_id,
                email_adicional: recipients,
            }),
            Channel::Sms => InvoiceRequest::Sms(InvoiceSms {
                id_fatura: invoice_id,
                telefone_adicional: recipients,
            }),
            Channel::Push => InvoiceRequest::Push(InvoicePush {
                id_fatura: invoice_id,
            }),
        })
    }
}

/// Reads extra recipients: separated by commas, semicolons or spaces,
/// each validated for `channel` and normalised (phones to digits),
/// duplicates dropped. A phone typed with inner spaces (`37 99911 2233`)
/// is read whole when the piece between commas is one valid phone.
pub fn parse_recipients(channel: Channel, input: &str) -> Result<Vec<String>, FieldMessage> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: String| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    for piece in input
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // A piece with at most one phone's worth of digits is one phone,
        // spaces and all; its error then names the whole piece.
        if channel == Channel::Sms && phone::normalize(piece).len() <= 13 {
            match phone::parse(piece) {
                Ok(p) => add(p.digits().to_owned()),
                Err(e) => return Err(invalid_recipient(piece, FieldMessage::from_error(&e))),
            }
            continue;
        }
        for token in piece.split_whitespace() {
            let result = match channel {
                Channel::Sms => phone::parse(token)
                    .map(|p| p.digits().to_owned())
                    .map_err(|e| FieldMessage::from_error(&e)),
                _ => email::validate(token)
                    .map(str::to_owned)
                    .map_err(|e| FieldMessage::from_error(&e)),
            };
            match result {
                Ok(v) => add(v),
                Err(m) => return Err(invalid_recipient(token, m)),
            }
        }
    }
    Ok(out)
}

fn invalid_recipient(item: &str, reason: FieldMessage) -> FieldMessage {
    FieldMessage {
        msg: Msg::FormRecipientInvalid,
        args: vec![("item", crate::text::truncate(item, 30).into_owned())],
        reason: Some(Box::new(reason)),
    }
}

impl ActionForm for InvoiceSendForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(1).map(|_| ())
    }
    fn refresh(&mut self) {
        let channel = self.channel();
        self.form.kind = channel.kind();
        let field = self.form.field_mut(FieldId::Recipients);
        field.hidden = channel == Channel::Push;
        field.label = match channel {
            Channel::Sms => Msg::FormExtraPhones,
            _ => Msg::FormExtraEmails,
        };
        field.hint = Some(match channel {
            Channel::Sms => Msg::FormExtraPhonesHint,
            _ => Msg::FormExtraEmailsHint,
        });
        self.form.field_mut(FieldId::Channel).hint = Some(match channel {
            Channel::Email => Msg::FormEmailNote,
            Channel::Sms => Msg::FormSmsNote,
            Channel::Push => Msg::FormPushNote,
        });
    }
}

// ---------------------------------------------------------------------------
// Any form

/// One open form, for the console to keep in its state.
#[derive(Debug, Clone)]
pub enum AnyForm {
    /// Open a ticket.
    Ticket(TicketForm),
    /// Edit or close a ticket.
    TicketUpdate(TicketUpdateForm),
    /// Trust unlock.
    TrustUnlock(TrustUnlockForm),
    /// Resend an invoice.
    InvoiceSend(InvoiceSendForm),
}

impl AnyForm {
    fn inner(&self) -> &dyn ActionForm {
        match self {
            AnyForm::Ticket(f) => f,
            AnyForm::TicketUpdate(f) => f,
            AnyForm::TrustUnlock(f) => f,
            AnyForm::InvoiceSend(f) => f,
        }
    }

    fn inner_mut(&mut self) -> &mut dyn ActionForm {
        match self {
            AnyForm::Ticket(f) => f,
            AnyForm::TicketUpdate(f) => f,
            AnyForm::TrustUnlock(f) => f,
            AnyForm::InvoiceSend(f) => f,
        }
    }

    /// The generic state, for drawing.
    pub fn form(&self) -> &Form {
        self.inner().form()
    }

    /// The generic state, e.g. to set a banner after a refusal.
    pub fn form_mut(&mut self) -> &mut Form {
        self.inner_mut().form_mut()
    }

    /// The action the form currently prepares (closing vs editing, the
    /// invoice channel).
    pub fn kind(&self) -> ActionKind {
        self.form().kind
    }

    /// See [`ActionForm::handle_key`].
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        self.inner_mut().handle_key(key)
    }

    /// A bracketed paste (`Event::Paste`); see [`paste`].
    pub fn handle_paste(&mut self, text: &str) -> bool {
        paste(self.inner_mut(), text)
    }
}

/// The localized title of a form: the action's name, capitalised.
pub fn title(lang: Lang, kind: ActionKind) -> String {
    let name = tr(lang, kind.msg());
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(f: &mut impl ActionForm, text: &str) {
        for c in text.chars() {
            assert_eq!(f.handle_key(key(KeyCode::Char(c))), FormOutcome::Continue);
        }
    }

    fn clear(f: &mut impl ActionForm) {
        f.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    }

    #[test]
    fn ticket_prefills_and_normalises_the_phone() {
        let f = TicketForm::new("Maria Araújo\x1b[2J", Some("+55 (37) 99911-2233"), None);
        assert_eq!(f.form().value(FieldId::Phone), "37999112233");
        assert_eq!(f.form().value(FieldId::Requester), "Maria Araújo␛");
        assert_eq!(f.form().focused(), FieldId::Description);
    }

    #[test]
    fn ticket_to_request_keeps_the_description_and_names_the_attendant() {
        let mut f = TicketForm::new("Maria Araújo", Some("(37) 3281-8000"), None);
        type_text(&mut f, "Sem acesso desde ontem");
        let r = f.to_request(11000, Some("joana.silva"), None).unwrap();
        assert_eq!(
            r,
            NewTicket {
                id_cliente_servico: 11000,
                descricao: "Sem acesso desde ontem".into(),
                nome: "Maria Araújo".into(),
                telefone: "3732818000".into(),
                email: None,
                abrir_os: Some(false),
                parametros: crate::ops::identity::parametros(Some("joana.silva"), None),
            }
        );
        assert_eq!(
            r.to_call().unwrap().body.unwrap()["parametros"],
            json!({"atendente": "joana.silva", "origem": "hubdesk"})
        );
        let anonymous = f.to_request(11000, None, None).unwrap();
        assert_eq!(
            Value::Object(anonymous.parametros),
            json!({"origem": "hubdesk"}),
            "a missing identity still says where the ticket came from"
        );
    }

    #[test]
    fn failed_submit_keeps_every_character_and_puts_messages_at_fields() {
        let mut f = TicketForm::new("Maria", Some("3281-8000"), Some("maria@"));
        // Enter with an empty description, a short phone, a bad e-mail.
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        let form = f.form();
        assert_eq!(
            form.field(FieldId::Description)
                .error
                .as_ref()
                .unwrap()
                .text(Lang::PtBr),
            "Campo vazio"
        );
        assert_eq!(
            form.field(FieldId::Phone)
                .error
                .as_ref()
                .unwrap()
                .text(Lang::PtBr),
            "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 8"
        );
        assert_eq!(
            form.field(FieldId::Email)
                .error
                .as_ref()
                .unwrap()
                .text(Lang::En),
            "Invalid e-mail address"
        );
        assert!(form.field(FieldId::Requester).error.is_none());
        assert_eq!(form.focused(), FieldId::Description, "first failing field");
        assert_eq!(form.value(FieldId::Phone), "32818000");
        assert_eq!(form.value(FieldId::Email), "maria@");

        type_text(&mut f, "Lento");
        assert!(
            f.form().field(FieldId::Description).error.is_none(),
            "edit clears"
        );
        // Fix the phone: Tab to it, add the area code at the start.
        f.handle_key(key(KeyCode::Tab));
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.form().focused(), FieldId::Phone);
        f.handle_key(key(KeyCode::Home));
        type_text(&mut f, "37");
        f.handle_key(key(KeyCode::Tab));
        type_text(&mut f, "x.com");
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.form().focused(), FieldId::OpenOrder);
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        let r = f.to_request(7, Some("joana"), None).unwrap();
        assert_eq!(r.telefone, "3732818000");
        assert_eq!(r.email.as_deref(), Some("maria@x.com"));
        assert_eq!(r.abrir_os, Some(true));
        assert_eq!(r.descricao, "Lento");
    }

    #[test]
    fn server_refusal_banner_leaves_fields_alone() {
        let mut f = AnyForm::TrustUnlock(TrustUnlockForm::new());
        f.form_mut().set_banner(Some(Banner {
            text: "Recusado pelo servidor: excede o limite".into(),
            error: true,
        }));
        assert_eq!(f.form().value(FieldId::Days), "1");
        assert!(f.form().banner().unwrap().error);
    }

    #[test]
    fn focus_cycles_both_ways_and_esc_cancels() {
        let mut f = TicketForm::new("M", None, None);
        f.handle_key(key(KeyCode::BackTab));
        assert_eq!(f.form().focused(), FieldId::OpenOrder);
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.form().focused(), FieldId::Description);
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.form().focused(), FieldId::OpenOrder);
        assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
        // A release event (kitty protocol) never submits.
        let mut release = key(KeyCode::Enter);
        release.kind = KeyEventKind::Release;
        assert_eq!(f.handle_key(release), FormOutcome::Continue);
    }

    #[test]
    fn days_must_be_a_positive_whole_number() {
        for (input, ok) in [
            ("1", Some(1)),
            (" 3 ", Some(3)),
            ("0", None),
            ("-1", None),
            ("+2", None),
            ("1.5", None),
            ("dois", None),
            ("99999999999", None),
            ("", None),
        ] {
            assert_eq!(parse_days(input).ok(), ok, "{input:?}");
        }
        assert_eq!(parse_days("").unwrap_err().msg, Msg::FieldEmpty);
        assert_eq!(parse_days("0").unwrap_err().msg, Msg::FormDaysInvalid);

        let mut f = TrustUnlockForm::new();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(f.until(today), NaiveDate::from_ymd_opt(2026, 11, 29));
        clear(&mut f);
        type_text(&mut f, "0");
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        assert_eq!(f.form().value(FieldId::Days), "0");
        assert!(f.form().field(FieldId::Days).error.is_some());
        clear(&mut f);
        type_text(&mut f, "5");
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        assert_eq!(f.until(today), NaiveDate::from_ymd_opt(2026, 12, 3));
        assert_eq!(
            f.to_request(11000).unwrap(),
            TrustUnlock {
                id_cliente_servico: 11000,
                dias_desbloqueio: Some(5)
            }
        );
    }

    #[test]
    fn recipients_are_validated_per_channel_and_normalised() {
        assert_eq!(
            parse_recipients(Channel::Email, "a@x.com, b@y.com.br;a@x.com  c@z.io").unwrap(),
            ["a@x.com", "b@y.com.br", "c@z.io"]
        );
        assert_eq!(
            parse_recipients(
                Channel::Sms,
                "(37) 99911-2233, +55 37 3281 8000; 37988887777 37999112233"
            )
            .unwrap(),
            ["37999112233", "3732818000", "37988887777"]
        );
        let err = parse_recipients(Channel::Email, "a@x.com, joao@").unwrap_err();
        assert_eq!(err.text(Lang::PtBr), "“joao@”: E-mail inválido");
        let err = parse_recipients(Channel::Sms, "37999112233, (20) 99911-2233").unwrap_err();
        assert_eq!(
            err.text(Lang::En),
            "“(20) 99911-2233”: Area code 20 does not exist"
        );
        assert_eq!(
            parse_recipients(Channel::Email, "  ").unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn invoice_form_switches_channel_and_keeps_hidden_recipients() {
        let mut f = InvoiceSendForm::new(Channel::Email);
        f.handle_key(key(KeyCode::Tab));
        type_text(&mut f, "a@x.com b@");
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        assert_eq!(f.form().focused(), FieldId::Recipients);
        assert!(f.form().field(FieldId::Recipients).error.is_some());
        // To push: the recipients field hides, its text stays.
        f.handle_key(key(KeyCode::BackTab));
        f.handle_key(key(KeyCode::Left));
        assert_eq!(f.channel(), Channel::Push);
        assert_eq!(f.form().kind, ActionKind::SendInvoicePush);
        assert!(f.form().field(FieldId::Recipients).hidden);
        assert_eq!(
            f.form().field(FieldId::Channel).hint,
            Some(Msg::FormPushNote)
        );
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(
            f.form().focused(),
            FieldId::Channel,
            "hidden fields are skipped"
        );
        assert_eq!(
            f.to_request(50949).unwrap(),
            InvoiceRequest::Push(InvoicePush { id_fatura: 50949 })
        );
        // Back to e-mail: the typed text is still there.
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.channel(), Channel::Email);
        assert_eq!(f.form().value(FieldId::Recipients), "a@x.com b@");
        // SMS relabels the field.
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.channel(), Channel::Sms);
        assert_eq!(
            f.form().field(FieldId::Recipients).label,
            Msg::FormExtraPhones
        );
        let mut f = InvoiceSendForm::new(Channel::Sms);
        f.handle_key(key(KeyCode::Tab));
        type_text(&mut f, "(37) 99911-2233");
        let r = f.to_request(9).unwrap();
        assert_eq!(r.extra_recipients(), ["37999112233"]);
        assert!(matches!(&r, InvoiceRequest::Sms(s) if s.to_call().is_ok()));
    }

    #[test]
    fn ticket_update_edits_or_closes_with_the_attendant_in_parametros() {
        let mut f = TicketUpdateForm::new(812, "Sem acesso\ndesde ontem", false);
        assert_eq!(
            f.form().value(FieldId::Description),
            "Sem acesso desde ontem"
        );
        assert!(f.form().field(FieldId::ClosingText).hidden);
        type_text(&mut f, " à noite");
        let r = f.to_request(Some("joana"), None).unwrap();
        assert_eq!(
            r.descricao.as_deref(),
            Some("Sem acesso desde ontem à noite")
        );
        assert!(!r.fechar_atendimento);
        assert_eq!(
            Value::Object(r.parametros.clone()),
            json!({"atendente": "joana", "origem": "hubdesk"})
        );

        // Switch to closing: the closing text becomes required.
        f.form_mut().focus(FieldId::CloseTicket);
        f.handle_key(key(KeyCode::Char(' ')));
        assert!(f.closing());
        assert_eq!(f.form().kind, ActionKind::CloseTicket);
        assert!(f.form().field(FieldId::Description).hidden);
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        assert_eq!(f.form().focused(), FieldId::ClosingText);
        type_text(&mut f, "Resolvido: cabo trocado");
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        let r = f.to_request(Some("joana"), None).unwrap();
        assert!(r.fechar_atendimento);
        assert_eq!(
            Value::Object(r.parametros.clone()),
            json!({"atendente": "joana", "origem": "hubdesk",
                   "texto_fechamento": "Resolvido: cabo trocado"})
        );
        assert_eq!(
            r.to_call().unwrap().path,
            "/api/v1/integracao/atendimento/812"
        );

        let unchanged = TicketUpdateForm::new(812, "Sem acesso", true);
        assert_eq!(unchanged.form().focused(), FieldId::ClosingText);
        assert_eq!(unchanged.form().kind, ActionKind::CloseTicket);
    }

    #[test]
    fn paste_goes_into_the_focused_field_as_one_clean_line() {
        let mut f = AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Email));
        assert!(
            !f.handle_paste("a@x.com"),
            "the channel choice takes no text"
        );
        f.handle_key(key(KeyCode::Tab));
        assert!(f.handle_paste("a@x.com\nb@y.com\x1b[2J"));
        assert_eq!(f.form().value(FieldId::Recipients), "a@x.com b@y.com␛");
    }

    #[test]
    fn a_valid_submit_clears_the_old_refusal() {
        let mut f = TrustUnlockForm::new();
        f.form_mut().set_banner(Some(Banner {
            text: "Recusado".into(),
            error: true,
        }));
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        assert!(f.form().banner().is_none());
    }

    #[test]
    fn any_form_delegates() {
        let mut f = AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Sms));
        assert_eq!(f.kind(), ActionKind::SendInvoiceSms);
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.kind(), ActionKind::SendInvoicePush);
        assert_eq!(
            title(Lang::PtBr, f.kind()),
            "Envio da fatura por notificação"
        );
    }
}
