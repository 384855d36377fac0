//! NOC commands (`[[commands]]` in the config, issue 18 part 4): a
//! program the jump host runs on the selected customer's data, like k9s
//! plugins (`ping -c 5 {ipv4}`, `ssh noc@{equipamento_ip}`).
//!
//! The command line is split into words once, when the config is read
//! (shell quoting rules, `shell-words`), and each placeholder is then
//! replaced inside its own word. The program is run directly, never
//! through a shell, so a value can never add a word, an option, a pipe or
//! a second command. On top of that a value is refused, not run, when it
//! could still act on the program: one that starts with `-` (an option),
//! or holds a control character or whitespace. The program itself must be
//! written out: a placeholder cannot choose what runs.

use crate::i18n::{Lang, Msg, tr, trf};

/// The customer data a command can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placeholder {
    /// `{ipv4}`: the service's IPv4 address.
    Ipv4,
    /// `{ipv6}`: the service's IPv6 address (WAN).
    Ipv6,
    /// `{login}`: the PPPoE/RADIUS login.
    Login,
    /// `{mac}`: the MAC bound to the login.
    Mac,
    /// `{phy_addr}`: the ONU/CPE's own MAC.
    PhyAddr,
    /// `{equipamento_ip}`: the access equipment's (OLT, concentrator) IP.
    EquipamentoIp,
    /// `{codigo}`: the customer code.
    Codigo,
}

impl Placeholder {
    /// Every placeholder, in the order the docs list them.
    pub const ALL: [Placeholder; 7] = [
        Placeholder::Ipv4,
        Placeholder::Ipv6,
        Placeholder::Login,
        Placeholder::Mac,
        Placeholder::PhyAddr,
        Placeholder::EquipamentoIp,
        Placeholder::Codigo,
    ];

    /// Its name between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Ipv4 => "ipv4",
            Placeholder::Ipv6 => "ipv6",
            Placeholder::Login => "login",
            Placeholder::Mac => "mac",
            Placeholder::PhyAddr => "phy_addr",
            Placeholder::EquipamentoIp => "equipamento_ip",
            Placeholder::Codigo => "codigo",
        }
    }

    /// `{name}`, as written in a command line.
    pub fn braced(self) -> String {
        format!("{{{}}}", self.name())
    }

    fn from_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// One piece of a word: text as written, or a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Value(Placeholder),
}

/// A command line split into words, each word a run of pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine {
    words: Vec<Vec<Piece>>,
}

/// Why a configured command line is refused (a config error, found when
/// the file is read and by `hubdesk config check`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// Nothing to run.
    #[error("the command is empty")]
    Empty,
    /// Unbalanced quotes or a trailing backslash.
    #[error("the command cannot be split into words: {0}")]
    Unsplittable(String),
    /// `{name}` is not a placeholder.
    #[error("unknown placeholder {{{0}}}")]
    UnknownPlaceholder(String),
    /// A `{` never closed.
    #[error("a {{ is never closed")]
    Unclosed,
    /// The program is (or contains) a placeholder.
    #[error("the program must be written out, not a placeholder")]
    ProgramFromData,
}

impl LineError {
    /// The error in `lang`, for `config check` and the status line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LineError::Empty => tr(lang, Msg::NocLineEmpty).to_owned(),
            LineError::Unsplittable(detail) => {
                trf(lang, Msg::NocLineUnsplittable, &[("detail", detail)])
            }
            LineError::UnknownPlaceholder(name) => {
                let name = format!("{{{name}}}");
                let list = Placeholder::ALL
                    .iter()
                    .map(|p| p.braced())
                    .collect::<Vec<_>>()
                    .join(", ");
                trf(
                    lang,
                    Msg::NocLineUnknownPlaceholder,
                    &[("name", &name), ("list", &list)],
                )
            }
            LineError::Unclosed => tr(lang, Msg::NocLineUnclosed).to_owned(),
            LineError::ProgramFromData => tr(lang, Msg::NocLineProgramFromData).to_owned(),
        }
    }
}

/// Why a command is not run on this customer's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The service has no value for the placeholder (no IPv6, no
    /// equipment...).
    Missing(Placeholder),
    /// The value could act on the program (a leading `-`, whitespace, a
    /// control character): it is not run.
    Unsafe(Placeholder),
}

impl Refusal {
    /// The refusal in `lang`, naming the placeholder.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Missing(p) => trf(lang, Msg::NocValueMissing, &[("name", &p.braced())]),
            Refusal::Unsafe(p) => trf(lang, Msg::NocValueUnsafe, &[("name", &p.braced())]),
        }
    }
}

impl CommandLine {
    /// Splits `line` into words and finds the placeholders in each.
    pub fn parse(line: &str) -> Result<CommandLine, LineError> {
        let words = shell_words::split(line).map_err(|e| LineError::Unsplittable(e.to_string()))?;
        if words.is_empty() {
            return Err(LineError::Empty);
        }
        let words = words
            .iter()
            .map(|w| pieces(w))
            .collect::<Result<Vec<_>, _>>()?;
        if words[0].iter().any(|p| matches!(p, Piece::Value(_))) {
            return Err(LineError::ProgramFromData);
        }
        Ok(CommandLine { words })
    }

