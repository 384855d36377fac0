//! The tool-screen framework and the cities screen (issue 7): the command
//! palette, opening a tool by key and by palette, the `/` filter, Esc back
//! to where the attendant came from, stale and failed reads; snapshots at
//! 80x24 and 160x48.

use crate::screen_kit;

use crossterm::event::{KeyCode, KeyModifiers};
use hubdesk::api::{ApiError, CitiesResponse};
use hubdesk::app::tools::{Tool, ToolReply, ToolRequest};
use hubdesk::app::{Screen, update};
use hubdesk::i18n::Lang;
use screen_kit::*;

fn cities() -> Vec<hubdesk::api::City> {
    serde_json::from_str::<CitiesResponse>(&fixture("endereco_cidade.response.json"))
        .unwrap()
        .cidades
}

/// Opens the cities screen with `C` and answers its read.
fn open_cities(app: &mut hubdesk::app::App) {
    leave_search_field(app);
    let fx = key(app, KeyCode::Char('C'));
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1, "{fx:?}");
    assert_eq!(reads[0].1, ToolRequest::Cities);
    answer(app, reads[0].0, ToolReply::Cities(Ok(cities())));
}

#[test]
fn palette_opens_from_the_search_field_and_runs_a_command() {
    let mut app = app_in(Lang::PtBr);
    // In the search field ":" types; F10 opens the palette.
    type_text(&mut app, ":");
    assert!(app.palette.is_none());
    assert_eq!(app.search.input.value(), ":");
    app.search.input.reset();
    key(&mut app, KeyCode::F(10));
    assert!(app.palette.is_some());
    type_text(&mut app, "cidad");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(app.palette.is_none());
    assert_eq!(app.screen, Screen::Tool(Tool::Cities));
    assert_eq!(tool_fetches(&fx).len(), 1);
}

#[test]
fn palette_colon_outside_text_fields_and_esc_closes() {
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    key(&mut app, KeyCode::Char(':'));
    assert!(app.palette.is_some());
    // Letters type into the palette, never reach the screen below.
    let fx = type_text(&mut app, "q");
    assert!(fx.is_empty());
    assert_eq!(app.palette.as_ref().unwrap().input.value(), "q");
    key(&mut app, KeyCode::Esc);
    assert!(app.palette.is_none());
    assert_eq!(app.screen, Screen::Search);
}

#[test]
fn palette_arrows_choose_and_enter_runs_the_chosen_entry() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    let entries = app.palette.as_ref().unwrap().matches(Lang::En);
    let cities_at = entries.iter().position(|e| e.command == "cities").unwrap();
    for _ in 0..cities_at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Tool(Tool::Cities));
}

#[test]
fn palette_snapshot() {
    let mut app = app_in(Lang::PtBr);
    key(&mut app, KeyCode::F(10));
    insta::assert_snapshot!("palette_80x24", screen(&mut app, 80, 24));
    type_text(&mut app, "ci");
    insta::assert_snapshot!("palette_typed_80x24", screen(&mut app, 80, 24));
}

/// The palette's row of `command`, inside its borders and ending with
/// the right one (`┃`).
fn palette_row(screen: &str, command: &str) -> String {
    let start = format!(" {command} ");
    let inside = screen
        .lines()
        .flat_map(|l| l.split('┃'))
        .find(|part| part.starts_with(&start))
        .unwrap_or_else(|| panic!("{command} not listed:\n{screen}"));
    format!("{inside}┃")
}

/// Issue 13: the palette shows a key only where it runs the entry. From
/// the search box letters type, so only F1 is left; on a customer `p` is
/// the password and `n` the network, not plans or a new prospect.
#[test]
fn the_palette_shows_only_keys_that_work_where_it_was_opened() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    let s = screen(&mut app, 100, 30);
    assert!(palette_row(&s, "help").trim_end().ends_with("F1 ┃"), "{s}");
    for command in ["network", "cities", "quit", "plans", "new-prospect"] {
        let row = palette_row(&s, command);
        assert!(row.trim_end().ends_with("  ┃"), "{command}: {row}");
    }
    assert!(!s.contains(" unlock "), "no customer, no customer actions");
    key(&mut app, KeyCode::Esc);
    let c = fixture_customers()[0].clone();
    hubdesk::app::open_customer(&mut app, c, &mut Vec::new());
    key(&mut app, KeyCode::Char(':'));
    let s = screen(&mut app, 100, 40);
    assert!(
        palette_row(&s, "network").trim_end().ends_with(" N ┃"),
        "{s}"
    );
    assert!(
        palette_row(&s, "unlock").trim_end().ends_with(" u ┃"),
        "{s}"
    );
    assert!(
        palette_row(&s, "reveal-password")
            .trim_end()
            .ends_with(" p ┃"),
        "{s}"
    );
    for command in ["plans", "new-prospect"] {
        let row = palette_row(&s, command);
        assert!(row.trim_end().ends_with("  ┃"), "{command}: {row}");
    }
}

