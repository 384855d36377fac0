//! clap's usage errors, said in the user's language: the message for each
//! error kind, a suggestion when clap has one, the usage line and a hint to
//! `--help`, all on stderr.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Lang, Msg, tr, trf};

use super::{EXIT_OK, EXIT_USAGE, help};

/// Reports `e` as clap would, but in `lang`; returns the exit code: 0 for
/// `--help`/`--version`, 2 for everything else.
pub fn report(e: &clap::Error, lang: Lang) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            EXIT_OK
        }
        // Help on stderr for a command run bare (`hubdesk ticket`): already
        // in `lang`, only the exit code says it was not asked for.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            EXIT_USAGE
        }
        _ => {
            eprint!("{}", render(e, lang));
            EXIT_USAGE
        }
    }
}

/// The localized text of a usage error, ending with a newline.
pub fn render(e: &clap::Error, lang: Lang) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let mut suggestion = None;
    match e.kind() {
        ErrorKind::UnknownArgument => {
            line(trf(lang, Msg::CliErrUnknownArgument, &[("arg", &arg)]));
            suggestion = Some(ContextKind::SuggestedArg);
        }
        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand);
            line(trf(
                lang,
                Msg::CliErrUnknownCommand,
                &[("command", &command)],
            ));
            suggestion = Some(ContextKind::SuggestedSubcommand);
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            line(trf(lang, Msg::CliErrMissingValue, &[("arg", &arg)]));
            valid_values(e, lang, &mut line);
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            line(trf(
                lang,
                Msg::CliErrInvalidValue,
                &[("value", &value), ("arg", &arg)],
            ));
            valid_values(e, lang, &mut line);
            if let Some(reason) = validation_reason(e, lang) {
                line(format!("  {reason}"));
            }
            suggestion = Some(ContextKind::SuggestedValue);
        }
        ErrorKind::MissingRequiredArgument => {
            line(tr(lang, Msg::CliErrMissingArguments).to_owned());
            if let Some(ContextValue::Strings(missing)) = e.get(ContextKind::InvalidArg) {
                for m in missing {
                    line(format!("  {m}"));
                }
            }
        }
        ErrorKind::MissingSubcommand => {
            let command = text(ContextKind::InvalidSubcommand);
            let commands = text(ContextKind::ValidSubcommand);
            line(trf(
                lang,
                Msg::CliErrMissingCommand,
                &[("command", &command), ("commands", &commands)],
            ));
        }
        ErrorKind::TooManyValues => line(trf(
            lang,
            Msg::CliErrTooManyValues,
            &[("value", &value), ("arg", &arg)],
        )),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let mut expected = text(ContextKind::ExpectedNumValues);
            if expected.is_empty() {
                expected = text(ContextKind::MinValues);
            }
            let actual = text(ContextKind::ActualNumValues);
            line(trf(
                lang,
                Msg::CliErrWrongNumberOfValues,
                &[("arg", &arg), ("expected", &expected), ("actual", &actual)],
            ));
        }
        ErrorKind::ArgumentConflict => {
            let other = text(ContextKind::PriorArg);
            line(trf(
                lang,
                Msg::CliErrConflict,
                &[("arg", &arg), ("other", &other)],
            ));
        }
        ErrorKind::NoEquals => line(trf(lang, Msg::CliErrNoEquals, &[("arg", &arg)])),
        ErrorKind::InvalidUtf8 => line(tr(lang, Msg::CliErrInvalidUtf8).to_owned()),
        _ => {
            // Io, Format and future kinds: clap's own first line.
            let rendered = e.render().to_string();
            let detail = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error:")
                .trim()
                .to_owned();
            line(trf(lang, Msg::CliErrOther, &[("detail", &detail)]));
        }
    }
    if let Some(kind) = suggestion {
        let similar = text(kind);
        if !similar.is_empty() {
            line(trf(
                lang,
                Msg::CliErrTipSimilar,
                &[("suggestion", &similar)],
            ));
        }
    }
    let usage = text(ContextKind::Usage);
    let usage = help::usage_without_heading(&usage);
    if !usage.is_empty() {
        line(String::new());
        line(format!("{} {usage}", tr(lang, Msg::CliUsageHeading)));
    }
    line(String::new());
    line(tr(lang, Msg::CliErrMoreInfo).to_owned());
    format!("hubdesk: {out}")
}

/// The accepted values of an invalid one, when clap knows them.
fn valid_values(e: &clap::Error, lang: Lang, line: &mut impl FnMut(String)) {
    if let Some(ContextValue::Strings(values)) = e.get(ContextKind::ValidValue)
        && !values.is_empty()
    {
        let values = values.join(", ");
        line(format!(
            "  {}",
            trf(lang, Msg::CliErrValidValues, &[("values", &values)])
        ));
    }
}

/// Why a value parser refused a value: a number that does not parse, or
/// one out of its range, in `lang`; another parser's own text in English
/// only (it is written in English).
fn validation_reason(e: &clap::Error, lang: Lang) -> Option<String> {
    let source = std::error::Error::source(e)?;
    if source.is::<std::num::ParseIntError>() || source.is::<std::num::ParseFloatError>() {
        return Some(tr(lang, Msg::CliErrNotANumber).to_owned());
    }
    let text = source.to_string();
    // clap's ranged integer parsers: "9999 is not in 1..=600".
    if let Some((_, range)) = text.split_once(" is not in ") {
        return Some(trf(lang, Msg::CliErrOutOfRange, &[("range", &range)]));
    }
    (lang == Lang::En && !text.trim().is_empty()).then_some(text)
}
