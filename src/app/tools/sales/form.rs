//! The new-prospect form (`POST /prospecto`).
//!
//! Unlike the customer-view forms of [`crate::app::forms`], three of its
//! fields are choices among lists that arrive from the server while the
//! attendant types: the city and its neighbourhood (`GET /endereco/cidade`)
//! and the plan (`GET /prospecto/create?cep=` for the CEP typed). The form
//! therefore keeps what was *chosen* (a city's id and name, a
//! neighbourhood's name, a plan's `id_servico`) rather than a position in
//! a list, so a list read again does not change the choice behind the
//! attendant's back; the lists themselves are looked up when drawing and
//! validating.
//!
//! It shares the rest with the other forms: validation puts a localized
//! [`FieldMessage`] at each failing field, a refusal from the server goes
//! into a [`Banner`], and neither ever clears what was typed.
//!
//! HubSoft does not say which city a CEP belongs to (the plans answer has
//! no city), so the attendant picks the city from the cities list, then the
//! neighbourhood from that city's `bairros`. A free-text neighbourhood is
//! only offered when the city is not in the list ("other city"), when the
//! listed city has no neighbourhoods, or when the list cannot be read.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rust_decimal::Decimal;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

use crate::api::City;
use crate::api::prospects::{NewProspect, PersonKind, ProspectPlan};
use crate::br::doc::DocKind;
use crate::br::{cep, doc, email, phone};
use crate::i18n::Msg as T;

use super::super::super::Remote;
use super::super::super::forms::{Banner, FieldMessage};
use super::super::fold;

/// A field of the form, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PField {
    /// `nome_razaosocial`.
    #[default]
    Name,
    /// `cpf_cnpj` (decides `tipo_pessoa`).
    Document,
    /// `telefone`.
    Phone,
    /// `email` (optional).
    Email,
    /// `cep`.
    Cep,
    /// The city, to offer its neighbourhoods (not sent).
    City,
    /// `bairro`.
    Neighbourhood,
    /// `endereco`.
    Street,
    /// `numero`.
    Number,
    /// `servico` (`id_servico` and `valor`).
    Plan,
    /// `observacao` (optional).
    Note,
}

impl PField {
    /// Every field, in focus order.
    pub const ALL: [PField; 11] = [
        PField::Name,
        PField::Document,
        PField::Phone,
        PField::Email,
        PField::Cep,
        PField::City,
        PField::Neighbourhood,
        PField::Street,
        PField::Number,
        PField::Plan,
        PField::Note,
    ];

    /// The field's label.
    pub fn label(self) -> T {
        match self {
            PField::Name => T::SalesFieldName,
            PField::Document => T::SalesFieldDocument,
            PField::Phone => T::SalesFieldPhone,
            PField::Email => T::SalesFieldEmail,
            PField::Cep => T::SalesFieldCep,
            PField::City => T::SalesFieldCity,
            PField::Neighbourhood => T::SalesFieldNeighbourhood,
            PField::Street => T::SalesFieldStreet,
            PField::Number => T::SalesFieldNumber,
            PField::Plan => T::SalesFieldPlan,
            PField::Note => T::SalesFieldNote,
        }
    }
}

/// The city chosen for the neighbourhood list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CityChoice {
    /// Nothing chosen yet.
    #[default]
    None,
    /// A city of the cities list.
    Listed {
        /// `id_cidade`.
        id: Option<u64>,
        /// `nome`, as the server sent it.
        name: String,
    },
    /// The city is not in the list: the neighbourhood is typed.
    Other,
}

/// What the form knows of the cities list.
#[derive(Debug, Clone, Copy)]
pub enum CitiesView<'a> {
    /// Still loading.
    Loading,
    /// The read failed: neighbourhoods are typed.
    Failed,
    /// The list (possibly empty).
    Loaded(&'a [City]),
}

impl<'a> CitiesView<'a> {
    /// The view of a cities read.
    pub fn of(remote: &'a Remote<Vec<City>>) -> CitiesView<'a> {
        match (&remote.data, &remote.error) {
            (Some(c), _) => CitiesView::Loaded(c),
            (None, Some(_)) => CitiesView::Failed,
            (None, None) => CitiesView::Loading,
        }
    }

    fn list(self) -> &'a [City] {
        match self {
            CitiesView::Loaded(c) => c,
            _ => &[],
        }
    }

