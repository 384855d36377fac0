//! A customer on screen: the title line, the alert banner, the tabs, and
//! the layout of the panes (one at a time below 140 columns; header and
//! services beside the detail pane from there). Also the header pane, the
//! services pane and the "last seen" block.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::api::{Address, Customer, CustomerService};
use crate::app::keymap::Action;
use crate::app::{App, CustomerView, Pane, WIDE_FROM};
use crate::i18n::{Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells::{self, Col, kv, opt, row, scroll_for, select, txt};
use crate::ui::widgets::{PaneFrame, PaneState, Tab, TabBar, keys_label};

/// Draws the customer screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let mut y = area.y;
    // Title line: who is on screen, always visible whatever the pane.
    if let Some(c) = &view.customer.data {
        let title = Line::from(vec![
            Span::styled(
                format!(" {} ", txt(lang, c.display_name())),
                theme.style(Role::Title),
            ),
            Span::styled(
                format!(
                    "· {} {} · {}",
                    tr(lang, Msg::KindCode),
                    view.code,
                    cells::document(app, c.cpf_cnpj.as_deref())
                ),
                theme.style(Role::Muted),
            ),
        ]);
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..area
            },
            &[title],
        );
    } else {
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..area
            },
            &[Line::styled(
                format!(" {} {}", tr(lang, Msg::KindCode), view.code),
                theme.style(Role::Title),
            )],
        );
    }
    y += 1;
    // Alerts: a banner that cannot be missed, wrapped, never cut: during
    // an outage it is the most important text on the screen. Up to a
    // quarter of the screen; beyond that it says where the rest is, and
    // the Cliente pane lists every alert in full.
    let mut banner_cut = false;
    if let Some(c) = &view.customer.data {
        let rows = alert_rows(app, c, area.width as usize);
        let max_rows = (area.height / 4).max(2) as usize;
        let shown = rows.len().min(max_rows);
        banner_cut = rows.len() > shown;
        for (i, text) in rows.iter().take(shown).enumerate() {
            let text = if i + 1 == shown && banner_cut {
                let more = tr(lang, Msg::AlertBannerMore);
                let room = (area.width as usize).saturating_sub(crate::text::width(more) + 1);
                let head = text.trim_end();
                let head = if crate::text::width(head) < room {
                    format!("{head}{}", crate::text::ELLIPSIS)
                } else {
                    crate::text::truncate(head, room).into_owned()
                };
                format!("{head} {more}")
            } else {
                text.clone()
            };
            let rect = Rect {
                y,
                height: 1,
                ..area
            };
            frame
                .buffer_mut()
                .set_style(rect, theme.style(Role::AlertBanner));
            cells::lines(
                frame.buffer_mut(),
                rect,
                &[Line::styled(text, theme.style(Role::AlertBanner))],
            );
            y += 1;
        }
    }
    let tabs_titles: Vec<&str> = Pane::ALL.iter().map(|p| tr(lang, p.title())).collect();
    let tabs: Vec<Tab> = Pane::ALL
        .iter()
        .zip(&tabs_titles)
        .map(|(p, t)| Tab {
            title: t,
            short: Some(tr(lang, p.short_title())),
            busy: view.pane_loading(*p),
            alert: view.pane_failed(*p),
        })
        .collect();
    TabBar {
        tabs: &tabs,
        selected: view.focus.index(),
        tick: app.tick,
        theme,
    }
    .render(
        Rect {
            y,
            height: 1,
            ..area
        },
        frame.buffer_mut(),
    );
    y += 1;
    let body = Rect {
        y,
        height: (area.y + area.height).saturating_sub(y),
        ..area
    };
    let focus = if app.help.is_some() {
        None
    } else {
        Some(view.focus)
    };
    if area.width >= WIDE_FROM {
        let left_w = (area.width * 2 / 5).clamp(56, 72);
        let left = Rect {
            width: left_w,
            ..body
        };
        let right = Rect {
            x: body.x + left_w,
            width: body.width - left_w,
            ..body
        };
        // The header takes what it needs (up to half), services the rest.
        let needed = view.customer.data.as_ref().map_or(8, |c| {
            header_lines(app, view, c, left_w.saturating_sub(4) as usize, banner_cut).len() as u16
                + 2
        });
        let header_h = needed.clamp(8, (body.height / 2).max(8)).min(body.height);
        draw_pane(
            frame,
            Rect {
                height: header_h,
                ..left
            },
            app,
            view,
            Pane::Customer,
            focus,
            banner_cut,
        );
        draw_pane(
            frame,
            Rect {
                y: left.y + header_h,
                height: left.height - header_h,
                ..left
            },
            app,
            view,
            Pane::Services,
            focus,
            banner_cut,
        );
        draw_pane(frame, right, app, view, view.detail, focus, banner_cut);
    } else {
        draw_pane(frame, body, app, view, view.focus, focus, banner_cut);
    }
}

