//! The receivables screen: invoices across customers (`GET /financeiro`)
//! in a date range, with totals.
//!
//! A filter bar sits above the list: the range (typed `dd/mm/aaaa`,
//! defaulting to the 30 days ending today), which date it applies to
//! (`tipo_data`), "paid only" (`apenas_quitado`), the order, and an
//! optional customer (code or CPF/CNPJ). `Tab` moves into the bar and
//! between its fields, `Space`/`←`/`→` change a choice, `Enter` applies,
//! `Esc` goes back to the list keeping what was typed.
//!
//! Without a customer HubSoft caps the range at
//! [`ReceivablesQuery::MAX_DAYS_WITHOUT_SEARCH`] days; the bar says so, and
//! a longer range is refused at the field before anything is sent (a
//! server would silently cut it, and the totals would lie).

use chrono::{Days, NaiveDate};
use crossterm::event::{Event as CtEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rust_decimal::Decimal;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::{
    DateKind, Invoice, InvoiceOrderBy, OrderType, ReceivableSearchBy, ReceivablesQuery,
};
use crate::br::dates::{days_overdue, format_date, parse_date, today};
use crate::i18n::{Lang, Msg as T, tr, trf};

use super::super::forms::FieldMessage;
use super::super::keymap::Action;
use super::super::{App, Changed, Effect, Remote};
use super::{ListFilter, ToolRequest, ToolSlot, fetch, move_selection};

/// Invoices asked for per read. The simulator, like the customer routes,
/// takes at most 50; reaching it means "narrow the range".
pub const LIMIT: u32 = 50;

/// A field of the filter bar, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Start of the range.
    From,
    /// End of the range.
    To,
    /// `tipo_data`.
    DateKind,
    /// `apenas_quitado`.
    PaidOnly,
    /// `order_by`.
    OrderBy,
    /// `order_type`.
    OrderType,
    /// Optional customer: code or CPF/CNPJ.
    Customer,
}

impl Field {
    /// Every field, in focus order.
    pub const ALL: [Field; 7] = [
        Field::From,
        Field::To,
        Field::DateKind,
        Field::PaidOnly,
        Field::OrderBy,
        Field::OrderType,
        Field::Customer,
    ];

    /// The field's label.
    pub fn label(self) -> T {
        match self {
            Field::From => T::RcvFrom,
            Field::To => T::RcvTo,
            Field::DateKind => T::RcvDateKind,
            Field::PaidOnly => T::RcvPaidOnly,
            Field::OrderBy | Field::OrderType => T::RcvOrder,
            Field::Customer => T::RcvCustomer,
        }
    }

