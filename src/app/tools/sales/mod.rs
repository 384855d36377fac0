//! The sales screen (issue 7): prospects, the plans offered at a CEP, and
//! the form that registers a new prospect.
//!
//! Three tabs, each a [`Tool::Sales`](super::Tool::Sales) screen so the
//! palette and the keys can open any of them directly:
//!
//! - **Prospects**: a name typed in the search field (`GET /prospecto?busca=`,
//!   which matches the name only), the results with `/` to filter them, and
//!   the selected prospect's details.
//! - **Plans**: a CEP typed in the field (`GET /prospecto/create?cep=`), the
//!   plans with their speeds and prices; Enter on a plan starts a prospect
//!   for that CEP and plan.
//! - **New prospect**: the [`form::ProspectForm`]. Its submission is an
//!   action like the customer-view ones: a confirmation, then
//!   [`crate::app::actions::send`] (read-only check, exactly-once guard,
//!   audit trail), and the answer comes back here through [`on_done`].

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

use std::collections::HashMap;

use crate::api::ApiError;
use crate::api::prospects::{Prospect, ProspectPlan, ProspectPlansQuery, ProspectService};
use crate::br::cep;
use crate::i18n::{Msg as T, tr, trf};

use super::super::actions::{ActionReply, confirm_overlay};
use super::super::confirm::{ActionRequest, ActionTarget};
use super::super::forms::{ActionForm, Banner, FieldId, FormOutcome, paste};
use super::super::inflight::{ActionKind, Outcome};
use super::super::keymap::Action;
use super::super::status::StatusKind;
use super::super::{App, Changed, Effect, Screen};
use super::{Tool, ToolRequest, ToolSlot, fetch};

pub mod choices;
pub mod form;
mod lists;

pub use lists::{PlansTab, ProspectsTab, QueryField};
use lists::{list_key, send_search};

use form::{CitiesView, ProspectForm};

/// A tab of the sales screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SalesTab {
    /// Search prospects by name.
    Prospects,
    /// Plans for a CEP.
    Plans,
    /// Register a prospect.
    New,
}

impl SalesTab {
    /// In tab order.
    pub const ALL: [SalesTab; 3] = [SalesTab::Prospects, SalesTab::Plans, SalesTab::New];

    /// The tab's title.
    pub fn title(self) -> T {
        match self {
            SalesTab::Prospects => T::SalesTabProspects,
            SalesTab::Plans => T::SalesTabPlans,
            SalesTab::New => T::SalesTabNew,
        }
    }

