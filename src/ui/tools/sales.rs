//! The sales screen: a tab bar (prospects, plans, new prospect), and under
//! it the tab. The list tabs (here) have their field on top (name or CEP),
//! the list with its `/` filter, and the selected row's details; the form
//! tab ([`form`]) has one row per field, its message under it, and the
//! open list of a list field drawn over it ([`picker`]).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::api::prospects::{Prospect, ProspectPlan};
use crate::app::App;
use crate::app::keymap::Action;
use crate::app::tools::sales::{QueryField, SalesTab, busy, may_create};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells::{self, Col, txt};
use crate::ui::widgets::{PaneFrame, PaneState, Tab, TabBar, keys_label};

mod form;
mod picker;

/// Draws the sales screen on `tab`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, tab: SalesTab) {
    if area.height < 4 {
        return;
    }
    let theme = &app.settings.theme;
    let lang = app.lang();
    let s = &app.tools.sales;
    let tabs: Vec<Tab> = SalesTab::ALL
        .iter()
        .map(|t| Tab {
            title: tr(lang, t.title()),
            short: None,
            busy: match t {
                SalesTab::Prospects => s.prospects.results.loading(),
                SalesTab::Plans => s.plans.plans.loading(),
                SalesTab::New => busy(app),
            },
            alert: false,
        })
        .collect();
    let bar = Rect { height: 1, ..area };
    TabBar {
        tabs: &tabs,
        selected: tab as usize,
        tick: app.tick,
        theme,
    }
    .render(bar, frame.buffer_mut());
    // The keys that switch tabs, at the right end when there is room.
    let keys = tab_keys(app, tab);
    let used = tabs_width(&tabs, tab);
    let room = (area.width as usize).saturating_sub(used + 2);
    if crate::text::width(&keys) <= room {
        let w = crate::text::width(&keys) as u16;
        let r = Rect {
            x: area.x + area.width - w,
            width: w,
            ..bar
        };
        Line::styled(keys, theme.style(Role::Muted)).render(r, frame.buffer_mut());
    }
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    match tab {
        SalesTab::Prospects => draw_prospects(frame, body, app),
        SalesTab::Plans => draw_plans(frame, body, app),
        SalesTab::New => form::draw_form(frame, body, app),
    }
}

fn tabs_width(tabs: &[Tab], tab: SalesTab) -> usize {
    tabs.iter()
        .enumerate()
        .map(|(i, t)| {
            if i == tab as usize {
                crate::text::width(t.title) + 5
            } else {
                crate::text::width(t.title).min(12) + 5
            }
        })
        .sum()
}

/// "Tab abas · n novo prospecto" for the list tabs.
fn tab_keys(app: &App, tab: SalesTab) -> String {
    let lang = app.lang();
    let mut parts = Vec::new();
    if tab != SalesTab::New {
        parts.push(format!(
            "{} {}",
            keys_label(&app.keymap, Action::NextPane),
            tr(lang, Msg::SalesKeyTabs)
        ));
    }
    let new = keys_label(&app.keymap, Action::NewProspect);
    if !new.is_empty() && tab != SalesTab::New {
        parts.push(format!("{new} {}", tr(lang, Msg::SalesKeyNew)));
    }
    parts.join(" · ")
}

/// The field at the top of a list tab: `label: value`, its message under
/// it. Returns the area left below.
fn query_line(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    label: Msg,
    field: &QueryField,
    hint: &str,
) -> Rect {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let label = format!("{}: ", tr(lang, label));
    let lw = crate::text::width(&label);
    let room = (area.width as usize).saturating_sub(lw + 1).min(40);
    let scroll = field.input.visual_scroll(room.saturating_sub(1));
    let value: String = crate::sanitize::clean(field.input.value())
        .chars()
        .skip(scroll)
        .collect();
    let shown = crate::text::fit(&value, room);
    let mut style = theme.style(Role::Text);
    if field.editing {
        style = style.add_modifier(Modifier::UNDERLINED);
        let col = field.input.visual_cursor().saturating_sub(scroll).min(room);
        frame.set_cursor_position(Position {
            x: area.x + lw as u16 + col as u16,
            y: area.y,
        });
    }
    let label_style = if field.editing {
        theme.style(Role::Accent).add_modifier(Modifier::BOLD)
    } else {
        theme.style(Role::Muted)
    };
    let note = match &field.error {
        Some(e) => Line::styled(
            format!("{} {}", theme.glyph(Role::Danger), e.text(lang)),
            theme.style(Role::Danger),
        ),
        None => Line::styled(hint.to_owned(), theme.style(Role::Muted)),
    };
    cells::lines(
        frame.buffer_mut(),
        Rect {
            height: 2.min(area.height),
            ..area
        },
        &[
            Line::from(vec![
                Span::styled(label, label_style),
                Span::styled(shown, style),
            ]),
            note,
        ],
    );
    Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    }
}

