//! The receivables screen (issue 7): the filter bar and its 30-day rule,
//! totals with the overdue part, the `/` filter, stale answers, loading and
//! errors; snapshots at 80x24 and 160x48; and one read through the real
//! runner against the simulator.

use crate::screen_kit;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use hubdesk::api::{
    ApiDate, ApiError, DateKind, Invoice, InvoiceOrderBy, InvoicesResponse, OrderType,
    ReceivableSearchBy, ReceivablesQuery,
};
use hubdesk::app::tools::receivables::Field;
use hubdesk::app::tools::{Tool, ToolReply, ToolRequest};
use hubdesk::app::{Changed, Effect, Msg, Reply, Screen, update};
use hubdesk::i18n::Lang;
use hubdesk::ui::theme::Role;
use rust_decimal::Decimal;
use screen_kit::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The documented `/financeiro` example.
fn invoices() -> Vec<Invoice> {
    serde_json::from_str::<InvoicesResponse>(&fixture("financeiro.response.json"))
        .unwrap()
        .faturas
}

/// The example with one invoice overdue on the test clock (2020-03-10)
/// and one paid, under another customer.
fn mixed() -> Vec<Invoice> {
    let mut v = invoices();
    v[1].data_vencimento = Some(ApiDate::Day(d("2020-03-01")));
    v[1].data_vencimento_br = None;
    v[2].data_vencimento = Some(ApiDate::Day(d("2020-03-02")));
    v[2].data_pagamento = Some(ApiDate::Day(d("2020-03-02")));
    v[2].valor_pago = v[2].valor;
    let c = v[2].cliente.as_mut().unwrap();
    c.nome_razaosocial = Some("MARIA APARECIDA SOUZA".into());
    c.codigo_cliente = Some(2001);
    v
}

fn receivables_reads(fx: &[Effect]) -> Vec<(hubdesk::app::ReqId, ReceivablesQuery)> {
    tool_fetches(fx)
        .into_iter()
        .filter_map(|(req, r)| match r {
            ToolRequest::Receivables(q) => Some((req, q)),
            _ => None,
        })
        .collect()
}

/// Opens the screen with `F`; returns its first read.
fn open(app: &mut hubdesk::app::App) -> (hubdesk::app::ReqId, ReceivablesQuery) {
    leave_search_field(app);
    let fx = key(app, KeyCode::Char('F'));
    assert_eq!(app.screen, Screen::Tool(Tool::Receivables));
    let reads = receivables_reads(&fx);
    assert_eq!(reads.len(), 1, "{fx:?}");
    reads[0].clone()
}

fn open_with(app: &mut hubdesk::app::App, data: Vec<Invoice>) {
    let (req, _) = open(app);
    answer(app, req, ToolReply::Receivables(Ok(data)));
}

/// Clears the focused text field and types `text`.
fn retype(app: &mut hubdesk::app::App, text: &str) {
    for _ in 0..30 {
        key(app, KeyCode::Backspace);
    }
    type_text(app, text);
}

#[test]
fn opening_reads_the_thirty_days_ending_today() {
    let mut app = app_in(Lang::PtBr);
    let (_, q) = open(&mut app);
    assert_eq!(q.data_inicio, Some(d("2020-02-09")));
    assert_eq!(q.data_fim, Some(d("2020-03-10")));
    assert_eq!(q.search, None);
    assert_eq!(q.tipo_data, Some(DateKind::DueDate));
    assert_eq!(q.apenas_quitado, None);
    assert!(q.to_call().is_ok());
    assert!(app.animating());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Carregando"), "{s}");
    assert!(s.contains("o HubSoft aceita até 30 dias"), "{s}");
}

#[test]
fn receivables_snapshots() {
    let mut app = app_in(Lang::PtBr);
    open_with(&mut app, invoices());
    insta::assert_snapshot!("receivables_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("receivables_160x48", screen(&mut app, 160, 48));
}

/// Issue 13: the customer's name was cut at 80 columns ("GUILHERME DA
/// COSTA CO…") while the other columns had room to spare, and at 160 it
/// was padded with some 60 blanks. Columns take what their content needs.
#[test]
fn columns_fit_their_content_at_every_width() {
    let mut app = app_in(Lang::PtBr);
    open_with(&mut app, invoices());
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&mut app, w, h);
        assert!(
            s.contains("GUILHERME DA COSTA COUTO 62636"),
            "{w}x{h}:\n{s}"
        );
        assert!(!s.contains('…'), "{w}x{h}:\n{s}");
    }
}

