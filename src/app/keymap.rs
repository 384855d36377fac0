//! The one table of key bindings.
//!
//! Every key the console reacts to is declared once in [`DEFAULT_BINDINGS`]:
//! the action it triggers, the context (pane) it belongs to, its default
//! keys and the catalog id of its description. From that table the
//! [`Keymap`] dispatches key events, the hint bar lists the keys of the
//! current pane, and the `?` help overlay is generated, so the three can
//! never disagree. User overrides from the configuration are applied on top
//! and problems come back as [`KeymapWarning`]s instead of panics.
//!
//! Read-only profiles remove every action that writes to HubSoft: its keys
//! stop dispatching and it disappears from hints and help. [`Keymap::allows`]
//! lets `update` check again at execution time, so an action that reaches
//! the app by another path (a command, a stale message) is still refused.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::{Lang, Msg, trf};

/// Where a binding is active. The caller passes the active contexts, most
/// specific first, to [`Keymap::dispatch`]; [`Context::Global`] is always
/// consulted last unless the top context is modal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Active everywhere (quit, help, pane switching, refresh...).
    Global,
    /// Any list or table: moving the selection and scrolling.
    Navigation,
    /// The search field and its result list.
    Search,
    /// A subscriber's contract and connection (service actions).
    Subscriber,
    /// Invoices and payments of a subscriber.
    Financial,
    /// A subscriber's support tickets (atendimentos).
    Tickets,
    /// A subscriber's service orders.
    Orders,
    /// The tool screens: network, sales, cities, receivables, PBX.
    Tool,
    /// A confirmation dialog: modal, only its own keys (and interrupt) work.
    Confirm,
}

impl Context {
    /// All contexts in the order the help overlay groups them.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Navigation,
        Context::Search,
        Context::Subscriber,
        Context::Financial,
        Context::Tickets,
        Context::Orders,
        Context::Tool,
        Context::Confirm,
    ];

    /// Modal contexts capture the keyboard: while one is on top, global
    /// bindings other than interrupt/suspend do not fire.
    pub fn is_modal(self) -> bool {
        matches!(self, Context::Confirm)
    }

    /// Catalog message of the context's heading in the help overlay.
    pub fn msg(self) -> Msg {
        match self {
            Context::Global => Msg::KeyCtxGlobal,
            Context::Navigation => Msg::KeyCtxNavigation,
            Context::Search => Msg::KeyCtxSearch,
            Context::Subscriber => Msg::KeyCtxSubscriber,
            Context::Financial => Msg::KeyCtxFinancial,
            Context::Tickets => Msg::KeyCtxTickets,
            Context::Orders => Msg::KeyCtxOrders,
            Context::Tool => Msg::KeyCtxTool,
            Context::Confirm => Msg::KeyCtxConfirm,
        }
    }
}

/// What an action does to HubSoft data; decides confirmation and read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// Reads or changes only the console's own view.
    Safe,
    /// Writes to HubSoft without touching the service (a ticket, an e-mail):
    /// removed in read-only mode, no confirmation.
    Writes,
    /// Changes a subscriber's service (unlock, MAC reset, disconnect): needs
    /// a confirmation dialog and is removed in read-only mode.
    Dangerous,
}

