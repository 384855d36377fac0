//! The list tabs of the sales screen: prospects by name and plans by CEP,
//! each a one-line field on top ([`QueryField`]), the answer with its `/`
//! filter, and the selected row.

use crossterm::event::{Event as CtEvent, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::prospects::{Prospect, ProspectPlan, ProspectPlansQuery, ProspectSearch};
use crate::app::forms::FieldMessage;
use crate::app::keymap::Action;
use crate::app::{App, Changed, Effect, Remote};
use crate::br::cep::{self, Cep};
use crate::i18n::Msg as T;

use super::super::{ListFilter, ToolRequest, ToolSlot, fetch, move_selection};
use super::{SalesTab, prospect_for_plan, show};

/// The one-line field at the top of a list tab (name or CEP).
#[derive(Debug, Clone)]
pub struct QueryField {
    /// The text.
    pub input: Input,
    /// The field has the keyboard.
    pub editing: bool,
    /// Why the last Enter sent nothing.
    pub error: Option<FieldMessage>,
}

impl Default for QueryField {
    fn default() -> Self {
        QueryField {
            input: Input::default(),
            editing: true,
            error: None,
        }
    }
}

enum QueryKey {
    Submit,
    Leave,
    Changed,
    Ignored,
}

impl QueryField {
    fn key(&mut self, key: KeyEvent, action: Option<Action>) -> QueryKey {
        match action {
            Some(Action::Open) => QueryKey::Submit,
            Some(Action::Back) => QueryKey::Leave,
            _ => {
                let typing = !matches!(key.code, KeyCode::Char(c) if c.is_control());
                match self.input.handle_event(&CtEvent::Key(key)) {
                    Some(r) if typing => {
                        if r.value {
                            self.error = None;
                        }
                        QueryKey::Changed
                    }
                    _ => QueryKey::Ignored,
                }
            }
        }
    }
}

/// The prospects tab.
#[derive(Debug, Default)]
pub struct ProspectsTab {
    /// The name field.
    pub query: QueryField,
    /// The name of the last search sent.
    pub term: Option<String>,
    /// Its answer.
    pub results: Remote<Vec<Prospect>>,
    /// `/` filter over the answer.
    pub filter: ListFilter,
    /// Selected row among the filtered ones.
    pub selected: usize,
    /// Select this prospect when the answer arrives (the one just created).
    pub select_id: Option<u64>,
}

/// What the filter searches in a prospect.
fn prospect_texts(p: &Prospect) -> Vec<&str> {
    [
        p.nome_razaosocial.as_deref(),
        p.cpf_cnpj.as_deref(),
        p.telefone.as_deref(),
        p.email.as_deref(),
        p.observacao.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

impl ProspectsTab {
    /// Indexes of the rows the filter leaves.
    pub fn visible(&self) -> Vec<usize> {
        match &self.results.data {
            Some(rows) => self.filter.apply(rows, prospect_texts),
            None => Vec::new(),
        }
    }

    /// The selected prospect.
    pub fn selected_prospect(&self) -> Option<&Prospect> {
        let i = *self.visible().get(self.selected)?;
        self.results.data.as_ref()?.get(i)
    }

    pub(super) fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

/// The plans tab.
#[derive(Debug, Default)]
pub struct PlansTab {
    /// The CEP field.
    pub query: QueryField,
    /// The CEP of the last read sent.
    pub cep: Option<Cep>,
    /// Its answer.
    pub plans: Remote<Vec<ProspectPlan>>,
    /// `/` filter.
    pub filter: ListFilter,
    /// Selected row among the filtered ones.
    pub selected: usize,
}

/// What the filter searches in a plan.
fn plan_texts(p: &ProspectPlan) -> Vec<&str> {
    [p.descricao.as_deref(), p.nome_radius.as_deref()]
        .into_iter()
        .flatten()
        .collect()
}

impl PlansTab {
    /// Indexes of the rows the filter leaves.
    pub fn visible(&self) -> Vec<usize> {
        match &self.plans.data {
            Some(rows) => self.filter.apply(rows, plan_texts),
            None => Vec::new(),
        }
    }

    /// The selected plan.
    pub fn selected_plan(&self) -> Option<&ProspectPlan> {
        let i = *self.visible().get(self.selected)?;
        self.plans.data.as_ref()?.get(i)
    }

    pub(super) fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

fn filter_mut(app: &mut App, tab: SalesTab) -> &mut ListFilter {
    match tab {
        SalesTab::Prospects => &mut app.tools.sales.prospects.filter,
        _ => &mut app.tools.sales.plans.filter,
    }
}

fn query_mut(app: &mut App, tab: SalesTab) -> &mut QueryField {
    match tab {
        SalesTab::Prospects => &mut app.tools.sales.prospects.query,
        _ => &mut app.tools.sales.plans.query,
    }
}

fn clamp(app: &mut App, tab: SalesTab) {
    match tab {
        SalesTab::Prospects => app.tools.sales.prospects.clamp(),
        _ => app.tools.sales.plans.clamp(),
    }
}

pub(super) fn list_key(
    app: &mut App,
    tab: SalesTab,
    key: KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    let page = crate::app::page(app);
    if filter_mut(app, tab).editing {
        let changed = filter_mut(app, tab).key(key, action);
        match tab {
            SalesTab::Prospects => app.tools.sales.prospects.selected = 0,
            _ => app.tools.sales.plans.selected = 0,
        }
        clamp(app, tab);
        return changed;
    }
    match action {
        Some(Action::NextPane) => return show(app, tab.step(true), fx),
        Some(Action::PrevPane) => return show(app, tab.step(false), fx),
        _ => {}
    }
    if query_mut(app, tab).editing {
        let has_data = match tab {
            SalesTab::Prospects => app.tools.sales.prospects.results.data.is_some(),
            _ => app.tools.sales.plans.plans.data.is_some(),
        };
        return match query_mut(app, tab).key(key, action) {
            QueryKey::Submit => match tab {
                SalesTab::Prospects => search(app, fx),
                _ => read_plans(app, fx),
            },
            QueryKey::Leave if has_data => {
                query_mut(app, tab).editing = false;
                Changed::Yes
            }
            QueryKey::Leave => super::super::close(app),
            QueryKey::Changed => Changed::Yes,
            QueryKey::Ignored => Changed::No,
        };
    }
    let Some(action) = action else {
        return Changed::No;
    };
    match action {
        Action::GoToPane(n) => match SalesTab::ALL.get(usize::from(n).wrapping_sub(1)) {
            Some(t) => show(app, *t, fx),
            None => Changed::No,
        },
        Action::Search => {
            filter_mut(app, tab).editing = true;
            Changed::Yes
        }
        Action::Back if !filter_mut(app, tab).is_empty() => {
            filter_mut(app, tab).input.reset();
            clamp(app, tab);
            Changed::Yes
        }
        Action::Back => {
            query_mut(app, tab).editing = true;
            Changed::Yes
        }
        Action::Refresh | Action::RefreshAll => match tab {
            SalesTab::Prospects => refresh_prospects(app, fx),
            _ => refresh_plans(app, fx),
        },
        Action::Open if tab == SalesTab::Plans => prospect_for_plan(app, fx),
        nav => {
            let s = &mut app.tools.sales;
            let rows = match tab {
                SalesTab::Prospects => s.prospects.visible().len(),
                _ => s.plans.visible().len(),
            };
            let selected = match tab {
                SalesTab::Prospects => &mut s.prospects.selected,
                _ => &mut s.plans.selected,
            };
            match move_selection(nav, *selected, rows, page) {
                Some(to) if to != *selected => {
                    *selected = to;
                    Changed::Yes
                }
                _ => Changed::No,
            }
        }
    }
}

/// Enter in the name field: searches, or says why not.
fn search(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    let p = &mut app.tools.sales.prospects;
    let term = p.query.input.value().trim().to_owned();
    if term.is_empty() {
        p.query.error = Some(FieldMessage::new(T::FieldEmpty));
        return Changed::Yes;
    }
    p.query.editing = false;
    p.select_id = None;
    send_search(app, term, fx);
    Changed::Yes
}

pub(super) fn send_search(app: &mut App, term: String, fx: &mut Vec<Effect>) {
    let p = &mut app.tools.sales.prospects;
    p.term = Some(term.clone());
    p.filter.input.reset();
    p.selected = 0;
    fetch(
        app,
        ToolSlot::Prospects,
        ToolRequest::Prospects(ProspectSearch { busca: term }),
        |t| &mut t.sales.prospects.results,
        fx,
    );
}

fn refresh_prospects(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    match app.tools.sales.prospects.term.clone() {
        Some(term) => {
            send_search(app, term, fx);
            Changed::Yes
        }
        None => Changed::No,
    }
}

/// Enter in the CEP field: reads its plans, or puts the problem at the
/// field.
fn read_plans(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    let p = &mut app.tools.sales.plans;
    match cep::parse(p.query.input.value()) {
        Ok(c) => {
            p.query.editing = false;
            send_plans(app, c, fx);
        }
        Err(e) => p.query.error = Some(FieldMessage::from_error(&e)),
    }
    Changed::Yes
}

fn send_plans(app: &mut App, cep: Cep, fx: &mut Vec<Effect>) {
    let p = &mut app.tools.sales.plans;
    let digits = cep.digits().to_owned();
    p.cep = Some(cep);
    p.filter.input.reset();
    p.selected = 0;
    // The old CEP's plans must not pass for the new one's while it loads.
    p.plans.data = None;
    fetch(
        app,
        ToolSlot::Plans,
        ToolRequest::Plans(ProspectPlansQuery { cep: digits }),
        |t| &mut t.sales.plans.plans,
        fx,
    );
}

fn refresh_plans(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    match app.tools.sales.plans.cep.clone() {
        Some(c) => {
            send_plans(app, c, fx);
            Changed::Yes
        }
        None => Changed::No,
    }
}