/// Issue 13: `:unlock` and `:desbloq` run the action on the selected
/// service, through the same form and confirmation as `u`.
#[test]
fn the_palette_runs_customer_actions_through_their_confirmation() {
    for (lang, typed) in [(Lang::En, "unlock"), (Lang::PtBr, "desbloq")] {
        let mut app = app_in(lang);
        let c = fixture_customers()[0].clone();
        let service = c.servicos[0].id_cliente_servico;
        hubdesk::app::open_customer(&mut app, c, &mut Vec::new());
        // From another screen, with the customer behind it.
        key(&mut app, KeyCode::Char('C'));
        key(&mut app, KeyCode::Char(':'));
        type_text(&mut app, typed);
        assert!(key(&mut app, KeyCode::Enter).is_empty());
        assert_eq!(app.screen, Screen::Customer, "{typed}");
        assert!(
            matches!(
                &app.overlay,
                Some(hubdesk::app::actions::Overlay::Form { .. })
            ),
            "{typed}: {:?}",
            app.overlay
        );
        // The form, then the same confirmation, then one request.
        assert!(key(&mut app, KeyCode::Enter).is_empty());
        let Some(hubdesk::app::actions::Overlay::Confirm { target, .. }) = &app.overlay else {
            panic!("{typed}: {:?}", app.overlay);
        };
        assert_eq!(Some(target.service_id), service);
        let sent = action_requests(&yes(&mut app));
        assert_eq!(sent.len(), 1, "{typed}");
        assert!(matches!(
            sent[0],
            hubdesk::app::confirm::ActionRequest::TrustUnlock(_)
        ));
    }
}

#[test]
fn cities_screen_snapshots() {
    let mut app = app_in(Lang::PtBr);
    open_cities(&mut app);
    insta::assert_snapshot!("cities_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("cities_160x48", screen(&mut app, 160, 48));
}

/// Issue 13: the city column took every spare cell, the state and the
/// counts sitting far to its right; columns take what their content needs.
#[test]
fn city_columns_fit_their_content() {
    let mut app = app_in(Lang::PtBr);
    open_cities(&mut app);
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("Belo Horizonte MG "), "{w}x{h}:\n{s}");
    }
}

/// Issue 13: a long detail below a tool's list (a city's neighbourhoods)
/// was cut at 80x24 with nothing saying so. While it runs past the screen
/// the page keys, Home and End scroll it (the arrows still choose the
/// city), with the pane's marker; a detail that fits leaves them to the
/// list.
#[test]
fn a_long_detail_below_a_tool_list_scrolls_with_a_marker() {
    let mut app = app_in(Lang::PtBr);
    leave_search_field(&mut app);
    let fx = key(&mut app, KeyCode::Char('C'));
    let (req, _) = tool_fetches(&fx)[0].clone();
    let mut all = cities();
    all[0].bairros = (1..=150)
        .map(|i| hubdesk::api::Neighbourhood {
            nome: Some(format!("BAIRRO NUMERO {i:03}")),
        })
        .collect();
    answer(&mut app, req, ToolReply::Cities(Ok(all)));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("↓ mais: PgDn/Ctrl-D"), "{s}");
    assert!(!s.contains("BAIRRO NUMERO 150"), "{s}");
    key(&mut app, KeyCode::End);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("BAIRRO NUMERO 150"), "{s}");
    assert!(s.contains("↑ início: g/PgUp"), "{s}");
    assert_eq!(app.tools.cities.selected, 0, "the city stays chosen");
    key(&mut app, KeyCode::PageUp);
    key(&mut app, KeyCode::Home);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("BAIRRO NUMERO 001"), "{s}");
    // Another city: its short detail fits, End goes to the last city.
    key(&mut app, KeyCode::Down);
    let s = screen(&mut app, 80, 24);
    assert!(!s.contains("↓ mais"), "{s}");
    key(&mut app, KeyCode::End);
    assert_eq!(app.tools.cities.selected, 2);
}

