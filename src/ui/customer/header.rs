//! The customer header: name, document, contacts and alerts.

use super::*;

/// Draws the Cliente pane; with `alerts`, every alert in full (the banner
/// was cut).
pub(super) fn draw_header(
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
pub(super) fn header_lines<'a>(
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
