//! The Serviços pane: each service's plan, speeds, address, equipment and
//! last connection.

use super::*;

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

pub(super) fn service_lines<'a>(
    app: &App,
    view: &CustomerView,
    s: &CustomerService,
) -> Vec<Line<'a>> {
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
    let revealed = view.revealed == Some(view.service);
    let hidden = || {
        trf(
            lang,
            Msg::PasswordHidden,
            &[("key", &keys_label(&app.keymap, Action::RevealPassword))],
        )
    };
    let has_pppoe = s.senha.as_deref().is_some_and(|p| !p.is_empty());
    if has_pppoe {
        let value = if revealed {
            txt(lang, s.senha.as_deref())
        } else {
            hidden()
        };
        out.push(kv(theme, t(Msg::LabelPassword), value, Role::Text));
    }
    // The router and Wi-Fi passwords, read on the same key.
    if revealed {
        out.extend(device_passwords(app, view));
    } else if !has_pppoe && s.id_cliente_servico.is_some() {
        out.push(kv(
            theme,
            t(Msg::LabelDevicePasswords),
            hidden(),
            Role::Text,
        ));
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

/// The service's trust-unlock history (current servers, asked with
/// `incluir_desbloqueios=sim`): how many lately, then each one, latest
/// first, wrapped to `width`. Nothing when the server sent no history.
pub fn unlock_lines<'a>(app: &App, s: &CustomerService, width: u16) -> Vec<Line<'a>> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let today = crate::br::dates::today(app.now);
    let (Some(list), Some(history)) = (
        s.desbloqueios.as_ref(),
        crate::ops::unlocks::UnlockHistory::of(s, today),
    ) else {
        return Vec::new();
    };
    let width = width.max(1) as usize;
    let mut out = vec![
        Line::raw(""),
        Line::styled(
            tr(lang, Msg::PaneUnlockHistory).to_owned(),
            theme.style(Role::Title),
        ),
    ];
    let role = if history.recent > 0 {
        Role::Warning
    } else {
        Role::Text
    };
    for part in cells::wrap(&history.summary(lang), width) {
        out.push(Line::styled(part, theme.style(role)));
    }
    let mut rows: Vec<&crate::api::UnlockRecord> = list.iter().collect();
    rows.sort_by_key(|u| {
        let d = u.data_cadastro.as_ref();
        std::cmp::Reverse((
            d.and_then(crate::api::ApiDate::date),
            d.and_then(crate::api::ApiDate::instant),
        ))
    });
    for u in rows {
        let text = trf(
            lang,
            Msg::UnlockRow,
            &[
                ("granted", &cells::date(lang, u.data_cadastro.as_ref())),
                ("ends", &cells::date(lang, u.ends())),
                ("note", &txt(lang, u.observacao.as_deref())),
            ],
        );
        for (i, part) in cells::wrap(&text, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { "• " } else { "  " };
            out.push(Line::styled(
                format!("{lead}{part}"),
                theme.style(Role::Text),
            ));
        }
    }
    out
}

pub(super) fn draw_services(
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
    detail.extend(unlock_lines(app, s, inner.width));
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

/// The revealed service's router and Wi-Fi passwords (server data:
/// sanitized), or where their read stands.
fn device_passwords<'a>(app: &App, view: &CustomerView) -> Vec<Line<'a>> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let label = tr(lang, Msg::LabelDevicePasswords);
    let remote = &view.device_passwords;
    let Some(list) = &remote.data else {
        return vec![match &remote.error {
            Some(e) => kv(
                theme,
                label,
                crate::sanitize::clean_line(e).into_owned(),
                Role::Warning,
            ),
            None => kv(
                theme,
                label,
                tr(lang, Msg::StateLoading).to_owned(),
                Role::Muted,
            ),
        }];
    };
    if list.is_empty() {
        return vec![kv(
            theme,
            label,
            tr(lang, Msg::DevicePasswordsNone).to_owned(),
            Role::Muted,
        )];
    }
    list.iter()
        .map(|p| {
            let what = p
                .descricao
                .as_deref()
                .map(|d| crate::sanitize::clean_line(d).into_owned())
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| label.to_owned());
            let secret = p.senha.as_ref().map(|s| s.expose());
            let value = match p.usuario.as_deref().filter(|u| !u.trim().is_empty()) {
                Some(user) => format!(
                    "{} / {}",
                    crate::sanitize::clean_line(user),
                    txt(lang, secret)
                ),
                None => txt(lang, secret),
            };
            kv(theme, &what, value, Role::Text)
        })
        .collect()
}
