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
//! | `Left` / `Right` | cycle a choice or a list field (move the cursor in text) |
//! | `Enter` | on a list field: open its list; elsewhere validate, and submit when every field is valid |
//! | a letter | on a list field: open its list filtered by it |
//! | `Ctrl-T` | on a form with canned texts: the list of texts, for the focused text field that takes them (else the first) |
//! | `Esc` | close an open list, or cancel |
//!
//! Text fields are single-line: `Enter` submits from any of them, so there
//! is no second "submit" key to learn. A held `Enter` (key repeat) never
//! submits nor chooses: it must not send twice or open and choose a list
//! entry in one go.
//!
//! A *list field* ([`Control::Pick`], or a text field for which
//! [`ActionForm::picks`] says so) chooses among options the form looks up
//! itself, typically lists read from the server; the open list and its
//! filter are [`pick::Picker`].
//!
//! *Canned texts* ([`crate::ops::templates`]): a text field marked
//! [`Field::canned`] takes one. The console fills the configured texts
//! for the form's customer, service and ticket when it opens the form
//! ([`Form::set_canned`]); `Ctrl-T` opens them in the same list as a list
//! field (filtered by typing), and `Enter` inserts the chosen one at the
//! cursor, to edit before sending. A placeholder whose value was unknown
//! stays written (`{protocolo}`): the form then refuses to submit until
//! the attendant replaces it, with the message at the field.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

use crate::api::invoices::{InvoiceEmail, InvoicePush, InvoiceSms};
use crate::api::service_actions::TrustUnlock;
use crate::api::ticket_extras::{OrderParams, TicketOpening};
use crate::api::tickets::TicketUpdate;
use crate::br::{FieldError, email, phone};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::ops::templates::{self, Placeholder};

use super::inflight::ActionKind;

mod canned;
mod checks;
mod invoice;
pub use canned::Canned;
use canned::insert_canned;
pub(crate) use checks::{check, check_optional_email, check_phone, required};
pub mod pick;
mod service;
mod ticket;
mod unlock;

pub use self::invoice::*;
pub use self::service::*;
pub use self::ticket::*;
pub use self::unlock::*;

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
    /// A prospect's name (`nome_razaosocial`).
    Name,
    /// CPF or CNPJ.
    Document,
    /// CEP.
    Cep,
    /// City (chosen from the cities list).
    City,
    /// Neighbourhood (chosen from the city's list, or typed).
    Neighbourhood,
    /// Street.
    Street,
    /// House number.
    Number,
    /// Plan (chosen from the plans offered at the CEP).
    Plan,
    /// Free note.
    Note,
    /// The reason to enable a service (`motivo_habilitacao`).
    Reason,
    /// The kind of suspension (`tipo_suspensao`).
    SuspendKind,
    /// Text appended to a ticket's description.
    AppendText,
    /// The ticket type (`id_tipo_atendimento`).
    TicketType,
    /// The service order's type (`id_tipo_ordem_servico`).
    OrderType,
    /// The service order's status.
    OrderStatus,
    /// The service order's technicians (`ids_tecnicos`).
    OrderTechs,
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
    /// One option of a list the form looks up itself (typically read from
    /// the server, so it may still be loading); the chosen value lives in
    /// the form. `Enter` or a letter opens the list, `Left`/`Right` step
    /// through it (see [`ActionForm::options`]).
    Pick,
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
    /// Takes a canned text (`Ctrl-T`).
    pub canned: bool,
    /// A canned text was put in: submitting checks that no placeholder
    /// is left in it.
    pub templated: bool,
}

impl Field {
    /// A text field holding `value`.
    pub(crate) fn text(id: FieldId, label: Msg, value: &str) -> Field {
        Field {
            id,
            label,
            control: Control::Text(Input::new(value.to_owned())),
            hint: None,
            error: None,
            hidden: false,
            canned: false,
            templated: false,
        }
    }

    fn switch(id: FieldId, label: Msg, on: bool) -> Field {
        Field {
            control: Control::Switch(on),
            ..Field::text(id, label, "")
        }
    }

    /// A list field ([`Control::Pick`]).
    pub(crate) fn pick(id: FieldId, label: Msg) -> Field {
        Field {
            control: Control::Pick,
            ..Field::text(id, label, "")
        }
    }