    /// Whether there is a list to choose from.
    pub fn offers(self) -> bool {
        !self.list().is_empty()
    }
}

/// An open chooser: a list of a field's options filtered by what is typed.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    /// The field it chooses for.
    pub field: Option<PField>,
    /// What was typed to narrow the list.
    pub filter: Input,
    /// Selected row among the filtered options.
    pub selected: usize,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Nothing visible changed.
    Ignored,
    /// Edited, moved, chose.
    Changed,
    /// Enter on a text field: validate and, if valid, confirm and send.
    Submit,
    /// Esc: leave the form (its content stays).
    Leave,
}

/// The form's state.
#[derive(Debug, Clone, Default)]
pub struct ProspectForm {
    /// `nome_razaosocial`.
    pub name: Input,
    /// CPF or CNPJ, as typed.
    pub document: Input,
    /// Phone, as typed.
    pub phone: Input,
    /// E-mail, as typed.
    pub email: Input,
    /// CEP, as typed.
    pub cep: Input,
    /// The city.
    pub city: CityChoice,
    /// The neighbourhood chosen from the city's list.
    pub bairro: Option<String>,
    /// The neighbourhood typed (only when no list applies).
    pub bairro_text: Input,
    /// Street.
    pub street: Input,
    /// House number.
    pub number: Input,
    /// The chosen plan's `id_servico`.
    pub plan: Option<u64>,
    /// Note.
    pub note: Input,
    /// The plans offered at [`ProspectForm::plans_cep`].
    pub plans: Remote<Vec<ProspectPlan>>,
    /// The CEP (8 digits) the plans were read for.
    pub plans_cep: Option<String>,
    /// The focused field.
    pub focus: PField,
    /// Validation messages from the last submit, at their fields.
    pub errors: Vec<(PField, FieldMessage)>,
    /// The server's refusal (or an unknown outcome), over the form.
    pub banner: Option<Banner>,
    /// The open chooser, if any.
    pub picker: Option<Picker>,
}

/// One option of a chooser: what is shown, and what choosing it stores.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The text in the list.
    pub label: String,
    /// What it stands for.
    pub value: ChoiceValue,
}

/// The value behind a [`Choice`].
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceValue {
    /// A city.
    City(CityChoice),
    /// A neighbourhood's name.
    Neighbourhood(String),
    /// A plan's `id_servico`.
    Plan(u64),
}

/// A plan's line in the chooser: name · R$ value (the screen adds the
/// speeds, which are a drawing matter).
pub fn plan_label(p: &ProspectPlan) -> String {
    let name = crate::sanitize::clean_line(p.descricao.as_deref().unwrap_or("—")).into_owned();
    match p.valor {
        Some(v) => format!("{name} · {}", crate::br::money::format_brl(v)),
        None => name,
    }
}

/// A city's line in the chooser: name - UF.
pub fn city_label(c: &City) -> String {
    let name = crate::sanitize::clean_line(c.nome.as_deref().unwrap_or("—")).into_owned();
    match c.state_code().or(c.uf.as_deref()) {
        Some(uf) => format!("{name} - {}", crate::sanitize::clean_line(uf)),
        None => name,
    }
}

/// The document's person type by its length (11 CPF, 14 CNPJ), before
/// its check digits are checked: shown next to the field as it is typed.
pub fn person_kind(document: &str) -> Option<PersonKind> {
    doc::kind_of(document).map(|k| match k {
        DocKind::Cpf => PersonKind::Individual,
        DocKind::Cnpj => PersonKind::Company,
    })
}

