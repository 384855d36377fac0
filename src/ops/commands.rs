//! NOC commands (`[[commands]]` in the config, issue 18 part 4): a
//! program the jump host runs on the selected customer's data, like k9s
//! plugins (`ping -c 5 {ipv4}`, `ssh noc@{equipamento_ip}`).
//!
//! The command line is split into words once, when the config is read
//! (shell quoting rules, `shell-words`), and each placeholder is then
//! replaced inside its own word. The program is run directly, never
//! through a shell, so a value can never add a word, an option, a pipe or
//! a second command. On top of that a value is refused, not run, when it
//! could still act on the program or on a shell the line hands it to
//! (`sh -c`, ssh's remote command): one that starts with `-` (an option),
//! or holds anything but the characters of addresses, logins and codes.
//! The program itself must be written out: a placeholder cannot choose
//! what runs.

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
/// control character, and nothing a shell would read as syntax. The
/// program itself runs without a shell, but a configured line may still
/// hand a value to one (`sh -c`, the remote command of `ssh`), so only
/// the characters of addresses, logins and codes pass: ASCII letters and
/// digits and `. _ : @ + / = % -`.
fn safe_value(v: &str) -> bool {
    !v.starts_with('-')
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".:_@+/=%-".contains(c))
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

/// One configured command, checked: what the console offers and runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NocCommand {
    /// Its name (palette, help, confirmation, output title); free of
    /// control characters.
    pub name: String,
    /// The key as written in the file (the console parses and binds it).
    pub key: String,
    /// The command line, split.
    pub line: CommandLine,
    /// Ask before running it.
    pub confirm: bool,
    /// It changes something: refused in read-only mode.
    pub writes: bool,
    /// It needs the terminal: the console steps aside while it runs.
    pub interactive: bool,
}

/// Why a `[[commands]]` entry is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// A required field is missing or blank.
    Missing(&'static str),
    /// The command line is refused.
    Line(LineError),
}

impl EntryProblem {
    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            EntryProblem::Missing(field) => trf(lang, Msg::CfgCommandMissing, &[("field", field)]),
            EntryProblem::Line(e) => e.message(lang),
        }
    }
}

/// The name an entry is shown under in a problem: its own, else `#n`.
pub fn entry_label(entry: &crate::config::CommandEntry, index: usize) -> String {
    entry
        .name
        .as_deref()
        .map(|n| crate::sanitize::clean_line(n).trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("#{}", index + 1))
}

/// Checks one `[[commands]]` entry: every problem it has, or the command.
/// `config check` lists the problems; the console offers only the
/// commands and says at start-up which entries it left out. One check for
/// both, so the two never disagree.
pub fn check_entry(entry: &crate::config::CommandEntry) -> Result<NocCommand, Vec<EntryProblem>> {
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let name = entry
        .name
        .as_deref()
        .map(|n| crate::sanitize::clean_line(n).trim().to_owned())
        .filter(|n| !n.is_empty());
    let key = text(&entry.key);
    let command = text(&entry.command);
    let mut problems = Vec::new();
    for (field, missing) in [
        ("name", name.is_none()),
        ("key", key.is_none()),
        ("command", command.is_none()),
    ] {
        if missing {
            problems.push(EntryProblem::Missing(field));
        }
    }
    let line = command.map(|c| CommandLine::parse(&c));
    if let Some(Err(e)) = &line {
        problems.push(EntryProblem::Line(e.clone()));
    }
    match (name, key, line) {
        (Some(name), Some(key), Some(Ok(line))) if problems.is_empty() => Ok(NocCommand {
            name,
            key,
            line,
            confirm: entry.confirm,
            writes: entry.writes,
            interactive: entry.interactive,
        }),
        _ => Err(problems),
    }
}

/// Every `[[commands]]` entry checked: the sound ones, and one line per
/// problem of the others (`Commando "ping": ...`), in `lang`. The console
/// offers the first and shows the second at start-up; `config check`
/// prints the second.
pub fn load(entries: &[crate::config::CommandEntry], lang: Lang) -> (Vec<NocCommand>, Vec<String>) {
    let mut commands = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match check_entry(entry) {
            Ok(c) => commands.push(c),
            Err(list) => {
                let label = entry_label(entry, i);
                problems.extend(list.iter().map(|p| {
                    trf(
                        lang,
                        Msg::CfgCommandBad,
                        &[("name", &label), ("detail", &p.message(lang))],
                    )
                }));
            }
        }
    }
    (commands, problems)
}