    fn step(self, forward: bool) -> Field {
        let n = Field::ALL.len();
        let i = Field::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Field::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The name of a `tipo_data` value.
pub fn date_kind_msg(k: DateKind) -> T {
    match k {
        DateKind::DueDate => T::RcvByDue,
        DateKind::PaymentDate => T::RcvByPayment,
    }
}

/// The name of an `order_by` value.
pub fn order_by_msg(o: InvoiceOrderBy) -> T {
    match o {
        InvoiceOrderBy::DueDate => T::RcvByDue,
        InvoiceOrderBy::PaymentDate => T::RcvByPayment,
        InvoiceOrderBy::Amount => T::RcvByAmount,
    }
}

/// The name of an `order_type` value.
pub fn order_type_msg(o: OrderType) -> T {
    match o {
        OrderType::Asc => T::RcvAsc,
        OrderType::Desc => T::RcvDesc,
    }
}

/// The filter bar: what will be sent on Enter.
#[derive(Debug, Clone)]
pub struct FilterForm {
    /// Start of the range, as typed.
    pub from: Input,
    /// End of the range, as typed.
    pub to: Input,
    /// `tipo_data`.
    pub date_kind: DateKind,
    /// `apenas_quitado=sim` when on; not sent when off (every invoice).
    pub paid_only: bool,
    /// `order_by`.
    pub order_by: InvoiceOrderBy,
    /// `order_type`.
    pub order_type: OrderType,
    /// Optional customer (code or CPF/CNPJ), as typed.
    pub customer: Input,
    /// The field with the keyboard; `None` while the list has it.
    pub focus: Option<Field>,
    /// Why the last Enter was refused: the field and the localized reason.
    pub error: Option<(Field, String)>,
}

impl Default for FilterForm {
    fn default() -> Self {
        FilterForm {
            from: Input::default(),
            to: Input::default(),
            date_kind: DateKind::DueDate,
            paid_only: false,
            order_by: InvoiceOrderBy::DueDate,
            order_type: OrderType::Asc,
            customer: Input::default(),
            focus: None,
            error: None,
        }
    }
}

impl FilterForm {
    /// The range of the 30 days ending `today`.
    pub fn set_default_range(&mut self, today: NaiveDate) {
        let from = today
            .checked_sub_days(Days::new(
                ReceivablesQuery::MAX_DAYS_WITHOUT_SEARCH.unsigned_abs(),
            ))
            .unwrap_or(today);
        self.from = Input::new(format_date(from));
        self.to = Input::new(format_date(today));
    }

    /// Whether a customer is typed (the range is then free).
    pub fn has_customer(&self) -> bool {
        !self.customer.value().trim().is_empty()
    }

    /// The text input of a text field.
    pub fn input(&self, field: Field) -> Option<&Input> {
        match field {
            Field::From => Some(&self.from),
            Field::To => Some(&self.to),
            Field::Customer => Some(&self.customer),
            _ => None,
        }
    }

    fn input_mut(&mut self, field: Field) -> Option<&mut Input> {
        match field {
            Field::From => Some(&mut self.from),
            Field::To => Some(&mut self.to),
            Field::Customer => Some(&mut self.customer),
            _ => None,
        }
    }

    /// Moves a choice or switch one step; returns whether it was one.
    fn cycle(&mut self, field: Field, forward: bool) -> bool {
        match field {
            Field::DateKind => {
                self.date_kind = match self.date_kind {
                    DateKind::DueDate => DateKind::PaymentDate,
                    DateKind::PaymentDate => DateKind::DueDate,
                };
            }
            Field::PaidOnly => self.paid_only = !self.paid_only,
            Field::OrderBy => {
                const ORDER: [InvoiceOrderBy; 3] = [
                    InvoiceOrderBy::DueDate,
                    InvoiceOrderBy::PaymentDate,
                    InvoiceOrderBy::Amount,
                ];
                let i = ORDER.iter().position(|o| *o == self.order_by).unwrap_or(0);
                let n = ORDER.len();
                self.order_by = ORDER[if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            }
            Field::OrderType => {
                self.order_type = match self.order_type {
                    OrderType::Asc => OrderType::Desc,
                    OrderType::Desc => OrderType::Asc,
                };
            }
            Field::From | Field::To | Field::Customer => return false,
        }
        true
    }

    /// The request the bar describes, or the first field that is wrong
    /// with its localized reason. Nothing is sent on `Err`.
    pub fn query(&self, lang: Lang) -> Result<ReceivablesQuery, (Field, String)> {
        let at = |field: Field, reason: String| {
            (
                field,
                trf(
                    lang,
                    T::RcvFieldError,
                    &[("field", &tr(lang, field.label())), ("reason", &reason)],
                ),
            )
        };
        let date = |field: Field, input: &Input| {
            parse_date(input.value())
                .map_err(|e| at(field, FieldMessage::from_error(&e).text(lang)))
        };
        let from = date(Field::From, &self.from)?;
        let to = date(Field::To, &self.to)?;
        if to < from {
            return Err(at(Field::To, tr(lang, T::RcvRangeReversed).to_owned()));
        }
        let search = customer_search(self.customer.value())
            .map_err(|NotACustomer| at(Field::Customer, tr(lang, T::RcvBadCustomer).to_owned()))?;
        let days = (to - from).num_days();
        let max = ReceivablesQuery::MAX_DAYS_WITHOUT_SEARCH;
        if search.is_none() && days > max {
            return Err((
                Field::To,
                trf(
                    lang,
                    T::RcvWindowTooLong,
                    &[("asked", &days), ("days", &max)],
                ),
            ));
        }
        let query = ReceivablesQuery {
            search,
            tipo_data: Some(self.date_kind),
            tipo_resultado: None,
            data_inicio: Some(from),
            data_fim: Some(to),
            order_by: Some(self.order_by),
            order_type: Some(self.order_type),
            limit: Some(LIMIT),
            apenas_quitado: self.paid_only.then_some(true),
        };
        // The client checks the documented bounds again; whatever it
        // refuses is refused here too, before the request exists.
        query.to_call().map_err(|e| {
            let field = match &e {
                crate::api::ApiError::InvalidRequest {
                    field: "termo_busca",
                    ..
                } => Field::Customer,
                _ => Field::To,
            };
            at(field, super::super::error_text(lang, &e, 0))
        })?;
        Ok(query)
    }
}

/// The customer field holds neither a customer code nor a valid CPF/CNPJ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACustomer;

/// What the customer field means: nothing, a customer code, or a CPF/CNPJ
/// (punctuation allowed, check digits verified).
pub fn customer_search(text: &str) -> Result<Option<(ReceivableSearchBy, String)>, NotACustomer> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let only_digits = t.bytes().all(|b| b.is_ascii_digit());
    if only_digits && t.len() <= 10 {
        let code: u64 = t.parse().map_err(|_| NotACustomer)?;
        if code == 0 {
            return Err(NotACustomer);
        }
        return Ok(Some((ReceivableSearchBy::CustomerCode, code.to_string())));
    }
    crate::br::doc::parse(t)
        .map(|d| Some((ReceivableSearchBy::Document, d.plain().to_owned())))
        .map_err(|_| NotACustomer)
}

/// Count and sums of a list of invoices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Invoices.
    pub count: usize,
    /// Sum of their amounts.
    pub sum: Decimal,
    /// Unpaid invoices past their due date.
    pub overdue_count: usize,
    /// Sum of the overdue ones.
    pub overdue_sum: Decimal,
}

/// Whether `inv` is unpaid and past due on `today` (São Paulo).
pub fn is_overdue(inv: &Invoice, today: NaiveDate) -> bool {
    !inv.is_paid()
        && inv
            .due_date()
            .and_then(|d| d.date())
            .is_some_and(|d| days_overdue(d, today) > 0)
}

/// The totals of `invoices` on `today`.
pub fn totals<'a>(invoices: impl IntoIterator<Item = &'a Invoice>, today: NaiveDate) -> Totals {
    let mut t = Totals::default();
    for inv in invoices {
        let value = inv.valor.unwrap_or_default();
        t.count += 1;
        t.sum += value;
        if is_overdue(inv, today) {
            t.overdue_count += 1;
            t.overdue_sum += value;
        }
    }
    t
}

