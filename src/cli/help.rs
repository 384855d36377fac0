//! Puts the catalog's help texts on the clap command, in the chosen
//! language, so `--help`, completions and the man page speak it. clap's own
//! words are replaced too: the headings ("Usage", "Commands", "Arguments",
//! "Options"), the `[OPTIONS]`/`[COMMAND]` placeholders, the help and
//! version flags, and the `[default: ...]`/`[possible values: ...]` notes,
//! which are folded into each option's help.

use clap::{Arg, ArgAction, Command};

use crate::i18n::{Lang, Msg, tr, trf};

/// Flags of the root command (global ones propagate with their help).
const ROOT_ARGS: &[(&str, Msg)] = &[
    ("demo", Msg::HelpDemo),
    ("typeahead", Msg::TaHelpFlag),
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
    ("allow_core_dump", Msg::HelpAllowCoreDump),
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
const FILTER: (&str, Msg) = ("filter", Msg::Cli7HelpArgFilter);
const PBX_ARGS: &[(&str, Msg)] = &[
    ("phone", Msg::Cli7HelpArgPbxPhone),
    ("customer", Msg::Cli7HelpArgPbxCustomer),
    ("ramal", Msg::Cli7HelpArgRamal),
    ("internal_id", Msg::Cli7HelpArgInternalId),
];

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
        args: &[
            REF,
            ("all", Msg::HelpArgAllTickets),
            LIMIT,
            ("messages", Msg::HelpArgTicketMessages),
        ],
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
        name: "passwords",
        about: Msg::HelpCmdPasswords,
        args: &[SERVICE, ("show_secrets", Msg::HelpArgShowSecrets)],
        subs: &[],
    },
    Sub {
        name: "who-had",
        about: Msg::HelpCmdWhoHad,
        args: &[
            ("address", Msg::HelpArgAddress),
            ("lan", Msg::HelpArgIpv6Lan),
            ("from", Msg::HelpArgFrom),
            ("to", Msg::HelpArgTo),
            LIMIT,
        ],
        subs: &[],
    },
    Sub {
        name: "cpe",
        about: Msg::HelpCmdCpe,
        args: &[],
        subs: &[
            Sub {
                name: "list",
                about: Msg::HelpCmdCpeList,
                args: &[
                    ("page", Msg::HelpArgPage),
                    ("per_page", Msg::HelpArgPerPage),
                    FILTER,
                ],
                subs: &[],
            },
            Sub {
                name: "reboot",
                about: Msg::HelpCmdCpeReboot,
                args: &[SERVICE],
                subs: &[],
            },
            Sub {
                name: "restore",
                about: Msg::HelpCmdCpeRestore,
                args: &[SERVICE, ("confirm_mac", Msg::HelpArgConfirmMac)],
                subs: &[],
            },
        ],
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
        name: "reset-phy",
        about: Msg::HelpCmdResetPhy,
        args: &[SERVICE],
        subs: &[],
    },
    Sub {
        name: "service",
        about: Msg::HelpCmdService,
        args: &[],
        subs: &[
            Sub {
                name: "enable",
                about: Msg::HelpCmdServiceEnable,
                args: &[SERVICE, ("reason", Msg::HelpArgReason)],
                subs: &[],
            },
            Sub {
                name: "suspend",
                about: Msg::HelpCmdServiceSuspend,
                args: &[SERVICE, ("kind", Msg::HelpArgSuspendKind)],
                subs: &[],
            },
            Sub {
                name: "activate",
                about: Msg::HelpCmdServiceActivate,
                args: &[SERVICE],
                subs: &[],
            },
        ],
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
                    ("template", Msg::HelpArgTemplate),
                    ("name", Msg::HelpArgName),
                    ("phone", Msg::HelpArgPhone),
                    ("email", Msg::HelpArgEmail),
                    ("with_order", Msg::HelpArgWithOrder),
                    ("ticket_type", Msg::HelpArgTicketType),
                    ("order_type", Msg::HelpArgOrderType),
                    ("order_status", Msg::HelpArgOrderStatus),
                    ("technicians", Msg::HelpArgTechnician),
                ],
                subs: &[],
            },
            Sub {
                name: "append",
                about: Msg::HelpCmdTicketAppend,
                args: &[
                    ("protocol", Msg::HelpArgProtocol),
                    ("text", Msg::HelpArgText),
                ],
                subs: &[],
            },
            Sub {
                name: "close",
                about: Msg::HelpCmdTicketClose,
                args: &[
                    ("id", Msg::HelpArgTicketId),
                    ("description", Msg::HelpArgCloseDescription),
                    ("template", Msg::HelpArgCloseTemplate),
                    ("service", Msg::HelpArgCloseService),
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
        args: &[
            LIMIT,
            ("since", Msg::HelpArgAuditSince),
            ("summary", Msg::HelpArgAuditSummary),
        ],
        subs: &[],
    },
    Sub {
        name: "sim",
        about: Msg::HelpCmdSim,
        args: &[
            ("port", Msg::HelpSimPort),
            ("customers", Msg::HelpSimCustomers),
            ("seed", Msg::HelpSimSeed),
            ("today", Msg::HelpSimToday),
            ("client_id", Msg::HelpSimClientId),
            ("client_secret", Msg::HelpSimClientSecret),
            ("username", Msg::HelpSimUsername),
            ("password", Msg::HelpSimPassword),
            ("token_ttl_secs", Msg::HelpSimTokenTtl),
            ("unlock_max_days", Msg::HelpSimUnlockMaxDays),
            ("reconnect_delay_secs", Msg::HelpSimReconnectDelay),
            ("reconnect_after_reads", Msg::HelpSimReconnectAfterReads),
            ("cache_ttl_secs", Msg::HelpSimCacheTtl),
            ("latency_ms", Msg::HelpSimLatency),
            ("jitter_ms", Msg::HelpSimJitter),
            ("route_latency", Msg::HelpSimRouteLatency),
            ("fault_routes", Msg::HelpSimFaultRoutes),
            ("error_rate", Msg::HelpSimErrorRate),
            ("html_502_rate", Msg::HelpSimHtml502Rate),
            ("hang_rate", Msg::HelpSimHangRate),
            ("malformed_rate", Msg::HelpSimMalformedRate),
            ("truncated_rate", Msg::HelpSimTruncatedRate),
            ("latin1", Msg::HelpSimLatin1),
            ("forbidden", Msg::HelpSimForbidden),
            ("rate_limit_rate", Msg::HelpSimRateLimitRate),
            ("retry_after_secs", Msg::HelpSimRetryAfter),
            ("suscess", Msg::HelpSimSuscess),
            ("not_found_on_empty", Msg::HelpSimNotFoundOnEmpty),
            ("apply_then_stall", Msg::HelpSimApplyThenStall),
            ("apply_then_500", Msg::HdHelpSimApplyThen500),
            ("hostile_text", Msg::HdHelpSimHostileText),
            ("legacy_2020", Msg::HdHelpSimLegacy2020),
        ],
        subs: &[],
    },
    Sub {
        name: "network",
        about: Msg::Cli7HelpCmdNetwork,
        args: &[],
        subs: &[
            Sub {
                name: "pops",
                about: Msg::Cli7HelpCmdNetworkPops,
                args: &[FILTER],
                subs: &[],
            },
            Sub {
                name: "equipment",
                about: Msg::Cli7HelpCmdNetworkEquipment,
                args: &[FILTER],
                subs: &[],
            },
            Sub {
                name: "zones",
                about: Msg::Cli7HelpCmdNetworkZones,
                args: &[FILTER],
                subs: &[],
            },
        ],
    },
    Sub {
        name: "prospects",
        about: Msg::Cli7HelpCmdProspects,
        args: &[],
        subs: &[
            Sub {
                name: "search",
                about: Msg::Cli7HelpCmdProspectsSearch,
                args: &[("name", Msg::Cli7HelpArgProspectSearch)],
                subs: &[],
            },
            Sub {
                name: "create",
                about: Msg::Cli7HelpCmdProspectsCreate,
                args: &[
                    ("name", Msg::Cli7HelpArgProspectName),
                    ("document", Msg::Cli7HelpArgDocument),
                    ("phone", Msg::Cli7HelpArgProspectPhone),
                    ("email", Msg::Cli7HelpArgProspectEmail),
                    ("cep", Msg::Cli7HelpArgCep),
                    ("plan", Msg::Cli7HelpArgPlan),
                    ("value", Msg::Cli7HelpArgValue),
                    ("street", Msg::Cli7HelpArgStreet),
                    ("number", Msg::Cli7HelpArgNumber),
                    ("neighbourhood", Msg::Cli7HelpArgNeighbourhood),
                    ("city", Msg::Cli7HelpArgCity),
                    ("note", Msg::Cli7HelpArgNote),
                ],
                subs: &[],
            },
        ],
    },
    Sub {
        name: "plans",
        about: Msg::Cli7HelpCmdPlans,
        args: &[("cep", Msg::Cli7HelpArgPlansCep)],
        subs: &[],
    },
    Sub {
        name: "cities",
        about: Msg::Cli7HelpCmdCities,
        args: &[FILTER],
        subs: &[],
    },
    Sub {
        name: "receivables",
        about: Msg::Cli7HelpCmdReceivables,
        args: &[
            ("from", Msg::Cli7HelpArgRecvFrom),
            ("to", Msg::HelpArgTo),
            ("date_type", Msg::Cli7HelpArgDateType),
            ("paid_only", Msg::Cli7HelpArgPaidOnly),
            ("order", Msg::Cli7HelpArgOrder),
            ("desc", Msg::Cli7HelpArgDesc),
            ("customer", Msg::Cli7HelpArgRecvCustomer),
            LIMIT,
        ],
        subs: &[],
    },
    Sub {
        name: "pbx",
        about: Msg::Cli7HelpCmdPbx,
        args: &[],
        subs: &[
            Sub {
                name: "notify",
                about: Msg::Cli7HelpCmdPbxNotify,
                args: PBX_ARGS,
                subs: &[],
            },
            Sub {
                name: "cancel",
                about: Msg::Cli7HelpCmdPbxCancel,
                args: PBX_ARGS,
                subs: &[],
            },
        ],
    },
    Sub {
        name: "export",
        about: Msg::Cli7HelpCmdExport,
        args: &[],
        subs: &[Sub {
            name: "customers",
            about: Msg::Cli7HelpCmdExportCustomers,
            args: &[
                ("from", Msg::Cli7HelpArgExportFrom),
                ("to", Msg::Cli7HelpArgExportTo),
                ("limit", Msg::Cli7HelpArgExportLimit),
            ],
            subs: &[],
        }],
    },
    Sub {
        name: "call",
        about: Msg::Cli7HelpCmdCall,
        args: &[("phone", Msg::Cli7HelpArgPbxPhone)],
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

/// The command with every about and argument help in `lang`, built, with
/// clap's own words in `lang` too.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    localize_with(cmd, lang, true)
}

/// [`localize`] for shell completions: the shells list the values
/// themselves, so the descriptions do not repeat them.
pub fn localize_for_completions(cmd: Command, lang: Lang) -> Command {
    localize_with(cmd, lang, false)
}

fn localize_with(cmd: Command, lang: Lang, fold: bool) -> Command {
    let mut cmd = cmd
        .about(tr(lang, Msg::HelpAbout))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr(lang, Msg::CliFlagVersion))
                .display_order(FLAG_ORDER + 1),
        );
    // Global flags after each command's own ones (they propagate with their
    // display order, which would otherwise interleave them).
    for (i, (id, msg)) in ROOT_ARGS.iter().enumerate() {
        cmd = cmd.mut_arg(*id, |a| {
            a.help(tr(lang, *msg)).display_order(GLOBAL_ORDER + i)
        });
    }
    let mut cmd = chrome(apply(cmd, SUBCOMMANDS, lang), lang, fold);
    cmd.build();
    localize_usage(&mut cmd, lang);
    cmd
}

