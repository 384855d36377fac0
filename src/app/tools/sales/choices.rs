//! The lists the new-prospect form chooses from: the cities list (`GET
//! /endereco/cidade`) with each city's neighbourhoods, and the plans
//! offered at the CEP typed (`GET /prospecto/create?cep=`), with the lines
//! they show in a list.
//!
//! The form keeps what was *chosen* (a city's id and name, a
//! neighbourhood's name, a plan's `id_servico`) rather than a position in
//! a list, so a list read again does not change the choice behind the
//! attendant's back; the lists themselves are looked up when drawing and
//! validating.

use crate::api::City;
use crate::api::prospects::{PersonKind, ProspectPlan};
use crate::app::Remote;
use crate::app::forms::FieldId;
use crate::br::doc::{self, DocKind};

use super::form::ProspectForm;

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

    pub(super) fn list(self) -> &'a [City] {
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

/// One option of a list field: what is shown, and what choosing it stores.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The text in the list (empty for "city not in the list", which is
    /// labelled in the attendant's language).
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

/// A plan's line in a list: name · R$ value (the screen adds the speeds,
/// which are a drawing matter).
pub fn plan_label(p: &ProspectPlan) -> String {
    let name = crate::sanitize::clean_line(p.descricao.as_deref().unwrap_or("—")).into_owned();
    match p.valor {
        Some(v) => format!("{name} · {}", crate::br::money::format_brl(v)),
        None => name,
    }
}

/// A city's line in a list: name - UF.
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

    /// Whether `field` is chosen from a list (Enter opens it) rather than
    /// typed.
    pub fn is_chooser(&self, field: FieldId, cities: CitiesView<'_>) -> bool {
        match field {
            FieldId::City | FieldId::Plan => true,
            FieldId::Neighbourhood => !self.bairro_is_typed(cities),
            _ => false,
        }
    }

    /// The options of a list field, all of them.
    pub fn options(&self, field: FieldId, cities: CitiesView<'_>) -> Vec<Choice> {
        match field {
            FieldId::City => {
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
            FieldId::Neighbourhood => self
                .neighbourhoods(cities)
                .unwrap_or_default()
                .into_iter()
                .map(|n| Choice {
                    label: crate::sanitize::clean_line(n).into_owned(),
                    value: ChoiceValue::Neighbourhood(n.to_owned()),
                })
                .collect(),
            FieldId::Plan => self
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

    /// The options of `field` with their labels as shown; `other` labels
    /// the "city not in the list" entry (so filtering finds it by its
    /// localized name).
    pub fn labelled_options(
        &self,
        field: FieldId,
        cities: CitiesView<'_>,
        other: &str,
    ) -> Vec<Choice> {
        self.options(field, cities)
            .into_iter()
            .map(|mut c| {
                if c.label.is_empty() {
                    c.label = other.to_owned();
                }
                c
            })
            .collect()
    }

    /// The rows of the open list (filtered by what was typed), by the
    /// engine's own filter.
    pub fn picker_options(&self, cities: CitiesView<'_>, other: &str) -> Vec<Choice> {
        let Some(picker) = self.form().picker() else {
            return Vec::new();
        };
        let options = self.labelled_options(picker.field, cities, other);
        let labels: Vec<String> = options.iter().map(|c| c.label.clone()).collect();
        crate::app::forms::pick::filtered(&labels, picker.filter.value())
            .into_iter()
            .map(|i| options[i].clone())
            .collect()
    }

    /// Whether `value` is what its field holds now.
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
            }
            ChoiceValue::Neighbourhood(n) => self.bairro = Some(n),
            ChoiceValue::Plan(id) => self.plan = Some(id),
        }
    }
}