    fn with_hint(mut self, hint: Msg) -> Field {
        self.hint = Some(hint);
        self
    }

    /// Marks the field as taking canned texts.
    fn with_canned(mut self) -> Field {
        self.canned = true;
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
    pub(crate) fn push(&mut self, id: FieldId, msg: FieldMessage) {
        self.0.push((id, msg));
    }

    pub(crate) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FormErrors> {
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
    /// The attendant changed a value (typed, pasted, switched, chose).
    edited: bool,
    /// The open list of a list field, if any.
    picker: Option<pick::Picker>,
    /// The canned texts offered, filled for this form's target.
    canned: Vec<Canned>,
}

impl Form {
    pub(crate) fn new(kind: ActionKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            banner: None,
            edited: false,
            picker: None,
            canned: Vec::new(),
        }
    }

    /// The open list of a list field, if any.
    pub fn picker(&self) -> Option<&pick::Picker> {
        self.picker.as_ref()
    }

    /// Every validation message now shown, in field order.
    pub fn errors(&self) -> FormErrors {
        FormErrors(
            self.fields
                .iter()
                .filter_map(|f| f.error.clone().map(|e| (f.id, e)))
                .collect(),
        )
    }

    /// Replaces the text of field `id` (cursor at the end).
    pub(crate) fn set_text(&mut self, id: FieldId, value: &str) {
        self.field_mut(id).control = Control::Text(Input::new(value.to_owned()));
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

    pub(crate) fn field_mut(&mut self, id: FieldId) -> &mut Field {
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
    /// first failing field in the form's order, whatever order the
    /// validation found them in.
    pub fn show_errors(&mut self, errors: &FormErrors) {
        for f in &mut self.fields {
            f.error = errors.get(f.id).cloned();
        }
        let first = self
            .fields
            .iter()
            .find(|f| !f.hidden && f.error.is_some())
            .map(|f| f.id);
        if let Some(id) = first {
            self.focus(id);
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

/// Behaviour shared by the forms: the engine. A form provides its fields
/// ([`ActionForm::form`]), its validation ([`ActionForm::check`]) and, if it
/// has list fields, their options; keys and pastes go through the default
/// methods here, the same for every form.
pub trait ActionForm {
    /// The generic form state.
    fn form(&self) -> &Form;
    /// The generic form state, mutable.
    fn form_mut(&mut self) -> &mut Form;
    /// Validates every field without changing anything.
    fn check(&self) -> Result<(), FormErrors>;
    /// Adjusts labels and visibility after a switch or choice changed.
    fn refresh(&mut self) {}
    /// The value of field `id` changed (typed, pasted, switched, chosen):
    /// the form may clear messages of fields that depend on it.
    fn changed(&mut self, _id: FieldId) {}
    /// Whether field `id` is chosen from a list right now: every
    /// [`Control::Pick`], and a text field the form turns into a list
    /// while one applies (it then takes no typing).
    fn picks(&self, id: FieldId) -> bool {
        matches!(self.form().field(id).control, Control::Pick)
    }
    /// The options of list field `id`, as shown (possibly none yet).
    fn options(&self, _id: FieldId) -> Vec<String> {
        Vec::new()
    }
    /// The index (in [`ActionForm::options`]) of the option chosen now.
    fn chosen(&self, _id: FieldId) -> Option<usize> {
        None
    }
    /// Stores option `index` of list field `id`.
    fn choose(&mut self, _id: FieldId, _index: usize) {}

    /// Handles one key; see the module documentation for the keys.
    /// Key releases are ignored (terminals with the kitty protocol report
    /// them, and a release must not submit a second time).
    fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Continue;
        }
        if self.form().picker.is_some() {
            return pick::key(self, key);
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let held = key.kind == KeyEventKind::Repeat;
        let form = self.form_mut();
        let focused = form.focus;
        let id = form.fields[focused].id;
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
        // Canned texts, from any field of a form that offers them.
        if key.code == KeyCode::Char('t') && key.modifiers.contains(KeyModifiers::CONTROL) {
            if let Some(target) = form.canned_target() {
                form.focus(target);
                pick::open_canned(form, target);
            }
            return FormOutcome::Continue;
        }
        let picks = self.picks(id);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            // A held Enter must not submit twice, nor open a list and
            // choose in it in one go.
            KeyCode::Enter if held => {}
            KeyCode::Enter if picks => pick::open(self.form_mut(), id, ""),
            KeyCode::Enter => {
                // A placeholder left in a canned text is refused like an
                // invalid field (the field's own message first).
                let mut errors = self.check().err().unwrap_or_default();
                for (at, msg) in self.form().unfilled_errors().0 {
                    if errors.get(at).is_none() {
                        errors.push(at, msg);
                    }
                }
                let checked = if errors.0.is_empty() {
                    Ok(())
                } else {
                    Err(errors)
                };
                return match checked {
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
            KeyCode::Tab | KeyCode::Down => self.form_mut().move_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.form_mut().move_focus(false),
            KeyCode::Left | KeyCode::Right if picks => {
                pick::step(self, id, key.code == KeyCode::Right);
            }
            KeyCode::Char(c) if picks && plain && !c.is_control() => {
                pick::open(self.form_mut(), id, &c.to_string());
            }
            // A list field takes no typing.
            _ if picks => {}
            _ => {
                let field = &mut self.form_mut().fields[focused];
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
                    value_changed(self, focused);
                }
            }
        }
        FormOutcome::Continue
    }
}

/// After the value at position `at` changed: its message described the old
/// value, the form may adjust to it, and the focus stays on a visible field.
fn value_changed<F: ActionForm + ?Sized>(form: &mut F, at: usize) {
    let f = form.form_mut();
    let field = &mut f.fields[at];
    field.error = None;
    let id = field.id;
    f.edited = true;
    form.changed(id);
    form.refresh();
    form.form_mut().fix_focus();
}

/// Inserts `text` (already clean) at the cursor in one step and moves the
/// cursor after it; returns whether the value changed. Inserting a paste
/// character by character costs time quadratic in its length (each insert
/// rebuilds the value): a 65,000-character paste froze the console.
pub fn insert_text(input: &mut Input, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let value = input.value();
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(i, _)| i);
    let mut joined = String::with_capacity(value.len() + text.len());
    joined.push_str(&value[..at]);
    joined.push_str(text);
    joined.push_str(&value[at..]);
    let cursor = input.cursor() + text.chars().count();
    *input = Input::new(joined).with_cursor(cursor);
    true
}

/// Inserts pasted text (the terminal's bracketed paste) into the focused
/// text field at the cursor. Line breaks become spaces, since fields are
/// single-line, and control characters are dropped, so a pasted escape
/// sequence cannot reach the request. A list field, or an open list, takes
/// no paste. Returns whether anything changed.
pub fn paste(form: &mut dyn ActionForm, text: &str) -> bool {
    let clean = crate::sanitize::clean_line(text);
    let focused = form.form().focus;
    if form.form().picker.is_some() || form.picks(form.form().fields[focused].id) {
        return false;
    }
    let Control::Text(input) = &mut form.form_mut().fields[focused].control else {
        return false;
    };
    let changed = insert_text(input, &clean);
    if changed {
        value_changed(form, focused);
    }
    changed
}

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
    /// Append to a ticket's description.
    TicketAppend(TicketAppendForm),
    /// Enable a service.
    EnableService(EnableServiceForm),
    /// Suspend a service.
    SuspendService(SuspendServiceForm),
}

impl AnyForm {
    fn inner(&self) -> &dyn ActionForm {
        match self {
            AnyForm::Ticket(f) => f,
            AnyForm::TicketUpdate(f) => f,
            AnyForm::TrustUnlock(f) => f,
            AnyForm::InvoiceSend(f) => f,
            AnyForm::TicketAppend(f) => f,
            AnyForm::EnableService(f) => f,
            AnyForm::SuspendService(f) => f,
        }
    }

    fn inner_mut(&mut self) -> &mut dyn ActionForm {
        match self {
            AnyForm::Ticket(f) => f,
            AnyForm::TicketUpdate(f) => f,
            AnyForm::TrustUnlock(f) => f,
            AnyForm::InvoiceSend(f) => f,
            AnyForm::TicketAppend(f) => f,
            AnyForm::EnableService(f) => f,
            AnyForm::SuspendService(f) => f,
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
mod canned_tests;
#[cfg(test)]
mod tests;
