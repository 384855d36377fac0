use super::*;

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

const FILE: &str = r#"
default_profile = "a"
[profiles.a]
host = "https://a.example"
client_id = "1"
username = "ua"
password = "pw-a"
client_secret_command = "printf ' s3cr3t \n'"
[profiles.b]
host = "https://b.example"
read_only = true
"#;

#[test]
fn file_then_env_then_flags() {
    let file = parse(FILE).unwrap();
    let none = env_of(&[]);
    let s = resolve(&file, &FlagOverrides::default(), &none).unwrap();
    assert_eq!(s.profile, "a");
    assert_eq!(s.host.as_deref(), Some("https://a.example"));
    let env = env_of(&[(ENV_PROFILE, "b"), (ENV_HOST, "https://env.example")]);
    let s = resolve(&file, &FlagOverrides::default(), &env).unwrap();
    assert_eq!(s.profile, "b");
    assert!(s.read_only);
    assert_eq!(s.host.as_deref(), Some("https://env.example"));
    let flags = FlagOverrides {
        profile: Some("a".into()),
        host: Some("https://flag.example".into()),
    };
    let s = resolve(&file, &flags, &env).unwrap();
    assert_eq!(s.profile, "a");
    assert_eq!(s.host.as_deref(), Some("https://flag.example"));
}

#[test]
fn secrets_env_over_command_over_file() {
    let file = parse(FILE).unwrap();
    let none = env_of(&[]);
    let s = resolve(&file, &FlagOverrides::default(), &none).unwrap();
    assert_eq!(s.client_secret_source(), SecretSource::Command);
    assert_eq!(s.password_source(), SecretSource::File);
    let c = s.credentials().unwrap();
    assert_eq!(c.client_secret.expose(), "s3cr3t");
    assert_eq!(c.password.expose(), "pw-a");
    let env = env_of(&[(ENV_CLIENT_SECRET, "e1"), (ENV_PASSWORD, "e2")]);
    let s = resolve(&file, &FlagOverrides::default(), &env).unwrap();
    let c = s.credentials().unwrap();
    assert_eq!(
        (c.client_secret.expose(), c.password.expose()),
        ("e1", "e2")
    );
}

#[test]
fn failing_secret_command_is_a_clear_error() {
    let file = parse(
        "[profiles.x]\nclient_id='1'\nusername='u'\npassword='p'\nclient_secret_command='exit 3'\n",
    )
    .unwrap();
    let s = resolve(&file, &FlagOverrides::default(), &env_of(&[])).unwrap();
    let e = s.credentials().err().unwrap();
    assert!(matches!(
        e,
        ConfigError::SecretCommand {
            what: "client_secret_command",
            ..
        }
    ));
    assert!(e.message(Lang::En).contains("client_secret_command"));
}

#[test]
fn unknown_profile_and_keys_are_reported() {
    let file = parse(FILE).unwrap();
    let flags = FlagOverrides {
        profile: Some("zz".into()),
        host: None,
    };
    assert!(matches!(
        resolve(&file, &flags, &env_of(&[])),
        Err(ConfigError::NoSuchProfile { .. })
    ));
    let two = parse("[profiles.b]\nhost = 'x'\n[profiles.a]\nhost = 'y'\n").unwrap();
    let none = FlagOverrides {
        profile: None,
        host: None,
    };
    let err = resolve(&two, &none, &env_of(&[])).err().expect("ambiguous");
    assert_eq!(
        err,
        ConfigError::NoProfileChosen {
            names: vec!["a".into(), "b".into()]
        }
    );
    assert!(err.message(Lang::En).contains("a, b"));
    let chosen = resolve(&two, &none, &env_of(&[("HUBDESK_PROFILE", "b")])).ok();
    assert_eq!(chosen.map(|s| s.profile).as_deref(), Some("b"));
    let unknown = unknown_keys("colour = 1\n[profiles.a]\nhots = 'x'\nhost = 'y'\n");
    assert_eq!(unknown, vec!["colour", "profiles.a.hots"]);
}

