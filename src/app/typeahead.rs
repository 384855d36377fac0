//! The console's side of instant type-ahead (opt-in, issue 8): the local
//! index's state, its loading in the background, and matching the search
//! box after every message.
//!
//! The index is fetched (`cliente/all`) and built by the runner on a task
//! and arrives as [`Msg::IndexLoaded`](super::Msg::IndexLoaded) with the
//! generation it was asked for; an answer for an older generation (the
//! attendant asked for a reload meanwhile) is dropped. Matching runs inside
//! `update()`: a keystroke narrows the previous answer (see
//! [`crate::index::search`]; the `typeahead` bench times it from key to
//! frame over 100,000 customers, figure 8 in `docs/PERFORMANCE.md`), so no
//! task, channel or stale-result bookkeeping is needed for it.

use std::sync::Arc;

use crate::api::{ApiError, Customer};
use crate::i18n::{Msg as T, trf};
use crate::index::{CustomerIndex, Matches, Searcher};

use super::status::StatusKind;
use super::{App, Changed, Effect, Screen};

/// How many local matches are listed (like the server's 100).
pub const SHOWN: usize = 100;

/// Where the local index is.
#[derive(Debug, Clone, Default)]
pub enum IndexState {
    /// Type-ahead is not enabled: the console behaves as without it.
    #[default]
    Off,
    /// Being fetched and built.
    Loading,
    /// Ready to match.
    Ready(Arc<CustomerIndex>),
    /// Could not be loaded; the localized reason. Server search works as usual.
    Failed(String),
}

/// The local matches of the text in the search box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalMatches {
    /// The text they answer.
    pub query: String,
    /// The answer (`None`: too short to match).
    pub matches: Option<Matches>,
    /// Hidden because the server's answer to a search arrived since.
    pub hidden: bool,
}

/// Type-ahead state.
#[derive(Debug, Default)]
pub struct Typeahead {
    /// The index.
    pub state: IndexState,
    /// Generation of the load in flight or done; older answers are dropped.
    pub generation: u64,
    /// Matches of the current text.
    pub local: Option<LocalMatches>,
    searcher: Searcher,
}

impl Typeahead {
    /// Whether type-ahead is on (whatever the index's state).
    pub fn enabled(&self) -> bool {
        !matches!(self.state, IndexState::Off)
    }

