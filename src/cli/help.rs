//! Puts the catalog's help texts on the clap command, in the chosen
//! language, so `--help`, completions and the man page speak it. clap's own
//! headings ("Usage", "Options") stay as clap writes them.

use clap::Command;

use crate::i18n::{Lang, Msg, tr};

/// Flags of the root command (global ones propagate with their help).
const ROOT_ARGS: &[(&str, Msg)] = &[
    ("demo", Msg::HelpDemo),
    ("profile", Msg::HelpProfile),
    ("config", Msg::HelpConfig),
    ("host", Msg::HelpHost),
    ("lang", Msg::HelpLang),
    ("no_color", Msg::HelpNoColor),
    ("theme", Msg::HelpTheme),
    ("read_only", Msg::HelpReadOnly),
    ("privacy", Msg::HelpPrivacy),
    ("insecure", Msg::HelpInsecure),
    ("log_level", Msg::HelpLogLevel),
    ("timeout", Msg::HelpTimeout),
    ("json", Msg::HelpJson),
    ("yes", Msg::HelpYes),
];

/// A subcommand: its name, about, own arguments, and nested subcommands.
struct Sub {
    name: &'static str,
    about: Msg,
    args: &'static [(&'static str, Msg)],
    subs: &'static [Sub],
}

const REF: (&str, Msg) = ("reference", Msg::HelpArgRef);
const LIMIT: (&str, Msg) = ("limit", Msg::HelpArgLimit);
const SERVICE: (&str, Msg) = ("service_id", Msg::HelpArgServiceId);

const SUBCOMMANDS: &[Sub] = &[
    Sub {
        name: "search",
        about: Msg::HelpCmdSearch,
        args: &[
            ("term", Msg::HelpArgTerm),
            ("by", Msg::HelpArgBy),
            ("cancelled", Msg::HelpArgCancelled),
            LIMIT,
        ],
        subs: &[],
    },
    Sub {
        name: "customer",
        about: Msg::HelpCmdCustomer,
        args: &[REF],
        subs: &[],
    },
    Sub {
        name: "invoices",
        about: Msg::HelpCmdInvoices,
        args: &[REF, ("all", Msg::HelpArgAllInvoices), LIMIT],
        subs: &[],
    },
    Sub {
        name: "tickets",
        about: Msg::HelpCmdTickets,
        args: &[REF, ("all", Msg::HelpArgAllTickets), LIMIT],
        subs: &[],
    },
    Sub {
        name: "orders",
        about: Msg::HelpCmdOrders,
        args: &[REF, ("status", Msg::HelpArgStatus), LIMIT],
        subs: &[],
    },
    Sub {
        name: "connections",
        about: Msg::HelpCmdConnections,
        args: &[
            ("login", Msg::HelpArgLogin),
            ("from", Msg::HelpArgFrom),
            ("to", Msg::HelpArgTo),
            LIMIT,
        ],
        subs: &[],
    },
    Sub {
        name: "unlock",
        about: Msg::HelpCmdUnlock,
        args: &[SERVICE, ("days", Msg::HelpArgDays)],
        subs: &[],
    },
    Sub {
        name: "reset-mac",
        about: Msg::HelpCmdResetMac,
        args: &[SERVICE],
        subs: &[],
    },
    Sub {
        name: "disconnect",
        about: Msg::HelpCmdDisconnect,
        args: &[SERVICE],
        subs: &[],
    },
    Sub {
        name: "send-invoice",
        about: Msg::HelpCmdSendInvoice,
        args: &[
            ("invoice_id", Msg::HelpArgInvoiceId),
            ("via", Msg::HelpArgVia),
            ("to", Msg::HelpArgRecipient),
        ],
        subs: &[],
    },
    Sub {
        name: "ticket",
        about: Msg::HelpCmdTicket,
        args: &[],
        subs: &[
            Sub {
                name: "open",
                about: Msg::HelpCmdTicketOpen,
                args: &[
                    SERVICE,
                    ("description", Msg::HelpArgDescription),
                    ("name", Msg::HelpArgName),
                    ("phone", Msg::HelpArgPhone),
                    ("email", Msg::HelpArgEmail),
                    ("with_order", Msg::HelpArgWithOrder),
                ],
                subs: &[],
            },
            Sub {
                name: "close",
                about: Msg::HelpCmdTicketClose,
                args: &[
                    ("id", Msg::HelpArgTicketId),
                    ("description", Msg::HelpArgCloseDescription),
                ],
                subs: &[],
            },
        ],
    },
    Sub {
        name: "login",
        about: Msg::HelpCmdLogin,
        args: &[],
        subs: &[],
    },
    Sub {
        name: "config",
        about: Msg::HelpCmdConfig,
        args: &[],
        subs: &[
            Sub {
                name: "path",
                about: Msg::HelpCmdConfigPath,
                args: &[],
                subs: &[],
            },
            Sub {
                name: "check",
                about: Msg::HelpCmdConfigCheck,
                args: &[],
                subs: &[],
            },
            Sub {
                name: "example",
                about: Msg::HelpCmdConfigExample,
                args: &[],
                subs: &[],
            },
        ],
    },
    Sub {
        name: "audit",
        about: Msg::HelpCmdAudit,
        args: &[LIMIT],
        subs: &[],
    },
    Sub {
        name: "sim",
        about: Msg::HelpCmdSim,
        args: &[],
        subs: &[],
    },
    Sub {
        name: "completions",
        about: Msg::HelpCmdCompletions,
        args: &[("shell", Msg::HelpArgShell)],
        subs: &[],
    },
    Sub {
        name: "man",
        about: Msg::HelpCmdMan,
        args: &[],
        subs: &[],
    },
];

/// The command with every about and argument help in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let mut cmd = cmd.about(tr(lang, Msg::HelpAbout));
    for (id, msg) in ROOT_ARGS {
        cmd = cmd.mut_arg(*id, |a| a.help(tr(lang, *msg)));
    }
    apply(cmd, SUBCOMMANDS, lang)
}

fn apply(mut cmd: Command, subs: &'static [Sub], lang: Lang) -> Command {
    for sub in subs {
        cmd = cmd.mut_subcommand(sub.name, |mut c| {
            c = c.about(tr(lang, sub.about));
            for (id, msg) in sub.args {
                c = c.mut_arg(*id, |a| a.help(tr(lang, *msg)));
            }
            apply(c, sub.subs, lang)
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_localized_help() {
        for lang in Lang::ALL {
            let mut cmd = localize(Cli::command(), lang);
            cmd.build();
            cmd.clone().debug_assert();
            check(&cmd, lang);
        }
    }

    /// Every subcommand has an about, and every argument a help, except the
    /// simulator's own flags (its module documents them) and clap's.
    fn check(cmd: &Command, lang: Lang) {
        assert!(cmd.get_about().is_some(), "{} has no about", cmd.get_name());
        if cmd.get_name() == "sim" {
            return;
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(!help.is_empty(), "{}: {id} has no help", cmd.get_name());
            let in_catalog = crate::i18n::Msg::ALL.iter().any(|m| tr(lang, *m) == help);
            assert!(
                in_catalog,
                "{}: {id} help {help:?} is not from the catalog",
                cmd.get_name()
            );
        }
        for sub in cmd.get_subcommands() {
            check(sub, lang);
        }
    }
}