/// The alert banner's rows at `width`: "✖ ALERTA:" before the first
/// message, each message wrapped, its continuation rows indented.
fn alert_rows(app: &App, c: &Customer, width: usize) -> Vec<String> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    const INDENT: &str = "   ";
    let room = width.saturating_sub(INDENT.len() + 2).max(10);
    let mut out = Vec::new();
    for (i, msg) in c
        .alerta_mensagens
        .iter()
        .filter_map(|m| opt(Some(m)))
        .enumerate()
    {
        let msg = if i == 0 {
            format!(
                "{} {}: {msg}",
                theme.glyph(Role::Danger),
                tr(lang, Msg::AlertBannerTitle)
            )
        } else {
            msg
        };
        for (j, part) in cells::wrap(&msg, room).into_iter().enumerate() {
            let lead = if i == 0 && j == 0 { " " } else { INDENT };
            out.push(format!("{lead}{part}"));
        }
    }
    out
}

fn draw_pane(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    pane: Pane,
    focus: Option<Pane>,
    banner_cut: bool,
) {
    let focused = focus == Some(pane);
    match pane {
        Pane::Customer => draw_header(frame, area, app, view, focused, banner_cut),
        // Beside the header (wide layout) the last connection shows there.
        Pane::Services => {
            let wide = frame.area().width >= WIDE_FROM;
            draw_services(frame, area, app, view, focused, !wide)
        }
        Pane::Invoices => crate::ui::invoices::draw(frame, area, app, view, focused),
        Pane::Tickets => crate::ui::tickets::draw(frame, area, app, view, focused),
        Pane::Orders => crate::ui::orders::draw(frame, area, app, view, focused),
        Pane::Connections => crate::ui::connections::draw(frame, area, app, view, focused),
    }
}

/// The frame of a customer pane whose data is the customer record.
fn customer_frame(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    pane: Pane,
    focused: bool,
) -> Option<Rect> {
    let lang = app.lang();
    let retry = keys_label(&app.keymap, Action::Refresh);
    let state = match (&view.customer.data, &view.customer.error) {
        (_, Some(e)) => PaneState::Error(e),
        (None, None) => PaneState::Loading,
        (Some(_), None) => PaneState::Ready,
    };
    PaneFrame {
        title: tr(lang, pane.title()),
        focused,
        state,
        tick: app.tick,
        retry_keys: &retry,
        lang,
        theme: &app.settings.theme,
    }
    .render_pane(area, frame.buffer_mut())
}

fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

/// Draws the Cliente pane; with `alerts`, every alert in full (the banner
/// was cut).
fn draw_header(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    focused: bool,
    alerts: bool,
) {
    let Some(inner) = customer_frame(frame, area, app, view, Pane::Customer, focused) else {
        return;
    };
    let Some(c) = &view.customer.data else { return };
    let hidden = cells::scrolled_lines(
        frame.buffer_mut(),
        inset(inner),
        &header_lines(app, view, c, inset(inner).width as usize, alerts),
        crate::ui::detail::scroll_of(view, focused),
    );
    crate::ui::detail::marker(frame, area, app, hidden);
}