/// Everything a key can ask the console to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Leave the console (`q`).
    Quit,
    /// Ctrl-C: leave even from a text field or a dialog.
    Interrupt,
    /// Ctrl-Z: suspend to the shell; the terminal layer restores the screen.
    Suspend,
    /// Show or hide the key help overlay.
    Help,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Jump to pane N (1-based).
    GoToPane(u8),
    /// Focus the search field.
    Search,
    /// Open the selected item / submit the field.
    Open,
    /// Go back one level, close an overlay, cancel an edit.
    Back,
    /// Reload the focused pane.
    Refresh,
    /// Reload every pane of the current subscriber.
    RefreshAll,
    /// Copy the focused value (boleto line, PIX code, login, IP...).
    Copy,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left / collapse.
    Left,
    /// Move right / expand.
    Right,
    /// Scroll one page up.
    PageUp,
    /// Scroll one page down.
    PageDown,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Cycle what the search text means (name, CPF/CNPJ, login, MAC, IP...).
    CycleSearchKind,
    /// Open a support ticket (atendimento) for the subscriber.
    OpenTicket,
    /// The same, with "also open a service order" already switched on.
    OpenTicketWithOrder,
    /// Trust unlock (desbloqueio em confiança) of a blocked contract.
    Unlock,
    /// Reset the MAC address bound to the subscriber's login.
    ResetMac,
    /// Drop the subscriber's current connection (PPPoE session).
    Disconnect,
    /// Reveal or hide the subscriber's service password.
    RevealPassword,
    /// Send the selected invoice by e-mail/SMS.
    SendInvoice,
    /// Toggle between all invoices and pending ones.
    ToggleAllPending,
    /// Include or hide cancelled items.
    IncludeCancelled,
    /// Search again with the detection's second reading (11 digits that
    /// are a valid CPF and a plausible phone: search as phone).
    SearchAlternative,
    /// Show the last searches and customers of this session.
    History,
    /// Toggle between open tickets and all tickets.
    ToggleTicketsAll,
    /// Cycle the service-order status filter (all, pending, awaiting
    /// scheduling, finished).
    CycleOrderFilter,
    /// Answer the dialog with its focused button (Enter): "Sim" confirms,
    /// "Não" cancels.
    Confirm,
    /// Cancel the dialog.
    Cancel,
    /// Move the dialog's focus between "Não" and "Sim" (arrows, Tab).
    Choose,
    /// Edit the selected ticket's description.
    EditTicket,
    /// Close the selected ticket (and its service orders).
    CloseTicket,
    /// Show the latest entries of the local audit trail.
    AuditLog,
    /// Show this session's messages: every result, refusal and error.
    MessageLog,
    /// Open the command palette.
    Palette,
    /// Open the cities screen.
    Cities,
    /// Open the sales screen (prospects).
    Sales,
    /// Open the sales screen's plans for a CEP.
    SalesPlans,
    /// Register a new prospect (a form; writes to HubSoft).
    NewProspect,
    /// Open the receivables screen.
    Receivables,
    /// Open the PBX screen.
    Pbx,
    /// Post `pbx/ligacao/notificar` for the open customer.
    PbxNotify,
    /// Post `pbx/ligacao/cancelar` for the open customer (missed call).
    PbxMissed,
    /// Open the network screen (NOC): 0 on the tab last shown, 1-3 on
    /// POPs, equipment or service zones (palette commands).
    Network(u8),
    /// From a service, open the network screen on its connection
    /// equipment, POP and zone.
    NetworkJump,
}

impl Action {
    /// Stable configuration name, e.g. `"refresh-all"`, `"pane-3"`.
    pub fn name(self) -> String {
        match self {
            Action::GoToPane(n) => format!("pane-{n}"),
            other => other.static_name().to_owned(),
        }
    }

    fn static_name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Interrupt => "interrupt",
            Action::Suspend => "suspend",
            Action::Help => "help",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::GoToPane(_) => "pane-n",
            Action::Search => "search",
            Action::Open => "open",
            Action::Back => "back",
            Action::Refresh => "refresh",
            Action::RefreshAll => "refresh-all",
            Action::Copy => "copy",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::CycleSearchKind => "cycle-search-kind",
            Action::OpenTicket => "ticket",
            Action::OpenTicketWithOrder => "ticket-with-order",
            Action::Unlock => "unlock",
            Action::ResetMac => "mac-reset",
            Action::Disconnect => "disconnect",
            Action::RevealPassword => "reveal-password",
            Action::SendInvoice => "send-invoice",
            Action::ToggleAllPending => "toggle-all-pending",
            Action::IncludeCancelled => "include-cancelled",
            Action::SearchAlternative => "search-alternative",
            Action::History => "history",
            Action::ToggleTicketsAll => "toggle-tickets-all",
            Action::CycleOrderFilter => "cycle-order-filter",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Choose => "choose",
            Action::EditTicket => "edit-ticket",
            Action::CloseTicket => "close-ticket",
            Action::AuditLog => "audit",
            Action::MessageLog => "messages",
            Action::Palette => "palette",
            Action::Cities => "cities",
            Action::Sales => "sales",
            Action::SalesPlans => "sales-plans",
            Action::NewProspect => "new-prospect",
            Action::Receivables => "receivables",
            Action::Pbx => "pbx",
            Action::PbxNotify => "pbx-notify",
            Action::PbxMissed => "pbx-missed",
            Action::Network(_) => "network",
            Action::NetworkJump => "network-jump",
        }
    }

    /// Looks an action up by its configuration name (case-insensitive,
    /// `_` accepted for `-`).
    pub fn from_name(name: &str) -> Option<Action> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        DEFAULT_BINDINGS
            .iter()
            .map(|spec| spec.action)
            .find(|action| action.name() == wanted)
    }

    /// The table entry of this action. Every `GoToPane(n)` shares the
    /// properties of the pane rows, so an out-of-range pane number from a
    /// message cannot make this panic.
    pub fn spec(self) -> &'static ActionSpec {
        let row = match self {
            Action::GoToPane(_) => Action::GoToPane(1),
            Action::Network(_) => Action::Network(0),
            other => other,
        };
        DEFAULT_BINDINGS
            .iter()
            .find(|spec| spec.action == row)
            .expect("every Action variant has a row in DEFAULT_BINDINGS (checked by a test)")
    }

    /// Risk class from the table.
    pub fn risk(self) -> Risk {
        self.spec().risk
    }

    /// Whether the action must be confirmed before it runs.
    pub fn needs_confirmation(self) -> bool {
        self.risk() == Risk::Dangerous
    }
}

