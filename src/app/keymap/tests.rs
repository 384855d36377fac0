//! The keymap's tests: the table, parsing, dispatch, overrides, hints.

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn overrides(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
        .collect()
}

#[test]
fn every_action_has_exactly_one_row_and_a_unique_name() {
    let mut names: Vec<String> = specs().iter().map(|s| s.action.name()).collect();
    let len = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), len, "duplicate action rows or names");
    for spec in specs() {
        // The NOC commands' row takes its keys from `[[commands]]`, not
        // from `[keys]` or the table.
        if matches!(spec.action, Action::Noc(_)) {
            assert!(spec.keys.is_empty());
            assert_eq!(Action::from_name(&spec.action.name()), None);
            continue;
        }
        assert_eq!(Action::from_name(&spec.action.name()), Some(spec.action));
        assert!(
            !spec.keys.is_empty(),
            "{:?} has no default key",
            spec.action
        );
    }
}

/// Every variant, listed through an exhaustive match so that adding a
/// variant without a table row fails to compile here first.
fn all_actions() -> Vec<Action> {
    let probe = |a: Action| match a {
        Action::Quit
        | Action::Interrupt
        | Action::Suspend
        | Action::Help
        | Action::NextPane
        | Action::PrevPane
        | Action::GoToPane(_)
        | Action::Search
        | Action::Open
        | Action::Back
        | Action::Refresh
        | Action::RefreshAll
        | Action::Copy
        | Action::Up
        | Action::Down
        | Action::Left
        | Action::Right
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom
        | Action::CycleSearchKind
        | Action::OpenTicketWithOrder
        | Action::RevealPassword
        | Action::ToggleAllPending
        | Action::IncludeCancelled
        | Action::SearchAlternative
        | Action::History
        | Action::ToggleTicketsAll
        | Action::CycleOrderFilter
        | Action::Confirm
        | Action::Cancel
        | Action::Choose
        | Action::AuditLog
        | Action::MessageLog
        | Action::Palette
        | Action::Cities
        | Action::Sales
        | Action::SalesPlans
        | Action::Receivables
        | Action::Pbx
        | Action::Network(_)
        | Action::NetworkJump
        | Action::Watch
        | Action::Tab(_)
        | Action::NextTab
        | Action::PrevTab
        | Action::CloseTab
        | Action::Noc(_)
        | Action::Run(_) => a,
    };
    [
        Action::Quit,
        Action::Interrupt,
        Action::Suspend,
        Action::Help,
        Action::NextPane,
        Action::PrevPane,
        Action::GoToPane(1),
        Action::Search,
        Action::Open,
        Action::Back,
        Action::Refresh,
        Action::RefreshAll,
        Action::Copy,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::CycleSearchKind,
        Action::OpenTicket,
        Action::OpenTicketWithOrder,
        Action::Unlock,
        Action::ResetMac,
        Action::Disconnect,
        Action::RevealPassword,
        Action::SendInvoice,
        Action::ToggleAllPending,
        Action::IncludeCancelled,
        Action::SearchAlternative,
        Action::History,
        Action::ToggleTicketsAll,
        Action::CycleOrderFilter,
        Action::Confirm,
        Action::Cancel,
        Action::Choose,
        Action::EditTicket,
        Action::CloseTicket,
        Action::AuditLog,
        Action::MessageLog,
        Action::Palette,
        Action::Cities,
        Action::Sales,
        Action::SalesPlans,
        Action::NewProspect,
        Action::Receivables,
        Action::Pbx,
        Action::Watch,
        Action::Noc(0),
        Action::PbxNotify,
        Action::PbxMissed,
        Action::Network(0),
        Action::NetworkJump,
        Action::Tab(1),
        Action::NextTab,
        Action::PrevTab,
        Action::CloseTab,
    ]
    .into_iter()
    // The ops table's commands the list above does not name (issue 17's
    // actions): each is a row of its own.
    .chain(
        crate::ops::actions::ActionKind::ALL
            .iter()
            .map(|k| Action::for_kind(*k))
            .filter(|a| {
                ![
                    Action::OpenTicket,
                    Action::Unlock,
                    Action::ResetMac,
                    Action::Disconnect,
                    Action::SendInvoice,
                    Action::EditTicket,
                    Action::CloseTicket,
                    Action::NewProspect,
                    Action::PbxNotify,
                    Action::PbxMissed,
                ]
                .contains(a)
            }),
    )
    .map(probe)
    .collect()
}