/// Display order of the global flags; a command's own come first.
const GLOBAL_ORDER: usize = 100;
/// Display order of -h/--help, last (and -V/--version after it).
const FLAG_ORDER: usize = 1000;

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

/// clap's own words on `cmd` and every subcommand, before the build: help
/// template, headings, the help flag, and defaults and possible values
/// folded into each argument's help.
fn chrome(mut cmd: Command, lang: Lang, fold: bool) -> Command {
    let usage_style = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage_style}{}{usage_style:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr(lang, Msg::CliUsageHeading)
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(tr(lang, Msg::CliHeadingCommands))
        .subcommand_value_name(tr(lang, Msg::CliValueCommand))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(tr(lang, Msg::CliFlagHelp))
                .display_order(FLAG_ORDER),
        );
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| fold_values(a, lang, fold));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| chrome(c, lang, fold));
    }
    cmd
}

/// Gives `arg` its localized heading and, with `fold`, moves clap's
/// `[default: ...]` and `[possible values: ...]` notes into its help, in
/// `lang`.
fn fold_values(arg: Arg, lang: Lang, fold: bool) -> Arg {
    let heading = if arg.is_positional() {
        Msg::CliHeadingArguments
    } else {
        Msg::CliHeadingOptions
    };
    let mut arg = arg.help_heading(tr(lang, heading));
    if fold
        && let Some([name]) = arg.get_value_names()
        && let Some(msg) = value_name_msg(name.as_str())
    {
        arg = arg.value_name(tr(lang, msg));
    }
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values())
        || (arg.get_num_args().is_none() && arg.get_action().takes_values());
    if !takes_values || !fold {
        return arg;
    }
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut push = |note: String| {
        if !help.is_empty() {
            help.push(' ');
        }
        help.push_str(&note);
    };
    if !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let value = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ");
        push(trf(lang, Msg::CliHelpDefault, &[("value", &value)]));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !arg.is_hide_possible_values_set() && !values.is_empty() {
        let values = values.join(", ");
        push(trf(
            lang,
            Msg::CliHelpPossibleValues,
            &[("values", &values)],
        ));
    }
    arg.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// Placeholders (`<TERM>`, `<SERVICE_ID>`) said in the user's language;