/// One row of the binding table.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    /// The action triggered.
    pub action: Action,
    /// Where it is active.
    pub context: Context,
    /// Default keys, in the syntax of [`KeyCombo::parse`].
    pub keys: &'static [&'static str],
    /// Catalog message describing it in help and hints.
    pub msg: Msg,
    /// Read-only and confirmation behaviour.
    pub risk: Risk,
    /// Still dispatched while a text field has focus (for keys that cannot
    /// type a character: Esc, Enter, Tab, Ctrl-C...).
    pub text_safe: bool,
    /// Shown in the hint bar of its context (help always lists it).
    pub hint: bool,
}

const fn row(
    action: Action,
    context: Context,
    keys: &'static [&'static str],
    msg: Msg,
) -> ActionSpec {
    ActionSpec {
        action,
        context,
        keys,
        msg,
        risk: Risk::Safe,
        text_safe: false,
        hint: false,
    }
}

const fn text_safe(mut spec: ActionSpec) -> ActionSpec {
    spec.text_safe = true;
    spec
}

const fn hint(mut spec: ActionSpec) -> ActionSpec {
    spec.hint = true;
    spec
}

const fn risk(mut spec: ActionSpec, risk: Risk) -> ActionSpec {
    spec.risk = risk;
    spec
}

use Action as A;
use Context as C;

