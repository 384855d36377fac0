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
