use super::*;
use crate::cli::Cli;
use clap::CommandFactory;

#[test]
fn every_command_and_argument_has_localized_help() {
    for lang in Lang::ALL {
        let cmd = localize(Cli::command(), lang);
        cmd.clone().debug_assert();
        check(&cmd, lang);
    }
}

#[test]
fn pt_br_help_of_every_command_has_no_english_clap_words() {
    fn paths(cmd: &Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        out.push(prefix.to_vec());
        for sub in cmd.get_subcommands() {
            let mut p = prefix.to_vec();
            p.push(sub.get_name().to_owned());
            paths(sub, &p, out);
        }
    }
    let cmd = localize(Cli::command(), Lang::PtBr);
    let mut all = Vec::new();
    paths(&cmd, &[], &mut all);
    assert!(all.len() > 20, "{all:?}");
    for path in all {
        let mut argv = vec!["hubdesk".to_owned()];
        argv.extend(path.iter().cloned());
        argv.push("--help".to_owned());
        let e = cmd.clone().try_get_matches_from(&argv).expect_err("help");
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{argv:?}");
        let help = e.render().to_string();
        for word in [
            "Usage:",
            "Commands:",
            "Options:",
            "Arguments:",
            "Print help",
            "Print version",
            "possible values",
            "[default:",
            "[OPTIONS]",
            "[COMMAND]",
            "<COMMAND>",
        ] {
            assert!(!help.contains(word), "{argv:?} shows {word:?}:\n{help}");
        }
        assert!(help.contains("Uso: hubdesk"), "{argv:?}:\n{help}");
    }
}

/// Issue 13: placeholders of ids read in Portuguese in pt-BR help.
#[test]
fn pt_br_help_names_id_placeholders_in_portuguese() {
    let help = |lang: Lang, argv: &[&str]| {
        let cmd = localize(Cli::command(), lang);
        let mut all = vec!["hubdesk"];
        all.extend_from_slice(argv);
        all.push("--help");
        cmd.try_get_matches_from(all)
            .expect_err("help")
            .render()
            .to_string()
    };
    for (argv, pt, en) in [
        (&["unlock"][..], "<ID_SERVIÇO>", "<SERVICE_ID>"),
        (&["reset-mac"][..], "<ID_SERVIÇO>", "<SERVICE_ID>"),
        (&["send-invoice"][..], "<ID_FATURA>", "<INVOICE_ID>"),
        (&["pbx", "notify"][..], "<CÓDIGO>", "<CODE>"),
    ] {
        let text = help(Lang::PtBr, argv);
        assert!(text.contains(pt), "{argv:?}:\n{text}");
        assert!(!text.contains(en), "{argv:?}:\n{text}");
        assert!(help(Lang::En, argv).contains(en), "{argv:?}");
    }
}

/// Issue 13: no placeholder of the pt-BR help is an English word, in
/// any subcommand (`<BY>`, `<PORT>`, `<CACHE_TTL_SECS>` were left after
/// `<SERVICE_ID>`); only letters and abbreviations that read the same in
/// both languages stay.
#[test]
fn every_pt_br_placeholder_is_portuguese_or_neutral() {
    // Read the same in both languages (one-letter ones too).
    const NEUTRAL: &[&str] = &[
        "ID", "REF", "N", "CEP", "CPF_CNPJ", "LOGIN", "R$", "URL", "SHELL", "MS", "VIA",
    ];
    fn walk(cmd: &Command, path: &str, bad: &mut Vec<String>) {
        // Said in Portuguese: the pt-BR text of a catalog entry whose
        // English text differs.
        let translated = |name: &str| {
            crate::i18n::Msg::ALL
                .iter()
                .any(|m| tr(Lang::PtBr, *m) == name && tr(Lang::En, *m) != name)
        };
        for arg in cmd
            .get_arguments()
            .filter(|a| a.get_action().takes_values())
        {
            for name in arg.get_value_names().unwrap_or_default() {
                let name = name.as_str();
                let letter = name.chars().count() == 1;
                if !letter && !NEUTRAL.contains(&name) && !translated(name) {
                    bad.push(format!("{path} --{}: <{name}>", arg.get_id()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), bad);
        }
    }
    let mut bad = Vec::new();
    walk(&localize(Cli::command(), Lang::PtBr), "hubdesk", &mut bad);
    assert!(
        bad.is_empty(),
        "English placeholders in pt-BR:\n{}",
        bad.join("\n")
    );
}

/// Every subcommand has an about, and every argument a help from the
/// catalog (maybe followed by the folded default and values).
fn check(cmd: &Command, lang: Lang) {
    assert!(cmd.get_about().is_some(), "{} has no about", cmd.get_name());
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        assert!(!help.is_empty(), "{}: {id} has no help", cmd.get_name());
        // The catalog text, then maybe the folded default and values.
        let in_catalog = crate::i18n::Msg::ALL
            .iter()
            .any(|m| help == tr(lang, *m) || help.starts_with(&format!("{} [", tr(lang, *m))));
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
