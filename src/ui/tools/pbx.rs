//! The PBX screen: the profile's extension or internal id (or how to set
//! one), whether the screen-pop socket listens and where, the customer
//! notify and missed act on with the phone they send, and the calls of the
//! session with what each led to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::keymap::Action;
use crate::app::tools::pbx::{PopOutcome, call_phone, target_ids};
use crate::app::{App, Remote};
use crate::br::dates::local;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells::{self, kv, row, txt};
use crate::ui::widgets::keys_label;

/// Draws the screen.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let ready: Remote<()> = Remote {
        data: Some(()),
        ..Remote::default()
    };
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        tr(lang, Msg::PbxTool),
        &ready,
        |_| false,
        true,
    ) else {
        return;
    };
    let mut lines = Vec::new();
    let (ramal, ident) = target_ids(app);
    if ramal.is_none() && ident.is_none() {
        let text = trf(
            lang,
            Msg::PbxNotConfigured,
            &[("profile", &crate::sanitize::clean(&app.settings.profile))],
        );
        for part in cells::wrap(&text, inner.width as usize) {
            lines.push(Line::styled(part, theme.style(Role::Warning)));
        }
    } else {
        let mut spans = Vec::new();
        if let Some(r) = &ramal {
            spans.push(Span::styled(
                format!("{}: ", tr(lang, Msg::PbxExtension)),
                theme.style(Role::Muted),
            ));
            spans.push(Span::styled(
                crate::sanitize::clean(r).into_owned(),
                theme.style(Role::Accent),
            ));
        }
        if let Some(i) = &ident {
            if !spans.is_empty() {
                spans.push(Span::styled(" · ", theme.style(Role::Muted)));
            }
            spans.push(Span::styled(
                format!("{}: ", tr(lang, Msg::PbxInternalId)),
                theme.style(Role::Muted),
            ));
            spans.push(Span::styled(
                crate::sanitize::clean(i).into_owned(),
                theme.style(Role::Accent),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(match &app.settings.screen_pop {
        Some(path) => kv(
            theme,
            tr(lang, Msg::PbxSocket),
            trf(
                lang,
                Msg::PbxListening,
                &[("path", &crate::sanitize::clean(path))],
            ),
            Role::Ok,
        ),
        None => kv(
            theme,
            tr(lang, Msg::PbxSocket),
            tr(lang, Msg::PbxNotListening).to_owned(),
            Role::Muted,
        ),
    });
    lines.push(match &app.view {
        Some(view) => {
            let name = txt(
                lang,
                view.customer.data.as_ref().and_then(|c| c.display_name()),
            );
            let phone = call_phone(app, view)
                .map(|p| cells::phone(app, &p))
                .unwrap_or_else(|| tr(lang, Msg::ValueMissing).to_owned());
            kv(
                theme,
                tr(lang, Msg::PbxOpenCustomer),
                trf(
                    lang,
                    Msg::PbxCustomerLine,
                    &[("name", &name), ("code", &view.code), ("phone", &phone)],
                ),
                Role::Text,
            )
        }
        None => kv(
            theme,
            tr(lang, Msg::PbxOpenCustomer),
            tr(lang, Msg::PbxNoCustomer).to_owned(),
            Role::Muted,
        ),
    });
    let notify = keys_label(&app.keymap, Action::PbxNotify);
    let missed = keys_label(&app.keymap, Action::PbxMissed);
    let mut keys = Vec::new();
    // Read-only profiles have no such keys: say nothing about them.
    if !notify.is_empty() && !missed.is_empty() {
        keys.push(trf(
            lang,
            Msg::PbxKeysLine,
            &[("notify", &notify), ("missed", &missed)],
        ));
    }
    if !app.tools.pbx.pops.is_empty() {
        keys.push(trf(
            lang,
            Msg::PbxRepeatHint,
            &[("key", &keys_label(&app.keymap, Action::Open))],
        ));
    }
    lines.push(Line::styled(keys.join(" · "), theme.style(Role::Muted)));
    lines.push(Line::styled(
        "─".repeat(inner.width as usize),
        theme.style(Role::Border),
    ));
    let top = Rect {
        height: (lines.len() as u16).min(inner.height),
        ..inner
    };
    cells::lines(frame.buffer_mut(), top, &lines);
    let rest = Rect {
        y: inner.y + top.height,
        height: inner.height - top.height,
        ..inner
    };
    if rest.height == 0 {
        return;
    }
    let pops = &app.tools.pbx.pops;
    let title = Line::styled(tr(lang, Msg::PbxRecent), theme.style(Role::Title));
    if pops.is_empty() {
        cells::lines(
            frame.buffer_mut(),
            rest,
            &[
                title,
                Line::styled(tr(lang, Msg::PbxNoPops), theme.style(Role::Muted)),
            ],
        );
        return;
    }
    let widths = cells::columns(rest.width, &[8, 16, 0], 2, 10);
    let rows: Vec<Line> = pops
        .iter()
        .map(|p| {
            let (text, role) = outcome(app, lang, &p.outcome);
            row(
                vec![
                    (
                        local(p.at).format("%H:%M:%S").to_string(),
                        theme.style(Role::Muted),
                    ),
                    (cells::phone(app, &p.phone), theme.style(Role::Text)),
                    (text, theme.style(role)),
                ],
                &widths,
                &[],
            )
        })
        .collect();
    crate::ui::detail::list(
        frame,
        rest,
        app,
        crate::ui::detail::List {
            header: title,
            rows,
            selected: app.tools.pbx.selected.min(pops.len() - 1),
            focused: true,
            share: 100,
        },
    );
}

/// What a pop led to, and its role.
fn outcome(app: &App, lang: Lang, o: &PopOutcome) -> (String, Role) {
    match o {
        PopOutcome::Searching => (tr(lang, Msg::PbxPopSearching).to_owned(), Role::Muted),
        PopOutcome::Waiting => (
            trf(
                lang,
                Msg::PbxPopWaiting,
                &[("key", &keys_label(&app.keymap, Action::Open))],
            ),
            Role::Warning,
        ),
        PopOutcome::Opened { code, name } => (
            trf(
                lang,
                Msg::PbxPopOpened,
                &[("name", &crate::sanitize::clean(name)), ("code", code)],
            ),
            Role::Ok,
        ),
        PopOutcome::Matches(n) => (trf(lang, Msg::PbxPopMatches, &[("count", n)]), Role::Text),
        PopOutcome::NoMatch => (tr(lang, Msg::PbxPopNone).to_owned(), Role::Muted),
        PopOutcome::Failed(e) => (
            trf(
                lang,
                Msg::PbxPopFailed,
                &[("detail", &crate::sanitize::clean(e))],
            ),
            Role::Danger,
        ),
        PopOutcome::Replaced => (tr(lang, Msg::PbxPopReplaced).to_owned(), Role::Muted),
    }
}
