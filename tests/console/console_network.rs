//! The network screen (issue 7, part 1): three tabs read lazily from the
//! documented examples, the `/` filter, refresh, stale and failed reads,
//! the jump from a service to its equipment, POP and zone; snapshots at
//! 80x24 and 160x48; and the same against the embedded simulator through
//! the real runner.

use crate::screen_kit;

use crossterm::event::{KeyCode, KeyModifiers};
use hubdesk::api::{
    ApiError, Customer, CustomersResponse, Equipment, EquipmentResponse, Pop, PopsResponse,
    ServiceZone, ZonesResponse,
};
use hubdesk::app::status::StatusKind;
use hubdesk::app::tools::network::NetTab;
use hubdesk::app::tools::{Tool, ToolReply, ToolRequest};
use hubdesk::app::{App, Changed, Effect, Msg, Pane, Reply, Screen, open_customer, update};
use hubdesk::i18n::Lang;
use screen_kit::*;

fn pops() -> Vec<Pop> {
    serde_json::from_str::<PopsResponse>(&fixture("rede_pop.response.json"))
        .unwrap()
        .pops
}

fn equipment() -> Vec<Equipment> {
    serde_json::from_str::<EquipmentResponse>(&fixture("rede_equipamento.response.json"))
        .unwrap()
        .equipamentos
}

fn zones() -> Vec<ServiceZone> {
    serde_json::from_str::<ZonesResponse>(&fixture("rede_zona_atendimento.response.json"))
        .unwrap()
        .zonas_atendimento
}

fn reply_for(request: &ToolRequest) -> ToolReply {
    match request {
        ToolRequest::Pops => ToolReply::Pops(Ok(pops())),
        ToolRequest::Equipment => ToolReply::Equipment(Ok(equipment())),
        ToolRequest::Zones => ToolReply::Zones(Ok(zones())),
        other => panic!("not a network read: {other:?}"),
    }
}

/// Answers every tool read in `fx` with the documented examples.
fn answer_all(app: &mut App, fx: &[Effect]) -> Vec<Effect> {
    tool_fetches(fx)
        .into_iter()
        .flat_map(|(req, r)| answer(app, req, reply_for(&r)))
        .collect()
}

/// Opens the network screen with `N`; answers its first read.
fn open_network(app: &mut App) {
    leave_search_field(app);
    let fx = key(app, KeyCode::Char('N'));
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1, "{fx:?}");
    assert_eq!(reads[0].1, ToolRequest::Pops);
    answer_all(app, &fx);
}

/// Opens the network screen and loads all three tabs, ending on `tab`.
fn open_on(app: &mut App, tab: NetTab) {
    open_network(app);
    for digit in ['2', '3'] {
        let fx = key(app, KeyCode::Char(digit));
        answer_all(app, &fx);
    }
    let digit = char::from(b'1' + tab.index() as u8);
    key(app, KeyCode::Char(digit));
    assert_eq!(app.tools.network.tab, tab);
}

fn net(app: &App) -> &hubdesk::app::tools::network::NetworkState {
    &app.tools.network
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn snapshots_of_each_tab() {
    for (tab, name) in [
        (NetTab::Pops, "pops"),
        (NetTab::Equipment, "equipment"),
        (NetTab::Zones, "zones"),
    ] {
        let mut app = app_in(Lang::PtBr);
        open_on(&mut app, tab);
        // The third POP has three equipments; the third zone two interfaces.
        if tab != NetTab::Equipment {
            key(&mut app, KeyCode::Down);
            key(&mut app, KeyCode::Down);
        }
        insta::assert_snapshot!(format!("network_{name}_80x24"), screen(&mut app, 80, 24));
        insta::assert_snapshot!(format!("network_{name}_160x48"), screen(&mut app, 160, 48));
    }
}

/// Issue 13: the name columns took every spare cell, so at 160 columns
/// an equipment's IP sat some 90 blanks away from its name. Columns take
/// what their content needs, at every width.
#[test]
fn columns_fit_their_content_at_every_width() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app_in(Lang::PtBr);
        open_on(&mut app, NetTab::Equipment);
        let s = screen(&mut app, w, h);
        assert!(s.contains("HUAWEI-NICNET 10.0.0.1 "), "{w}x{h}:\n{s}");
        key(&mut app, KeyCode::Char('3'));
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Down);
        let s = screen(&mut app, w, h);
        assert!(s.contains("FIBERHOME-SDT 10.20.14.34"), "{w}x{h}:\n{s}");
        key(&mut app, KeyCode::Char('1'));
        let s = screen(&mut app, w, h);
        let header = s.lines().find(|l| l.contains("Equip.")).unwrap();
        // "POP EXEMPLO WIKI" is the longest name: 16 cells.
        assert!(
            header.find("Equip.").unwrap() - header.find("POP").unwrap() < 25,
            "{w}x{h}: {header}"
        );
    }
    let mut app = app_in(Lang::PtBr);
    open_on(&mut app, NetTab::Zones);
    let s = screen(&mut app, 160, 48);
    assert!(
        s.contains("FIBRA - PIUMHI - A1R3 ATENDIMENTO FIBRA AREA 1 ROTA 3"),
        "{s}"
    );
}

