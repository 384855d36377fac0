//! Commands that read local files only: `audit` and `config check`.

use super::*;

pub(super) fn show_audit(
    ctx: &Ctx,
    limit: usize,
    since: Option<&str>,
    summary: bool,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let now = chrono::Utc::now();
    let since = since.map(|s| parse_since(lang, s, now)).transpose()?;
    if summary {
        return show_summary(ctx, since, now);
    }
    let path = ctx.paths.audit_file();
    let trail = audit::read_trail_since(&path, limit, since)
        .map_err(|e| audit_read_failed(lang, &path, e))?;
    let entries = trail.entries;
    // Skipped, and said (on stderr, so `--json` stays a list of entries).
    note_torn_lines(lang, &path, &trail.torn);
    if ctx.global.json {
        print_json(&serde_json::to_value(&entries).unwrap_or(Value::Null));
        return Ok(EXIT_OK);
    }
    if entries.is_empty() {
        note(tr(lang, Msg::StateEmpty));
        return Ok(EXIT_OK);
    }
    say(entries_table(ctx, &entries));
    Ok(EXIT_OK)
}

/// The table of `hubdesk audit`: one row per line of the trail.
pub(super) fn entries_table(ctx: &Ctx, entries: &[audit::AuditEntry]) -> comfy_table::Table {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let mut t = out::table(vec![
        f.h(Msg::ColTime),
        f.h(Msg::ColAction),
        f.h(Msg::ColOutcome),
        f.h(Msg::ColServiceId),
        f.h(Msg::ColInvoiceId),
        f.h(Msg::ColTicketId),
        f.h(Msg::ColAttendant),
        f.h(Msg::ColMessage),
    ]);
    let id = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for e in entries {
        let outcome = match (e.phase, e.outcome) {
            (_, Some(Outcome::Ok)) => Msg::CliOutcomeOk,
            (_, Some(Outcome::Refused)) => Msg::CliOutcomeRefused,
            (_, Some(Outcome::Failed)) => Msg::CliOutcomeFailed,
            (_, Some(Outcome::Unknown)) => Msg::CliOutcomeUnknownShort,
            (_, None) => Msg::CliOutcomeSent,
        };
        t.add_row(vec![
            br::dates::format_datetime(e.time),
            action_label(lang, &e.attempt.action),
            f.h(outcome),
            id(e.attempt.service),
            id(e.attempt.invoice),
            id(e.attempt.ticket),
            f.text(e.attempt.attendant.as_deref()),
            crate::text::truncate(&f.text(e.msg.as_deref()), 50).into_owned(),
        ]);
    }
    t
}