#[test]
fn plain_http_only_to_loopback_unless_allowed() {
    let file = ConfigFile::default();
    let check = |host: &str, insecure: bool| {
        let flags = FlagOverrides {
            profile: None,
            host: Some(host.into()),
        };
        let mut s = resolve(&file, &flags, &env_of(&[])).unwrap();
        s.insecure_http = insecure;
        s.checked_host()
    };
    assert!(check("http://127.0.0.1:9000", false).is_ok());
    assert!(check("http://[::1]:9000/x", false).is_ok());
    assert!(check("http://localhost", false).is_ok());
    assert!(check("https://isp.example", false).is_ok());
    assert!(matches!(
        check("http://10.0.0.1", false),
        Err(ConfigError::InsecureHttp { .. })
    ));
    assert!(check("http://10.0.0.1", true).is_ok());
}

#[test]
fn theme_from_flag_config_no_color_and_accent() {
    let file = parse("theme = 'light'\n[profiles.p]\naccent = '#ff8800'\n").unwrap();
    let s = resolve(&file, &FlagOverrides::default(), &env_of(&[])).unwrap();
    let t = resolve_theme(None, file.theme.as_deref(), false, None, &s).unwrap();
    assert_eq!(
        t,
        Theme::new(ThemeKind::Light).with_accent(parse_color("#ff8800").unwrap())
    );
    let t = resolve_theme(Some(ThemeKind::Dark), Some("light"), false, None, &s).unwrap();
    assert_eq!(t.kind(), ThemeKind::Dark);
    for (flag, env) in [(true, None), (false, Some("1"))] {
        let t = resolve_theme(Some(ThemeKind::Dark), None, flag, env, &s).unwrap();
        assert_eq!(t.kind(), ThemeKind::Mono);
        assert!(!t.has_color());
    }
    let t = resolve_theme(None, None, false, Some(""), &s).unwrap();
    assert_eq!(t.kind(), ThemeKind::Dark);
    assert!(matches!(
        resolve_theme(None, Some("neon"), false, None, &s),
        Err(ConfigError::BadValue { .. })
    ));
    let bad = parse("[profiles.p]\naccent = 'not-a-colour'\n").unwrap();
    let s = resolve(&bad, &FlagOverrides::default(), &env_of(&[])).unwrap();
    assert!(resolve_theme(None, None, false, None, &s).is_err());
}

#[test]
fn type_errors_are_messages_not_panics() {
    let e = parse("privacy = 'yes please'").err().unwrap();
    assert!(e.contains("privacy"), "{e}");
    assert!(parse("[[[").is_err());
}

#[test]
fn the_example_is_a_valid_config_without_unknown_keys() {
    let file = parse(EXAMPLE).unwrap();
    assert!(unknown_keys(EXAMPLE).is_empty());
    assert!(!file.profiles.is_empty());
    assert!(profiles_with_secrets(&file).is_empty());
}

#[test]
fn the_pbx_extension_and_internal_id_resolve_and_blanks_are_unset() {
    let text = r#"
[profiles.p]
host = "https://p.example"
ramal = "201"
internal_id = " ATD-7 "
[profiles.q]
host = "https://q.example"
internal_id = "  "
"#;
    assert!(unknown_keys(text).is_empty());
    let file = parse(text).unwrap();
    let none = env_of(&[]);
    let pick = |name: &str| FlagOverrides {
        profile: Some(name.into()),
        ..FlagOverrides::default()
    };
    let s = resolve(&file, &pick("p"), &none).unwrap();
    assert_eq!(s.ramal.as_deref(), Some("201"));
    assert_eq!(s.internal_id.as_deref(), Some(" ATD-7 "));
    let s = resolve(&file, &pick("q"), &none).unwrap();
    assert_eq!((s.ramal, s.internal_id), (None, None));
    let login = DemoLogin {
        client_id: "c",
        client_secret: "s",
        username: "u",
        password: "p",
    };
    let demo = Settings::demo(
        "http://127.0.0.1:1".into(),
        login,
        Some(&resolve(&file, &pick("p"), &none).unwrap()),
    );
    assert_eq!(demo.internal_id.as_deref(), Some(" ATD-7 "));
}