    /// The placeholders the line uses, each once.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let mut out: Vec<Placeholder> = self
            .words
            .iter()
            .flatten()
            .filter_map(|p| match p {
                Piece::Value(v) => Some(*v),
                Piece::Text(_) => None,
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The program, as written.
    pub fn program(&self) -> String {
        text_of(&self.words[0])
    }

    /// The argument vector for one customer's data: each placeholder
    /// replaced inside its word, or why the command is not run.
    pub fn argv(
        &self,
        value: impl Fn(Placeholder) -> Option<String>,
    ) -> Result<Vec<String>, Refusal> {
        let mut out = Vec::with_capacity(self.words.len());
        for word in &self.words {
            let mut text = String::new();
            for piece in word {
                match piece {
                    Piece::Text(t) => text.push_str(t),
                    Piece::Value(p) => {
                        let v = value(*p)
                            .map(|v| v.trim().to_owned())
                            .filter(|v| !v.is_empty())
                            .ok_or(Refusal::Missing(*p))?;
                        if !safe_value(&v) {
                            return Err(Refusal::Unsafe(*p));
                        }
                        text.push_str(&v);
                    }
                }
            }
            out.push(text);
        }
        Ok(out)
    }
}

/// A value that can only ever be data: no option, no word break, no
/// control character.
fn safe_value(v: &str) -> bool {
    !v.starts_with('-') && !v.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn text_of(word: &[Piece]) -> String {
    word.iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Value(v) => format!("{{{}}}", v.name()),
        })
        .collect()
}

/// The pieces of one word: `{name}` is a placeholder, everything else is
/// text. A `}` alone is text.
fn pieces(word: &str) -> Result<Vec<Piece>, LineError> {
    let mut out = Vec::new();
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(LineError::Unclosed)?;
        let name = &after[..close];
        let p = Placeholder::from_name(name)
            .ok_or_else(|| LineError::UnknownPlaceholder(name.to_owned()))?;
        out.push(Piece::Value(p));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    Ok(out)
}

/// Whether `program` can be found: a path that exists, or a name on
/// `PATH`. `config check` warns when it cannot (the jump host may differ
/// from where the file was written).
pub fn program_found(program: &str) -> bool {
    if program.contains('/') {
        return std::path::Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(p: Placeholder) -> Option<String> {
        match p {
            Placeholder::Ipv4 => Some("10.64.0.6".into()),
            Placeholder::Login => Some("ana.fibra".into()),
            Placeholder::EquipamentoIp => Some("172.17.24.90".into()),
            Placeholder::Codigo => Some("1006".into()),
            _ => None,
        }
    }

    #[test]
    fn each_placeholder_is_replaced_inside_its_own_word() {
        let line = CommandLine::parse("ssh -o 'ConnectTimeout=5' noc@{equipamento_ip}").unwrap();
        assert_eq!(line.program(), "ssh");
        assert_eq!(line.placeholders(), [Placeholder::EquipamentoIp]);
        assert_eq!(
            line.argv(values).unwrap(),
            ["ssh", "-o", "ConnectTimeout=5", "noc@172.17.24.90"]
        );
        let line = CommandLine::parse("mtr -rwc 10 {ipv4}").unwrap();
        assert_eq!(
            line.argv(values).unwrap(),
            ["mtr", "-rwc", "10", "10.64.0.6"]
        );
        // Quoted text with a placeholder stays one word.
        let line = CommandLine::parse("echo \"login {login} (cliente {codigo})\"").unwrap();
        assert_eq!(
            line.argv(values).unwrap(),
            ["echo", "login ana.fibra (cliente 1006)"]
        );
    }

    #[test]
    fn data_can_never_add_a_word_an_option_or_a_command() {
        let line = CommandLine::parse("ping -c 5 {login}").unwrap();
        for hostile in [
            "-oProxyCommand=sh",
            "a b",
            "x;rm -rf /",
            "x\nreboot",
            "\u{1b}[2J",
            "a\tb",
        ] {
            let got = line.argv(|_| Some(hostile.to_owned()));
            assert_eq!(got, Err(Refusal::Unsafe(Placeholder::Login)), "{hostile:?}");
        }
        // Shell syntax in a value is only text: nothing interprets it.
        for inert in ["$(reboot)", "`id`", "a;b", "a|b", "'\"", "*"] {
            let got = line.argv(|_| Some(inert.to_owned())).unwrap();
            assert_eq!(got.len(), 4, "{inert}");
            assert_eq!(got[3], inert);
        }
    }

    #[test]
    fn a_missing_value_refuses_naming_it() {
        let line = CommandLine::parse("ping6 -c 5 {ipv6}").unwrap();
        assert_eq!(line.argv(values), Err(Refusal::Missing(Placeholder::Ipv6)));
        let blank = line.argv(|_| Some("   ".into()));
        assert_eq!(blank, Err(Refusal::Missing(Placeholder::Ipv6)));
        assert!(
            Refusal::Missing(Placeholder::Ipv6)
                .message(Lang::En)
                .contains("{ipv6}")
        );
    }

    #[test]
    fn bad_lines_are_config_errors() {
        assert_eq!(CommandLine::parse("   "), Err(LineError::Empty));
        assert!(matches!(
            CommandLine::parse("ping 'unclosed"),
            Err(LineError::Unsplittable(_))
        ));
        assert_eq!(
            CommandLine::parse("ping {ip}"),
            Err(LineError::UnknownPlaceholder("ip".into()))
        );
        assert_eq!(CommandLine::parse("ping {ipv4"), Err(LineError::Unclosed));
        assert_eq!(
            CommandLine::parse("{login} --help"),
            Err(LineError::ProgramFromData)
        );
        assert_eq!(
            CommandLine::parse("/usr/bin/{login}"),
            Err(LineError::ProgramFromData)
        );
        for e in [LineError::Empty, LineError::Unclosed] {
            assert_ne!(e.message(Lang::PtBr), e.message(Lang::En));
        }
    }

    #[test]
    fn programs_are_looked_up_on_the_path() {
        assert!(program_found("sh"));
        assert!(!program_found("hubdesk-no-such-program-xyz"));
        assert!(!program_found("/nonexistent/ping"));
    }
}
