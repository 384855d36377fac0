//! The network screen: a tab bar (POPs, equipment, service zones), and
//! below it the tab's list with the selected row's details: a POP's
//! equipment, an equipment's POP and zones, a zone's interfaces. Rows of
//! the equipment a jump from a service found are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::api::{Equipment, NetInterface};
use crate::app::App;
use crate::app::tools::network::{NetTab, NetworkState};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::{Role, Theme};
use crate::ui::cells::{self, Col, txt};
use crate::ui::widgets::{Tab, TabBar};

/// Draws the screen.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    if area.height < 2 {
        return;
    }
    let lang = app.lang();
    let theme = &app.settings.theme;
    let state = &app.tools.network;
    let titles: Vec<&str> = NetTab::ALL.iter().map(|t| tr(lang, t.title())).collect();
    let tabs: Vec<Tab> = NetTab::ALL
        .iter()
        .zip(&titles)
        .map(|(t, title)| Tab {
            title,
            short: None,
            busy: state.tab_loading(*t),
            alert: state.tab_failed(*t),
        })
        .collect();
    TabBar {
        tabs: &tabs,
        selected: state.tab.index(),
        tick: app.tick,
        theme,
    }
    .render(Rect { height: 1, ..area }, frame.buffer_mut());
    let mut top = 1;
    // After a jump from a service, what was found stays in view (the
    // status line is short at 80 columns and clears itself).
    if let Some(note) = &state.jump_note
        && area.height > 8
    {
        // Two lines at most: the zone comes last and must not be cut off.
        let text = trf(lang, Msg::NetJumpBanner, &[("found", note)]);
        let lines: Vec<Line> = cells::wrap(&text, area.width as usize)
            .into_iter()
            .take(2)
            .map(|l| Line::styled(l, theme.style(Role::Accent)))
            .collect();
        let n = lines.len() as u16;
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y: area.y + 1,
                height: n,
                ..area
            },
            &lines,
        );
        top += n;
    }
    let body = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    let title = format!(
        "{} · {}",
        tr(lang, Msg::NetTitle),
        tr(lang, state.tab.title())
    );
    let focused = !state.filter().editing;
    let inner = match state.tab {
        NetTab::Pops => {
            crate::ui::detail::frame(frame, body, app, &title, &state.pops, Vec::is_empty, true)
        }
        NetTab::Equipment => crate::ui::detail::frame(
            frame,
            body,
            app,
            &title,
            &state.equipment,
            Vec::is_empty,
            true,
        ),
        NetTab::Zones => {
            crate::ui::detail::frame(frame, body, app, &title, &state.zones, Vec::is_empty, true)
        }
        NetTab::Cpes => crate::ui::detail::frame(
            frame,
            body,
            app,
            &title,
            &state.cpes,
            |p| p.cpes.is_empty(),
            true,
        ),
        NetTab::WhoHad => {
            // Before an address is asked there is nothing to load.
            let idle = crate::app::Remote {
                data: Some(Vec::new()),
                ..crate::app::Remote::default()
            };
            let remote = if state.who_had_query.is_none() {
                &idle
            } else {
                &state.who_had
            };
            crate::ui::detail::frame(frame, body, app, &title, remote, |_| false, true)
        }
    };
    let Some(inner) = inner else {
        return;
    };
    let visible = state.visible(state.tab);
    let total = match state.tab {
        NetTab::Pops => state.pops.data.as_ref().map_or(0, Vec::len),
        NetTab::Equipment => state.equipment.data.as_ref().map_or(0, Vec::len),
        NetTab::Zones => state.zones.data.as_ref().map_or(0, Vec::len),
        NetTab::Cpes => state.cpes.data.as_ref().map_or(0, |p| p.cpes.len()),
        NetTab::WhoHad => state.who_had.data.as_ref().map_or(0, Vec::len),
    };
    let inner = if state.tab == NetTab::WhoHad {
        address_line(frame, inner, app, state)
    } else {
        super::filter_line(frame, inner, app, state.filter(), visible.len(), total)
    };
    let ctx = Ctx {
        pane: body,
        lang,
        theme,
        state,
        visible: &visible,
        focused,
    };
    match state.tab {
        NetTab::Pops => pops(frame, inner, app, &ctx),
        NetTab::Equipment => equipment(frame, inner, app, &ctx),
        NetTab::Zones => zones(frame, inner, app, &ctx),
        NetTab::Cpes => cpes(frame, inner, app, &ctx),
        NetTab::WhoHad => who_had(frame, inner, app, &ctx),
    }
}

