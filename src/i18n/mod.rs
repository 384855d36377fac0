//! The one message catalog: every user-facing string of hubdesk goes through it.
//!
//! Each message is declared once in `catalog.rs` with both its pt-BR
//! and English texts, which generates the [`Msg`] enum. A misspelt or missing
//! key is therefore a compile error at the use site, and a message cannot
//! exist in one language only. Placeholders are named (`{name}`, `{count}`)
//! so translators can reorder them; [`trf`] fills them in.
//!
//! The catalog is grouped by product area (errors, search, customer view,
//! actions, forms, tool screens, console chrome, CLI...); its module doc has
//! the table of contents and says where a new message goes.
//!
//! Plurals are explicit messages (`…One` / `…Many`) rather than a plural
//! engine: both languages here only need the one/other distinction.

#![warn(missing_docs)]

mod catalog;

use std::fmt;

pub use catalog::Msg;

/// A user interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Brazilian Portuguese, the language of the product's users.
    PtBr,
    /// English, the fallback for every non-Portuguese locale.
    #[default]
    En,
}

impl Lang {
    /// Both languages, for tests and for a language picker.
    pub const ALL: [Lang; 2] = [Lang::PtBr, Lang::En];

    /// Reads a language tag or POSIX locale (`pt_BR.UTF-8`, `pt-BR`, `pt`,
    /// `en_US`, `C`): anything starting with `pt` is pt-BR, anything else
    /// English. Returns `None` for an empty value so callers can fall through
    /// to the next source.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.is_empty() {
            return None;
        }
        let lower = tag.get(..2).map(str::to_ascii_lowercase);
        Some(if lower.as_deref() == Some("pt") {
            Lang::PtBr
        } else {
            Lang::En
        })
    }

    /// Chooses the language: the command-line flag, then the config file,
    /// then the environment in POSIX precedence (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`), then English.
    ///
    /// `env` looks a variable up; it is injected so tests do not depend on,
    /// or mutate, the process environment. Production passes
    /// `|k| std::env::var(k).ok()` (see [`Lang::detect_from_process`]).
    pub fn detect(
        flag: Option<&str>,
        config: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        flag.and_then(Lang::from_tag)
            .or_else(|| config.and_then(Lang::from_tag))
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .find_map(|k| env(k).as_deref().and_then(Lang::from_tag))
            })
            .unwrap_or_default()
    }

    /// [`Lang::detect`] reading the real process environment.
    pub fn detect_from_process(flag: Option<&str>, config: Option<&str>) -> Lang {
        Lang::detect(flag, config, |k| std::env::var(k).ok())
    }

    /// The BCP 47 tag of the language, e.g. for a config file.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::PtBr => "pt-BR",
            Lang::En => "en",
        }
    }
}

/// The text of `msg` in `lang`, placeholders left as written.
pub fn tr(lang: Lang, msg: Msg) -> &'static str {
    match lang {
        Lang::PtBr => msg.pt_br(),
        Lang::En => msg.en(),
    }
}

/// The text of `msg` in `lang` with each `{name}` replaced by its value.
///
/// A placeholder without a value is left visible as `{name}`, so a missing
/// argument shows up on screen and in tests instead of silently vanishing.
/// Values are inserted verbatim (not re-scanned), so server text containing
/// braces cannot inject another placeholder.
pub fn trf(lang: Lang, msg: Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
    fill(tr(lang, msg), args)
}

/// The text of a count message, choosing the singular form for exactly one.
///
/// `one` takes no placeholder or `{count}`; `many` takes `{count}`.
pub fn tr_count(lang: Lang, one: Msg, many: Msg, count: i64) -> String {
    let msg = if count == 1 { one } else { many };
    trf(lang, msg, &[("count", &count)])
}