/// Issue 13: a zone with more interfaces than fit at 80x24 was cut with
/// nothing saying so; the page keys scroll its details, with the marker.
#[test]
fn a_zone_with_many_interfaces_scrolls_with_a_marker() {
    let mut app = app_in(Lang::PtBr);
    open_on(&mut app, NetTab::Zones);
    let zones = app.tools.network.zones.data.as_mut().unwrap();
    let first = zones[0].interfaces[0].clone();
    zones[0].interfaces = (1..=20)
        .map(|i| {
            let mut n = first.clone();
            n.nome = Some(format!("PON-{i:02}").into());
            n
        })
        .collect();
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("↓ mais: PgDn/Ctrl-D"), "{s}");
    assert!(!s.contains("PON-20"), "{s}");
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::End);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("PON-20"), "{s}");
    assert_eq!(app.tools.network.list(NetTab::Zones).selected, 0);
}

#[test]
fn each_tab_reads_on_first_view_and_keeps_its_data() {
    let mut app = app_in(Lang::En);
    open_network(&mut app);
    assert_eq!(app.screen, Screen::Tool(Tool::Network));
    assert!(net(&app).equipment.data.is_none() && !net(&app).equipment.loading());
    assert!(net(&app).zones.data.is_none() && !net(&app).zones.loading());
    // Tab goes to the equipment and reads it, once.
    let fx = key(&mut app, KeyCode::Tab);
    assert_eq!(net(&app).tab, NetTab::Equipment);
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        vec![ToolRequest::Equipment]
    );
    assert!(app.animating());
    answer_all(&mut app, &fx);
    // Shift-Tab back to the POPs: already loaded, nothing read.
    let fx = key(&mut app, KeyCode::BackTab);
    assert_eq!(net(&app).tab, NetTab::Pops);
    assert!(tool_fetches(&fx).is_empty());
    // Shift-Tab wraps to the last tab, who-had: nothing to read before
    // an address is typed.
    let fx = key(&mut app, KeyCode::BackTab);
    assert_eq!(net(&app).tab, NetTab::WhoHad);
    assert!(tool_fetches(&fx).is_empty());
    // 3 goes to the zones, read now.
    let fx = key(&mut app, KeyCode::Char('3'));
    assert_eq!(net(&app).tab, NetTab::Zones);
    assert_eq!(tool_fetches(&fx)[0].1, ToolRequest::Zones);
    answer_all(&mut app, &fx);
    // The digits choose tabs; 9 is not a tab and changes nothing.
    assert!(tool_fetches(&key(&mut app, KeyCode::Char('2'))).is_empty());
    assert_eq!(net(&app).tab, NetTab::Equipment);
    key(&mut app, KeyCode::Char('9'));
    assert_eq!(net(&app).tab, NetTab::Equipment);
    // Leaving and coming back keeps tab and data.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    let fx = key(&mut app, KeyCode::Char('N'));
    assert!(tool_fetches(&fx).is_empty());
    assert_eq!(net(&app).tab, NetTab::Equipment);
    assert_eq!(net(&app).equipment.data.as_ref().unwrap().len(), 3);
}