#[test]
fn every_variant_has_a_row_and_pane_numbers_never_panic() {
    let all = all_actions();
    for a in &all {
        assert_eq!(a.spec().action.static_name(), a.static_name());
    }
    assert_eq!(
        specs().len(),
        all.len() + 5 + 8,
        "one row per action, six for the pane digits, nine for the tabs"
    );
    assert_eq!(Action::GoToPane(42).risk(), Risk::Safe);
    assert!(Keymap::default().allows(Action::GoToPane(0)));
}

#[test]
fn default_table_parses_and_has_no_conflicts() {
    let (_, warnings) = Keymap::new(&BTreeMap::new(), false);
    assert_eq!(warnings, vec![]);
}

#[test]
fn tmux_prefixes_are_not_bound_by_default() {
    let km = Keymap::default();
    for c in ['a', 'b'] {
        assert_eq!(km.dispatch(&ctrl(c), &Context::ALL, false), None);
    }
}

#[test]
fn parse_key_strings() {
    let p = |s| KeyCombo::parse(s).unwrap();
    assert_eq!(
        p("q"),
        KeyCombo::new(KeyCode::Char('q'), KeyModifiers::NONE)
    );
    assert_eq!(
        p("R"),
        KeyCombo::new(KeyCode::Char('R'), KeyModifiers::NONE)
    );
    assert_eq!(p("shift-r"), p("R"));
    assert_eq!(
        p("ctrl-k"),
        KeyCombo::new(KeyCode::Char('k'), KeyModifiers::CONTROL)
    );
    assert_eq!(p("Ctrl+K"), p("ctrl-k"));
    assert_eq!(p("C-k"), p("ctrl-k"));
    assert_eq!(p("F5"), KeyCombo::new(KeyCode::F(5), KeyModifiers::NONE));
    assert_eq!(p("f12"), KeyCombo::new(KeyCode::F(12), KeyModifiers::NONE));
    assert_eq!(
        p("shift-tab"),
        KeyCombo::new(KeyCode::BackTab, KeyModifiers::NONE)
    );
    assert_eq!(p("backtab"), p("shift-tab"));
    assert_eq!(
        p("alt-x"),
        KeyCombo::new(KeyCode::Char('x'), KeyModifiers::ALT)
    );
    assert_eq!(
        p("PageDown"),
        KeyCombo::new(KeyCode::PageDown, KeyModifiers::NONE)
    );
    assert_eq!(
        p("space"),
        KeyCombo::new(KeyCode::Char(' '), KeyModifiers::NONE)
    );
    assert_eq!(
        p("-"),
        KeyCombo::new(KeyCode::Char('-'), KeyModifiers::NONE)
    );
    assert_eq!(
        p("ctrl--"),
        KeyCombo::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
    );
    assert_eq!(
        p("shift-f5"),
        KeyCombo::new(KeyCode::F(5), KeyModifiers::SHIFT)
    );
    for bad in [
        "",
        "  ",
        "ctrl-",
        "f0",
        "f99",
        "hyper-x",
        "pagesideways",
        "ctrl-foo",
    ] {
        assert!(KeyCombo::parse(bad).is_err(), "{bad:?} should not parse");
    }
}

#[test]
fn events_normalise_like_parsed_strings() {
    // Terminals report Shift-r as 'R' with or without SHIFT, and
    // Shift-Tab as BackTab with SHIFT; all must match the parsed form.
    let shift_r = KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT);
    assert_eq!(
        KeyCombo::from_event(&shift_r),
        KeyCombo::parse("R").unwrap()
    );
    let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        KeyCombo::from_event(&backtab),
        KeyCombo::parse("shift-tab").unwrap()
    );
    let ctrl_upper = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::CONTROL);
    assert_eq!(
        KeyCombo::from_event(&ctrl_upper),
        KeyCombo::parse("ctrl-k").unwrap()
    );
}

#[test]
fn display_round_trips_through_parse() {
    let km = Keymap::default();
    for b in km.bindings() {
        for k in &b.keys {
            let shown = k.to_string();
            let reparsed = shown
                .replace('↑', "up")
                .replace('↓', "down")
                .replace('←', "left")
                .replace('→', "right");
            assert_eq!(KeyCombo::parse(&reparsed).unwrap(), *k, "{shown}");
        }
    }
}