#[test]
fn cities_loading_then_error_is_shown_in_the_pane_and_r_retries() {
    let mut app = app_in(Lang::PtBr);
    leave_search_field(&mut app);
    let fx = key(&mut app, KeyCode::Char('C'));
    let (req, _) = tool_fetches(&fx)[0].clone();
    assert!(app.animating(), "a loading tool screen ticks its spinner");
    assert!(screen(&mut app, 80, 24).contains("Carregando"));
    answer(
        &mut app,
        req,
        ToolReply::Cities(Err(ApiError::Http {
            route: "endereco/cidade",
            status: 502,
            excerpt: "Bad Gateway".into(),
        })),
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("HTTP 502"), "{s}");
    assert!(!app.animating());
    // Issue 13: the session's message log keeps it, with the screen's name.
    let logged = app.log.last().expect("logged");
    assert!(
        logged.text.starts_with("Cidades e bairros: ") && logged.text.contains("HTTP 502"),
        "{logged:?}"
    );
    let fx = key(&mut app, KeyCode::Char('r'));
    assert_eq!(tool_fetches(&fx).len(), 1);
}

#[test]
fn a_replaced_read_is_dropped() {
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    let first = tool_fetches(&key(&mut app, KeyCode::Char('C')))[0].0;
    let second = tool_fetches(&key(&mut app, KeyCode::Char('r')))[0].0;
    assert_ne!(first.seq, second.seq);
    let (_, changed) = update(
        &mut app,
        hubdesk::app::Msg::Fetched {
            req: first,
            reply: hubdesk::app::Reply::Tool(ToolReply::Cities(Ok(vec![]))),
        },
    );
    assert_eq!(changed, hubdesk::app::Changed::No);
    assert!(app.tools.cities.cities.data.is_none());
    answer(&mut app, second, ToolReply::Cities(Ok(cities())));
    assert_eq!(
        app.tools.cities.cities.data.as_ref().unwrap().len(),
        cities().len()
    );
}

#[test]
fn coming_back_to_a_loaded_tool_does_not_read_again() {
    let mut app = app_in(Lang::En);
    open_cities(&mut app);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    let fx = key(&mut app, KeyCode::Char('C'));
    assert!(tool_fetches(&fx).is_empty());
    assert_eq!(app.screen, Screen::Tool(Tool::Cities));
}

#[test]
fn slash_filters_enter_keeps_esc_clears_then_leaves() {
    let mut app = app_in(Lang::PtBr);
    open_cities(&mut app);
    let total = app.tools.cities.visible().len();
    assert!(total > 1);
    key(&mut app, KeyCode::Char('/'));
    assert!(app.tools.cities.filter.editing);
    // Letters type while filtering: "q" does not quit, "r" does not refresh.
    let fx = type_text(&mut app, "qr");
    assert!(fx.is_empty(), "{fx:?}");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    let first_name = cities()[0].nome.clone().unwrap();
    type_text(&mut app, &first_name.to_lowercase());
    let shown = app.tools.cities.visible();
    assert!(!shown.is_empty() && shown.len() <= total);
    key(&mut app, KeyCode::Enter);
    assert!(!app.tools.cities.filter.editing);
    assert_eq!(app.tools.cities.visible(), shown);
    insta::assert_snapshot!("cities_filtered_80x24", screen(&mut app, 80, 24));
    // Esc first clears the filter, then leaves the screen.
    key(&mut app, KeyCode::Esc);
    assert!(app.tools.cities.filter.is_empty());
    assert_eq!(app.screen, Screen::Tool(Tool::Cities));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
}

#[test]
fn a_filter_that_matches_nothing_says_so_and_keeps_the_screen_usable() {
    let mut app = app_in(Lang::En);
    open_cities(&mut app);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzzzz");
    assert!(app.tools.cities.visible().is_empty());
    assert!(app.tools.cities.selected_city().is_none());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("0 of"), "{s}");
    // Moving in an empty list is harmless.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::End);
    assert!(app.tools.cities.selected_city().is_none());
    assert!(screen(&mut app, 80, 24).contains("0 of"));
}

