//! The cities screen: the cities with active customers and their
//! neighbourhoods (`GET /endereco/cidade`). The prospect form reads the
//! same list to offer neighbourhoods.

use crossterm::event::KeyEvent;

use crate::api::City;

use super::super::keymap::Action;
use super::super::{App, Changed, Effect, Remote};
use super::{ListFilter, ToolRequest, ToolSlot, fetch, move_selection};

/// The cities screen.
#[derive(Debug, Default)]
pub struct CitiesState {
    /// The cities, as last read.
    pub cities: Remote<Vec<City>>,
    /// The `/` filter (city, state or neighbourhood).
    pub filter: ListFilter,
    /// Selected row among the filtered cities.
    pub selected: usize,
}

impl CitiesState {
    /// The indexes of the cities the filter lets through, in server order.
    pub fn visible(&self) -> Vec<usize> {
        let Some(cities) = &self.cities.data else {
            return Vec::new();
        };
        self.filter.apply(cities, city_texts)
    }

    /// The selected city, if the filter leaves any.
    pub fn selected_city(&self) -> Option<&City> {
        let i = *self.visible().get(self.selected)?;
        self.cities.data.as_ref()?.get(i)
    }

    /// Keeps the selection inside the filtered list.
    pub fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

/// What the filter searches in a city: its name, its state, and every
/// neighbourhood (so "Centro" finds the cities that have one).
pub fn city_texts(c: &City) -> Vec<&str> {
    let mut v: Vec<&str> = [c.nome.as_deref(), c.uf.as_deref(), c.estado.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    v.extend(c.bairros.iter().filter_map(|b| b.nome.as_deref()));
    v
}

/// Loads the list the first time the screen opens (and after an error).
pub fn opened(app: &mut App, fx: &mut Vec<Effect>) {
    ensure_loaded(app, fx);
}

/// Reads the cities unless they are loaded or loading; the prospect form
/// calls this too.
pub fn ensure_loaded(app: &mut App, fx: &mut Vec<Effect>) {
    let r = &app.tools.cities.cities;
    if r.data.is_none() && !r.loading() {
        reload(app, fx);
    }
}

fn reload(app: &mut App, fx: &mut Vec<Effect>) {
    fetch(
        app,
        ToolSlot::Cities,
        ToolRequest::Cities,
        |t| &mut t.cities.cities,
        fx,
    );
}

/// A key on the cities screen.
pub fn key(app: &mut App, key: KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    let page = super::super::page(app);
    let state = &mut app.tools.cities;
    if state.filter.editing {
        let changed = state.filter.key(key, action);
        state.selected = 0;
        state.clamp();
        return changed;
    }
    let Some(action) = action else {
        return Changed::No;
    };
    match action {
        // "/" searches everywhere else; on a list screen it filters.
        Action::Search => {
            state.filter.editing = true;
            Changed::Yes
        }
        Action::Back if !state.filter.is_empty() => {
            state.filter.input.reset();
            state.clamp();
            Changed::Yes
        }
        Action::Back => super::close(app),
        Action::Refresh | Action::RefreshAll => {
            reload(app, fx);
            Changed::Yes
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Neighbourhood;

    fn city(name: &str, uf: &str, bairros: &[&str]) -> City {
        City {
            id_cidade: Some(1),
            nome: Some(name.into()),
            uf: Some(uf.into()),
            bairros: bairros
                .iter()
                .map(|b| Neighbourhood {
                    nome: Some((*b).into()),
                })
                .collect(),
            ..City::default()
        }
    }

    #[test]
    fn filter_finds_cities_by_neighbourhood() {
        let mut s = CitiesState::default();
        s.cities.data = Some(vec![
            city("Divinópolis", "MG", &["Centro", "Bom Pastor"]),
            city("Formiga", "MG", &["Água Vermelha"]),
        ]);
        s.filter.input = "agua".into();
        assert_eq!(s.visible(), vec![1]);
        s.filter.input = "pastor".into();
        assert_eq!(
            s.selected_city().and_then(|c| c.nome.as_deref()),
            Some("Divinópolis")
        );
    }

    #[test]
    fn clamp_keeps_selection_in_the_filtered_list() {
        let mut s = CitiesState::default();
        s.cities.data = Some(vec![city("A", "MG", &[]), city("B", "MG", &[])]);
        s.selected = 1;
        s.filter.input = "a".into();
        s.clamp();
        assert_eq!(s.selected, 0);
    }
}
