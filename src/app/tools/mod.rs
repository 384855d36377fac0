//! The tool screens: everything in the HubSoft API that is not about the
//! customer on the phone (issue 7): network inventory for the NOC,
//! prospects and plans for sales, cities, receivables, the PBX.
//!
//! Each tool is one module with its own state, key handling and replies;
//! this module routes keys and replies to them and holds what they share:
//! the [`ListFilter`] behind `/`, the tool requests and their replies, and
//! the way back to the screen the attendant came from.
//!
//! Tool reads belong to [`TOOLS_VIEW`], never to a customer view, so leaving
//! a customer does not abort them; a tool's read that a newer one replaced
//! is dropped by its sequence number, like every other read.

use crossterm::event::{Event as CtEvent, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::prospects::{Prospect, ProspectPlan, ProspectPlansQuery, ProspectSearch};
use crate::api::{
    ApiError, City, ConnectionLog, ConnectionLogQuery, Equipment, Invoice, Pop, ReceivablesQuery,
    ServiceZone,
};
use crate::i18n::Msg as T;
use crate::ops::bulk::CpePageRead;

use super::keymap::{Action, Context};
use super::{App, Changed, Effect, ReqId, Request, Screen, Slot, ViewId};

pub mod cities;
pub mod network;
pub mod pbx;
pub mod receivables;
pub mod sales;

/// The [`ViewId`] of tool reads: above every customer view.
pub const TOOLS_VIEW: ViewId = u64::MAX;

/// A tool screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tool {
    /// Cities and their neighbourhoods (`endereco/cidade`).
    Cities,
    /// Prospects, plans by CEP and the new-prospect form, by tab.
    Sales(sales::SalesTab),
    /// Receivables across customers (`financeiro`).
    Receivables,
    /// The PBX: extension, screen pops, notify and missed call.
    Pbx,
    /// Network inventory for the NOC (`rede/*`): POPs, equipment, zones.
    Network,
}

impl Tool {
    /// Every tool (each sales tab has its own key and command), in menu
    /// order.
    pub const ALL: &'static [Tool] = &[
        Tool::Network,
        Tool::Sales(sales::SalesTab::Prospects),
        Tool::Sales(sales::SalesTab::Plans),
        Tool::Sales(sales::SalesTab::New),
        Tool::Cities,
        Tool::Receivables,
        Tool::Pbx,
    ];

    /// The screen's title.
    pub fn title(self) -> T {
        match self {
            Tool::Cities => T::ToolCities,
            Tool::Sales(_) => T::SalesTitle,
            Tool::Receivables => T::RcvTool,
            Tool::Pbx => T::PbxTool,
            Tool::Network => T::NetTitle,
        }
    }

    /// The key action that opens it.
    pub fn action(self) -> Action {
        match self {
            Tool::Cities => Action::Cities,
            Tool::Sales(tab) => tab.action(),
            Tool::Receivables => Action::Receivables,
            Tool::Pbx => Action::Pbx,
            Tool::Network => Action::Network(0),
        }
    }

    /// The tool a key action opens, if it opens one.
    pub fn for_action(action: Action) -> Option<Tool> {
        if let Action::Network(_) = action {
            return Some(Tool::Network);
        }
        Tool::ALL.iter().copied().find(|t| t.action() == action)
    }
}

/// Which read of which tool a reply answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ToolSlot {
    /// `GET /endereco/cidade`.
    Cities,
    /// `GET /prospecto?busca=` of the prospects tab.
    Prospects,
    /// `GET /prospecto/create?cep=` of the plans tab.
    Plans,
    /// `GET /prospecto/create?cep=` of the new-prospect form.
    FormPlans,
    /// `GET /financeiro`.
    Receivables,
    /// `GET /rede/pop`.
    Pops,
    /// `GET /rede/equipamento`.
    Equipment,
    /// `GET /rede/zona_atendimento`.
    Zones,
    /// `GET /rede/cpe/todos`, one page.
    Cpes,
    /// `GET /cliente/extrato_conexao` by address.
    WhoHad,
}

/// A tool's read.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolRequest {
    /// Cities and neighbourhoods.
    Cities,
    /// Prospects by name.
    Prospects(ProspectSearch),
    /// Plans for a CEP.
    Plans(ProspectPlansQuery),
    /// Receivables in a window.
    Receivables(ReceivablesQuery),
    /// POPs with their equipment.
    Pops,
    /// Connection equipment.
    Equipment,
    /// Service zones with their interfaces.
    Zones,
    /// Page `page` (from 0) of the CPEs, `per_page` a page.
    Cpes {
        /// The page.
        page: u32,
        /// CPEs a page.
        per_page: u32,
    },
    /// Who held an address.
    WhoHad(ConnectionLogQuery),
}