/// The binding table: the single source of truth for keys, hints and help.
pub static DEFAULT_BINDINGS: &[ActionSpec] = &[
    hint(row(A::Quit, C::Global, &["q"], Msg::KeyQuit)),
    text_safe(row(A::Interrupt, C::Global, &["ctrl-c"], Msg::KeyInterrupt)),
    text_safe(row(A::Suspend, C::Global, &["ctrl-z"], Msg::KeySuspend)),
    // F1 also works from the search field, where "?" types a character.
    hint(text_safe(row(
        A::Help,
        C::Global,
        &["?", "f1"],
        Msg::KeyHelp,
    ))),
    text_safe(row(A::NextPane, C::Global, &["tab"], Msg::KeyNextPane)),
    text_safe(row(
        A::PrevPane,
        C::Global,
        &["shift-tab"],
        Msg::KeyPrevPane,
    )),
    row(A::GoToPane(1), C::Global, &["1"], Msg::KeyGoToPane),
    row(A::GoToPane(2), C::Global, &["2"], Msg::KeyGoToPane),
    row(A::GoToPane(3), C::Global, &["3"], Msg::KeyGoToPane),
    row(A::GoToPane(4), C::Global, &["4"], Msg::KeyGoToPane),
    row(A::GoToPane(5), C::Global, &["5"], Msg::KeyGoToPane),
    row(A::GoToPane(6), C::Global, &["6"], Msg::KeyGoToPane),
    hint(row(A::Search, C::Global, &["/"], Msg::KeySearch)),
    text_safe(row(A::Open, C::Global, &["enter"], Msg::KeyOpen)),
    text_safe(row(A::Back, C::Global, &["esc"], Msg::KeyBack)),
    hint(row(A::Refresh, C::Global, &["r"], Msg::KeyRefresh)),
    row(A::RefreshAll, C::Global, &["R"], Msg::KeyRefreshAll),
    hint(row(A::Copy, C::Global, &["c"], Msg::KeyCopy)),
    row(A::Up, C::Navigation, &["up", "k"], Msg::KeyUp),
    row(A::Down, C::Navigation, &["down", "j"], Msg::KeyDown),
    row(A::Left, C::Navigation, &["left", "h"], Msg::KeyLeft),
    row(A::Right, C::Navigation, &["right", "l"], Msg::KeyRight),
    row(
        A::PageUp,
        C::Navigation,
        &["pageup", "ctrl-u"],
        Msg::KeyPageUp,
    ),
    row(
        A::PageDown,
        C::Navigation,
        &["pagedown", "ctrl-d"],
        Msg::KeyPageDown,
    ),
    row(A::Top, C::Navigation, &["home", "g"], Msg::KeyTop),
    row(A::Bottom, C::Navigation, &["end", "G"], Msg::KeyBottom),
    hint(text_safe(row(
        A::CycleSearchKind,
        C::Search,
        &["ctrl-k", "f2"],
        Msg::KeyCycleSearchKind,
    ))),
    hint(risk(
        row(A::OpenTicket, C::Subscriber, &["t"], Msg::KeyTicket),
        Risk::Writes,
    )),
    risk(
        row(
            A::OpenTicketWithOrder,
            C::Subscriber,
            &["T"],
            Msg::KeyTicketWithOrder,
        ),
        Risk::Writes,
    ),
    hint(risk(
        row(A::Unlock, C::Subscriber, &["u"], Msg::KeyUnlock),
        Risk::Dangerous,
    )),
    hint(risk(
        row(A::ResetMac, C::Subscriber, &["m"], Msg::KeyMacReset),
        Risk::Dangerous,
    )),
    hint(risk(
        row(A::Disconnect, C::Subscriber, &["d"], Msg::KeyDisconnect),
        Risk::Dangerous,
    )),
    hint(row(
        A::RevealPassword,
        C::Subscriber,
        &["p"],
        Msg::KeyRevealPassword,
    )),
    hint(risk(
        row(A::SendInvoice, C::Financial, &["e"], Msg::KeySendInvoice),
        Risk::Writes,
    )),
    hint(row(
        A::ToggleAllPending,
        C::Financial,
        &["a"],
        Msg::KeyToggleAllPending,
    )),
    hint(text_safe(row(
        A::SearchAlternative,
        C::Search,
        &["ctrl-o", "f4"],
        Msg::KeySearchAlternative,
    ))),
    hint(text_safe(row(
        A::IncludeCancelled,
        C::Search,
        &["ctrl-x", "f3"],
        Msg::KeyIncludeCancelled,
    ))),
    hint(text_safe(row(
        A::History,
        C::Search,
        &["ctrl-p", "f6"],
        Msg::KeyHistory,
    ))),
    hint(row(
        A::ToggleTicketsAll,
        C::Tickets,
        &["a"],
        Msg::KeyToggleTicketsAll,
    )),
    hint(row(
        A::CycleOrderFilter,
        C::Orders,
        &["f"],
        Msg::KeyCycleOrderFilter,
    )),
    hint(risk(
        row(A::EditTicket, C::Tickets, &["e"], Msg::KeyEditTicket),
        Risk::Writes,
    )),
    hint(risk(
        row(A::CloseTicket, C::Tickets, &["x"], Msg::KeyCloseTicket),
        Risk::Dangerous,
    )),
    row(A::AuditLog, C::Global, &["A"], Msg::KeyAuditLog),
    // "!" like a notification mark: it cannot be typed by a letter slip.
    row(A::MessageLog, C::Global, &["!"], Msg::KeyMessageLog),
    // ":" as in k9s; F10 also from a text field, where ":" types.
    hint(text_safe(row(
        A::Palette,
        C::Global,
        &[":", "f10"],
        Msg::KeyPalette,
    ))),
    row(A::Cities, C::Global, &["C"], Msg::KeyCities),
    row(A::Sales, C::Global, &["P"], Msg::SalesKeyOpen),
    row(A::SalesPlans, C::Tool, &["p"], Msg::SalesKeyPlans),
    risk(
        row(A::NewProspect, C::Tool, &["n"], Msg::SalesKeyNew),
        Risk::Writes,
    ),
    row(A::Receivables, C::Global, &["F"], Msg::RcvTool),
    row(A::Pbx, C::Global, &["X"], Msg::PbxTool),
    // "L"igação notifies the call, "M"issed closes it: both upper case
    // and apart, so a slip of the finger cannot close the pop-up the
    // attendant just opened ("n" jumps to the network).
    risk(
        row(A::PbxNotify, C::Subscriber, &["L"], Msg::PbxKeyNotify),
        Risk::Writes,
    ),
    risk(
        row(A::PbxMissed, C::Subscriber, &["M"], Msg::PbxKeyMissed),
        Risk::Writes,
    ),
    row(A::Network(0), C::Global, &["N"], Msg::KeyNetwork),
    row(A::NetworkJump, C::Subscriber, &["n"], Msg::KeyNetworkJump),
    // No letter answers a dialog: a word typed into the wrong place must
    // never confirm (issue 13). The focus starts on "Não"; arrows or Tab
    // reach "Sim" and Enter answers with the focused button.
    hint(row(
        A::Choose,
        C::Confirm,
        &["right", "left", "tab", "shift-tab"],
        Msg::KeyChoose,
    )),
    hint(row(A::Confirm, C::Confirm, &["enter"], Msg::KeyConfirm)),
    hint(row(A::Cancel, C::Confirm, &["esc"], Msg::ConfirmCancel)),
];