/// The who-had tab's address field at the bottom of `area` (the `/` key
/// focuses it, Enter looks the address up); returns the area above it.
fn address_line(frame: &mut Frame<'_>, area: Rect, app: &App, state: &NetworkState) -> Rect {
    if area.height < 2 {
        return area;
    }
    let theme = &app.settings.theme;
    let lang = app.lang();
    let filter = &state.list(NetTab::WhoHad).filter;
    let line_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let label = format!("{}: ", tr(lang, Msg::NetWhoHadField));
    let room = (area.width as usize).saturating_sub(crate::text::width(&label) + 1);
    let value = crate::sanitize::clean(filter.input.value());
    let scroll = filter.input.visual_scroll(room);
    let shown: String = value.chars().skip(scroll).collect();
    if filter.editing {
        let col = filter
            .input
            .visual_cursor()
            .saturating_sub(scroll)
            .min(room);
        frame.set_cursor_position(ratatui::layout::Position {
            x: line_area.x + crate::text::width(&label) as u16 + col as u16,
            y: line_area.y,
        });
    }
    let role = if filter.editing {
        Role::Text
    } else {
        Role::Accent
    };
    let line = Line::from(vec![
        ratatui::text::Span::styled(label, theme.style(Role::Muted)),
        ratatui::text::Span::styled(crate::text::fit(&shown, room), theme.style(role)),
    ]);
    cells::lines(frame.buffer_mut(), line_area, &[line]);
    Rect {
        height: area.height - 1,
        ..area
    }
}

fn cpes(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Ctx<'_>) {
    let Some(pages) = &c.state.cpes.data else {
        return;
    };
    let cells = c
        .visible
        .iter()
        .filter_map(|i| pages.cpes.get(*i))
        .map(|cpe| {
            let s = cpe.servicos.first();
            vec![
                (txt(c.lang, cpe.phy_addr.as_deref()), c.text()),
                (
                    txt(c.lang, s.and_then(|s| s.nome_razaosocial.as_deref())),
                    c.text(),
                ),
                (
                    crate::ops::bulk::cpe_rx_text(cpe).unwrap_or_default(),
                    c.muted(),
                ),
                (
                    cells::date(c.lang, cpe.data_ultima_atualizacao.as_ref()),
                    c.muted(),
                ),
            ]
        })
        .collect();
    let (header, rows) = cells::table(
        area.width,
        &[
            tr(c.lang, Msg::CpeColPhy),
            tr(c.lang, Msg::ColName),
            tr(c.lang, Msg::CpeColRx),
            tr(c.lang, Msg::CpeColSeen),
        ],
        c.muted(),
        cells,
        &[
            Col::new(12, 0, 0),
            Col::new(12, 0, 0).cap(30),
            Col::new(9, 0, 1),
            Col::new(10, 0, 2),
        ],
        &[2],
    );
    let rest = crate::ui::detail::list(
        frame,
        area,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: c.state.list(NetTab::Cpes).selected,
            focused: c.focused,
            share: 65,
        },
    );
    let mut lines = c.detail_head(
        rest.width,
        crate::ops::bulk::page_text(c.lang, pages.page, pages.last_page, pages.total),
    );
    if pages.more {
        lines.push(Line::styled(tr(c.lang, Msg::NetCpesMore), c.muted()));
    }
    if let Some(cpe) = c.state.selected_cpe() {
        for s in &cpe.servicos {
            let code = s.codigo_cliente.map(|n| n.to_string());
            lines.push(Line::styled(
                format!(
                    "{} · {} · {} · {}",
                    txt(c.lang, code.as_deref()),
                    txt(c.lang, s.nome_razaosocial.as_deref()),
                    txt(c.lang, s.servico.as_deref()),
                    txt(c.lang, s.status.as_deref()),
                ),
                c.text(),
            ));
        }
    }
    super::detail_lines(frame, c.pane, rest, app, &lines);
}