#[test]
fn dispatch_by_context_and_vim_keys() {
    let km = Keymap::default();
    let nav = [Context::Navigation];
    assert_eq!(km.dispatch(&ch('j'), &nav, false), Some(Action::Down));
    assert_eq!(
        km.dispatch(&key(KeyCode::Down), &nav, false),
        Some(Action::Down)
    );
    assert_eq!(km.dispatch(&ch('k'), &nav, false), Some(Action::Up));
    assert_eq!(km.dispatch(&ch('G'), &nav, false), Some(Action::Bottom));
    // Global keys work in any pane without being listed.
    assert_eq!(km.dispatch(&ch('q'), &nav, false), Some(Action::Quit));
    assert_eq!(
        km.dispatch(&ch('3'), &nav, false),
        Some(Action::GoToPane(3))
    );
    assert_eq!(
        km.dispatch(
            &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            &nav,
            false
        ),
        Some(Action::PrevPane)
    );
    // Pane keys only where the pane is active.
    assert_eq!(km.dispatch(&ch('u'), &nav, false), None);
    let sub = [Context::Subscriber, Context::Navigation];
    assert_eq!(km.dispatch(&ch('u'), &sub, false), Some(Action::Unlock));
    assert_eq!(km.dispatch(&ch('d'), &sub, false), Some(Action::Disconnect));
    assert_eq!(km.dispatch(&ctrl('d'), &sub, false), Some(Action::PageDown));
    assert_eq!(
        km.dispatch(&key(KeyCode::F(2)), &[Context::Search], false),
        Some(Action::CycleSearchKind)
    );
}

#[test]
fn release_events_do_not_dispatch() {
    let km = Keymap::default();
    let mut ev = ch('q');
    ev.kind = KeyEventKind::Release;
    assert_eq!(km.dispatch(&ev, &[], false), None);
}

#[test]
fn text_focus_lets_letters_type_but_keeps_global_keys() {
    let km = Keymap::default();
    let ctx = [Context::Search];
    for c in ['q', 'r', '/', '?', '1', 'j', 'R'] {
        assert_eq!(km.dispatch(&ch(c), &ctx, true), None, "{c} must type");
    }
    assert_eq!(
        km.dispatch(&key(KeyCode::Esc), &ctx, true),
        Some(Action::Back)
    );
    assert_eq!(
        km.dispatch(&key(KeyCode::Enter), &ctx, true),
        Some(Action::Open)
    );
    assert_eq!(
        km.dispatch(&key(KeyCode::Tab), &ctx, true),
        Some(Action::NextPane)
    );
    assert_eq!(km.dispatch(&ctrl('c'), &ctx, true), Some(Action::Interrupt));
    assert_eq!(km.dispatch(&ctrl('z'), &ctx, true), Some(Action::Suspend));
    assert_eq!(
        km.dispatch(&ctrl('k'), &ctx, true),
        Some(Action::CycleSearchKind)
    );
    // Ctrl-U is page-up in lists but not text-safe: the field gets it.
    assert_eq!(
        km.dispatch(&ctrl('u'), &[Context::Search, Context::Navigation], true),
        None
    );
}

#[test]
fn text_focus_never_dispatches_a_letter_even_if_user_binds_one_to_a_safe_action() {
    // A letter no default binding takes (`w` watches a service now).
    let (km, w) = Keymap::new(&overrides(&[("back", &["y"])]), false);
    assert_eq!(w, vec![]);
    assert_eq!(km.dispatch(&ch('y'), &[Context::Search], true), None);
    assert_eq!(
        km.dispatch(&ch('y'), &[Context::Search], false),
        Some(Action::Back)
    );
}

#[test]
fn modal_confirm_captures_keys() {
    let km = Keymap::default();
    let ctx = [Context::Confirm];
    // No letter answers a dialog (issue 13).
    for c in ['y', 's', 'n', 'q', 'Y', 'S'] {
        assert_eq!(km.dispatch(&ch(c), &ctx, false), None, "{c}");
    }
    assert_eq!(
        km.dispatch(&key(KeyCode::Enter), &ctx, false),
        Some(Action::Confirm)
    );
    for code in [
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::BackTab,
    ] {
        assert_eq!(
            km.dispatch(&key(code), &ctx, false),
            Some(Action::Choose),
            "{code:?}"
        );
    }
    assert_eq!(
        km.dispatch(&key(KeyCode::Esc), &ctx, false),
        Some(Action::Cancel)
    );
    assert_eq!(
        km.dispatch(&ctrl('c'), &ctx, false),
        Some(Action::Interrupt)
    );
}