/// A key with its modifiers, normalised so that parsing a config string and
/// reading a terminal event give equal values: the case of a letter lives in
/// the character (no SHIFT flag), Shift-Tab is [`KeyCode::BackTab`], and a
/// Ctrl/Alt letter is lower-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only for non-character keys such as Shift-F5).
    pub mods: KeyModifiers,
}

/// Why a key string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError {
    /// The offending input.
    pub input: String,
}

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown key {:?}", self.input)
    }
}

impl std::error::Error for KeyParseError {}

impl KeyCombo {
    /// A combo from parts, normalised.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyCombo {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyCombo { code, mods }
    }

    /// The combo of a terminal key event.
    pub fn from_event(event: &KeyEvent) -> KeyCombo {
        KeyCombo::new(event.code, event.modifiers)
    }

    /// Whether this key types a character into a text field (a printable
    /// character without Ctrl or Alt).
    pub fn is_typing(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// Parses `"q"`, `"R"`, `"ctrl-k"`, `"F5"`, `"shift-tab"`, `"alt-x"`,
    /// `"pagedown"`, `"space"`... Names are case-insensitive; a single
    /// character is taken as is (`"R"` is Shift-r). `-` and `+` both
    /// separate modifiers; `"-"` and `"+"` alone are those characters.
    pub fn parse(input: &str) -> Result<KeyCombo, KeyParseError> {
        let err = || KeyParseError {
            input: input.to_owned(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(err());
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = trimmed;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl", "control", "c", "alt", "meta", "m", "shift", "s"]
                .iter()
                .find(|p| {
                    lower.len() > p.len() + 1
                        && lower.starts_with(**p)
                        && matches!(lower.as_bytes()[p.len()], b'-' | b'+')
                });
            let Some(prefix) = prefix else { break };
            mods |= match *prefix {
                "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
                "alt" | "meta" | "m" => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = &rest[prefix.len() + 1..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                let name = rest.to_ascii_lowercase();
                match name.as_str() {
                    "enter" | "return" | "ret" | "cr" => KeyCode::Enter,
                    "esc" | "escape" => KeyCode::Esc,
                    "tab" => KeyCode::Tab,
                    "backtab" => KeyCode::BackTab,
                    "space" | "spc" => KeyCode::Char(' '),
                    "backspace" | "bs" => KeyCode::Backspace,
                    "delete" | "del" => KeyCode::Delete,
                    "insert" | "ins" => KeyCode::Insert,
                    "home" => KeyCode::Home,
                    "end" => KeyCode::End,
                    "pageup" | "pgup" => KeyCode::PageUp,
                    "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                    "up" => KeyCode::Up,
                    "down" => KeyCode::Down,
                    "left" => KeyCode::Left,
                    "right" => KeyCode::Right,
                    "minus" => KeyCode::Char('-'),
                    "plus" => KeyCode::Char('+'),
                    f if f.starts_with('f') => match f[1..].parse::<u8>() {
                        Ok(n @ 1..=24) => KeyCode::F(n),
                        _ => return Err(err()),
                    },
                    _ => return Err(err()),
                }
            }
        };
        Ok(KeyCombo::new(code, mods))
    }
}

impl fmt::Display for KeyCombo {
    /// Short form for hints and help: `q`, `Ctrl-K`, `F2`, `Shift-Tab`, `↑`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A problem found in the user's key overrides. The override is skipped (or
/// the conflicting key dropped) and the console starts anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapWarning {
    /// The configuration names an action that does not exist.
    UnknownAction {
        /// The name as written.
        name: String,
    },
    /// A key string could not be parsed.
    BadKey {
        /// The action it was meant for.
        action: String,
        /// The key string as written.
        key: String,
    },
    /// Two actions that can be active together got the same key; the key
    /// stays with `kept` and is removed from `dropped`.
    Duplicate {
        /// The key, as displayed.
        key: String,
        /// Action that keeps the key.
        kept: String,
        /// Action that lost it.
        dropped: String,
    },
}

impl KeymapWarning {
    /// The warning in the user's language, for the status line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KeymapWarning::UnknownAction { name } => {
                trf(lang, Msg::KeymapUnknownAction, &[("name", name)])
            }
            KeymapWarning::BadKey { action, key } => {
                trf(lang, Msg::KeymapBadKey, &[("action", action), ("key", key)])
            }
            KeymapWarning::Duplicate { key, kept, dropped } => trf(
                lang,
                Msg::KeymapDuplicate,
                &[("key", key), ("kept", kept), ("dropped", dropped)],
            ),
        }
    }
}

