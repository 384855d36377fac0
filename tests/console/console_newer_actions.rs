//! The actions of the newer HubSoft routes (issue 17) in the console, end
//! to end: keys into `update()`, the real runner, the embedded simulator
//! in its "current" and "2020" generations. Each checks the simulator's
//! counter (exactly once, or never), the audit lines and what the
//! attendant sees.

use crossterm::event::KeyCode;
use hubdesk::app::actions::Overlay;
use hubdesk::app::inflight::{ActionKey, ActionKind, Outcome};
use hubdesk::audit;
use hubdesk::sim::{Generation, SimConfig};

use super::console_actions::{Console, assert_audit, status};

/// Customer 1000's only service: enabled, fibre, with an ONU.
const SERVICE: u64 = 100000;
const PHY: &str = "48:57:02:0F:B4:A0";

fn current() -> Console {
    Console::with(SimConfig::default(), None, false)
}

fn legacy() -> Console {
    Console::with(
        SimConfig {
            generation: Generation::Documented2020,
            ..SimConfig::default()
        },
        None,
        false,
    )
}

fn confirm_lines(c: &Console) -> Vec<String> {
    match &c.app.overlay {
        Some(Overlay::Confirm { confirmation, .. }) => confirmation.lines.clone(),
        other => panic!("no confirmation: {other:?} / {}", status(&c.app)),
    }
}