#[test]
fn overrides_replace_default_keys() {
    let (km, w) = Keymap::new(
        &overrides(&[("refresh", &["F5", "ctrl-r"]), ("quit", &[])]),
        false,
    );
    assert_eq!(w, vec![]);
    assert_eq!(
        km.dispatch(&key(KeyCode::F(5)), &[], false),
        Some(Action::Refresh)
    );
    assert_eq!(km.dispatch(&ctrl('r'), &[], false), Some(Action::Refresh));
    assert_eq!(km.dispatch(&ch('r'), &[], false), None, "old key released");
    assert_eq!(
        km.dispatch(&ch('q'), &[], false),
        None,
        "empty list unbinds"
    );
    assert!(km.keys_for(Action::Quit).is_empty());
    assert!(
        !km.help_groups()
            .iter()
            .flat_map(|(_, r)| r)
            .any(|h| h.action == Action::Quit)
    );
}

#[test]
fn unknown_actions_and_bad_keys_are_warnings() {
    let (km, w) = Keymap::new(
        &overrides(&[("frobnicate", &["z"]), ("refresh", &["hyper-r", "F5"])]),
        false,
    );
    assert_eq!(
        w,
        vec![
            KeymapWarning::UnknownAction {
                name: "frobnicate".into()
            },
            KeymapWarning::BadKey {
                action: "refresh".into(),
                key: "hyper-r".into()
            },
        ]
    );
    // The valid part of a partly bad override still applies.
    assert_eq!(
        km.dispatch(&key(KeyCode::F(5)), &[], false),
        Some(Action::Refresh)
    );
}

#[test]
fn duplicate_in_same_context_keeps_the_user_choice() {
    // The user binds unlock to "d", which disconnect holds by default.
    let (km, w) = Keymap::new(&overrides(&[("unlock", &["d"])]), false);
    assert_eq!(
        w,
        vec![KeymapWarning::Duplicate {
            key: "d".into(),
            kept: "unlock".into(),
            dropped: "disconnect".into(),
        }]
    );
    let sub = [Context::Subscriber];
    assert_eq!(km.dispatch(&ch('d'), &sub, false), Some(Action::Unlock));
    assert!(km.keys_for(Action::Disconnect).is_empty());
}

#[test]
fn duplicate_between_two_overrides_and_against_global() {
    let (_, w) = Keymap::new(
        &overrides(&[("ticket", &["F5"]), ("refresh", &["F5"])]),
        false,
    );
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(matches!(&w[0], KeymapWarning::Duplicate { key, .. } if key == "F5"));
    // A pane key equal to a global key would shadow it: also a duplicate.
    let (_, w) = Keymap::new(&overrides(&[("send-invoice", &["q"])]), false);
    assert_eq!(
        w,
        vec![KeymapWarning::Duplicate {
            key: "q".into(),
            kept: "send-invoice".into(),
            dropped: "quit".into()
        }]
    );
    // Two pane contexts may share a key: only the focused pane's context is active.
    let (_, w) = Keymap::new(&overrides(&[("toggle-all-pending", &["x"])]), false);
    assert_eq!(w, vec![]);
    // But the service actions work on every pane: a pane key taking
    // one of theirs is a duplicate.
    let (_, w) = Keymap::new(&overrides(&[("toggle-all-pending", &["t"])]), false);
    assert_eq!(
        w,
        vec![KeymapWarning::Duplicate {
            key: "t".into(),
            kept: "toggle-all-pending".into(),
            dropped: "ticket".into()
        }]
    );
}

#[test]
fn read_only_removes_writing_actions_from_dispatch_hints_and_help() {
    let (km, w) = Keymap::new(&BTreeMap::new(), true);
    assert!(w.is_empty());
    let sub = [Context::Subscriber, Context::Navigation];
    for (c, a) in [
        ('u', Action::Unlock),
        ('m', Action::ResetMac),
        ('d', Action::Disconnect),
        ('t', Action::OpenTicket),
    ] {
        assert_eq!(km.dispatch(&ch(c), &sub, false), None);
        assert!(!km.allows(a));
        assert!(km.keys_for(a).is_empty());
    }
    assert_eq!(km.dispatch(&ch('e'), &[Context::Financial], false), None);
    assert_eq!(
        km.dispatch(&ch('p'), &sub, false),
        Some(Action::RevealPassword)
    );
    let hints = km.hints(&sub);
    assert!(
        hints.iter().all(|h| h.action.risk() == Risk::Safe),
        "{hints:?}"
    );
    assert!(hints.iter().any(|h| h.action == Action::RevealPassword));
    for (_, rows) in km.help_groups() {
        assert!(rows.iter().all(|h| h.action.risk() == Risk::Safe));
    }
    // And the same keymap writable shows them.
    let km = Keymap::default();
    assert!(km.hints(&sub).iter().any(|h| h.action == Action::Unlock));
    assert!(Action::Unlock.needs_confirmation());
    assert!(!Action::OpenTicket.needs_confirmation());
}