#[test]
fn palette_commands_open_their_tab() {
    for (command, tab, request) in [
        ("equipment", NetTab::Equipment, ToolRequest::Equipment),
        ("zones", NetTab::Zones, ToolRequest::Zones),
        ("pops", NetTab::Pops, ToolRequest::Pops),
    ] {
        let mut app = app_in(Lang::En);
        key(&mut app, KeyCode::F(10));
        type_text(&mut app, command);
        let fx = key(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Tool(Tool::Network), "{command}");
        assert_eq!(net(&app).tab, tab, "{command}");
        assert_eq!(tool_fetches(&fx)[0].1, request, "{command}");
    }
    // "network" keeps the tab last shown.
    let mut app = app_in(Lang::En);
    open_on(&mut app, NetTab::Zones);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::F(10));
    type_text(&mut app, "network");
    key(&mut app, KeyCode::Enter);
    assert_eq!(net(&app).tab, NetTab::Zones);
}

#[test]
fn slash_filters_the_current_tab_by_name_ip_model_or_maker() {
    let mut app = app_in(Lang::PtBr);
    open_on(&mut app, NetTab::Equipment);
    key(&mut app, KeyCode::Char('/'));
    // Letters type while filtering: "r" does not refresh, "2" no tab.
    let fx = type_text(&mut app, "r2");
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(net(&app).tab, NetTab::Equipment);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "juniper");
    assert_eq!(net(&app).visible(NetTab::Equipment), vec![2]);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        net(&app).selected_equipment().unwrap().nome.as_deref(),
        Some("JUNIPER-MX104")
    );
    insta::assert_snapshot!("network_equipment_filtered_80x24", screen(&mut app, 80, 24));
    // By address: two equipments share 10.0.0.2 in the document.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "10.0.0.2");
    assert_eq!(net(&app).visible(NetTab::Equipment), vec![1, 2]);
    key(&mut app, KeyCode::Enter);
    // The filter is per tab: the POPs are all there, and an address
    // finds the POP that holds it.
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(net(&app).visible(NetTab::Pops).len(), pops().len());
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "177.52");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        net(&app).selected_pop().unwrap().nome.as_deref(),
        Some("POP TESTE")
    );
    // A zone by its interface's maker, accents and case ignored.
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Ubiquití");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        net(&app).selected_zone().unwrap().nome.as_deref(),
        Some("WIRELESS RAUL")
    );
    // Esc clears the filter first, then leaves.
    key(&mut app, KeyCode::Esc);
    assert!(net(&app).filter().is_empty());
    assert_eq!(app.screen, Screen::Tool(Tool::Network));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
}

#[test]
fn a_filter_matching_nothing_says_so() {
    let mut app = app_in(Lang::En);
    open_network(&mut app);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzz");
    assert!(net(&app).selected_pop().is_none());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("0 of 4"), "{s}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::End);
}

#[test]
fn r_refreshes_the_current_tab_and_shift_r_all_three() {
    let mut app = app_in(Lang::En);
    open_on(&mut app, NetTab::Zones);
    let reads = tool_fetches(&key(&mut app, KeyCode::Char('r')));
    assert_eq!(
        reads.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        vec![ToolRequest::Zones]
    );
    // Old data stays while the refresh is in flight.
    assert!(net(&app).zones.data.is_some());
    let fx = key(&mut app, KeyCode::Char('R'));
    let mut asked: Vec<_> = tool_fetches(&fx).into_iter().map(|r| r.1).collect();
    asked.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(
        asked,
        vec![
            ToolRequest::Equipment,
            ToolRequest::Pops,
            ToolRequest::Zones
        ]
    );
    answer_all(&mut app, &fx);
    assert!(!net(&app).loading());
}

#[test]
fn a_replaced_read_is_dropped() {
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    let first = tool_fetches(&key(&mut app, KeyCode::Char('N')))[0].0;
    let second = tool_fetches(&key(&mut app, KeyCode::Char('r')))[0].0;
    assert_ne!(first.seq, second.seq);
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: first,
            reply: Reply::Tool(ToolReply::Pops(Ok(vec![]))),
        },
    );
    assert_eq!(changed, Changed::No);
    assert!(net(&app).pops.data.is_none());
    // An answer of the wrong list for a slot is dropped too.
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: second,
            reply: Reply::Tool(ToolReply::Zones(Ok(zones()))),
        },
    );
    assert_eq!(changed, Changed::No);
    answer(&mut app, second, ToolReply::Pops(Ok(pops())));
    assert_eq!(net(&app).pops.data.as_ref().unwrap().len(), 4);
}

