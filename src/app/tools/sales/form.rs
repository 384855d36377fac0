//! The new-prospect form (`POST /prospecto`), on the one form engine of
//! [`crate::app::forms`].
//!
//! Its fields live in an engine [`Form`]: eight text fields and three list
//! fields. The city and the plan are [`Control::Pick`] fields whose options
//! are lists that arrive from the server while the attendant types (see
//! [`super::choices`]); the neighbourhood is a text field that the form
//! turns into a list while the chosen city has one. Keys, pastes, focus,
//! validation at the field, the refusal banner and keeping every character
//! after a failed submit are the engine's, exactly as for the ticket,
//! unlock and invoice forms: [`ProspectForm::bind`] lends the form, with
//! the cities list it needs, to the engine as an [`ActionForm`].
//!
//! HubSoft does not say which city a CEP belongs to (the plans answer has
//! no city), so the attendant picks the city from the cities list, then the
//! neighbourhood from that city's `bairros`. A free-text neighbourhood is
//! only offered when the city is not in the list ("other city"), when the
//! listed city has no neighbourhoods, or when the list cannot be read.

use rust_decimal::Decimal;
use tui_input::Input;

use crate::api::prospects::{NewProspect, PersonKind, ProspectPlan};
use crate::app::Remote;
use crate::app::forms::{
    ActionForm, Control, Field, FieldId, FieldMessage, Form, FormErrors, check,
    check_optional_email, check_phone, required,
};
use crate::app::inflight::ActionKind;
use crate::br::doc::DocKind;
use crate::br::{cep, doc};
use crate::i18n::Msg as T;

pub use super::choices::*;

/// Every field, in focus order.
pub const FIELDS: [FieldId; 11] = [
    FieldId::Name,
    FieldId::Document,
    FieldId::Phone,
    FieldId::Email,
    FieldId::Cep,
    FieldId::City,
    FieldId::Neighbourhood,
    FieldId::Street,
    FieldId::Number,
    FieldId::Plan,
    FieldId::Note,
];

/// A field's label.
fn label(id: FieldId) -> T {
    match id {
        FieldId::Document => T::SalesFieldDocument,
        FieldId::Phone => T::SalesFieldPhone,
        FieldId::Email => T::SalesFieldEmail,
        FieldId::Cep => T::SalesFieldCep,
        FieldId::City => T::SalesFieldCity,
        FieldId::Neighbourhood => T::SalesFieldNeighbourhood,
        FieldId::Street => T::SalesFieldStreet,
        FieldId::Number => T::SalesFieldNumber,
        FieldId::Plan => T::SalesFieldPlan,
        FieldId::Note => T::SalesFieldNote,
        _ => T::SalesFieldName,
    }
}

/// The form's state: the engine's fields plus what was chosen from the
/// lists, and the plans read for the CEP typed.
#[derive(Debug, Clone)]
pub struct ProspectForm {
    form: Form,
    /// The city.
    pub city: CityChoice,
    /// The neighbourhood chosen from the city's list (the typed one is the
    /// text of [`FieldId::Neighbourhood`]).
    pub bairro: Option<String>,
    /// The chosen plan's `id_servico`.
    pub plan: Option<u64>,
    /// The plans offered at [`ProspectForm::plans_cep`].
    pub plans: Remote<Vec<ProspectPlan>>,
    /// The CEP (8 digits) the plans were read for.
    pub plans_cep: Option<String>,
}

impl Default for ProspectForm {
    fn default() -> Self {
        ProspectForm::new()
    }
}

/// The form lent to the engine together with the cities list its list
/// fields need; `other` labels the "city not in the list" entry.
pub struct Bound<'a> {
    form: &'a mut ProspectForm,
    cities: CitiesView<'a>,
    other: &'a str,
}

impl ProspectForm {
    /// A blank form, the focus on the name.
    pub fn new() -> ProspectForm {
        let fields = FIELDS
            .iter()
            .map(|&id| match id {
                FieldId::City | FieldId::Plan => Field::pick(id, label(id)),
                _ => Field::text(id, label(id), ""),
            })
            .collect();
        ProspectForm {
            form: Form::new(ActionKind::CreateProspect, fields),
            city: CityChoice::None,
            bairro: None,
            plan: None,
            plans: Remote::default(),
            plans_cep: None,
        }
    }

