use super::*;

fn env() -> Env {
    Env {
        stdout_tty: true,
        ..Env::default()
    }
}

fn s(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn bare_sequence_is_osc52_with_base64_and_bel() {
    let seq = osc52_sequence("hello", Multiplexer::None).unwrap();
    assert_eq!(s(&seq), "\x1b]52;c;aGVsbG8=\x07");
    // Non-ASCII text is encoded as UTF-8 bytes.
    let seq = osc52_sequence("ção", Multiplexer::None).unwrap();
    assert_eq!(s(&seq), "\x1b]52;c;w6fDo28=\x07");
}

#[test]
fn tmux_wraps_in_dcs_passthrough_with_doubled_escapes() {
    let seq = s(&osc52_sequence("hello", Multiplexer::Tmux).unwrap());
    assert_eq!(seq, "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\");
    // Exactly one ESC inside was doubled: opener, doubled pair, closer.
    assert_eq!(seq.matches('\x1b').count(), 4);
}

#[test]
fn screen_splits_into_short_dcs_chunks_that_rejoin() {
    let text = "2".repeat(300);
    let seq = osc52_sequence(&text, Multiplexer::Screen).unwrap();
    let bare = osc52_sequence(&text, Multiplexer::None).unwrap();
    let seq = s(&seq);
    let pieces: Vec<&str> = seq
        .strip_prefix("\x1bP")
        .unwrap()
        .strip_suffix("\x1b\\")
        .unwrap()
        .split("\x1b\\\x1bP")
        .collect();
    assert_eq!(pieces.len(), bare.len().div_ceil(SCREEN_CHUNK));
    assert!(pieces.iter().all(|p| p.len() <= SCREEN_CHUNK));
    assert!(
        pieces[..pieces.len() - 1]
            .iter()
            .all(|p| p.len() == SCREEN_CHUNK)
    );
    assert_eq!(pieces.concat().as_bytes(), bare.as_slice());
}

#[test]
fn size_cap_is_exact() {
    // 56,245 bytes encode to 74,996 base64 bytes (over); 56,244 to 74,992.
    let at = "a".repeat(OSC52_MAX_BASE64 / 4 * 3);
    assert!(osc52_sequence(&at, Multiplexer::None).is_ok());
    let over = "a".repeat(OSC52_MAX_BASE64 / 4 * 3 + 1);
    let err = osc52_sequence(&over, Multiplexer::Tmux).unwrap_err();
    assert_eq!(
        err,
        CopyError::TooLarge {
            size: 74_996,
            max: OSC52_MAX_BASE64
        }
    );
    assert_eq!(
        err.reason(Lang::PtBr),
        "texto grande demais para o terminal (74996 bytes em base64; máximo 74994)"
    );
}

#[test]
fn prepare_removes_controls_and_escapes() {
    assert_eq!(prepare("  abc\t123 \n").unwrap(), "abc 123");
    let evil = prepare("login\x1b]52;c;ZXZpbA==\x07x").unwrap();
    assert!(!evil.chars().any(crate::sanitize::is_forbidden), "{evil:?}");
    assert!(!evil.contains("]52"), "{evil:?}");
    assert_eq!(prepare(" \x00 ").unwrap(), "␀");
    assert_eq!(prepare("  \n "), Err(CopyError::Empty));
}

#[test]
fn env_reads_variables_and_ignores_empty_ones() {
    let vars = [
        ("SSH_TTY", "/dev/pts/3"),
        ("TMUX", "/tmp/tmux-1000/default,1,0"),
        ("DISPLAY", ""),
    ];
    let e = Env::from_lookup(
        |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        },
        true,
    );
    assert!(e.ssh && e.tmux && !e.screen && !e.x11 && !e.wayland && e.stdout_tty);
    assert_eq!(e.multiplexer(), Multiplexer::Tmux);
}

#[test]
fn plan_prefers_osc52_over_ssh_even_with_a_forwarded_display() {
    let ssh_x = Env {
        ssh: true,
        x11: true,
        ..env()
    };
    assert_eq!(plan(&ssh_x).unwrap(), [Method::Osc52(Multiplexer::None)]);
    let ssh_screen = Env {
        ssh: true,
        screen: true,
        ..env()
    };
    assert_eq!(
        plan(&ssh_screen).unwrap(),
        [
            Method::Osc52(Multiplexer::None),
            Method::Osc52(Multiplexer::Screen)
        ]
    );
}

/// Issue 13: with tmux's default settings (`set-clipboard external`,
/// `allow-passthrough off`) tmux drops both the plain and the wrapped
/// sequence; its own buffer, loaded with `load-buffer -w`, is what
/// reaches the clipboard. The plain sequence serves `set-clipboard on`;
/// the wrapped one only goes where tmux lets it through.
#[test]
fn inside_tmux_the_buffer_and_the_plain_sequence_and_passthrough_only_if_allowed() {
    let tmux = Env {
        ssh: true,
        tmux: true,
        ..env()
    };
    assert_eq!(
        plan(&tmux).unwrap(),
        [Method::TmuxBuffer, Method::Osc52(Multiplexer::None)]
    );
    let passthrough = Env {
        tmux_facts: TmuxFacts {
            passthrough: true,
            ..TmuxFacts::default()
        },
        ..tmux
    };
    assert_eq!(
        plan(&passthrough).unwrap(),
        [
            Method::TmuxBuffer,
            Method::Osc52(Multiplexer::None),
            Method::Osc52(Multiplexer::Tmux)
        ]
    );
    // tmux inside screen: tmux reads our output.
    let both = Env {
        screen: true,
        ..tmux
    };
    assert_eq!(plan(&both).unwrap(), plan(&tmux).unwrap());
    // No terminal on stdout: tmux's buffer is still there.
    let piped = Env {
        stdout_tty: false,
        ..tmux
    };
    assert_eq!(plan(&piped).unwrap(), [Method::TmuxBuffer]);
}

#[test]
fn tmux_facts_are_read_from_its_answer() {
    let facts = |passthrough, takes_osc52, before_3_2| TmuxFacts {
        passthrough,
        takes_osc52,
        before_3_2,
    };
    // tmux 3.3 with its defaults, then allow-passthrough and
    // set-clipboard on.
    let defaults = parse_tmux_facts("0|external|3.3a\n");
    assert_eq!(defaults, facts(false, false, false));
    assert_eq!(parse_tmux_facts("1|on|3.3a"), facts(true, true, false));
    // 3.4 and later print the choice; off takes OSC 52 no more than
    // external does.
    assert_eq!(parse_tmux_facts("all|off|3.5a"), facts(true, false, false));
    assert_eq!(
        parse_tmux_facts("off|external|next-3.6"),
        facts(false, false, false)
    );
    // Before 3.3 there was no such option and passthrough always
    // worked; before 3.2 load-buffer had no -w.
    assert_eq!(
        parse_tmux_facts("|external|3.2a"),
        facts(true, false, false)
    );
    assert_eq!(parse_tmux_facts("|external|3.1c"), facts(true, false, true));
    assert_eq!(parse_tmux_facts("|on|2.9"), facts(true, true, true));
    assert_eq!(parse_tmux_facts(""), TmuxFacts::default());
    // -w where tmux has it, since tmux before 3.2 fails on it.
    assert_eq!(defaults.buffer_tool(), NativeTool::TMUX_BUFFER);
    assert_eq!(
        parse_tmux_facts("|external|3.1c").buffer_tool().args,
        ["load-buffer", "-"]
    );
}

#[test]
fn plan_uses_native_tools_on_a_local_display_with_osc52_last() {
    let wayland = Env {
        wayland: true,
        x11: true,
        ..env()
    };
    assert_eq!(
        plan(&wayland).unwrap(),
        [
            Method::Native(NativeTool::WL_COPY),
            Method::Native(NativeTool::XCLIP),
            Method::Native(NativeTool::XSEL),
            Method::Osc52(Multiplexer::None),
        ]
    );
    let mac_not_tty = Env {
        macos: true,
        stdout_tty: false,
        ..Env::default()
    };
    assert_eq!(
        plan(&mac_not_tty).unwrap(),
        [Method::Native(NativeTool::PBCOPY)]
    );
}

#[test]
fn plan_refuses_when_only_osc52_is_possible_and_stdout_is_not_a_tty() {
    let e = Env {
        ssh: true,
        x11: true,
        ..Env::default()
    };
    assert_eq!(plan(&e), Err(CopyError::NotATerminal));
    assert_eq!(plan(&Env::default()), Err(CopyError::NotATerminal));
}

/// `cat` stands in for `tmux load-buffer`: it reads stdin, exits 0.
const CAT: NativeTool = NativeTool {
    program: "cat",
    args: &[],
};
const FALSE: NativeTool = NativeTool {
    program: "false",
    args: &[],
};
const ABSENT: NativeTool = NativeTool {
    program: "hubdesk-test-no-such-clipboard-tool",
    args: &[],
};

#[tokio::test]
async fn inside_tmux_the_report_is_truthful_shows_the_text_and_writes_nothing() {
    let e = Env {
        ssh: true,
        tmux: true,
        ..env()
    };
    let report = copy_with(Msg::WhatPixCode, " 000201\x1b[2J ", &e, CAT).await;
    let clean = prepare("000201\x1b[2J").unwrap();
    assert_eq!(report.text, clean);
    // The plain sequence only: the wrapped one is dropped by tmux's
    // defaults and is not sent.
    assert_eq!(
        report.terminal,
        osc52_sequence(&clean, Multiplexer::None).unwrap()
    );
    assert_eq!(
        report.result,
        Ok(Copied::Terminal {
            tmux_buffer: Some(Ok(())),
            to_terminal: true
        })
    );
    let status = report.status_text(Lang::PtBr);
    assert_eq!(
        status,
        format!(
            "No buffer do tmux e enviado à área de transferência do terminal · \
             código PIX: {clean}"
        )
    );
    assert!(!status.contains("Copiado"), "{status}");
    // The screen-clearing sequence did not survive into the payload.
    let payload = s(&report.terminal);
    let b64 = payload
        .split(";c;")
        .nth(1)
        .unwrap()
        .split('\x07')
        .next()
        .unwrap();
    let decoded = s(&BASE64.decode(b64).unwrap());
    assert!(!decoded.contains('\x1b'), "{decoded:?}");
    // With passthrough allowed the wrapped sequence follows the plain one.
    let e = Env {
        tmux_facts: TmuxFacts {
            passthrough: true,
            ..TmuxFacts::default()
        },
        ..e
    };
    let report = copy_with(Msg::WhatLogin, "maria", &e, CAT).await;
    let mut both = osc52_sequence("maria", Multiplexer::None).unwrap();
    both.extend(osc52_sequence("maria", Multiplexer::Tmux).unwrap());
    assert_eq!(report.terminal, both);
}

/// What is said follows what tmux does with each path (as checked in
/// a real tmux, see the module's documentation): the status never
/// claims the terminal's clipboard when tmux dropped everything.
#[tokio::test]
async fn the_report_follows_what_tmux_does_with_each_path() {
    let tmux = |takes_osc52, passthrough, before_3_2| Env {
        tmux: true,
        tmux_facts: TmuxFacts {
            passthrough,
            takes_osc52,
            before_3_2,
        },
        ..env()
    };
    let said = |r: &CopyReport| r.status_text(Lang::En);
    let both = "In tmux's buffer and sent to the terminal's clipboard · login: maria";
    // The defaults (set-clipboard external or off): tmux passes its
    // buffer on.
    let r = copy_with(Msg::WhatLogin, "maria", &tmux(false, false, false), CAT).await;
    assert_eq!(said(&r), both);
    // tmux before 3.2: the buffer is not passed on; without a sequence
    // tmux lets through it stays in tmux.
    let old = Env {
        stdout_tty: false,
        ..tmux(false, false, true)
    };
    let r = copy_with(Msg::WhatLogin, "maria", &old, CAT).await;
    assert_eq!(
        said(&r),
        "In tmux's buffer (paste with the prefix and ]) · login: maria"
    );
    // ...but a wrapped sequence tmux lets through reaches the terminal.
    let r = copy_with(Msg::WhatLogin, "maria", &tmux(false, true, true), CAT).await;
    assert_eq!(said(&r), both);
    // The buffer failed: with set-clipboard on the plain sequence
    // still went, and the failure is said.
    let r = copy_with(Msg::WhatLogin, "maria", &tmux(true, false, false), FALSE).await;
    assert_eq!(
        said(&r),
        "Sent to the terminal's clipboard · login: maria · false failed (exit status: 1)"
    );
    assert_eq!(
        r.terminal,
        osc52_sequence("maria", Multiplexer::None).unwrap()
    );
    // With the defaults tmux drops the plain sequence: a failed buffer
    // is a failed copy, and the text is still shown.
    let r = copy_with(Msg::WhatLogin, "maria", &tmux(false, false, false), FALSE).await;
    assert!(!r.is_ok());
    assert_eq!(
        said(&r),
        "Could not copy (false failed (exit status: 1)) · login: maria"
    );
    let r = copy_with(Msg::WhatLogin, "maria", &tmux(false, false, false), ABSENT).await;
    assert_eq!(
        said(&r),
        "Could not copy (hubdesk-test-no-such-clipboard-tool failed (not found)) · login: maria"
    );
    // No terminal on stdout: nothing is written, the buffer still goes.
    let piped = Env {
        stdout_tty: false,
        ..tmux(false, false, false)
    };
    let r = copy_with(Msg::WhatLogin, "maria", &piped, CAT).await;
    assert!(r.terminal.is_empty());
    assert_eq!(said(&r), both);
}

#[tokio::test]
async fn outside_tmux_the_terminal_gets_the_plain_sequence_and_the_report_says_sent() {
    let report = copy_with(Msg::WhatBoletoLine, "7569 1", &env(), ABSENT).await;
    assert_eq!(
        report.terminal,
        osc52_sequence("7569 1", Multiplexer::None).unwrap()
    );
    assert_eq!(
        report.status_text(Lang::PtBr),
        "Enviado à área de transferência do terminal · linha digitável: 7569 1"
    );
    let report = copy_with(Msg::WhatLogin, "   ", &env(), ABSENT).await;
    assert_eq!(report.result, Err(CopyError::Empty));
    assert_eq!(
        report.status_text(Lang::En),
        "Could not copy: nothing to copy"
    );
}

#[tokio::test]
async fn missing_tools_fall_through_and_failing_tools_are_reported() {
    let (got, bytes) = run_plan(
        &[Method::Native(ABSENT), Method::Osc52(Multiplexer::None)],
        "x",
        CAT,
        TmuxFacts::default(),
    )
    .await;
    assert!(matches!(
        got,
        Ok(Copied::Terminal {
            to_terminal: true,
            ..
        })
    ));
    assert!(!bytes.is_empty());

    let (got, _) = run_plan(&[Method::Native(ABSENT)], "x", CAT, TmuxFacts::default()).await;
    assert_eq!(got, Err(CopyError::NoTool));

    // `cat` reads stdin and exits 0: the way a real tool behaves, and
    // the first tool that works ends the copy.
    let (got, bytes) = run_plan(
        &[Method::Native(CAT), Method::Osc52(Multiplexer::None)],
        "x",
        CAT,
        TmuxFacts::default(),
    )
    .await;
    assert_eq!(got, Ok(Copied::Native("cat")));
    assert!(bytes.is_empty());

    let (got, _) = run_plan(
        &[Method::Native(FALSE), Method::Osc52(Multiplexer::None)],
        "x",
        CAT,
        TmuxFacts::default(),
    )
    .await;
    assert!(
        matches!(got, Ok(Copied::Terminal { .. })),
        "stale DISPLAY: {got:?}"
    );
    let (got, _) = run_plan(
        &[Method::Native(FALSE), Method::Native(ABSENT)],
        "x",
        CAT,
        TmuxFacts::default(),
    )
    .await;
    assert!(
        matches!(got, Err(CopyError::ToolFailed { tool: "false", .. })),
        "{got:?}"
    );
}

#[test]
fn the_copy_future_can_be_spawned() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let fut = copy(Msg::WhatLogin, "maria".into(), Env::default());
    assert_send(&fut);
}
