//! The binding table: every action a key can trigger, where it is
//! active, its default keys, its description and its risk.

use std::sync::LazyLock;

use crate::i18n::Msg;
use crate::ops::actions::{ActionKind, Target};

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

/// What an action does to HubSoft data: the actions' own come from their
/// row in [`crate::ops::actions`].
pub use crate::ops::actions::Risk;

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
    /// The same, with "also open a service order" already switched on.
    OpenTicketWithOrder,
    /// Reveal or hide the subscriber's service password.
    RevealPassword,
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
    /// Open the receivables screen.
    Receivables,
    /// Open the PBX screen.
    Pbx,
    /// Open the network screen (NOC): 0 on the tab last shown, 1-3 on
    /// POPs, equipment or service zones (palette commands).
    Network(u8),
    /// From a service, open the network screen on its connection
    /// equipment, POP and zone.
    NetworkJump,
    /// Watch the selected service until it comes online (a read: it
    /// works in read-only mode).
    Watch,
    /// Show the customer of tab N (1-based), on any screen where no text
    /// field has the keyboard (see `app::tabs`).
    Tab(u8),
    /// Show the next customer tab (wrapping round).
    NextTab,
    /// Show the previous customer tab (wrapping round).
    PrevTab,
    /// Close the customer tab on screen.
    CloseTab,
    /// Run the configured NOC command at this index (`[[commands]]`, see
    /// [`crate::app::noc`]): its key comes from its entry, not from
    /// `[keys]`.
    Noc(u8),
    /// An action of the table in [`crate::ops::actions`]: its form or its
    /// confirmation opens (the first kind of its command names it; see
    /// [`Action::for_kind`]).
    Run(ActionKind),
}

/// The actions of the ops table under the names the console has always
/// given them (they match like variants).
#[allow(non_upper_case_globals)]
impl Action {
    /// [`ActionKind::OpenTicket`]'s command.
    pub const OpenTicket: Action = Action::Run(ActionKind::OpenTicket);
    /// [`ActionKind::TrustUnlock`]'s command.
    pub const Unlock: Action = Action::Run(ActionKind::TrustUnlock);
    /// [`ActionKind::ResetMac`]'s command.
    pub const ResetMac: Action = Action::Run(ActionKind::ResetMac);
    /// [`ActionKind::Disconnect`]'s command.
    pub const Disconnect: Action = Action::Run(ActionKind::Disconnect);
    /// [`ActionKind::SendInvoiceEmail`]'s command.
    pub const SendInvoice: Action = Action::Run(ActionKind::SendInvoiceEmail);
    /// [`ActionKind::EditTicket`]'s command.
    pub const EditTicket: Action = Action::Run(ActionKind::EditTicket);
    /// [`ActionKind::CloseTicket`]'s command.
    pub const CloseTicket: Action = Action::Run(ActionKind::CloseTicket);
    /// [`ActionKind::CreateProspect`]'s command.
    pub const NewProspect: Action = Action::Run(ActionKind::CreateProspect);
    /// [`ActionKind::PbxNotify`]'s command.
    pub const PbxNotify: Action = Action::Run(ActionKind::PbxNotify);
    /// [`ActionKind::PbxMissed`]'s command.
    pub const PbxMissed: Action = Action::Run(ActionKind::PbxMissed);
}

impl Action {
    /// The command that starts `kind` (kinds that share a command, the
    /// invoice channels, are chosen in its form).
    pub fn for_kind(kind: ActionKind) -> Action {
        Action::Run(kind.command_kind())
    }

    /// Stable configuration name, e.g. `"refresh-all"`, `"pane-3"`.
    pub fn name(self) -> String {
        match self {
            Action::GoToPane(n) => format!("pane-{n}"),
            Action::Tab(n) => format!("tab-{n}"),
            other => other.static_name().to_owned(),
        }
    }

    pub(super) fn static_name(self) -> &'static str {
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
            Action::OpenTicketWithOrder => "ticket-with-order",
            Action::RevealPassword => "reveal-password",
            Action::ToggleAllPending => "toggle-all-pending",
            Action::IncludeCancelled => "include-cancelled",
            Action::SearchAlternative => "search-alternative",
            Action::History => "history",
            Action::ToggleTicketsAll => "toggle-tickets-all",
            Action::CycleOrderFilter => "cycle-order-filter",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Choose => "choose",
            Action::AuditLog => "audit",
            Action::MessageLog => "messages",
            Action::Palette => "palette",
            Action::Cities => "cities",
            Action::Sales => "sales",
            Action::SalesPlans => "sales-plans",
            Action::Receivables => "receivables",
            Action::Pbx => "pbx",
            Action::Network(_) => "network",
            Action::NetworkJump => "network-jump",
            Action::Watch => "watch",
            Action::Tab(_) => "tab-n",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::CloseTab => "close-tab",
            Action::Noc(_) => "noc-command",
            Action::Run(kind) => kind.command(),
        }
    }

    /// Looks an action up by its configuration name (case-insensitive,
    /// `_` accepted for `-`).
    pub fn from_name(name: &str) -> Option<Action> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        specs()
            .iter()
            .map(|spec| spec.action)
            // A command's key is set in its own entry.
            .filter(|action| !matches!(action, Action::Noc(_)))
            .find(|action| action.name() == wanted)
    }

    /// The table entry of this action. Every `GoToPane(n)` shares the
    /// properties of the pane rows, so an out-of-range pane number from a
    /// message cannot make this panic.
    pub fn spec(self) -> &'static ActionSpec {
        let row = match self {
            Action::GoToPane(_) => Action::GoToPane(1),
            Action::Tab(_) => Action::Tab(1),
            Action::Network(_) => Action::Network(0),
            Action::Noc(_) => Action::Noc(0),
            Action::Run(kind) => Action::for_kind(kind),
            other => other,
        };
        specs()
            .iter()
            .find(|spec| spec.action == row)
            .expect("every Action variant has a row in the table (checked by a test)")
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

