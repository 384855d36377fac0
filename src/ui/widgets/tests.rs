use super::*;
use crate::app::keymap::Context;
use crate::theme::ThemeKind;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::time::Duration;

fn term(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).unwrap()
}

#[test]
fn spinner_cycles_with_ticks() {
    assert_eq!(spinner(0), spinner(10));
    assert_ne!(spinner(0), spinner(1));
}

#[test]
fn too_small_threshold() {
    assert!(is_too_small(Rect::new(0, 0, 59, 24)));
    assert!(is_too_small(Rect::new(0, 0, 80, 14)));
    assert!(!is_too_small(Rect::new(0, 0, 60, 15)));
}

#[test]
fn too_small_screen_snapshot() {
    let theme = Theme::default();
    let mut t = term(40, 10);
    t.draw(|f| {
        TooSmall {
            lang: Lang::PtBr,
            theme: &theme,
            quit_keys: "q",
        }
        .render(f.area(), f.buffer_mut())
    })
    .unwrap();
    insta::assert_snapshot!(t.backend());
}

#[test]
fn too_small_at_80x24_in_english() {
    // The message names the real size; 80x24 never shows it, so draw
    // it into a 59x14 corner as the loop would at that size.
    let theme = Theme::default();
    let mut t = term(59, 14);
    t.draw(|f| {
        TooSmall {
            lang: Lang::En,
            theme: &theme,
            quit_keys: "q",
        }
        .render(f.area(), f.buffer_mut())
    })
    .unwrap();
    insta::assert_snapshot!(t.backend());
}

fn pane(state: PaneState<'_>, lang: Lang, theme: &Theme) -> Terminal<TestBackend> {
    let mut t = term(80, 24);
    t.draw(|f| {
        let inner = PaneFrame {
            title: "Faturas",
            focused: true,
            state: state.clone(),
            tick: 3,
            retry_keys: "r",
            lang,
            theme,
        }
        .render_pane(f.area(), f.buffer_mut());
        if let Some(inner) = inner {
            Line::raw("conteúdo").render(inner, f.buffer_mut());
        }
    })
    .unwrap();
    t
}

#[test]
fn pane_states_snapshots() {
    let theme = Theme::default();
    insta::assert_snapshot!(
        "pane_loading",
        pane(PaneState::Loading, Lang::PtBr, &theme).backend()
    );
    insta::assert_snapshot!(
        "pane_empty",
        pane(PaneState::Empty, Lang::PtBr, &theme).backend()
    );
    insta::assert_snapshot!(
        "pane_error",
        pane(
            PaneState::Error("O servidor não respondeu em 10 s"),
            Lang::PtBr,
            &theme
        )
        .backend()
    );
    insta::assert_snapshot!(
        "pane_ready",
        pane(PaneState::Ready, Lang::PtBr, &theme).backend()
    );
}