/// The header pane's lines at `width`: identity, contacts, services at a
/// glance and the selected service's last connection; with `alerts`, every
/// alert in full under the name.
fn header_lines<'a>(
    app: &App,
    view: &CustomerView,
    c: &Customer,
    width: usize,
    alerts: bool,
) -> Vec<Line<'a>> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let mut out: Vec<Line> = Vec::new();
    out.push(Line::styled(
        txt(lang, c.nome_razaosocial.as_deref().or(c.display_name())),
        theme.style(Role::Title),
    ));
    if alerts {
        out.push(Line::styled(
            format!("{}:", tr(lang, Msg::LabelAlerts)),
            theme.style(Role::Muted),
        ));
        for msg in c.alerta_mensagens.iter().filter_map(|m| opt(Some(m))) {
            let line = Line::styled(
                format!("  {} {msg}", theme.glyph(Role::Danger)),
                theme.style(Role::Danger),
            );
            out.extend(cells::wrap_line(&line, width, 4));
        }
    }
    if let Some(f) = opt(c.nome_fantasia.as_deref())
        .filter(|f| Some(f.as_str()) != c.nome_razaosocial.as_deref())
    {
        out.push(kv(theme, tr(lang, Msg::KindFantasyName), f, Role::Text));
    }
    out.push(Line::from(vec![
        Span::styled(
            format!("{}: ", tr(lang, Msg::KindDocument)),
            theme.style(Role::Muted),
        ),
        Span::styled(
            cells::document(app, c.cpf_cnpj.as_deref()),
            theme.style(Role::Text),
        ),
        Span::styled(
            format!("   {}: ", tr(lang, Msg::KindCode)),
            theme.style(Role::Muted),
        ),
        Span::styled(
            c.codigo_cliente.unwrap_or(view.code).to_string(),
            theme.style(Role::Text),
        ),
    ]));
    let phones: Vec<String> = c.phones().iter().map(|p| cells::phone(app, p)).collect();
    out.push(kv(
        theme,
        tr(lang, Msg::LabelPhones),
        if phones.is_empty() {
            txt(lang, None)
        } else {
            phones.join(" · ")
        },
        Role::Text,
    ));
    let emails: Vec<String> = c.emails().iter().map(|e| cells::email(app, e)).collect();
    out.push(kv(
        theme,
        tr(lang, Msg::LabelEmails),
        if emails.is_empty() {
            txt(lang, None)
        } else {
            emails.join(" · ")
        },
        Role::Text,
    ));
    let since = match c.data_cadastro.as_ref().and_then(|d| d.date()) {
        Some(d) => format!(
            "{} ({})",
            crate::br::dates::format_date(d),
            crate::br::dates::relative_days(lang, d, crate::br::dates::today(app.now))
        ),
        None => cells::date(lang, c.data_cadastro.as_ref()),
    };
    out.push(kv(
        theme,
        tr(lang, Msg::LabelCustomerSince),
        since,
        Role::Text,
    ));
    // Services at a glance: the attendant sees "suspended" on the first pane.
    for (i, s) in c.servicos.iter().enumerate() {
        let (role, _) = cells::service_status(s);
        let marker = if i == view.service { "▸" } else { " " };
        out.push(Line::from(vec![
            Span::styled(format!("{marker} "), theme.style(Role::Accent)),
            Span::styled(txt(lang, s.nome.as_deref()), theme.style(Role::Text)),
            Span::styled(" · ", theme.style(Role::Muted)),
            Span::styled(cells::service_status_text(lang, s), theme.style(role)),
            Span::styled(
                s.login
                    .as_deref()
                    .map(|l| format!(" · {}", crate::sanitize::clean(l)))
                    .unwrap_or_default(),
                theme.style(Role::Muted),
            ),
        ]));
    }
    out.push(Line::raw(""));
    if let Some(s) = view.selected_service() {
        out.extend(last_seen(app, s));
    }
    out
}