/// The row of an action of the ops table: its keys, description, risk
/// and hint come from there, its context from what it acts on.
const fn op(kind: ActionKind) -> ActionSpec {
    ActionSpec {
        action: Action::Run(kind),
        context: context_of(kind.target()),
        keys: kind.default_keys(),
        msg: kind.key_msg(),
        risk: kind.risk(),
        text_safe: false,
        hint: kind.hinted(),
    }
}

/// Where the key of an action on `target` is active.
pub const fn context_of(target: Target) -> Context {
    match target {
        Target::Service | Target::Equipment | Target::Customer => Context::Subscriber,
        Target::Invoice => Context::Financial,
        Target::Ticket => Context::Tickets,
        Target::Nothing => Context::Tool,
    }
}

/// [`DEFAULT_BINDINGS`], then a row for each command of the ops table
/// that it does not place: a new action gets its key, hint and help entry
/// from its row alone.
pub fn specs() -> &'static [ActionSpec] {
    static SPECS: LazyLock<Vec<ActionSpec>> =
        LazyLock::new(|| with_commands(DEFAULT_BINDINGS, &ActionKind::ALL));
    &SPECS
}

/// `placed`, then [`op`] rows for the commands of `kinds` it lacks.
pub(super) fn with_commands(placed: &[ActionSpec], kinds: &[ActionKind]) -> Vec<ActionSpec> {
    let mut specs = placed.to_vec();
    for kind in kinds {
        let action = Action::for_kind(*kind);
        if !specs.iter().any(|s| s.action == action) {
            specs.push(op(kind.command_kind()));
        }
    }
    specs
}

use Action as A;
use ActionKind as K;
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
    op(K::OpenTicket),
    risk(
        row(
            A::OpenTicketWithOrder,
            C::Subscriber,
            &["T"],
            Msg::KeyTicketWithOrder,
        ),
        K::OpenTicket.risk(),
    ),
    op(K::TrustUnlock),
    op(K::ResetMac),
    op(K::Disconnect),
    hint(row(
        A::RevealPassword,
        C::Subscriber,
        &["p"],
        Msg::KeyRevealPassword,
    )),
    op(K::SendInvoiceEmail),
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
    op(K::EditTicket),
    op(K::CloseTicket),
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
    op(K::CreateProspect),
    row(A::Receivables, C::Global, &["F"], Msg::RcvTool),
    row(A::Pbx, C::Global, &["X"], Msg::PbxTool),
    op(K::PbxNotify),
    op(K::PbxMissed),
    row(A::Network(0), C::Global, &["N"], Msg::KeyNetwork),
    row(A::NetworkJump, C::Subscriber, &["n"], Msg::KeyNetworkJump),
    // In the bar only while a watch is offered (`ui::console`): the
    // service keys fill it at 80 columns.
    row(A::Watch, C::Subscriber, &["w"], Msg::KeyWatch),
    // Customer tabs (issue 18): Alt-digit types nothing, and Ctrl-←/→
    // move by word in a text field (not text-safe: they keep that there).
    // Under tmux, Esc then a digit typed fast arrives as Alt-digit: in a
    // text field it is read as those two keys (`app::tabs::replayed`).
    row(A::Tab(1), C::Global, &["alt-1"], Msg::KeyTab),
    row(A::Tab(2), C::Global, &["alt-2"], Msg::KeyTab),
    row(A::Tab(3), C::Global, &["alt-3"], Msg::KeyTab),
    row(A::Tab(4), C::Global, &["alt-4"], Msg::KeyTab),
    row(A::Tab(5), C::Global, &["alt-5"], Msg::KeyTab),
    row(A::Tab(6), C::Global, &["alt-6"], Msg::KeyTab),
    row(A::Tab(7), C::Global, &["alt-7"], Msg::KeyTab),
    row(A::Tab(8), C::Global, &["alt-8"], Msg::KeyTab),
    row(A::Tab(9), C::Global, &["alt-9"], Msg::KeyTab),
    row(A::NextTab, C::Global, &["ctrl-right"], Msg::KeyNextTab),
    row(A::PrevTab, C::Global, &["ctrl-left"], Msg::KeyPrevTab),
    // Ctrl-W as in a browser; in a text field it still deletes a word.
    row(A::CloseTab, C::Global, &["ctrl-w"], Msg::KeyCloseTab),
    // The NOC commands' row: bound per command by `Keymap::bind_commands`.
    row(A::Noc(0), C::Subscriber, &[], Msg::KeyNocCommand),
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

impl PartialEq for ActionSpec {
    fn eq(&self, other: &Self) -> bool {
        self.action == other.action
    }
}

impl Eq for ActionSpec {}