#[test]
fn pane_error_is_red_in_dark_and_bold_underlined_in_mono() {
    let dark = Theme::new(ThemeKind::Dark);
    let t = pane(PaneState::Error("boom"), Lang::En, &dark);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Error").expect("error text drawn");
    let fg = buf[(x, y)].fg;
    assert!(matches!(fg, Color::Red | Color::LightRed), "{fg:?}");

    let mono = Theme::new(ThemeKind::Mono);
    let t = pane(PaneState::Error("boom"), Lang::En, &mono);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Error").unwrap();
    let cell = &buf[(x, y)];
    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    assert!(
        cell.modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    // And the glyph carries the meaning without colour.
    assert!(find(buf, "✖").is_some());
}

fn dialog(theme: &Theme) -> Terminal<TestBackend> {
    let mut t = term(80, 24);
    let lines = vec![
        "Assinante: Maria da Conceição Araújo".to_owned(),
        "Contrato 4711 · login maria.araujo".to_owned(),
        "Bloqueado por débito desde 02/11/2026".to_owned(),
    ];
    t.draw(|f| {
        Paragraph::new("fundo ".repeat(300))
            .wrap(Wrap { trim: false })
            .render(f.area(), f.buffer_mut());
        ConfirmDialog {
            action: "Desbloqueio em confiança",
            lines: &lines,
            affects_connection: true,
            yes_focused: false,
            armed: true,
            keys: "→/←/Tab escolhe · Enter responde · Esc cancela",
            lang: Lang::PtBr,
            theme,
        }
        .render(f.area(), f.buffer_mut())
    })
    .unwrap();
    t
}

#[test]
fn confirm_dialog_snapshot() {
    insta::assert_snapshot!(dialog(&Theme::default()).backend());
}

#[test]
fn confirm_dialog_in_mono_has_no_colours() {
    let t = dialog(&Theme::new(ThemeKind::Mono));
    for cell in t.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn tab_bar_keeps_selected_title_whole_and_marks_states() {
    let theme = Theme::new(ThemeKind::Mono);
    let tabs = [
        Tab {
            title: "Cliente",
            short: None,
            busy: false,
            alert: false,
        },
        Tab {
            title: "Serviços",
            short: None,
            busy: true,
            alert: false,
        },
        Tab {
            title: "Faturas",
            short: None,
            busy: false,
            alert: true,
        },
        Tab {
            title: "Atendimentos",
            short: None,
            busy: false,
            alert: false,
        },
        Tab {
            title: "Ordens de serviço",
            short: None,
            busy: false,
            alert: false,
        },
        Tab {
            title: "Histórico de conexões",
            short: None,
            busy: false,
            alert: false,
        },
    ];
    let mut t = term(130, 1);
    t.draw(|f| {
        TabBar {
            tabs: &tabs,
            selected: 5,
            tick: 0,
            theme: &theme,
        }
        .render(f.area(), f.buffer_mut())
    })
    .unwrap();
    let row = row_text(t.backend().buffer(), 0);
    assert!(row.contains("6 Histórico de conexões"), "{row}");
    assert!(row.contains("1 Cliente"), "{row}");
    assert!(row.contains(spinner(0)), "{row}");
    assert!(row.contains('✖'), "{row}");
    let (x, y) = find(t.backend().buffer(), "6 Hist").unwrap();
    assert!(
        t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );

    let mut narrow = term(60, 1);
    narrow
        .draw(|f| {
            TabBar {
                tabs: &tabs,
                selected: 5,
                tick: 0,
                theme: &theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
    let row = row_text(narrow.backend().buffer(), 0);
    assert!(row.contains("6 Histórico de conexões"), "{row}");
    assert!(row.contains('…'), "inactive titles shrink: {row}");
    assert!(row.contains(" 1 "), "{row}");
}

/// Issue 13: at 80 columns the six customer tabs use their short
/// labels, whole, instead of cutting the long ones ("4 Atendime…").
#[test]
fn tab_bar_uses_short_labels_when_the_long_ones_do_not_fit() {
    let theme = Theme::default();
    let titles = [
        ("Cliente", "Cliente"),
        ("Serviços", "Serviços"),
        ("Faturas", "Faturas"),
        ("Atendimentos", "Atend."),
        ("Ordens de serviço", "OS"),
        ("Histórico de conexões", "Conexões"),
    ];
    let tabs: Vec<Tab> = titles
        .iter()
        .map(|(title, short)| Tab {
            title,
            short: Some(short),
            busy: false,
            alert: false,
        })
        .collect();
    let draw = |w: u16, selected: usize| {
        let mut t = term(w, 1);
        t.draw(|f| {
            TabBar {
                tabs: &tabs,
                selected,
                tick: 0,
                theme: &theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        row_text(t.backend().buffer(), 0)
    };
    for selected in 0..6 {
        let row = draw(80, selected);
        assert!(!row.contains('…'), "{row}");
        for label in ["1 Cliente", "4 Atend.", "5 OS", "6 Conexões"] {
            assert!(row.contains(label), "{label}: {row}");
        }
    }
    let wide = draw(130, 0);
    assert!(wide.contains("6 Histórico de conexões"), "{wide}");
    assert!(wide.contains("4 Atendimentos"), "{wide}");
}

#[test]
fn hint_bar_drops_whole_hints_that_do_not_fit_and_honours_read_only() {
    let theme = Theme::default();
    let (ro, _) = Keymap::new(&Default::default(), true);
    let km = Keymap::default();
    let ctx = [Context::Subscriber, Context::Navigation];
    let draw = |km: &Keymap, w: u16| {
        let hints: Vec<BarHint> = km
            .hints(&ctx)
            .iter()
            .filter(|h| h.action != Action::Quit)
            .map(|h| BarHint::from_key_hint(km, h))
            .collect();
        let pinned = [BarHint::of(km, Action::Quit, Msg::KeyQuit, false).unwrap()];
        let mut t = term(w, 1);
        t.draw(|f| {
            HintBar {
                hints: &hints,
                pinned: &pinned,
                lang: Lang::PtBr,
                theme: &theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        row_text(t.backend().buffer(), 0)
    };
    let full = draw(&km, 200);
    assert!(full.contains("u Desbloqueio em confiança"), "{full}");
    assert!(full.trim_end().ends_with("q Sair"), "{full}");
    assert!(!full.contains('…'), "{full}");
    let ro_row = draw(&ro, 200);
    assert!(!ro_row.contains("Desbloqueio"), "{ro_row}");
    assert!(!ro_row.contains("Derrubar"), "{ro_row}");
    assert!(ro_row.contains("p Mostrar senha"), "{ro_row}");
    // Narrow: whole hints, then "…", and quit still at the right.
    let narrow = draw(&km, 50);
    assert!(narrow.contains("…"), "{narrow}");
    assert!(narrow.trim_end().ends_with("q Sair"), "{narrow}");
    assert!(narrow.contains("t Abrir atendimento"), "{narrow}");
    assert!(
        !narrow.contains("Desbloq") || narrow.contains("confiança"),
        "{narrow}"
    );
}

#[test]
fn status_message_clears_itself_at_expiry() {
    let theme = Theme::default();
    let t0 = Instant::now();
    let msg = StatusMessage {
        text: "Copiado: linha digitável".into(),
        kind: StatusKind::Ok,
        expires: Some(t0 + Duration::from_secs(4)),
    };
    let draw = |now: Instant| {
        let mut t = term(60, 1);
        t.draw(|f| {
            StatusLine {
                message: Some(&msg),
                now,
                badges: &["PRODUÇÃO", "somente leitura"],
                busy_tick: None,
                theme: &theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        t
    };
    let before = draw(t0 + Duration::from_secs(3));
    let row = row_text(before.backend().buffer(), 0);
    assert!(row.contains("✔ Copiado: linha digitável"), "{row}");
    assert!(row.trim_end().ends_with("somente leitura"), "{row}");
    let after = draw(t0 + Duration::from_secs(4));
    let row = row_text(after.backend().buffer(), 0);
    assert!(!row.contains("Copiado"), "{row}");
    assert!(row.contains("PRODUÇÃO"), "{row}");
    let (x, y) = find(after.backend().buffer(), "PRODU").unwrap();
    assert_eq!(after.backend().buffer()[(x, y)].bg, Color::Red);
}

#[test]
fn selected_row_is_reversed_without_colour_in_mono_and_coloured_in_dark() {
    use ratatui::widgets::{List, ListState, StatefulWidget};
    let draw = |theme: &Theme| {
        let mut t = term(30, 3);
        t.draw(|f| {
            let list =
                List::new(["Maria", "José", "Ana"]).highlight_style(theme.style(Role::Selection));
            let mut state = ListState::default().with_selected(Some(1));
            StatefulWidget::render(list, f.area(), f.buffer_mut(), &mut state);
        })
        .unwrap();
        t
    };
    let mono = draw(&Theme::new(ThemeKind::Mono));
    let buf = mono.backend().buffer();
    for x in 0..30 {
        let cell = &buf[(x, 1)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "x={x}");
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "x={x}");
    }
    assert!(!buf[(0, 0)].modifier.contains(Modifier::REVERSED));
    let dark = draw(&Theme::new(ThemeKind::Dark));
    assert_ne!(dark.backend().buffer()[(0, 1)].bg, Color::Reset);
}

/// Position of the first cell of `needle` in `buf`.
pub(crate) fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let cells: Vec<(u16, &str)> = (0..buf.area.width)
            .map(|x| (x, buf[(x, y)].symbol()))
            .collect();
        let mut text = String::new();
        let mut starts = Vec::new();
        for (x, sym) in &cells {
            starts.push((text.len(), *x));
            text.push_str(sym);
        }
        if let Some(byte) = text.find(needle) {
            let x = starts
                .iter()
                .rev()
                .find(|(b, _)| *b <= byte)
                .map(|(_, x)| *x)?;
            return Some((x, y));
        }
    }
    None
}

pub(crate) fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}