/// The "last seen" block of a service: RADIUS accounting, worded as what
/// it is (possibly stale), never as a live probe.
pub fn last_seen<'a>(app: &App, s: &CustomerService) -> Vec<Line<'a>> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let mut out = vec![Line::styled(
        tr(lang, Msg::PaneLastSeen).to_owned(),
        theme.style(Role::Title),
    )];
    let Some(lc) = &s.ultima_conexao else {
        out.push(Line::styled(
            tr(lang, Msg::LastSeenUnknown).to_owned(),
            theme.style(Role::Muted),
        ));
        return out;
    };
    let when = |d: Option<&crate::api::ApiDate>| -> Option<(String, String)> {
        let d = d?;
        let rel = match d.instant() {
            Some(t) => crate::br::dates::relative(lang, t.with_timezone(&chrono::Utc), app.now),
            None => match d.date() {
                Some(day) => {
                    crate::br::dates::relative_days(lang, day, crate::br::dates::today(app.now))
                }
                None => String::new(),
            },
        };
        Some((cells::date(lang, Some(d)), rel))
    };
    let connected = lc
        .ultima_conexao_datetime
        .as_ref()
        .or(lc.ultima_conexao.as_ref());
    let disconnected = lc
        .ultima_desconexao_datetime
        .as_ref()
        .or(lc.ultima_desconexao.as_ref());
    let line = match lc.conectado {
        Some(true) => when(connected).map(|(date, relative)| {
            (
                trf(
                    lang,
                    Msg::LastSeenOnlineSince,
                    &[("date", &date), ("relative", &relative)],
                ),
                Role::Ok,
            )
        }),
        Some(false) => when(disconnected).map(|(date, relative)| {
            (
                trf(
                    lang,
                    Msg::LastSeenOfflineSince,
                    &[("date", &date), ("relative", &relative)],
                ),
                Role::Danger,
            )
        }),
        None => None,
    };
    // HubSoft's status_txt ("DESCONECTADO HÁ 0 MES(ES), 1 DIA(S)") is an
    // age computed when the record was last written: beside our own age
    // of the same date it goes stale and contradicts it. Shown only when
    // we could not tell the state ourselves.
    match line {
        Some((text, role)) => out.push(Line::styled(
            format!("{} {text}", theme.glyph(role)),
            theme.style(role),
        )),
        None => {
            out.push(Line::styled(
                tr(lang, Msg::LastSeenUnknown).to_owned(),
                theme.style(Role::Warning),
            ));
            if let Some(status) = opt(lc
                .status_txt_resumido
                .as_deref()
                .or(lc.status_txt.as_deref()))
            {
                out.push(Line::styled(status, theme.style(Role::Muted)));
            }
        }
    }
    out.push(kv(
        theme,
        tr(lang, Msg::LabelLastIp),
        txt(lang, lc.ultimo_ipv4.as_deref()),
        Role::Text,
    ));
    out.push(kv(
        theme,
        tr(lang, Msg::LabelNas),
        txt(lang, lc.ultimo_nas_ip.as_deref()),
        Role::Text,
    ));
    out.push(Line::styled(
        tr(lang, Msg::LastSeenStaleNote).to_owned(),
        theme.style(Role::Muted),
    ));
    out
}

/// An address on one line, the street number masked in privacy mode.
pub fn address(app: &App, a: &Address) -> String {
    let lang = app.lang();
    if !app.settings.privacy
        && let Some(full) = opt(a.completo.as_deref())
    {
        return full;
    }
    let mut parts: Vec<String> = Vec::new();
    let street = opt(a.logradouro.as_deref().or(a.endereco.as_deref()));
    let number = opt(a.numero.as_deref()).map(|n| {
        if app.settings.privacy {
            crate::mask::street_number(&n)
        } else {
            n
        }
    });
    match (street, number) {
        (Some(s), Some(n)) => parts.push(format!("{s}, {n}")),
        (Some(s), None) => parts.push(s),
        (None, Some(n)) => parts.push(n),
        (None, None) => {}
    }
    parts.extend(opt(a.complemento.as_deref()));
    parts.extend(opt(a.bairro.as_deref()));
    let city = match (
        opt(a.cidade.as_deref()),
        a.state_code().and_then(|u| opt(Some(u))),
    ) {
        (Some(c), Some(u)) => Some(format!("{c}/{u}")),
        (c, u) => c.or(u),
    };
    parts.extend(city);
    parts.extend(opt(a.cep.as_deref()).map(|c| crate::br::cep::display(&c).into_owned()));
    if parts.is_empty() {
        txt(lang, None)
    } else {
        parts.join(" · ")
    }
}