#[test]
fn an_error_shows_in_the_pane_and_on_the_tab_and_r_retries() {
    let mut app = app_in(Lang::PtBr);
    open_network(&mut app);
    let fx = key(&mut app, KeyCode::Char('2'));
    let (req, _) = tool_fetches(&fx)[0].clone();
    assert!(screen(&mut app, 80, 24).contains("Carregando"));
    answer(
        &mut app,
        req,
        ToolReply::Equipment(Err(ApiError::Http {
            route: "rede/equipamento",
            status: 502,
            excerpt: "Bad Gateway".into(),
        })),
    );
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("HTTP 502"), "{s}");
    assert!(
        s.contains("2 Equipamentos ✖") || s.contains("Equipamentos ✖"),
        "{s}"
    );
    // The POPs are unaffected.
    key(&mut app, KeyCode::Char('1'));
    assert!(!screen(&mut app, 80, 24).contains("HTTP 502"));
    // Coming back to the failed tab reads again; so does r.
    let fx = key(&mut app, KeyCode::Char('2'));
    assert_eq!(tool_fetches(&fx).len(), 1);
    let fx = key(&mut app, KeyCode::Char('r'));
    answer_all(&mut app, &fx);
    assert_eq!(net(&app).equipment.data.as_ref().unwrap().len(), 3);
    assert!(net(&app).equipment.error.is_none());
}

#[test]
fn selecting_a_pop_shows_its_equipment_and_an_equipment_its_pop_and_zones() {
    let mut app = app_in(Lang::En);
    open_on(&mut app, NetTab::Pops);
    key(&mut app, KeyCode::End);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("No equipment in this POP"), "{s}");
    key(&mut app, KeyCode::Up);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("POP TESTE · Equipment"), "{s}");
    assert!(s.contains("177.52.48.7"), "{s}");
    // The equipment tab says where an equipment sits.
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Down);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("POP: POP TESTE"), "{s}");
    assert!(s.contains("Zones: none"), "{s}");
}

// ---- the jump from a service -------------------------------------------

fn customer() -> Customer {
    serde_json::from_str::<CustomersResponse>(&fixture("cliente.response.json"))
        .unwrap()
        .clientes
        .remove(0)
}

/// A console on the example customer's services pane, with the service's
/// connection equipment set to `name` / `ip`; returns the open effects.
fn on_customer(name: Option<&str>, ip: Option<&str>) -> App {
    let mut app = app_in(Lang::PtBr);
    let mut c = customer();
    let s = &mut c.servicos[0];
    if name.is_none() && ip.is_none() {
        s.equipamento_conexao = None;
        s.interface = None;
        s.interface_conexao = None;
    } else {
        let e = s.equipamento_conexao.get_or_insert_with(Equipment::default);
        e.nome = name.map(Into::into);
        e.ipv4 = ip.map(Into::into);
    }
    open_customer(&mut app, c, &mut Vec::new());
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view.as_ref().unwrap().focus, Pane::Services);
    app
}

/// Presses the jump key; returns the network reads it sent.
fn press_jump(app: &mut App) -> Vec<Effect> {
    key(app, KeyCode::Char('n'))
}

#[test]
fn jump_by_name_loads_the_three_lists_in_parallel_then_selects_the_match() {
    let mut app = on_customer(Some("  olt bdcom "), Some("192.0.2.99"));
    let view = app.view.as_ref().unwrap().id;
    let fx = press_jump(&mut app);
    let mut asked: Vec<_> = tool_fetches(&fx).into_iter().map(|r| r.1).collect();
    asked.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(
        asked,
        vec![
            ToolRequest::Equipment,
            ToolRequest::Pops,
            ToolRequest::Zones
        ]
    );
    // Still on the customer while the lists load, saying so.
    assert_eq!(app.screen, Screen::Customer);
    assert!(status(&app).contains("olt bdcom"), "{}", status(&app));
    answer_all(&mut app, &fx);
    assert_eq!(app.screen, Screen::Tool(Tool::Network));
    assert_eq!(net(&app).tab, NetTab::Equipment);
    assert_eq!(
        net(&app).selected_equipment().unwrap().nome.as_deref(),
        Some("OLT BDCOM")
    );
    assert_eq!(
        net(&app).selected_pop().unwrap().nome.as_deref(),
        Some("POP TESTE")
    );
    assert_eq!(
        status(&app),
        "Equipamento OLT BDCOM (10.0.0.2) · POP TESTE · em nenhuma zona"
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Ok);
    insta::assert_snapshot!("network_jump_80x24", screen(&mut app, 80, 24));
    // Esc goes back to the same customer, still open.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().id, view);
    assert!(net(&app).located.is_none() && net(&app).jump_note.is_none());
}