fn who_had(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Ctx<'_>) {
    let lang = c.lang;
    let Some(query) = &c.state.who_had_query else {
        let key = crate::ui::widgets::keys_label(&app.keymap, crate::app::keymap::Action::Search);
        let text = trf(lang, Msg::NetWhoHadPrompt, &[("key", &key)]);
        let lines: Vec<Line> = cells::wrap(&text, area.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, c.muted()))
            .collect();
        cells::lines(frame.buffer_mut(), area, &lines);
        return;
    };
    let Some(list) = &c.state.who_had.data else {
        return;
    };
    if list.is_empty() {
        let address = crate::sanitize::clean(&query.login).into_owned();
        let text = trf(lang, Msg::NetWhoHadNobody, &[("address", &address)]);
        cells::lines(frame.buffer_mut(), area, &[Line::styled(text, c.muted())]);
        return;
    }
    let cells = list
        .iter()
        .map(|r| {
            let who = r.cliente.as_ref();
            let code = who.and_then(|w| w.codigo_cliente).map(|n| n.to_string());
            let end = match r.stopped_at() {
                Some(d) => cells::date(lang, Some(d)),
                None => tr(lang, Msg::ColOnline).to_owned(),
            };
            vec![
                (cells::date(lang, r.started_at()), c.text()),
                (end, c.text()),
                (txt(lang, r.username.as_deref()), c.text()),
                (txt(lang, code.as_deref()), c.text()),
                (
                    txt(lang, who.and_then(|w| w.nome_razaosocial.as_deref())),
                    c.text(),
                ),
                (txt(lang, r.framedipaddress.as_deref()), c.muted()),
                (txt(lang, r.callingstationid.as_deref()), c.muted()),
            ]
        })
        .collect();
    let (header, rows) = cells::table(
        area.width,
        &[
            tr(lang, Msg::ColStart),
            tr(lang, Msg::ColEnd),
            tr(lang, Msg::KindLogin),
            tr(lang, Msg::ColCode),
            tr(lang, Msg::ColName),
            tr(lang, Msg::KindIpv4),
            tr(lang, Msg::KindMac),
        ],
        c.muted(),
        cells,
        &[
            Col::new(16, 0, 0),
            Col::new(16, 0, 0),
            Col::new(8, 0, 0),
            Col::new(4, 0, 0),
            Col::new(10, 0, 1).cap(36),
            Col::new(7, 0, 2),
            Col::new(8, 0, 3),
        ],
        &[],
    );
    let rest = crate::ui::detail::list(
        frame,
        area,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: c.state.list(NetTab::WhoHad).selected,
            focused: c.focused,
            share: 75,
        },
    );
    let Some(r) = c.state.selected_session() else {
        return;
    };
    let who = r.cliente.as_ref();
    let mut lines = c.detail_head(
        rest.width,
        txt(lang, who.and_then(|w| w.nome_razaosocial.as_deref())),
    );
    let mut facts: Vec<String> = [
        r.framedipaddress.as_deref(),
        r.callingstationid.as_deref(),
        r.nasipaddress.as_deref(),
    ]
    .into_iter()
    .filter_map(cells::opt)
    .map(|v| crate::sanitize::clean(&v).into_owned())
    .collect();
    if who.and_then(|w| w.codigo_cliente).is_some() {
        facts.push(tr(lang, Msg::NetWhoHadOpen).to_owned());
    }
    lines.push(Line::styled(facts.join(" · "), c.muted()));
    super::detail_lines(frame, c.pane, rest, app, &lines);
}

struct Ctx<'a> {
    /// The pane's frame, for the detail's scroll marker.
    pane: Rect,
    lang: Lang,
    theme: &'a Theme,
    state: &'a NetworkState,
    visible: &'a [usize],
    focused: bool,
}

impl Ctx<'_> {
    fn muted(&self) -> Style {
        self.theme.style(Role::Muted)
    }

    fn text(&self) -> Style {
        self.theme.style(Role::Text)
    }

    /// The style of an equipment row: marked when a jump found it.
    fn marked(&self, e: &Equipment) -> Style {
        if self.state.located.as_ref().is_some_and(|l| l.matches(e)) {
            self.theme.style(Role::Accent)
        } else {
            self.text()
        }
    }

    /// The separator and title line above a selected row's details.
    fn detail_head<'a>(&self, width: u16, title: String) -> Vec<Line<'a>> {
        vec![
            Line::styled("─".repeat(width as usize), self.theme.style(Role::Border)),
            Line::styled(title, self.theme.style(Role::Title)),
        ]
    }
}

fn ip(lang: Lang, e: &Equipment) -> String {
    txt(lang, e.ipv4.as_deref().or(e.ipv6.as_deref()))
}

