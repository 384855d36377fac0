//! The one table of actions: a row per [`ActionKind`], everything about
//! an action that is data, and the requests of the actions that need
//! nothing but their target.

use super::*;

/// One row of the action table: everything about an action that is data.
/// What is truly per action is the request it builds (its
/// [`ActionRequest`] variant and the client method [`perform`] calls) and,
/// when it has one, the form that fills that request.
#[derive(Clone, Copy)]
pub(super) struct Row {
    pub(super) kind: ActionKind,
    /// For `{action}` placeholders ("desbloqueio em confiança").
    pub(super) msg: Msg,
    /// The `action` of its audit lines; never changes (old trails are read
    /// by newer versions).
    pub(super) audit: &'static str,
    /// The console command that starts it: its name in the keymap and the
    /// `[keys]` section of the configuration. Kinds that share one are
    /// chosen in its form (the three invoice channels).
    pub(super) command: &'static str,
    /// The command's default keys (the first row of a command gives them).
    pub(super) keys: &'static [&'static str],
    /// The command's description in the hint bar and the help.
    pub(super) key_msg: Msg,
    /// Shown in the hint bar (the help lists every command).
    pub(super) hint: bool,
    /// What it acts on.
    pub(super) target: Target,
    /// Read-only and key-repeat behaviour.
    pub(super) risk: Risk,
    /// How it is confirmed, beyond its form's submit.
    pub(super) confirm: Confirm,
    /// Touches the subscriber's connection (the dialog adds its warning).
    pub(super) affects_connection: bool,
    /// A line the confirmation adds after naming the target: what happens
    /// next.
    pub(super) effect: Option<Msg>,
    /// Reads repeated as soon as the answer arrives.
    pub(super) reread: &'static [Reread],
    /// Reads repeated a moment later (the network needs the time).
    pub(super) reread_later: &'static [Reread],
    /// Once it succeeded, the subscriber's connection comes back by
    /// itself (the router restarts or is restarted): the console offers
    /// to watch the service until it is online.
    pub(super) watch_after: bool,
    /// The request, for an action that needs nothing but its target's id
    /// (no form).
    pub(super) direct: Option<fn(&Subject) -> Option<ActionRequest>>,
}

/// A row's defaults: a plain write on the customer's service, with no
/// form-less request, nothing re-read, no key.
pub(super) const fn row(
    kind: ActionKind,
    msg: Msg,
    audit: &'static str,
    command: &'static str,
) -> Row {
    Row {
        kind,
        msg,
        audit,
        command,
        keys: &[],
        key_msg: msg,
        hint: false,
        target: Target::Service,
        risk: Risk::Writes,
        confirm: Confirm::No,
        affects_connection: false,
        effect: None,
        reread: &[],
        reread_later: &[],
        watch_after: false,
        direct: None,
    }
}

pub(super) fn reset_mac(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::ResetMac(ResetMac {
        id_cliente_servico: s.id,
    }))
}

pub(super) fn reset_phy(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::ResetPhy(ResetPhy {
        id_cliente_servico: s.id,
    }))
}

pub(super) fn disconnect(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::Disconnect(Disconnect {
        id_cliente_servico: s.id,
    }))
}

pub(super) fn reboot_cpe(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::RebootCpe {
        service: s.id,
        cpe: RebootCpe {
            phy_addr: s.phy_addr?.trim().to_owned(),
        },
    })
}

pub(super) fn restore_cpe(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::RestoreCpe {
        service: s.id,
        cpe: FactoryResetCpe {
            phy_addr: s.phy_addr?.trim().to_owned(),
        },
    })
}

pub(super) fn activate(s: &Subject) -> Option<ActionRequest> {
    Some(ActionRequest::ActivateService(ActivateService {
        id_cliente_servico: s.id,
    }))
}