#[test]
fn jump_by_ip_finds_the_pop_through_the_equipment_id() {
    // 10.0.0.1 is HUAWEI-NICNET (id 1413) in rede/equipamento; rede/pop
    // gives that id another address, so only the id joins them.
    let mut app = on_customer(Some("nome antigo"), Some(" 10.0.0.1 "));
    let fx = press_jump(&mut app);
    answer_all(&mut app, &fx);
    assert_eq!(app.screen, Screen::Tool(Tool::Network));
    assert_eq!(
        net(&app).selected_equipment().unwrap().nome.as_deref(),
        Some("HUAWEI-NICNET")
    );
    assert_eq!(
        net(&app).selected_pop().unwrap().nome.as_deref(),
        Some("POP TESTE")
    );
    // The POP tab marks the equipment found.
    key(&mut app, KeyCode::Char('1'));
    let buf = render(&mut app, 80, 24);
    let (x, y) = find(&buf, "HUAWEI-NICNET").expect("listed in the POP");
    assert_eq!(
        buf[(x, y)].fg,
        app.settings
            .theme
            .style(hubdesk::ui::theme::Role::Accent)
            .fg
            .unwrap()
    );
}

#[test]
fn jump_to_a_zone_only_opens_the_zones_tab_on_it() {
    let mut app = on_customer(Some("AP_RAUL"), None);
    let fx = press_jump(&mut app);
    answer_all(&mut app, &fx);
    assert_eq!(net(&app).tab, NetTab::Zones);
    assert_eq!(
        net(&app).selected_zone().unwrap().nome.as_deref(),
        Some("WIRELESS RAUL")
    );
    assert!(status(&app).contains("em nenhum POP"), "{}", status(&app));
    assert!(
        status(&app).contains("Zona WIRELESS RAUL"),
        "{}",
        status(&app)
    );
}