/// Replaces `{name}` placeholders of `template`; see [`trf`].
fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    use fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        let _ = write!(out, "{value}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a template, in order of appearance, deduplicated.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !names.contains(&name) {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};

    #[test]
    fn no_message_is_empty_in_either_language() {
        for &m in Msg::ALL {
            for lang in Lang::ALL {
                assert!(!tr(lang, m).trim().is_empty(), "{m:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn placeholder_sets_match_between_languages() {
        for &m in Msg::ALL {
            let pt: BTreeSet<_> = placeholders(m.pt_br()).into_iter().collect();
            let en: BTreeSet<_> = placeholders(m.en()).into_iter().collect();
            assert_eq!(pt, en, "placeholders of {m:?} differ");
            for name in pt {
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{m:?} has a malformed placeholder {{{name}}}"
                );
            }
        }
    }

    #[test]
    fn braces_are_balanced_in_every_message() {
        for &m in Msg::ALL {
            for lang in Lang::ALL {
                let t = tr(lang, m);
                let mut depth = 0i32;
                for c in t.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    assert!((0..=1).contains(&depth), "{m:?}/{lang:?} nests braces: {t}");
                }
                assert_eq!(depth, 0, "{m:?}/{lang:?} has an unclosed brace: {t}");
            }
        }
    }

    #[test]
    fn keys_are_unique_and_all_is_complete() {
        let keys: BTreeSet<_> = Msg::ALL.iter().map(|m| m.key()).collect();
        assert_eq!(keys.len(), Msg::ALL.len());
        // `ALL` is generated from the same list as the enum; indexing proves
        // each variant sits at its own discriminant.
        for (i, m) in Msg::ALL.iter().enumerate() {
            assert_eq!(*m as usize, i);
        }
    }

    #[test]
    fn trf_fills_named_placeholders_in_any_order() {
        let s = trf(
            Lang::PtBr,
            Msg::ErrDecode,
            &[("field", &"valor"), ("route", &"cliente/financeiro")],
        );
        assert_eq!(
            s,
            "Não foi possível ler a resposta do servidor (cliente/financeiro, campo valor)"
        );
        assert_eq!(
            trf(Lang::En, Msg::InvoiceOverdueMany, &[("days", &12)]),
            "overdue by 12 days"
        );
    }

    #[test]
    fn composed_messages_read_naturally() {
        let action = tr(Lang::PtBr, Msg::ActionTrustUnlock);
        assert_eq!(
            trf(Lang::PtBr, Msg::ErrPermissionDenied, &[("action", &action)]),
            "Sem permissão para desbloqueio em confiança: \
             peça ao administrador do HubSoft para liberar esta rota"
        );
        let what = tr(Lang::En, Msg::WhatPixCode);
        assert_eq!(
            trf(
                Lang::En,
                Msg::CopiedTerminal,
                &[("what", &what), ("text", &"000201")]
            ),
            "Sent to the terminal's clipboard · PIX code: 000201"
        );
    }

    #[test]
    fn trf_leaves_missing_placeholders_visible_and_does_not_rescan_values() {
        assert_eq!(fill("a {x} b {y}", &[("x", &"{y}")]), "a {y} b {y}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(fill("", &[("x", &1)]), "");
    }

    #[test]
    fn tr_count_picks_singular_only_for_one() {
        assert_eq!(
            tr_count(Lang::PtBr, Msg::RelDaysAgoOne, Msg::RelDaysAgoMany, 1),
            "há 1 dia"
        );
        assert_eq!(
            tr_count(Lang::PtBr, Msg::RelDaysAgoOne, Msg::RelDaysAgoMany, 3),
            "há 3 dias"
        );
        assert_eq!(
            tr_count(Lang::En, Msg::RelDaysAgoOne, Msg::RelDaysAgoMany, 0),
            "0 days ago"
        );
    }

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn detect_follows_flag_config_then_posix_env() {
        // (flag, config, environment, expected)
        type Case<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            &'a [(&'a str, &'a str)],
            Lang,
        );
        let cases: &[Case] = &[
            (None, None, &[], Lang::En),
            (
                Some("pt-BR"),
                Some("en"),
                &[("LANG", "en_US.UTF-8")],
                Lang::PtBr,
            ),
            (Some("en"), Some("pt"), &[("LANG", "pt_BR.UTF-8")], Lang::En),
            (None, Some("pt_BR"), &[("LANG", "en_US")], Lang::PtBr),
            (Some(""), Some("  "), &[("LANG", "pt_BR.UTF-8")], Lang::PtBr),
            (None, None, &[("LANG", "pt_PT.UTF-8")], Lang::PtBr),
            (None, None, &[("LANG", "C")], Lang::En),
            (None, None, &[("LANG", "de_DE")], Lang::En),
            (
                None,
                None,
                &[("LANG", "pt_BR"), ("LC_MESSAGES", "en_US")],
                Lang::En,
            ),
            (
                None,
                None,
                &[
                    ("LANG", "en_US"),
                    ("LC_MESSAGES", "en_US"),
                    ("LC_ALL", "pt_BR"),
                ],
                Lang::PtBr,
            ),
            (None, None, &[("LC_ALL", ""), ("LANG", "PT_br")], Lang::PtBr),
            (None, None, &[("LANG", "p")], Lang::En),
        ];
        for (flag, config, vars, want) in cases {
            assert_eq!(
                Lang::detect(*flag, *config, env(vars)),
                *want,
                "flag={flag:?} config={config:?} env={vars:?}"
            );
        }
    }

    #[test]
    fn from_tag_handles_non_ascii_without_panicking() {
        assert_eq!(Lang::from_tag("é"), Some(Lang::En));
        assert_eq!(Lang::from_tag("pé"), Some(Lang::En));
        assert_eq!(Lang::tag(Lang::PtBr), "pt-BR");
    }
}