/// `ID`, `REF`, `N` and the one-letter ones the README uses stay. See
/// [`value_name_msg`] for the ones named by their unit.
const VALUE_NAMES: &[(&str, Msg)] = &[
    ("NAME", Msg::CliValueName),
    ("FILE", Msg::CliValueFile),
    ("LANG", Msg::CliValueLang),
    ("THEME", Msg::CliValueTheme),
    ("LOG_LEVEL", Msg::CliValueLevel),
    ("SECONDS", Msg::CliValueSeconds),
    ("TERM", Msg::CliValueTerm),
    ("KIND", Msg::CliValueKind),
    ("DATE", Msg::CliValueDate),
    ("FILTER", Msg::Cli7ValueFilter),
    ("PHONE", Msg::Cli7ValuePhone),
    ("SERVICE_ID", Msg::CliValueServiceId),
    ("INVOICE_ID", Msg::CliValueInvoiceId),
    ("CODE", Msg::CliValueCode),
    ("BY", Msg::CliValueField),
    ("ADDRESS", Msg::CliValueAddress),
    ("WHEN", Msg::CliValueWhen),
    // `hubdesk sim`.
    ("PORT", Msg::CliValuePort),
    ("CUSTOMERS", Msg::CliValueCount),
    ("SEED", Msg::CliValueSeed),
    ("TODAY", Msg::CliValueDate),
    ("CLIENT_ID", Msg::CliValueId),
    ("CLIENT_SECRET", Msg::CliValueSecret),
    ("USERNAME", Msg::CliValueUser),
    ("PASSWORD", Msg::CliValuePassword),
    ("UNLOCK_MAX_DAYS", Msg::CliValueDays),
    ("FAULT_ROUTES", Msg::CliValueRoutes),
    ("ROUTE_LATENCY", Msg::CliValueRouteMs),
];