fn service_status(c: &Console, id: u64) -> String {
    c.app
        .view
        .as_ref()
        .and_then(|v| v.customer.data.as_ref())
        .and_then(|cu| {
            cu.servicos
                .iter()
                .find(|s| s.id_cliente_servico == Some(id))
        })
        .and_then(|s| s.status.as_deref().map(str::to_owned))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_mac_reset_names_the_mac_it_clears_and_the_onu_one_fires_once() {
    let mut c = current();
    c.open("1000").await;
    // The session's MAC (RADIUS/PPPoE), by its own key.
    c.key(KeyCode::Char('m'));
    let lines = confirm_lines(&c).join("\n");
    assert!(lines.contains("(mac_addr): 22:0B:B0:79:04:45"), "{lines}");
    assert!(!lines.contains(PHY), "{lines}");
    c.key(KeyCode::Esc);
    // The equipment's, next to it.
    c.key(KeyCode::Char('o'));
    let lines = confirm_lines(&c).join("\n");
    assert!(lines.contains(&format!("(phy_addr): {PHY}")), "{lines}");
    assert!(!lines.contains("22:0B:B0:79:04:45"), "{lines}");
    c.yes();
    c.settle(ActionKey::new(ActionKind::ResetPhy, SERVICE))
        .await;
    assert_eq!(c.sim.counters().get_for("phy_reset", SERVICE), 1);
    assert_eq!(c.sim.counters().get_for("mac_reset", SERVICE), 0);
    assert_audit(&c.audit(), audit::action::RESET_PHY, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cpe_reboot_fires_once_on_the_services_equipment() {
    let mut c = current();
    c.open("1000").await;
    c.key(KeyCode::Char('b'));
    let lines = confirm_lines(&c).join("\n");
    assert!(lines.contains(PHY), "{lines}");
    c.yes();
    c.settle(ActionKey::new(ActionKind::RebootCpe, SERVICE))
        .await;
    assert_eq!(c.sim.counters().get_for("cpe_reboot", PHY), 1);
    let entries = c.audit();
    assert_audit(&entries, audit::action::REBOOT_CPE, audit::Outcome::Ok);
    assert_eq!(entries[0].attempt.service, Some(SERVICE));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_without_equipment_is_refused_before_any_dialog() {
    let mut c = current();
    c.open("1004").await;
    for key in ['b', 'Z'] {
        c.key(KeyCode::Char(key));
        assert!(c.app.overlay.is_none(), "{key}: {:?}", c.app.overlay);
        assert!(
            status(&c.app).contains("no equipment"),
            "{}",
            status(&c.app)
        );
    }
    assert!(c.sim.records().iter().all(|r| !r.kind.starts_with("cpe_")));
    assert!(c.audit().is_empty());
    c.sim.shutdown();
}

/// The factory reset's typed confirmation: "Sim" stays out of reach until
/// the last 4 characters of the MAC are typed; a wrong value, or the right
/// one typed in a burst with the keys that would confirm, sends nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn factory_reset_needs_the_end_of_the_mac_typed_and_fires_once() {
    let mut c = current();
    c.open("1000").await;
    c.key(KeyCode::Char('Z'));
    assert!(confirm_lines(&c).join("\n").contains(PHY));
    // Nothing typed: a reader's Right and Enter do nothing.
    c.yes();
    assert!(matches!(c.app.overlay, Some(Overlay::Confirm { .. })));
    // A wrong value, then the same deliberate answer: still nothing.
    c.text("0000");
    c.yes();
    assert!(matches!(c.app.overlay, Some(Overlay::Confirm { .. })));
    for _ in 0..4 {
        c.key(KeyCode::Backspace);
    }
    // The right value typed fast, with Right and Enter in the same burst:
    // the dialog re-armed at the last character, Right could not reach
    // "Sim", and Enter on "Não" is a no. Nothing is sent.
    c.text("b4a0");
    c.key(KeyCode::Right);
    c.key(KeyCode::Enter);
    assert!(c.app.overlay.is_none(), "{:?}", c.app.overlay);
    assert_eq!(c.sim.counters().get_for("cpe_restore", PHY), 0);
    assert!(c.audit().is_empty());
    // Again, typed with separators and in lower case, then answered by
    // someone reading it: sent once.
    c.key(KeyCode::Char('Z'));
    c.text("b4:a0");
    c.yes();
    c.settle(ActionKey::new(ActionKind::RestoreCpe, SERVICE))
        .await;
    assert_eq!(c.sim.counters().get_for("cpe_restore", PHY), 1);
    assert_eq!(c.sim.counters().get_for("cpe_reboot", PHY), 0);
    assert_audit(&c.audit(), audit::action::RESTORE_CPE, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspending_shows_the_new_status_from_the_answer_then_reads_again() {
    let mut c = current();
    c.open("1000").await;
    assert_eq!(service_status(&c, SERVICE), "Serviço Habilitado");
    c.key(KeyCode::Char('S'));
    assert!(matches!(c.app.overlay, Some(Overlay::Form { .. })));
    // The second kind: at the customer's request.
    c.key(KeyCode::Right);
    c.key(KeyCode::Enter);
    let lines = confirm_lines(&c).join("\n");
    assert!(lines.contains("at the customer's request"), "{lines}");
    c.yes();
    let key = ActionKey::new(ActionKind::SuspendService, SERVICE);
    c.settle(key).await;
    // At once, before the customer is read again.
    assert!(c.app.view.as_ref().unwrap().customer.loading());
    let now = service_status(&c, SERVICE);
    assert!(now.contains("Suspenso"), "{now}");
    assert!(status(&c.app).contains(&now), "{}", status(&c.app));
    assert_eq!(c.sim.counters().get_for("service_suspend", SERVICE), 1);
    c.until("the re-read customer", |a| {
        a.view.as_ref().is_some_and(|v| !v.loading())
    })
    .await;
    assert!(service_status(&c, SERVICE).contains("Suspenso"));
    let entries = c.audit();
    assert_audit(&entries, audit::action::SUSPEND_SERVICE, audit::Outcome::Ok);
    assert!(
        entries[1]
            .msg
            .as_deref()
            .is_some_and(|m| m.contains("Suspenso")),
        "{entries:?}"
    );
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enabling_asks_the_reason_and_activating_fires_once() {
    let mut c = current();
    c.open("1006").await;
    c.key(KeyCode::Char('H'));
    // The reason is required.
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.overlay, Some(Overlay::Form { .. })));
    c.text("Pagamento confirmado");
    c.key(KeyCode::Enter);
    assert!(
        confirm_lines(&c)
            .join("\n")
            .contains("Pagamento confirmado")
    );
    c.yes();
    c.settle(ActionKey::new(ActionKind::EnableService, 100024))
        .await;
    assert_eq!(c.sim.counters().get_for("service_enable", 100024), 1);
    assert_eq!(service_status(&c, 100024), "Serviço Habilitado");
    c.sim.shutdown();

    let mut c = current();
    c.open("1003").await;
    c.key(KeyCode::Char('V'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ActivateService, 100012))
        .await;
    assert_eq!(c.sim.counters().get_for("service_activate", 100012), 1);
    assert_audit(
        &c.audit(),
        audit::action::ACTIVATE_SERVICE,
        audit::Outcome::Ok,
    );
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_mode_starts_none_of_them() {
    let mut c = Console::with(SimConfig::default(), None, true);
    c.open("1000").await;
    for key in ['o', 'b', 'Z', 'H', 'S', 'V'] {
        c.key(KeyCode::Char(key));
        assert!(
            !matches!(
                c.app.overlay,
                Some(Overlay::Confirm { .. } | Overlay::Form { .. })
            ),
            "{key}: {:?}",
            c.app.overlay
        );
        c.app.overlay = None;
    }
    c.key(KeyCode::Char('4'));
    c.key(KeyCode::Char('i'));
    assert!(c.app.overlay.is_none(), "{:?}", c.app.overlay);
    let written = c
        .sim
        .records()
        .iter()
        .filter(|r| {
            [
                "phy_reset",
                "cpe_reboot",
                "cpe_restore",
                "service_enable",
                "service_suspend",
                "service_activate",
                "ticket_edit",
            ]
            .contains(&r.kind.as_str())
        })
        .count();
    assert_eq!(written, 0);
    assert!(c.audit().is_empty());
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_2020_server_says_it_does_not_offer_them() {
    let mut c = legacy();
    c.open("1000").await;
    c.key(KeyCode::Char('o'));
    c.yes();
    let key = ActionKey::new(ActionKind::ResetPhy, SERVICE);
    c.settle(key).await;
    let Some(outcome) = c.app.inflight.outcome(key) else {
        panic!("no outcome")
    };
    assert!(matches!(outcome, Outcome::Refused { .. }), "{outcome:?}");
    assert!(
        status(&c.app).contains("does not offer"),
        "{}",
        status(&c.app)
    );
    c.app.overlay = None;
    c.key(KeyCode::Char('V'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ActivateService, SERVICE))
        .await;
    assert!(
        status(&c.app).contains("does not offer"),
        "{}",
        status(&c.app)
    );
    c.app.overlay = None;
    c.key(KeyCode::Char('b'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::RebootCpe, SERVICE))
        .await;
    assert!(
        status(&c.app).contains("does not offer"),
        "{}",
        status(&c.app)
    );
    assert_eq!(c.sim.counters().get_for("phy_reset", SERVICE), 0);
    assert_eq!(c.sim.counters().get_for("service_activate", SERVICE), 0);
    assert_eq!(c.sim.counters().get("cpe_reboot"), 0);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appending_to_a_ticket_keeps_the_customers_text_byte_for_byte() {
    let mut c = current();
    c.open("1001").await;
    c.key(KeyCode::Char('4'));
    let (ticket, original) = {
        let t = c.app.view.as_ref().unwrap().selected_ticket().unwrap();
        (
            t.id_atendimento.expect("1001 has an open ticket"),
            t.descricao_abertura.clone().unwrap_or_default(),
        )
    };
    assert!(!original.is_empty());
    c.key(KeyCode::Char('i'));
    c.text("Cliente retornou: segue sem sinal");
    c.key(KeyCode::Enter);
    let lines = confirm_lines(&c).join("\n");
    assert!(lines.contains("Cliente retornou"), "{lines}");
    c.yes();
    c.settle(ActionKey::new(ActionKind::AppendTicket, ticket))
        .await;
    assert_eq!(c.sim.counters().get_for("ticket_edit", ticket), 1);
    let sent = c
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_edit")
        .expect("recorded");
    let sent = sent.detail["descricao"].as_str().unwrap().to_owned();
    assert!(
        sent.as_bytes().starts_with(original.as_bytes()),
        "{sent:?} does not start with {original:?}"
    );
    let added = &sent[original.len()..];
    assert!(added.starts_with("\n\n--- "), "{added:?}");
    assert!(added.contains("ana.souza (hubdesk) ---\n"), "{added:?}");
    assert!(
        added.ends_with("Cliente retornou: segue sem sinal"),
        "{added:?}"
    );
    assert_audit(&c.audit(), audit::action::APPEND_TICKET, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_403_names_the_hubsoft_permission_that_is_missing() {
    let mut c = Console::with(
        SimConfig {
            faults: hubdesk::sim::Faults {
                routes: vec!["cliente/cliente_servico/suspender/{id}".into()],
                forbidden: true,
                ..hubdesk::sim::Faults::default()
            },
            ..SimConfig::default()
        },
        None,
        false,
    );
    c.open("1000").await;
    c.key(KeyCode::Char('S'));
    c.key(KeyCode::Enter);
    c.yes();
    c.settle(ActionKey::new(ActionKind::SuspendService, SERVICE))
        .await;
    assert!(
        status(&c.app).contains("permission to suspend a service"),
        "{}",
        status(&c.app)
    );
    assert_eq!(c.sim.counters().get_for("service_suspend", SERVICE), 0);
    // Unchanged: nothing to show from an answer that was a refusal.
    assert_eq!(service_status(&c, SERVICE), "Serviço Habilitado");
    c.sim.shutdown();
}

/// Issue 17, item 8: the router and Wi-Fi passwords appear only on the
/// reveal key, from the server's own route, and go when hidden; a 2020
/// server says it lacks them, and the PPPoE password still shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_passwords_show_on_reveal_and_a_2020_server_says_it_lacks_them() {
    use crate::screen_kit::screen;
    let mut c = current();
    c.open("1000").await;
    c.key(KeyCode::Char('2'));
    let hidden = screen(&mut c.app, 80, 24);
    assert!(
        !hidden.contains("ROTEADOR") && !hidden.contains("WI-FI"),
        "{hidden}"
    );
    c.key(KeyCode::Char('p'));
    c.until("the passwords", |app| {
        app.view
            .as_ref()
            .is_some_and(|v| v.device_passwords.data.is_some())
    })
    .await;
    let shown = screen(&mut c.app, 80, 24);
    assert!(shown.contains("SENHA ADMIN ROTEADOR: admin / @"), "{shown}");
    assert!(shown.contains("WI-FI: PROVEDOR_"), "{shown}");
    c.key(KeyCode::Char('p'));
    let again = screen(&mut c.app, 80, 24);
    assert!(
        !again.contains("ROTEADOR") && !again.contains("admin / @"),
        "{again}"
    );
    c.sim.shutdown();

    let mut c = legacy();
    c.open("1000").await;
    c.key(KeyCode::Char('2'));
    c.key(KeyCode::Char('p'));
    c.until("the refusal", |app| {
        app.view
            .as_ref()
            .is_some_and(|v| v.device_passwords.error.is_some())
    })
    .await;
    let shown = screen(&mut c.app, 80, 24);
    assert!(shown.contains("does not offer"), "{shown}");
    c.sim.shutdown();
}