    /// The engine's state: fields, focus, messages, banner, open list.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The engine's state, mutable (e.g. to set a banner after a refusal).
    pub fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    /// The form as the engine's [`ActionForm`], with the cities list.
    pub fn bind<'a>(&'a mut self, cities: CitiesView<'a>, other: &'a str) -> Bound<'a> {
        Bound {
            form: self,
            cities,
            other,
        }
    }

    /// The text typed in `id` (the typed neighbourhood for
    /// [`FieldId::Neighbourhood`]).
    pub fn value(&self, id: FieldId) -> &str {
        self.form.value(id)
    }

    /// Starts the form at CEP `cep` (as shown) with `plans` read for its
    /// `digits` and plan `plan` chosen; the focus goes to the name.
    pub fn start_at(
        &mut self,
        cep: &str,
        digits: &str,
        plans: Option<Vec<ProspectPlan>>,
        plan: Option<u64>,
    ) {
        self.form.set_text(FieldId::Cep, cep);
        self.plans = Remote {
            data: plans,
            pending: None,
            error: None,
        };
        self.plans_cep = Some(digits.to_owned());
        self.plan = plan;
        self.form.focus(FieldId::Name);
    }

    /// The text input of `field`, when it is typed now.
    pub fn text(&self, field: FieldId, cities: CitiesView<'_>) -> Option<&Input> {
        if self.is_chooser(field, cities) {
            return None;
        }
        match &self.form.field(field).control {
            Control::Text(input) => Some(input),
            _ => None,
        }
    }

    /// The CEP's 8 digits, when the field holds a valid CEP.
    pub fn cep_digits(&self) -> Option<String> {
        cep::parse(self.value(FieldId::Cep))
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

    /// The request, or every problem at its field (in field order). The
    /// person type follows from the document; the phone goes as
    /// `DDNNNNNNNNN`; the plan must be one of the plans read for the CEP
    /// typed now. Checked by the engine at `Enter` like every form's.
    pub fn to_request(&self, cities: CitiesView<'_>) -> Result<NewProspect, FormErrors> {
        let f = &self.form;
        let mut errors = FormErrors::default();
        required(&mut errors, FieldId::Name, f.value(FieldId::Name));
        let document = check(
            &mut errors,
            FieldId::Document,
            doc::parse(f.value(FieldId::Document)),
        );
        let phone = check_phone(&mut errors, FieldId::Phone, f.value(FieldId::Phone));
        let email = check_optional_email(&mut errors, FieldId::Email, f.value(FieldId::Email));
        let cep = check(&mut errors, FieldId::Cep, cep::parse(f.value(FieldId::Cep)))
            .map(|c| c.digits().to_owned());
        match cities {
            CitiesView::Loading => {
                errors.push(FieldId::City, FieldMessage::new(T::SalesCitiesLoading));
            }
            CitiesView::Loaded(list) if !list.is_empty() => match &self.city {
                CityChoice::None => {
                    errors.push(FieldId::City, FieldMessage::new(T::SalesChooseCity));
                }
                CityChoice::Listed { .. } if self.listed_city(cities).is_none() => {
                    errors.push(FieldId::City, FieldMessage::new(T::SalesChooseCity));
                }
                _ => {}
            },
            _ => {}
        }
        let bairro = if self.bairro_is_typed(cities) {
            let b = f.value(FieldId::Neighbourhood).trim().to_owned();
            required(&mut errors, FieldId::Neighbourhood, &b);
            Some(b)
        } else {
            match (&self.bairro, self.neighbourhoods(cities)) {
                (Some(b), Some(list)) if list.contains(&b.as_str()) => Some(b.clone()),
                _ if matches!(self.city, CityChoice::None) => None,
                _ => {
                    errors.push(
                        FieldId::Neighbourhood,
                        FieldMessage::new(T::SalesChooseNeighbourhood),
                    );
                    None
                }
            }
        };
        required(&mut errors, FieldId::Street, f.value(FieldId::Street));
        required(&mut errors, FieldId::Number, f.value(FieldId::Number));
        let plan = self.chosen_plan();
        if plan.is_none() {
            let why = match (cep.is_some(), self.current_plans()) {
                (false, _) => T::SalesPlanNeedsCep,
                (true, None) if self.plans.loading() => T::SalesPlansLoading,
                (true, None) if self.plans.error.is_some() => T::SalesPlansFailed,
                (true, Some([])) => T::SalesNoPlans,
                (true, _) => T::SalesChoosePlan,
            };
            errors.push(FieldId::Plan, FieldMessage::new(why));
        }
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let (Some(document), Some(phone), Some(cep), Some(bairro), Some(plan)) =
            (document, phone, cep, bairro, plan)
        else {
            return Err(FormErrors(vec![(
                FieldId::Name,
                FieldMessage::new(T::FieldEmpty),
            )]));
        };
        let note = f.value(FieldId::Note).trim();
        Ok(NewProspect {
            cep,
            id_servico: plan.id_servico.unwrap_or(0),
            valor: plan.valor.unwrap_or(Decimal::ZERO),
            nome_razaosocial: f.value(FieldId::Name).trim().to_owned(),
            cpf_cnpj: document.plain().to_owned(),
            telefone: phone,
            email,
            observacao: (!note.is_empty()).then(|| note.to_owned()),
            tipo_pessoa: match document.kind() {
                DocKind::Cpf => PersonKind::Individual,
                DocKind::Cnpj => PersonKind::Company,
            },
            bairro,
            endereco: f.value(FieldId::Street).trim().to_owned(),
            numero: f.value(FieldId::Number).trim().to_owned(),
        })
    }
}

impl ActionForm for Bound<'_> {
    fn form(&self) -> &Form {
        &self.form.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form.form
    }

    fn check(&self) -> Result<(), FormErrors> {
        self.form.to_request(self.cities).map(|_| ())
    }

    fn changed(&mut self, id: FieldId) {
        let dependent = match id {
            // The plan belongs to the old CEP's list.
            FieldId::Cep => FieldId::Plan,
            // The neighbourhood belongs to the old city.
            FieldId::City => FieldId::Neighbourhood,
            _ => return,
        };
        self.form.form.field_mut(dependent).error = None;
    }

    fn picks(&self, id: FieldId) -> bool {
        self.form.is_chooser(id, self.cities)
    }

    fn options(&self, id: FieldId) -> Vec<String> {
        self.form
            .labelled_options(id, self.cities, self.other)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    fn chosen(&self, id: FieldId) -> Option<usize> {
        self.form
            .options(id, self.cities)
            .iter()
            .position(|c| self.form.is_chosen(&c.value))
    }

    fn choose(&mut self, id: FieldId, index: usize) {
        if let Some(c) = self.form.options(id, self.cities).into_iter().nth(index) {
            self.form.choose(c.value);
        }
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