/// What a tab's list frame says around its rows.
struct ListFrame<'a> {
    /// The frame's title.
    title: &'a str,
    /// A read was sent (else the prompt shows).
    asked: bool,
    /// The text for an empty answer.
    empty: Msg,
    /// The text before anything was asked.
    prompt: Msg,
    /// The list has the keyboard.
    focused: bool,
}

/// The frame of a tab's list: nothing asked yet gives a prompt; otherwise
/// the loading/empty/error states. Returns the inner area when there are
/// rows to draw.
fn list_frame<T>(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    remote: &crate::app::Remote<Vec<T>>,
    spec: ListFrame<'_>,
) -> Option<Rect> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let retry = keys_label(&app.keymap, Action::Refresh);
    let state = match (&remote.data, &remote.error) {
        (_, Some(e)) => PaneState::Error(e),
        (None, None) if spec.asked => PaneState::Loading,
        _ => PaneState::Ready,
    };
    let inner = PaneFrame {
        title: spec.title,
        focused: spec.focused,
        state,
        tick: app.tick,
        retry_keys: &retry,
        lang,
        theme,
    }
    .render_pane(area, frame.buffer_mut())?;
    let inner = crate::ui::widgets::padded(inner);
    let message = match &remote.data {
        None => Some(spec.prompt),
        Some(d) if d.is_empty() => Some(spec.empty),
        Some(_) => None,
    };
    if let Some(m) = message {
        cells::lines(
            frame.buffer_mut(),
            inner,
            &[Line::styled(tr(lang, m), theme.style(Role::Muted))],
        );
        return None;
    }
    Some(inner)
}

fn draw_prospects(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let p = &app.tools.sales.prospects;
    let rest = query_line(
        frame,
        area,
        app,
        Msg::SalesSearchLabel,
        &p.query,
        tr(lang, Msg::SalesSearchHint),
    );
    let pane = rest;
    let title = match &p.term {
        Some(t) => trf(
            lang,
            Msg::SalesProspectsFor,
            &[("term", &crate::sanitize::clean_line(t))],
        ),
        None => tr(lang, Msg::SalesTabProspects).to_owned(),
    };
    let Some(inner) = list_frame(
        frame,
        rest,
        app,
        &p.results,
        ListFrame {
            title: &title,
            asked: p.term.is_some(),
            empty: Msg::SalesNoProspects,
            prompt: Msg::SalesSearchPrompt,
            focused: !p.query.editing,
        },
    ) else {
        return;
    };
    let Some(rows) = &p.results.data else {
        return;
    };
    let visible = p.visible();
    let inner = super::filter_line(frame, inner, app, &p.filter, visible.len(), rows.len());
    let muted = theme.style(Role::Muted);
    let text = theme.style(Role::Text);
    let cells: Vec<Vec<(String, ratatui::style::Style)>> = visible
        .iter()
        .filter_map(|i| rows.get(*i))
        .map(|r| {
            let (status, role) = status(lang, r);
            vec![
                (txt(lang, r.nome_razaosocial.as_deref()), text),
                (cells::document(app, r.cpf_cnpj.as_deref()), text),
                (phone_cell(app, r.telefone.as_deref()), text),
                (created_date(lang, r), muted),
                (status, theme.style(role)),
            ]
        })
        .collect();
    // The name (up to 30 cells), document and phone first, by content.
    let (header, lines) = cells::table(
        inner.width,
        &[
            tr(lang, Msg::SalesColName),
            tr(lang, Msg::SalesColDocument),
            tr(lang, Msg::SalesColPhone),
            tr(lang, Msg::SalesColCreated),
            tr(lang, Msg::SalesColStatus),
        ],
        muted,
        cells,
        &[
            Col::new(12, 0, 0).cap(30),
            Col::new(14, 0, 1),
            Col::new(14, 0, 1),
            Col::new(10, 0, 2),
            Col::new(8, 0, 3),
        ],
        &[],
    );
    let rest = crate::ui::detail::list(
        frame,
        inner,
        app,
        crate::ui::detail::List {
            header,
            rows: lines,
            selected: p.selected,
            focused: !p.filter.editing && !p.query.editing,
            share: 50,
        },
    );
    if let Some(prospect) = p.selected_prospect() {
        let lines = prospect_details(app, prospect, rest.width);
        super::detail_lines(frame, pane, rest, app, &lines);
    }
}