    /// The index, once loaded.
    pub fn index(&self) -> Option<&CustomerIndex> {
        match &self.state {
            IndexState::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// The matches to show instead of the server's results, if any.
    pub fn shown(&self) -> Option<&Matches> {
        self.local
            .as_ref()
            .filter(|l| !l.hidden)
            .and_then(|l| l.matches.as_ref())
    }
}

/// Turns type-ahead on and asks for the index (a new generation; an
/// earlier load's answer will be dropped).
pub fn load(app: &mut App) -> Vec<Effect> {
    app.typeahead.generation += 1;
    app.typeahead.state = IndexState::Loading;
    app.typeahead.local = None;
    app.typeahead.searcher.reset();
    vec![Effect::LoadIndex {
        generation: app.typeahead.generation,
    }]
}

/// The index (or why it failed) arrived.
pub fn on_loaded(
    app: &mut App,
    generation: u64,
    result: Result<Arc<CustomerIndex>, ApiError>,
) -> Changed {
    if generation != app.typeahead.generation || !app.typeahead.enabled() {
        return Changed::No;
    }
    app.typeahead.searcher.reset();
    app.typeahead.local = None;
    match result {
        Ok(index) => {
            tracing::info!(customers = index.len(), "local index ready");
            app.typeahead.state = IndexState::Ready(index);
        }
        Err(e) => {
            tracing::warn!("local index failed: {e}");
            let text = trf(
                app.lang(),
                T::TaLoadFailed,
                &[("detail", &app.error_text(&e))],
            );
            app.set_status(StatusKind::Error, text.clone());
            app.typeahead.state = IndexState::Failed(text);
        }
    }
    Changed::Yes
}

/// Matches the search box again when its text changed since the last
/// match; run after every message, so every way of editing it (typing,
/// paste, Esc, history) is covered.
pub fn sync(app: &mut App) -> Changed {
    let IndexState::Ready(index) = &app.typeahead.state else {
        return Changed::No;
    };
    let query = app.search.input.value();
    if app
        .typeahead
        .local
        .as_ref()
        .is_some_and(|l| l.query == query)
    {
        return Changed::No;
    }
    let (index, query) = (Arc::clone(index), query.to_owned());
    app.typeahead.searcher.limit = SHOWN;
    let matches = app.typeahead.searcher.search(&index, &query);
    let was_shown = app.typeahead.shown().is_some();
    if matches.is_some() && app.screen == Screen::Search {
        app.search.selected = 0;
        app.search.show_history = false;
    }
    let now_shown = matches.is_some();
    app.typeahead.local = Some(LocalMatches {
        query,
        matches,
        hidden: false,
    });
    if was_shown || now_shown {
        Changed::Yes
    } else {
        Changed::No
    }
}

/// The server answered a search: its results replace the local matches
/// until the text changes again.
pub fn hide(app: &mut App) {
    if let Some(local) = app.typeahead.local.as_mut() {
        local.hidden = true;
    }
}

/// The summary of local hit `n` of the list, to open it: only what the
/// index knows (code, name, document); the full record comes from the
/// server like any opened customer.
pub fn picked(app: &App, n: usize) -> Option<Customer> {
    let hit = app.typeahead.shown()?.hits.get(n)?;
    let row = app.typeahead.index()?.row(hit.id)?;
    Some(Customer {
        codigo_cliente: Some(row.code),
        nome_razaosocial: Some(row.name.into_owned()),
        cpf_cnpj: (!row.document.is_empty()).then_some(row.document),
        ..Customer::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::CustomerService;
    use crate::app::keymap::Keymap;
    use crate::app::{Msg, Reply, Request, SEARCH_VIEW, SearchFocus, Settings, Slot, update};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        App::new(Settings::default(), Keymap::default())
    }

    fn press(app: &mut App, code: KeyCode) -> (Vec<Effect>, Changed) {
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn index() -> Arc<CustomerIndex> {
        let mk = |code, name: &str, doc: &str, login: &str| Customer {
            codigo_cliente: Some(code),
            nome_razaosocial: Some(name.into()),
            cpf_cnpj: Some(doc.into()),
            servicos: vec![CustomerService {
                login: Some(login.into()),
                ..CustomerService::default()
            }],
            ..Customer::default()
        };
        Arc::new(CustomerIndex::build(&[
            mk(1000, "Maria da Silva", "12345678909", "maria.silva"),
            mk(1001, "Mário Souza", "98765432100", "mario"),
            mk(1002, "João Pereira", "45678912300", "joao.p"),
        ]))
    }

    /// An app with type-ahead on and its index loaded.
    fn ready() -> App {
        let mut app = app();
        let fx = load(&mut app);
        assert_eq!(fx, vec![Effect::LoadIndex { generation: 1 }]);
        let (fx, changed) = update(
            &mut app,
            Msg::IndexLoaded {
                generation: 1,
                result: Ok(index()),
            },
        );
        assert!(fx.is_empty());
        assert_eq!(changed, Changed::Yes);
        app
    }

    fn shown_codes(app: &App) -> Vec<u64> {
        let index = app.typeahead.index().unwrap();
        app.typeahead
            .shown()
            .map(|m| {
                m.hits
                    .iter()
                    .map(|h| index.row(h.id).unwrap().code)
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn off_by_default_and_typing_then_matches_nothing_locally() {
        let mut app = app();
        assert!(!app.typeahead.enabled());
        type_text(&mut app, "maria");
        assert!(app.typeahead.local.is_none());
        assert!(app.typeahead.shown().is_none());
    }

    #[test]
    fn typing_shows_local_matches_before_enter() {
        let mut app = ready();
        let (fx, changed) = press(&mut app, KeyCode::Char('m'));
        assert!(fx.is_empty());
        assert_eq!(changed, Changed::Yes);
        // One letter is not matched.
        assert!(app.typeahead.shown().is_none());
        let (fx, _) = press(&mut app, KeyCode::Char('a'));
        assert!(fx.is_empty(), "no request while typing: {fx:?}");
        assert_eq!(shown_codes(&app), vec![1000, 1001]);
        // "mario souza" holds m-a-r-i-a in order: fuzzy, ranked below.
        type_text(&mut app, "ria");
        assert_eq!(shown_codes(&app), vec![1000, 1001]);
        type_text(&mut app, " da");
        assert_eq!(shown_codes(&app), vec![1000]);
        // Backspace widens again.
        for _ in 0..6 {
            press(&mut app, KeyCode::Backspace);
        }
        assert_eq!(shown_codes(&app), vec![1000, 1001]);
        // Documents and logins too.
        press(&mut app, KeyCode::Esc);
        assert!(app.typeahead.shown().is_none());
        // Both documents hold 456789; the one starting with it comes first.
        type_text(&mut app, "456789");
        assert_eq!(shown_codes(&app), vec![1002, 1000]);
        press(&mut app, KeyCode::Esc);
        // With a mask it is a document typed from its start.
        type_text(&mut app, "123.456.789-09");
        assert_eq!(shown_codes(&app), vec![1000]);
    }

    #[test]
    fn enter_still_searches_the_server_and_its_answer_replaces_local_matches() {
        let mut app = ready();
        type_text(&mut app, "joao");
        assert_eq!(shown_codes(&app), vec![1002]);
        let (fx, _) = press(&mut app, KeyCode::Enter);
        let req = match fx.as_slice() {
            [
                Effect::Fetch {
                    req,
                    request: Request::Search(_),
                },
            ] => *req,
            other => panic!("expected the server search, got {other:?}"),
        };
        // Still shown while the server works.
        assert_eq!(shown_codes(&app), vec![1002]);
        let two = vec![
            Customer {
                codigo_cliente: Some(1002),
                ..Customer::default()
            },
            Customer {
                codigo_cliente: Some(2002),
                ..Customer::default()
            },
        ];
        update(
            &mut app,
            Msg::Fetched {
                req,
                reply: Reply::Customers(Ok(two)),
            },
        );
        assert!(app.typeahead.shown().is_none());
        assert_eq!(app.search.results.data.as_ref().map(Vec::len), Some(2));
        // Back in the field, typing again brings local matches back.
        assert_eq!(app.search.focus.0, SearchFocus::List);
        press(&mut app, KeyCode::Up);
        type_text(&mut app, " p");
        assert_eq!(shown_codes(&app), vec![1002]);
    }

    #[test]
    fn opening_a_local_match_opens_the_customer_by_code_from_the_server() {
        let mut app = ready();
        type_text(&mut app, "ma");
        press(&mut app, KeyCode::Down);
        assert_eq!(app.search.focus.0, SearchFocus::List);
        press(&mut app, KeyCode::Down);
        let (fx, _) = press(&mut app, KeyCode::Enter);
        let view = app.view.as_ref().expect("a customer opened");
        assert_eq!(view.code, 1001);
        // The summary shows at once; the record itself is fetched by code.
        let summary = view.customer.data.as_ref().unwrap();
        assert_eq!(summary.nome_razaosocial.as_deref(), Some("Mário Souza"));
        let customer_fetch = fx.iter().find_map(|e| match e {
            Effect::Fetch {
                req,
                request: Request::Customer(p),
            } if req.slot == Slot::Customer => Some(p.clone()),
            _ => None,
        });
        let p = customer_fetch.expect("the customer is fetched");
        assert_eq!(p.term, "1001");
        assert!(
            !fx.iter()
                .any(|e| matches!(e, Effect::Fetch { req, .. } if req.view == SEARCH_VIEW))
        );
    }

    #[test]
    fn a_stale_generation_is_dropped() {
        let mut app = ready();
        // A reload: generation 2 is now the one awaited.
        let fx = load(&mut app);
        assert_eq!(fx, vec![Effect::LoadIndex { generation: 2 }]);
        assert!(matches!(app.typeahead.state, IndexState::Loading));
        let (_, changed) = update(
            &mut app,
            Msg::IndexLoaded {
                generation: 1,
                result: Ok(Arc::new(CustomerIndex::default())),
            },
        );
        assert_eq!(changed, Changed::No);
        assert!(matches!(app.typeahead.state, IndexState::Loading));
        update(
            &mut app,
            Msg::IndexLoaded {
                generation: 2,
                result: Ok(index()),
            },
        );
        assert_eq!(app.typeahead.index().map(CustomerIndex::len), Some(3));
    }

    #[test]
    fn shift_r_on_the_search_screen_reloads_the_index() {
        let mut app = ready();
        let (fx, _) = press(&mut app, KeyCode::Char('R'));
        // In the text field R types a letter...
        assert!(fx.is_empty());
        press(&mut app, KeyCode::Esc);
        type_text(&mut app, "ma");
        press(&mut app, KeyCode::Down);
        // ...in the list it refreshes everything, the index included.
        let (fx, _) = press(&mut app, KeyCode::Char('R'));
        assert!(fx.contains(&Effect::LoadIndex { generation: 2 }), "{fx:?}");
    }

    #[test]
    fn a_failed_load_is_said_and_the_console_works_as_without_index() {
        let mut app = app();
        app.settings.lang = crate::i18n::Lang::En;
        load(&mut app);
        let (_, changed) = update(
            &mut app,
            Msg::IndexLoaded {
                generation: 1,
                result: Err(ApiError::Forbidden {
                    route: "cliente/all",
                    msg: None,
                }),
            },
        );
        assert_eq!(changed, Changed::Yes);
        let status = app.status.as_ref().expect("a status message");
        assert_eq!(status.kind, StatusKind::Error);
        assert!(
            status
                .text
                .starts_with("Local index unavailable (No permission"),
            "{}",
            status.text
        );
        assert!(matches!(app.typeahead.state, IndexState::Failed(_)));
        type_text(&mut app, "maria");
        assert!(app.typeahead.shown().is_none());
        let (fx, _) = press(&mut app, KeyCode::Enter);
        assert!(
            matches!(
                fx.as_slice(),
                [Effect::Fetch {
                    request: Request::Search(_),
                    ..
                }]
            ),
            "{fx:?}"
        );
    }

    #[test]
    fn a_local_match_by_login_opens_on_that_service() {
        let mut app = ready();
        type_text(&mut app, "joao.p");
        assert_eq!(shown_codes(&app), vec![1002]);
        press(&mut app, KeyCode::Down);
        let (fx, _) = press(&mut app, KeyCode::Enter);
        assert_eq!(app.view.as_ref().map(|v| v.code), Some(1002));
        let req = fx
            .iter()
            .find_map(|e| match e {
                Effect::Fetch { req, .. } if req.slot == Slot::Customer => Some(*req),
                _ => None,
            })
            .expect("the full record is read");
        // The index has no services: the record that arrives does, with
        // the login typed on its second one.
        let svc = |id, login: &str| CustomerService {
            id_cliente_servico: Some(id),
            login: Some(login.into()),
            ..CustomerService::default()
        };
        let full = Customer {
            codigo_cliente: Some(1002),
            servicos: vec![svc(1, "joao.escritorio"), svc(2, "joao.p")],
            ..Customer::default()
        };
        update(
            &mut app,
            Msg::Fetched {
                req,
                reply: Reply::Customers(Ok(vec![full])),
            },
        );
        let view = app.view.as_ref().unwrap();
        assert_eq!(
            view.selected_service().and_then(|s| s.id_cliente_servico),
            Some(2)
        );
    }
}