/// A tool read's result.
#[derive(Debug, Clone)]
pub enum ToolReply {
    /// Cities and neighbourhoods.
    Cities(Result<Vec<City>, ApiError>),
    /// Prospects by name.
    Prospects(Result<Vec<Prospect>, ApiError>),
    /// Plans for a CEP.
    Plans(Result<Vec<ProspectPlan>, ApiError>),
    /// Receivables.
    Receivables(Result<Vec<Invoice>, ApiError>),
    /// POPs with their equipment.
    Pops(Result<Vec<Pop>, ApiError>),
    /// Connection equipment.
    Equipment(Result<Vec<Equipment>, ApiError>),
    /// Service zones with their interfaces.
    Zones(Result<Vec<ServiceZone>, ApiError>),
    /// A page of CPEs.
    Cpes(Result<CpePageRead, ApiError>),
    /// Sessions that held an address.
    WhoHad(Result<ConnectionLog, ApiError>),
}

impl ToolRequest {
    /// The reply of this request when it could not be sent (the HTTP
    /// client could not be built).
    pub fn failed(&self, e: ApiError) -> ToolReply {
        match self {
            ToolRequest::Cities => ToolReply::Cities(Err(e)),
            ToolRequest::Prospects(_) => ToolReply::Prospects(Err(e)),
            ToolRequest::Plans(_) => ToolReply::Plans(Err(e)),
            ToolRequest::Receivables(_) => ToolReply::Receivables(Err(e)),
            ToolRequest::Pops => ToolReply::Pops(Err(e)),
            ToolRequest::Equipment => ToolReply::Equipment(Err(e)),
            ToolRequest::Zones => ToolReply::Zones(Err(e)),
            ToolRequest::Cpes { .. } => ToolReply::Cpes(Err(e)),
            ToolRequest::WhoHad(_) => ToolReply::WhoHad(Err(e)),
        }
    }

    /// Sends the request with `client`.
    pub async fn perform(self, client: &crate::api::Client) -> ToolReply {
        match self {
            ToolRequest::Cities => ToolReply::Cities(client.list_cities().await),
            ToolRequest::Prospects(p) => ToolReply::Prospects(client.search_prospects(&p).await),
            ToolRequest::Plans(p) => ToolReply::Plans(client.prospect_plans(&p).await),
            ToolRequest::Receivables(q) => ToolReply::Receivables(
                crate::ops::bulk::receivables(client, &q)
                    .await
                    .map(|found| found.invoices),
            ),
            ToolRequest::Pops => ToolReply::Pops(client.network_pops().await),
            ToolRequest::Equipment => ToolReply::Equipment(client.network_equipment().await),
            ToolRequest::Zones => ToolReply::Zones(client.service_zones().await),
            ToolRequest::Cpes { page, per_page } => {
                ToolReply::Cpes(crate::ops::bulk::cpe_page(client, per_page, page).await)
            }
            ToolRequest::WhoHad(q) => {
                ToolReply::WhoHad(crate::ops::bulk::who_had(client, &q).await)
            }
        }
    }
}

/// The state of every tool screen; each keeps its data while the
/// attendant is elsewhere, so coming back is instant.
#[derive(Debug, Default)]
pub struct ToolsState {
    /// Cities.
    pub cities: cities::CitiesState,
    /// Sales: prospects, plans, the new-prospect form.
    pub sales: sales::SalesState,
    /// Receivables.
    pub receivables: receivables::ReceivablesState,
    /// The PBX screen and the screen pops of the session.
    pub pbx: pbx::PbxState,
    /// Network inventory.
    pub network: network::NetworkState,
    /// Where the selected item's details below a tool's list are scrolled
    /// to (see [`key`]); back at the top whenever anything else changes.
    pub detail: super::scroll::Scroll,
    /// Where Esc goes back to.
    pub return_to: Option<Screen>,
}

impl ToolsState {
    /// Whether any tool read is in flight.
    pub fn loading(&self) -> bool {
        self.cities.cities.loading()
            || self.sales.loading()
            || self.receivables.invoices.loading()
            || self.network.loading()
            || self.network.cpes.loading()
            || self.network.who_had.loading()
    }
}

/// The `/` filter of a list: what the attendant typed, and whether the
/// field has the keyboard. Matching ignores case, accents and word order:
/// every word typed must appear somewhere in the row.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    /// The text field.
    pub input: Input,
    /// The field has focus (letters type).
    pub editing: bool,
}

impl ListFilter {
    /// The words to look for, folded.
    fn needles(&self) -> Vec<String> {
        fold(self.input.value())
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// Whether the filter is empty (shows everything).
    pub fn is_empty(&self) -> bool {
        self.input.value().trim().is_empty()
    }

    /// Whether a row with these texts passes the filter.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        let needles = self.needles();
        if needles.is_empty() {
            return true;
        }
        let hay: String = texts.into_iter().map(fold).collect::<Vec<_>>().join(" ");
        needles.iter().all(|n| hay.contains(n.as_str()))
    }