fn phone_cell(app: &App, raw: Option<&str>) -> String {
    match cells::opt(raw) {
        Some(p) => cells::phone(app, &p),
        None => tr(app.lang(), Msg::ValueMissing).to_owned(),
    }
}

/// The creation date, date only (the list has no room for the time).
fn created_date(lang: Lang, p: &Prospect) -> String {
    let d = p.created_at.as_ref().or(p.created_at_br.as_ref());
    let full = cells::date(lang, d);
    full.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// "Prospecto", or "Cliente" once HubSoft linked a customer to it.
fn status(lang: Lang, p: &Prospect) -> (String, Role) {
    match p.id_cliente {
        Some(_) => (tr(lang, Msg::SalesStatusCustomer).to_owned(), Role::Ok),
        None => (tr(lang, Msg::SalesStatusProspect).to_owned(), Role::Accent),
    }
}

fn person(lang: Lang, kind: Option<&str>) -> String {
    match kind.map(|k| k.trim().to_ascii_lowercase()).as_deref() {
        Some("pf") => tr(lang, Msg::SalesPersonIndividual).to_owned(),
        Some("pj") => tr(lang, Msg::SalesPersonCompany).to_owned(),
        other => txt(lang, other),
    }
}

fn prospect_details<'a>(app: &App, p: &Prospect, width: u16) -> Vec<Line<'a>> {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let t = |m: Msg| tr(lang, m);
    let mut lines = vec![
        Line::styled("─".repeat(width as usize), theme.style(Role::Border)),
        Line::styled(
            txt(lang, p.nome_razaosocial.as_deref()),
            theme.style(Role::Title),
        ),
        cells::kv(
            theme,
            t(Msg::SalesColDocument),
            format!(
                "{} · {}",
                cells::document(app, p.cpf_cnpj.as_deref()),
                person(lang, p.tipo_pessoa.as_deref())
            ),
            Role::Text,
        ),
        cells::kv(
            theme,
            t(Msg::SalesColPhone),
            format!(
                "{} · {}: {}",
                phone_cell(app, p.telefone.as_deref()),
                t(Msg::SalesFieldEmail),
                cells::opt(p.email.as_deref())
                    .map(|e| cells::email(app, &e))
                    .unwrap_or_else(|| t(Msg::ValueMissing).to_owned())
            ),
            Role::Text,
        ),
        cells::kv(
            theme,
            t(Msg::SalesLabelCreated),
            format!(
                "{} · {}: {} · id {}",
                cells::date(lang, p.created_at.as_ref().or(p.created_at_br.as_ref())),
                t(Msg::SalesLabelOrigin),
                txt(lang, p.origem.as_deref()),
                p.id_prospecto
                    .map_or_else(|| "—".to_owned(), |i| i.to_string()),
            ),
            Role::Text,
        ),
    ];
    let (status_text, role) = status(lang, p);
    let status_text = match p.id_cliente {
        Some(id) => format!("{status_text} (id {id})"),
        None => status_text,
    };
    lines.push(cells::kv(theme, t(Msg::SalesColStatus), status_text, role));
    let service = p.prospecto_servico.as_ref().or_else(|| {
        p.id_prospecto
            .and_then(|id| app.tools.sales.services.get(&id))
    });
    match service {
        Some(s) => {
            let name = s.id_servico.and_then(|id| plan_name(app, id));
            let id = s
                .id_servico
                .map_or_else(|| "—".to_owned(), |i| i.to_string());
            let plan = match name {
                Some(n) => format!("{n} (id {id})"),
                None => format!("id {id}"),
            };
            lines.push(cells::kv(
                theme,
                t(Msg::SalesFieldPlan),
                format!("{plan} · {}", cells::money(lang, s.valor)),
                Role::Text,
            ));
        }
        None => lines.push(cells::kv(
            theme,
            t(Msg::SalesFieldPlan),
            t(Msg::SalesPlanNotInSearch).to_owned(),
            Role::Muted,
        )),
    }
    if let Some(note) = cells::opt(p.observacao.as_deref()) {
        lines.push(cells::kv(theme, t(Msg::SalesFieldNote), note, Role::Text));
    }
    lines
}

/// A plan's name from any plans list loaded in this session.
fn plan_name(app: &App, id: u64) -> Option<String> {
    let s = &app.tools.sales;
    [s.plans.plans.data.as_deref(), s.form.plans.data.as_deref()]
        .into_iter()
        .flatten()
        .flatten()
        .find(|p| p.id_servico == Some(id))
        .and_then(|p| cells::opt(p.descricao.as_deref()))
}

fn draw_plans(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let p = &app.tools.sales.plans;
    let rest = query_line(
        frame,
        area,
        app,
        Msg::SalesFieldCep,
        &p.query,
        tr(lang, Msg::SalesCepHint),
    );
    let title = match &p.cep {
        Some(c) => trf(lang, Msg::SalesPlansFor, &[("cep", c)]),
        None => tr(lang, Msg::SalesTabPlans).to_owned(),
    };
    let Some(inner) = list_frame(
        frame,
        rest,
        app,
        &p.plans,
        ListFrame {
            title: &title,
            asked: p.cep.is_some(),
            empty: Msg::SalesNoPlans,
            prompt: Msg::SalesPlansPrompt,
            focused: !p.query.editing,
        },
    ) else {
        return;
    };
    let Some(plans) = &p.plans.data else {
        return;
    };
    let visible = p.visible();
    let inner = super::filter_line(frame, inner, app, &p.filter, visible.len(), plans.len());
    let muted = theme.style(Role::Muted);
    let text = theme.style(Role::Text);
    let cells: Vec<Vec<(String, ratatui::style::Style)>> = visible
        .iter()
        .filter_map(|i| plans.get(*i))
        .map(|pl| {
            let (down, up) = speeds(lang, pl);
            vec![
                (
                    pl.id_servico.map_or_else(String::new, |i| i.to_string()),
                    muted,
                ),
                (txt(lang, pl.descricao.as_deref()), text),
                (down, text),
                (up, text),
                (cells::money(lang, pl.valor), text),
            ]
        })
        .collect();
    // The plan's name (up to 50 cells), its speeds and price by content;
    // the id last.
    let (header, rows) = cells::table(
        inner.width,
        &[
            tr(lang, Msg::SalesColId),
            tr(lang, Msg::SalesFieldPlan),
            tr(lang, Msg::SalesColDown),
            tr(lang, Msg::SalesColUp),
            tr(lang, Msg::SalesColValue),
        ],
        muted,
        cells,
        &[
            Col::new(4, 0, 2),
            Col::new(12, 0, 0).cap(50),
            Col::new(7, 0, 1),
            Col::new(7, 0, 1),
            Col::new(9, 0, 0),
        ],
        &[0, 2, 3, 4],
    );
    let rest = crate::ui::detail::list(
        frame,
        inner,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: p.selected,
            focused: !p.filter.editing && !p.query.editing,
            share: 70,
        },
    );
    let mut lines = vec![
        Line::styled("─".repeat(rest.width as usize), theme.style(Role::Border)),
        Line::styled(tr(lang, Msg::SalesPlansNote), muted),
    ];
    if may_create(app) && p.selected_plan().is_some() {
        let open = keys_label(&app.keymap, Action::Open);
        lines.push(Line::styled(
            trf(lang, Msg::SalesPlanToProspect, &[("key", &open)]),
            theme.style(Role::Accent),
        ));
    }
    cells::lines(frame.buffer_mut(), rest, &lines);
}

/// Download and upload in Mbps (the API gives kbps).
fn speeds(lang: Lang, p: &ProspectPlan) -> (String, String) {
    let plan = p.descricao.as_deref().or(p.display.as_deref());
    // Only the download is held against the plan's name (see
    // `br::speed::pair`).
    let sp = |v: &Option<crate::api::speed::Speed>, plan| match v {
        Some(v) => crate::sanitize::clean_line(&crate::br::speed::show(v, plan)).into_owned(),
        None => tr(lang, Msg::ValueMissing).to_owned(),
    };
    (
        sp(&p.velocidade_download, plan),
        sp(&p.velocidade_upload, None),
    )
}
