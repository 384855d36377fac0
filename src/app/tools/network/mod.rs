//! The network screen, for the NOC: POPs with their equipment, the
//! connection equipment, and the service zones with their interfaces
//! (`GET /rede/pop`, `/rede/equipamento`, `/rede/zona_atendimento`), one
//! tab each. A tab reads its list the first time it shows and keeps it.
//!
//! From a service in the customer view, [`jump`] finds the service's
//! connection equipment in the three lists (by name, else by IP; case,
//! accents and spacing ignored) and opens the screen on it, with its POP
//! and zone selected in their tabs; or says what was looked for and not
//! found, and leaves the attendant on the customer.

use crossterm::event::KeyEvent;

use crate::api::{
    ConnectionLogQuery, ConnectionRecord, Cpe, Customer, CustomerService, Equipment, Pop,
    ServiceZone,
};
use crate::i18n::{Msg as T, tr, trf};

use super::super::keymap::Action;
use super::super::status::StatusKind;
use super::super::{App, Changed, CustomerView, Effect, Remote, Screen, ViewId};
use super::{ListFilter, Tool, ToolRequest, ToolSlot, fetch, fold, move_selection};

mod locate;

pub use locate::*;

/// A tab of the network screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetTab {
    /// POPs, and the selected POP's equipment.
    #[default]
    Pops,
    /// Every connection equipment.
    Equipment,
    /// Service zones, and the selected zone's interfaces.
    Zones,
    /// The CPEs of `rede/cpe/todos`, a page at a time (current servers).
    Cpes,
    /// Who held an IP or MAC (`extrato_conexao` by address).
    WhoHad,
}

impl NetTab {
    /// The tabs, in order (the digits 1-5 choose them).
    pub const ALL: [NetTab; 5] = [
        NetTab::Pops,
        NetTab::Equipment,
        NetTab::Zones,
        NetTab::Cpes,
        NetTab::WhoHad,
    ];

    /// The inventory tabs, which a jump from a service searches.
    pub const INVENTORY: [NetTab; 3] = [NetTab::Pops, NetTab::Equipment, NetTab::Zones];

    /// Position in [`NetTab::ALL`].
    pub fn index(self) -> usize {
        match self {
            NetTab::Pops => 0,
            NetTab::Equipment => 1,
            NetTab::Zones => 2,
            NetTab::Cpes => 3,
            NetTab::WhoHad => 4,
        }
    }

    /// The tab's title.
    pub fn title(self) -> T {
        match self {
            NetTab::Pops => T::NetTabPops,
            NetTab::Equipment => T::NetTabEquipment,
            NetTab::Zones => T::NetTabZones,
            NetTab::Cpes => T::NetTabCpes,
            NetTab::WhoHad => T::NetTabWhoHad,
        }
    }
}

/// CPEs asked for a page.
pub const CPES_PER_PAGE: u32 = 100;

/// The CPE pages read so far.
#[derive(Debug, Default)]
pub struct CpePages {
    /// Every CPE of the pages read, in server order.
    pub cpes: Vec<Cpe>,
    /// The last page read (from 0).
    pub page: u32,
    /// `ultima_pagina`, when the server said.
    pub last_page: Option<u32>,
    /// `total_registros`, when the server said.
    pub total: Option<u64>,
    /// Whether a next page may hold more.
    pub more: bool,
}

/// The list state of one tab: its `/` filter and its selected row.
#[derive(Debug, Default)]
pub struct TabList {
    /// The filter.
    pub filter: ListFilter,
    /// Selected row among the filtered rows.
    pub selected: usize,
}

/// The network screen.
#[derive(Debug, Default)]
pub struct NetworkState {
    /// The tab on screen.
    pub tab: NetTab,
    /// POPs, as last read.
    pub pops: Remote<Vec<Pop>>,
    /// Connection equipment, as last read.
    pub equipment: Remote<Vec<Equipment>>,
    /// Service zones, as last read.
    pub zones: Remote<Vec<ServiceZone>>,
    /// CPEs, the pages read so far (the next one is read when the
    /// selection reaches the end).
    pub cpes: Remote<CpePages>,
    /// Sessions that held the address asked last.
    pub who_had: Remote<Vec<ConnectionRecord>>,
    /// The address search that `who_had` answers (or waits for).
    pub who_had_query: Option<ConnectionLogQuery>,
    /// Filter and selection per tab, in [`NetTab::ALL`] order; on the
    /// who-had tab the field holds the address to look up.
    pub lists: [TabList; 5],
    /// A jump from a service waiting for the lists.
    pub pending_jump: Option<Jump>,
    /// The equipment the last jump found, marked in the POP and zone
    /// details; cleared when the screen is left.
    pub located: Option<Located>,
    /// What the last jump found, sanitized, shown over the tabs; cleared
    /// with [`NetworkState::located`].
    pub jump_note: Option<String>,
}

