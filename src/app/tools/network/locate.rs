//! Finding a customer's equipment, POP and zone on the network screen
//! (`Wanted` → `Found`), and jumping there from a customer view.

use super::*;

/// A name as compared: folded (case and accents), trimmed, inner spaces
/// collapsed.
pub(super) fn name_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An address as compared: trimmed, lower case (IPv6 hex digits).
pub(super) fn ip_key(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

pub(super) fn present(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// What a service says about its connection equipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// The equipment's name, as sent.
    pub name: Option<String>,
    /// Its addresses, as sent (IPv4 first).
    pub ips: Vec<String>,
    /// The service's interface on it (`PON5`), to tell zones apart.
    pub interface: Option<String>,
}

impl Wanted {
    /// The connection equipment of `s`: `equipamento_conexao`, else the
    /// equipment of its connection interface. `None` when the service
    /// names no equipment and no address.
    pub fn from_service(s: &CustomerService) -> Option<Wanted> {
        let iface = s.interface_conexao.as_ref().or(s.interface.as_ref());
        let equipment = s
            .equipamento_conexao
            .as_ref()
            .or_else(|| iface.and_then(|i| i.equipamento_conexao.as_ref()))?;
        let name = present(equipment.nome.as_deref()).map(str::to_owned);
        let ips: Vec<String> = [equipment.ipv4.as_deref(), equipment.ipv6.as_deref()]
            .into_iter()
            .filter_map(present)
            .map(str::to_owned)
            .collect();
        if name.is_none() && ips.is_empty() {
            return None;
        }
        Some(Wanted {
            name,
            ips,
            interface: iface
                .and_then(|i| present(i.nome.as_deref()))
                .map(str::to_owned),
        })
    }

    /// How the status line names what was looked for: `OLT X (10.0.0.1)`,
    /// sanitized.
    pub fn describe(&self) -> String {
        let text = match (&self.name, self.ips.first()) {
            (Some(n), Some(ip)) => format!("{n} ({ip})"),
            (Some(n), None) => n.clone(),
            (None, Some(ip)) => ip.clone(),
            (None, None) => String::new(),
        };
        crate::sanitize::clean(&text).into_owned()
    }
}

/// An equipment as matched across the three lists: its names, addresses
/// and id (the lists disagree on addresses for the same id in the
/// document's own examples, so an id found in one list helps in another).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Located {
    names: Vec<String>,
    ips: Vec<String>,
    id: Option<u64>,
    interface: Option<String>,
}

impl Located {
    fn wanted(w: &Wanted) -> Located {
        Located {
            names: w.name.as_deref().map(name_key).into_iter().collect(),
            ips: w.ips.iter().map(|ip| ip_key(ip)).collect(),
            id: None,
            interface: w.interface.as_deref().map(name_key),
        }
    }

    /// The identity of `e` itself, for cross references.
    pub(super) fn of(e: &Equipment) -> Located {
        Located {
            names: present(e.nome.as_deref())
                .map(name_key)
                .into_iter()
                .collect(),
            ips: Vec::new(),
            id: e.id_equipamento,
            interface: None,
        }
    }

    fn by_name(&self, e: &Equipment) -> bool {
        present(e.nome.as_deref()).is_some_and(|n| self.names.contains(&name_key(n)))
    }

    fn by_id(&self, e: &Equipment) -> bool {
        self.id.is_some() && e.id_equipamento == self.id
    }

    fn by_ip(&self, e: &Equipment) -> bool {
        [e.ipv4.as_deref(), e.ipv6.as_deref()]
            .into_iter()
            .filter_map(present)
            .any(|ip| self.ips.contains(&ip_key(ip)))
    }

    fn by(&self, by: By, e: &Equipment) -> bool {
        match by {
            By::Name => self.by_name(e),
            By::Id => self.by_id(e),
            By::Ip => self.by_ip(e),
        }
    }

    /// Whether `e` is this equipment by name or id (not by address alone,
    /// which the lists do not agree on).
    pub fn is_same(&self, e: &Equipment) -> bool {
        self.by_name(e) || self.by_id(e)
    }