fn service_lines<'a>(app: &App, view: &CustomerView, s: &CustomerService) -> Vec<Line<'a>> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let t = |m| tr(lang, m);
    let mut out = Vec::new();
    out.push(kv(
        theme,
        t(Msg::LabelPlan),
        txt(lang, s.nome.as_deref()),
        Role::Title,
    ));
    out.push(kv(
        theme,
        t(Msg::ColValue),
        cells::money(lang, s.valor),
        Role::Text,
    ));
    let (role, _) = cells::service_status(s);
    out.push(kv(
        theme,
        t(Msg::ColState),
        format!(
            "{} {}",
            theme.glyph(role),
            cells::service_status_text(lang, s)
        )
        .trim()
        .to_owned(),
        role,
    ));
    out.push(kv(
        theme,
        t(Msg::LabelTechnology),
        txt(lang, s.tecnologia.as_deref()),
        Role::Text,
    ));
    if s.velocidade_download.is_some() || s.velocidade_upload.is_some() {
        let speeds = crate::br::speed::pair(
            s.velocidade_download.as_ref(),
            s.velocidade_upload.as_ref(),
            s.nome.as_deref(),
            &txt(lang, None),
        );
        out.push(kv(
            theme,
            t(Msg::LabelSpeed),
            crate::sanitize::clean_line(&speeds).into_owned(),
            Role::Text,
        ));
    }
    out.push(kv(
        theme,
        t(Msg::KindLogin),
        txt(lang, s.login.as_deref()),
        Role::Text,
    ));
    // The PPPoE password: never drawn unless revealed on this service.
    if s.senha.as_deref().is_some_and(|p| !p.is_empty()) {
        let value = if view.revealed == Some(view.service) {
            txt(lang, s.senha.as_deref())
        } else {
            trf(
                lang,
                Msg::PasswordHidden,
                &[("key", &keys_label(&app.keymap, Action::RevealPassword))],
            )
        };
        out.push(kv(theme, t(Msg::LabelPassword), value, Role::Text));
    }
    let ips: Vec<String> = [s.ipv4.as_deref(), s.ipv6.as_deref()]
        .into_iter()
        .filter_map(opt)
        .collect();
    out.push(kv(
        theme,
        t(Msg::WhatIp),
        if ips.is_empty() {
            txt(lang, None)
        } else {
            ips.join(" · ")
        },
        Role::Text,
    ));
    if let Some(mac) = opt(s.mac_addr.as_deref()) {
        out.push(kv(theme, t(Msg::KindMac), mac, Role::Text));
    }
    // The ONU/CPE's own address: a different value from the login's MAC,
    // read out when an ONU is swapped.
    if let Some(phy) = opt(s.phy_addr.as_deref()) {
        out.push(kv(theme, t(Msg::LabelPhyAddr), phy, Role::Text));
    }
    let equipment = |e: Option<&crate::api::Equipment>| -> Option<String> {
        let e = e?;
        let name = opt(e.nome.as_deref())?;
        Some(match opt(e.ipv4.as_deref()) {
            Some(ip) => format!("{name} ({ip})"),
            None => name,
        })
    };
    if let Some(e) = equipment(s.routing_equipment()) {
        out.push(kv(theme, t(Msg::LabelEquipment), e, Role::Text));
    }
    let olt = equipment(s.equipamento_conexao.as_ref()).or_else(|| {
        equipment(
            s.interface_conexao
                .as_ref()
                .and_then(|i| i.equipamento_conexao.as_ref()),
        )
    });
    if let Some(e) = olt {
        out.push(kv(theme, t(Msg::LabelOlt), e, Role::Text));
    }
    let iface = s
        .interface_conexao
        .as_ref()
        .or(s.interface.as_ref())
        .and_then(|i| opt(i.nome.as_deref().or(i.descricao.as_deref())));
    if let Some(i) = iface {
        out.push(kv(theme, t(Msg::LabelInterface), i, Role::Text));
    }
    let routing = s.interface_roteamento.as_ref().and_then(|i| {
        let name = opt(i.nome.as_deref().or(i.descricao.as_deref()))?;
        Some(match opt(i.tipo.as_deref()) {
            Some(kind) => format!("{name} ({kind})"),
            None => name,
        })
    });
    if let Some(r) = routing {
        out.push(kv(theme, t(Msg::LabelRoutingInterface), r, Role::Text));
    }
    if let Some(p) = &s.porta_atendimento {
        let text = [opt(p.numero.as_deref()), opt(p.equipamento.as_deref())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        if !text.is_empty() {
            out.push(kv(theme, t(Msg::LabelPort), text, Role::Text));
        }
    }
    if !s.pacotes.is_empty() {
        let packages: Vec<String> = s
            .pacotes
            .iter()
            .map(|p| match p.valor {
                Some(v) => format!(
                    "{} ({})",
                    txt(lang, p.descricao.as_deref()),
                    crate::br::money::format_brl(v)
                ),
                None => txt(lang, p.descricao.as_deref()),
            })
            .collect();
        out.push(kv(
            theme,
            t(Msg::LabelPackages),
            packages.join(" · "),
            Role::Text,
        ));
    }
    if let Some(a) = s.endereco_instalacao.as_ref() {
        out.push(kv(
            theme,
            t(Msg::LabelInstallAddress),
            address(app, a),
            Role::Text,
        ));
    }
    if let Some(r) = opt(s.referencia.as_deref()) {
        out.push(kv(theme, t(Msg::LabelReference), r, Role::Text));
    }
    out
}