/// The value of each placeholder on a customer's service, as the
/// console's Serviços pane shows it: the address of the last session
/// before the one on record (a dynamic IP changes at each connection),
/// the access equipment's address from the service or its interface.
pub fn service_value(
    customer: &crate::api::Customer,
    service: Option<&crate::api::CustomerService>,
    placeholder: Placeholder,
) -> Option<String> {
    let text = |v: Option<&str>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    if placeholder == Placeholder::Codigo {
        return customer.codigo_cliente.map(|c| c.to_string());
    }
    let s = service?;
    match placeholder {
        Placeholder::Ipv4 => text(
            s.ultima_conexao
                .as_ref()
                .and_then(|c| c.ultimo_ipv4.as_deref()),
        )
        .or_else(|| text(s.ipv4.as_deref())),
        Placeholder::Ipv6 => text(s.ipv6.as_deref()),
        Placeholder::Login => text(s.login.as_deref()),
        Placeholder::Mac => text(s.mac_addr.as_deref()),
        Placeholder::PhyAddr => text(s.phy_addr.as_deref()),
        Placeholder::EquipamentoIp => text(
            s.equipamento_conexao
                .as_ref()
                .and_then(|e| e.ipv4.as_deref()),
        )
        .or_else(|| {
            text(
                s.interface
                    .as_ref()
                    .and_then(|i| i.equipamento_conexao.as_ref())
                    .and_then(|e| e.ipv4.as_deref()),
            )
        }),
        Placeholder::Codigo => None,
    }
}

/// How a command's run ended, as the process side reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandEnd {
    /// It exited with this code (`None`: killed by a signal).
    Exited(Option<i32>),
    /// The program is not on this host (`PATH`, or the path written).
    NotFound(String),
    /// It could not be started (not executable, refused by the audit
    /// trail...).
    Failed(String),
}

impl CommandEnd {
    /// A failure to start `program`, told apart when it does not exist.
    pub fn not_started(program: &str, e: &std::io::Error) -> CommandEnd {
        if e.kind() == std::io::ErrorKind::NotFound {
            CommandEnd::NotFound(program.to_owned())
        } else {
            CommandEnd::Failed(e.to_string())
        }
    }
}

/// The audit trail's action name of a command that writes: `noc:` and
/// its name, so the shift report counts each command apart.
pub fn audit_name(name: &str) -> String {
    format!("{AUDIT_PREFIX}{name}")
}

/// What [`audit_name`] puts before the command's name.
pub const AUDIT_PREFIX: &str = "noc:";

/// A finished run as the audit trail records it: exit 0 is `ok`; a
/// program that never started is `failed`; any other end (an error
/// code, a signal) is `unknown`, since the program may have changed
/// something before it stopped.
pub fn judge(end: &CommandEnd) -> (crate::audit::Outcome, Option<String>) {
    use crate::audit::Outcome;
    match end {
        CommandEnd::Exited(Some(0)) => (Outcome::Ok, None),
        CommandEnd::Exited(Some(code)) => (Outcome::Unknown, Some(format!("exit code {code}"))),
        CommandEnd::Exited(None) => (Outcome::Unknown, Some("ended by a signal".to_owned())),
        CommandEnd::NotFound(program) => (Outcome::Failed, Some(format!("{program}: not found"))),
        CommandEnd::Failed(detail) => (Outcome::Failed, Some(detail.clone())),
    }
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
        // Shell syntax is refused too: a line may hand the value to a
        // shell (`sh -c`, ssh's remote command).
        for syntax in [
            "$(reboot)",
            "`id`",
            "a;b",
            "a|b",
            "'\"",
            "*",
            "a&b",
            "x>y",
            "~",
        ] {
            let got = line.argv(|_| Some(syntax.to_owned()));
            assert_eq!(got, Err(Refusal::Unsafe(Placeholder::Login)), "{syntax}");
        }
        // What addresses, logins and codes are made of passes.
        for fine in [
            "ana.fibra@isp",
            "2001:db8::1/64",
            "fe80::1%eth0",
            "AA:BB:CC:00:11:22",
            "1006",
            "a_b+c=d",
        ] {
            let got = line.argv(|_| Some(fine.to_owned())).unwrap();
            assert_eq!(got[3], fine);
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