    /// Whether `e` is this equipment by name, id or address: the rows a
    /// jump marks.
    pub fn matches(&self, e: &Equipment) -> bool {
        self.is_same(e) || self.by_ip(e)
    }

    /// Whether an interface named `name` is the service's.
    pub fn same_interface(&self, name: Option<&str>) -> bool {
        match (&self.interface, present(name)) {
            (Some(want), Some(n)) => *want == name_key(n),
            _ => false,
        }
    }
}

/// How a row is recognised, in order of trust.
#[derive(Debug, Clone, Copy)]
pub(super) enum By {
    Name,
    Id,
    Ip,
}

/// Where a jump found the equipment: an index into each list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// In `rede/equipamento`.
    pub equipment: Option<usize>,
    /// In `rede/pop`.
    pub pop: Option<usize>,
    /// In `rede/zona_atendimento`.
    pub zone: Option<usize>,
    /// The identity used, for marking rows.
    pub located: Located,
}

/// Finds `wanted` in the loaded lists: by name first, then (POPs) by the
/// id the equipment list gave, then by address; a zone whose interface is
/// the service's own wins over another zone on the same equipment.
pub fn locate(state: &NetworkState, wanted: &Wanted) -> Found {
    use By::{Id, Ip, Name};
    let mut located = Located::wanted(wanted);
    let equipment = state.equipment.data.as_deref().and_then(|list| {
        let i = [Name, Ip]
            .into_iter()
            .find_map(|by| list.iter().position(|e| located.by(by, e)))?;
        Some((i, &list[i]))
    });
    if let Some((_, e)) = equipment {
        if let Some(n) = present(e.nome.as_deref()).map(name_key)
            && !located.names.contains(&n)
        {
            located.names.push(n);
        }
        located.id = e.id_equipamento;
    }
    let l = &located;
    let pop = state.pops.data.as_deref().and_then(|pops| {
        [Name, Id, Ip].into_iter().find_map(|by| {
            pops.iter()
                .position(|p| p.equipamentos.iter().any(|e| l.by(by, e)))
        })
    });
    let zone = state.zones.data.as_deref().and_then(|zones| {
        [(Name, true), (Name, false), (Ip, true), (Ip, false)]
            .into_iter()
            .find_map(|(by, own_iface)| {
                zones.iter().position(|z| {
                    z.interfaces.iter().any(|i| {
                        i.equipamento_conexao.as_ref().is_some_and(|e| l.by(by, e))
                            && (!own_iface || l.same_interface(i.nome.as_deref()))
                    })
                })
            })
    });
    Found {
        equipment: equipment.map(|(i, _)| i),
        pop,
        zone,
        located,
    }
}

/// A jump from a service waiting for the network lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    /// The customer view it was asked from; dropped if that view is gone.
    pub view: ViewId,
    /// What the service says about its equipment.
    pub wanted: Wanted,
}

/// From the selected service of `view`: opens the network screen on its
/// connection equipment once the three lists are loaded (reading the
/// missing ones in parallel), or says why it cannot.
pub fn jump(app: &mut App, view: &CustomerView, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let Some(service) = view.selected_service() else {
        app.set_status(StatusKind::Info, tr(lang, T::NetJumpNoService).into());
        return Changed::Yes;
    };
    let Some(wanted) = Wanted::from_service(service) else {
        app.set_status(StatusKind::Info, tr(lang, T::NetJumpNoData).into());
        return Changed::Yes;
    };
    for tab in NetTab::INVENTORY {
        ensure_loaded(app, tab, fx);
    }
    let jump = Jump {
        view: view.id,
        wanted,
    };
    if app.tools.network.loading() {
        app.set_status(
            StatusKind::Info,
            trf(
                lang,
                T::NetJumpLooking,
                &[("what", &jump.wanted.describe())],
            ),
        );
        app.tools.network.pending_jump = Some(jump);
    } else {
        // Everything was loaded already; the view is the one on screen
        // (the caller holds it).
        resolve(app, jump, false);
    }
    Changed::Yes
}