#[test]
fn a_longer_range_without_a_customer_is_refused_at_the_field_and_nothing_is_sent() {
    let mut app = app_in(Lang::PtBr);
    open_with(&mut app, invoices());
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.tools.receivables.form.focus, Some(Field::From));
    retype(&mut app, "01/01/2020");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Fetch { .. })),
        "{fx:?}"
    );
    let form = &app.tools.receivables.form;
    assert_eq!(form.focus, Some(Field::To));
    let (field, text) = form.error.clone().unwrap();
    assert_eq!(field, Field::To);
    assert!(text.contains("69 dias"), "{text}");
    // The list still shows what was loaded before.
    assert_eq!(
        app.tools.receivables.invoices.data.as_ref().unwrap().len(),
        4
    );
    insta::assert_snapshot!("receivables_window_refused_80x24", screen(&mut app, 80, 24));
    // Fixing the range sends it.
    retype(&mut app, "31/01/2020");
    assert!(app.tools.receivables.form.error.is_none());
    let fx = key(&mut app, KeyCode::Enter);
    let reads = receivables_reads(&fx);
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].1.data_fim, Some(d("2020-01-31")));
    assert_eq!(app.tools.receivables.form.focus, None);
}

#[test]
fn a_customer_lifts_the_window() {
    let mut app = app_in(Lang::En);
    open_with(&mut app, invoices());
    key(&mut app, KeyCode::Tab);
    retype(&mut app, "01/01/2020");
    // Shift-Tab from "From" wraps to the customer field.
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.tools.receivables.form.focus, Some(Field::Customer));
    type_text(&mut app, "411.072.966-17");
    assert!(screen(&mut app, 80, 24).contains("any range is accepted"));
    let fx = key(&mut app, KeyCode::Enter);
    let reads = receivables_reads(&fx);
    assert_eq!(reads.len(), 1, "{fx:?}");
    let q = &reads[0].1;
    assert_eq!(
        q.search,
        Some((ReceivableSearchBy::Document, "41107296617".into()))
    );
    assert_eq!(q.data_inicio, Some(d("2020-01-01")));
    assert_eq!(q.data_fim, Some(d("2020-03-10")));
    // A customer code works the same way.
    key(&mut app, KeyCode::BackTab);
    retype(&mut app, "1162");
    let q = receivables_reads(&key(&mut app, KeyCode::Enter))[0]
        .1
        .clone();
    assert_eq!(
        q.search,
        Some((ReceivableSearchBy::CustomerCode, "1162".into()))
    );
}

#[test]
fn choices_change_with_space_and_arrows_and_letters_type_in_the_bar() {
    let mut app = app_in(Lang::En);
    open_with(&mut app, invoices());
    key(&mut app, KeyCode::Tab);
    // "q" and "r" type into the date instead of quitting or refreshing.
    let fx = type_text(&mut app, "qr");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(app.tools.receivables.form.from.value().ends_with("qr"));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down); // tipo_data
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Down); // apenas_quitado
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab); // order_by
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Tab); // order_type
    key(&mut app, KeyCode::Right);
    let q = receivables_reads(&key(&mut app, KeyCode::Enter))[0]
        .1
        .clone();
    assert_eq!(q.tipo_data, Some(DateKind::PaymentDate));
    assert_eq!(q.apenas_quitado, Some(true));
    assert_eq!(q.order_by, Some(InvoiceOrderBy::Amount));
    assert_eq!(q.order_type, Some(OrderType::Desc));
    // Esc in the bar goes back to the list and keeps what was typed.
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.tools.receivables.form.focus, None);
    assert!(app.tools.receivables.form.from.value().ends_with('x'));
    assert_eq!(app.screen, Screen::Tool(Tool::Receivables));
}