impl fmt::Display for KeymapWarning {
    /// English rendering for logs; the UI shows the catalog text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapWarning::UnknownAction { name } => {
                write!(f, "keys: unknown action {name:?} ignored")
            }
            KeymapWarning::BadKey { action, key } => {
                write!(f, "keys: {action}: unknown key {key:?} ignored")
            }
            KeymapWarning::Duplicate { key, kept, dropped } => write!(
                f,
                "keys: {key} is bound to both {kept} and {dropped}; kept for {kept}"
            ),
        }
    }
}

pub use crate::config::KeyList;

/// The keys bound to `action`, as shown in hints and help ("q/Ctrl-C").
pub fn keys_label(keymap: &Keymap, action: Action) -> String {
    keymap
        .keys_for(action)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// Converts a config section (`action = "key"` or `action = ["k1", "k2"]`)
/// into the map [`Keymap::new`] takes.
pub fn overrides_from_config(section: BTreeMap<String, KeyList>) -> BTreeMap<String, Vec<String>> {
    section
        .into_iter()
        .map(|(action, keys)| (action, keys.into_vec()))
        .collect()
}

/// One action with its effective keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The table row.
    pub spec: ActionSpec,
    /// Effective keys after overrides (may be empty: unbound).
    pub keys: Vec<KeyCombo>,
}

impl PartialEq for ActionSpec {
    fn eq(&self, other: &Self) -> bool {
        self.action == other.action
    }
}

impl Eq for ActionSpec {}

/// A key hint: the keys as displayed and the action they trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHint {
    /// Keys joined with `/`, e.g. `"↑/k"`.
    pub keys: String,
    /// The action.
    pub action: Action,
    /// Catalog message describing it.
    pub msg: Msg,
}

/// The effective key bindings: the table, user overrides, read-only mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    read_only: bool,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&BTreeMap::new(), false).0
    }
}

/// Whether bindings in `a` and `b` can be active at the same time: the
/// same context, the global one with any non-modal one, and the service
/// actions with every customer pane's own keys (see `Pane::contexts`).
fn overlap(a: Context, b: Context) -> bool {
    let pane = |c: Context| matches!(c, Context::Financial | Context::Tickets | Context::Orders);
    a == b
        || (a == Context::Global && !b.is_modal())
        || (b == Context::Global && !a.is_modal())
        || (a == Context::Subscriber && pane(b))
        || (b == Context::Subscriber && pane(a))
}