    /// The indexes of `rows` that pass the filter.
    pub fn apply<R>(&self, rows: &[R], texts: impl Fn(&R) -> Vec<&str>) -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| self.matches(texts(r)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Handles a key while the field has focus: Enter keeps the filter and
    /// returns to the list, Esc clears it. Returns whether anything changed.
    pub fn key(&mut self, key: KeyEvent, action: Option<Action>) -> Changed {
        match action {
            Some(Action::Back) => {
                self.input.reset();
                self.editing = false;
                Changed::Yes
            }
            Some(Action::Open) => {
                self.editing = false;
                Changed::Yes
            }
            _ => {
                let clean = key_is_text_edit(&key);
                if clean && self.input.handle_event(&CtEvent::Key(key)).is_some() {
                    Changed::Yes
                } else {
                    Changed::No
                }
            }
        }
    }
}

fn key_is_text_edit(key: &KeyEvent) -> bool {
    use crossterm::event::KeyCode;
    !matches!(key.code, KeyCode::Char(c) if c.is_control())
}

pub use crate::text::fold;

/// The selection moved by a navigation action inside `rows` rows.
pub fn move_selection(action: Action, selected: usize, rows: usize, page: usize) -> Option<usize> {
    super::moved(action, selected, rows, page)
}

/// Opens `tool` the way `action` asks (the network tab a palette command
/// names), remembering where to come back to.
pub fn open_by(app: &mut App, tool: Tool, action: Action, fx: &mut Vec<Effect>) -> Changed {
    if let Action::Network(n) = action {
        network::choose_tab(app, n);
    }
    open(app, tool, fx)
}

/// Opens `tool`, remembering where to come back to, and loads what it
/// shows the first time.
pub fn open(app: &mut App, tool: Tool, fx: &mut Vec<Effect>) -> Changed {
    if !matches!(app.screen, Screen::Tool(_)) {
        app.tools.return_to = Some(app.screen);
    }
    app.screen = Screen::Tool(tool);
    app.tools.detail.reset();
    match tool {
        Tool::Cities => cities::opened(app, fx),
        Tool::Sales(tab) => sales::opened(app, tab, fx),
        Tool::Receivables => receivables::opened(app, fx),
        Tool::Pbx => pbx::opened(app),
        Tool::Network => network::opened(app, fx),
    }
    Changed::Yes
}

/// Leaves the tool screens for the screen they were opened from.
pub fn close(app: &mut App) -> Changed {
    let back = app.tools.return_to.take().unwrap_or(Screen::Search);
    app.screen = match back {
        Screen::Customer if app.view.is_none() => Screen::Search,
        other => other,
    };
    Changed::Yes
}

/// The keymap contexts of a tool screen, and whether a text field has the
/// keyboard.
pub fn contexts(app: &App, tool: Tool) -> (&'static [Context], bool) {
    let editing = match tool {
        Tool::Cities => app.tools.cities.filter.editing,
        Tool::Sales(tab) => sales::editing(app, tab),
        Tool::Receivables => app.tools.receivables.editing(),
        Tool::Pbx => false,
        Tool::Network => app.tools.network.filter().editing,
    };
    if editing {
        (&[Context::Tool], true)
    } else {
        (&[Context::Tool, Context::Navigation], false)
    }
}

/// Whether `tool` has something to copy with the copy key (the hint bar
/// hides the key elsewhere).
pub fn copies(tool: Tool) -> bool {
    match tool {
        Tool::Cities | Tool::Sales(_) | Tool::Receivables | Tool::Pbx | Tool::Network => false,
    }
}

/// What `/` does on `tool`, for the hint bar: it filters the list, except
/// on the network screen's "who had the IP" tab, where it asks for the
/// address to look up.
pub fn slash_hint(app: &App, tool: Tool) -> T {
    match tool {
        Tool::Network if app.tools.network.tab == network::NetTab::WhoHad => T::KeyLookUpAddress,
        _ => T::KeyFilter,
    }
}

/// Whether `tool` shows a list read from the server, which `/` filters
/// and `r` reads again (the hint bar hides both elsewhere).
pub fn lists(tool: Tool) -> bool {
    match tool {
        Tool::Cities | Tool::Receivables | Tool::Network => true,
        Tool::Sales(tab) => tab != sales::SalesTab::New,
        Tool::Pbx => false,
    }
}

/// Pasted text (bracketed paste) on a tool screen: typed into the field
/// that has the keyboard, control characters dropped so a pasted newline
/// never submits. Outside a text field a paste does nothing (its letters
/// would otherwise run commands).
pub fn paste(app: &mut App, tool: Tool, text: &str, fx: &mut Vec<Effect>) -> Changed {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.is_empty() {
        return Changed::No;
    }
    if tool == Tool::Sales(sales::SalesTab::New) {
        return sales::paste_form(app, &clean);
    }
    if !contexts(app, tool).1 {
        return Changed::No;
    }
    let mut changed = Changed::No;
    for c in clean.chars() {
        let typed = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        if key(app, tool, typed, None, fx) == Changed::Yes {
            changed = Changed::Yes;
        }
    }
    changed
}

/// A key on a tool screen.
pub fn key(
    app: &mut App,
    tool: Tool,
    key: KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    // The selected item's details can run past 80x24 (a city's
    // neighbourhoods, a zone's interfaces): while they do, the page keys,
    // Home and End scroll them, as on a customer's panes, and the arrows
    // still choose the item. Details that fit leave the page keys to the
    // list.
    let typing = contexts(app, tool).1;
    if let Some(a @ (Action::PageDown | Action::PageUp | Action::Top | Action::Bottom)) = action
        && !typing
        && app.tools.detail.limit().is_some_and(|max| max > 0)
    {
        let half = (super::page(app) / 2).max(1) as i32;
        let d = &mut app.tools.detail;
        let moved = match a {
            Action::PageDown => d.by(half),
            Action::PageUp => d.by(-half),
            Action::Top => d.top(),
            _ => d.end(),
        };
        return if moved { Changed::Yes } else { Changed::No };
    }
    app.tools.detail.reset();
    match tool {
        Tool::Cities => cities::key(app, key, action, fx),
        Tool::Sales(tab) => sales::key(app, tab, key, action, fx),
        Tool::Receivables => receivables::key(app, key, action, fx),
        Tool::Pbx => pbx::key(app, key, action, fx),
        Tool::Network => network::key(app, key, action, fx),
    }
}

/// Sends a tool read: a fresh sequence number, remembered by `remote`.
pub fn fetch<T>(
    app: &mut App,
    slot: ToolSlot,
    request: ToolRequest,
    remote: impl FnOnce(&mut ToolsState) -> &mut super::Remote<T>,
    fx: &mut Vec<Effect>,
) {
    let seq = app.seq();
    remote(&mut app.tools).start(seq);
    fx.push(Effect::Fetch {
        req: ReqId {
            view: TOOLS_VIEW,
            slot: Slot::Tool(slot),
            seq,
        },
        request: Request::Tool(request),
    });
}

/// A tool read's answer; dropped when a newer read replaced it.
pub fn on_reply(app: &mut App, seq: u64, reply: ToolReply) -> Changed {
    let lang = app.lang();
    let timeout = app.settings.timeout_secs;
    let err = |e: ApiError| super::error_text(lang, &e, timeout);
    match reply {
        ToolReply::Cities(r) => {
            let remote = &mut app.tools.cities.cities;
            if !remote.expects(seq) {
                return Changed::No;
            }
            remote.finish(r.map_err(err));
            app.tools.cities.clamp();
        }
        ToolReply::Prospects(r) => return sales::on_prospects(app, seq, r.map_err(err)),
        ToolReply::Plans(r) => return sales::on_plans(app, seq, r),
        ToolReply::Receivables(r) => {
            let remote = &mut app.tools.receivables.invoices;
            if !remote.expects(seq) {
                return Changed::No;
            }
            remote.finish(r.map_err(err));
            app.tools.receivables.clamp();
        }
        ToolReply::Pops(r) => {
            return network::on_reply(app, seq, network::Loaded::Pops(r.map_err(err)));
        }
        ToolReply::Equipment(r) => {
            return network::on_reply(app, seq, network::Loaded::Equipment(r.map_err(err)));
        }
        ToolReply::Zones(r) => {
            return network::on_reply(app, seq, network::Loaded::Zones(r.map_err(err)));
        }
        ToolReply::Cpes(r) => {
            return network::on_reply(app, seq, network::Loaded::Cpes(r.map_err(err)));
        }
        ToolReply::WhoHad(r) => {
            return network::on_reply(
                app,
                seq,
                network::Loaded::WhoHad(r.map(|log| log.registros).map_err(err)),
            );
        }
    }
    Changed::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_needs_every_word_anywhere() {
        let mut f = ListFilter::default();
        assert!(f.matches(["anything"]));
        f.input = Input::new("joao mg".into());
        assert!(f.matches(["São João del-Rei", "MG"]));
        assert!(!f.matches(["São João del-Rei", "SP"]));
        assert!(!f.matches(["Divinópolis", "MG"]));
    }

    #[test]
    fn apply_keeps_row_order() {
        let f = ListFilter {
            input: Input::new("a".into()),
            ..ListFilter::default()
        };
        let rows = ["ab", "cd", "ba"];
        assert_eq!(f.apply(&rows, |r| vec![*r]), vec![0, 2]);
    }
}