impl NetworkState {
    /// Whether any of the three reads is in flight.
    pub fn loading(&self) -> bool {
        self.pops.loading() || self.equipment.loading() || self.zones.loading()
    }

    /// The list state of `tab`.
    pub fn list(&self, tab: NetTab) -> &TabList {
        &self.lists[tab.index()]
    }

    fn list_mut(&mut self, tab: NetTab) -> &mut TabList {
        &mut self.lists[tab.index()]
    }

    /// The filter of the tab on screen.
    pub fn filter(&self) -> &ListFilter {
        &self.list(self.tab).filter
    }

    /// Whether `tab`'s read is in flight.
    pub fn tab_loading(&self, tab: NetTab) -> bool {
        match tab {
            NetTab::Pops => self.pops.loading(),
            NetTab::Equipment => self.equipment.loading(),
            NetTab::Zones => self.zones.loading(),
            NetTab::Cpes => self.cpes.loading(),
            NetTab::WhoHad => self.who_had.loading(),
        }
    }

    /// Whether `tab`'s last read failed.
    pub fn tab_failed(&self, tab: NetTab) -> bool {
        match tab {
            NetTab::Pops => self.pops.error.is_some(),
            NetTab::Equipment => self.equipment.error.is_some(),
            NetTab::Zones => self.zones.error.is_some(),
            NetTab::Cpes => self.cpes.error.is_some(),
            NetTab::WhoHad => self.who_had.error.is_some(),
        }
    }

    fn has_data(&self, tab: NetTab) -> bool {
        match tab {
            NetTab::Pops => self.pops.data.is_some(),
            NetTab::Equipment => self.equipment.data.is_some(),
            NetTab::Zones => self.zones.data.is_some(),
            NetTab::Cpes => self.cpes.data.is_some(),
            // Nothing to read before an address is typed.
            NetTab::WhoHad => self.who_had.data.is_some() || self.who_had_query.is_none(),
        }
    }

    /// The indexes of `tab`'s rows the filter lets through, in server order.
    pub fn visible(&self, tab: NetTab) -> Vec<usize> {
        let filter = &self.list(tab).filter;
        match tab {
            NetTab::Pops => self
                .pops
                .data
                .as_ref()
                .map_or_else(Vec::new, |v| filter.apply(v, pop_texts)),
            NetTab::Equipment => self
                .equipment
                .data
                .as_ref()
                .map_or_else(Vec::new, |v| filter.apply(v, equipment_texts)),
            NetTab::Zones => self
                .zones
                .data
                .as_ref()
                .map_or_else(Vec::new, |v| filter.apply(v, zone_texts)),
            NetTab::Cpes => self.cpes.data.as_ref().map_or_else(Vec::new, |p| {
                filter.apply(&p.cpes, crate::ops::bulk::cpe_texts)
            }),
            // The field holds the address: every session shows.
            NetTab::WhoHad => self
                .who_had
                .data
                .as_ref()
                .map_or_else(Vec::new, |v| (0..v.len()).collect()),
        }
    }

    fn selected_index(&self, tab: NetTab) -> Option<usize> {
        self.visible(tab).get(self.list(tab).selected).copied()
    }

    /// The selected POP, if the filter leaves any.
    pub fn selected_pop(&self) -> Option<&Pop> {
        self.pops
            .data
            .as_ref()?
            .get(self.selected_index(NetTab::Pops)?)
    }

    /// The selected equipment, if the filter leaves any.
    pub fn selected_equipment(&self) -> Option<&Equipment> {
        self.equipment
            .data
            .as_ref()?
            .get(self.selected_index(NetTab::Equipment)?)
    }