#[test]
fn hints_follow_context_then_global() {
    let km = Keymap::default();
    let hints = km.hints(&[Context::Financial]);
    let actions: Vec<Action> = hints.iter().map(|h| h.action).collect();
    assert_eq!(
        actions,
        vec![
            Action::SendInvoice,
            Action::ToggleAllPending,
            Action::Quit,
            Action::Help,
            Action::Search,
            Action::Refresh,
            Action::Copy,
            Action::Palette,
        ]
    );
    let confirm = km.hints(&[Context::Confirm]);
    assert_eq!(
        confirm.iter().map(|h| h.keys.as_str()).collect::<Vec<_>>(),
        vec!["→/←/Tab/Shift-Tab", "Enter", "Esc"]
    );
}

#[test]
fn help_collapses_pane_digits() {
    let km = Keymap::default();
    let groups = km.help_groups();
    assert_eq!(groups[0].0, Context::Global);
    let pane_rows: Vec<_> = groups[0]
        .1
        .iter()
        .filter(|h| matches!(h.action, Action::GoToPane(_)))
        .collect();
    assert_eq!(pane_rows.len(), 1);
    // Six customer panes (the tool screens have three tabs): no key
    // is bound to a pane that does not exist.
    assert_eq!(pane_rows[0].keys, "1-6");
    for digit in ['7', '8', '9'] {
        assert_eq!(km.dispatch(&ch(digit), &[], false), None, "{digit}");
    }
    let (km, _) = Keymap::new(&overrides(&[("pane-2", &["F2"])]), false);
    let groups = km.help_groups();
    let row = groups[0]
        .1
        .iter()
        .find(|h| matches!(h.action, Action::GoToPane(_)))
        .unwrap();
    assert_eq!(row.keys, "1/F2/3/4/5/6");
}