/// An equipment table (name, IP, model, maker) sized by its content;
/// each row in the style `style` gives it (a marked row for a jump).
fn equipment_table<'a, 'e>(
    c: &Ctx<'_>,
    width: u16,
    rows: impl Iterator<Item = &'e Equipment>,
    style: impl Fn(&Equipment) -> Style,
) -> (Line<'a>, Vec<Line<'a>>) {
    let cells = rows
        .map(|e| {
            vec![
                (txt(c.lang, e.nome.as_deref()), style(e)),
                (ip(c.lang, e), style(e)),
                (txt(c.lang, e.modelo.as_deref()), c.muted()),
                (txt(c.lang, e.fabricante.as_deref()), c.muted()),
            ]
        })
        .collect();
    cells::table(
        width,
        &[
            tr(c.lang, Msg::NetColEquipment),
            tr(c.lang, Msg::NetColIp),
            tr(c.lang, Msg::NetColModel),
            tr(c.lang, Msg::NetColMaker),
        ],
        c.muted(),
        cells,
        &[
            Col::new(12, 0, 0).cap(40),
            Col::new(7, 0, 0),
            Col::new(6, 0, 1),
            Col::new(6, 0, 2),
        ],
        &[],
    )
}

fn pops(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Ctx<'_>) {
    let Some(pops) = &c.state.pops.data else {
        return;
    };
    let cells = c
        .visible
        .iter()
        .filter_map(|i| pops.get(*i))
        .map(|p| {
            vec![
                (txt(c.lang, p.nome.as_deref()), c.text()),
                (p.equipamentos.len().to_string(), c.text()),
            ]
        })
        .collect();
    let (header, rows) = cells::table(
        area.width,
        &[
            tr(c.lang, Msg::NetColPop),
            tr(c.lang, Msg::NetColEquipmentCount),
        ],
        c.muted(),
        cells,
        &[Col::new(12, 0, 0), Col::new(3, 0, 0)],
        &[1],
    );
    let rest = crate::ui::detail::list(
        frame,
        area,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: c.state.list(NetTab::Pops).selected,
            focused: c.focused,
            share: 50,
        },
    );
    let Some(pop) = c.state.selected_pop() else {
        return;
    };
    let mut lines = c.detail_head(
        rest.width,
        format!(
            "{} · {}",
            txt(c.lang, pop.nome.as_deref()),
            tr(c.lang, Msg::NetTabEquipment)
        ),
    );
    if pop.equipamentos.is_empty() {
        lines.push(Line::styled(tr(c.lang, Msg::NetPopEmpty), c.muted()));
    } else {
        let (header, rows) =
            equipment_table(c, rest.width, pop.equipamentos.iter(), |e| c.marked(e));
        lines.push(header);
        lines.extend(rows);
    }
    super::detail_lines(frame, c.pane, rest, app, &lines);
}

fn equipment(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Ctx<'_>) {
    let Some(list) = &c.state.equipment.data else {
        return;
    };
    let (header, rows) = equipment_table(
        c,
        area.width,
        c.visible.iter().filter_map(|i| list.get(*i)),
        |_| c.text(),
    );
    let rest = crate::ui::detail::list(
        frame,
        area,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: c.state.list(NetTab::Equipment).selected,
            focused: c.focused,
            share: 65,
        },
    );
    let Some(e) = c.state.selected_equipment() else {
        return;
    };
    let mut lines = c.detail_head(rest.width, txt(c.lang, e.nome.as_deref()));
    if let Some(v6) = cells::opt(e.ipv6.as_deref()) {
        lines.push(cells::kv(c.theme, "IPv6", v6, Role::Text));
    }
    // Where it sits, from the other tabs' lists once they are loaded.
    let (pops, zones) = c.state.containing(e);
    let names = |v: Vec<Option<&str>>, none: Msg| {
        let v: Vec<String> = v.into_iter().filter_map(cells::opt).collect();
        if v.is_empty() {
            tr(c.lang, none).to_owned()
        } else {
            v.join(", ")
        }
    };
    if let Some(pops) = pops {
        let text = names(
            pops.iter().map(|p| p.nome.as_deref()).collect(),
            Msg::NetLabelNoPop,
        );
        lines.push(cells::kv(
            c.theme,
            tr(c.lang, Msg::NetLabelPops),
            text,
            Role::Text,
        ));
    }
    if let Some(zones) = zones {
        let text = names(
            zones.iter().map(|z| z.nome.as_deref()).collect(),
            Msg::NetLabelNoZone,
        );
        lines.push(cells::kv(
            c.theme,
            tr(c.lang, Msg::NetLabelZones),
            text,
            Role::Text,
        ));
    }
    super::detail_lines(frame, c.pane, rest, app, &lines);
}