/// The one table of actions, in the order of [`ActionKind`].
pub(super) const TABLE: [Row; 19] = [
    Row {
        keys: &["t"],
        key_msg: Msg::KeyTicket,
        hint: true,
        reread: &[Reread::Tickets],
        ..row(
            ActionKind::OpenTicket,
            Msg::ActionOpenTicket,
            name::OPEN_TICKET,
            "ticket",
        )
    },
    Row {
        keys: &["e"],
        key_msg: Msg::KeyEditTicket,
        hint: true,
        target: Target::Ticket,
        reread: &[Reread::Tickets],
        ..row(
            ActionKind::EditTicket,
            Msg::ActionEditTicket,
            name::EDIT_TICKET,
            "edit-ticket",
        )
    },
    // HubSoft has no route to add a message to a ticket: the attendant's
    // text is appended to the description, under a dated, signed line.
    Row {
        keys: &["i"],
        key_msg: Msg::KeyAppendTicket,
        hint: true,
        target: Target::Ticket,
        reread: &[Reread::Tickets],
        ..row(
            ActionKind::AppendTicket,
            Msg::ActionAppendTicket,
            name::APPEND_TICKET,
            "append-ticket",
        )
    },
    Row {
        keys: &["x"],
        key_msg: Msg::KeyCloseTicket,
        hint: true,
        target: Target::Ticket,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        effect: Some(Msg::FormClosingHint),
        reread: &[Reread::Tickets, Reread::Orders],
        ..row(
            ActionKind::CloseTicket,
            Msg::ActionCloseTicket,
            name::CLOSE_TICKET,
            "close-ticket",
        )
    },
    Row {
        watch_after: true,
        keys: &["u"],
        key_msg: Msg::KeyUnlock,
        hint: true,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        reread: &[Reread::Customer],
        ..row(
            ActionKind::TrustUnlock,
            Msg::ActionTrustUnlock,
            name::TRUST_UNLOCK,
            "unlock",
        )
    },
    Row {
        watch_after: true,
        keys: &["m"],
        key_msg: Msg::KeyMacReset,
        hint: true,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmResetMacEffect),
        reread: &[Reread::Customer],
        direct: Some(reset_mac),
        ..row(
            ActionKind::ResetMac,
            Msg::ActionResetMac,
            name::RESET_MAC,
            "mac-reset",
        )
    },
    // Next to the MAC reset: the other MAC, the equipment's.
    Row {
        watch_after: true,
        keys: &["o"],
        key_msg: Msg::KeyPhyReset,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmResetPhyEffect),
        reread: &[Reread::Customer],
        direct: Some(reset_phy),
        ..row(
            ActionKind::ResetPhy,
            Msg::ActionResetPhy,
            name::RESET_PHY,
            "phy-reset",
        )
    },
    Row {
        watch_after: true,
        keys: &["d"],
        key_msg: Msg::KeyDisconnect,
        hint: true,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmDisconnectEffect),
        // Never the disconnect itself: only the reads, once the
        // concentrator has dropped the session.
        reread_later: &[Reread::Customer, Reread::Connections],
        direct: Some(disconnect),
        ..row(
            ActionKind::Disconnect,
            Msg::ActionDisconnect,
            name::DISCONNECT,
            "disconnect",
        )
    },
    // The equipment's own commands: a reboot drops the connection for a
    // minute; a factory reset loses the subscriber's Wi-Fi settings, so
    // the attendant types the end of the MAC to show it is the right box.
    Row {
        watch_after: true,
        keys: &["b"],
        key_msg: Msg::KeyCpeReboot,
        target: Target::Equipment,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmCpeRebootEffect),
        reread_later: &[Reread::Customer, Reread::Connections],
        direct: Some(reboot_cpe),
        ..row(
            ActionKind::RebootCpe,
            Msg::ActionRebootCpe,
            name::REBOOT_CPE,
            "cpe-reboot",
        )
    },
    Row {
        watch_after: true,
        keys: &["Z"],
        key_msg: Msg::KeyCpeRestore,
        target: Target::Equipment,
        risk: Risk::Dangerous,
        confirm: Confirm::Typed,
        affects_connection: true,
        effect: Some(Msg::ConfirmCpeRestoreEffect),
        reread_later: &[Reread::Customer, Reread::Connections],
        direct: Some(restore_cpe),
        ..row(
            ActionKind::RestoreCpe,
            Msg::ActionRestoreCpe,
            name::RESTORE_CPE,
            "cpe-restore",
        )
    },
    // The service's state: each needs its own HubSoft permission; the
    // answer carries the new status, shown at once.
    Row {
        keys: &["H"],
        key_msg: Msg::KeyEnableService,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmEnableEffect),
        reread: &[Reread::Customer],
        ..row(
            ActionKind::EnableService,
            Msg::ActionEnableService,
            name::ENABLE_SERVICE,
            "service-enable",
        )
    },
    Row {
        keys: &["S"],
        key_msg: Msg::KeySuspendService,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmSuspendEffect),
        reread: &[Reread::Customer],
        ..row(
            ActionKind::SuspendService,
            Msg::ActionSuspendService,
            name::SUSPEND_SERVICE,
            "service-suspend",
        )
    },
    Row {
        keys: &["V"],
        key_msg: Msg::KeyActivateService,
        risk: Risk::Dangerous,
        confirm: Confirm::Dialog,
        affects_connection: true,
        effect: Some(Msg::ConfirmActivateEffect),
        reread: &[Reread::Customer],
        direct: Some(activate),
        ..row(
            ActionKind::ActivateService,
            Msg::ActionActivateService,
            name::ACTIVATE_SERVICE,
            "service-activate",
        )
    },
    Row {
        keys: &["e"],
        key_msg: Msg::KeySendInvoice,
        hint: true,
        target: Target::Invoice,
        reread: &[Reread::Invoices],
        ..row(
            ActionKind::SendInvoiceEmail,
            Msg::ActionSendInvoiceEmail,
            name::SEND_INVOICE_EMAIL,
            "send-invoice",
        )
    },
    Row {
        target: Target::Invoice,
        reread: &[Reread::Invoices],
        ..row(
            ActionKind::SendInvoiceSms,
            Msg::ActionSendInvoiceSms,
            name::SEND_INVOICE_SMS,
            "send-invoice",
        )
    },
    Row {
        target: Target::Invoice,
        reread: &[Reread::Invoices],
        ..row(
            ActionKind::SendInvoicePush,
            Msg::ActionSendInvoicePush,
            name::SEND_INVOICE_PUSH,
            "send-invoice",
        )
    },
    // A prospect is a new record at the ISP, named in full before it is
    // sent; the sales screen reads its list again itself.
    Row {
        keys: &["n"],
        key_msg: Msg::SalesKeyNew,
        target: Target::Nothing,
        confirm: Confirm::Dialog,
        ..row(
            ActionKind::CreateProspect,
            Msg::SalesActionCreate,
            name::CREATE_PROSPECT,
            "new-prospect",
        )
    },
    // "L"igação notifies the call, "M"issed closes it: both upper case
    // and apart, so a slip of the finger cannot close the pop-up the
    // attendant just opened ("n" jumps to the network). The pop-up lives
    // in HubSoft's web panel: nothing here to re-read.
    Row {
        keys: &["L"],
        key_msg: Msg::PbxKeyNotify,
        target: Target::Customer,
        ..row(
            ActionKind::PbxNotify,
            Msg::PbxActionNotify,
            name::PBX_NOTIFY,
            "pbx-notify",
        )
    },
    Row {
        keys: &["M"],
        key_msg: Msg::PbxKeyMissed,
        target: Target::Customer,
        ..row(
            ActionKind::PbxMissed,
            Msg::PbxActionMissed,
            name::PBX_CANCEL,
            "pbx-missed",
        )
    },
];