#[test]
fn jump_with_no_match_says_what_was_looked_for_and_stays() {
    // The example's own OLT XPTO is in none of the documented lists.
    let mut app = on_customer(Some("OLT XPTO"), Some("192.168.2.100"));
    let fx = press_jump(&mut app);
    answer_all(&mut app, &fx);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(
        status(&app),
        "Nenhum equipamento da rede corresponde a OLT XPTO (192.168.2.100)"
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    // A second try uses the lists already loaded: no read, same answer.
    app.status = None;
    let fx = press_jump(&mut app);
    assert!(tool_fetches(&fx).is_empty());
    assert!(status(&app).contains("OLT XPTO"));
}

#[test]
fn jump_without_equipment_data_says_so_and_reads_nothing() {
    let mut app = on_customer(None, None);
    let fx = press_jump(&mut app);
    assert!(tool_fetches(&fx).is_empty());
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(
        status(&app),
        "Este serviço não informa o equipamento de conexão"
    );
}

#[test]
fn jump_when_a_list_fails_and_nothing_matches_shows_the_error() {
    let mut app = on_customer(Some("OLT XPTO"), None);
    let fx = press_jump(&mut app);
    for (req, r) in tool_fetches(&fx) {
        let reply = match r {
            ToolRequest::Equipment => ToolReply::Equipment(Err(ApiError::Http {
                route: "rede/equipamento",
                status: 503,
                excerpt: "down".into(),
            })),
            other => reply_for(&other),
        };
        answer(&mut app, req, reply);
    }
    assert_eq!(app.screen, Screen::Customer);
    assert!(status(&app).contains("HTTP 503"), "{}", status(&app));
}

#[test]
fn a_jump_whose_customer_was_left_is_dropped() {
    let mut app = on_customer(Some("OLT BDCOM"), None);
    let fx = press_jump(&mut app);
    // The attendant goes back to the search before the lists arrive.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    answer_all(&mut app, &fx);
    assert_eq!(app.screen, Screen::Search);
    assert!(net(&app).pending_jump.is_none());
    // The lists it read are kept for the network screen.
    assert!(net(&app).equipment.data.is_some());
}

#[test]
fn jump_key_is_only_for_the_customer_view() {
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    let fx = key(&mut app, KeyCode::Char('n'));
    assert!(fx.is_empty());
    assert_eq!(app.screen, Screen::Search);
    // In a read-only profile it stays: it only reads.
    let mut app = app_with(Lang::En, true);
    open_customer(&mut app, customer(), &mut Vec::new());
    let fx = key(&mut app, KeyCode::Char('n'));
    assert_eq!(tool_fetches(&fx).len(), 3);
}

// ---- server text -------------------------------------------------------

#[test]
fn server_text_is_sanitized_on_every_tab() {
    let evil = "Evil\u{1b}]52;c;AAAA\u{7}Name\u{9b}2J\u{1b}[31m";
    let mut app = app_in(Lang::En);
    leave_search_field(&mut app);
    let mut p = pops();
    p[0].nome = Some(evil.into());
    p[0].equipamentos[0].nome = Some(evil.into());
    p[0].equipamentos[0].modelo = Some(evil.into());
    let mut e = equipment();
    e[0].nome = Some(evil.into());
    e[0].ipv4 = Some(evil.into());
    e[0].ipv6 = Some(evil.into());
    e[0].fabricante = Some(evil.into());
    let mut z = zones();
    z[0].nome = Some(evil.into());
    z[0].descricao = Some(evil.into());
    z[0].interfaces[0].nome = Some(evil.into());
    z[0].interfaces[0].tipo = Some(evil.into());
    z[0].interfaces[0]
        .equipamento_conexao
        .as_mut()
        .unwrap()
        .nome = Some(evil.into());
    let fx = key(&mut app, KeyCode::Char('N'));
    answer(&mut app, tool_fetches(&fx)[0].0, ToolReply::Pops(Ok(p)));
    let fx = key(&mut app, KeyCode::Char('2'));
    answer(
        &mut app,
        tool_fetches(&fx)[0].0,
        ToolReply::Equipment(Ok(e)),
    );
    let fx = key(&mut app, KeyCode::Char('3'));
    answer(&mut app, tool_fetches(&fx)[0].0, ToolReply::Zones(Ok(z)));
    for digit in ['1', '2', '3'] {
        key(&mut app, KeyCode::Char(digit));
        for (w, h) in [(80, 24), (160, 48)] {
            let buf = render(&mut app, w, h);
            assert!(!has_control_chars(&buf), "tab {digit} at {w}x{h}");
        }
    }
    // The jump's status line too.
    let mut c = customer();
    c.servicos[0].equipamento_conexao.as_mut().unwrap().nome = Some(evil.into());
    open_customer(&mut app, c, &mut Vec::new());
    key(&mut app, KeyCode::Char('n'));
    let text = status(&app);
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(!has_control_chars(&render(&mut app, 80, 24)));
}

#[test]
fn ctrl_c_quits_from_the_filter() {
    let mut app = app_in(Lang::En);
    open_network(&mut app);
    key(&mut app, KeyCode::Char('/'));
    let fx = key_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(fx.contains(&Effect::Quit));
}

// ---- against the simulator, through the real runner ---------------------

mod sim {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use hubdesk::api::{
        Client, ClientConfig, Credentials, CustomerSearch, CustomerSearchBy, Secret,
    };
    use hubdesk::app::keymap::Keymap;
    use hubdesk::app::runner::Runner;
    use hubdesk::app::tools::Tool;
    use hubdesk::app::tools::network::NetTab;
    use hubdesk::app::{App, Msg, Screen, Settings, open_customer, update};
    use hubdesk::sim::{DEMO_CREDENTIALS, SimConfig, SimHandle, start};
    use tokio::sync::mpsc::UnboundedReceiver;
    use tokio::time::timeout;

    const DEADLINE: Duration = Duration::from_secs(15);

    fn client(sim: &SimHandle) -> Client {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap()
    }

    fn run(app: &mut App, msg: Msg, runner: &mut Runner) {
        for e in update(app, msg).0 {
            runner.run(e);
        }
    }

    fn press(app: &mut App, c: char, runner: &mut Runner) {
        run(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            runner,
        );
    }

    /// Feeds answers back until nothing of `app` is loading.
    async fn settle(app: &mut App, rx: &mut UnboundedReceiver<Msg>, runner: &mut Runner) {
        while app.animating() {
            let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
            run(app, msg, runner);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_three_network_lists_load_from_the_simulator() {
        let sim = start(SimConfig::default()).unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut runner = Runner::new(client(&sim), tx);
        let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
        app.search.focus.0 = hubdesk::app::SearchFocus::List;
        press(&mut app, 'N', &mut runner);
        assert_eq!(app.screen, Screen::Tool(Tool::Network));
        for digit in ['1', '2', '3'] {
            press(&mut app, digit, &mut runner);
            settle(&mut app, &mut rx, &mut runner).await;
        }
        let net = &app.tools.network;
        for (name, error) in [
            ("pops", &net.pops.error),
            ("equipment", &net.equipment.error),
            ("zones", &net.zones.error),
        ] {
            assert_eq!(error, &None, "{name}");
        }
        let pops = net.pops.data.as_ref().unwrap();
        let equipment = net.equipment.data.as_ref().unwrap();
        let zones = net.zones.data.as_ref().unwrap();
        assert!(pops.len() > 1 && !equipment.is_empty() && !zones.is_empty());
        // Every equipment of a POP is in the equipment list.
        for p in pops {
            for e in &p.equipamentos {
                assert!(
                    equipment
                        .iter()
                        .any(|x| x.id_equipamento == e.id_equipamento)
                );
            }
        }
        assert_eq!(net.tab, NetTab::Zones);
        sim.shutdown();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jump_from_a_simulator_service_finds_its_equipment_pop_and_zone() {
        let sim = start(SimConfig::default()).unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let client = client(&sim);
        let found = client
            .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1000"))
            .await
            .unwrap();
        let customer = found.into_iter().next().expect("customer 1000");
        let mut runner = Runner::new(client, tx);
        let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
        let mut fx = Vec::new();
        open_customer(&mut app, customer, &mut fx);
        for e in fx {
            runner.run(e);
        }
        settle(&mut app, &mut rx, &mut runner).await;
        press(&mut app, '2', &mut runner);
        let wanted = app
            .view
            .as_ref()
            .unwrap()
            .selected_service()
            .and_then(|s| s.equipamento_conexao.clone())
            .expect("simulator services name their connection equipment");
        press(&mut app, 'n', &mut runner);
        assert_eq!(app.screen, Screen::Customer, "waits for the lists");
        settle(&mut app, &mut rx, &mut runner).await;
        assert_eq!(app.screen, Screen::Tool(Tool::Network));
        let net = &app.tools.network;
        assert_eq!(net.tab, NetTab::Equipment);
        let e = net.selected_equipment().unwrap();
        assert_eq!(e.nome, wanted.nome);
        assert_eq!(e.ipv4, wanted.ipv4);
        let pop = net.selected_pop().expect("its POP");
        assert!(
            pop.equipamentos
                .iter()
                .any(|x| x.id_equipamento == e.id_equipamento)
        );
        let zone = net.selected_zone().expect("its zone");
        let service = app.view.as_ref().unwrap().selected_service().unwrap();
        let iface = service.interface.as_ref().and_then(|i| i.nome.clone());
        assert!(
            zone.interfaces.iter().any(|i| i.nome == iface
                && i.equipamento_conexao.as_ref().map(|x| &x.nome) == Some(&e.nome)),
            "the zone holds the service's own interface {iface:?}"
        );
        let status = app.status.as_ref().unwrap().text.clone();
        assert!(status.contains(pop.nome.as_deref().unwrap()), "{status}");
        assert!(status.contains(zone.nome.as_deref().unwrap()), "{status}");
        // Esc returns to the customer, still open.
        run(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            &mut runner,
        );
        assert_eq!(app.screen, Screen::Customer);
        assert!(app.view.is_some());
        sim.shutdown();
    }
}