    /// The key action that opens it.
    pub fn action(self) -> Action {
        match self {
            SalesTab::Prospects => Action::Sales,
            SalesTab::Plans => Action::SalesPlans,
            SalesTab::New => Action::NewProspect,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn step(self, forward: bool) -> SalesTab {
        let n = Self::ALL.len();
        let i = self.index();
        Self::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// A prospect the server just created.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Created {
    /// `id_prospecto`.
    pub id: Option<u64>,
    /// The name as the server stored it.
    pub name: String,
    /// `cpf_cnpj` as the server returned it.
    pub document: Option<String>,
    /// `tipo_pessoa`.
    pub kind: Option<String>,
    /// The plan attached (`prospecto_servico`).
    pub service: Option<ProspectService>,
    /// The plan's name, from the list it was chosen in.
    pub plan_name: Option<String>,
    /// The server's `msg`.
    pub msg: Option<String>,
}

/// The sales screen's state.
#[derive(Debug, Default)]
pub struct SalesState {
    /// Prospects tab.
    pub prospects: ProspectsTab,
    /// Plans tab.
    pub plans: PlansTab,
    /// The new-prospect form (kept while the attendant looks elsewhere).
    pub form: ProspectForm,
    /// The last prospect created, shown in place of the form until the
    /// attendant starts another.
    pub created: Option<Created>,
    /// Plans of prospects created in this session: the search answer does
    /// not carry them.
    pub services: HashMap<u64, ProspectService>,
}

impl SalesState {
    /// Whether a read of this screen is in flight.
    pub fn loading(&self) -> bool {
        self.prospects.results.loading() || self.plans.plans.loading() || self.form.plans.loading()
    }
}

/// Whether a prospect creation is in flight.
pub fn busy(app: &App) -> bool {
    app.pending
        .keys()
        .any(|k| k.kind == ActionKind::CreateProspect)
}

/// Whether this profile may create prospects.
pub fn may_create(app: &App) -> bool {
    !app.settings.read_only && app.keymap.allows(Action::NewProspect)
}

/// Whether a text field of `tab` has the keyboard.
pub fn editing(app: &App, tab: SalesTab) -> bool {
    let s = &app.tools.sales;
    match tab {
        SalesTab::Prospects => s.prospects.query.editing || s.prospects.filter.editing,
        SalesTab::Plans => s.plans.query.editing || s.plans.filter.editing,
        SalesTab::New => s.created.is_none() && may_create(app),
    }
}

/// The screen opened by a key or the palette. Opening the form after a
/// prospect was created starts a blank one.
pub fn opened(app: &mut App, tab: SalesTab, fx: &mut Vec<Effect>) {
    if tab == SalesTab::New && app.tools.sales.created.is_some() && !busy(app) {
        app.tools.sales.created = None;
        app.tools.sales.form = ProspectForm::default();
    }
    show(app, tab, fx);
}

/// Shows `tab`, loading what it needs.
pub(super) fn show(app: &mut App, tab: SalesTab, fx: &mut Vec<Effect>) -> Changed {
    app.screen = Screen::Tool(Tool::Sales(tab));
    if tab == SalesTab::New {
        super::cities::ensure_loaded(app, fx);
        sync_form_plans(app, fx);
    }
    Changed::Yes
}

/// A key on the sales screen.
pub fn key(
    app: &mut App,
    tab: SalesTab,
    key: KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    match tab {
        SalesTab::New => form_key(app, key, action, fx),
        SalesTab::Prospects | SalesTab::Plans => list_key(app, tab, key, action, fx),
    }
}

/// Enter on a plan: the form, with this CEP and plan chosen.
pub(super) fn prospect_for_plan(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    if !may_create(app) {
        return Changed::No;
    }
    let s = &mut app.tools.sales;
    let (Some(cep), Some(plan)) = (s.plans.cep.clone(), s.plans.selected_plan().cloned()) else {
        return Changed::No;
    };
    if s.created.is_some() {
        s.created = None;
        s.form = ProspectForm::default();
    }
    let f = &mut s.form;
    f.start_at(
        &cep.to_string(),
        cep.digits(),
        s.plans.plans.data.clone(),
        plan.id_servico,
    );
    show(app, SalesTab::New, fx)
}

/// Reads the plans of the form's CEP when it became valid and differs from
/// the one read.
fn sync_form_plans(app: &mut App, fx: &mut Vec<Effect>) {
    let f = &mut app.tools.sales.form;
    let Some(cep) = f.needs_plans() else {
        return;
    };
    f.plans_cep = Some(cep.clone());
    f.plans.data = None;
    fetch(
        app,
        ToolSlot::FormPlans,
        ToolRequest::Plans(ProspectPlansQuery { cep }),
        |t| &mut t.sales.form.plans,
        fx,
    );
}

/// Pasted text into the new-prospect form's focused field, through the
/// form engine's [`paste`] (a list field takes none).
pub fn paste_form(app: &mut App, text: &str) -> Changed {
    if app.tools.sales.created.is_some() || !may_create(app) || busy(app) {
        return Changed::No;
    }
    let other = tr(app.lang(), T::SalesOtherCity);
    let tools = &mut app.tools;
    let cities = CitiesView::of(&tools.cities.cities);
    if paste(&mut tools.sales.form.bind(cities, other), text) {
        Changed::Yes
    } else {
        Changed::No
    }
}

fn form_key(app: &mut App, key: KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    if app.tools.sales.created.is_some() || !may_create(app) {
        // The result (or the read-only note) is shown: Enter starts a
        // blank form, Esc goes back to the prospects.
        return match action {
            Some(Action::Back) => show(app, SalesTab::Prospects, fx),
            Some(Action::Open) if may_create(app) => {
                opened(app, SalesTab::New, fx);
                Changed::Yes
            }
            Some(Action::NextPane) => show(app, SalesTab::Prospects, fx),
            Some(Action::PrevPane) => show(app, SalesTab::Plans, fx),
            Some(Action::GoToPane(n)) => match SalesTab::ALL.get(usize::from(n).wrapping_sub(1)) {
                Some(t) => show(app, *t, fx),
                None => Changed::No,
            },
            _ => Changed::No,
        };
    }
    if busy(app) {
        // While it runs the form is frozen; the attendant may still leave.
        return match key.code {
            KeyCode::Esc => show(app, SalesTab::Prospects, fx),
            _ => Changed::No,
        };
    }
    // Enter on the plan field after its read failed: read again.
    let f = &app.tools.sales.form;
    if key.code == KeyCode::Enter
        && f.form().picker().is_none()
        && f.form().focused() == FieldId::Plan
        && f.plans.error.is_some()
    {
        app.tools.sales.form.plans_cep = None;
        sync_form_plans(app, fx);
        return Changed::Yes;
    }
    let other = tr(lang, T::SalesOtherCity);
    let t = &mut app.tools;
    let cities = CitiesView::of(&t.cities.cities);
    // The same engine as the customer-view forms: Esc leaves (the content
    // stays), Enter on a valid form submits.
    match t.sales.form.bind(cities, other).handle_key(key) {
        FormOutcome::Cancel => show(app, SalesTab::Prospects, fx),
        FormOutcome::Submit => submit(app),
        FormOutcome::Continue => {
            sync_form_plans(app, fx);
            Changed::Yes
        }
    }
}

/// The engine found the form valid: asks for confirmation (the request
/// creates a record at the ISP). Sending happens on "yes", in
/// [`crate::app::actions::send`].
fn submit(app: &mut App) -> Changed {
    if !may_create(app) {
        app.set_status(
            StatusKind::Error,
            crate::ops::actions::read_only_refusal(app.lang()).to_owned(),
        );
        return Changed::Yes;
    }
    let t = &mut app.tools;
    let cities = CitiesView::of(&t.cities.cities);
    let form = &mut t.sales.form;
    match form.to_request(cities) {
        Err(errors) => {
            form.form_mut().show_errors(&errors);
            Changed::Yes
        }
        Ok(request) => {
            let target = ActionTarget {
                customer_name: request.nome_razaosocial.clone(),
                service_id: request.id_servico,
                service_plan: form
                    .chosen_plan()
                    .and_then(|p| p.descricao.clone())
                    .unwrap_or_default(),
                ..ActionTarget::default()
            };
            let overlay =
                confirm_overlay(app, ActionRequest::CreateProspect(request), target, None);
            app.overlay = Some(overlay);
            Changed::Yes
        }
    }
}

/// A prospects search answered.
pub fn on_prospects(app: &mut App, seq: u64, result: Result<Vec<Prospect>, String>) -> Changed {
    let p = &mut app.tools.sales.prospects;
    if !p.results.expects(seq) {
        return Changed::No;
    }
    p.results.finish(result);
    if let Some(id) = p.select_id.take() {
        let rows = p.results.data.as_deref().unwrap_or_default();
        if let Some(at) = p
            .visible()
            .iter()
            .position(|i| rows.get(*i).and_then(|r| r.id_prospecto) == Some(id))
        {
            p.selected = at;
        }
    }
    p.clamp();
    Changed::Yes
}

/// A plans read answered: the plans tab's or the form's.
pub fn on_plans(app: &mut App, seq: u64, result: Result<Vec<ProspectPlan>, ApiError>) -> Changed {
    let lang = app.lang();
    let timeout = app.settings.timeout_secs;
    let s = &mut app.tools.sales;
    let (remote, cep) = if s.plans.plans.expects(seq) {
        (
            &mut s.plans.plans,
            s.plans.cep.as_ref().map(ToString::to_string),
        )
    } else if s.form.plans.expects(seq) {
        (
            &mut s.form.plans,
            s.form
                .plans_cep
                .as_deref()
                .and_then(|c| cep::parse(c).ok())
                .map(|c| c.to_string()),
        )
    } else {
        return Changed::No;
    };
    remote.finish(result.map_err(|e| match &e {
        // "Nenhuma cidade foi encontrada com esse CEP.", "CEP não
        // informado.": the server's words, with the CEP they are about.
        ApiError::Refused { msg, .. } => trf(
            lang,
            T::SalesPlansRefused,
            &[
                ("cep", &cep.unwrap_or_default()),
                ("msg", &crate::sanitize::clean_line(msg)),
            ],
        ),
        other => super::super::error_text(lang, other, timeout),
    }));
    s.plans.clamp();
    Changed::Yes
}

/// The answer to a prospect creation (routed here by
/// [`crate::app::actions`]): the created prospect replaces the form and the
/// prospects list is read again; a refusal goes over the form, whose
/// content stays for a correction.
pub fn on_done(
    app: &mut App,
    outcome: &Outcome,
    reply: &ActionReply,
    fx: &mut Vec<Effect>,
) -> Changed {
    let lang = app.lang();
    let text = outcome.text(lang, ActionKind::CreateProspect);
    match (outcome, reply) {
        (Outcome::Done { msg }, ActionReply::Prospect(reply)) if reply.is_ok() => {
            let Ok(r) = reply.as_ref() else {
                return Changed::No;
            };
            let s = &mut app.tools.sales;
            let p = r.prospecto.clone().unwrap_or_default();
            let name = p
                .nome_razaosocial
                .clone()
                .unwrap_or_else(|| s.form.value(FieldId::Name).trim().to_owned());
            let created = Created {
                id: p.id_prospecto,
                name: name.clone(),
                document: p.cpf_cnpj.clone(),
                kind: p.tipo_pessoa.clone(),
                service: p.prospecto_servico.clone(),
                // The name of the plan chosen, when the server attached
                // that one.
                plan_name: s
                    .form
                    .chosen_plan()
                    .filter(|pl| {
                        pl.id_servico.is_some()
                            && pl.id_servico
                                == p.prospecto_servico.as_ref().and_then(|x| x.id_servico)
                    })
                    .and_then(|pl| pl.descricao.clone()),
                msg: msg.clone(),
            };
            if let (Some(id), Some(service)) = (p.id_prospecto, p.prospecto_servico) {
                s.services.insert(id, service);
            }
            let status = match created.id {
                Some(id) => trf(
                    lang,
                    T::SalesCreatedStatus,
                    &[("id", &id), ("name", &crate::sanitize::clean_line(&name))],
                ),
                None => text,
            };
            s.created = Some(created);
            s.form = ProspectForm::default();
            app.set_status(StatusKind::Ok, status);
            // The list shows it: a search for its name, with it selected.
            let q = &mut app.tools.sales.prospects.query;
            q.input = Input::new(name.clone());
            q.editing = false;
            q.error = None;
            let term = name;
            send_search(app, term, fx);
            app.tools.sales.prospects.select_id = p.id_prospecto;
        }
        _ => {
            app.tools.sales.form.form_mut().set_banner(Some(Banner {
                text: text.clone(),
                error: true,
            }));
            app.set_status(StatusKind::Error, text);
        }
    }
    Changed::Yes
}

/// The in-flight key of a creation request.
pub fn request_key(request: &crate::api::prospects::NewProspect) -> u64 {
    form::document_key(request.cpf_cnpj.trim())
}

#[cfg(test)]
mod tests;