#[test]
fn totals_count_sum_and_overdue() {
    let mut app = app_in(Lang::PtBr);
    open_with(&mut app, mixed());
    let t = app
        .tools
        .receivables
        .totals(hubdesk::br::dates::today(app.now));
    assert_eq!(t.count, 4);
    // 119,90 + 115,90 + 169,90 + 40,30
    assert_eq!(t.sum, Decimal::new(44600, 2));
    assert_eq!(t.overdue_count, 1);
    assert_eq!(t.overdue_sum, Decimal::new(11590, 2));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("4 fatura(s) · total R$ 446,00"), "{s}");
    assert!(s.contains("vencidas R$ 115,90 (1)"), "{s}");
    // The paid invoice is not overdue although its due date passed.
    assert!(s.contains("paga em 02/03/2020"), "{s}");
}

#[test]
fn overdue_rows_and_the_overdue_total_are_in_the_danger_colour() {
    let mut app = app_in(Lang::PtBr);
    open_with(&mut app, mixed());
    let buf = render(&mut app, 80, 24);
    let danger = app.settings.theme.style(Role::Danger).fg;
    let find = |needle: &str| -> (u16, u16) {
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(i) = line.find(needle) {
                let x = line[..i].chars().count() as u16;
                return (x, y);
            }
        }
        panic!("{needle} not on screen:\n{}", text(&buf));
    };
    let (x, y) = find("vencida há");
    assert_eq!(buf[(x, y)].fg, danger.unwrap());
    let (x, y) = find("vencidas R$");
    assert_eq!(buf[(x, y)].fg, danger.unwrap());
    let (x, y) = find("vence em");
    assert_ne!(buf[(x, y)].fg, danger.unwrap());
}

#[test]
fn slash_filters_the_loaded_list_and_the_totals_follow() {
    let mut app = app_in(Lang::En);
    open_with(&mut app, mixed());
    key(&mut app, KeyCode::Char('/'));
    let fx = type_text(&mut app, "maria");
    assert!(fx.is_empty());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.receivables.visible(), vec![2]);
    let t = app
        .tools
        .receivables
        .totals(hubdesk::br::dates::today(app.now));
    assert_eq!(
        (t.count, t.sum, t.overdue_count),
        (1, Decimal::new(16990, 2), 0)
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("1 of 4"), "{s}");
    // By customer code and invoice id too.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "62628");
    assert_eq!(app.tools.receivables.visible(), vec![3]);
    key(&mut app, KeyCode::Esc);
    assert!(app.tools.receivables.filter.is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
}

#[test]
fn a_replaced_read_is_dropped() {
    let mut app = app_in(Lang::En);
    let (first, _) = open(&mut app);
    let second = receivables_reads(&key(&mut app, KeyCode::Char('r')))[0].0;
    assert_ne!(first.seq, second.seq);
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: first,
            reply: Reply::Tool(ToolReply::Receivables(Ok(mixed()))),
        },
    );
    assert_eq!(changed, Changed::No);
    assert!(app.tools.receivables.invoices.data.is_none());
    answer(&mut app, second, ToolReply::Receivables(Ok(invoices())));
    assert_eq!(
        app.tools.receivables.invoices.data.as_ref().unwrap().len(),
        4
    );
    assert!(!app.animating());
}

#[test]
fn an_error_shows_in_the_pane_and_r_retries() {
    let mut app = app_in(Lang::PtBr);
    let (req, _) = open(&mut app);
    answer(
        &mut app,
        req,
        ToolReply::Receivables(Err(ApiError::Refused {
            route: "financeiro",
            msg: "O intervalo entre as datas não pode ser maior que 30 dias".into(),
            errors: vec![],
        })),
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("não pode ser maior"), "{s}");
    insta::assert_snapshot!("receivables_error_80x24", s);
    let fx = key(&mut app, KeyCode::Char('r'));
    assert_eq!(receivables_reads(&fx).len(), 1);
}

#[test]
fn an_empty_answer_says_so() {
    let mut app = app_in(Lang::En);
    open_with(&mut app, Vec::new());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Nothing") || s.contains("No "), "{s}");
}