impl ProspectForm {
    /// The listed city, if one is chosen and still in `cities`.
    pub fn listed_city<'a>(&self, cities: CitiesView<'a>) -> Option<&'a City> {
        let CityChoice::Listed { id, name } = &self.city else {
            return None;
        };
        cities
            .list()
            .iter()
            .find(|c| c.id_cidade.is_some() && c.id_cidade == *id)
            .or_else(|| {
                cities
                    .list()
                    .iter()
                    .find(|c| c.nome.as_deref() == Some(name.as_str()))
            })
    }

    /// The neighbourhoods to choose from, or `None` when the neighbourhood
    /// is typed (city not in the list, a listed city without
    /// neighbourhoods, no list).
    pub fn neighbourhoods<'a>(&self, cities: CitiesView<'a>) -> Option<Vec<&'a str>> {
        if matches!(self.city, CityChoice::Other) || !cities.offers() {
            return None;
        }
        let city = self.listed_city(cities)?;
        let names: Vec<&str> = city
            .bairros
            .iter()
            .filter_map(|b| b.nome.as_deref())
            .filter(|n| !n.trim().is_empty())
            .collect();
        (!names.is_empty()).then_some(names)
    }

    /// Whether the neighbourhood is typed rather than chosen.
    pub fn bairro_is_typed(&self, cities: CitiesView<'_>) -> bool {
        match cities {
            CitiesView::Loading => false,
            CitiesView::Failed => true,
            CitiesView::Loaded([]) => true,
            CitiesView::Loaded(_) => match self.city {
                CityChoice::None => false,
                CityChoice::Other => true,
                CityChoice::Listed { .. } => self.neighbourhoods(cities).is_none(),
            },
        }
    }

    /// Whether `field` is a chooser (Enter opens a list) rather than text.
    pub fn is_chooser(&self, field: PField, cities: CitiesView<'_>) -> bool {
        match field {
            PField::City | PField::Plan => true,
            PField::Neighbourhood => !self.bairro_is_typed(cities),
            _ => false,
        }
    }

    /// The CEP's 8 digits, when the field holds a valid CEP.
    pub fn cep_digits(&self) -> Option<String> {
        cep::parse(self.cep.value())
            .ok()
            .map(|c| c.digits().to_owned())
    }

    /// The plans for the CEP typed now: `None` while the CEP is invalid
    /// or its plans were not read yet.
    pub fn current_plans(&self) -> Option<&[ProspectPlan]> {
        let cep = self.cep_digits()?;
        if self.plans_cep.as_deref() != Some(cep.as_str()) {
            return None;
        }
        self.plans.data.as_deref()
    }

    /// The chosen plan, among the plans for the CEP typed now.
    pub fn chosen_plan(&self) -> Option<&ProspectPlan> {
        let id = self.plan?;
        self.current_plans()?
            .iter()
            .find(|p| p.id_servico == Some(id))
    }

    /// Whether the plans of the CEP typed now must be read: the CEP is
    /// valid and differs from the one read (or being read).
    pub fn needs_plans(&self) -> Option<String> {
        let cep = self.cep_digits()?;
        (self.plans_cep.as_deref() != Some(cep.as_str())).then_some(cep)
    }

    /// The options of a chooser field, all of them.
    pub fn options(&self, field: PField, cities: CitiesView<'_>) -> Vec<Choice> {
        match field {
            PField::City => {
                let mut v: Vec<Choice> = cities
                    .list()
                    .iter()
                    .map(|c| Choice {
                        label: city_label(c),
                        value: ChoiceValue::City(CityChoice::Listed {
                            id: c.id_cidade,
                            name: c.nome.clone().unwrap_or_default(),
                        }),
                    })
                    .collect();
                if cities.offers() {
                    v.push(Choice {
                        label: String::new(),
                        value: ChoiceValue::City(CityChoice::Other),
                    });
                }
                v
            }
            PField::Neighbourhood => self
                .neighbourhoods(cities)
                .unwrap_or_default()
                .into_iter()
                .map(|n| Choice {
                    label: crate::sanitize::clean_line(n).into_owned(),
                    value: ChoiceValue::Neighbourhood(n.to_owned()),
                })
                .collect(),
            PField::Plan => self
                .current_plans()
                .unwrap_or_default()
                .iter()
                .filter_map(|p| {
                    Some(Choice {
                        label: plan_label(p),
                        value: ChoiceValue::Plan(p.id_servico?),
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The options the open picker shows (filtered by what was typed);
    /// `other` labels the "city not in the list" entry.
    pub fn picker_options(&self, cities: CitiesView<'_>, other: &str) -> Vec<Choice> {
        let Some(picker) = &self.picker else {
            return Vec::new();
        };
        let Some(field) = picker.field else {
            return Vec::new();
        };
        let needles: Vec<String> = fold(picker.filter.value())
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        self.options(field, cities)
            .into_iter()
            .map(|mut c| {
                if c.label.is_empty() {
                    c.label = other.to_owned();
                }
                c
            })
            .filter(|c| {
                let hay = fold(&c.label);
                needles.iter().all(|n| hay.contains(n.as_str()))
            })
            .collect()
    }

    /// Whether `value` is what `field` holds now.
    pub fn is_chosen(&self, value: &ChoiceValue) -> bool {
        match value {
            ChoiceValue::City(c) => &self.city == c,
            ChoiceValue::Neighbourhood(n) => self.bairro.as_deref() == Some(n.as_str()),
            ChoiceValue::Plan(id) => self.plan == Some(*id),
        }
    }

    /// Stores a choice; a new city forgets the old neighbourhood.
    pub fn choose(&mut self, value: ChoiceValue) {
        match value {
            ChoiceValue::City(c) => {
                if self.city != c {
                    self.bairro = None;
                }
                self.city = c;
                self.clear_error(PField::City);
                self.clear_error(PField::Neighbourhood);
            }
            ChoiceValue::Neighbourhood(n) => {
                self.bairro = Some(n);
                self.clear_error(PField::Neighbourhood);
            }
            ChoiceValue::Plan(id) => {
                self.plan = Some(id);
                self.clear_error(PField::Plan);
            }
        }
    }

    /// The message at `field` from the last submit.
    pub fn error(&self, field: PField) -> Option<&FieldMessage> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m)
    }

    fn clear_error(&mut self, field: PField) {
        self.errors.retain(|(f, _)| *f != field);
    }

    /// Puts `errors` at their fields and focuses the first one.
    pub fn show_errors(&mut self, errors: Vec<(PField, FieldMessage)>) {
        if let Some((first, _)) = errors.first() {
            self.focus = *first;
        }
        self.errors = errors;
    }

    fn text_mut(&mut self, field: PField, cities: CitiesView<'_>) -> Option<&mut Input> {
        Some(match field {
            PField::Name => &mut self.name,
            PField::Document => &mut self.document,
            PField::Phone => &mut self.phone,
            PField::Email => &mut self.email,
            PField::Cep => &mut self.cep,
            PField::Neighbourhood if self.bairro_is_typed(cities) => &mut self.bairro_text,
            PField::Street => &mut self.street,
            PField::Number => &mut self.number,
            PField::Note => &mut self.note,
            _ => return None,
        })
    }

    /// The text input of `field`, when it is typed.
    pub fn text(&self, field: PField, cities: CitiesView<'_>) -> Option<&Input> {
        Some(match field {
            PField::Name => &self.name,
            PField::Document => &self.document,
            PField::Phone => &self.phone,
            PField::Email => &self.email,
            PField::Cep => &self.cep,
            PField::Neighbourhood if self.bairro_is_typed(cities) => &self.bairro_text,
            PField::Street => &self.street,
            PField::Number => &self.number,
            PField::Note => &self.note,
            _ => return None,
        })
    }

    fn move_focus(&mut self, forward: bool) {
        let all = PField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = all.len();
        self.focus = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// Opens the chooser of `field` with `typed` as its filter.
    fn open_picker(&mut self, field: PField, typed: &str) {
        self.picker = Some(Picker {
            field: Some(field),
            filter: Input::new(typed.to_owned()),
            selected: 0,
        });
    }

    /// Steps the choice of `field` to the next or previous option.
    fn cycle(&mut self, field: PField, cities: CitiesView<'_>, forward: bool) -> bool {
        let options = self.options(field, cities);
        if options.is_empty() {
            return false;
        }
        let n = options.len();
        let next = match options.iter().position(|c| self.is_chosen(&c.value)) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        self.choose(options[next].value.clone());
        true
    }

    /// Handles one key; `other` labels the "city not in the list" entry
    /// of the city chooser (so filtering finds it by its localized name).
    ///
    /// | key | effect |
    /// |---|---|
    /// | `Tab` / `Down` | next field (in a chooser: next option) |
    /// | `Shift-Tab` / `Up` | previous field (in a chooser: previous option) |
    /// | `Left` / `Right` | on a chooser field: previous / next option |
    /// | `Enter` | on a chooser field: open its list; elsewhere submit |
    /// | a letter | on a chooser field: open its list filtered by it |
    /// | `Esc` | close the list, or leave the form (content kept) |
    pub fn handle_key(&mut self, key: KeyEvent, cities: CitiesView<'_>, other: &str) -> FormKey {
        if key.kind == KeyEventKind::Release {
            return FormKey::Ignored;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.picker.is_some() {
            return self.picker_key(key, cities, other);
        }
        let field = self.focus;
        let chooser = self.is_chooser(field, cities);
        match key.code {
            KeyCode::Esc => return FormKey::Leave,
            KeyCode::Tab | KeyCode::Down => self.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.move_focus(false),
            KeyCode::Enter if chooser => {
                // A held Enter must not open and choose in one go.
                if key.kind == KeyEventKind::Repeat {
                    return FormKey::Ignored;
                }
                self.open_picker(field, "");
            }
            KeyCode::Enter => {
                if key.kind == KeyEventKind::Repeat {
                    return FormKey::Ignored;
                }
                return FormKey::Submit;
            }
            KeyCode::Left | KeyCode::Right if chooser => {
                if !self.cycle(field, cities, key.code == KeyCode::Right) {
                    return FormKey::Ignored;
                }
            }
            KeyCode::Char(c) if chooser && plain && !c.is_control() => {
                self.open_picker(field, &c.to_string());
            }
            _ => {
                let Some(input) = self.text_mut(field, cities) else {
                    return FormKey::Ignored;
                };
                let changed = input
                    .handle_event(&Event::Key(key))
                    .is_some_and(|c| c.value);
                if !changed {
                    // Cursor moves still redraw.
                    return FormKey::Changed;
                }
                self.clear_error(field);
                if field == PField::Cep {
                    // The plan belongs to the old CEP's list.
                    self.clear_error(PField::Plan);
                }
            }
        }
        FormKey::Changed
    }

    fn picker_key(&mut self, key: KeyEvent, cities: CitiesView<'_>, other: &str) -> FormKey {
        let options = self.picker_options(cities, other);
        let Some(picker) = self.picker.as_mut() else {
            return FormKey::Ignored;
        };
        match key.code {
            KeyCode::Esc => self.picker = None,
            KeyCode::Up | KeyCode::BackTab => picker.selected = picker.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => {
                picker.selected = (picker.selected + 1).min(options.len().saturating_sub(1));
            }
            KeyCode::PageUp => picker.selected = picker.selected.saturating_sub(10),
            KeyCode::PageDown => {
                picker.selected = (picker.selected + 10).min(options.len().saturating_sub(1));
            }
            KeyCode::Enter => {
                if key.kind == KeyEventKind::Repeat {
                    return FormKey::Ignored;
                }
                let Some(choice) = options.get(picker.selected).cloned() else {
                    return FormKey::Ignored;
                };
                self.picker = None;
                self.choose(choice.value);
                self.move_focus(true);
            }
            _ => {
                if picker
                    .filter
                    .handle_event(&Event::Key(key))
                    .is_some_and(|c| c.value)
                {
                    picker.selected = 0;
                } else {
                    return FormKey::Ignored;
                }
            }
        }
        FormKey::Changed
    }

    /// Inserts pasted text into the focused text field (one clean line).
    pub fn paste(&mut self, text: &str, cities: CitiesView<'_>) -> bool {
        if self.picker.is_some() {
            return false;
        }
        let field = self.focus;
        let clean = crate::sanitize::clean_line(text).into_owned();
        let Some(input) = self.text_mut(field, cities) else {
            return false;
        };
        let changed = crate::app::forms::insert_text(input, &clean);
        if changed {
            self.clear_error(field);
        }
        changed
    }

    /// The request, or every problem at its field. The person type follows
    /// from the document; the phone goes as `DDNNNNNNNNN`; the plan must be
    /// one of the plans read for the CEP typed now.
    pub fn to_request(
        &self,
        cities: CitiesView<'_>,
    ) -> Result<NewProspect, Vec<(PField, FieldMessage)>> {
        let mut errors: Vec<(PField, FieldMessage)> = Vec::new();
        let required = |field: PField, value: &str, errors: &mut Vec<_>| {
            if value.trim().is_empty() {
                errors.push((field, FieldMessage::new(T::FieldEmpty)));
            }
        };
        required(PField::Name, self.name.value(), &mut errors);
        let document = match doc::parse(self.document.value()) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push((PField::Document, FieldMessage::from_error(&e)));
                None
            }
        };
        let phone = match phone::parse(self.phone.value()) {
            Ok(p) => Some(p.digits().to_owned()),
            Err(e) => {
                errors.push((PField::Phone, FieldMessage::from_error(&e)));
                None
            }
        };
        let email = if self.email.value().trim().is_empty() {
            None
        } else {
            match email::validate(self.email.value()) {
                Ok(e) => Some(e.to_owned()),
                Err(e) => {
                    errors.push((PField::Email, FieldMessage::from_error(&e)));
                    None
                }
            }
        };
        let cep = match cep::parse(self.cep.value()) {
            Ok(c) => Some(c.digits().to_owned()),
            Err(e) => {
                errors.push((PField::Cep, FieldMessage::from_error(&e)));
                None
            }
        };
        match cities {
            CitiesView::Loading => {
                errors.push((PField::City, FieldMessage::new(T::SalesCitiesLoading)));
            }
            CitiesView::Loaded(list) if !list.is_empty() => match &self.city {
                CityChoice::None => {
                    errors.push((PField::City, FieldMessage::new(T::SalesChooseCity)));
                }
                CityChoice::Listed { .. } if self.listed_city(cities).is_none() => {
                    errors.push((PField::City, FieldMessage::new(T::SalesChooseCity)));
                }
                _ => {}
            },
            _ => {}
        }
        let bairro = if self.bairro_is_typed(cities) {
            let b = self.bairro_text.value().trim().to_owned();
            required(PField::Neighbourhood, &b, &mut errors);
            Some(b)
        } else {
            match (&self.bairro, self.neighbourhoods(cities)) {
                (Some(b), Some(list)) if list.contains(&b.as_str()) => Some(b.clone()),
                _ if matches!(self.city, CityChoice::None) => None,
                _ => {
                    errors.push((
                        PField::Neighbourhood,
                        FieldMessage::new(T::SalesChooseNeighbourhood),
                    ));
                    None
                }
            }
        };
        required(PField::Street, self.street.value(), &mut errors);
        required(PField::Number, self.number.value(), &mut errors);
        let plan = match (cep.is_some(), self.current_plans(), self.chosen_plan()) {
            (_, _, Some(p)) => Some(p),
            (false, _, None) => {
                errors.push((PField::Plan, FieldMessage::new(T::SalesPlanNeedsCep)));
                None
            }
            (true, None, None) if self.plans.loading() => {
                errors.push((PField::Plan, FieldMessage::new(T::SalesPlansLoading)));
                None
            }
            (true, None, None) if self.plans.error.is_some() => {
                errors.push((PField::Plan, FieldMessage::new(T::SalesPlansFailed)));
                None
            }
            (true, Some([]), None) => {
                errors.push((PField::Plan, FieldMessage::new(T::SalesNoPlans)));
                None
            }
            (true, _, None) => {
                errors.push((PField::Plan, FieldMessage::new(T::SalesChoosePlan)));
                None
            }
        };
        // Fields in focus order, so the first message is the first field.
        errors.sort_by_key(|(f, _)| PField::ALL.iter().position(|x| x == f));
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(document), Some(phone), Some(cep), Some(bairro), Some(plan)) =
            (document, phone, cep, bairro, plan)
        else {
            return Err(vec![(PField::Name, FieldMessage::new(T::FieldEmpty))]);
        };
        let note = self.note.value().trim();
        Ok(NewProspect {
            cep,
            id_servico: plan.id_servico.unwrap_or(0),
            valor: plan.valor.unwrap_or(Decimal::ZERO),
            nome_razaosocial: self.name.value().trim().to_owned(),
            cpf_cnpj: document.plain().to_owned(),
            telefone: phone,
            email,
            observacao: (!note.is_empty()).then(|| note.to_owned()),
            tipo_pessoa: match document.kind() {
                DocKind::Cpf => PersonKind::Individual,
                DocKind::Cnpj => PersonKind::Company,
            },
            bairro,
            endereco: self.street.value().trim().to_owned(),
            numero: self.number.value().trim().to_owned(),
        })
    }
}

/// The in-flight key of a prospect: its document (the server refuses a
/// second prospect with the same one).
pub fn document_key(plain: &str) -> u64 {
    plain.parse::<u64>().unwrap_or_else(|_| {
        // Alphanumeric CNPJ: FNV-1a of its characters.
        plain.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    })
}