    /// The selected CPE, if the filter leaves any.
    pub fn selected_cpe(&self) -> Option<&Cpe> {
        self.cpes
            .data
            .as_ref()?
            .cpes
            .get(self.selected_index(NetTab::Cpes)?)
    }

    /// The selected session of the who-had tab.
    pub fn selected_session(&self) -> Option<&ConnectionRecord> {
        self.who_had
            .data
            .as_ref()?
            .get(self.selected_index(NetTab::WhoHad)?)
    }

    /// The selected zone, if the filter leaves any.
    pub fn selected_zone(&self) -> Option<&ServiceZone> {
        self.zones
            .data
            .as_ref()?
            .get(self.selected_index(NetTab::Zones)?)
    }

    /// Keeps `tab`'s selection inside its filtered list.
    pub fn clamp(&mut self, tab: NetTab) {
        let n = self.visible(tab).len();
        let list = self.list_mut(tab);
        list.selected = list.selected.min(n.saturating_sub(1));
    }

    /// The POPs and zones (names as sent) that hold `e`, from the lists
    /// loaded so far: `None` for a list not loaded.
    pub fn containing(&self, e: &Equipment) -> (Option<Vec<&Pop>>, Option<Vec<&ServiceZone>>) {
        let same = Located::of(e);
        let pops = self.pops.data.as_ref().map(|pops| {
            pops.iter()
                .filter(|p| p.equipamentos.iter().any(|x| same.is_same(x)))
                .collect()
        });
        let zones = self.zones.data.as_ref().map(|zones| {
            zones
                .iter()
                .filter(|z| zone_equipment(z).any(|x| same.is_same(x)))
                .collect()
        });
        (pops, zones)
    }
}

/// The equipment of a zone's interfaces.
pub fn zone_equipment(z: &ServiceZone) -> impl Iterator<Item = &Equipment> {
    z.interfaces
        .iter()
        .filter_map(|i| i.equipamento_conexao.as_ref())
}