impl Keymap {
    /// Builds the keymap from the table plus `overrides` (action name →
    /// key strings; an empty list unbinds the action). `read_only` removes
    /// every action that writes to HubSoft. Never fails: problems are
    /// returned as warnings for the status line and the log.
    pub fn new(
        overrides: &BTreeMap<String, Vec<String>>,
        read_only: bool,
    ) -> (Keymap, Vec<KeymapWarning>) {
        let mut warnings = Vec::new();
        let mut bindings: Vec<Binding> = DEFAULT_BINDINGS
            .iter()
            .map(|spec| Binding {
                spec: *spec,
                keys: spec
                    .keys
                    .iter()
                    .map(|k| KeyCombo::parse(k).expect("default key strings parse (tested)"))
                    .collect(),
            })
            .collect();
        let mut overridden = vec![false; bindings.len()];

        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                warnings.push(KeymapWarning::UnknownAction { name: name.clone() });
                continue;
            };
            let idx = bindings
                .iter()
                .position(|b| b.spec.action == action)
                .expect("from_name only returns table actions");
            let mut parsed = Vec::new();
            for key in keys {
                match KeyCombo::parse(key) {
                    Ok(combo) if !parsed.contains(&combo) => parsed.push(combo),
                    Ok(_) => {}
                    Err(_) => warnings.push(KeymapWarning::BadKey {
                        action: action.name(),
                        key: key.clone(),
                    }),
                }
            }
            bindings[idx].keys = parsed;
            overridden[idx] = true;
        }

        // Resolve duplicates: a user's explicit choice beats a default; among
        // equals the earlier table row keeps the key.
        let order: Vec<usize> = {
            let mut v: Vec<usize> = (0..bindings.len()).collect();
            v.sort_by_key(|&i| (!overridden[i], i));
            v
        };
        let mut claimed: Vec<(KeyCombo, Context, usize)> = Vec::new();
        for &i in &order {
            let ctx = bindings[i].spec.context;
            let mut kept = Vec::new();
            for key in std::mem::take(&mut bindings[i].keys) {
                match claimed
                    .iter()
                    .find(|(k, c, _)| *k == key && overlap(*c, ctx))
                {
                    Some(&(_, _, owner)) => warnings.push(KeymapWarning::Duplicate {
                        key: key.to_string(),
                        kept: bindings[owner].spec.action.name(),
                        dropped: bindings[i].spec.action.name(),
                    }),
                    None => {
                        claimed.push((key, ctx, i));
                        kept.push(key);
                    }
                }
            }
            bindings[i].keys = kept;
        }

        (
            Keymap {
                bindings,
                read_only,
            },
            warnings,
        )
    }

    /// Whether the profile is read-only.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Whether `action` may run under this keymap's mode. `update` calls this
    /// again before executing, so read-only holds even for actions that did
    /// not come from a key.
    pub fn allows(&self, action: Action) -> bool {
        !(self.read_only && action.risk() != Risk::Safe)
    }

    /// Effective bindings that are allowed, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(|b| self.allows(b.spec.action))
    }

    /// Effective keys of `action` (empty when unbound or not allowed).
    pub fn keys_for(&self, action: Action) -> &[KeyCombo] {
        self.bindings()
            .find(|b| b.spec.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// Which action `event` triggers. `contexts` lists the active contexts,
    /// most specific first ([`Context::Global`] need not be included: it is
    /// consulted last, except that a modal top context only lets Interrupt
    /// and Suspend through). With `text_focus`, keys that type a character
    /// never dispatch and only `text_safe` actions fire, so the caller feeds
    /// everything else to the text field. Release/repeat-less terminals send
    /// only presses; release events are ignored.
    pub fn dispatch(
        &self,
        event: &KeyEvent,
        contexts: &[Context],
        text_focus: bool,
    ) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(event);
        if text_focus && combo.is_typing() {
            return None;
        }
        let modal = contexts.first().is_some_and(|c| c.is_modal());
        let candidates = contexts
            .iter()
            .copied()
            .chain(std::iter::once(Context::Global));
        for ctx in candidates {
            for b in self.bindings().filter(|b| b.spec.context == ctx) {
                if !b.keys.contains(&combo) {
                    continue;
                }
                if text_focus && !b.spec.text_safe {
                    continue;
                }
                if modal
                    && ctx == Context::Global
                    && !matches!(b.spec.action, Action::Interrupt | Action::Suspend)
                {
                    continue;
                }
                return Some(b.spec.action);
            }
        }
        None
    }

    /// Hints for the hint bar: the `hint` actions of `contexts` (most
    /// specific first), then the global ones, skipping unbound and
    /// disallowed actions.
    pub fn hints(&self, contexts: &[Context]) -> Vec<KeyHint> {
        let modal = contexts.first().is_some_and(|c| c.is_modal());
        let mut order: Vec<Context> = contexts.to_vec();
        if !modal && !order.contains(&Context::Global) {
            order.push(Context::Global);
        }
        let mut out = Vec::new();
        for ctx in order {
            for b in self
                .bindings()
                .filter(|b| b.spec.context == ctx && b.spec.hint)
            {
                if b.keys.is_empty() {
                    continue;
                }
                out.push(KeyHint {
                    keys: join_keys(&b.keys),
                    action: b.spec.action,
                    msg: b.spec.msg,
                });
            }
        }
        out
    }

    /// Everything for the help overlay, grouped by context in
    /// [`Context::ALL`] order; unbound and disallowed actions are left out,
    /// and the pane digits collapse into one `1-6` row.
    pub fn help_groups(&self) -> Vec<(Context, Vec<KeyHint>)> {
        let mut groups = Vec::new();
        for ctx in Context::ALL {
            let mut rows: Vec<KeyHint> = Vec::new();
            let mut pane_keys: Vec<KeyCombo> = Vec::new();
            for b in self.bindings().filter(|b| b.spec.context == ctx) {
                if b.keys.is_empty() {
                    continue;
                }
                if let Action::GoToPane(_) = b.spec.action {
                    if pane_keys.is_empty() {
                        rows.push(KeyHint {
                            keys: String::new(),
                            action: Action::GoToPane(1),
                            msg: b.spec.msg,
                        });
                    }
                    pane_keys.extend(&b.keys);
                    continue;
                }
                rows.push(KeyHint {
                    keys: join_keys(&b.keys),
                    action: b.spec.action,
                    msg: b.spec.msg,
                });
            }
            if let Some(row) = rows.iter_mut().find(|r| r.keys.is_empty()) {
                row.keys = digits_range(&pane_keys);
            }
            if !rows.is_empty() {
                groups.push((ctx, rows));
            }
        }
        groups
    }
}