fn zones(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Ctx<'_>) {
    let Some(zones) = &c.state.zones.data else {
        return;
    };
    // The description gets a column when there is room for it.
    let wide = area.width >= 100;
    let mut headers = vec![tr(c.lang, Msg::NetColZone)];
    if wide {
        headers.push(tr(c.lang, Msg::ColDescription));
    }
    headers.push(tr(c.lang, Msg::NetColInterfaces));
    let cells = c
        .visible
        .iter()
        .filter_map(|i| zones.get(*i))
        .map(|z| {
            let mut cols = vec![(txt(c.lang, z.nome.as_deref()), c.text())];
            if wide {
                cols.push((txt(c.lang, z.descricao.as_deref()), c.muted()));
            }
            cols.push((z.interfaces.len().to_string(), c.text()));
            cols
        })
        .collect();
    let spec: &[Col] = if wide {
        &[
            Col::new(12, 0, 0).cap(40),
            Col::new(10, 0, 1),
            Col::new(3, 0, 0),
        ]
    } else {
        &[Col::new(12, 0, 0), Col::new(3, 0, 0)]
    };
    let (header, rows) = cells::table(
        area.width,
        &headers,
        c.muted(),
        cells,
        spec,
        &[headers.len() - 1],
    );
    let rest = crate::ui::detail::list(
        frame,
        area,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: c.state.list(NetTab::Zones).selected,
            focused: c.focused,
            share: 50,
        },
    );
    let Some(zone) = c.state.selected_zone() else {
        return;
    };
    let title = match cells::opt(zone.descricao.as_deref()) {
        Some(d) if !wide => format!("{} · {d}", txt(c.lang, zone.nome.as_deref())),
        _ => format!(
            "{} · {}",
            txt(c.lang, zone.nome.as_deref()),
            tr(c.lang, Msg::NetColInterfaces)
        ),
    };
    let mut lines = c.detail_head(rest.width, title);
    if zone.interfaces.is_empty() {
        lines.push(Line::styled(tr(c.lang, Msg::NetZoneEmpty), c.muted()));
    } else {
        // Model and maker too when there is room.
        let wide = rest.width >= 100;
        let mut headers = vec![
            tr(c.lang, Msg::LabelInterface),
            tr(c.lang, Msg::ColType),
            tr(c.lang, Msg::NetColEquipment),
            tr(c.lang, Msg::NetColIp),
        ];
        if wide {
            headers.push(tr(c.lang, Msg::NetColModel));
            headers.push(tr(c.lang, Msg::NetColMaker));
        }
        let cells = zone
            .interfaces
            .iter()
            .map(|i| interface_cells(c, i, wide))
            .collect();
        // The interface and the equipment it is on first, then its IP.
        let (header, rows) = cells::table(
            rest.width,
            &headers,
            c.muted(),
            cells,
            &[
                Col::new(8, 0, 0).cap(30),
                Col::new(4, 0, 2),
                Col::new(12, 0, 0).cap(40),
                Col::new(7, 0, 1),
                Col::new(6, 0, 3),
                Col::new(6, 0, 3),
            ][..headers.len()],
            &[],
        );
        lines.push(header);
        lines.extend(rows);
    }
    super::detail_lines(frame, c.pane, rest, app, &lines);
}

fn interface_cells(c: &Ctx<'_>, i: &NetInterface, wide: bool) -> Vec<(String, Style)> {
    let e = i.equipamento_conexao.as_ref();
    let located = c.state.located.as_ref();
    let style = match (located, e) {
        (Some(l), Some(e)) if l.matches(e) && l.same_interface(i.nome.as_deref()) => {
            c.theme.style(Role::Accent)
        }
        _ => c.text(),
    };
    let equipment_style = e.map_or(c.text(), |e| c.marked(e));
    let field = |f: fn(&Equipment) -> Option<&str>| txt(c.lang, e.and_then(f));
    let mut cols = vec![
        (txt(c.lang, i.nome.as_deref()), style),
        (txt(c.lang, i.tipo.as_deref()), c.muted()),
        (field(|e| e.nome.as_deref()), equipment_style),
        (
            e.map_or_else(|| txt(c.lang, None), |e| ip(c.lang, e)),
            c.muted(),
        ),
    ];
    if wide {
        cols.push((field(|e| e.modelo.as_deref()), c.muted()));
        cols.push((field(|e| e.fabricante.as_deref()), c.muted()));
    }
    cols
}