#[test]
fn enter_opens_the_invoice_customer_and_the_screen_keeps_its_list() {
    let mut app = app_in(Lang::En);
    open_with(&mut app, mixed());
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().code, 2001);
    assert!(!fx.is_empty());
    let fx = key(&mut app, KeyCode::Char('F'));
    assert!(receivables_reads(&fx).is_empty(), "{fx:?}");
    assert_eq!(
        app.tools.receivables.invoices.data.as_ref().unwrap().len(),
        4
    );
}

#[test]
fn the_palette_opens_the_screen() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    type_text(&mut app, "receiv");
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Tool(Tool::Receivables));
    assert_eq!(receivables_reads(&fx).len(), 1);
}

#[test]
fn server_text_is_sanitized() {
    let mut app = app_in(Lang::En);
    let mut evil = invoices();
    evil[0].cliente.as_mut().unwrap().nome_razaosocial =
        Some("Evil\u{1b}]52;c;AAAA\u{7}Name".into());
    evil[0].nosso_numero = Some("1\u{1b}[2J".into());
    open_with(&mut app, evil);
    assert!(!has_control_chars(&render(&mut app, 80, 24)));
    assert!(!has_control_chars(&render(&mut app, 160, 48)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receivables_read_against_the_simulator() {
    // Issue 17: `financeiro/fatura` on a current server, `financeiro` on
    // a 2020 one; the same list either way.
    for generation in [
        hubdesk::sim::Generation::Current,
        hubdesk::sim::Generation::Documented2020,
    ] {
        receivables_from(generation).await;
    }
}

async fn receivables_from(generation: hubdesk::sim::Generation) {
    let route = match generation {
        hubdesk::sim::Generation::Current => "financeiro/fatura",
        hubdesk::sim::Generation::Documented2020 => "financeiro",
    };
    let cfg = hubdesk::sim::SimConfig {
        generation,
        ..hubdesk::sim::SimConfig::default()
    };
    let mut c = SimConsole::on(cfg, |_| {});
    c.app.search.focus.0 = hubdesk::app::SearchFocus::List;
    c.key(KeyCode::Char('F'));
    c.until("the receivables", |a| {
        let r = &a.tools.receivables.invoices;
        !r.loading() && (r.data.is_some() || r.error.is_some())
    })
    .await;
    let r = &c.app.tools.receivables.invoices;
    assert!(r.error.is_none(), "{:?}", r.error);
    let list = r.data.as_ref().unwrap();
    assert!(
        !list.is_empty(),
        "the simulator has invoices due in any month"
    );
    assert!(list.len() <= 50);
    assert_eq!(c.sim.counters().requests(route), 1, "{generation:?}");
    // A customer filter with a range over 30 days goes through.
    let code = list[0]
        .cliente
        .as_ref()
        .and_then(|c| c.codigo_cliente)
        .unwrap();
    c.key(KeyCode::Tab);
    for _ in 0..12 {
        c.key(KeyCode::Backspace);
    }
    c.text("01/01/2000");
    c.key(KeyCode::BackTab);
    c.text(&code.to_string());
    c.key(KeyCode::Enter);
    c.until("the customer's receivables", |a| {
        let r = &a.tools.receivables.invoices;
        !r.loading() && (r.data.is_some() || r.error.is_some())
    })
    .await;
    let r = &c.app.tools.receivables.invoices;
    assert!(r.error.is_none(), "{:?}", r.error);
    let list = r.data.as_ref().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|i| i.cliente.as_ref().and_then(|c| c.codigo_cliente) == Some(code))
    );
    assert_eq!(c.sim.counters().requests(route), 2, "{generation:?}");
    c.sim.shutdown();
}

#[test]
fn a_full_page_says_the_range_should_be_shorter() {
    let mut app = app_in(Lang::En);
    let one = invoices()[0].clone();
    open_with(&mut app, vec![one; 50]);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("first 50: shorten the range"), "{s}");
    assert!(s.contains("50 invoice(s) · total R$ 5.995,00"), "{s}");
    let mut app = app_in(Lang::En);
    open_with(&mut app, invoices());
    assert!(!screen(&mut app, 80, 24).contains("first 50"));
}