/// Completes a jump with the loaded lists. With `check_view`, a jump whose
/// customer is no longer on screen is dropped: the attendant moved on.
pub(super) fn resolve(app: &mut App, jump: Jump, check_view: bool) {
    let on_it =
        app.screen == Screen::Customer && app.view.as_ref().is_some_and(|v| v.id == jump.view);
    if check_view && !on_it {
        return;
    }
    let lang = app.lang();
    let state = &mut app.tools.network;
    let found = locate(state, &jump.wanted);
    let tab = if found.equipment.is_some() {
        NetTab::Equipment
    } else if found.pop.is_some() {
        NetTab::Pops
    } else if found.zone.is_some() {
        NetTab::Zones
    } else {
        let error = [
            &state.pops.error,
            &state.equipment.error,
            &state.zones.error,
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned();
        let text = match error {
            Some(e) => trf(lang, T::NetJumpFailed, &[("error", &e)]),
            None => trf(
                lang,
                T::NetJumpNotFound,
                &[("what", &jump.wanted.describe())],
            ),
        };
        app.set_status(StatusKind::Error, text);
        return;
    };
    // Select each row found, with the filters cleared so it shows.
    for (t, index) in [
        (NetTab::Pops, found.pop),
        (NetTab::Equipment, found.equipment),
        (NetTab::Zones, found.zone),
    ] {
        if let Some(i) = index {
            let list = state.list_mut(t);
            list.filter = ListFilter::default();
            list.selected = i;
        }
    }
    state.tab = tab;
    state.located = Some(found.located.clone());
    let clean = |s: Option<&str>| present(s).map(|s| crate::sanitize::clean(s).into_owned());
    let equipment = found
        .equipment
        .and_then(|i| state.equipment.data.as_ref()?.get(i))
        .map(
            |e| match (clean(e.nome.as_deref()), clean(e.ipv4.as_deref())) {
                (Some(n), Some(ip)) => format!("{n} ({ip})"),
                (Some(n), None) => n,
                (None, _) => jump.wanted.describe(),
            },
        )
        .unwrap_or_else(|| jump.wanted.describe());
    let pop = found
        .pop
        .and_then(|i| state.pops.data.as_ref()?.get(i))
        .and_then(|p| clean(p.nome.as_deref()));
    let zone = found
        .zone
        .and_then(|i| state.zones.data.as_ref()?.get(i))
        .and_then(|z| clean(z.nome.as_deref()));
    let parts = [
        labeled(lang, T::NetJumpEquipment, &equipment),
        match pop {
            Some(p) => labeled(lang, T::NetJumpPop, &p),
            None => tr(lang, T::NetJumpNoPop).to_owned(),
        },
        match zone {
            Some(z) => labeled(lang, T::NetJumpZone, &z),
            None => tr(lang, T::NetJumpNoZone).to_owned(),
        },
    ];
    let note = parts.join(" · ");
    state.jump_note = Some(note.clone());
    if !matches!(app.screen, Screen::Tool(_)) {
        app.tools.return_to = Some(app.screen);
    }
    app.screen = Screen::Tool(Tool::Network);
    app.set_status(StatusKind::Ok, note);
}

/// `msg` ("POP {name}") filled with `name`, unless the name already
/// starts with the label's word ("POP CENTRO", not "POP POP CENTRO"),
/// case, accents and separators aside.
pub(super) fn labeled(lang: crate::i18n::Lang, msg: T, name: &str) -> String {
    let label = fold(tr(lang, msg).replace("{name}", "").trim());
    let folded = fold(name);
    let rest = folded.strip_prefix(&label);
    let has_label = !label.is_empty()
        && rest.is_some_and(|r| r.is_empty() || !r.starts_with(char::is_alphanumeric));
    if has_label {
        name.to_owned()
    } else {
        trf(lang, msg, &[("name", &name)])
    }
}