#[test]
fn config_section_accepts_one_key_or_a_list() {
    let section: BTreeMap<String, KeyList> =
        serde_json::from_str(r#"{"refresh": "F5", "quit": ["q", "ctrl-q"], "help": []}"#).unwrap();
    let (km, w) = Keymap::new(&overrides_from_config(section), false);
    assert_eq!(w, vec![]);
    assert_eq!(
        km.dispatch(&key(KeyCode::F(5)), &[], false),
        Some(Action::Refresh)
    );
    assert_eq!(km.dispatch(&ctrl('q'), &[], false), Some(Action::Quit));
    assert_eq!(km.dispatch(&ch('?'), &[], false), None);
}

#[test]
fn warnings_are_localized() {
    let w = KeymapWarning::Duplicate {
        key: "d".into(),
        kept: "unlock".into(),
        dropped: "disconnect".into(),
    };
    assert_eq!(
        w.message(Lang::PtBr),
        "Teclas: d ligada a unlock e disconnect; fica com unlock"
    );
    assert!(w.message(Lang::En).starts_with("Keys: d bound to both"));
}

/// Issue 15: an action is a row of `ops::actions`. Everything the console
/// needs of it beyond its request and its form comes from that row: its
/// key, its hint and help entry, its context, read-only mode, what its
/// confirmation names, its audit name and the panes read again after it.
#[test]
fn every_row_of_the_ops_table_is_a_whole_action_of_the_console() {
    use crate::app::confirm::{ActionTarget, row_lines};
    use crate::ops::actions::{ActionKind, Target};
    let km = Keymap::default();
    let (read_only, _) = Keymap::new(&BTreeMap::new(), true);
    let help: Vec<KeyHint> = km.help_groups().into_iter().flat_map(|(_, r)| r).collect();
    let target = ActionTarget {
        customer_name: "Ana".into(),
        service_id: 7,
        ..ActionTarget::default()
    };
    for kind in ActionKind::ALL {
        let action = Action::for_kind(kind);
        let first = kind.command_kind();
        assert_eq!(action, Action::Run(first));
        assert_eq!(Action::from_name(kind.command()), Some(action), "{kind:?}");
        // Its keys, as the row gives them.
        let keys: Vec<KeyCombo> = first
            .default_keys()
            .iter()
            .map(|k| KeyCombo::parse(k).unwrap())
            .collect();
        assert!(!keys.is_empty(), "{kind:?} has no default key");
        assert_eq!(km.keys_for(action), keys.as_slice(), "{kind:?}");
        // Its label in the help, where its target is.
        let spec = action.spec();
        assert_eq!(spec.msg, first.key_msg(), "{kind:?}");
        assert_eq!(spec.context, context_of(kind.target()), "{kind:?}");
        assert!(
            help.iter()
                .any(|h| h.action == action && h.msg == first.key_msg()),
            "{kind:?} is missing from the help"
        );
        // It writes: never in read-only mode, never on a held key.
        assert_eq!(spec.risk, kind.risk(), "{kind:?}");
        assert_ne!(kind.risk(), Risk::Safe, "{kind:?}");
        assert!(!read_only.allows(action), "{kind:?}");
        assert!(read_only.keys_for(action).is_empty(), "{kind:?}");
        // Its confirmation: a dialog for what changes a service, and lines
        // naming its target then its effect.
        if kind.affects_connection() || kind.risk() == Risk::Dangerous {
            assert!(kind.needs_confirmation(), "{kind:?}");
        }
        let lines = row_lines(Lang::En, &target, kind);
        if kind.target() != Target::Nothing {
            assert!(lines[0].contains("Ana"), "{kind:?}: {lines:?}");
        }
        if let Some(effect) = kind.effect() {
            assert_eq!(
                lines.last().map(String::as_str),
                Some(crate::i18n::tr(Lang::En, effect))
            );
        }
        // Its audit name, and its reads again (a ticket, a service or an
        // invoice always changes something shown).
        assert_eq!(ActionKind::from_audit_name(kind.audit_name()), Some(kind));
        if matches!(
            kind.target(),
            Target::Service | Target::Ticket | Target::Invoice
        ) {
            assert!(
                !kind.rereads().is_empty() || !kind.rereads_later().is_empty(),
                "{kind:?} reads nothing again"
            );
        }
    }
}

/// A command of the ops table that the keymap's own table does not place
/// still gets its row, at the end: a new action needs no keymap edit.
#[test]
fn a_command_the_keymap_does_not_place_gets_its_row_from_the_ops_table() {
    use super::table::with_commands;
    use crate::ops::actions::ActionKind;
    let placed: Vec<ActionSpec> = DEFAULT_BINDINGS
        .iter()
        .copied()
        .filter(|s| s.action != Action::PbxMissed)
        .collect();
    let all = with_commands(&placed, &ActionKind::ALL);
    // The full table minus the one row taken out, plus that row again:
    // the same length as with it placed.
    let full = with_commands(DEFAULT_BINDINGS, &ActionKind::ALL);
    assert_eq!(all.len(), full.len());
    let added = all[placed.len()..]
        .iter()
        .find(|s| s.action == Action::PbxMissed)
        .expect("the missing command is appended");
    assert_eq!(added.keys, ActionKind::PbxMissed.default_keys());
    assert_eq!(added.msg, ActionKind::PbxMissed.key_msg());
    assert_eq!(added.context, Context::Subscriber);
    assert_eq!(added.risk, Risk::Writes);
    // Placed commands are not added twice; the invoice channels share one.
    let commands: std::collections::HashSet<_> = ActionKind::ALL
        .iter()
        .map(|k| Action::for_kind(*k))
        .collect();
    let unplaced = commands
        .iter()
        .filter(|a| !DEFAULT_BINDINGS.iter().any(|s| s.action == **a))
        .count();
    assert_eq!(
        with_commands(DEFAULT_BINDINGS, &ActionKind::ALL).len(),
        DEFAULT_BINDINGS.len() + unplaced
    );
    assert_eq!(
        Action::for_kind(ActionKind::SendInvoiceSms),
        Action::for_kind(ActionKind::SendInvoicePush)
    );
    assert_eq!(
        Action::for_kind(ActionKind::SendInvoiceSms),
        Action::SendInvoice
    );
}