fn draw_services(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    focused: bool,
    with_last_seen: bool,
) {
    let Some(inner) = customer_frame(frame, area, app, view, Pane::Services, focused) else {
        return;
    };
    let Some(c): Option<&Customer> = view.customer.data.as_ref() else {
        return;
    };
    let theme = &app.settings.theme;
    let lang = app.lang();
    let inner = inset(inner);
    if c.servicos.is_empty() {
        cells::lines(
            frame.buffer_mut(),
            inner,
            &[Line::styled(
                tr(lang, Msg::StateEmpty),
                theme.style(Role::Muted),
            )],
        );
        return;
    }
    // The list of services, at most a third of the pane; then the details.
    let list_h = (c.servicos.len() as u16).min((inner.height / 3).max(1));
    let first = scroll_for(view.service, list_h as usize);
    let cells: Vec<Vec<(String, ratatui::style::Style)>> = c
        .servicos
        .iter()
        .map(|s| {
            let (role, _) = cells::service_status(s);
            vec![
                (txt(lang, s.nome.as_deref()), theme.style(Role::Text)),
                (cells::money(lang, s.valor), theme.style(Role::Text)),
                (cells::service_status_text(lang, s), theme.style(role)),
            ]
        })
        .collect();
    // Plan and status whole before the value gets its padding.
    let widths = cells::sized(
        inner.width,
        &[],
        &cells,
        &[Col::new(10, 0, 0), Col::new(8, 0, 2), Col::new(10, 0, 1)],
    );
    let rows: Vec<Line> = cells
        .into_iter()
        .skip(first)
        .take(list_h as usize)
        .map(|r| row(r, &widths, &[1]))
        .collect();
    let list_area = Rect {
        height: list_h,
        ..inner
    };
    cells::lines(frame.buffer_mut(), list_area, &rows);
    select(
        frame.buffer_mut(),
        list_area,
        list_area.y + (view.service - first) as u16,
        theme,
    );
    let Some(s) = view.selected_service() else {
        return;
    };
    let mut detail = vec![Line::styled(
        "─".repeat(inner.width as usize),
        theme.style(Role::Border),
    )];
    detail.extend(service_lines(app, view, s));
    if with_last_seen {
        detail.push(Line::raw(""));
        detail.extend(last_seen(app, s));
    }
    let hidden = cells::scrolled_lines(
        frame.buffer_mut(),
        Rect {
            y: inner.y + list_h,
            height: inner.height - list_h,
            ..inner
        },
        &detail,
        crate::ui::detail::scroll_of(view, focused),
    );
    crate::ui::detail::marker(frame, area, app, hidden);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiDate, LastConnection};
    use crate::app::Settings;
    use crate::app::keymap::Keymap;

    fn app() -> App {
        let mut app = App::new(Settings::default(), Keymap::default());
        app.now = chrono::DateTime::parse_from_rfc3339("2026-02-10T15:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        app
    }

    fn text(lines: &[Line<'_>]) -> String {
        lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Issue 13: HubSoft's `status_txt` ("DESCONECTADO HÁ 0 MES(ES), 1
    /// DIA(S)...") is computed when it answered and goes stale; beside our
    /// own "há 5 dias" from the same date it only contradicts it.
    #[test]
    fn last_seen_shows_one_age_not_hubsofts_stale_text_beside_ours() {
        let service = |conectado: Option<bool>| CustomerService {
            ultima_conexao: Some(LastConnection {
                conectado,
                ultima_desconexao_datetime: ApiDate::parse("2026-02-04 15:00:00"),
                status_txt: Some("DESCONECTADO HÁ 0 MES(ES), 1 DIA(S)".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let app = app();
        let shown = text(&last_seen(&app, &service(Some(false))));
        assert!(shown.contains("há 5 dias"), "{shown}");
        assert!(!shown.contains("DIA(S)"), "{shown}");
        // Without a state of our own, HubSoft's text is all there is.
        let shown = text(&last_seen(&app, &service(None)));
        assert!(shown.contains("1 DIA(S)"), "{shown}");
    }
}