#[test]
fn arrows_move_and_the_neighbourhoods_follow_the_selection() {
    let mut app = app_in(Lang::En);
    open_cities(&mut app);
    let all = cities();
    // A fixture that shrank to one city must fail here, not pass untested.
    assert!(all.len() >= 2, "two cities at least, not {}", all.len());
    let bairros = |i: usize| -> Vec<String> {
        all[i]
            .bairros
            .iter()
            .filter_map(|b| b.nome.clone())
            .collect()
    };
    // A neighbourhood of each city that the other one lacks.
    let own = |i: usize, other: usize| {
        let others = bairros(other);
        bairros(i)
            .into_iter()
            .find(|b| !others.contains(b))
            .unwrap_or_else(|| panic!("city {i} has no neighbourhood of its own: {all:?}"))
    };
    let (first_own, second_own) = (own(0, 1), own(1, 0));
    let s = screen(&mut app, 160, 48);
    assert!(s.contains(&first_own) && !s.contains(&second_own), "{s}");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.tools.cities.selected, 1);
    let s = screen(&mut app, 160, 48);
    let second = all[1].nome.clone().unwrap();
    assert!(s.contains(&format!("{second} · Neighbourhoods")), "{s}");
    assert!(s.contains(&second_own) && !s.contains(&first_own), "{s}");
}

#[test]
fn server_text_is_sanitized_on_the_cities_screen() {
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    let req = tool_fetches(&key(&mut app, KeyCode::Char('C')))[0].0;
    let mut evil = cities();
    evil[0].nome = Some("Evil\u{1b}]52;c;AAAA\u{7}Town\u{9b}2J".into());
    evil[0].bairros[0].nome = Some("B\u{1b}[31mairro".into());
    answer(&mut app, req, ToolReply::Cities(Ok(evil)));
    let buf = render(&mut app, 80, 24);
    assert!(!has_control_chars(&buf));
}

#[test]
fn tools_come_back_to_the_customer_they_were_opened_from() {
    let mut app = app_in(Lang::En);
    let c: hubdesk::api::CustomersResponse =
        serde_json::from_str(&fixture("cliente.response.json")).unwrap();
    hubdesk::app::open_customer(&mut app, c.clientes[0].clone(), &mut Vec::new());
    assert_eq!(app.screen, Screen::Customer);
    key(&mut app, KeyCode::Char('C'));
    assert_eq!(app.screen, Screen::Tool(Tool::Cities));
    assert!(
        app.view.is_some(),
        "the customer stays open behind the tool"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Customer);
}

#[test]
fn ctrl_c_quits_from_the_palette_and_from_a_filter() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    let fx = key_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(fx.contains(&hubdesk::app::Effect::Quit));
    let mut app = app_in(Lang::En);
    open_cities(&mut app);
    key(&mut app, KeyCode::Char('/'));
    let fx = key_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(fx.contains(&hubdesk::app::Effect::Quit));
}

#[test]
fn a_paste_goes_into_the_filter_being_typed_and_never_runs_commands() {
    let mut app = app_in(Lang::En);
    open_cities(&mut app);
    // Not filtering: a pasted "q" is not a quit, "r" not a refresh.
    let (fx, _) = update(&mut app, hubdesk::app::Msg::Paste("qr".into()));
    assert!(fx.is_empty());
    assert!(app.tools.cities.filter.is_empty());
    key(&mut app, KeyCode::Char('/'));
    let name = cities()[0].nome.clone().unwrap();
    // A pasted newline does not end the filter.
    let (fx, _) = update(&mut app, hubdesk::app::Msg::Paste(format!("{name}\n")));
    assert!(fx.is_empty());
    assert!(app.tools.cities.filter.editing);
    assert_eq!(app.tools.cities.filter.input.value(), name);
}

#[test]
fn a_paste_goes_into_the_palette_not_the_search_field_below() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    update(&mut app, hubdesk::app::Msg::Paste("citi\u{1b}es".into()));
    assert_eq!(app.palette.as_ref().unwrap().input.value(), "cities");
    assert_eq!(app.search.input.value(), "");
}