/// The receivables screen.
#[derive(Debug, Default)]
pub struct ReceivablesState {
    /// The filter bar.
    pub form: FilterForm,
    /// The range was filled from the clock (first opening).
    pub started: bool,
    /// The invoices of the last applied query.
    pub invoices: Remote<Vec<Invoice>>,
    /// The query the list answers (or is loading).
    pub applied: Option<ReceivablesQuery>,
    /// The `/` filter over the loaded list.
    pub filter: ListFilter,
    /// Selected row among the filtered invoices.
    pub selected: usize,
}

impl ReceivablesState {
    /// Whether a text field has the keyboard.
    pub fn editing(&self) -> bool {
        self.filter.editing || self.form.focus.is_some()
    }

    /// The indexes of the invoices the `/` filter lets through.
    pub fn visible(&self) -> Vec<usize> {
        let Some(list) = &self.invoices.data else {
            return Vec::new();
        };
        list.iter()
            .enumerate()
            .filter(|(_, inv)| {
                let texts = invoice_texts(inv);
                self.filter.matches(texts.iter().map(String::as_str))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected invoice, if the filter leaves any.
    pub fn selected_invoice(&self) -> Option<&Invoice> {
        let i = *self.visible().get(self.selected)?;
        self.invoices.data.as_ref()?.get(i)
    }

    /// Totals of the invoices the filter shows.
    pub fn totals(&self, today: NaiveDate) -> Totals {
        let Some(list) = &self.invoices.data else {
            return Totals::default();
        };
        totals(
            self.visible().into_iter().filter_map(|i| list.get(i)),
            today,
        )
    }

    /// Keeps the selection inside the filtered list.
    pub fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

/// What `/` searches in an invoice: the customer's names, code and
/// document, the invoice id and the bank's number.
pub fn invoice_texts(inv: &Invoice) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    if let Some(id) = inv.id_fatura {
        v.push(id.to_string());
    }
    v.extend(inv.nosso_numero.clone());
    if let Some(c) = &inv.cliente {
        v.extend(c.nome_razaosocial.clone());
        v.extend(c.nome_fantasia.clone());
        v.extend(c.cpf_cnpj.clone());
        if let Some(code) = c.codigo_cliente {
            v.push(code.to_string());
        }
    }
    v
}

/// First opening: the range becomes the 30 days ending today and is read
/// at once. Later openings keep the list; one that failed is read again.
pub fn opened(app: &mut App, fx: &mut Vec<Effect>) {
    let state = &mut app.tools.receivables;
    if !state.started {
        state.started = true;
        state.form.set_default_range(today(app.now));
        apply(app, fx);
        return;
    }
    let r = &state.invoices;
    if r.data.is_none()
        && !r.loading()
        && let Some(q) = state.applied.clone()
    {
        send(app, q, fx);
    }
}

/// Enter in the filter bar: sends what it describes, or puts the reason
/// at the wrong field and sends nothing.
pub fn apply(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let form = &mut app.tools.receivables.form;
    match form.query(lang) {
        Ok(q) => {
            form.error = None;
            form.focus = None;
            app.tools.receivables.invoices.data = None;
            app.tools.receivables.filter.input.reset();
            send(app, q, fx);
        }
        Err((field, reason)) => {
            form.focus = Some(field);
            form.error = Some((field, reason));
        }
    }
    Changed::Yes
}

fn send(app: &mut App, q: ReceivablesQuery, fx: &mut Vec<Effect>) {
    app.tools.receivables.applied = Some(q.clone());
    app.tools.receivables.selected = 0;
    fetch(
        app,
        ToolSlot::Receivables,
        ToolRequest::Receivables(q),
        |t| &mut t.receivables.invoices,
        fx,
    );
}

/// A key on the receivables screen.
pub fn key(app: &mut App, key: KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    let page = super::super::page(app);
    let state = &mut app.tools.receivables;
    if state.filter.editing {
        let changed = state.filter.key(key, action);
        state.selected = 0;
        state.clamp();
        return changed;
    }
    if let Some(field) = state.form.focus {
        return form_key(app, field, key, action, fx);
    }
    let Some(action) = action else {
        return Changed::No;
    };
    match action {
        Action::Search => {
            state.filter.editing = true;
            Changed::Yes
        }
        Action::NextPane => {
            state.form.focus = Some(Field::From);
            Changed::Yes
        }
        Action::PrevPane => {
            state.form.focus = Some(Field::Customer);
            Changed::Yes
        }
        Action::Back if !state.filter.is_empty() => {
            state.filter.input.reset();
            state.clamp();
            Changed::Yes
        }
        Action::Back => super::close(app),
        Action::Refresh | Action::RefreshAll => match state.applied.clone() {
            Some(q) => {
                send(app, q, fx);
                Changed::Yes
            }
            None => apply(app, fx),
        },
        // The invoice's customer, in the customer view.
        Action::Open => match state.selected_invoice().and_then(|i| i.cliente.clone()) {
            Some(c) if c.codigo_cliente.is_some() => {
                super::super::open_customer(app, c, fx);
                Changed::Yes
            }
            _ => Changed::No,
        },
        nav => {
            let rows = state.visible().len();
            match move_selection(nav, state.selected, rows, page) {
                Some(to) if to != state.selected => {
                    state.selected = to;
                    Changed::Yes
                }
                _ => Changed::No,
            }
        }
    }
}

/// A key while a field of the filter bar has the keyboard: Tab/↓ and
/// Shift-Tab/↑ move, Space/←/→ change a choice, letters type, Enter
/// applies, Esc returns to the list.
fn form_key(
    app: &mut App,
    field: Field,
    key: KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    if key.kind == KeyEventKind::Release {
        return Changed::No;
    }
    let form = &mut app.tools.receivables.form;
    match action {
        Some(Action::Open) => return apply(app, fx),
        Some(Action::Back) => {
            form.focus = None;
            return Changed::Yes;
        }
        Some(Action::NextPane) => {
            form.focus = Some(field.step(true));
            return Changed::Yes;
        }
        Some(Action::PrevPane) => {
            form.focus = Some(field.step(false));
            return Changed::Yes;
        }
        _ => {}
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let changed = match key.code {
        KeyCode::Down => {
            form.focus = Some(field.step(true));
            return Changed::Yes;
        }
        KeyCode::Up => {
            form.focus = Some(field.step(false));
            return Changed::Yes;
        }
        KeyCode::Char(' ') | KeyCode::Right if plain && form.input(field).is_none() => {
            form.cycle(field, true)
        }
        KeyCode::Left if plain && form.input(field).is_none() => form.cycle(field, false),
        _ => match form.input_mut(field) {
            Some(input) => input
                .handle_event(&CtEvent::Key(key))
                .is_some_and(|c| c.value),
            None => false,
        },
    };
    if changed {
        // The message described the old value.
        if form.error.as_ref().is_some_and(|(f, _)| *f == field) {
            form.error = None;
        }
        Changed::Yes
    } else {
        Changed::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn form(from: &str, to: &str, customer: &str) -> FilterForm {
        FilterForm {
            from: Input::new(from.into()),
            to: Input::new(to.into()),
            customer: Input::new(customer.into()),
            ..FilterForm::default()
        }
    }

    #[test]
    fn default_range_is_the_thirty_days_ending_today() {
        let mut f = FilterForm::default();
        f.set_default_range(d("10/03/2020"));
        assert_eq!(f.from.value(), "09/02/2020");
        assert_eq!(f.to.value(), "10/03/2020");
        let q = f.query(Lang::En).unwrap();
        assert_eq!(q.data_inicio, Some(d("09/02/2020")));
        assert_eq!(q.data_fim, Some(d("10/03/2020")));
        assert_eq!(q.search, None);
        assert_eq!(q.apenas_quitado, None);
        assert_eq!(q.limit, Some(LIMIT));
    }

    #[test]
    fn the_window_is_checked_only_without_a_customer() {
        let (field, msg) = form("01/01/2020", "01/03/2020", "")
            .query(Lang::En)
            .unwrap_err();
        assert_eq!(field, Field::To);
        assert!(msg.contains("60 days"), "{msg}");
        let q = form("01/01/2020", "01/03/2020", "411.072.966-17")
            .query(Lang::En)
            .unwrap();
        assert_eq!(
            q.search,
            Some((ReceivableSearchBy::Document, "41107296617".into()))
        );
        let q = form("01/01/2020", "31/12/2020", "1162")
            .query(Lang::En)
            .unwrap();
        assert_eq!(
            q.search,
            Some((ReceivableSearchBy::CustomerCode, "1162".into()))
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let err = |f: FilterForm| f.query(Lang::En).unwrap_err().0;
        assert_eq!(err(form("32/01/2020", "01/02/2020", "")), Field::From);
        assert_eq!(err(form("01/02/2020", "31/01/2020", "")), Field::To);
        assert_eq!(err(form("01/02/2020", "", "")), Field::To);
        assert_eq!(
            err(form("01/02/2020", "02/02/2020", "411.072.966-18")),
            Field::Customer
        );
        assert_eq!(
            err(form("01/02/2020", "02/02/2020", "maria")),
            Field::Customer
        );
        assert_eq!(err(form("01/02/2020", "02/02/2020", "0")), Field::Customer);
    }

    #[test]
    fn choices_cycle_both_ways() {
        let mut f = FilterForm::default();
        assert!(f.cycle(Field::OrderBy, true));
        assert_eq!(f.order_by, InvoiceOrderBy::PaymentDate);
        f.cycle(Field::OrderBy, false);
        f.cycle(Field::OrderBy, false);
        assert_eq!(f.order_by, InvoiceOrderBy::Amount);
        f.cycle(Field::PaidOnly, true);
        f.cycle(Field::DateKind, true);
        f.cycle(Field::OrderType, true);
        assert!(!f.cycle(Field::Customer, true));
        let mut f2 = f.clone();
        f2.set_default_range(d("10/03/2020"));
        let q = f2.query(Lang::PtBr).unwrap();
        assert_eq!(q.apenas_quitado, Some(true));
        assert_eq!(q.tipo_data, Some(DateKind::PaymentDate));
        assert_eq!(q.order_type, Some(OrderType::Desc));
        assert_eq!(q.order_by, Some(InvoiceOrderBy::Amount));
    }
}