/// What the filter searches in an equipment: name, addresses, model, maker.
pub fn equipment_texts(e: &Equipment) -> Vec<&str> {
    [
        e.nome.as_deref(),
        e.ipv4.as_deref(),
        e.ipv6.as_deref(),
        e.modelo.as_deref(),
        e.fabricante.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// What the filter searches in a POP: its name and its equipment (so an
/// IP finds the POP that holds it).
pub fn pop_texts(p: &Pop) -> Vec<&str> {
    let mut v: Vec<&str> = p.nome.as_deref().into_iter().collect();
    for e in &p.equipamentos {
        v.extend(equipment_texts(e));
    }
    v
}

/// What the filter searches in a zone: name, description, and each
/// interface with its equipment.
pub fn zone_texts(z: &ServiceZone) -> Vec<&str> {
    let mut v: Vec<&str> = [z.nome.as_deref(), z.descricao.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    for i in &z.interfaces {
        v.extend(
            [i.nome.as_deref(), i.tipo.as_deref(), i.descricao.as_deref()]
                .into_iter()
                .flatten(),
        );
        if let Some(e) = &i.equipamento_conexao {
            v.extend(equipment_texts(e));
        }
    }
    v
}

/// The tab a key or palette command asks for: 0 keeps the last one.
pub fn choose_tab(app: &mut App, n: u8) {
    if let Some(tab) = NetTab::ALL.get(usize::from(n).wrapping_sub(1)) {
        app.tools.network.tab = *tab;
    }
}

/// Loads the tab on screen the first time (and after an error).
pub fn opened(app: &mut App, fx: &mut Vec<Effect>) {
    let tab = app.tools.network.tab;
    ensure_loaded(app, tab, fx);
}

fn ensure_loaded(app: &mut App, tab: NetTab, fx: &mut Vec<Effect>) {
    let s = &app.tools.network;
    if !s.has_data(tab) && !s.tab_loading(tab) {
        reload(app, tab, fx);
    }
}

fn reload(app: &mut App, tab: NetTab, fx: &mut Vec<Effect>) {
    match tab {
        NetTab::Pops => fetch(
            app,
            ToolSlot::Pops,
            ToolRequest::Pops,
            |t| &mut t.network.pops,
            fx,
        ),
        NetTab::Equipment => fetch(
            app,
            ToolSlot::Equipment,
            ToolRequest::Equipment,
            |t| &mut t.network.equipment,
            fx,
        ),
        NetTab::Zones => fetch(
            app,
            ToolSlot::Zones,
            ToolRequest::Zones,
            |t| &mut t.network.zones,
            fx,
        ),
        NetTab::Cpes => fetch_cpes(app, 0, fx),
        NetTab::WhoHad => {
            if let Some(q) = app.tools.network.who_had_query.clone() {
                fetch(
                    app,
                    ToolSlot::WhoHad,
                    ToolRequest::WhoHad(q),
                    |t| &mut t.network.who_had,
                    fx,
                );
            }
        }
    }
}

/// Reads CPE page `page`; page 0 starts the list over.
fn fetch_cpes(app: &mut App, page: u32, fx: &mut Vec<Effect>) {
    fetch(
        app,
        ToolSlot::Cpes,
        ToolRequest::Cpes {
            page,
            per_page: CPES_PER_PAGE,
        },
        |t| &mut t.network.cpes,
        fx,
    );
}

/// When the selection is on the last CPE and the server has more, reads
/// the next page (once: not while a read is in flight).
fn more_cpes(app: &mut App, fx: &mut Vec<Effect>) {
    let s = &app.tools.network;
    let rows = s.visible(NetTab::Cpes).len();
    let at_end = s.list(NetTab::Cpes).selected + 1 >= rows;
    if let Some(p) = &s.cpes.data
        && p.more
        && at_end
        && !s.cpes.loading()
    {
        let next = p.page + 1;
        fetch_cpes(app, next, fx);
    }
}

/// The address typed on the who-had tab, sent: a usage error in the
/// status line when it is no address.
fn send_who_had(app: &mut App, fx: &mut Vec<Effect>) {
    let lang = app.lang();
    let typed = app
        .tools
        .network
        .list(NetTab::WhoHad)
        .filter
        .input
        .value()
        .trim()
        .to_owned();
    if typed.is_empty() {
        return;
    }
    let Some((by, term)) = crate::ops::bulk::address_kind(&typed, false) else {
        let clean = crate::sanitize::clean(&typed).into_owned();
        app.set_status(
            StatusKind::Error,
            trf(lang, T::CliWhoHadNotAddress, &[("input", &clean)]),
        );
        return;
    };
    let s = &mut app.tools.network;
    s.who_had_query = Some(ConnectionLogQuery::by(by, term));
    s.list_mut(NetTab::WhoHad).selected = 0;
    reload(app, NetTab::WhoHad, fx);
}

/// The customer a row names, to open: a session's `cliente`, a CPE's
/// first service's.
fn row_customer(state: &NetworkState, tab: NetTab) -> Option<Customer> {
    match tab {
        NetTab::WhoHad => state
            .selected_session()?
            .cliente
            .clone()
            .filter(|c| c.codigo_cliente.is_some()),
        NetTab::Cpes => {
            let s = state.selected_cpe()?.servicos.first()?;
            Some(Customer {
                codigo_cliente: Some(s.codigo_cliente?),
                id_cliente: s.id_cliente,
                nome_razaosocial: s.nome_razaosocial.clone(),
                cpf_cnpj: s.cpf_cnpj.clone(),
                ..Customer::default()
            })
        }
        _ => None,
    }
}

fn switch(app: &mut App, tab: NetTab, fx: &mut Vec<Effect>) -> Changed {
    if app.tools.network.tab == tab {
        return Changed::No;
    }
    app.tools.network.tab = tab;
    ensure_loaded(app, tab, fx);
    Changed::Yes
}

/// A key on the network screen.
pub fn key(app: &mut App, key: KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    let page = super::super::page(app);
    let tab = app.tools.network.tab;
    let state = &mut app.tools.network;
    if state.list(tab).filter.editing {
        let list = state.list_mut(tab);
        let changed = list.filter.key(key, action);
        if tab == NetTab::WhoHad {
            // The field is the address: Enter looks it up.
            if action == Some(Action::Open) {
                send_who_had(app, fx);
            }
            return changed;
        }
        list.selected = 0;
        state.clamp(tab);
        return changed;
    }
    let Some(action) = action else {
        return Changed::No;
    };
    let at = tab.index();
    let n = NetTab::ALL.len();
    match action {
        // "/" searches everywhere else; on a list screen it filters.
        Action::Search => {
            state.list_mut(tab).filter.editing = true;
            Changed::Yes
        }
        Action::Open if matches!(tab, NetTab::WhoHad | NetTab::Cpes) => {
            match row_customer(state, tab) {
                Some(c) => {
                    super::super::open_customer(app, c, fx);
                    Changed::Yes
                }
                None => Changed::No,
            }
        }
        Action::Back if tab == NetTab::WhoHad && !state.list(tab).filter.is_empty() => {
            state.list_mut(tab).filter.input.reset();
            state.who_had_query = None;
            state.who_had = Remote::default();
            Changed::Yes
        }
        Action::Back if !state.list(tab).filter.is_empty() => {
            state.list_mut(tab).filter.input.reset();
            state.clamp(tab);
            Changed::Yes
        }
        Action::Back => {
            state.located = None;
            state.jump_note = None;
            super::close(app)
        }
        Action::Refresh => {
            reload(app, tab, fx);
            Changed::Yes
        }
        Action::RefreshAll => {
            for t in NetTab::INVENTORY {
                reload(app, t, fx);
            }
            if !NetTab::INVENTORY.contains(&tab) {
                reload(app, tab, fx);
            }
            Changed::Yes
        }
        Action::NextPane | Action::Right => switch(app, NetTab::ALL[(at + 1) % n], fx),
        Action::PrevPane | Action::Left => switch(app, NetTab::ALL[(at + n - 1) % n], fx),
        Action::GoToPane(d) => match NetTab::ALL.get(usize::from(d).wrapping_sub(1)) {
            Some(t) => switch(app, *t, fx),
            None => Changed::No,
        },
        nav => {
            let rows = state.visible(tab).len();
            let list = state.list_mut(tab);
            let moved = match move_selection(nav, list.selected, rows, page) {
                Some(to) if to != list.selected => {
                    list.selected = to;
                    Changed::Yes
                }
                _ => Changed::No,
            };
            // Down at the end of the CPEs asks for the next page.
            if tab == NetTab::Cpes {
                more_cpes(app, fx);
            }
            moved
        }
    }
}

/// A network list's answer, errors already localized.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// `rede/pop`.
    Pops(Result<Vec<Pop>, String>),
    /// `rede/equipamento`.
    Equipment(Result<Vec<Equipment>, String>),
    /// `rede/zona_atendimento`.
    Zones(Result<Vec<ServiceZone>, String>),
    /// `rede/cpe/todos`, one page.
    Cpes(Result<crate::ops::bulk::CpePageRead, String>),
    /// `extrato_conexao` by address.
    WhoHad(Result<Vec<ConnectionRecord>, String>),
}

/// A network read's answer; dropped when a newer read replaced it. The
/// last of the lists a jump waits for completes the jump.
pub fn on_reply(app: &mut App, seq: u64, loaded: Loaded) -> Changed {
    let s = &mut app.tools.network;
    let tab = match loaded {
        Loaded::Pops(r) if s.pops.expects(seq) => {
            s.pops.finish(r);
            NetTab::Pops
        }
        Loaded::Equipment(r) if s.equipment.expects(seq) => {
            s.equipment.finish(r);
            NetTab::Equipment
        }
        Loaded::Zones(r) if s.zones.expects(seq) => {
            s.zones.finish(r);
            NetTab::Zones
        }
        Loaded::Cpes(r) if s.cpes.expects(seq) => {
            // A later page adds to the pages read; page 0 starts over.
            let earlier = s.cpes.data.take();
            let r = r.map(|read| {
                let mut cpes = match earlier {
                    Some(p) if read.page > 0 => p.cpes,
                    _ => Vec::new(),
                };
                cpes.extend(read.cpes);
                CpePages {
                    cpes,
                    page: read.page,
                    last_page: read.last_page,
                    total: read.total,
                    more: read.more,
                }
            });
            s.cpes.finish(r);
            NetTab::Cpes
        }
        Loaded::WhoHad(r) if s.who_had.expects(seq) => {
            s.who_had.finish(r);
            NetTab::WhoHad
        }
        _ => return Changed::No,
    };
    s.clamp(tab);
    if !s.loading()
        && let Some(jump) = s.pending_jump.take()
    {
        resolve(app, jump, true);
    }
    Changed::Yes
}

#[cfg(test)]
mod tests;