#[test]
fn an_explicit_config_file_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.toml");
    assert!(load_checked(&missing, false).is_ok_and(|l| !l.exists));
    let e = load_checked(&missing, true).err().unwrap();
    assert_eq!(
        e,
        ConfigError::NotFound {
            path: missing.clone()
        }
    );
    let shown = e.message(Lang::PtBr);
    assert!(
        shown.contains("typo.toml") && shown.contains("--config"),
        "{shown}"
    );
    std::fs::write(&missing, "").unwrap();
    assert!(load_checked(&missing, true).is_ok_and(|l| l.exists));
}

#[cfg(unix)]
#[test]
fn a_readable_file_with_secrets_gives_a_warning_naming_it_and_chmod() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let set = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode));
    std::fs::write(&path, "[profiles.p]\npassword = 'x'\n").unwrap();
    for mode in [0o644, 0o640, 0o604] {
        set(mode).unwrap();
        let w = secrets_warning(&load(&path).unwrap(), Lang::En).expect("warned");
        assert!(w.contains(&path.display().to_string()), "{w}");
        assert!(w.contains("chmod 600"), "{w}");
        let pt = secrets_warning(&load(&path).unwrap(), Lang::PtBr).unwrap();
        assert!(pt.contains("pode ser lido por outros"), "{pt}");
    }
    set(0o600).unwrap();
    assert_eq!(secrets_warning(&load(&path).unwrap(), Lang::En), None);
    // Readable by others but without secrets: nothing to protect.
    std::fs::write(&path, "[profiles.p]\nhost = 'https://x.example'\n").unwrap();
    set(0o644).unwrap();
    assert_eq!(secrets_warning(&load(&path).unwrap(), Lang::En), None);
}

#[test]
fn a_host_with_user_info_is_refused_without_echoing_it() {
    let secret = "s3nh4-n0-host";
    let file = parse(&format!(
        "[profiles.p]\nhost = 'https://api:{secret}@erp.example'\n"
    ))
    .unwrap();
    let none = env_of(&[]);
    let e = resolve(&file, &FlagOverrides::default(), &none)
        .err()
        .expect("refused");
    assert_eq!(
        e,
        ConfigError::HostUserinfo {
            source: "profiles.p.host".into()
        }
    );
    for lang in [Lang::PtBr, Lang::En] {
        let text = e.message(lang);
        assert!(
            !text.contains(secret) && !text.contains("erp.example"),
            "{text}"
        );
        assert!(text.contains("profiles.p.host"), "{text}");
    }
    // From the flag and the environment too; a plain host passes.
    let flags = FlagOverrides {
        profile: None,
        host: Some(format!("http://u:{secret}@127.0.0.1:9")),
    };
    assert_eq!(
        resolve(&ConfigFile::default(), &flags, &none).err(),
        Some(ConfigError::HostUserinfo {
            source: "--host".into()
        })
    );
    let env = env_of(&[(ENV_HOST, "https://user@erp.example/api")]);
    assert_eq!(
        resolve(&ConfigFile::default(), &FlagOverrides::default(), &env).err(),
        Some(ConfigError::HostUserinfo {
            source: ENV_HOST.into()
        })
    );
    let env = env_of(&[(ENV_HOST, "https://erp.example/api?x=a@b")]);
    assert!(resolve(&ConfigFile::default(), &FlagOverrides::default(), &env).is_ok());
}

#[cfg(unix)]
#[test]
fn a_file_others_may_write_must_not_run_commands() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let set = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode));
    std::fs::write(
        &path,
        "[profiles.p]\nhost = 'https://x.example'\npassword_command = 'pass show x'\n",
    )
    .unwrap();
    for (mode, refused) in [
        (0o666, true),
        (0o620, true),
        (0o602, true),
        (0o644, false),
        (0o600, false),
    ] {
        set(mode).unwrap();
        let r = check_commands_safe(&load(&path).unwrap());
        assert_eq!(r.is_err(), refused, "{mode:o}");
    }
    set(0o666).unwrap();
    let e = check_commands_safe(&load(&path).unwrap()).unwrap_err();
    assert!(
        e.message(Lang::PtBr).contains("chmod go-w"),
        "{}",
        e.message(Lang::PtBr)
    );
    // Without a command there is nothing to run.
    std::fs::write(&path, "[profiles.p]\nhost = 'https://x.example'\n").unwrap();
    assert!(check_commands_safe(&load(&path).unwrap()).is_ok());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_as_config_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // No writer ever opens it: reading it would block forever.
    let e = load(&fifo).err().expect("refused");
    assert!(
        matches!(&e, ConfigError::Read { detail, .. } if detail == "not a regular file"),
        "{e:?}"
    );
    let e = load(Path::new("/dev/zero")).err().expect("refused");
    assert!(matches!(e, ConfigError::Read { .. }), "{e:?}");
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
    let e = load(&big).err().expect("refused");
    assert!(
        matches!(&e, ConfigError::Read { detail, .. } if detail.starts_with("larger than")),
        "{e:?}"
    );
}