fn join_keys(keys: &[KeyCombo]) -> String {
    keys.iter()
        .map(KeyCombo::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// `1-6` when the pane keys are the default digits, else the plain list.
fn digits_range(keys: &[KeyCombo]) -> String {
    let defaults: Vec<KeyCombo> = ('1'..='6')
        .map(|c| KeyCombo::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    if keys == defaults.as_slice() {
        "1-6".to_owned()
    } else {
        join_keys(keys)
    }
}

#[cfg(test)]
mod tests {
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
        let mut names: Vec<String> = DEFAULT_BINDINGS.iter().map(|s| s.action.name()).collect();
        let len = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), len, "duplicate action rows or names");
        for spec in DEFAULT_BINDINGS {
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
            | Action::OpenTicket
            | Action::OpenTicketWithOrder
            | Action::Unlock
            | Action::ResetMac
            | Action::Disconnect
            | Action::RevealPassword
            | Action::SendInvoice
            | Action::ToggleAllPending
            | Action::IncludeCancelled
            | Action::SearchAlternative
            | Action::History
            | Action::ToggleTicketsAll
            | Action::CycleOrderFilter
            | Action::Confirm
            | Action::Cancel
            | Action::Choose
            | Action::EditTicket
            | Action::CloseTicket
            | Action::AuditLog
            | Action::MessageLog
            | Action::Palette
            | Action::Cities
            | Action::Sales
            | Action::SalesPlans
            | Action::NewProspect
            | Action::Receivables
            | Action::Pbx
            | Action::PbxNotify
            | Action::PbxMissed
            | Action::Network(_)
            | Action::NetworkJump => a,
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
            Action::PbxNotify,
            Action::PbxMissed,
            Action::Network(0),
            Action::NetworkJump,
        ]
        .into_iter()
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
            DEFAULT_BINDINGS.len(),
            all.len() + 5,
            "one row per action, six for the pane digits"
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
                let reparsed = match shown.as_str() {
                    "↑" => "up".to_string(),
                    "↓" => "down".to_string(),
                    "←" => "left".to_string(),
                    "→" => "right".to_string(),
                    s => s.to_string(),
                };
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
        let (km, w) = Keymap::new(&overrides(&[("back", &["w"])]), false);
        assert_eq!(w, vec![]);
        assert_eq!(km.dispatch(&ch('w'), &[Context::Search], true), None);
        assert_eq!(
            km.dispatch(&ch('w'), &[Context::Search], false),
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
            serde_json::from_str(r#"{"refresh": "F5", "quit": ["q", "ctrl-q"], "help": []}"#)
                .unwrap();
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
}