/// The catalog entry for the placeholder clap names `name`: one of
/// [`VALUE_NAMES`], else by its unit (the simulator's knobs: `*_SECS`,
/// `*_MS`, `*_RATE`).
fn value_name_msg(name: &str) -> Option<Msg> {
    if let Some((_, msg)) = VALUE_NAMES.iter().find(|(en, _)| *en == name) {
        return Some(*msg);
    }
    if name.ends_with("_SECS") {
        Some(Msg::CliValueSeconds)
    } else if name.ends_with("_MS") {
        Some(Msg::CliValueMillis)
    } else if name.ends_with("_RATE") {
        Some(Msg::CliValueRate)
    } else {
        None
    }
}

/// Replaces clap's `[OPTIONS]` in every usage line (help and errors) with
/// the word in `lang`; needs the built command, whose usage clap computes.
fn localize_usage(cmd: &mut Command, lang: Lang) {
    // Keep clap's styling (ANSI codes, dropped by clap off a terminal):
    // everything after the heading's "Usage:" and the space that ends it.
    let styled = cmd.render_usage().ansi().to_string();
    let body = match styled.find("Usage:") {
        Some(at) => {
            let rest = &styled[at + "Usage:".len()..];
            rest.split_once(' ').map_or(rest, |(_, body)| body)
        }
        None => styled.as_str(),
    };
    let usage = body.trim_end().replace(
        "[OPTIONS]",
        &format!("[{}]", tr(lang, Msg::CliValueOptions)),
    );
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        localize_usage(sub, lang);
    }
}

/// A usage line as clap renders it, without its English `Usage:` heading.
pub fn usage_without_heading(usage: &str) -> &str {
    let usage = usage.trim();
    usage.strip_prefix("Usage:").unwrap_or(usage).trim()
}

#[cfg(test)]
mod tests;