#[test]
fn a_hung_secret_command_is_killed_after_its_time() {
    let e = run_secret_command(
        "exec sleep 30",
        "password_command",
        std::time::Duration::from_millis(300),
    )
    .expect_err("timed out");
    assert!(
        matches!(&e, ConfigError::SecretCommand { detail, .. } if detail.starts_with("no answer within")),
        "{e:?}"
    );
    let ok = run_secret_command(
        "printf ' pw \\n'",
        "password_command",
        std::time::Duration::from_secs(30),
    )
    .unwrap();
    assert_eq!(ok.expose(), "pw");
}

#[test]
fn unknown_keys_and_cleartext_hosts_are_said_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "thme = 'dark'\n[profiles.p]\nhost = 'http://10.0.0.5'\ninsecure_http = true\npasword_command = 'x'\n",
    )
    .unwrap();
    let loaded = load(&path).unwrap();
    let w = unknown_keys_warning(&loaded, Lang::En).expect("warned");
    assert!(w.ends_with("profiles.p.pasword_command, thme"), "{w}");
    let s = resolve(&loaded.file, &FlagOverrides::default(), &env_of(&[])).unwrap();
    assert!(s.cleartext_remote());
    assert!(s.checked_host().is_ok(), "allowed, but said");
    for host in [
        "https://10.0.0.5",
        "http://127.0.0.1:8",
        "http://[::1]:8",
        "http://localhost",
    ] {
        let s = resolve(
            &ConfigFile::default(),
            &FlagOverrides {
                profile: None,
                host: Some(host.into()),
            },
            &env_of(&[]),
        )
        .unwrap();
        assert!(!s.cleartext_remote(), "{host}");
    }
    std::fs::write(&path, "[profiles.p]\nhost = 'https://x'\n").unwrap();
    assert_eq!(unknown_keys_warning(&load(&path).unwrap(), Lang::En), None);
}

#[test]
fn the_watch_pace_has_defaults_ranges_and_known_keys() {
    use std::time::Duration;
    let (interval, limit) = parse("").unwrap().watch.pace().unwrap();
    assert_eq!(
        (interval, limit),
        (Duration::from_secs(5), Duration::from_secs(300))
    );
    let file = parse("[watch]\ninterval_secs = 2\nlimit_mins = 10\n").unwrap();
    assert_eq!(
        file.watch.pace().unwrap(),
        (Duration::from_secs(2), Duration::from_secs(600))
    );
    for (text, key) in [
        ("[watch]\ninterval_secs = 0", "watch.interval_secs"),
        ("[watch]\ninterval_secs = 301", "watch.interval_secs"),
        ("[watch]\nlimit_mins = 0", "watch.limit_mins"),
        ("[watch]\nlimit_mins = 121", "watch.limit_mins"),
    ] {
        match parse(text).unwrap().watch.pace() {
            Err(ConfigError::BadValue { key: k, .. }) => assert_eq!(k, key, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    assert!(parse("[watch]\ninterval_secs = 'cinco'").is_err());
    assert_eq!(
        unknown_keys("[watch]\ninterval_secs = 5\nintervalo = 3\n"),
        vec!["watch.intervalo".to_owned()]
    );
    let example = parse(EXAMPLE).unwrap();
    assert_eq!(
        example.watch.pace().unwrap(),
        (Duration::from_secs(5), Duration::from_secs(300)),
        "the example shows the defaults"
    );
}
