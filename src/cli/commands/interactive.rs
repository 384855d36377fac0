//! The interactive console (`hubdesk`, `hubdesk --demo`) and the screen
//! pop sent to a running one (`hubdesk call`).

use super::*;

pub(super) fn run_console(ctx: &Ctx, demo: bool, typeahead: bool) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let rt = runtime(ctx.lang)?;
    // The first frame does not wait for the client: building it (the trust
    // store for https, and for --demo the simulator's data first) runs on a
    // blocking task while the terminal is set up; requests await it.
    let sim = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (settings, cc) = if demo {
        let configured = ctx.settings().ok();
        let settings = Settings::demo(
            "http://127.0.0.1".to_owned(),
            demo_login(),
            configured.as_ref(),
        );
        (settings.clone(), ctx.client_config(&settings)?)
    } else {
        let settings = ctx.settings()?;
        let cc = ctx.client_config(&settings)?;
        (settings, cc)
    };
    let (interval, limit) = ctx
        .loaded
        .file
        .watch
        .pace()
        .map_err(|e| Failure::config(lang, &e))?;
    let timeout = cc.request_timeout;
    let keep = sim.clone();
    let (first_frame, drawn) = tokio::sync::oneshot::channel::<()>();
    let build = move || {
        let mut cc = cc;
        if demo {
            // The simulator lives until the console ends: the console talks
            // to it through the real client over real HTTP on 127.0.0.1.
            let handle = crate::sim::start(crate::sim::SimConfig::default()).map_err(|e| {
                crate::api::ApiError::Config {
                    reason: trf(lang, Msg::CliDemoFailed, &[("detail", &e)]),
                }
            })?;
            cc.base_url = handle.base_url();
            if let Ok(mut slot) = keep.lock() {
                *slot = Some(handle);
            }
        }
        Client::new(cc)
    };
    // After the first frame (or once the console gave up drawing it): on
    // two busy cores the trust store and the demo's data would slow it.
    let build = rt.spawn(async move {
        let _ = drawn.await;
        tokio::task::spawn_blocking(build)
            .await
            .unwrap_or_else(|e| {
                Err(crate::api::ApiError::Config {
                    reason: format!("building the client failed: {e}"),
                })
            })
    });
    // Each checked once: what the console offers, and what it says at start.
    let (templates, template_errors) = ctx.templates();
    let (commands, command_problems) = ctx.noc_commands();
    let options = ConsoleOptions {
        first_frame: Some(first_frame),
        client: ClientSource::building(timeout, build),
        settings: crate::app::Settings {
            lang,
            theme: ctx.theme(&settings)?,
            read_only: ctx.read_only(&settings),
            privacy: ctx.fmt.privacy,
            demo,
            profile: settings.profile.clone(),
            attendant: settings.attendant.clone(),
            ramal: settings.ramal.clone(),
            internal_id: settings.internal_id.clone(),
            templates,
            commands,
            insecure: ctx.global.insecure,
            cleartext: settings.cleartext_remote(),
            watch: crate::app::watch::WatchConfig { interval, limit },
            ..crate::app::Settings::default()
        },
        key_overrides: ctx.key_overrides(),
        typeahead: typeahead || settings.typeahead,
        screen_pop: Some(screenpop::default_socket_path(
            &ctx.paths.state_dir,
            &settings.profile,
        )),
        audit_file: Some(ctx.paths.audit_file()),
        audit_sink: ctx.audit_sink()?,
        warnings: config::secrets_warning(&ctx.loaded, lang)
            .into_iter()
            .chain(config::unknown_keys_warning(&ctx.loaded, lang))
            .chain(template_errors.iter().map(|e| e.message(lang)))
            .chain(command_problems)
            .chain(cleartext_warning(lang, &settings))
            .collect(),
    };
    let result = rt.block_on(console::run(options));
    // Dropping the runtime waits for the build task, so the simulator (if
    // it was started) is in its slot by now.
    drop(rt);
    if let Some(sim) = sim.lock().ok().and_then(|mut s| s.take()) {
        sim.shutdown();
    }
    let code = result.map_err(|e| Failure::new(EXIT_FAILURE, e.to_string()))?;
    Ok(u8::try_from(code).unwrap_or(EXIT_FAILURE))
}

/// Starts the embedded simulator for `--demo`, with the demo credentials.
/// The embedded simulator's fixed credentials, for `--demo`.
pub(super) fn demo_login() -> crate::config::DemoLogin<'static> {
    let d = crate::sim::DEMO_CREDENTIALS;
    crate::config::DemoLogin {
        client_id: d.client_id,
        client_secret: d.client_secret,
        username: d.username,
        password: d.password,
    }
}

pub(super) fn start_demo(ctx: &Ctx) -> Result<(crate::sim::SimHandle, Settings), Failure> {
    let sim = crate::sim::start(crate::sim::SimConfig::default()).map_err(|e| {
        Failure::new(
            EXIT_FAILURE,
            trf(ctx.lang, Msg::CliDemoFailed, &[("detail", &e)]),
        )
    })?;
    let configured = ctx.settings().ok();
    let settings = Settings::demo(sim.base_url(), demo_login(), configured.as_ref());
    Ok((sim, settings))
}

/// `call PHONE`: hands the number to the console of this profile.
pub(super) fn screen_pop(ctx: &Ctx, demo: bool, phone: &str) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let phone = br::phone::parse(phone).map_err(|e| usage_of(lang, &e))?;
    let profile = if demo {
        Settings::demo(String::new(), demo_login(), None).profile
    } else {
        ctx.settings()?.profile
    };
    let path = screenpop::default_socket_path(&ctx.paths.state_dir, &profile);
    let rt = runtime(lang)?;
    match rt.block_on(screenpop::send_call(&path, phone.digits())) {
        Ok(digits) => {
            if ctx.global.json {
                print_json(&json!({ "ok": true, "telefone": digits }));
            } else {
                say(trf(
                    lang,
                    Msg::Cli7CallSent,
                    &[("phone", &br::phone::display(&digits))],
                ));
            }
            Ok(EXIT_OK)
        }
        Err(CallError::NoConsole(p)) => Err(Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::Cli7CallNoConsole,
                &[("profile", &profile), ("path", &p.display())],
            ),
        )),
        Err(CallError::Timeout) => Err(Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::Cli7CallTimeout,
                &[("secs", &screenpop::IO_TIMEOUT.as_secs())],
            ),
        )),
        Err(CallError::Refused(code)) => Err(Failure::new(
            EXIT_REFUSED,
            trf(lang, Msg::Cli7CallRefused, &[("code", &code)]),
        )),
        Err(CallError::Io(e)) => Err(Failure::new(
            EXIT_FAILURE,
            trf(lang, Msg::Cli7CallFailed, &[("detail", &e)]),
        )),
    }
}
