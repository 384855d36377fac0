//! The command line as clap parses it. Help texts are filled from the i18n
//! catalog at run time (see `help.rs`), so the doc comments here are for
//! readers of the code only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::api::ServiceOrderStatus;
use crate::api::params::CustomerSearchBy;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(name = "hubdesk", version, disable_help_subcommand = true)]
pub struct Cli {
    /// Flags shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Use the embedded simulator instead of a server.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Console: instant type-ahead over an in-memory index of `cliente/all`.
    #[arg(long)]
    pub typeahead: bool,
    /// What to do; none runs the console.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags accepted before or after any command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Profile from the config file.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file to read instead of the default.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// HubSoft server address.
    #[arg(long, global = true, value_name = "URL")]
    pub host: Option<String>,
    /// Interface language.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// No colours.
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Colour theme.
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Refuse every action.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Mask personal data.
    #[arg(long, global = true)]
    pub privacy: bool,
    /// Accept an invalid TLS certificate.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Log level of the log file.
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Info)]
    pub log_level: LogLevel,
    /// Request timeout in seconds.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: Option<u64>,
    /// JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Do actions without asking.
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    // Light text on a dark terminal.
    Dark,
    // Dark text on a light terminal.
    Light,
    // No colours.
    Mono,
}

/// `--log-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    // Nothing is logged.
    Off,
    // Errors only.
    Error,
    // Errors and warnings.
    Warn,
    // Normal.
    Info,
    // Detailed.
    Debug,
    // Very detailed.
    Trace,
}

impl LogLevel {
    /// The tracing filter.
    pub fn filter(self) -> tracing_subscriber::filter::LevelFilter {
        use tracing_subscriber::filter::LevelFilter as L;
        match self {
            LogLevel::Off => L::OFF,
            LogLevel::Error => L::ERROR,
            LogLevel::Warn => L::WARN,
            LogLevel::Info => L::INFO,
            LogLevel::Debug => L::DEBUG,
            LogLevel::Trace => L::TRACE,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find customers.
    Search(SearchArgs),
    /// One customer with services.
    Customer {
        /// Customer code, CPF/CNPJ or service:ID.
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// A customer's invoices.
    Invoices {
        /// Customer code, CPF/CNPJ or service:ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Paid invoices too.
        #[arg(long)]
        all: bool,
        /// At most N invoices.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A customer's tickets.
    Tickets {
        /// Customer code, CPF/CNPJ or service:ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Closed tickets too.
        #[arg(long)]
        all: bool,
        /// At most N tickets.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A customer's service orders.
    Orders {
        /// Customer code, CPF/CNPJ or service:ID.
        #[arg(value_name = "REF")]
        reference: String,
        /// Only orders with this status.
        #[arg(long, value_enum, value_name = "S")]
        status: Option<OrderStatusArg>,
        /// At most N orders.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// A login's connection history.
    Connections {
        /// PPPoE/RADIUS login.
        login: String,
        /// First day.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// At most N sessions.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Trust unlock of a service.
    Unlock {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// Days unlocked.
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// Clear the MAC bound to a service.
    ResetMac {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Drop a service's session.
    Disconnect {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
    },
    /// Send an invoice again.
    SendInvoice {
        /// id_fatura.
        #[arg(value_name = "INVOICE_ID")]
        invoice_id: u64,
        /// Channel.
        #[arg(long, value_enum)]
        via: Via,
        /// Extra recipient.
        #[arg(long, value_name = "X")]
        to: Vec<String>,
    },
    /// Open or close a ticket.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Check the credentials.
    Login,
    /// The config file.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Run the simulator on its own.
    Sim(crate::sim::SimArgs),
    /// Latest audit entries.
    Audit {
        /// At most N entries.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Shell completions.
    Completions {
        /// Shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Manual page (roff).
    Man,
}

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for.
    #[arg(value_name = "TERM")]
    pub term: String,
    /// Search kind instead of detecting it.
    #[arg(long, value_enum, value_name = "KIND")]
    pub by: Option<KindArg>,
    /// Include cancelled services.
    #[arg(long)]
    pub cancelled: bool,
    /// At most N customers.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

/// `--by`: the 8 `busca` kinds of `/cliente`, by HubSoft's names or short ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    // Name or company name.
    #[value(name = "nome_razaosocial", alias = "name")]
    Name,
    // Trade name.
    #[value(name = "nome_fantasia", alias = "fantasy-name")]
    FantasyName,
    // CPF or CNPJ.
    #[value(name = "cpf_cnpj", alias = "document")]
    Document,
    // Customer code.
    #[value(name = "codigo_cliente", alias = "code")]
    Code,
    // Phone.
    #[value(name = "telefone", alias = "phone")]
    Phone,
    // RADIUS login.
    #[value(name = "login_radius", alias = "login")]
    Login,
    // IPv4 address.
    #[value(name = "ipv4")]
    Ipv4,
    // MAC address.
    #[value(name = "mac")]
    Mac,
}

impl From<KindArg> for CustomerSearchBy {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Name => CustomerSearchBy::Name,
            KindArg::FantasyName => CustomerSearchBy::FantasyName,
            KindArg::Document => CustomerSearchBy::Document,
            KindArg::Code => CustomerSearchBy::Code,
            KindArg::Phone => CustomerSearchBy::Phone,
            KindArg::Login => CustomerSearchBy::Login,
            KindArg::Ipv4 => CustomerSearchBy::Ipv4,
            KindArg::Mac => CustomerSearchBy::Mac,
        }
    }
}

/// `orders --status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderStatusArg {
    // Pending.
    #[value(name = "pendente", alias = "pending")]
    Pending,
    // Waiting to be scheduled.
    #[value(name = "aguardando_agendamento", alias = "scheduling")]
    AwaitingSchedule,
    // Finished.
    #[value(name = "finalizado", alias = "finished")]
    Finished,
}

impl OrderStatusArg {
    /// The API's status.
    pub fn to_api(self) -> ServiceOrderStatus {
        match self {
            OrderStatusArg::Pending => ServiceOrderStatus::Pending,
            OrderStatusArg::AwaitingSchedule => ServiceOrderStatus::AwaitingScheduling,
            OrderStatusArg::Finished => ServiceOrderStatus::Finished,
        }
    }
}

/// `send-invoice --via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    // E-mail.
    Email,
    // SMS.
    Sms,
    // App notification.
    Push,
}

/// `ticket ...`.
#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Open a ticket on a service.
    Open {
        /// id_cliente_servico.
        #[arg(value_name = "SERVICE_ID")]
        service_id: u64,
        /// What the customer reports.
        #[arg(long, value_name = "D")]
        description: String,
        /// Who asked.
        #[arg(long, value_name = "N")]
        name: String,
        /// Requester's phone.
        #[arg(long, value_name = "P")]
        phone: String,
        /// Requester's e-mail.
        #[arg(long, value_name = "E")]
        email: Option<String>,
        /// Also open a service order.
        #[arg(long)]
        with_order: bool,
    },
    /// Close a ticket.
    Close {
        /// id_atendimento.
        #[arg(value_name = "ID")]
        id: u64,
        /// Closing description.
        #[arg(long, value_name = "D")]
        description: Option<String>,
    },
}

/// `config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Where the config, data and logs are.
    Path,
    /// Check the config file.
    Check,
    /// Print a commented example config.
    Example,
}