pub(super) fn config_check(ctx: &Ctx) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let loaded = &ctx.loaded;
    let file = &loaded.file;
    let mut warnings: Vec<String> = Vec::new();
    if !loaded.exists {
        say(trf(
            lang,
            Msg::CliNoConfigFile,
            &[("path", &loaded.path.display())],
        ));
    } else {
        say(trf(
            lang,
            Msg::CliConfigFile,
            &[("path", &loaded.path.display())],
        ));
    }
    for key in config::unknown_keys(&loaded.text) {
        warnings.push(trf(lang, Msg::CfgUnknownKey, &[("key", &key)]));
    }
    // Each broken canned text, by name: such a text is never offered.
    let (templates, template_errors) = ctx.templates();
    warnings.extend(template_errors.iter().map(|e| e.message(lang)));
    warnings.extend(command_problems(ctx, lang));
    let (_, key_warnings) = Keymap::new(&ctx.key_overrides(), false);
    warnings.extend(key_warnings.iter().map(|w| w.message(lang)));
    if let Some(theme) = &file.theme
        && ThemeKind::from_name(theme).is_none()
    {
        warnings.push(trf(
            lang,
            Msg::CfgBadValue,
            &[("key", &"theme"), ("value", theme)],
        ));
    }
    // Any other value would silently fall back to English.
    if let Some(l) = &file.lang
        && !["pt", "en"]
            .iter()
            .any(|p| l.trim().to_ascii_lowercase().starts_with(p))
    {
        warnings.push(trf(
            lang,
            Msg::CfgBadValue,
            &[("key", &"lang"), ("value", l)],
        ));
    }
    if let Err(e) = file.watch.pace() {
        warnings.push(e.message(lang));
    }
    let sink = ctx.audit_sink();
    if let Err(f) = &sink {
        warnings.push(f.message.clone());
    }
    if let Some(name) = &file.default_profile
        && !file.profiles.contains_key(name)
    {
        warnings.push(trf(lang, Msg::CfgNoSuchProfile, &[("name", name)]));
    }
    for (name, profile) in &file.profiles {
        if let Some(accent) = &profile.accent
            && parse_color(accent).is_err()
        {
            warnings.push(trf(
                lang,
                Msg::CfgBadValue,
                &[
                    ("key", &format!("profiles.{name}.accent")),
                    ("value", accent),
                ],
            ));
        }
        let flags = FlagOverrides {
            profile: Some(name.clone()),
            host: None,
        };
        let no_env = |_: &str| None;
        match config::resolve(file, &flags, &no_env) {
            Ok(s) if s.host.is_some() => {
                if let Err(e) = s.checked_host() {
                    warnings.push(e.message(lang));
                }
                warnings.extend(cleartext_warning(lang, &s));
            }
            Ok(_) => {}
            Err(e @ config::ConfigError::HostUserinfo { .. }) => warnings.push(e.message(lang)),
            Err(_) => {}
        }
    }
    if let Err(e) = config::check_commands_safe(loaded) {
        warnings.push(e.message(lang));
    }
    let with_secrets = config::profiles_with_secrets(file);
    if !with_secrets.is_empty() {
        let names = with_secrets.join(", ");
        warnings.push(trf(lang, Msg::CfgSecretsInFile, &[("profiles", &names)]));
        if config::readable_by_others(&loaded.path) {
            warnings.push(trf(
                lang,
                Msg::CfgSecretsReadable,
                &[("path", &loaded.path.display())],
            ));
        }
    }

    // The settings this run would use, sources of secrets but never values.
    match ctx.settings() {
        Ok(s) => {
            let dash = || "—".to_owned();
            let lines = [
                (Msg::CliCheckProfile, s.profile.clone()),
                (Msg::CliCheckHost, s.host.clone().unwrap_or_else(dash)),
                (Msg::CliCheckUser, s.username.clone().unwrap_or_else(dash)),
                (
                    Msg::CliCheckClientSecret,
                    s.client_secret_source().describe(lang).to_owned(),
                ),
                (
                    Msg::CliCheckPassword,
                    s.password_source().describe(lang).to_owned(),
                ),
                (
                    Msg::CliCheckAudit,
                    ctx.paths.audit_file().display().to_string(),
                ),
                (
                    Msg::CliCheckAuditSink,
                    match sink.as_ref().ok().and_then(|s| Some((s, s.socket()?))) {
                        Some((s, socket)) => format!("{} ({})", s.name(), socket.display()),
                        None => dash(),
                    },
                ),
                (Msg::CliCheckLogs, ctx.paths.log_dir().display().to_string()),
                (Msg::CliCheckCommands, {
                    let names: Vec<String> = file
                        .commands
                        .iter()
                        .filter_map(|c| c.name.as_deref())
                        .map(|n| crate::sanitize::clean_line(n).into_owned())
                        .collect();
                    if names.is_empty() {
                        dash()
                    } else {
                        names.join(", ")
                    }
                }),
                (Msg::CliCheckTemplates, {
                    let names: Vec<String> = templates
                        .iter()
                        .map(|t| crate::sanitize::clean_line(&t.name).into_owned())
                        .collect();
                    if file.templates.is_empty() {
                        trf(
                            lang,
                            Msg::CliCheckTemplatesBuiltIn,
                            &[("names", &names.join(", "))],
                        )
                    } else {
                        names.join(", ")
                    }
                }),
            ];
            for (label, value) in lines {
                say(format!("  {}: {}", tr(lang, label), value));
            }
        }
        Err(f) => warnings.push(f.message),
    }
    for w in &warnings {
        say(format!("{} {w}", tr(lang, Msg::CliWarning)));
    }
    if warnings.is_empty() {
        say(tr(lang, Msg::CliConfigOk));
        Ok(EXIT_OK)
    } else {
        Ok(EXIT_USAGE)
    }
}

/// What is wrong with the `[[commands]]` entries, one line each: the
/// console's own check ([`crate::ops::commands::load`]: a missing name,
/// key or command, a command line that does not parse), a key the
/// console cannot read or already uses on the customer screen
/// ([`Keymap::bind_commands`], under the file's `[keys]`), a program this
/// host does not have.
fn command_problems(ctx: &Ctx, lang: Lang) -> Vec<String> {
    use crate::ops::commands::program_found;
    let (commands, mut out) = ctx.noc_commands();
    let (mut keymap, _) = Keymap::new(&ctx.key_overrides(), false);
    out.extend(
        keymap
            .bind_commands(&commands)
            .iter()
            .map(|w| w.message(lang)),
    );
    for c in &commands {
        let program = c.line.program();
        if !program_found(&program) {
            out.push(trf(
                lang,
                Msg::CfgCommandNoProgram,
                &[
                    ("name", &c.name),
                    ("program", &crate::sanitize::clean_line(&program)),
                ],
            ));
        }
    }
    out
}
